//! `saywho eval`: score extraction against the seed gold or any uniform JSON Lines gold file.

use anyhow::Context;
use saywho::eval::{GoldDoc, QuoteSet, evaluate, load_seeds, load_uniform_gold, restrict};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Flags of `saywho eval`.
#[derive(Debug, clap::Args)]
pub(crate) struct EvalArgs {
    /// Uniform JSON Lines gold (`{"id","text","quotes":[…],"claims":[…]}`, code-point offsets),
    /// e.g. ../shared/eval/polnear-dev.jsonl. Without it, scores the seeds.
    #[arg(long)]
    gold: Option<PathBuf>,
    /// Folder of seed articles (`*.txt`), used without --gold.
    #[arg(long, default_value = "seeds")]
    seeds: PathBuf,
    /// Seed gold answers, used without --gold.
    #[arg(long, default_value = "../shared/gold/seeds-quotes.jsonl")]
    seed_gold: PathBuf,
    /// Which predicted quotes to score: `all`, or `full` (drop fragments embedded in reported
    /// speech). Defaults to `all` for the seeds and `full` with --gold (PolNeAR's "direct").
    #[arg(long, value_parser = ["all", "full"])]
    quotes: Option<String>,
    /// Write every mismatch (missed, spurious, wrong speaker) to this file.
    #[arg(long)]
    errors: Option<PathBuf>,
}

fn locate(path: &Path) -> anyhow::Result<PathBuf> {
    saywho::eval::locate(path).with_context(|| {
        format!(
            "{} not found (looked in the current directory, in {} and its parents); pass the path explicitly",
            path.display(),
            env!("CARGO_MANIFEST_DIR")
        )
    })
}

fn seed_docs(args: &EvalArgs) -> anyhow::Result<Vec<GoldDoc>> {
    Ok(load_seeds(
        &locate(&args.seeds)?,
        &locate(&args.seed_gold)?,
    )?)
}

/// Runs `saywho eval`.
pub(crate) fn run(args: EvalArgs) -> anyhow::Result<()> {
    let (label, docs) = match &args.gold {
        Some(path) => {
            let path = locate(path)?;
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            let docs =
                load_uniform_gold(&text).with_context(|| format!("in {}", path.display()))?;
            (path.display().to_string(), docs)
        }
        None => ("seeds".to_string(), seed_docs(&args)?),
    };
    let set = match args.quotes.as_deref() {
        Some("all") => QuoteSet::All,
        Some(_) => QuoteSet::Full,
        None if args.gold.is_some() => QuoteSet::Full,
        None => QuoteSet::All,
    };
    let report = evaluate(&docs, set);
    outln!("gold: {label} (quotes scored: {set:?})")?;
    out!("{report}")?;
    if let Some(path) = &args.errors {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for d in &docs {
            for line in
                saywho::eval::diff::mismatches(d, &restrict(saywho::extract::extract(&d.text), set))
            {
                writeln!(out, "{}\t{line}", d.id)?;
            }
        }
        out.flush()?;
    }
    Ok(())
}
