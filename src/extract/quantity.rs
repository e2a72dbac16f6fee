//! Quantity speakers, as polls report them: "61 percent said", "six in 10 Democrats say",
//! "nearly three in five said", "most of them said", "a majority of voters said". They are
//! unnamed groups (roles), never persons. The scan is capped at [`MAX_QUANTITY`] tokens.

use super::doc::Doc;
use super::lexicon::{Gender, lower};
use super::phrase::{Np, NpKind};
use super::phrase_words::skip_adverbials;

/// Most tokens in a quantity phrase.
const MAX_QUANTITY: usize = 9;

/// Words that open a quantity ("six", "61", "most", "majority").
fn quantity_word(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        || matches!(
            w,
            "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "half"
                | "most"
                | "majority"
                | "minority"
                | "plurality"
                | "third"
                | "quarter"
                | "few"
                | "many"
                | "some"
                | "all"
                | "none"
        )
}

/// Words that may precede the quantity ("nearly", "more than", "a").
fn quantity_lead(w: &str) -> bool {
    matches!(
        w,
        "nearly"
            | "almost"
            | "about"
            | "roughly"
            | "around"
            | "over"
            | "under"
            | "just"
            | "only"
            | "more"
            | "fewer"
            | "less"
            | "than"
            | "a"
            | "the"
            | "another"
            | "at"
            | "least"
    )
}

/// Words inside a quantity phrase after its number ("in", "out of", "percent", "of them").
fn quantity_inner(w: &str) -> bool {
    matches!(
        w,
        "in" | "out" | "of" | "percent" | "per" | "cent" | "%" | "them" | "those" | "these"
    ) || quantity_word(w)
}

/// A quantity phrase ending right before `end` (a cue), looking no further back than `lo`.
pub(crate) fn quantity_before(doc: &Doc<'_>, end: usize, lo: usize) -> Option<Np> {
    let end = skip_adverbials(doc, end, lo);
    let floor = end.saturating_sub(MAX_QUANTITY).max(lo);
    // Walk back over words; remember the leftmost quantity word reached.
    let mut k = end;
    let mut start = None;
    while k > floor && doc.toks[k - 1].is_word() {
        k -= 1;
        let w = doc.word(k);
        let l = lower(w);
        if quantity_word(l.as_ref()) {
            start = Some(k);
        } else if start.is_some() && !quantity_lead(l.as_ref()) && !quantity_inner(l.as_ref()) {
            break;
        } else if start.is_none() && matches!(l.as_ref(), "who" | "that" | "which" | "and") {
            return None;
        }
    }
    let mut first = start?;
    // The phrase must be a quantity, not a number inside a longer noun phrase: "the 2016
    // campaign said" has a noun after the number that is not a group of people.
    let inner_ok = (first..end).all(|j| {
        let l = lower(doc.word(j));
        quantity_inner(l.as_ref()) || !l.chars().next().is_some_and(|c| c.is_ascii_digit())
    });
    let has_of_or_in = (first..end).any(|j| matches!(doc.word(j), "in" | "of" | "percent"));
    let w = lower(doc.word(first));
    let alone = end - first == 1
        && !w.starts_with(|c: char| c.is_ascii_digit())
        && !matches!(w.as_ref(), "most" | "majority" | "half");
    if !inner_ok || (!has_of_or_in && !alone) || first >= end {
        return None;
    }
    while first > floor && quantity_lead(lower(doc.word(first - 1)).as_ref()) {
        first -= 1;
    }
    Some(Np {
        first,
        last: end,
        kind: NpKind::Role,
        name: (first, end),
        role: None,
        gender: Gender::Unknown,
    })
}
