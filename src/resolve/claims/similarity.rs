//! How similar two claims are (IDF-weighted Dice over content stems), and which stored claims
//! are similar to a new one (candidates from stem posting lists, never a scan).

use super::best::{best, sort_best_first};
use super::content::{ClaimContent, stem};
use super::disagree;
use super::grouper::ClaimGrouper;
use super::member::Marks;
use super::weights::Weights;
use super::{MAX_POSTING, MAX_SCORED, MIN_SHARED_STEMS, RECENT_CANDIDATES};
use crate::resolve::fold::word_hash;
use crate::resolve::postings::Listing;
use crate::resolve::story::Window;

/// A claim's features with the hashes of its stems (sorted), as compared.
#[derive(Clone, Copy, Debug)]
pub(super) struct Features<'a> {
    /// Its polarity, numbers and contradiction words.
    pub(super) marks: Marks<'a>,
    /// Hashes of its stems, sorted.
    pub(super) hashes: &'a [u64],
}

/// Hashes of a claim's stems, sorted.
pub(super) fn stem_hashes(c: &ClaimContent) -> Vec<u64> {
    let mut h: Vec<u64> = c.stems.iter().map(|s| word_hash(s)).collect();
    h.sort_unstable();
    h
}

/// The values of sorted list `b` in order, each with whether sorted list `a` shares it (a value
/// of `a` is shared with one value of `b` at most).
fn marked<'a>(a: &'a [u64], b: &'a [u64]) -> impl Iterator<Item = (u64, bool)> + 'a {
    let mut rest = a;
    b.iter().map(move |&h| {
        while let Some((&x, after)) = rest.split_first() {
            if x > h {
                break;
            }
            rest = after;
            if x == h {
                return (h, true);
            }
        }
        (h, false)
    })
}

/// How many values two sorted lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    marked(a, b).filter(|&(_, in_a)| in_a).count()
}

impl ClaimGrouper {
    /// Claims similar to `claim`, with their similarity, best first. Candidates come from the
    /// posting lists of its rarer stems (those in at most [`MAX_POSTING`] claims), ranked by the
    /// weight of the rare stems they share; the [`MAX_SCORED`] best are scored exactly. When
    /// every stem is that common, the candidates are the [`RECENT_CANDIDATES`] latest claims
    /// carrying the rarest of them, ranked by the stems they share. The work per claim is thus
    /// bounded however large the corpus grows. For a claim published at `time_ms`, only claims
    /// that may share its story are candidates (see [`super::STORY_WINDOW_MS`]): stale ones do
    /// not crowd the [`MAX_SCORED`] out.
    pub(super) fn similar(&self, claim: Features<'_>, time_ms: Option<i64>) -> Vec<(u32, f32)> {
        self.weighing(|w| self.similar_weighed(claim, time_ms, w))
    }

    /// [`Self::similar`], with stem weights from `w`.
    pub(super) fn similar_weighed(
        &self,
        claim: Features<'_>,
        time_ms: Option<i64>,
        w: &mut Weights<'_>,
    ) -> Vec<(u32, f32)> {
        let mut stems: Vec<Listing<'_>> = claim
            .hashes
            .iter()
            .filter_map(|&h| self.postings.get(h))
            .collect();
        stems.sort_by_key(|list| list.ids.len());
        // in a story, whole blocks of claims of other times are passed over: the claims
        // summed are those of the story and perhaps some others, which `keep_in_story` turns
        // away as it would have (each claim's sum is the same either way)
        let times = time_ms.map(|t| Window::fitting((t, t)));
        // every weight is positive, so a zero sum means an id not reached yet
        let mut found: Vec<(u32, f32)> = self.scratch.with(|sums| {
            for list in stems.iter().take_while(|l| l.ids.len() <= MAX_POSTING) {
                let w = self.idf_of_df(list.ids.len());
                match times {
                    Some(t) => list.for_each_run(0, t, |run| {
                        run.iter().for_each(|&m| sums.add(m, w));
                    }),
                    None => list.ids.iter().for_each(|&m| sums.add(m, w)),
                }
            }
            sums.drain().collect()
        });
        if time_ms.is_some() {
            self.keep_in_story(&mut found, time_ms);
        }
        let mut candidates: Vec<(u32, f32)> = if found.is_empty() {
            // every stem is common: the latest claims carrying the rarest, ranked by how many
            // of the claim's stems they share
            let rarest = stems.first().map_or(&[][..], |l| l.ids);
            let recent = &rarest[rarest.len().saturating_sub(RECENT_CANDIDATES)..];
            // in passes, each with a short step, so that the reads of many candidates are under
            // way at once instead of one candidate's at a time: their records first, then their
            // stems, then the counts
            let members: Vec<(u32, &[u64])> = recent
                .iter()
                .filter(|&&m| self.may_share_story(m, time_ms))
                .filter_map(|&m| Some((m, self.members.get(m)?.stem_hashes())))
                .collect();
            let first = members.iter().fold(0u64, |acc, (_, h)| {
                acc.wrapping_add(h.first().copied().unwrap_or_default())
            });
            std::hint::black_box(first);
            members
                .into_iter()
                .map(|(m, hashes)| (m, shared(claim.hashes, hashes) as f32))
                .collect()
        } else {
            found
        };
        if candidates.len() > MAX_SCORED {
            candidates = best(&candidates, MAX_SCORED);
        }
        // the candidates share most stems: each stem's weight is worked out once
        let weight = claim.hashes.iter().map(|&h| w.of(h)).sum();
        for (m, score) in &mut candidates {
            *score = self.members.get(*m).map_or(0.0, |other| {
                self.similarity(claim, weight, other.features(), w)
            });
        }
        // ids differ: an unstable sort orders them as a stable one would
        sort_best_first(&mut candidates);
        candidates
    }

    /// Keeps the candidates (summed weights by claim id) that may share the story of a claim
    /// published at `time_ms`, or, when there are more than [`MAX_SCORED`], at least the best
    /// [`MAX_SCORED`] of those (the story is asked of the best first: when they all share it,
    /// they are the best that do, and the rest need not be asked).
    fn keep_in_story(&self, found: &mut Vec<(u32, f32)>, time_ms: Option<i64>) {
        if found.len() > MAX_SCORED {
            let top = best(found, MAX_SCORED);
            if top.iter().all(|&(m, _)| self.may_share_story(m, time_ms)) {
                *found = top;
                return;
            }
        }
        found.retain(|&(m, _)| self.may_share_story(m, time_ms));
    }

    /// IDF-weighted Dice similarity of two claims of summed weights `weights` sharing `n` stems
    /// of weight `shared`. Opposite words (canceled / postponed) are about the same event and
    /// count as one more shared stem. Fewer than [`MIN_SHARED_STEMS`] shared stems (or all of
    /// the shorter claim's) score 0.
    fn score(&self, a: Features<'_>, b: Features<'_>, weights: f32, shared: f32, n: usize) -> f32 {
        let opposite = disagree::opposite_words(a.marks, b.marks);
        let bonus = opposite.as_ref().map_or(0.0, |(x, y)| {
            let idf = |w: &str| self.idf(word_hash(&stem(w)));
            (idf(x) + idf(y)) / 2.0
        });
        let n = n + usize::from(opposite.is_some());
        let score = (2.0 * (shared + bonus) / weights.max(1e-6)).min(1.0);
        if n >= MIN_SHARED_STEMS.min(a.hashes.len().min(b.hashes.len())) {
            score
        } else {
            0.0
        }
    }

    /// The similarity of two claims' features, in `[0, 1]`, with stem weights from `w`.
    pub(super) fn similarity_weighed(
        &self,
        a: Features<'_>,
        b: Features<'_>,
        w: &mut Weights<'_>,
    ) -> f32 {
        let weight_a = a.hashes.iter().map(|&h| w.of(h)).sum();
        self.similarity(a, weight_a, b, w)
    }

    /// [`Self::similarity_weighed`] with the first claim's summed weight given. One pass over
    /// the second claim's stems sums their weights and those of the stems the first shares,
    /// each looked up once (in the order the sums always took).
    fn similarity(
        &self,
        a: Features<'_>,
        weight_a: f32,
        b: Features<'_>,
        w: &mut Weights<'_>,
    ) -> f32 {
        let (mut weight_b, mut shared, mut n) = (0.0, 0.0, 0);
        for (h, in_a) in marked(a.hashes, b.hashes) {
            let weight = w.of(h);
            weight_b += weight;
            if in_a {
                shared += weight;
                n += 1;
            }
        }
        self.score(a, b, weight_a + weight_b, shared, n)
    }
}

#[cfg(test)]
mod tests {
    use super::super::best::best_first;
    use super::*;
    use crate::resolve::story::STORY_WINDOW_MS;

    /// Asking the story of the best candidates first keeps what asking it of all would keep:
    /// the best [`MAX_SCORED`] that share the story, whichever of them share it.
    #[test]
    fn the_best_in_the_story_whichever_are_asked() {
        let mut g = ClaimGrouper::new();
        let day = 86_400_000;
        // claims a day apart over three months: some in the story of day 40, most not
        for i in 0..90 {
            let text = format!("Officials in district {i} reported the harbour flooding.");
            g.add_at(&format!("a{i}"), &text, None, Some(i * day));
        }
        let at = Some(40 * day);
        let mut state = 11u64;
        for round in 0..200 {
            // random sums, with ties, and sometimes the best all in the story
            let found: Vec<(u32, f32)> = (0..90u32)
                .filter_map(|m| {
                    let (s, r) = crate::splitmix::next(state);
                    state = s;
                    let in_story = (i64::from(m) - 40).abs() * day <= STORY_WINDOW_MS;
                    let boost = if round % 3 == 0 && in_story {
                        100.0
                    } else {
                        0.0
                    };
                    (r % 4 != 0).then_some((m, (r % 7) as f32 + boost))
                })
                .collect();
            let mut want = found.clone();
            want.retain(|&(m, _)| g.may_share_story(m, at));
            want.sort_unstable_by(best_first);
            want.truncate(MAX_SCORED);
            let mut got = found;
            g.keep_in_story(&mut got, at);
            got.sort_unstable_by(best_first);
            got.truncate(MAX_SCORED);
            assert_eq!(got, want, "round {round}");
        }
    }

    #[test]
    fn the_weights_are_left_clean_for_the_next_claim() {
        let mut g = ClaimGrouper::new();
        let a = g.add("x", "The bridge will reopen to traffic on Monday.", None);
        let b = g.add("y", "The bridge will reopen to traffic Monday.", None);
        let c = g.add("z", "Officials said the bridge reopens Monday.", None);
        assert_eq!(a.map(|a| a.group), b.map(|b| b.group));
        assert!(c.is_some());
        let scratch = g.scratch.idle();
        assert_eq!(scratch.len(), 1);
        assert!(scratch[0].capacity() >= 2, "weights were summed by id");
        assert!(scratch[0].is_clean());
    }

    #[test]
    fn values_of_a_sorted_list_marked_when_shared() {
        let got: Vec<(u64, bool)> = marked(&[1, 3, 5, 7, 9], &[2, 3, 4, 9, 10]).collect();
        assert_eq!(
            got,
            [(2, false), (3, true), (4, false), (9, true), (10, false)]
        );
        assert_eq!(shared(&[], &[1]), 0);
        // a value repeated is shared as often as both lists carry it
        assert_eq!(shared(&[5], &[5, 5]), 1);
        assert_eq!(shared(&[5, 5], &[5]), 1);
        assert_eq!(shared(&[5, 5], &[5, 5, 6]), 2);
    }
}
