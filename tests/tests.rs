//! saywho integration tests: one module per area.

mod perf_tools;
