//! "Who said these words?": match a text against stored quotes (exact, contained, near) and
//! rank the speakers the matching occurrences name.

use super::error::{Error, Result};
use super::quotes::{Occurrence, QuoteGroup};
use super::{Index, keys};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// How the query matched a stored quote. Ordered: a later variant is a stronger match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Most of the query's word shingles appear in the quote.
    Near,
    /// The query's words appear, contiguous, inside a longer quote.
    Contained,
    /// The same words.
    Exact,
}

/// One matched quote behind a candidate, with the occurrences that name the candidate.
#[derive(Clone, Debug)]
pub struct Evidence {
    /// The quote.
    pub quote: Arc<QuoteGroup>,
    /// How it matched.
    pub kind: MatchKind,
    /// Match strength in `[0, 1]`.
    pub score: f64,
    /// Occurrences of the quote attributed to the candidate.
    pub occurrences: Vec<Occurrence>,
}

/// One ranked answer.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The speaker id; `None` for occurrences that name nobody.
    pub speaker: Option<String>,
    /// Ranking score in `[0, 1]`.
    pub score: f64,
    /// The strongest match kind among the evidence.
    pub kind: MatchKind,
    /// Outlets (as written) whose articles attribute the words to the speaker, sorted.
    pub outlets: Vec<String>,
    /// The evidence, best first.
    pub evidence: Vec<Evidence>,
}

/// Fraction of query shingles a quote must share to be a near match.
const NEAR_THRESHOLD: f64 = 0.5;

impl Index {
    /// Matches `text` against stored quotes and ranks speakers; at most `max` candidates.
    pub fn attribute(&self, text: &str, max: usize) -> Result<Vec<Candidate>> {
        let words = keys::words(text);
        if words.is_empty() {
            return Err(Error::invalid("text", "must contain at least one word"));
        }
        let mut matches: Vec<(Arc<QuoteGroup>, MatchKind, f64)> = Vec::new();
        let exact_id = keys::hash_id(&keys::quote_key(&words));
        if let Some(g) = self.quote(&exact_id) {
            matches.push((g, MatchKind::Exact, 1.0));
        }
        let shingles = keys::shingles(&words);
        if !shingles.is_empty() {
            let mut hits: HashMap<String, usize> = HashMap::new();
            for s in &shingles {
                for id in self.inner.quote_shingles.get(s) {
                    *hits.entry(id).or_default() += 1;
                }
            }
            for (id, shared) in hits {
                if id == exact_id {
                    continue;
                }
                let Some(g) = self.quote(&id) else { continue };
                let share = shared as f64 / shingles.len() as f64;
                if shared == shingles.len() && keys::contains_run(&g.words, &words) {
                    let coverage = words.len() as f64 / g.words.len() as f64;
                    matches.push((g, MatchKind::Contained, coverage));
                } else if share >= NEAR_THRESHOLD {
                    matches.push((g, MatchKind::Near, share));
                }
            }
        }
        let mut candidates = rank(matches);
        candidates.truncate(max);
        Ok(candidates)
    }
}

/// Groups matched occurrences by speaker and scores each speaker: the best evidence's base
/// score (exact 1, contained 0.7–1, near 0.3–0.6) scaled by mean confidence, plus a small bonus
/// per additional outlet that agrees.
fn rank(matches: Vec<(Arc<QuoteGroup>, MatchKind, f64)>) -> Vec<Candidate> {
    let mut by_speaker: BTreeMap<Option<String>, Candidate> = BTreeMap::new();
    let mut confidences: BTreeMap<Option<String>, (f64, usize)> = BTreeMap::new();
    for (group, kind, score) in matches {
        let mut split: BTreeMap<Option<String>, Vec<Occurrence>> = BTreeMap::new();
        for o in &group.occurrences {
            split.entry(o.speaker.clone()).or_default().push(o.clone());
        }
        for (speaker, occurrences) in split {
            let c = confidences.entry(speaker.clone()).or_default();
            for o in &occurrences {
                c.0 += f64::from(o.confidence);
                c.1 += 1;
            }
            let cand = by_speaker
                .entry(speaker.clone())
                .or_insert_with(|| Candidate {
                    speaker,
                    score: 0.0,
                    kind,
                    outlets: Vec::new(),
                    evidence: Vec::new(),
                });
            cand.kind = cand.kind.max(kind);
            cand.evidence.push(Evidence {
                quote: Arc::clone(&group),
                kind,
                score,
                occurrences,
            });
        }
    }
    let mut out: Vec<Candidate> = by_speaker
        .into_iter()
        .map(|(speaker, mut c)| {
            c.evidence.sort_by(|a, b| {
                (b.kind, b.score)
                    .partial_cmp(&(a.kind, a.score))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| a.quote.id.cmp(&b.quote.id))
            });
            let outlets: BTreeSet<String> = c
                .evidence
                .iter()
                .flat_map(|e| e.occurrences.iter().map(|o| o.outlet.clone()))
                .filter(|o| !o.is_empty())
                .collect();
            let base = c.evidence.iter().map(base_score).fold(0.0, f64::max);
            let (sum, n) = confidences.get(&speaker).copied().unwrap_or((0.0, 0));
            let mean_conf = if n == 0 { 0.0 } else { sum / n as f64 };
            let bonus = 0.05 * outlets.len().saturating_sub(1) as f64;
            let unattributed_penalty = if speaker.is_none() { 0.5 } else { 1.0 };
            c.score = ((base * (0.5 + 0.5 * mean_conf) + bonus) * unattributed_penalty).min(1.0);
            c.outlets = outlets.into_iter().collect();
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

fn base_score(e: &Evidence) -> f64 {
    match e.kind {
        MatchKind::Exact => 1.0,
        MatchKind::Contained => 0.7 + 0.3 * e.score,
        MatchKind::Near => 0.6 * e.score,
    }
}
