//! [`Resolver`]: every cross-source structure behind one incremental, article-at-a-time API.
//!
//! The index calls [`Resolver::add_article`] with an article and its extraction (extraction runs
//! outside any lock) and publishes what comes back; [`Resolver::remove_article`] undoes it.
//! After each change, the quote groups it touched are re-attributed, and unnamed roles are named
//! through shared words.
//!
//! Who said each quote occurrence lives in `quote_speakers`; where each claim-group member came
//! from, and the independent source of an article, in `claim_refs`.

use crate::model::{Article, AttributionMethod, Extraction, Span, SpeakerKind};
use crate::resolve::claims::{ClaimAssignment, ClaimGrouper};
use crate::resolve::quotes::{QuoteAssignment, QuoteMatcher};
use crate::resolve::slots::Slots;
use crate::resolve::speakers::{SpeakerId, SpeakerRegistry};
use crate::resolve::syndication::{CopyOf, SyndicationDetector};
use claim_half::{ClaimInputs, ClaimState, ClaimsAdded};
use halves::Adding;
use handoff::Offer;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;

mod claim_half;
mod claim_refs;
mod halves;
mod handoff;
mod inputs;
mod quote_speakers;

pub use claim_refs::ClaimRef;
pub use inputs::ArticleInputs;
pub use quote_speakers::{QuoteView, REATTRIBUTE_ALL_UP_TO, reattributes_all};

/// One quote occurrence as the resolver remembers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteOcc {
    /// The article.
    pub article: Arc<str>,
    /// Index into the article's `Extraction::quotes`.
    pub quote: usize,
    /// Where it went.
    pub assignment: QuoteAssignment,
    /// The registry speaker the article gives it (a role stays a role here).
    pub speaker: Option<SpeakerId>,
    /// That speaker's kind.
    pub speaker_kind: SpeakerKind,
    /// How the article attributed it.
    pub method: Option<AttributionMethod>,
    /// The article's confidence.
    pub confidence: f32,
}

/// What adding one article produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleResolution {
    /// Registry ids of the extraction's speakers, index for index.
    pub speakers: Vec<SpeakerId>,
    /// Quote assignments, index for index with the extraction's quotes (`None`: no words).
    pub quotes: Vec<Option<QuoteAssignment>>,
    /// Claim assignments, index for index with the extraction's claims.
    pub claims: Vec<Option<ClaimAssignment>>,
    /// Statements (sentences in the outlet's own voice) grouped as claims, when enabled.
    pub statements: Vec<(Span, ClaimAssignment)>,
    /// The earlier article this one copies, if it is a syndicated copy.
    pub copy_of: Option<CopyOf>,
    /// Unnamed roles whose holder changed, with each role's article, in the order of the quote
    /// groups re-decided (see [`Resolver::unsynced_roles`]).
    pub holders_changed: Vec<(SpeakerId, Arc<str>)>,
}

/// The claim half of an article being added: offered to the helper thread with the claim
/// structures, or left to run on this thread after the quotes.
enum ClaimSide {
    Offered(Offer<(ClaimState, std::thread::Result<ClaimsAdded>)>),
    Here(ClaimInputs),
}

/// Every cross-source structure, fed article by article.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Resolver {
    /// One person across spellings and articles.
    pub speakers: SpeakerRegistry,
    /// One quote across outlets.
    pub quotes: QuoteMatcher,
    /// One claim across outlets.
    pub claims: ClaimGrouper,
    /// Wire copies.
    pub syndication: SyndicationDetector,
    /// Also group each article's own statements (sentences) as claims.
    pub with_statements: bool,
    occurrences: Slots<Vec<QuoteOcc>>,
    outlets: FxHashMap<Arc<str>, String>,
    article_groups: FxHashMap<Arc<str>, Vec<u32>>,
    /// Where each claim came from, by claim id (an article's claim ids are the grouper's).
    claim_refs: Slots<claim_refs::KeptRef>,
}

impl Resolver {
    /// An empty resolver that groups attributed claims only.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty resolver that also groups each article's statements as claims.
    pub fn with_statements() -> Self {
        Resolver {
            with_statements: true,
            ..Self::default()
        }
    }

    /// Adds (or replaces) an article with its extraction.
    ///
    /// The article's speakers are registered first; its quotes and its claims then share no
    /// state (see `halves`), and an article with both is resolved on two threads at once.
    pub fn add_article(&mut self, article: &Article, ex: &Extraction) -> ArticleResolution {
        let inputs = ArticleInputs::of(article, ex);
        self.add_article_in(article, ex, inputs, true, |_, _, _| ())
            .0
    }

    /// [`Resolver::add_article`] with what depends on the article alone worked out before
    /// ([`ArticleInputs::of`] on the same article and extraction), off the resolver's lock.
    pub fn add_prepared(
        &mut self,
        article: &Article,
        ex: &Extraction,
        inputs: ArticleInputs,
    ) -> ArticleResolution {
        self.add_article_in(article, ex, inputs, true, |_, _, _| ())
            .0
    }

    /// [`Resolver::add_prepared`], running `publish_quotes` on this thread as soon as the
    /// article's quotes are resolved, while its claims may still be resolved on the helper
    /// thread. `publish_quotes` gets the registry ids of the extraction's speakers, the quote
    /// assignments (both index for index, as in [`ArticleResolution`]) and a view of the quote
    /// half as it stands after the article; what it returns comes back beside the resolution.
    ///
    /// This is how the index publishes an article's quote groups without waiting for its claim
    /// groups: the two halves' work overlaps for longer, and the thread resolving the quotes
    /// rarely has to wait for the other (see the `halves` module).
    pub fn add_prepared_publishing<R>(
        &mut self,
        article: &Article,
        ex: &Extraction,
        inputs: ArticleInputs,
        publish_quotes: impl FnOnce(&[SpeakerId], &[Option<QuoteAssignment>], QuoteView<'_>) -> R,
    ) -> (ArticleResolution, R) {
        self.add_article_in(article, ex, inputs, true, publish_quotes)
    }

    /// [`Resolver::add_article`], with the two halves at once only when `parallel`, and
    /// `publish_quotes` run after the quote half (see [`Resolver::add_prepared_publishing`]).
    fn add_article_in<R>(
        &mut self,
        article: &Article,
        ex: &Extraction,
        inputs: ArticleInputs,
        parallel: bool,
        publish_quotes: impl FnOnce(&[SpeakerId], &[Option<QuoteAssignment>], QuoteView<'_>) -> R,
    ) -> (ArticleResolution, R) {
        self.remove_article(&article.id);
        let id: Arc<str> = Arc::from(article.id.as_str());
        self.outlets.insert(id.clone(), article.meta.outlet.clone());
        let ArticleInputs {
            claims,
            signature,
            quotes: tokens,
            speakers,
        } = inputs;
        let speakers = self.speakers.add_prepared(&id, ex, &speakers);
        let both =
            parallel && !ex.quotes.is_empty() && (!ex.claims.is_empty() || self.with_statements);
        let adding = Adding {
            id: &id,
            article,
            ex,
            speakers: &speakers,
        };
        let claims = ClaimInputs::of(&adding, claims);
        // the claim half offered to the helper thread, or run here after the quotes
        let claim_side = match halves::helper().filter(|_| both) {
            Some(helper) => {
                let state = self.take_claim_state();
                ClaimSide::Offered(Offer::new(helper, move || state.add(claims)))
            }
            None => ClaimSide::Here(claims),
        };
        let quote_side = || {
            let mut quote_half = self.halves().0;
            let quotes = quote_half.add(&adding, signature, tokens);
            let published = publish_quotes(&speakers, &quotes.quotes, quote_half.view());
            (quotes, published)
        };
        let ((quotes, published), claims) = match claim_side {
            ClaimSide::Here(claims) => (quote_side(), self.halves().1.add(claims)),
            ClaimSide::Offered(offer) => {
                let quotes = catch_unwind(AssertUnwindSafe(quote_side));
                // the claim structures come back before a panic of either half goes on
                let (state, claims) = offer.result();
                self.put_claim_state(state);
                let quotes = quotes.unwrap_or_else(|panic| resume_unwind(panic));
                (quotes, claims.unwrap_or_else(|panic| resume_unwind(panic)))
            }
        };
        let resolution = ArticleResolution {
            speakers,
            quotes: quotes.quotes,
            claims: claims.claims,
            statements: claims.statements,
            copy_of: quotes.copy_of,
            holders_changed: quotes.holders_changed,
        };
        (resolution, published)
    }

    /// Removes an article from every structure and re-attributes the quote groups it touched.
    pub fn remove_article(&mut self, article: &str) -> bool {
        let known = self.outlets.remove(article).is_some();
        self.speakers.remove_article(article);
        self.quotes.remove_article(article);
        for &m in self.claims.article_members(article) {
            self.claim_refs.remove(m);
        }
        self.claims.remove_article(article);
        self.syndication.remove(article);
        for g in self.article_groups.remove(article).unwrap_or_default() {
            if let Some(occs) = self.occurrences.get_mut(g) {
                occs.retain(|o| &*o.article != article);
                if occs.is_empty() {
                    self.occurrences.remove(g);
                }
            }
            self.halves().0.reattribute(g);
        }
        known
    }

    /// The occurrences of a quote group.
    pub fn occurrences(&self, group: u32) -> &[QuoteOcc] {
        halves::occurrences_of(&self.occurrences, group)
    }
}

#[cfg(test)]
#[path = "resolver_tests.rs"]
mod tests;
