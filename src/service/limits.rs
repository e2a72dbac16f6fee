//! The limits a server enforces, each with a default and a `saywho serve` flag. Every refusal is
//! a status whose message names the limit and the flag that sets it.

use std::time::Duration;

/// Limits on what one request, connection or article may cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest article text, in UTF-8 bytes (`--max-article-bytes`); larger is
    /// INVALID_ARGUMENT on `article.text`.
    pub max_article_bytes: usize,
    /// Largest encoded request message, in bytes (`--max-message-bytes`); larger is refused by
    /// the transport with OUT_OF_RANGE. Replies are capped at four times this.
    pub max_message_bytes: usize,
    /// Most quotations one article may yield (`--max-quotes-per-article`); more is
    /// INVALID_ARGUMENT on `article.text`.
    pub max_quotes_per_article: usize,
    /// Calls one connection may have in flight (`--max-concurrent-calls`); more are shed at once
    /// with RESOURCE_EXHAUSTED.
    pub concurrency_per_connection: usize,
    /// How long a unary call may take (`--request-timeout`); longer is DEADLINE_EXCEEDED. Streams
    /// are bounded by [`Limits::stream_idle_timeout`] instead.
    pub request_timeout: Duration,
    /// How long a client stream may stay silent between two messages
    /// (`--stream-idle-timeout`); longer is DEADLINE_EXCEEDED.
    pub stream_idle_timeout: Duration,
    /// Articles of one import stream being extracted and stored at once
    /// (`--import-parallelism`); lets group commit batch a single stream's writes.
    pub import_parallelism: usize,
}

/// Default of [`Limits::max_article_bytes`]: 1 MiB.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 1 << 20;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            max_message_bytes: 4 << 20,
            max_quotes_per_article: 10_000,
            concurrency_per_connection: 256,
            request_timeout: Duration::from_secs(30),
            stream_idle_timeout: Duration::from_secs(60),
            import_parallelism: 64,
        }
    }
}
