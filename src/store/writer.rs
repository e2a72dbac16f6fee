//! The single writer thread: group commit.
//!
//! Every write goes through one channel to one thread. The thread takes the first waiting
//! request, drains whatever else is already queued (up to a cap in count and bytes), applies the
//! lot in one redb transaction, commits it with [`redb::Durability::Immediate`] (one fsync), and
//! only then answers each caller. Under load, batches form by themselves: while one commit is
//! syncing, the next requests queue up and go together in the next one.

use super::{ARTICLES, IDS, META, NEXT_SEQ, PutOutcome, StoreError, codec};
use redb::{Database, ReadableTable, WriteTransaction};
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::{mpsc, oneshot};

/// Stop draining the queue into one batch once it holds this many encoded bytes.
const MAX_BATCH_BYTES: usize = 32 << 20;

/// Counters of the group-commit writer.
#[derive(Debug, Default)]
pub struct StoreStats {
    commits: AtomicU64,
    ops: AtomicU64,
    max_batch: AtomicU64,
}

impl StoreStats {
    /// Transactions committed.
    pub fn commits(&self) -> u64 {
        self.commits.load(Ordering::Relaxed)
    }
    /// Writes (puts, deletes, markers) committed.
    pub fn ops(&self) -> u64 {
        self.ops.load(Ordering::Relaxed)
    }
    /// The largest batch committed in one transaction.
    pub fn max_batch(&self) -> u64 {
        self.max_batch.load(Ordering::Relaxed)
    }
}

/// One request to the writer.
pub(super) enum Op {
    /// Store an article unless its id is taken.
    Put {
        /// The article id.
        id: String,
        /// The text, for comparing with an existing article of the same id.
        text: Arc<str>,
        /// [`codec::encode`] of the article.
        bytes: Vec<u8>,
        /// Answered after the commit.
        reply: oneshot::Sender<Result<PutOutcome, StoreError>>,
    },
    /// Remove an article; answers whether it was there.
    Delete {
        /// The article id.
        id: String,
        /// Answered after the commit.
        reply: oneshot::Sender<Result<bool, StoreError>>,
    },
    /// Set a named marker (e.g. "seeds loaded").
    Mark {
        /// The marker name.
        name: &'static str,
        /// Answered after the commit.
        reply: oneshot::Sender<Result<(), StoreError>>,
    },
}

impl Op {
    fn weight(&self) -> usize {
        match self {
            Op::Put { bytes, .. } => bytes.len(),
            Op::Delete { id, .. } => id.len(),
            Op::Mark { .. } => 8,
        }
    }
}

/// What an op will answer once its batch has committed.
enum Pending {
    Put(oneshot::Sender<Result<PutOutcome, StoreError>>, PutOutcome),
    Delete(oneshot::Sender<Result<bool, StoreError>>, bool),
    Mark(oneshot::Sender<Result<(), StoreError>>),
}

impl Pending {
    fn send_ok(self) {
        // A caller that gave up waiting is not an error: its write is durable anyway.
        match self {
            Pending::Put(reply, outcome) => drop(reply.send(Ok(outcome))),
            Pending::Delete(reply, found) => drop(reply.send(Ok(found))),
            Pending::Mark(reply) => drop(reply.send(Ok(()))),
        }
    }

    fn send_err(self, err: &StoreError) {
        match self {
            Pending::Put(reply, _) => drop(reply.send(Err(err.clone()))),
            Pending::Delete(reply, _) => drop(reply.send(Err(err.clone()))),
            Pending::Mark(reply) => drop(reply.send(Err(err.clone()))),
        }
    }
}

impl Op {
    fn into_failed(self, err: &StoreError) {
        match self {
            Op::Put { reply, .. } => drop(reply.send(Err(err.clone()))),
            Op::Delete { reply, .. } => drop(reply.send(Err(err.clone()))),
            Op::Mark { reply, .. } => drop(reply.send(Err(err.clone()))),
        }
    }
}

/// Runs until every sender is gone. `next_seq` is one past the highest ingest sequence stored.
pub(super) fn run(
    db: Arc<Database>,
    mut rx: mpsc::Receiver<Op>,
    stats: Arc<StoreStats>,
    max_batch: usize,
    mut next_seq: u64,
) {
    let mut batch: VecDeque<Op> = VecDeque::with_capacity(max_batch);
    while let Some(first) = rx.blocking_recv() {
        let mut bytes = first.weight();
        batch.push_back(first);
        while batch.len() < max_batch && bytes < MAX_BATCH_BYTES {
            match rx.try_recv() {
                Ok(op) => {
                    bytes += op.weight();
                    batch.push_back(op);
                }
                Err(_) => break,
            }
        }
        let size = batch.len() as u64;
        match commit(&db, &mut batch, &mut next_seq) {
            Ok(pending) => {
                stats.commits.fetch_add(1, Ordering::Relaxed);
                stats.ops.fetch_add(size, Ordering::Relaxed);
                stats.max_batch.fetch_max(size, Ordering::Relaxed);
                pending.into_iter().for_each(Pending::send_ok);
            }
            Err((err, pending)) => {
                tracing::error!(error = %err, ops = size, "store commit failed; nothing in the batch was acknowledged");
                pending.into_iter().for_each(|p| p.send_err(&err));
                batch.drain(..).for_each(|op| op.into_failed(&err));
            }
        }
    }
}

type Failed = (StoreError, Vec<Pending>);

/// Applies and commits one batch. On failure nothing of the batch is visible (the transaction is
/// aborted), `next_seq` is restored, and every op not yet moved to `Pending` stays in `batch`.
fn commit(
    db: &Database,
    batch: &mut VecDeque<Op>,
    next_seq: &mut u64,
) -> Result<Vec<Pending>, Failed> {
    let mut pending = Vec::with_capacity(batch.len());
    let seq_before = *next_seq;
    let txn = match db.begin_write() {
        Ok(txn) => txn,
        Err(err) => return Err((StoreError::write(err), pending)),
    };
    let applied = apply(&txn, batch, next_seq, &mut pending);
    let result = applied.and_then(|()| txn.commit().map_err(StoreError::write));
    match result {
        Ok(()) => Ok(pending),
        Err(err) => {
            *next_seq = seq_before;
            Err((err, pending))
        }
    }
}

fn apply(
    txn: &WriteTransaction,
    batch: &mut VecDeque<Op>,
    next_seq: &mut u64,
    pending: &mut Vec<Pending>,
) -> Result<(), StoreError> {
    let mut articles = txn.open_table(ARTICLES).map_err(StoreError::write)?;
    let mut ids = txn.open_table(IDS).map_err(StoreError::write)?;
    let mut meta = txn.open_table(META).map_err(StoreError::write)?;
    while let Some(op) = batch.pop_front() {
        match op {
            Op::Put {
                id,
                text,
                bytes,
                reply,
            } => {
                let existing = ids
                    .get(id.as_str())
                    .map_err(StoreError::write)?
                    .map(|g| g.value());
                let outcome = match existing {
                    Some(seq) => {
                        let same_text = match articles.get(seq).map_err(StoreError::write)? {
                            Some(stored) => codec::decode(stored.value())
                                .map(|a| *a.text == *text)
                                .map_err(|reason| StoreError::Corrupt { key: seq, reason })?,
                            None => false,
                        };
                        PutOutcome::Exists { same_text }
                    }
                    None => {
                        let seq = *next_seq;
                        *next_seq += 1;
                        articles
                            .insert(seq, bytes.as_slice())
                            .map_err(StoreError::write)?;
                        ids.insert(id.as_str(), seq).map_err(StoreError::write)?;
                        PutOutcome::Stored { seq }
                    }
                };
                pending.push(Pending::Put(reply, outcome));
            }
            Op::Delete { id, reply } => {
                let removed = ids
                    .remove(id.as_str())
                    .map_err(StoreError::write)?
                    .map(|g| g.value());
                if let Some(seq) = removed {
                    articles.remove(seq).map_err(StoreError::write)?;
                    // deleting the newest article must not free its number for reuse
                    meta.insert(NEXT_SEQ, *next_seq)
                        .map_err(StoreError::write)?;
                }
                pending.push(Pending::Delete(reply, removed.is_some()));
            }
            Op::Mark { name, reply } => {
                meta.insert(name, 1u64).map_err(StoreError::write)?;
                pending.push(Pending::Mark(reply));
            }
        }
    }
    Ok(())
}
