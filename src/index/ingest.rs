//! Writes: ingest an article (extract outside any lock, then publish) and delete one.

use super::articles::{self, ArticleRecord};
use super::claims::ClaimGroup;
use super::contribution::Contribution;
use super::error::{Error, Result};
use super::quotes::{Occurrence, QuoteGroup};
use super::{Index, QuoteEvent, resolution};
use crate::model::{Article, ArticleMeta, Extraction, Span};
use crate::resolve::reattributes_all;
use std::collections::{BTreeMap, BTreeSet};
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
        self.publish(new_record(id, new), extraction)
    }

    /// Stores an article with an extraction made elsewhere (tests, replays).
    pub fn create_article_with(&self, new: NewArticle, extraction: Extraction) -> Result<Created> {
        let id = new.resolve_id()?;
        if let Some(existing) = self.existing(&id, &new.text)? {
            return Ok(existing);
        }
        self.publish(new_record(id, new), extraction)
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
                name: format!("articles/{id}"),
            }),
            None => Ok(None),
        }
    }

    /// Publishes an article (with its ingest time already set) and its extraction, unless the
    /// id is already stored (then the stored one, or ALREADY_EXISTS for a different text).
    pub(super) fn publish(&self, article: Article, extraction: Extraction) -> Result<Created> {
        let id = article.id.clone();
        let text_hash = articles::text_hash(&article.text);
        let time_ms = articles::time_ms(&article);
        let text = &*article.text;
        let inner = &self.inner;

        // Everything below runs under the writer lock; readers are never blocked.
        let _writer = inner.writer.lock();
        if let Some(existing) = self.existing(&id, text)? {
            return Ok(existing);
        }

        // Cross-source resolution: which speaker, quote group and claim group.
        let mut resolver = inner.resolver.write();
        let resolution = resolver.add_article(&article, &extraction);
        // Publishing only reads the resolver: lookups may read it alongside (the writer mutex
        // still keeps other writers out).
        let resolver = parking_lot::RwLockWriteGuard::downgrade(resolver);

        // Speakers: one contribution per distinct speaker id.
        let local_ids: Vec<Option<Arc<str>>> = resolution
            .speakers
            .iter()
            .zip(&extraction.speakers)
            .map(|(&s, ls)| Some(self.speaker_slug(s, Some(ls))))
            .collect();
        let mut contributions: BTreeMap<String, Contribution> = BTreeMap::new();
        for (ls, sid) in extraction.speakers.iter().zip(&local_ids) {
            let Some(sid) = sid else { continue };
            let c = contributions.entry(sid.to_string()).or_default();
            if ls.name.split_whitespace().count() >= c.name.split_whitespace().count() {
                c.name = ls.name.clone();
            }
            c.kind = c.kind.or(Some(ls.kind));
            for (alias, n) in &ls.aliases {
                c.add_alias(alias, *n);
            }
            for role in &ls.roles {
                c.add_role(role);
            }
        }
        let speaker_of = |i: Option<usize>| i.and_then(|i| local_ids.get(i).cloned().flatten());
        let kind_of = |i: Option<usize>| i.and_then(|i| extraction.speakers.get(i)).map(|s| s.kind);

        // Quotes: each joins the group the resolver chose; a group an article only adds to is
        // appended to, any other is re-attributed as a whole and republished.
        let mut quote_refs = Vec::new();
        let mut events = Vec::new();
        let mut touched: BTreeMap<String, (u32, Vec<Occurrence>)> = BTreeMap::new();
        // one copy of the id and outlet for all of the article's occurrences
        let shared_id: Arc<str> = Arc::from(id.as_str());
        let shared_outlet = self.outlet_name(&article.meta.outlet);
        for (ordinal, q) in extraction.quotes.iter().enumerate() {
            let Some(span) = valid_span(text, q.span) else {
                continue;
            };
            let Some(assignment) = resolution.quotes.get(ordinal).copied().flatten() else {
                continue;
            };
            let speaker = speaker_of(q.speaker);
            if let Some(s) = &speaker {
                contributions.entry(s.to_string()).or_default().quotes += 1;
            }
            let occ = Occurrence {
                article: Arc::clone(&shared_id),
                ordinal: ordinal as u32,
                outlet: Arc::clone(&shared_outlet),
                time_ms,
                span,
                source: Arc::clone(&article.text),
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
        let mut published: BTreeMap<String, Arc<QuoteGroup>> = BTreeMap::new();
        for (qid, (g, occs)) in touched {
            let old = self.quote(&qid);
            let before = old.as_ref().map_or(0, |o| o.occurrences.len());
            if old.is_some() && !reattributes_all(before, before + occs.len()) {
                drop(old);
                if let Some(group) = self.append_quote_occurrences(&resolver, g, &qid, occs) {
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
            self.resolve_quote_group(&resolver, g, &mut group);
            let group = Arc::new(group);
            self.put_quote(old.as_deref(), Some(&group));
            published.insert(qid, group);
        }
        let events: Vec<QuoteEvent> = events
            .into_iter()
            .zip(&quote_refs)
            .filter_map(|(occ, (_, qid))| {
                let quote = Arc::clone(published.get(qid)?);
                let occurrence = quote
                    .occurrences
                    .iter()
                    .rfind(|o| o.article == occ.article && o.ordinal == occ.ordinal)
                    .cloned()
                    .unwrap_or(occ);
                Some(QuoteEvent { quote, occurrence })
            })
            .collect();

        // Claims: extracted claims and the outlet's own statements, grouped by the resolver.
        for c in &extraction.claims {
            if let Some(s) = speaker_of(c.speaker) {
                contributions.entry(s.to_string()).or_default().claims += 1;
            }
        }
        let current = resolution::Current {
            article: &article,
            extraction: &extraction,
            time_ms,
        };
        // groups this article only adds to are appended to; merged ones are rebuilt
        let mut claim_groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        let mut rebuild: BTreeSet<u32> = BTreeSet::new();
        for a in resolution
            .claims
            .iter()
            .flatten()
            .chain(resolution.statements.iter().map(|(_, a)| a))
        {
            claim_groups.entry(a.group).or_default().push(a.member);
            if !a.merged.is_empty() {
                rebuild.insert(a.group);
                rebuild.extend(a.merged.iter().copied());
            }
        }
        for &g in &rebuild {
            claim_groups.entry(g).or_default();
        }
        // the groups merged, as published before: their occurrences move as they are (one that
        // was built with its article's extraction keeps its cue and confidence)
        let merged_before: Vec<Arc<ClaimGroup>> = rebuild
            .iter()
            .filter_map(|&g| self.claim(&resolution::claim_id(g)))
            .collect();
        for (&g, members) in &claim_groups {
            if rebuild.contains(&g) {
                self.publish_claim_group(&resolver, g, Some(&current), &merged_before);
            } else if !self.append_claim_members(&resolver, g, members, &current) {
                self.publish_claim_group(&resolver, g, Some(&current), &[]);
            }
        }
        let claim_groups: BTreeSet<u32> = claim_groups.into_keys().collect();
        let claim_refs: Vec<(u32, String)> = resolution
            .claims
            .iter()
            .enumerate()
            .filter_map(|(ordinal, a)| {
                Some((ordinal as u32, resolution::claim_id(a.as_ref()?.group)))
            })
            .collect();
        let quote_groups: BTreeSet<u32> = resolution
            .quotes
            .iter()
            .flatten()
            .map(|a| a.group)
            .collect();
        drop(resolver);

        // Speakers, now that their quote and claim counts are known.
        for (sid, contribution) in &contributions {
            self.append_contribution(sid, &id, contribution);
        }
        let own: BTreeSet<String> = contributions.keys().cloned().collect();
        // only groups re-decided as a whole can have changed who holds a role
        self.sync_role_holders(
            &inner.resolver.read(),
            &resolution.reattributed,
            Some((&id, &own)),
        );

        let record = Arc::new(ArticleRecord {
            quotes: quote_refs,
            claims: claim_refs,
            speakers: contributions.into_keys().collect(),
            quote_groups: quote_groups.into_iter().collect(),
            claim_groups: claim_groups.into_iter().collect(),
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
