//! The article's record, written last: the ids of everything its ingest published, so that a
//! delete can undo exactly that.

use super::super::Index;
use super::super::articles::ArticleRecord;
use super::super::origin::Origin;
use super::super::resolution;
use super::speakers::ArticleSpeakers;
use crate::model::Article;
use crate::resolve::ArticleResolution;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What the article's record lists of its quotes and claims.
pub(super) struct Refs {
    /// (ordinal, quote id) of each quote occurrence published.
    quotes: Vec<(u32, String)>,
    /// (ordinal, claim id) of each extracted claim the resolver grouped.
    claims: Vec<(u32, String)>,
    /// Every quote group the resolver put one of the article's quotes in.
    quote_groups: BTreeSet<u32>,
    /// Every claim group published for the article's claims and statements.
    claim_groups: BTreeSet<u32>,
}

impl Refs {
    /// The references from the quotes and claim groups published, and the resolver's claim and
    /// quote assignments.
    pub(super) fn new(
        resolution: &ArticleResolution,
        quotes: Vec<(u32, String)>,
        claim_groups: BTreeSet<u32>,
    ) -> Self {
        let claim_refs: Vec<(u32, String)> = resolution
            .claims
            .iter()
            .enumerate()
            .filter_map(|(ordinal, a)| {
                Some((ordinal as u32, resolution::claim_id(a.as_ref()?.group)))
            })
            .collect();
        let quote_groups: BTreeSet<u32> = resolution
            .quotes
            .iter()
            .flatten()
            .map(|a| a.group)
            .collect();
        Refs {
            quotes,
            claims: claim_refs,
            quote_groups,
            claim_groups,
        }
    }
}

impl Index {
    /// Writes the article's record (which makes the article visible) and returns it.
    pub(super) fn write_article_record(
        &self,
        article: Article,
        text_hash: u64,
        origin: Arc<Origin>,
        refs: Refs,
        speakers: ArticleSpeakers,
    ) -> Arc<ArticleRecord> {
        let record = Arc::new(ArticleRecord {
            quotes: refs.quotes,
            claims: refs.claims,
            speakers: speakers.into_ids(),
            quote_groups: refs.quote_groups.into_iter().collect(),
            claim_groups: refs.claim_groups.into_iter().collect(),
            text_hash,
            time_ms: origin.time_ms,
            article,
            origin,
        });
        self.put_article(None, Some(&record));
        record
    }
}
