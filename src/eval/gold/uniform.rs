//! Uniform JSON Lines gold (PolNeAR and the like): one document per line with quote and claim
//! offsets in Unicode code points, converted to byte spans.

use super::{GoldClaim, GoldDoc, GoldError, GoldQuote};
use crate::model::Span;
use serde::Deserialize;

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
    for parsed in super::json_lines::<UniformLine>(jsonl) {
        let (line_no, g) = parsed?;
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
}
