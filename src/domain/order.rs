//! Stable sorting that costs the web bundle one copy of the sort, whatever is sorted.
//!
//! Each `sort_by` of a new element type or comparison compiles the whole standard sort again
//! (2 to 5 KB of wasm each). In the browser, [`sort_by`] sorts positions (one instance,
//! shared by every caller) and then moves the items into that order; natively it is the
//! standard sort. The order is the same: stable, by the comparison given. Measured on
//! 2026-11-29: the page's ten stable sorts moved here took 27 KB off the optimised wasm
//! (4.4 KB gzip); the sorts left are those of the libraries.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping equal items in their order (like `slice::sort_by`).
// A `Vec`, not a slice: the browser's way moves the items out and back.
#[allow(clippy::ptr_arg)]
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    by_positions(items, &cmp);
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_by(cmp);
}

/// Sorts `items` by a key, keeping equal items in their order (like `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The value named `name` in a list of (name, value) sorted by name with one entry each: a
/// map as a plain list. Measured on 2026-11-29: as a [`crate::domain::sorted_map::SortedMap`],
/// the two lists built already sorted (`Downtime::services`, `service_availability`) cost the
/// first load 1 KB gzip more, so they stay lists (likely the collecting: each map type
/// collected compiles its own sort and merge).
pub fn by_name<'a, T>(list: &'a [(String, T)], name: &str) -> Option<&'a T> {
    list.binary_search_by(|(n, _)| n.as_str().cmp(name))
        .ok()
        .and_then(|i| list.get(i))
        .map(|(_, v)| v)
}

/// The browser's way: positions sorted by one shared sort, then the items moved.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn by_positions<T>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let order = {
        let view: &[T] = items;
        positions(view.len(), &|a, b| match (view.get(a), view.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })
    };
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    *items = order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect();
}

/// `0..n` sorted by `cmp` (stable): the one instance of the standard sort this module needs.
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_positions_gives_the_standard_stable_order() {
        // Pairs with many equal keys: stability shows in the second field.
        let items: Vec<(u8, usize)> = (0..200).map(|i| ((i * 7 % 5) as u8, i)).collect();
        let mut standard = items.clone();
        standard.sort_by_key(|p| std::cmp::Reverse(p.0));
        let mut shared = items.clone();
        by_positions(&mut shared, &|a: &(u8, usize), b: &(u8, usize)| {
            b.0.cmp(&a.0)
        });
        assert_eq!(shared, standard);
        let mut keyed = items;
        sort_by_key(&mut keyed, |p| std::cmp::Reverse(p.0));
        assert_eq!(keyed, standard);
        let mut empty: Vec<String> = Vec::new();
        by_positions(&mut empty, &|a: &String, b: &String| a.cmp(b));
        assert!(empty.is_empty());
    }
}
