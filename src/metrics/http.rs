//! The `/metrics` endpoint: a minimal HTTP/1.1 server that renders the Prometheus text format.

use super::IndexSizes;
use bytes::Bytes;
use http::{Method, Request, Response, StatusCode, header};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use metrics_exporter_prometheus::PrometheusHandle;
use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;

/// Reads the current index sizes; called on every scrape.
pub type SizeProbe = Arc<dyn Fn() -> IndexSizes + Send + Sync>;

/// What the endpoint renders: the recorder's handle and, optionally, a probe for index sizes.
#[derive(Clone)]
pub struct Exporter {
    handle: PrometheusHandle,
    sizes: Option<SizeProbe>,
}

impl std::fmt::Debug for Exporter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exporter")
            .field("sizes", &self.sizes.is_some())
            .finish_non_exhaustive()
    }
}

impl Exporter {
    /// An exporter over an installed recorder (see [`super::install`]).
    pub fn new(handle: PrometheusHandle) -> Self {
        Self {
            handle,
            sizes: None,
        }
    }

    /// Also publish the `saywho_index_*` gauges, read from `probe` at each scrape.
    pub fn with_index_sizes(mut self, probe: SizeProbe) -> Self {
        self.sizes = Some(probe);
        self
    }

    /// The current metrics in the Prometheus text exposition format.
    pub fn render(&self) -> String {
        if let Some(probe) = &self.sizes {
            probe().publish();
        }
        self.handle.run_upkeep();
        self.handle.render()
    }

    fn respond(&self, req: &Request<Incoming>) -> Response<Full<Bytes>> {
        let (status, content_type, body) = match (req.method(), req.uri().path()) {
            (&Method::GET, "/metrics") => (
                StatusCode::OK,
                "text/plain; version=0.0.4; charset=utf-8",
                self.render(),
            ),
            (_, "/metrics") => (
                StatusCode::METHOD_NOT_ALLOWED,
                "text/plain; charset=utf-8",
                "use GET\n".to_owned(),
            ),
            _ => (
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                "metrics are at /metrics\n".to_owned(),
            ),
        };
        let mut response = Response::new(Full::new(Bytes::from(body)));
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static(content_type),
        );
        response
    }
}

/// Serves `GET /metrics` on `listener` until `shutdown` completes.
///
/// Each connection runs on its own task; a connection that fails is logged and dropped, it
/// never stops the listener.
pub async fn serve(listener: TcpListener, exporter: Exporter, shutdown: impl Future<Output = ()>) {
    let exporter = Arc::new(exporter);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => return,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(err) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tracing::warn!(%err, "metrics listener: accept failed");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let exporter = Arc::clone(&exporter);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                let response = exporter.respond(&req);
                async move { Ok::<_, Infallible>(response) }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            if let Err(err) = conn.await {
                tracing::debug!(%err, %peer, "metrics connection ended with an error");
            }
        });
    }
}
