//! Quotation-mark pairing, one paragraph at a time.
//!
//! Curly, straight and mixed double marks pair with each other (`“…"` is a quote). A straight
//! mark opens or closes by its neighbours: space before and a word after opens; a word or
//! punctuation before and space after closes. Single marks quote only at a word start and
//! close before a non-word character; inside a double quote they are content. A double quote
//! left open at the end of a paragraph runs to the paragraph end only when the next paragraph
//! reopens with a mark (a multi-paragraph quote) or the quote began the paragraph; any other
//! unclosed mark is ignored, so it can never swallow the rest of the article.

use super::text::{Kind, Mark, Tok};

/// One quoted segment: the words between a pair of marks (or to a paragraph end).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seg {
    /// Token index of the opening mark.
    pub(crate) open: usize,
    /// Token index of the closing mark; `None` when the quote runs to the paragraph end.
    pub(crate) close: Option<usize>,
    /// First token inside.
    pub(crate) first: usize,
    /// One past the last token inside.
    pub(crate) last: usize,
    /// Byte range of the content (marks excluded, whitespace trimmed).
    pub(crate) start: usize,
    /// End of the content.
    pub(crate) end: usize,
    /// Paragraph index.
    pub(crate) para: u32,
    /// True when the previous paragraph's quote was left open and this one reopens it.
    pub(crate) reopens: bool,
    /// True for single-mark quotes.
    pub(crate) single: bool,
}

/// Invisible formatting characters (bidi embeddings, zero-width spaces) count as space.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}' | '\u{feff}')
}

fn left_open(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| {
        c.is_whitespace() || invisible(c) || "([{—–-/…".contains(c) || is_mark_char(c)
    })
}

fn right_open(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(|c| {
        c.is_whitespace() || invisible(c) || ".,;:!?)]}—–-…".contains(c) || is_mark_char(c)
    })
}

fn is_mark_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '\'')
}

/// State of the pairing automaton inside one paragraph.
#[derive(Clone, Copy)]
enum State {
    Outside,
    Double { open: usize, depth: u32 },
    Single { open: usize },
}

/// Pairs the marks in `toks` and returns the quoted segments in text order.
pub(crate) fn pair(text: &str, toks: &[Tok]) -> Vec<Seg> {
    let mut segs = Vec::new();
    let mut state = State::Outside;
    let mut prev_unclosed = false;
    let mut i = 0;
    while i < toks.len() {
        let para = toks[i].para;
        let para_start = i;
        let mut j = i;
        while j < toks.len() && toks[j].para == para {
            j += 1;
        }
        let mut opened_unclosed = false;
        // The paragraph's last closing single mark: an `s’` before it may be a plural
        // possessive ("the Russians’ promises") rather than the close of a single quote.
        let last_single_close = (para_start..j)
            .rev()
            .find(|&k| toks[k].kind == Kind::Mark(Mark::SingleClose));
        for k in para_start..j {
            let Kind::Mark(mark) = toks[k].kind else {
                continue;
            };
            let lo = left_open(text, toks[k].start);
            let ro = right_open(text, toks[k].end);
            state = match (state, mark) {
                (State::Outside, Mark::DoubleOpen) => State::Double { open: k, depth: 0 },
                (State::Outside, Mark::DoubleStraight) if !ro || lo => {
                    State::Double { open: k, depth: 0 }
                }
                (State::Outside, Mark::SingleOpen) if lo && !ro => State::Single { open: k },
                // A closing-shaped mark used as an opener ("”Mr. Trump embodies …").
                (State::Outside, Mark::DoubleClose) if lo && !ro => {
                    State::Double { open: k, depth: 0 }
                }
                (State::Outside, _) => State::Outside,
                (State::Double { open, depth }, Mark::DoubleClose | Mark::DoubleStraight)
                    if depth > 0 && (!lo || ro) =>
                {
                    State::Double {
                        open,
                        depth: depth - 1,
                    }
                }
                (State::Double { open, depth }, Mark::DoubleStraight) if lo && !ro => {
                    State::Double {
                        open,
                        depth: depth + 1,
                    }
                }
                (State::Double { open, depth }, Mark::DoubleOpen) => {
                    if ro && !lo && depth == 0 {
                        push(
                            &mut segs,
                            text,
                            toks,
                            open,
                            Some(k),
                            para,
                            prev_unclosed,
                            false,
                        );
                        State::Outside
                    } else {
                        State::Double {
                            open,
                            depth: depth + 1,
                        }
                    }
                }
                (State::Double { open, .. }, Mark::DoubleClose | Mark::DoubleStraight) => {
                    push(
                        &mut segs,
                        text,
                        toks,
                        open,
                        Some(k),
                        para,
                        prev_unclosed,
                        false,
                    );
                    State::Outside
                }
                (s @ State::Double { .. }, _) => s,
                (s @ State::Single { .. }, Mark::SingleClose)
                    if last_single_close.is_some_and(|l| l > k)
                        && plural_possessive(text, toks, k) =>
                {
                    s
                }
                (State::Single { open }, Mark::SingleClose) if ro => {
                    push(&mut segs, text, toks, open, Some(k), para, false, true);
                    State::Outside
                }
                (State::Single { .. }, Mark::DoubleOpen) => State::Double { open: k, depth: 0 },
                (s @ State::Single { .. }, _) => s,
            };
            if matches!(state, State::Outside) {
                prev_unclosed = false;
            }
        }
        if let State::Double { open, .. } = state {
            let next_reopens = toks.get(j).is_some_and(|t| {
                matches!(t.kind, Kind::Mark(Mark::DoubleOpen | Mark::DoubleStraight))
            });
            if next_reopens || open == para_start {
                push(
                    &mut segs,
                    text,
                    toks,
                    open,
                    None,
                    para,
                    prev_unclosed,
                    false,
                );
                opened_unclosed = next_reopens;
            }
        }
        prev_unclosed = opened_unclosed;
        state = State::Outside;
        i = j;
    }
    segs
}

/// Whether the mark at `k` reads as a plural possessive apostrophe: right after a word ending
/// in `s`, and followed by a space and a lower-case word ("the Russians’ promises").
fn plural_possessive(text: &str, toks: &[Tok], k: usize) -> bool {
    let after_s = k > 0
        && toks[k - 1].kind == Kind::Word
        && toks[k - 1].end == toks[k].start
        && text[toks[k - 1].start..toks[k - 1].end].ends_with(['s', 'S']);
    let next_lower = toks.get(k + 1).is_some_and(|n| {
        n.kind == Kind::Word
            && n.start > toks[k].end
            && text[n.start..n.end]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
    });
    after_s && next_lower
}

/// Records a segment from the mark at `open` to the mark at `close` (or the paragraph end).
#[allow(clippy::too_many_arguments)]
fn push(
    segs: &mut Vec<Seg>,
    text: &str,
    toks: &[Tok],
    open: usize,
    close: Option<usize>,
    para: u32,
    reopens: bool,
    single: bool,
) {
    let first = open + 1;
    let last = match close {
        Some(c) => c,
        None => {
            let mut e = first;
            while e < toks.len() && toks[e].para == para {
                e += 1;
            }
            e
        }
    };
    if first >= last {
        return;
    }
    let raw_start = toks[open].end;
    let raw_end = match close {
        Some(c) => toks[c].start,
        None => toks[last - 1].end,
    };
    let inner = &text[raw_start..raw_end];
    let start = raw_start + (inner.len() - inner.trim_start().len());
    let end = raw_end - (inner.len() - inner.trim_end().len());
    if start >= end {
        return;
    }
    segs.push(Seg {
        open,
        close,
        first,
        last,
        start,
        end,
        para,
        reopens,
        single,
    });
}

#[cfg(test)]
#[path = "marks_tests.rs"]
mod tests;
