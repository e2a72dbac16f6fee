//! Claim and quote grouping against a synthetic corpus's ground truth (a development measurement, not a
//! test): loads the first N articles of a `saywho corpus` file into the cross-source resolver,
//! matches each true claim to the extracted claim covering most of it, and reports pairwise
//! precision and recall of the grouping (two reports of the same true claim should share a group,
//! two of different claims should not), with the largest groups; likewise for quotations (two
//! occurrences of one true statement, whole or trimmed, should share a quote group).
//!
//! `cargo run --release --example claim_grouping -- corpus.jsonl corpus.truth.jsonl [N]`

use anyhow::{Context, Result};
use saywho::corpus::read_article;
use saywho::model::Span;
use saywho::resolve::Resolver;
use serde_json::Value;
use std::collections::HashMap;
use std::io::BufRead;

fn lines(path: &str) -> Result<impl Iterator<Item = std::io::Result<String>>> {
    let file = std::fs::File::open(path).with_context(|| format!("open {path}"))?;
    Ok(std::io::BufReader::new(file).lines())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(corpus), Some(truth)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: claim_grouping CORPUS.jsonl TRUTH.jsonl [N]");
    };
    let n: usize = args.get(3).map_or(Ok(usize::MAX), |s| s.parse())?;
    let mut r = Resolver::with_statements();
    // (true claim id, resolver member) for every true claim extraction found
    let mut found: Vec<(String, u32)> = Vec::new();
    // (true statement id, resolver variant) for every true quotation found
    let mut quotes: Vec<(String, u32)> = Vec::new();
    let started = std::time::Instant::now();
    let mut articles = 0;
    for (c, t) in lines(corpus)?.zip(lines(truth)?).take(n) {
        let article = read_article(&c?)?;
        let t: Value = serde_json::from_str(&t?)?;
        let ex = saywho::extract::extract(&article.text);
        let res = r.add_article(&article, &ex);
        articles += 1;
        for (s, e, id) in truth_spans(&t, "quotes", "statement") {
            let k = covering(ex.quotes.iter().map(|q| q.span), s, e);
            if let Some(Some(a)) = k.and_then(|k| res.quotes.get(k)) {
                quotes.push((id.to_string(), a.variant));
            }
        }
        for (s, e, id) in truth_spans(&t, "claims", "claim") {
            let k = covering(ex.claims.iter().map(|c| c.span), s, e);
            if let Some(Some(a)) = k.and_then(|k| res.claims.get(k)) {
                found.push((id.to_string(), a.member));
            }
        }
    }
    let loaded = started.elapsed();
    let group = |m: u32| r.claims.member(m).map(|x| x.group);
    let (precision, recall) = pairwise(&found, group);
    let variant_group = |v: u32| r.quotes.variant(v).map(|x| x.group);
    let (quote_precision, quote_recall) = pairwise(&quotes, variant_group);
    let mut quote_sizes: Vec<usize> = r
        .quotes
        .variant_ids()
        .filter_map(|v| r.quotes.variant(v).map(|x| x.group))
        .fold(
            std::collections::HashMap::<u32, usize>::new(),
            |mut m, g| {
                *m.entry(g).or_default() += 1;
                m
            },
        )
        .into_values()
        .collect();
    quote_sizes.sort_unstable_by(|a, b| b.cmp(a));
    println!(
        "{} true quotations found; pairwise precision {quote_precision:.3}, recall {quote_recall:.3}; {} quote groups, most wordings {:?}",
        quotes.len(),
        r.quotes.group_count(),
        &quote_sizes[..quote_sizes.len().min(8)]
    );
    let mut sizes: Vec<usize> = r
        .claims
        .group_ids()
        .map(|g| r.claims.group(g).map_or(0, <[u32]>::len))
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    println!(
        "{articles} articles in {:.1} s; {} claim groups, largest {:?}",
        loaded.as_secs_f64(),
        sizes.len(),
        &sizes[..sizes.len().min(8)]
    );
    println!(
        "{} true claims found; pairwise precision {:.3}, recall {:.3}",
        found.len(),
        precision,
        recall
    );
    Ok(())
}

/// The truth's `list` entries (quotes or claims) as (start, end, `id_key` value).
fn truth_spans<'a>(t: &'a Value, list: &str, id_key: &str) -> Vec<(usize, usize, &'a str)> {
    t[list]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| {
            let (s, e) = (x["start"].as_u64()?, x["end"].as_u64()?);
            Some((s as usize, e as usize, x[id_key].as_str()?))
        })
        .collect()
}

/// The first extracted span covering more than half of `start..end`.
fn covering(mut spans: impl Iterator<Item = Span>, start: usize, end: usize) -> Option<usize> {
    spans.position(|sp| {
        sp.end.min(end).saturating_sub(sp.start.max(start)) * 2 > end.saturating_sub(start)
    })
}

/// Pairwise precision and recall of a grouping: two items with the same true id should share a
/// group, two with different ids should not.
fn pairwise(items: &[(String, u32)], group: impl Fn(u32) -> Option<u32>) -> (f64, f64) {
    // pairs counted from a contingency table, not enumerated: a million items are fine
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let mut cells: HashMap<(&str, Option<u32>), u64> = HashMap::new();
    let mut truths: HashMap<&str, u64> = HashMap::new();
    let mut groups: HashMap<Option<u32>, u64> = HashMap::new();
    for (t, m) in items {
        let g = group(*m);
        *cells.entry((t.as_str(), g)).or_default() += 1;
        *truths.entry(t.as_str()).or_default() += 1;
        *groups.entry(g).or_default() += 1;
    }
    let tp: u64 = cells.values().map(|&n| pairs(n)).sum();
    let same_group: u64 = groups.values().map(|&n| pairs(n)).sum();
    let same_truth: u64 = truths.values().map(|&n| pairs(n)).sum();
    (
        tp as f64 / same_group.max(1) as f64,
        tp as f64 / same_truth.max(1) as f64,
    )
}
