//! Two-phase ingest for a durable server: [`Index::prepare`] validates, settles the id and
//! extracts, without publishing anything; the caller makes the article durable; then
//! [`Index::publish_prepared`] makes it visible. [`Index::restore`] republishes an article read
//! back from the store at start-up, keeping its original ingest time.

use super::Index;
use super::error::Result;
use super::ingest::{Created, NewArticle, new_record};
use crate::model::{Article, Extraction};
use crate::resolve::ArticleInputs;

/// An article ready to be stored and published: everything worked out from the article alone,
/// on the preparing thread, so that publishing (one article at a time) does only the rest.
#[derive(Clone, Debug)]
pub struct PreparedArticle {
    /// The article with its final id and ingest time.
    pub article: Article,
    /// What extraction found in it.
    pub extraction: Extraction,
    /// What resolving it reads from it alone: its claims' features, its text's signature
    /// (worked out by [`PreparedArticle::new`], so that they always match the article).
    pub(super) inputs: ArticleInputs,
    /// The hash of its words, by which syndicated copies are found.
    pub(super) text_hash: u64,
}

impl PreparedArticle {
    /// `article` with `extraction` (made from its text).
    pub fn new(article: Article, extraction: Extraction) -> Self {
        let inputs = ArticleInputs::of(&article, &extraction);
        PreparedArticle {
            text_hash: super::articles::text_hash(&article.text),
            article,
            extraction,
            inputs,
        }
    }

    /// `article`, extracted.
    pub fn of(article: Article) -> Self {
        let extraction = crate::extract::extract(&article.text);
        PreparedArticle::new(article, extraction)
    }
}

/// What [`Index::prepare`] found.
#[derive(Clone, Debug)]
pub enum Prepared {
    /// The index already holds this id with the same text (an idempotent retry).
    Existing(Created),
    /// A new article, not yet visible.
    New(Box<PreparedArticle>),
}

impl Index {
    /// Validates a submission, settles its id, and extracts (on the calling thread: call it from
    /// a blocking task). Publishes nothing. ALREADY_EXISTS when the id holds a different text.
    pub fn prepare(&self, new: NewArticle) -> Result<Prepared> {
        let id = new.resolve_id()?;
        if let Some(existing) = self.existing(&id, &new.text)? {
            return Ok(Prepared::Existing(existing));
        }
        Ok(Prepared::New(Box::new(PreparedArticle::of(new_record(
            id, new,
        )))))
    }

    /// Publishes a prepared article (see [`Index::prepare`]).
    pub fn publish_prepared(&self, prepared: PreparedArticle) -> Result<Created> {
        self.publish(prepared)
    }

    /// Publishes an article read back from the durable store, extracting it again (the store
    /// keeps what was submitted, not what was derived).
    pub fn restore(&self, article: Article) -> Result<Created> {
        self.publish(PreparedArticle::of(article))
    }
}
