//! In-process cost of the index operations behind each rpc (no gRPC, no network) on synthetic
//! corpora of two sizes, so the growth with corpus size shows directly:
//! `cargo bench --bench lookups`. ListQuotes is measured as the service's view does it: the
//! listing, then `related_quotes` for every quote on the page.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use saywho::corpus::{Corpus, CorpusConfig};
use saywho::index::{Detail, Index, NewArticle, PageRequest, QuoteFilter};
use saywho::model::ArticleMeta;

/// Corpus sizes (articles). Small enough to build in seconds on two shared cores.
const SIZES: [u64; 2] = [500, 2_000];

struct Loaded {
    index: Index,
    passages: Vec<String>,
    speakers: Vec<String>,
    queries: Vec<String>,
}

fn load(articles: u64) -> Loaded {
    let index = Index::new();
    let mut passages = Vec::new();
    for a in Corpus::new(CorpusConfig { articles, seed: 1 }) {
        passages.extend(
            a.truth
                .quotes
                .iter()
                .filter(|q| q.kind == "full")
                .map(|q| q.text.clone()),
        );
        let meta = ArticleMeta {
            outlet: a.outlet.clone(),
            url: a.url.clone(),
            title: String::new(),
            published_ms: Some(a.published_ms),
        };
        let new = NewArticle {
            id: Some(a.id.clone()),
            request_id: None,
            text: a.text,
            meta,
        };
        if let Err(e) = index.create_article(new) {
            panic!("corpus article {} rejected: {e}", a.id);
        }
    }
    let page = |n: i32| PageRequest::parse(n, "", &[]).unwrap_or_else(|e| panic!("page: {e}"));
    let speakers = index
        .list_speakers("", None, &page(200))
        .items
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let queries = passages
        .iter()
        .filter_map(|p| {
            let words: Vec<&str> = p.split_whitespace().filter(|w| w.len() >= 5).collect();
            (words.len() >= 2).then(|| format!("{} {}", words[0], words[words.len() - 1]))
        })
        .collect();
    Loaded {
        index,
        passages,
        speakers,
        queries,
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("lookups");
    g.sample_size(10);
    for size in SIZES {
        let l = Arc::new(load(size));
        let page20 = PageRequest::parse(20, "", &[]).unwrap_or_else(|e| panic!("page: {e}"));
        let mut k = 0usize;
        for (name, detail) in [
            ("attribute", Detail::Counts),
            ("attribute_full", Detail::Occurrences),
        ] {
            g.bench_function(BenchmarkId::new(name, size), |b| {
                b.iter(|| {
                    k += 1;
                    black_box(
                        l.index
                            .attribute(&l.passages[k % l.passages.len()], 5, detail)
                            .map(|c| c.len()),
                    )
                })
            });
        }
        g.bench_function(BenchmarkId::new("get_speaker", size), |b| {
            b.iter(|| {
                k += 1;
                black_box(l.index.speaker(&l.speakers[k % l.speakers.len()]).is_some())
            })
        });
        g.bench_function(BenchmarkId::new("list_quotes_with_related", size), |b| {
            b.iter(|| {
                k += 1;
                let filter = QuoteFilter {
                    speakers: Some(vec![l.speakers[k % l.speakers.len()].clone()]),
                    ..QuoteFilter::default()
                };
                let listed = l.index.list_quotes(&filter, &page20);
                let related: usize = listed
                    .items
                    .iter()
                    .map(|q| l.index.related_quotes(q).len())
                    .sum();
                black_box(related)
            })
        });
        g.bench_function(BenchmarkId::new("search", size), |b| {
            b.iter(|| {
                k += 1;
                black_box(
                    l.index
                        .search_quotes(&l.queries[k % l.queries.len()], &page20)
                        .map(|p| p.items.len()),
                )
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("ingest");
    g.sample_size(10);
    for size in SIZES {
        let articles: Vec<_> = Corpus::new(CorpusConfig {
            articles: size,
            seed: 2,
        })
        .collect();
        g.bench_function(
            BenchmarkId::new("create_article_into_empty_index", size),
            |b| {
                b.iter(|| {
                    let index = Index::new();
                    for a in &articles {
                        let new = NewArticle {
                            id: Some(a.id.clone()),
                            request_id: None,
                            text: a.text.clone(),
                            meta: ArticleMeta {
                                outlet: a.outlet.clone(),
                                ..ArticleMeta::default()
                            },
                        };
                        let _ = black_box(index.create_article(new));
                    }
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
