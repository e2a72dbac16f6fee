use super::super::{Index, NewArticle};
use crate::model::{
    ArticleMeta, AttributionMethod, ExtractedQuote, Extraction, LocalSpeaker, QuoteKind, Span,
    SpeakerKind,
};

fn article(index: &Index, id: &str, outlet: &str) {
    let text = format!("“Bridges matter,” Jane Doe said in {id}.");
    let start = text.find("Bridges").expect("quote");
    let extraction = Extraction {
        speakers: vec![LocalSpeaker {
            name: "Jane Doe".into(),
            kind: SpeakerKind::Person,
            roles: vec![],
            aliases: vec![("Jane Doe".into(), 1)],
            mentions: vec![],
        }],
        quotes: vec![ExtractedQuote {
            span: Span::new(start, start + "Bridges matter".len()),
            kind: QuoteKind::Full,
            speaker: Some(0),
            speaker_mention: None,
            cue: None,
            method: Some(AttributionMethod::Explicit),
            confidence: 0.9,
        }],
        claims: vec![],
    };
    index
        .create_article_with(request(id, text, outlet), extraction)
        .expect("create");
}

#[test]
fn a_consistent_index_has_no_violations_before_and_after_deletes() {
    let index = Index::new();
    for (id, outlet) in [("a", "One"), ("b", "Two"), ("c", "One")] {
        article(&index, id, outlet);
    }
    assert_eq!(index.check_invariants(), Vec::<String>::new());
    index.delete_article("b").expect("delete");
    assert_eq!(index.check_invariants(), Vec::<String>::new());
}

#[test]
fn a_dangling_occurrence_is_reported() {
    let index = Index::new();
    article(&index, "a", "One");
    article(&index, "b", "Two");
    // Remove the article behind the index's back: its occurrences now dangle.
    index.inner.articles.remove("a");
    let bad = index.check_invariants();
    assert!(
        bad.iter().any(|v| v.contains("missing articles/a")),
        "{bad:?}"
    );
    assert!(bad.iter().any(|v| v.contains("article ids")), "{bad:?}");
}

#[test]
fn a_wrong_count_and_a_stale_posting_are_reported() {
    let index = Index::new();
    article(&index, "a", "One");
    let sid = index
        .inner
        .speakers
        .iter()
        .next()
        .map(|s| s.key().clone())
        .expect("speaker");
    if let Some(mut counts) = index.inner.attributed.get_mut(&sid) {
        counts.quotes += 1;
    }
    index
        .inner
        .quotes_by_speaker
        .add(sid.clone(), "00000000000000ff");
    let bad = index.check_invariants();
    assert!(bad.iter().any(|v| v.contains("recount")), "{bad:?}");
    assert!(
        bad.iter()
            .any(|v| v.contains("stale entry 00000000000000ff")),
        "{bad:?}"
    );
}

/// An ingest request for `text` from `outlet`.
fn request(id: &str, text: String, outlet: &str) -> NewArticle {
    NewArticle {
        id: Some(id.into()),
        request_id: None,
        text,
        meta: ArticleMeta {
            outlet: outlet.into(),
            ..ArticleMeta::default()
        },
    }
}

#[test]
fn a_generated_corpus_stays_consistent_through_ingest_and_deletes() {
    let index = Index::new();
    let corpus = crate::corpus::Corpus::new(crate::corpus::CorpusConfig {
        articles: 300,
        seed: 11,
    });
    let mut ids = Vec::new();
    let mut echoes = Vec::new();
    for a in corpus {
        // every tenth article's first long quote is carried again by another outlet, once
        // without saying who said it and once by an unnamed role: cross-source resolution names
        // both through this article's words
        if ids.len() % 10 == 0
            && let Some(q) = crate::extract::extract(&a.text)
                .quotes
                .iter()
                .map(|q| a.text[q.span.start..q.span.end].trim_end_matches([',', '.']))
                .find(|q| q.split_whitespace().count() >= 8)
        {
            let n = ids.len();
            echoes.push(request(
                &format!("bare-{n}"),
                format!("The words were repeated on Tuesday.\n“{q}.”"),
                "Echo",
            ));
            echoes.push(request(
                &format!("role-{n}"),
                format!("“{q},” the ministry spokesperson said."),
                "Echo Two",
            ));
        }
        let mut new = request(&a.id, a.text, &a.outlet);
        new.meta.published_ms = Some(a.published_ms);
        index
            .create_article(new)
            .expect("a generated article is accepted");
        ids.push(a.id);
    }
    for e in echoes {
        ids.push(e.id.clone().unwrap_or_default());
        index.create_article(e).expect("an echo is accepted");
    }
    let cross = index
        .inner
        .quotes
        .iter()
        .flat_map(|g| g.occurrences.clone())
        .filter(|o| o.method == Some(AttributionMethod::CrossSource))
        .count();
    assert!(cross > 10, "only {cross} cross-source occurrences");
    assert!(!index.inner.role_holders.is_empty(), "no role is held");
    assert_eq!(index.check_invariants(), Vec::<String>::new());
    for id in ids.iter().step_by(3) {
        index.delete_article(id).expect("delete");
    }
    assert_eq!(index.check_invariants(), Vec::<String>::new());
}
