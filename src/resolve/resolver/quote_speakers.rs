//! Who said each quote occurrence: the attribution of a whole quote group, re-deciding it (and
//! naming or un-naming the roles among its occurrences) when the group changes, and the speaker
//! of one occurrence or of all of them at once after cross-source resolution. Read through a
//! [`QuoteView`], which borrows the quote half alone.

use super::{QuoteOcc, Resolver, halves};
use crate::model::{AttributionMethod, SpeakerKind};
use crate::resolve::attribution::GroupAttribution;
use crate::resolve::quotes::{MatchKind, QuoteMatcher};
use crate::resolve::slots::Slots;
use crate::resolve::speakers::{SpeakerId, SpeakerRegistry};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// The quote half of a [`Resolver`], read only: everything publishing a quote group reads. It
/// borrows nothing of the claim half, so an article's quote groups can be published while its
/// claims are still being resolved (see [`Resolver::add_prepared_publishing`]).
#[derive(Clone, Copy, Debug)]
pub struct QuoteView<'a> {
    /// One person across spellings and articles.
    pub speakers: &'a SpeakerRegistry,
    /// One quote across outlets.
    pub quotes: &'a QuoteMatcher,
    pub(super) occurrences: &'a Slots<Vec<QuoteOcc>>,
}

impl Resolver {
    /// The quote half, read only.
    pub fn quote_view(&self) -> QuoteView<'_> {
        QuoteView {
            speakers: &self.speakers,
            quotes: &self.quotes,
            occurrences: &self.occurrences,
        }
    }

    /// The unnamed roles among these quote groups' occurrences whose holder changed since they
    /// were last returned, each once, with its article, in the order the groups list them. Only
    /// a re-decided group can change who holds a role, so after any change the index asks this
    /// of the groups re-decided and copies just these holders, not every role of a large group.
    pub fn unsynced_roles(&mut self, groups: &[u32]) -> Vec<(SpeakerId, Arc<str>)> {
        self.halves().0.unsynced_roles(groups)
    }
}

impl<'a> QuoteView<'a> {
    /// The occurrences of a quote group.
    pub fn occurrences(&self, group: u32) -> &'a [QuoteOcc] {
        halves::occurrences_of(self.occurrences, group)
    }

    /// Who said a quote group, from all its occurrences (speaker ids are canonical).
    pub fn group_attribution(&self, group: u32) -> GroupAttribution {
        halves::attribution(self.speakers, self.occurrences(group))
    }

    /// The speaker of one quote occurrence after cross-source resolution, with how it was found:
    /// the article's own attribution, or [`AttributionMethod::CrossSource`] when another article's
    /// words named it.
    pub fn quote_speaker(
        &self,
        group: u32,
        article: &str,
        quote: usize,
    ) -> Option<(SpeakerId, Option<AttributionMethod>)> {
        let o = self
            .occurrences(group)
            .iter()
            .rfind(|o| &*o.article == article && o.quote == quote)?;
        match (o.speaker, o.speaker_kind) {
            (Some(s), SpeakerKind::Role) => match self.speakers.get(s).and_then(|r| r.held_by) {
                Some(h) => Some((h, Some(AttributionMethod::CrossSource))),
                None => Some((s, o.method)),
            },
            (Some(s), _) => Some((self.speakers.canonical(s), o.method)),
            (None, _) => self
                .group_attribution(group)
                .speaker
                .map(|s| (s, Some(AttributionMethod::CrossSource))),
        }
    }

    /// [`QuoteView::quote_speaker`] for every occurrence of a group at once, keyed by (article,
    /// quote ordinal): one pass over the occurrences and at most one group attribution, instead
    /// of a search and an attribution per occurrence.
    pub fn quote_speakers(
        &self,
        group: u32,
    ) -> FxHashMap<(&'a str, usize), (SpeakerId, Option<AttributionMethod>)> {
        let mut attributed: Option<Option<SpeakerId>> = None;
        let mut out = FxHashMap::default();
        for o in self.occurrences(group) {
            let found = match (o.speaker, o.speaker_kind) {
                (Some(s), SpeakerKind::Role) => {
                    match self.speakers.get(s).and_then(|r| r.held_by) {
                        Some(h) => Some((h, Some(AttributionMethod::CrossSource))),
                        None => Some((s, o.method)),
                    }
                }
                (Some(s), _) => Some((self.speakers.canonical(s), o.method)),
                (None, _) => attributed
                    .get_or_insert_with(|| self.group_attribution(group).speaker)
                    .map(|s| (s, Some(AttributionMethod::CrossSource))),
            };
            if let Some(found) = found {
                // the first occurrence wins, as with `quote_speaker`'s search
                out.entry((&*o.article, o.quote)).or_insert(found);
            }
        }
        out
    }

    /// How a quote occurrence matched its group, for callers that report match kinds.
    pub fn match_kind(&self, group: u32, article: &str, quote: usize) -> Option<(MatchKind, f32)> {
        self.occurrences(group)
            .iter()
            .find(|o| &*o.article == article && o.quote == quote)
            .map(|o| (o.assignment.kind, o.assignment.score))
    }
}

/// Groups with up to this many occurrences are re-attributed as a whole at every new one.
pub const REATTRIBUTE_ALL_UP_TO: usize = 64;

/// Whether adding occurrences to a quote group (from `before` to `after`) re-decides the speaker
/// of all its occurrences. Small groups are re-decided at every addition. A large group (a stock
/// phrase many people say) is re-decided only when its size crosses a power of two, so its cost
/// per addition stays constant on average; in between, new occurrences take the group's
/// current attribution and earlier ones keep theirs.
pub fn reattributes_all(before: usize, after: usize) -> bool {
    after <= REATTRIBUTE_ALL_UP_TO || before == 0 || before.ilog2() != after.ilog2()
}
