//! Writes and what they leave behind: idempotent creation, deletion of occurrences, claim counts
//! and postings, extraction spans that do not fit the text, and watchers told of new occurrences.

use super::contribution::Contribution;
use super::tests::{P, article, page, seeded};
use super::*;
use crate::model::{ExtractedQuote, Extraction, QuoteKind, Span, SpeakerKind};

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
    // the two seeded articles are changes; a refused or repeated create is not
    assert_eq!(index.changes(), 2);
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
    assert!(index.delete_article("no-such-article").is_err());
    assert_eq!(index.changes(), 2, "deleting nothing changes nothing");
    let deleted = index.delete_article("b").unwrap();
    assert_eq!(index.changes(), 3);
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
    assert_eq!(index.attributed(&lavrov.id).claims, 1);
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

/// A contribution naming the person `name`.
fn naming(name: &str) -> Contribution {
    Contribution {
        name: name.into(),
        kind: Some(SpeakerKind::Person),
        aliases: vec![(name.into(), 1)],
        roles: vec![],
    }
}

#[test]
fn a_speakers_words_stay_posted_while_contributions_come_and_go() {
    let index = Index::new();
    let listed = |word: &str| {
        index
            .inner
            .speaker_words
            .get(&word.to_string())
            .contains("s")
    };
    index.append_contribution("s", "a", &naming("Jane Doe"));
    // the same names again post nothing new
    index.append_contribution("s", "b", &naming("Jane Doe"));
    assert!(listed("jane") && listed("doe"));
    index.append_contribution("s", "c", &naming("John Doe"));
    assert!(listed("john"));
    // the only contribution naming John goes, and with it the word
    index.drop_contribution("s", "c");
    assert!(!listed("john") && listed("jane"));
    // the record forgot what it last posted: the same names post the word again
    index.append_contribution("s", "d", &naming("John Doe"));
    assert!(listed("john") && listed("jane") && listed("doe"));
    assert_eq!(index.inner.speaker_ids.after(None, 5), ["s"]);
}
