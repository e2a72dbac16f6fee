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
//!
//! A snapshot is read by mapping the file, not by copying it into the heap: the body is decoded
//! straight from the page cache, so loading does not first fault in (and zero) a heap buffer as
//! large as the file, and the peak memory of a restart is the index's, not the index's plus the
//! file's.

use super::Store;
use memmap2::Mmap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// Name of the snapshot file inside the data directory.
pub const FILE_NAME: &str = "index.snapshot";
const MAGIC: &[u8; 8] = b"SAYWHOIX";
const VERSION: u32 = 2;
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
    bytes: Mmap,
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
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(io(&path)(err)),
        };
        let checked = map(&path, &file).and_then(|bytes| check(&path, bytes));
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
    // buffered before the hash, so that the many small writes of an encoder are hashed (and
    // written) a megabyte at a time
    let mut out = BufWriter::with_capacity(
        1 << 20,
        Hashing {
            inner: file,
            hash: Xxh3::new(),
        },
    );
    out.write_all(MAGIC).map_err(io(temp))?;
    out.write_all(&VERSION.to_le_bytes()).map_err(io(temp))?;
    out.write_all(FINGERPRINT.as_bytes()).map_err(io(temp))?;
    let covers_below = body(&mut out).map_err(|e| SnapshotError::Body(e.to_string()))?;
    out.write_all(&covers_below.to_le_bytes())
        .map_err(io(temp))?;
    let Hashing {
        inner: mut file,
        hash,
    } = out.into_inner().map_err(|e| io(temp)(e.into_error()))?;
    let sum = hash.digest();
    file.write_all(&sum.to_le_bytes()).map_err(io(temp))?;
    file.sync_all().map_err(io(temp))?;
    Ok(file.metadata().map_err(io(temp))?.len())
}

/// Maps the whole file, read ahead in one go (it is read from start to end).
fn map(path: &Path, file: &File) -> Result<Mmap, SnapshotError> {
    // SAFETY: the mapping is undefined behaviour only if the file changes while it is mapped.
    // Nothing writes a snapshot in place: a new one is written beside it and renamed over it,
    // which leaves the mapped file as it was; and one data directory serves one process (the
    // store's database refuses a second).
    unsafe { memmap2::MmapOptions::new().populate().map(file) }.map_err(io(path))
}

fn check(path: &Path, bytes: Mmap) -> Result<Loaded, SnapshotError> {
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
mod tests;
