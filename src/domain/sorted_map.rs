//! A map kept as a list sorted by key: what the domain's small maps (an incident's evidence,
//! the reasons incidents were left out, a breakdown's groups, the user's corrections) need,
//! without a B-tree.
//!
//! Each `BTreeMap` type compiles its own copy of the tree (insert, search, iterate, clone,
//! drop) into the page; these maps hold a few to a few hundred keys, where a sorted list is as
//! fast and its code is a binary search and a `Vec`. It iterates, compares, prints and
//! serialises like a `BTreeMap` (keys in order, a JSON object), so the CLI's output and the
//! saved data are the same. Measured on 2026-11-29: see docs/ARCHITECTURE.md.

use std::borrow::Borrow;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A map from keys to values, kept sorted by key with one entry per key.
#[derive(Clone, PartialEq, Eq)]
pub struct SortedMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap {
            entries: Vec::new(),
        }
    }
}

impl<K, V> SortedMap<K, V> {
    pub const fn new() -> Self {
        SortedMap {
            entries: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter {
            inner: self.entries.iter(),
        }
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// Keeps the entries `keep` says yes to, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    /// The entries as a list sorted by key.
    pub fn as_slice(&self) -> &[(K, V)] {
        &self.entries
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// Where `key` is (`Ok`) or would go (`Err`).
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        let at = self.find(key).ok()?;
        self.entries.get(at).map(|(_, v)| v)
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        let at = self.find(key).ok()?;
        self.entries.get_mut(at).map(|(_, v)| v)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// A map of `pairs`; a later pair replaces an earlier one with the same key. Pairs in
    /// key order with one entry per key (as this crate writes maps) are taken as
    /// they are; others are sorted once, with the shared sort of [`crate::domain::order`]:
    /// inserting them one by one could move the whole list for each pair.
    pub fn from_pairs(mut pairs: Vec<(K, V)>) -> Self {
        let in_order = pairs.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0));
        if in_order {
            return SortedMap { entries: pairs };
        }
        crate::domain::order::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
        let mut entries: Vec<(K, V)> = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            match entries.last_mut() {
                // Stable sort: the later of equal keys comes later and wins.
                Some(last) if last.0 == k => last.1 = v,
                _ => entries.push((k, v)),
            }
        }
        SortedMap { entries }
    }

    /// Sets `key` to `value`, returning the value it replaces. A key after every other is
    /// added at the end at once; elsewhere the entries after it move along (build a large map
    /// from unordered pairs with [`SortedMap::from_pairs`]).
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        if self.entries.last().is_none_or(|(last, _)| *last < key) {
            self.entries.push((key, value));
            return None;
        }
        match self.find(&key) {
            Ok(at) => self
                .entries
                .get_mut(at)
                .map(|(_, v)| std::mem::replace(v, value)),
            Err(at) => {
                self.entries.insert(at, (key, value));
                None
            }
        }
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let at = self.find(key).ok()?;
        Some(self.entries.remove(at).1)
    }

    /// The entry for `key`, to read or fill in place (like `BTreeMap::entry`).
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        let at = self.find(&key);
        Entry { map: self, key, at }
    }
}

/// One key's place in a [`SortedMap`], filled or not.
pub struct Entry<'a, K, V> {
    map: &'a mut SortedMap<K, V>,
    key: K,
    at: Result<usize, usize>,
}

impl<'a, K, V> Entry<'a, K, V> {
    /// The value, put in by `make` if the key had none.
    // `at` is in bounds: the key was found there, or has just been inserted there.
    #[allow(clippy::indexing_slicing)]
    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> &'a mut V {
        let entries = &mut self.map.entries;
        let at = match self.at {
            Ok(at) => at,
            Err(at) => {
                entries.insert(at, (self.key, make()));
                at
            }
        };
        &mut entries[at].1
    }

    pub fn or_insert(self, value: V) -> &'a mut V {
        self.or_insert_with(|| value)
    }

    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }
}

/// The entries of a [`SortedMap`] in key order, borrowed.
pub struct Iter<'a, K, V> {
    inner: std::slice::Iter<'a, (K, V)>,
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|(k, v)| (k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<K, V> DoubleEndedIterator for Iter<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(|(k, v)| (k, v))
    }
}

impl<K, V> ExactSizeIterator for Iter<'_, K, V> {}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Iter<'a, K, V> {
        self.iter()
    }
}

impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// Collects pairs into a map; a later pair replaces an earlier one with the same key (as
/// collecting into a `BTreeMap` does). See [`SortedMap::from_pairs`].
impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        Self::from_pairs(pairs.into_iter().collect())
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for SortedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(std::marker::PhantomData<(K, V)>);

        impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
            type Value = SortedMap<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                // Gathered, then sorted once: a file can list its keys in any order.
                let mut pairs = Vec::new();
                while let Some(pair) = access.next_entry()? {
                    pairs.push(pair);
                }
                Ok(SortedMap::from_pairs(pairs))
            }
        }

        deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Pairs with repeated keys, out of order.
    fn pairs() -> Vec<(String, u32)> {
        [
            "kind",
            "started_at",
            "kind",
            "severity",
            "a",
            "started_at",
            "b",
        ]
        .iter()
        .enumerate()
        .map(|(i, k)| (k.to_string(), i as u32))
        .collect()
    }

    #[test]
    fn inserting_and_collecting_give_the_btree_map() {
        let tree: BTreeMap<String, u32> = pairs().into_iter().collect();
        let collected: SortedMap<String, u32> = pairs().into_iter().collect();
        let mut inserted = SortedMap::new();
        let mut replaced = Vec::new();
        for (k, v) in pairs() {
            replaced.extend(inserted.insert(k, v));
        }
        // "kind" 0 and "started_at" 1 were replaced by their later values.
        assert_eq!(replaced, vec![0, 1]);
        for map in [&collected, &inserted] {
            let listed: Vec<(&String, &u32)> = map.iter().collect();
            assert_eq!(listed, tree.iter().collect::<Vec<_>>());
            assert_eq!(map.len(), 5);
            assert_eq!(map.get("kind"), Some(&2));
            assert_eq!(map.get("missing"), None);
            assert!(map.contains_key("b") && !map.contains_key("c"));
            assert_eq!(format!("{map:?}"), format!("{tree:?}"));
            assert_eq!(
                serde_json::to_string(map).unwrap(),
                serde_json::to_string(&tree).unwrap()
            );
        }
        assert_eq!(collected, inserted);
        let back: SortedMap<String, u32> =
            serde_json::from_str(r#"{"z": 1, "a": 2, "z": 3}"#).unwrap();
        assert_eq!(
            back.as_slice(),
            &[("a".to_string(), 2), ("z".to_string(), 3)]
        );
    }

    #[test]
    fn pairs_in_any_order_make_the_same_map() {
        // Keys in descending order, as a hostile file could list them: sorted once.
        let keys: Vec<String> = (0..20_000).rev().map(|i| format!("k{i:05}")).collect();
        let descending: Vec<(String, u32)> = keys.iter().cloned().zip(0u32..).collect();
        let json = serde_json::to_string(
            &descending
                .iter()
                .cloned()
                .collect::<BTreeMap<String, u32>>(),
        )
        .unwrap();
        let reversed = format!(
            "{{{}}}",
            descending
                .iter()
                .map(|(k, v)| format!("\"{k}\":{v}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let from_json: SortedMap<String, u32> = serde_json::from_str(&reversed).unwrap();
        assert_eq!(serde_json::to_string(&from_json).unwrap(), json);
        let from_pairs = SortedMap::from_pairs(descending.clone());
        assert_eq!(from_pairs, from_json);
        assert_eq!(from_pairs.get("k00000"), Some(&19_999));
        assert_eq!(from_pairs.keys().next().map(String::as_str), Some("k00000"));
        // Already in order: taken as it is.
        let ascending: Vec<(String, u32)> =
            from_pairs.iter().map(|(k, v)| (k.clone(), *v)).collect();
        assert_eq!(
            SortedMap::from_pairs(ascending.clone()).as_slice(),
            ascending.as_slice()
        );
        // Inserting at the end, then in the middle, keeps the order.
        let mut map = SortedMap::new();
        for (k, v) in [("a", 1), ("c", 3), ("d", 4), ("b", 2)] {
            assert_eq!(map.insert(k, v), None);
        }
        assert_eq!(map.as_slice(), &[("a", 1), ("b", 2), ("c", 3), ("d", 4)]);
        assert_eq!(map.insert("d", 5), Some(4));
    }

    #[test]
    fn entries_count_and_remove() {
        let mut counts: SortedMap<&str, usize> = SortedMap::new();
        for word in ["b", "a", "b", "c", "b"] {
            *counts.entry(word).or_default() += 1;
        }
        assert_eq!(counts.as_slice(), &[("a", 1), ("b", 3), ("c", 1)]);
        *counts.entry("a").or_insert(10) += 1;
        assert_eq!(counts.get("a"), Some(&2));
        assert_eq!(counts.remove("b"), Some(3));
        assert_eq!(counts.remove("b"), None);
        counts.retain(|k, _| *k != "c");
        assert_eq!(counts.keys().copied().collect::<Vec<_>>(), vec!["a"]);
        for v in counts.values_mut() {
            *v = 7;
        }
        assert_eq!(counts.values().sum::<usize>(), 7);
        assert!(!counts.is_empty());
        assert!(SortedMap::<u8, u8>::new().is_empty());
    }
}
