//! Related quotes: longer quotes containing one, its fragments and its near variants, found
//! through the shingle postings.

use super::super::postings::{HexId, PostingId};
use super::super::quotes::QuoteGroup;
use super::super::{Index, keys};
use rustc_hash::FxHashMap;
use std::sync::Arc;

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

impl Index {
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
