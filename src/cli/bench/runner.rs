//! The closed loop: `concurrency` callers spread over the channels, each sending its next call as
//! soon as the previous one returns, recording the latency of every call that starts after the
//! warm-up and before the end.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use saywho::pb::QuoteView;
use tonic::transport::Channel;

use super::caller::{Caller, run_tag};
use super::cpu;
use super::payload::Payloads;

/// The methods the load generator can call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub(crate) enum Method {
    /// `grpc.health.v1.Health/Check`: the framework's floor.
    Health,
    /// `QuoteService/AttributeQuote` with quoted passages and fragments, in the default (basic)
    /// view.
    AttributeQuote,
    /// The same in the full view: each piece of evidence with its earliest occurrences.
    AttributeQuoteFull,
    /// `QuoteService/ListQuotes` filtered by speaker, 20 per page, in the default (basic) view.
    ListQuotes,
    /// The same in the full view: each quote with its earliest occurrences and its wordings.
    ListQuotesFull,
    /// `QuoteService/SearchQuotes` with two-word queries, 20 per page, in the default view.
    SearchQuotes,
    /// The same in the full view.
    SearchQuotesFull,
    /// `SpeakerService/GetSpeaker`.
    GetSpeaker,
    /// `ArticleService/ListArticles` filtered by speaker, 20 per page, in the default (basic)
    /// view.
    ListArticles,
    /// `ArticleService/CreateArticle` with corpus articles under fresh ids.
    CreateArticle,
    /// Every method above, health first and again last.
    All,
}

impl Method {
    /// The name printed in reports.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Method::Health => "health",
            Method::AttributeQuote => "attribute-quote",
            Method::AttributeQuoteFull => "attribute-quote-full",
            Method::ListQuotes => "list-quotes",
            Method::ListQuotesFull => "list-quotes-full",
            Method::SearchQuotes => "search-quotes",
            Method::SearchQuotesFull => "search-quotes-full",
            Method::GetSpeaker => "get-speaker",
            Method::ListArticles => "list-articles",
            Method::CreateArticle => "create-article",
            Method::All => "all",
        }
    }

    /// The quote view an attribution, list or search asks for: unset (the server's default) or
    /// full.
    pub(super) fn quote_view(self) -> QuoteView {
        match self {
            Method::AttributeQuoteFull | Method::ListQuotesFull | Method::SearchQuotesFull => {
                QuoteView::Full
            }
            _ => QuoteView::Unspecified,
        }
    }
}

/// What one method's run measured.
#[derive(Debug)]
pub(crate) struct MethodResult {
    /// The method.
    pub(crate) method: Method,
    /// Successful calls in the measured window.
    pub(crate) ok: u64,
    /// Failed calls by gRPC code name.
    pub(crate) errors: BTreeMap<String, u64>,
    /// Length of the measured window in seconds.
    pub(crate) secs: f64,
    /// Latencies of successful calls, microseconds, sorted.
    pub(crate) latencies_us: Vec<u32>,
    /// Total bytes of the successful responses (protobuf encoded length).
    pub(crate) response_bytes: u64,
    /// Server CPU seconds and run-queue wait seconds in the window, when its pid is known.
    pub(crate) server_cpu: Option<(f64, f64)>,
}

/// Timing of one run.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Plan {
    /// Callers in flight at once.
    pub(crate) concurrency: usize,
    /// Unmeasured time first.
    pub(crate) warmup: Duration,
    /// Measured time.
    pub(crate) duration: Duration,
    /// Deadline of one call.
    pub(crate) call_timeout: Duration,
    /// The server's process id, to read its CPU time (Linux).
    pub(crate) server_pid: Option<u32>,
}

/// Runs `method` in a closed loop over `channels` and returns what was measured.
pub(crate) async fn run(
    method: Method,
    channels: &[Channel],
    payloads: Arc<Payloads>,
    plan: Plan,
) -> MethodResult {
    let start = Instant::now();
    let warm_end = start + plan.warmup;
    let end = warm_end + plan.duration;
    let tag: Arc<str> = run_tag().into();
    let sampler = plan.server_pid.map(|pid| {
        tokio::spawn(async move {
            tokio::time::sleep_until(warm_end.into()).await;
            let a = cpu::sample(pid);
            tokio::time::sleep_until(end.into()).await;
            Some(cpu::delta(&a?, &cpu::sample(pid)?))
        })
    });
    let mut tasks = tokio::task::JoinSet::new();
    let callers = plan.concurrency.max(1);
    for i in 0..callers {
        let mut caller = Caller::new(channels[i % channels.len()].clone());
        let payloads = Arc::clone(&payloads);
        let tag = Arc::clone(&tag);
        tasks.spawn(async move {
            let mut lat = Vec::with_capacity(1 << 14);
            let mut bytes = 0u64;
            let mut errors: BTreeMap<String, u64> = BTreeMap::new();
            let mut k = i;
            loop {
                let t0 = Instant::now();
                if t0 >= end {
                    break;
                }
                let call = caller.call(method, &payloads, k, &tag);
                let r = tokio::time::timeout(plan.call_timeout, call)
                    .await
                    .unwrap_or(Err(tonic::Code::DeadlineExceeded));
                k += callers;
                if t0 >= warm_end {
                    match r {
                        Ok(n) => {
                            lat.push(t0.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
                            bytes += n as u64;
                        }
                        Err(code) => *errors.entry(format!("{code:?}")).or_default() += 1,
                    }
                }
            }
            (lat, bytes, errors)
        });
    }
    let mut latencies_us = Vec::new();
    let mut response_bytes = 0u64;
    let mut errors = BTreeMap::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok((lat, bytes, errs)) => {
                latencies_us.extend(lat);
                response_bytes += bytes;
                for (code, n) in errs {
                    *errors.entry(code).or_default() += n;
                }
            }
            Err(e) => *errors.entry(format!("task failed: {e}")).or_default() += 1,
        }
    }
    let secs = Instant::now()
        .min(end)
        .saturating_duration_since(warm_end)
        .as_secs_f64();
    latencies_us.sort_unstable();
    let server_cpu = match sampler {
        Some(task) => task.await.ok().flatten(),
        None => None,
    };
    MethodResult {
        server_cpu,
        response_bytes,
        method,
        ok: latencies_us.len() as u64,
        errors,
        secs,
        latencies_us,
    }
}
