//! Writes: ingest an article (extract outside any lock, then publish) and delete one.
//!
//! [`Index::publish`] runs in steps under the writer lock, one submodule each: the article's
//! speakers (`speakers`), its quotes (`quotes`), its claims (`claims`) and its record
//! (`record`).

mod claims;
mod quotes;
mod record;
mod speakers;

use super::articles::{self, ArticleRecord};
use super::error::{Error, Result};
use super::origin::Origin;
use super::prepare::PreparedArticle;
use super::{Index, resolution};
use crate::model::{Article, ArticleMeta, Extraction};
use quotes::quote_events;
use record::Refs;
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
    pub fn resolve_id(&self) -> Result<String> {
        let mut violations = Vec::new();
        if self.text.trim().is_empty() {
            violations.push(super::FieldViolation {
                field: "article.text".into(),
                description: "must contain at least one non-whitespace character".into(),
            });
        }
        if self.text.len() > crate::model::MAX_TEXT_BYTES {
            // offsets into the text are held in 32 bits (see `Span32`)
            violations.push(super::FieldViolation {
                field: "article.text".into(),
                description: format!("must be at most {} bytes", crate::model::MAX_TEXT_BYTES),
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
        self.publish(PreparedArticle::of(new_record(id, new)))
    }

    /// Stores an article with an extraction made elsewhere (tests, replays).
    pub fn create_article_with(&self, new: NewArticle, extraction: Extraction) -> Result<Created> {
        let id = new.resolve_id()?;
        if let Some(existing) = self.existing(&id, &new.text)? {
            return Ok(existing);
        }
        self.publish(PreparedArticle::new(new_record(id, new), extraction))
    }

    /// Idempotency: `Some` when the same id already holds the same text, ALREADY_EXISTS when it
    /// holds a different text.
    pub(super) fn existing(&self, id: &str, text: &str) -> Result<Option<Created>> {
        match self.article(id) {
            Some(record) if *record.article.text == *text => Ok(Some(Created {
                record,
                already_existed: true,
            })),
            Some(_) => Err(Error::AlreadyExists {
                name: crate::model::resource_name("articles", id),
            }),
            None => Ok(None),
        }
    }

    /// Publishes a prepared article (its ingest time already set), unless the id is already
    /// stored (then the stored one, or ALREADY_EXISTS for a different text).
    pub(super) fn publish(&self, prepared: PreparedArticle) -> Result<Created> {
        let PreparedArticle {
            article,
            extraction,
            inputs,
            text_hash,
        } = prepared;
        let id = article.id.clone();
        let time_ms = articles::time_ms(&article);
        let text = &*article.text;
        let inner = &self.inner;

        // Everything below runs under the writer lock; readers are never blocked.
        let mut changes = inner.writer.lock();
        if let Some(existing) = self.existing(&id, text)? {
            return Ok(existing);
        }
        *changes += 1;

        // what the article's occurrences share, one copy
        let outlet = self.outlet_name(&article.meta.outlet);
        let origin = Origin::new(&id, outlet, &article.text, time_ms);
        let current = resolution::Current {
            article: &article,
            extraction: &extraction,
            origin: &origin,
        };

        // Cross-source resolution: which speaker, quote group and claim group. The article's
        // quote groups are published as soon as its quotes are resolved, while its claims may
        // still be resolved on the other thread.
        let mut resolver = inner.resolver.write();
        let (resolution, (speakers, quote_refs, events)) =
            resolver.add_prepared_publishing(&article, &extraction, inputs, |ids, quotes, view| {
                // Speakers: one contribution per distinct speaker id.
                let mut speakers = self.collect_speakers(ids, &extraction);
                // Quotes: each joins the group the resolver chose; a group an article only adds
                // to is appended to, any other is re-attributed as a whole and republished.
                let quotes = self.quote_occurrences(quotes, &current, &mut speakers);
                let published = self.publish_quote_groups(view, quotes.touched);
                let events = quote_events(quotes.occurrences, &quotes.refs, &published);
                (speakers, quotes.refs, events)
            });
        // Publishing claims only reads the resolver: lookups may read it alongside (the writer
        // mutex still keeps other writers out).
        let resolver = parking_lot::RwLockWriteGuard::downgrade(resolver);

        // Claims: extracted claims and the outlet's own statements, grouped by the resolver.
        let claim_groups = self.publish_claim_groups(&resolver, &resolution, &current);
        let refs = Refs::new(&resolution, quote_refs, claim_groups);
        drop(resolver);

        // Speakers: what the article says about each.
        self.publish_speakers(&id, &speakers, &resolution.holders_changed);

        let record = self.write_article_record(article, text_hash, origin, refs, speakers);
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

/// The article a submission becomes, stamped with the current time.
pub(super) fn new_record(id: String, new: NewArticle) -> Article {
    Article {
        id,
        text: new.text.into(),
        meta: new.meta,
        ingested_ms: now_ms(),
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
