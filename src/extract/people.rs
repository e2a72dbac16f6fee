//! Named people mentioned anywhere in the article, quoted or not: a capitalised name run that
//! opens with a known forename ("Mosaad bin Mohammad al-Aiban", "Jamil N. Jaffer", "Martin
//! Luther King Jr.") or follows an honorific ("Mr. Alban"), with the title or role words just
//! before it ("national security adviser Musaed al Alban" → role "national security adviser").
//!
//! Guards, for precision (a wrong "person" can be merged into real people downstream): the run
//! must open with a forename or follow an honorific; no word of the name may be a title, an
//! organisation head, a place, a month or weekday, a function word or a plural role noun
//! ("Virginia Democrats"); forenames that are also places ("Georgia") never open a run; and
//! headline paragraphs in title case are skipped. Every scan is bounded by [`MAX_NAME`] or
//! [`MAX_ROLE`] tokens.

use super::doc::{Doc, NONE};
use super::lexicon::{Gender, LEXICON, gender_of, lower};
use super::phrase::{Np, NpKind};
use super::phrase_words::is_cap;

/// Most tokens in a name ("Mosaad bin Mohammad al-Aiban Jr." is six).
pub(super) const MAX_NAME: usize = 6;
/// Most tokens in a role before a name ("Saudi national security adviser").
const MAX_ROLE: usize = 7;

/// Honorifics that introduce a name even without a known forename.
const HONORIFICS: &[&str] = &[
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Senator",
    "Governor",
    "President",
    "Chancellor",
    "Prince",
    "Princess",
    "Sheikh",
    "Pope",
    "Ambassador",
    "Judge",
    "Mayor",
    "Minister",
    "Gen.",
    "General",
    "Congressman",
    "Congresswoman",
    "Prof.",
    "Professor",
    "Rev.",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
];

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// Whether the word can be part of a person's name (not a title, place, organisation head,
/// time word, function word or plural role noun).
pub(super) fn name_word(w: &str) -> bool {
    let lex = &*LEXICON;
    let bare = strip_possessive(w);
    is_cap(bare)
        && bare.chars().skip(1).any(char::is_lowercase)
        && !lex.titles.contains(bare)
        && !lex.org_heads.contains(bare)
        && !lex.places.contains(bare)
        && !lex.time_words.contains(bare)
        && !lex.function_caps.contains(bare)
        && !lex.role_nouns.contains(lower(bare).as_ref())
}

/// A name particle: "bin", "al", "van", "de" … as a word.
fn particle(w: &str) -> bool {
    !is_cap(w) && LEXICON.particles.contains(w)
}

/// An initial ("N.") or a generational suffix ("Jr.", "III").
fn initial(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

fn suffix(w: &str) -> bool {
    matches!(w, "Jr." | "Sr." | "Jr" | "Sr" | "II" | "III" | "IV")
}

/// Whether token `k` is a known forename that may open a name.
pub(super) fn forename(doc: &Doc<'_>, k: usize) -> bool {
    let lex = &*LEXICON;
    let w = doc.word(k);
    let key = lower(w);
    (lex.male.contains(key.as_ref()) || lex.female.contains(key.as_ref()))
        && is_cap(w)
        && !lex.places.contains(w)
}

/// The end (exclusive) of the name run opening at token `k`, when at least one surname word
/// follows; `None` otherwise. A possessive ends the run.
pub(super) fn run_end(doc: &Doc<'_>, k: usize, free: &dyn Fn(usize) -> bool) -> Option<usize> {
    let mut end = None;
    let mut j = k + 1;
    let hi = (k + MAX_NAME).min(doc.toks.len());
    while j < hi && free(j) && doc.toks[j].para == doc.toks[k].para {
        let w = doc.word(j);
        // a surname joined to its particle ("al-Harbi") is a name word too (see `is_cap`)
        if name_word(w) {
            end = Some(j + 1);
            if strip_possessive(w) != w {
                break;
            }
        } else if suffix(w) && end.is_some() {
            end = Some(j + 1);
            break;
        } else if !(particle(w) || initial(w)) {
            break;
        }
        j += 1;
    }
    end
}

/// The role words right before a name starting at `k` ("Saudi Foreign Minister", "national
/// security adviser"): capitalised titles, role nouns and role modifiers, headed by a title or
/// role noun. Returns the first token of the role.
pub(super) fn role_before(doc: &Doc<'_>, k: usize, free: &dyn Fn(usize) -> bool) -> Option<usize> {
    let lex = &*LEXICON;
    let head = k.checked_sub(1)?;
    let is_head = |j: usize| {
        let w = doc.word(j);
        (lex.titles.contains(w) && !matches!(w, "Former" | "Democratic" | "Republican"))
            || lex.role_nouns.contains(lower(w).as_ref())
    };
    if !free(head) || !doc.toks[head].is_word() || !is_head(head) {
        return None;
    }
    let mut a = head;
    while a > 0 && k - a < MAX_ROLE && free(a - 1) && doc.toks[a - 1].is_word() {
        let w = doc.word(a - 1);
        let l = lower(w);
        let ok = lex.titles.contains(w)
            || lex.role_nouns.contains(l.as_ref())
            || lex.role_modifiers.contains(l.as_ref());
        // "Secretary of State", "Minister for Foreign Affairs": one connector between titles.
        let joins = matches!(w, "of" | "for")
            && a >= 2
            && k - a + 2 <= MAX_ROLE
            && free(a - 2)
            && lex.titles.contains(doc.word(a - 2));
        if joins {
            a -= 2;
            continue;
        }
        if !ok {
            break;
        }
        a -= 1;
    }
    Some(a)
}

/// Whether token `k` follows an honorific ("Mr.", "President").
pub(super) fn after_honorific(doc: &Doc<'_>, k: usize) -> bool {
    k > 0 && doc.toks[k - 1].is_word() && HONORIFICS.contains(&doc.word(k - 1))
}

/// For each paragraph, whether it reads as a headline in title case: four or more words, at
/// least 70% capitalised, and no sentence-final punctuation. One pass over the tokens.
pub(super) fn headline_paras(doc: &Doc<'_>) -> Vec<bool> {
    let paras = doc.toks.last().map_or(0, |t| t.para as usize + 1);
    let mut counts = vec![(0u32, 0u32, false); paras];
    for (k, t) in doc.toks.iter().enumerate() {
        let c = &mut counts[t.para as usize];
        if t.is_word() {
            c.0 += 1;
            if is_cap(doc.word(k)) {
                c.1 += 1;
            }
        } else if matches!(t.kind, super::text::Kind::Punct('.' | '!' | '?')) || t.is_mark() {
            c.2 = true;
        }
    }
    counts
        .into_iter()
        .map(|(words, caps, ends)| words >= 4 && caps * 10 >= words * 7 && !ends)
        .collect()
}

/// Whether token `k` lies outside every quotation.
pub(super) fn outside_quotes(doc: &Doc<'_>, k: usize) -> bool {
    doc.in_seg[k] == NONE
}

/// A place or organisation whose possessive marks a person's affiliation ("Russia's").
pub(super) fn place_possessive(w: &str) -> bool {
    LEXICON.places.contains(w) || LEXICON.org_heads.contains(w)
}

/// A named person opening at token `k`: a known forename (or an honorific before it) and a
/// name run, with the role words before it. Not in title-case headlines.
pub(super) fn named_person(
    doc: &Doc<'_>,
    k: usize,
    free: &dyn Fn(usize) -> bool,
    headline: &[bool],
) -> Option<Np> {
    let w = doc.word(k);
    if headline[doc.toks[k].para as usize] || strip_possessive(w) != w {
        return None;
    }
    let opens = forename(doc, k) || (after_honorific(doc, k) && name_word(w));
    if !opens {
        return None;
    }
    let end = run_end(doc, k, free)?;
    let role = role_before(doc, k, free);
    let mut gender = gender_of(w);
    if gender == Gender::Unknown
        && let Some(a) = role
    {
        gender = (a..k)
            .map(|j| gender_of(doc.word(j)))
            .find(|g| *g != Gender::Unknown)
            .unwrap_or(Gender::Unknown);
    }
    Some(Np {
        first: role.unwrap_or(k),
        last: end,
        kind: NpKind::Person,
        name: (k, end),
        role: role.map(|a| (a, k)),
        gender,
    })
}

#[cfg(test)]
#[path = "people_tests.rs"]
mod tests;
