//! What every occurrence in one article shares: the article's id, outlet, text and time, one
//! copy per article, behind one pointer.
//!
//! An occurrence (of a quote or of a claim) used to hold its article's id, outlet and text as
//! three shared pointers and its time beside them: 56 bytes of each of millions. It holds one
//! pointer to the article's [`Origin`] instead. Snapshots write an occurrence's origin as its
//! article's position among the snapshot's articles (see `snapshot::shared`).

use std::sync::{Arc, LazyLock};

/// What an occurrence (of a quote or of a claim) reads through its article's [`Origin`].
pub trait FromArticle {
    /// The article's origin.
    fn origin(&self) -> &Origin;

    /// The article id.
    fn article(&self) -> &str {
        &self.origin().id
    }

    /// The article's outlet as submitted.
    fn outlet(&self) -> &str {
        &self.origin().outlet
    }

    /// The article's publish time, else its ingest time, in ms since the epoch.
    fn time_ms(&self) -> i64 {
        self.origin().time_ms
    }
}

/// The article an occurrence comes from, shared by all of the article's occurrences.
#[derive(Debug, PartialEq, Eq)]
pub struct Origin {
    /// The article id.
    pub id: Arc<str>,
    /// The article's outlet as submitted.
    pub outlet: Arc<str>,
    /// The article's text (shared with the article: text is stored once).
    pub text: Arc<str>,
    /// The article's publish time, else its ingest time, in ms since the epoch.
    pub time_ms: i64,
}

impl Origin {
    /// The origin of an article with this `id`, `outlet` (one shared copy), `text` and time.
    pub fn new(id: &str, outlet: Arc<str>, text: &Arc<str>, time_ms: i64) -> Arc<Self> {
        Arc::new(Origin {
            id: Arc::from(id),
            outlet,
            text: Arc::clone(text),
            time_ms,
        })
    }

    /// One shared origin naming no article, for a record decoded before its origin is made
    /// (no allocation per record).
    pub(super) fn unset() -> Arc<Self> {
        static UNSET: LazyLock<Arc<Origin>> = LazyLock::new(|| {
            Arc::new(Origin {
                id: Arc::from(""),
                outlet: Arc::from(""),
                text: Arc::from(""),
                time_ms: 0,
            })
        });
        Arc::clone(&UNSET)
    }
}
