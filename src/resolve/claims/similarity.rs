//! How similar two claims are (IDF-weighted Dice over content stems), and which stored claims
//! are similar to a new one (candidates from stem posting lists, never a scan).

use super::content::{ClaimContent, stem};
use super::disagree;
use super::grouper::ClaimGrouper;
use super::member::Marks;
use super::{MAX_POSTING, MAX_SCORED, MIN_SHARED_STEMS, RECENT_CANDIDATES};
use crate::resolve::fold::word_hash;
use rustc_hash::FxHashMap;

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

/// The values two sorted lists share, in order.
fn shared_sorted<'a>(a: &'a [u64], b: &'a [u64]) -> impl Iterator<Item = u64> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
            match x.cmp(&y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(x);
                }
            }
        }
        None
    })
}

impl ClaimGrouper {
    /// Number of claims carrying the stem with this hash.
    fn df(&self, hash: u64) -> usize {
        self.postings.get(&hash).map_or(0, Vec::len)
    }

    /// Inverse document frequency of a stem carried by `df` claims.
    fn idf_of_df(&self, df: usize) -> f32 {
        (1.0 + (self.members.len() as f32 + 1.0) / (df as f32 + 1.0)).ln()
    }

    /// Claims similar to `claim`, with their similarity, best first. Candidates come from the
    /// posting lists of its rarer stems (those in at most [`MAX_POSTING`] claims), ranked by the
    /// weight of the rare stems they share; the [`MAX_SCORED`] best are scored exactly. When
    /// every stem is that common, the candidates are the [`RECENT_CANDIDATES`] latest claims
    /// carrying the rarest of them, ranked by the stems they share. The work per claim is thus
    /// bounded however large the corpus grows. For a claim published at `time_ms`, only claims
    /// that may share its story are candidates (see [`super::STORY_WINDOW_MS`]): stale ones do
    /// not crowd the [`MAX_SCORED`] out.
    pub(super) fn similar(&self, claim: Features<'_>, time_ms: Option<i64>) -> Vec<(u32, f32)> {
        let mut stems: Vec<&Vec<u32>> = claim
            .hashes
            .iter()
            .filter_map(|h| self.postings.get(h))
            .collect();
        stems.sort_by_key(|list| list.len());
        // every weight is positive, so a zero sum means an id not reached yet
        let found: Vec<(u32, f32)> = self.scratch.with(|sums| {
            for list in stems.iter().take_while(|l| l.len() <= MAX_POSTING) {
                let w = self.idf_of_df(list.len());
                for &m in list.iter() {
                    sums.add(m, w);
                }
            }
            sums.drain()
                .filter(|&(m, _)| time_ms.is_none() || self.may_share_story(m, time_ms))
                .collect()
        });
        let mut candidates: Vec<(u32, f32)> = if found.is_empty() {
            // every stem is common: the latest claims carrying the rarest, ranked by how many
            // of the claim's stems they share
            let rarest = stems.first().map_or(&[][..], |l| &l[..]);
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
                .map(|(m, hashes)| (m, shared_sorted(claim.hashes, hashes).count() as f32))
                .collect()
        } else {
            found
        };
        if candidates.len() > MAX_SCORED {
            candidates
                .select_nth_unstable_by(MAX_SCORED, |a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
            candidates.truncate(MAX_SCORED);
        }
        // the candidates share most stems: each stem's weight is looked up once (room made for
        // the claim's stems and as many again of the candidates', so that it seldom grows)
        let room = 2 * claim.hashes.len() + 16;
        let mut memo: FxHashMap<u64, f32> =
            FxHashMap::with_capacity_and_hasher(room, Default::default());
        let mut idf = |h: u64| *memo.entry(h).or_insert_with(|| self.idf_of_df(self.df(h)));
        let weight = claim.hashes.iter().map(|&h| idf(h)).sum();
        for (m, score) in &mut candidates {
            *score = self.members.get(*m).map_or(0.0, |other| {
                self.similarity(claim, weight, other.features(), &mut idf)
            });
        }
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        candidates
    }

    /// IDF-weighted Dice similarity of two claims of summed weights `weights` sharing `n` stems
    /// of weight `shared`. Opposite words (canceled / postponed) are about the same event and
    /// count as one more shared stem. Fewer than [`MIN_SHARED_STEMS`] shared stems (or all of
    /// the shorter claim's) score 0.
    fn score(&self, a: Features<'_>, b: Features<'_>, weights: f32, shared: f32, n: usize) -> f32 {
        let opposite = disagree::opposite_words(a.marks, b.marks);
        let bonus = opposite.as_ref().map_or(0.0, |(x, y)| {
            let idf = |w: &str| self.idf_of_df(self.df(word_hash(&stem(w))));
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

    /// The similarity of two claims' features, in `[0, 1]`.
    pub(super) fn content_similarity(&self, a: Features<'_>, b: Features<'_>) -> f32 {
        let mut idf = |h: u64| self.idf_of_df(self.df(h));
        let weight_a = a.hashes.iter().map(|&h| idf(h)).sum();
        self.similarity(a, weight_a, b, &mut idf)
    }

    /// [`Self::content_similarity`] with the first claim's summed weight given and stem weights
    /// from `idf` (by stem hash).
    fn similarity(
        &self,
        a: Features<'_>,
        weight_a: f32,
        b: Features<'_>,
        idf: &mut impl FnMut(u64) -> f32,
    ) -> f32 {
        let weight_b: f32 = b.hashes.iter().map(|&h| idf(h)).sum();
        let (mut w, mut n) = (0.0, 0);
        for h in shared_sorted(a.hashes, b.hashes) {
            w += idf(h);
            n += 1;
        }
        self.score(a, b, weight_a + weight_b, w, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn shared_values_of_sorted_lists() {
        let got: Vec<u64> = shared_sorted(&[1, 3, 5, 7, 9], &[2, 3, 4, 9, 10]).collect();
        assert_eq!(got, [3, 9]);
        assert_eq!(shared_sorted(&[], &[1]).count(), 0);
    }
}
