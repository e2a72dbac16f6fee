//! Posting lists of ids (quote variants by word pair, claims by stem), each in the order the
//! ids were added, with a summary of when they were first published: for every full block of
//! [`BLOCK`] entries, the span of those times. A search in a story passes over a whole block
//! whose span is outside the story's window without reading its ids' records, and, news
//! arriving roughly in the order it is published, most blocks of a common key's list are: their
//! ids belong to stories before this one.

use crate::resolve::story::{Span, Window};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Entries summarised by one span: a list shorter than this has none.
const BLOCK: usize = 32;

/// The span a block holds when one of its ids was first published at a time not known: it
/// meets every window.
const ANY_TIME: Span = (i64::MIN, i64::MAX);

/// When each listed id was first published, as a posting list's summaries are made from.
pub(crate) trait FirstTimes {
    /// When `id` was first published, if known (or `None` for an id it does not know).
    fn first_ms(&self, id: u32) -> Option<i64>;
}

/// Ids by key, with the spans of their blocks. Stored as the lists alone: the spans are worked
/// out again from the ids' times ([`Postings::index_times`]), and a list whose spans are
/// missing is read whole until it changes.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct Postings {
    lists: FxHashMap<u64, Vec<u32>>,
    /// For each list of at least [`BLOCK`] entries, the span of each full block of it.
    #[serde(skip)]
    spans: FxHashMap<u64, Vec<Span>>,
}

/// One posting list as a search reads it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Listing<'a> {
    /// Ids, oldest first.
    pub(crate) ids: &'a [u32],
    /// The span of each full block of `ids`, or none.
    spans: &'a [Span],
}

impl Postings {
    /// The list of `key`, if any id has it.
    pub(crate) fn get(&self, key: u64) -> Option<Listing<'_>> {
        let ids = self.lists.get(&key)?;
        let spans = if ids.len() >= BLOCK {
            self.spans.get(&key).map_or(&[][..], Vec::as_slice)
        } else {
            &[]
        };
        Some(Listing { ids, spans })
    }

    /// Number of ids under `key`.
    pub(crate) fn len(&self, key: u64) -> usize {
        self.lists.get(&key).map_or(0, Vec::len)
    }

    /// Every key.
    #[cfg(test)]
    pub(crate) fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.lists.keys().copied()
    }

    /// Whether no id is listed.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// Forgets every span, as a list read back from a snapshot has none.
    #[cfg(test)]
    pub(crate) fn forget_times(&mut self) {
        self.spans.clear();
    }

    /// How many blocks have a span.
    #[cfg(test)]
    pub(crate) fn summarised_blocks(&self) -> usize {
        self.spans.values().map(Vec::len).sum()
    }

    /// Lists `id`, newer than every id listed, under `key`: first published at `first_ms`, and
    /// the ids before it at the times `times` gives.
    pub(crate) fn push(
        &mut self,
        key: u64,
        id: u32,
        first_ms: Option<i64>,
        times: &impl FirstTimes,
    ) {
        let list = self.lists.entry(key).or_default();
        list.push(id);
        if !list.len().is_multiple_of(BLOCK) {
            return;
        }
        let time = |v: u32| if v == id { first_ms } else { times.first_ms(v) };
        let spans = self.spans.entry(key).or_default();
        if spans.len() + 1 == list.len() / BLOCK {
            spans.push(block_span(&list[list.len() - BLOCK..], time));
        } else {
            *spans = spans_of(list, time);
        }
    }

    /// Takes `id` off the list of `key`; its time may be gone from `times` already.
    pub(crate) fn remove(&mut self, key: u64, id: u32, times: &impl FirstTimes) {
        let Some(list) = self.lists.get_mut(&key) else {
            return;
        };
        let Some(at) = list.iter().position(|&x| x == id) else {
            return;
        };
        list.retain(|&x| x != id);
        if list.len() < BLOCK {
            self.spans.remove(&key);
            if list.is_empty() {
                self.lists.remove(&key);
            }
            return;
        }
        // the blocks before the first entry taken off are as they were
        let spans = self.spans.entry(key).or_default();
        let kept = (at / BLOCK).min(spans.len());
        spans.truncate(kept);
        spans.extend(
            list[kept * BLOCK..]
                .chunks_exact(BLOCK)
                .map(|block| block_span(block, |v| times.first_ms(v))),
        );
    }

    /// Works out every list's spans from the ids' times (after the lists were read back without
    /// them).
    pub(crate) fn index_times(&mut self, times: &impl FirstTimes) {
        self.spans = self
            .lists
            .iter()
            .filter(|(_, list)| list.len() >= BLOCK)
            .map(|(&key, list)| (key, spans_of(list, |v| times.first_ms(v))))
            .collect();
    }
}

impl<'a> Listing<'a> {
    /// Calls `f` with the ids from position `start` on, in order, as runs, leaving out whole
    /// blocks whose ids were all first published at known times outside `times`: every id
    /// first published in `times`, or at a time not known, is in a run (and so may be an id of
    /// another time). A loop, not an iterator of runs: the caller's loop over each run is then
    /// as tight as one over a slice.
    pub(crate) fn for_each_run(self, start: usize, times: Window, mut f: impl FnMut(&'a [u32])) {
        let ids = self.ids;
        let blocks = if self.spans.len() == ids.len() / BLOCK {
            self.spans
        } else {
            &[]
        };
        for (k, &span) in blocks.iter().enumerate().skip(start / BLOCK) {
            if times.meets(span) {
                f(&ids[(k * BLOCK).max(start)..(k + 1) * BLOCK]);
            }
        }
        f(&ids[(blocks.len() * BLOCK).max(start)..]);
    }
}

/// The span of the first publication times of `ids` ([`ANY_TIME`] when one is not known).
fn block_span(ids: &[u32], time: impl Fn(u32) -> Option<i64>) -> Span {
    ids.iter()
        .map(|&v| time(v))
        .try_fold((i64::MAX, i64::MIN), |(lo, hi), t| {
            t.map(|t| (lo.min(t), hi.max(t)))
        })
        .unwrap_or(ANY_TIME)
}

/// The span of each full block of `list`.
fn spans_of(list: &[u32], time: impl Fn(u32) -> Option<i64>) -> Vec<Span> {
    list.chunks_exact(BLOCK)
        .map(|block| block_span(block, &time))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;
    const PAIR: u64 = 7;

    /// Ids' first times, as a test sets them.
    #[derive(Default)]
    struct Listed(Vec<Option<i64>>);

    impl Listed {
        fn set(&mut self, id: u32, time: Option<i64>) {
            let i = id as usize;
            if self.0.len() <= i {
                self.0.resize(i + 1, None);
            }
            self.0[i] = time;
        }

        /// Whether a search in `times` must count `id`: its time is in them, or not known.
        fn first_in(&self, id: u32, times: Window) -> bool {
            self.first_ms(id).is_none_or(|t| times.contains(t))
        }
    }

    impl FirstTimes for Listed {
        fn first_ms(&self, id: u32) -> Option<i64> {
            self.0.get(id as usize).copied().flatten()
        }
    }

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
                listed.set(id, time);
                p.push(PAIR, id, time, &listed);
                if twice {
                    p.push(PAIR, id, time, &listed);
                }
            }
            for id in removed {
                listed.set(id, None);
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
            let mut runs = Vec::new();
            list.for_each_run(from, times, |run| runs.extend_from_slice(run));
            let read: Vec<u32> = runs
                .iter()
                .copied()
                .filter(|&v| listed.first_in(v, times))
                .collect();
            let kept: Vec<u32> = list.ids[from..]
                .iter()
                .copied()
                .filter(|&v| listed.first_in(v, times))
                .collect();
            proptest::prop_assert_eq!(read, kept);
            // the runs are in order, and from `from` on
            proptest::prop_assert!(runs.len() <= list.ids.len() - from);
            proptest::prop_assert!(runs.iter().all(|v| list.ids[from..].contains(v)));
            if reload != 1 {
                let want = spans_of(list.ids, |v| listed.first_ms(v));
                proptest::prop_assert_eq!(list.spans, &want[..]);
                proptest::prop_assert_eq!(p.spans.contains_key(&PAIR), !want.is_empty());
            }
        }
    }

    #[test]
    fn a_block_of_other_times_is_passed_over_and_one_unknown_time_keeps_it_read() {
        let mut listed = Listed::default();
        let mut p = Postings::default();
        let day = |id: u32| i64::from(id / BLOCK as u32) * 30 * DAY;
        for id in 0..3 * BLOCK as u32 {
            // the middle block has one variant of unknown time
            let time = (id != BLOCK as u32 + 5).then(|| day(id));
            listed.set(id, time);
            p.push(PAIR, id, time, &listed);
        }
        let list = p.get(PAIR).expect("listed");
        assert_eq!(list.spans, [(0, 0), ANY_TIME, (60 * DAY, 60 * DAY)]);
        // a story on day 60 reads the middle block (for its variant of unknown time) and the
        // last, and none of the first
        let times = Window::fitting((60 * DAY, 60 * DAY));
        let mut runs: Vec<&[u32]> = Vec::new();
        list.for_each_run(0, times, |run| runs.push(run));
        let (middle, last) = (
            BLOCK as u32..2 * BLOCK as u32,
            2 * BLOCK as u32..3 * BLOCK as u32,
        );
        assert!(runs.concat().into_iter().eq(middle.chain(last)));
        let kept = runs
            .concat()
            .into_iter()
            .filter(|&v| listed.first_in(v, times));
        assert!(
            kept.eq(std::iter::once(BLOCK as u32 + 5).chain(2 * BLOCK as u32..3 * BLOCK as u32))
        );
    }
}
