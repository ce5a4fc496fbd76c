//! Problems found in input, each with where it is: a JSON path (`$.root.children[2].weight`)
//! or a CSV place (`row 4, column "justice.access"`). Readers collect all of them at once.

use crate::value::{blank, path_key, quote, Value};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub path: String,
    pub message: String,
}

impl Issue {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue {
            path: path.into(),
            message: message.into(),
        }
    }

    /// `path: message`, as `Display` writes it (made without `core::fmt`).
    pub fn line(&self) -> String {
        cat!(self.path, ": ", self.message)
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.line())
    }
}

/// The items of an optional list at `path`: none when it is absent, and none with a problem
/// saying what was `expected` ("a list of measures such as […]") when it is not a list.
pub fn optional_list<'a>(
    value: Option<&'a Value>,
    path: &str,
    expected: &str,
    issues: &mut Vec<Issue>,
) -> &'a [Value] {
    match value {
        None => &[],
        Some(Value::Array(items)) => items,
        Some(other) => not_a(other, path, expected, issues),
    }
}

/// The entries of an optional object at `path`, as [`optional_list`] reads a list.
pub fn optional_object<'a>(
    value: Option<&'a Value>,
    path: &str,
    expected: &str,
    issues: &mut Vec<Issue>,
) -> &'a [(String, Value)] {
    match value {
        None => &[],
        Some(Value::Object(entries)) => entries,
        Some(other) => not_a(other, path, expected, issues),
    }
}

fn not_a<T>(found: &Value, path: &str, expected: &str, issues: &mut Vec<Issue>) -> &'static [T] {
    issues.push(Issue::new(
        path,
        cat!("expected ", expected, ", found ", found.kind()),
    ));
    &[]
}

/// Reads the fields of one JSON object, noting every problem and every key it did not expect.
pub struct Fields<'a> {
    pub path: &'a str,
    value: &'a Value,
    known: &'static [&'static str],
}

impl<'a> Fields<'a> {
    /// `None` (with an issue) when `value` is not an object.
    pub fn open(
        value: &'a Value,
        path: &'a str,
        known: &'static [&'static str],
        issues: &mut Vec<Issue>,
    ) -> Option<Self> {
        match value {
            Value::Object(fields) => {
                for (key, _) in fields {
                    // Keys starting with "_" are comments or extensions, left alone.
                    if !key.starts_with('_') && !known.contains(&key.as_str()) {
                        issues.push(Issue::new(
                            path_key(path, key),
                            cat!(
                                "unknown field ",
                                quote(key),
                                "; expected one of: ",
                                crate::cat::list(known)
                            ),
                        ));
                    }
                }
                Some(Fields { path, value, known })
            }
            other => {
                issues.push(Issue::new(
                    path,
                    cat!("expected an object, found ", other.kind()),
                ));
                None
            }
        }
    }

    /// The value of `key`, treating JSON null as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        debug_assert!(self.known.contains(&key));
        match self.value.get(key) {
            None | Some(Value::Null) => None,
            some => some,
        }
    }

    pub fn at(&self, key: &str) -> String {
        path_key(self.path, key)
    }

    pub fn string(&self, key: &str, required: bool, issues: &mut Vec<Issue>) -> Option<String> {
        match self.get(key) {
            Some(Value::String(s)) if !blank(s) => Some(s.clone()),
            Some(Value::String(_)) if required => {
                issues.push(Issue::new(self.at(key), "must not be empty"));
                None
            }
            Some(Value::String(_)) => None,
            Some(other) => {
                issues.push(Issue::new(
                    self.at(key),
                    cat!("expected a string, found ", other.kind()),
                ));
                None
            }
            None if required => {
                issues.push(Issue::new(self.at(key), "is required"));
                None
            }
            None => None,
        }
    }

    /// A finite number, or `default` when absent.
    pub fn number(&self, key: &str, default: Option<f64>, issues: &mut Vec<Issue>) -> Option<f64> {
        match self.get(key) {
            Some(Value::Number(n)) if n.is_finite() => Some(*n),
            Some(other) => {
                issues.push(Issue::new(
                    self.at(key),
                    cat!("expected a finite number, found ", other.kind()),
                ));
                None
            }
            None => {
                if default.is_none() {
                    issues.push(Issue::new(self.at(key), "is required"));
                }
                default
            }
        }
    }

    /// One of `allowed` (by name), or `default` when absent.
    pub fn choice<T: Copy>(
        &self,
        key: &str,
        allowed: &[(&str, T)],
        default: Option<T>,
        issues: &mut Vec<Issue>,
    ) -> Option<T> {
        let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
        match self.choice_index(key, &names, default.is_some(), issues) {
            Some(i) => Some(allowed[i].1),
            None => default.filter(|_| self.get(key).is_none()),
        }
    }

    /// [`Fields::choice`]'s work, once for every kind of choice: the index in `names` of the
    /// value given, `None` when it is absent (a problem unless `optional`) or not one of them.
    fn choice_index(
        &self,
        key: &str,
        names: &[&str],
        optional: bool,
        issues: &mut Vec<Issue>,
    ) -> Option<usize> {
        match self.get(key) {
            Some(Value::String(s)) => {
                let found = names.iter().position(|name| name == s);
                if found.is_none() {
                    issues.push(Issue::new(
                        self.at(key),
                        cat!(
                            "unknown ",
                            key,
                            " ",
                            quote(s),
                            "; expected one of: ",
                            crate::cat::list(names)
                        ),
                    ));
                }
                found
            }
            Some(other) => {
                issues.push(Issue::new(
                    self.at(key),
                    cat!("expected a string, found ", other.kind()),
                ));
                None
            }
            None => {
                if !optional {
                    issues.push(Issue::new(self.at(key), "is required"));
                }
                None
            }
        }
    }
}
