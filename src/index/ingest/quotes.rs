//! The article's quotes while it is published: each extracted quote becomes an occurrence in the
//! group the resolver chose; a group the article only adds to is appended to, any other is
//! re-attributed as a whole and republished; watchers get each occurrence as published.

use super::super::quotes::{Occurrence, QuoteGroup};
use super::super::resolution::{self, Current};
use super::super::{Index, QuoteEvent};
use super::speakers::ArticleSpeakers;
use crate::index::FromArticle;
use crate::model::{Span, Span32};
use crate::resolve::quotes::QuoteAssignment;
use crate::resolve::{QuoteView, reattributes_all};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The article's quote occurrences, sorted into the groups the resolver chose.
pub(super) struct ArticleQuotes {
    /// (ordinal, quote id) of each occurrence, as the article record lists them.
    pub(super) refs: Vec<(u32, String)>,
    /// The occurrences as built, index for index with `refs`, for the watchers.
    pub(super) occurrences: Vec<Occurrence>,
    /// Quote id -> the resolver's group and the article's occurrences in it.
    pub(super) touched: BTreeMap<String, (u32, Vec<Occurrence>)>,
}

impl Index {
    /// An occurrence of each extracted quote that fits the text and that the resolver put in a
    /// group (`assignments`, index for index with the quotes), each counted for its speaker.
    pub(super) fn quote_occurrences(
        &self,
        assignments: &[Option<QuoteAssignment>],
        current: &Current<'_>,
        speakers: &mut ArticleSpeakers,
    ) -> ArticleQuotes {
        let (article, extraction) = (current.article, current.extraction);
        let text = &*article.text;
        let kind_of = |i: Option<usize>| i.and_then(|i| extraction.speakers.get(i)).map(|s| s.kind);
        let mut quote_refs = Vec::new();
        let mut events = Vec::new();
        let mut touched: BTreeMap<String, (u32, Vec<Occurrence>)> = BTreeMap::new();
        for (ordinal, q) in extraction.quotes.iter().enumerate() {
            let Some(span) = valid_span(text, q.span) else {
                continue;
            };
            let Some(assignment) = assignments.get(ordinal).copied().flatten() else {
                continue;
            };
            let speaker = speakers.of(q.speaker);
            let occ = Occurrence {
                origin: Arc::clone(current.origin),
                ordinal: ordinal as u32,
                span,
                kind: q.kind,
                cue: q.cue.and_then(|s| valid_span(text, s)),
                mention: q.speaker_mention.and_then(|s| valid_span(text, s)),
                speaker,
                speaker_kind: kind_of(q.speaker),
                method: q.method,
                confidence: q.confidence.clamp(0.0, 1.0),
                variant: assignment.variant,
            };
            let qid = resolution::quote_id(assignment.group);
            let entry = touched
                .entry(qid.clone())
                .or_insert_with(|| (assignment.group, Vec::new()));
            entry.1.push(occ.clone());
            quote_refs.push((ordinal as u32, qid));
            events.push(occ);
        }
        ArticleQuotes {
            refs: quote_refs,
            occurrences: events,
            touched,
        }
    }

    /// Publishes the article's occurrences into their groups: appended to a published group
    /// when [`reattributes_all`] says the group keeps its attribution, else the group is
    /// re-attributed as a whole. Returns each group as published.
    pub(super) fn publish_quote_groups(
        &self,
        resolver: QuoteView<'_>,
        touched: BTreeMap<String, (u32, Vec<Occurrence>)>,
    ) -> BTreeMap<String, Arc<QuoteGroup>> {
        let mut published: BTreeMap<String, Arc<QuoteGroup>> = BTreeMap::new();
        for (qid, (g, occs)) in touched {
            let old = self.quote(&qid);
            let before = old.as_ref().map_or(0, |o| o.occurrences.len());
            if old.is_some() && !reattributes_all(before, before + occs.len()) {
                drop(old);
                if let Some(group) = self.append_quote_occurrences(resolver, g, &qid, occs) {
                    published.insert(qid, group);
                }
                continue;
            }
            let mut group = old
                .as_deref()
                .cloned()
                .unwrap_or_else(|| QuoteGroup::new(qid.clone()));
            for occ in occs {
                group.insert(occ);
            }
            self.resolve_quote_group(resolver, g, &mut group);
            let group = Arc::new(group);
            self.put_quote(old.as_deref(), Some(&group));
            published.insert(qid, group);
        }
        published
    }
}

/// What watchers are sent: each occurrence as its group was published (with the speaker the
/// group gave it), for the groups that are published.
pub(super) fn quote_events(
    occurrences: Vec<Occurrence>,
    refs: &[(u32, String)],
    published: &BTreeMap<String, Arc<QuoteGroup>>,
) -> Vec<QuoteEvent> {
    occurrences
        .into_iter()
        .zip(refs)
        .filter_map(|(occ, (_, qid))| {
            let quote = Arc::clone(published.get(qid)?);
            let occurrence = quote
                .occurrences
                .iter()
                .rfind(|o| o.article() == occ.article() && o.ordinal == occ.ordinal)
                .cloned()
                .unwrap_or(occ);
            Some(QuoteEvent { quote, occurrence })
        })
        .collect()
}

/// The span, held in 8 bytes, if it fits the text on character boundaries (extraction output is
/// checked, not trusted; the index takes no text of 4 GiB or more).
fn valid_span(text: &str, span: Span) -> Option<Span32> {
    let ok = span.start <= span.end && text.get(span.start..span.end).is_some();
    if !ok {
        tracing::warn!(
            ?span,
            len = text.len(),
            "dropping an extracted span that does not fit the text"
        );
    }
    ok.then(|| Span32::of(span)).flatten()
}
