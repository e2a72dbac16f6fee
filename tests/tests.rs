//! Integration tests: one module per area.

/// Extraction accuracy against the shared gold (seed targets, textacy cases).
mod extraction;
