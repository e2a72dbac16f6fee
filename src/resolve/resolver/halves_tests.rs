//! The two halves at once against one after the other.

use crate::corpus::{Corpus, CorpusConfig};
use crate::model::{Article, ArticleMeta, Extraction};
use crate::resolve::speakers::SpeakerId;
use crate::resolve::{ArticleInputs, ArticleResolution, Resolver};

/// Every resolution of a generated corpus, the halves at once when `parallel`.
fn resolve_all(parallel: bool, articles: &[(Article, Extraction)]) -> Vec<ArticleResolution> {
    let mut r = Resolver::with_statements();
    articles
        .iter()
        .map(|(a, ex)| {
            let inputs = ArticleInputs::of(a, ex);
            r.add_article_in(a, ex, inputs, parallel, |_, _, _| ()).0
        })
        .collect()
}

/// The first `n` articles of a generated corpus, each with its extraction.
fn corpus(n: u64) -> Vec<(Article, Extraction)> {
    Corpus::new(CorpusConfig {
        articles: n,
        seed: 9,
    })
    .map(|c| {
        let ex = crate::extract::extract(&c.text);
        let meta = ArticleMeta {
            outlet: c.outlet,
            published_ms: Some(c.published_ms),
            ..ArticleMeta::default()
        };
        let article = Article {
            id: c.id,
            text: c.text.into(),
            meta,
            ingested_ms: 0,
        };
        (article, ex)
    })
    .collect()
}

#[test]
fn both_halves_at_once_resolve_as_one_after_the_other() {
    let articles = corpus(150);
    // the corpus gives the halves work to share: quotes that join groups, claims that join
    // groups, in the same articles
    let both = articles
        .iter()
        .filter(|(_, ex)| !ex.quotes.is_empty() && !ex.claims.is_empty())
        .count();
    assert!(both > 100, "{both} articles with quotes and claims");
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    assert_eq!(super::helper().is_some(), cores >= 2);
    let alone = resolve_all(false, &articles);
    let at_once = resolve_all(true, &articles);
    let grouped = |rs: &[ArticleResolution]| {
        let quotes = rs.iter().flat_map(|r| r.quotes.iter().flatten()).count();
        let claims = rs.iter().flat_map(|r| r.claims.iter().flatten()).count();
        let statements = rs.iter().map(|r| r.statements.len()).sum::<usize>();
        (quotes, claims + statements)
    };
    let (quotes, claims) = grouped(&alone);
    assert!(
        quotes > 500 && claims > 500,
        "{quotes} quotes, {claims} claims and statements"
    );
    assert_eq!(grouped(&at_once), (quotes, claims));
    assert_eq!(alone, at_once);
}

#[test]
fn quotes_published_beside_the_claim_half_see_the_quote_half_after_the_article() {
    let articles = corpus(120);
    let (mut publishing, mut plain) = (Resolver::with_statements(), Resolver::with_statements());
    let mut groups_seen = 0;
    for (a, ex) in &articles {
        let inputs = ArticleInputs::of(a, ex);
        let (resolution, seen) =
            publishing.add_prepared_publishing(a, ex, inputs, |ids, quotes, view| {
                // what publishing an article's quote groups reads: each group's speaker and its
                // occurrences, as the quote half left them
                let groups: Vec<(u32, Option<SpeakerId>, usize)> = quotes
                    .iter()
                    .flatten()
                    .map(|q| {
                        (
                            q.group,
                            view.group_attribution(q.group).speaker,
                            view.occurrences(q.group).len(),
                        )
                    })
                    .collect();
                (ids.to_vec(), quotes.to_vec(), groups)
            });
        let (ids, quotes, groups) = seen;
        assert_eq!(ids, resolution.speakers, "{}", a.id);
        assert_eq!(quotes, resolution.quotes, "{}", a.id);
        for (g, speaker, occurrences) in groups {
            assert_eq!(
                publishing.quote_view().group_attribution(g).speaker,
                speaker,
                "{} group {g}",
                a.id
            );
            assert_eq!(
                publishing.occurrences(g).len(),
                occurrences,
                "{} group {g}",
                a.id
            );
            groups_seen += 1;
        }
        // and the article resolves as it does without a publisher
        assert_eq!(resolution, plain.add_article(a, ex), "{}", a.id);
    }
    assert!(
        groups_seen > 300,
        "{groups_seen} quote groups seen while publishing"
    );
}
