//! A deterministic generator of synthetic news corpora for benchmarks and accuracy checks.
//!
//! The same [`CorpusConfig`] always yields the same articles, byte for byte (the generator carries
//! its own SplitMix64 stream per event, so no dependency upgrade can change a corpus). Articles
//! come out as a stream: memory stays constant however many are asked for.
//!
//! What the corpus holds, and why:
//!
//! - **Events** covered by two to nine outlets each, so cross-source grouping has work to do.
//! - **Speakers** with invented names from syllable tables, spelled per outlet house style
//!   (transliterations Sergey/Sergei, nicknames, `al-`/`al ` particles, dropped diacritics),
//!   introduced with titles ("Veshan Foreign Minister …"), then by surname or pronoun; some share
//!   a surname with another person; spokespeople are sometimes left unnamed.
//! - **Quotes** in the attribution styles real news uses (`"…," X said`, `X said: "…"`,
//!   `"…," said X, the …`, split quotes, continuation paragraphs, a paragraph left open, pronouns,
//!   fragments in reported speech, single-quoted headline fragments, the odd cue-less source typo),
//!   shared verbatim, trimmed or reworded across outlets, rarely misattributed.
//! - **Claims** in reported speech (`X said that …`, `according to X, …`) in several wordings, some
//!   contradicting the others (canceled vs postponed).
//! - **Wire stories** republished verbatim by other outlets.
//! - **Not quotations**: programme titles and scare quotes.
//!
//! [`CorpusArticle::truth`] records all of it (see [`truth`]).

mod article;
mod event;
mod names;
mod queries;
mod read;
mod rng;
mod styles;
mod templates;
mod time;
mod topics;
pub mod truth;
mod world;
mod writer;

use std::collections::VecDeque;
use std::io::{self, Write};

use serde::Serialize;

use self::event::Event;
pub use self::queries::LookupTexts;
pub use self::read::{parse_time, read_article};
use self::rng::Rng;
use self::time::DateTime;
pub use self::truth::ArticleTruth;
use self::world::{OUTLETS, World};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CorpusConfig {
    /// Number of articles.
    pub articles: u64,
    /// The seed; the same seed and size give the same bytes.
    pub seed: u64,
}

/// One generated article, in the fields `saywho import` reads.
#[derive(Clone, Debug)]
pub struct CorpusArticle {
    /// Article id: `syn{seed}-{n:07}`, a valid resource id.
    pub id: String,
    /// The article text (headline first, paragraphs separated by newlines).
    pub text: String,
    /// Outlet name.
    pub outlet: String,
    /// Canonical URL under the reserved `.example` domain.
    pub url: String,
    /// Publication time, RFC 3339 in UTC.
    pub published: String,
    /// Publication time in milliseconds since the Unix epoch.
    pub published_ms: i64,
    /// What the generator put in the article.
    pub truth: ArticleTruth,
}

/// The number of distinct speakers for a corpus of `articles` articles: about one per ten
/// articles, at least 240 and at most 60,000.
pub fn speaker_count(articles: u64) -> usize {
    ((articles / 10).clamp(240, 60_000) / 12 * 12) as usize
}

/// A stream of generated articles. Create it with [`Corpus::new`].
#[derive(Debug)]
pub struct Corpus {
    world: World,
    config: CorpusConfig,
    next_event: u64,
    emitted: u64,
    pending: VecDeque<CorpusArticle>,
}

impl Corpus {
    /// Prepares a corpus; nothing is generated until iteration.
    pub fn new(config: CorpusConfig) -> Corpus {
        Corpus {
            world: World::new(config.seed, speaker_count(config.articles)),
            config,
            next_event: 0,
            emitted: 0,
            pending: VecDeque::new(),
        }
    }

    fn fill_pending(&mut self) {
        let seed = self.config.seed;
        let ev = Event::generate(&self.world, seed, self.next_event);
        self.next_event += 1;
        let mut rng = Rng::derive(seed, 4, ev.index);
        let mut at = ev.at_ms;
        let mut number = self.emitted + self.pending.len() as u64;
        let mut wire: Option<CorpusArticle> = None;
        for (n, &o) in ev.outlets.iter().enumerate() {
            at += rng.range(5, 90) as i64 * 60_000 + rng.below(60_000) as i64;
            let (text, truth) = article::write(&self.world, &ev, o, seed, n);
            let a = self.finish(number, o, &ev, text, truth, at);
            number += 1;
            if n == 0 && OUTLETS[o].wire {
                wire = Some(a.clone());
            }
            self.pending.push_back(a);
        }
        if let Some(wire) = wire {
            for &o in &ev.republishers {
                let copy_at = wire.published_ms + rng.range(3, 180) as i64 * 60_000;
                let mut text = wire.text.clone();
                if rng.chance(0.5) {
                    text.push_str(&format!(
                        "\n\nThis story was originally published by {}.",
                        wire.outlet
                    ));
                }
                let mut truth = wire.truth.clone();
                truth.syndicated_from = Some(wire.id.clone());
                let a = self.finish(number, o, &ev, text, truth, copy_at);
                number += 1;
                self.pending.push_back(a);
            }
        }
    }

    fn finish(
        &self,
        number: u64,
        outlet: usize,
        ev: &Event,
        text: String,
        mut truth: ArticleTruth,
        at_ms: i64,
    ) -> CorpusArticle {
        let id = format!("syn{}-{number:07}", self.config.seed);
        let o = &OUTLETS[outlet];
        let d = DateTime::from_unix_ms(at_ms);
        let slug: String = format!("{} {}", ev.slots.topic.label, ev.slots.city)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let url = format!(
            "https://{}/{:04}/{:02}/{:02}/{slug}-{number}",
            o.domain, d.year, d.month, d.day
        );
        truth.id = id.clone();
        truth.outlet = o.name.to_string();
        CorpusArticle {
            id,
            text,
            outlet: o.name.to_string(),
            url,
            published: d.rfc3339(),
            published_ms: at_ms,
            truth,
        }
    }
}

impl Iterator for Corpus {
    type Item = CorpusArticle;

    fn next(&mut self) -> Option<CorpusArticle> {
        if self.emitted >= self.config.articles {
            return None;
        }
        while self.pending.is_empty() {
            self.fill_pending();
        }
        self.emitted += 1;
        self.pending.pop_front()
    }
}

/// One JSON line of the corpus file: the format `saywho extract` and `saywho import` read.
#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    outlet: &'a str,
    url: &'a str,
    published: &'a str,
}

/// Totals of a written corpus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles written.
    pub articles: u64,
    /// Bytes of article text (not counting JSON).
    pub text_bytes: u64,
    /// Quotations in the ground truth.
    pub quotes: u64,
    /// Claims in the ground truth.
    pub claims: u64,
}

/// Writes the corpus as JSON Lines to `out` and, when given, the ground truth (one
/// [`ArticleTruth`] per line, same order) to `truth`.
pub fn write_jsonl(
    config: CorpusConfig,
    out: &mut dyn Write,
    mut truth: Option<&mut dyn Write>,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    for a in Corpus::new(config) {
        let line = Line {
            id: &a.id,
            text: &a.text,
            outlet: &a.outlet,
            url: &a.url,
            published: &a.published,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
        if let Some(t) = truth.as_deref_mut() {
            serde_json::to_writer(&mut *t, &a.truth)?;
            t.write_all(b"\n")?;
        }
        summary.articles += 1;
        summary.text_bytes += a.text.len() as u64;
        summary.quotes += a.truth.quotes.len() as u64;
        summary.claims += a.truth.claims.len() as u64;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests;
