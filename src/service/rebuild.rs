//! Start-up: load the index snapshot if there is a usable one, then publish what the store holds
//! that the snapshot does not (extracting on every core; publishing stays in ingest order) and
//! drop what the store no longer holds. Without a snapshot, every stored article is replayed.
//! At shutdown, [`Writes::save_snapshot`] writes the next snapshot, unless the one loaded (or
//! last written) still holds the index.

use super::writes::{NO_SNAPSHOT, Writes};
use crate::index::{Index, PreparedArticle, SnapshotSource};
use crate::model::Article;
use crate::store::snapshot::{Loaded, SnapshotError};
use crate::store::{ScanError, StoreError};
use std::collections::HashSet;
use std::convert::Infallible;
use std::sync::atomic::Ordering;

/// Articles extracted together before they are published in order.
const CHUNK: usize = 512;

/// What a start-up rebuild found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rebuilt {
    /// Articles loaded, already resolved, from the snapshot (0 without one).
    pub from_snapshot: usize,
    /// Articles read back from the store and published again (extracted and resolved).
    pub restored: usize,
    /// Articles read back but refused by the index (logged).
    pub skipped: usize,
    /// Articles in the snapshot that the store no longer holds (deleted since), removed.
    pub dropped: usize,
}

impl Writes {
    /// Rebuilds the index from the snapshot and the store (blocking: call before serving).
    pub fn rebuild(&self) -> Result<Rebuilt, StoreError> {
        let mut publisher = Publisher::new(self);
        let result = match self.load_snapshot() {
            Some(covers_below) => self.catch_up(covers_below, &mut publisher),
            None => self.store.scan(|article| publisher.push(article)),
        };
        publisher.flush();
        match result {
            Ok(()) => Ok(publisher.rebuilt),
            Err(ScanError::Store(err)) => Err(err),
            Err(ScanError::Visit(never)) => match never {},
        }
    }

    /// Writes the index to the snapshot file (blocking; ingest waits meanwhile, readers do not).
    /// Returns the file's size in bytes, or `None` when the file already holds the index as it
    /// is (loaded at start-up or written since, and nothing published or deleted after): a stop
    /// then leaves it as it is instead of writing the same contents again.
    pub fn save_snapshot(&self) -> Result<Option<u64>, SnapshotError> {
        let held = self.snapshot_holds.load(Ordering::Acquire);
        let on_disk = self.store.snapshot_path().is_some_and(|p| p.is_file());
        if held != NO_SNAPSHOT && held == self.index.changes() && on_disk {
            return Ok(None);
        }
        let holds = std::cell::Cell::new(NO_SNAPSHOT);
        let size = self.store.save_snapshot(|out| {
            let covered = self
                .index
                .write_state(out, |changes| {
                    holds.set(changes);
                    self.store.next_seq()
                })
                .map_err(|e| e.to_string())?;
            covered.map_err(|e| e.to_string())
        })?;
        self.snapshot_holds.store(holds.get(), Ordering::Release);
        Ok(Some(size))
    }

    /// Loads the snapshot into the (empty) index; `None` when there is none or it cannot be
    /// used, which is logged: the store is then replayed in full.
    fn load_snapshot(&self) -> Option<u64> {
        let started = std::time::Instant::now();
        let loaded = match self.store.read_snapshot() {
            Ok(loaded) => loaded?,
            Err(err) => {
                tracing::warn!(error = %err, "index snapshot not used; replaying the store");
                return None;
            }
        };
        tracing::debug!(elapsed = ?started.elapsed(), "index snapshot opened");
        let covers_below = loaded.covers_below;
        // each block is checked as decoding reaches it, while helpers read the next ones in
        let decoded = Index::decode_from(loaded.body(), &Source(&loaded));
        // and the blocks no section reached before anything is loaded
        let whole = loaded.check_all();
        // the file's pages are not needed once decoded: the records are rebuilt without them
        drop(loaded);
        let loaded = match whole {
            Err(damaged) => Err(damaged.to_string()),
            Ok(()) => decoded
                .and_then(|state| {
                    tracing::debug!(elapsed = ?started.elapsed(), "index snapshot decoded");
                    self.index.load_decoded(state)
                })
                .map_err(|err| err.to_string()),
        };
        match loaded {
            Ok(()) => {
                tracing::debug!(elapsed = ?started.elapsed(), "index snapshot loaded");
                // what the catch-up changes, and what is written after, the count tells apart
                let held = self.index.changes();
                self.snapshot_holds.store(held, Ordering::Release);
                Some(covers_below)
            }
            Err(err) => {
                tracing::warn!(error = %err, "index snapshot not loaded; replaying the store");
                if let Err(err) = self.store.remove_snapshot() {
                    tracing::warn!(error = %err, "index snapshot not removed");
                }
                None
            }
        }
    }

    /// After a snapshot: drops articles deleted since, and publishes those stored since (at or
    /// above `covers_below`) or missing from it.
    fn catch_up(
        &self,
        covers_below: u64,
        publisher: &mut Publisher<'_>,
    ) -> Result<(), ScanError<Infallible>> {
        let stored = self.store.ids().map_err(ScanError::Store)?;
        let held: HashSet<&str> = stored.iter().map(|(id, _)| id.as_str()).collect();
        for id in self.index.article_ids() {
            if !held.contains(id.as_str()) && self.index.delete_article(&id).is_ok() {
                publisher.rebuilt.dropped += 1;
            }
        }
        let mut seqs = Vec::new();
        for (id, seq) in &stored {
            let indexed = self.index.article(id).is_some();
            if *seq >= covers_below && indexed {
                // deleted and stored again since the snapshot: the stored text wins
                let _ = self.index.delete_article(id);
            }
            if *seq >= covers_below || !indexed {
                seqs.push(*seq);
            }
        }
        seqs.sort_unstable();
        publisher.rebuilt.from_snapshot = self.index.stats().articles;
        self.store
            .scan_seqs(&seqs, |article| publisher.push(article))
    }
}

/// Publishes the articles it is given in order, extracting them in chunks over every core.
struct Publisher<'a> {
    writes: &'a Writes,
    threads: usize,
    chunk: Vec<Article>,
    rebuilt: Rebuilt,
}

impl<'a> Publisher<'a> {
    fn new(writes: &'a Writes) -> Self {
        Publisher {
            writes,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            chunk: Vec::with_capacity(CHUNK),
            rebuilt: Rebuilt::default(),
        }
    }

    fn push(&mut self, article: Article) -> Result<(), Infallible> {
        self.chunk.push(article);
        if self.chunk.len() == CHUNK {
            self.flush();
        }
        Ok(())
    }

    fn flush(&mut self) {
        let articles = std::mem::take(&mut self.chunk);
        for prepared in prepare_all(articles, self.threads) {
            let id = prepared.article.id.clone();
            match self.writes.index.publish_prepared(prepared) {
                Ok(_) => self.rebuilt.restored += 1,
                Err(err) => {
                    tracing::warn!(article = %id, error = %err, "stored article not restored");
                    self.rebuilt.skipped += 1;
                }
            }
        }
    }
}

/// Prepares every article (extracts it and works out what resolving reads from it alone, see
/// [`PreparedArticle::new`]), splitting the work over `threads` threads; results keep input
/// order.
fn prepare_all(articles: Vec<Article>, threads: usize) -> Vec<PreparedArticle> {
    let one = |part: Vec<Article>| -> Vec<PreparedArticle> {
        part.into_iter().map(PreparedArticle::of).collect()
    };
    if threads <= 1 || articles.len() < 2 {
        return one(articles);
    }
    let per = articles.len().div_ceil(threads);
    let mut parts = Vec::with_capacity(threads);
    let mut rest = articles;
    while rest.len() > per {
        let tail = rest.split_off(per);
        parts.push(std::mem::replace(&mut rest, tail));
    }
    parts.push(rest);
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || one(part)))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| match handle.join() {
                Ok(prepared) => prepared,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// A snapshot file as the index decodes it: checked block by block, read ahead of the decoders.
struct Source<'a>(&'a Loaded);

impl SnapshotSource for Source<'_> {
    fn check(&self, range: std::ops::Range<usize>) -> Option<usize> {
        self.0.check(range).ok()
    }

    fn prefetch(&self, range: std::ops::Range<usize>) {
        self.0.prefetch(range);
    }
}
