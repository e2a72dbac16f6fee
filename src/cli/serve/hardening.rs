//! The limit, access and TLS flags of `saywho serve`.

use anyhow::Context as _;
use saywho::service::{Access, DEFAULT_MAX_ARTICLE_BYTES, Limits};
use std::path::PathBuf;
use std::time::Duration;
use tonic::transport::Identity;

/// Limits, authentication, read-only mode and TLS.
#[derive(Debug, clap::Args)]
pub(crate) struct HardeningArgs {
    /// Largest article text accepted, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_ARTICLE_BYTES, value_name = "BYTES")]
    max_article_bytes: usize,
    /// Largest request message accepted, in bytes (replies may be four times larger).
    #[arg(long, default_value_t = Limits::default().max_message_bytes, value_name = "BYTES")]
    max_message_bytes: usize,
    /// Most quotations one article may yield; an article yielding more is refused.
    #[arg(long, default_value_t = Limits::default().max_quotes_per_article, value_name = "N")]
    max_quotes_per_article: usize,
    /// Calls one connection may have in flight; more are refused at once (RESOURCE_EXHAUSTED).
    #[arg(long, default_value_t = Limits::default().concurrency_per_connection, value_name = "N")]
    max_concurrent_calls: usize,
    /// Seconds a unary call may run before DEADLINE_EXCEEDED.
    #[arg(long, default_value_t = Limits::default().request_timeout.as_secs_f64(), value_name = "SECONDS")]
    request_timeout: f64,
    /// Seconds an ImportArticles stream may stay silent between two articles.
    #[arg(long, default_value_t = Limits::default().stream_idle_timeout.as_secs_f64(), value_name = "SECONDS")]
    stream_idle_timeout: f64,
    /// Articles of one ImportArticles stream processed at once.
    #[arg(long, default_value_t = Limits::default().import_parallelism, value_name = "N")]
    import_parallelism: usize,
    /// Bearer token that writes must carry (`authorization: Bearer <token>`).
    #[arg(
        long,
        env = "SAYWHO_AUTH_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    auth_token: Option<String>,
    /// Require the token for reads too (health and reflection stay open).
    #[arg(long, requires = "auth_token")]
    auth_reads: bool,
    /// Refuse every write (FAILED_PRECONDITION); serve what the store holds.
    #[arg(long)]
    read_only: bool,
    /// PEM certificate (chain) to serve TLS with; needs --tls-key.
    #[arg(long, requires = "tls_key", value_name = "PEM")]
    tls_cert: Option<PathBuf>,
    /// PEM private key of --tls-cert.
    #[arg(long, requires = "tls_cert", value_name = "PEM")]
    tls_key: Option<PathBuf>,
}

fn seconds(s: f64) -> Duration {
    Duration::try_from_secs_f64(s.max(0.001)).unwrap_or(Duration::MAX)
}

impl HardeningArgs {
    /// The limits the flags set.
    pub(crate) fn limits(&self) -> Limits {
        Limits {
            max_article_bytes: self.max_article_bytes,
            max_message_bytes: self.max_message_bytes,
            max_quotes_per_article: self.max_quotes_per_article,
            concurrency_per_connection: self.max_concurrent_calls.max(1),
            request_timeout: seconds(self.request_timeout),
            stream_idle_timeout: seconds(self.stream_idle_timeout),
            import_parallelism: self.import_parallelism.max(1),
        }
    }

    /// The access rules the flags set.
    pub(crate) fn access(&self) -> Access {
        Access {
            token: self.auth_token.clone().filter(|t| !t.is_empty()),
            auth_reads: self.auth_reads,
            read_only: self.read_only,
        }
    }

    /// The TLS identity, read from the PEM files, when TLS is asked for.
    pub(crate) fn tls_identity(&self) -> anyhow::Result<Option<Identity>> {
        let (Some(cert), Some(key)) = (&self.tls_cert, &self.tls_key) else {
            return Ok(None);
        };
        let read =
            |p: &PathBuf| std::fs::read(p).with_context(|| format!("reading {}", p.display()));
        Ok(Some(Identity::from_pem(read(cert)?, read(key)?)))
    }
}
