//! The resolver in two halves that share no state, so that one article's quotes and claims are
//! resolved at once, each on its own core: the quote half (quote groups and who said them, the
//! roles named through them, wire copies) and the claim half (claim groups and where their
//! members came from). Both only read the article's speakers, which are registered before. The
//! wire-copy check belongs to neither; it goes with the quote half, the lighter of the two.
//!
//! The calling thread takes the quote half and then publishes the article's quote groups (read
//! through a [`QuoteView`], which borrows nothing of the claim half) while the helper thread may
//! still be on the claims: waking the helper and waiting for it each cost a wake-up of a
//! sleeping thread, and the longer the calling thread's share, the less often it has to wait.

use super::{QuoteOcc, Resolver};
use crate::model::{Article, Extraction, Span, SpeakerKind};
use crate::resolve::attribution::{GroupAttribution, Occurrence, attribute_group};
use crate::resolve::claims::{ArticleClaims, ClaimAssignment, ClaimGrouper};
use crate::resolve::quotes::{QuoteAssignment, QuoteMatcher};
use crate::resolve::slots::Slots;
use crate::resolve::speakers::{SpeakerId, SpeakerRegistry};
use crate::resolve::syndication::{CopyOf, SyndicationDetector, TextSignature};
use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

use super::claim_refs::KeptRef;
use super::quote_speakers::{QuoteView, reattributes_all};

/// The quote half, borrowed apart from the claim half.
pub(super) struct QuoteHalf<'a> {
    pub(super) speakers: &'a mut SpeakerRegistry,
    pub(super) quotes: &'a mut QuoteMatcher,
    pub(super) occurrences: &'a mut Slots<Vec<QuoteOcc>>,
    pub(super) article_groups: &'a mut FxHashMap<Arc<str>, Vec<u32>>,
    pub(super) syndication: &'a mut SyndicationDetector,
}

/// The claim half, borrowed apart from the quote half.
pub(super) struct ClaimHalf<'a> {
    pub(super) claims: &'a mut ClaimGrouper,
    pub(super) claim_refs: &'a mut Slots<KeptRef>,
    pub(super) with_statements: bool,
}

/// The article being added, as both halves read it.
pub(super) struct Adding<'a> {
    pub(super) id: &'a Arc<str>,
    pub(super) article: &'a Article,
    pub(super) ex: &'a Extraction,
    /// Registry ids of the extraction's speakers, index for index.
    pub(super) speakers: &'a [SpeakerId],
}

/// What the quote half made of an article.
pub(super) struct QuotesAdded {
    pub(super) quotes: Vec<Option<QuoteAssignment>>,
    pub(super) holders_changed: Vec<(SpeakerId, Arc<str>)>,
    pub(super) copy_of: Option<CopyOf>,
}

/// What the claim half made of an article.
pub(super) struct ClaimsAdded {
    pub(super) claims: Vec<Option<ClaimAssignment>>,
    pub(super) statements: Vec<(Span, ClaimAssignment)>,
}

impl Resolver {
    /// The two halves, each borrowing only its own structures.
    pub(super) fn halves(&mut self) -> (QuoteHalf<'_>, ClaimHalf<'_>) {
        (
            QuoteHalf {
                speakers: &mut self.speakers,
                quotes: &mut self.quotes,
                occurrences: &mut self.occurrences,
                article_groups: &mut self.article_groups,
                syndication: &mut self.syndication,
            },
            ClaimHalf {
                claims: &mut self.claims,
                claim_refs: &mut self.claim_refs,
                with_statements: self.with_statements,
            },
        )
    }
}

/// The occurrences of quote group `group` in `occurrences` (none for an unknown group).
pub(super) fn occurrences_of(occurrences: &Slots<Vec<QuoteOcc>>, group: u32) -> &[QuoteOcc] {
    occurrences
        .get(group)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// Who said a quote group, from its occurrences (speaker ids are canonical; roles stay roles).
pub(super) fn attribution(
    speakers: &SpeakerRegistry,
    occurrences: &[QuoteOcc],
) -> GroupAttribution {
    let occs: Vec<Occurrence> = occurrences
        .iter()
        .map(|o| Occurrence {
            speaker: o.speaker.map(|s| {
                if o.speaker_kind == SpeakerKind::Role {
                    s
                } else {
                    speakers.canonical(s)
                }
            }),
            kind: o.speaker_kind,
            method: o.method,
            confidence: o.confidence,
            match_kind: o.assignment.kind,
            score: o.assignment.score,
        })
        .collect();
    attribute_group(&occs)
}

impl QuoteHalf<'_> {
    /// Groups the article's quotes (of word tokens `tokens`, index for index), re-decides who
    /// said the groups it changed, and checks whether it copies an earlier article.
    pub(super) fn add(
        &mut self,
        a: &Adding<'_>,
        signature: TextSignature,
        tokens: Vec<Vec<u64>>,
    ) -> QuotesAdded {
        let (id, ex, text) = (a.id, a.ex, &*a.article.text);
        let published = a.article.meta.published_ms;
        let copy_of = self.syndication.add_signed(id, signature, published);
        // group -> its number of occurrences before this article, and whether a role joined
        let mut touched: FxHashMap<u32, (usize, bool)> = FxHashMap::default();
        let mut quotes = Vec::with_capacity(ex.quotes.len());
        debug_assert_eq!(
            tokens.len(),
            ex.quotes.len(),
            "inputs of another extraction"
        );
        for (i, (q, tokens)) in ex.quotes.iter().zip(tokens).enumerate() {
            let text = q.span.slice(text);
            let assigned = self.quotes.add_tokens_at(id, text, tokens, published);
            if let Some(assignment) = assigned {
                let speaker = q.speaker.and_then(|s| a.speakers.get(s).copied());
                let speaker_kind = ex
                    .speakers
                    .get(q.speaker.unwrap_or(usize::MAX))
                    .map_or(SpeakerKind::Person, |s| s.kind);
                let occs = self
                    .occurrences
                    .get_or_insert_with(assignment.group, Vec::new);
                touched
                    .entry(assignment.group)
                    .or_insert((occs.len(), false))
                    .1 |= speaker_kind == SpeakerKind::Role && speaker.is_some();
                crate::resolve::reserve_one(occs);
                occs.push(QuoteOcc {
                    article: id.clone(),
                    quote: i,
                    assignment,
                    speaker,
                    speaker_kind,
                    method: q.method,
                    confidence: q.confidence,
                });
            }
            quotes.push(assigned);
        }
        self.article_groups
            .insert(id.clone(), touched.keys().copied().collect());
        let mut reattributed = Vec::new();
        for (g, (before, role)) in touched {
            // a role is named through the group's words whatever the group's size
            if role || reattributes_all(before, self.occurrences(g).len()) {
                self.reattribute(g);
                reattributed.push(g);
            }
        }
        reattributed.sort_unstable();
        QuotesAdded {
            quotes,
            holders_changed: self.unsynced_roles(&reattributed),
            copy_of,
        }
    }

    /// The quote half as it stands, read only.
    pub(super) fn view(&self) -> QuoteView<'_> {
        QuoteView {
            speakers: self.speakers,
            quotes: self.quotes,
            occurrences: self.occurrences,
        }
    }

    /// The occurrences of a quote group.
    fn occurrences(&self, group: u32) -> &[QuoteOcc] {
        occurrences_of(self.occurrences, group)
    }

    /// Re-decides a group's speaker and names (or un-names) the roles among its occurrences.
    pub(super) fn reattribute(&mut self, group: u32) {
        let attribution = attribution(self.speakers, self.occurrences(group));
        // the roles only, not copies of every occurrence (each holds a shared article id)
        let roles: Vec<SpeakerId> = self
            .occurrences(group)
            .iter()
            .filter(|o| o.speaker_kind == SpeakerKind::Role)
            .filter_map(|o| o.speaker)
            .collect();
        for role in roles {
            let holder = attribution
                .namings
                .iter()
                .find(|n| n.role == Some(role))
                .map(|n| n.speaker);
            let current = self.speakers.get(role).and_then(|s| s.held_by);
            if holder.is_some() || current.is_some_and(|c| attribution.speaker != Some(c)) {
                self.speakers.set_role_holder(role, holder);
            }
        }
    }

    /// See [`Resolver::unsynced_roles`].
    pub(super) fn unsynced_roles(&mut self, groups: &[u32]) -> Vec<(SpeakerId, Arc<str>)> {
        let mut out = Vec::new();
        for g in groups {
            for o in self.occurrences.get(*g).into_iter().flatten() {
                if let (Some(role), SpeakerKind::Role) = (o.speaker, o.speaker_kind)
                    && self.speakers.take_unsynced(role)
                {
                    out.push((role, o.article.clone()));
                }
            }
        }
        out
    }
}

impl ClaimHalf<'_> {
    /// Groups the article's claims, and its statements when enabled (claims group within a
    /// story's window of publication; unknown times fit any).
    pub(super) fn add(&mut self, a: &Adding<'_>, features: ArticleClaims) -> ClaimsAdded {
        let id = a.id;
        let published = a.article.meta.published_ms;
        debug_assert_eq!(
            features.claims.len(),
            a.ex.claims.len(),
            "inputs of another extraction"
        );
        let mut claims = Vec::with_capacity(features.claims.len());
        for (i, (claim, c)) in features.claims.into_iter().zip(&a.ex.claims).enumerate() {
            let claimant = c.speaker.and_then(|s| a.speakers.get(s).copied());
            let assigned = claim.map(|claim| self.claims.add_text(id, claim, claimant, published));
            if let Some(assignment) = &assigned {
                let source = KeptRef::new(c.span, Some(i));
                self.claim_refs.insert(assignment.member, source);
            }
            claims.push(assigned);
        }
        let mut stmts = Vec::new();
        if self.with_statements {
            for (s, statement) in features.statements {
                let assignment = self.claims.add_text(id, statement, None, published);
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

/// Runs `a` and `b`, which share no state: at once when `parallel` and the process has a second
/// core (`b` on the helper thread, `a` on this one), otherwise one after the other.
pub(super) fn at_once<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    let Some(helper) = helper().filter(|_| parallel) else {
        return (a(), b());
    };
    let mut from_b = None;
    let from_a = helper.in_place_scope(|scope| {
        scope.spawn(|_| from_b = Some(b()));
        a()
    });
    match from_b {
        Some(from_b) => (from_a, from_b),
        // the scope returns only once `b` has run (a panic in it is raised by the scope)
        None => unreachable!("the scope waits for the task it spawned"),
    }
}

/// The one thread that takes the claim half while the calling thread takes the quote half; none
/// when the process may use one core only (then a second thread would only take turns with the
/// first). One thread, not one per core: the caller is the other, and an idle pool thread
/// spins a while before it sleeps.
pub(super) fn helper() -> Option<&'static rayon::ThreadPool> {
    static HELPER: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    HELPER
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, usize::from);
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .thread_name(|_| "saywho-claims".into());
            (cores >= 2).then(|| pool.build().ok()).flatten()
        })
        .as_ref()
}

#[cfg(test)]
#[path = "halves_tests.rs"]
mod tests;
