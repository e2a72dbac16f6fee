//! The one error type of the index and service layers. `service::status` maps it to a gRPC
//! status in one exhaustive match.

/// One bad field of a request: which field, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldViolation {
    /// The field path as the client wrote it (`article.text`, `page_token`).
    pub field: String,
    /// What is wrong, in words a caller can act on.
    pub description: String,
}

/// Everything that can go wrong in a lookup or an ingest.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Error {
    /// One or more request fields are invalid (maps to INVALID_ARGUMENT with field violations).
    #[error("invalid argument: {}", describe(.0))]
    InvalidArgument(Vec<FieldViolation>),
    /// The named resource does not exist (NOT_FOUND).
    #[error("{name} not found")]
    NotFound {
        /// The resource name asked for, e.g. `articles/x`.
        name: String,
    },
    /// The id is taken by a different resource (ALREADY_EXISTS).
    #[error("{name} already exists with different text")]
    AlreadyExists {
        /// The resource name that is taken.
        name: String,
    },
    /// A streaming reader fell behind and missed events (RESOURCE_EXHAUSTED).
    #[error("the watch fell behind and missed {missed} events; reconnect to resume")]
    Lagged {
        /// How many events were dropped.
        missed: u64,
    },
    /// A server-side failure that is not the caller's fault (INTERNAL).
    #[error("internal error: {0}")]
    Internal(String),
}

/// Result alias for the index and service layers.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An INVALID_ARGUMENT error for one field.
    pub fn invalid(field: impl Into<String>, description: impl Into<String>) -> Self {
        Error::InvalidArgument(vec![FieldViolation {
            field: field.into(),
            description: description.into(),
        }])
    }

    /// A NOT_FOUND error for a resource name.
    pub fn not_found(name: impl Into<String>) -> Self {
        Error::NotFound { name: name.into() }
    }
}

fn describe(violations: &[FieldViolation]) -> String {
    let parts: Vec<String> = violations
        .iter()
        .map(|v| format!("{}: {}", v.field, v.description))
        .collect();
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_argument_message_names_the_field() {
        let err = Error::invalid("article.text", "must not be empty");
        assert_eq!(
            err.to_string(),
            "invalid argument: article.text: must not be empty"
        );
    }
}
