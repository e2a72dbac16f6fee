//! What the resolver reads from an article that depends on the article alone: its text's
//! signature, its quotes' tokens, its claims' features and its speakers' names parsed. An
//! ingest works them out with the extraction, on any core, so that the resolver's turn (one
//! article at a time) does only the rest.

use crate::model::{Article, Extraction};
use crate::resolve::claims::ArticleClaims;
use crate::resolve::quotes::quote_tokens;
use crate::resolve::speakers::LocalNames;
use crate::resolve::syndication::TextSignature;

/// The article-only inputs of [`super::Resolver::add_prepared`].
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleInputs {
    /// The features of its claims and statements.
    pub claims: ArticleClaims,
    /// Its text's signature, for the wire-copy check.
    pub signature: TextSignature,
    /// Its quotes' word tokens ([`quote_tokens`]), index for index with the extraction's
    /// quotes.
    pub quotes: Vec<Vec<u64>>,
    /// Its speakers' names parsed, index for index with the extraction's speakers.
    pub speakers: Vec<LocalNames>,
}

impl ArticleInputs {
    /// The inputs of `article`, whose extraction is `ex`.
    pub fn of(article: &Article, ex: &Extraction) -> Self {
        ArticleInputs {
            claims: ArticleClaims::of(&article.text, ex),
            signature: TextSignature::of(&article.text),
            quotes: ex
                .quotes
                .iter()
                .map(|q| quote_tokens(q.span.slice(&article.text)))
                .collect(),
            speakers: LocalNames::of_extraction(ex),
        }
    }
}
