//! The integration-test binary: every module talks to a real server over loopback.

/// Test server, clients and hand-built extractions.
mod util;

/// Bearer-token auth, read-only mode and TLS.
mod access;
/// Ingest, idempotency, import, paging and delete through ArticleService.
mod articles;
/// SIGKILL the real binary mid-ingest and restart it on the same data directory.
mod durability;
/// Every error code and field violation the API promises.
mod errors;
/// Hostile requests over the wire, each with the status it must get.
mod hostile;
/// Broken and silent streams, load shedding, request timeouts.
mod limits;
/// The lookups: who said it, quotes, search, speakers, claims, conflicts, watch, health.
mod lookups;
/// Hardening flags of the real binary.
mod serve_flags;
/// Every span over the wire slices the submitted text, in every offset encoding.
mod spans;
/// Concurrent ingest, deletes and lookups; index invariants afterwards.
mod stress;
