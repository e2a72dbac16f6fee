//! # saywho
//!
//! saywho reads news articles, finds every quotation and attributed claim in them, works out who
//! said each one, and answers attribution lookups (who said these words? what has this person
//! said?) and cross-source lookups (which outlets carried these words, who was first, where do
//! they disagree) over gRPC.
//!
//! ## Overview
//!
//! Data flows one way, and imports follow it:
//!
//! 1. [`model`]: the domain types ([`model::Article`], [`model::Span`], [`model::Extraction`]).
//! 2. [`extract`]: pure functions from article text to quotes, speakers and claims with spans.
//! 3. [`resolve`]: one person across spellings and articles, one quote across outlets, one claim
//!    across outlets.
//! 4. [`index`]: the concurrent in-memory index, the single owner of state.
//! 5. [`store`]: the durable embedded store the index is rebuilt from at start-up.
//! 6. [`service`]: thin tonic handlers over the index; the only layer that sees [`pb`].
//!
//! [`eval`] scores extraction against gold files and [`corpus`] generates synthetic corpora for
//! benchmarks.

pub mod corpus;
pub mod eval;
pub mod extract;
pub mod index;
pub mod metrics;
pub mod model;
pub mod pb;
pub mod resolve;
pub mod seed;
pub mod service;
mod splitmix;
pub mod store;
