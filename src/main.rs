//! The `saywho` binary: the server (`serve`, the default) and its command-line tools.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
