//! Shared helpers for the index tests: articles with hand-built extractions (independent of the
//! extractor), a small two-outlet index to look things up in, and a page request.

use super::*;
use crate::model::{
    ArticleMeta, AttributionMethod, ExtractedClaim, ExtractedQuote, Extraction, LocalSpeaker,
    QuoteKind, Span, SpeakerKind,
};

/// Builds an article whose text is `text` and whose extraction quotes each `(words, speaker)`
/// (the words must occur in the text) by speakers given as `(name, kind, aliases)`.
pub(super) fn article(
    id: &str,
    outlet: &str,
    text: &str,
    speakers: &[(&str, SpeakerKind, &[&str])],
    quotes: &[(&str, Option<usize>)],
    claims: &[(&str, Option<usize>)],
) -> (NewArticle, Extraction) {
    let span_of = |words: &str| {
        let start = text
            .find(words)
            .unwrap_or_else(|| panic!("{words:?} not in {text:?}"));
        Span::new(start, start + words.len())
    };
    let extraction = Extraction {
        speakers: speakers
            .iter()
            .map(|(name, kind, aliases)| LocalSpeaker {
                name: name.to_string(),
                kind: *kind,
                roles: vec!["Minister".into()],
                aliases: aliases.iter().map(|a| (a.to_string(), 1)).collect(),
                mentions: vec![],
            })
            .collect(),
        quotes: quotes
            .iter()
            .map(|(w, s)| ExtractedQuote {
                span: span_of(w),
                kind: QuoteKind::Full,
                speaker: *s,
                speaker_mention: None,
                cue: None,
                method: s.map(|_| AttributionMethod::Explicit),
                confidence: 0.9,
            })
            .collect(),
        claims: claims
            .iter()
            .map(|(w, s)| ExtractedClaim {
                span: span_of(w),
                speaker: *s,
                speaker_mention: None,
                cue: None,
                method: Some(AttributionMethod::Explicit),
                confidence: 0.8,
            })
            .collect(),
    };
    let new = NewArticle {
        id: Some(id.to_string()),
        request_id: None,
        text: text.to_string(),
        meta: ArticleMeta {
            outlet: outlet.to_string(),
            ..ArticleMeta::default()
        },
    };
    (new, extraction)
}

/// Short for a person speaker.
pub(super) const P: SpeakerKind = SpeakerKind::Person;

/// A quote long enough to group on its own; Outlet B carries a fragment of it.
pub(super) const LONG: &str = "today we took an important step forward for peace";

/// Two articles: Outlet A quotes Rubio saying [`LONG`] and Lavrov claiming the talks were useful;
/// Outlet B quotes Lavrov with a fragment of [`LONG`] and the same claim.
pub(super) fn seeded() -> Index {
    let index = Index::new();
    let text_a = format!("\"{LONG},\" Rubio said. Lavrov said talks were useful.");
    let (a, ea) = article(
        "a",
        "Outlet A",
        &text_a,
        &[
            ("Marco Rubio", P, &["Rubio"]),
            ("Sergey Lavrov", P, &["Lavrov"]),
        ],
        &[(LONG, Some(0))],
        &[("talks were useful", Some(1))],
    );
    index.create_article_with(a, ea).unwrap();
    let text_b = "Lavrov said: “an important step forward.” He said talks were useful.";
    let (b, eb) = article(
        "b",
        "Outlet B",
        text_b,
        &[("Sergey Lavrov", P, &["Lavrov", "Russia's Lavrov"])],
        &[("an important step forward", Some(0))],
        &[("talks were useful", Some(0))],
    );
    index.create_article_with(b, eb).unwrap();
    index
}

/// The first page of at most `size` items.
pub(super) fn page(size: i32) -> PageRequest {
    PageRequest::parse(size, "", &[]).unwrap()
}
