//! A snapshot's checksums, one per block of [`BLOCK`] bytes, so that a restart can check each
//! part of the file just before it decodes it, while helpers read the rest from the disk,
//! instead of reading and hashing the whole file before decoding any of it.

use std::io::Write;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// Bytes per checksummed block (the last block of a file may be shorter).
pub const BLOCK: usize = 1 << 20;

/// A writer that hashes what passes through it, one hash per [`BLOCK`] bytes.
pub(super) struct BlockHashing<W> {
    pub(super) inner: W,
    hash: Xxh3,
    /// Bytes of the current block hashed so far.
    filled: usize,
    /// The hashes of the blocks finished so far.
    pub(super) done: Vec<u64>,
}

impl<W> BlockHashing<W> {
    pub(super) fn new(inner: W) -> Self {
        BlockHashing {
            inner,
            hash: Xxh3::new(),
            filled: 0,
            done: Vec::new(),
        }
    }

    /// Every block's hash, the last (partly filled) one included, and the writer.
    pub(super) fn finish(mut self) -> (Vec<u64>, W) {
        if self.filled > 0 || self.done.is_empty() {
            self.done.push(self.hash.digest());
        }
        (self.done, self.inner)
    }

    fn hash(&mut self, mut buf: &[u8]) {
        while !buf.is_empty() {
            let take = buf.len().min(BLOCK - self.filled);
            let (now, rest) = buf.split_at(take);
            self.hash.update(now);
            self.filled += take;
            if self.filled == BLOCK {
                self.done.push(self.hash.digest());
                self.hash.reset();
                self.filled = 0;
            }
            buf = rest;
        }
    }
}

impl<W: Write> Write for BlockHashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash(buf.get(..n).unwrap_or_default());
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The block hashes of a mapped file, and which blocks have been checked against them.
#[derive(Debug)]
pub(super) struct Blocks {
    hashes: Vec<u64>,
    checked: Vec<AtomicBool>,
}

impl Blocks {
    /// `hashes` for the blocks of the file's first `covered` bytes; `None` unless they are one
    /// per block.
    pub(super) fn new(hashes: Vec<u64>, covered: usize) -> Option<Self> {
        (hashes.len() == covered.div_ceil(BLOCK).max(1)).then(|| Blocks {
            checked: hashes.iter().map(|_| AtomicBool::new(false)).collect(),
            hashes,
        })
    }

    /// Checks the blocks of `file` (the covered bytes) that hold `range`, each block once
    /// whichever thread asks. Returns the end of the last block checked, or `None` when a block
    /// does not match.
    pub(super) fn check(&self, file: &[u8], range: Range<usize>) -> Option<usize> {
        let first = range.start / BLOCK;
        let last = range.end.saturating_sub(1).max(range.start) / BLOCK;
        for k in first..=last {
            let flag = self.checked.get(k)?;
            if flag.load(Ordering::Acquire) {
                continue;
            }
            let bytes = file.get(span(k..k + 1, file.len()))?;
            if xxh3_64(bytes) != *self.hashes.get(k)? {
                return None;
            }
            flag.store(true, Ordering::Release);
        }
        Some(((last + 1) * BLOCK).min(file.len()))
    }

    /// Checks every block not checked yet.
    pub(super) fn check_all(&self, file: &[u8]) -> bool {
        self.check(file, 0..file.len()).is_some()
    }
}

/// The bytes of `blocks`, within `len`.
fn span(blocks: Range<usize>, len: usize) -> Range<usize> {
    (blocks.start * BLOCK).min(len)..(blocks.end * BLOCK).min(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_block_is_checked_on_its_own() {
        let file: Vec<u8> = (0..BLOCK * 3 + 100).map(|i| (i % 251) as u8).collect();
        let mut writer = BlockHashing::new(Vec::new());
        // written in pieces that straddle the blocks' bounds
        for piece in file.chunks(BLOCK / 3 + 7) {
            writer.write_all(piece).expect("write");
        }
        let (hashes, written) = writer.finish();
        assert_eq!((hashes.len(), &written), (4, &file));
        let blocks = Blocks::new(hashes.clone(), file.len()).expect("one hash per block");
        assert!(Blocks::new(hashes[..3].to_vec(), file.len()).is_none());
        assert_eq!(blocks.check(&file, 10..20), Some(BLOCK));
        assert_eq!(blocks.check(&file, 20..BLOCK + 1), Some(2 * BLOCK));
        assert_eq!(blocks.check(&file, 3 * BLOCK..file.len()), Some(file.len()));
        // a damaged byte in the last block fails that block only, and the whole file
        let mut damaged = file.clone();
        damaged[BLOCK * 3 + 50] ^= 1;
        let blocks = Blocks::new(hashes, file.len()).expect("one hash per block");
        assert_eq!(blocks.check(&damaged, 0..2 * BLOCK), Some(2 * BLOCK));
        assert_eq!(blocks.check(&damaged, 2 * BLOCK..3 * BLOCK + 1), None);
        assert!(!blocks.check_all(&damaged));
        assert!(blocks.check(&damaged, 5 * BLOCK..5 * BLOCK + 1).is_none());
    }

    #[test]
    fn an_empty_file_has_one_empty_block() {
        let (hashes, _) = BlockHashing::new(Vec::<u8>::new()).finish();
        assert_eq!(hashes, [xxh3_64(b"")]);
        let blocks = Blocks::new(hashes, 0).expect("one block");
        assert!(blocks.check_all(b""));
    }
}
