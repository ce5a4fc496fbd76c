//! A map from text keys in key order: what merging needs of a `BTreeMap` (a slot by key,
//! lookup, insertion, iteration in order) as one sorted list. The maps hold tens of entries
//! (assessors, indicators, a file's assessments), and in the browser each `BTreeMap` type is
//! kilobytes of code of its own.

/// Sorts `v` stably by `cmp`, by insertion: the lists sorted here are short (an object's keys,
/// a team's assessors, an answer's versions, 28 indicators), and the standard sort is
/// kilobytes of browser code for each type it sorts.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]).is_gt() {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[derive(Debug)]
pub struct Map<V>(Vec<(String, V)>);

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map(Vec::new())
    }
}

impl<V> Map<V> {
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value of `key`, made by `Default` if there is none yet.
    pub fn slot(&mut self, key: String) -> &mut V
    where
        V: Default,
    {
        let at = match self.find(&key) {
            Ok(at) => at,
            Err(at) => {
                self.0.insert(at, (key, V::default()));
                at
            }
        };
        &mut self.0[at].1
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|at| &self.0[at].1)
    }

    pub fn insert(&mut self, key: String, value: V) {
        match self.find(&key) {
            Ok(at) => self.0[at].1 = value,
            Err(at) => self.0.insert(at, (key, value)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V> IntoIterator for Map<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = &'a (String, V);
    type IntoIter = std::slice::Iter<'a, (String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::{sort_by, Map};

    #[test]
    fn sorts_stably() {
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by(&mut v, |x, y| x.0.cmp(&y.0));
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        let mut empty: [u8; 0] = [];
        sort_by(&mut empty, |x, y| x.cmp(y));
    }

    #[test]
    fn in_key_order_whatever_the_order_of_insertion() {
        let mut m: Map<Vec<u8>> = Map::default();
        for (k, v) in [("jb", 1), ("amina", 2), ("kofi", 3), ("amina", 4)] {
            m.slot(k.into()).push(v);
        }
        m.insert("bo".into(), vec![9]);
        m.insert("jb".into(), vec![5]);
        assert_eq!(m.get("amina"), Some(&vec![2, 4]));
        assert_eq!(m.get("zed"), None);
        let keys: Vec<String> = m.into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["amina", "bo", "jb", "kofi"]);
    }
}
