//! Loads the first N articles of a JSON Lines corpus into an in-process index and times the
//! lookups the server spends most on, without gRPC (a profiling driver, not a benchmark:
//! `perf record --call-graph dwarf target/release/examples/lookprof corpus.jsonl 4000`).

use anyhow::{Context, Result};
use saywho::corpus::{LookupTexts, read_article};
use saywho::index::{
    Candidate, Detail, FromArticle, Index, MatchKind, NewArticle, PageRequest, QuoteFilter,
};
use std::io::BufRead;
use std::time::Instant;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .context("usage: lookprof CORPUS.jsonl [N [REPEAT [full] [bench]]]")?;
    let n: usize = args.get(2).map_or(Ok(usize::MAX), |s| s.parse())?;
    // repeating the lookups makes them, not the load, what a profile shows
    let repeat: usize = args.get(3).map_or(Ok(1), |s| s.parse())?;
    let flags = args.get(4..).unwrap_or_default();
    // "full" copies each piece of evidence's occurrences out, as AttributeQuote's full view does
    let detail = if flags.iter().any(|f| f == "full") {
        Detail::Occurrences
    } else {
        Detail::Counts
    };
    // "bench" attributes the texts `saywho bench` sends (quoted passages and fragments of 2,000
    // articles spread over the corpus) instead of the first words of 200 quotes
    let bench_texts = flags.iter().any(|f| f == "bench");
    // "slowest" prints the texts of the slowest calls, which make a server's p99
    let slowest = flags.iter().any(|f| f == "slowest");
    let index = Index::new();
    let file = std::fs::File::open(path).with_context(|| format!("open {path}"))?;
    let t = Instant::now();
    // the rate over each 50,000 articles, to see how ingest slows as the corpus grows
    let (mut loaded, mut mark) = (0usize, 0.0);
    let mut texts = LookupTexts::default();
    let stride = if bench_texts {
        let lines = std::io::BufReader::new(std::fs::File::open(path)?).lines();
        lines.take(n).count().div_ceil(2000).max(1)
    } else {
        usize::MAX
    };
    for line in std::io::BufReader::new(file).lines().take(n) {
        let a = read_article(&line?)?;
        if loaded % stride == 0 {
            texts.add_article(loaded / stride, &a.text);
        }
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
    let asked: Vec<String> = if bench_texts {
        texts.attribute
    } else {
        quotes
            .iter()
            .map(|q| {
                q.text()
                    .split_whitespace()
                    .take(8)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    let asks = asked.len().max(1) as f64;
    // the first pass sums groups up; the second is what a server answering repeated lookups pays
    // every answer of the first pass, hashed: two builds that answer alike print the same digest
    let mut digest = xxhash_rust::xxh3::Xxh3::new();
    for (pass, times) in [("first", 1), ("again", repeat)] {
        let t = Instant::now();
        // what the lookups found: candidates, and the quotes given as their evidence
        let (mut candidates, mut evidence) = (0, 0);
        // each call's time, for the spread: a mean hides the calls that make a server's p99
        let mut each: Vec<(f64, &str)> = Vec::with_capacity(asked.len() * times);
        for text in asked.iter().cycle().take(asked.len() * times) {
            let call = Instant::now();
            let found = index.attribute(text, if bench_texts { 10 } else { 5 }, detail)?;
            each.push((call.elapsed().as_secs_f64() * 1e6, text));
            candidates += found.len();
            evidence += found.iter().map(|c| c.evidence.len()).sum::<usize>();
            if pass == "first" {
                add_to_digest(&mut digest, &found);
            }
        }
        each.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let at = |q: f64| each.get((each.len() as f64 * q) as usize).map(|c| c.0);
        if slowest {
            for &(us, text) in each.iter().rev().take(12) {
                eprintln!(
                    "  slow ({pass}) {us:.0} µs: {text} [{}]",
                    reach(&index, text)?
                );
            }
        }
        if let (Some(p50), Some(p90), Some(p99)) = (at(0.5), at(0.9), at(0.99)) {
            eprintln!(
                "attribute ({pass}): per call p50 {p50:.0} µs, p90 {p90:.0} µs, p99 {p99:.0} µs"
            );
        }
        eprintln!(
            "attribute ({pass}): {:.3} ms/call; {:.2} candidates and {:.2} evidence quotes per call",
            t.elapsed().as_secs_f64() * 1e3 / asks / times.max(1) as f64,
            candidates as f64 / asks / times.max(1) as f64,
            evidence as f64 / asks / times.max(1) as f64,
        );
    }
    eprintln!("attribute answers' digest: {:016x}", digest.digest());
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

/// How far `text` reaches: every speaker it matches, their evidence (at most 16 each) and the
/// occurrences behind it, and the evidence by match kind.
fn reach(index: &Index, text: &str) -> Result<String> {
    let all = index.attribute(text, usize::MAX, Detail::Counts)?;
    let evidence = || all.iter().flat_map(|c| &c.evidence);
    let occurrences: usize = evidence().map(|e| e.occurrence_count).sum();
    let [near, contained, exact] = [MatchKind::Near, MatchKind::Contained, MatchKind::Exact]
        .map(|k| evidence().filter(|e| e.kind == k).count());
    Ok(format!(
        "{} speakers, {} evidence ({exact} exact, {contained} contained, {near} near), {occurrences} occurrences",
        all.len(),
        evidence().count()
    ))
}

/// Hashes what AttributeQuote returns of `found`: each candidate's speaker, score, match kind and
/// outlets, and each piece of evidence's quote, kind, score, count and occurrences.
fn add_to_digest(digest: &mut xxhash_rust::xxh3::Xxh3, found: &[Candidate]) {
    for c in found {
        digest.update(c.speaker.as_deref().unwrap_or("\u{0}").as_bytes());
        digest.update(&c.score.to_bits().to_le_bytes());
        digest.update(&[c.kind as u8]);
        for o in &c.outlets {
            digest.update(o.as_bytes());
            digest.update(b"\x1f");
        }
        for e in &c.evidence {
            digest.update(e.quote.id.as_bytes());
            digest.update(&[e.kind as u8]);
            digest.update(&e.score.to_bits().to_le_bytes());
            digest.update(&e.occurrence_count.to_le_bytes());
            for o in &e.occurrences {
                digest.update(o.article().as_bytes());
                digest.update(&o.ordinal.to_le_bytes());
            }
        }
        digest.update(b"\x1e");
    }
    digest.update(b"\x1d");
}
