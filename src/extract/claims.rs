//! Reported speech: `SPEAKER VERB (that) CLAUSE`, `CLAUSE, SPEAKER VERB.`,
//! `according to SPEAKER, CLAUSE` and `CLAUSE, according to SPEAKER.`
//! The claim span is the content clause; windows end at the sentence and a token cap.

use super::doc::{Cue, Doc, NONE};
use super::lexicon::{CueForm, LEXICON};
use super::phrase::{self, Np};
use super::text::Kind;
use crate::model::AttributionMethod;

/// Most tokens between a cue and its "that".
const THAT_WINDOW: usize = 8;
/// Most tokens after a sentence-final cue ("…, officials said on Tuesday.").
const TAIL_WINDOW: usize = 6;
/// Most tokens in a claim clause.
const MAX_CLAUSE: usize = 120;
/// Fewest words in a claim clause.
const MIN_WORDS: usize = 4;

/// One claim candidate.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Claim {
    /// Token range of the content clause.
    pub(crate) clause: (usize, usize),
    /// Token range of the cue.
    pub(crate) cue: (usize, usize),
    /// The claimant phrase.
    pub(crate) np: Np,
    /// How it was found.
    pub(crate) method: AttributionMethod,
}

/// Finds every claim in the document, in text order.
pub(crate) fn claims(doc: &Doc<'_>) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for &cue in &doc.cues {
        if !cue.claim {
            continue;
        }
        let found = match cue.form {
            CueForm::AccordingTo => according_to(doc, cue),
            CueForm::Finite => verb(doc, cue),
            CueForm::Participle => None,
        };
        if let Some(c) = found
            && out.last().is_none_or(|p| p.clause.0 != c.clause.0)
        {
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.clause.0);
    out.dedup_by_key(|c| c.clause.0);
    out
}

/// The sentence around a cue, or `None` when it is longer than a clause can be on either side
/// (so that no scan grows with the sentence).
fn window(doc: &Doc<'_>, cue: Cue) -> Option<(usize, usize)> {
    let first = doc.sentence_first(cue.first);
    let end = doc.sentence_end(cue.first);
    (cue.first - first <= MAX_CLAUSE).then_some((first, end.min(cue.last + MAX_CLAUSE)))
}

/// Trims a token range to words: drops trailing sentence punctuation and marks; rejects
/// ranges that are a direct quote or too short.
fn clause(doc: &Doc<'_>, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    b = b.min(a + MAX_CLAUSE);
    while b > a
        && matches!(
            doc.toks[b - 1].kind,
            Kind::Punct('.' | '!' | '?' | ',' | ';' | ':') | Kind::Mark(_)
        )
    {
        b -= 1;
    }
    while a < b && matches!(doc.toks[a].kind, Kind::Punct(',' | ':' | '—' | '–')) {
        a += 1;
    }
    if a >= b {
        return None;
    }
    if doc.toks[a].is_mark() {
        // A quote opening the clause is a direct quote unless words follow it in the clause
        // (mixed speech: `said "the fear is high" in the establishment`).
        let seg = doc.in_seg.get(a + 1).copied().filter(|&s| s != NONE)?;
        let close = doc.segs[seg as usize].close?;
        let after = (close + 1..b).filter(|&k| doc.toks[k].is_word()).count();
        if after < 2 {
            return None;
        }
    }
    let words = (a..b).filter(|&k| doc.toks[k].is_word()).count();
    (words >= MIN_WORDS).then_some((a, b))
}

fn according_to(doc: &Doc<'_>, cue: Cue) -> Option<Claim> {
    let (first, end) = window(doc, cue)?;
    let np = phrase::after(doc, cue.last, end)?;
    let span = if cue.first <= first + 1 {
        // According to X, CLAUSE.
        let after_role = np
            .role
            .map(|r| r.1)
            .filter(|&e| doc.toks.get(e).is_some_and(|t| t.is_punct(',')));
        let comma = after_role.unwrap_or(np.last);
        if !doc.toks.get(comma)?.is_punct(',') {
            return None;
        }
        clause(doc, comma + 1, end)?
    } else if doc.toks[cue.first - 1].is_punct(',') {
        clause(doc, first, cue.first - 1)?
    } else {
        return None;
    };
    Some(Claim {
        clause: span,
        cue: (cue.first, cue.last),
        np,
        method: AttributionMethod::AccordingTo,
    })
}

fn verb(doc: &Doc<'_>, cue: Cue) -> Option<Claim> {
    let (first, end) = window(doc, cue)?;
    let np = phrase::before(doc, cue.first, first)
        .or_else(|| phrase::plain_before(doc, cue.first, first))?;
    if let Some(span) = forward_clause(doc, cue, end) {
        return Some(Claim {
            clause: span,
            cue: (cue.first, cue.last),
            np,
            method: method(np),
        });
    }
    // CLAUSE, SPEAKER said.
    let tail_end = end.min(cue.last + 2 * TAIL_WINDOW);
    let tail = if end == tail_end {
        (cue.last..end).filter(|&k| doc.toks[k].is_word()).count()
    } else {
        usize::MAX
    };
    let tail_has_that = (cue.last..tail_end).any(|k| doc.word(k) == "that");
    if np.first > first
        && doc.toks[np.first - 1].is_punct(',')
        && tail <= TAIL_WINDOW
        && !tail_has_that
    {
        let comma = np.first - 1;
        if comma > 0 && doc.toks[comma - 1].is_mark() {
            return None;
        }
        let span = clause(doc, first, comma)?;
        if doc.in_seg[span.0] != NONE {
            return None;
        }
        return Some(Claim {
            clause: span,
            cue: (cue.first, cue.last),
            np,
            method: method(np),
        });
    }
    None
}

/// The clause after a cue: after "that" within a few tokens, or straight after say/said.
fn forward_clause(doc: &Doc<'_>, cue: Cue, end: usize) -> Option<(usize, usize)> {
    let hi = (cue.last + THAT_WINDOW).min(end);
    for k in cue.last..hi {
        let t = doc.toks[k];
        if t.is_mark() || matches!(t.kind, Kind::Punct('.' | ';' | '!' | '?')) {
            break;
        }
        if doc.word(k) == "that" {
            return clause(doc, k + 1, end);
        }
    }
    let w = doc.word(cue.first);
    let bare_ok = matches!(
        w,
        "said"
            | "says"
            | "say"
            | "stated"
            | "added"
            | "noted"
            | "claimed"
            | "argued"
            | "insisted"
            | "warned"
            | "believes"
            | "acknowledged"
    );
    let next = doc.toks.get(cue.last)?;
    if !bare_ok || !next.is_word() || cue.last >= end {
        return None;
    }
    let nw = doc.word(cue.last);
    let lex = &*LEXICON;
    let prep = matches!(
        nw,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "to"
            | "with"
            | "from"
            | "for"
            | "of"
            | "as"
            | "about"
            | "by"
            | "so"
            | "yes"
            | "no"
            | "nothing"
            | "something"
            | "more"
            | "little"
            | "much"
    );
    if prep || lex.time_words.contains(nw) {
        return None;
    }
    clause(doc, cue.last, end)
}

fn method(np: Np) -> AttributionMethod {
    match np.kind {
        phrase::NpKind::Pronoun(_) => AttributionMethod::Pronoun,
        _ => AttributionMethod::Explicit,
    }
}
