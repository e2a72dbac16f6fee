//! Domain values to wire messages. A [`View`] holds the index and the offset unit of one
//! request, and caches the articles and speakers it looks up while converting.

mod claims;
mod listing;
mod quotes;
pub(crate) mod spans;

use super::names::timestamp;
use crate::index::{ArticleRecord, Index, SpeakerRecord};
use crate::model::resource_name;
use crate::model::{AttributionMethod, QuoteKind, Span, SpeakerKind};
use crate::pb;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// An article a request has looked up.
struct Seen {
    record: Arc<ArticleRecord>,
    /// True when it is a syndicated copy.
    copy: bool,
}

/// Converts index values for one request.
pub(crate) struct View {
    index: Index,
    encoding: pb::OffsetEncoding,
    articles: FxHashMap<String, Option<Seen>>,
    speakers: FxHashMap<String, Option<pb::SpeakerRef>>,
}

impl View {
    /// A view answering in `encoding` offsets.
    pub(crate) fn new(index: &Index, encoding: pb::OffsetEncoding) -> Self {
        View {
            index: index.clone(),
            encoding,
            articles: FxHashMap::default(),
            speakers: FxHashMap::default(),
        }
    }

    /// Article `id` and whether it is a syndicated copy, looked up once per request.
    fn article(&mut self, id: &str) -> Option<&Seen> {
        if !self.articles.contains_key(id) {
            let seen = self.index.article(id).map(|record| Seen {
                copy: self.index.record_is_copy(&record),
                record,
            });
            self.articles.insert(id.to_string(), seen);
        }
        self.articles.get(id)?.as_ref()
    }

    /// A span of article `id`'s text; unset when the article is gone.
    fn span(&mut self, article: &str, span: Option<Span>) -> Option<pb::TextSpan> {
        let span = span?;
        let encoding = self.encoding;
        let seen = self.article(article)?;
        Some(spans::text_span(&seen.record.article.text, span, encoding))
    }

    /// True when the article is a syndicated copy.
    fn is_copy(&mut self, article: &str) -> bool {
        self.article(article).is_some_and(|seen| seen.copy)
    }

    /// A short reference to speaker `id` (unset when it no longer exists).
    pub(crate) fn speaker_ref(&mut self, id: Option<&str>) -> Option<pb::SpeakerRef> {
        let id = id?;
        if let Some(known) = self.speakers.get(id) {
            return known.clone();
        }
        let found = self.index.speaker(id).map(|s| speaker_ref_of(&s));
        self.speakers.insert(id.to_string(), found.clone());
        found
    }

    /// The wire article; `full` includes the text.
    pub(crate) fn article_message(&self, r: &ArticleRecord, full: bool) -> pb::Article {
        let (copy_of, copies) = self.index.syndication(r);
        let a = &r.article;
        pb::Article {
            name: r.name(),
            text: if full {
                a.text.to_string()
            } else {
                String::new()
            },
            outlet: a.meta.outlet.clone(),
            url: a.meta.url.clone(),
            title: a.meta.title.clone(),
            publish_time: a.meta.published_ms.map(timestamp),
            create_time: Some(timestamp(a.ingested_ms)),
            quote_count: r.quotes.len() as i32,
            claim_count: r.claims.len() as i32,
            speaker_count: r.speakers.len() as i32,
            copy_of: copy_of
                .map(|id| resource_name("articles", &id))
                .unwrap_or_default(),
            copies: copies
                .into_iter()
                .map(|id| resource_name("articles", &id))
                .collect(),
        }
    }

    /// The wire speaker.
    pub(crate) fn speaker_message(&self, s: &SpeakerRecord) -> pb::Speaker {
        let attributed = self.index.attributed(&s.id);
        pb::Speaker {
            name: s.name(),
            display_name: s.display_name(),
            kind: speaker_kind(s.kind()) as i32,
            aliases: s
                .aliases()
                .into_iter()
                .map(|(text, n)| pb::SpeakerAlias {
                    text,
                    count: n as i32,
                })
                .collect(),
            roles: s
                .roles()
                .into_iter()
                .map(|(text, n)| pb::SpeakerRole {
                    text,
                    count: n as i32,
                })
                .collect(),
            article_count: s.contributions().len() as i32,
            quote_count: attributed.quotes as i32,
            claim_count: attributed.claims as i32,
            articles: s
                .contributions()
                .keys()
                .take(super::MAX_SPEAKER_ARTICLES)
                .map(|a| resource_name("articles", a))
                .collect(),
        }
    }
}

/// The short reference to a speaker.
fn speaker_ref_of(s: &SpeakerRecord) -> pb::SpeakerRef {
    pb::SpeakerRef {
        name: s.name(),
        display_name: s.display_name(),
        kind: speaker_kind(s.kind()) as i32,
    }
}

/// Domain speaker kind to wire.
pub(crate) fn speaker_kind(kind: Option<SpeakerKind>) -> pb::SpeakerKind {
    match kind {
        None => pb::SpeakerKind::Unspecified,
        Some(SpeakerKind::Person) => pb::SpeakerKind::Person,
        Some(SpeakerKind::Organization) => pb::SpeakerKind::Organization,
        Some(SpeakerKind::Role) => pb::SpeakerKind::Role,
    }
}

/// Wire speaker kind to domain (`None` for UNSPECIFIED = all kinds).
pub(crate) fn speaker_kind_filter(kind: pb::SpeakerKind) -> Option<SpeakerKind> {
    match kind {
        pb::SpeakerKind::Unspecified => None,
        pb::SpeakerKind::Person => Some(SpeakerKind::Person),
        pb::SpeakerKind::Organization => Some(SpeakerKind::Organization),
        pb::SpeakerKind::Role => Some(SpeakerKind::Role),
    }
}

fn quote_kind(kind: QuoteKind) -> pb::QuoteKind {
    match kind {
        QuoteKind::Full => pb::QuoteKind::Full,
        QuoteKind::Partial => pb::QuoteKind::Partial,
    }
}

fn method(m: Option<AttributionMethod>) -> pb::AttributionMethod {
    match m {
        None => pb::AttributionMethod::Unspecified,
        Some(AttributionMethod::Explicit) => pb::AttributionMethod::Explicit,
        Some(AttributionMethod::Pronoun) => pb::AttributionMethod::Pronoun,
        Some(AttributionMethod::Continuation) => pb::AttributionMethod::Continuation,
        Some(AttributionMethod::NoCue) => pb::AttributionMethod::NoCue,
        Some(AttributionMethod::AccordingTo) => pb::AttributionMethod::AccordingTo,
        Some(AttributionMethod::CrossSource) => pb::AttributionMethod::CrossSource,
    }
}
