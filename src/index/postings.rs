//! Posting lists: from a key (a word, a shingle hash, a speaker id, an outlet) to the sorted set
//! of resource ids that carry it, plus an ordered set of every id of one resource type.

pub(super) use super::posting_id::{HexId, PostingId};
use super::posting_set::PostingSet;
use dashmap::DashMap;
use parking_lot::RwLock;
use std::borrow::Borrow;
use std::collections::BTreeSet;
use std::hash::Hash;

/// A concurrent map from key to a sorted set of ids. Readers get owned copies, never guards.
#[derive(Debug)]
pub(super) struct Postings<K: Eq + Hash, I: PostingId = String> {
    map: DashMap<K, PostingSet<I>, foldhash::fast::RandomState>,
}

impl<K: Eq + Hash, I: PostingId> Default for Postings<K, I> {
    fn default() -> Self {
        Postings {
            map: DashMap::default(),
        }
    }
}

impl<K: Eq + Hash + Clone, I: PostingId> Postings<K, I> {
    /// Adds `id` under `key` (see [`PostingId::add_to`]).
    pub(super) fn add(&self, key: K, id: &str) {
        I::add_to(&mut self.map.entry(key).or_default(), id);
    }

    /// Adds sorted, distinct held ids under `key` (see [`super::batch`]).
    pub(super) fn extend_sorted(&self, key: K, ids: Vec<I>) {
        self.map.entry(key).or_default().extend_sorted(ids);
    }

    /// Adds `id` under `key`, copying the key only when it is new.
    pub(super) fn add_key<Q>(&self, key: &Q, id: &str)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if let Some(mut set) = self.map.get_mut(key) {
            return I::add_to(&mut set, id);
        }
        self.add(key.to_owned(), id);
    }

    /// Removes `id` from under `key`, dropping the key when its set becomes empty.
    pub(super) fn remove<Q>(&self, key: &Q, id: &str)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let Some(held) = I::from_id(id) else {
            return;
        };
        let now_empty = match self.map.get_mut(key) {
            Some(mut set) => {
                set.remove(&held);
                set.is_empty()
            }
            None => false,
        };
        if now_empty {
            self.map.remove_if(key, |_, set| set.is_empty());
        }
    }

    /// A copy of the ids under `key` (empty when none).
    pub(super) fn get(&self, key: &K) -> BTreeSet<String> {
        self.map
            .get(key)
            .map(|s| s.iter().map(I::to_id).collect())
            .unwrap_or_default()
    }

    /// Runs `f` over the ids under `key` (an empty set when none) under the map's read guard,
    /// without copying them. `f` must not write to this posting map.
    pub(super) fn visit<R>(&self, key: &K, f: impl FnOnce(&PostingSet<I>) -> R) -> R {
        match self.map.get(key) {
            Some(set) => f(&set),
            None => f(&PostingSet::default()),
        }
    }

    /// Number of ids under `key`.
    pub(super) fn len(&self, key: &K) -> usize {
        self.map.get(key).map_or(0, |s| s.len())
    }

    /// Calls `f` with every key and its ids (invariant checks; not for serving paths).
    pub(super) fn for_each(&self, mut f: impl FnMut(&K, Vec<String>)) {
        for entry in self.map.iter() {
            f(entry.key(), entry.value().iter().map(I::to_id).collect());
        }
    }

    /// Number of distinct keys.
    #[cfg(test)]
    pub(super) fn keys(&self) -> usize {
        self.map.len()
    }
}

impl<K: Eq + Hash + Clone, I: PostingId> Postings<K, I> {
    /// Up to `limit` ids under `key` sorting after `after` (from the start when `None`), in
    /// order: one page of a posting list without copying the rest.
    pub(super) fn after(&self, key: &K, after: Option<&str>, limit: usize) -> Vec<String> {
        self.visit(key, |set| page_after(set, after, limit))
    }
}

/// Every id of one resource type, in order, for unfiltered listing.
#[derive(Debug)]
pub(super) struct OrderedIds<I: PostingId = String> {
    ids: RwLock<PostingSet<I>>,
}

impl<I: PostingId> Default for OrderedIds<I> {
    fn default() -> Self {
        OrderedIds {
            ids: RwLock::new(PostingSet::default()),
        }
    }
}

impl<I: PostingId> OrderedIds<I> {
    /// Adds an id.
    pub(super) fn insert(&self, id: &str) {
        I::add_to(&mut self.ids.write(), id);
    }

    /// Adds sorted, distinct ids (see [`super::batch`]).
    pub(super) fn extend_sorted(&self, ids: Vec<I>) {
        self.ids.write().extend_sorted(ids);
    }

    /// True when the id is present.
    pub(super) fn contains(&self, id: &str) -> bool {
        I::is_in(&self.ids.read(), id)
    }

    /// Removes an id.
    pub(super) fn remove(&self, id: &str) {
        if let Some(held) = I::from_id(id) {
            self.ids.write().remove(&held);
        }
    }

    /// Number of ids.
    pub(super) fn len(&self) -> usize {
        self.ids.read().len()
    }

    /// Up to `limit` ids sorting after `after` (from the start when `None`), in order.
    pub(super) fn after(&self, after: Option<&str>, limit: usize) -> Vec<String> {
        page_after(&self.ids.read(), after, limit)
    }
}

/// Up to `limit` ids of `set` sorting after `after` (from the start when `None`), in order.
fn page_after<I: PostingId>(set: &PostingSet<I>, after: Option<&str>, limit: usize) -> Vec<String> {
    match after.map(|a| (a, I::from_id(a))) {
        None => set.iter().take(limit).map(I::to_id).collect(),
        Some((_, Some(held))) => set.after(&held).take(limit).map(I::to_id).collect(),
        // a cursor this set cannot hold: the held order is the order of the strings
        Some((a, None)) => set
            .iter()
            .map(I::to_id)
            .filter(|id| id.as_str() > a)
            .take(limit)
            .collect(),
    }
}

/// Intersects sorted id sets, smallest first. `None` when there is no set to intersect.
pub(super) fn intersect(mut sets: Vec<BTreeSet<String>>) -> Option<BTreeSet<String>> {
    sets.sort_by_key(BTreeSet::len);
    let mut iter = sets.into_iter();
    let first = iter.next()?;
    Some(iter.fold(first, |acc, s| acc.intersection(&s).cloned().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_drops_empty_keys() {
        let p: Postings<String> = Postings::default();
        p.add("w".into(), "q1");
        p.add("w".into(), "q2");
        p.remove("w", "q1");
        assert_eq!(p.get(&"w".into()).len(), 1);
        p.remove("w", "q2");
        assert_eq!(p.keys(), 0);
    }

    #[test]
    fn hex_ids_are_held_as_numbers_in_string_order() {
        let p: Postings<u64, HexId> = Postings::default();
        let ids = ["00000000000000ff", "0a00000000000000", "ffffffffffffffff"];
        for id in ids.iter().rev() {
            p.add(7, id);
            p.add(7, id);
        }
        assert_eq!(p.len(&7), 3);
        assert_eq!(p.get(&7).into_iter().collect::<Vec<_>>(), ids);
        for bad in [
            "FF",
            "00000000000000FF",
            "0000000000000g00",
            "+0000000000000ff",
        ] {
            assert_eq!(HexId::from_id(bad), None, "{bad}");
            p.remove(&7, bad);
        }
        p.remove(&7, ids[1]);
        assert_eq!(p.get(&7).len(), 2);
        // every id the index makes for quotes and claims can be held this way
        for key in ["", "a quote", "claimant|words"] {
            let id = super::super::keys::hash_id(key);
            assert_eq!(HexId::from_id(&id).map(|h| h.to_id()), Some(id));
        }
    }

    #[test]
    fn hex_postings_page_after_any_cursor_in_string_order() {
        let p: Postings<u64, HexId> = Postings::default();
        let ids = ["00000000000000ff", "0a00000000000000", "ffffffffffffffff"];
        for id in ids {
            p.add(1, id);
        }
        assert_eq!(p.after(&1, None, 2), ids[..2]);
        assert_eq!(p.after(&1, Some(ids[0]), 5), ids[1..]);
        // a cursor no quote id has (from a crafted token) still pages by the strings' order
        assert_eq!(p.after(&1, Some("0a"), 5), ids[1..]);
        assert_eq!(p.after(&1, Some("zz"), 5), Vec::<String>::new());
        assert_eq!(p.after(&2, Some(ids[0]), 5), Vec::<String>::new());
    }

    #[test]
    fn ordered_ids_page_after_a_key() {
        let ids: OrderedIds = OrderedIds::default();
        for id in ["c", "a", "b"] {
            ids.insert(id);
        }
        assert_eq!(ids.after(None, 2), ["a", "b"]);
        assert_eq!(ids.after(Some("a"), 5), ["b", "c"]);
    }

    #[test]
    fn ordered_hex_ids_list_look_up_and_drop_by_their_strings() {
        let ids: OrderedIds<HexId> = OrderedIds::default();
        let hex = ["00000000000000ff", "0a00000000000000", "ffffffffffffffff"];
        for id in hex.iter().rev() {
            ids.insert(id);
            ids.insert(id);
        }
        assert_eq!(ids.len(), 3);
        assert!(ids.contains(hex[1]) && !ids.contains("0a") && !ids.contains("0A00000000000000"));
        assert_eq!(ids.after(Some("0a"), 5), hex[1..]);
        ids.remove("0A00000000000000");
        ids.remove(hex[1]);
        assert_eq!(ids.after(None, 5), [hex[0], hex[2]]);
        ids.extend(vec![hex[1].to_string(), "not hex".to_string()]);
        assert_eq!(ids.after(None, 5), hex);
    }

    #[test]
    fn intersect_smallest_first() {
        let a: BTreeSet<String> = ["1", "2", "3"].map(String::from).into();
        let b: BTreeSet<String> = ["2", "3"].map(String::from).into();
        assert_eq!(intersect(vec![a, b]).unwrap().len(), 2);
        assert!(intersect(vec![]).is_none());
    }
}
