//! The best few of a claim's many candidates, found without ordering the rest.

#[cfg(test)]
use std::cmp::Ordering;

/// Candidates (claim id, score) ordered best first: by score, then the later claim first. The
/// order [`key`] gives them; written out, for the tests.
#[cfg(test)]
pub(super) fn best_first(a: &(u32, f32), b: &(u32, f32)) -> Ordering {
    b.1.total_cmp(&a.1).then(b.0.cmp(&a.0))
}

/// A candidate (claim id, score) as one integer that orders candidates best first, the best
/// least: by its score's bits (ordered as [`f32::total_cmp`] orders scores), then by its id (the
/// later claim first), both inverted.
fn key(&(id, score): &(u32, f32)) -> u64 {
    let bits = score.to_bits();
    // negative scores have their magnitude bits flipped, then the sign bit is flipped for all
    let ordered = if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    };
    !((u64::from(ordered) << 32) | u64::from(id))
}

/// The candidate a [`key`] stands for.
fn candidate(key: u64) -> (u32, f32) {
    let key = !key;
    let ordered = (key >> 32) as u32;
    let bits = if ordered >> 31 == 1 {
        ordered & !(1 << 31)
    } else {
        !ordered
    };
    (key as u32, f32::from_bits(bits))
}

/// The `k` best of `scored` (see [`key`]), in no particular order (all of them when there
/// are no more than `k`). Selected as integers: a comparison of two is one instruction, where
/// comparing scores and then ids takes a dozen.
pub(super) fn best(scored: &[(u32, f32)], k: usize) -> Vec<(u32, f32)> {
    if scored.len() <= k {
        return scored.to_vec();
    }
    let mut keys: Vec<u64> = scored.iter().map(key).collect();
    if k > 0 {
        keys.select_nth_unstable(k - 1);
    }
    keys[..k].iter().copied().map(candidate).collect()
}

/// Sorts `scored` best first, as integers (see [`key`]).
pub(super) fn sort_best_first(scored: &mut Vec<(u32, f32)>) {
    let mut keys: Vec<u64> = scored.iter().map(key).collect();
    keys.sort_unstable();
    scored.clear();
    scored.extend(keys.into_iter().map(candidate));
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The best `k` are those a full sort puts first, ties of score included (ids are
        /// distinct, as claim ids are).
        #[test]
        fn the_best_are_those_a_sort_puts_first(
            scores in proptest::collection::vec(0u8..6, 0..120),
            k in 0usize..40,
        ) {
            let scored: Vec<(u32, f32)> = scores
                .iter()
                .enumerate()
                .map(|(i, &s)| ((i as u32 * 7919) % 1000, f32::from(s) / 2.0))
                .collect();
            let mut want = scored.clone();
            want.sort_unstable_by(best_first);
            want.truncate(k);
            let mut got = best(&scored, k);
            sort_best_first(&mut got);
            proptest::prop_assert_eq!(got, want);
        }

        /// Keys order as candidates do, and give them back bit for bit, for every score.
        #[test]
        fn keys_order_as_candidates_do(
            a in (proptest::num::u32::ANY, proptest::num::f32::ANY),
            b in (proptest::num::u32::ANY, proptest::num::f32::ANY),
        ) {
            proptest::prop_assert_eq!(key(&a).cmp(&key(&b)), best_first(&a, &b));
            let back = candidate(key(&a));
            proptest::prop_assert_eq!((back.0, back.1.to_bits()), (a.0, a.1.to_bits()));
        }
    }
}
