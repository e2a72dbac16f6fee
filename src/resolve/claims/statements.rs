//! Splitting an article into statements (sentences), so that facts an outlet reports in its own
//! voice ("No Ukrainian officials were present at the meeting") can be grouped with the same
//! facts elsewhere, not only attributed claims.

use crate::model::Span;

/// Fewest words for a sentence to count as a statement (shorter ones are heads and captions).
pub const MIN_STATEMENT_WORDS: usize = 5;

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

/// True when the word ending at a full stop is an abbreviation or initial ("U.S.", "Feb.", "N."),
/// which does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    w.chars().next().is_some_and(char::is_uppercase)
        && (letters <= 3 || w.matches('.').count() >= 1)
}

/// The statements of `text`: sentences, cut into clauses at dashes, semicolons and ", which",
/// ", but"-style joints, of at least [`MIN_STATEMENT_WORDS`] words that do not
/// open with a quotation mark (direct quotes are handled as quotes). Spans are UTF-8 byte offsets
/// into `text`, trimmed of surrounding whitespace.
pub fn statements(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // only stops and line feeds end a sentence: ASCII, so never a byte inside another character
    let ends = (0..bytes.len()).filter(|&i| matches!(bytes[i], b'.' | b'!' | b'?' | b'\n'));
    for i in ends {
        let c = char::from(bytes[i]);
        let next = text[i + 1..].chars().next();
        // a closing quote mark right after the stop belongs to the sentence: `forward.” He`
        let (stop_end, after) = match next {
            Some(q) if matches!(c, '.' | '!' | '?') && is_quote_mark(q) => {
                let q_end = i + c.len_utf8() + q.len_utf8();
                (q_end, text[q_end..].chars().next())
            }
            _ => (i + c.len_utf8(), next),
        };
        let end = match c {
            '\n' => Some(i),
            '.' | '!' | '?' if after.is_none_or(char::is_whitespace) => {
                // after the last whitespace character (which may take several bytes: U+0085)
                let word_start = text[..i]
                    .char_indices()
                    .rfind(|(_, c)| c.is_whitespace())
                    .map_or(0, |(p, c)| p + c.len_utf8());
                (c != '.' || !is_abbreviation(&text[word_start..i])).then_some(stop_end)
            }
            _ => None,
        };
        if let Some(end) = end {
            push(text, start, end, &mut out);
            start = end;
        }
    }
    push(text, start, text.len(), &mut out);
    out
}

/// Where a sentence splits into clauses that can each state a fact of their own.
const CLAUSE_BREAKS: &[&str] = &[
    " — ", "; ", ", which ", ", who ", ", while ", ", but ", " but ",
];

/// Pushes the clauses of the sentence `text[start..end]`.
fn push(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(sentence) = text.get(start..end) else {
        return;
    };
    let mut from = 0;
    for cut in clause_cuts(sentence).chain([sentence.len()]) {
        if cut > from {
            push_clause(text, start + from, start + cut, out);
            from = cut;
        }
    }
}

/// Where the [`CLAUSE_BREAKS`] start in `sentence`, in order, in one pass: each break's own
/// matches do not overlap (as `str::match_indices` finds them), but two breaks' may (", but "
/// and " but ").
fn clause_cuts(sentence: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = sentence.as_bytes();
    // where each break may next match, past its last match
    let mut free = [0usize; CLAUSE_BREAKS.len()];
    (0..bytes.len())
        .filter(|&i| matches!(bytes[i], b' ' | b',' | b';'))
        .filter(move |&i| {
            let rest = &bytes[i..];
            let mut cut = false;
            for (b, free) in CLAUSE_BREAKS.iter().zip(free.iter_mut()) {
                // byte by byte, the first before anything else, so that most breaks fail at once
                // (a slice comparison is a call to `memcmp`)
                let b = b.as_bytes();
                if b.first() == rest.first()
                    && i >= *free
                    && rest.len() >= b.len()
                    && rest.iter().zip(b).all(|(x, y)| x == y)
                {
                    *free = i + b.len();
                    cut = true;
                }
            }
            cut
        })
}

fn push_clause(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(raw) = text.get(start..end) else {
        return;
    };
    let raw_trimmed =
        raw.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '—'));
    let start = start + raw.len() - raw_trimmed.len();
    let raw = raw_trimmed;
    let trimmed = raw.trim();
    if trimmed.is_empty() || trimmed.starts_with(is_quote_mark) {
        return;
    }
    if trimmed
        .split_whitespace()
        .nth(MIN_STATEMENT_WORDS - 1)
        .is_none()
    {
        return;
    }
    let lead = raw.len() - raw.trim_start().len();
    out.push(Span::new(start + lead, start + lead + trimmed.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multi_byte_space_before_a_stop_is_not_cut_inside() {
        let text = "Prices rose by two points\u{85}a. Then they fell again.";
        for span in statements(text) {
            assert!(text.get(span.start..span.end).is_some(), "{span:?}");
        }
    }

    #[test]
    fn sentences_without_abbreviations_or_quotes() {
        let text = "War continues\nThe U.S. and Russia met on Feb. 18 in Riyadh. “We not only listened,” Lavrov said. \
                    Lavrov said: “an important step forward.” He said talks were useful and long. \
                    National security expert Jamil N. Jaffer spoke on the future of Ukraine! Short one.";
        let got: Vec<&str> = statements(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(
            got,
            [
                "The U.S. and Russia met on Feb. 18 in Riyadh.",
                "Lavrov said: “an important step forward.”",
                "He said talks were useful and long.",
                "National security expert Jamil N. Jaffer spoke on the future of Ukraine!"
            ]
        );
    }

    #[test]
    fn spans_are_exact_and_never_panic() {
        for text in [
            "",
            "   ",
            "é.é.é",
            "No Ukrainian officials were present at the meeting",
            "a.\n\n",
        ] {
            for s in statements(text) {
                assert_eq!(s.slice(text), text[s.start..s.end].to_string());
            }
        }
    }

    /// One pass finds the cuts each break's own search would, overlaps between breaks included.
    #[test]
    fn clause_cuts_are_every_breaks_own_matches() {
        for sentence in [
            "Prices rose, but wages did not; rents fell — and then rose, which hurt.",
            "He said yes but but no, but , but then",
            "a — — b — c;; d; e , who , who , whom",
            "no breaks here at all",
            ", which ",
            "",
            "é — ü; ñ, but ö",
        ] {
            let mut want: Vec<usize> = CLAUSE_BREAKS
                .iter()
                .flat_map(|b| sentence.match_indices(b).map(|(i, _)| i))
                .collect();
            want.sort_unstable();
            let got: Vec<usize> = clause_cuts(sentence).collect();
            assert_eq!(got, want, "{sentence:?}");
        }
    }
}
