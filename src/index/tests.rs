//! Index tests with hand-built extractions (independent of the extractor).

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

pub(super) const P: SpeakerKind = SpeakerKind::Person;
const LONG: &str = "today we took an important step forward for peace";

fn seeded() -> Index {
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

pub(super) fn page(size: i32) -> PageRequest {
    PageRequest::parse(size, "", &[]).unwrap()
}

#[test]
fn attribute_finds_exact_and_contained_matches() {
    let index = seeded();
    let exact = index
        .attribute(
            "Today we took an IMPORTANT step — forward for peace!",
            10,
            Detail::Occurrences,
        )
        .unwrap();
    assert_eq!(exact[0].speaker.as_deref(), Some("marco-rubio"));
    assert_eq!(exact[0].kind, MatchKind::Exact);

    let fragment = index
        .attribute(
            "\"took an important step forward\"",
            10,
            Detail::Occurrences,
        )
        .unwrap();
    assert_eq!(fragment[0].speaker.as_deref(), Some("marco-rubio"));
    assert_eq!(fragment[0].kind, MatchKind::Contained);
    assert_eq!(fragment[0].outlets, ["Outlet A"]);

    let both = index
        .attribute("an important step forward", 10, Detail::Occurrences)
        .unwrap();
    let speakers: Vec<_> = both.iter().map(|c| c.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        [Some("sergey-lavrov"), Some("marco-rubio")],
        "exact match ranks first"
    );

    assert!(
        index
            .attribute("nothing like this was ever said", 10, Detail::Occurrences)
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        index.attribute(" … ", 10, Detail::Occurrences),
        Err(Error::InvalidArgument(_))
    ));
}

#[test]
fn speakers_merge_across_articles_and_search_by_alias() {
    let index = seeded();
    let lavrov = index.get_speaker("sergey-lavrov").unwrap();
    assert_eq!(lavrov.contributions().len(), 2);
    assert_eq!(lavrov.quote_count(), 1);
    assert_eq!(lavrov.claim_count(), 2);
    assert_eq!(
        index.speakers_by_alias("russia’s lavrov"),
        ["sergey-lavrov"]
    );
    let all = index.list_speakers("", None, &page(10));
    assert_eq!(all.items.len(), 2);
    let found = index.list_speakers("Lavrov", None, &page(10));
    assert_eq!(found.items.len(), 1);
    assert!(
        index
            .list_speakers("Putin", None, &page(10))
            .items
            .is_empty()
    );
}

#[test]
fn quotes_filter_by_speaker_outlet_and_article() {
    let index = seeded();
    let by = |f: QuoteFilter| index.list_quotes(&f, &page(10)).items.len();
    assert_eq!(
        by(QuoteFilter::default()),
        1,
        "the fragment joined the longer quote"
    );
    let rubio = QuoteFilter {
        speakers: Some(vec!["marco-rubio".into()]),
        ..Default::default()
    };
    assert_eq!(by(rubio), 1);
    assert_eq!(
        by(QuoteFilter {
            outlet: Some("outlet b".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        by(QuoteFilter {
            article: Some("a".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        by(QuoteFilter {
            article: Some("zzz".into()),
            ..Default::default()
        }),
        0
    );
    let mixed = QuoteFilter {
        speakers: Some(vec!["marco-rubio".into()]),
        outlet: Some("Outlet B".into()),
        ..Default::default()
    };
    assert_eq!(by(mixed), 0, "filters hold for one occurrence");
}

#[test]
fn claims_group_by_claimant_and_content() {
    let index = seeded();
    let claims = index.list_claims("sergey-lavrov", "", &page(10));
    assert_eq!(claims.items.len(), 1);
    let claim = &claims.items[0];
    assert_eq!(claim.occurrences.len(), 2);
    let (outlets, n) = claim.corroboration(|a| index.is_copy(a));
    assert_eq!((outlets.len(), n), (2, 2));
}

#[test]
fn a_fragment_joins_the_longer_quote() {
    let index = seeded();
    let long = index.attribute(LONG, 1, Detail::Occurrences).unwrap()[0].evidence[0]
        .quote
        .clone();
    assert_eq!(long.occurrences.len(), 2, "the long quote and its fragment");
    assert_eq!(
        long.words.len(),
        9,
        "canonical words are the longest wording"
    );
    assert_eq!(long.variants().len(), 2, "each outlet's wording is kept");
    assert!(
        index.related_quotes(&long).is_empty(),
        "nothing left outside the group"
    );
}

#[test]
fn search_ranks_rarer_words_first() {
    let index = seeded();
    let hits = index.search_quotes("peace step", &page(10)).unwrap();
    assert_eq!(hits.items.len(), 1, "one quote group");
    assert_eq!(
        hits.items[0].quote.words.len(),
        9,
        "the quote with both words first"
    );
    assert_eq!(hits.items[0].matched_terms, ["peace", "step"]);
    assert!(index.search_quotes("!!", &page(10)).is_err());
    // words found nowhere do not crowd out the ones that rank
    let long: Vec<String> = (0..100).map(|k| format!("nowhere{k}")).collect();
    let hits = index
        .search_quotes(&format!("{} peace step", long.join(" ")), &page(10))
        .unwrap();
    assert_eq!(hits.items.len(), 1);
    assert_eq!(hits.items[0].matched_terms, ["peace", "step"]);
}

#[test]
fn create_is_idempotent_and_rejects_a_changed_text() {
    let index = seeded();
    let (a, ea) = article("a", "Outlet A", "different text", &[], &[], &[]);
    assert!(matches!(
        index.create_article_with(a, ea),
        Err(Error::AlreadyExists { .. })
    ));
    let same = index.get_article("a").unwrap();
    let again = NewArticle {
        id: Some("a".into()),
        text: same.article.text.to_string(),
        ..NewArticle::default()
    };
    let created = index
        .create_article_with(again, Extraction::default())
        .unwrap();
    assert!(created.already_existed);
    assert_eq!(index.stats().articles, 2);
    let blank = NewArticle {
        text: " \n".into(),
        id: Some("-bad".into()),
        ..Default::default()
    };
    match index.create_article_with(blank, Extraction::default()) {
        Err(Error::InvalidArgument(v)) => assert_eq!(v.len(), 2, "{v:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn delete_removes_occurrences_counts_claims_and_postings() {
    let index = seeded();
    let deleted = index.delete_article("b").unwrap();
    assert_eq!(
        deleted,
        Deleted {
            quote_occurrences: 1,
            claim_occurrences: 1
        }
    );
    assert_eq!(
        index.stats(),
        Stats {
            articles: 1,
            quotes: 1,
            speakers: 2,
            claims: 1
        }
    );
    let lavrov = index.get_speaker("sergey-lavrov").unwrap();
    assert_eq!(lavrov.claim_count(), 1);
    assert!(
        !lavrov.aliases().iter().any(|(a, _)| a == "Russia's Lavrov"),
        "the deleted article's alias is gone"
    );
    assert_eq!(
        index.speakers_by_alias("Russia's Lavrov"),
        ["sergey-lavrov"],
        "any form of the name still finds the person"
    );
    assert_eq!(
        index
            .attribute("an important step forward", 10, Detail::Occurrences)
            .unwrap()
            .len(),
        1
    );
    assert!(index.search_quotes("peace", &page(10)).unwrap().items.len() == 1);
    index.delete_article("a").unwrap();
    assert_eq!(index.stats(), Stats::default());
    assert!(matches!(
        index.delete_article("a"),
        Err(Error::NotFound { .. })
    ));
    assert!(
        index
            .search_quotes("peace", &page(10))
            .unwrap()
            .items
            .is_empty()
    );
}

/// Creates an article with nothing extracted from it.
fn create_plain(index: &Index, id: &str, outlet: &str, published_ms: i64, text: String) {
    let new = NewArticle {
        id: Some(id.into()),
        text,
        meta: ArticleMeta {
            outlet: outlet.into(),
            published_ms: Some(published_ms),
            ..Default::default()
        },
        ..Default::default()
    };
    index
        .create_article_with(new, Extraction::default())
        .unwrap();
}

#[test]
fn syndicated_copies_point_to_the_earliest_original() {
    let index = Index::new();
    for (id, outlet, ms) in [("late", "Yahoo", 20), ("early", "AP", 10)] {
        let text = "The same wire story, word for word.";
        create_plain(&index, id, outlet, ms, text.into());
    }
    let early = index.get_article("early").unwrap();
    let late = index.get_article("late").unwrap();
    assert_eq!(index.syndication(&early), (None, vec!["late".to_string()]));
    assert_eq!(
        index.syndication(&late),
        (Some("early".to_string()), vec![])
    );
    assert!(index.is_copy("late"));
    assert!(!index.is_copy("early"));
}

#[test]
fn is_copy_agrees_with_the_syndication_of_near_duplicates() {
    let index = Index::new();
    let story = "The finance ministers of the northern states met on Tuesday in the harbour city \
        to discuss the new fishing quotas, which the coastal towns have opposed for months. After \
        six hours of talks the ministers agreed to postpone the decision until the autumn, when a \
        scientific report on the stocks is due. Fishermen gathered outside the hall and said the \
        delay would cost them another season of uncertainty and lost income.";
    let texts = [
        ("wire", 10, story.to_string()),
        (
            "copy",
            20,
            format!("{story} Reporting by the wire service."),
        ),
        (
            "other",
            30,
            "A different story about a football match that ended in a draw after \
            extra time, with both coaches saying afterwards that the referee had made mistakes \
            and that the league should review the rules before the next season starts."
                .into(),
        ),
    ];
    for (id, ms, text) in texts {
        create_plain(&index, id, id, ms, text);
    }
    for id in ["wire", "copy", "other"] {
        let record = index.get_article(id).unwrap();
        let copy_of = index.syndication(&record).0;
        assert_eq!(index.record_is_copy(&record), copy_of.is_some(), "{id}");
        assert_eq!(copy_of.is_some(), id == "copy", "{id}: {copy_of:?}");
    }
}

#[test]
fn conflicts_list_quotes_with_two_speakers() {
    let index = Index::new();
    let words = "we will never accept this deal";
    for (id, name) in [("x", "Speaker One"), ("y", "Speaker Two")] {
        let text = format!("\"{words},\" {name} said.");
        let (a, e) = article(id, id, &text, &[(name, P, &[])], &[(words, Some(0))], &[]);
        index.create_article_with(a, e).unwrap();
    }
    let conflicts = index.list_conflicts(&page(10));
    assert_eq!(conflicts.items.len(), 1);
    assert_eq!(conflicts.items[0].speakers().len(), 2);
    index.delete_article("y").unwrap();
    assert!(index.list_conflicts(&page(10)).items.is_empty());
}

#[test]
fn watchers_receive_new_occurrences() {
    let index = seeded();
    let mut rx = index.subscribe();
    let (c, ec) = article(
        "c",
        "Outlet C",
        "\"Fine words,\" Rubio said.",
        &[("Marco Rubio", P, &[])],
        &[("Fine words", Some(0))],
        &[],
    );
    index.create_article_with(c, ec).unwrap();
    let event = rx.try_recv().unwrap();
    assert_eq!(event.occurrence.text(), "Fine words");
    assert_eq!(event.occurrence.speaker.as_deref(), Some("marco-rubio"));
}

#[test]
fn out_of_range_extraction_spans_are_dropped_not_panicking() {
    let index = Index::new();
    let text = "héllo \"world wide\" said X";
    let mut e = Extraction::default();
    e.quotes.push(ExtractedQuote {
        span: Span::new(2, 3), // inside 'é'
        kind: QuoteKind::Full,
        speaker: Some(7), // no such speaker
        speaker_mention: None,
        cue: Some(Span::new(0, 999)),
        method: None,
        confidence: 4.0,
    });
    let new = NewArticle {
        id: Some("h".into()),
        text: text.into(),
        ..Default::default()
    };
    index.create_article_with(new, e).unwrap();
    assert_eq!(index.stats().quotes, 0);
}

#[test]
fn list_articles_pages_and_filters_by_outlet() {
    let index = seeded();
    let first = index.list_articles("", &page(1));
    assert_eq!(first.items.len(), 1);
    assert_eq!(first.total, Some(2));
    let next = PageRequest::parse(1, &first.next_page_token, &[]).unwrap();
    let second = index.list_articles("", &next);
    assert_eq!(second.items[0].article.id, "b");
    assert!(second.next_page_token.is_empty());
    assert_eq!(index.list_articles("OUTLET a", &page(5)).items.len(), 1);
}

#[test]
fn a_role_counts_for_the_person_another_outlet_names_until_that_outlet_goes() {
    let index = Index::new();
    let words = "The harbour will reopen to ships next month";
    let text_a = format!("\"{words},\" the port spokesperson said.");
    let (a, ea) = article(
        "a",
        "Gazette",
        &text_a,
        &[(
            "port spokesperson",
            SpeakerKind::Role,
            &["the port spokesperson"],
        )],
        &[(words, Some(0))],
        &[],
    );
    index.create_article_with(a, ea).unwrap();
    let text_b = format!("Port spokesperson Dana Whitfield said: \"{words}.\"");
    let (b, eb) = article(
        "b",
        "Herald",
        &text_b,
        &[("Dana Whitfield", P, &["Port spokesperson Dana Whitfield"])],
        &[(words, Some(0))],
        &[],
    );
    index.create_article_with(b, eb).unwrap();
    let dana = index.get_speaker("dana-whitfield").unwrap();
    assert_eq!(
        dana.contributions().len(),
        2,
        "the role's article counts for her"
    );
    assert!(
        dana.aliases()
            .iter()
            .any(|(a, _)| a == "the port spokesperson")
    );
    let quote = index.attribute(words, 1, Detail::Occurrences).unwrap()[0].evidence[0]
        .quote
        .clone();
    let in_a = quote
        .occurrences
        .iter()
        .find(|o| &*o.article == "a")
        .unwrap();
    assert_eq!(in_a.speaker.as_deref(), Some("dana-whitfield"));
    assert_eq!(in_a.method, Some(AttributionMethod::CrossSource));
    assert!(!quote.is_conflict());

    let (a_again, _) = (index.get_article("a").unwrap(), ());
    let a_text = a_again.article.text.clone();
    index.delete_article("a").unwrap();
    assert_eq!(
        index
            .get_speaker("dana-whitfield")
            .unwrap()
            .contributions()
            .len(),
        1,
        "the role's article left with it"
    );
    let (a, ea) = article(
        "a",
        "Gazette",
        &a_text,
        &[(
            "port spokesperson",
            SpeakerKind::Role,
            &["the port spokesperson"],
        )],
        &[(words, Some(0))],
        &[],
    );
    index.create_article_with(a, ea).unwrap();
    assert_eq!(
        index
            .get_speaker("dana-whitfield")
            .unwrap()
            .contributions()
            .len(),
        2
    );

    index.delete_article("b").unwrap();
    assert!(index.speaker("dana-whitfield").is_none());
    let quote = index.attribute(words, 1, Detail::Occurrences).unwrap()[0].evidence[0]
        .quote
        .clone();
    assert_eq!(
        quote.occurrences[0].speaker.as_deref(),
        Some("port-spokesperson")
    );
    assert_eq!(
        quote.occurrences[0].method,
        Some(AttributionMethod::Explicit)
    );
}

#[test]
fn a_lightly_edited_wire_copy_counts_once_for_corroboration() {
    let index = Index::new();
    let wire = "Officials said the harbour will reopen to ships next month after repairs to the \
                northern pier were completed ahead of schedule, and that the ferry service would \
                resume at the same time, with extra sailings planned for the summer season.";
    let claim = "the harbour will reopen to ships next month";
    let copy = format!("PORT TOWN (Wire) — {wire} Copyright 2025 Wire Service.");
    let own = format!(
        "Harbour officials confirmed {claim}, the port said in its own statement on Friday."
    );
    for (id, outlet, ms, text) in [
        ("orig", "Wire Service", 1, wire.to_string()),
        ("copy", "Local Daily", 2, copy),
        ("own", "Evening Post", 3, own),
    ] {
        let (mut new, e) = article(id, outlet, &text, &[], &[], &[(claim, None)]);
        new.meta.published_ms = Some(ms);
        index.create_article_with(new, e).unwrap();
    }
    let copy = index.get_article("copy").unwrap();
    assert_eq!(index.syndication(&copy), (Some("orig".to_string()), vec![]));
    let orig = index.get_article("orig").unwrap();
    assert_eq!(index.syndication(&orig).1, ["copy"]);
    let claims = index.list_claims("", "", &page(10)).items;
    let c = claims
        .iter()
        .find(|c| {
            let arts: std::collections::BTreeSet<&str> =
                c.occurrences.iter().map(|o| &*o.article).collect();
            arts.len() == 3
        })
        .expect("one claim reported by all three");
    let (outlets, n) = c.corroboration(|a| index.is_copy(a));
    assert_eq!(n, 2, "{outlets:?}");
}
