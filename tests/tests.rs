//! The integration-test binary: one module per area; server tests talk to a real server over
//! loopback.

/// Test server, clients and hand-built extractions.
mod util;

/// Bearer-token auth, read-only mode and TLS.
mod access;
/// Ingest, idempotency, import, paging and delete through ArticleService.
mod articles;
/// The client subcommands run as a real binary against a test server.
mod cli;
/// SIGKILL the real binary mid-ingest and restart it on the same data directory.
mod durability;
/// Every error code and field violation the API promises.
mod errors;
/// Extraction accuracy against the shared gold (seed targets, textacy cases, the extract CLI).
mod extraction;
/// gRPC-Web and CORS through a plain HTTP/1.1 client.
mod grpc_web;
/// Hostile requests over the wire, each with the status it must get.
mod hostile;
/// Quotes and claims carried by many articles: capped lists with full counts; large replies
/// in flight together.
mod large_groups;
/// Broken and silent streams, load shedding, request timeouts.
mod limits;
/// The lookups: who said it, quotes, search, speakers, claims, conflicts, watch, health.
mod lookups;
/// Prometheus metrics scraped from `/metrics`.
mod metrics;
/// The corpus generator and the load generator, end to end on a small size.
mod perf_tools;
/// Cross-source resolution scored on the seed gold.
mod resolve_seeds;
/// Cross-source answers over the wire on the seeded server, against the seed gold.
mod resolve_wire;
/// Hardening flags of the real binary.
mod serve_flags;
/// Restarts through the index snapshot: loaded, caught up, or refused when damaged.
mod snapshot;
/// Every span over the wire slices the submitted text, in every offset encoding.
mod spans;
/// Concurrent ingest, deletes and lookups; index invariants afterwards.
mod stress;
/// Quote views: lists and searches default to the basic view.
mod views;
