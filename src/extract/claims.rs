//! Reported speech: `SPEAKER VERB (that) CLAUSE`, `CLAUSE, SPEAKER VERB.`,
//! `according to SPEAKER, CLAUSE` and `CLAUSE, according to SPEAKER.`
//! The claim span is the content clause; windows end at the sentence and a token cap.

use super::claim_verb;
use super::complement;
use super::doc::{Cue, Doc, NONE};
use super::lexicon::{CueForm, LEXICON};
use super::phrase::{self, Np};
use super::text::Kind;
use crate::model::AttributionMethod;

/// Most tokens between a cue and its "that".
const THAT_WINDOW: usize = 8;
/// Most tokens after a sentence-final cue ("…, officials said on Tuesday.").
pub(crate) const TAIL_WINDOW: usize = 6;
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
    for &cue in doc.cues.iter().chain(&doc.claim_cues) {
        // "the first four states": a plural noun far more often than a speech verb.
        if !cue.claim || doc.word(cue.first) == "states" {
            continue;
        }
        let found = match cue.form {
            CueForm::AccordingTo => according_to(doc, cue),
            CueForm::Finite => claim_verb::verb(doc, cue),
            CueForm::Participle => claim_verb::participle(doc, cue),
        };
        if let Some(c) = found
            && out.last().is_none_or(|p| p.clause.0 != c.clause.0)
        {
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.clause.0);
    out.dedup_by_key(|c| c.clause.0);
    // "… he regularly makes recommendations, Lewandowski said he does not …": a clause ends
    // before the speaker of the next claim that starts inside it.
    for i in 1..out.len() {
        let (np, prev) = (out[i].np, out[i - 1]);
        if np.first > prev.clause.0
            && np.first < prev.clause.1
            && prev.cue.1 <= prev.clause.0
            && let Some(span) = clause(doc, prev.clause.0, np.first)
        {
            out[i - 1].clause = span;
        }
    }
    out
}

/// The sentence around a cue, or `None` when it is longer than a clause can be on either side
/// (so that no scan grows with the sentence).
pub(crate) fn window(doc: &Doc<'_>, cue: Cue) -> Option<(usize, usize)> {
    let first = doc.sentence_first(cue.first);
    let end = doc.sentence_end(cue.first);
    (cue.first - first <= MAX_CLAUSE).then_some((first, end.min(cue.last + MAX_CLAUSE)))
}

/// Trims a token range to words: drops trailing sentence punctuation and marks; rejects
/// ranges that are a direct quote or too short.
pub(crate) fn clause(doc: &Doc<'_>, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    b = b.min(a + MAX_CLAUSE);
    while b > a
        && matches!(
            doc.toks[b - 1].kind,
            Kind::Punct('.' | '!' | '?' | ',' | ';' | ':' | '\'') | Kind::Mark(_)
        )
    {
        b -= 1;
    }
    while a < b && matches!(doc.toks[a].kind, Kind::Punct(',' | ':' | '—' | '–' | '\'')) {
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

/// The clause after a cue: after "that" within a few tokens, or straight after say/said.
pub(crate) fn forward_clause(doc: &Doc<'_>, cue: Cue, end: usize) -> Option<(usize, usize)> {
    // `said, ''It is our fight …''`: an archive double apostrophe opens reported speech.
    let opener = doc.toks.get(cue.last + 1).is_some_and(|t| t.is_punct('\''))
        && doc.toks[cue.last].kind == Kind::Punct(',')
        || doc.toks.get(cue.last).is_some_and(|t| t.is_punct(':'));
    if opener && doc.toks.get(cue.last + 1).is_some_and(|t| t.is_punct('\'')) {
        let from = cue.last + 2;
        let stop = complement::content_end(doc, doc.sentence_first(cue.first), from, end);
        return clause(doc, from, stop);
    }
    let end = complement::content_end(doc, doc.sentence_first(cue.first), cue.last, end);
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
            | "predicted"
            | "suggested"
            | "conceded"
            | "admitted"
            | "explained"
            | "wrote"
            | "writes"
            | "reported"
            | "saying"
            | "adding"
            | "noting"
            | "arguing"
            | "insisting"
            | "warning"
            | "claiming"
            | "stating"
            | "explaining"
            | "suggesting"
    );
    // Belief verbs take a bare clause only with a subject-like start ("thinks he can win").
    let belief = !cue.quote
        && matches!(
            w,
            "thinks" | "hope" | "fear" | "fears" | "feared" | "show" | "shows" | "showed"
        );
    // "told reporters" is one cue with its listener already inside.
    let tell = matches!(w, "told" | "tells" | "tell") && cue.last == cue.first + 1;
    if !(bare_ok || belief || tell || w == "told") || cue.last >= end {
        return None;
    }
    // "told reporters he …": the listener first; "said on Friday he …": adverbials.
    let mut k = complement::skip_adverbials(doc, cue.last, end);
    if tell {
        k = complement::skip_listener(doc, k, end)?;
        k = complement::skip_adverbials(doc, k, end);
        if k < end && doc.word(k) == "that" {
            return clause(doc, k + 1, end);
        }
    }
    let next = doc.toks.get(k)?;
    if !next.is_word() || k >= end {
        return None;
    }
    let skipped = k > cue.last;
    if (skipped || tell || belief) && !complement::clause_start(doc, k) {
        return None;
    }
    let nw = doc.word(k);
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
    clause(doc, k, end)
}

pub(crate) fn method(np: Np) -> AttributionMethod {
    match np.kind {
        phrase::NpKind::Pronoun(_) => AttributionMethod::Pronoun,
        _ => AttributionMethod::Explicit,
    }
}
