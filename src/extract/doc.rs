//! The analysed document: tokens, quoted segments, sentence numbers and cue occurrences, all
//! computed in linear passes and shared by the attribution, claim and speaker rules.

use super::lexicon::{CueForm, LEXICON};
use super::marks::{Seg, pair};
use super::phrase::Np;
use super::text::{Kind, Tok, tokenize};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// Marker for "not inside any quote" / "no cue here".
pub(crate) const NONE: u32 = u32::MAX;

/// One cue occurrence outside quotes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cue {
    /// First token.
    pub(crate) first: usize,
    /// One past the last token.
    pub(crate) last: usize,
    /// Grammatical form.
    pub(crate) form: CueForm,
    /// Whether it may introduce a claim.
    pub(crate) claim: bool,
    /// Whether it may attribute a quotation (belief verbs only introduce claims).
    pub(crate) quote: bool,
}

/// Everything the rules read.
pub(crate) struct Doc<'a> {
    /// The article text.
    pub(crate) text: &'a str,
    /// Tokens in order.
    pub(crate) toks: Vec<Tok>,
    /// Quoted segments in order.
    pub(crate) segs: Vec<Seg>,
    /// For each token, the segment it lies inside, or [`NONE`].
    pub(crate) in_seg: Vec<u32>,
    /// For each token, the sentence number.
    pub(crate) sent: Vec<u32>,
    /// First token of each sentence.
    pub(crate) sent_start: Vec<usize>,
    /// Cue occurrences in order.
    pub(crate) cues: Vec<Cue>,
    /// Claim-only cue occurrences ("thinks", "the poll shows"), in order; not in `cue_at`.
    pub(crate) claim_cues: Vec<Cue>,
    /// For each token, the cue starting there, or [`NONE`].
    pub(crate) cue_at: Vec<u32>,
    /// Speaker phrases already parsed before a token, keyed by (end, lower bound).
    pub(crate) before_cache: RefCell<FxHashMap<(usize, usize), Option<Np>>>,
}

impl<'a> Doc<'a> {
    /// Analyses `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        let toks = tokenize(text);
        let segs = pair(text, &toks);
        let mut in_seg = vec![NONE; toks.len()];
        for (si, s) in segs.iter().enumerate() {
            for slot in &mut in_seg[s.first..s.last] {
                *slot = si as u32;
            }
        }
        let mut doc = Doc {
            text,
            toks,
            segs,
            in_seg,
            sent: Vec::new(),
            sent_start: Vec::new(),
            cues: Vec::new(),
            claim_cues: Vec::new(),
            cue_at: Vec::new(),
            before_cache: RefCell::default(),
        };
        doc.sentences();
        doc.find_cues();
        doc
    }

    /// Token text.
    pub(crate) fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    /// First token of the sentence holding token `i`.
    pub(crate) fn sentence_first(&self, i: usize) -> usize {
        self.sent_start[self.sent[i] as usize]
    }

    /// One past the last token of the sentence holding token `i`.
    pub(crate) fn sentence_end(&self, i: usize) -> usize {
        self.sent_start
            .get(self.sent[i] as usize + 1)
            .copied()
            .unwrap_or(self.toks.len())
    }

    /// True when the segment's content ends a sentence (`.`, `!`, `?`).
    pub(crate) fn seg_terminal(&self, si: usize) -> bool {
        let s = &self.segs[si];
        self.text[s.start..s.end].ends_with(['.', '!', '?', '…'])
    }

    fn sentences(&mut self) {
        let n = self.toks.len();
        self.sent = vec![0; n];
        let mut cur: u32 = 0;
        self.sent_start.push(0);
        let mut i = 0;
        while i < n {
            if i > 0 && self.toks[i].para != self.toks[i - 1].para {
                cur += 1;
                self.sent_start.push(i);
            }
            let si = self.in_seg[i];
            if si != NONE {
                // A quote joins the sentence it sits in; it ends the sentence when it ends in
                // terminal punctuation and the next token starts a new one.
                let seg = self.segs[si as usize];
                let stop = seg.close.map_or(seg.last, |c| c + 1).min(n);
                for k in i..stop {
                    self.sent[k] = cur;
                }
                if i > 0 && self.sent[i - 1] == cur {
                    // open mark already assigned
                }
                i = stop;
                if self.seg_terminal(si as usize) && self.starts_sentence(i) {
                    cur += 1;
                    self.sent_start.push(i);
                }
                continue;
            }
            self.sent[i] = cur;
            let t = self.toks[i];
            // "S.C." before an opening mark ends the sentence too.
            let abbrev_end = t.kind == Kind::Word
                && t.text(self.text).ends_with('.')
                && self.toks.get(i + 1).is_some_and(|n| n.is_mark());
            // `.''` — an archive double-apostrophe closing after terminal punctuation.
            let closing_apostrophes = t.kind == Kind::Punct('\'')
                && i > 0
                && matches!(self.toks[i - 1].kind, Kind::Punct('.' | '!' | '?'))
                && self.text[t.end..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace);
            let terminal = matches!(t.kind, Kind::Punct('.' | '!' | '?' | '…'))
                || abbrev_end
                || closing_apostrophes;
            if terminal && self.starts_sentence(i + 1) {
                cur += 1;
                self.sent_start.push(i + 1);
            }
            i += 1;
        }
    }

    /// Whether token `i` can start a sentence (same paragraph, capitalised or a mark).
    fn starts_sentence(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        if i > 0 && t.para != self.toks[i - 1].para {
            return false; // the paragraph break already starts one
        }
        match t.kind {
            Kind::Mark(_) | Kind::Punct('(') => true,
            // `''Our popularity` — an archive double apostrophe opening a quote.
            Kind::Punct('\'') => self.text[t.end..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace()),
            Kind::Word => t
                .text(self.text)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
            Kind::Punct(_) => false,
        }
    }

    fn find_cues(&mut self) {
        let lex = &*LEXICON;
        self.cue_at = vec![NONE; self.toks.len()];
        let text = self.text;
        for m in lex.cues.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let first = self.toks.partition_point(|t| t.start < s);
            if first >= self.toks.len() || self.toks[first].start != s || self.in_seg[first] != NONE
            {
                continue;
            }
            let mut last = first;
            while last < self.toks.len() && self.toks[last].end < e {
                last += 1;
            }
            if last >= self.toks.len() || self.toks[last].end != e {
                continue;
            }
            let info = lex.cue_info[m.pattern().as_usize()];
            let cue = Cue {
                first,
                last: last + 1,
                form: info.form,
                claim: info.claim,
                quote: info.quote,
            };
            if info.quote {
                self.cue_at[first] = self.cues.len() as u32;
                self.cues.push(cue);
            } else {
                self.claim_cues.push(cue);
            }
        }
    }

    /// True when a cue ends at token `i` (inclusive).
    pub(crate) fn cue_ending_at(&self, i: usize) -> bool {
        (i.saturating_sub(3)..=i).any(|k| self.cue(k).is_some_and(|c| c.last == i + 1))
    }

    /// The cue starting at token `i`, if any.
    pub(crate) fn cue(&self, i: usize) -> Option<Cue> {
        let c = *self.cue_at.get(i)?;
        (c != NONE).then(|| self.cues[c as usize])
    }
}
