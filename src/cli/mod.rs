//! Command-line parsing and dispatch. Each subcommand lives in its own file with its own `Args`.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// `print!` that returns the write's error instead of panicking on it, so that a reader that
/// stops early (`saywho bench ... | head -1`) ends the command quietly: see [`main`].
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout(), $($arg)*)
    }};
}

/// `println!` that returns the write's error instead of panicking on it (see [`out!`]).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)
    }};
}

mod bench;
mod corpus;
mod eval;
mod extract;
mod import;
mod metrics;
mod quotes;
mod remote;
mod serve;
mod who;

/// saywho: who said it, and which outlets carried it.
#[derive(Debug, Parser)]
#[command(
    name = "saywho",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// With no subcommand, `saywho` serves (same flags as `saywho serve`).
    #[command(flatten)]
    serve: serve::ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the gRPC server (the default).
    Serve(serve::ServeArgs),
    /// Extract quotes and claims from JSON Lines articles, offline.
    Extract(extract::ExtractArgs),
    /// Score extraction against a gold file and print a table.
    Eval(eval::EvalArgs),
    /// Ask a server who said some words.
    Who(who::WhoArgs),
    /// Stream articles (JSONL file or a folder of .txt) into a server.
    Import(import::ImportArgs),
    /// List a speaker's quotes from a server.
    Quotes(quotes::QuotesArgs),
    /// Load-test a server and compare each method with the health-check floor.
    Bench(bench::BenchArgs),
    /// Write a deterministic synthetic corpus as JSON Lines.
    Corpus(corpus::CorpusArgs),
}

/// Parses the command line, runs the command, and turns errors into an exit code.
pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("saywho: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            None => serve::run(cli.serve).await,
            Some(Command::Serve(args)) => serve::run(args).await,
            Some(Command::Extract(args)) => extract::run(args),
            Some(Command::Eval(args)) => eval::run(args),
            Some(Command::Who(args)) => who::run(args).await,
            Some(Command::Import(args)) => import::run(args).await,
            Some(Command::Quotes(args)) => quotes::run(args).await,
            Some(Command::Bench(args)) => bench::run(args).await,
            Some(Command::Corpus(args)) => corpus::run(args),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // the reader of our output went away (`| head`): nothing is left to tell it
        Err(err) if closed_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("saywho: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// True when `err` comes from writing to a pipe whose reader has gone.
fn closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_closed_pipe_ends_quietly() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let wrapped = anyhow::Error::from(pipe).context("writing the report");
        assert!(closed_pipe(&wrapped));
        let other = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(!closed_pipe(&anyhow::Error::from(other)));
        assert!(!closed_pipe(&anyhow::anyhow!("broken pipe, in words only")));
    }
}
