//! The gRPC layer: thin handlers (validate → convert → call the index → convert), the one
//! error-to-status map, and [`serve`], which assembles the server with health and reflection.
//!
//! Only this module sees the generated [`crate::pb`] types.

mod articles;
mod claims;
mod names;
mod quotes;
mod speakers;
mod status;
mod view;
pub mod web;

pub use articles::ArticleApi;
pub use claims::ClaimApi;
pub use quotes::{QuoteApi, WatchStream};
pub use speakers::SpeakerApi;

use crate::index::Index;
use crate::pb;
use crate::pb::article_service_server::ArticleServiceServer;
use crate::pb::claim_service_server::ClaimServiceServer;
use crate::pb::quote_service_server::QuoteServiceServer;
use crate::pb::speaker_service_server::SpeakerServiceServer;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;
use tonic::codec::CompressionEncoding::Gzip;
use tonic::transport::Server;
use tonic::transport::server::TcpIncoming;

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
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            drain_timeout: Duration::from_secs(10),
            cors_origins: Vec::new(),
            metrics: false,
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
    let router = Server::builder()
        // gRPC-Web arrives over HTTP/1.1; CORS answers browser preflights; the metrics layer
        // sits inside the web layer so it sees every call as plain gRPC.
        .accept_http1(true)
        .layer(web::cors_layer(&config.cors_origins))
        .layer(tonic_web::GrpcWebLayer::new())
        .layer(metrics_layer)
        .trace_fn(|req| tracing::info_span!("grpc", path = %req.uri().path()))
        .add_service(health.accept_compressed(Gzip))
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(
            ArticleServiceServer::new(ArticleApi::new(index.clone())).accept_compressed(Gzip),
        )
        .add_service(QuoteServiceServer::new(quote_api).accept_compressed(Gzip))
        .add_service(
            SpeakerServiceServer::new(SpeakerApi::new(index.clone())).accept_compressed(Gzip),
        )
        .add_service(ClaimServiceServer::new(ClaimApi::new(index)).accept_compressed(Gzip));

    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    // Without TCP_NODELAY a multi-segment reply waits ~40 ms for the client's delayed ACK.
    let incoming = TcpIncoming::from(listener).with_nodelay(Some(true));
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
