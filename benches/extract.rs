//! Extraction throughput on one core: the seeds, a larger text built from them, and adversarial
//! inputs at two sizes (time must grow linearly: all quote marks, all speech verbs, no spaces,
//! one huge word, alternating quotes and cues).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn seeds() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `unit` repeated up to `size` bytes.
fn repeat(unit: &str, size: usize) -> String {
    unit.repeat(size / unit.len().max(1) + 1)
}

fn bench(c: &mut Criterion) {
    let seeds = seeds();
    let mut g = c.benchmark_group("extract");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(seeds.len() as u64));
    g.bench_function("seeds", |b| {
        b.iter(|| saywho::extract::extract(black_box(&seeds)))
    });
    let big = repeat(&format!("{seeds}\n\n"), 4 << 20);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("seeds_4MB", |b| {
        b.iter(|| saywho::extract::extract(black_box(&big)))
    });
    g.finish();

    let adversarial: &[(&str, &str)] = &[
        ("all_marks", "\"“”‘’'«»\" "),
        ("all_cues", "said told reporters according to he said, "),
        ("no_spaces", "abc,def.ghi\"jkl”mno"),
        ("one_word", "x"),
        ("quote_cue", "\"Yes,\" he said. “No,” said Rubio, "),
        (
            "names",
            "Secretary of State Marco Rubio, U.S. President Donald Trump, ",
        ),
    ];
    let mut g = c.benchmark_group("adversarial");
    g.sample_size(10);
    for (name, unit) in adversarial {
        for size in [128 << 10, 1 << 20] {
            let text = repeat(unit, size);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(*name, size), &text, |b, t| {
                b.iter(|| saywho::extract::extract(black_box(t)))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
