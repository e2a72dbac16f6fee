//! Writes: ingest an article (extract outside any lock, then publish) and delete one.

use super::articles::{self, ArticleRecord};
use super::claims::{ClaimGroup, ClaimOccurrence};
use super::error::{Error, Result};
use super::quotes::{Occurrence, QuoteGroup};
use super::speakers::{Contribution, SpeakerRecord};
use super::{Index, QuoteEvent, keys};
use crate::model::{Article, ArticleMeta, Extraction, Span};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Longest `request_id` accepted.
pub(super) const MAX_REQUEST_ID_LEN: usize = 256;

/// An article as a client submits it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewArticle {
    /// Client-chosen id; derived by the server when `None`.
    pub id: Option<String>,
    /// Idempotency key used to derive the id when `id` is `None`.
    pub request_id: Option<String>,
    /// The text, exactly as submitted.
    pub text: String,
    /// Outlet, URL, title, publish time.
    pub meta: ArticleMeta,
}

/// The outcome of a create: the stored record, and whether it was stored by an earlier call.
#[derive(Clone, Debug)]
pub struct Created {
    /// The stored article.
    pub record: Arc<ArticleRecord>,
    /// True when an identical article was already stored (idempotent retry).
    pub already_existed: bool,
}

/// What a delete removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Deleted {
    /// Quote occurrences removed.
    pub quote_occurrences: usize,
    /// Claim occurrences removed.
    pub claim_occurrences: usize,
}

impl NewArticle {
    /// Validates the submission and returns the article id to use.
    fn resolve_id(&self) -> Result<String> {
        let mut violations = Vec::new();
        if self.text.trim().is_empty() {
            violations.push(super::FieldViolation {
                field: "article.text".into(),
                description: "must contain at least one non-whitespace character".into(),
            });
        }
        if let Some(id) = &self.id
            && let Err(Error::InvalidArgument(v)) = articles::validate_id(id, "article_id")
        {
            violations.extend(v);
        }
        if self
            .request_id
            .as_ref()
            .is_some_and(|r| r.len() > MAX_REQUEST_ID_LEN)
        {
            violations.push(super::FieldViolation {
                field: "request_id".into(),
                description: format!("must be at most {MAX_REQUEST_ID_LEN} bytes"),
            });
        }
        if !violations.is_empty() {
            return Err(Error::InvalidArgument(violations));
        }
        Ok(match &self.id {
            Some(id) => id.clone(),
            None => articles::derive_id(self.request_id.as_deref(), &self.text, &self.meta),
        })
    }
}

impl Index {
    /// Stores an article and what [`crate::extract::extract`] finds in it. Extraction runs on
    /// the calling thread before any lock is taken (call it from a blocking task).
    pub fn create_article(&self, new: NewArticle) -> Result<Created> {
        let id = new.resolve_id()?;
        if let Some(existing) = self.existing(&id, &new.text)? {
            return Ok(existing);
        }
        let extraction = crate::extract::extract(&new.text);
        self.publish(id, new, extraction)
    }

    /// Stores an article with an extraction made elsewhere (tests, replays).
    pub fn create_article_with(&self, new: NewArticle, extraction: Extraction) -> Result<Created> {
        let id = new.resolve_id()?;
        if let Some(existing) = self.existing(&id, &new.text)? {
            return Ok(existing);
        }
        self.publish(id, new, extraction)
    }

    /// Idempotency: `Some` when the same id already holds the same text, ALREADY_EXISTS when it
    /// holds a different text.
    fn existing(&self, id: &str, text: &str) -> Result<Option<Created>> {
        match self.article(id) {
            Some(record) if record.article.text == text => Ok(Some(Created {
                record,
                already_existed: true,
            })),
            Some(_) => Err(Error::AlreadyExists {
                name: format!("articles/{id}"),
            }),
            None => Ok(None),
        }
    }

    fn publish(&self, id: String, new: NewArticle, extraction: Extraction) -> Result<Created> {
        let text_hash = articles::text_hash(&new.text);
        let ingested_ms = now_ms();
        let article = Article {
            id: id.clone(),
            text: new.text,
            meta: new.meta,
            ingested_ms,
        };
        let time_ms = articles::time_ms(&article);
        let text = article.text.as_str();
        let inner = &self.inner;

        // Everything below runs under the writer lock; readers are never blocked.
        let _writer = inner.writer.lock();
        if let Some(existing) = self.existing(&id, text)? {
            return Ok(existing);
        }

        // Speakers: one contribution per distinct speaker id.
        let local_ids: Vec<Option<String>> =
            extraction.speakers.iter().map(keys::speaker_key).collect();
        let mut contributions: BTreeMap<String, Contribution> = BTreeMap::new();
        for (ls, sid) in extraction.speakers.iter().zip(&local_ids) {
            let Some(sid) = sid else { continue };
            let c = contributions.entry(sid.clone()).or_default();
            if ls.name.split_whitespace().count() >= c.name.split_whitespace().count() {
                c.name = ls.name.clone();
            }
            c.kind = c.kind.or(Some(ls.kind));
            for (alias, n) in &ls.aliases {
                *c.aliases.entry(alias.clone()).or_default() += n;
            }
            c.roles.extend(ls.roles.iter().cloned());
        }
        let speaker_of = |i: Option<usize>| i.and_then(|i| local_ids.get(i).cloned().flatten());
        let kind_of = |i: Option<usize>| i.and_then(|i| extraction.speakers.get(i)).map(|s| s.kind);

        // Quotes.
        let mut quote_refs = Vec::new();
        let mut events = Vec::new();
        for (ordinal, q) in extraction.quotes.iter().enumerate() {
            let Some(span) = valid_span(text, q.span) else {
                continue;
            };
            let words = keys::words(span.slice(text));
            if words.is_empty() {
                continue;
            }
            let speaker = speaker_of(q.speaker);
            if let Some(s) = &speaker {
                contributions.entry(s.clone()).or_default().quotes += 1;
            }
            let occ = Occurrence {
                article: id.clone(),
                ordinal: ordinal as u32,
                outlet: article.meta.outlet.clone(),
                time_ms,
                span,
                text: span.slice(text).to_string(),
                kind: q.kind,
                cue: q.cue.and_then(|s| valid_span(text, s)),
                mention: q.speaker_mention.and_then(|s| valid_span(text, s)),
                speaker,
                speaker_kind: kind_of(q.speaker),
                method: q.method,
                confidence: q.confidence.clamp(0.0, 1.0),
            };
            let qid = keys::hash_id(&keys::quote_key(&words));
            let old = self.quote(&qid);
            let mut group = old.as_deref().cloned().unwrap_or_else(|| QuoteGroup {
                id: qid.clone(),
                words,
                occurrences: Vec::new(),
            });
            group.insert(occ.clone());
            let group = Arc::new(group);
            self.put_quote(old.as_deref(), Some(&group));
            quote_refs.push((ordinal as u32, qid));
            events.push(QuoteEvent {
                quote: group,
                occurrence: occ,
            });
        }

        // Claims.
        let mut claim_refs = Vec::new();
        for (ordinal, c) in extraction.claims.iter().enumerate() {
            let Some(span) = valid_span(text, c.span) else {
                continue;
            };
            let words = keys::words(span.slice(text));
            if words.is_empty() {
                continue;
            }
            let claimant = speaker_of(c.speaker);
            if let Some(s) = &claimant {
                contributions.entry(s.clone()).or_default().claims += 1;
            }
            let cid = keys::hash_id(&keys::claim_key(claimant.as_deref(), &words));
            let occ = ClaimOccurrence {
                article: id.clone(),
                ordinal: ordinal as u32,
                outlet: article.meta.outlet.clone(),
                time_ms,
                span,
                text: span.slice(text).to_string(),
                cue: c.cue.and_then(|s| valid_span(text, s)),
                mention: c.speaker_mention.and_then(|s| valid_span(text, s)),
                claimant: claimant.clone(),
                method: c.method,
                confidence: c.confidence.clamp(0.0, 1.0),
            };
            let old = self.claim(&cid);
            let mut group = old.as_deref().cloned().unwrap_or_else(|| ClaimGroup {
                id: cid.clone(),
                claimant,
                occurrences: Vec::new(),
            });
            group.insert(occ);
            self.put_claim(old.as_deref(), Some(&Arc::new(group)));
            claim_refs.push((ordinal as u32, cid));
        }

        // Speakers, now that their quote and claim counts are known.
        for (sid, contribution) in &contributions {
            let old = self.speaker(sid);
            let mut record = old.as_deref().cloned().unwrap_or_else(|| SpeakerRecord {
                id: sid.clone(),
                contributions: BTreeMap::new(),
            });
            record
                .contributions
                .insert(id.clone(), contribution.clone());
            self.put_speaker(old.as_deref(), Some(&Arc::new(record)));
        }

        let record = Arc::new(ArticleRecord {
            quotes: quote_refs,
            claims: claim_refs,
            speakers: contributions.into_keys().collect(),
            text_hash,
            time_ms,
            article,
        });
        self.put_article(None, Some(&record));
        for event in events {
            // No receiver is not an error: nobody is watching.
            let _ = inner.events.send(event);
        }
        Ok(Created {
            record,
            already_existed: false,
        })
    }
}

/// The span if it fits the text on character boundaries (extraction output is checked, not
/// trusted).
fn valid_span(text: &str, span: Span) -> Option<Span> {
    let ok = span.start <= span.end && text.get(span.start..span.end).is_some();
    if !ok {
        tracing::warn!(
            ?span,
            len = text.len(),
            "dropping an extracted span that does not fit the text"
        );
    }
    ok.then_some(span)
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
