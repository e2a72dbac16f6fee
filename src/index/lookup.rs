//! Lookups, each starting from a posting list or a hash map; none scans all quotes unless asked
//! for all. Quotes here: by id, filtered lists and attribution conflicts; full-text search in
//! `search`, related quotes in `related`. Articles (and syndication), speakers and claims by id
//! and in pages in `articles`, `speakers` and `claims`.

mod articles;
mod claims;
mod related;
mod search;
mod speakers;

pub use related::{Related, Relation};
pub use search::SearchHit;

use super::error::{Error, Result};
use super::paging::{Cursor, Page, PageRequest};
use super::postings::{HexId, OrderedIds, PostingId};
use super::quotes::{Occurrence, QuoteGroup};
use super::{Index, keys};
use crate::index::FromArticle;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Filters of a quote listing; every set filter must hold for one and the same occurrence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteFilter {
    /// Occurrences attributed to any of these speaker ids.
    pub speakers: Option<Vec<String>>,
    /// Occurrences in this article id.
    pub article: Option<String>,
    /// Occurrences from this outlet (any case).
    pub outlet: Option<String>,
    /// Occurrences published at or after this time (ms since the epoch).
    pub start_ms: Option<i64>,
    /// Occurrences published before this time (ms since the epoch).
    pub end_ms: Option<i64>,
    /// Quotes carried by at least this many distinct outlets.
    pub min_outlets: Option<usize>,
    /// Quotes carried by at most this many distinct outlets.
    pub max_outlets: Option<usize>,
}

impl QuoteFilter {
    /// True when the occurrence passes every filter.
    pub fn matches(&self, o: &Occurrence) -> bool {
        let speaker_ok = self.speakers.as_ref().is_none_or(|ids| {
            o.speaker
                .as_deref()
                .is_some_and(|s| ids.iter().any(|i| i == s))
        });
        speaker_ok
            && self.article.as_ref().is_none_or(|a| *o.article() == **a)
            && self
                .outlet
                .as_ref()
                .is_none_or(|out| keys::outlet_key(out) == keys::outlet_key(o.outlet()))
            && self.start_ms.is_none_or(|t| o.time_ms() >= t)
            && self.end_ms.is_none_or(|t| o.time_ms() < t)
    }

    /// True when some occurrence of `g` passes every filter.
    pub fn matches_any(&self, g: &QuoteGroup) -> bool {
        match &self.speakers {
            // no need to look at each occurrence: the group knows its speakers
            Some(ids) if self.by_speaker_only() => ids.iter().any(|s| g.has_speaker(s)),
            _ => g.occurrences.iter().any(|o| self.matches(o)),
        }
    }

    /// True when no filter but the speakers looks at the occurrences.
    fn by_speaker_only(&self) -> bool {
        self.article.is_none()
            && self.outlet.is_none()
            && self.start_ms.is_none()
            && self.end_ms.is_none()
    }

    /// True when the quote passes the group-level filters (outlet counts).
    pub fn matches_group(&self, g: &QuoteGroup) -> bool {
        if self.min_outlets.is_none() && self.max_outlets.is_none() {
            return true;
        }
        let n = g.outlets().len();
        self.min_outlets.is_none_or(|m| n >= m) && self.max_outlets.is_none_or(|m| n <= m)
    }
}

/// Iterates the ids `fetch(after, n)` pages out, in order, in chunks, without holding a lock.
/// The first chunk holds `first` ids (what a page needs when no id is filtered out), and each
/// next one twice as many, up to [`MAX_CHUNK`]: a page of 20 does not copy out 256 ids.
pub(super) fn chunked<'a>(
    mut fetch: impl FnMut(Option<&str>, usize) -> Vec<String> + 'a,
    after: Option<String>,
    first: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut last = after;
    let mut buf: std::vec::IntoIter<String> = Vec::new().into_iter();
    let mut done = false;
    let mut size = first.clamp(1, MAX_CHUNK);
    std::iter::from_fn(move || {
        if let Some(id) = buf.next() {
            return Some(id);
        }
        if done {
            return None;
        }
        let chunk = fetch(last.as_deref(), size);
        done = chunk.len() < size;
        size = (2 * size).min(MAX_CHUNK);
        last = chunk.last().cloned();
        buf = chunk.into_iter();
        buf.next()
    })
}

/// Most ids [`chunked`] copies out of a posting list at a time.
const MAX_CHUNK: usize = 256;

/// Iterates the ids of `ids` sorting after `after`, in chunks, without holding a lock.
pub(super) fn ordered<I: PostingId>(
    ids: &OrderedIds<I>,
    after: Option<String>,
    first: usize,
) -> impl Iterator<Item = String> + '_ {
    chunked(move |a, n| ids.after(a, n), after, first)
}

fn cursor_key(page: &PageRequest) -> Option<String> {
    match &page.cursor {
        Cursor::After(k) => Some(k.clone()),
        Cursor::Start | Cursor::Offset(_) => None,
    }
}

impl Index {
    /// The quote group with this id, if any.
    pub fn quote(&self, id: &str) -> Option<Arc<QuoteGroup>> {
        let key = HexId::from_id(id)?;
        self.inner.quotes.get(&key).map(|r| Arc::clone(&r))
    }

    /// The quote group with this id, or NOT_FOUND.
    pub fn get_quote(&self, id: &str) -> Result<Arc<QuoteGroup>> {
        self.quote(id)
            .ok_or_else(|| Error::not_found(crate::model::resource_name("quotes", id)))
    }

    /// Quotes with an occurrence passing `filter`, ordered by id. Walks the smallest posting
    /// list a filter names from the page cursor on (every filter is then checked on the
    /// occurrences), so a page costs about its own size, not the size of the lists.
    pub fn list_quotes(&self, filter: &QuoteFilter, page: &PageRequest) -> Page<Arc<QuoteGroup>> {
        let i = &self.inner;
        let after = cursor_key(page);
        // each posting list a filter names
        let mut sources: Vec<Source> = Vec::new();
        if let Some(ids) = &filter.speakers {
            match ids.as_slice() {
                [one] => sources.push(Source::Speaker(one.clone())),
                many => {
                    let mut set = BTreeSet::new();
                    for s in many {
                        i.quotes_by_speaker
                            .visit(s, |ids| set.extend(ids.iter().map(PostingId::to_id)));
                    }
                    sources.push(Source::Set(set));
                }
            }
        }
        if let Some(a) = &filter.article {
            let set: BTreeSet<String> = self
                .article(a)
                .map(|r| r.quotes.iter().map(|(_, q)| q.clone()).collect())
                .unwrap_or_default();
            sources.push(Source::Set(set));
        }
        if let Some(o) = &filter.outlet {
            sources.push(Source::Outlet(keys::outlet_key(o)));
        }
        // the lists' lengths are asked only when there is a choice
        let smallest = if sources.len() < 2 {
            sources.pop()
        } else {
            sources.into_iter().min_by_key(|s| match s {
                Source::Speaker(one) => i.quotes_by_speaker.len(one),
                Source::Outlet(key) => i.quotes_by_outlet.len(key),
                Source::Set(set) => set.len(),
            })
        };
        // a speaker's own posting list holds exactly the quotes naming them: when the filter
        // asks nothing else of the occurrences, walking it is the check
        let exact = matches!(&smallest, Some(Source::Speaker(s))
            if filter.speakers.as_deref() == Some(std::slice::from_ref(s)) && filter.by_speaker_only());
        let keep = |id: String| {
            let g = self.quote(&id)?;
            let keep = filter.matches_group(&g) && (exact || filter.matches_any(&g));
            keep.then_some((id, g))
        };
        // the page and the one id that tells whether there is a next page
        let first = page.size.saturating_add(1);
        let ids: Box<dyn Iterator<Item = String> + '_> = match smallest {
            None => Box::new(ordered(&i.quote_ids, after, first)),
            Some(Source::Speaker(s)) => Box::new(chunked(
                move |a, n| i.quotes_by_speaker.after(&s, a, n),
                after,
                first,
            )),
            Some(Source::Outlet(o)) => Box::new(chunked(
                move |a, n| i.quotes_by_outlet.after(&o, a, n),
                after,
                first,
            )),
            Some(Source::Set(set)) => Box::new(set.into_iter()),
        };
        page.keyset(ids.filter_map(keep), None)
    }

    /// Quotes whose occurrences name more than one speaker, ordered by id.
    pub fn list_conflicts(&self, page: &PageRequest) -> Page<Arc<QuoteGroup>> {
        let iter = ordered(
            &self.inner.conflicts,
            cursor_key(page),
            page.size.saturating_add(1),
        )
        .filter_map(|id| self.quote(&id).map(|g| (id, g)));
        page.keyset(iter, Some(self.inner.conflicts.len()))
    }
}

/// A posting list to page through for a quote listing.
enum Source {
    /// One speaker's quotes.
    Speaker(String),
    /// One outlet's quotes (normalised key).
    Outlet(String),
    /// A small set gathered up front.
    Set(BTreeSet<String>),
}

#[cfg(test)]
mod chunk_tests {
    use super::{MAX_CHUNK, chunked};
    use std::cell::RefCell;

    proptest::proptest! {
        /// Every id after the cursor comes out once, in order, however the chunks fall; the
        /// chunks start at the size asked and double up to the cap.
        #[test]
        fn chunks_yield_every_id_after_the_cursor(
            n in 0usize..700,
            cursor in proptest::option::of(0usize..700),
            first in 0usize..300,
        ) {
            let ids: Vec<String> = (0..n).map(|k| format!("{k:04}")).collect();
            let asked = RefCell::new(Vec::new());
            let fetch = |after: Option<&str>, size: usize| {
                asked.borrow_mut().push(size);
                ids.iter()
                    .filter(|id| after.is_none_or(|a| id.as_str() > a))
                    .take(size)
                    .cloned()
                    .collect()
            };
            let after = cursor.map(|c| format!("{c:04}"));
            let want: Vec<String> = ids
                .iter()
                .filter(|id| after.as_deref().is_none_or(|a| id.as_str() > a))
                .cloned()
                .collect();
            let got: Vec<String> = chunked(fetch, after, first).collect();
            proptest::prop_assert_eq!(got, want);
            let asked = asked.into_inner();
            let mut size = first.clamp(1, MAX_CHUNK);
            for s in asked {
                proptest::prop_assert_eq!(s, size);
                size = (2 * size).min(MAX_CHUNK);
            }
        }
    }
}
