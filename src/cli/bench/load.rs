//! Loading a corpus file into the server through `ArticleService/ImportArticles` (client
//! streaming), several streams at once, and timing it: the gRPC ingest figure.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::pb::{Article, ImportArticlesRequest};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::transport::Channel;

use super::payload::CorpusLine;
use saywho::corpus::parse_time;

/// What a load measured.
#[derive(Debug, Default)]
pub(crate) struct LoadResult {
    /// Articles sent.
    pub(crate) sent: u64,
    /// Newly created.
    pub(crate) created: u64,
    /// Already present (idempotent re-import).
    pub(crate) existed: u64,
    /// Rejected, with the first few messages.
    pub(crate) failed: u64,
    /// Sample failure messages.
    pub(crate) failures: Vec<String>,
    /// Bytes of article text sent.
    pub(crate) text_bytes: u64,
    /// Wall-clock seconds from the first byte read to the last response.
    pub(crate) secs: f64,
}

fn request(a: CorpusLine) -> ImportArticlesRequest {
    let article = Article {
        publish_time: parse_time(&a.published),
        text: a.text,
        outlet: a.outlet,
        url: a.url,
        ..Default::default()
    };
    ImportArticlesRequest {
        article: Some(article),
        article_id: a.id,
        ..Default::default()
    }
}

/// Streams every article of `path` to the server over `streams` concurrent ImportArticles calls
/// of at most `batch` articles each.
pub(crate) async fn load(
    path: &Path,
    channels: &[Channel],
    streams: usize,
    batch: usize,
) -> anyhow::Result<LoadResult> {
    let started = Instant::now();
    let streams = streams.max(1);
    let (tx, rx) = async_channel(streams * 256);
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let path_text = path.display().to_string();
    let reader = tokio::task::spawn_blocking(move || -> anyhow::Result<(u64, u64)> {
        let (mut sent, mut bytes) = (0u64, 0u64);
        for (i, line) in BufReader::with_capacity(1 << 20, file).lines().enumerate() {
            let line = line.with_context(|| format!("reading {path_text}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let a: CorpusLine = serde_json::from_str(&line)
                .with_context(|| format!("{path_text}:{}: not a corpus article", i + 1))?;
            bytes += a.text.len() as u64;
            sent += 1;
            if tx.send_blocking(request(a)).is_err() {
                break;
            }
        }
        Ok((sent, bytes))
    });

    let mut workers = tokio::task::JoinSet::new();
    for w in 0..streams {
        let mut client = ArticleServiceClient::new(channels[w % channels.len()].clone())
            .max_decoding_message_size(64 << 20);
        let rx = rx.clone();
        workers.spawn(async move {
            let mut out = LoadResult::default();
            loop {
                let Ok(first) = rx.recv().await else { break };
                let (btx, brx) = mpsc::channel(256);
                let sender = {
                    let rx = rx.clone();
                    tokio::spawn(async move {
                        let _ = btx.send(first).await;
                        for _ in 1..batch {
                            let Ok(next) = rx.recv().await else { break };
                            if btx.send(next).await.is_err() {
                                break;
                            }
                        }
                    })
                };
                let resp = client.import_articles(ReceiverStream::new(brx)).await;
                let _ = sender.await;
                match resp {
                    Ok(r) => {
                        let r = r.into_inner();
                        out.created += r.created_count as u64;
                        out.existed += r.already_existed_count as u64;
                        out.failed += r.failed_count as u64;
                        for f in r
                            .results
                            .iter()
                            .filter(|f| !f.error_message.is_empty())
                            .take(3)
                        {
                            out.failures
                                .push(format!("{}: {}", f.name, f.error_message));
                        }
                    }
                    Err(status) => anyhow::bail!("ImportArticles failed: {status}"),
                }
            }
            Ok(out)
        });
    }
    drop(rx);
    let mut total = LoadResult::default();
    while let Some(joined) = workers.join_next().await {
        let r = joined.context("import worker")??;
        total.created += r.created;
        total.existed += r.existed;
        total.failed += r.failed;
        total.failures.extend(r.failures);
    }
    let (sent, bytes) = reader.await.context("reader task")??;
    total.sent = sent;
    total.text_bytes = bytes;
    total.failures.truncate(5);
    total.secs = started.elapsed().as_secs_f64();
    Ok(total)
}

/// A bounded multi-consumer queue (tokio's mpsc has one consumer): a shared receiver behind a
/// mutex is enough at these rates.
fn async_channel(cap: usize) -> (Sender, Receiver) {
    let (tx, rx) = mpsc::channel(cap);
    (
        Sender(tx),
        Receiver(std::sync::Arc::new(tokio::sync::Mutex::new(rx))),
    )
}

struct Sender(mpsc::Sender<ImportArticlesRequest>);

impl Sender {
    fn send_blocking(&self, r: ImportArticlesRequest) -> Result<(), ()> {
        self.0.blocking_send(r).map_err(drop)
    }
}

#[derive(Clone)]
struct Receiver(std::sync::Arc<tokio::sync::Mutex<mpsc::Receiver<ImportArticlesRequest>>>);

impl Receiver {
    async fn recv(&self) -> Result<ImportArticlesRequest, ()> {
        self.0.lock().await.recv().await.ok_or(())
    }
}
