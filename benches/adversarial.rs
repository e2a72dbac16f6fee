//! Extraction time on adversarial inputs at several sizes. Linear time shows as a throughput
//! (bytes/s) that stays flat as the size grows tenfold; a quadratic path shows as throughput
//! falling tenfold per step.
//!
//! Run: `cargo bench --bench adversarial`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// Sizes in bytes (approximate: each input repeats a unit until it reaches the size).
const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// Repeats `unit` until the result is at least `size` bytes.
fn fill(unit: &str, size: usize) -> String {
    unit.repeat(size.div_ceil(unit.len()))
}

/// The hostile shapes: name and one repeating unit.
const SHAPES: [(&str, &str); 8] = [
    ("straight_quotes", "\""),
    ("curly_opens_only", "“"),
    ("mixed_marks", "“\"”‘'’«»„"),
    (
        "speech_verbs",
        "said told added stressed according to insisted ",
    ),
    ("no_spaces", "abcdefghij"),
    ("quote_cue_quote", "“a,” he said. "),
    ("nested_opens", "“a ‘b “c "),
    (
        "capitalised_names",
        "Marco Rubio Sergei Lavrov Yuri Ushakov ",
    ),
];

fn adversarial(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract_adversarial");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for (name, unit) in SHAPES {
        for size in SIZES {
            let text = fill(unit, size);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, size), &text, |b, text| {
                b.iter(|| black_box(saywho::extract::extract(black_box(text))));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, adversarial);
criterion_main!(benches);
