//! What can go wrong in the store.

use std::path::PathBuf;

/// Why a store operation failed.
#[derive(Clone, Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory could not be created.
    #[error("cannot create the data directory {path}: {reason}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The OS error.
        reason: String,
    },
    /// The database file could not be opened (held by another process, corrupt, unreadable).
    #[error("cannot open the store {path}: {reason}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// What redb said.
        reason: String,
    },
    /// A read failed.
    #[error("store read failed: {0}")]
    Read(String),
    /// A write or commit failed; nothing of the batch it was in was stored.
    #[error("store write failed: {0}")]
    Write(String),
    /// A stored article could not be decoded.
    #[error("stored article #{key} cannot be decoded: {reason}")]
    Corrupt {
        /// Its ingest sequence number.
        key: u64,
        /// What the decoder said.
        reason: String,
    },
    /// The article could not be serialized.
    #[error("article cannot be encoded: {0}")]
    Encode(String),
    /// The writer thread has stopped (the store is shutting down).
    #[error("the store is closed")]
    Closed,
}

impl StoreError {
    pub(super) fn read(err: impl Into<redb::Error>) -> Self {
        StoreError::Read(err.into().to_string())
    }

    pub(super) fn write(err: impl Into<redb::Error>) -> Self {
        StoreError::Write(err.into().to_string())
    }
}

/// Why [`Store::scan`] stopped.
#[derive(Debug, thiserror::Error)]
pub enum ScanError<E> {
    /// Reading the store failed.
    #[error(transparent)]
    Store(StoreError),
    /// The visitor returned an error.
    #[error("while rebuilding from the store: {0}")]
    Visit(E),
}
