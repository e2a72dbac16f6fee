//! Decoding a snapshot through a [`SnapshotSource`]: no byte decoded before it is confirmed.

use super::snapshot_tests::{assert_same, written};
use super::*;

/// A body confirmed 64 bytes at a time, refusing the piece that holds `refused`; it notes what
/// each call confirmed.
struct Pieces {
    len: usize,
    refused: Option<usize>,
    confirmed: std::sync::Mutex<Vec<std::ops::Range<usize>>>,
}

impl SnapshotSource for Pieces {
    fn check(&self, range: std::ops::Range<usize>) -> Option<usize> {
        let end = (range.end.div_ceil(64) * 64).min(self.len);
        if self
            .refused
            .is_some_and(|at| (range.start..end).contains(&at))
        {
            return None;
        }
        self.confirmed.lock().ok()?.push(range.start..end);
        Some(end)
    }
}

/// Decoding reads no byte its source has not confirmed, and a refusal is reported as damage.
#[test]
fn decoding_reads_only_what_its_source_confirmed() {
    let (original, bytes) = written(12);
    let pieces = |refused| Pieces {
        len: bytes.len(),
        refused,
        confirmed: Default::default(),
    };
    let whole = pieces(None);
    let decoded = Index::decode_from(&bytes, &whole).expect("decodes");
    let loaded = Index::new();
    loaded.load_decoded(decoded).expect("loads");
    assert_same(&original, &loaded);
    let confirmed = whole.confirmed.into_inner().expect("lock");
    assert!(
        confirmed.len() > bytes.len() / 64 / 2,
        "{} checks",
        confirmed.len()
    );
    // every byte of the body was confirmed (the sections' length first of all)
    let mut covered = vec![false; bytes.len()];
    for r in &confirmed {
        covered[r.clone()].iter_mut().for_each(|c| *c = true);
    }
    assert!(covered.iter().all(|&c| c));
    // a source that refuses one piece in the middle: the decoding is refused as damage
    assert!(matches!(
        Index::decode_from(&bytes, &pieces(Some(bytes.len() / 2))),
        Err(StateError::Damaged)
    ));
}
