//! Quote groups: the same words across every article that carries them.

use super::attribute::MAX_EVIDENCE_OCCURRENCES;
use super::keys;
use super::origin::{FromArticle, Origin};
use super::tally::{Tallies, tally};
use crate::model::{AttributionMethod, QuoteKind, Span32, SpeakerKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

#[path = "quote_keys.rs"]
mod quote_keys;

/// One appearance of a quotation in one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Occurrence {
    /// The article it appears in: id, outlet, text and time, shared by the article's
    /// occurrences. Snapshots write it as the article's position.
    #[serde(with = "super::snapshot::shared::origin")]
    pub origin: Arc<Origin>,
    /// Position of the quote in the article's extraction (0-based).
    pub ordinal: u32,
    /// The quoted words (UTF-8 byte offsets into the article text).
    pub span: Span32,
    /// Full utterance or fragment.
    pub kind: QuoteKind,
    /// The cue, if any.
    pub cue: Option<Span32>,
    /// The words naming the speaker here, if any.
    pub mention: Option<Span32>,
    /// The speaker id, if the occurrence is attributed.
    #[serde(with = "super::snapshot::shared::speaker")]
    pub speaker: Option<Arc<str>>,
    /// The speaker's kind, if attributed.
    pub speaker_kind: Option<SpeakerKind>,
    /// How the speaker was found.
    pub method: Option<AttributionMethod>,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
    /// The cross-source resolver's id of its normalised wording (shared by every occurrence of
    /// the same words), so that a lookup judges each wording once.
    pub variant: u32,
}

impl Occurrence {
    /// The quoted words exactly as written (empty if the span does not fit the source, which
    /// publishing rules out).
    pub fn text(&self) -> &str {
        self.span.slice(&self.origin.text)
    }

    /// Sort key: earliest first, then article, then position.
    pub fn order_key(&self) -> (i64, &str, u32) {
        (self.origin.time_ms, &self.origin.id, self.ordinal)
    }
}

impl FromArticle for Occurrence {
    fn origin(&self) -> &Origin {
        &self.origin
    }
}

/// One wording of a quote and where it appears.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// The wording exactly as written.
    pub text: String,
    /// Outlets using it, sorted, deduplicated.
    pub outlets: Vec<String>,
    /// Article ids using it, sorted.
    pub articles: Vec<String>,
    /// Similarity to the canonical text, in `[0, 1]`.
    pub similarity: f64,
}

/// What readers derive from all of a group's occurrences, each part computed on first use,
/// once per published version.
#[derive(Clone, Debug, Default)]
struct Summary {
    speaker: OnceLock<Option<Arc<str>>>,
    variants: OnceLock<Vec<Variant>>,
    outlet_counts: OnceLock<Vec<(Arc<str>, usize)>>,
    tallies: OnceLock<Tallies>,
    speaker_ids: OnceLock<Vec<Arc<str>>>,
    wire: OnceLock<Box<[u8]>>,
}

/// The same words across articles. Published versions are immutable: writers change a private
/// copy (copy on write) and call [`QuoteGroup::changed`] after changing occurrences in place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteGroup {
    /// The resource id (`quotes/{id}`).
    pub id: String,
    /// Normalised words (the group key's words), each one copy shared by every quote that uses
    /// the word.
    pub words: Vec<Arc<str>>,
    /// Every occurrence, sorted by [`Occurrence::order_key`].
    pub occurrences: Vec<Occurrence>,
    #[serde(skip)] // derived: recomputed on first use
    summary: SummaryCache,
}

/// The summary of one version of a group; not part of its value (two groups with the same
/// occurrences are equal whether or not either was summed up yet).
#[derive(Clone, Debug, Default)]
struct SummaryCache(Summary);

impl PartialEq for SummaryCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl QuoteGroup {
    /// An empty group.
    pub fn new(id: String) -> Self {
        QuoteGroup {
            id,
            words: Vec::new(),
            occurrences: Vec::new(),
            summary: SummaryCache::default(),
        }
    }

    /// Forgets what was derived from the occurrences; call after changing them in place.
    pub fn changed(&mut self) {
        self.summary = SummaryCache::default();
    }

    fn summary(&self) -> &Summary {
        &self.summary.0
    }

    /// The resource name, `quotes/{id}`.
    pub fn name(&self) -> String {
        crate::model::resource_name("quotes", &self.id)
    }

    /// Bytes a reader derives from this version once and keeps with it (the service keeps the
    /// quote's own fields encoded here, so that a listing copies them instead of building
    /// them); `build` makes them on first use.
    pub fn wire_form(&self, build: impl FnOnce(&QuoteGroup) -> Box<[u8]>) -> &[u8] {
        self.summary().wire.get_or_init(|| build(self))
    }

    /// The first-seen occurrence (there is always one in a published group).
    pub fn first(&self) -> Option<&Occurrence> {
        self.occurrences.first()
    }

    /// The canonical wording: the first-seen occurrence's text.
    pub fn text(&self) -> &str {
        self.first().map_or("", |o| o.text())
    }

    /// Adds an occurrence, keeping the order.
    pub fn insert(&mut self, occ: Occurrence) {
        let pos = self
            .occurrences
            .partition_point(|o| o.order_key() < occ.order_key());
        crate::resolve::reserve_one(&mut self.occurrences);
        self.occurrences.insert(pos, occ);
        self.changed();
    }

    /// The speaker most occurrences name, preferring a named person or organisation over an
    /// unnamed role, then the higher total confidence, then the smaller id.
    pub fn speaker(&self) -> Option<&str> {
        self.summary()
            .speaker
            .get_or_init(|| self.compute_speaker())
            .as_deref()
    }

    /// The id shared with the occurrences that name it (no copy of its own).
    fn compute_speaker(&self) -> Option<Arc<str>> {
        let mut votes: BTreeMap<&Arc<str>, (bool, usize, f32)> = BTreeMap::new();
        for o in &self.occurrences {
            if let Some(s) = &o.speaker {
                let named = o.speaker_kind != Some(SpeakerKind::Role);
                let v = votes.entry(s).or_insert((named, 0, 0.0));
                v.1 += 1;
                v.2 += o.confidence;
            }
        }
        votes
            .into_iter()
            .max_by(|a, b| {
                (a.1.0, a.1.1)
                    .cmp(&(b.1.0, b.1.1))
                    .then(a.1.2.total_cmp(&b.1.2))
                    .then(b.0.cmp(a.0))
            })
            .map(|(s, _)| Arc::clone(s))
    }

    /// The occurrences summed up by wording (resolver variant id) and speaker.
    pub(super) fn tallies(&self) -> &Tallies {
        self.summary()
            .tallies
            .get_or_init(|| tally(&self.occurrences, MAX_EVIDENCE_OCCURRENCES))
    }

    /// Whether an occurrence names `speaker` (a binary search in the distinct speakers, found
    /// once per published version: a speaker's list of quotes asks it of every quote).
    pub fn has_speaker(&self, speaker: &str) -> bool {
        self.distinct_speakers()
            .binary_search_by(|id| (**id).cmp(speaker))
            .is_ok()
    }

    /// The distinct speaker ids of the occurrences, sorted, kept once found: a speaker's list
    /// of quotes asks them of every quote.
    fn distinct_speakers(&self) -> &[Arc<str>] {
        self.summary().speaker_ids.get_or_init(|| {
            let mut ids: Vec<Arc<str>> = self
                .occurrences
                .iter()
                .filter_map(|o| o.speaker.clone())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        })
    }

    /// The distinct speaker ids of the occurrences.
    pub fn speakers(&self) -> BTreeSet<String> {
        self.speaker_keys().into_iter().map(str::to_owned).collect()
    }

    /// The distinct normalised outlets of the occurrences.
    pub fn outlets(&self) -> BTreeSet<String> {
        self.outlet_keys().into_iter().collect()
    }

    /// True when occurrences name more than one distinct person or organisation. An unnamed
    /// role next to a named speaker is not a conflict: the role is likely that person.
    pub fn is_conflict(&self) -> bool {
        let named: BTreeSet<&str> = self
            .occurrences
            .iter()
            .filter(|o| o.speaker_kind != Some(SpeakerKind::Role))
            .filter_map(|o| o.speaker.as_deref())
            .collect();
        named.len() > 1
    }

    /// Occurrence counts by outlet (as written by the first occurrence of each), most first.
    /// The outlet names are the occurrences' shared copies (see `Index::outlet_name`).
    pub fn outlet_counts(&self) -> &[(Arc<str>, usize)] {
        self.summary()
            .outlet_counts
            .get_or_init(|| self.compute_outlet_counts())
    }

    fn compute_outlet_counts(&self) -> Vec<(Arc<str>, usize)> {
        let mut counts: BTreeMap<String, (Arc<str>, usize)> = BTreeMap::new();
        for o in &self.occurrences {
            let e = counts
                .entry(keys::outlet_key(o.outlet()))
                .or_insert_with(|| (Arc::clone(&o.origin.outlet), 0));
            e.1 += 1;
        }
        let mut out: Vec<(Arc<str>, usize)> = counts.into_values().collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// Each distinct wording with its outlets and similarity to the canonical text.
    pub fn variants(&self) -> &[Variant] {
        self.summary()
            .variants
            .get_or_init(|| self.compute_variants())
    }

    fn compute_variants(&self) -> Vec<Variant> {
        let canonical = self.text();
        let mut by_text: BTreeMap<&str, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
        for o in &self.occurrences {
            let e = by_text.entry(o.text()).or_default();
            e.0.insert(o.outlet().to_string());
            e.1.insert(o.article().to_string());
        }
        let mut out: Vec<Variant> = by_text
            .into_iter()
            .map(|(text, (outlets, articles))| Variant {
                similarity: strsim::normalized_levenshtein(canonical, text),
                text: text.to_string(),
                outlets: outlets.into_iter().collect(),
                articles: articles.into_iter().collect(),
            })
            .collect();
        out.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then(a.text.cmp(&b.text))
        });
        out
    }
}
