//! The matcher against brute force: lookups against a scan, and verdicts with and without the
//! word signature, and against the alignment alone.

use super::verdict::relate;
use super::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

const VOCAB: &[&str] = &[
    "peace", "war", "talks", "we", "will", "never", "accept", "a", "deal", "without", "us", "today",
];

fn sentence() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..VOCAB.len(), 1..12)
}

fn text(ix: &[usize]) -> String {
    ix.iter().map(|&i| VOCAB[i]).collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Posting-list lookup finds every group a brute-force scan finds exactly or by
    /// containment, and never reports a match the scan would reject.
    #[test]
    fn lookup_agrees_with_a_scan(quotes in prop::collection::vec(sentence(), 1..25), query in sentence(), from in 0usize..25, start in 0usize..12, len in 1usize..12) {
        let mut m = QuoteMatcher::new();
        for (i, q) in quotes.iter().enumerate() {
            m.add(&format!("a{}", i % 5), &text(q));
        }
        let base = &quotes[from % quotes.len()];
        let s = start % base.len();
        let slice = &base[s..(s + len).min(base.len())];
        for q in [text(slice), text(&query)] {
            let tokens = quote_tokens(&q);
            let want: BTreeSet<u32> = m
                .variant_ids()
                .filter_map(|v| m.variant(v))
                .filter(|v| matches!(relate(&tokens, v.wording()), Some((MatchKind::Exact | MatchKind::Contained, _))))
                .map(|v| v.group)
                .collect();
            let got = m.lookup(&q);
            let got_strong: BTreeSet<u32> = got.iter().filter(|x| x.kind != MatchKind::Near).map(|x| x.group).collect();
            prop_assert_eq!(&got_strong, &want, "query {:?}", q);
            for x in &got {
                let v = m.variant(x.variant).expect("live variant");
                prop_assert_eq!(relate(&tokens, v.wording()).map(|r| r.0), Some(x.kind));
            }
        }
    }

    /// The signature only turns away what the alignment would reject: over a vocabulary
    /// large enough for words to share bits, every verdict equals the one reached without it.
    #[test]
    fn signature_never_changes_a_verdict(a in prop::collection::vec(0u32..400, 1..40), b in prop::collection::vec(0u32..400, 1..40), cut in 0usize..40, len in 4usize..20) {
        let words = |ix: &[u32]| ix.iter().map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        let (a, b) = (quote_tokens(&words(&a)), quote_tokens(&words(&b)));
        let s = cut % b.len();
        let fragment = b[s..(s + len).min(b.len())].to_vec();
        let mut near = b.clone();
        if let Some(t) = near.get_mut(cut % b.len()) {
            *t = a[0];
        }
        for query in [&a, &fragment, &near] {
            let full = super::verdict::Wording { tokens: &b, sig: super::align::TokenSig::ALL };
            prop_assert_eq!(relate(query, super::verdict::Wording::of(&b)), relate(query, full));
        }
    }

    /// Every bound a near match is tested against first (the signature, the words present, the
    /// common subsequence) only turns away what the alignment would reject: each verdict equals
    /// the one the alignment alone reaches, for wordings edited a word or several at a time.
    #[test]
    fn bounds_never_change_a_verdict(
        b in prop::collection::vec(0u64..30, 1..60),
        edits in prop::collection::vec((0usize..60, 0u64..40), 0..12),
        cut in 0usize..60,
        len in 4usize..60,
    ) {
        let b: Vec<u64> = b.iter().map(|w| w.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
        let mut edited = b.clone();
        for (at, w) in &edits {
            let at = at % edited.len();
            match w % 3 {
                0 => edited[at] = w.wrapping_mul(0x9E37_79B9_7F4A_7C15),
                1 if edited.len() > 1 => { edited.remove(at); }
                _ => edited.insert(at, w.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
            }
        }
        let s = cut % edited.len();
        let part = edited[s..(s + len).min(edited.len())].to_vec();
        for query in [&edited, &part] {
            let want = alignment_alone(query, &b);
            let wording = super::verdict::Wording::of(&b);
            prop_assert_eq!(relate(query, wording), want, "query {:?}", query);
            prop_assert_eq!(super::verdict::relate_bounded(query, wording), want, "query {:?}", query);
        }
    }
}

/// [`relate`] with no bound: the same words, a contiguous fragment, else the alignment's verdict.
fn alignment_alone(query: &[u64], variant: &[u64]) -> Option<(MatchKind, f32)> {
    if query == variant {
        return Some((MatchKind::Exact, 1.0));
    }
    if query.len() < MIN_LINK_WORDS || variant.len() < MIN_LINK_WORDS {
        return None;
    }
    if super::align::find_contiguous(variant, query).is_some() {
        return Some((MatchKind::Contained, 1.0));
    }
    let l = super::align::local_align(query, variant);
    let score = l.matches as f32 / query.len().max(l.b_region).max(1) as f32;
    (l.matches >= MIN_LINK_WORDS && score >= NEAR_MIN_SCORE).then_some((MatchKind::Near, score))
}
