//! Who may call what, and for how long: one tower layer in front of every service.
//!
//! - `--auth-token`: writes (CreateArticle, ImportArticles, DeleteArticle) need
//!   `authorization: Bearer <token>`; with `--auth-reads` every saywho call does. Health and
//!   reflection stay open so probes and grpcurl `list` keep working. UNAUTHENTICATED otherwise.
//! - `--read-only`: writes are FAILED_PRECONDITION.
//! - `--request-timeout`: a unary call still running after it is DEADLINE_EXCEEDED. Streaming
//!   calls (ImportArticles, WatchQuotes) are exempt; ImportArticles has an idle limit instead.
//!
//! Every refusal is a gRPC status whose message names the flag behind it.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tonic::Status;

/// Access rules of a server.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Access {
    /// Bearer token writes need (and reads, with `auth_reads`). `None`: no authentication.
    pub token: Option<String>,
    /// Whether reads need the token too.
    pub auth_reads: bool,
    /// Whether every write is refused.
    pub read_only: bool,
}

/// What a method does, for the rules above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Health and reflection: always open, never timed out by this layer.
    Open,
    /// A saywho unary read.
    Read,
    /// A saywho streaming read (WatchQuotes).
    StreamRead,
    /// A saywho unary write.
    Write,
    /// A saywho streaming write (ImportArticles).
    StreamWrite,
}

fn classify(path: &str) -> Kind {
    match path {
        "/saywho.v1.ArticleService/CreateArticle" | "/saywho.v1.ArticleService/DeleteArticle" => {
            Kind::Write
        }
        "/saywho.v1.ArticleService/ImportArticles" => Kind::StreamWrite,
        "/saywho.v1.QuoteService/WatchQuotes" => Kind::StreamRead,
        p if p.starts_with("/saywho.") => Kind::Read,
        _ => Kind::Open,
    }
}

/// Compares without stopping at the first difference (no timing hint about the token).
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

impl Access {
    /// The refusal for a call to `path` with these headers, if any.
    fn refusal(&self, path: &str, headers: &http::HeaderMap) -> Option<Status> {
        let kind = classify(path);
        let write = matches!(kind, Kind::Write | Kind::StreamWrite);
        let needs_token =
            write || (self.auth_reads && matches!(kind, Kind::Read | Kind::StreamRead));
        if let (Some(token), true) = (&self.token, needs_token) {
            let given = headers
                .get(http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "));
            if !given.is_some_and(|g| same_secret(g.as_bytes(), token.as_bytes())) {
                let what = if write { "writes" } else { "calls" };
                return Some(Status::unauthenticated(format!(
                    "missing or wrong bearer token: {what} need the header \
                     `authorization: Bearer <token>` (--auth-token)"
                )));
            }
        }
        if self.read_only && write {
            let method = path.rsplit('/').next().unwrap_or(path);
            return Some(Status::failed_precondition(format!(
                "the server is read-only (--read-only): {method} is refused"
            )));
        }
        None
    }
}

/// The layer: access rules plus the unary request timeout.
#[derive(Clone, Debug)]
pub(crate) struct GuardLayer {
    access: Arc<Access>,
    timeout: Duration,
}

impl GuardLayer {
    pub(crate) fn new(access: Access, timeout: Duration) -> Self {
        GuardLayer {
            access: Arc::new(access),
            timeout,
        }
    }
}

impl<S> tower::Layer<S> for GuardLayer {
    type Service = Guard<S>;
    fn layer(&self, inner: S) -> Guard<S> {
        Guard {
            inner,
            access: Arc::clone(&self.access),
            timeout: self.timeout,
        }
    }
}

/// The service [`GuardLayer`] makes.
#[derive(Clone, Debug)]
pub(crate) struct Guard<S> {
    inner: S,
    access: Arc<Access>,
    timeout: Duration,
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

impl<S, ReqBody, ResBody> tower::Service<http::Request<ReqBody>> for Guard<S>
where
    S: tower::Service<http::Request<ReqBody>, Response = http::Response<ResBody>>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    ReqBody: Send + 'static,
    ResBody: Default + Send + 'static,
{
    type Response = http::Response<ResBody>;
    type Error = S::Error;
    type Future = BoxFuture<Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<ReqBody>) -> Self::Future {
        let path = req.uri().path().to_owned();
        if let Some(status) = self.access.refusal(&path, req.headers()) {
            return Box::pin(std::future::ready(Ok(status.into_http())));
        }
        // The clone is ready-polled by the next caller; this call keeps the polled one.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let limit = matches!(classify(&path), Kind::Read | Kind::Write).then_some(self.timeout);
        Box::pin(async move {
            let call = inner.call(req);
            let result = match limit {
                None => call.await,
                Some(limit) => match tokio::time::timeout(limit, call).await {
                    Ok(result) => result,
                    Err(_) => Ok(Status::deadline_exceeded(format!(
                        "the call took longer than {limit:?} (--request-timeout)"
                    ))
                    .into_http()),
                },
            };
            result.map(explain_transport_refusals)
        })
    }
}

/// Makes tonic's own refusals as clear as ours. A request it cannot decode (invalid UTF-8 in a
/// string field, a malformed message) comes back INTERNAL; it is the caller's input that is
/// wrong, so it becomes INVALID_ARGUMENT, keeping tonic's message, which names the field. A
/// message over the size limit (OUT_OF_RANGE) gets the flag that sets the limit added.
fn explain_transport_refusals<B>(mut response: http::Response<B>) -> http::Response<B> {
    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }
    let headers = response.headers_mut();
    let status = headers.get("grpc-status").map(|v| v.as_bytes().to_vec());
    let message = headers
        .get("grpc-message")
        .map(|v| v.as_bytes().to_vec())
        .unwrap_or_default();
    match status.as_deref() {
        Some(b"13") if message.starts_with(b"failed%20to%20decode%20Protobuf%20message") => {
            headers.insert("grpc-status", http::HeaderValue::from_static("3"));
        }
        Some(b"11") if contains(&message, b"decoded%20message%20length%20too%20large") => {
            let mut explained = message;
            explained.extend_from_slice(b"%20(--max-message-bytes)");
            if let Ok(value) = http::HeaderValue::from_bytes(&explained) {
                headers.insert("grpc-message", value);
            }
        }
        _ => {}
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(token: Option<&str>) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        if let Some(t) = token {
            h.insert(
                http::header::AUTHORIZATION,
                format!("Bearer {t}").parse().expect("header"),
            );
        }
        h
    }

    const CREATE: &str = "/saywho.v1.ArticleService/CreateArticle";
    const GET: &str = "/saywho.v1.ArticleService/GetArticle";
    const HEALTH: &str = "/grpc.health.v1.Health/Check";

    #[test]
    fn token_guards_writes_and_optionally_reads() {
        let access = Access {
            token: Some("s3cret".into()),
            ..Access::default()
        };
        let refused = access.refusal(CREATE, &headers(None)).expect("refused");
        assert_eq!(refused.code(), tonic::Code::Unauthenticated);
        assert!(refused.message().contains("--auth-token"));
        assert!(access.refusal(CREATE, &headers(Some("wrong"))).is_some());
        assert!(access.refusal(CREATE, &headers(Some("s3cret"))).is_none());
        assert!(
            access.refusal(GET, &headers(None)).is_none(),
            "reads open by default"
        );
        let strict = Access {
            auth_reads: true,
            ..access
        };
        assert!(strict.refusal(GET, &headers(None)).is_some());
        assert!(
            strict.refusal(HEALTH, &headers(None)).is_none(),
            "health stays open"
        );
    }

    #[test]
    fn read_only_refuses_writes_only() {
        let access = Access {
            read_only: true,
            ..Access::default()
        };
        let refused = access.refusal(CREATE, &headers(None)).expect("refused");
        assert_eq!(refused.code(), tonic::Code::FailedPrecondition);
        assert!(
            refused.message().contains("--read-only")
                && refused.message().contains("CreateArticle")
        );
        assert!(
            access
                .refusal("/saywho.v1.ArticleService/ImportArticles", &headers(None))
                .is_some()
        );
        assert!(access.refusal(GET, &headers(None)).is_none());
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"ab", b"abc"));
    }
}
