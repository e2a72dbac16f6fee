//! The ids under one posting key, in order. Most keys hold one or two ids (a word pair of one
//! quote, a rare word, a speaker quoted once), for which a B-tree's first node, about a hundred
//! bytes, is mostly empty room: a short set is a sorted list kept inline, and becomes a B-tree
//! only past [`FEW`] ids, where inserting into a list would shift too much. Past it, ids that are
//! hashes are filed by their top bits instead (see [`super::buckets`]).

use super::buckets::{self, Added, Buckets, Spread};
use smallvec::SmallVec;
use std::collections::{BTreeSet, btree_set};
use std::ops::Bound::{Excluded, Unbounded};

/// Most ids kept as a sorted list.
const FEW: usize = 32;

/// A sorted set of ids.
#[derive(Clone, Debug)]
pub(super) enum PostingSet<I> {
    /// Sorted, distinct, at most [`FEW`].
    Few(SmallVec<[I; 2]>),
    /// More than [`FEW`] (or once more than that).
    Many(BTreeSet<I>),
    /// More than [`FEW`] (or once more than that) ids that are hashes ([`Spread::SPREAD`]).
    Spread(Buckets<I>),
}

impl<I> Default for PostingSet<I> {
    fn default() -> Self {
        PostingSet::Few(SmallVec::new())
    }
}

/// The ids of a set in order, or those after a given id.
pub(super) enum Iter<'a, I> {
    /// Of a short set.
    Few(std::slice::Iter<'a, I>),
    /// Of a B-tree.
    Many(btree_set::Range<'a, I>),
    /// Of buckets.
    Spread(buckets::Iter<'a, I>),
}

impl<'a, I> Iterator for Iter<'a, I> {
    type Item = &'a I;

    fn next(&mut self) -> Option<&'a I> {
        match self {
            Iter::Few(it) => it.next(),
            Iter::Many(it) => it.next(),
            Iter::Spread(it) => it.next(),
        }
    }
}

impl<I: Spread> PostingSet<I> {
    /// Number of ids.
    pub(super) fn len(&self) -> usize {
        match self {
            PostingSet::Few(v) => v.len(),
            PostingSet::Many(s) => s.len(),
            PostingSet::Spread(b) => b.len(),
        }
    }

    /// True when it holds no id.
    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether it holds `id`.
    pub(super) fn contains(&self, id: &I) -> bool {
        match self {
            PostingSet::Few(v) => v.binary_search(id).is_ok(),
            PostingSet::Many(s) => s.contains(id),
            PostingSet::Spread(b) => b.contains(id),
        }
    }

    /// Adds `id`; false when it was there.
    pub(super) fn insert(&mut self, id: I) -> bool {
        match self {
            PostingSet::Few(v) => match v.binary_search(&id) {
                Ok(_) => false,
                Err(at) if v.len() < FEW => {
                    v.insert(at, id);
                    true
                }
                Err(at) => {
                    let mut ids = std::mem::take(v).into_vec();
                    ids.insert(at, id);
                    *self = Self::long(ids);
                    true
                }
            },
            PostingSet::Many(s) => s.insert(id),
            PostingSet::Spread(b) => match b.insert(id) {
                Added::New => true,
                Added::Present => false,
                Added::Skewed => {
                    *self = PostingSet::Many(b.iter().cloned().collect());
                    true
                }
            },
        }
    }

    /// A set of more than [`FEW`] sorted, distinct ids: filed by their top bits when they are
    /// hashes spread evenly, otherwise a B-tree (built bottom-up from the sorted input, without a
    /// search per item).
    fn long(sorted: Vec<I>) -> Self {
        let sorted = if I::SPREAD {
            match Buckets::from_sorted(sorted) {
                Ok(b) => return PostingSet::Spread(b),
                Err(sorted) => sorted,
            }
        } else {
            sorted
        };
        PostingSet::Many(sorted.into_iter().collect())
    }

    /// Removes `id`; false when it was not there.
    pub(super) fn remove(&mut self, id: &I) -> bool {
        match self {
            PostingSet::Few(v) => match v.binary_search(id) {
                Ok(at) => {
                    v.remove(at);
                    true
                }
                Err(_) => false,
            },
            PostingSet::Many(s) => s.remove(id),
            PostingSet::Spread(b) => b.remove(id),
        }
    }

    /// Adds sorted, distinct ids.
    pub(super) fn extend_sorted(&mut self, sorted: Vec<I>) {
        match self {
            PostingSet::Few(v) if v.is_empty() && sorted.len() <= FEW => {
                *v = SmallVec::from_vec(sorted);
                v.shrink_to_fit();
            }
            PostingSet::Few(v) if v.is_empty() => *self = Self::long(sorted),
            PostingSet::Many(s) => s.extend(sorted),
            PostingSet::Few(_) | PostingSet::Spread(_) => {
                for id in sorted {
                    self.insert(id);
                }
            }
        }
    }

    /// Every id, in order.
    pub(super) fn iter(&self) -> Iter<'_, I> {
        match self {
            PostingSet::Few(v) => Iter::Few(v.iter()),
            PostingSet::Many(s) => Iter::Many(s.range::<I, _>(..)),
            PostingSet::Spread(b) => Iter::Spread(b.iter()),
        }
    }

    /// The ids after `id`, in order.
    pub(super) fn after(&self, id: &I) -> Iter<'_, I> {
        match self {
            PostingSet::Few(v) => Iter::Few(v[v.partition_point(|x| x <= id)..].iter()),
            PostingSet::Many(s) => Iter::Many(s.range((Excluded(id), Unbounded))),
            PostingSet::Spread(b) => Iter::Spread(b.after(id)),
        }
    }
}

impl PostingSet<String> {
    /// Whether it holds `id`, without making a string of it.
    pub(super) fn contains_str(&self, id: &str) -> bool {
        match self {
            PostingSet::Few(v) => v.binary_search_by(|x| x.as_str().cmp(id)).is_ok(),
            PostingSet::Many(s) => s.contains(id),
            // strings are never filed by their bits; answered all the same
            PostingSet::Spread(b) => b.iter().any(|x| x == id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Spread for u32 {}

    /// The set's ids against a B-tree's, after the same operations.
    fn same(set: &PostingSet<u32>, model: &BTreeSet<u32>) {
        assert_eq!(set.len(), model.len());
        assert!(set.iter().eq(model.iter()));
        for probe in [0, 7, 40, 41, 99, 1000] {
            assert_eq!(set.contains(&probe), model.contains(&probe), "{probe}");
            assert!(
                set.after(&probe)
                    .eq(model.range((Excluded(probe), Unbounded))),
                "after {probe}"
            );
        }
    }

    #[test]
    fn behaves_as_a_btree_set_short_and_long() {
        let mut set = PostingSet::default();
        let mut model = BTreeSet::new();
        // a scrambled order, with repeats, through the switch to a B-tree and back down
        for i in 0..200u32 {
            let id = (i * 37) % 101;
            assert_eq!(set.insert(id), model.insert(id), "insert {id}");
            if i % 9 == 0 {
                same(&set, &model);
            }
        }
        assert!(matches!(set, PostingSet::Many(_)));
        for id in (0..101).step_by(2) {
            assert_eq!(set.remove(&id), model.remove(&id), "remove {id}");
        }
        assert!(!set.remove(&2));
        same(&set, &model);
    }

    #[test]
    fn short_sets_stay_inline_and_sorted_input_fills_either_form() {
        let mut one = PostingSet::default();
        one.insert(5u32);
        assert!(matches!(&one, PostingSet::Few(v) if !v.spilled()));
        let mut few = PostingSet::default();
        few.extend_sorted(vec![1u32, 4, 9]);
        few.extend_sorted(vec![2, 4]);
        same(&few, &[1, 2, 4, 9].into());
        let mut many = PostingSet::default();
        let ids: Vec<u32> = (0..100).collect();
        many.extend_sorted(ids.clone());
        assert!(matches!(many, PostingSet::Many(_)));
        same(&many, &ids.into_iter().collect());
        let mut strings: PostingSet<String> = PostingSet::default();
        strings.insert("b".into());
        assert!(strings.contains_str("b") && !strings.contains_str("a"));
    }
}
