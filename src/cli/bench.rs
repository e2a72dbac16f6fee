//! `saywho bench`: a closed-loop gRPC load generator. It measures each chosen method and, in the
//! same run, `grpc.health.v1.Health/Check` — the framework's floor — and prints each method's
//! rate as a share of it. Optionally it first loads a corpus through ImportArticles and reports
//! the ingest rate. Loopback servers only.

mod caller;
mod cpu;
mod load;
mod payload;
mod report;
mod runner;

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tonic::transport::{Channel, Endpoint};

use self::payload::Payloads;
use self::runner::{Method, Plan};

/// Longest measured time per method, whatever the flags say.
const MAX_DURATION_SECS: f64 = 60.0;
/// Longest warm-up per method.
const MAX_WARMUP_SECS: f64 = 10.0;

/// Flags of `saywho bench`.
#[derive(Debug, clap::Args)]
pub(crate) struct BenchArgs {
    /// Server URL; must be a loopback address (127.0.0.0/8, ::1, localhost).
    #[arg(long, default_value = "http://127.0.0.1:50051")]
    server: String,
    /// Calls in flight at once (closed loop: each caller waits for its reply).
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// HTTP/2 connections the callers are spread over.
    #[arg(long, default_value_t = 2)]
    connections: usize,
    /// Measured seconds per method (capped at 60).
    #[arg(long, default_value_t = 5.0)]
    duration: f64,
    /// Unmeasured warm-up seconds before each method (capped at 10).
    #[arg(long, default_value_t = 1.0)]
    warmup: f64,
    /// Methods to measure (comma-separated). `all` measures every one, with health first and last.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "all")]
    method: Vec<Method>,
    /// Corpus JSON Lines to draw quoted passages and CreateArticle bodies from. Without it, quotes
    /// come from the server's ListQuotes and articles from the built-in generator.
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Load this corpus JSON Lines file through ImportArticles first, and report the ingest rate.
    #[arg(long)]
    load: Option<PathBuf>,
    /// Concurrent ImportArticles streams for --load.
    #[arg(long, default_value_t = 2)]
    load_streams: usize,
    /// Articles per ImportArticles stream for --load.
    #[arg(long, default_value_t = 1000)]
    load_batch: usize,
    /// Articles sampled from the corpus for payloads.
    #[arg(long, default_value_t = 2000)]
    sample: usize,
    /// The server's process id: adds the server's CPU time and run-queue wait per call (Linux).
    #[arg(long)]
    server_pid: Option<u32>,
    /// Write the results as JSON to this file too.
    #[arg(long)]
    json: Option<PathBuf>,
}

/// Rejects any server that is not on this machine's loopback.
fn loopback_endpoint(server: &str) -> anyhow::Result<Endpoint> {
    let uri: http::Uri = server
        .parse()
        .with_context(|| format!("--server {server:?} is not a URL"))?;
    let host = uri
        .host()
        .unwrap_or_default()
        .trim_start_matches('[')
        .trim_end_matches(']');
    let loopback = host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    anyhow::ensure!(
        loopback,
        "--server must be a loopback address (127.0.0.1, ::1, localhost), not {host:?}"
    );
    Ok(Endpoint::from_shared(server.to_string())?
        .connect_timeout(Duration::from_secs(5))
        .tcp_nodelay(true))
}

fn secs(v: f64, max: f64, flag: &str) -> anyhow::Result<Duration> {
    anyhow::ensure!(
        v.is_finite() && v >= 0.0,
        "{flag} must be a non-negative number of seconds"
    );
    Ok(Duration::from_secs_f64(v.min(max)))
}

/// The methods to run, in order: `all` expands to health, every method, health again.
fn expand(methods: &[Method]) -> Vec<Method> {
    if methods.contains(&Method::All) {
        return vec![
            Method::Health,
            Method::AttributeQuote,
            Method::AttributeQuoteFull,
            Method::ListQuotes,
            Method::ListQuotesFull,
            Method::SearchQuotes,
            Method::SearchQuotesFull,
            Method::GetSpeaker,
            Method::ListArticles,
            Method::CreateArticle,
            Method::Health,
        ];
    }
    let mut out: Vec<Method> = methods.to_vec();
    out.dedup();
    if !out.contains(&Method::Health) {
        out.insert(0, Method::Health);
    }
    out
}

/// Runs `saywho bench`.
pub(crate) async fn run(args: BenchArgs) -> anyhow::Result<()> {
    let endpoint = loopback_endpoint(&args.server)?;
    // with a `--json` report to write, standard output only shows the figures (see `shown`)
    let json = args.json.is_some();
    let plan = Plan {
        concurrency: args.concurrency.clamp(1, 4096),
        warmup: secs(args.warmup, MAX_WARMUP_SECS, "--warmup")?,
        duration: secs(args.duration, MAX_DURATION_SECS, "--duration")?,
        call_timeout: Duration::from_secs(5),
        server_pid: args.server_pid,
    };
    let mut channels: Vec<Channel> = Vec::new();
    for _ in 0..args.connections.clamp(1, 256) {
        channels.push(
            endpoint
                .connect()
                .await
                .with_context(|| format!("cannot connect to {}", args.server))?,
        );
    }

    if let Some(path) = &args.load {
        let r = load::load(path, &channels, args.load_streams, args.load_batch.max(1)).await?;
        shown(
            outln!(
                "load: {} articles ({} created, {} already existed, {} failed), {:.1} MB text in {:.2} s = {:.0} articles/s, {:.2} MB/s",
                r.sent,
                r.created,
                r.existed,
                r.failed,
                r.text_bytes as f64 / 1e6,
                r.secs,
                r.sent as f64 / r.secs.max(1e-9),
                r.text_bytes as f64 / 1e6 / r.secs.max(1e-9)
            ),
            json,
        )?;
        for f in &r.failures {
            shown(outln!("  failed: {f}"), json)?;
        }
    }

    let methods = expand(&args.method);
    let mut p = Payloads::default();
    let sample = match &args.corpus {
        Some(path) => payload::sample_file(path, args.sample)?,
        None => Vec::new(),
    };
    payload::add_quotes_from(&mut p, &sample);
    if p.quotes.is_empty() {
        p.quotes = payload::quotes_from_server(&channels[0], args.sample).await?;
        p.queries = p.quotes.iter().filter_map(|q| two_words(q)).collect();
    }
    p.speakers = payload::speakers_from_server(&channels[0], args.sample).await?;
    p.articles = if sample.is_empty() {
        payload::generated(args.sample.min(500), 77)
    } else {
        sample
    };
    shown(
        outln!(
            "server {} | {} connections, {} in flight | warm-up {:.1} s, {:.1} s per method | payloads: {} quotes, {} queries, {} speakers, {} articles",
            args.server,
            channels.len(),
            plan.concurrency,
            plan.warmup.as_secs_f64(),
            plan.duration.as_secs_f64(),
            p.quotes.len(),
            p.queries.len(),
            p.speakers.len(),
            p.articles.len()
        ),
        json,
    )?;
    let payloads = Arc::new(p);
    let mut results = Vec::new();
    for m in methods {
        let r = runner::run(m, &channels, Arc::clone(&payloads), plan).await;
        results.push(r);
    }
    let rows = report::rows(&results);
    // the file first: a reader of standard output that has gone (`| head`) loses no figures
    if let Some(path) = &args.json {
        let f = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        serde_json::to_writer_pretty(f, &rows)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    shown(out!("{}", report::table(&rows)), json)?;
    Ok(())
}

/// What became of a write to standard output: its error ends the run (see `cli::main` for a
/// closed pipe), unless a `--json` report is to be written (`json`), which then keeps every
/// figure whatever became of standard output.
fn shown(written: std::io::Result<()>, json: bool) -> std::io::Result<()> {
    match written {
        Err(_) if json => Ok(()),
        written => written,
    }
}

/// A two-word query from a quote (its first and last words of five letters or more).
fn two_words(q: &str) -> Option<String> {
    let long: Vec<&str> = q
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.len() >= 5)
        .collect();
    (long.len() >= 2).then(|| format!("{} {}", long[0], long[long.len() - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_servers() {
        assert!(loopback_endpoint("http://127.0.0.1:50051").is_ok());
        assert!(loopback_endpoint("http://127.3.4.5:1").is_ok());
        assert!(loopback_endpoint("http://localhost:50051").is_ok());
        assert!(loopback_endpoint("http://[::1]:50051").is_ok());
        assert!(loopback_endpoint("http://10.0.0.1:50051").is_err());
        assert!(loopback_endpoint("http://example.com:50051").is_err());
    }

    #[test]
    fn all_brackets_methods_with_health() {
        let m = expand(&[Method::All]);
        assert_eq!(m.first(), Some(&Method::Health));
        assert_eq!(m.last(), Some(&Method::Health));
        assert_eq!(
            expand(&[Method::GetSpeaker]),
            vec![Method::Health, Method::GetSpeaker]
        );
    }
}
