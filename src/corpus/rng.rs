//! The generator's own random numbers: SplitMix64, written out in the crate (`crate::splitmix`)
//! so that a seed produces the same bytes forever, whatever happens to the versions of
//! random-number crates in the tree.
//!
//! SplitMix64 (Steele, Lea and Flood, 2014) passes BigCrush, needs eight bytes of state, and
//! derives independent streams from `(seed, stream, index)` cheaply, which lets every event of the
//! corpus be generated from its own stream without generating the events before it.

use crate::splitmix::{GAMMA, mix, next};

/// A small, fast, seeded pseudo-random generator (not for cryptography).
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for one named stream (`stream`) and item (`index`) of a corpus seed.
    pub(crate) fn derive(seed: u64, stream: u64, index: u64) -> Self {
        let a = mix(seed ^ 0x5359_5748_4F00_0000);
        let b = mix(a ^ stream.wrapping_mul(GAMMA));
        Rng(mix(b ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03)))
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        let (state, out) = next(self.0);
        self.0 = state;
        out
    }

    /// A number in `0..n` (`n` must be at least 1). Lemire's multiply-shift: the bias is below
    /// `n / 2^64`, far beneath anything a corpus can show.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < p
    }

    /// One element of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A copy of one element of a non-empty slice.
    pub(crate) fn choose<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// An index drawn with the given relative weights (at least one must be positive).
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total.max(1) as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// Shuffles a slice in place (Fisher–Yates).
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::derive(7, 1, 2).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut x = Rng::derive(7, 1, 2);
        let mut y = Rng::derive(7, 1, 3);
        let mut z = Rng::derive(8, 1, 2);
        let (x1, y1, z1) = (x.next_u64(), y.next_u64(), z.next_u64());
        assert_ne!(x1, y1);
        assert_ne!(x1, z1);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut r = Rng::derive(1, 0, 0);
        let mut seen = [0u32; 7];
        for _ in 0..7000 {
            seen[r.below(7)] += 1;
        }
        assert!(seen.iter().all(|&c| c > 700), "{seen:?}");
    }

    #[test]
    fn weighted_respects_zero_weights() {
        let mut r = Rng::derive(3, 0, 0);
        for _ in 0..1000 {
            assert_ne!(r.weighted(&[5, 0, 5]), 1);
        }
    }
}
