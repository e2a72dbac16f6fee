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
//! the writer mutex; `resolution.rs` turns its ids into resource ids (`slugs.rs` the readable
//! speaker ids) and rebuilds the groups a change touches. Lookups that need it (AttributeQuote
//! matching, speaker aliases, syndication, claim disagreements) take its read lock only briefly.
//! [`keys`] holds the text normalisation shared by postings and the readable speaker ids.

mod append;
mod articles;
mod attribute;
mod attributed;
mod batch;
mod buckets;
mod by_article;
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
mod origin;
mod paging;
mod posting_id;
mod posting_set;
mod postings;
mod prepare;
mod quotes;
mod replace;
mod resolution;
mod slugs;
mod snapshot;
mod speakers;
mod tally;

pub use articles::{ArticleRecord, MAX_ID_LEN, validate_id};
pub use attribute::{
    Candidate, Detail, Evidence, MAX_EVIDENCE, MAX_EVIDENCE_OCCURRENCES, MatchKind,
};
pub use attributed::Attributed;
pub use by_article::ByArticle;
pub use claims::{ClaimGroup, ClaimOccurrence, Disagreement};
pub use contribution::Contribution;
pub use error::{Error, FieldViolation, Result};
pub use ingest::{Created, Deleted, NewArticle};
pub use lookup::{QuoteFilter, Related, Relation, SearchHit};
pub use origin::{FromArticle, Origin};
pub use paging::{Cursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageRequest};
pub use prepare::{Prepared, PreparedArticle};
pub use quotes::{Occurrence, QuoteGroup, Variant};
pub use snapshot::{DecodedState, SnapshotSource, StateError};
pub use speakers::SpeakerRecord;

use crate::resolve::Resolver;
use dashmap::DashMap;
use parking_lot::{Mutex, RwLock};
use postings::{HexId, OrderedIds, Postings};
use std::sync::Arc;
use tokio::sync::broadcast;

/// The index's concurrent maps, hashed with foldhash (seeded per process): the ids they are
/// keyed by are short strings, which SipHash, the standard hasher, took several times longer
/// to hash than the lookup took otherwise (a speaker or quote lookup per listed quote).
pub(crate) type Map<K, V> = DashMap<K, V, foldhash::fast::RandomState>;

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
    articles: Map<String, Arc<ArticleRecord>>,
    article_ids: OrderedIds,
    articles_by_outlet: Postings<String>,
    /// Text hash -> syndication keys (time + id) of articles with that text.
    syndication: Postings<u64>,
    /// Keyed by the id's value: quote ids are 16 hex digits (see [`HexId`]).
    quotes: Map<HexId, Arc<QuoteGroup>>,
    /// Quote ids, held as their value (see [`HexId`]).
    quote_ids: OrderedIds<HexId>,
    quote_terms: Postings<String, HexId>,
    quote_shingles: Postings<u64, HexId>,
    /// Quote ids are 16 hex digits, held as their value (see [`HexId`]).
    quotes_by_speaker: Postings<String, HexId>,
    quotes_by_outlet: Postings<String, HexId>,
    conflicts: OrderedIds<HexId>,
    speakers: Map<String, Arc<SpeakerRecord>>,
    speaker_ids: OrderedIds,
    speaker_words: Postings<String>,
    /// Speaker id -> the published occurrences naming the speaker (see `attributed`).
    attributed: Map<String, attributed::Attributed>,
    claims: Map<String, Arc<ClaimGroup>>,
    /// Claim ids, held as their value (see [`HexId`]).
    claim_ids: OrderedIds<HexId>,
    /// Claim ids are 16 hex digits, held as their value (see [`HexId`]).
    claims_by_claimant: Postings<String, HexId>,
    claims_by_outlet: Postings<String, HexId>,
    /// Cross-source resolution state: written under the writer lock, read briefly by lookups.
    resolver: RwLock<Resolver>,
    /// Claim id -> the resolver's claim group.
    claim_groups: Map<String, u32>,
    /// Resolver speaker -> its readable resource id ("sergey-lavrov"), fixed at first sight.
    speaker_slugs: Map<u32, Arc<str>>,
    /// One shared copy of each outlet name, for the occurrences that carry it.
    outlet_names: interned::Interner,
    /// One shared copy of each normalised word, for the quotes' word lists.
    words: interned::Interner,
    /// One shared copy of each speaker name, alias and role, for the speakers' contributions.
    names: interned::Interner,
    /// Readable speaker ids taken, so that two people never share one.
    slugs_taken: Map<String, u32>,
    /// Base name -> a suffix below which every suffixed id of it is taken, for names others
    /// took too (a search hint, not state: rebuilt by probing when missing).
    slug_hints: Map<String, u32>,
    /// Role speaker id -> the person shown (through shared words) to hold it.
    role_holders: Map<String, String>,
    /// The writer lock, held by every change; it counts the changes made (see
    /// [`Index::changes`]).
    writer: Mutex<u64>,
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
                articles: Map::default(),
                article_ids: OrderedIds::default(),
                articles_by_outlet: Postings::default(),
                syndication: Postings::default(),
                quotes: Map::default(),
                quote_ids: OrderedIds::default(),
                quote_terms: Postings::default(),
                quote_shingles: Postings::default(),
                quotes_by_speaker: Postings::default(),
                quotes_by_outlet: Postings::default(),
                conflicts: OrderedIds::default(),
                speakers: Map::default(),
                speaker_ids: OrderedIds::default(),
                speaker_words: Postings::default(),
                attributed: Map::default(),
                claims: Map::default(),
                claim_ids: OrderedIds::default(),
                claims_by_claimant: Postings::default(),
                claims_by_outlet: Postings::default(),
                resolver: RwLock::new(Resolver::with_statements()),
                claim_groups: Map::default(),
                speaker_slugs: Map::default(),
                outlet_names: interned::Interner::default(),
                words: interned::Interner::default(),
                names: interned::Interner::default(),
                slugs_taken: Map::default(),
                slug_hints: Map::default(),
                role_holders: Map::default(),
                writer: Mutex::new(0),
                events,
            }),
        }
    }

    /// How many changes (articles published or deleted) this index has taken since it was
    /// made; loading a snapshot is not one. Equal counts mean the same contents: a snapshot
    /// written at one count still holds the index at that count (see [`Index::write_state`]).
    pub fn changes(&self) -> u64 {
        *self.inner.writer.lock()
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
mod snapshot_source_tests;
#[cfg(test)]
mod snapshot_tests;
#[cfg(test)]
mod syndication_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod write_tests;
