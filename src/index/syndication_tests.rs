//! Wire copies: syndicated copies point to the earliest original, `is_copy` agrees with the
//! syndication of near duplicates, and a lightly edited copy counts once for corroboration.

use super::tests::{article, page};
use super::*;
use crate::model::{ArticleMeta, Extraction};

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
                c.occurrences.iter().map(|o| o.article()).collect();
            arts.len() == 3
        })
        .expect("one claim reported by all three");
    let (outlets, n) = c.corroboration(|a| index.is_copy(a));
    assert_eq!(n, 2, "{outlets:?}");
}

#[test]
fn a_stock_text_shared_by_many_names_the_earliest_for_every_copy() {
    let index = Index::new();
    // published in an order unlike the ids', so that neither order gives the answer alone
    for k in 0..40i64 {
        let ms = (k * 17) % 40;
        let text = "Markets closed higher on Friday.".to_string();
        create_plain(&index, &format!("s{k:02}"), "Wire", ms, text);
    }
    let earliest = "s00";
    let record = index.get_article(earliest).unwrap();
    let (copy_of, copies) = index.syndication(&record);
    assert_eq!(copy_of, None);
    let mut expected: Vec<String> = (1..40).map(|k| format!("s{k:02}")).collect();
    expected.sort_by_key(|id| {
        let k: i64 = id[1..].parse().unwrap();
        ((k * 17) % 40, id.clone())
    });
    assert_eq!(copies, expected, "the copies, earliest first");
    for k in 1..40 {
        let id = format!("s{k:02}");
        let record = index.get_article(&id).unwrap();
        assert_eq!(
            index.syndication(&record),
            (Some(earliest.to_string()), vec![]),
            "{id}"
        );
        assert!(index.record_is_copy(&record), "{id}");
    }
    assert!(!index.record_is_copy(&index.get_article(earliest).unwrap()));
}
