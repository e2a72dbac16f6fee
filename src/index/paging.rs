//! Page sizes and opaque page tokens.
//!
//! A token is URL-safe base64 (no padding) of a small JSON struct: a hash of the query it was
//! issued for, and where the next page starts (after a key, or at an offset). A token from a
//! different query, or one that does not decode, is INVALID_ARGUMENT naming `page_token`.

use super::error::{Error, Result};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// Page size used when a request leaves `page_size` at 0.
pub const DEFAULT_PAGE_SIZE: usize = 50;
/// Largest page served; larger requests are clamped to it.
pub const MAX_PAGE_SIZE: usize = 1000;

/// Where a page starts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cursor {
    /// The first page.
    #[default]
    Start,
    /// The first item whose key sorts after this one (keyset paging over names).
    After(String),
    /// The item at this zero-based position of a ranked result (search).
    Offset(usize),
}

#[derive(Serialize, Deserialize)]
struct Token {
    /// Hash of the query the token belongs to.
    q: u64,
    /// Where the next page starts.
    c: Cursor,
}

/// A validated page request: how many items, from where, for which query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRequest {
    /// Items per page, 1 to [`MAX_PAGE_SIZE`].
    pub size: usize,
    /// Where this page starts.
    pub cursor: Cursor,
    /// Hash of the query (filters), carried in the next token.
    pub query: u64,
}

/// One page of results.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The items, in the list's order.
    pub items: Vec<T>,
    /// The token for the next page; empty on the last page.
    pub next_page_token: String,
    /// Number of items over all pages, when the list knows it cheaply.
    pub total: Option<usize>,
}

/// Hashes the parts of a query (its filters, not its paging) into the value tokens carry: the
/// xxh3 hash of the parts, each followed by U+001F, streamed (nothing is joined).
pub(super) fn query_hash(parts: &[&str]) -> u64 {
    let mut hasher = Xxh3::new();
    for p in parts {
        hasher.update(p.as_bytes());
        hasher.update(&[0x1f]);
    }
    hasher.digest()
}

impl PageRequest {
    /// Validates `page_size` and `page_token` for the query identified by `parts`.
    pub fn parse(page_size: i32, page_token: &str, parts: &[&str]) -> Result<Self> {
        let query = query_hash(parts);
        let size = match page_size {
            n if n < 0 => return Err(Error::invalid("page_size", "must not be negative")),
            0 => DEFAULT_PAGE_SIZE,
            n => (n as usize).min(MAX_PAGE_SIZE),
        };
        let cursor = if page_token.is_empty() {
            Cursor::Start
        } else {
            let bad = || Error::invalid("page_token", "is not a token this server issued");
            let bytes = URL_SAFE_NO_PAD.decode(page_token).map_err(|_| bad())?;
            let token: Token = serde_json::from_slice(&bytes).map_err(|_| bad())?;
            if token.q != query {
                return Err(Error::invalid(
                    "page_token",
                    "was issued for a different query; repeat the filters of the first call",
                ));
            }
            token.c
        };
        Ok(PageRequest {
            size,
            cursor,
            query,
        })
    }

    /// The token that continues this query at `cursor`.
    pub fn token(&self, cursor: Cursor) -> String {
        let token = Token {
            q: self.query,
            c: cursor,
        };
        // Serialising a struct of a u64 and an enum of strings cannot fail.
        let json = serde_json::to_vec(&token).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(json)
    }

    /// Keyset paging: takes up to `size` keys sorting after the cursor from an ordered iterator
    /// of `(key, item)` (already filtered), and builds the page.
    pub fn keyset<T>(
        &self,
        iter: impl Iterator<Item = (String, T)>,
        total: Option<usize>,
    ) -> Page<T> {
        let after = match &self.cursor {
            Cursor::After(k) => Some(k.as_str()),
            Cursor::Start | Cursor::Offset(_) => None,
        };
        let mut items = Vec::with_capacity(self.size.min(64));
        let mut last = None;
        let mut more = false;
        for (key, item) in iter.filter(|(k, _)| after.is_none_or(|a| k.as_str() > a)) {
            if items.len() == self.size {
                more = true;
                break;
            }
            last = Some(key);
            items.push(item);
        }
        let next_page_token = match (more, last) {
            (true, Some(k)) => self.token(Cursor::After(k)),
            _ => String::new(),
        };
        Page {
            items,
            next_page_token,
            total,
        }
    }

    /// Offset paging over a fully ranked list.
    pub fn offset<T>(&self, ranked: Vec<T>) -> Page<T> {
        let start = match self.cursor {
            Cursor::Offset(n) => n,
            Cursor::Start | Cursor::After(_) => 0,
        };
        let total = ranked.len();
        let end = start.saturating_add(self.size).min(total);
        let items: Vec<T> = ranked
            .into_iter()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect();
        let next_page_token = if end < total {
            self.token(Cursor::Offset(end))
        } else {
            String::new()
        };
        Page {
            items,
            next_page_token,
            total: Some(total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::xxh3_64;

    #[test]
    fn the_query_hash_is_that_of_the_parts_joined() {
        // tokens issued before the hash was streamed carry the joined string's hash
        for parts in [
            &[][..],
            &["quotes", "", "speakers/x"][..],
            &["search", "é ü"][..],
        ] {
            let joined: String = parts.iter().map(|p| format!("{p}\u{1f}")).collect();
            assert_eq!(query_hash(parts), xxh3_64(joined.as_bytes()), "{parts:?}");
        }
        assert_ne!(query_hash(&["ab", "c"]), query_hash(&["a", "bc"]));
    }

    fn field(err: Error) -> String {
        match err {
            Error::InvalidArgument(v) => v[0].field.clone(),
            other => panic!("expected InvalidArgument, got {other:?}"),
        }
    }

    #[test]
    fn page_size_defaults_clamps_and_rejects_negative() {
        assert_eq!(
            PageRequest::parse(0, "", &[]).unwrap().size,
            DEFAULT_PAGE_SIZE
        );
        assert_eq!(
            PageRequest::parse(5000, "", &[]).unwrap().size,
            MAX_PAGE_SIZE
        );
        assert_eq!(
            field(PageRequest::parse(-1, "", &[]).unwrap_err()),
            "page_size"
        );
    }

    #[test]
    fn tokens_round_trip_and_are_bound_to_their_query() {
        let first = PageRequest::parse(2, "", &["outlet=a"]).unwrap();
        let keys = ["a", "b", "c"].map(|k| (k.to_string(), k));
        let page = first.keyset(keys.clone().into_iter(), None);
        assert_eq!(page.items, ["a", "b"]);
        let second = PageRequest::parse(2, &page.next_page_token, &["outlet=a"]).unwrap();
        let page2 = second.keyset(keys.into_iter(), None);
        assert_eq!(page2.items, ["c"]);
        assert!(page2.next_page_token.is_empty());
        let other = PageRequest::parse(2, &page.next_page_token, &["outlet=b"]);
        assert_eq!(field(other.unwrap_err()), "page_token");
        assert_eq!(
            field(PageRequest::parse(2, "!!", &[]).unwrap_err()),
            "page_token"
        );
        assert_eq!(
            field(PageRequest::parse(2, "e30", &[]).unwrap_err()),
            "page_token"
        );
    }

    #[test]
    fn offset_paging_walks_a_ranked_list() {
        let req = PageRequest::parse(2, "", &["q"]).unwrap();
        let page = req.offset(vec![1, 2, 3]);
        assert_eq!(page.items, [1, 2]);
        assert_eq!(page.total, Some(3));
        let req2 = PageRequest::parse(2, &page.next_page_token, &["q"]).unwrap();
        let page2 = req2.offset(vec![1, 2, 3]);
        assert_eq!(page2.items, [3]);
        assert!(page2.next_page_token.is_empty());
    }
}
