//! The word-pair posting lists of the quote matcher, each a list of variant ids in the order
//! they were added, with a summary of when its variants were first published: for every full
//! block of [`BLOCK`] entries, the span of those times. A candidate search in a story passes
//! over a whole block whose span is outside the story's window without reading its variants,
//! and, news arriving roughly in the order it is published, most blocks of a common pair's list
//! are: its variants belong to stories before this one.

use super::candidates::Listed;
use crate::resolve::story::{Span, Window};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Entries summarised by one span: a list shorter than this has none.
pub(super) const BLOCK: usize = 32;

/// The span a block holds when one of its variants was first published at a time not known: it
/// meets every window.
const ANY_TIME: Span = (i64::MIN, i64::MAX);

/// Variant ids by word-pair hash, with the spans of their blocks. Stored as the lists alone:
/// the spans are worked out again from the variants' times ([`Postings::index_times`]), and a
/// list whose spans are missing is read whole until it changes.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub(super) struct Postings {
    lists: FxHashMap<u64, Vec<u32>>,
    /// For each list of at least [`BLOCK`] entries, the span of each full block of it.
    #[serde(skip)]
    spans: FxHashMap<u64, Vec<Span>>,
}

/// One posting list as a candidate search reads it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Listing<'a> {
    /// Variant ids, oldest first.
    pub(super) ids: &'a [u32],
    /// The span of each full block of `ids`, or none.
    spans: &'a [Span],
}

impl Postings {
    /// The list of word pair `pair`, if any variant has it.
    pub(super) fn get(&self, pair: u64) -> Option<Listing<'_>> {
        let ids = self.lists.get(&pair)?;
        let spans = if ids.len() >= BLOCK {
            self.spans.get(&pair).map_or(&[][..], Vec::as_slice)
        } else {
            &[]
        };
        Some(Listing { ids, spans })
    }

    /// Whether no variant is listed.
    #[cfg(test)]
    pub(super) fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// How many blocks have a span.
    #[cfg(test)]
    pub(super) fn summarised_blocks(&self) -> usize {
        self.spans.values().map(Vec::len).sum()
    }

    /// Lists variant `id`, newer than every id listed, under `pair`; its time must be in
    /// `listed` already.
    pub(super) fn push(&mut self, pair: u64, id: u32, listed: &Listed) {
        let list = self.lists.entry(pair).or_default();
        list.push(id);
        if !list.len().is_multiple_of(BLOCK) {
            return;
        }
        let spans = self.spans.entry(pair).or_default();
        if spans.len() + 1 == list.len() / BLOCK {
            spans.push(block_span(&list[list.len() - BLOCK..], listed));
        } else {
            *spans = spans_of(list, listed);
        }
    }

    /// Takes variant `id` off the list of `pair`; its time may be gone from `listed` already.
    pub(super) fn remove(&mut self, pair: u64, id: u32, listed: &Listed) {
        let Some(list) = self.lists.get_mut(&pair) else {
            return;
        };
        let Some(at) = list.iter().position(|&x| x == id) else {
            return;
        };
        list.retain(|&x| x != id);
        if list.len() < BLOCK {
            self.spans.remove(&pair);
            if list.is_empty() {
                self.lists.remove(&pair);
            }
            return;
        }
        // the blocks before the first entry taken off are as they were
        let spans = self.spans.entry(pair).or_default();
        let kept = (at / BLOCK).min(spans.len());
        spans.truncate(kept);
        spans.extend(
            list[kept * BLOCK..]
                .chunks_exact(BLOCK)
                .map(|block| block_span(block, listed)),
        );
    }

    /// Works out every list's spans from the variants' times in `listed` (after the lists were
    /// read back without them).
    pub(super) fn index_times(&mut self, listed: &Listed) {
        self.spans = self
            .lists
            .iter()
            .filter(|(_, list)| list.len() >= BLOCK)
            .map(|(&pair, list)| (pair, spans_of(list, listed)))
            .collect();
    }
}

impl Listing<'_> {
    /// Calls `f` with every id from position `start` on whose variant was first published at a
    /// time in `times`, or at a time not known; whole blocks of other times are passed over.
    pub(super) fn for_each_in(
        self,
        start: usize,
        times: Window,
        listed: &Listed,
        mut f: impl FnMut(u32),
    ) {
        let mut visit = |ids: &[u32]| {
            ids.iter()
                .filter(|&&v| listed.first_in(v, times))
                .for_each(|&v| f(v));
        };
        let blocks = if self.spans.len() == self.ids.len() / BLOCK {
            self.spans.len()
        } else {
            0
        };
        for (k, &span) in self.spans[..blocks].iter().enumerate().skip(start / BLOCK) {
            if times.meets(span) {
                visit(&self.ids[(k * BLOCK).max(start)..(k + 1) * BLOCK]);
            }
        }
        visit(&self.ids[(blocks * BLOCK).max(start)..]);
    }
}

/// The span of the first publication times of `ids`'s variants ([`ANY_TIME`] when one is not
/// known).
fn block_span(ids: &[u32], listed: &Listed) -> Span {
    ids.iter()
        .map(|&v| listed.first_ms(v))
        .try_fold((i64::MAX, i64::MIN), |(lo, hi), t| {
            t.map(|t| (lo.min(t), hi.max(t)))
        })
        .unwrap_or(ANY_TIME)
}

/// The span of each full block of `list`.
fn spans_of(list: &[u32], listed: &Listed) -> Vec<Span> {
    list.chunks_exact(BLOCK)
        .map(|block| block_span(block, listed))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;
    const PAIR: u64 = 7;

    proptest::proptest! {
        /// Through adds (a pair twice in one wording too), removals and a reload without
        /// spans, a story search reads exactly the ids a filter of every entry would keep, and
        /// the spans kept are those of the list's full blocks.
        #[test]
        fn a_story_search_reads_what_a_filter_of_every_entry_keeps(
            added in proptest::collection::vec(
                (proptest::option::weighted(0.95, 0i64..4), proptest::bool::weighted(0.05)),
                1..300,
            ),
            removed in proptest::collection::vec(0u32..300, 0..40),
            at_day in 0i64..45,
            from in 0usize..320,
            reload in 0u8..3,
        ) {
            let mut listed = Listed::default();
            let mut p = Postings::default();
            for (id, &(offset, twice)) in (0u32..).zip(&added) {
                // times mostly rise with ids, as news arrives, so that whole blocks fall outside
                let time = offset.map(|o| (i64::from(id) / 8 + o) * DAY);
                listed.set(id, 5, time);
                p.push(PAIR, id, &listed);
                if twice {
                    p.push(PAIR, id, &listed);
                }
            }
            for id in removed {
                listed.set(id, 0, None);
                p.remove(PAIR, id, &listed);
            }
            // 1: read back without spans; 2: and worked out again
            if reload > 0 {
                p.spans.clear();
            }
            if reload > 1 {
                p.index_times(&listed);
            }
            let times = Window::fitting((at_day * DAY, at_day * DAY));
            let Some(list) = p.get(PAIR) else {
                proptest::prop_assert!(p.is_empty() && p.spans.is_empty());
                return Ok(());
            };
            let from = from.min(list.ids.len());
            let mut read = Vec::new();
            list.for_each_in(from, times, &listed, |v| read.push(v));
            let kept: Vec<u32> = list.ids[from..]
                .iter()
                .copied()
                .filter(|&v| listed.first_in(v, times))
                .collect();
            proptest::prop_assert_eq!(read, kept);
            if reload != 1 {
                let want = spans_of(list.ids, &listed);
                proptest::prop_assert_eq!(list.spans, &want[..]);
                proptest::prop_assert_eq!(p.spans.contains_key(&PAIR), !want.is_empty());
            }
        }
    }

    #[test]
    fn a_block_of_other_times_is_passed_over_and_one_unknown_time_keeps_it() {
        let mut listed = Listed::default();
        let mut p = Postings::default();
        let day = |id: u32| i64::from(id / BLOCK as u32) * 30 * DAY;
        for id in 0..3 * BLOCK as u32 {
            // the middle block has one variant of unknown time
            let time = (id != BLOCK as u32 + 5).then(|| day(id));
            listed.set(id, 5, time);
            p.push(PAIR, id, &listed);
        }
        let list = p.get(PAIR).expect("listed");
        assert_eq!(list.spans, [(0, 0), ANY_TIME, (60 * DAY, 60 * DAY)]);
        // a story on day 60 reads the middle block (for its variant of unknown time) and the
        // last, and none of the first
        let mut read = Vec::new();
        list.for_each_in(0, Window::fitting((60 * DAY, 60 * DAY)), &listed, |v| {
            read.push(v)
        });
        let want: Vec<u32> = std::iter::once(BLOCK as u32 + 5)
            .chain(2 * BLOCK as u32..3 * BLOCK as u32)
            .collect();
        assert_eq!(read, want);
    }
}
