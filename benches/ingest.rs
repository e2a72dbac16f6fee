//! End-to-end durable ingest over the wire: one ImportArticles stream per iteration into an
//! in-process server on loopback, acknowledged only after the store commit, against the same
//! with `--in-memory` (no store). Also CreateArticle from 64 concurrent callers.
//!
//! Run: `cargo bench --bench ingest`. Prints the store's commit count and mean batch size.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use saywho::index::Index;
use saywho::pb;
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::service::ServeConfig;
use saywho::store::Store;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tonic::transport::Channel;

const PER_ITER: usize = 1_000;

/// Speakers drawn from a pool, so that speaker records are shared but not all by one person.
const SURNAMES: [&str; 10] = [
    "Doe", "Roe", "Smith", "Wei", "Khan", "Silva", "Novak", "Okafor", "Berg", "Ito",
];

/// A ~2 KB news-like article whose quotes are its own (like most real articles).
fn article(n: usize) -> pb::Article {
    let speaker = |k: usize| format!("Minister {} {}", SURNAMES[k % 10], SURNAMES[(k / 10) % 10]);
    let mut text = String::with_capacity(2048);
    for p in 0..6 {
        text.push_str(&format!(
            "“Plan {n}-{p} is an important step for district {p} and for the people we serve,” {} \
             said on Tuesday, adding that talks on item {n} would continue next week. Officials \
             declined to comment on the details of proposal {p}. ",
            speaker(n * 7 + p)
        ));
    }
    pb::Article {
        text,
        outlet: format!("Wire {}", n % 20),
        ..Default::default()
    }
}

fn serve(runtime: &tokio::runtime::Runtime, store: Store) -> Channel {
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let config = ServeConfig {
            store,
            ..ServeConfig::default()
        };
        tokio::spawn(saywho::service::serve(
            config,
            Index::new(),
            listener,
            std::future::pending(),
        ));
        tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
            .expect("uri")
            .connect()
            .await
            .expect("connect")
    })
}

fn ingest(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("rt");
    let dir = tempfile::tempdir().expect("tempdir");
    let durable = Store::open(dir.path()).expect("store");
    let stats = durable.stats();
    let servers = [
        ("durable", serve(&runtime, durable)),
        ("in_memory", serve(&runtime, Store::in_memory())),
    ];
    let next = AtomicUsize::new(0);
    let mut group = c.benchmark_group("ingest_over_the_wire");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(PER_ITER as u64));
    for (mode, channel) in &servers {
        let before = (stats.commits(), stats.ops());
        group.bench_function(BenchmarkId::new("import_stream", mode), |b| {
            b.iter(|| {
                let first = next.fetch_add(PER_ITER, Ordering::Relaxed);
                let stream = futures::stream::iter((first..first + PER_ITER).map(|n| {
                    pb::ImportArticlesRequest {
                        article: Some(article(n)),
                        article_id: format!("i{n}"),
                        request_id: String::new(),
                    }
                }));
                let mut client = ArticleServiceClient::new(channel.clone());
                let reply = runtime
                    .block_on(client.import_articles(stream))
                    .expect("import")
                    .into_inner();
                assert_eq!(reply.created_count as usize, PER_ITER);
            });
        });
        group.bench_function(BenchmarkId::new("create_64_callers", mode), |b| {
            b.iter(|| {
                let first = next.fetch_add(PER_ITER, Ordering::Relaxed);
                runtime.block_on(async {
                    let calls = (0..64).map(|w| {
                        let mut client = ArticleServiceClient::new(channel.clone());
                        tokio::spawn(async move {
                            for n in (first + w..first + PER_ITER).step_by(64) {
                                let request = pb::CreateArticleRequest {
                                    article: Some(article(n)),
                                    article_id: format!("c{n}"),
                                    request_id: String::new(),
                                };
                                client.create_article(request).await.expect("create");
                            }
                        })
                    });
                    for call in calls.collect::<Vec<_>>() {
                        call.await.expect("caller");
                    }
                });
            });
        });
        let (commits, ops) = (stats.commits() - before.0, stats.ops() - before.1);
        if *mode == "durable" {
            eprintln!(
                "durable: {ops} writes in {commits} commits, mean batch {:.1}",
                ops as f64 / commits.max(1) as f64
            );
        }
    }
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
