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
        // Exact, contained and near matches come from the resolver's word-pair postings. A group
        // holds fragments and variants: each of its distinct wordings is judged once, on the
        // resolver's tokens under its read lock, and the occurrences are then summed up by
        // wording without the lock.
        let query = crate::resolve::quotes::quote_tokens(text);
        let judged: Vec<(u32, Verdicts)> = {
            let r = self.inner.resolver.read();
            r.quotes
                .lookup(text)
                .into_iter()
                .filter_map(|m| {
                    let group = r.quotes.group(m.group)?;
                    let verdicts = group
                        .variants
                        .iter()
                        .filter_map(|&v| {
                            let var = r.quotes.variant(v)?;
                            Some((v, judge(&query, words.len(), &var.tokens)))
                        })
                        .collect();
                    Some((m.group, verdicts))
                })
                .collect()
        };
        let mut matches: Vec<Match> = Vec::new();
        for (group, verdicts) in judged {
            let Some(g) = self.quote(&super::resolution::quote_id(group)) else {
                continue;
            };
            // each matching wording's sides, summed up once per version of the group
            let mut by_side: Sides<'_> = FxHashMap::default();
            for (variant, verdict) in &verdicts {
                let (Some((kind, score)), Some(sides)) = (verdict, g.tallies().get(variant)) else {
                    continue;
                };
                for side in sides {
                    let (m, outlets) = by_side
                        .entry((*kind, side.speaker.as_deref()))
                        .or_insert_with(|| {
                            let m = Match {
                                quote: Arc::clone(&g),
                                kind: *kind,
                                score: 0.0,
                                speaker: side.speaker.clone(),
                                confidence: (0.0, 0),
                                outlets: BTreeSet::new(),
                                occurrences: Vec::new(),
                            };
                            (m, BTreeSet::new())
                        });
                    m.score = m.score.max(score.min(1.0));
                    m.confidence.0 += side.confidence;
                    m.confidence.1 += side.occurrences;
                    outlets.extend(side.outlets.iter().map(String::as_str));
                    m.occurrences.extend_from_slice(&side.earliest);
                }
            }
            let mut sides: Vec<_> = by_side.into_iter().collect();
            sides.sort_by(|a, b| a.0.cmp(&b.0));
            for (_, (mut m, outlets)) in sides {
                // the reply carries the earliest occurrences; the rest count in the totals
                m.occurrences.sort_unstable();
                m.occurrences.truncate(MAX_EVIDENCE_OCCURRENCES);
                m.outlets = outlets.into_iter().map(str::to_string).collect();
                matches.push(m);
            }
        }
        let mut ranked = rank(matches);
        ranked.truncate(max);
        // only the answers returned copy their occurrences
        Ok(ranked
            .into_iter()
            .map(|(mut c, picked)| {
                for (e, picked) in c.evidence.iter_mut().zip(picked) {
                    e.occurrences = picked
                        .into_iter()
                        .filter_map(|k| e.quote.occurrences.get(k).cloned())
                        .collect();
                }
                c
            })
            .collect())
    }
}

/// One quote's matches by (match kind, speaker), with the outlets behind each.
type Sides<'a> = FxHashMap<(MatchKind, Option<&'a str>), (Match, BTreeSet<&'a str>)>;

/// A group's wordings (resolver variant ids) and how the query matches each, if at all.
type Verdicts = FxHashMap<u32, Option<(MatchKind, f64)>>;

/// The occurrences of one quote that match the query one way and name one speaker, summed up.
struct Match {
    quote: Arc<QuoteGroup>,
    kind: MatchKind,
    score: f64,
    speaker: Option<String>,
    /// Sum and number of the occurrences' confidences.
    confidence: (f64, usize),
    outlets: BTreeSet<String>,
    /// Positions of the earliest [`MAX_EVIDENCE_OCCURRENCES`] in the quote's occurrences.
    occurrences: Vec<usize>,
}

/// How the query (its tokens and word count) relates to one wording (its tokens); a contained
/// fragment scores by how much of the quote it covers.
fn judge(query: &[u64], query_words: usize, tokens: &[u64]) -> Option<(MatchKind, f64)> {
    let (kind, score) = crate::resolve::quotes::relate_tokens(query, tokens)?;
    let kind = match kind {
        crate::resolve::quotes::MatchKind::Exact => MatchKind::Exact,
        crate::resolve::quotes::MatchKind::Contained => MatchKind::Contained,
        crate::resolve::quotes::MatchKind::Near => MatchKind::Near,
    };
    let score = match kind {
        MatchKind::Contained => query_words as f64 / tokens.len().max(1) as f64,
        _ => f64::from(score),
    };
    Some((kind, score))
}

/// Groups matched occurrences by speaker and scores each speaker: the best evidence's base
/// score (exact 1, contained 0.7–1, near 0.3–0.6) scaled by mean confidence, plus a small bonus
/// per additional outlet that agrees.
/// Each candidate comes with, per piece of evidence, the positions of the occurrences to return.
fn rank(matches: Vec<Match>) -> Vec<(Candidate, Vec<Vec<usize>>)> {
    // per speaker: the candidate, its confidence sum and count, its outlets, and the
    // occurrence positions of each piece of evidence
    type Tally = (Candidate, (f64, usize), BTreeSet<String>, Vec<Vec<usize>>);
    let mut by_speaker: BTreeMap<Option<String>, Tally> = BTreeMap::new();
    for m in matches {
        let (cand, conf, outlets, picked) =
            by_speaker.entry(m.speaker.clone()).or_insert_with(|| {
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
                    Vec::new(),
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
            occurrences: Vec::new(),
        });
        picked.push(m.occurrences);
    }
    let mut out: Vec<(Candidate, Vec<Vec<usize>>)> = by_speaker
        .into_values()
        .map(|(mut c, (sum, n), outlets, picked)| {
            let mut paired: Vec<(Evidence, Vec<usize>)> =
                c.evidence.drain(..).zip(picked).collect();
            paired.sort_by(|(a, _), (b, _)| {
                (b.kind, b.score)
                    .partial_cmp(&(a.kind, a.score))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| a.quote.id.cmp(&b.quote.id))
            });
            paired.truncate(MAX_EVIDENCE);
            let (evidence, picked): (Vec<Evidence>, Vec<Vec<usize>>) = paired.into_iter().unzip();
            c.evidence = evidence;
            let base = c.evidence.iter().map(base_score).fold(0.0, f64::max);
            let mean_conf = if n == 0 { 0.0 } else { sum / n as f64 };
            let bonus = 0.05 * outlets.len().saturating_sub(1) as f64;
            let unattributed_penalty = if c.speaker.is_none() { 0.5 } else { 1.0 };
            c.score = ((base * (0.5 + 0.5 * mean_conf) + bonus) * unattributed_penalty).min(1.0);
            c.outlets = outlets.into_iter().collect();
            (c, picked)
        })
        .collect();
    out.sort_by(|(a, _), (b, _)| {
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
