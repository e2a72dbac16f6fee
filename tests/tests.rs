//! Integration tests: one module per area.

/// Extraction accuracy against the shared gold (seed targets, textacy cases).
mod extraction;
/// Cross-source resolution scored on the seed gold.
mod resolve_seeds;
