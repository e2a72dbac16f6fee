//! Durable ingest throughput of the store: articles per second with every put acknowledged only
//! after its transaction is committed and synced, for one writer at a time and for many
//! concurrent writers (where group commit shares one sync among a batch).
//!
//! Run: `cargo bench --bench store`. Each configuration also prints the commit count and the
//! mean and largest batch size of its last run.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use saywho::model::{Article, ArticleMeta};
use saywho::store::Store;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A ~4 KB news-like article.
fn article(n: u64) -> Article {
    let para = "“We took an important step forward today,” the minister said, adding that talks \
                would continue next week. Officials declined to comment on the details. ";
    Article {
        id: format!("bench-{n}"),
        text: format!("{n} {}", para.repeat(24)).into(),
        meta: ArticleMeta {
            outlet: "Bench Wire".into(),
            url: format!("https://example.invalid/{n}"),
            title: "Talks continue".into(),
            published_ms: Some(1_739_836_800_000),
        },
        ingested_ms: 0,
    }
}

fn durable_puts(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let next = AtomicU64::new(0);
    let mut group = c.benchmark_group("store_durable_put");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));

    for writers in [1usize, 16, 64, 256] {
        let per_iter = if writers == 1 { 50 } else { 2_000 };
        group.throughput(Throughput::Elements(per_iter));
        let (commits_before, ops_before) = (store.stats().commits(), store.stats().ops());
        group.bench_with_input(
            BenchmarkId::new("writers", writers),
            &writers,
            |b, &writers| {
                b.iter(|| {
                    let first = next.fetch_add(per_iter, Ordering::Relaxed);
                    let store = store.clone();
                    runtime.block_on(async move {
                        let per_writer = per_iter / writers as u64;
                        let tasks = (0..writers as u64).map(|w| {
                            let store = store.clone();
                            tokio::spawn(async move {
                                for i in 0..per_writer {
                                    let n = first + w * per_writer + i;
                                    store.put(&article(n)).await.expect("durable put");
                                }
                            })
                        });
                        for task in tasks.collect::<Vec<_>>() {
                            task.await.expect("writer task");
                        }
                    })
                });
            },
        );
        let stats = store.stats();
        let (commits, ops) = (stats.commits() - commits_before, stats.ops() - ops_before);
        eprintln!(
            "writers={writers}: {ops} puts in {commits} commits, mean batch {:.1}, largest so far {}",
            ops as f64 / commits.max(1) as f64,
            stats.max_batch()
        );
    }
    group.finish();
}

criterion_group!(benches, durable_puts);
criterion_main!(benches);
