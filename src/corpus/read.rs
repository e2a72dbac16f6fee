//! Reading a written corpus back in process: the development examples (`lookprof`,
//! `memsplit`, `claim_grouping`) load a corpus file into a resolver or an index without a
//! server, and must see each article's publication time, as `saywho import` and the bench
//! send it, or the story windows never apply. The time format is theirs: [`parse_time`] is the
//! one parser of an article line's `published`.

use crate::model::{Article, ArticleMeta, timestamp_ms};
use serde::Deserialize;
use std::io;
use std::str::FromStr;

/// One line of a corpus file, as [`super::write_jsonl`] writes it (the URL is not read).
#[derive(Deserialize)]
struct Record {
    id: String,
    text: String,
    #[serde(default)]
    outlet: String,
    #[serde(default)]
    published: Option<String>,
}

/// One JSON line of a corpus file as an article: its id, text, outlet and publication time.
/// A line that is not such an object, or a `published` that [`parse_time`] rejects, is an
/// `InvalidData` error naming the field (a time silently dropped would turn the story windows
/// off).
pub fn read_article(line: &str) -> io::Result<Article> {
    let r: Record = serde_json::from_str(line)?;
    let published_ms = r.published.as_deref().map(millis).transpose()?;
    Ok(Article {
        id: r.id,
        text: r.text.into(),
        meta: ArticleMeta {
            outlet: r.outlet,
            published_ms,
            ..Default::default()
        },
        ingested_ms: 0,
    })
}

/// An article time as `saywho import` reads it: an RFC 3339 time (`2025-02-18T09:30:00Z`) or a
/// date (`2025-02-18`, midnight UTC).
pub fn parse_time(text: &str) -> Option<prost_types::Timestamp> {
    prost_types::Timestamp::from_str(text)
        .or_else(|_| prost_types::Timestamp::from_str(&format!("{text}T00:00:00Z")))
        .ok()
}

/// [`parse_time`] as milliseconds since the Unix epoch; an `InvalidData` error naming the field.
fn millis(text: &str) -> io::Result<i64> {
    parse_time(text)
        .as_ref()
        .and_then(timestamp_ms)
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("published: {text:?} is not an RFC 3339 time or a YYYY-MM-DD date"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, CorpusConfig, write_jsonl};

    #[test]
    fn a_written_corpus_reads_back_with_its_times() {
        let config = CorpusConfig {
            articles: 30,
            seed: 7,
        };
        let mut out = Vec::new();
        write_jsonl(config, &mut out, None).expect("written to memory");
        let text = String::from_utf8(out).expect("JSON is UTF-8");
        let read: Vec<Article> = text
            .lines()
            .map(read_article)
            .collect::<io::Result<_>>()
            .expect("every line reads back");
        let written: Vec<_> = Corpus::new(config).collect();
        assert_eq!(read.len(), written.len());
        for (r, w) in read.iter().zip(&written) {
            assert_eq!(r.id, w.id);
            assert_eq!(&*r.text, w.text);
            assert_eq!(r.meta.outlet, w.outlet);
            // the file carries whole seconds
            let second = w.published_ms - w.published_ms.rem_euclid(1000);
            assert_eq!(r.meta.published_ms, Some(second));
        }
    }

    #[test]
    fn parses_corpus_timestamps() {
        let t = parse_time("2025-02-18T14:05:09Z").expect("valid");
        assert_eq!(t.seconds, 1_739_887_509);
        assert_eq!(
            parse_time("1970-01-01T00:00:00Z").map(|t| t.seconds),
            Some(0)
        );
        assert_eq!(
            parse_time("2025-02-18").map(|t| t.seconds),
            Some(1_739_836_800)
        );
        assert!(parse_time("2025-13-01T00:00:00Z").is_none());
        assert!(parse_time("yesterday").is_none());
    }

    #[test]
    fn a_bad_line_or_time_is_an_error_naming_it() {
        assert!(read_article("not json").is_err());
        assert!(read_article(r#"{"text":"no id"}"#).is_err());
        let bad = read_article(r#"{"id":"a","text":"t","published":"yesterday"}"#);
        let message = bad.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("published"), "{message}");
        let undated = read_article(r#"{"id":"a","text":"t"}"#).expect("time is optional");
        assert_eq!(undated.meta.published_ms, None);
        let at = read_article(r#"{"id":"a","text":"t","published":"1970-01-01T00:00:01.5Z"}"#);
        assert_eq!(at.ok().and_then(|a| a.meta.published_ms), Some(1500));
    }
}
