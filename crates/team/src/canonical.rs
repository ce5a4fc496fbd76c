//! JSON values compared as contents: object keys in any order are the same object, and a total
//! order so that every choice between two values is the same whatever order they came in.

use resilience::value::Value;
use std::cmp::Ordering;

/// The value with every object's keys sorted (recursively).
pub fn canonical(v: &Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        Value::Object(fields) => {
            let mut f: Vec<(String, Value)> = fields
                .iter()
                .map(|(k, v)| (k.clone(), canonical(v)))
                .collect();
            crate::map::sort_by(&mut f, |a, b| a.0.cmp(&b.0));
            Value::Object(f)
        }
        other => other.clone(),
    }
}

fn rank(v: &Value) -> u8 {
    match v {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    }
}

/// A total order of values (of canonical values, for objects: keys compared in order).
pub fn cmp(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Number(x), Value::Number(y)) => x.total_cmp(y),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Array(x), Value::Array(y)) => x
            .iter()
            .zip(y)
            .map(|(p, q)| cmp(p, q))
            .find(|o| o.is_ne())
            .unwrap_or_else(|| x.len().cmp(&y.len())),
        (Value::Object(x), Value::Object(y)) => x
            .iter()
            .zip(y)
            .map(|(p, q)| p.0.cmp(&q.0).then_with(|| cmp(&p.1, &q.1)))
            .find(|o| o.is_ne())
            .unwrap_or_else(|| x.len().cmp(&y.len())),
        _ => rank(a).cmp(&rank(b)),
    }
}
