//! How a query relates to one wording: the same words, a fragment of it, a near match (a word or
//! two changed), or nothing.

use super::align::{MAX_ALIGN, TokenSig, find_contiguous, local_align};
use super::lcs::lcs_len;
use super::matcher::Variant;
use super::{MIN_LINK_WORDS, MatchKind, NEAR_MIN_SCORE};

/// How a query relates to a wording, with the similarity; `None` when it does not.
pub(crate) type Verdict = Option<(MatchKind, f32)>;

/// A wording as compared: its tokens and their signature.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Wording<'a> {
    pub(super) tokens: &'a [u64],
    pub(super) sig: TokenSig,
}

impl<'a> Wording<'a> {
    /// `tokens` with their signature computed.
    pub(super) fn of(tokens: &'a [u64]) -> Self {
        Wording {
            tokens,
            sig: TokenSig::of(tokens),
        }
    }
}

impl Variant {
    /// The variant as compared.
    pub(super) fn wording(&self) -> Wording<'_> {
        Wording {
            tokens: &self.tokens,
            sig: self.sig,
        }
    }
}

/// How `query` relates to `variant`, query-centric: `Contained` when the query is a fragment of
/// the variant, otherwise similarity over the longer of the query and the aligned region.
pub(crate) fn relate(query: &[u64], variant: Wording<'_>) -> Verdict {
    contained(query, variant).or_else(|| near(query, variant, false, 0.0))
}

/// [`relate`], trying the common-subsequence bound before an alignment: the same verdict (the
/// tests' name for [`relate_above`] with no floor). A new wording's candidates are often near
/// misses that the bound turns away; a lookup's rarely are (their alignments mostly pass, or
/// fail for what the bound does not see), so lookups go without it.
#[cfg(test)]
pub(super) fn relate_bounded(query: &[u64], variant: Wording<'_>) -> Verdict {
    relate_above(query, variant, 0.0)
}

/// [`relate`], trying the common-subsequence bound before an alignment, except that a near
/// match scoring below `floor` may be `None` (it is not aligned when its words show it cannot
/// reach `floor`): what a caller keeping the best match so far needs. A containment is found
/// whatever the floor; with a floor of 0 the verdict is [`relate`]'s.
fn relate_above(query: &[u64], variant: Wording<'_>, floor: f32) -> Verdict {
    contained(query, variant).or_else(|| near(query, variant, true, floor))
}

/// [`relate`] when it finds the same words or the query inside the variant; `None` otherwise
/// (a near match is not looked for: no alignment).
fn contained(query: &[u64], variant: Wording<'_>) -> Verdict {
    let Wording {
        tokens: variant,
        sig,
    } = variant;
    if query == variant {
        return Some((MatchKind::Exact, 1.0));
    }
    // a containment needs every query word in the variant: the signature turns most wordings
    // away without a scan
    (query.len() >= MIN_LINK_WORDS
        && variant.len() >= MIN_LINK_WORDS
        && sig.may_hold_all(query)
        && find_contiguous(variant, query).is_some())
    .then_some((MatchKind::Contained, 1.0))
}

/// [`relate`]'s near match, for a query neither equal to nor inside the variant; with `bound`,
/// trying the common-subsequence bound first. `None` also when the query's words show that the
/// score cannot reach `floor`.
fn near(query: &[u64], variant: Wording<'_>, bound: bool, floor: f32) -> Verdict {
    let Wording {
        tokens: variant,
        sig,
    } = variant;
    if query.len() < MIN_LINK_WORDS || variant.len() < MIN_LINK_WORDS {
        return None;
    }
    // a near match needs at least NEAR_MIN_SCORE × the query's length of matched words (and
    // MIN_LINK_WORDS), and a variant cannot match more words than it has; the query words the
    // signature may hold bound the alignment's matches
    let need = ((NEAR_MIN_SCORE * query.len() as f32).ceil() as usize)
        .max(MIN_LINK_WORDS)
        .max(least_matches(query.len(), floor));
    if variant.len() < need || sig.bound(query) < need {
        return None;
    }
    // the query words found anywhere in the variant bound the alignment's matches: skip the
    // alignment when even that bound cannot reach a near match
    if !present_at_least(query, variant, need) {
        return None;
    }
    if bound && too_few_in_order(query, variant, need) {
        return None;
    }
    let l = local_align(query, variant);
    let score = l.matches as f32 / query.len().max(l.b_region).max(1) as f32;
    (l.matches >= MIN_LINK_WORDS && score >= NEAR_MIN_SCORE).then_some((MatchKind::Near, score))
}

/// The fewest matched words that give a query of `len` words a score of at least `floor` (the
/// score is the matches over at least the query's length, in `f32` as [`near`] works it out);
/// `len + 1` when none does.
fn least_matches(len: usize, floor: f32) -> usize {
    let score = |k: usize| k as f32 / len.max(1) as f32;
    let mut k = ((floor * len as f32).ceil().max(0.0) as usize).min(len + 1);
    while k > 0 && score(k - 1) >= floor {
        k -= 1;
    }
    while k <= len && score(k) < floor {
        k += 1;
    }
    k
}

/// Whether the longest common subsequence of the two wordings, as the alignment cuts them, is
/// shorter than the `need` matches a near match needs: an alignment's matches are a common
/// subsequence of the words it looks at. False when it is not worked out (see [`lcs_len`]).
fn too_few_in_order(query: &[u64], variant: &[u64], need: usize) -> bool {
    let q = &query[..query.len().min(MAX_ALIGN)];
    let v = &variant[..variant.len().min(MAX_ALIGN)];
    let (shorter, longer) = if q.len() <= v.len() { (q, v) } else { (v, q) };
    lcs_len(shorter, longer).is_some_and(|common| common < need)
}

/// Whether at least `need` of the `query` tokens (counted with repeats) occur in `variant`.
/// Stops as soon as it knows: at the `need`-th found, or at the first miss too many.
fn present_at_least(query: &[u64], variant: &[u64], need: usize) -> bool {
    let Some(misses_allowed) = query.len().checked_sub(need) else {
        return false;
    };
    let (mut found, mut missed) = (0, 0);
    for t in query {
        if variant.contains(t) {
            found += 1;
            if found >= need {
                return true;
            }
        } else {
            missed += 1;
            if missed > misses_allowed {
                return false;
            }
        }
    }
    need == 0
}

/// [`relate`] with the shorter of two wordings as the query (trying the common-subsequence
/// bound before an alignment).
pub(super) fn relate_either_way(a: Wording<'_>, b: Wording<'_>) -> Verdict {
    relate_either_way_above(a, b, 0.0)
}

/// [`relate_either_way`], except that a near match scoring below `floor` may be `None` (see
/// [`relate_above`]).
pub(super) fn relate_either_way_above(a: Wording<'_>, b: Wording<'_>, floor: f32) -> Verdict {
    either_way(|q, v| relate_above(q, v, floor), a, b)
}

/// [`contained`] with the shorter of two wordings as the query (whatever the floor: it finds no
/// near match).
pub(super) fn contained_either_way(a: Wording<'_>, b: Wording<'_>, _floor: f32) -> Verdict {
    either_way(contained, a, b)
}

/// `verdict` with the shorter of two wordings as the query.
fn either_way(
    verdict: impl FnOnce(&[u64], Wording<'_>) -> Verdict,
    a: Wording<'_>,
    b: Wording<'_>,
) -> Verdict {
    if a.tokens.len() <= b.tokens.len() {
        verdict(a.tokens, b)
    } else {
        verdict(b.tokens, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Stopping early decides as a full count would, repeats and every threshold included.
        #[test]
        fn present_at_least_agrees_with_a_full_count(
            query in proptest::collection::vec(0u64..12, 0..24),
            variant in proptest::collection::vec(0u64..12, 0..24),
            need in 0usize..30,
        ) {
            let present = query.iter().filter(|t| variant.contains(t)).count();
            proptest::prop_assert_eq!(present_at_least(&query, &variant, need), present >= need);
        }

        /// With a floor, a verdict is the full one, or `None` for a near match scoring below
        /// the floor; a match reaching the floor is always found.
        #[test]
        fn a_floor_turns_away_only_what_scores_below_it(
            query in proptest::collection::vec(0u64..6, 0..20),
            variant in proptest::collection::vec(0u64..6, 0..20),
            floor in 0.0f32..1.2,
        ) {
            let full = relate_bounded(&query, Wording::of(&variant));
            let above = relate_above(&query, Wording::of(&variant), floor);
            match full {
                Some((MatchKind::Near, score)) if score < floor => {
                    proptest::prop_assert!(above.is_none() || above == full);
                }
                _ => proptest::prop_assert_eq!(above, full),
            }
        }
    }

    #[test]
    fn least_matches_is_the_fewest_reaching_the_floor() {
        for len in [0usize, 1, 3, 7, 20, 400] {
            for floor in [0.0f32, 0.1, 0.5, 0.75, 2.0 / 3.0, 0.999, 1.0, 1.5] {
                let k = least_matches(len, floor);
                let score = |k: usize| k as f32 / len.max(1) as f32;
                assert!(k > len || score(k) >= floor, "{len} {floor}");
                assert!(k == 0 || score(k - 1) < floor, "{len} {floor}");
            }
        }
    }
}
