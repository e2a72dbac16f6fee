//! The length of the longest common subsequence of two wordings, bit-parallel (Allison and Dix;
//! Hyyrö): a bound on the words any alignment of them can match, found in one pass over the
//! longer wording with one addition per word, against the alignment's cell per pair of words.
//! Most wordings a near match is looked for in and not found fail this bound already.

/// Longest wording (in words) the bound is worked out for: one bit per word in a `u128`.
const MAX_WORDS: usize = 128;

thread_local! {
    /// The match masks of the shorter wording's words (see [`Masks`]), reused across calls.
    static TABLE: std::cell::RefCell<Vec<(u64, u128)>> = const {
        std::cell::RefCell::new(Vec::new())
    };
}

/// Each distinct word of a wording with the positions it holds, one bit each, in an
/// open-addressed table (a mask of zero marks a free slot: a present word has a position).
struct Masks<'t> {
    slots: &'t mut Vec<(u64, u128)>,
    mask: usize,
}

impl<'t> Masks<'t> {
    /// The masks of `words` (at most [`MAX_WORDS`]), in `slots`.
    fn of(words: &[u64], slots: &'t mut Vec<(u64, u128)>) -> Self {
        let size = (2 * words.len()).next_power_of_two().max(8);
        slots.clear();
        slots.resize(size, (0, 0));
        let masks = Masks {
            slots,
            mask: size - 1,
        };
        for (i, &w) in words.iter().enumerate() {
            let at = masks.slot(w);
            masks.slots[at].0 = w;
            masks.slots[at].1 |= 1 << i;
        }
        masks
    }

    /// The slot holding `word`, else the free slot where it would go.
    fn slot(&self, word: u64) -> usize {
        // word hashes are xxh3: their low bits are as good as any
        let mut at = word as usize & self.mask;
        loop {
            let (w, m) = self.slots[at];
            if m == 0 || w == word {
                return at;
            }
            at = (at + 1) & self.mask;
        }
    }

    /// The positions `word` holds (none when it is not there).
    fn get(&self, word: u64) -> u128 {
        let (w, m) = self.slots[self.slot(word)];
        if w == word { m } else { 0 }
    }
}

/// The length of the longest common subsequence of `a` and `b`; `None` when `a` is longer than
/// [`MAX_WORDS`] (not worked out). `a` should be the shorter.
pub(super) fn lcs_len(a: &[u64], b: &[u64]) -> Option<usize> {
    if a.len() > MAX_WORDS {
        return None;
    }
    if a.is_empty() || b.is_empty() {
        return Some(0);
    }
    TABLE.with_borrow_mut(|slots| {
        let masks = Masks::of(a, slots);
        // a zero bit of `v` for each word of `a` the subsequence so far has used, kept as far
        // left as it can be; bits past `a` only ever receive carries, and are dropped
        let mut v = u128::MAX;
        for &y in b {
            let m = masks.get(y);
            if m != 0 {
                let u = v & m;
                v = v.wrapping_add(u) | (v & !m);
            }
        }
        let used = if a.len() == MAX_WORDS {
            !v
        } else {
            !v & ((1u128 << a.len()) - 1)
        };
        Some(used.count_ones() as usize)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::collection::vec;

    /// The textbook dynamic programme.
    fn reference(a: &[u64], b: &[u64]) -> usize {
        let mut prev = vec![0; b.len() + 1];
        for &x in a {
            let mut cur = vec![0; b.len() + 1];
            for (j, &y) in b.iter().enumerate() {
                cur[j + 1] = if x == y {
                    prev[j] + 1
                } else {
                    prev[j + 1].max(cur[j])
                };
            }
            prev = cur;
        }
        prev[b.len()]
    }

    proptest::proptest! {
        /// The same length as the dynamic programme, with repeated words, words colliding in
        /// the table (a small alphabet of hashes sharing their low bits), and every length up
        /// to the limit.
        #[test]
        fn agrees_with_the_dynamic_programme(
            a in vec(0u64..12, 0..=MAX_WORDS),
            b in vec(0u64..12, 0..200),
            spread in proptest::bool::ANY,
        ) {
            // spread: the same words as distinct hashes whose low bits collide
            let hash = |w: &u64| if spread { w << 40 } else { *w };
            let a: Vec<u64> = a.iter().map(hash).collect();
            let b: Vec<u64> = b.iter().map(hash).collect();
            proptest::prop_assert_eq!(lcs_len(&a, &b), Some(reference(&a, &b)));
        }
    }

    #[test]
    fn longer_than_the_limit_is_not_worked_out() {
        let long: Vec<u64> = (0..=MAX_WORDS as u64).collect();
        assert_eq!(lcs_len(&long, &long), None);
        assert_eq!(lcs_len(&long[1..], &long), Some(MAX_WORDS));
        assert_eq!(lcs_len(&[], &long), Some(0));
    }
}
