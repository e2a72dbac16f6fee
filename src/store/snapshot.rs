//! The index snapshot file (`index.snapshot` in the data directory): a checksummed copy of the
//! resolved index, written at shutdown so that a restart loads it instead of replaying ingest.
//!
//! Layout: the magic `SAYWHOIX`, the format version (u32 LE), the build's 16-character source
//! fingerprint, the body (whatever the caller wrote); then the trailer: the sequence number the
//! snapshot covers up to (u64 LE: every article stored with a lower number was stored before it
//! was taken), an XXH3-64 of each [`BLOCK`] bytes of the header and body (u64 LE each), their
//! number (u64 LE), and an XXH3-64 of the trailer before it. The file is written beside its
//! final name and renamed into place after an fsync, so a crash leaves the old snapshot or the
//! new one, never half of one. A snapshot is only ever loaded by a build with the same sources,
//! and stays until the next graceful stop replaces it.
//!
//! A snapshot is read by mapping the file, not by copying it into the heap: the body is decoded
//! straight from the page cache, so loading does not first fault in (and zero) a heap buffer as
//! large as the file, and the peak memory of a restart is the index's, not the index's plus the
//! file's. Reading checks the header and the trailer only; the body's blocks are checked as the
//! caller reaches them ([`Loaded::check`]), while helper threads read the file in ahead of
//! them ([`Loaded::prefetch`]), and the caller checks the rest ([`Loaded::check_all`]) before
//! it uses what it decoded.

mod blocks;
mod loaded;

use super::Store;
pub use blocks::BLOCK;
use blocks::{BlockHashing, Blocks};
pub use loaded::Loaded;
use memmap2::Mmap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::xxh3_64;

/// Name of the snapshot file inside the data directory.
pub const FILE_NAME: &str = "index.snapshot";
const MAGIC: &[u8; 8] = b"SAYWHOIX";
const VERSION: u32 = 3;
/// Hash of the sources this build was compiled from (see `build.rs`).
const FINGERPRINT: &str = env!("SAYWHO_SOURCE_FINGERPRINT");
const HEADER: usize = MAGIC.len() + 4 + 16;
/// The trailer's words besides the block hashes: what it covers, their number, its hash.
const TRAILER_WORDS: usize = 3;

/// The trailer's length for `blocks` block hashes.
const fn trailer_len(blocks: usize) -> usize {
    8 * (TRAILER_WORDS + blocks)
}

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
    // buffered before the hashes, so that the many small writes of an encoder are hashed (and
    // written) a megabyte at a time
    let mut out = BufWriter::with_capacity(1 << 20, BlockHashing::new(file));
    out.write_all(MAGIC).map_err(io(temp))?;
    out.write_all(&VERSION.to_le_bytes()).map_err(io(temp))?;
    out.write_all(FINGERPRINT.as_bytes()).map_err(io(temp))?;
    let covers_below = body(&mut out).map_err(|e| SnapshotError::Body(e.to_string()))?;
    let hashing = out.into_inner().map_err(|e| io(temp)(e.into_error()))?;
    let (hashes, mut file) = hashing.finish();
    let mut trailer = Vec::with_capacity(trailer_len(hashes.len()));
    trailer.extend_from_slice(&covers_below.to_le_bytes());
    for h in &hashes {
        trailer.extend_from_slice(&h.to_le_bytes());
    }
    trailer.extend_from_slice(&(hashes.len() as u64).to_le_bytes());
    let sum = xxh3_64(&trailer);
    trailer.extend_from_slice(&sum.to_le_bytes());
    file.write_all(&trailer).map_err(io(temp))?;
    file.sync_all().map_err(io(temp))?;
    Ok(file.metadata().map_err(io(temp))?.len())
}

/// Maps the whole file, to be read from start to end (helpers map its parts in ahead of their
/// readers, [`Loaded::prefetch`], so that reading the disk overlaps decoding).
fn map(path: &Path, file: &File) -> Result<Mmap, SnapshotError> {
    // SAFETY: the mapping is undefined behaviour only if the file changes while it is mapped.
    // Nothing writes a snapshot in place: a new one is written beside it and renamed over it,
    // which leaves the mapped file as it was; and one data directory serves one process (the
    // store's database refuses a second).
    let bytes = unsafe { memmap2::MmapOptions::new().map(file) }.map_err(io(path))?;
    #[cfg(unix)]
    {
        // a hint only: the kernel reads further ahead of each reader
        let _ = bytes.advise(memmap2::Advice::Sequential);
    }
    Ok(bytes)
}

/// Checks the header and the trailer (the body is checked as it is read).
fn check(path: &Path, bytes: Mmap) -> Result<Loaded, SnapshotError> {
    let damaged = |reason: &str| SnapshotError::Damaged {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    if bytes.len() < HEADER + trailer_len(1) || bytes.get(..MAGIC.len()) != Some(&MAGIC[..]) {
        return Err(damaged("not a saywho index snapshot"));
    }
    let version = bytes.get(MAGIC.len()..MAGIC.len() + 4);
    let fingerprint = bytes.get(MAGIC.len() + 4..HEADER);
    if version != Some(&VERSION.to_le_bytes()[..]) || fingerprint != Some(FINGERPRINT.as_bytes()) {
        return Err(SnapshotError::OtherBuild {
            path: path.to_owned(),
        });
    }
    let word = |at: usize| -> Option<u64> {
        let b = bytes.get(at..at.checked_add(8)?)?;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    };
    let truncated = || damaged("checksum mismatch (truncated or corrupt)");
    let sum_at = bytes.len() - 8;
    // the trailer's start, from the number of blocks it says it holds
    let start = word(sum_at - 8)
        .and_then(|n| usize::try_from(n).ok())
        .and_then(|n| n.checked_add(TRAILER_WORDS)?.checked_mul(8))
        .and_then(|len| bytes.len().checked_sub(len))
        .filter(|&start| start >= HEADER)
        .ok_or_else(truncated)?;
    let trailer = bytes.get(start..sum_at).ok_or_else(truncated)?;
    if Some(xxh3_64(trailer)) != word(sum_at) {
        return Err(truncated());
    }
    let covers_below = word(start).ok_or_else(truncated)?;
    let hashes = trailer
        .get(8..trailer.len() - 8)
        .unwrap_or_default()
        .chunks_exact(8)
        .filter_map(|w| Some(u64::from_le_bytes(w.try_into().ok()?)))
        .collect();
    let blocks = Blocks::new(hashes, start).ok_or_else(truncated)?;
    Ok(Loaded {
        bytes,
        covered: start,
        blocks,
        path: path.to_owned(),
        covers_below,
    })
}

#[cfg(test)]
mod tests;
