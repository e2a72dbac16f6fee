//! The resolver in two halves that share no state, so that one article's quotes and claims are
//! resolved at once, each on its own core: the quote half (quote groups and who said them, the
//! roles named through them, wire copies) and the claim half (claim groups and where their
//! members came from). Both only read the article's speakers, which are registered before. The
//! wire-copy check belongs to neither; it goes with the quote half, the lighter of the two.
//!
//! The calling thread takes the quote half and then publishes the article's quote groups (read
//! through a [`QuoteView`], which borrows nothing of the claim half) while the helper thread may
//! still be on the claims. The claim half is offered to the helper with its structures (see
//! `handoff.rs`): when the helper has not started it by the time the calling thread is done with
//! the quotes, the calling thread takes it back and runs it itself.

use super::claim_half::ClaimHalf;
use super::{QuoteOcc, Resolver};
use crate::model::{Article, Extraction, SpeakerKind};
use crate::resolve::attribution::{GroupAttribution, Occurrence, attribute_group};
use crate::resolve::quotes::{QuoteAssignment, QuoteMatcher};
use crate::resolve::slots::Slots;
use crate::resolve::speakers::{SpeakerId, SpeakerRegistry};
use crate::resolve::syndication::{CopyOf, SyndicationDetector, TextSignature};
use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

use super::quote_speakers::{QuoteView, reattributes_all};

/// The quote half, borrowed apart from the claim half.
pub(super) struct QuoteHalf<'a> {
    pub(super) speakers: &'a mut SpeakerRegistry,
    pub(super) quotes: &'a mut QuoteMatcher,
    pub(super) occurrences: &'a mut Slots<Vec<QuoteOcc>>,
    pub(super) article_groups: &'a mut FxHashMap<Arc<str>, Vec<u32>>,
    pub(super) syndication: &'a mut SyndicationDetector,
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
