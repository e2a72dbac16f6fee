//! Stored articles by id and in pages (all, one outlet's, one speaker's), and their
//! syndication: which article copies which wire story.

use super::super::articles::{self, ArticleRecord};
use super::super::error::{Error, Result};
use super::super::paging::{Cursor, Page, PageRequest};
use super::super::{Index, keys};
use std::sync::Arc;

impl Index {
    /// The article with this id, if stored.
    pub fn article(&self, id: &str) -> Option<Arc<ArticleRecord>> {
        self.inner.articles.get(id).map(|r| Arc::clone(&r))
    }

    /// Every article id, in order.
    pub fn article_ids(&self) -> Vec<String> {
        self.inner.article_ids.after(None, usize::MAX)
    }

    /// The article with this id, or NOT_FOUND.
    pub fn get_article(&self, id: &str) -> Result<Arc<ArticleRecord>> {
        self.article(id)
            .ok_or_else(|| Error::not_found(crate::model::resource_name("articles", id)))
    }

    /// Syndication of an article: the id of the original it copies (if it is a copy of one wire
    /// story), and the ids of its copies (if it is an original), found by near-duplicate
    /// detection over the whole text.
    pub fn syndication(&self, record: &ArticleRecord) -> (Option<String>, Vec<String>) {
        let id = record.article.id.as_str();
        {
            // most articles are no copy and have none: asked without building any string
            let r = self.inner.resolver.read();
            let (copy, original) = (r.syndication.copy_of(id), r.syndication.has_copies(id));
            if copy.is_some() || original {
                let root = r.syndication.root(id);
                let copies = if original {
                    r.syndication.copies(id)
                } else {
                    Vec::new()
                };
                return ((root != id).then_some(root), copies);
            }
        }
        // texts too short for near-duplicate detection: identical words only, the earliest
        // first (read in place: a stock text can be shared by many articles)
        self.inner.syndication.visit(&record.text_hash, |group| {
            let mut ids = group.iter().map(|k| articles::id_of_syndication_key(k));
            match ids.next() {
                Some(first) if first != id => (Some(first.to_string()), Vec::new()),
                Some(_) => (None, ids.map(str::to_string).collect()),
                None => (None, Vec::new()),
            }
        })
    }

    /// True when the article is a syndicated copy of an earlier one.
    pub fn is_copy(&self, article_id: &str) -> bool {
        self.article(article_id)
            .is_some_and(|r| self.record_is_copy(&r))
    }

    /// True when the article is a syndicated copy: `syndication(record).0.is_some()` without
    /// listing the copies.
    pub fn record_is_copy(&self, record: &ArticleRecord) -> bool {
        let id = record.article.id.as_str();
        {
            let r = self.inner.resolver.read();
            if r.syndication.copy_of(id).is_some() {
                return true;
            }
            if r.syndication.has_copies(id) {
                return false;
            }
        }
        self.inner.syndication.visit(&record.text_hash, |group| {
            group
                .iter()
                .next()
                .is_some_and(|k| articles::id_of_syndication_key(k) != id)
        })
    }

    /// Articles ordered by id, optionally only one outlet's (case-insensitive) and only those
    /// that mention one speaker (by id; an unknown speaker has none).
    pub fn list_articles(
        &self,
        outlet: &str,
        speaker: Option<&str>,
        page: &PageRequest,
    ) -> Page<Arc<ArticleRecord>> {
        let after = match &page.cursor {
            Cursor::After(k) => Some(k.as_str()),
            Cursor::Start | Cursor::Offset(_) => None,
        };
        if let Some(speaker) = speaker {
            let Some(record) = self.speaker(speaker) else {
                return page.keyset(std::iter::empty(), Some(0));
            };
            let contributions = record.contributions();
            let listed = |id: &String| self.article(id).map(|r| (id.clone(), r));
            if outlet.is_empty() {
                let iter = contributions.keys_after(after).filter_map(listed);
                return page.keyset(iter, Some(contributions.len()));
            }
            // with an outlet too: the speaker's articles that the outlet's list holds, asked of
            // that list in place
            return self
                .inner
                .articles_by_outlet
                .visit(&keys::outlet_key(outlet), |of_outlet| {
                    let total = contributions
                        .keys()
                        .filter(|id| of_outlet.contains_str(id))
                        .count();
                    let iter = contributions
                        .keys_after(after)
                        .filter(|id| of_outlet.contains_str(id))
                        .filter_map(listed);
                    page.keyset(iter, Some(total))
                });
        }
        // one outlet's list is walked from the cursor on, in chunks, as all articles are: a
        // page costs about its own size, not the size of the outlet
        let first = page.size.saturating_add(1);
        let after = after.map(str::to_string);
        let (ids, total): (Box<dyn Iterator<Item = String> + '_>, usize) = if outlet.is_empty() {
            (
                Box::new(super::ordered(&self.inner.article_ids, after, first)),
                self.inner.article_ids.len(),
            )
        } else {
            let key = keys::outlet_key(outlet);
            let total = self.inner.articles_by_outlet.len(&key);
            let ids = super::chunked(
                move |a, n| self.inner.articles_by_outlet.after(&key, a, n),
                after,
                first,
            );
            (Box::new(ids), total)
        };
        let iter = ids.filter_map(|id| self.article(&id).map(|r| (id, r)));
        page.keyset(iter, Some(total))
    }
}
