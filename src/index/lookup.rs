//! Quote lookups: filtered lists, full-text search, attribution conflicts, related quotes.
//! Each starts from a posting list or a hash map; none scans all quotes unless asked for all.

use super::error::{Error, Result};
use super::paging::{Cursor, Page, PageRequest};
use super::postings::{self, OrderedIds};
use super::quotes::{Occurrence, QuoteGroup};
use super::{Index, keys};
use std::collections::{BTreeSet, HashMap};
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
        let speaker_ok = self
            .speakers
            .as_ref()
            .is_none_or(|ids| o.speaker.as_ref().is_some_and(|s| ids.contains(s)));
        speaker_ok
            && self.article.as_ref().is_none_or(|a| &o.article == a)
            && self
                .outlet
                .as_ref()
                .is_none_or(|out| keys::outlet_key(out) == keys::outlet_key(&o.outlet))
            && self.start_ms.is_none_or(|t| o.time_ms >= t)
            && self.end_ms.is_none_or(|t| o.time_ms < t)
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

/// A full-text search hit.
#[derive(Clone, Debug)]
pub struct SearchHit {
    /// The quote.
    pub quote: Arc<QuoteGroup>,
    /// Sum of the inverse document frequencies of the matched terms.
    pub score: f64,
    /// The query terms the quote contains.
    pub matched_terms: Vec<String>,
}

/// How a related quote relates to the one asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// The other quote contains this one.
    ContainedIn,
    /// The other quote is a fragment of this one.
    Contains,
    /// Nearly the same words.
    NearVariant,
}

/// A link to another quote.
#[derive(Clone, Debug)]
pub struct Related {
    /// The other quote.
    pub quote: Arc<QuoteGroup>,
    /// How it relates.
    pub relation: Relation,
    /// Word-level similarity in `[0, 1]`.
    pub similarity: f64,
}

/// Most related quotes returned for one quote.
const MAX_RELATED: usize = 20;

/// Iterates the ids of `ids` sorting after `after`, in chunks, without holding a lock.
pub(super) fn ordered(
    ids: &OrderedIds,
    after: Option<String>,
) -> impl Iterator<Item = String> + '_ {
    let mut last = after;
    let mut buf: std::vec::IntoIter<String> = Vec::new().into_iter();
    std::iter::from_fn(move || {
        if let Some(id) = buf.next() {
            return Some(id);
        }
        let chunk = ids.after(last.as_deref(), 256);
        last = chunk.last().cloned();
        buf = chunk.into_iter();
        buf.next()
    })
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
        self.inner.quotes.get(id).map(|r| Arc::clone(&r))
    }

    /// The quote group with this id, or NOT_FOUND.
    pub fn get_quote(&self, id: &str) -> Result<Arc<QuoteGroup>> {
        self.quote(id)
            .ok_or_else(|| Error::not_found(format!("quotes/{id}")))
    }

    /// Speaker ids with an alias containing every word of `alias` (any case and punctuation).
    pub fn speakers_by_alias(&self, alias: &str) -> Vec<String> {
        self.speakers_matching(&keys::words(alias))
            .unwrap_or_default()
    }

    /// Quotes with an occurrence passing `filter`, ordered by id.
    pub fn list_quotes(&self, filter: &QuoteFilter, page: &PageRequest) -> Page<Arc<QuoteGroup>> {
        let i = &self.inner;
        let mut sets: Vec<BTreeSet<String>> = Vec::new();
        if let Some(ids) = &filter.speakers {
            sets.push(
                ids.iter()
                    .flat_map(|s| i.quotes_by_speaker.get(s))
                    .collect(),
            );
        }
        if let Some(a) = &filter.article {
            let set = self
                .article(a)
                .map(|r| r.quotes.iter().map(|(_, q)| q.clone()).collect());
            sets.push(set.unwrap_or_default());
        }
        if let Some(o) = &filter.outlet {
            sets.push(i.quotes_by_outlet.get(&keys::outlet_key(o)));
        }
        let keep = |id: String| {
            let g = self.quote(&id)?;
            let keep = filter.matches_group(&g) && g.occurrences.iter().any(|o| filter.matches(o));
            keep.then_some((id, g))
        };
        match postings::intersect(sets) {
            Some(set) => page.keyset(set.into_iter().filter_map(keep), None),
            None => page.keyset(
                ordered(&i.quote_ids, cursor_key(page)).filter_map(keep),
                None,
            ),
        }
    }

    /// Quotes containing any word of `query`, best first: score is the sum over matched words
    /// of `ln(1 + N / df)`, ties broken by id.
    pub fn search_quotes(&self, query: &str, page: &PageRequest) -> Result<Page<SearchHit>> {
        let terms: BTreeSet<String> = keys::words(query).into_iter().collect();
        if terms.is_empty() {
            return Err(Error::invalid("query", "must contain at least one word"));
        }
        let n = self.inner.quote_ids.len().max(1) as f64;
        let mut scores: HashMap<String, (f64, Vec<String>)> = HashMap::new();
        for term in &terms {
            let ids = self.inner.quote_terms.get(term);
            let idf = (1.0 + n / ids.len().max(1) as f64).ln();
            for id in ids {
                let e = scores.entry(id).or_default();
                e.0 += idf;
                e.1.push(term.clone());
            }
        }
        let mut ranked: Vec<(String, f64, Vec<String>)> =
            scores.into_iter().map(|(id, (s, t))| (id, s, t)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let page = page.offset(ranked);
        let items = page
            .items
            .into_iter()
            .filter_map(|(id, score, matched_terms)| {
                Some(SearchHit {
                    quote: self.quote(&id)?,
                    score,
                    matched_terms,
                })
            })
            .collect();
        Ok(Page {
            items,
            next_page_token: page.next_page_token,
            total: page.total,
        })
    }

    /// Quotes whose occurrences name more than one speaker, ordered by id.
    pub fn list_conflicts(&self, page: &PageRequest) -> Page<Arc<QuoteGroup>> {
        let iter = ordered(&self.inner.conflicts, cursor_key(page))
            .filter_map(|id| self.quote(&id).map(|g| (id, g)));
        page.keyset(iter, Some(self.inner.conflicts.len()))
    }

    /// Longer quotes containing this one, its fragments (4 words or more) and near variants
    /// (sharing at least half their word shingles), found through the shingle postings.
    pub fn related_quotes(&self, group: &QuoteGroup) -> Vec<Related> {
        let mine = keys::shingles(&group.words);
        let mut hits: HashMap<String, usize> = HashMap::new();
        for s in &mine {
            for id in self.inner.quote_shingles.get(s) {
                if id != group.id {
                    *hits.entry(id).or_default() += 1;
                }
            }
        }
        let mut out: Vec<Related> = hits
            .into_iter()
            .filter_map(|(id, shared)| {
                let other = self.quote(&id)?;
                let (a, b) = (group.words.len() as f64, other.words.len() as f64);
                let (relation, similarity) = if keys::contains_run(&other.words, &group.words) {
                    (Relation::ContainedIn, a / b)
                } else if keys::contains_run(&group.words, &other.words) {
                    (Relation::Contains, b / a)
                } else {
                    let theirs = keys::shingles(&other.words).len();
                    let jaccard = shared as f64 / (mine.len() + theirs - shared).max(1) as f64;
                    if shared * 2 < mine.len().min(theirs) {
                        return None;
                    }
                    (Relation::NearVariant, jaccard)
                };
                Some(Related {
                    quote: other,
                    relation,
                    similarity,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then_with(|| a.quote.id.cmp(&b.quote.id))
        });
        out.truncate(MAX_RELATED);
        out
    }
}
