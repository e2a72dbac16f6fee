//! Loads the first N articles of a JSON Lines corpus into an in-process index and times the
//! lookups the server spends most on, without gRPC (a profiling driver, not a benchmark:
//! `perf record --call-graph dwarf target/release/examples/lookprof corpus.jsonl 4000`).

use anyhow::{Context, Result};
use saywho::corpus::read_article;
use saywho::index::{Detail, Index, NewArticle, PageRequest, QuoteFilter};
use std::io::BufRead;
use std::time::Instant;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .context("usage: lookprof CORPUS.jsonl [N [REPEAT [full]]]")?;
    let n: usize = args.get(2).map_or(Ok(usize::MAX), |s| s.parse())?;
    // repeating the lookups makes them, not the load, what a profile shows
    let repeat: usize = args.get(3).map_or(Ok(1), |s| s.parse())?;
    // "full" copies each piece of evidence's occurrences out, as AttributeQuote's full view does
    let detail = match args.get(4).map(String::as_str) {
        Some("full") => Detail::Occurrences,
        _ => Detail::Counts,
    };
    let index = Index::new();
    let file = std::fs::File::open(path).with_context(|| format!("open {path}"))?;
    let t = Instant::now();
    // the rate over each 50,000 articles, to see how ingest slows as the corpus grows
    let (mut loaded, mut mark) = (0usize, 0.0);
    for line in std::io::BufReader::new(file).lines().take(n) {
        let a = read_article(&line?)?;
        index.create_article(NewArticle {
            id: Some(a.id),
            request_id: None,
            text: a.text.to_string(),
            meta: a.meta,
        })?;
        loaded += 1;
        if loaded % 50_000 == 0 {
            let now = t.elapsed().as_secs_f64();
            eprintln!(
                "{loaded} articles: {now:.1} s, the last 50,000 at {:.0} articles/s",
                50_000.0 / (now - mark)
            );
            mark = now;
        }
    }
    eprintln!("load: {:.1} s", t.elapsed().as_secs_f64());
    let quotes = index
        .list_quotes(
            &QuoteFilter::default(),
            &PageRequest::parse(200, "", &["q"])?,
        )
        .items;
    let calls = quotes.len().max(1) as f64;
    // the first pass sums groups up; the second is what a server answering repeated lookups pays
    for (pass, times) in [("first", 1), ("again", repeat)] {
        let t = Instant::now();
        // what the lookups found: candidates, and the quotes given as their evidence
        let (mut candidates, mut evidence) = (0, 0);
        for q in quotes.iter().cycle().take(quotes.len() * times) {
            let words: Vec<&str> = q.text().split_whitespace().take(8).collect();
            let found = index.attribute(&words.join(" "), 5, detail)?;
            candidates += found.len();
            evidence += found.iter().map(|c| c.evidence.len()).sum::<usize>();
        }
        eprintln!(
            "attribute ({pass}): {:.3} ms/call; {:.2} candidates and {:.2} evidence quotes per call",
            t.elapsed().as_secs_f64() * 1e3 / calls / times.max(1) as f64,
            candidates as f64 / calls / times.max(1) as f64,
            evidence as f64 / calls / times.max(1) as f64,
        );
    }
    let page = PageRequest::parse(20, "", &["q"])?;
    let t = Instant::now();
    for q in &quotes {
        let filter = QuoteFilter {
            speakers: q.speaker().map(|s| vec![s.to_string()]),
            ..Default::default()
        };
        index.list_quotes(&filter, &page);
    }
    eprintln!(
        "list by speaker: {:.2} ms/call",
        t.elapsed().as_secs_f64() * 1e3 / calls
    );
    // articles of one outlet, the first page of 20 and the next; and
    // articles of one speaker
    let ids = index.article_ids();
    let outlets: Vec<String> = ids
        .iter()
        .step_by(ids.len().div_ceil(50).max(1))
        .filter_map(|id| index.article(id))
        .map(|r| r.article.meta.outlet.clone())
        .collect();
    let t = Instant::now();
    for (k, outlet) in outlets.iter().enumerate() {
        let start = PageRequest::parse(20, "", &["articles", &outlet.to_lowercase(), ""])?;
        let first = index.list_articles(outlet, None, &start);
        // the page after the first, as a client paging through asks for it
        let next = PageRequest::parse(
            20,
            &first.next_page_token,
            &["articles", &outlet.to_lowercase(), ""],
        )?;
        let second = index.list_articles(outlet, None, &next);
        if k == 0 {
            eprintln!("  {} articles of {outlet}", second.total.unwrap_or(0));
        }
    }
    eprintln!(
        "list articles by outlet: {:.3} ms per page",
        t.elapsed().as_secs_f64() * 1e3 / (2 * outlets.len().max(1)) as f64
    );
    let t = Instant::now();
    for q in &quotes {
        index.list_articles("", q.speaker(), &page);
    }
    eprintln!(
        "list articles by speaker: {:.3} ms per page",
        t.elapsed().as_secs_f64() * 1e3 / calls
    );
    Ok(())
}
