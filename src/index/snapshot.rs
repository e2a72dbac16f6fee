//! The whole index as one value: what a restart loads instead of replaying ingest.
//!
//! A snapshot holds the published records (articles, quote groups, speakers, claim groups), the
//! cross-source resolver's state and the id maps between them. Posting lists and ordered id sets
//! are not written: they are derived from the records, and loading rebuilds them the way
//! publishing does. Summaries cached on records are not written either; they are recomputed on
//! first use. An occurrence names its article and its speaker by position, and is read back
//! pointing to the one copy of each ([`shared`]). The encoding is [postcard]; framing, checksums
//! and atomic files are the store's business ([`crate::store::snapshot`]).
//!
//! Loading is in two steps, so that the caller can let go of the snapshot's bytes before the
//! index is rebuilt from what they decoded: [`Index::decode_state`], then
//! [`Index::load_decoded`]. The body's layout is [`format`]'s.

mod format;
pub(super) mod shared;

use super::batch::QuoteBatch;
use super::{ArticleRecord, ClaimGroup, Index, QuoteGroup, SpeakerRecord};
use format::{Records, RecordsRef};
use std::io::Write;
use std::sync::Arc;

/// Where a snapshot's body is read from: [`Index::decode_from`] decodes no byte that
/// [`SnapshotSource::check`] has not confirmed.
pub trait SnapshotSource: Sync {
    /// Confirms that `range` of the body is intact; returns the end of what it has confirmed
    /// from `range.start` on (at least `range.end`), or `None` when the bytes are damaged.
    fn check(&self, range: std::ops::Range<usize>) -> Option<usize>;

    /// Brings `range` of the body into memory ahead of its decoding; may wait for a disk (it is
    /// called from a helper thread). Nothing by default.
    fn prefetch(&self, range: std::ops::Range<usize>) {
        let _ = range;
    }
}

/// Bytes already in memory and trusted whole.
struct Trusted(usize);

impl SnapshotSource for Trusted {
    fn check(&self, _: std::ops::Range<usize>) -> Option<usize> {
        Some(self.0)
    }
}

/// A snapshot decoded and not yet loaded (see [`Index::decode_state`]).
pub struct DecodedState {
    records: Records,
    resolver: crate::resolve::Resolver,
}

impl std::fmt::Debug for DecodedState {
    /// Prints the sizes only, never the contents.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DecodedState")
            .field("articles", &self.records.articles.len())
            .field("quotes", &self.records.rest.quotes.len())
            .finish_non_exhaustive()
    }
}

/// Why a snapshot could not be written or loaded.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// Encoding, decoding or writing failed.
    #[error("snapshot encoding: {0}")]
    Encoding(#[from] postcard::Error),
    /// Writing the sections' layout failed.
    #[error("snapshot writing: {0}")]
    Write(#[from] std::io::Error),
    /// The body is not two sections and a length (written by something else).
    #[error("snapshot layout: {0}")]
    Layout(&'static str),
    /// The bytes failed their check (see [`SnapshotSource`]).
    #[error("snapshot damaged: its bytes fail their check")]
    Damaged,
    /// Loading needs an empty index.
    #[error("the index already holds {0} articles; a snapshot loads only into an empty index")]
    NotEmpty(usize),
}

fn pairs<K: Clone + Eq + std::hash::Hash, V: Clone>(map: &super::Map<K, V>) -> Vec<(K, V)> {
    map.iter()
        .map(|e| (e.key().clone(), e.value().clone()))
        .collect()
}

fn fill<K: Eq + std::hash::Hash, V>(map: &super::Map<K, V>, pairs: Vec<(K, V)>) {
    for (k, v) in pairs {
        map.insert(k, v);
    }
}

impl Index {
    /// Writes the whole index to `out`. Holds the writer lock throughout, so no article is half
    /// published in what is written (ingest waits; readers do not). `under_lock` runs first, with
    /// the lock held and the number of [`Index::changes`] the snapshot holds: the caller notes
    /// there what the snapshot covers (the store's next sequence number), and its result is
    /// returned.
    pub fn write_state<T>(
        &self,
        out: impl Write,
        under_lock: impl FnOnce(u64) -> T,
    ) -> Result<T, StateError> {
        let i = &self.inner;
        let changes = i.writer.lock();
        let covered = under_lock(*changes);
        let resolver = i.resolver.read();
        let articles: Vec<Arc<ArticleRecord>> = i.articles.iter().map(|e| e.clone()).collect();
        let quotes: Vec<Arc<QuoteGroup>> = i.quotes.iter().map(|e| e.clone()).collect();
        let speakers: Vec<Arc<SpeakerRecord>> = i.speakers.iter().map(|e| e.clone()).collect();
        let claims: Vec<Arc<ClaimGroup>> = i.claims.iter().map(|e| e.clone()).collect();
        let records = RecordsRef {
            articles: articles.iter().map(Arc::as_ref).collect(),
            quotes: quotes.iter().map(Arc::as_ref).collect(),
            speakers: speakers.iter().map(Arc::as_ref).collect(),
            claims: claims.iter().map(Arc::as_ref).collect(),
            claim_groups: pairs(&i.claim_groups),
            speaker_slugs: pairs(&i.speaker_slugs),
            slugs_taken: pairs(&i.slugs_taken),
            role_holders: pairs(&i.role_holders),
        };
        format::write(out, &records, &resolver)?;
        Ok(covered)
    }

    /// Loads what [`Index::write_state`] wrote into this index, which must be empty:
    /// [`Index::decode_state`], then [`Index::load_decoded`].
    pub fn load_state(&self, bytes: &[u8]) -> Result<(), StateError> {
        self.load_decoded(Self::decode_state(bytes)?)
    }

    /// Decodes what [`Index::write_state`] wrote (its two sections on two threads), without
    /// changing any index: a bad snapshot is refused before anything is loaded.
    pub fn decode_state(bytes: &[u8]) -> Result<DecodedState, StateError> {
        Self::decode_from(bytes, &Trusted(bytes.len()))
    }

    /// [`Index::decode_state`], each part of `bytes` confirmed by `source` before it is decoded
    /// (a snapshot file's checksums, checked as decoding reaches them), and read ahead by it on
    /// a helper thread per section.
    pub fn decode_from(
        bytes: &[u8],
        source: &dyn SnapshotSource,
    ) -> Result<DecodedState, StateError> {
        let (records, resolver) = format::decode(bytes, source)?;
        Ok(DecodedState { records, resolver })
    }

    /// Loads a decoded snapshot into this index, which must be empty.
    pub fn load_decoded(&self, decoded: DecodedState) -> Result<(), StateError> {
        let DecodedState { records, resolver } = decoded;
        let i = &self.inner;
        let _writer = i.writer.lock();
        let held = i.article_ids.len();
        if held > 0 {
            return Err(StateError::NotEmpty(held));
        }
        *i.resolver.write() = resolver;
        let format::Records {
            articles,
            outlets,
            speaker_slugs,
            rest: state,
        } = records;
        for outlet in outlets {
            i.outlet_names.insert(outlet);
        }
        // the posting lists are concurrent maps: quote groups (the most postings) are put on
        // every core while this thread puts the rest
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut quotes = state.quotes;
        let per = quotes.len().div_ceil(threads).max(1);
        let parts: Vec<Vec<QuoteGroup>> = std::iter::from_fn(|| {
            (!quotes.is_empty()).then(|| quotes.split_off(quotes.len().saturating_sub(per)))
        })
        .collect();
        // occurrences already share their article's origin and their speaker's id (decoding
        // linked them); quotes share their words once linked to one copy of each again
        let articles: Vec<Arc<ArticleRecord>> = articles.into_iter().map(Arc::new).collect();
        let batch = std::thread::scope(|scope| {
            let threads: Vec<_> = parts
                .into_iter()
                .map(|part| {
                    scope.spawn(move || {
                        let mut batch = QuoteBatch::default();
                        for mut g in part {
                            for w in &mut g.words {
                                *w = self.word(w);
                            }
                            self.load_quote(Arc::new(g), &mut batch);
                        }
                        batch
                    })
                })
                .collect();
            for r in &articles {
                self.put_article(None, Some(r));
            }
            for mut s in state.speakers {
                s.contributions_mut()
                    .for_each_value_mut(|c| c.share(|x| self.name_string(x)));
                self.put_speaker(None, Some(&Arc::new(s)));
            }
            for g in state.claims {
                self.put_claim(None, Some(&Arc::new(g)));
            }
            // every thread's postings, built in one go
            let mut all = QuoteBatch::default();
            for t in threads {
                // a thread that panicked fails the load, as the scope would
                match t.join() {
                    Ok(b) => all.merge(b),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            all
        });
        self.add_quote_batch(batch);
        fill(&i.claim_groups, state.claim_groups);
        fill(&i.speaker_slugs, speaker_slugs);
        fill(&i.slugs_taken, state.slugs_taken);
        fill(&i.role_holders, state.role_holders);
        Ok(())
    }
}
