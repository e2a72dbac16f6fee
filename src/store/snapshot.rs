//! The index snapshot file (`index.snapshot` in the data directory): a checksummed copy of the
//! resolved index, written at shutdown so that a restart loads it instead of replaying ingest.
//!
//! Layout: the magic `SAYWHOIX`, the format version (u32 LE), the build's 16-character source
//! fingerprint, the body (whatever the caller wrote), the sequence number the snapshot covers
//! up to (u64 LE: every article stored with a lower number was stored before it was taken) and
//! an XXH3-64 of everything before (u64 LE). The file is written beside its final name and
//! renamed into place after an fsync, so a crash leaves the old snapshot or the new one, never
//! half of one. A snapshot is only ever loaded by a build with the same sources, and stays until
//! the next graceful stop replaces it.

use super::Store;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// Name of the snapshot file inside the data directory.
pub const FILE_NAME: &str = "index.snapshot";
const MAGIC: &[u8; 8] = b"SAYWHOIX";
const VERSION: u32 = 1;
/// Hash of the sources this build was compiled from (see `build.rs`).
const FINGERPRINT: &str = env!("SAYWHO_SOURCE_FINGERPRINT");
const HEADER: usize = MAGIC.len() + 4 + 16;
const TRAILER: usize = 16;

/// Why a snapshot could not be written or used.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// Reading or writing the file failed.
    #[error("snapshot {path}: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        reason: String,
    },
    /// The file is not a whole snapshot (truncated, corrupt, another format).
    #[error("snapshot {path} is damaged: {reason}")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The file was written by a build from other sources, whose index may differ.
    #[error("snapshot {path} was written by another build")]
    OtherBuild {
        /// The file.
        path: PathBuf,
    },
    /// The caller failed to write the body.
    #[error("snapshot body: {0}")]
    Body(String),
    /// The store keeps nothing on disk.
    #[error("an in-memory store keeps no snapshot")]
    InMemory,
}

/// A snapshot read back and checked.
#[derive(Debug)]
pub struct Loaded {
    bytes: Vec<u8>,
    /// Every article stored with a lower sequence number was stored before the snapshot.
    pub covers_below: u64,
}

impl Loaded {
    /// What the caller wrote.
    pub fn body(&self) -> &[u8] {
        &self.bytes[HEADER..self.bytes.len() - TRAILER]
    }
}

/// A writer that hashes what passes through it.
struct Hashing<W> {
    inner: W,
    hash: Xxh3,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> SnapshotError + '_ {
    move |err| SnapshotError::Io {
        path: path.to_owned(),
        reason: err.to_string(),
    }
}

impl Store {
    /// Where this store's snapshot lives (`None` in memory).
    pub fn snapshot_path(&self) -> Option<PathBuf> {
        let inner = self.inner.as_ref()?;
        Some(
            inner
                .path
                .parent()
                .unwrap_or(Path::new("."))
                .join(FILE_NAME),
        )
    }

    /// Writes a snapshot atomically. `body` writes the contents and returns the sequence number
    /// they cover up to (see [`Loaded::covers_below`]). Returns the file's size in bytes. On
    /// failure the previous snapshot, if any, is left as it was.
    pub fn save_snapshot<E: std::fmt::Display>(
        &self,
        body: impl FnOnce(&mut dyn Write) -> Result<u64, E>,
    ) -> Result<u64, SnapshotError> {
        let path = self.snapshot_path().ok_or(SnapshotError::InMemory)?;
        let temp = path.with_extension("snapshot.partial");
        let size = write_file(&temp, body).inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })?;
        std::fs::rename(&temp, &path).map_err(io(&path))?;
        if let Some(dir) = path.parent() {
            File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(io(dir))?;
        }
        Ok(size)
    }

    /// Reads and checks the snapshot; `Ok(None)` when there is none. The file stays: a start
    /// after a crash loads it too and catches up with the store (sequence numbers are never
    /// reused, so "stored since" stays true). One that cannot be used is removed, so that it is
    /// reported once; the next graceful stop writes a new one.
    pub fn read_snapshot(&self) -> Result<Option<Loaded>, SnapshotError> {
        let Some(path) = self.snapshot_path() else {
            return Ok(None);
        };
        // a write the process did not live to finish (SIGKILL, power loss) leaves its partial
        // file, as large as a snapshot: nothing reads it, and the next save starts afresh
        let _ = std::fs::remove_file(path.with_extension("snapshot.partial"));
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(io(&path)(err)),
        };
        let checked = check(&path, bytes);
        if checked.is_err() {
            self.remove_snapshot()?;
        }
        checked.map(Some)
    }

    /// Removes the snapshot, if any (one whose contents the index refused).
    pub fn remove_snapshot(&self) -> Result<(), SnapshotError> {
        let Some(path) = self.snapshot_path() else {
            return Ok(());
        };
        match std::fs::remove_file(&path) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(io(&path)(err)),
            _ => Ok(()),
        }
    }
}

/// Writes header, body and trailer to `temp` and syncs it; returns its size.
fn write_file<E: std::fmt::Display>(
    temp: &Path,
    body: impl FnOnce(&mut dyn Write) -> Result<u64, E>,
) -> Result<u64, SnapshotError> {
    let file = File::create(temp).map_err(io(temp))?;
    let mut out = Hashing {
        inner: BufWriter::with_capacity(1 << 20, file),
        hash: Xxh3::new(),
    };
    out.write_all(MAGIC).map_err(io(temp))?;
    out.write_all(&VERSION.to_le_bytes()).map_err(io(temp))?;
    out.write_all(FINGERPRINT.as_bytes()).map_err(io(temp))?;
    let covers_below = body(&mut out).map_err(|e| SnapshotError::Body(e.to_string()))?;
    out.write_all(&covers_below.to_le_bytes())
        .map_err(io(temp))?;
    let sum = out.hash.digest();
    let mut file = out
        .inner
        .into_inner()
        .map_err(|e| io(temp)(e.into_error()))?;
    file.write_all(&sum.to_le_bytes()).map_err(io(temp))?;
    file.sync_all().map_err(io(temp))?;
    Ok(file.metadata().map_err(io(temp))?.len())
}

fn check(path: &Path, bytes: Vec<u8>) -> Result<Loaded, SnapshotError> {
    let damaged = |reason: &str| SnapshotError::Damaged {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    if bytes.len() < HEADER + TRAILER || &bytes[..MAGIC.len()] != MAGIC {
        return Err(damaged("not a saywho index snapshot"));
    }
    let word = |at: usize| -> u64 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(b)
    };
    let sum_at = bytes.len() - 8;
    if xxh3_64(&bytes[..sum_at]) != word(sum_at) {
        return Err(damaged("checksum mismatch (truncated or corrupt)"));
    }
    let version = &bytes[MAGIC.len()..MAGIC.len() + 4];
    let fingerprint = &bytes[MAGIC.len() + 4..HEADER];
    if version != VERSION.to_le_bytes() || fingerprint != FINGERPRINT.as_bytes() {
        return Err(SnapshotError::OtherBuild {
            path: path.to_owned(),
        });
    }
    let covers_below = word(sum_at - 8);
    Ok(Loaded {
        bytes,
        covers_below,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save(store: &Store, body: &[u8], covers: u64) -> u64 {
        store
            .save_snapshot(|out| {
                out.write_all(body).map_err(|e| e.to_string())?;
                Ok::<u64, String>(covers)
            })
            .expect("save")
    }

    #[test]
    fn a_snapshot_reads_back_until_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        let size = save(&store, b"state", 7);
        assert_eq!(size as usize, HEADER + 5 + TRAILER);
        for _ in 0..2 {
            let loaded = store.read_snapshot().expect("read").expect("present");
            assert_eq!((loaded.body(), loaded.covers_below), (&b"state"[..], 7));
        }
        // a failed save leaves the previous snapshot as it was, and no partial file
        let failed = store.save_snapshot(|_| Err::<u64, _>("no body"));
        assert!(matches!(failed, Err(SnapshotError::Body(_))));
        let path = store.snapshot_path().expect("durable");
        assert!(!path.with_extension("snapshot.partial").exists());
        let kept = store.read_snapshot().expect("read").expect("kept");
        assert_eq!(kept.body(), b"state");
        save(&store, b"newer", 9);
        let loaded = store.read_snapshot().expect("read").expect("present");
        assert_eq!((loaded.body(), loaded.covers_below), (&b"newer"[..], 9));
        store.remove_snapshot().expect("remove");
        assert!(store.read_snapshot().expect("read").is_none());
        // a partial file left by a write cut short is removed when the store is next read
        let partial = path.with_extension("snapshot.partial");
        std::fs::write(&partial, b"half a snapshot").expect("write");
        assert!(store.read_snapshot().expect("read").is_none());
        assert!(!partial.exists());
    }

    #[test]
    fn damaged_or_foreign_snapshots_are_refused_and_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        let path = store.snapshot_path().expect("durable");
        save(&store, b"state", 7);
        let bytes = std::fs::read(&path).expect("read");
        std::fs::write(&path, &bytes[..bytes.len() - 1]).expect("truncate");
        let err = store.read_snapshot().expect_err("truncated");
        assert!(matches!(err, SnapshotError::Damaged { .. }), "{err}");
        assert!(!path.exists(), "reported once");
        // another build: a different fingerprint under a valid checksum
        let mut other = bytes.clone();
        other[MAGIC.len() + 4] ^= 1;
        let sum_at = other.len() - 8;
        let sum = xxh3_64(&other[..sum_at]).to_le_bytes();
        other[sum_at..].copy_from_slice(&sum);
        std::fs::write(&path, other).expect("write");
        let err = store.read_snapshot().expect_err("other build");
        assert!(matches!(err, SnapshotError::OtherBuild { .. }), "{err}");
        assert!(!path.exists(), "reported once");
    }

    #[test]
    fn an_in_memory_store_keeps_no_snapshot() {
        let store = Store::in_memory();
        assert!(matches!(
            store.save_snapshot(|_| Ok::<u64, String>(0)),
            Err(SnapshotError::InMemory)
        ));
        assert!(store.read_snapshot().expect("read").is_none());
        assert!(store.remove_snapshot().is_ok());
    }
}
