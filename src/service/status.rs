//! The one place an [`Error`] becomes a gRPC [`Status`]: an exhaustive match, no wildcard.

use crate::index::Error;
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

impl From<Error> for Status {
    fn from(err: Error) -> Self {
        let message = err.to_string();
        match err {
            Error::InvalidArgument(violations) => {
                let mut details = ErrorDetails::new();
                for v in violations {
                    details.add_bad_request_violation(v.field, v.description);
                }
                Status::with_error_details(Code::InvalidArgument, message, details)
            }
            Error::NotFound { .. } => Status::new(Code::NotFound, message),
            Error::AlreadyExists { .. } => Status::new(Code::AlreadyExists, message),
            Error::Lagged { .. } => Status::new(Code::ResourceExhausted, message),
            Error::Internal(_) => Status::new(Code::Internal, message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_argument_carries_field_violations() {
        let status = Status::from(Error::invalid("page_size", "must not be negative"));
        assert_eq!(status.code(), Code::InvalidArgument);
        let bad = status
            .get_details_bad_request()
            .expect("BadRequest details");
        assert_eq!(bad.field_violations[0].field, "page_size");
    }

    #[test]
    fn codes_follow_the_error_kind() {
        let cases = [
            (Error::not_found("articles/x"), Code::NotFound),
            (
                Error::AlreadyExists {
                    name: "articles/x".into(),
                },
                Code::AlreadyExists,
            ),
            (Error::Lagged { missed: 3 }, Code::ResourceExhausted),
            (Error::Internal("boom".into()), Code::Internal),
        ];
        for (err, code) in cases {
            assert_eq!(Status::from(err).code(), code);
        }
    }
}
