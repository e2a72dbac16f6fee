//! The `saywho` binary: the server (`serve`, the default) and its command-line tools.

mod cli;

/// jemalloc, not the system allocator: the index is millions of small blocks built by many
/// threads, and jemalloc rebuilds it from a snapshot about a quarter faster, in less memory,
/// and serves lookups for less CPU (docs/performance.md, the twenty-fourth landing). MSVC
/// targets, which jemalloc does not support, keep the system allocator.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main`: its memory in transparent huge pages where the
/// system offers them on request (`madvise` mode; ignored where they are off). A restart builds
/// the whole index in fresh memory, and faulting it in 2 MiB at a time instead of 4 KiB cut the
/// decoding of a million articles' snapshot from 24–29 s to 15–20 s; at 100k articles it made
/// the restart about 1.7 s slower (docs/performance.md, the twenty-ninth landing).
/// `_RJEM_MALLOC_CONF=thp:default` in the environment turns it off.
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: Option<&std::ffi::c_char> = Some(
    // SAFETY: the first byte of a static, NUL-terminated string, as jemalloc reads it
    unsafe { &*c"thp:always".as_ptr() },
);

fn main() -> std::process::ExitCode {
    cli::main()
}
