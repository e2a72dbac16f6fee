//! One timed call and the response body that finishes it: the status is read from the
//! trailers at the end of the body (or the call counts as `CANCELLED` when the body is dropped
//! first).

use super::{HANDLED_TOTAL, HANDLING_SECONDS};
use http::HeaderMap;
use http_body::{Body, Frame, SizeHint};
use pin_project_lite::pin_project;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Instant;
use tonic::Code;

/// One call being timed; recorded exactly once.
#[derive(Debug)]
pub(super) struct Call {
    pub(super) service: String,
    pub(super) method: String,
    pub(super) start: Instant,
}

impl Call {
    /// Records the call with its final status.
    pub(super) fn finish(self, code: Code) {
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
pub(super) fn grpc_status(headers: &HeaderMap) -> Option<Code> {
    let value = headers.get("grpc-status")?;
    let number = value.to_str().ok()?.parse::<i32>().ok()?;
    Some(Code::from_i32(number))
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

impl<B> MeteredBody<B> {
    /// Wraps `inner`; `call` is recorded when the trailers pass (or on drop), if still pending.
    pub(super) fn new(inner: B, call: Option<Call>) -> Self {
        MeteredBody { inner, call }
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
}
