//! Quotes, occurrences, attribution candidates and conflicts to wire messages.

use super::{View, method, quote_kind};
use crate::index::FromArticle;
use crate::index::{Candidate, MatchKind, Occurrence, QuoteGroup, Relation};
use crate::model::{Span32, resource_name};
use crate::pb;
use crate::service::names::timestamp;
use std::collections::BTreeMap;

/// Occurrences a quote carries in events, conflicts, and lists and searches in the full view
/// (the earliest); `occurrence_count` gives them all.
pub(crate) const MAX_OCCURRENCES_LISTED: usize = 20;
/// Occurrences a quote carries when read alone (GetQuote).
pub(crate) const MAX_OCCURRENCES_FULL: usize = 1_000;
/// Wordings listed per quote, the closest to the canonical text first.
pub(crate) const MAX_VARIANTS: usize = 50;
/// Articles listed per wording.
pub(crate) const MAX_VARIANT_ARTICLES: usize = 100;
/// Speakers listed per attribution conflict, most occurrences first.
pub(crate) const MAX_CONFLICT_SIDES: usize = 50;

impl View {
    /// The wire occurrence.
    pub(crate) fn occurrence(&mut self, o: &Occurrence) -> pb::QuoteOccurrence {
        pb::QuoteOccurrence {
            article: resource_name("articles", o.article()),
            outlet: o.outlet().to_string(),
            publish_time: Some(timestamp(o.time_ms())),
            span: self.span(o.article(), Some(o.span.span())),
            kind: quote_kind(o.kind) as i32,
            cue: self.span(o.article(), o.cue.map(Span32::span)),
            speaker_mention: self.span(o.article(), o.mention.map(Span32::span)),
            speaker: self.speaker_ref(o.speaker.as_deref()),
            confidence: o.confidence,
            attribution_method: method(o.method) as i32,
            syndicated_copy: self.is_copy(o.article()),
        }
    }

    /// The wire quote as a single-resource read returns it: every field, related quotes
    /// included.
    pub(crate) fn quote_full(&mut self, g: &QuoteGroup) -> pb::Quote {
        let mut q = self.quote_with(g, MAX_OCCURRENCES_FULL);
        q.related_quotes = self
            .index
            .related_quotes(g)
            .into_iter()
            .map(|r| pb::RelatedQuote {
                quote: r.quote.name(),
                relation: match r.relation {
                    Relation::ContainedIn => pb::QuoteRelation::ContainedIn,
                    Relation::Contains => pb::QuoteRelation::Contains,
                    Relation::NearVariant => pb::QuoteRelation::NearVariant,
                } as i32,
                similarity: r.similarity,
                text: r.quote.text().to_string(),
            })
            .collect();
        q
    }

    /// The wire quote as events carry it: every field but related quotes, which cost a
    /// posting-list walk per quote (read one quote with GetQuote for those), with the earliest
    /// [`MAX_OCCURRENCES_LISTED`] occurrences.
    pub(crate) fn quote(&mut self, g: &QuoteGroup) -> pb::Quote {
        self.quote_with(g, MAX_OCCURRENCES_LISTED)
    }

    /// The wire quote as a list or search returns it in `view`: the full view is
    /// [`View::quote`]; the basic view (the default) leaves out occurrences and wordings.
    pub(crate) fn quote_in(&mut self, g: &QuoteGroup, view: pb::QuoteView) -> pb::Quote {
        match view {
            pb::QuoteView::Full => self.quote(g),
            pb::QuoteView::Basic | pb::QuoteView::Unspecified => self.quote_basic(g),
        }
    }

    /// The basic view: words, speaker, first seen and counts.
    fn quote_basic(&mut self, g: &QuoteGroup) -> pb::Quote {
        pb::Quote {
            text: g.text().to_string(),
            speaker: self.speaker_ref(g.speaker()),
            ..basic_own_fields(g)
        }
    }

    /// The wire quote with at most `max_occurrences` occurrences (the earliest).
    fn quote_with(&mut self, g: &QuoteGroup, max_occurrences: usize) -> pb::Quote {
        let mut q = self.quote_basic(g);
        q.occurrences = g
            .occurrences
            .iter()
            .take(max_occurrences)
            .map(|o| self.occurrence(o))
            .collect();
        q.variants = g
            .variants()
            .iter()
            .take(MAX_VARIANTS)
            .map(|v| pb::QuoteVariant {
                text: v.text.clone(),
                outlets: v.outlets.clone(),
                articles: v
                    .articles
                    .iter()
                    .take(MAX_VARIANT_ARTICLES)
                    .map(|a| resource_name("articles", a))
                    .collect(),
                similarity: v.similarity,
            })
            .collect();
        q
    }

    /// The wire attribution candidate.
    pub(crate) fn candidate(&mut self, c: &Candidate) -> pb::SpeakerCandidate {
        pb::SpeakerCandidate {
            speaker: self.speaker_ref(c.speaker.as_deref()),
            score: c.score,
            match_kind: match_kind(c.kind) as i32,
            outlets: c.outlets.clone(),
            evidence: c
                .evidence
                .iter()
                .map(|e| pb::AttributionEvidence {
                    quote: e.quote.name(),
                    quote_text: e.quote.text().to_string(),
                    match_kind: match_kind(e.kind) as i32,
                    score: e.score,
                    occurrences: e.occurrences.iter().map(|o| self.occurrence(o)).collect(),
                    occurrence_count: i32::try_from(e.occurrence_count).unwrap_or(i32::MAX),
                })
                .collect(),
        }
    }

    /// The wire conflict: the quote and one side per speaker, most occurrences first.
    pub(crate) fn conflict(&mut self, g: &QuoteGroup) -> pb::AttributionConflict {
        let mut sides: BTreeMap<&str, Vec<&Occurrence>> = BTreeMap::new();
        for o in &g.occurrences {
            if let Some(s) = &o.speaker {
                sides.entry(s).or_default().push(o);
            }
        }
        let mut sides: Vec<(&str, Vec<&Occurrence>)> = sides.into_iter().collect();
        sides.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        let sides = sides
            .into_iter()
            .take(MAX_CONFLICT_SIDES)
            .map(|(speaker, occs)| {
                let mut outlets: Vec<String> =
                    occs.iter().map(|o| o.outlet().to_string()).collect();
                outlets.sort();
                outlets.dedup();
                pb::AttributionSide {
                    speaker: self.speaker_ref(Some(speaker)),
                    outlets,
                    occurrences: occs
                        .into_iter()
                        .take(MAX_OCCURRENCES_LISTED)
                        .map(|o| self.occurrence(o))
                        .collect(),
                }
            })
            .collect();
        pb::AttributionConflict {
            quote: Some(self.quote(g)),
            sides,
        }
    }
}

fn match_kind(kind: MatchKind) -> pb::MatchKind {
    match kind {
        MatchKind::Exact => pb::MatchKind::Exact,
        MatchKind::Contained => pb::MatchKind::Contained,
        MatchKind::Near => pb::MatchKind::Near,
    }
}

/// The basic view of `g` but its text (kept once, in its article) and its speaker (which can
/// change without the quote, a speaker's display name): what depends only on the quote's
/// version and is not kept elsewhere.
pub(super) fn basic_own_fields(g: &QuoteGroup) -> pb::Quote {
    let first = g.first();
    pb::Quote {
        name: g.name(),
        text: String::new(),
        speaker: None,
        occurrences: Vec::new(),
        first_seen_article: first
            .map(|o| resource_name("articles", o.article()))
            .unwrap_or_default(),
        first_seen_outlet: first.map(|o| o.outlet().to_string()).unwrap_or_default(),
        first_seen_time: first.map(|o| timestamp(o.time_ms())),
        variants: Vec::new(),
        outlet_counts: g
            .outlet_counts()
            .iter()
            .map(|(outlet, n)| pb::OutletCount {
                outlet: outlet.to_string(),
                count: *n as i32,
            })
            .collect(),
        occurrence_count: g.occurrences.len() as i32,
        related_quotes: Vec::new(),
    }
}
