//! Grouping quotations across articles, and finding the group a fragment belongs to.
//!
//! A quote's text is normalised to word tokens (case, punctuation, quote marks, dashes,
//! whitespace and apostrophes folded away) and hashed. Distinct wordings are *variants*; variants
//! of the same words form a *group* (the Quotebank unit). A new variant joins a group when it is
//! the same words (exact), a fragment of four or more words inside a longer variant or the other
//! way round (contained), or a near variant: a word or two changed, or a translation sharing most
//! words. Candidates come from a posting list of word-pair hashes with candidate counting; they
//! are then verified by word alignment. Quotes of three words or fewer only ever match exactly
//! (as in MemeTracker).

mod align;
mod candidates;
mod cell;
mod lcs;
mod link;
mod lookup;
mod matcher;
#[cfg(test)]
mod oracle_tests;
mod story;
#[cfg(test)]
mod tests;
mod verdict;

pub use align::TokenSig;
pub use lookup::{GroupMatch, QuoteMatch, WordingMatch};
pub use matcher::{QuoteAssignment, QuoteGroup, QuoteMatcher, Variant};

use crate::resolve::fold::word_hashes;
use serde::{Deserialize, Serialize};

/// Fewest words for a quote to link to another by containment or similarity.
pub const MIN_LINK_WORDS: usize = 4;

/// Lowest similarity score for a near variant.
pub const NEAR_MIN_SCORE: f32 = 0.75;

/// How a quote or query relates to a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MatchKind {
    /// A word or two changed, or a translation sharing most words; see the score.
    Near,
    /// A fragment of one inside the other.
    Contained,
    /// The same words once normalised.
    Exact,
}

/// How a query relates to one quote's words, query-centric: exact, contained (the query is a
/// fragment of the quote), near with a score, or `None`.
pub fn relate_texts(query: &str, quote: &str) -> Option<(MatchKind, f32)> {
    relate_tokens(&quote_tokens(query), &quote_tokens(quote))
}

/// [`relate_texts`] over already tokenised texts ([`quote_tokens`]).
pub fn relate_tokens(query: &[u64], quote: &[u64]) -> Option<(MatchKind, f32)> {
    verdict::relate(query, verdict::Wording::of(quote))
}

/// The normalised word tokens of a quote, hashed.
pub fn quote_tokens(text: &str) -> Vec<u64> {
    word_hashes(text)
}
