//! Quote kinds: a whole utterance is a full quote, a fragment inside reported speech a partial
//! one; and a direct quote is never also a claim.

use super::extract;
use crate::model::QuoteKind;

#[test]
fn kinds_follow_the_sentence() {
    let cases: &[(&str, &str, &[QuoteKind])] = &[
        (
            "fragment after cue mid-sentence",
            "He listed what he called “endless expulsions,” to which Russia responded.",
            &[QuoteKind::Partial],
        ),
        (
            "fragment after comma",
            "Lavrov said that in his view, “the conversation was very useful.”",
            &[QuoteKind::Partial],
        ),
        (
            "whole complement after cue",
            "Clinton said “the record is quite clear on this.”",
            &[QuoteKind::Full],
        ),
        (
            "split quote",
            "\"It is fine,\" she said, \"but we will see.\"",
            &[QuoteKind::Full, QuoteKind::Full],
        ),
        (
            "after colon",
            "Cruz said: \"I don't believe that.\"",
            &[QuoteKind::Full],
        ),
    ];
    for (name, text, want) in cases {
        let kinds: Vec<QuoteKind> = extract(text).quotes.iter().map(|q| q.kind).collect();
        assert_eq!(&kinds, want, "case {name}: text {text:?}");
    }
}

#[test]
fn kinds_full_and_partial() {
    let text = "Zelenskyy said that his country needs \"robust and reliable\" guarantees. \"Peace is a must,\" he said.";
    let ex = extract(text);
    let kinds: Vec<QuoteKind> = ex.quotes.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        vec![QuoteKind::Partial, QuoteKind::Full],
        "text {text:?}"
    );
}

#[test]
fn direct_quote_is_not_a_claim() {
    let ex = extract("Rubio said, \"We agree on everything here.\"");
    assert!(ex.claims.is_empty(), "{:?}", ex.claims);
}
