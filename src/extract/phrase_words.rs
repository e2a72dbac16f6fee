//! Speaker-phrase words: which tokens may sit inside a speaker phrase, join its words, head it
//! or open it (determiners), and the adverbials skipped between a subject and its cue.

use super::doc::Doc;
use super::lexicon::{LEXICON, lower};

/// Most adverbial tokens skipped between a subject and its cue.
const MAX_SKIP: usize = 4;

/// Whether `w` is written as a name word: it starts with a capital letter, or it is a
/// capitalised surname joined to its lower-case particle ("al-Qakr", "el-Sisi", "bin-Salman").
pub(super) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) || hyphen_particle(w)
}

/// A particle joined to the surname by a hyphen: "al-Aiban", "el-Sisi", "bin-Salman".
fn hyphen_particle(w: &str) -> bool {
    let bare = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    bare.split_once('-').is_some_and(|(p, rest)| {
        (LEXICON.particles.contains(p) || matches!(p, "el" | "ul" | "ad" | "as" | "an"))
            && rest.chars().next().is_some_and(char::is_uppercase)
            && rest.chars().skip(1).any(char::is_lowercase)
    })
}

/// Whether `w` is a determiner, numeral, quantifier or possessive that may open a phrase.
pub(super) fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "another"
            | "The"
            | "A"
            | "An"
            | "Another"
            | "one"
            | "two"
            | "some"
            | "several"
            | "many"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "Our"
    )
}

/// Whether token `i` can sit inside a speaker phrase.
pub(super) fn np_word(doc: &Doc<'_>, i: usize) -> bool {
    let t = doc.toks[i];
    if !t.is_word() {
        return false;
    }
    let w = t.text(doc.text);
    let lex = &*LEXICON;
    if is_cap(w) {
        return !lex.function_caps.contains(w) && !lex.time_words.contains(w);
    }
    let lower = lower(w);
    lex.role_nouns.contains(lower.as_ref())
        || lex.role_modifiers.contains(lower.as_ref())
        || lex.particles.contains(lower.as_ref())
        || w.starts_with("then-")
        || w.starts_with("ex-")
}

/// Whether `w` may join the words of a phrase ("envoy to the Middle East").
pub(super) fn is_connector(w: &str) -> bool {
    matches!(w, "of" | "for" | "to" | "at" | "on" | "and" | "the" | "in")
}

/// Whether token `i` may end (head) a speaker phrase.
pub(super) fn head_word(doc: &Doc<'_>, i: usize) -> bool {
    let w = doc.word(i);
    let lex = &*LEXICON;
    if is_cap(w) {
        return np_word(doc, i);
    }
    doc.toks[i].is_word() && lex.role_nouns.contains(lower(w).as_ref())
}

/// Skips adverbials backwards from `end` (exclusive): "also", "has", "on Tuesday".
pub(super) fn skip_adverbials(doc: &Doc<'_>, mut end: usize, lo: usize) -> usize {
    let lex = &*LEXICON;
    for _ in 0..MAX_SKIP {
        if end <= lo {
            break;
        }
        let w = doc.word(end - 1);
        if !doc.toks[end - 1].is_word() {
            break;
        }
        let lower_ly = w.len() > 4 && w.ends_with("ly") && !is_cap(w);
        if lex.adverbials.contains(w) || lower_ly {
            end -= 1;
        } else if lex.time_words.contains(w) {
            end -= 1;
            if end > lo && matches!(doc.word(end - 1), "on" | "last" | "this" | "late" | "early") {
                end -= 1;
            }
        } else {
            break;
        }
    }
    end
}
