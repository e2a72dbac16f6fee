//! The two halves at once against one after the other.

use crate::corpus::{Corpus, CorpusConfig};
use crate::model::{Article, ArticleMeta, Extraction};
use crate::resolve::{ArticleResolution, Resolver};

/// Every resolution of a generated corpus, the halves at once when `parallel`.
fn resolve_all(parallel: bool, articles: &[(Article, Extraction)]) -> Vec<ArticleResolution> {
    let mut r = Resolver::with_statements();
    articles
        .iter()
        .map(|(a, ex)| r.add_article_in(a, ex, crate::resolve::ArticleInputs::of(a, ex), parallel))
        .collect()
}

#[test]
fn both_halves_at_once_resolve_as_one_after_the_other() {
    let articles: Vec<(Article, Extraction)> = Corpus::new(CorpusConfig {
        articles: 150,
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
    .collect();
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
