//! Criterion benchmarks for extraction (placeholder until the performance work fills it in).
fn main() {}
