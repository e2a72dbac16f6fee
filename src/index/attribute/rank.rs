//! Ranking "who said these words?": the matched sides of every quote summed up by speaker, each
//! speaker scored by its best evidence, its confidence and the outlets that agree.

use super::{Candidate, Evidence, MAX_EVIDENCE, Match, MatchKind};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// One ranked speaker, still borrowing from the quotes.
pub(super) struct Ranked<'a> {
    speaker: Option<&'a str>,
    score: f64,
    kind: MatchKind,
    /// Sorted, distinct.
    outlets: Vec<&'a str>,
    /// Best first, at most [`MAX_EVIDENCE`].
    evidence: Vec<Match<'a>>,
}

impl Ranked<'_> {
    /// The owned answer, with its evidence's occurrences copied.
    pub(super) fn into_candidate(self) -> Candidate {
        Candidate {
            speaker: self.speaker.map(str::to_string),
            score: self.score,
            kind: self.kind,
            outlets: self.outlets.into_iter().map(str::to_string).collect(),
            evidence: self
                .evidence
                .into_iter()
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
}

/// Groups matched occurrences by speaker and scores each speaker: the best evidence's base
/// score (exact 1, contained 0.7–1, near 0.3–0.6) scaled by mean confidence, plus a small bonus
/// per additional outlet that agrees. Best first.
pub(super) fn rank(matches: Vec<Match<'_>>) -> Vec<Ranked<'_>> {
    // per speaker: the candidate and its confidence sum and count, in order of first match
    // (the order of the answer is fixed below, by score and speaker)
    let mut slots: FxHashMap<Option<&str>, usize> = FxHashMap::default();
    let mut by_speaker: Vec<(Ranked<'_>, (f64, usize))> = Vec::new();
    for mut m in matches {
        let at = *slots.entry(m.speaker).or_insert_with(|| {
            let r = Ranked {
                speaker: m.speaker,
                score: 0.0,
                kind: m.kind,
                outlets: Vec::new(),
                evidence: Vec::new(),
            };
            by_speaker.push((r, (0.0, 0)));
            by_speaker.len() - 1
        });
        let Some((cand, conf)) = by_speaker.get_mut(at) else {
            continue;
        };
        conf.0 += m.confidence.0;
        conf.1 += m.confidence.1;
        for outlet in std::mem::take(&mut m.outlets) {
            insert_sorted(&mut cand.outlets, outlet);
        }
        cand.kind = cand.kind.max(m.kind);
        cand.evidence.push(m);
    }
    let mut out: Vec<Ranked<'_>> = by_speaker
        .into_iter()
        .map(|(mut c, (sum, n))| {
            c.evidence.sort_by(|a, b| {
                (b.kind, b.score)
                    .partial_cmp(&(a.kind, a.score))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| a.quote.id.cmp(&b.quote.id))
            });
            c.evidence.truncate(MAX_EVIDENCE);
            let base = c
                .evidence
                .iter()
                .map(|m| base_score(m.kind, m.score))
                .fold(0.0, f64::max);
            let mean_conf = if n == 0 { 0.0 } else { sum / n as f64 };
            let bonus = 0.05 * c.outlets.len().saturating_sub(1) as f64;
            let unattributed_penalty = if c.speaker.is_none() { 0.5 } else { 1.0 };
            c.score = ((base * (0.5 + 0.5 * mean_conf) + bonus) * unattributed_penalty).min(1.0);
            c
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.speaker.cmp(&b.speaker))
    });
    out
}

/// Adds `outlet` to a sorted list of distinct outlets (a quote has few: a binary search beats a
/// tree or a sort of every repeat).
pub(super) fn insert_sorted<'a>(outlets: &mut Vec<&'a str>, outlet: &'a str) {
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
            speaker_no: 0,
            confidence: (0.8 * n as f64, n),
            outlets: vec!["Outlet"],
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
        let ranked = rank(vec![
            side(&a, Some(&x1), 2),
            side(&b, Some(&x2), 1),
            side(&b, Some(&y), 1),
            side(&a, None, 1),
            side(&b, Some(&x1), 1),
        ]);
        let ids: Vec<Option<&str>> = ranked.iter().map(|r| r.speaker).collect();
        assert_eq!(ids, [Some("x"), Some("y"), None]);
        let x = &ranked[0];
        assert_eq!(x.evidence.len(), 3, "both copies' evidence counts for x");
        let total: usize = x.evidence.iter().map(|m| m.confidence.1).sum();
        assert_eq!(total, 4);
    }
}
