//! The gRPC layer: thin handlers (validate → convert → call the index → convert), the one
//! error-to-status map, and [`serve`], which assembles the server with health and reflection.
//!
//! Only this module sees the generated [`crate::pb`] types.

mod access;
mod articles;
mod claims;
mod conn;
mod import;
mod limits;
mod names;
mod publisher;
mod quotes;
mod rebuild;
mod speakers;
mod status;
mod view;
pub mod web;
mod writes;

pub use access::Access;
pub use articles::ArticleApi;
pub use claims::ClaimApi;
pub use limits::{DEFAULT_MAX_ARTICLE_BYTES, Limits};
pub use quotes::{QuoteApi, WatchStream};
pub use rebuild::Rebuilt;
pub use speakers::{MAX_SPEAKER_ARTICLES, SpeakerApi};
pub use writes::Writes;

use crate::index::Index;
use crate::pb;
use crate::pb::article_service_server::ArticleServiceServer;
use crate::pb::claim_service_server::ClaimServiceServer;
use crate::pb::quote_service_server::QuoteServiceServer;
use crate::pb::speaker_service_server::SpeakerServiceServer;
use crate::store::Store;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;
use tonic::codec::CompressionEncoding::Gzip;
use tonic::transport::server::TcpIncoming;
use tonic::transport::{Identity, Server, ServerTlsConfig};

/// How the server behaves, beyond what it serves.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    /// After the shutdown signal, how long in-flight calls and streams may run before the
    /// server stops anyway.
    pub drain_timeout: Duration,
    /// Origins browsers may call from (gRPC-Web + CORS); empty allows every origin.
    pub cors_origins: Vec<http::HeaderValue>,
    /// Count and time every call for Prometheus ([`crate::metrics`]); off by default.
    pub metrics: bool,
    /// Where writes are made durable before they are acknowledged (default: in memory only).
    pub store: Store,
    /// Size, time and concurrency limits.
    pub limits: Limits,
    /// Authentication and read-only mode.
    pub access: Access,
    /// Certificate and key to serve TLS with; plaintext when `None`.
    pub tls: Option<Identity>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            drain_timeout: Duration::from_secs(10),
            cors_origins: Vec::new(),
            metrics: false,
            store: Store::in_memory(),
            limits: Limits::default(),
            access: Access::default(),
            tls: None,
        }
    }
}

/// Errors that stop the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The reflection service could not be built from the descriptor sets.
    #[error("reflection: {0}")]
    Reflection(#[from] tonic_reflection::server::Error),
    /// The transport failed.
    #[error("transport: {0}")]
    Transport(#[from] tonic::transport::Error),
    /// The publishing thread could not be started.
    #[error("starting the publishing thread: {0}")]
    Thread(#[from] std::io::Error),
}

/// Serves the four saywho services, `grpc.health.v1` and reflection (v1 and v1alpha) on
/// `listener` until `shutdown` completes, then drains for at most `config.drain_timeout`.
/// Every service accepts gzip requests; replies are never compressed (small replies cost more
/// to compress than to send). Browsers reach every unary rpc through gRPC-Web with CORS (see
/// [`web`]); with `config.metrics` every call is counted and timed ([`crate::metrics`]).
pub async fn serve(
    config: ServeConfig,
    index: Index,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let writes = Writes::new(index, config.store.clone(), config.limits.clone())?;
    serve_with(config, writes, listener, shutdown).await
}

/// [`serve`] with a write path made before (the one that replayed the store and loaded the
/// seeds), so that one publishing thread serves the whole process. Its index, store and limits
/// are the ones served: `config.store` and `config.limits` are not read.
pub async fn serve_with(
    config: ServeConfig,
    writes: Writes,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let index = writes.index.clone();
    let (reporter, health) = tonic_health::server::health_reporter();
    reporter
        .set_serving::<ArticleServiceServer<ArticleApi>>()
        .await;
    reporter.set_serving::<QuoteServiceServer<QuoteApi>>().await;
    reporter
        .set_serving::<SpeakerServiceServer<SpeakerApi>>()
        .await;
    reporter.set_serving::<ClaimServiceServer<ClaimApi>>().await;

    // Both reflection builders list both reflection services (so `grpcurl list`, which speaks
    // only v1alpha, shows v1 too), plus google.rpc so error details decode.
    let reflection = || {
        tonic_reflection::server::Builder::configure()
            .include_reflection_service(false)
            .register_encoded_file_descriptor_set(tonic_reflection::pb::v1::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(
                tonic_reflection::pb::v1alpha::FILE_DESCRIPTOR_SET,
            )
            .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_types::pb::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
    };
    let reflection_v1 = reflection().build_v1()?.accept_compressed(Gzip);
    let reflection_v1alpha = reflection().build_v1alpha()?.accept_compressed(Gzip);

    let metrics_layer = crate::metrics::MetricsLayer::for_saywho().enabled(config.metrics);
    let (stopping, stopping_rx) = tokio::sync::watch::channel(false);
    let quote_api = QuoteApi::with_shutdown(index.clone(), stopping_rx);
    let limits = writes.limits().clone();
    let (max_in, max_out) = (
        limits.max_message_bytes,
        limits.max_message_bytes.saturating_mul(4),
    );
    let mut builder = Server::builder();
    if let Some(identity) = config.tls.clone() {
        builder = builder.tls_config(ServerTlsConfig::new().identity(identity))?;
    }
    let router = builder
        .concurrency_limit_per_connection(limits.concurrency_per_connection.max(1))
        .load_shed(true)
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .http2_keepalive_timeout(Some(Duration::from_secs(10)))
        // gRPC-Web arrives over HTTP/1.1; CORS answers browser preflights; the metrics layer
        // sits inside the web layer so it sees every call as plain gRPC.
        .accept_http1(true)
        .layer(web::cors_layer(&config.cors_origins))
        .layer(tonic_web::GrpcWebLayer::new())
        .layer(metrics_layer)
        .trace_fn(|req| tracing::info_span!("grpc", path = %req.uri().path()))
        .layer(access::GuardLayer::new(
            config.access.clone(),
            limits.request_timeout,
        ))
        .add_service(health.accept_compressed(Gzip))
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(
            ArticleServiceServer::new(ArticleApi::new(index.clone(), writes))
                .accept_compressed(Gzip)
                .max_decoding_message_size(max_in)
                .max_encoding_message_size(max_out),
        )
        .add_service(
            QuoteServiceServer::new(quote_api)
                .accept_compressed(Gzip)
                .max_decoding_message_size(max_in)
                .max_encoding_message_size(max_out),
        )
        .add_service(
            SpeakerServiceServer::new(SpeakerApi::new(index.clone()))
                .accept_compressed(Gzip)
                .max_decoding_message_size(max_in)
                .max_encoding_message_size(max_out),
        )
        .add_service(
            ClaimServiceServer::new(ClaimApi::new(index))
                .accept_compressed(Gzip)
                .max_decoding_message_size(max_in)
                .max_encoding_message_size(max_out),
        );

    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    // Without TCP_NODELAY a multi-segment reply waits ~40 ms for the client's delayed ACK.
    let incoming = conn::coalesced(TcpIncoming::from(listener).with_nodelay(Some(true)));
    let server = router.serve_with_incoming_shutdown(incoming, async {
        // A dropped sender also stops the server.
        let _ = stop_rx.await;
    });
    tokio::pin!(server);
    tokio::select! {
        result = &mut server => return Ok(result?),
        () = shutdown => {}
    }
    tracing::info!(drain = ?config.drain_timeout, "shutting down: refusing new calls, draining");
    reporter
        .set_not_serving::<ArticleServiceServer<ArticleApi>>()
        .await;
    reporter
        .set_not_serving::<QuoteServiceServer<QuoteApi>>()
        .await;
    reporter
        .set_not_serving::<SpeakerServiceServer<SpeakerApi>>()
        .await;
    reporter
        .set_not_serving::<ClaimServiceServer<ClaimApi>>()
        .await;
    // End open watch streams, then stop accepting and drain the rest.
    let _ = stopping.send(true);
    let _ = stop_tx.send(());
    match tokio::time::timeout(config.drain_timeout, server).await {
        Ok(result) => Ok(result?),
        Err(_) => {
            tracing::warn!("drain deadline passed; stopping with calls still open");
            Ok(())
        }
    }
}
