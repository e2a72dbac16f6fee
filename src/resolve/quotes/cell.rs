//! One cell of the alignment packed in a `u64`: its score (bits 42 and up), and the matches
//! (bits 20–29) and start (row bits 10–19, column bits 0–9) of the path that reaches it, the
//! path a traceback from it would follow. Packed, the choice between the cell's three
//! predecessors and a fresh start is three `max`es on keys that add a preference (bits 40–41)
//! and a bias of one to the score, so that the traceback's order breaks ties: a fresh start at
//! score zero, then the diagonal, then up, then left.

/// Bits of each of the matches, the start row and the start column.
const FIELD: u32 = 10;
/// Where the preference starts.
const PREF: u32 = 40;
/// Where the score starts.
pub(super) const SCORE: u32 = 42;
/// One in the score.
pub(super) const ONE: u64 = 1 << SCORE;
/// One in the matches.
pub(super) const MATCH: u64 = 1 << (2 * FIELD);
const FIELD_MASK: u64 = (1 << FIELD) - 1;
const PREF_MASK: u64 = 0b11 << PREF;

// every field must hold MAX_ALIGN, and the score twice that
const _: () = assert!(super::align::MAX_ALIGN < (1 << FIELD));

/// A path starting at `(i, j)`: score 0, no matches.
pub(super) fn start(i: u32, j: u32) -> u64 {
    (u64::from(i) << FIELD) | u64::from(j)
}

/// The key of a fresh start at `(i, 0)`: the fresh start at `(i, j)` is this plus `j`.
pub(super) fn fresh_row(i: u32) -> u64 {
    ONE | PREF_MASK | start(i, 0)
}

/// The cell after `diag`, `up` and `left` (packed cells) given the key of a fresh start
/// there ([`fresh_row`] plus the column), when the words there are the same or not.
#[inline(always)]
pub(super) fn next(diag: u64, up: u64, left: u64, same: bool, fresh: u64) -> u64 {
    // keys: score + 1 (a predecessor's score less one, or its score plus two on a match),
    // the preference, the path
    let diag = (diag + u64::from(same) * (3 * ONE + MATCH)) | (0b10 << PREF);
    let up = up | (0b01 << PREF);
    let key = diag.max(up).max(left).max(fresh);
    (key & !PREF_MASK) - ONE
}

/// The column of a fresh start's key.
pub(super) fn column(fresh: u64) -> u32 {
    (fresh & FIELD_MASK) as u32
}

/// The score of a packed cell.
pub(super) fn score(c: u64) -> u64 {
    c >> SCORE
}

/// (matches, start row, start column) of a packed cell.
pub(super) fn path(c: u64) -> (u32, u32, u32) {
    let field = |k: u32| ((c >> (k * FIELD)) & FIELD_MASK) as u32;
    (field(2), field(1), field(0))
}
