//! Where the content clause of a speech verb starts when no "that" marks it: after adverbials
//! of time and setting (`said on Friday he met …`, `said in an interview, the …`) and, for
//! "tell", after the listener (`told reporters he would …`, `told The Times the …`).
//!
//! Every skip is capped, so finding the start is O(1) per cue.

use super::doc::Doc;
use super::lexicon::{LEXICON, pronoun};
use super::phrase_words::{is_cap, is_determiner};

/// Most tokens in one adverbial of time or setting.
const MAX_ADVERBIAL: usize = 6;
/// Most tokens in the listener of "tell".
const MAX_LISTENER: usize = 5;

/// Nouns that end a setting phrase ("in an interview", "at a rally", "on Fox News Sunday").
const SETTINGS: &[&str] = &[
    "interview",
    "statement",
    "speech",
    "email",
    "e-mail",
    "letter",
    "tweet",
    "post",
    "rally",
    "conference",
    "briefing",
    "debate",
    "appearance",
    "call",
    "video",
    "op-ed",
    "release",
    "radio",
    "television",
    "broadcast",
    "hearing",
    "event",
    "forum",
    "meeting",
    "address",
    "remarks",
    "memo",
    "message",
    "podcast",
    "program",
    "programme",
    "show",
    "Twitter",
    "Facebook",
    "Instagram",
    "X",
];

/// Time nouns after "this", "last", "on", "earlier" ("this week", "last month").
const TIME_NOUNS: &[&str] = &[
    "week",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "summer",
    "spring",
    "fall",
    "autumn",
    "winter",
    "time",
    "day",
];

fn is_time(doc: &Doc<'_>, k: usize) -> bool {
    let w = doc.word(k);
    LEXICON.time_words.contains(w) || TIME_NOUNS.contains(&w)
}

/// Skips one adverbial starting at `k` (before `end`), returning the token after it (and after
/// a comma that closes it), or `k` when none starts there.
fn skip_adverbial(doc: &Doc<'_>, k: usize, end: usize) -> usize {
    let hi = end.min(k + MAX_ADVERBIAL);
    if k >= hi || !doc.toks[k].is_word() {
        return k;
    }
    let w = doc.word(k);
    let after = |e: usize| {
        if e < end && doc.toks[e].is_punct(',') {
            e + 1
        } else {
            e
        }
    };
    // "Friday", "yesterday".
    if is_time(doc, k) {
        return after(k + 1);
    }
    // "this week", "last month", "earlier this year", "on Friday", "late Tuesday".
    if matches!(
        w,
        "this" | "last" | "on" | "late" | "early" | "earlier" | "next"
    ) {
        let mut e = k + 1;
        if e < hi && matches!(doc.word(e), "this" | "last") {
            e += 1;
        }
        if e < hi && is_time(doc, e) {
            return after(e + 1);
        }
    }
    // "in an interview", "at a news conference", "on Fox News Sunday", "in a statement".
    if matches!(w, "in" | "at" | "on" | "during" | "via") {
        for e in k + 1..hi {
            if !doc.toks[e].is_word() {
                break;
            }
            if SETTINGS.contains(&doc.word(e)) {
                return after(e + 1);
            }
        }
    }
    k
}

/// Skips up to two adverbials from `k`.
pub(crate) fn skip_adverbials(doc: &Doc<'_>, k: usize, end: usize) -> usize {
    let once = skip_adverbial(doc, k, end);
    if once == k {
        k
    } else {
        skip_adverbial(doc, once, end)
    }
}

/// Skips the listener of "told" ("reporters", "The Times", "CNN's Jake Tapper", "a crowd in
/// Iowa" is not one: a listener is a pronoun object or a short noun phrase of names or plain
/// nouns), returning the token after it, or `None` when no listener starts at `k`.
pub(crate) fn skip_listener(doc: &Doc<'_>, k: usize, end: usize) -> Option<usize> {
    let hi = end.min(k + MAX_LISTENER);
    if k >= hi || !doc.toks[k].is_word() {
        return None;
    }
    let w = doc.word(k);
    if matches!(
        w,
        "him" | "her" | "them" | "us" | "me" | "reporters" | "supporters"
    ) {
        return Some(k + 1);
    }
    let mut e = k;
    if is_determiner(w) {
        e += 1;
    }
    let body = e;
    while e < hi && doc.toks[e].is_word() && is_cap(doc.word(e)) {
        e += 1;
    }
    (e > body).then_some(e)
}

/// Whether a clause may start at token `k`: a subject-like word (pronoun, determiner, name,
/// number), not a preposition or a conjunction that would make the complement something else.
pub(crate) fn clause_start(doc: &Doc<'_>, k: usize) -> bool {
    let Some(t) = doc.toks.get(k) else {
        return false;
    };
    if !t.is_word() {
        return false;
    }
    // "it's", "they’re", "we'll": a contracted pronoun.
    let w = doc.word(k);
    let w = w.split(['\'', '’']).next().unwrap_or(w);
    pronoun(w).is_some()
        || is_determiner(w)
        || (is_cap(w) && !LEXICON.function_caps.contains(w))
        || w.chars().next().is_some_and(|c| c.is_ascii_digit())
        || matches!(
            w,
            "this" | "these" | "those" | "there" | "it" | "you" | "nobody" | "everyone" | "all"
        )
}

/// Words that open a fronted subordinate clause ("After Obama announced that …, U.S. forces
/// bombed …"): a cue inside it has a complement that ends at the clause's comma.
const SUBORDINATORS: &[&str] = &[
    "After", "When", "While", "Although", "Though", "Because", "As", "Since", "Before", "If",
    "Once", "Until", "Having", "Despite", "Whereas", "Unless", "Whether",
];

/// Whether the sentence starting at `first` opens with a subordinate clause.
pub(crate) fn fronted_subordinate(doc: &Doc<'_>, first: usize) -> bool {
    doc.toks.get(first).is_some_and(|t| t.is_word()) && SUBORDINATORS.contains(&doc.word(first))
}

/// Where the complement starting at `from` ends, at most `end`: at a colon, semicolon or dash
/// outside quotes (what follows is an aside or a quotation), and at the first comma when the
/// cue sits in a fronted subordinate clause of a sentence starting at `first`.
pub(crate) fn content_end(doc: &Doc<'_>, first: usize, from: usize, end: usize) -> usize {
    let sub = fronted_subordinate(doc, first) && !(first..from).any(|k| doc.toks[k].is_punct(','));
    (from..end)
        .find(|&k| {
            doc.in_seg[k] == super::doc::NONE
                && match doc.toks[k].kind {
                    super::text::Kind::Punct(':' | ';' | '—' | '–') => true,
                    super::text::Kind::Punct('-') => {
                        doc.toks.get(k + 1).is_some_and(|t| t.is_punct('-'))
                    }
                    super::text::Kind::Punct(',') => sub,
                    _ => false,
                }
        })
        .unwrap_or(end)
}
