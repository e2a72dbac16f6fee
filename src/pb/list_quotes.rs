//! `saywho.v1.ListQuotesResponse`, written by hand so that a server can send quotes it has
//! already encoded. `build.rs` maps the message to this type (`extern_path`); every other
//! message is generated.

#![warn(clippy::all, missing_docs, unreachable_pub)]

use super::Quote;
use prost::bytes::{Buf, BufMut, Bytes};
use prost::encoding::{self, DecodeContext, WireType};
use prost::{DecodeError, Message};

/// Response of QuoteService.ListQuotes.
///
/// On the wire it is the generated message's: a client decodes every quote into `quotes`. A
/// server may also put quotes in `encoded_quotes`, already encoded, which are written before
/// `quotes` (so a reply uses one or the other to keep its order).
#[derive(Clone, Default, PartialEq, Debug)]
pub struct ListQuotesResponse {
    /// The page of quotes, ordered by name.
    pub quotes: Vec<Quote>,
    /// Token for the next page; empty when this is the last page.
    pub next_page_token: String,
    /// Quotes as the `quotes` field's entries on the wire (each its key, its length and the
    /// encoded `Quote`), in order. Always empty in a decoded reply.
    pub encoded_quotes: Bytes,
}

/// The `quotes` field's number.
const QUOTES: u32 = 1;
/// The `next_page_token` field's number.
const NEXT_PAGE_TOKEN: u32 = 2;

impl ListQuotesResponse {
    /// Appends one encoded quote to `out` as an entry of the `quotes` field, made of `parts`
    /// (the encoded `Quote`'s fields, in order, split where another part goes in between).
    pub fn put_encoded_quote(out: &mut Vec<u8>, parts: &[&[u8]]) {
        encoding::encode_key(QUOTES, WireType::LengthDelimited, out);
        encoding::encode_varint(parts.iter().map(|p| p.len() as u64).sum(), out);
        for part in parts {
            out.extend_from_slice(part);
        }
    }
}

impl Message for ListQuotesResponse {
    fn encode_raw(&self, buf: &mut impl BufMut) {
        buf.put_slice(&self.encoded_quotes);
        for quote in &self.quotes {
            encoding::message::encode(QUOTES, quote, buf);
        }
        if !self.next_page_token.is_empty() {
            encoding::string::encode(NEXT_PAGE_TOKEN, &self.next_page_token, buf);
        }
    }

    fn merge_field(
        &mut self,
        tag: u32,
        wire_type: WireType,
        buf: &mut impl Buf,
        ctx: DecodeContext,
    ) -> Result<(), DecodeError> {
        const NAME: &str = "ListQuotesResponse";
        match tag {
            QUOTES => encoding::message::merge_repeated(wire_type, &mut self.quotes, buf, ctx)
                .map_err(|mut e| {
                    e.push(NAME, "quotes");
                    e
                }),
            NEXT_PAGE_TOKEN => {
                encoding::string::merge(wire_type, &mut self.next_page_token, buf, ctx).map_err(
                    |mut e| {
                        e.push(NAME, "next_page_token");
                        e
                    },
                )
            }
            _ => encoding::skip_field(wire_type, tag, buf, ctx),
        }
    }

    fn encoded_len(&self) -> usize {
        let token = if self.next_page_token.is_empty() {
            0
        } else {
            encoding::string::encoded_len(NEXT_PAGE_TOKEN, &self.next_page_token)
        };
        self.encoded_quotes.len()
            + encoding::message::encoded_len_repeated(QUOTES, &self.quotes)
            + token
    }

    fn clear(&mut self) {
        self.quotes.clear();
        self.next_page_token.clear();
        self.encoded_quotes = Bytes::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(n: u8) -> Quote {
        Quote {
            name: format!("quotes/{n:016x}"),
            text: "words".repeat(usize::from(n)),
            occurrence_count: i32::from(n),
            ..Quote::default()
        }
    }

    #[test]
    fn a_reply_decodes_to_what_was_encoded_both_ways() {
        let built = ListQuotesResponse {
            quotes: vec![quote(1), quote(2)],
            next_page_token: "next".into(),
            ..ListQuotesResponse::default()
        };
        let bytes = built.encode_to_vec();
        assert_eq!(bytes.len(), built.encoded_len());
        assert_eq!(ListQuotesResponse::decode(bytes.as_slice()), Ok(built));

        // the same quotes carried encoded: the same bytes, decoded into `quotes`
        let mut encoded = Vec::new();
        for q in [quote(1), quote(2)] {
            ListQuotesResponse::put_encoded_quote(&mut encoded, &[&q.encode_to_vec()]);
        }
        let carried = ListQuotesResponse {
            next_page_token: "next".into(),
            encoded_quotes: encoded.into(),
            ..ListQuotesResponse::default()
        };
        assert_eq!(carried.encoded_len(), bytes.len());
        assert_eq!(carried.encode_to_vec(), bytes);
        let decoded = ListQuotesResponse::decode(bytes.as_slice()).expect("decodes");
        assert_eq!(decoded.quotes, vec![quote(1), quote(2)]);
        assert!(decoded.encoded_quotes.is_empty());
    }

    #[test]
    fn a_malformed_reply_is_an_error_naming_the_field() {
        // field 1, length 5, but only two bytes follow
        let err = ListQuotesResponse::decode(&[0x0a, 0x05, 0x0a, 0x00][..]).expect_err("short");
        assert!(
            err.to_string().contains("ListQuotesResponse.quotes"),
            "{err}"
        );
        // an unknown field is skipped
        let reply = ListQuotesResponse::decode(&[0x18, 0x07, 0x12, 0x01, b'x'][..]).expect("ok");
        assert_eq!(reply.next_page_token, "x");
    }
}
