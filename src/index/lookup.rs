//! Quote lookups: filtered lists, full-text search, attribution conflicts, related quotes.
//! Each starts from a posting list or a hash map; none scans all quotes unless asked for all.

use super::error::{Error, Result};
use super::paging::{Cursor, Page, PageRequest};
use super::postings::{HexId, OrderedIds, PostingId};
use super::quotes::{Occurrence, QuoteGroup};
use super::{Index, keys};
use rustc_hash::FxHashMap;
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
            && self.article.as_ref().is_none_or(|a| *o.article == **a)
            && self
                .outlet
                .as_ref()
                .is_none_or(|out| keys::outlet_key(out) == keys::outlet_key(&o.outlet))
            && self.start_ms.is_none_or(|t| o.time_ms >= t)
            && self.end_ms.is_none_or(|t| o.time_ms < t)
    }

    /// True when some occurrence of `g` passes every filter.
    pub fn matches_any(&self, g: &QuoteGroup) -> bool {
        let by_speaker_only = self.article.is_none()
            && self.outlet.is_none()
            && self.start_ms.is_none()
            && self.end_ms.is_none();
        match &self.speakers {
            // no need to look at each occurrence: the group knows its speakers
            Some(ids) if by_speaker_only => ids.iter().any(|s| g.has_speaker(s)),
            _ => g.occurrences.iter().any(|o| self.matches(o)),
        }
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

/// Shingles carried by more quotes than this are stop-shingles for related quotes: they are
/// skipped when rarer shingles give evidence, and only this many of their ids are visited when
/// every shingle is that common.
const MAX_SHINGLE_POSTING: usize = 2_000;
/// Most quotes checked for a relation per quote, the most shared shingles first.
const MAX_RELATED_CANDIDATES: usize = 256;
/// Words carried by more quotes than this are stopwords for search: they add to the score of
/// quotes found through rarer words but do not find quotes themselves, unless every word of
/// the query is that common (then only this many of the commonest word's quotes are scored).
const MAX_TERM_POSTING: usize = 5_000;
/// Most query words a search ranks by (the rarest): one bit each for the words a hit matched.
const MAX_QUERY_TERMS: usize = 64;

/// Iterates the ids `fetch(after, n)` pages out, in order, in chunks, without holding a lock.
fn chunked<'a>(
    mut fetch: impl FnMut(Option<&str>, usize) -> Vec<String> + 'a,
    after: Option<String>,
) -> impl Iterator<Item = String> + 'a {
    let mut last = after;
    let mut buf: std::vec::IntoIter<String> = Vec::new().into_iter();
    let mut done = false;
    std::iter::from_fn(move || {
        if let Some(id) = buf.next() {
            return Some(id);
        }
        if done {
            return None;
        }
        let chunk = fetch(last.as_deref(), 256);
        done = chunk.len() < 256;
        last = chunk.last().cloned();
        buf = chunk.into_iter();
        buf.next()
    })
}

/// Iterates the ids of `ids` sorting after `after`, in chunks, without holding a lock.
pub(super) fn ordered(
    ids: &OrderedIds,
    after: Option<String>,
) -> impl Iterator<Item = String> + '_ {
    chunked(move |a, n| ids.after(a, n), after)
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

    /// Quotes with an occurrence passing `filter`, ordered by id. Walks the smallest posting
    /// list a filter names from the page cursor on (every filter is then checked on the
    /// occurrences), so a page costs about its own size, not the size of the lists.
    pub fn list_quotes(&self, filter: &QuoteFilter, page: &PageRequest) -> Page<Arc<QuoteGroup>> {
        let i = &self.inner;
        let after = cursor_key(page);
        // (length, source) of each posting list a filter names
        let mut sources: Vec<(usize, Source)> = Vec::new();
        if let Some(ids) = &filter.speakers {
            match ids.as_slice() {
                [one] => sources.push((i.quotes_by_speaker.len(one), Source::Speaker(one.clone()))),
                many => {
                    let mut set = BTreeSet::new();
                    for s in many {
                        i.quotes_by_speaker
                            .visit(s, |ids| set.extend(ids.iter().cloned()));
                    }
                    sources.push((set.len(), Source::Set(set)));
                }
            }
        }
        if let Some(a) = &filter.article {
            let set: BTreeSet<String> = self
                .article(a)
                .map(|r| r.quotes.iter().map(|(_, q)| q.clone()).collect())
                .unwrap_or_default();
            sources.push((set.len(), Source::Set(set)));
        }
        if let Some(o) = &filter.outlet {
            let key = keys::outlet_key(o);
            sources.push((i.quotes_by_outlet.len(&key), Source::Outlet(key)));
        }
        let keep = |id: String| {
            let g = self.quote(&id)?;
            let keep = filter.matches_group(&g) && filter.matches_any(&g);
            keep.then_some((id, g))
        };
        let smallest = sources.into_iter().min_by_key(|(n, _)| *n).map(|(_, s)| s);
        let ids: Box<dyn Iterator<Item = String> + '_> = match smallest {
            None => Box::new(ordered(&i.quote_ids, after)),
            Some(Source::Speaker(s)) => Box::new(chunked(
                move |a, n| i.quotes_by_speaker.after(&s, a, n),
                after,
            )),
            Some(Source::Outlet(o)) => Box::new(chunked(
                move |a, n| i.quotes_by_outlet.after(&o, a, n),
                after,
            )),
            Some(Source::Set(set)) => Box::new(set.into_iter()),
        };
        page.keyset(ids.filter_map(keep), None)
    }

    /// Quotes containing any word of `query`, best first: score is the sum over matched words
    /// of `ln(1 + N / df)`, ties broken by id. Words in more than [`MAX_TERM_POSTING`] quotes
    /// only score quotes that rarer words found (when every word is that common, the least
    /// common word's first quotes are scored); only the [`MAX_QUERY_TERMS`] rarest words of a
    /// longer query count; only the requested page is sorted.
    pub fn search_quotes(&self, query: &str, page: &PageRequest) -> Result<Page<SearchHit>> {
        let terms: BTreeSet<String> = keys::words(query).into_iter().collect();
        if terms.is_empty() {
            return Err(Error::invalid("query", "must contain at least one word"));
        }
        let postings = &self.inner.quote_terms;
        let n = self.inner.quote_ids.len().max(1) as f64;
        let mut terms: Vec<(usize, String)> =
            terms.into_iter().map(|t| (postings.len(&t), t)).collect();
        terms.sort();
        // the rarest words that occur at all rank (each word's matches are a bit)
        terms.retain(|(df, _)| *df > 0);
        terms.truncate(MAX_QUERY_TERMS);
        let all_common = terms.iter().all(|(df, _)| *df > MAX_TERM_POSTING);
        // words that find quotes (the others only score quotes found), and how many they list
        let finds = |k: usize, df: usize| df <= MAX_TERM_POSTING || (all_common && k == 0);
        let listed: usize = terms
            .iter()
            .enumerate()
            .filter(|(k, (df, _))| finds(*k, *df))
            .map(|(_, (df, _))| (*df).min(MAX_TERM_POSTING))
            .sum();
        let mut scores: FxHashMap<HexId, (f64, u64)> =
            FxHashMap::with_capacity_and_hasher(listed, Default::default());
        for (k, (df, term)) in terms.iter().enumerate() {
            let idf = (1.0 + n / (*df).max(1) as f64).ln();
            let bit = 1u64 << k;
            if finds(k, *df) {
                postings.visit(term, |ids| {
                    for id in ids.iter().take(MAX_TERM_POSTING) {
                        let e = scores.entry(*id).or_insert((0.0, 0));
                        e.0 += idf;
                        e.1 |= bit;
                    }
                });
            } else {
                postings.visit(term, |ids| {
                    for (id, e) in scores.iter_mut() {
                        if ids.contains(id) {
                            e.0 += idf;
                            e.1 |= bit;
                        }
                    }
                });
            }
        }
        let mut ranked: Vec<(HexId, f64, u64)> =
            scores.into_iter().map(|(id, (s, t))| (id, s, t)).collect();
        let total = ranked.len();
        let start = match page.cursor {
            Cursor::Offset(n) => n.min(total),
            Cursor::Start | Cursor::After(_) => 0,
        };
        let end = start.saturating_add(page.size).min(total);
        let order = |a: &(HexId, f64, u64), b: &(HexId, f64, u64)| {
            b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0))
        };
        if end < total {
            ranked.select_nth_unstable_by(end, order);
            ranked.truncate(end);
        }
        ranked.sort_unstable_by(order);
        let items = ranked
            .into_iter()
            .skip(start)
            .filter_map(|(id, score, matched)| {
                Some(SearchHit {
                    quote: self.quote(&id.to_id())?,
                    score,
                    matched_terms: terms
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| matched & (1 << k) != 0)
                        .map(|(_, (_, t))| t.clone())
                        .collect(),
                })
            })
            .collect();
        Ok(Page {
            items,
            next_page_token: if end < total {
                page.token(Cursor::Offset(end))
            } else {
                String::new()
            },
            total: Some(total),
        })
    }

    /// Quotes whose occurrences name more than one speaker, ordered by id.
    pub fn list_conflicts(&self, page: &PageRequest) -> Page<Arc<QuoteGroup>> {
        let iter = ordered(&self.inner.conflicts, cursor_key(page))
            .filter_map(|id| self.quote(&id).map(|g| (id, g)));
        page.keyset(iter, Some(self.inner.conflicts.len()))
    }

    /// Longer quotes containing this one, its fragments (4 words or more) and near variants
    /// (sharing at least half their word shingles), found through the shingle postings. Shingles
    /// carried by more than [`MAX_SHINGLE_POSTING`] quotes are skipped when rarer ones exist, and
    /// at most [`MAX_RELATED_CANDIDATES`] quotes (most shared shingles first) are checked.
    pub fn related_quotes(&self, group: &QuoteGroup) -> Vec<Related> {
        let mine = keys::shingles(&group.words);
        let postings = &self.inner.quote_shingles;
        let all_common = mine.iter().all(|s| postings.len(s) > MAX_SHINGLE_POSTING);
        let me = HexId::from_id(&group.id);
        let mut hits: FxHashMap<HexId, usize> = FxHashMap::default();
        for s in &mine {
            postings.visit(s, |ids| {
                if ids.len() > MAX_SHINGLE_POSTING && !all_common {
                    return;
                }
                for id in ids.iter().take(MAX_SHINGLE_POSTING) {
                    if Some(*id) != me {
                        *hits.entry(*id).or_default() += 1;
                    }
                }
            });
        }
        let mut hits: Vec<(HexId, usize)> = hits.into_iter().collect();
        if hits.len() > MAX_RELATED_CANDIDATES {
            let order = |a: &(HexId, usize), b: &(HexId, usize)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
            hits.select_nth_unstable_by(MAX_RELATED_CANDIDATES, order);
            hits.truncate(MAX_RELATED_CANDIDATES);
        }
        let mut out: Vec<Related> = hits
            .into_iter()
            .filter_map(|(id, shared)| {
                let other = self.quote(&id.to_id())?;
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

/// A posting list to page through for a quote listing.
enum Source {
    /// One speaker's quotes.
    Speaker(String),
    /// One outlet's quotes (normalised key).
    Outlet(String),
    /// A small set gathered up front.
    Set(BTreeSet<String>),
}
