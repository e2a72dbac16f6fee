//! The integration-test binary: one module per area; server tests talk to a real server over
//! loopback.

/// Test server, clients and hand-built extractions.
mod util;

/// Ingest, idempotency, import, paging and delete through ArticleService.
mod articles;
/// The client subcommands run as a real binary against a test server.
mod cli;
/// Every error code and field violation the API promises.
mod errors;
/// Extraction accuracy against the shared gold (seed targets, textacy cases, the extract CLI).
mod extraction;
/// gRPC-Web and CORS through a plain HTTP/1.1 client.
mod grpc_web;
/// The lookups: who said it, quotes, search, speakers, claims, conflicts, watch, health.
mod lookups;
/// Prometheus metrics scraped from `/metrics`.
mod metrics;
/// Cross-source resolution scored on the seed gold.
mod resolve_seeds;
/// Cross-source answers over the wire on the seeded server, against the seed gold.
mod resolve_wire;
/// The corpus generator and the load generator, end to end on a small size.
mod perf_tools;
