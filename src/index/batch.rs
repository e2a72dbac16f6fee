//! Posting lists and id sets built in bulk, for a snapshot load into an empty index: the
//! (key, id) pairs are gathered first, each key hashed once per list, and every set is then
//! built from its sorted ids in one go instead of by one B-tree insert per id.

use super::attributed::Changes;
use super::postings::{HexId, OrderedIds, PostingId, Postings};
use super::replace::occurrence_keys;
use super::{Index, QuoteGroup, keys};
use rustc_hash::FxHashMap;
use std::borrow::Borrow;
use std::hash::Hash;
use std::sync::Arc;

/// (key, id) pairs gathered for one posting list.
#[derive(Debug)]
pub(super) struct Batch<K, I> {
    by_key: FxHashMap<K, Vec<I>>,
}

impl<K, I> Default for Batch<K, I> {
    fn default() -> Self {
        Batch {
            by_key: FxHashMap::default(),
        }
    }
}

impl<K: Eq + Hash, I: PostingId> Batch<K, I> {
    /// Gathers `id` under `key`; the key is copied only the first time it is seen.
    pub(super) fn add<Q>(&mut self, key: &Q, id: I)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        match self.by_key.get_mut(key) {
            Some(ids) => ids.push(id),
            None => {
                self.by_key.insert(key.to_owned(), vec![id]);
            }
        }
    }

    /// Takes in what another batch (of another thread) gathered.
    pub(super) fn merge(&mut self, other: Batch<K, I>) {
        for (key, mut ids) in other.by_key {
            self.by_key.entry(key).or_default().append(&mut ids);
        }
    }
}

impl<K: Eq + Hash + Clone, I: PostingId> Postings<K, I> {
    /// Adds every pair of `batch`, as [`Postings::add`] would one by one.
    pub(super) fn add_batch(&self, batch: Batch<K, I>) {
        for (key, mut ids) in batch.by_key {
            ids.sort_unstable();
            ids.dedup();
            self.extend_sorted(key, ids);
        }
    }
}

impl<I: PostingId> OrderedIds<I> {
    /// Adds every id of `ids`, as [`OrderedIds::insert`] would one by one.
    pub(super) fn extend(&self, ids: Vec<String>) {
        let mut held: Vec<I> = ids.iter().filter_map(|id| I::from_id(id)).collect();
        held.sort_unstable();
        held.dedup();
        self.extend_sorted(held);
    }
}

/// The postings of the quote groups one loading thread puts (see [`Index::load_quote`]).
#[derive(Debug, Default)]
pub(super) struct QuoteBatch {
    ids: Vec<String>,
    conflicts: Vec<String>,
    terms: Batch<String, HexId>,
    shingles: Batch<u64, HexId>,
    by_speaker: Batch<String, HexId>,
    by_outlet: Batch<String, HexId>,
    /// Occurrences naming each speaker.
    attributed: FxHashMap<Arc<str>, u32>,
}

impl QuoteBatch {
    /// Takes in what another thread gathered.
    pub(super) fn merge(&mut self, other: QuoteBatch) {
        self.ids.extend(other.ids);
        self.conflicts.extend(other.conflicts);
        self.terms.merge(other.terms);
        self.shingles.merge(other.shingles);
        self.by_speaker.merge(other.by_speaker);
        self.by_outlet.merge(other.by_outlet);
        for (s, n) in other.attributed {
            *self.attributed.entry(s).or_default() += n;
        }
    }
}

impl Index {
    /// Puts a loaded quote group as [`Index::put_quote`] puts a new one, gathering its postings
    /// in `batch` for [`Index::add_quote_batch`].
    pub(super) fn load_quote(&self, g: Arc<QuoteGroup>, batch: &mut QuoteBatch) {
        let id = g.id.clone();
        let Some(h) = HexId::of_own(&id) else {
            return;
        };
        for w in &g.words {
            batch.terms.add(&**w, h);
        }
        for s in keys::shingles(&g.words) {
            batch.shingles.add(&s, h);
        }
        // the same keys as `put_quote` posts
        let (speakers, outlets) = occurrence_keys(Some(&g));
        for s in speakers {
            batch.by_speaker.add(s, h);
        }
        for o in outlets {
            batch.by_outlet.add(o.as_str(), h);
        }
        for s in g.occurrences.iter().filter_map(|o| o.speaker.as_ref()) {
            *batch.attributed.entry(Arc::clone(s)).or_default() += 1;
        }
        if g.is_conflict() {
            batch.conflicts.push(id.clone());
        }
        batch.ids.push(id);
        self.inner.quotes.insert(h, g);
    }

    /// Adds the postings [`Index::load_quote`] gathered.
    pub(super) fn add_quote_batch(&self, batch: QuoteBatch) {
        let i = &self.inner;
        i.quote_ids.extend(batch.ids);
        i.conflicts.extend(batch.conflicts);
        i.quote_terms.add_batch(batch.terms);
        i.quote_shingles.add_batch(batch.shingles);
        i.quotes_by_speaker.add_batch(batch.by_speaker);
        i.quotes_by_outlet.add_batch(batch.by_outlet);
        let mut counts = Changes::default();
        for (s, n) in &batch.attributed {
            counts.quote(s, *n);
        }
        counts.apply(&i.attributed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A batch leaves the lists exactly as adding its pairs one by one does, whether it
        /// goes into empty lists or ones that already hold ids, and split over two batches.
        #[test]
        fn a_batch_adds_what_single_adds_do(
            pairs in proptest::collection::vec((0u8..12, 0u64..40), 0..200),
            before in proptest::collection::vec((0u8..12, 0u64..40), 0..20),
            split in 0usize..200,
        ) {
            let id = |n: u64| super::super::keys::hex_id(n);
            let one_by_one: Postings<String, HexId> = Postings::default();
            let batched: Postings<String, HexId> = Postings::default();
            let ids_one: OrderedIds<HexId> = OrderedIds::default();
            let ids_batched: OrderedIds<HexId> = OrderedIds::default();
            for (k, n) in &before {
                for p in [&one_by_one, &batched] {
                    p.add(format!("w{k}"), &id(*n));
                }
                ids_one.insert(&id(*n));
                ids_batched.insert(&id(*n));
            }
            let (mut a, mut b) = (Batch::default(), Batch::default());
            let mut all = Vec::new();
            for (at, (k, n)) in pairs.iter().enumerate() {
                one_by_one.add(format!("w{k}"), &id(*n));
                ids_one.insert(&id(*n));
                let batch = if at < split { &mut a } else { &mut b };
                batch.add(format!("w{k}").as_str(), HexId(*n));
                all.push(id(*n));
            }
            a.merge(b);
            batched.add_batch(a);
            ids_batched.extend(all);
            let dump = |p: &Postings<String, HexId>| {
                let mut out = Vec::new();
                p.for_each(|k, ids| out.push((k.clone(), ids)));
                out.sort();
                out
            };
            proptest::prop_assert_eq!(dump(&batched), dump(&one_by_one));
            proptest::prop_assert_eq!(
                ids_batched.after(None, usize::MAX),
                ids_one.after(None, usize::MAX)
            );
        }
    }
}
