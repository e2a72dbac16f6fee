//! Candidate wordings of a query: the variants sharing enough of its word pairs to be worth
//! aligning.

use super::MIN_LINK_WORDS;
use super::matcher::{QuoteMatcher, pairs};
use crate::resolve::postings::{FirstTimes, Listing};
use crate::resolve::story::{Span, Window};
use serde::{Deserialize, Serialize};

/// Posting lists longer than this are skipped when counting candidates (a word pair that common
/// carries no evidence: a stop-pair), unless every pair of the query is that common; then only
/// the newest this many variants of each list are counted. Bounds the work of one add or lookup
/// however many near-identical quotes the index holds.
const MAX_POSTING: usize = 2_000;
/// Most candidates verified by alignment per query.
const MAX_VERIFY: usize = 64;

/// What a candidate search reads of each variant without reaching for the variant itself, by
/// id (ids are never reused): its length, and when it was first published (the first test of a
/// story window). Two arrays, so that a lookup, which asks no story, reads only the lengths.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Listed {
    /// Length in words; 0 once removed.
    words: Vec<u32>,
    /// First publication time in milliseconds; [`Listed::UNKNOWN`] when not known.
    first_ms: Vec<i64>,
}

impl Listed {
    /// `first_ms` of a variant whose time is not known (a time this early, were one given, is
    /// read as unknown too, which only means the variant itself is asked).
    const UNKNOWN: i64 = i64::MIN;

    /// Records variant `id`: `words` long, first published at `first_ms` (0 words for a
    /// removed variant).
    pub(super) fn set(&mut self, id: u32, words: usize, first_ms: Option<i64>) {
        let i = id as usize;
        if self.words.len() <= i {
            self.words.resize(i + 1, 0);
            self.first_ms.resize(i + 1, Listed::UNKNOWN);
        }
        self.words[i] = u32::try_from(words).unwrap_or(u32::MAX);
        self.first_ms[i] = first_ms.unwrap_or(Listed::UNKNOWN);
    }

    /// Length in words of variant `id` (0 when removed or unknown).
    fn words(&self, id: u32) -> usize {
        self.words.get(id as usize).map_or(0, |&n| n as usize)
    }

    /// False only when variant `id` was first published at a known time outside `times` (the
    /// times that fit a story): then no group it is in can take a wording of that story.
    #[inline]
    fn first_in(&self, id: u32, times: Window) -> bool {
        let ms = self
            .first_ms
            .get(id as usize)
            .copied()
            .unwrap_or(Listed::UNKNOWN);
        ms == Listed::UNKNOWN || times.contains(ms)
    }
}

impl FirstTimes for Listed {
    fn first_ms(&self, id: u32) -> Option<i64> {
        match self.first_ms.get(id as usize) {
            Some(&ms) if ms != Listed::UNKNOWN => Some(ms),
            _ => None,
        }
    }
}

impl QuoteMatcher {
    /// Variants of at least `min_words` words sharing enough word pairs with `tokens` to be
    /// worth aligning, most shared first: half of the query's pairs, or half of the variant's
    /// own when it is shorter. At most [`MAX_VERIFY`].
    pub(super) fn candidates(&self, tokens: &[u64], min_words: usize) -> Vec<u32> {
        self.candidates_where(tokens, min_words, None, |_| true)
    }

    /// [`Self::candidates`] among the variants `keep` accepts (asked only of variants that
    /// share enough pairs, before the best are chosen, so that those turned away do not crowd
    /// out the rest). With `story` given, `keep` must turn away every variant first published
    /// outside that story's window: those are not counted at all.
    pub(super) fn candidates_where(
        &self,
        tokens: &[u64],
        min_words: usize,
        story: Option<Span>,
        keep: impl Fn(u32) -> bool,
    ) -> Vec<u32> {
        if tokens.len() < MIN_LINK_WORDS {
            return Vec::new();
        }
        let lists: Vec<Listing<'_>> = pairs(tokens).filter_map(|p| self.postings.get(p)).collect();
        let all_common = lists.iter().all(|l| l.ids.len() > MAX_POSTING);
        // each counted list, from the first position counted
        let counted: Vec<(Listing<'_>, usize)> = lists
            .into_iter()
            .filter(|l| all_common || l.ids.len() <= MAX_POSTING)
            .map(|l| (l, l.ids.len().saturating_sub(MAX_POSTING)))
            .collect();
        // pairs skipped as stop-pairs cannot be counted: ask half of the counted ones
        let qpairs = counted.len().min(tokens.len() - 1);
        // a variant has at least `min_words` words: fewer shared pairs than this never pass, and
        // such a variant's length is not looked up
        let floor = qpairs.min(min_words.saturating_sub(1)).max(1).div_ceil(2);
        // every variant listed is counted, and its length looked up once, at the end: one
        // random access per entry instead of two. In a story, a variant of another story's
        // time is passed over (most of those a common word pair lists are), a block of them at
        // once where the list's spans show it ([`crate::resolve::postings`]).
        let times = story.map(Window::fitting);
        let mut scored: Vec<(u32, u32)> = self.tallies.with(|counts| {
            for &(list, start) in &counted {
                match times {
                    Some(t) => list.for_each_run(start, t, |run| {
                        run.iter()
                            .filter(|&&v| self.listed.first_in(v, t))
                            .for_each(|&v| counts.add(v, 1))
                    }),
                    None => list.ids[start..].iter().for_each(|&v| counts.add(v, 1)),
                }
            }
            counts
                .drain()
                .filter(|&(v, c)| {
                    if (c as usize) < floor {
                        return false;
                    }
                    let words = self.listed.words(v);
                    let vpairs = words.saturating_sub(1);
                    words >= min_words && 2 * c as usize >= qpairs.min(vpairs).max(1) && keep(v)
                })
                .collect()
        });
        if scored.len() > MAX_VERIFY {
            scored.select_nth_unstable_by_key(MAX_VERIFY, |&(v, c)| (std::cmp::Reverse(c), v));
            scored.truncate(MAX_VERIFY);
        }
        scored.sort_by_key(|&(v, c)| (std::cmp::Reverse(c), v));
        scored.into_iter().map(|(v, _)| v).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::MatchKind;
    use super::*;
    use crate::resolve::dense::DenseSums;

    fn words(ix: impl IntoIterator<Item = usize>) -> String {
        ix.into_iter()
            .map(|i| format!("word{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn wordings_too_short_to_match_do_not_crowd_out_a_near_match() {
        // a 24-word query; 72 wordings of 17 words share 15 of its pairs each (16-word windows
        // of it plus a word of their own), more than MAX_VERIFY, and are older than the one
        // wording that matches: the query with 4 words changed (it shares 15 pairs too)
        let query: Vec<usize> = (0..24).collect();
        let mut m = QuoteMatcher::new();
        let mut n = 0;
        for start in 0..9 {
            for extra in 0..8 {
                let mut w: Vec<usize> = (start..start + 16).collect();
                w.push(1_000 + 10 * start + extra);
                m.add(&format!("a{n}"), &words(w));
                n += 1;
            }
        }
        assert!(n > MAX_VERIFY);
        let near: Vec<usize> = query
            .iter()
            .map(|&i| {
                if [3, 9, 15, 21].contains(&i) {
                    500 + i
                } else {
                    i
                }
            })
            .collect();
        let near_group = m.add("near", &words(near)).map(|a| a.group);
        let found = m.lookup(&words(query.clone()));
        let best = found.first().expect("the near wording is found");
        assert_eq!(Some(best.group), near_group);
        assert_eq!(best.kind, MatchKind::Near);
        assert!((best.score - 20.0 / 24.0).abs() < 1e-6, "{best:?}");
        // a removed wording no longer counts
        assert!(m.remove_article("near"));
        assert!(m.lookup(&words(query)).is_empty());
        // the accumulator was lent and given back clean, sized to the ids counted
        let pool = m.tallies.idle();
        assert_eq!(pool.len(), 1, "one call at a time needs one accumulator");
        assert!(pool[0].capacity() >= n, "counted by id");
        assert!(pool[0].is_clean());
    }

    #[test]
    fn a_story_search_never_asks_about_a_wording_from_another_time() {
        const DAY: i64 = 86_400_000;
        let window = crate::resolve::story::STORY_WINDOW_MS;
        let mut m = QuoteMatcher::new();
        // the same twelve words, each with a word of its own, first published on these days
        let days = [0, 1, 6, 8, 30, 90];
        for (k, day) in days.iter().enumerate() {
            m.add_at(
                &format!("a{k}"),
                &words((0..12).chain([100 + k])),
                Some(day * DAY),
            );
        }
        m.add("u", &words((0..12).chain([200])));
        let tokens = crate::resolve::quotes::quote_tokens(&words(0..12));
        let asked = std::cell::RefCell::new(Vec::new());
        let at = Some((7 * DAY, 7 * DAY));
        let found = m.candidates_where(&tokens, 0, at, |v| {
            asked.borrow_mut().push(v);
            true
        });
        let mut asked = asked.into_inner();
        asked.sort_unstable();
        // days 0, 1, 6 and 8 are within a week of day 7; the undated wording fits any story
        assert_eq!(asked, [0, 1, 2, 3, 6]);
        assert_eq!(found.len(), 5);
        // without a story every wording is asked
        assert_eq!(m.candidates_where(&tokens, 0, None, |_| true).len(), 7);
        // the edge of the window is in it
        let mut listed = Listed::default();
        listed.set(0, 12, Some(7 * DAY + window));
        listed.set(1, 12, Some(7 * DAY + window + 1));
        listed.set(3, 12, None);
        let times = Window::fitting((7 * DAY, 7 * DAY));
        assert!(listed.first_in(0, times));
        assert!(!listed.first_in(1, times));
        assert!(listed.first_in(2, times), "an id not listed yet is asked");
        assert!(listed.first_in(3, times));
        assert!(listed.first_in(9, times));
        assert_eq!(
            (listed.words(0), listed.words(2), listed.words(9)),
            (12, 0, 0)
        );
    }

    #[test]
    fn concurrent_lookups_each_get_an_accumulator_and_agree() {
        let mut m = QuoteMatcher::new();
        for i in 0..50 {
            m.add(&format!("a{i}"), &words((i..i + 12).chain([900 + i])));
        }
        let m = std::sync::Arc::new(m);
        let alone = m.lookup(&words(10..20));
        assert!(alone.len() > 1, "{alone:?}");
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (m, alone) = (std::sync::Arc::clone(&m), alone.clone());
                std::thread::spawn(move || (0..200).all(|_| m.lookup(&words(10..20)) == alone))
            })
            .collect();
        for t in threads {
            assert!(t.join().is_ok_and(|same| same));
        }
        assert_eq!(m.lookup(&words(10..20)), alone);
        let pool = m.tallies.idle();
        assert!(!pool.is_empty() && pool.len() <= 5, "{}", pool.len());
        assert!(pool.iter().all(DenseSums::is_clean));
    }
}
