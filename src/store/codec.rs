//! How an [`Article`] is laid out as bytes in the store.
//!
//! A one-byte format tag followed by JSON. JSON is self-describing, so adding an optional field to
//! [`Article`] or [`crate::model::ArticleMeta`] (with `#[serde(default)]`) keeps old data readable;
//! the article text dominates the size, so a binary encoding would save little. The tag lets a
//! later format live beside this one.

use crate::model::Article;

/// Tag of the current format: JSON of [`Article`].
const FORMAT_JSON_V1: u8 = 1;

/// Serializes an article for the store.
pub(crate) fn encode(article: &Article) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(article.text.len() + 128);
    out.push(FORMAT_JSON_V1);
    serde_json::to_writer(&mut out, article).map_err(|err| err.to_string())?;
    Ok(out)
}

/// Reads back what [`encode`] wrote.
pub(crate) fn decode(bytes: &[u8]) -> Result<Article, String> {
    match bytes.split_first() {
        Some((&FORMAT_JSON_V1, body)) => {
            serde_json::from_slice(body).map_err(|err| err.to_string())
        }
        Some((tag, _)) => Err(format!("unknown format tag {tag}")),
        None => Err("empty record".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleMeta;

    #[test]
    fn round_trips_every_field() {
        let article = Article {
            id: "a-1".into(),
            text: "“Quote,” she said.\u{0}\n".into(),
            meta: ArticleMeta {
                outlet: "Wire".into(),
                url: "https://example.invalid/x".into(),
                title: "Title".into(),
                published_ms: Some(-5),
            },
            ingested_ms: 42,
        };
        let bytes = encode(&article).expect("encodes");
        assert_eq!(decode(&bytes).expect("decodes"), article);
    }

    #[test]
    fn rejects_unknown_tags_and_garbage() {
        assert!(decode(&[]).is_err());
        assert!(decode(&[9, b'{', b'}']).unwrap_err().contains("tag 9"));
        assert!(decode(&[FORMAT_JSON_V1, b'{']).is_err());
    }
}
