//! The integration-test binary: every module talks to a real server over loopback.

/// Test server, clients and hand-built extractions.
mod util;

/// Ingest, idempotency, import, paging and delete through ArticleService.
mod articles;
/// Every error code and field violation the API promises.
mod errors;
/// The lookups: who said it, quotes, search, speakers, claims, conflicts, watch, health.
mod lookups;
/// The corpus generator and the load generator, end to end on a small size.
mod perf_tools;
