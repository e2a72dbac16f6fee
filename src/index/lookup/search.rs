//! Full-text quote search: quotes ranked by the inverse document frequencies of the query words
//! they contain, found through the word postings, with the commonest words only scoring.

use super::super::error::{Error, Result};
use super::super::paging::{Cursor, Page, PageRequest};
use super::super::postings::{HexId, PostingId};
use super::super::quotes::QuoteGroup;
use super::super::{Index, keys};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::sync::Arc;

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

/// Words carried by more quotes than this are stopwords for search: they add to the score of
/// quotes found through rarer words but do not find quotes themselves, unless every word of
/// the query is that common (then only this many of the commonest word's quotes are scored).
const MAX_TERM_POSTING: usize = 5_000;
/// Most query words a search ranks by (the rarest): one bit each for the words a hit matched.
const MAX_QUERY_TERMS: usize = 64;

impl Index {
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
}
