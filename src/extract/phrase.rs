//! Speaker phrases: the noun phrase before a cue (`U.S. Secretary of State Marco Rubio said`)
//! or after it (`said Yuri Ushakov, an advisor to …`), with appositions, titles and roles.
//!
//! Every scan is capped at a fixed number of tokens, so parsing is O(1) per cue.

use super::doc::Doc;
use super::lexicon::{Gender, LEXICON, Pronoun, pronoun};
use super::phrase_words::{
    head_word, is_cap, is_connector, is_determiner, np_word, skip_adverbials,
};
use super::text::Kind;

pub(crate) use super::names::{classify, descriptor_word, plain_before, words_np};

/// Most tokens in a speaker phrase.
pub(super) const MAX_NP: usize = 10;
/// Most tokens in an apposition (", head of … ,").
const MAX_APPOS: usize = 25;

/// What a speaker phrase names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NpKind {
    /// A named person; `name` holds the name tokens.
    Person,
    /// A named organisation or place.
    Org,
    /// An unnamed role ("the State Department spokesperson").
    Role,
    /// A pronoun.
    Pronoun(Pronoun),
}

/// A parsed speaker phrase; token ranges are half-open.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Np {
    /// First token of the mention (determiner included).
    pub(crate) first: usize,
    /// One past the last token of the mention.
    pub(crate) last: usize,
    /// What it names.
    pub(crate) kind: NpKind,
    /// The name tokens (for persons and organisations: without titles or determiner).
    pub(crate) name: (usize, usize),
    /// Tokens of a role phrase (title before the name, or an apposition), if any.
    pub(crate) role: Option<(usize, usize)>,
    /// Gender from forename or title.
    pub(crate) gender: Gender,
}

/// The speaker phrase ending right before token `end` (a cue), looking no further back than
/// `lo`. Memoised per document: quotes, claims, orphans and the speaker registry all ask for
/// the subject of the same cues.
pub(crate) fn before(doc: &Doc<'_>, end: usize, lo: usize) -> Option<Np> {
    if let Some(np) = doc.before_cache.borrow().get(&(end, lo)) {
        return *np;
    }
    let np = parse_before(doc, end, lo);
    doc.before_cache.borrow_mut().insert((end, lo), np);
    np
}

fn parse_before(doc: &Doc<'_>, end: usize, lo: usize) -> Option<Np> {
    // a speaker phrase never spans a line break ("… says Stanmore\nBAYT SALEM, Jan 6 —")
    let lo = match end.checked_sub(1) {
        Some(t) if t >= lo => paragraph_first(doc, t, lo),
        _ => lo,
    };
    let end = skip_adverbials(doc, end, lo);
    if end <= lo {
        return None;
    }
    let t = end - 1;
    if let Some(p) = pronoun(doc.word(t)) {
        let g = match p {
            Pronoun::Third(g) => g,
            _ => Gender::Unknown,
        };
        return Some(Np {
            first: t,
            last: end,
            kind: NpKind::Pronoun(p),
            name: (t, end),
            role: None,
            gender: g,
        });
    }
    if doc.toks[t].is_punct(',') {
        return appositive(doc, t, lo);
    }
    run_before(doc, end, lo)
}

/// The first token, no earlier than `lo`, of the paragraph holding token `t`.
fn paragraph_first(doc: &Doc<'_>, t: usize, lo: usize) -> usize {
    let para = doc.toks[t].para;
    let mut first = t;
    while first > lo && doc.toks[first - 1].para == para {
        first -= 1;
    }
    first
}

/// Most tokens in a parenthetical after a name ("(D-Wis.)").
const MAX_PAREN: usize = 6;

/// A plain noun phrase ending at `end` (exclusive), skipping a short parenthetical after it.
fn run_before(doc: &Doc<'_>, end: usize, lo: usize) -> Option<Np> {
    let mut end = end;
    if end > lo + 1 && doc.toks[end - 1].is_punct(')') {
        let floor = end.saturating_sub(MAX_PAREN).max(lo);
        let open = (floor..end - 1)
            .rev()
            .find(|&k| doc.toks[k].is_punct('('))?;
        end = open;
    }
    let t = end.checked_sub(1)?;
    if t < lo || !head_word(doc, t) {
        return None;
    }
    let mut first = t;
    while first > lo && end - first < MAX_NP {
        let k = first - 1;
        // "envoy to the Middle East": up to two connectors between phrase words.
        let joins = is_connector(doc.word(k))
            && doc.toks[k].is_word()
            && k > lo
            && (np_word(doc, k - 1)
                || (k > lo + 1 && is_connector(doc.word(k - 1)) && np_word(doc, k - 2)));
        if !np_word(doc, k) && !joins {
            break;
        }
        first = k;
    }
    while first < t && is_connector(doc.word(first)) {
        first += 1;
    }
    if first > lo && is_determiner(doc.word(first - 1)) {
        first -= 1;
    }
    classify(doc, first, end)
}

/// `NAME, APPOSITION, cue` or `ROLE, NAME, cue`, with `comma` the comma before the cue.
fn appositive(doc: &Doc<'_>, comma: usize, lo: usize) -> Option<Np> {
    let floor = comma.saturating_sub(MAX_APPOS).max(lo);
    let mut c = comma;
    while c > floor {
        c -= 1;
        let t = doc.toks[c];
        if t.is_punct(',') {
            break;
        }
        if t.is_mark() || matches!(t.kind, Kind::Punct('.' | ';' | '!' | '?')) {
            return None;
        }
    }
    if c <= floor && !doc.toks[c].is_punct(',') {
        return None;
    }
    let seg = (c + 1, comma);
    if seg.0 >= seg.1 {
        return None;
    }
    // ", R-Ky.," — a party label is an apposition, not a name.
    let party = seg.1 - seg.0 == 1 && is_party(doc.word(seg.0));
    let all_name = !party && (seg.0..seg.1).all(|k| np_word(doc, k) && is_cap(doc.word(k)));
    if all_name {
        let mut np = classify(doc, seg.0, seg.1)?;
        if let Some(role) = run_before(doc, c, lo) {
            np.role = Some((role.first, role.last));
        }
        return Some(np);
    }
    // "Democrat of California", "chairman of the committee": a phrase with plain lower-case
    // words (not name particles) is a description, not a name
    let described = (seg.0..seg.1).any(|k| {
        let w = doc.word(k);
        doc.toks[k].is_word() && !is_cap(w) && !LEXICON.particles.contains(w)
    });
    if party || !is_cap(doc.word(seg.0)) || described || is_determiner(doc.word(seg.0)) {
        // "Sen. Susan Collins, R-Maine, who voted …, told": a party label before the clause.
        let c = if c >= lo + 2 && is_party(doc.word(c - 1)) && doc.toks[c - 2].is_punct(',') {
            c - 2
        } else {
            c
        };
        let mut np = run_before(doc, c, lo)?;
        if matches!(np.kind, NpKind::Person | NpKind::Org | NpKind::Role) {
            np.role = Some(seg);
            return Some(np);
        }
    }
    None
}

/// A party-and-state label such as "R-Ky." or "D-N.Y.".
fn is_party(w: &str) -> bool {
    w.len() <= 14 && matches!(w.get(..2), Some("R-" | "D-" | "I-"))
}

/// The speaker phrase starting at token `start` (after an inverted cue), up to `hi`.
pub(crate) fn after(doc: &Doc<'_>, start: usize, hi: usize) -> Option<Np> {
    let hi = hi.min(doc.toks.len());
    if start >= hi {
        return None;
    }
    // a speaker phrase never spans a line break ("… says Stanmore\nBAYT SALEM, Jan 6 —")
    let para = doc.toks[start].para;
    let hi = (start..hi)
        .find(|&k| doc.toks[k].para != para)
        .unwrap_or(hi);
    if let Some(p) = pronoun(doc.word(start))
        && doc.word(start) != "I"
        && !matches!(p, Pronoun::Plural)
    {
        let g = match p {
            Pronoun::Third(g) => g,
            _ => Gender::Unknown,
        };
        return Some(Np {
            first: start,
            last: start + 1,
            kind: NpKind::Pronoun(p),
            name: (start, start + 1),
            role: None,
            gender: g,
        });
    }
    let mut k = start;
    if is_determiner(doc.word(k)) {
        k += 1;
    }
    let body = k;
    while k < hi && k - start < MAX_NP {
        let w = doc.word(k);
        let joins = is_connector(w)
            && k + 1 < hi
            && (np_word(doc, k + 1)
                || (k + 2 < hi && is_connector(doc.word(k + 1)) && np_word(doc, k + 2)))
            && k > body
            && doc.toks[k].is_word();
        if !np_word(doc, k) && !joins {
            break;
        }
        k += 1;
    }
    while k > body && !head_word(doc, k - 1) {
        k -= 1;
    }
    if k <= body {
        // "said a person close to the Clintons": a determiner and plain words.
        return if body > start {
            words_np(doc, start, hi.min(start + MAX_NP))
        } else {
            None
        };
    }
    let mut np = classify(doc, start, k)?;
    // ", an advisor to Russian President Vladimir Putin," — an apposition after the name.
    if k + 1 < hi && doc.toks[k].is_punct(',') {
        let a = k + 1;
        let w = doc.word(a);
        // Only a noun phrase opens an apposition ("an advisor to …", "head of …"), not a clause.
        if is_determiner(w) || (!is_cap(w) && np_word(doc, a)) {
            let mut e = a;
            while e < hi && e - a < MAX_APPOS {
                let t = doc.toks[e];
                if t.is_mark() || matches!(t.kind, Kind::Punct(',' | '.' | ';' | '!' | '?' | ':')) {
                    break;
                }
                e += 1;
            }
            if e > a {
                np.role = Some((a, e));
            }
        }
    }
    Some(np)
}
