//! Command-line parsing and dispatch. Each subcommand lives in its own file with its own `Args`.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

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
        Err(err) => {
            eprintln!("saywho: {err:#}");
            ExitCode::FAILURE
        }
    }
}
