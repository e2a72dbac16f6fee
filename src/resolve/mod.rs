//! Cross-source resolution: one person across spellings and articles, one quote across outlets,
//! one claim across outlets, and wire copies counted once.
//!
//! Everything here is a pure, incremental data structure: the index feeds it article by article
//! and asks it questions; candidates are always found through hash maps and posting lists, never
//! by scanning every speaker, quote or claim.

pub mod attribution;
pub mod claims;
pub mod fold;
pub mod names;
pub mod quotes;
pub mod resolver;
pub mod speakers;
pub mod syndication;

pub use resolver::{ArticleResolution, QuoteOcc, Resolver};
