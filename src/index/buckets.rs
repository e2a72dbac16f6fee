//! A long set of ids that are hashes, filed by their top bits: each bucket is a short sorted list
//! of the ids that share those bits, and the buckets in order list the ids in order.
//!
//! Adding an id to a long B-tree set walks four or five nodes spread over memory, a cache miss
//! each; quote and claim ids are hashes, so every insert lands somewhere new. Here the id's top
//! bits name its bucket, and the insert shifts a few dozen ids within it.

use std::slice;

/// Ids whose values are spread evenly over 64 bits (hashes), so that their top bits file them.
pub(super) trait Spread: Ord + Clone {
    /// Whether ids of this kind are spread evenly over 64 bits.
    const SPREAD: bool = false;
    /// The id as 64 bits, in the id's order; meaningful only when [`Spread::SPREAD`].
    fn bits(&self) -> u64 {
        0
    }
}

impl Spread for String {}

/// Most ids per bucket on average: past it the buckets are doubled.
const AVERAGE: usize = 32;
/// A bucket this long means the ids are not spread evenly after all (see [`Added::Skewed`]).
const SKEWED: usize = 32 * AVERAGE;
/// Most top bits used (2^24 buckets hold half a billion ids).
const MAX_BITS: u32 = 24;

/// What [`Buckets::insert`] did.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Added {
    /// The id was new.
    New,
    /// The id was there.
    Present,
    /// The id was new and its bucket is now longer than evenly spread ids make it: the set is
    /// better held as a B-tree.
    Skewed,
}

/// Sorted, distinct ids filed by their top bits.
#[derive(Clone, Debug)]
pub(super) struct Buckets<I> {
    /// How many top bits name a bucket (from 1 to [`MAX_BITS`]).
    bits: u32,
    /// `1 << bits` sorted lists.
    buckets: Box<[Vec<I>]>,
    len: usize,
}

/// The fewest top bits that keep `n` ids at most [`AVERAGE`] to a bucket.
fn bits_for(n: usize) -> u32 {
    let buckets = n.div_ceil(AVERAGE).max(2).next_power_of_two();
    buckets.trailing_zeros().min(MAX_BITS)
}

impl<I: Spread> Buckets<I> {
    /// The set of `sorted` (sorted and distinct); `Err` gives them back when they are not spread
    /// evenly enough to file this way.
    pub(super) fn from_sorted(sorted: Vec<I>) -> Result<Self, Vec<I>> {
        let bits = bits_for(sorted.len());
        let mut counts = vec![0usize; 1 << bits];
        for id in &sorted {
            counts[bucket_of(id, bits)] += 1;
        }
        if counts.iter().any(|&n| n > SKEWED) {
            return Err(sorted);
        }
        let mut buckets: Box<[Vec<I>]> = counts.into_iter().map(Vec::with_capacity).collect();
        let len = sorted.len();
        for id in sorted {
            buckets[bucket_of(&id, bits)].push(id);
        }
        Ok(Buckets { bits, buckets, len })
    }

    /// Number of ids.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds `id`.
    pub(super) fn contains(&self, id: &I) -> bool {
        self.buckets[bucket_of(id, self.bits)]
            .binary_search(id)
            .is_ok()
    }

    /// Adds `id`.
    pub(super) fn insert(&mut self, id: I) -> Added {
        let bucket = &mut self.buckets[bucket_of(&id, self.bits)];
        let Err(at) = bucket.binary_search(&id) else {
            return Added::Present;
        };
        bucket.insert(at, id);
        let skewed = bucket.len() > SKEWED;
        self.len += 1;
        if self.len > self.buckets.len() * AVERAGE && self.bits < MAX_BITS {
            self.split();
        }
        if skewed { Added::Skewed } else { Added::New }
    }

    /// Removes `id`; false when it was not there.
    pub(super) fn remove(&mut self, id: &I) -> bool {
        let bucket = &mut self.buckets[bucket_of(id, self.bits)];
        match bucket.binary_search(id) {
            Ok(at) => {
                bucket.remove(at);
                self.len -= 1;
                true
            }
            Err(_) => false,
        }
    }

    /// Doubles the buckets: each splits in two by the next bit, its lower half first.
    fn split(&mut self) {
        let bits = self.bits + 1;
        let old = std::mem::take(&mut self.buckets);
        let mut buckets = Vec::with_capacity(old.len() * 2);
        for mut low in old {
            let at = low.partition_point(|id| bucket_of(id, bits) & 1 == 0);
            let high = low.split_off(at);
            low.shrink_to_fit();
            buckets.push(low);
            buckets.push(high);
        }
        self.bits = bits;
        self.buckets = buckets.into_boxed_slice();
    }

    /// Every id, in order.
    pub(super) fn iter(&self) -> Iter<'_, I> {
        Iter {
            current: [].iter(),
            rest: self.buckets.iter(),
        }
    }

    /// The ids after `id`, in order.
    pub(super) fn after(&self, id: &I) -> Iter<'_, I> {
        let b = bucket_of(id, self.bits);
        let bucket = &self.buckets[b];
        Iter {
            current: bucket[bucket.partition_point(|x| x <= id)..].iter(),
            rest: self.buckets[b + 1..].iter(),
        }
    }
}

/// The bucket of `id` among `1 << bits`.
fn bucket_of<I: Spread>(id: &I, bits: u32) -> usize {
    // bits is 1 to MAX_BITS, so the shift is in range and the result fits
    (id.bits() >> (64 - bits)) as usize
}

/// The ids of [`Buckets`] in order, from some point.
#[derive(Clone, Debug)]
pub(super) struct Iter<'a, I> {
    current: slice::Iter<'a, I>,
    rest: slice::Iter<'a, Vec<I>>,
}

impl<'a, I> Iterator for Iter<'a, I> {
    type Item = &'a I;

    fn next(&mut self) -> Option<&'a I> {
        loop {
            if let Some(id) = self.current.next() {
                return Some(id);
            }
            self.current = self.rest.next()?.iter();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::posting_set::PostingSet;
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;
    use std::ops::Bound::{Excluded, Unbounded};

    /// A hash-like id for the tests.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
    struct Hash(u64);

    impl Spread for Hash {
        const SPREAD: bool = true;

        fn bits(&self) -> u64 {
            self.0
        }
    }

    /// The set's ids against a B-tree's, after the same operations.
    fn same(set: &PostingSet<Hash>, model: &BTreeSet<Hash>, probes: &[u64]) {
        assert_eq!(set.len(), model.len());
        assert!(set.iter().eq(model.iter()));
        for &p in probes {
            let p = Hash(p);
            assert_eq!(set.contains(&p), model.contains(&p), "{p:?}");
            assert!(set.after(&p).eq(model.range((Excluded(p), Unbounded))));
        }
    }

    /// Ids from all over the 64 bits (`spread`), or all alike but for their low bits.
    fn ids(spread: bool) -> impl Strategy<Value = Vec<u64>> {
        let one = if spread {
            any::<u64>().boxed()
        } else {
            (0u64..5_000)
                .prop_map(|n| 0xabcd_0000_0000_0000 | n)
                .boxed()
        };
        proptest::collection::vec(one, 0..3_000)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Inserted one by one, given sorted at once, and removed, the set holds what a B-tree
        /// holds, in the same order, whether or not the ids are spread.
        #[test]
        fn buckets_behave_as_a_btree_set(
            (spread, added) in any::<bool>().prop_flat_map(|s| (Just(s), ids(s))),
            gone in 0usize..4,
        ) {
            let mut set = PostingSet::default();
            let mut model = BTreeSet::new();
            for &id in &added {
                prop_assert_eq!(set.insert(Hash(id)), model.insert(Hash(id)));
            }
            let probes: Vec<u64> = added
                .iter()
                .take(40)
                .flat_map(|&i| [i, i ^ 1])
                .chain([0, u64::MAX])
                .collect();
            same(&set, &model, &probes);
            let mut bulk = PostingSet::default();
            bulk.extend_sorted(model.iter().copied().collect());
            same(&bulk, &model, &probes);
            for &id in added.iter().step_by(gone + 2) {
                prop_assert_eq!(set.remove(&Hash(id)), model.remove(&Hash(id)));
            }
            same(&set, &model, &probes);
            let long = model.len() > 32;
            let filed = matches!(set, PostingSet::Spread(_));
            // spread ids stay filed by their top bits
            prop_assert!(!long || !spread || filed);
        }
    }

    #[test]
    fn ids_alike_in_their_top_bits_fall_back_to_a_btree() {
        let mut set = PostingSet::default();
        for n in 0..(SKEWED as u64 + 1) {
            set.insert(Hash(n));
        }
        assert!(matches!(set, PostingSet::Many(_)));
        let same_top: Vec<Hash> = (0..SKEWED as u64 + 1).map(Hash).collect();
        assert!(Buckets::from_sorted(same_top).is_err());
        let spread: Vec<Hash> = (0..4_000u64)
            .map(|n| Hash(n.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let b = Buckets::from_sorted(spread).expect("spread ids are filed");
        assert_eq!(b.bits, bits_for(4_000));
        assert!(b.buckets.iter().all(|v| v.len() <= 2 * AVERAGE + 16));
    }
}
