//! Ranking "who said these words?": the matched sides of every quote summed up by speaker, each
//! speaker scored by its best evidence, its confidence and the outlets that agree.
//!
//! A template sentence can match a hundred speakers, of whom ten are returned: every speaker is
//! summed up and scored, but only those returned have their evidence ordered and copied out, and
//! the matches stay where they are, referred to by position.

use super::{Candidate, Evidence, MAX_EVIDENCE, Match, MatchKind, Outlets};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::cmp::Ordering;
use std::sync::Arc;

/// One speaker summed up, still borrowing from the quotes.
struct Ranked<'a> {
    speaker: Option<&'a str>,
    score: f64,
    kind: MatchKind,
    /// Sorted, distinct.
    outlets: Outlets<'a>,
    /// Positions of its matches.
    evidence: SmallVec<[u32; 2]>,
    /// Sum and number of the occurrences' confidences.
    confidence: (f64, usize),
}

/// Groups matched occurrences by speaker and scores each speaker: the best evidence's base
/// score (exact 1, contained 0.7–1, near 0.3–0.6) scaled by mean confidence, plus a small bonus
/// per additional outlet that agrees. The best `max`, best first (ties by speaker id), each with
/// its best [`MAX_EVIDENCE`] pieces of evidence.
pub(super) fn rank(mut matches: Vec<Match<'_>>, max: usize) -> Vec<Candidate> {
    if max == 0 {
        return Vec::new();
    }
    // per speaker, in order of first match (the order of the answer is fixed below, by score and
    // speaker), keyed by the hash of its id: the ids themselves, one allocation each, are read
    // only when two hashes collide
    let mut slots: FxHashMap<u64, usize> = FxHashMap::default();
    let mut collided: FxHashMap<Option<&str>, usize> = FxHashMap::default();
    let mut by_speaker: Vec<Ranked<'_>> = Vec::new();
    for (i, m) in matches.iter_mut().enumerate() {
        let at = match slots.get(&m.speaker_hash) {
            None => {
                let at = open(&mut by_speaker, m);
                slots.insert(m.speaker_hash, at);
                at
            }
            Some(&at)
                if by_speaker
                    .get(at)
                    .is_some_and(|c| same(c.speaker, m.speaker)) =>
            {
                at
            }
            Some(_) => *collided
                .entry(m.speaker)
                .or_insert_with(|| open(&mut by_speaker, m)),
        };
        let Some(cand) = by_speaker.get_mut(at) else {
            continue;
        };
        cand.confidence.0 += m.confidence.0;
        cand.confidence.1 += m.confidence.1;
        if cand.outlets.is_empty() {
            // a speaker's first evidence: its outlets are already sorted and distinct
            std::mem::swap(&mut cand.outlets, &mut m.outlets);
        } else {
            for outlet in std::mem::take(&mut m.outlets) {
                insert_sorted(&mut cand.outlets, outlet);
            }
        }
        cand.kind = cand.kind.max(m.kind);
        cand.evidence.push(u32::try_from(i).unwrap_or(u32::MAX));
    }
    for c in &mut by_speaker {
        // the best base score among all its evidence: the first piece's once ordered
        let base = c
            .evidence
            .iter()
            .filter_map(|&i| matches.get(i as usize))
            .map(|m| base_score(m.kind, m.score))
            .fold(0.0, f64::max);
        let (sum, n) = c.confidence;
        let mean_conf = if n == 0 { 0.0 } else { sum / n as f64 };
        let bonus = 0.05 * c.outlets.len().saturating_sub(1) as f64;
        let unattributed_penalty = if c.speaker.is_none() { 0.5 } else { 1.0 };
        c.score = ((base * (0.5 + 0.5 * mean_conf) + bonus) * unattributed_penalty).min(1.0);
    }
    // a total order (one entry per speaker): the best `max` chosen, then ordered, come out as a
    // full sort would put them
    let order = |a: &Ranked<'_>, b: &Ranked<'_>| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.speaker.cmp(&b.speaker))
    };
    if by_speaker.len() > max {
        by_speaker.select_nth_unstable_by(max - 1, order);
        by_speaker.truncate(max);
    }
    by_speaker.sort_unstable_by(order);
    by_speaker
        .into_iter()
        .map(|c| candidate(c, &matches))
        .collect()
}

/// Starts summing up `m`'s speaker, last of `by_speaker`; its position.
fn open<'a>(by_speaker: &mut Vec<Ranked<'a>>, m: &Match<'a>) -> usize {
    by_speaker.push(Ranked {
        speaker: m.speaker,
        score: 0.0,
        kind: m.kind,
        outlets: Outlets::new(),
        evidence: SmallVec::new(),
        confidence: (0.0, 0),
    });
    by_speaker.len() - 1
}

/// Whether two speaker ids are the same: one shared copy (as the index links them), or equal.
fn same(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => std::ptr::eq(a, b) || a == b,
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// The owned answer for a ranked speaker, with its best evidence, in order, copied.
fn candidate(mut c: Ranked<'_>, matches: &[Match<'_>]) -> Candidate {
    let by_strength = |a: &Match<'_>, b: &Match<'_>| {
        (b.kind, b.score)
            .partial_cmp(&(a.kind, a.score))
            .unwrap_or(Ordering::Equal)
            .then_with(|| a.quote.id.cmp(&b.quote.id))
    };
    c.evidence.sort_by(
        |&a, &b| match (matches.get(a as usize), matches.get(b as usize)) {
            (Some(a), Some(b)) => by_strength(a, b),
            _ => Ordering::Equal,
        },
    );
    c.evidence.truncate(MAX_EVIDENCE);
    Candidate {
        speaker: c.speaker.map(str::to_string),
        score: c.score,
        kind: c.kind,
        outlets: c.outlets.into_iter().map(str::to_string).collect(),
        evidence: c
            .evidence
            .iter()
            .filter_map(|&i| matches.get(i as usize))
            .map(|m| Evidence {
                quote: Arc::clone(m.quote),
                kind: m.kind,
                score: m.score,
                occurrence_count: m.confidence.1,
                occurrences: m
                    .occurrences
                    .iter()
                    .filter_map(|&k| m.quote.occurrences.get(k).cloned())
                    .collect(),
            })
            .collect(),
    }
}

/// Adds `outlet` to a sorted list of distinct outlets (a quote has few: a binary search beats a
/// tree or a sort of every repeat).
pub(super) fn insert_sorted<'a>(outlets: &mut Outlets<'a>, outlet: &'a str) {
    if let Err(at) = outlets.binary_search(&outlet) {
        outlets.insert(at, outlet);
    }
}

fn base_score(kind: MatchKind, score: f64) -> f64 {
    match kind {
        MatchKind::Exact => 1.0,
        MatchKind::Contained => 0.7 + 0.3 * score,
        MatchKind::Near => 0.6 * score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::quotes::QuoteGroup;

    fn side<'a>(quote: &'a Arc<QuoteGroup>, speaker: Option<&'a str>, n: usize) -> Match<'a> {
        Match {
            quote,
            kind: MatchKind::Contained,
            score: 0.5,
            speaker,
            speaker_hash: crate::index::tally::speaker_hash(speaker),
            confidence: (0.8 * n as f64, n),
            outlets: Outlets::from_slice(&["Outlet"]),
            occurrences: Vec::new(),
        }
    }

    #[test]
    fn two_copies_of_one_speaker_id_make_one_candidate() {
        let (a, b) = (
            Arc::new(QuoteGroup::new("a".into())),
            Arc::new(QuoteGroup::new("b".into())),
        );
        // two allocations of one id, as two quotes published apart could hold
        let (x1, x2): (Arc<str>, Arc<str>) = (Arc::from("x"), Arc::from("x"));
        assert_ne!(x1.as_ptr(), x2.as_ptr());
        let y: Arc<str> = Arc::from("y");
        let matches = || {
            vec![
                side(&a, Some(&x1), 2),
                side(&b, Some(&x2), 1),
                side(&b, Some(&y), 1),
                side(&a, None, 1),
                side(&b, Some(&x1), 1),
            ]
        };
        let ranked = rank(matches(), 10);
        let ids: Vec<Option<&str>> = ranked.iter().map(|r| r.speaker.as_deref()).collect();
        assert_eq!(ids, [Some("x"), Some("y"), None]);
        let x = &ranked[0];
        assert_eq!(x.evidence.len(), 3, "both copies' evidence counts for x");
        let total: usize = x.evidence.iter().map(|m| m.occurrence_count).sum();
        assert_eq!(total, 4);
        // the best two are the first two of the whole order; none is asked for nothing
        let two: Vec<Option<String>> = rank(matches(), 2).into_iter().map(|c| c.speaker).collect();
        assert_eq!(two, [Some("x".to_string()), Some("y".to_string())]);
        assert!(rank(matches(), 0).is_empty());
    }

    #[test]
    fn speakers_whose_hashes_collide_stay_apart() {
        let q = Arc::new(QuoteGroup::new("q".into()));
        let (x, y, z): (Arc<str>, Arc<str>, Arc<str>) = ("x".into(), "y".into(), "z".into());
        // three speakers under one hash, each matched twice, in turns
        let matches: Vec<Match<'_>> = [&x, &y, &z, &x, &y, &z]
            .into_iter()
            .enumerate()
            .map(|(k, who)| {
                let mut m = side(&q, Some(who), 1 + k / 3);
                m.speaker_hash = 7;
                m
            })
            .collect();
        let ranked = rank(matches, 10);
        let mut ids: Vec<&str> = ranked.iter().filter_map(|c| c.speaker.as_deref()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["x", "y", "z"]);
        for c in &ranked {
            let total: usize = c.evidence.iter().map(|e| e.occurrence_count).sum();
            assert_eq!((c.evidence.len(), total), (2, 3), "{:?}", c.speaker);
        }
    }

    proptest::proptest! {
        /// Choosing the best `max` before ordering them gives the first `max` of the whole
        /// order, with the same scores.
        #[test]
        fn the_best_few_are_the_head_of_the_whole_ranking(
            picks in proptest::collection::vec((0usize..8, 1usize..4, 0u8..3, 0u8..10), 1..30),
            max in 1usize..10,
        ) {
            let quote = Arc::new(QuoteGroup::new("q".into()));
            let names: Vec<Arc<str>> = (0..8).map(|n| Arc::from(format!("s{n}"))).collect();
            let outlets = ["A", "B", "C"];
            let matches = || -> Vec<Match<'_>> {
                picks
                    .iter()
                    .map(|&(who, n, outlet, score)| {
                        let mut m = side(&quote, (who > 0).then(|| &*names[who]), n);
                        m.outlets = Outlets::from_slice(&[outlets[outlet as usize]]);
                        m.score = f64::from(score) / 10.0;
                        m
                    })
                    .collect()
            };
            let all = rank(matches(), usize::MAX);
            let few = rank(matches(), max);
            proptest::prop_assert_eq!(few.len(), all.len().min(max));
            for (f, a) in few.iter().zip(&all) {
                proptest::prop_assert_eq!(&f.speaker, &a.speaker);
                proptest::prop_assert_eq!(f.score.to_bits(), a.score.to_bits());
                proptest::prop_assert_eq!(&f.outlets, &a.outlets);
            }
            for w in all.windows(2) {
                proptest::prop_assert!(w[0].score >= w[1].score);
            }
        }
    }
}
