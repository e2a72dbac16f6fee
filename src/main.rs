//! The `saywho` binary: the server (`serve`, the default) and its command-line tools.

mod cli;

/// jemalloc, not the system allocator: the index is millions of small blocks built by many
/// threads, and jemalloc rebuilds it from a snapshot about a quarter faster, in less memory,
/// and serves lookups for less CPU (docs/performance.md, the twenty-fourth landing). MSVC
/// targets, which jemalloc does not support, keep the system allocator.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
