//! Stored articles: the record of one ingested article, article ids, and syndication.

use super::error::{Error, Result};
use super::origin::Origin;
use crate::model::{Article, ArticleMeta};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use xxhash_rust::xxh3::xxh3_64;

/// Longest article id accepted.
pub const MAX_ID_LEN: usize = 128;

/// One ingested article and the ids of everything extraction made of it, so that a delete can
/// undo exactly what the ingest did.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// The article as submitted.
    pub article: Article,
    /// The quote group of each extracted quote that had words, as `(ordinal, quote id)`.
    pub quotes: Vec<(u32, String)>,
    /// The claim group of each extracted claim that had words, as `(ordinal, claim id)`.
    pub claims: Vec<(u32, String)>,
    /// The distinct speaker ids the article contributed to, sorted.
    pub speakers: Vec<String>,
    /// The resolver's quote groups the article's quotes joined, sorted.
    pub quote_groups: Vec<u32>,
    /// The resolver's claim groups the article's claims and statements joined, sorted.
    pub claim_groups: Vec<u32>,
    /// Hash of the normalised text, shared by syndicated copies.
    pub text_hash: u64,
    /// Publish time, or ingest time when unknown, in ms since the epoch: orders "first seen".
    pub time_ms: i64,
    /// What the article's occurrences share (its id, outlet, text and time). Not written to
    /// snapshots: loading makes it again.
    #[serde(skip, default = "Origin::unset")]
    pub origin: Arc<Origin>,
}

impl ArticleRecord {
    /// The resource name, `articles/{id}`.
    pub fn name(&self) -> String {
        crate::model::resource_name("articles", &self.article.id)
    }
}

/// Checks a client-chosen article id: 1 to [`MAX_ID_LEN`] characters from `[A-Za-z0-9._-]`,
/// starting with a letter or digit. `field` names the request field in the error.
pub fn validate_id(id: &str, field: &str) -> Result<()> {
    if id.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if id.len() > MAX_ID_LEN {
        return Err(Error::invalid(
            field,
            format!("must be at most {MAX_ID_LEN} characters"),
        ));
    }
    let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    let starts_ok = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if !starts_ok || !id.chars().all(ok_char) {
        return Err(Error::invalid(
            field,
            "must use only A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit",
        ));
    }
    Ok(())
}

/// The id the server gives an article sent without one: from the `request_id` when there is one,
/// otherwise from the text and metadata, so that the same submission always gets the same id.
pub(super) fn derive_id(request_id: Option<&str>, text: &str, meta: &ArticleMeta) -> String {
    let hash = match request_id {
        Some(r) => xxh3_64(format!("request\u{1f}{r}").as_bytes()),
        None => {
            let published = meta.published_ms.map(|m| m.to_string()).unwrap_or_default();
            let key = [
                text,
                &meta.outlet,
                &meta.url,
                &meta.title,
                published.as_str(),
            ]
            .join("\u{1f}");
            xxh3_64(key.as_bytes())
        }
    };
    format!("a{hash:016x}")
}

/// Hash of an article's words: two articles with the same hash carry the same story verbatim.
pub(super) fn text_hash(text: &str) -> u64 {
    let mut joined = String::with_capacity(text.len());
    super::keys::for_each_word(text, |w| {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(w);
    });
    xxh3_64(joined.as_bytes())
}

/// The time that orders "first seen": publish time, else ingest time.
pub(super) fn time_ms(article: &Article) -> i64 {
    article.meta.published_ms.unwrap_or(article.ingested_ms)
}

/// Sort key of an article within its syndication group: earliest first, then by id.
pub(super) fn syndication_key(time_ms: i64, id: &str) -> String {
    // Offset so that negative times sort before positive ones as strings.
    let shifted = (time_ms as i128 + (1i128 << 63)) as u128;
    format!("{shifted:020}\u{1f}{id}")
}

/// The id inside a syndication key.
pub(super) fn id_of_syndication_key(key: &str) -> &str {
    key.split_once('\u{1f}').map_or(key, |(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_hash_is_the_hash_of_the_words_joined_by_spaces() {
        for text in [
            "",
            "  — ",
            "One",
            "“Today is the first step,” she said. L’Été, 2024!",
        ] {
            let joined = crate::index::keys::words(text).join(" ");
            assert_eq!(text_hash(text), xxh3_64(joined.as_bytes()), "{text:?}");
        }
        assert_eq!(text_hash("That's  FAIR."), text_hash("thats fair"));
        assert_ne!(text_hash("that is fair"), text_hash("thatis fair"));
    }

    #[test]
    fn ids_are_validated() {
        assert!(validate_id("000_26f2c2b453f453d2", "article_id").is_ok());
        assert!(validate_id("a.b-c", "article_id").is_ok());
        for bad in ["", "-x", "a/b", "a b", "é", &"x".repeat(129)] {
            assert!(validate_id(bad, "article_id").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn derived_ids_are_stable_and_valid() {
        let meta = ArticleMeta::default();
        let a = derive_id(None, "text", &meta);
        assert_eq!(a, derive_id(None, "text", &meta));
        assert_ne!(a, derive_id(None, "other", &meta));
        assert_ne!(a, derive_id(Some("r1"), "text", &meta));
        assert!(validate_id(&a, "x").is_ok());
    }

    #[test]
    fn syndication_keys_sort_by_time_then_id() {
        let mut keys = [
            syndication_key(5, "b"),
            syndication_key(-3, "z"),
            syndication_key(5, "a"),
        ];
        keys.sort();
        let ids: Vec<&str> = keys.iter().map(|k| id_of_syndication_key(k)).collect();
        assert_eq!(ids, ["z", "a", "b"]);
    }
}
