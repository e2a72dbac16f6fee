//! "Who said these words?": match a text against stored quotes (exact, contained, near) and
//! rank the speakers the matching occurrences name.

use super::error::{Error, Result};
use super::quotes::{Occurrence, QuoteGroup};
use super::{Index, keys};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
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
        let mut matches: Vec<Match> = Vec::new();
        for m in found {
            let Some(g) = self.quote(&super::resolution::quote_id(m.group)) else {
                continue;
            };
            // occurrences repeat a few wordings: judge each wording once
            let mut judged: FxHashMap<&str, Option<(MatchKind, f64)>> = FxHashMap::default();
            let mut by_side: BTreeMap<(MatchKind, Option<&str>), Match> = BTreeMap::new();
            for o in &g.occurrences {
                let verdict = *judged
                    .entry(o.text.as_str())
                    .or_insert_with(|| judge(&query, words.len(), &o.text));
                let Some((kind, score)) = verdict else {
                    continue;
                };
                let e = by_side
                    .entry((kind, o.speaker.as_deref()))
                    .or_insert_with(|| Match {
                        quote: Arc::clone(&g),
                        kind,
                        score: 0.0,
                        speaker: o.speaker.clone(),
                        confidence: (0.0, 0),
                        outlets: BTreeSet::new(),
                        occurrences: Vec::new(),
                    });
                e.score = e.score.max(score.min(1.0));
                e.confidence.0 += f64::from(o.confidence);
                e.confidence.1 += 1;
                if !o.outlet.is_empty() && !e.outlets.contains(&o.outlet) {
                    e.outlets.insert(o.outlet.clone());
                }
                // the reply carries the earliest occurrences; the rest count in the totals
                if e.occurrences.len() < MAX_EVIDENCE_OCCURRENCES {
                    e.occurrences.push(o.clone());
                }
            }
            matches.extend(by_side.into_values());
        }
        let mut candidates = rank(matches);
        candidates.truncate(max);
        Ok(candidates)
    }
}

/// The occurrences of one quote that match the query one way and name one speaker, summed up.
struct Match {
    quote: Arc<QuoteGroup>,
    kind: MatchKind,
    score: f64,
    speaker: Option<String>,
    /// Sum and number of the occurrences' confidences.
    confidence: (f64, usize),
    outlets: BTreeSet<String>,
    /// The earliest [`MAX_EVIDENCE_OCCURRENCES`].
    occurrences: Vec<Occurrence>,
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
fn rank(matches: Vec<Match>) -> Vec<Candidate> {
    // per speaker: the candidate, its confidence sum and count, its outlets
    type Tally = (Candidate, (f64, usize), BTreeSet<String>);
    let mut by_speaker: BTreeMap<Option<String>, Tally> = BTreeMap::new();
    for m in matches {
        let (cand, conf, outlets) = by_speaker.entry(m.speaker.clone()).or_insert_with(|| {
            (
                Candidate {
                    speaker: m.speaker.clone(),
                    score: 0.0,
                    kind: m.kind,
                    outlets: Vec::new(),
                    evidence: Vec::new(),
                },
                (0.0, 0),
                BTreeSet::new(),
            )
        });
        conf.0 += m.confidence.0;
        conf.1 += m.confidence.1;
        outlets.extend(m.outlets);
        cand.kind = cand.kind.max(m.kind);
        cand.evidence.push(Evidence {
            quote: m.quote,
            kind: m.kind,
            score: m.score,
            occurrences: m.occurrences,
        });
    }
    let mut out: Vec<Candidate> = by_speaker
        .into_values()
        .map(|(mut c, (sum, n), outlets)| {
            c.evidence.sort_by(|a, b| {
                (b.kind, b.score)
                    .partial_cmp(&(a.kind, a.score))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| a.quote.id.cmp(&b.quote.id))
            });
            let base = c.evidence.iter().map(base_score).fold(0.0, f64::max);
            let mean_conf = if n == 0 { 0.0 } else { sum / n as f64 };
            let bonus = 0.05 * outlets.len().saturating_sub(1) as f64;
            let unattributed_penalty = if c.speaker.is_none() { 0.5 } else { 1.0 };
            c.score = ((base * (0.5 + 0.5 * mean_conf) + bonus) * unattributed_penalty).min(1.0);
            c.outlets = outlets.into_iter().collect();
            // the reply carries the strongest evidence; the score and outlets above were
            // computed from all of it
            c.evidence.truncate(MAX_EVIDENCE);
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
