//! `--metrics-addr` of `saywho serve`: installs the Prometheus recorder and serves `/metrics`.

use anyhow::Context as _;
use saywho::index::Index;
use saywho::metrics::{Exporter, IndexSizes};
use std::net::SocketAddr;
use std::sync::Arc;

/// Binds `addr` and serves `/metrics` on a background task until it is aborted.
pub(crate) async fn start(
    addr: SocketAddr,
    index: Index,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let handle = saywho::metrics::install().context("installing the metrics recorder")?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding --metrics-addr {addr}"))?;
    let exporter = Exporter::new(handle).with_index_sizes(Arc::new(move || {
        let stats = index.stats();
        IndexSizes {
            articles: stats.articles as u64,
            quotes: stats.quotes as u64,
            speakers: stats.speakers as u64,
            claims: stats.claims as u64,
        }
    }));
    tracing::info!(addr = %listener.local_addr()?, "metrics at http://{}/metrics", listener.local_addr()?);
    Ok(tokio::spawn(saywho::metrics::serve(
        listener,
        exporter,
        std::future::pending(),
    )))
}
