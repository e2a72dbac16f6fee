//! Browser access: gRPC-Web over HTTP/1.1 (tonic-web translates it to gRPC) and the CORS policy
//! that lets pages from other origins make those calls.
//!
//! A browser calls a unary rpc with `POST /saywho.v1.QuoteService/AttributeQuote`,
//! `content-type: application/grpc-web+proto` (or `application/grpc-web-text` for base64) and a
//! length-prefixed message; the status comes back in a trailer frame inside the body. Before a
//! cross-origin call the browser sends an `OPTIONS` preflight, which the CORS layer answers.
//! Streaming from the client (ImportArticles) is not possible over gRPC-Web; server streaming
//! (WatchQuotes) works while the connection lasts.

use http::{HeaderName, HeaderValue, Method};
use std::time::Duration;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

/// How long browsers may cache a preflight answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(3600);

/// The CORS policy for gRPC and gRPC-Web calls.
///
/// `origins` lists the origins allowed to call (`https://app.example`); empty allows every
/// origin by echoing it back. Requests may carry any header (gRPC-Web clients send
/// `x-grpc-web`, `x-user-agent`, `grpc-timeout`, custom metadata); the gRPC status headers are
/// exposed so that browser code can read them.
pub fn cors_layer(origins: &[HeaderValue]) -> CorsLayer {
    let allow_origin = if origins.is_empty() {
        AllowOrigin::mirror_request()
    } else {
        AllowOrigin::list(origins.iter().cloned())
    };
    CorsLayer::new()
        .allow_origin(allow_origin)
        .allow_methods([Method::POST, Method::OPTIONS])
        .allow_headers(Any)
        .expose_headers([
            HeaderName::from_static("grpc-status"),
            HeaderName::from_static("grpc-message"),
            HeaderName::from_static("grpc-status-details-bin"),
        ])
        .max_age(PREFLIGHT_MAX_AGE)
}
