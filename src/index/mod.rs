//! The in-memory index: the single owner of state.
//!
//! [`Index`] is a cheap `Clone` handle over `Arc` internals. Readers go straight to concurrent
//! maps and posting lists and get owned values or `Arc`s back, never map guards. Writers
//! (ingest, delete) run extraction outside any lock, then publish under one writer mutex, so
//! ingest never blocks readers and writers never race each other. No lookup scans all quotes:
//! each starts from a hash map or a posting list.
//!
//! Grouping decisions (which speaker, which quote group, which claim group, which article copies
//! which) are made by the cross-source [`crate::resolve::Resolver`], fed article by article under
//! the writer mutex; `resolution.rs` turns its ids into resource ids and rebuilds the groups a
//! change touches. Lookups that need it (AttributeQuote matching, speaker aliases, syndication,
//! claim disagreements) take its read lock only briefly. [`keys`] holds the text normalisation
//! shared by postings and the readable speaker ids.

mod append;
mod articles;
mod attribute;
mod claims;
mod contribution;
mod delete;
mod error;
mod holders;
mod ingest;
mod interned;
mod invariants;
pub mod keys;
mod lookup;
mod paging;
mod postings;
mod prepare;
mod quotes;
mod replace;
mod resolution;
mod snapshot;
mod speakers;
mod tally;

pub use articles::{ArticleRecord, MAX_ID_LEN, validate_id};
pub use attribute::{
    Candidate, Detail, Evidence, MAX_EVIDENCE, MAX_EVIDENCE_OCCURRENCES, MatchKind,
};
pub use claims::{ClaimGroup, ClaimOccurrence, Disagreement};
pub use contribution::Contribution;
pub use error::{Error, FieldViolation, Result};
pub use ingest::{Created, Deleted, NewArticle};
pub use lookup::{QuoteFilter, Related, Relation, SearchHit};
pub use paging::{Cursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageRequest};
pub use prepare::{Prepared, PreparedArticle};
pub use quotes::{Occurrence, QuoteGroup, Variant};
pub use snapshot::StateError;
pub use speakers::SpeakerRecord;

use crate::model::SpeakerKind;
use crate::resolve::Resolver;
use dashmap::DashMap;
use parking_lot::{Mutex, RwLock};
use postings::{HexId, OrderedIds, Postings};
use std::sync::Arc;
use tokio::sync::broadcast;

/// Capacity of the quote event channel: a watcher this far behind is told it lagged.
const EVENT_CAPACITY: usize = 4096;

/// A new quote occurrence, as sent to watchers.
#[derive(Clone, Debug)]
pub struct QuoteEvent {
    /// The group as published with the occurrence.
    pub quote: Arc<QuoteGroup>,
    /// The new occurrence.
    pub occurrence: Occurrence,
}

/// Sizes of the index, for logs and metrics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Articles stored.
    pub articles: usize,
    /// Quote groups.
    pub quotes: usize,
    /// Speakers.
    pub speakers: usize,
    /// Claim groups.
    pub claims: usize,
}

/// The index handle. Clone it freely: clones share the same state.
#[derive(Clone)]
pub struct Index {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Index {
    /// Prints the sizes only, never the contents.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("stats", &self.stats())
            .finish()
    }
}

struct Inner {
    articles: DashMap<String, Arc<ArticleRecord>>,
    article_ids: OrderedIds,
    articles_by_outlet: Postings<String>,
    /// Text hash -> syndication keys (time + id) of articles with that text.
    syndication: Postings<u64>,
    quotes: DashMap<String, Arc<QuoteGroup>>,
    quote_ids: OrderedIds,
    quote_terms: Postings<String, HexId>,
    quote_shingles: Postings<u64, HexId>,
    quotes_by_speaker: Postings<String>,
    quotes_by_outlet: Postings<String>,
    conflicts: OrderedIds,
    speakers: DashMap<String, Arc<SpeakerRecord>>,
    speaker_ids: OrderedIds,
    speaker_words: Postings<String>,
    claims: DashMap<String, Arc<ClaimGroup>>,
    claim_ids: OrderedIds,
    claims_by_claimant: Postings<String>,
    claims_by_outlet: Postings<String>,
    /// Cross-source resolution state: written under the writer lock, read briefly by lookups.
    resolver: RwLock<Resolver>,
    /// Claim id -> the resolver's claim group.
    claim_groups: DashMap<String, u32>,
    /// Resolver speaker -> its readable resource id ("sergey-lavrov"), fixed at first sight.
    speaker_slugs: DashMap<u32, Arc<str>>,
    /// One shared copy of each outlet name, for the occurrences that carry it.
    outlet_names: dashmap::DashSet<Arc<str>>,
    /// One shared copy of each normalised word, for the quotes' word lists.
    words: dashmap::DashSet<Arc<str>>,
    /// Readable speaker ids taken, so that two people never share one.
    slugs_taken: DashMap<String, u32>,
    /// Base name -> a suffix below which every suffixed id of it is taken, for names others
    /// took too (a search hint, not state: rebuilt by probing when missing).
    slug_hints: DashMap<String, u32>,
    /// Role speaker id -> the person shown (through shared words) to hold it.
    role_holders: DashMap<String, String>,
    writer: Mutex<()>,
    events: broadcast::Sender<QuoteEvent>,
}

impl Default for Index {
    fn default() -> Self {
        Self::new()
    }
}

impl Index {
    /// An empty index.
    pub fn new() -> Self {
        let (events, _) = broadcast::channel(EVENT_CAPACITY);
        Index {
            inner: Arc::new(Inner {
                articles: DashMap::new(),
                article_ids: OrderedIds::default(),
                articles_by_outlet: Postings::default(),
                syndication: Postings::default(),
                quotes: DashMap::new(),
                quote_ids: OrderedIds::default(),
                quote_terms: Postings::default(),
                quote_shingles: Postings::default(),
                quotes_by_speaker: Postings::default(),
                quotes_by_outlet: Postings::default(),
                conflicts: OrderedIds::default(),
                speakers: DashMap::new(),
                speaker_ids: OrderedIds::default(),
                speaker_words: Postings::default(),
                claims: DashMap::new(),
                claim_ids: OrderedIds::default(),
                claims_by_claimant: Postings::default(),
                claims_by_outlet: Postings::default(),
                resolver: RwLock::new(Resolver::with_statements()),
                claim_groups: DashMap::new(),
                speaker_slugs: DashMap::new(),
                outlet_names: dashmap::DashSet::new(),
                words: dashmap::DashSet::new(),
                slugs_taken: DashMap::new(),
                slug_hints: DashMap::new(),
                role_holders: DashMap::new(),
                writer: Mutex::new(()),
                events,
            }),
        }
    }

    /// Sizes of the index.
    pub fn stats(&self) -> Stats {
        Stats {
            articles: self.inner.article_ids.len(),
            quotes: self.inner.quote_ids.len(),
            speakers: self.inner.speaker_ids.len(),
            claims: self.inner.claim_ids.len(),
        }
    }

    /// Receives every quote occurrence published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<QuoteEvent> {
        self.inner.events.subscribe()
    }

    /// The article with this id, if stored.
    pub fn article(&self, id: &str) -> Option<Arc<ArticleRecord>> {
        self.inner.articles.get(id).map(|r| Arc::clone(&r))
    }

    /// Every article id, in order.
    pub fn article_ids(&self) -> Vec<String> {
        self.inner.article_ids.after(None, usize::MAX)
    }

    /// The article with this id, or NOT_FOUND.
    pub fn get_article(&self, id: &str) -> Result<Arc<ArticleRecord>> {
        self.article(id)
            .ok_or_else(|| Error::not_found(format!("articles/{id}")))
    }

    /// Syndication of an article: the id of the original it copies (if it is a copy of one wire
    /// story), and the ids of its copies (if it is an original), found by near-duplicate
    /// detection over the whole text.
    pub fn syndication(&self, record: &ArticleRecord) -> (Option<String>, Vec<String>) {
        let id = &record.article.id;
        let (root, copies) = {
            let r = self.inner.resolver.read();
            (r.syndication.root(id), r.syndication.copies(id))
        };
        if root != *id || !copies.is_empty() {
            return ((root != *id).then_some(root), copies);
        }
        // texts too short for near-duplicate detection: identical words only
        let group = self.inner.syndication.get(&record.text_hash);
        let mut ids = group
            .iter()
            .map(|k| articles::id_of_syndication_key(k).to_string());
        match ids.next() {
            Some(first) if first != *id => (Some(first), Vec::new()),
            Some(_) => (None, ids.collect()),
            None => (None, Vec::new()),
        }
    }

    /// True when the article is a syndicated copy of an earlier one.
    pub fn is_copy(&self, article_id: &str) -> bool {
        self.article(article_id)
            .is_some_and(|r| self.record_is_copy(&r))
    }

    /// True when the article is a syndicated copy: `syndication(record).0.is_some()` without
    /// listing the copies.
    pub fn record_is_copy(&self, record: &ArticleRecord) -> bool {
        let id = record.article.id.as_str();
        {
            let r = self.inner.resolver.read();
            if r.syndication.copy_of(id).is_some() {
                return true;
            }
            if r.syndication.has_copies(id) {
                return false;
            }
        }
        self.inner
            .syndication
            .get(&record.text_hash)
            .first()
            .is_some_and(|k| articles::id_of_syndication_key(k) != id)
    }

    /// Articles ordered by id, optionally only one outlet's (case-insensitive).
    pub fn list_articles(&self, outlet: &str, page: &PageRequest) -> Page<Arc<ArticleRecord>> {
        let after = match &page.cursor {
            Cursor::After(k) => Some(k.as_str()),
            Cursor::Start | Cursor::Offset(_) => None,
        };
        let (ids, total) = if outlet.is_empty() {
            (
                self.inner.article_ids.after(after, page.size + 1),
                self.inner.article_ids.len(),
            )
        } else {
            let set = self.inner.articles_by_outlet.get(&keys::outlet_key(outlet));
            let total = set.len();
            (set.into_iter().collect(), total)
        };
        let iter = ids
            .into_iter()
            .filter_map(|id| self.article(&id).map(|r| (id, r)));
        page.keyset(iter, Some(total))
    }

    /// The speaker with this id, if any.
    pub fn speaker(&self, id: &str) -> Option<Arc<SpeakerRecord>> {
        self.inner.speakers.get(id).map(|r| Arc::clone(&r))
    }

    /// The speaker with this id, or NOT_FOUND.
    pub fn get_speaker(&self, id: &str) -> Result<Arc<SpeakerRecord>> {
        self.speaker(id)
            .ok_or_else(|| Error::not_found(format!("speakers/{id}")))
    }

    /// Speaker ids with an alias containing every word of `query` (all speakers when empty).
    fn speakers_matching(&self, query_words: &[String]) -> Option<Vec<String>> {
        let sets = query_words
            .iter()
            .map(|w| self.inner.speaker_words.get(w))
            .collect();
        let ids = postings::intersect(sets)?;
        Some(
            ids.into_iter()
                .filter(|id| {
                    self.speaker(id)
                        .is_some_and(|s| s.matches_alias(query_words))
                })
                .collect(),
        )
    }

    /// Speakers ordered by id, optionally only those with an alias matching `query` and of one
    /// kind.
    pub fn list_speakers(
        &self,
        query: &str,
        kind: Option<SpeakerKind>,
        page: &PageRequest,
    ) -> Page<Arc<SpeakerRecord>> {
        let query_words = keys::words(query);
        let ids: Vec<String> = match self.speakers_matching(&query_words) {
            Some(ids) => ids,
            None => {
                let after = match &page.cursor {
                    Cursor::After(k) => Some(k.as_str()),
                    Cursor::Start | Cursor::Offset(_) => None,
                };
                let limit = if kind.is_some() {
                    usize::MAX
                } else {
                    page.size + 1
                };
                self.inner.speaker_ids.after(after, limit)
            }
        };
        let total =
            (query_words.is_empty() && kind.is_none()).then(|| self.inner.speaker_ids.len());
        let iter = ids.into_iter().filter_map(|id| {
            let s = self.speaker(&id)?;
            kind.is_none_or(|k| s.kind() == Some(k)).then_some((id, s))
        });
        let mut out = page.keyset(iter, total);
        if out.total.is_none() && out.next_page_token.is_empty() && page.cursor == Cursor::Start {
            out.total = Some(out.items.len());
        }
        out
    }

    /// The claim with this id, if any.
    pub fn claim(&self, id: &str) -> Option<Arc<ClaimGroup>> {
        self.inner.claims.get(id).map(|r| Arc::clone(&r))
    }

    /// The claim with this id, or NOT_FOUND.
    pub fn get_claim(&self, id: &str) -> Result<Arc<ClaimGroup>> {
        self.claim(id)
            .ok_or_else(|| Error::not_found(format!("claims/{id}")))
    }

    /// Claims ordered by id, optionally by claimant speaker id and outlet.
    pub fn list_claims(
        &self,
        claimant: &str,
        outlet: &str,
        page: &PageRequest,
    ) -> Page<Arc<ClaimGroup>> {
        let mut sets = Vec::new();
        if !claimant.is_empty() {
            sets.push(self.inner.claims_by_claimant.get(&claimant.to_string()));
        }
        if !outlet.is_empty() {
            sets.push(self.inner.claims_by_outlet.get(&keys::outlet_key(outlet)));
        }
        let ids: Vec<String> = match postings::intersect(sets) {
            Some(set) => set.into_iter().collect(),
            None => {
                let after = match &page.cursor {
                    Cursor::After(k) => Some(k.as_str()),
                    Cursor::Start | Cursor::Offset(_) => None,
                };
                self.inner.claim_ids.after(after, page.size + 1)
            }
        };
        let iter = ids
            .into_iter()
            .filter_map(|id| self.claim(&id).map(|c| (id, c)));
        page.keyset(iter, None)
    }

    /// Reports of the same fact elsewhere that contradict this claim's (contradicting words such
    /// as canceled / postponed, different numbers, negation), with the reason in words.
    pub fn claim_disagreements(&self, claim: &ClaimGroup) -> Vec<Disagreement> {
        self.resolved_disagreements(claim)
    }
}

#[cfg(test)]
mod attribution_tests;
#[cfg(test)]
mod large_group_tests;
#[cfg(test)]
mod lookup_tests;
#[cfg(test)]
mod merge_tests;
#[cfg(test)]
mod quotes_tests;
#[cfg(test)]
mod snapshot_tests;
#[cfg(test)]
mod syndication_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod write_tests;
