//! Claims around a finite speech verb:
//!
//! - `SPEAKER VERB (that) CLAUSE` (forward), with the subject found through `X, who said`,
//!   a conjoined verb (`… and said`) or a quantity (`six in 10 said`) when no phrase sits
//!   right before the verb;
//! - `CLAUSE, SPEAKER VERB.` and `CLAUSE, VERB SPEAKER.` (backward, also after a closing
//!   mark for mixed speech: `The endorsement "was early," Heiserman said.`);
//! - `A, SPEAKER VERB, B.` (parenthetical): the whole sentence is the claim.
//!
//! Every window is capped; each cue costs O(1).

use super::attribute::first_np;
use super::claims::{Claim, TAIL_WINDOW, clause, forward_clause, method, window};
use super::complement;
use super::doc::{Cue, Doc, NONE};
use super::phrase::{self, Np, NpKind};
use super::phrase_words;
use super::quantity::quantity_before;
use super::text::Kind;

/// Most tokens between a parenthetical cue and the comma that closes it ("he said on Tuesday,").
const PAREN_GAP: usize = 5;
/// Fewest words after a parenthetical cue's closing comma.
const PAREN_REST: usize = 3;

/// The subject phrase right before the cue, if any; a quantity that extends it wins
/// ("75 percent of Democrats said").
fn subject(doc: &Doc<'_>, cue: Cue, first: usize) -> Option<Np> {
    let np = phrase::before(doc, cue.first, first)
        .or_else(|| phrase::plain_before(doc, cue.first, first));
    let w = doc.word(cue.first);
    let say = matches!(w, "said" | "say" | "says" | "told" | "tell" | "tells");
    let q = say
        .then(|| quantity_before(doc, cue.first, first))
        .flatten();
    match (np, q) {
        (Some(np), Some(q)) if q.first < np.first => Some(q),
        (None, q) => q,
        (np, _) => np,
    }
}

/// Whether the cue is an inflected verb form ("said", "noted", "argues"), not a base form
/// that doubles as a noun or adjective ("mention", "states", "elaborate").
fn inflected(doc: &Doc<'_>, cue: Cue) -> bool {
    let w = doc.word(cue.first);
    matches!(w, "said" | "say" | "says" | "told" | "wrote" | "writes")
        || (w.ends_with("ed") && cue.last == cue.first + 1)
}

/// The claim introduced by the finite cue `cue`, if any.
pub(crate) fn verb(doc: &Doc<'_>, cue: Cue) -> Option<Claim> {
    let (first, end) = window(doc, cue)?;
    let claim = |span: (usize, usize), np: Np| Claim {
        clause: span,
        cue: (cue.first, cue.last),
        np,
        method: method(np),
    };
    if !cue.quote {
        // Belief verbs: only `SUBJECT VERB (that) CLAUSE`.
        let np = subject(doc, cue, first)?;
        return forward_clause(doc, cue, end).map(|span| claim(span, np));
    }
    let Some(np) = subject(doc, cue, first) else {
        if let Some(c) = inverted(doc, cue, first, end).filter(|_| inflected(doc, cue)) {
            return Some(c);
        }
        let span = forward_clause(doc, cue, end)?;
        let np = distant_subject(doc, cue, first)?;
        return Some(claim(span, np));
    };
    if let Some(span) = forward_clause(doc, cue, end) {
        return Some(claim(span, np));
    }
    if np.first <= first || !inflected(doc, cue) {
        return None;
    }
    let comma = comma_before(doc, np.first, first)?;
    // `''…,'' Mrs. Clinton said in one of her debates with …`: archive apostrophes close the
    // content before the speaker, so a long tail after the cue does not matter.
    let archive = doc.toks[comma + 1].is_punct('\'');
    if let Some((paren_comma, rest)) = paren_rest(doc, cue, end) {
        // A, SPEAKER said, B.  (Not `A, Trump said, “QUOTE”`: that is a direct quotation.)
        if doc.toks.get(paren_comma + 1).is_some_and(|t| t.is_mark()) {
            return None;
        }
        let span = clause(doc, first, end)?;
        let direct = doc.toks[span.0].is_mark() || doc.in_seg[span.0] != NONE;
        let before = (first..comma).filter(|&k| doc.toks[k].is_word()).count();
        return (!direct && before >= 1 && rest >= PAREN_REST).then(|| claim(span, np));
    }
    // CLAUSE, SPEAKER said.
    let tail_end = end.min(cue.last + 2 * TAIL_WINDOW);
    let tail = if end == tail_end {
        (cue.last..end).filter(|&k| doc.toks[k].is_word()).count()
    } else {
        usize::MAX
    };
    let tail_has_that =
        (cue.last..tail_end).any(|k| doc.word(k) == "that" || doc.toks[k].is_mark());
    if (!archive && (tail > TAIL_WINDOW || tail_has_that))
        || complement::fronted_subordinate(doc, first)
    {
        return None;
    }
    let span = backward_clause(doc, first, comma)?;
    if archive {
        // `''A,'' said X, 24. ''B.''`: the reported speech continues after the attribution.
        let (a, b) = span;
        let b = archive_continuation(doc, cue.last).unwrap_or(b);
        return Some(claim((a, b), np));
    }
    Some(claim(span, np))
}

/// The comma ending the clause before a speaker phrase that starts at `at`: `, SPEAKER` or
/// `,'' SPEAKER` (an archive double apostrophe closing mixed speech).
fn comma_before(doc: &Doc<'_>, at: usize, first: usize) -> Option<usize> {
    let p = at.checked_sub(1).filter(|&p| p > first)?;
    if doc.toks[p].is_punct(',') {
        return Some(p);
    }
    let closer = doc.toks[p].is_punct('\'') || doc.toks[p].is_mark();
    (closer && doc.toks[p - 1].is_punct(',')).then_some(p - 1)
}

/// The clause `first..comma` before a backward attribution, unless it is a direct quote: a
/// quote that opens the sentence and closes at the comma is a quotation, not a claim; words
/// before the quote make it mixed speech, which is a claim.
fn backward_clause(doc: &Doc<'_>, first: usize, comma: usize) -> Option<(usize, usize)> {
    let span = clause(doc, first, comma)?;
    if doc.toks[span.0].is_mark() || doc.in_seg[span.0] != NONE {
        return None;
    }
    // `“…,” he said` with the comma inside the marks lands here only through the mark test
    // above; `… “was early,” Heiserman said` has words before the mark and stays.
    Some(span)
}

/// After a parenthetical cue (`…, he said, …`): the comma that closes it and the number of
/// words after it, or `None` when the cue is not followed by such a comma.
fn paren_rest(doc: &Doc<'_>, cue: Cue, end: usize) -> Option<(usize, usize)> {
    let comma = if doc.toks.get(cue.last)?.is_punct(',') {
        cue.last
    } else {
        let k = complement::skip_adverbials(doc, cue.last, end.min(cue.last + PAREN_GAP + 1));
        (k > cue.last && doc.toks[k - 1].is_punct(',')).then_some(k - 1)?
    };
    // "…, he said, adding that …" is a cue chain, not a parenthetical.
    if doc.cue(comma + 1).is_some() {
        return None;
    }
    let rest = (comma + 1..end)
        .take_while(|&k| !matches!(doc.toks[k].kind, Kind::Punct('.' | '!' | '?' | ';')))
        .filter(|&k| doc.toks[k].is_word())
        .count();
    Some((comma, rest))
}

/// Most tokens scanned for the continuation of archive-apostrophe speech.
const MAX_CONTINUATION: usize = 120;

/// After `''A,'' SPEAKER said…` at token `from`: the end (exclusive) of the last `''…''`
/// continuation in the same paragraph, stopping at any cue outside the apostrophes (someone
/// else may speak next).
fn archive_continuation(doc: &Doc<'_>, from: usize) -> Option<usize> {
    let para = doc.toks.get(from)?.para;
    let hi = doc.toks.len().min(from + MAX_CONTINUATION);
    let (mut inside, mut last) = (false, None);
    for k in from..hi {
        let t = doc.toks[k];
        if t.para != para {
            break;
        }
        if t.is_punct('\'') {
            let next_space = doc.text[t.end..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace);
            if inside && next_space {
                inside = false;
                last = Some(k);
            } else if !inside && !next_space {
                inside = true;
            }
        } else if !inside && doc.cue(k).is_some() && last.is_some() {
            break;
        }
    }
    last
}

/// `CLAUSE, said SPEAKER.` / `CLAUSE, said SPEAKER, a …`: an inverted cue after a clause.
fn inverted(doc: &Doc<'_>, cue: Cue, first: usize, end: usize) -> Option<Claim> {
    let comma = comma_before(doc, cue.first, first)?;
    let np = phrase::after(doc, cue.last, end)?;
    if !matches!(np.kind, NpKind::Person | NpKind::Role | NpKind::Org) || clause_like(doc, np) {
        return None;
    }
    let stop = np.role.map_or(np.last, |r| r.1);
    let ends = doc
        .toks
        .get(stop)
        .is_none_or(|t| stop >= end || matches!(t.kind, Kind::Punct('.' | ',' | '!' | '?' | ';')));
    if !ends {
        return None;
    }
    let mut span = backward_clause(doc, first, comma)?;
    if doc.toks[comma + 1].is_punct('\'') {
        span.1 = archive_continuation(doc, cue.last).unwrap_or(span.1);
    }
    Some(Claim {
        clause: span,
        cue: (cue.first, cue.last),
        np,
        method: method(np),
    })
}

/// Whether the words after an inverted cue read as a clause, not a speaker: a verb outside any
/// relative clause ("…, said the program has sent a message", against "…, said a spokesman who
/// was not authorised to speak").
fn clause_like(doc: &Doc<'_>, np: Np) -> bool {
    const AUXILIARY: &[&str] = &[
        "has", "have", "had", "is", "are", "was", "were", "will", "would", "can", "could",
        "should", "may", "might", "must", "does", "did",
    ];
    (np.first..np.last)
        .map(|k| doc.word(k))
        .take_while(|w| !matches!(*w, "who" | "which" | "that" | "whose"))
        .any(|w| AUXILIARY.contains(&w))
}

/// The subject of a cue with no phrase right before it: `NP, who said …` takes NP; a
/// conjoined verb (`… and said …`, `… but says …`) takes the sentence's first speaker phrase.
fn distant_subject(doc: &Doc<'_>, cue: Cue, first: usize) -> Option<Np> {
    let end = phrase_words::skip_adverbials(doc, cue.first, first);
    let p = end.checked_sub(1).filter(|&p| p >= first)?;
    match doc.word(p) {
        "who" if p > first + 1 && doc.toks[p - 1].is_punct(',') => {
            phrase::before(doc, p - 1, first).or_else(|| phrase::plain_before(doc, p - 1, first))
        }
        "and" | "but" => first_np(doc, first, p),
        _ => None,
    }
}

/// `…, saying (that) CLAUSE`: a participle after a comma reports the speech of the
/// sentence's subject.
pub(crate) fn participle(doc: &Doc<'_>, cue: Cue) -> Option<Claim> {
    let (first, end) = window(doc, cue)?;
    let comma = cue.first.checked_sub(1).filter(|&c| c > first)?;
    if !doc.toks[comma].is_punct(',') {
        return None;
    }
    let span = forward_clause(doc, cue, end)?;
    let np = first_np(doc, first, comma)?;
    Some(Claim {
        clause: span,
        cue: (cue.first, cue.last),
        np,
        method: method(np),
    })
}
