//! What the claim grouper reads from an article, worked out from the article alone: each
//! claim's and statement's comparable features. It needs no grouper, so an ingest works it out
//! with the extraction, on any core, before the article takes its turn in the resolver.

use super::content::ClaimContent;
use super::similarity::stem_hashes;
use super::statements::statements;
use crate::model::{Extraction, Span};

/// One claim's or statement's features as the grouper compares them.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimText {
    /// Stems, numbers, polarity and contradiction words.
    pub(super) content: ClaimContent,
    /// Hashes of the stems, sorted.
    pub(super) hashes: Vec<u64>,
}

impl ClaimText {
    /// The features of `text`; `None` when it has no content words (it then joins no group).
    pub fn of(text: &str) -> Option<Self> {
        let content = ClaimContent::of(text);
        if content.stems.is_empty() {
            return None;
        }
        let hashes = stem_hashes(&content);
        Some(ClaimText { content, hashes })
    }
}

/// The features of an article's claims and statements.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleClaims {
    /// Each extracted claim's features, claim for claim (`None`: no content words).
    pub claims: Vec<Option<ClaimText>>,
    /// The statements in the outlet's own voice (not mostly quoted, not starting inside a
    /// quote or claim), with their features.
    pub statements: Vec<(Span, ClaimText)>,
}

impl ArticleClaims {
    /// Works out the features of the claims `ex` found in `text`, and of `text`'s statements.
    pub fn of(text: &str, ex: &Extraction) -> Self {
        let claims = ex
            .claims
            .iter()
            .map(|c| ClaimText::of(c.span.slice(text)))
            .collect();
        let quoted: Vec<Span> = ex
            .quotes
            .iter()
            .map(|q| q.span)
            .chain(ex.claims.iter().map(|c| c.span))
            .collect();
        let statements = statements(text)
            .into_iter()
            .filter(|s| {
                // mostly quoted, or starting inside a quote: the quote is handled as a quote
                let covered: usize = quoted.iter().map(|q| q.overlap(s)).sum();
                covered * 2 <= s.len()
                    && !quoted.iter().any(|q| q.start <= s.start && s.start < q.end)
            })
            .filter_map(|s| Some((s, ClaimText::of(s.slice(text))?)))
            .collect();
        ArticleClaims { claims, statements }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_articles_claims_and_statements_as_the_grouper_compares_them() {
        let text = "The mayor said the bridge will reopen on Monday. \
                    Crews finished repairing the damaged steel girders overnight. \
                    \"We are ready for traffic again,\" the engineer told reporters today.";
        let ex = crate::extract::extract(text);
        let got = ArticleClaims::of(text, &ex);
        // claim for claim, each the features of its own words
        assert_eq!(got.claims.len(), ex.claims.len());
        for (features, claim) in got.claims.iter().zip(&ex.claims) {
            assert_eq!(features, &ClaimText::of(claim.span.slice(text)));
        }
        // the outlet's own sentence is a statement; the quoted one is left to the quote
        let said: Vec<&str> = got.statements.iter().map(|(s, _)| s.slice(text)).collect();
        assert!(
            said.iter().any(|s| s.starts_with("Crews finished")),
            "{said:?}"
        );
        assert!(
            !said.iter().any(|s| s.contains("ready for traffic")),
            "{said:?}"
        );
        for (span, features) in &got.statements {
            assert_eq!(Some(features), ClaimText::of(span.slice(text)).as_ref());
        }
    }

    #[test]
    fn words_with_no_content_have_no_features() {
        assert_eq!(ClaimText::of("and the of it"), None);
        assert!(ClaimText::of("The bridge reopens Monday").is_some());
    }
}
