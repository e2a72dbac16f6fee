//! Word-level alignment of two quotes: exact containment and a local alignment that tolerates a
//! word or two changed, inserted or dropped.

use super::cell;
use serde::{Deserialize, Serialize};

/// Longest sequences the local alignment looks at; longer ones are cut (containment is still
/// checked on the whole sequence).
pub(crate) const MAX_ALIGN: usize = 400;

/// The set of a wording's words as 128 bits (one bit per word hash): how many of a query's
/// words can be in the wording, found without scanning it. A bit may stand for several words, so
/// the count is an upper bound, never an undercount.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSig(u128);

impl TokenSig {
    /// The signature of `tokens`.
    pub fn of(tokens: &[u64]) -> Self {
        Self(tokens.iter().fold(0, |bits, &t| bits | Self::bit(t)))
    }

    /// At least as many as the `query` tokens (counted with repeats) that occur in the wording.
    pub(crate) fn bound(self, query: &[u64]) -> usize {
        query.iter().filter(|&&t| self.may_hold(t)).count()
    }

    /// Whether every `query` token may be in the wording (`bound(query) == query.len()`),
    /// stopping at the first that cannot.
    pub(crate) fn may_hold_all(self, query: &[u64]) -> bool {
        query.iter().all(|&t| self.may_hold(t))
    }

    /// Whether `token` may be in the wording: false only when it is not.
    fn may_hold(self, token: u64) -> bool {
        self.0 & Self::bit(token) != 0
    }

    /// A signature that holds every word: turns nothing away (the reference in tests).
    #[cfg(test)]
    pub(crate) const ALL: TokenSig = TokenSig(u128::MAX);

    fn bit(token: u64) -> u128 {
        // word hashes are xxh3: their top bits are as good as any
        1 << (token >> 57)
    }
}

/// Where `needle` occurs contiguously in `hay`, if it does.
pub(crate) fn find_contiguous(hay: &[u64], needle: &[u64]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    // compare whole windows only where the first word matches: most positions fail there, and
    // a slice comparison per window costs a call each
    let first = needle[0];
    (0..=hay.len() - needle.len()).find(|&i| hay[i] == first && hay[i..i + needle.len()] == *needle)
}

/// The result of a local alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Local {
    /// Words matched in order.
    pub matches: usize,
    /// Length of the aligned region in `a`.
    pub a_region: usize,
    /// Length of the aligned region in `b`.
    pub b_region: usize,
}

thread_local! {
    /// The two rows of cells, reused across calls.
    static ROWS: std::cell::RefCell<(Vec<u64>, Vec<u64>)> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new()))
    };
}

/// Smith–Waterman local alignment over words (match +2, mismatch −1, gap −1): the best run of
/// the two sequences that agree up to a few changed words.
///
/// Each cell carries the matches and the start of its path, chosen as a traceback would choose
/// (diagonal, then up, then left), so two rows suffice and no traceback is needed.
pub(crate) fn local_align(a: &[u64], b: &[u64]) -> Local {
    let a = &a[..a.len().min(MAX_ALIGN)];
    let b = &b[..b.len().min(MAX_ALIGN)];
    let m = b.len();
    if a.is_empty() || m == 0 {
        return Local {
            matches: 0,
            a_region: 0,
            b_region: 0,
        };
    }
    ROWS.with_borrow_mut(|(prev, cur)| {
        // row 0: every cell is the start of its own path
        prev.clear();
        prev.extend((0..=m as u32).map(|j| cell::start(0, j)));
        cur.clear();
        cur.resize(m + 1, 0);
        // the first cell with the highest score, the key of a fresh start there (which says
        // where it is), and the least cell that beats it
        let mut best = (0u64, 0u32, 0u64);
        let mut beats = cell::ONE;
        for (i, &x) in (1u32..).zip(a) {
            row(x, i, b, prev, cur, &mut best, &mut beats);
            std::mem::swap(prev, cur);
        }
        let (c, i, fresh) = best;
        let j = cell::column(fresh);
        let (matches, si, sj) = cell::path(c);
        debug_assert!(cell::score(c) <= 2 * MAX_ALIGN as u64);
        Local {
            matches: matches as usize,
            a_region: (i - si) as usize,
            b_region: (j - sj) as usize,
        }
    })
}

/// Row `i` of the alignment, for the word `x` of `a`: `cur` from `prev` (each `b.len() + 1`
/// cells). `best` and `beats` are as in [`local_align`]; kept in locals while the row is worked
/// out, so that the loop has its values in registers.
#[inline(never)]
fn row(
    x: u64,
    i: u32,
    b: &[u64],
    prev: &[u64],
    cur: &mut [u64],
    best: &mut (u64, u32, u64),
    beats: &mut u64,
) {
    let (mut found, mut least) = (*best, *beats);
    let mut fresh = cell::fresh_row(i);
    let mut left = cell::start(i, 0);
    let mut diag = prev[0];
    cur[0] = left;
    for ((&y, &up), out) in b.iter().zip(&prev[1..]).zip(&mut cur[1..]) {
        fresh += 1;
        let c = cell::next(diag, up, left, x == y, fresh);
        *out = c;
        if c >= least {
            found = (c, i, fresh);
            least = (cell::score(c) + 1) << cell::SCORE;
        }
        (diag, left) = (up, c);
    }
    (*best, *beats) = (found, least);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::fold::word_hashes;

    fn toks(s: &str) -> Vec<u64> {
        word_hashes(s)
    }

    #[test]
    fn containment() {
        let long = toks("We must take action, and today we took an important step forward.");
        assert_eq!(
            find_contiguous(&long, &toks("an important step forward")),
            Some(8)
        );
        assert_eq!(
            find_contiguous(&long, &toks("an important step back")),
            None
        );
        assert_eq!(find_contiguous(&long, &[]), None);
    }

    #[test]
    fn signature_bounds_the_words_present() {
        let quote = toks("today is the first step of a long and difficult journey");
        let sig = TokenSig::of(&quote);
        // every word of a fragment is counted, repeats included
        assert_eq!(sig.bound(&toks("the first step of a long")), 6);
        assert_eq!(sig.bound(&toks("a long long journey")), 4);
        // words elsewhere count only when they share a bit with a present one: a bound
        let other = toks("nothing here matches at all, zebra quantum violin");
        let exact = other.iter().filter(|t| quote.contains(t)).count();
        assert!(sig.bound(&other) >= exact);
        assert!(
            sig.bound(&other) < other.len(),
            "most absent words are not counted"
        );
        assert_eq!(TokenSig::of(&[]).bound(&quote), 0);
        for q in [&quote[..], &toks("the first step"), &other, &[]] {
            assert_eq!(sig.may_hold_all(q), sig.bound(q) == q.len());
        }
    }

    /// The full-matrix alignment with a traceback, as first written: the reference.
    fn reference(a: &[u64], b: &[u64]) -> Local {
        let a = &a[..a.len().min(MAX_ALIGN)];
        let b = &b[..b.len().min(MAX_ALIGN)];
        let (n, m) = (a.len(), b.len());
        let none = Local {
            matches: 0,
            a_region: 0,
            b_region: 0,
        };
        if n == 0 || m == 0 {
            return none;
        }
        let w = m + 1;
        let mut score = vec![0i32; (n + 1) * w];
        let mut best = (0i32, 0usize, 0usize);
        for i in 1..=n {
            for j in 1..=m {
                let diag = score[(i - 1) * w + j - 1] + if a[i - 1] == b[j - 1] { 2 } else { -1 };
                let s = diag
                    .max(score[(i - 1) * w + j] - 1)
                    .max(score[i * w + j - 1] - 1)
                    .max(0);
                score[i * w + j] = s;
                if s > best.0 {
                    best = (s, i, j);
                }
            }
        }
        if best.0 == 0 {
            return none;
        }
        // trace back from the best cell to where the score falls to zero
        let (mut i, mut j) = (best.1, best.2);
        let mut matches = 0;
        while i > 0 && j > 0 && score[i * w + j] > 0 {
            let s = score[i * w + j];
            let same = a[i - 1] == b[j - 1];
            if s == score[(i - 1) * w + j - 1] + if same { 2 } else { -1 } {
                matches += usize::from(same);
                i -= 1;
                j -= 1;
            } else if s == score[(i - 1) * w + j] - 1 {
                i -= 1;
            } else {
                j -= 1;
            }
        }
        Local {
            matches,
            a_region: best.1 - i,
            b_region: best.2 - j,
        }
    }

    proptest::proptest! {
        /// Two rows with each path's matches and start give what the full matrix and its
        /// traceback give, ties included (a vocabulary of four words makes many).
        #[test]
        fn two_rows_agree_with_the_traceback(a in proptest::collection::vec(0u64..4, 0..30), b in proptest::collection::vec(0u64..4, 0..30)) {
            proptest::prop_assert_eq!(local_align(&a, &b), reference(&a, &b));
        }

        /// The packed cells hold the longest sequences aligned: every field at its largest
        /// (long runs of matches, and sequences cut at MAX_ALIGN).
        #[test]
        fn packed_cells_hold_the_longest_alignments(
            a in proptest::collection::vec(0u64..3, 350..450),
            b in proptest::collection::vec(0u64..3, 350..450),
            shared in 0usize..450,
        ) {
            let mut b = b;
            let n = shared.min(a.len()).min(b.len());
            b[..n].copy_from_slice(&a[..n]);
            proptest::prop_assert_eq!(local_align(&a, &b), reference(&a, &b));
        }
    }

    #[test]
    fn identical_sequences_of_the_longest_length_align_whole() {
        let a: Vec<u64> = (0..MAX_ALIGN as u64 + 20).collect();
        let l = local_align(&a, &a);
        assert_eq!(
            (l.matches, l.a_region, l.b_region),
            (MAX_ALIGN, MAX_ALIGN, MAX_ALIGN)
        );
    }

    #[test]
    fn alignment_tolerates_changed_words() {
        let a = toks("today is the first step of a long and difficult journey");
        let b = toks("today is the first step on a long and hard journey");
        let l = local_align(&a, &b);
        assert_eq!(l.matches, 9);
        assert_eq!((l.a_region, l.b_region), (11, 11));
        let frag = toks("the first step of a long");
        let l = local_align(&frag, &a);
        assert_eq!((l.matches, l.a_region, l.b_region), (6, 6, 6));
        let unrelated = local_align(&toks("nothing here matches at all"), &a);
        assert!(unrelated.matches <= 1);
    }
}
