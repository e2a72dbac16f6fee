//! Request payloads for the load generator, drawn from real data: quoted passages and articles
//! sampled from a corpus file (or generated), and speaker names listed from the server itself.

use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::Context;
use saywho::corpus::{Corpus, CorpusConfig};
use saywho::pb::speaker_service_client::SpeakerServiceClient;
use saywho::pb::{
    ListQuotesRequest, ListSpeakersRequest, quote_service_client::QuoteServiceClient,
};
use serde::Deserialize;
use tonic::transport::Channel;

/// One article of a corpus file, as `saywho extract` and ImportArticles read it.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct CorpusLine {
    /// Article id.
    pub(crate) id: String,
    /// Article text.
    pub(crate) text: String,
    /// Outlet name.
    #[serde(default)]
    pub(crate) outlet: String,
    /// URL.
    #[serde(default)]
    pub(crate) url: String,
    /// RFC 3339 publication time.
    #[serde(default)]
    pub(crate) published: String,
}

/// Everything the callers draw from, round-robin.
#[derive(Debug, Default)]
pub(crate) struct Payloads {
    /// Texts to attribute: whole quoted passages and fragments of them.
    pub(crate) quotes: Vec<String>,
    /// Full-text queries: two or three words from quoted passages.
    pub(crate) queries: Vec<String>,
    /// Speaker resource names (`speakers/…`) listed from the server.
    pub(crate) speakers: Vec<String>,
    /// Articles for CreateArticle (sent with fresh ids).
    pub(crate) articles: Vec<CorpusLine>,
}

/// Reads up to `max` articles spread evenly over a JSON Lines corpus file (two passes: count the
/// lines, then keep every k-th).
pub(crate) fn sample_file(path: &Path, max: usize) -> anyhow::Result<Vec<CorpusLine>> {
    let open = || -> anyhow::Result<BufReader<std::fs::File>> {
        let f =
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        Ok(BufReader::with_capacity(1 << 20, f))
    };
    let lines = open()?.lines().count();
    let stride = lines.div_ceil(max.max(1)).max(1);
    let mut out = Vec::with_capacity(max.min(lines));
    for (i, line) in open()?.lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        if i % stride != 0 || line.trim().is_empty() {
            continue;
        }
        let a: CorpusLine = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a corpus article", path.display(), i + 1))?;
        out.push(a);
    }
    Ok(out)
}

/// Generates `n` articles with the built-in generator (for CreateArticle when no file is given).
pub(crate) fn generated(n: usize, seed: u64) -> Vec<CorpusLine> {
    Corpus::new(CorpusConfig {
        articles: n as u64,
        seed,
    })
    .map(|a| CorpusLine {
        id: a.id,
        text: a.text,
        outlet: a.outlet,
        url: a.url,
        published: a.published,
    })
    .collect()
}

/// The passages between double quote marks (straight or curly) with at least four words.
pub(crate) fn quoted_passages(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['"', '\u{201C}']) {
        let after = &rest[open + rest[open..].chars().next().map_or(1, char::len_utf8)..];
        let Some(close) = after.find(['"', '\u{201D}', '\n']) else {
            break;
        };
        let passage = after[..close].trim();
        if passage.split_whitespace().count() >= 4 {
            out.push(passage);
        }
        let skip = after[close..].chars().next().map_or(0, char::len_utf8);
        rest = &after[close + skip..];
    }
    out
}

/// Fills `quotes` and `queries` from the articles' quoted passages: each passage whole, a
/// five-to-nine-word fragment of it (lower-cased, as a user pastes half-remembered words), and a
/// query of two longer words.
pub(crate) fn add_quotes_from(p: &mut Payloads, articles: &[CorpusLine]) {
    for (n, a) in articles.iter().enumerate() {
        for (k, passage) in quoted_passages(&a.text).into_iter().enumerate() {
            p.quotes
                .push(passage.trim_end_matches([',', '.']).to_string());
            let words: Vec<&str> = passage.split_whitespace().collect();
            if words.len() >= 6 {
                let len = 5 + (n + k) % 5;
                let start = (n * 7 + k * 3) % (words.len().saturating_sub(len) + 1);
                let frag = words[start..(start + len).min(words.len())].join(" ");
                p.quotes.push(frag.to_lowercase());
            }
            let long: Vec<&str> = words
                .iter()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| w.len() >= 5)
                .collect();
            if long.len() >= 2 {
                p.queries
                    .push(format!("{} {}", long[0], long[long.len() - 1]));
            }
        }
    }
}

/// Lists up to `max` speaker names from the server.
pub(crate) async fn speakers_from_server(ch: &Channel, max: usize) -> anyhow::Result<Vec<String>> {
    let mut client = SpeakerServiceClient::new(ch.clone());
    let mut out = Vec::new();
    let mut token = String::new();
    while out.len() < max {
        let req = ListSpeakersRequest {
            page_size: 1000,
            page_token: token,
            ..Default::default()
        };
        let page = client
            .list_speakers(req)
            .await
            .context("ListSpeakers")?
            .into_inner();
        out.extend(page.speakers.into_iter().map(|s| s.name));
        if page.next_page_token.is_empty() {
            break;
        }
        token = page.next_page_token;
    }
    out.truncate(max);
    Ok(out)
}

/// Lists up to `max` quote texts from the server (when no corpus file gives them).
pub(crate) async fn quotes_from_server(ch: &Channel, max: usize) -> anyhow::Result<Vec<String>> {
    let mut client = QuoteServiceClient::new(ch.clone());
    let mut out = Vec::new();
    let mut token = String::new();
    while out.len() < max {
        let req = ListQuotesRequest {
            page_size: 1000,
            page_token: token,
            ..Default::default()
        };
        let page = client
            .list_quotes(req)
            .await
            .context("ListQuotes")?
            .into_inner();
        out.extend(page.quotes.into_iter().map(|q| q.text));
        if page.next_page_token.is_empty() {
            break;
        }
        token = page.next_page_token;
    }
    out.truncate(max);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_between_straight_and_curly_marks() {
        let t = "“We will not be rushed at all,” he said. \"Too short\" and \"one two three four\"\n\"open";
        assert_eq!(
            quoted_passages(t),
            vec!["We will not be rushed at all,", "one two three four"]
        );
    }
}
