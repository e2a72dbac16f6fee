//! A tower layer that counts and times every gRPC call by service, method and status code.
//!
//! The status is read where gRPC puts it: in the response headers for a "trailers-only" reply
//! (how tonic answers a handler's `Err(Status)`), otherwise in the trailers at the end of the
//! response body. A call is recorded once, when its status is known; a response body dropped
//! before its trailers (client went away) counts as `CANCELLED`.
//!
//! Put the layer inside `tonic_web::GrpcWebLayer` so that gRPC-Web calls, whose trailers travel
//! inside the body, are seen after translation like any other call.

use super::call::{Call, MeteredBody, grpc_status};
use http::{Request, Response};
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
                Ok(response.map(|inner| MeteredBody::new(inner, call)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderMap;

    /// Drives `requests` (path, status, read the body to the end?) through the layer over a
    /// fake service, and renders what was recorded. A status `hN` comes in the response headers
    /// (a trailers-only reply), any other in the trailers after one message.
    fn record(requests: &[(&str, &str, bool)]) -> String {
        use http_body_util::BodyExt as _;
        use tower::{Layer as _, Service as _};
        type Reply = http_body_util::combinators::BoxBody<bytes::Bytes, std::convert::Infallible>;
        let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        metrics::with_local_recorder(&recorder, || {
            let inner = tower::service_fn(|req: Request<()>| async move {
                let status = req.uri().query().unwrap_or("0").to_owned();
                let message = http_body_util::Full::new(bytes::Bytes::from_static(b"msg"));
                if let Some(code) = status.strip_prefix('h') {
                    let mut response = Response::new(Reply::new(message));
                    let value = code.parse().map_err(|_| "status")?;
                    response.headers_mut().insert("grpc-status", value);
                    return Ok(response);
                }
                let mut trailers = HeaderMap::new();
                trailers.insert("grpc-status", status.parse().map_err(|_| "status")?);
                let body = message.with_trailers(async move { Some(Ok(trailers)) });
                Ok::<_, &str>(Response::new(Reply::new(body)))
            });
            let mut svc = MetricsLayer::new(["/pkg.Svc/Known"]).layer(inner);
            for (path, status, read_body) in requests {
                let req = Request::builder().uri(format!("{path}?{status}")).body(());
                let run = async {
                    let Ok(req) = req else { return };
                    let Ok(response) = svc.call(req).await else {
                        return;
                    };
                    if *read_body {
                        let _ = response.into_body().collect().await;
                    }
                };
                futures::executor::block_on(run);
            }
        });
        handle.render()
    }

    #[test]
    fn calls_are_counted_once_by_method_and_code() {
        let text = record(&[
            ("/pkg.Svc/Known", "0", true),
            ("/pkg.Svc/Known", "3", true),
            ("/pkg.Svc/Known", "h5", true),
            ("/pkg.Svc/Known", "0", false),
            ("/made/Up", "h12", true),
        ]);
        let line = |labels: &str| format!("grpc_server_handled_total{{{labels}}} 1");
        let known = r#"grpc_service="pkg.Svc",grpc_method="Known""#;
        for want in [
            line(&format!(r#"{known},grpc_code="OK""#)),
            line(&format!(r#"{known},grpc_code="INVALID_ARGUMENT""#)),
            line(&format!(r#"{known},grpc_code="NOT_FOUND""#)),
            // The body was dropped before its trailers: the client went away.
            line(&format!(r#"{known},grpc_code="CANCELLED""#)),
            line(r#"grpc_service="unknown",grpc_method="unknown",grpc_code="UNIMPLEMENTED""#),
        ] {
            assert!(text.contains(&want), "{want} not in\n{text}");
        }
        // Each call once: a trailers-only reply is not counted again when its body ends.
        assert!(!text.contains(r#"grpc_code="UNKNOWN""#), "{text}");
        assert!(!text.contains("made"), "{text}");
    }

    #[test]
    fn a_disabled_layer_records_nothing() {
        let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        metrics::with_local_recorder(&recorder, || {
            use tower::{Layer as _, Service as _};
            let inner = tower::service_fn(|_req: Request<()>| async {
                Ok::<_, std::convert::Infallible>(Response::new(http_body_util::Empty::<
                    bytes::Bytes,
                >::new()))
            });
            let mut svc = MetricsLayer::new(["/a/B"]).enabled(false).layer(inner);
            let req = Request::builder().uri("/a/B").body(()).unwrap_or_default();
            let _ = futures::executor::block_on(svc.call(req));
        });
        assert!(!handle.render().contains("grpc_server_handled_total"));
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
