//! `saywho serve` (the default command): load the seeds and serve gRPC until SIGINT/SIGTERM.

mod hardening;

use anyhow::Context as _;
use saywho::index::Index;
use saywho::service::{self, ServeConfig, Writes};
use saywho::store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Flags of `saywho serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on.
    #[arg(
        long,
        env = "SAYWHO_ADDR",
        default_value = "127.0.0.1:50051",
        value_name = "HOST:PORT"
    )]
    addr: SocketAddr,
    /// Folder of the durable store; created if missing. Every acknowledged article is kept
    /// there and the index is rebuilt from it at start-up.
    #[arg(
        long,
        env = "SAYWHO_DATA_DIR",
        default_value = "saywho-data",
        value_name = "DIR"
    )]
    data_dir: PathBuf,
    /// Keep nothing on disk: articles live only as long as the process.
    #[arg(long, conflicts_with = "data_dir")]
    in_memory: bool,
    /// Write the bound address (HOST:PORT) to this file once listening (useful with port 0).
    #[arg(long, value_name = "FILE")]
    addr_file: Option<PathBuf>,
    #[command(flatten)]
    hardening: Box<hardening::HardeningArgs>,
    /// Folder of seed articles (`*.txt`, optional `manifest.json`) loaded at start-up.
    /// Default: `$SAYWHO_SEEDS`, else the crate's `seeds/`.
    #[arg(long, value_name = "DIR")]
    seeds: Option<PathBuf>,
    /// Start empty, without the seed articles.
    #[arg(long)]
    no_seeds: bool,
    /// Seconds in-flight calls may run after a shutdown signal.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    drain_timeout: u64,
    /// Log as JSON lines instead of text. The level comes from `RUST_LOG` (default `info`).
    #[arg(long)]
    log_json: bool,
    /// Log format: `text` or `json` (one JSON object per line; same as `--log-json`).
    #[arg(long, value_enum, default_value_t = LogFormat::Text, env = "SAYWHO_LOG_FORMAT")]
    log_format: LogFormat,
    /// Serve Prometheus metrics on `http://ADDR/metrics` (off when not given).
    #[arg(long, env = "SAYWHO_METRICS_ADDR", value_name = "HOST:PORT")]
    metrics_addr: Option<SocketAddr>,
    /// An origin browsers may call from over gRPC-Web (`https://app.example`); repeat for more.
    /// Without it every origin may call.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<http::HeaderValue>,
}

/// How `saywho serve` writes its logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Runs `saywho serve`.
pub(crate) async fn run(args: ServeArgs) -> anyhow::Result<()> {
    init_tracing(args.log_json || args.log_format == LogFormat::Json);
    let index = Index::new();
    let store = if args.in_memory {
        tracing::warn!("--in-memory: nothing is written to disk; articles are lost on exit");
        Store::in_memory()
    } else {
        let dir = args.data_dir.clone();
        tokio::task::spawn_blocking(move || Store::open(&dir))
            .await
            .context("store opening task")??
    };
    let limits = args.hardening.limits();
    let writes = Writes::new(index.clone(), store.clone(), limits.clone())
        .context("starting the publishing thread")?;
    if store.is_durable() {
        let rebuilder = writes.clone();
        let started = std::time::Instant::now();
        let rebuilt = tokio::task::spawn_blocking(move || rebuilder.rebuild())
            .await
            .context("rebuild task")?
            .with_context(|| format!("reading the store in {}", args.data_dir.display()))?;
        tracing::info!(dir = %args.data_dir.display(), from_snapshot = rebuilt.from_snapshot, restored = rebuilt.restored, skipped = rebuilt.skipped, dropped = rebuilt.dropped, elapsed = ?started.elapsed(), "index rebuilt from the snapshot and the store");
    }
    if !args.no_seeds {
        let dir = saywho::seed::seeds_dir(args.seeds.as_deref());
        let n = writes
            .load_seeds(&dir)
            .await
            .with_context(|| format!("loading seeds from {}", dir.display()))?;
        let stats = index.stats();
        tracing::info!(seeds = n, dir = %dir.display(), quotes = stats.quotes, speakers = stats.speakers, claims = stats.claims, "seeds loaded (0: already loaded into this data directory)");
    }
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("binding {}", args.addr))?;
    let bound = listener.local_addr()?;
    tracing::info!(addr = %bound, "saywho listening");
    if let Some(path) = &args.addr_file {
        std::fs::write(path, bound.to_string())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let metrics_task = match args.metrics_addr {
        Some(addr) => Some(super::metrics::start(addr, index.clone()).await?),
        None => None,
    };
    let config = ServeConfig {
        drain_timeout: Duration::from_secs(args.drain_timeout),
        cors_origins: args.cors_origins,
        metrics: metrics_task.is_some(),
        store,
        limits,
        access: args.hardening.access(),
        tls: args.hardening.tls_identity()?,
    };
    service::serve_with(config, writes.clone(), listener, stop_signal()).await?;
    if writes.store().is_durable() {
        save_snapshot(writes).await;
    }
    if let Some(task) = metrics_task {
        task.abort();
    }
    tracing::info!("saywho stopped");
    Ok(())
}

/// Writes the index snapshot the next start loads; a failure is logged (the next start then
/// replays the store, which is slower but loses nothing).
async fn save_snapshot(writes: Writes) {
    let started = std::time::Instant::now();
    match tokio::task::spawn_blocking(move || writes.save_snapshot()).await {
        Ok(Ok(Some(bytes))) => {
            tracing::info!(bytes, elapsed = ?started.elapsed(), "index snapshot written")
        }
        Ok(Ok(None)) => {
            tracing::info!("index snapshot kept: nothing changed since it was loaded or written")
        }
        Ok(Err(err)) => tracing::warn!(error = %err, "index snapshot not written"),
        Err(err) => tracing::warn!(error = %err, "index snapshot task failed"),
    }
}

fn init_tracing(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        // colours only on a terminal, never in a log file
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    // A second init (tests, embedding) keeps the first subscriber.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn stop_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!("cannot listen for Ctrl-C: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!("cannot listen for SIGTERM: {e}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("SIGINT received"),
        () = term => tracing::info!("SIGTERM received"),
    }
}
