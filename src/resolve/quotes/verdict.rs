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
    contained(query, variant).or_else(|| near(query, variant, false))
}

/// [`relate`], trying the common-subsequence bound before an alignment: the same verdict. A new
/// wording's candidates are often near misses that the bound turns away; a lookup's rarely are
/// (their alignments mostly pass, or fail for what the bound does not see), so lookups go
/// without it.
pub(super) fn relate_bounded(query: &[u64], variant: Wording<'_>) -> Verdict {
    contained(query, variant).or_else(|| near(query, variant, true))
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
        && sig.bound(query) == query.len()
        && find_contiguous(variant, query).is_some())
    .then_some((MatchKind::Contained, 1.0))
}

/// [`relate`]'s near match, for a query neither equal to nor inside the variant; with `bound`,
/// trying the common-subsequence bound first.
fn near(query: &[u64], variant: Wording<'_>, bound: bool) -> Verdict {
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
    let need = ((NEAR_MIN_SCORE * query.len() as f32).ceil() as usize).max(MIN_LINK_WORDS);
    if variant.len() < need || sig.bound(query) < need {
        return None;
    }
    // the query words found anywhere in the variant bound the alignment's matches: skip the
    // alignment when even that bound cannot reach a near match
    if !present_at_least(query, variant, need) {
        return None;
    }
    if bound && too_few_in_order(query, variant) {
        return None;
    }
    let l = local_align(query, variant);
    let score = l.matches as f32 / query.len().max(l.b_region).max(1) as f32;
    (l.matches >= MIN_LINK_WORDS && score >= NEAR_MIN_SCORE).then_some((MatchKind::Near, score))
}

/// Whether the longest common subsequence of the two wordings, as the alignment cuts them, is
/// too short for a near match: an alignment's matches are a common subsequence of the words it
/// looks at. False when it is not worked out (see [`lcs_len`]).
fn too_few_in_order(query: &[u64], variant: &[u64]) -> bool {
    let q = &query[..query.len().min(MAX_ALIGN)];
    let v = &variant[..variant.len().min(MAX_ALIGN)];
    let (shorter, longer) = if q.len() <= v.len() { (q, v) } else { (v, q) };
    lcs_len(shorter, longer).is_some_and(|common| {
        common < MIN_LINK_WORDS || (common as f32 / query.len() as f32) < NEAR_MIN_SCORE
    })
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

/// [`relate_bounded`] with the shorter of two wordings as the query.
pub(super) fn relate_either_way(a: Wording<'_>, b: Wording<'_>) -> Verdict {
    either_way(relate_bounded, a, b)
}

/// [`contained`] with the shorter of two wordings as the query.
pub(super) fn contained_either_way(a: Wording<'_>, b: Wording<'_>) -> Verdict {
    either_way(contained, a, b)
}

/// `verdict` with the shorter of two wordings as the query.
fn either_way(
    verdict: fn(&[u64], Wording<'_>) -> Verdict,
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
    use super::present_at_least;

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
    }
}
