//! The seed gold (`seeds-quotes.jsonl`): quote text, speaker and mention with no offsets, each
//! located in its article (the quote's first unused occurrence, the mention nearest the quote).

use super::{GoldDoc, GoldError, GoldQuote};
use crate::model::{QuoteKind, Span};
use serde::Deserialize;
use std::collections::BTreeMap;

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
    for parsed in super::json_lines::<SeedLine>(jsonl) {
        let (line_no, g) = parsed?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
