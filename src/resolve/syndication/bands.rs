//! The band buckets of locality-sensitive hashing: which articles share one band of their
//! signatures. An article has 16 bands and nearly every bucket holds one article, so a bucket is
//! a 12-byte entry (its key and the article's number) in one table, and only a bucket with more
//! articles keeps the rest in a list beside it.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;

/// A band's key (a 64-bit hash, kept as two halves so that an entry packs into 12 bytes).
type Key = [u32; 2];

fn key(hash: u64) -> Key {
    [hash as u32, (hash >> 32) as u32]
}

/// Article numbers by band key, each bucket in the order its articles arrived.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Bands {
    /// The first article of each bucket.
    first: FxHashMap<Key, u32>,
    /// The others, for the few buckets with more than one.
    more: FxHashMap<Key, Vec<u32>>,
}

impl Bands {
    /// The articles in the bucket of `hash`, in order of arrival.
    pub(super) fn get(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        let k = key(hash);
        let first = self.first.get(&k).copied();
        let more = first.and_then(|_| self.more.get(&k));
        first.into_iter().chain(more.into_iter().flatten().copied())
    }

    /// Adds article `number` to the bucket of `hash`, last.
    pub(super) fn push(&mut self, hash: u64, number: u32) {
        let k = key(hash);
        match self.first.entry(k) {
            Entry::Occupied(_) => self.more.entry(k).or_default().push(number),
            Entry::Vacant(v) => {
                v.insert(number);
            }
        }
    }

    /// Removes article `number` from the bucket of `hash`; the others keep their order.
    pub(super) fn remove(&mut self, hash: u64, number: u32) {
        let k = key(hash);
        let Some(&first) = self.first.get(&k) else {
            return;
        };
        let Some(more) = self.more.get_mut(&k) else {
            if first == number {
                self.first.remove(&k);
            }
            return;
        };
        if first == number {
            let next = more.remove(0);
            self.first.insert(k, next);
        } else {
            more.retain(|&x| x != number);
        }
        if more.is_empty() {
            self.more.remove(&k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Against a map of lists: the same articles in each bucket, in the same order, through
        /// any pushes and removals.
        #[test]
        fn buckets_keep_their_articles_in_order(
            ops in prop::collection::vec((any::<bool>(), 0u64..6, 0u32..8), 0..200),
        ) {
            let mut bands = Bands::default();
            let mut model: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
            for (push, h, n) in ops {
                // high bits too, so that both halves of the key matter
                let hash = h.wrapping_mul(0x9E37_79B9_7F4A_7C15);
                let list = model.entry(hash).or_default();
                if push && !list.contains(&n) {
                    list.push(n);
                    bands.push(hash, n);
                } else if !push {
                    list.retain(|&x| x != n);
                    bands.remove(hash, n);
                }
            }
            for (hash, list) in &model {
                prop_assert_eq!(&bands.get(*hash).collect::<Vec<_>>(), list);
            }
            let held = bands.first.len() + bands.more.values().map(Vec::len).sum::<usize>();
            prop_assert_eq!(held, model.values().map(Vec::len).sum::<usize>());
            prop_assert!(bands.more.values().all(|m| !m.is_empty()));
        }
    }
}
