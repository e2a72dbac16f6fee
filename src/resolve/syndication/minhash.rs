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

/// The hash functions cut into 32-bit halves, one array per half: `(mask, multiplier)` of
/// function `i` is `(mask_hi[i] << 32 | mask_lo[i], mul_hi[i] << 32 | mul_lo[i])`.
struct Halves {
    mask_lo: [u32; K],
    mask_hi: [u32; K],
    mul_lo: [u32; K],
    mul_hi: [u32; K],
}

const HALVES: Halves = halves();

const fn halves() -> Halves {
    let mut h = Halves {
        mask_lo: [0; K],
        mask_hi: [0; K],
        mul_lo: [0; K],
        mul_hi: [0; K],
    };
    let mut i = 0;
    while i < K {
        let (mask, multiplier) = FUNCTIONS[i];
        h.mask_lo[i] = mask as u32;
        h.mask_hi[i] = (mask >> 32) as u32;
        h.mul_lo[i] = multiplier as u32;
        h.mul_hi[i] = (multiplier >> 32) as u32;
        i += 1;
    }
    h
}

/// The signature of a set of distinct shingle hashes (in any order: a minimum does not depend
/// on it). Each shingle is mixed once, then updates every minimum. On a processor with AVX2 the
/// same code is compiled for it, eight functions at a time.
fn of_shingles(shingles: &[u64]) -> Signature {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor supports AVX2, checked just above.
        return unsafe { of_shingles_avx2(shingles) };
    }
    of_shingles_in(shingles)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn of_shingles_avx2(shingles: &[u64]) -> Signature {
    of_shingles_in(shingles)
}

/// [`of_shingles`] in 32-bit lanes, which vectorise where 64-bit products do not. With
/// `a`, `b` the low and high halves of `x ^ mask`, and `c`, `d` those of the multiplier, the
/// high half of the low 64 bits of `(x ^ mask) * multiplier` is `hi(a * c) + a * d + b * c`
/// modulo 2^32: the same value as [`FUNCTIONS`] define.
#[inline(always)]
fn of_shingles_in(shingles: &[u64]) -> Signature {
    let h = &HALVES;
    let mut sig = [u32::MAX; K];
    for &shingle in shingles {
        let x = mix(shingle);
        let (lo, hi) = (x as u32, (x >> 32) as u32);
        let functions = h
            .mask_lo
            .iter()
            .zip(&h.mask_hi)
            .zip(h.mul_lo.iter().zip(&h.mul_hi));
        for (min, ((mask_lo, mask_hi), (mul_lo, mul_hi))) in sig.iter_mut().zip(functions) {
            let (a, b) = (lo ^ mask_lo, hi ^ mask_hi);
            let value = ((u64::from(a) * u64::from(*mul_lo)) >> 32) as u32;
            let value = value
                .wrapping_add(a.wrapping_mul(*mul_hi))
                .wrapping_add(b.wrapping_mul(*mul_lo));
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

    /// The 32-bit lanes give every function's value exactly as its 64-bit definition does.
    #[test]
    fn lanes_agree_with_the_functions_definition() {
        let mut state = 11u64;
        let shingles: Vec<u64> = (0..500)
            .map(|_| {
                let (s, out) = splitmix(state);
                state = s;
                out
            })
            .collect();
        let mut want = [u32::MAX; K];
        for &h in &shingles {
            let x = mix(h);
            for (min, (mask, multiplier)) in want.iter_mut().zip(FUNCTIONS) {
                *min = (*min).min(((x ^ mask).wrapping_mul(multiplier) >> 32) as u32);
            }
        }
        assert_eq!(*of_shingles(&shingles), want);
        assert_eq!(*of_shingles_in(&shingles), want);
        for n in [0, 1, 7] {
            assert_eq!(of_shingles(&shingles[..n]), of_shingles_in(&shingles[..n]));
        }
    }
}
