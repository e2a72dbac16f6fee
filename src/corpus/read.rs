//! Reading a written corpus back in process: the development examples (`lookprof`,
//! `memsplit`, `claim_grouping`) load a corpus file into a resolver or an index without a
//! server, and must see each article's publication time, as `saywho import` and the bench
//! send it, or the story windows never apply.

use crate::model::{Article, ArticleMeta};
use serde::Deserialize;
use std::io;

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
/// A line that is not such an object, or a `published` that is not an RFC 3339 time, is an
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

/// An RFC 3339 time as milliseconds since the Unix epoch.
fn millis(text: &str) -> io::Result<i64> {
    let invalid = || {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("published: {text:?} is not an RFC 3339 time"),
        )
    };
    let t: prost_types::Timestamp = text.parse().map_err(|_| invalid())?;
    t.seconds
        .checked_mul(1000)
        .and_then(|ms| ms.checked_add(i64::from(t.nanos) / 1_000_000))
        .ok_or_else(invalid)
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
