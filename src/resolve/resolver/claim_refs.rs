//! Claim-group members and sources: where each member of a claim group came from (an attributed
//! claim or a statement in an article), the independent source of an article (wire copies count
//! as their original's outlet), and the corroboration of a claim group by independent outlets.

use super::Resolver;
use crate::model::Span;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Where a claim-group member came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimRef<'a> {
    /// The article (the claim grouper's copy of its id).
    pub article: &'a Arc<str>,
    /// The claim's words in the article text.
    pub span: Span,
    /// Index into the article's `Extraction::claims`, or `None` for a statement (a sentence in
    /// the outlet's own voice).
    pub ordinal: Option<usize>,
}

/// [`ClaimRef`] as kept, by claim id: the article is the claim's own (see
/// [`crate::resolve::claims::ClaimMember::article`]), so it is not kept twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct KeptRef {
    span: Span,
    /// The ordinal, or `u32::MAX` for a statement.
    ordinal: u32,
}

impl KeptRef {
    /// A claim at `span`, the `ordinal`-th of its article's extraction (`None` for a
    /// statement). An ordinal of `u32::MAX` or more, which no extraction reaches, is kept as a
    /// statement's.
    pub(super) fn new(span: Span, ordinal: Option<usize>) -> Self {
        let ordinal = ordinal
            .and_then(|o| u32::try_from(o).ok())
            .unwrap_or(u32::MAX);
        KeptRef { span, ordinal }
    }
}

impl Resolver {
    /// The independent source of an article: the outlet of the original it copies (or its own),
    /// falling back to the original's id when the outlet is unknown.
    pub fn source_of(&self, article: &str) -> String {
        let root = self.syndication.root(article);
        match self.outlets.get(root.as_str()) {
            Some(o) if !o.trim().is_empty() => o.trim().to_lowercase(),
            _ => root,
        }
    }

    /// Where a claim-group member came from.
    pub fn claim_ref(&self, member: u32) -> Option<ClaimRef<'_>> {
        let kept = self.claim_refs.get(member)?;
        Some(ClaimRef {
            article: &self.claims.member(member)?.article,
            span: kept.span,
            ordinal: (kept.ordinal != u32::MAX).then_some(kept.ordinal as usize),
        })
    }

    /// The members of a claim group with where each came from, in order of arrival.
    pub fn claim_members(&self, group: u32) -> Vec<(u32, ClaimRef<'_>)> {
        let ids = self.claims.group(group).unwrap_or_default();
        ids.iter()
            .filter_map(|m| Some((*m, self.claim_ref(*m)?)))
            .collect()
    }

    /// Distinct articles among a claim group's members.
    pub fn claim_articles(&self, group: u32) -> usize {
        let set: FxHashSet<&Arc<str>> = self
            .claim_members(group)
            .into_iter()
            .map(|(_, r)| r.article)
            .collect();
        set.len()
    }

    /// Independent outlets that carry a claim group.
    pub fn claim_corroboration(&self, group: u32) -> usize {
        self.claims.corroboration(group, |a| self.source_of(a))
    }
}
