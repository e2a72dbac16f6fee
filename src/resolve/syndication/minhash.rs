//! MinHash signatures of an article's word shingles: [`K`] values, each the least of one hash
//! function over the article's distinct shingles. Two articles agree on a value with
//! probability equal to the Jaccard similarity of their shingle sets.

use crate::resolve::fold::{shingle_hash, word_hashes};
use crate::splitmix::{mix, next as splitmix};

/// Values in a signature.
pub(super) const K: usize = 64;
/// Words in a shingle.
const SHINGLE: usize = 5;

/// One minimum per hash function.
pub(super) type Signature = Box<[u32]>;

/// The hash functions: function `i` maps a shingle `x` to the high 32 bits of
/// `(x ^ mask_i) * multiplier_i` (multiply-shift hashing; the multipliers are odd). Drawn from
/// SplitMix64 at compile time. Three instructions a function, where a full 64-bit mixer per
/// function cost about twenty-five: the signature was a tenth of a load's instructions.
const FUNCTIONS: [(u64, u64); K] = functions();

const fn functions() -> [(u64, u64); K] {
    let mut out = [(0, 0); K];
    let mut state = 0x5341_5957_484F_0001;
    let mut i = 0;
    while i < K {
        let (s, mask) = splitmix(state);
        let (s, multiplier) = splitmix(s);
        out[i] = (mask, multiplier | 1);
        state = s;
        i += 1;
    }
    out
}

/// The signature and distinct shingle count of `text`.
pub(super) fn signature(text: &str) -> (Signature, usize) {
    let words = word_hashes(text);
    let mut shingles: Vec<u64> = words.windows(SHINGLE).map(shingle_hash).collect();
    shingles.sort_unstable();
    shingles.dedup();
    (of_shingles(&shingles), shingles.len())
}

/// The signature of a set of distinct shingle hashes (in any order: a minimum does not depend
/// on it). Each shingle is mixed once, then updates every minimum.
fn of_shingles(shingles: &[u64]) -> Signature {
    let mut sig = [u32::MAX; K];
    for &h in shingles {
        let x = mix(h);
        let values: [u32; K] = std::array::from_fn(|i| {
            ((x ^ FUNCTIONS[i].0).wrapping_mul(FUNCTIONS[i].1) >> 32) as u32
        });
        for (min, value) in sig.iter_mut().zip(values) {
            *min = (*min).min(value);
        }
    }
    sig.into()
}

/// The share of values two signatures agree on: the estimated Jaccard similarity.
pub(super) fn jaccard(a: &[u32], b: &[u32]) -> f32 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / K as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs of shingle sets of known Jaccard similarity: the estimates must centre on it and
    /// spread no more than independent hash functions allow (sqrt(J(1 - J) / K)); hash
    /// functions that move together would spread more.
    #[test]
    fn estimates_centre_on_the_jaccard_similarity_with_independent_spread() {
        let mut state = 7u64;
        let mut next = || {
            let (s, out) = splitmix(state);
            state = s;
            out
        };
        for (size, shared) in [
            (300, 0),
            (300, 60),
            (300, 200),
            (300, 280),
            (40, 30),
            (1000, 500),
        ] {
            let truth = shared as f64 / (2 * size - shared) as f64;
            let trials = 300;
            let (mut sum, mut squares) = (0.0, 0.0);
            for trial in 0..trials {
                // structured and random shingles alike: consecutive numbers, then random ones
                let common: Vec<u64> = (0..shared)
                    .map(|i| {
                        if trial % 2 == 0 {
                            (trial * 10_000 + i) as u64
                        } else {
                            next()
                        }
                    })
                    .collect();
                let mut a = common.clone();
                let mut b = common;
                a.extend((shared..size).map(|_| next()));
                b.extend((shared..size).map(|_| next()));
                let error = f64::from(jaccard(&of_shingles(&a), &of_shingles(&b))) - truth;
                sum += error;
                squares += error * error;
            }
            let bias = sum / trials as f64;
            let spread = (squares / trials as f64).sqrt();
            let allowed = (truth * (1.0 - truth) / K as f64).sqrt();
            assert!(bias.abs() < 0.015, "{size}/{shared}: bias {bias:.4}");
            assert!(
                spread <= 1.25 * allowed + 0.002,
                "{size}/{shared}: spread {spread:.4} against {allowed:.4}"
            );
        }
    }

    #[test]
    fn a_signature_ignores_order_and_repeats() {
        let (a, n) = signature("one two three four five six seven eight nine ten");
        assert_eq!(n, 6);
        let mut shingles: Vec<u64> =
            word_hashes("one two three four five six seven eight nine ten")
                .windows(SHINGLE)
                .map(shingle_hash)
                .collect();
        shingles.reverse();
        assert_eq!(of_shingles(&shingles), a);
        assert_eq!(jaccard(&a, &a), 1.0);
        let (b, _) = signature("eleven twelve thirteen fourteen fifteen sixteen");
        assert!(jaccard(&a, &b) < 0.1);
    }
}
