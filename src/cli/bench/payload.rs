//! Request payloads for the load generator, drawn from real data: quoted passages and articles
//! sampled from a corpus file (or generated), and speaker names listed from the server itself.

use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::Context;
use saywho::corpus::{Corpus, CorpusConfig, LookupTexts};
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

/// Fills `quotes` and `queries` from the articles' quoted passages (see
/// [`LookupTexts::add_article`]).
pub(crate) fn add_quotes_from(p: &mut Payloads, articles: &[CorpusLine]) {
    let mut texts = LookupTexts::default();
    for (n, a) in articles.iter().enumerate() {
        texts.add_article(n, &a.text);
    }
    p.quotes.append(&mut texts.attribute);
    p.queries.append(&mut texts.search);
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
