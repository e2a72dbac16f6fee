//! Gold files: the seed answers (quote text, speaker and mention, no offsets: located in the
//! article) and uniform JSON Lines gold (offsets in Unicode code points, converted to bytes).

use crate::model::{QuoteKind, Span};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One gold quotation.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldQuote {
    /// The quote's byte span.
    pub span: Span,
    /// Acceptable speaker names (canonical and resolved), lower-cased; empty when unknown.
    pub names: Vec<String>,
    /// The speaker mention's byte span, when the gold gives one.
    pub mention: Option<Span>,
    /// Full utterance or fragment, when the gold says.
    pub kind: Option<QuoteKind>,
}

/// One gold claim.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldClaim {
    /// The claim's byte span.
    pub span: Span,
    /// The claimant mention's byte span, when known.
    pub mention: Option<Span>,
}

/// One gold document.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldDoc {
    /// Document id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Direct quotations.
    pub quotes: Vec<GoldQuote>,
    /// Claims (indirect and mixed reported speech); `None` when the gold has no claims layer.
    pub claims: Option<Vec<GoldClaim>>,
}

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// A line is not valid JSON of the expected shape.
    #[error("line {line}: {source}")]
    Json {
        /// 1-based line number.
        line: usize,
        /// The parse error.
        source: serde_json::Error,
    },
    /// A seed gold line names a document that is not among the seed texts.
    #[error("line {line}: unknown document {doc:?}")]
    UnknownDoc {
        /// 1-based line number.
        line: usize,
        /// The document id.
        doc: String,
    },
    /// A seed gold quote does not occur in its document.
    #[error("line {line}: quote not found in {doc:?}: {quote:?}")]
    QuoteNotFound {
        /// 1-based line number.
        line: usize,
        /// The document id.
        doc: String,
        /// The quote text.
        quote: String,
    },
    /// Offsets outside the text.
    #[error("line {line}: offsets {start}..{end} outside the text")]
    BadOffsets {
        /// 1-based line number.
        line: usize,
        /// Start in code points.
        start: usize,
        /// End in code points.
        end: usize,
    },
}

#[derive(Deserialize)]
struct SeedLine {
    doc: String,
    quote: String,
    speaker: Option<String>,
    resolved_speaker: Option<String>,
    mention: Option<String>,
    kind: Option<String>,
}

/// Reads the seed gold (`seeds-quotes.jsonl`) against `texts` (document id → text), locating
/// each quote (first unused occurrence) and its mention (occurrence nearest the quote).
pub fn load_seed_gold(
    jsonl: &str,
    texts: &BTreeMap<String, String>,
) -> Result<Vec<GoldDoc>, GoldError> {
    let mut docs: BTreeMap<String, GoldDoc> = texts
        .iter()
        .map(|(id, text)| {
            (
                id.clone(),
                GoldDoc {
                    id: id.clone(),
                    text: text.clone(),
                    quotes: Vec::new(),
                    claims: None,
                },
            )
        })
        .collect();
    for (n, line) in jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let line_no = n + 1;
        let g: SeedLine = serde_json::from_str(line).map_err(|source| GoldError::Json {
            line: line_no,
            source,
        })?;
        let doc = docs.get_mut(&g.doc).ok_or_else(|| GoldError::UnknownDoc {
            line: line_no,
            doc: g.doc.clone(),
        })?;
        let used: Vec<Span> = doc.quotes.iter().map(|q| q.span).collect();
        let span = doc
            .text
            .match_indices(g.quote.as_str())
            .map(|(i, _)| Span::new(i, i + g.quote.len()))
            .find(|s| !used.contains(s))
            .ok_or_else(|| GoldError::QuoteNotFound {
                line: line_no,
                doc: g.doc.clone(),
                quote: g.quote.clone(),
            })?;
        let mention = g
            .mention
            .as_deref()
            .and_then(|m| nearest(&doc.text, m, span));
        let names = [g.speaker, g.resolved_speaker]
            .into_iter()
            .flatten()
            .map(|s| s.to_lowercase())
            .collect();
        let kind = match g.kind.as_deref() {
            Some("full") => Some(QuoteKind::Full),
            Some("partial") => Some(QuoteKind::Partial),
            _ => None,
        };
        doc.quotes.push(GoldQuote {
            span,
            names,
            mention,
            kind,
        });
    }
    Ok(docs.into_values().collect())
}

/// The occurrence of `needle` nearest to `span` (outside it).
fn nearest(text: &str, needle: &str, span: Span) -> Option<Span> {
    let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(needle)
        .map(|(i, _)| Span::new(i, i + needle.len()))
        .filter(|s| s.overlap(&span) == 0)
        .filter(|s| {
            !word_char(text[..s.start].chars().next_back())
                && !word_char(text[s.end..].chars().next())
        })
        .min_by_key(|s| {
            if s.end <= span.start {
                span.start - s.end
            } else {
                s.start.saturating_sub(span.end)
            }
        })
}

#[derive(Deserialize)]
struct UniformLine {
    id: String,
    text: String,
    #[serde(default)]
    quotes: Vec<UniformItem>,
    claims: Option<Vec<UniformItem>>,
}

#[derive(Deserialize)]
struct UniformItem {
    start: usize,
    end: usize,
    speaker_start: Option<usize>,
    speaker_end: Option<usize>,
    speaker_resolved: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// Reads uniform JSON Lines gold (`{"id","text","quotes":[{start,end,speaker_start,…}],
/// "claims":[…]}`, offsets in code points). Only `"direct"` items count as quotes.
pub fn load_uniform_gold(jsonl: &str) -> Result<Vec<GoldDoc>, GoldError> {
    let mut out = Vec::new();
    for (n, line) in jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let line_no = n + 1;
        let g: UniformLine = serde_json::from_str(line).map_err(|source| GoldError::Json {
            line: line_no,
            source,
        })?;
        let bytes = code_point_offsets(&g.text);
        let conv = |s: usize, e: usize| -> Result<Span, GoldError> {
            match (bytes.get(s), bytes.get(e)) {
                (Some(&a), Some(&b)) if a <= b => Ok(Span::new(a, b)),
                _ => Err(GoldError::BadOffsets {
                    line: line_no,
                    start: s,
                    end: e,
                }),
            }
        };
        let mention = |q: &UniformItem| -> Result<Option<Span>, GoldError> {
            match (q.speaker_start, q.speaker_end) {
                (Some(s), Some(e)) => conv(s, e).map(Some),
                _ => Ok(None),
            }
        };
        let mut quotes = Vec::new();
        for q in g
            .quotes
            .iter()
            .filter(|q| q.kind.as_deref().is_none_or(|k| k == "direct"))
        {
            let names = q
                .speaker_resolved
                .iter()
                .map(|s| s.to_lowercase())
                .collect();
            quotes.push(GoldQuote {
                span: conv(q.start, q.end)?,
                names,
                mention: mention(q)?,
                kind: None,
            });
        }
        let claims = match &g.claims {
            None => None,
            Some(cs) => {
                let mut v = Vec::new();
                for c in cs {
                    v.push(GoldClaim {
                        span: conv(c.start, c.end)?,
                        mention: mention(c)?,
                    });
                }
                Some(v)
            }
        };
        out.push(GoldDoc {
            id: g.id,
            text: g.text,
            quotes,
            claims,
        });
    }
    Ok(out)
}

/// Byte offset of every code point index, plus the text length at index `chars().count()`.
pub fn code_point_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_convert_to_bytes() {
        let t = "é“a”";
        let b = code_point_offsets(t);
        assert_eq!(b, vec![0, 2, 5, 6, 9]);
        assert_eq!(&t[b[2]..b[3]], "a");
    }

    #[test]
    fn uniform_gold_offsets_are_code_points() {
        let line = r#"{"id":"x","text":"“Hé,” he said.","quotes":[{"start":1,"end":4,"speaker_start":6,"speaker_end":8,"type":"direct"}],"claims":[]}"#;
        let docs = load_uniform_gold(line).expect("valid");
        let q = &docs[0].quotes[0];
        assert_eq!(q.span.slice(&docs[0].text), "Hé,");
        assert_eq!(q.mention.map(|m| m.slice(&docs[0].text)), Some("he"));
    }

    #[test]
    fn seed_gold_locates_quote_and_nearest_mention() {
        let mut texts = BTreeMap::new();
        texts.insert(
            "d".to_string(),
            "Rubio spoke. \"Yes,\" Rubio said.".to_string(),
        );
        let line =
            r#"{"doc":"d","quote":"Yes,","speaker":"Marco Rubio","mention":"Rubio","kind":"full"}"#;
        let docs = load_seed_gold(line, &texts).expect("valid");
        let q = &docs[0].quotes[0];
        assert_eq!(q.span, Span::new(14, 18));
        assert_eq!(q.mention, Some(Span::new(20, 25)), "the nearer Rubio");
        assert_eq!(q.names, vec!["marco rubio".to_string()]);
    }

    #[test]
    fn missing_quote_is_an_error() {
        let mut texts = BTreeMap::new();
        texts.insert("d".to_string(), "nothing".to_string());
        let line = r#"{"doc":"d","quote":"absent","speaker":null,"mention":null}"#;
        assert!(matches!(
            load_seed_gold(line, &texts),
            Err(GoldError::QuoteNotFound { .. })
        ));
    }
}
