//! The incremental quote matcher: variants, groups, the word-pair posting list and lookups.

use super::align::TokenSig;
use super::candidates::Listed;
use super::story::story_span;
use super::{MatchKind, quote_tokens};
use crate::resolve::fold::shingle_hash;
use crate::resolve::postings::Postings;
use crate::resolve::slots::Slots;
use crate::resolve::story;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One distinct normalised wording.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Variant {
    /// The wording as first seen.
    pub text: String,
    /// Its word-token hashes.
    pub tokens: Vec<u64>,
    /// The group it belongs to.
    pub group: u32,
    /// Occurrences still present.
    pub refs: u32,
    /// The set of its words, to turn away non-matching wordings without a scan.
    pub sig: TokenSig,
    /// When the article that first carried it was published, when known.
    #[serde(default)]
    pub first_ms: Option<i64>,
}

/// Variants of the same words.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct QuoteGroup {
    /// Its variants, in order of arrival.
    pub variants: Vec<u32>,
    /// The longest variant: the canonical wording.
    pub root: u32,
    /// When its variants were first published (earliest, latest), when known: within one story
    /// window (see [`crate::resolve::story`]).
    #[serde(default)]
    pub span: Option<crate::resolve::story::Span>,
}

/// Where a newly added quote went.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteAssignment {
    /// Its variant (shared by every occurrence of the same normalised words).
    pub variant: u32,
    /// Its group.
    pub group: u32,
    /// How it matched the variant it was linked through (`Exact` when it started the group).
    pub kind: MatchKind,
    /// Similarity in `[0, 1]` to that variant.
    pub score: f32,
    /// The variant it was linked through, if it joined an existing group by containment or
    /// similarity.
    pub linked_to: Option<u32>,
}

/// Incremental grouping of quotes across articles.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct QuoteMatcher {
    variants: Slots<Variant>,
    groups: Slots<QuoteGroup>,
    pub(super) exact: FxHashMap<u64, u32>,
    pub(super) postings: Postings,
    by_article: FxHashMap<Arc<str>, Vec<u32>>,
    /// Length and first publication time of each variant, indexed by id (ids are never
    /// reused): what a candidate search reads of every variant it reaches.
    pub(super) listed: Listed,
    next_variant: u32,
    next_group: u32,
    /// Scratch space for counting candidates: shared word pairs by variant id (see
    /// `candidates`).
    #[serde(skip)]
    pub(super) tallies: crate::resolve::dense::Pool<crate::resolve::dense::DenseSums<u32>>,
}

pub(super) fn pairs(tokens: &[u64]) -> impl Iterator<Item = u64> + '_ {
    tokens.windows(2).map(shingle_hash)
}

impl QuoteMatcher {
    /// An empty matcher.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of live groups.
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    /// A group by id.
    pub fn group(&self, id: u32) -> Option<&QuoteGroup> {
        self.groups.get(id)
    }

    /// Ids of every live variant (unordered; for tests and diagnostics, not for lookups).
    pub fn variant_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.variants.ids()
    }

    /// Works out again what a candidate search reads of the posting lists besides their ids
    /// (after the matcher was read back from a snapshot, which stores the ids alone).
    pub fn index_times(&mut self) {
        self.postings.index_times(&self.listed);
    }

    /// How many blocks of posting lists have their span of times summarised (for tests: a
    /// matcher read back has as many as the one written).
    #[cfg(test)]
    pub(crate) fn summarised_blocks(&self) -> usize {
        self.postings.summarised_blocks()
    }

    /// A variant by id.
    pub fn variant(&self, id: u32) -> Option<&Variant> {
        self.variants.get(id)
    }

    /// Adds one occurrence of a quote in `article`, publication time unknown, and says which
    /// group it joined. Returns `None` for a quote with no words.
    pub fn add(&mut self, article: &str, text: &str) -> Option<QuoteAssignment> {
        self.add_at(article, text, None)
    }

    /// Adds one occurrence of a quote in `article`, published at `time_ms` (milliseconds since
    /// the Unix epoch), and says which group it joined. The same words join their variant
    /// whenever they were published; a new wording joins a group by containment or similarity
    /// only when the group's wordings, with it, were first published within one story window.
    /// Returns `None` for a quote with no words.
    pub fn add_at(
        &mut self,
        article: &str,
        text: &str,
        time_ms: Option<i64>,
    ) -> Option<QuoteAssignment> {
        self.add_tokens_at(article, text, quote_tokens(text), time_ms)
    }

    /// [`Self::add_at`] for a quote whose tokens ([`quote_tokens`] of `text`) were worked out
    /// before.
    pub fn add_tokens_at(
        &mut self,
        article: &str,
        text: &str,
        tokens: Vec<u64>,
        time_ms: Option<i64>,
    ) -> Option<QuoteAssignment> {
        debug_assert_eq!(tokens, quote_tokens(text), "tokens of another text");
        if tokens.is_empty() {
            return None;
        }
        let article: Arc<str> = self
            .by_article
            .get_key_value(article)
            .map_or_else(|| Arc::from(article), |(k, _)| k.clone());
        let key = shingle_hash(&tokens) ^ tokens.len() as u64;
        if let Some(&v) = self.exact.get(&key)
            && let Some(var) = self.variants.get_mut(v)
            && var.tokens == tokens
        {
            var.refs += 1;
            self.by_article.entry(article).or_default().push(v);
            return Some(QuoteAssignment {
                variant: v,
                group: var.group,
                kind: MatchKind::Exact,
                score: 1.0,
                linked_to: None,
            });
        }
        let best = self.best_link(&tokens, time_ms);
        let id = self.next_variant;
        self.next_variant += 1;
        let linked =
            best.and_then(|(v, kind, score)| Some((self.variants.get(v)?.group, kind, score, v)));
        let (group, kind, score, linked_to) = match linked {
            Some((g, kind, score, v)) => (g, kind, score, Some(v)),
            None => {
                let g = self.next_group;
                self.next_group += 1;
                (g, MatchKind::Exact, 1.0, None)
            }
        };
        let len = tokens.len();
        self.listed.set(id, len, time_ms);
        for p in pairs(&tokens) {
            self.postings.push(p, id, time_ms, &self.listed);
        }
        self.exact.insert(key, id);
        let mut tokens = tokens;
        tokens.shrink_to_fit();
        self.variants.insert(
            id,
            Variant {
                text: text.trim().to_string(),
                sig: TokenSig::of(&tokens),
                tokens,
                group,
                refs: 1,
                first_ms: time_ms,
            },
        );
        let g = self.groups.get_or_insert_with(group, || QuoteGroup {
            variants: Vec::new(),
            root: id,
            span: None,
        });
        g.variants.push(id);
        g.span = story::widen(g.span, story::at(time_ms));
        if self
            .variants
            .get(g.root)
            .is_none_or(|r| r.tokens.len() < len)
        {
            g.root = id;
        }
        self.by_article.entry(article).or_default().push(id);
        Some(QuoteAssignment {
            variant: id,
            group,
            kind,
            score,
            linked_to,
        })
    }

    /// Removes every occurrence `article` added. Variants left with no occurrence disappear from
    /// the posting lists; groups left empty disappear. Returns false for an unknown article.
    pub fn remove_article(&mut self, article: &str) -> bool {
        let Some(vs) = self.by_article.remove(article) else {
            return false;
        };
        for v in vs {
            let Some(var) = self.variants.get_mut(v) else {
                continue;
            };
            var.refs -= 1;
            if var.refs > 0 {
                continue;
            }
            let Some(var) = self.variants.remove(v) else {
                continue;
            };
            self.listed.set(v, 0, None);
            for p in pairs(&var.tokens) {
                self.postings.remove(p, v, &self.listed);
            }
            self.exact
                .remove(&(shingle_hash(&var.tokens) ^ var.tokens.len() as u64));
            if let Some(g) = self.groups.get_mut(var.group) {
                g.variants.retain(|x| *x != v);
                let variants = &self.variants;
                match g
                    .variants
                    .iter()
                    .copied()
                    .max_by_key(|x| variants.get(*x).map_or(0, |y| y.tokens.len()))
                {
                    Some(root) => {
                        g.root = root;
                        g.span = story_span(variants, &g.variants);
                    }
                    None => {
                        self.groups.remove(var.group);
                    }
                }
            }
        }
        true
    }
}
