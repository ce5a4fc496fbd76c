//! Small sorts. The engine sorts short lists (alarms, answers, drivers: tens of items) and
//! columns of numbers; std's sorts are kilobytes of wasm for each element type, on the first
//! load (measured: 25 KB of the core module's 187 KB). Every sort here gives what std's would:
//! `by_key` is stable, and `heap_by` is used only with orders that leave no ties between
//! distinguishable items.

use std::cmp::Ordering;

/// Sorts `v` by `key`, stably: insertion sort, for short lists.
pub fn by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `v` by `cmp` in O(n log n) (heapsort): not stable, so `cmp` must be a total order
/// under which equal items are indistinguishable (e.g. `f64::total_cmp`, or a key ending in
/// the item's position).
pub fn heap_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let less = |v: &[T], a: usize, b: usize| cmp(&v[a], &v[b]) == Ordering::Less;
    let sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(v, child, child + 1) {
            child += 1;
        }
        if !less(v, root, child) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    let n = v.len();
    for i in (0..n / 2).rev() {
        sift(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// Sorts numbers by `f64::total_cmp`.
pub fn floats(v: &mut [f64]) {
    heap_by(v, f64::total_cmp);
}

/// The positions `0..keys.len()` in the order of their keys, equal keys by position: the
/// order of `(key, position)` pairs.
pub fn order<K: Ord>(keys: &[K]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    heap_by(&mut order, |&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    order
}

/// The positions of `keys` whose key came earlier too, each with the first position of its
/// key, in position order: duplicates found without a hash map, from `order` (as [`order`]
/// gives it).
pub fn repeats<K: Eq>(keys: &[K], order: &[usize]) -> Vec<(usize, usize)> {
    // Each position's first, where a run of equal keys has an earlier one: runs are sorted
    // by position, so a run's first item has the smallest.
    let mut first = vec![usize::MAX; keys.len()];
    let mut run = 0;
    for w in 1..order.len() {
        if keys[order[w - 1]] == keys[order[w]] {
            first[order[w]] = order[run];
        } else {
            run = w;
        }
    }
    let mut out = Vec::new();
    for (i, &f) in first.iter().enumerate() {
        if f != usize::MAX {
            out.push((i, f));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_order_as_std() {
        let mut seed = 7u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in [0, 1, 2, 3, 10, 100, 1000] {
            let pairs: Vec<(u64, usize)> = (0..n).map(|i| (next() % 7, i)).collect();
            let mut ours = pairs.clone();
            by_key(&mut ours, |p| p.0);
            let mut theirs = pairs.clone();
            theirs.sort_by_key(|p| p.0);
            assert_eq!(ours, theirs, "stable, {n}");

            let mut xs: Vec<f64> = (0..n)
                .map(|i| match i % 9 {
                    0 => -0.0,
                    1 => 0.0,
                    2 => f64::NAN,
                    3 => f64::NEG_INFINITY,
                    _ => (next() % 1000) as f64 / 7.0 - 50.0,
                })
                .collect();
            let mut theirs = xs.clone();
            theirs.sort_by(f64::total_cmp);
            floats(&mut xs);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&xs), bits(&theirs), "floats, {n}");
        }
    }

    #[test]
    fn repeats_name_each_later_duplicate_and_its_first() {
        let ids = ["a", "b", "a", "c", "b", "a"];
        assert_eq!(order(&ids), vec![0, 2, 5, 1, 4, 3]);
        assert_eq!(repeats(&ids, &order(&ids)), vec![(2, 0), (4, 1), (5, 0)]);
        assert!(repeats::<&str>(&[], &[]).is_empty());
    }
}
