//! Claims to wire messages.

use super::{View, method};
use crate::index::FromArticle;
use crate::index::{ClaimGroup, ClaimOccurrence};
use crate::model::{Span32, resource_name};
use crate::pb;
use crate::service::names::timestamp;

/// Occurrences a claim carries (the earliest); `occurrence_count` gives them all.
pub(crate) const MAX_CLAIM_OCCURRENCES: usize = 100;

impl View {
    /// The wire claim occurrence.
    fn claim_occurrence(&mut self, o: &ClaimOccurrence) -> pb::ClaimOccurrence {
        pb::ClaimOccurrence {
            article: resource_name("articles", o.article()),
            outlet: o.outlet().to_string(),
            publish_time: Some(timestamp(o.time_ms())),
            span: self.span(o.article(), Some(o.span.span())),
            cue: self.span(o.article(), o.cue.map(Span32::span)),
            claimant_mention: self.span(o.article(), o.mention.map(Span32::span)),
            claimant: self.speaker_ref(o.claimant.as_deref()),
            attribution_method: method(o.method) as i32,
            confidence: o.confidence,
            syndicated_copy: self.is_copy(o.article()),
        }
    }

    /// The wire claim, with corroboration and disagreements.
    pub(crate) fn claim(&mut self, g: &ClaimGroup) -> pb::Claim {
        let index = self.index.clone();
        let (outlets, independent) = g.corroboration(|a| index.is_copy(a));
        let disagreements = index
            .claim_disagreements(g)
            .into_iter()
            .map(|d| pb::ClaimDisagreement {
                claim: resource_name("claims", &d.claim),
                occurrence: Some(self.claim_occurrence(&d.occurrence)),
                reason: d.reason,
            })
            .collect();
        let first = g.occurrences.first();
        pb::Claim {
            name: g.name(),
            claimant: self.speaker_ref(g.claimant.as_deref()),
            content: g.content().to_string(),
            occurrences: g
                .occurrences
                .iter()
                .take(MAX_CLAIM_OCCURRENCES)
                .map(|o| self.claim_occurrence(o))
                .collect(),
            occurrence_count: g.occurrences.len() as i32,
            corroborating_outlets: outlets,
            independent_outlet_count: independent as i32,
            disagreements,
            first_seen_article: first
                .map(|o| resource_name("articles", o.article()))
                .unwrap_or_default(),
            first_seen_time: first.map(|o| timestamp(o.time_ms())),
        }
    }
}
