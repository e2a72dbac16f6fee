//! Syndication: spotting articles that are copies of one wire story, so corroboration counts
//! them once.
//!
//! Each article's text becomes a set of word 5-gram shingles, summarised by a 64-value MinHash
//! signature. Locality-sensitive hashing (16 bands of 4 values) finds candidates through a hash
//! map; the signatures estimate Jaccard similarity and containment. An article whose estimated
//! Jaccard is at least [`MIN_JACCARD`], or that is contained in another to at least
//! [`MIN_CONTAINMENT`] (a trimmed or lightly extended copy), is a copy of the earlier one.

mod bands;
mod minhash;

use crate::resolve::fold::shingle_hash;
use crate::resolve::slots::Slots;
use bands::Bands;
use minhash::{K, Signature, jaccard, signature};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

const BANDS: usize = 16;
const ROWS: usize = K / BANDS;
/// Fewest shingles for an article to be compared at all (very short texts are not stories).
pub const MIN_SHINGLES: usize = 20;
/// Estimated Jaccard similarity at or above which two articles are copies.
pub const MIN_JACCARD: f32 = 0.7;
/// Estimated containment of the smaller in the larger at or above which they are copies.
pub const MIN_CONTAINMENT: f32 = 0.85;

/// Most candidate articles compared per new article.
const MAX_VERIFY: usize = 256;

/// An article text's MinHash signature, worked out from the text alone (before the detector is
/// locked).
#[derive(Clone, Debug, PartialEq)]
pub struct TextSignature {
    sig: Signature,
    /// How many distinct word shingles the text has.
    shingles: usize,
}

impl TextSignature {
    /// The signature of `text`.
    pub fn of(text: &str) -> Self {
        let (sig, shingles) = signature(text);
        TextSignature { sig, shingles }
    }
}

/// That an article copies an earlier one.
#[derive(Clone, Debug, PartialEq)]
pub struct CopyOf {
    /// The earlier article (the original the chain leads to).
    pub original: String,
    /// Estimated Jaccard similarity of the two texts.
    pub similarity: f32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Entry {
    id: Arc<str>,
    sig: Signature,
    shingles: usize,
    /// (published time or `i64::MAX` when unknown, arrival sequence): earlier is the original.
    order: (i64, u64),
}

/// Incremental near-duplicate detection over whole articles.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SyndicationDetector {
    /// Each article's number (the order it was added in, never reused), one per entry. Not
    /// written: after loading, the first change rebuilds it from `entries`, sharing their ids
    /// (see `numbered`).
    #[serde(skip)]
    numbers: FxHashMap<Arc<str>, u32>,
    /// The articles by number.
    entries: Slots<Entry>,
    /// The articles in each band bucket, by number.
    bands: Bands,
    /// The next article's number.
    next: u32,
    parent: FxHashMap<Arc<str>, (Arc<str>, f32)>,
    children: FxHashMap<Arc<str>, Vec<Arc<str>>>,
    seq: u64,
}

fn band_keys(sig: &[u32]) -> impl Iterator<Item = u64> + '_ {
    sig.chunks(ROWS).enumerate().map(|(b, rows)| {
        let rows: [u64; ROWS] = std::array::from_fn(|i| rows.get(i).copied().map_or(0, u64::from));
        shingle_hash(&rows) ^ (b as u64).wrapping_mul(0x1000_0000_01B3)
    })
}

impl SyndicationDetector {
    /// An empty detector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Numbers every entry by its id, when a detector read back from a snapshot has not yet.
    fn numbered(&mut self) {
        if self.numbers.len() != self.entries.len() {
            self.numbers = self
                .entries
                .iter()
                .map(|(n, e)| (e.id.clone(), n))
                .collect();
        }
    }

    /// Adds an article and says which earlier article it copies, if any. When the new article
    /// is older than the story it matches (it arrived late), the existing original becomes its
    /// copy instead and `None` is returned. Re-adding an id replaces it.
    pub fn add(&mut self, article: &str, text: &str, published_ms: Option<i64>) -> Option<CopyOf> {
        self.add_signed(article, TextSignature::of(text), published_ms)
    }

    /// [`Self::add`] with the text's signature worked out before.
    pub fn add_signed(
        &mut self,
        article: &str,
        signature: TextSignature,
        published_ms: Option<i64>,
    ) -> Option<CopyOf> {
        // numbers the entries first, when read back from a snapshot
        self.remove(article);
        let TextSignature { sig, shingles } = signature;
        self.seq += 1;
        let id: Arc<str> = Arc::from(article);
        let entry = Entry {
            id: id.clone(),
            sig,
            shingles,
            order: (published_ms.unwrap_or(i64::MAX), self.seq),
        };
        let number = self.next;
        self.next += 1;
        self.numbers.insert(id.clone(), number);
        if shingles < MIN_SHINGLES {
            self.entries.insert(number, entry);
            return None;
        }
        let mut best: Option<(u32, f32)> = None;
        let mut seen = FxHashSet::default();
        for key in band_keys(&entry.sig) {
            for other in self.bands.get(key) {
                if seen.len() >= MAX_VERIFY || !seen.insert(other) {
                    continue;
                }
                let Some(o) = self.entries.get(other) else {
                    continue;
                };
                let j = jaccard(&entry.sig, &o.sig);
                let small = entry.shingles.min(o.shingles) as f32;
                let containment = j * (entry.shingles + o.shingles) as f32 / ((1.0 + j) * small);
                if (j >= MIN_JACCARD || containment >= MIN_CONTAINMENT)
                    && best.as_ref().is_none_or(|b| j > b.1)
                {
                    best = Some((other, j));
                }
            }
        }
        for key in band_keys(&entry.sig) {
            self.bands.push(key, number);
        }
        let order = entry.order;
        self.entries.insert(number, entry);
        let (other, j) = best?;
        let other = self.entries.get(other)?.id.clone();
        let root = self.root_arc(&other);
        let root_entry = self.numbers.get(&root).and_then(|&n| self.entries.get(n));
        if root_entry.is_some_and(|r| r.order < order) {
            self.set_parent(&id, Some((root.clone(), j)));
            Some(CopyOf {
                original: root.to_string(),
                similarity: j,
            })
        } else {
            self.set_parent(&root, Some((id, j)));
            None
        }
    }

    fn root_arc(&self, article: &Arc<str>) -> Arc<str> {
        let mut cur = article.clone();
        for _ in 0..64 {
            match self.parent.get(&cur) {
                Some((p, _)) => cur = p.clone(),
                None => break,
            }
        }
        cur
    }

    /// Points `child` at `parent` (or at nothing), keeping the reverse map in step.
    fn set_parent(&mut self, child: &Arc<str>, parent: Option<(Arc<str>, f32)>) {
        if let Some((old, _)) = self.parent.remove(child)
            && let Some(list) = self.children.get_mut(&old)
        {
            list.retain(|c| c != child);
            if list.is_empty() {
                self.children.remove(&old);
            }
        }
        if let Some((p, j)) = parent {
            self.children
                .entry(p.clone())
                .or_default()
                .push(child.clone());
            self.parent.insert(child.clone(), (p, j));
        }
    }

    /// Every article whose copy chain leads to `article`, sorted.
    pub fn copies(&self, article: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack: Vec<&Arc<str>> = self.children.get(article).into_iter().flatten().collect();
        while let Some(c) = stack.pop() {
            if out.len() > self.entries.len() {
                break;
            }
            out.push(c.to_string());
            stack.extend(self.children.get(c).into_iter().flatten());
        }
        out.sort();
        out
    }

    /// True when some article copies this one.
    pub fn has_copies(&self, article: &str) -> bool {
        self.children.get(article).is_some_and(|c| !c.is_empty())
    }

    /// The article this one copies directly, with the similarity, if any.
    pub fn copy_of(&self, article: &str) -> Option<(&str, f32)> {
        self.parent.get(article).map(|(p, j)| (&**p, *j))
    }

    /// The original at the end of the copy chain (the article itself when it is no copy).
    pub fn root(&self, article: &str) -> String {
        match self.parent.get(article) {
            Some((p, _)) => self.root_arc(p).to_string(),
            None => article.to_string(),
        }
    }

    /// Removes an article; its copies now copy its own original, or nothing. Returns false for an
    /// unknown article.
    pub fn remove(&mut self, article: &str) -> bool {
        self.numbered();
        let Some(number) = self.numbers.remove(article) else {
            return false;
        };
        let Some(Entry { id, sig, .. }) = self.entries.remove(number) else {
            return false;
        };
        for key in band_keys(&sig) {
            self.bands.remove(key, number);
        }
        let up = self.parent.get(&id).cloned();
        self.set_parent(&id, None);
        for c in self.children.remove(&id).unwrap_or_default() {
            self.set_parent(&c, up.clone());
        }
        true
    }
}

#[cfg(test)]
mod tests;
