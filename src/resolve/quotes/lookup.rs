//! Lookups against the matcher: the groups a query's words match, and how each of a group's
//! wordings relates to the query.

use super::matcher::QuoteMatcher;
use super::verdict::{Verdict, relate};
use super::{MIN_LINK_WORDS, MatchKind, NEAR_MIN_SCORE, quote_tokens};
use crate::resolve::fold::shingle_hash;
use rustc_hash::FxHashMap;

/// A group found by [`QuoteMatcher::lookup`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QuoteMatch {
    /// The group.
    pub group: u32,
    /// Its best-matching variant.
    pub variant: u32,
    /// Exact, contained (the query is a fragment of the variant) or near.
    pub kind: MatchKind,
    /// Similarity in `[0, 1]`: matched words over the longer of the query and the matched
    /// region.
    pub score: f32,
}

/// How a query relates to one wording of a group.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WordingMatch {
    /// The wording (variant id).
    pub variant: u32,
    /// Exact, contained (the query is a fragment of the wording) or near.
    pub kind: MatchKind,
    /// Similarity in `[0, 1]`, as in [`QuoteMatch::score`].
    pub score: f32,
    /// The wording's length in words.
    pub words: usize,
}

/// A group a query matches, with every one of its wordings the query matches.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupMatch {
    /// The group.
    pub group: u32,
    /// Its matching wordings, in the group's order (order of arrival).
    pub wordings: Vec<WordingMatch>,
}

impl QuoteMatcher {
    /// The groups whose wordings the query's tokens ([`quote_tokens`]) match, each with all its
    /// matching wordings, in the order the groups were found. A group is found through the
    /// word-pair candidates; its other wordings are then judged too, and no wording is judged
    /// twice.
    pub fn judge(&self, tokens: &[u64]) -> Vec<GroupMatch> {
        if tokens.is_empty() {
            return Vec::new();
        }
        let key = shingle_hash(tokens) ^ tokens.len() as u64;
        let exact = self.exact.get(&key).copied().into_iter();
        let mut judged: FxHashMap<u32, Verdict> = FxHashMap::default();
        let mut found: Vec<u32> = Vec::new();
        // a wording shorter than this is neither exact (found above), nor contains the query,
        // nor can it match NEAR_MIN_SCORE of its words (see `relate`)
        let min_words =
            ((NEAR_MIN_SCORE * tokens.len() as f32).ceil() as usize).max(MIN_LINK_WORDS);
        for v in exact.chain(self.candidates(tokens, min_words)) {
            let Some(var) = self.variant(v) else {
                continue;
            };
            if judged.contains_key(&v) {
                continue;
            }
            let verdict = relate(tokens, var.wording());
            judged.insert(v, verdict);
            if verdict.is_some() && !found.contains(&var.group) {
                found.push(var.group);
            }
        }
        found
            .into_iter()
            .filter_map(|group| {
                let wordings = self
                    .group(group)?
                    .variants
                    .iter()
                    .filter_map(|&v| {
                        let var = self.variant(v)?;
                        let verdict = match judged.get(&v) {
                            Some(verdict) => *verdict,
                            None => relate(tokens, var.wording()),
                        };
                        verdict.map(|(kind, score)| WordingMatch {
                            variant: v,
                            kind,
                            score,
                            words: var.tokens.len(),
                        })
                    })
                    .collect();
                Some(GroupMatch { group, wordings })
            })
            .collect()
    }

    /// Groups that `text` matches, best first (exact, then contained, then near by score), each
    /// with its best variant. A query of three words or fewer matches only exactly.
    pub fn lookup(&self, text: &str) -> Vec<QuoteMatch> {
        let mut out: Vec<QuoteMatch> = self
            .judge(&quote_tokens(text))
            .into_iter()
            .filter_map(|g| {
                let best = g.wordings.into_iter().reduce(|best, w| {
                    if (w.kind, w.score) > (best.kind, best.score) {
                        w
                    } else {
                        best
                    }
                })?;
                Some(QuoteMatch {
                    group: g.group,
                    variant: best.variant,
                    kind: best.kind,
                    score: best.score,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            (b.kind, b.score)
                .partial_cmp(&(a.kind, a.score))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.group.cmp(&b.group))
        });
        out
    }
}
