//! Parsing and validating request fields: resource names, enums, timestamps.

use crate::index::{Error, Result, validate_id};
use crate::pb;

/// Parses `{collection}/{id}` from the field `field`; the id follows the article-id rules.
pub(crate) fn parse(name: &str, collection: &str, field: &str) -> Result<String> {
    if name.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    let id = name
        .strip_prefix(collection)
        .and_then(|rest| rest.strip_prefix('/'))
        .ok_or_else(|| Error::invalid(field, format!("must have the form {collection}/{{id}}")))?;
    validate_id(id, field).map_err(|_| {
        Error::invalid(
            field,
            format!(
                "must have the form {collection}/{{id}} with an id of A-Z, a-z, 0-9, '.', '_', '-'"
            ),
        )
    })?;
    Ok(id.to_string())
}

/// Like [`parse`], but an empty field means "no filter".
pub(crate) fn parse_optional(name: &str, collection: &str, field: &str) -> Result<Option<String>> {
    if name.is_empty() {
        Ok(None)
    } else {
        parse(name, collection, field).map(Some)
    }
}

/// The offset encoding asked for; unknown values are INVALID_ARGUMENT.
pub(crate) fn encoding(raw: i32) -> Result<pb::OffsetEncoding> {
    match pb::OffsetEncoding::try_from(raw) {
        Ok(pb::OffsetEncoding::Unspecified) => Ok(pb::OffsetEncoding::Utf8),
        Ok(e) => Ok(e),
        Err(_) => Err(Error::invalid(
            "offset_encoding",
            format!("unknown value {raw}"),
        )),
    }
}

/// The quote view asked for; unknown values are INVALID_ARGUMENT.
pub(crate) fn quote_view(raw: i32) -> Result<pb::QuoteView> {
    pb::QuoteView::try_from(raw).map_err(|_| Error::invalid("view", format!("unknown value {raw}")))
}

/// A timestamp as milliseconds since the epoch; out-of-range nanos are INVALID_ARGUMENT.
pub(crate) fn millis(ts: &prost_types::Timestamp, field: &str) -> Result<i64> {
    if !(0..1_000_000_000).contains(&ts.nanos) {
        return Err(Error::invalid(field, "nanos must be in [0, 999999999]"));
    }
    crate::model::timestamp_ms(ts).ok_or_else(|| Error::invalid(field, "is out of range"))
}

/// Milliseconds since the epoch as a timestamp.
pub(crate) fn timestamp(ms: i64) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: ms.div_euclid(1000),
        nanos: (ms.rem_euclid(1000) * 1_000_000) as i32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_reject_garbage() {
        assert_eq!(
            parse("articles/abc_1", "articles", "name").unwrap(),
            "abc_1"
        );
        for bad in [
            "",
            "articles/",
            "article/x",
            "articles/x/y",
            "quotes/x",
            "articles/../x",
        ] {
            assert!(parse(bad, "articles", "name").is_err(), "{bad:?}");
        }
        assert_eq!(parse_optional("", "speakers", "speaker").unwrap(), None);
    }

    #[test]
    fn enums_and_times_validate() {
        assert_eq!(encoding(0).unwrap(), pb::OffsetEncoding::Utf8);
        assert!(encoding(99).is_err());
        let ts = timestamp(-1500);
        assert_eq!(millis(&ts, "t").unwrap(), -1500);
        let bad = prost_types::Timestamp {
            seconds: 0,
            nanos: -1,
        };
        assert!(millis(&bad, "t").is_err());
    }
}
