//! SplitMix64 (Steele, Lea and Flood, 2014), written out once: the corpus generator draws its
//! streams from it, and the MinHash functions of syndication their parameters. Both depend on
//! its exact values, so it is defined here and nowhere else. `const`, so that tables can be drawn
//! at compile time.

/// The golden-ratio increment of SplitMix64's state.
pub(crate) const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a bijective mix of 64 bits in which every output bit depends
/// on every input bit.
pub(crate) const fn mix(z: u64) -> u64 {
    let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One step of the generator: the next state and its output.
pub(crate) const fn next(state: u64) -> (u64, u64) {
    let state = state.wrapping_add(GAMMA);
    (state, mix(state))
}
