//! Lookups on the small seeded index: who said a quote (exact and contained matches), speakers by
//! alias, quote filters and search, claims by claimant, a fragment joining the longer quote, and
//! article pages.

use super::tests::{LONG, page, seeded};
use super::*;

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
    assert_eq!(
        index.attributed(&lavrov.id),
        Attributed {
            quotes: 1,
            claims: 2
        }
    );
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
fn list_articles_pages_and_filters_by_outlet() {
    let index = seeded();
    let first = index.list_articles("", None, &page(1));
    assert_eq!(first.items.len(), 1);
    assert_eq!(first.total, Some(2));
    let next = PageRequest::parse(1, &first.next_page_token, &[]).unwrap();
    let second = index.list_articles("", None, &next);
    assert_eq!(second.items[0].article.id, "b");
    assert!(second.next_page_token.is_empty());
    assert_eq!(
        index.list_articles("OUTLET a", None, &page(5)).items.len(),
        1
    );
}

#[test]
fn one_outlets_articles_page_from_the_cursor() {
    let index = Index::new();
    for k in 0..700 {
        let outlet = if k % 3 == 0 { "Third" } else { "Other" };
        let (a, e) = super::tests::article(&format!("x{k:03}"), outlet, "No quote.", &[], &[], &[]);
        index.create_article_with(a, e).unwrap();
    }
    // pages larger than a chunk and smaller, so that the chunks fall across page boundaries
    for size in [7, 300] {
        let (mut seen, mut token) = (Vec::new(), String::new());
        loop {
            let page = PageRequest::parse(size, &token, &[]).unwrap();
            let found = index.list_articles(" THIRD ", None, &page);
            assert_eq!(found.total, Some(234));
            seen.extend(found.items.iter().map(|r| r.article.id.clone()));
            token = found.next_page_token;
            if token.is_empty() {
                break;
            }
        }
        let expected: Vec<String> = (0..700).step_by(3).map(|k| format!("x{k:03}")).collect();
        assert_eq!(seen, expected, "pages of {size}");
    }
}
