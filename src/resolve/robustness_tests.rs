//! Arbitrary text never panics any resolver entry point, and removal always undoes addition.

use super::Resolver;
use super::claims::{ClaimContent, statements};
use super::names::parse_person;
use crate::model::{
    Article, ArticleMeta, ExtractedQuote, Extraction, LocalSpeaker, QuoteKind, Span, SpeakerKind,
};
use proptest::prelude::*;

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,80}",
        "[A-Za-z' \\-’“”\\.,]{0,60}",
        prop::collection::vec(
            prop::sample::select(vec![
                "Mike", "Waltz", "al-", "bin", "the", "U.S.", "’s", " ", "—", "é", "Sergei",
                "\u{0}", "ǅ"
            ]),
            0..12
        )
        .prop_map(|v| v.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn pure_functions_never_panic(text in any_text()) {
        let _ = parse_person(&text);
        let _ = ClaimContent::of(&text);
        for s in statements(&text) {
            prop_assert!(text.get(s.start..s.end).is_some(), "statement span on char boundaries");
        }
    }

    #[test]
    fn resolver_add_then_remove_leaves_nothing(texts in prop::collection::vec((any_text(), any_text()), 1..6)) {
        let mut r = Resolver::with_statements();
        for (i, (name, text)) in texts.iter().enumerate() {
            let kinds = [SpeakerKind::Person, SpeakerKind::Organization, SpeakerKind::Role];
            let speaker = LocalSpeaker {
                name: name.clone(),
                kind: kinds[i % 3],
                roles: vec![name.clone()],
                aliases: vec![(name.clone(), 1)],
                mentions: Vec::new(),
            };
            let end = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(b, _)| b);
            let ex = Extraction {
                speakers: vec![speaker],
                quotes: vec![ExtractedQuote {
                    span: Span::new(0, end),
                    kind: QuoteKind::Full,
                    speaker: Some(0),
                    speaker_mention: None,
                    cue: None,
                    method: None,
                    confidence: 2.0,
                }],
                claims: Vec::new(),
            };
            let article = Article { id: format!("a{i}"), text: text.as_str().into(), meta: ArticleMeta::default(), ingested_ms: 0 };
            r.add_article(&article, &ex);
            let _ = r.speakers.lookup(name);
            let _ = r.quotes.lookup(text);
        }
        for i in 0..texts.len() {
            let id = format!("a{i}");
            prop_assert!(r.remove_article(&id));
        }
        prop_assert!(r.speakers.is_empty());
        prop_assert_eq!(r.quotes.group_count(), 0);
        prop_assert_eq!(r.claims.group_ids().count(), 0);
    }
}
