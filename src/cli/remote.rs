//! What the client subcommands (`who`, `import`, `quotes`) share: the `--server` flag, the
//! connection, and readable gRPC errors.

use anyhow::Context as _;
use std::fmt::Write as _;
use std::time::Duration;
use tonic::transport::{Channel, Endpoint};
use tonic_types::StatusExt as _;

/// The `--server` flag of every client subcommand.
#[derive(Debug, clap::Args)]
pub(crate) struct ServerArg {
    /// The saywho server to call: `http://HOST:PORT`, or `HOST:PORT` for plaintext.
    #[arg(long, env = "SAYWHO_SERVER", default_value = "http://127.0.0.1:50051")]
    pub(crate) server: String,
}

impl ServerArg {
    /// Opens a channel to the server; fails with the address when nothing answers in 5 s.
    pub(crate) async fn connect(&self) -> anyhow::Result<Channel> {
        let url = if self.server.contains("://") {
            self.server.clone()
        } else {
            format!("http://{}", self.server)
        };
        let endpoint = Endpoint::from_shared(url.clone())
            .with_context(|| format!("--server {:?} is not a valid URL", self.server))?
            .connect_timeout(Duration::from_secs(5))
            .tcp_nodelay(true);
        endpoint
            .connect()
            .await
            .with_context(|| format!("cannot connect to the saywho server at {url}"))
    }
}

/// Turns a gRPC error into an error that says what the server said, field by field.
pub(crate) fn status_error(rpc: &str, status: &tonic::Status) -> anyhow::Error {
    anyhow::anyhow!("{rpc} failed: {}", describe_status(status))
}

/// `CODE: message (field: why; ...)` for a status, with its BadRequest field violations.
pub(crate) fn describe_status(status: &tonic::Status) -> String {
    let mut out = format!("{}: {}", code_label(status.code()), status.message());
    if let Some(bad) = status.get_details_bad_request() {
        let fields: Vec<String> = bad
            .field_violations
            .iter()
            .map(|v| format!("{}: {}", v.field, v.description))
            .collect();
        if !fields.is_empty() {
            let _ = write!(out, " ({})", fields.join("; "));
        }
    }
    out
}

/// The canonical name of a gRPC code, e.g. `INVALID_ARGUMENT`.
pub(crate) fn code_label(code: tonic::Code) -> &'static str {
    saywho::metrics::code_name(code)
}

/// The name of a proto enum value without its type prefix, lower case: `SPEAKER_KIND_PERSON`
/// with prefix `SPEAKER_KIND_` becomes `person`.
pub(crate) fn enum_label(full: &str, prefix: &str) -> String {
    full.strip_prefix(prefix)
        .unwrap_or(full)
        .to_ascii_lowercase()
}
