//! `saywho extract`: JSON Lines articles in, one JSON line of quotes and claims per article out.

use saywho::extract::extract;
use saywho::model::{Extraction, QuoteKind, Span};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;

/// Flags of `saywho extract`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExtractArgs {
    /// JSON Lines file of `{"id", "text", "outlet"?, "url"?, "published"?}`; standard input
    /// when omitted.
    file: Option<PathBuf>,
}

/// One input line.
#[derive(Deserialize)]
struct InArticle {
    id: String,
    text: String,
}

/// A span with its text, as printed.
#[derive(Serialize)]
struct OutSpan<'a> {
    begin: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct OutQuote<'a> {
    begin: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    speaker: Option<&'a str>,
    speaker_mention: Option<OutSpan<'a>>,
    cue: Option<OutSpan<'a>>,
    confidence: f32,
}

#[derive(Serialize)]
struct OutClaim<'a> {
    begin: usize,
    end: usize,
    text: &'a str,
    speaker: Option<&'a str>,
    speaker_mention: Option<OutSpan<'a>>,
    cue: Option<OutSpan<'a>>,
    confidence: f32,
}

#[derive(Serialize)]
struct OutArticle<'a> {
    id: &'a str,
    quotes: Vec<OutQuote<'a>>,
    claims: Vec<OutClaim<'a>>,
}

fn out_span(text: &str, span: Option<Span>) -> Option<OutSpan<'_>> {
    span.map(|s| OutSpan {
        begin: s.start,
        end: s.end,
        text: s.slice(text),
    })
}

fn render<'a>(id: &'a str, text: &'a str, ex: &'a Extraction) -> OutArticle<'a> {
    let name = |i: Option<usize>| i.and_then(|i| ex.speakers.get(i)).map(|s| s.name.as_str());
    let quotes = ex
        .quotes
        .iter()
        .map(|q| OutQuote {
            begin: q.span.start,
            end: q.span.end,
            text: q.span.slice(text),
            kind: match q.kind {
                QuoteKind::Full => "full",
                QuoteKind::Partial => "partial",
            },
            speaker: name(q.speaker),
            speaker_mention: out_span(text, q.speaker_mention),
            cue: out_span(text, q.cue),
            confidence: q.confidence,
        })
        .collect();
    let claims = ex
        .claims
        .iter()
        .map(|c| OutClaim {
            begin: c.span.start,
            end: c.span.end,
            text: c.span.slice(text),
            speaker: name(c.speaker),
            speaker_mention: out_span(text, c.speaker_mention),
            cue: out_span(text, c.cue),
            confidence: c.confidence,
        })
        .collect();
    OutArticle { id, quotes, claims }
}

/// Runs `saywho extract`.
pub(crate) fn run(args: ExtractArgs) -> anyhow::Result<()> {
    let input: Box<dyn BufRead> = match &args.file {
        Some(path) => Box::new(std::io::BufReader::new(
            std::fs::File::open(path)
                .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::stdin().lock()),
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut bad = 0usize;
    for (n, line) in input.lines().enumerate() {
        let line_no = n + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("saywho extract: line {line_no}: cannot read: {e}");
                bad += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let article: InArticle = match serde_json::from_str(&line) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("saywho extract: line {line_no}: skipped: {e}");
                bad += 1;
                continue;
            }
        };
        let ex = extract(&article.text);
        serde_json::to_writer(&mut out, &render(&article.id, &article.text, &ex))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    if bad > 0 {
        eprintln!("saywho extract: {bad} bad line(s) skipped");
    }
    Ok(())
}
