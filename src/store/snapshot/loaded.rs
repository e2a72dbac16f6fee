//! A snapshot file mapped and read back: its body, checked block by block as it is read.

use super::blocks::Blocks;
use super::{HEADER, SnapshotError};
use memmap2::Mmap;
use std::ops::Range;
use std::path::PathBuf;

/// A snapshot read back, its header and trailer checked; its body is checked as it is read.
#[derive(Debug)]
pub struct Loaded {
    pub(super) bytes: Mmap,
    /// Where the header and body end (what the block hashes cover).
    pub(super) covered: usize,
    pub(super) blocks: Blocks,
    pub(super) path: PathBuf,
    /// Every article stored with a lower sequence number was stored before the snapshot.
    pub covers_below: u64,
}

impl Loaded {
    /// What the caller wrote, not checked yet: [`Loaded::check`] its parts before trusting them.
    pub fn body(&self) -> &[u8] {
        self.bytes.get(HEADER..self.covered).unwrap_or_default()
    }

    /// Checks the blocks holding `range` of the body against their hashes (each block once,
    /// from any thread). Returns the end of the body checked so far from `range.start` on: at
    /// least `range.end`.
    pub fn check(&self, range: Range<usize>) -> Result<usize, SnapshotError> {
        let file = self.bytes.get(..self.covered).unwrap_or_default();
        let within = range.start.saturating_add(HEADER)..range.end.saturating_add(HEADER);
        let end = self
            .blocks
            .check(file, within)
            .ok_or_else(|| self.damaged())?;
        Ok(end.saturating_sub(HEADER))
    }

    /// Checks every block of the body not checked yet.
    pub fn check_all(&self) -> Result<(), SnapshotError> {
        let file = self.bytes.get(..self.covered).unwrap_or_default();
        self.blocks
            .check_all(file)
            .then_some(())
            .ok_or_else(|| self.damaged())
    }

    fn damaged(&self) -> SnapshotError {
        SnapshotError::Damaged {
            path: self.path.clone(),
            reason: "a block's checksum does not match (corrupt)".to_owned(),
        }
    }

    /// Reads `range` of the body into memory and maps it, waiting for the disk: called from a
    /// helper thread ahead of a decoder, so that the decoder finds the pages there. A hint only:
    /// where the system cannot, the pages are read when the decoder touches them.
    pub fn prefetch(&self, range: Range<usize>) {
        let start = range.start.saturating_add(HEADER).min(self.covered);
        let len = range.len().min(self.covered - start);
        #[cfg(target_os = "linux")]
        if len > 0
            && self
                .bytes
                .advise_range(memmap2::Advice::PopulateRead, start, len)
                .is_err()
        {
            // before Linux 5.14: read ahead without mapping
            let _ = self
                .bytes
                .advise_range(memmap2::Advice::WillNeed, start, len);
        }
        #[cfg(not(target_os = "linux"))]
        let _ = (start, len);
    }
}
