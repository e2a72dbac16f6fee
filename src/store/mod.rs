//! The durable store: every ingested article, kept in an embedded crash-safe database ([redb]) so
//! that the in-memory index can be rebuilt from it at start-up.
//!
//! Writes go through one writer thread that commits in groups (see [`writer`]): a caller's
//! [`Store::put`] returns only after the transaction holding its article has been committed and
//! synced, yet many concurrent callers share one sync. Reads open their own snapshot and never
//! wait for the writer.
//!
//! [`Store::in_memory`] makes a store that keeps nothing (the `--in-memory` mode): writes succeed
//! at once and start-up finds nothing to rebuild.
//!
//! The file is `saywho.redb` inside the data directory. Articles are keyed by an ingest sequence
//! number, so iterating them replays ingest order; a second table maps article id to sequence.

mod catalog;
mod codec;
mod error;
pub mod snapshot;
mod writer;

pub use error::{ScanError, StoreError};
pub use writer::StoreStats;

use crate::model::Article;
use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// Ingest sequence number → encoded article.
const ARTICLES: TableDefinition<'_, u64, &[u8]> = TableDefinition::new("articles_v1");
/// Article id → ingest sequence number.
const IDS: TableDefinition<'_, &str, u64> = TableDefinition::new("article_ids_v1");
/// Named markers, e.g. [`SEEDS_LOADED`].
const META: TableDefinition<'_, &str, u64> = TableDefinition::new("meta_v1");

/// Marker set once the seed articles have been ingested into this data directory, so that a seed
/// the user deleted is not brought back by the next start.
pub const SEEDS_LOADED: &str = "seeds_loaded";

/// Marker holding one past the highest sequence number ever given (written on delete), so that
/// numbers are never reused and a snapshot's coverage stays meaningful.
const NEXT_SEQ: &str = "next_seq";

/// Name of the database file inside the data directory.
pub const FILE_NAME: &str = "saywho.redb";

/// Default cap on the number of writes committed together.
pub const DEFAULT_MAX_BATCH: usize = 1024;

/// Queue length between callers and the writer; callers wait (back-pressure) beyond it.
const QUEUE: usize = 8192;

/// What [`Store::put`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PutOutcome {
    /// Stored, durably, with this ingest sequence number.
    Stored {
        /// Position in ingest order.
        seq: u64,
    },
    /// An article with this id was already stored; nothing was written.
    Exists {
        /// Whether the stored article has the same text (an idempotent retry) or not (a conflict).
        same_text: bool,
    },
}

/// A handle to the store; cheap to clone. The database closes when the last handle is dropped
/// (after the writer has finished what is queued).
#[derive(Clone)]
pub struct Store {
    inner: Option<Arc<Inner>>,
}

struct Inner {
    db: Arc<Database>,
    path: PathBuf,
    tx: Option<mpsc::Sender<writer::Op>>,
    writer: Option<std::thread::JoinHandle<()>>,
    stats: Arc<StoreStats>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.tx.take();
        if let Some(handle) = self.writer.take() {
            let _ = handle.join();
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.inner {
            Some(inner) => write!(f, "Store({})", inner.path.display()),
            None => f.write_str("Store(in-memory)"),
        }
    }
}

impl Store {
    /// Opens the store in `dir`, creating the directory and the database file if needed.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        Store::open_with(dir, DEFAULT_MAX_BATCH)
    }

    /// Like [`Store::open`], committing at most `max_batch` writes per transaction (at least 1).
    pub fn open_with(dir: &Path, max_batch: usize) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|err| StoreError::CreateDir {
            path: dir.to_owned(),
            reason: err.to_string(),
        })?;
        let path = dir.join(FILE_NAME);
        let open_err = |reason: String| StoreError::Open {
            path: path.clone(),
            reason,
        };
        let db =
            Database::create(&path).map_err(|err| open_err(redb::Error::from(err).to_string()))?;
        // Create the tables so that readers never meet a missing table.
        let txn = db
            .begin_write()
            .map_err(|e| open_err(redb::Error::from(e).to_string()))?;
        for table in [IDS, META] {
            txn.open_table(table)
                .map_err(|e| open_err(redb::Error::from(e).to_string()))?;
        }
        let next_seq = catalog::next_seq(&txn).map_err(|e| open_err(e.to_string()))?;
        txn.commit()
            .map_err(|e| open_err(redb::Error::from(e).to_string()))?;

        let db = Arc::new(db);
        let stats = Arc::new(StoreStats::default());
        let (tx, rx) = mpsc::channel(QUEUE);
        let writer = {
            let (db, stats) = (Arc::clone(&db), Arc::clone(&stats));
            std::thread::Builder::new()
                .name("saywho-store-writer".into())
                .spawn(move || writer::run(db, rx, stats, max_batch.max(1), next_seq))
                .map_err(|err| open_err(format!("cannot start the writer thread: {err}")))?
        };
        Ok(Store {
            inner: Some(Arc::new(Inner {
                db,
                path,
                tx: Some(tx),
                writer: Some(writer),
                stats,
            })),
        })
    }

    /// A store that keeps nothing: writes succeed at once, reads find nothing.
    pub fn in_memory() -> Store {
        Store { inner: None }
    }

    /// Whether this store writes to disk.
    pub fn is_durable(&self) -> bool {
        self.inner.is_some()
    }

    /// Counters of the group-commit writer (all zero in memory).
    pub fn stats(&self) -> Arc<StoreStats> {
        self.inner
            .as_ref()
            .map_or_else(Default::default, |i| Arc::clone(&i.stats))
    }

    /// Stores `article` unless one with the same id exists, and returns once that is durable.
    pub async fn put(&self, article: &Article) -> Result<PutOutcome, StoreError> {
        let Some(inner) = &self.inner else {
            return Ok(PutOutcome::Stored { seq: 0 });
        };
        let bytes = codec::encode(article).map_err(StoreError::Encode)?;
        let (reply, rx) = oneshot::channel();
        let op = writer::Op::Put {
            id: article.id.clone(),
            text: Arc::clone(&article.text),
            bytes,
            reply,
        };
        inner.send(op, rx).await
    }

    /// Removes the article with this id, durably; returns whether it was stored (always true in
    /// memory, where the index alone knows).
    pub async fn delete(&self, id: &str) -> Result<bool, StoreError> {
        let Some(inner) = &self.inner else {
            return Ok(true);
        };
        let (reply, rx) = oneshot::channel();
        inner
            .send(
                writer::Op::Delete {
                    id: id.to_owned(),
                    reply,
                },
                rx,
            )
            .await
    }

    /// Sets a named marker, durably (e.g. [`SEEDS_LOADED`]).
    pub async fn mark(&self, name: &'static str) -> Result<(), StoreError> {
        let Some(inner) = &self.inner else {
            return Ok(());
        };
        let (reply, rx) = oneshot::channel();
        inner.send(writer::Op::Mark { name, reply }, rx).await
    }

    /// Whether a marker has been set (always false in memory).
    pub fn is_marked(&self, name: &str) -> Result<bool, StoreError> {
        let Some(inner) = &self.inner else {
            return Ok(false);
        };
        let txn = inner.db.begin_read().map_err(StoreError::read)?;
        let meta = txn.open_table(META).map_err(StoreError::read)?;
        Ok(meta.get(name).map_err(StoreError::read)?.is_some())
    }

    /// Whether an article with this id is stored.
    pub fn contains(&self, id: &str) -> Result<bool, StoreError> {
        let Some(inner) = &self.inner else {
            return Ok(false);
        };
        let txn = inner.db.begin_read().map_err(StoreError::read)?;
        let ids = txn.open_table(IDS).map_err(StoreError::read)?;
        Ok(ids.get(id).map_err(StoreError::read)?.is_some())
    }

    /// The stored article with this id.
    pub fn get(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let Some(inner) = &self.inner else {
            return Ok(None);
        };
        let txn = inner.db.begin_read().map_err(StoreError::read)?;
        let ids = txn.open_table(IDS).map_err(StoreError::read)?;
        let Some(seq) = ids.get(id).map_err(StoreError::read)?.map(|g| g.value()) else {
            return Ok(None);
        };
        let articles = txn.open_table(ARTICLES).map_err(StoreError::read)?;
        match articles.get(seq).map_err(StoreError::read)? {
            Some(bytes) => codec::decode(bytes.value())
                .map(Some)
                .map_err(|reason| StoreError::Corrupt { key: seq, reason }),
            None => Ok(None),
        }
    }

    /// Number of stored articles.
    pub fn len(&self) -> Result<u64, StoreError> {
        let Some(inner) = &self.inner else {
            return Ok(0);
        };
        let txn = inner.db.begin_read().map_err(StoreError::read)?;
        let articles = txn.open_table(ARTICLES).map_err(StoreError::read)?;
        articles.len().map_err(StoreError::read)
    }

    /// True when no article is stored.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// Calls `f` with every stored article in ingest order, from one consistent snapshot. Stops at
    /// the first error, from the store or from `f`. Blocking: call it before serving or from
    /// `spawn_blocking`.
    pub fn scan<E>(&self, mut f: impl FnMut(Article) -> Result<(), E>) -> Result<(), ScanError<E>> {
        let Some(inner) = &self.inner else {
            return Ok(());
        };
        let txn = inner
            .db
            .begin_read()
            .map_err(|e| ScanError::Store(StoreError::read(e)))?;
        let articles = txn
            .open_table(ARTICLES)
            .map_err(|e| ScanError::Store(StoreError::read(e)))?;
        for entry in articles
            .iter()
            .map_err(|e| ScanError::Store(StoreError::read(e)))?
        {
            let (key, bytes) = entry.map_err(|e| ScanError::Store(StoreError::read(e)))?;
            let article = codec::decode(bytes.value()).map_err(|reason| {
                ScanError::Store(StoreError::Corrupt {
                    key: key.value(),
                    reason,
                })
            })?;
            f(article).map_err(ScanError::Visit)?;
        }
        Ok(())
    }
}

impl Inner {
    async fn send<T>(
        &self,
        op: writer::Op,
        rx: oneshot::Receiver<Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        let tx = self.tx.as_ref().ok_or(StoreError::Closed)?;
        tx.send(op).await.map_err(|_| StoreError::Closed)?;
        rx.await.map_err(|_| StoreError::Closed)?
    }
}

#[cfg(test)]
mod tests;
