//! The claim half of the resolver (claim groups and where their members came from), and how it
//! goes to the helper thread: its inputs and its structures owned, so that it can be offered to
//! the helper and run by whichever thread comes to it first (see `handoff.rs`).

use super::Resolver;
use super::claim_refs::KeptRef;
use super::halves::Adding;
use crate::model::Span;
use crate::resolve::claims::{ArticleClaims, ClaimAssignment, ClaimGrouper};
use crate::resolve::slots::Slots;
use crate::resolve::speakers::SpeakerId;
use std::sync::Arc;

/// The claim half, borrowed apart from the quote half.
pub(super) struct ClaimHalf<'a> {
    pub(super) claims: &'a mut ClaimGrouper,
    pub(super) claim_refs: &'a mut Slots<KeptRef>,
    pub(super) with_statements: bool,
}

/// What the claim half made of an article.
pub(super) struct ClaimsAdded {
    pub(super) claims: Vec<Option<ClaimAssignment>>,
    pub(super) statements: Vec<(Span, ClaimAssignment)>,
}

impl Resolver {
    /// Takes the claim half's structures out, leaving empty ones until they are put back
    /// ([`Self::put_claim_state`]).
    pub(super) fn take_claim_state(&mut self) -> ClaimState {
        ClaimState {
            claims: std::mem::take(&mut self.claims),
            claim_refs: std::mem::take(&mut self.claim_refs),
            with_statements: self.with_statements,
        }
    }

    /// Puts back the claim half's structures taken out by [`Self::take_claim_state`].
    pub(super) fn put_claim_state(&mut self, state: ClaimState) {
        self.claims = state.claims;
        self.claim_refs = state.claim_refs;
    }
}

/// What the claim half reads of an article, owned, so that it can be handed to the helper
/// thread.
pub(super) struct ClaimInputs {
    id: Arc<str>,
    published: Option<i64>,
    /// Each extracted claim's span and speaker (its index among the extraction's speakers).
    claims: Vec<(Span, Option<usize>)>,
    /// Registry ids of the extraction's speakers, index for index.
    speakers: Vec<SpeakerId>,
    features: ArticleClaims,
}

impl ClaimInputs {
    /// The claim half's inputs of the article being added, with its claims' features.
    pub(super) fn of(a: &Adding<'_>, features: ArticleClaims) -> Self {
        debug_assert_eq!(
            features.claims.len(),
            a.ex.claims.len(),
            "inputs of another extraction"
        );
        ClaimInputs {
            id: a.id.clone(),
            published: a.article.meta.published_ms,
            claims: a.ex.claims.iter().map(|c| (c.span, c.speaker)).collect(),
            speakers: a.speakers.to_vec(),
            features,
        }
    }
}

/// The claim half's structures, owned while the helper thread works on them.
pub(super) struct ClaimState {
    pub(super) claims: ClaimGrouper,
    pub(super) claim_refs: Slots<KeptRef>,
    pub(super) with_statements: bool,
}

impl ClaimState {
    /// [`ClaimHalf::add`] on the owned structures. They come back whatever happens: a panic
    /// while adding is returned beside them.
    pub(super) fn add(mut self, a: ClaimInputs) -> (Self, std::thread::Result<ClaimsAdded>) {
        let mut half = ClaimHalf {
            claims: &mut self.claims,
            claim_refs: &mut self.claim_refs,
            with_statements: self.with_statements,
        };
        let added = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| half.add(a)));
        (self, added)
    }
}

impl ClaimHalf<'_> {
    /// Groups the article's claims, and its statements when enabled (claims group within a
    /// story's window of publication; unknown times fit any).
    pub(super) fn add(&mut self, a: ClaimInputs) -> ClaimsAdded {
        let ClaimInputs {
            id,
            published,
            claims: extracted,
            speakers,
            features,
        } = a;
        let mut claims = Vec::with_capacity(features.claims.len());
        for (i, (claim, (span, speaker))) in features.claims.into_iter().zip(extracted).enumerate()
        {
            let claimant = speaker.and_then(|s| speakers.get(s).copied());
            let assigned = claim.map(|claim| self.claims.add_text(&id, claim, claimant, published));
            if let Some(assignment) = &assigned {
                let source = KeptRef::new(span, Some(i));
                self.claim_refs.insert(assignment.member, source);
            }
            claims.push(assigned);
        }
        let mut stmts = Vec::new();
        if self.with_statements {
            for (s, statement) in features.statements {
                let assignment = self.claims.add_text(&id, statement, None, published);
                self.claim_refs
                    .insert(assignment.member, KeptRef::new(s, None));
                stmts.push((s, assignment));
            }
        }
        ClaimsAdded {
            claims,
            statements: stmts,
        }
    }
}
