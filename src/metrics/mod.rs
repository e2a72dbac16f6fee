//! Prometheus metrics: requests and latency per gRPC method and status, index sizes and ingest
//! counts, served as text on `GET /metrics` of a separate, opt-in HTTP listener.
//!
//! Metric names follow go-grpc-prometheus, so existing dashboards and alerts work unchanged:
//!
//! | metric | type | labels | what |
//! |---|---|---|---|
//! | `grpc_server_handled_total` | counter | `grpc_service`, `grpc_method`, `grpc_code` | finished calls |
//! | `grpc_server_handling_seconds` | histogram | `grpc_service`, `grpc_method`, `grpc_code` | time from request to the end of the response stream, in seconds |
//! | `saywho_index_articles`, `_quotes`, `_speakers`, `_claims` | gauge | | index sizes, read at scrape time |
//! | `saywho_articles_ingested_total` | counter | `outcome` (`created`, `already_existed`, `failed`) | ingested articles; `rate()` of it is the ingest rate |
//!
//! Recording goes through the `metrics` facade: until [`install`] runs, every recording call is a
//! no-op, so a server without `--metrics-addr` pays nothing but a few atomic loads.

mod call;
mod http;
mod layer;

pub use call::{MeteredBody, code_name};
pub use http::{Exporter, SizeProbe, serve};
pub use layer::{MetricsLayer, MetricsService, ResponseFuture, method_paths};

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use parking_lot::Mutex;

/// Counter of finished gRPC calls.
pub const HANDLED_TOTAL: &str = "grpc_server_handled_total";
/// Histogram of gRPC call durations in seconds.
pub const HANDLING_SECONDS: &str = "grpc_server_handling_seconds";
/// Counter of ingested articles by outcome.
pub const ARTICLES_INGESTED_TOTAL: &str = "saywho_articles_ingested_total";

/// Latency buckets in seconds: 100 µs to 10 s, roughly ×2.5 apart.
const LATENCY_BUCKETS: &[f64] = &[
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
    5.0, 10.0,
];

/// The handle of the recorder this module installed, if it did.
static INSTALLED: Mutex<Option<PrometheusHandle>> = Mutex::new(None);

/// Why [`install`] failed.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    /// The latency buckets were refused by the exporter.
    #[error("invalid histogram buckets: {0}")]
    Buckets(#[from] metrics_exporter_prometheus::BuildError),
    /// Some other `metrics` recorder was installed in this process first.
    #[error("another metrics recorder is already installed in this process")]
    OtherRecorder,
}

/// Installs the process-wide Prometheus recorder (once) and returns a handle that renders it.
///
/// Later calls return the same handle.
pub fn install() -> Result<PrometheusHandle, InstallError> {
    let mut installed = INSTALLED.lock();
    if let Some(handle) = installed.as_ref() {
        return Ok(handle.clone());
    }
    let recorder = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(HANDLING_SECONDS.to_owned()), LATENCY_BUCKETS)?
        .build_recorder();
    let handle = recorder.handle();
    metrics::set_global_recorder(recorder).map_err(|_| InstallError::OtherRecorder)?;
    describe();
    *installed = Some(handle.clone());
    Ok(handle)
}

/// Registers help texts, which the exporter prints as `# HELP` lines.
fn describe() {
    metrics::describe_counter!(
        HANDLED_TOTAL,
        "Total number of RPCs completed on the server, regardless of success or failure."
    );
    metrics::describe_histogram!(
        HANDLING_SECONDS,
        metrics::Unit::Seconds,
        "Time from receiving an RPC to finishing its response stream."
    );
    metrics::describe_counter!(
        ARTICLES_INGESTED_TOTAL,
        "Articles received by CreateArticle and ImportArticles, by outcome."
    );
    for (name, help) in IndexSizes::HELP {
        metrics::describe_gauge!(*name, *help);
    }
}

/// What happened to one ingested article, as counted by [`ARTICLES_INGESTED_TOTAL`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The article was stored.
    Created,
    /// The same article was already stored (idempotent retry).
    AlreadyExisted,
    /// The article was refused.
    Failed,
}

impl IngestOutcome {
    fn label(self) -> &'static str {
        match self {
            IngestOutcome::Created => "created",
            IngestOutcome::AlreadyExisted => "already_existed",
            IngestOutcome::Failed => "failed",
        }
    }
}

/// Counts one ingested article. A no-op while no recorder is installed.
pub fn record_ingest(outcome: IngestOutcome) {
    metrics::counter!(ARTICLES_INGESTED_TOTAL, "outcome" => outcome.label()).increment(1);
}

/// Sizes of the index, published as gauges each time `/metrics` is scraped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IndexSizes {
    /// Stored articles.
    pub articles: u64,
    /// Distinct quotes (each with one or more occurrences).
    pub quotes: u64,
    /// Distinct speakers.
    pub speakers: u64,
    /// Distinct claims.
    pub claims: u64,
}

impl IndexSizes {
    const HELP: &[(&str, &str)] = &[
        ("saywho_index_articles", "Articles in the index."),
        ("saywho_index_quotes", "Distinct quotes in the index."),
        ("saywho_index_speakers", "Distinct speakers in the index."),
        ("saywho_index_claims", "Distinct claims in the index."),
    ];

    /// Sets the four `saywho_index_*` gauges.
    pub fn publish(&self) {
        let values = [self.articles, self.quotes, self.speakers, self.claims];
        for ((name, _), value) in Self::HELP.iter().zip(values) {
            // Gauges are f64; index sizes stay far below 2^53, where f64 is exact.
            metrics::gauge!(*name).set(value as f64);
        }
    }
}
