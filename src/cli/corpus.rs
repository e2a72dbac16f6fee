//! `saywho corpus`: write a deterministic synthetic corpus as JSON Lines.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use saywho::corpus::{CorpusConfig, write_jsonl};

/// Flags of `saywho corpus`.
#[derive(Debug, clap::Args)]
pub(crate) struct CorpusArgs {
    /// Number of articles to generate.
    #[arg(long, default_value_t = 10_000)]
    articles: u64,
    /// Seed: the same seed and size always give the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output file (JSON Lines: id, text, outlet, url, published). Standard output when absent.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also write the ground truth (who said each quote, spans, claims) as JSON Lines here.
    #[arg(long)]
    truth: Option<PathBuf>,
}

fn create(path: &PathBuf) -> anyhow::Result<BufWriter<File>> {
    let f = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(BufWriter::with_capacity(1 << 20, f))
}

/// Runs `saywho corpus`.
pub(crate) fn run(args: CorpusArgs) -> anyhow::Result<()> {
    let config = CorpusConfig {
        articles: args.articles,
        seed: args.seed,
    };
    let started = Instant::now();
    let mut truth = args.truth.as_ref().map(create).transpose()?;
    let truth_out = truth.as_mut().map(|t| t as &mut dyn Write);
    let summary = match &args.out {
        Some(path) => {
            let mut out = create(path)?;
            let s = write_jsonl(config, &mut out, truth_out)?;
            out.flush()
                .with_context(|| format!("cannot write {}", path.display()))?;
            s
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
            let s = write_jsonl(config, &mut out, truth_out)?;
            out.flush().context("cannot write to standard output")?;
            s
        }
    };
    if let Some(t) = truth.as_mut() {
        t.flush().context("cannot write the truth file")?;
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "saywho corpus: {} articles, {:.1} MB of text, {} quotes, {} claims in {secs:.2} s ({:.1} MB/s)",
        summary.articles,
        summary.text_bytes as f64 / 1e6,
        summary.quotes,
        summary.claims,
        summary.text_bytes as f64 / 1e6 / secs.max(1e-9),
    );
    Ok(())
}
