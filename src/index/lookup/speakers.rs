//! Speakers by id, by alias and in pages (optionally only those with an alias matching a query,
//! and of one kind).

use super::super::error::{Error, Result};
use super::super::paging::{Cursor, Page, PageRequest};
use super::super::speakers::SpeakerRecord;
use super::super::{Index, keys, postings};
use crate::model::SpeakerKind;
use std::sync::Arc;

impl Index {
    /// The speaker with this id, if any.
    pub fn speaker(&self, id: &str) -> Option<Arc<SpeakerRecord>> {
        self.inner.speakers.get(id).map(|r| Arc::clone(&r))
    }

    /// The speaker with this id, or NOT_FOUND.
    pub fn get_speaker(&self, id: &str) -> Result<Arc<SpeakerRecord>> {
        self.speaker(id)
            .ok_or_else(|| Error::not_found(crate::model::resource_name("speakers", id)))
    }

    /// Speaker ids with an alias containing every word of `query` (all speakers when empty).
    fn speakers_matching(&self, query_words: &[String]) -> Option<Vec<String>> {
        let sets = query_words
            .iter()
            .map(|w| self.inner.speaker_words.get(w))
            .collect();
        let ids = postings::intersect(sets)?;
        Some(
            ids.into_iter()
                .filter(|id| {
                    self.speaker(id)
                        .is_some_and(|s| s.matches_alias(query_words))
                })
                .collect(),
        )
    }

    /// Speakers ordered by id, optionally only those with an alias matching `query` and of one
    /// kind.
    pub fn list_speakers(
        &self,
        query: &str,
        kind: Option<SpeakerKind>,
        page: &PageRequest,
    ) -> Page<Arc<SpeakerRecord>> {
        let query_words = keys::words(query);
        let ids: Vec<String> = match self.speakers_matching(&query_words) {
            Some(ids) => ids,
            None => {
                let after = match &page.cursor {
                    Cursor::After(k) => Some(k.as_str()),
                    Cursor::Start | Cursor::Offset(_) => None,
                };
                let limit = if kind.is_some() {
                    usize::MAX
                } else {
                    page.size + 1
                };
                self.inner.speaker_ids.after(after, limit)
            }
        };
        let total =
            (query_words.is_empty() && kind.is_none()).then(|| self.inner.speaker_ids.len());
        let iter = ids.into_iter().filter_map(|id| {
            let s = self.speaker(&id)?;
            kind.is_none_or(|k| s.kind() == Some(k)).then_some((id, s))
        });
        let mut out = page.keyset(iter, total);
        if out.total.is_none() && out.next_page_token.is_empty() && page.cursor == Cursor::Start {
            out.total = Some(out.items.len());
        }
        out
    }

    /// Speaker ids `alias` names, best first: cross-source resolution first (any spelling,
    /// title, possessive or role: "Lavrov", "Sergei Lavrov", "Russia's Lavrov"), else speakers
    /// with an alias containing every word of `alias` (any case and punctuation).
    pub fn speakers_by_alias(&self, alias: &str) -> Vec<String> {
        let resolved = self.resolved_speakers_by_alias(alias);
        if !resolved.is_empty() {
            return resolved;
        }
        self.speakers_matching(&keys::words(alias))
            .unwrap_or_default()
    }
}
