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
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            drain_timeout: Duration::from_secs(10),
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
/// to compress than to send).
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

    let reflection = || {
        tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_types::pb::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
    };
    let reflection_v1 = reflection().build_v1()?.accept_compressed(Gzip);
    let reflection_v1alpha = reflection().build_v1alpha()?.accept_compressed(Gzip);

    let router = Server::builder()
        .trace_fn(|req| tracing::info_span!("grpc", path = %req.uri().path()))
        .add_service(health.accept_compressed(Gzip))
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(
            ArticleServiceServer::new(ArticleApi::new(index.clone())).accept_compressed(Gzip),
        )
        .add_service(QuoteServiceServer::new(QuoteApi::new(index.clone())).accept_compressed(Gzip))
        .add_service(
            SpeakerServiceServer::new(SpeakerApi::new(index.clone())).accept_compressed(Gzip),
        )
        .add_service(ClaimServiceServer::new(ClaimApi::new(index)).accept_compressed(Gzip));

    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let incoming = TcpIncoming::from(listener);
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
    let _ = stop_tx.send(());
    match tokio::time::timeout(config.drain_timeout, server).await {
        Ok(result) => Ok(result?),
        Err(_) => {
            tracing::warn!("drain deadline passed; stopping with calls still open");
            Ok(())
        }
    }
}
