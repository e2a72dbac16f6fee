//! Durable writes: an article is published to the index, and acknowledged, only after the store
//! has committed it; a delete is acknowledged after the store forgot it and the index dropped it.
//!
//! Writes to the same id are serialised by a striped lock, so a create and a delete of one id can
//! never leave the store and the index disagreeing. Different ids proceed in parallel, which is
//! what lets the store's group commit batch them.

use super::limits::Limits;
use super::publisher::PublishThread;
use crate::index::{Created, Deleted, Error, Index, NewArticle, Prepared, Result};
use crate::store::{PutOutcome, SEEDS_LOADED, Store, StoreError};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use tokio::sync::Mutex;

/// Number of lock stripes; ids hash onto them.
const STRIPES: usize = 256;

/// The write path shared by the handlers: index + store + limits.
#[derive(Clone, Debug)]
pub struct Writes {
    pub(super) index: Index,
    pub(super) store: Store,
    limits: Arc<Limits>,
    stripes: Arc<[Mutex<()>]>,
    /// The one thread that publishes created articles.
    publisher: PublishThread,
    /// One permit per core: extractions beyond it would only take turns on the cores.
    extracting: Arc<tokio::sync::Semaphore>,
    /// The [`Index::changes`] count the snapshot file holds the index at, when one is known
    /// to (loaded at start-up, or written since); [`NO_SNAPSHOT`] otherwise.
    pub(super) snapshot_holds: Arc<AtomicU64>,
}

/// [`Writes::snapshot_holds`] when no snapshot file is known to hold the index.
pub(super) const NO_SNAPSHOT: u64 = u64::MAX;

fn store_error(err: StoreError) -> Error {
    Error::Internal(format!("durable store: {err}"))
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Internal(format!("ingest task failed: {e}")))?
}

impl Writes {
    /// The write path over `index`, persisting to `store` (use [`Store::in_memory`] to persist
    /// nothing).
    ///
    /// Fails when the publishing thread cannot be started.
    pub fn new(index: Index, store: Store, limits: Limits) -> std::io::Result<Self> {
        let stripes = (0..STRIPES).map(|_| Mutex::new(())).collect();
        Ok(Writes {
            publisher: PublishThread::start(index.clone())?,
            extracting: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(1, |n| n.get()),
            )),
            index,
            store,
            limits: Arc::new(limits),
            stripes,
            snapshot_holds: Arc::new(AtomicU64::new(NO_SNAPSHOT)),
        })
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    fn stripe(&self, id: &str) -> &Mutex<()> {
        let mut hasher = rustc_hash::FxHasher::default();
        id.hash(&mut hasher);
        &self.stripes[hasher.finish() as usize % self.stripes.len()]
    }

    /// Checks what can be checked before extraction: size, and no control characters other
    /// than tab, line feed, form feed and carriage return (binary data is not an article).
    fn check_text(&self, new: &NewArticle) -> Result<()> {
        let (len, max) = (new.text.len(), self.limits.max_article_bytes);
        if len > max {
            return Err(Error::invalid(
                "article.text",
                format!("is {len} bytes; the limit is {max} bytes (--max-article-bytes)"),
            ));
        }
        let control = new.text.char_indices().find(|&(_, c)| {
            c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') && (c as u32) < 0x80
        });
        if let Some((at, c)) = control {
            return Err(Error::invalid(
                "article.text",
                format!(
                    "contains the control character U+{:04X} at byte {at}; binary data is not accepted",
                    c as u32
                ),
            ));
        }
        Ok(())
    }

    /// Validates, extracts, stores durably, then publishes. Idempotent for the same id and text;
    /// ALREADY_EXISTS for the same id with a different text.
    ///
    /// Runs as its own task, so a caller that goes away (a cancelled call, a broken import
    /// stream) cannot leave an article stored but not published.
    pub async fn create(&self, new: NewArticle) -> Result<Created> {
        let this = self.clone();
        tokio::spawn(async move { this.create_now(new).await })
            .await
            .map_err(|e| Error::Internal(format!("ingest task failed: {e}")))?
    }

    async fn create_now(&self, new: NewArticle) -> Result<Created> {
        self.check_text(&new)?;
        let index = self.index.clone();
        let extracting = self
            .extracting
            .acquire()
            .await
            .map_err(|e| Error::Internal(format!("extraction closed: {e}")))?;
        let prepared = blocking(move || index.prepare(new)).await;
        drop(extracting);
        let prepared = match prepared? {
            Prepared::Existing(created) => return Ok(created),
            Prepared::New(prepared) => prepared,
        };
        let (quotes, max) = (
            prepared.extraction.quotes.len(),
            self.limits.max_quotes_per_article,
        );
        if quotes > max {
            return Err(Error::invalid(
                "article.text",
                format!(
                    "yields {quotes} quotations; the limit is {max} per article (--max-quotes-per-article)"
                ),
            ));
        }
        let id = prepared.article.id.clone();
        let _same_id = self.stripe(&id).lock().await;
        match self
            .store
            .put(&prepared.article)
            .await
            .map_err(store_error)?
        {
            PutOutcome::Stored { .. } => self.publisher.publish(prepared).await,
            PutOutcome::Exists { same_text: false } => Err(Error::AlreadyExists {
                name: crate::model::resource_name("articles", &id),
            }),
            PutOutcome::Exists { same_text: true } => match self.index.article(&id) {
                Some(record) => Ok(Created {
                    record,
                    already_existed: true,
                }),
                // Stored but not indexed (a start-up restore refused it): publish what is stored.
                None => {
                    let stored = self.store.get(&id).map_err(store_error)?;
                    let article = stored.unwrap_or(prepared.article);
                    let index = self.index.clone();
                    blocking(move || index.restore(article)).await
                }
            },
        }
    }

    /// Deletes an article durably and removes everything it contributed. NOT_FOUND when it does
    /// not exist.
    /// Runs as its own task, like [`Writes::create`].
    pub async fn delete(&self, id: &str) -> Result<Deleted> {
        let (this, id) = (self.clone(), id.to_owned());
        tokio::spawn(async move { this.delete_now(&id).await })
            .await
            .map_err(|e| Error::Internal(format!("delete task failed: {e}")))?
    }

    async fn delete_now(&self, id: &str) -> Result<Deleted> {
        let _same_id = self.stripe(id).lock().await;
        self.index.get_article(id)?;
        self.store.delete(id).await.map_err(store_error)?;
        let (index, id) = (self.index.clone(), id.to_owned());
        blocking(move || index.delete_article(&id)).await
    }

    /// Ingests the seed articles in `dir` once per data directory: skipped when an earlier start
    /// already did it (so a seed the user deleted stays deleted), and idempotent per article.
    /// Returns how many seeds were ingested now.
    pub async fn load_seeds(&self, dir: &Path) -> anyhow::Result<usize> {
        if self.store.is_marked(SEEDS_LOADED)? {
            return Ok(0);
        }
        let seeds = crate::seed::load(dir)?;
        let n = seeds.len();
        for seed in seeds {
            let id = seed.id.clone().unwrap_or_default();
            self.create(seed)
                .await
                .map_err(|err| anyhow::anyhow!("seed {id}: {err}"))?;
        }
        self.store.mark(SEEDS_LOADED).await?;
        Ok(n)
    }
}
