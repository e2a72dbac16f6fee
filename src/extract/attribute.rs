//! Ties each quoted segment to a cue and a speaker phrase in its sentence.
//!
//! After the quote: `"…," Rubio said`, `"…," said Yuri Ushakov, …`, `"…," Lavrov.` (no verb).
//! Before it: `Rubio asserted, "…"`, `Zelenskyy said that his country needs "robust …"`, with
//! participles and conjoined verbs ("…, stating that", "and vowed to") taking the subject of
//! an earlier cue in the sentence, or the sentence's first speaker phrase. After a colon:
//! `Daron Shaw: "…"`. After a dash: `"…" ― Sonya Herridge`. Windows end at the sentence and
//! at fixed token caps.

use super::doc::{Cue, Doc, NONE};
use super::lexicon::{CueForm, LEXICON, Pronoun, lower};
use super::phrase::{self, Np, NpKind};
use super::text::Kind;
use crate::model::AttributionMethod;

/// Most tokens searched after a closing mark for the cue.
const POST_WINDOW: usize = 30;
/// Most tokens searched before an opening mark for the cue.
const PRE_WINDOW: usize = 60;

/// How a segment is attributed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Attr {
    /// The cue's token range, if any.
    pub(crate) cue: Option<(usize, usize)>,
    /// The speaker phrase, if any.
    pub(crate) np: Option<Np>,
    /// How it was found.
    pub(crate) method: AttributionMethod,
}

/// Attribution for segment `si`, or `None` when nothing in its sentence attributes it.
pub(crate) fn attribute(doc: &Doc<'_>, si: usize) -> Option<Attr> {
    let seg = doc.segs[si];
    let content = &doc.text[seg.start..seg.end];
    let open_ended = content.ends_with([',', '?', '!', '—', '–', '-', '…'])
        || seg
            .close
            .is_some_and(|c| doc.toks.get(c + 1).is_some_and(|t| t.is_punct(',')));
    let found = if open_ended {
        post(doc, si).or_else(|| pre(doc, si))
    } else {
        pre(doc, si).or_else(|| {
            post(doc, si).filter(|a| a.cue.is_some() || a.method == AttributionMethod::NoCue)
        })
    };
    found.or_else(|| colon(doc, si))
}

/// Most tokens searched for the speaker of a colon-introduced quote.
const COLON_WINDOW: usize = 30;

/// `Daron Shaw: "…"`, `he demurred: "…"`, `Transcript as follows:` + a quoted paragraph: a
/// quote right after a colon takes the phrase before the colon, else the sentence's first
/// speaker phrase. The colon is the cue.
fn colon(doc: &Doc<'_>, si: usize) -> Option<Attr> {
    let c = doc.segs[si].open.checked_sub(1)?;
    if !doc.toks[c].is_punct(':') {
        return None;
    }
    let lo = doc.sentence_first(c).max(c.saturating_sub(COLON_WINDOW));
    // "Breitbart News responded:" — a cue before the colon names the speaker.
    if let Some(a) = pre_from(doc, c + 1).filter(|a| a.np.is_some()) {
        return Some(a);
    }
    let np = phrase::before(doc, c, lo).or_else(|| first_np(doc, lo, c));
    Some(Attr {
        cue: Some((c, c + 1)),
        np,
        method: method_for(np),
    })
}

/// `"…," SPEAKER CUE`, `"…," CUE SPEAKER`, `"…," NAME.`
fn post(doc: &Doc<'_>, si: usize) -> Option<Attr> {
    let seg = doc.segs[si];
    let close = seg.close?;
    let mut k = close + 1;
    let tok = doc.toks.get(k)?;
    if tok.para != doc.toks[close].para {
        return None;
    }
    let dash = matches!(tok.kind, Kind::Punct('—' | '–' | '―' | '-'));
    if dash || tok.is_punct(',') {
        k += 1;
    }
    if dash {
        // "…” ― Sonya Herridge": an epigraph-style attribution by a dash and a name.
        if let Some(np) = phrase::after(doc, k, k + 8) {
            let ends = doc.toks.get(np.last).is_none_or(|t| {
                t.para != doc.toks[close].para
                    || t.is_mark()
                    || matches!(t.kind, Kind::Punct('.' | ','))
            });
            if np.kind == NpKind::Person && ends {
                return Some(Attr {
                    cue: None,
                    np: Some(np),
                    method: AttributionMethod::NoCue,
                });
            }
        }
    }
    // "…." She noted … — after a quote that ends its sentence, the next sentence is not its
    // attribution.
    let content = &doc.text[seg.start..seg.end];
    // "…." Trump said. — unless the next sentence is only a short attribution.
    if content.ends_with(['.', '!']) && doc.toks.get(k).is_some() && doc.sentence_first(k) == k {
        let end = doc.sentence_end(k);
        let short = end <= k + 8
            && (k..end).any(|m| {
                doc.cue(m)
                    .is_some_and(|c| c.form != CueForm::Participle && c.last + 3 >= end)
            });
        if !short {
            return None;
        }
    }
    let hi = (k + POST_WINDOW).min(doc.toks.len());
    let mut m = k;
    while m < hi {
        let t = doc.toks[m];
        if t.para != doc.toks[close].para
            || t.is_mark()
            || matches!(t.kind, Kind::Punct('.' | '!' | '?' | ';'))
        {
            break;
        }
        if let Some(cue) = doc.cue(m) {
            if m == k {
                if cue.form == CueForm::Participle {
                    return None;
                }
                let np = phrase::after(doc, cue.last, hi + 15);
                return Some(Attr {
                    cue: Some((cue.first, cue.last)),
                    np,
                    method: method_for(np),
                });
            }
            let np = match phrase::before(doc, m, k) {
                Some(np) if np.first == k => Some(np),
                // "screenwriter Cole Haddon wrote": a bare descriptor before the name.
                Some(np)
                    if np.first - k <= 3
                        && (k..np.first).all(|x| phrase::descriptor_word(doc, x)) =>
                {
                    Some(Np {
                        first: k,
                        role: Some((k, np.name.0.max(k))),
                        ..np
                    })
                }
                Some(_) => None,
                None => phrase::words_np(doc, k, m).filter(|np| np.last + 2 >= m),
            };
            let np = np?;
            return Some(Attr {
                cue: Some((cue.first, cue.last)),
                np: Some(np),
                method: method_for(Some(np)),
            });
        }
        m += 1;
    }
    // "…," Lavrov.  — a name and nothing else.
    if !content.ends_with(',') {
        return None;
    }
    let np = phrase::after(doc, k, hi)?;
    let ends = doc.toks.get(np.last).is_none_or(|t| {
        t.is_mark()
            || matches!(t.kind, Kind::Punct('.' | '!' | '?'))
            || t.para != doc.toks[close].para
    });
    (np.kind == NpKind::Person && ends && np.first == k).then_some(Attr {
        cue: None,
        np: Some(np),
        method: AttributionMethod::NoCue,
    })
}

/// `SPEAKER CUE[,:] "…"` or a cue earlier in the sentence for an embedded fragment.
fn pre(doc: &Doc<'_>, si: usize) -> Option<Attr> {
    pre_from(doc, doc.segs[si].open)
}

/// The cue and speaker before token `open`, within its sentence.
fn pre_from(doc: &Doc<'_>, open: usize) -> Option<Attr> {
    let lo = doc
        .sentence_first(open)
        .max(open.saturating_sub(PRE_WINDOW));
    let mut m = open;
    let mut dangling: Option<Cue> = None;
    while m > lo {
        m -= 1;
        if doc.in_seg[m] != NONE {
            continue;
        }
        let Some(cue) = doc.cue(m) else {
            continue;
        };
        if cue.last > open {
            continue;
        }
        if cue.form == CueForm::AccordingTo {
            let np = phrase::after(doc, cue.last, open);
            if np.is_some() {
                return Some(Attr {
                    cue: Some((cue.first, cue.last)),
                    np,
                    method: AttributionMethod::AccordingTo,
                });
            }
            continue;
        }
        if let Some(np) = phrase::before(doc, cue.first, lo) {
            // A participle ("…, stating that") is the quote's own cue; a subjectless finite
            // word ("in a note") is not.
            let cue = match dangling {
                Some(d) if d.form == CueForm::Participle => (d.first, d.last),
                _ => (cue.first, cue.last),
            };
            return Some(Attr {
                cue: Some(cue),
                np: Some(np),
                method: method_for(Some(np)),
            });
        }
        if cue.form == CueForm::Finite {
            // ", said Smith, "…"" — an inverted cue before the quote.
            if let Some(np) = phrase::after(doc, cue.last, open)
                && (np.kind != NpKind::Role || doc.word(np.first) != "that")
            {
                return Some(Attr {
                    cue: Some((cue.first, cue.last)),
                    np: Some(np),
                    method: method_for(Some(np)),
                });
            }
        }
        dangling.get_or_insert(cue);
    }
    // A participle with no subject anywhere: take the sentence's opening phrase.
    let d = dangling?;
    let np = first_np(doc, lo, d.first);
    Some(Attr {
        cue: Some((d.first, d.last)),
        np,
        method: method_for(np),
    })
}

/// The first speaker phrase in `lo..hi` (a sentence's subject, usually), skipping opening
/// adverbials ("At last night's debate, Sanders …"); first-person and plural pronouns skipped.
pub(crate) fn first_np(doc: &Doc<'_>, lo: usize, hi: usize) -> Option<Np> {
    (lo..hi.min(lo + COLON_WINDOW))
        .filter(|&k| doc.in_seg[k] == NONE && doc.toks[k].is_word())
        .filter_map(|k| phrase::after(doc, k, hi))
        .find(|np| match np.kind {
            NpKind::Person | NpKind::Org | NpKind::Pronoun(Pronoun::Third(_)) => true,
            NpKind::Role => LEXICON
                .role_nouns
                .contains(lower(doc.word(np.last - 1)).as_ref()),
            NpKind::Pronoun(_) => false,
        })
}

fn method_for(np: Option<Np>) -> AttributionMethod {
    match np.map(|n| n.kind) {
        Some(NpKind::Pronoun(_)) => AttributionMethod::Pronoun,
        _ => AttributionMethod::Explicit,
    }
}

/// True when segment `si` opens its sentence (nothing but marks before it in the sentence).
pub(crate) fn starts_sentence(doc: &Doc<'_>, si: usize) -> bool {
    let open = doc.segs[si].open;
    let first = doc.sentence_first(open);
    open - first <= 3
        && (first..open).all(|k| {
            doc.toks[k].is_mark() || matches!(doc.toks[k].kind, Kind::Punct('(' | '—' | '-'))
        })
}

/// True when the segment looks like a title or heading, not speech: a few words, all
/// capitalised ("Meet the Press.", "One Hundred Years of Solitude").
pub(crate) fn is_title(content: &str) -> bool {
    let words: Vec<&str> = content.split_whitespace().collect();
    if words.is_empty() || words.len() > 7 || content.ends_with([',', '?', '!']) {
        return false;
    }
    let small = [
        "the", "of", "a", "an", "and", "in", "on", "to", "for", "at", "by", "with", "or",
    ];
    let mut caps = 0;
    for w in &words {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        match w.chars().next() {
            Some(c) if c.is_uppercase() => caps += 1,
            Some(c) if c.is_alphabetic() && !small.contains(&w) => return false,
            _ => {}
        }
    }
    caps > 0 && (words.len() > 1 || !content.ends_with('.'))
}
