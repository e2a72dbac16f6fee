//! Cross-source resolution at scale: quote lookups and speaker merges against large synthetic
//! collections, to show that lookups go through posting lists and hash maps, not scans.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use saywho::model::{LocalSpeaker, SpeakerKind};
use saywho::resolve::quotes::QuoteMatcher;
use saywho::resolve::speakers::SpeakerRegistry;
use std::hint::black_box;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A word index skewed towards small numbers, like word frequencies.
    fn word(&mut self, vocab: usize) -> usize {
        let a = (self.next() % vocab as u64) as usize;
        let b = (self.next() % vocab as u64) as usize;
        a.min(b)
    }
}

/// A pseudo-random pronounceable word (2–4 consonant-vowel syllables) for index `i`.
fn word(i: usize) -> String {
    let consonants = b"bcdfghjklmnprstvz";
    let vowels = b"aeiou";
    let mut rng = Rng(i as u64 * 0x9E37_79B9 + 1);
    let syllables = 2 + (rng.next() % 3) as usize;
    let mut w = String::new();
    for _ in 0..syllables {
        w.push(consonants[(rng.next() % consonants.len() as u64) as usize] as char);
        w.push(vowels[(rng.next() % vowels.len() as u64) as usize] as char);
    }
    w
}

fn sentence(rng: &mut Rng, vocab: &[String]) -> Vec<String> {
    let len = 8 + (rng.next() % 18) as usize;
    (0..len)
        .map(|_| vocab[rng.word(vocab.len())].clone())
        .collect()
}

fn quotes(c: &mut Criterion) {
    let vocab: Vec<String> = (0..20_000).map(word).collect();
    let mut rng = Rng(0x5EED);
    let mut m = QuoteMatcher::new();
    let mut stored = Vec::new();
    for i in 0..200_000 {
        let s = sentence(&mut rng, &vocab);
        m.add(&format!("a{}", i / 8), &s.join(" "));
        if i % 1000 == 0 {
            stored.push(s);
        }
    }
    let exact: Vec<String> = stored.iter().map(|s| s.join(" ")).collect();
    let fragments: Vec<String> = stored.iter().map(|s| s[2..7].join(" ")).collect();
    let near: Vec<String> = stored
        .iter()
        .map(|s| {
            let mut s = s.clone();
            let mid = s.len() / 2;
            s[mid] = "changed".into();
            s.join(" ")
        })
        .collect();
    let mut i = 0;
    let mut g = c.benchmark_group("quotes_200k");
    for (name, queries) in [
        ("lookup_exact", &exact),
        ("lookup_fragment", &fragments),
        ("lookup_near", &near),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                i = (i + 1) % queries.len();
                black_box(m.lookup(&queries[i]))
            })
        });
    }
    g.bench_function("add", |b| {
        b.iter_batched(
            || sentence(&mut rng, &vocab).join(" "),
            |q| black_box(m.add("bench", &q)),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn speakers(c: &mut Criterion) {
    let vocab: Vec<String> = (0..5_000).map(word).collect();
    let mut rng = Rng(0xFACE);
    let mut r = SpeakerRegistry::new();
    let person = |given: &str, surname: &str| LocalSpeaker {
        name: format!("{given} {surname}"),
        kind: SpeakerKind::Person,
        roles: vec!["minister".into()],
        aliases: vec![
            (format!("Minister {given} {surname}"), 1),
            (surname.to_string(), 2),
        ],
        mentions: Vec::new(),
    };
    let cap = |w: &str| w[..1].to_uppercase() + &w[1..];
    for i in 0..100_000 {
        let (g, s) = (
            cap(&vocab[rng.word(500)]),
            cap(&vocab[rng.word(vocab.len())]),
        );
        r.add(&format!("a{}", i / 10), &person(&g, &s), 1);
    }
    let mut g = c.benchmark_group("speakers_100k");
    g.bench_function("add", |b| {
        b.iter_batched(
            || {
                person(
                    &cap(&vocab[rng.word(500)]),
                    &cap(&vocab[rng.word(vocab.len())]),
                )
            },
            |p| black_box(r.add("bench", &p, 1)),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("lookup", |b| {
        b.iter(|| black_box(r.lookup(&format!("Minister {}", cap(&vocab[rng.word(vocab.len())])))))
    });
    g.finish();
}

criterion_group!(benches, quotes, speakers);
criterion_main!(benches);
