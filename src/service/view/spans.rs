//! Byte spans to wire [`pb::TextSpan`]s in the offset unit the caller asked for.

use crate::model::Span;
use crate::pb;

/// Converts a UTF-8 byte offset of `text` into `encoding` units. The offset lies on a `char`
/// boundary (the index checks every span on ingest); otherwise it is clamped down to one.
pub(crate) fn convert_offset(text: &str, byte: usize, encoding: pb::OffsetEncoding) -> i32 {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let prefix = &text[..byte];
    let units = match encoding {
        pb::OffsetEncoding::CodePoints => prefix.chars().count(),
        pb::OffsetEncoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
        pb::OffsetEncoding::Utf8 | pb::OffsetEncoding::Unspecified => byte,
    };
    i32::try_from(units).unwrap_or(i32::MAX)
}

/// The wire span of `span` in `text`.
pub(crate) fn text_span(text: &str, span: Span, encoding: pb::OffsetEncoding) -> pb::TextSpan {
    let encoding = match encoding {
        pb::OffsetEncoding::Unspecified => pb::OffsetEncoding::Utf8,
        e => e,
    };
    pb::TextSpan {
        begin_offset: convert_offset(text, span.start, encoding),
        end_offset: convert_offset(text, span.end, encoding),
        content: span.slice(text).to_string(),
        encoding: encoding as i32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_in_every_unit() {
        // "é" is 2 bytes, 1 code point, 1 UTF-16 unit; "😀" is 4 bytes, 1 code point, 2 units.
        let text = "é😀 said";
        let span = Span::new(6, 7); // the space
        let utf8 = text_span(text, span, pb::OffsetEncoding::Unspecified);
        assert_eq!((utf8.begin_offset, utf8.end_offset), (6, 7));
        assert_eq!(utf8.encoding, pb::OffsetEncoding::Utf8 as i32);
        let cp = text_span(text, span, pb::OffsetEncoding::CodePoints);
        assert_eq!((cp.begin_offset, cp.end_offset), (2, 3));
        let u16 = text_span(text, span, pb::OffsetEncoding::Utf16);
        assert_eq!((u16.begin_offset, u16.end_offset), (3, 4));
        assert_eq!(u16.content, " ");
    }
}
