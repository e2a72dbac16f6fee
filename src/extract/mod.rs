//! Rule-based extraction of quotations, speakers and claims from article text.
//!
//! The pipeline, each stage in its own file:
//!
//! 1. [`text`]: paragraphs and tokens with byte offsets (one pass).
//! 2. [`marks`]: quotation-mark pairing per paragraph (straight, curly, mixed, single).
//! 3. [`doc`]: sentence numbers and cue occurrences ([`lexicon`], aho-corasick, longest wins).
//! 4. [`phrase`]: speaker phrases around cues, appositions, pronouns ([`phrase_words`]: the
//!    words a phrase may hold); [`names`] splits titles and roles from names and spots
//!    organisations.
//! 5. [`attribute`]: each quote's cue and speaker (after the quote, before it, a colon, a
//!    dash); titles and unattributed scare quotes are dropped; a quote with no cue of its own
//!    continues the previous speaker; a paragraph that is only a quote takes the last speaker
//!    of the paragraph before.
//! 6. [`claims`]: reported speech.
//! 7. [`speakers`]: one speaker per referent, surnames resolved; [`mentions`] finds people named
//!    again outside speaker phrases; [`pronouns`] resolves he/she.
//!
//! Everything is linear in the text length: every look-back and look-ahead is capped.
//!
//! ```
//! let text = "“We agree,” said Yuri Ushakov, an advisor to Russian President Vladimir Putin.";
//! let ex = saywho::extract::extract(text);
//! let q = &ex.quotes[0];
//! assert_eq!(q.span.slice(text), "We agree,");
//! let speaker = &ex.speakers[q.speaker.unwrap()];
//! assert_eq!(speaker.name, "Yuri Ushakov");
//! assert_eq!(speaker.roles, ["advisor to Russian President Vladimir Putin"]);
//! ```

mod attribute;
mod claim_verb;
mod claims;
mod complement;
mod doc;
mod lexicon;
mod marks;
mod mentions;
mod names;
mod people;
mod phrase;
mod phrase_words;
mod pronouns;
mod quantity;
mod speakers;
mod text;

use crate::model::{
    AttributionMethod, ExtractedClaim, ExtractedQuote, Extraction, QuoteKind, Span,
};
use attribute::Attr;
use doc::Doc;
use phrase::{Np, NpKind};

/// Paragraphs a continuation quote may sit after the quote it continues.
const CONTINUATION_PARAS: u32 = 1;

/// Extracts every quotation, speaker and claim from `text`. Pure, linear in `text.len()`.
pub fn extract(text: &str) -> Extraction {
    let doc = Doc::new(text);
    let attrs = quote_attributions(&doc);
    let claims = claims::claims(&doc);

    // Every phrase that names someone, in text order: quote speakers, claimants, and the
    // subjects of all cues (antecedents for pronouns).
    let mut nps: Vec<(Np, bool)> = Vec::new();
    for (_, a) in &attrs {
        if let Some(np) = a.np {
            nps.push((np, true));
        }
    }
    for c in &claims {
        nps.push((c.np, true));
    }
    for cue in &doc.cues {
        let lo = doc.sentence_first(cue.first);
        if let Some(np) = phrase::before(&doc, cue.first, lo) {
            nps.push((np, true));
        }
    }
    nps.sort_by_key(|(np, _)| (np.first, std::cmp::Reverse(np.last)));
    nps.dedup_by_key(|(np, _)| np.first);
    let reg = speakers::Registry::build(&doc, &nps);

    let span_of = |a: usize, b: usize| Span::new(doc.toks[a].start, doc.toks[b - 1].end);
    let speaker_of = |np: &Np| reg.at.get(&np.first).copied();
    let quotes = attrs
        .iter()
        .map(|(si, a)| {
            let seg = doc.segs[*si];
            ExtractedQuote {
                span: Span::new(seg.start, seg.end),
                kind: quote_kind(&doc, *si),
                speaker: a.np.as_ref().and_then(speaker_of),
                speaker_mention: a.np.map(|np| span_of(np.first, np.last)),
                cue: a.cue.map(|(x, y)| span_of(x, y)),
                method: Some(a.method),
                confidence: confidence(a),
            }
        })
        .collect();
    let claims = claims
        .iter()
        .map(|c| ExtractedClaim {
            span: span_of(c.clause.0, c.clause.1),
            speaker: speaker_of(&c.np),
            speaker_mention: Some(span_of(c.np.first, c.np.last)),
            cue: Some(span_of(c.cue.0, c.cue.1)),
            method: Some(c.method),
            confidence: if matches!(c.np.kind, NpKind::Pronoun(_)) {
                0.6
            } else {
                0.75
            },
        })
        .collect();
    Extraction {
        speakers: reg.speakers,
        quotes,
        claims,
    }
}

/// Attributes every segment; drops titles and unattributed fragments; carries speakers over
/// to continuation quotes.
fn quote_attributions(doc: &Doc<'_>) -> Vec<(usize, Attr)> {
    let mut out: Vec<(usize, Attr)> = Vec::new();
    // British style quotes with single marks; then single-mark quotes continue like double ones.
    let singles = doc.segs.iter().filter(|s| s.single).count();
    let singles_primary = singles * 2 > doc.segs.len();
    for si in 0..doc.segs.len() {
        let seg = doc.segs[si];
        let content = &doc.text[seg.start..seg.end];
        if attribute::is_title(content) {
            continue;
        }
        let own = attribute::attribute(doc, si).filter(|a| a.np.is_some() || a.cue.is_some());
        if let Some(a) = own {
            out.push((si, a));
            continue;
        }
        if let Some(&(prev, pa)) = out.last() {
            let near = doc.segs[prev].para + CONTINUATION_PARAS >= seg.para;
            let sentence_like =
                attribute::starts_sentence(doc, si) && (!seg.single || singles_primary);
            if (seg.reopens || (near && sentence_like)) && pa.np.is_some() {
                out.push((
                    si,
                    Attr {
                        method: AttributionMethod::Continuation,
                        ..pa
                    },
                ));
                continue;
            }
        }
        if let Some(np) = orphan_speaker(doc, si) {
            out.push((
                si,
                Attr {
                    cue: None,
                    np: Some(np),
                    method: AttributionMethod::Continuation,
                },
            ));
        }
    }
    out
}

/// Most cues examined for an orphan quote's speaker.
const ORPHAN_CUES: usize = 8;

/// A paragraph that is nothing but a quote, after a paragraph whose last speech cue has a
/// subject: that subject is the speaker (the orphan-quote rule of the Guardian/AFP pipeline).
fn orphan_speaker(doc: &Doc<'_>, si: usize) -> Option<Np> {
    let seg = doc.segs[si];
    let para_first = seg.open == 0 || doc.toks[seg.open - 1].para != seg.para;
    let end = seg.close.map_or(seg.last, |c| c + 1);
    let para_last = (end..doc.toks.len().min(end + 2))
        .all(|k| doc.toks[k].para != seg.para || matches!(doc.toks[k].kind, text::Kind::Punct(_)));
    if !para_first || !para_last || seg.single || seg.para == 0 {
        return None;
    }
    let before = doc.cues.partition_point(|c| c.first < seg.open);
    for cue in doc.cues[..before].iter().rev().take(ORPHAN_CUES) {
        if doc.toks[cue.first].para + 1 < seg.para {
            break;
        }
        let lo = doc.sentence_first(cue.first);
        if let Some(np) = phrase::before(doc, cue.first, lo)
            && matches!(np.kind, NpKind::Person | NpKind::Pronoun(_) | NpKind::Role)
        {
            return Some(np);
        }
    }
    None
}

/// Full when the quote is a whole utterance: it opens its sentence, follows a colon, follows
/// `cue,` (`said, "…"`, also `…," she said, "but …"`) or starts with a capital after a comma,
/// or follows a cue directly and runs to the end of the sentence. Otherwise a fragment inside
/// reported speech ("what he called “endless expulsions,” to which …").
fn quote_kind(doc: &Doc<'_>, si: usize) -> QuoteKind {
    let seg = doc.segs[si];
    if attribute::starts_sentence(doc, si) || seg.open == 0 {
        return QuoteKind::Full;
    }
    let content = &doc.text[seg.start..seg.end];
    let capital = content.chars().next().is_some_and(char::is_uppercase);
    let prev = seg.open - 1;
    let full = match doc.toks[prev].kind {
        text::Kind::Punct(':') => true,
        text::Kind::Punct(',') => capital || (prev > 0 && doc.cue_ending_at(prev - 1)),
        _ if doc.cue_ending_at(prev) => {
            let ends = seg.close.and_then(|c| doc.toks.get(c + 1)).is_none_or(|t| {
                matches!(t.kind, text::Kind::Punct('.' | '!' | '?'))
                    || t.para != doc.toks[prev].para
            });
            capital || (ends && content.ends_with(['.', '!', '?']))
        }
        _ => false,
    };
    if full {
        QuoteKind::Full
    } else {
        QuoteKind::Partial
    }
}

fn confidence(a: &Attr) -> f32 {
    match (a.method, a.np.map(|n| n.kind)) {
        (_, None) => 0.3,
        (AttributionMethod::Explicit, Some(NpKind::Person)) => 0.95,
        (AttributionMethod::Explicit, _) => 0.85,
        (AttributionMethod::AccordingTo, _) => 0.85,
        (AttributionMethod::Pronoun, _) => 0.8,
        (AttributionMethod::NoCue, _) => 0.7,
        (AttributionMethod::Continuation, _) => 0.7,
        (AttributionMethod::CrossSource, _) => 0.5,
    }
}

#[cfg(test)]
mod claim_tests;
#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod kind_tests;
#[cfg(test)]
mod prop_tests;
#[cfg(test)]
mod speaker_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod transcript_tests;
