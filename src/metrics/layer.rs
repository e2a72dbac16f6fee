//! A tower layer that counts and times every gRPC call by service, method and status code.
//!
//! The status is read where gRPC puts it: in the response headers for a "trailers-only" reply
//! (how tonic answers a handler's `Err(Status)`), otherwise in the trailers at the end of the
//! response body. A call is recorded once, when its status is known; a response body dropped
//! before its trailers (client went away) counts as `CANCELLED`.
//!
//! Put the layer inside `tonic_web::GrpcWebLayer` so that gRPC-Web calls, whose trailers travel
//! inside the body, are seen after translation like any other call.

use super::{HANDLED_TOTAL, HANDLING_SECONDS};
use http::{HeaderMap, Request, Response};
use http_body::{Body, Frame, SizeHint};
use pin_project_lite::pin_project;
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::Instant;
use tonic::Code;

/// Label value for paths that are not a known method, so that clients cannot create unbounded
/// label sets by calling made-up paths.
const UNKNOWN: &str = "unknown";

/// Records [`HANDLED_TOTAL`] and [`HANDLING_SECONDS`] for every call that passes through.
///
/// A disabled layer passes calls through untouched (its body wrapper does nothing), so the
/// server has one type whether metrics are on or off.
#[derive(Clone, Debug)]
pub struct MetricsLayer {
    known: Arc<HashSet<String>>,
    enabled: bool,
}

impl MetricsLayer {
    /// A layer that labels calls to the given method paths (`/pkg.Service/Method`) by service and
    /// method; every other path is labelled `unknown`.
    pub fn new<I, S>(known_paths: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            known: Arc::new(known_paths.into_iter().map(Into::into).collect()),
            enabled: true,
        }
    }

    /// A layer that knows every saywho, health and reflection method.
    pub fn for_saywho() -> Self {
        let sets: [&[u8]; 4] = [
            crate::pb::FILE_DESCRIPTOR_SET,
            tonic_health::pb::FILE_DESCRIPTOR_SET,
            tonic_reflection::pb::v1::FILE_DESCRIPTOR_SET,
            tonic_reflection::pb::v1alpha::FILE_DESCRIPTOR_SET,
        ];
        // The sets are compiled into the binary, so decoding cannot fail in practice; if it
        // did, calls would still be counted, labelled `unknown`.
        Self::from_descriptor_sets(&sets).unwrap_or_else(|_| Self::new(Vec::<String>::new()))
    }

    /// Turns recording on or off (on by default).
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// A layer that knows every method of every service in the encoded `FileDescriptorSet`s,
    /// e.g. the crate's own descriptor set plus tonic-health's and tonic-reflection's.
    pub fn from_descriptor_sets(sets: &[&[u8]]) -> Result<Self, prost::DecodeError> {
        let mut paths = Vec::new();
        for bytes in sets {
            paths.extend(method_paths(bytes)?);
        }
        Ok(Self::new(paths))
    }
}

/// Every `/package.Service/Method` path described by an encoded `FileDescriptorSet`.
pub fn method_paths(descriptor_set: &[u8]) -> Result<Vec<String>, prost::DecodeError> {
    use prost::Message;
    let set = prost_types::FileDescriptorSet::decode(descriptor_set)?;
    let mut paths = Vec::new();
    for file in &set.file {
        let package = file.package();
        for service in &file.service {
            let full = if package.is_empty() {
                service.name().to_owned()
            } else {
                format!("{package}.{}", service.name())
            };
            paths.extend(
                service
                    .method
                    .iter()
                    .map(|m| format!("/{full}/{}", m.name())),
            );
        }
    }
    Ok(paths)
}

impl<S> tower::Layer<S> for MetricsLayer {
    type Service = MetricsService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        MetricsService {
            inner,
            known: Arc::clone(&self.known),
            enabled: self.enabled,
        }
    }
}

/// The service made by [`MetricsLayer`].
#[derive(Clone, Debug)]
pub struct MetricsService<S> {
    inner: S,
    known: Arc<HashSet<String>>,
    enabled: bool,
}

impl<S, ReqBody, ResBody> tower::Service<Request<ReqBody>> for MetricsService<S>
where
    S: tower::Service<Request<ReqBody>, Response = Response<ResBody>>,
{
    type Response = Response<MeteredBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<ReqBody>) -> Self::Future {
        if !self.enabled {
            return ResponseFuture {
                inner: self.inner.call(req),
                call: None,
            };
        }
        let path = req.uri().path();
        let (service, method) = match path.strip_prefix('/').and_then(|p| p.split_once('/')) {
            Some((service, method)) if self.known.contains(path) => {
                (service.to_owned(), method.to_owned())
            }
            _ => (UNKNOWN.to_owned(), UNKNOWN.to_owned()),
        };
        let call = Call {
            service,
            method,
            start: Instant::now(),
        };
        ResponseFuture {
            inner: self.inner.call(req),
            call: Some(call),
        }
    }
}

/// One call being timed; recorded exactly once.
#[derive(Debug)]
struct Call {
    service: String,
    method: String,
    start: Instant,
}

impl Call {
    fn finish(self, code: Code) {
        let labels = [
            ("grpc_service", self.service),
            ("grpc_method", self.method),
            ("grpc_code", code_name(code).to_owned()),
        ];
        metrics::counter!(HANDLED_TOTAL, &labels).increment(1);
        metrics::histogram!(HANDLING_SECONDS, &labels).record(self.start.elapsed().as_secs_f64());
    }
}

/// The status code in a header map, if it carries `grpc-status`.
fn grpc_status(headers: &HeaderMap) -> Option<Code> {
    let value = headers.get("grpc-status")?;
    let number = value.to_str().ok()?.parse::<i32>().ok()?;
    Some(Code::from_i32(number))
}

pin_project! {
    /// The future of [`MetricsService`]: the inner future, then the metered response.
    pub struct ResponseFuture<F> {
        #[pin]
        inner: F,
        call: Option<Call>,
    }
}

impl<F, ResBody, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
{
    type Output = Result<Response<MeteredBody<ResBody>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = ready!(this.inner.poll(cx));
        let mut call = this.call.take();
        Poll::Ready(match result {
            Ok(response) => {
                // Trailers-only reply: the status is already known.
                if let Some(code) = grpc_status(response.headers())
                    && let Some(c) = call.take()
                {
                    c.finish(code);
                }
                Ok(response.map(|inner| MeteredBody { inner, call }))
            }
            Err(err) => {
                if let Some(c) = call {
                    c.finish(Code::Internal);
                }
                Err(err)
            }
        })
    }
}

pin_project! {
    /// A response body that records its call when the trailers pass (or when it is dropped).
    pub struct MeteredBody<B> {
        #[pin]
        inner: B,
        call: Option<Call>,
    }

    impl<B> PinnedDrop for MeteredBody<B> {
        fn drop(this: Pin<&mut Self>) {
            if let Some(call) = this.project().call.take() {
                call.finish(Code::Cancelled);
            }
        }
    }
}

impl<B: Body> Body for MeteredBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = self.project();
        let frame = ready!(this.inner.poll_frame(cx));
        match &frame {
            Some(Ok(frame)) => {
                if let Some(trailers) = frame.trailers_ref()
                    && let Some(call) = this.call.take()
                {
                    call.finish(grpc_status(trailers).unwrap_or(Code::Unknown));
                }
            }
            // A body that fails or ends without trailers never delivered a status.
            Some(Err(_)) | None => {
                if let Some(call) = this.call.take() {
                    call.finish(Code::Unknown);
                }
            }
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The canonical upper-snake name of a status code, as in `google.rpc.Code`.
pub fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_is_read_from_headers() {
        let mut headers = HeaderMap::new();
        assert_eq!(grpc_status(&headers), None);
        headers.insert("grpc-status", http::HeaderValue::from_static("5"));
        assert_eq!(grpc_status(&headers), Some(Code::NotFound));
        headers.insert("grpc-status", http::HeaderValue::from_static("x"));
        assert_eq!(grpc_status(&headers), None);
    }

    #[test]
    fn code_names_match_google_rpc() {
        assert_eq!(code_name(Code::from_i32(3)), "INVALID_ARGUMENT");
        assert_eq!(code_name(Code::from_i32(16)), "UNAUTHENTICATED");
        assert_eq!(code_name(Code::from_i32(99)), "UNKNOWN");
    }

    #[test]
    fn method_paths_come_from_the_descriptor_set() {
        let paths = method_paths(tonic_health::pb::FILE_DESCRIPTOR_SET).unwrap_or_default();
        assert!(
            paths.contains(&"/grpc.health.v1.Health/Check".to_owned()),
            "{paths:?}"
        );
        assert!(
            paths.contains(&"/grpc.health.v1.Health/Watch".to_owned()),
            "{paths:?}"
        );
    }
}
