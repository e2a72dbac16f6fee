//! Names, titles and roles inside a speaker phrase: "U.S. Secretary of State Marco Rubio" is
//! the person Marco Rubio with the role "U.S. Secretary of State"; "the State Department" is an
//! organisation; "the State Department spokesperson" an unnamed role.

use super::doc::Doc;
use super::lexicon::{Gender, LEXICON, gender_of, lower, pronoun};
use super::phrase::{MAX_NP, Np, NpKind};
use super::phrase_words::{is_cap, is_determiner, np_word, skip_adverbials};

/// Whether token `k` can be a bare descriptor before a name ("screenwriter", "warm-and-fuzzy"):
/// a phrase word, or a lower-case content word (not a function word).
pub(crate) fn descriptor_word(doc: &Doc<'_>, k: usize) -> bool {
    const STOP: &[&str] = &[
        "to", "which", "who", "whom", "whose", "that", "and", "but", "as", "of", "in", "on", "for",
        "with", "when", "where", "while", "if", "because", "so", "what", "how", "than", "then",
        "also", "not", "has", "had", "have", "is", "was", "were", "are", "be", "been", "by", "at",
        "from", "or", "it", "this", "there", "here",
    ];
    let w = doc.word(k);
    doc.toks[k].is_word() && (np_word(doc, k) || (!is_cap(w) && !STOP.contains(&w)))
}

/// Most words in a plain subject phrase.
const MAX_PLAIN: usize = 4;

/// A plain subject phrase ending right before `end` ("Mrs. Clinton's confidants", "most
/// voters"): descriptor words after a determiner, a possessive or the sentence start.
pub(crate) fn plain_before(doc: &Doc<'_>, end: usize, lo: usize) -> Option<Np> {
    let end = skip_adverbials(doc, end, lo);
    let mut first = end;
    while first > lo && end - first < MAX_PLAIN && descriptor_word(doc, first - 1) {
        first -= 1;
    }
    if first == end {
        return None;
    }
    let prev = (first > lo).then(|| doc.word(first - 1));
    let opener = match prev {
        None => true,
        Some(w) => is_determiner(w) || w.ends_with("'s") || w.ends_with("’s") || w == ",",
    };
    if !opener {
        return None;
    }
    let first = if prev.is_some_and(|w| w != ",") {
        first - 1
    } else {
        first
    };
    classify(doc, first, end)
}

/// A phrase of plain words from `first` up to the first punctuation, mark or cue before `hi`
/// ("a person close to the Clintons", "this Trump look-alike"), as a role or name.
pub(crate) fn words_np(doc: &Doc<'_>, first: usize, hi: usize) -> Option<Np> {
    let mut e = first;
    while e < hi && doc.toks[e].is_word() && doc.cue(e).is_none() && e - first < MAX_NP {
        e += 1;
    }
    let e = skip_adverbials(doc, e, first);
    let w = doc.word(first);
    let opener = is_determiner(w) || np_word(doc, first);
    if e <= first || !opener || pronoun(w).is_some() {
        return None;
    }
    classify(doc, first, e)
}

/// Turns a token range into a typed phrase: splits titles from the name, spots organisations
/// and unnamed roles.
pub(crate) fn classify(doc: &Doc<'_>, first: usize, last: usize) -> Option<Np> {
    if first >= last {
        return None;
    }
    let lex = &*LEXICON;
    let head = doc.word(last - 1);
    // "Lavrov's comments came": a possessive is a modifier, never the head of a speaker.
    if head.ends_with("'s") || head.ends_with("’s") {
        return None;
    }
    let body = if is_determiner(doc.word(first)) {
        first + 1
    } else {
        first
    };
    if body >= last {
        return None;
    }
    let has_det = body > first;
    // "Officials said", "Sources say": a capitalised role noun opening the sentence.
    let role_noun_alone = last - body == 1 && lex.role_nouns.contains(lower(head).as_ref());
    if !is_cap(head) || role_noun_alone {
        let gender = (body..last)
            .map(|k| gender_of(doc.word(k)))
            .find(|g| *g != Gender::Unknown);
        return Some(Np {
            first,
            last,
            kind: NpKind::Role,
            name: (body, last),
            role: None,
            gender: gender.unwrap_or(Gender::Unknown),
        });
    }
    // The name: the trailing run of capitalised non-title, non-possessive words.
    let mut n = last;
    while n > body {
        let w = doc.word(n - 1);
        let possessive =
            w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'') || w.ends_with('’');
        let title = lex.titles.contains(w) || lex.org_heads.contains(w) && n < last;
        let particle = lex.particles.contains(lower(w).as_ref()) && n < last && n - 1 > body;
        if (is_cap(w) && !title && !possessive) || particle {
            n -= 1;
        } else {
            break;
        }
    }
    // "special envoy to the Middle East Steve Witkoff": a known forename starts the name.
    // A particle written in lower case ("Falim al Sabah") is no forename ("Al Gore").
    if let Some(f) = (n + 1..last.saturating_sub(1)).find(|&k| {
        let w = doc.word(k);
        let l = lower(w);
        is_cap(w) && (lex.male.contains(l.as_ref()) || lex.female.contains(l.as_ref()))
    }) {
        n = f;
    }
    // "The Bank of England", "one senior economist at Barclays": the head sits before the
    // preposition, so the whole phrase is an organisation or a role, not a person.
    if n >= body + 2 && matches!(doc.word(n - 1), "of" | "for" | "at" | "to" | "in" | "on") {
        let before = doc.word(n - 2);
        let kind = if is_cap(before) {
            NpKind::Org
        } else {
            NpKind::Role
        };
        let forename_named = lex.male.contains(lower(doc.word(n)).as_ref())
            || lex.female.contains(lower(doc.word(n)).as_ref());
        if !forename_named {
            return Some(Np {
                first,
                last,
                kind,
                name: (body, last),
                role: None,
                gender: Gender::Unknown,
            });
        }
    }
    let org_head = lex.org_heads.contains(head) || lex.titles.contains(head);
    if n == last || (has_det && n == body) || org_head {
        // No name: "the State Department", "the Kremlin", "The New York Post".
        let role_like = lex.titles.contains(head) && !lex.org_heads.contains(head);
        let kind = if role_like { NpKind::Role } else { NpKind::Org };
        return Some(Np {
            first,
            last,
            kind,
            name: (body, last),
            role: None,
            gender: Gender::Unknown,
        });
    }
    if last - n == 1 && lex.places.contains(head) {
        return Some(Np {
            first,
            last,
            kind: NpKind::Org,
            name: (n, last),
            role: None,
            gender: Gender::Unknown,
        });
    }
    let role = (n > body).then_some((body, n));
    let mut gender = gender_of(doc.word(n));
    if gender == Gender::Unknown
        && let Some(g) = (body..n)
            .map(|k| gender_of(doc.word(k)))
            .find(|g| *g != Gender::Unknown)
    {
        gender = g;
    }
    Some(Np {
        first,
        last,
        kind: NpKind::Person,
        name: (n, last),
        role,
        gender,
    })
}
