//! The two halves at once against one after the other.

use crate::corpus::{Corpus, CorpusConfig};
use crate::model::{Article, ArticleMeta};
use crate::resolve::{ArticleResolution, Resolver};

/// Every resolution of a generated corpus, with the resolver in a pool of `threads`.
fn resolve_all(
    threads: usize,
    articles: &[(Article, crate::model::Extraction)],
) -> Vec<ArticleResolution> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    let Ok(pool) = pool else {
        panic!("a pool of {threads} threads");
    };
    pool.install(|| {
        assert_eq!(rayon::current_num_threads(), threads);
        let mut r = Resolver::with_statements();
        articles
            .iter()
            .map(|(a, ex)| r.add_article(a, ex))
            .collect()
    })
}

#[test]
fn both_halves_at_once_resolve_as_one_after_the_other() {
    let articles: Vec<(Article, crate::model::Extraction)> = Corpus::new(CorpusConfig {
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
    let alone = resolve_all(1, &articles);
    let at_once = resolve_all(2, &articles);
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
