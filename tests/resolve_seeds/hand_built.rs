//! Extractions hand-built from the gold forms (one local speaker per gold speaker, its aliases
//! and titles as written, every gold quote of the article), plus the extractor's other speakers
//! as distractors: they test resolution alone.

use super::{Gold, gold_dir, gold_of};
use saywho::model::{
    Article, AttributionMethod, ExtractedQuote, Extraction, LocalSpeaker, QuoteKind, Span,
    SpeakerKind,
};
use saywho::resolve::names::parse_person;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One line of `seeds-quotes.jsonl`.
#[derive(Deserialize)]
struct GoldQuoteLine {
    doc: String,
    quote: String,
    speaker: String,
    mention: Option<String>,
}

/// The title words written just before the first occurrence of `form` ("national security
/// adviser" before "Musaed al Alban"), as an extractor would keep them.
fn title_before(text: &str, form: &str) -> Option<String> {
    let at = text.find(form)?;
    let before: Vec<&str> = text[..at].split_whitespace().collect();
    let n = before
        .iter()
        .rev()
        .take_while(|w| saywho::resolve::names::is_title(&w.to_lowercase()))
        .count();
    (n > 0).then(|| before[before.len() - n..].join(" "))
}

/// The extraction of `article` built from the gold forms, with the speakers of `extracted` that
/// are not in the gold as distractors.
pub(super) fn hand_built(gold: &Gold, article: &Article, extracted: &Extraction) -> Extraction {
    let lines =
        std::fs::read_to_string(gold_dir().join("seeds-quotes.jsonl")).expect("read gold quotes");
    let mut ex = Extraction::default();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for g in gold
        .speakers
        .iter()
        .filter(|g| g.docs.contains(&article.id))
    {
        let aliases: Vec<(String, u32)> = g
            .forms
            .iter()
            .filter_map(|f| {
                Some((f.clone(), article.text.matches(f.as_str()).count() as u32))
                    .filter(|x| x.1 > 0)
            })
            .collect();
        let named = aliases
            .iter()
            .filter_map(|(a, _)| parse_person(a))
            .filter(|p| !p.given.is_empty() || g.name.to_lowercase().contains(&p.surname))
            .max_by_key(|p| p.fullness());
        let kind = if named.is_some() {
            SpeakerKind::Person
        } else {
            SpeakerKind::Role
        };
        let name = named.map_or_else(
            || {
                aliases
                    .first()
                    .map(|a| a.0.trim_start_matches("the ").to_string())
                    .unwrap_or_default()
            },
            |p| p.written,
        );
        let mut roles: Vec<String> = aliases
            .iter()
            .filter_map(|(a, _)| a.strip_suffix(&name).map(|r| r.trim().to_string()))
            .filter(|r| !r.is_empty())
            .collect();
        roles.extend(
            aliases
                .iter()
                .filter_map(|(a, _)| title_before(&article.text, a)),
        );
        index.insert(g.name.clone(), ex.speakers.len());
        ex.speakers.push(LocalSpeaker {
            name,
            kind,
            roles,
            aliases,
            mentions: Vec::new(),
        });
    }
    // distractors: everyone else the extractor found, so precision is tested
    ex.speakers.extend(
        extracted
            .speakers
            .iter()
            .filter(|s| gold_of(gold, s).is_none())
            .cloned(),
    );
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let q: GoldQuoteLine = serde_json::from_str(line).expect("quote line");
        let Some(start) = article.text.find(&q.quote).filter(|_| q.doc == article.id) else {
            continue;
        };
        let speaker = index.get(&q.speaker).copied().or_else(|| {
            index
                .get("Tammy Bruce")
                .filter(|_| q.speaker.contains("spokesperson"))
                .copied()
        });
        ex.quotes.push(ExtractedQuote {
            span: Span::new(start, start + q.quote.len()),
            kind: QuoteKind::Full,
            speaker,
            speaker_mention: None,
            cue: None,
            method: Some(if q.mention.is_some() {
                AttributionMethod::Explicit
            } else {
                AttributionMethod::Continuation
            }),
            confidence: 0.9,
        });
    }
    ex
}
