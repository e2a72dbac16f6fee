//! Claim groups: the same reported fact, by the same claimant, across articles.

use super::keys;
use super::origin::{FromArticle, Origin};
use crate::model::{AttributionMethod, Span32};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::Arc;

/// One report of a claim in one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimOccurrence {
    /// The article it appears in: id, outlet, text and time, shared by the article's
    /// occurrences. Snapshots write it as the article's position.
    #[serde(with = "super::snapshot::shared::origin")]
    pub origin: Arc<Origin>,
    /// Position of the claim in the article's extraction (0-based).
    pub ordinal: u32,
    /// The reported content (UTF-8 byte offsets into the article text).
    pub span: Span32,
    /// The cue, if any.
    pub cue: Option<Span32>,
    /// The words naming the claimant here, if any.
    pub mention: Option<Span32>,
    /// The claimant's speaker id, if attributed.
    #[serde(with = "super::snapshot::shared::speaker")]
    pub claimant: Option<Arc<str>>,
    /// How the claimant was found.
    pub method: Option<AttributionMethod>,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
}

impl ClaimOccurrence {
    /// The content exactly as written (empty if the span does not fit the source, which
    /// publishing rules out).
    pub fn text(&self) -> &str {
        self.span.slice(&self.origin.text)
    }

    /// Sort key: earliest first, then article, then position.
    pub fn order_key(&self) -> (i64, &str, u32) {
        (self.origin.time_ms, &self.origin.id, self.ordinal)
    }
}

impl FromArticle for ClaimOccurrence {
    fn origin(&self) -> &Origin {
        &self.origin
    }
}

/// A claim that contradicts another (filled by cross-source resolution).
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// The other claim's id.
    pub claim: String,
    /// The other claim's occurrence that disagrees.
    pub occurrence: ClaimOccurrence,
    /// Why they disagree, in words.
    pub reason: String,
}

/// The same claim across articles. Immutable once published: writers replace the whole group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimGroup {
    /// The resource id (`claims/{id}`).
    pub id: String,
    /// The claimant's speaker id (part of the group key), if any.
    pub claimant: Option<String>,
    /// Every occurrence, earliest first (then article, then position).
    pub occurrences: Vec<Arc<ClaimOccurrence>>,
}

impl ClaimGroup {
    /// The resource name, `claims/{id}`.
    pub fn name(&self) -> String {
        crate::model::resource_name("claims", &self.id)
    }

    /// The canonical content: the first-seen occurrence's wording.
    pub fn content(&self) -> &str {
        self.occurrences.first().map_or("", |o| o.text())
    }

    /// Adds an occurrence, keeping the order.
    pub fn insert(&mut self, occ: Arc<ClaimOccurrence>) {
        // new reports are usually the latest: look from the end
        let pos = match self.occurrences.last() {
            Some(last) if last.order_key() > occ.order_key() => self
                .occurrences
                .partition_point(|o| o.order_key() < occ.order_key()),
            _ => self.occurrences.len(),
        };
        crate::resolve::reserve_one(&mut self.occurrences);
        self.occurrences.insert(pos, occ);
    }

    /// Adds many occurrences at once, sorting once (instead of shifting the list per insert).
    pub fn extend(&mut self, occs: impl IntoIterator<Item = Arc<ClaimOccurrence>>) {
        self.occurrences.extend(occs);
        self.occurrences
            .sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    }

    /// The distinct normalised outlets of the occurrences.
    pub fn outlets(&self) -> BTreeSet<String> {
        // a large group repeats a few outlets many times: each spelling is keyed once
        let spellings: FxHashSet<&str> = self.occurrences.iter().map(|o| o.outlet()).collect();
        spellings.into_iter().map(keys::outlet_key).collect()
    }

    /// Outlets that report the claim in an original (non-copy) article, as written, sorted,
    /// and their number: the independent corroboration. `is_copy` says whether an article is a
    /// syndicated copy; an article without an outlet counts as its own source.
    pub fn corroboration(&self, is_copy: impl Fn(&str) -> bool) -> (Vec<String>, usize) {
        let mut seen = BTreeSet::new();
        let mut outlets = BTreeSet::new();
        for o in self.occurrences.iter().filter(|o| !is_copy(o.article())) {
            let key = keys::outlet_key(o.outlet());
            if key.is_empty() {
                seen.insert(format!("article:{}", o.article()));
            } else if seen.insert(key) {
                outlets.insert(o.outlet().to_string());
            }
        }
        (outlets.into_iter().collect(), seen.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(article: &str, outlet: &str, t: i64) -> ClaimOccurrence {
        ClaimOccurrence {
            origin: Origin::new(article, outlet.into(), &format!("text {article}").into(), t),
            ordinal: 0,
            span: Span32::of(crate::model::Span::new(0, 5 + article.len())).expect("short"),
            cue: None,
            mention: None,
            claimant: None,
            method: None,
            confidence: 0.5,
        }
    }

    #[test]
    fn copies_do_not_corroborate() {
        let mut g = ClaimGroup {
            id: "c".into(),
            claimant: None,
            occurrences: vec![],
        };
        g.insert(Arc::new(occ("b", "AP", 2)));
        g.insert(Arc::new(occ("a", "Reuters", 1)));
        g.insert(Arc::new(occ("c", "Yahoo", 3)));
        g.insert(Arc::new(occ("d", "ap", 4)));
        assert_eq!(g.content(), "text a");
        let (outlets, n) = g.corroboration(|a| a == "c");
        assert_eq!(outlets, ["AP", "Reuters"]);
        assert_eq!(n, 2);
    }
}
