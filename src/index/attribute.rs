//! "Who said these words?": match a text against stored quotes (exact, contained, near) and
//! rank the speakers the matching occurrences name.

use super::error::{Error, Result};
use super::quotes::{Occurrence, QuoteGroup};
use super::{Index, keys};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// Most evidence (matched quotes) returned per candidate, strongest first.
pub const MAX_EVIDENCE: usize = 16;
/// Most occurrences returned per piece of evidence, earliest first.
pub const MAX_EVIDENCE_OCCURRENCES: usize = 16;

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
    /// Occurrences of the quote attributed to the candidate (the earliest
    /// [`MAX_EVIDENCE_OCCURRENCES`]).
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
    /// The evidence, best first (at most [`MAX_EVIDENCE`]).
    pub evidence: Vec<Evidence>,
}

impl Index {
    /// Matches `text` against stored quotes and ranks speakers; at most `max` candidates.
    pub fn attribute(&self, text: &str, max: usize) -> Result<Vec<Candidate>> {
        let words = keys::words(text);
        if words.is_empty() {
            return Err(Error::invalid("text", "must contain at least one word"));
        }
        // Exact, contained and near matches come from the resolver's word-pair postings; each
        // occurrence is then judged on its own wording (a group holds fragments and variants).
        let found = self.inner.resolver.read().quotes.lookup(text);
        let query = crate::resolve::quotes::quote_tokens(text);
        let mut matches: Vec<(Arc<QuoteGroup>, MatchKind, f64, Vec<Occurrence>)> = Vec::new();
        for m in found {
            let Some(g) = self.quote(&super::resolution::quote_id(m.group)) else {
                continue;
            };
            // occurrences repeat a few wordings: judge each wording once
            let mut judged: HashMap<&str, Option<(MatchKind, f64)>> = HashMap::new();
            let mut by_kind: BTreeMap<MatchKind, (f64, Vec<Occurrence>)> = BTreeMap::new();
            for o in &g.occurrences {
                let verdict = *judged
                    .entry(o.text.as_str())
                    .or_insert_with(|| judge(&query, words.len(), &o.text));
                let Some((kind, score)) = verdict else {
                    continue;
                };
                let e = by_kind.entry(kind).or_default();
                e.0 = e.0.max(score.min(1.0));
                e.1.push(o.clone());
            }
            for (kind, (score, occurrences)) in by_kind {
                matches.push((Arc::clone(&g), kind, score, occurrences));
            }
        }
        let mut candidates = rank(matches);
        candidates.truncate(max);
        Ok(candidates)
    }
}

/// How the query (its tokens and word count) relates to one occurrence's wording; a contained
/// fragment scores by how much of the quote it covers.
fn judge(query: &[u64], query_words: usize, quote: &str) -> Option<(MatchKind, f64)> {
    let tokens = crate::resolve::quotes::quote_tokens(quote);
    let (kind, score) = crate::resolve::quotes::relate_tokens(query, &tokens)?;
    let kind = match kind {
        crate::resolve::quotes::MatchKind::Exact => MatchKind::Exact,
        crate::resolve::quotes::MatchKind::Contained => MatchKind::Contained,
        crate::resolve::quotes::MatchKind::Near => MatchKind::Near,
    };
    let score = match kind {
        MatchKind::Contained => query_words as f64 / keys::words(quote).len().max(1) as f64,
        _ => f64::from(score),
    };
    Some((kind, score))
}

/// Groups matched occurrences by speaker and scores each speaker: the best evidence's base
/// score (exact 1, contained 0.7–1, near 0.3–0.6) scaled by mean confidence, plus a small bonus
/// per additional outlet that agrees.
fn rank(matches: Vec<(Arc<QuoteGroup>, MatchKind, f64, Vec<Occurrence>)>) -> Vec<Candidate> {
    let mut by_speaker: BTreeMap<Option<String>, Candidate> = BTreeMap::new();
    let mut confidences: BTreeMap<Option<String>, (f64, usize)> = BTreeMap::new();
    for (group, kind, score, matched) in matches {
        let mut split: BTreeMap<Option<String>, Vec<Occurrence>> = BTreeMap::new();
        for o in matched {
            split.entry(o.speaker.clone()).or_default().push(o);
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
            // the reply carries the strongest evidence and its earliest occurrences; the score
            // and outlets above were computed from all of them
            c.evidence.truncate(MAX_EVIDENCE);
            for e in &mut c.evidence {
                e.occurrences.truncate(MAX_EVIDENCE_OCCURRENCES);
            }
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
