//! Cross-source resolution: one person across spellings and articles, one quote across outlets,
//! one claim across outlets, and wire copies counted once.
//!
//! Everything here is a pure, incremental data structure: the index feeds it article by article
//! and asks it questions; candidates are always found through hash maps and posting lists, never
//! by scanning every speaker, quote or claim.
//!
//! ## Parts
//!
//! - [`speakers::SpeakerRegistry`]: merges each article's local speakers into people across
//!   articles (transliteration, nicknames from `data/nicknames.tsv`, titles, surname-only
//!   mentions, guarded typos), keeps aliases with counts, roles, articles and quote counts, and
//!   looks a speaker up by any alias. Unnamed roles stay per-article roles until named.
//! - [`quotes::QuoteMatcher`]: groups quote occurrences (exact, contained fragment, near variant)
//!   through a word-pair posting list, and answers "which quote is this fragment?".
//! - [`attribution::attribute_group`]: who said a quote group, from all its occurrences; names
//!   unnamed roles through shared words and exposes attribution conflicts with evidence.
//! - [`claims::ClaimGrouper`]: groups the same fact across outlets, counts corroboration by
//!   independent source and flags disagreement (contradiction pairs from
//!   `data/contradictions.tsv`, numbers, negation).
//! - [`syndication::SyndicationDetector`]: MinHash/LSH detection of wire copies (`copy_of`).
//! - [`Resolver`]: all of the above behind one article-at-a-time API for the index.
//!
//! ```
//! use saywho::model::{Article, ArticleMeta, Extraction, LocalSpeaker, SpeakerKind};
//! use saywho::resolve::Resolver;
//!
//! let person = |name: &str| LocalSpeaker {
//!     name: name.into(),
//!     kind: SpeakerKind::Person,
//!     roles: vec![],
//!     aliases: vec![(name.into(), 1)],
//!     mentions: vec![],
//! };
//! let article = |id: &str| Article {
//!     id: id.into(),
//!     text: "".into(),
//!     meta: ArticleMeta::default(),
//!     ingested_ms: 0,
//! };
//! let mut r = Resolver::new();
//! let a = r.add_article(&article("a"), &Extraction { speakers: vec![person("Sergey Lavrov")], ..Default::default() });
//! let b = r.add_article(&article("b"), &Extraction { speakers: vec![person("Sergei Lavrov")], ..Default::default() });
//! assert_eq!(a.speakers, b.speakers);
//! assert_eq!(r.speakers.lookup("Russia's Lavrov"), a.speakers);
//! ```

pub mod attribution;
pub mod claims;
mod dense;
pub mod fold;
pub mod names;
mod postings;
pub mod quotes;
pub mod resolver;
pub mod slots;
pub mod speakers;
pub mod story;
pub mod syndication;

/// Lists per group or per article are usually one or two long: below this length they grow one
/// element at a time rather than keep room for four, a vector's first allocation, or double.
const SHORT_LIST: usize = 8;

/// Makes room for one more element in a list that is usually short (see [`SHORT_LIST`]):
/// exactly one while it is short, by doubling once it is not.
pub fn reserve_one<T>(list: &mut Vec<T>) {
    if list.len() < SHORT_LIST {
        list.reserve_exact(1);
    }
}

pub use resolver::{
    ArticleInputs, ArticleResolution, ClaimRef, QuoteOcc, QuoteView, REATTRIBUTE_ALL_UP_TO,
    Resolver, reattributes_all,
};

#[cfg(test)]
mod robustness_tests;
