//! The incremental claim grouper: stem posting lists, IDF-weighted similarity and bridging
//! merges. What a group tells a reader (corroboration, disagreements) is in `findings.rs`.

use super::member::ClaimMember;
use super::similarity::Features;
use super::text::ClaimText;
use super::weights::WeightTable;
use super::{DEFAULT_THRESHOLD, MERGE_MARGIN};
use crate::resolve::dense::{DenseSums, Pool};
use crate::resolve::postings::Postings;
use crate::resolve::slots::Slots;
use crate::resolve::speakers::SpeakerId;
use crate::resolve::story::at;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Where a new claim went.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimAssignment {
    /// The claim's id.
    pub member: u32,
    /// Its group.
    pub group: u32,
    /// The claim it was linked to, if it joined an existing group.
    pub linked_to: Option<u32>,
    /// Similarity to that claim (1 when it started the group).
    pub score: f32,
    /// Groups this claim bridged and that were merged into `group` (their ids are retired;
    /// [`ClaimGrouper::current_group`] maps them to `group`).
    pub merged: Vec<u32>,
}

/// Incremental claim grouping.
#[derive(Debug, Serialize, Deserialize)]
pub struct ClaimGrouper {
    pub(super) threshold: f32,
    pub(super) members: Slots<ClaimMember>,
    pub(super) groups: Slots<Vec<u32>>,
    /// Earliest and latest publication time of each group's claims, for groups with a timed
    /// claim (see [`super::STORY_WINDOW_MS`]).
    #[serde(default)]
    pub(super) spans: FxHashMap<u32, (i64, i64)>,
    /// Stem hash -> claims carrying the stem, in order of arrival.
    pub(super) postings: Postings,
    by_article: FxHashMap<Arc<str>, Vec<u32>>,
    retired: FxHashMap<u32, u32>,
    next_member: u32,
    next_group: u32,
    /// Scratch space for finding candidates: weights summed by claim id (see `similar`).
    #[serde(skip)]
    pub(super) scratch: Pool<DenseSums<f32>>,
    /// Tables of stem weights for comparisons (see `weights.rs`).
    #[serde(skip)]
    pub(super) weight_tables: Pool<WeightTable>,
}

impl Default for ClaimGrouper {
    fn default() -> Self {
        Self::with_threshold(DEFAULT_THRESHOLD)
    }
}

impl ClaimGrouper {
    /// An empty grouper with the default threshold.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty grouper that links claims at `threshold` similarity or more.
    pub fn with_threshold(threshold: f32) -> Self {
        ClaimGrouper {
            threshold,
            members: Slots::default(),
            groups: Slots::default(),
            spans: FxHashMap::default(),
            postings: Postings::default(),
            by_article: FxHashMap::default(),
            retired: FxHashMap::default(),
            next_member: 0,
            next_group: 0,
            scratch: Default::default(),
            weight_tables: Default::default(),
        }
    }

    /// A claim by id.
    pub fn member(&self, id: u32) -> Option<&ClaimMember> {
        self.members.get(id)
    }

    /// The claims of a group, in order of arrival.
    pub fn group(&self, id: u32) -> Option<&[u32]> {
        self.groups.get(id).map(Vec::as_slice)
    }

    /// Ids of all live groups (unordered).
    pub fn group_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.groups.ids()
    }

    /// Adds a claim made in `article` (by `claimant`, when known) whose publication time is not
    /// known: it may join a group of any time. Returns `None` for a claim with no content words.
    pub fn add(
        &mut self,
        article: &str,
        text: &str,
        claimant: Option<SpeakerId>,
    ) -> Option<ClaimAssignment> {
        self.add_at(article, text, claimant, None)
    }

    /// Adds a claim made in `article` (by `claimant`, when known), published at `time_ms`: it
    /// joins or bridges only groups whose story it fits (see [`super::STORY_WINDOW_MS`]).
    /// Returns `None` for a claim with no content words.
    pub fn add_at(
        &mut self,
        article: &str,
        text: &str,
        claimant: Option<SpeakerId>,
        time_ms: Option<i64>,
    ) -> Option<ClaimAssignment> {
        let claim = ClaimText::of(text)?;
        Some(self.add_text(article, claim, claimant, time_ms))
    }

    /// [`Self::add_at`] for a claim whose features were worked out before.
    pub fn add_text(
        &mut self,
        article: &str,
        claim: ClaimText,
        claimant: Option<SpeakerId>,
        time_ms: Option<i64>,
    ) -> ClaimAssignment {
        let ClaimText { content, hashes } = claim;
        let me = Features {
            marks: content.marks(),
            hashes: &hashes,
        };
        // similar enough to link to, best first; and the one linked to (stem weights as they
        // stand before this claim, each worked out once)
        let (similar, best) = self.weighing(|w| {
            let similar: Vec<(u32, f32)> = self
                .similar_weighed(me, time_ms, w)
                .into_iter()
                .filter(|&(_, s)| s >= self.threshold)
                .collect();
            let best = self.link(article, me, time_ms, &similar, w);
            (similar, best)
        });
        let id = self.next_member;
        self.next_member += 1;
        let (group, linked_to, score) =
            match best.and_then(|(m, s)| Some((self.members.get(m)?.group, m, s))) {
                Some((g, m, s)) => (g, Some(m), s),
                None => {
                    self.next_group += 1;
                    (self.next_group - 1, None, 1.0)
                }
            };
        for &h in &hashes {
            self.postings.push(h, id, time_ms, &self.members);
        }
        let article: Arc<str> = self
            .by_article
            .get_key_value(article)
            .map_or_else(|| Arc::from(article), |(k, _)| k.clone());
        self.by_article.entry(article.clone()).or_default().push(id);
        self.groups.get_or_insert_with(group, Vec::new).push(id);
        self.widen_span(group, at(time_ms));
        // a claim close to claims of two groups (from other articles) bridges them when the
        // two groups state the same fact (their first claims are similar): groups split only by
        // arrival order or by document frequencies that have since changed
        let root = self
            .root(group)
            .and_then(|r| self.members.get(r))
            .map_or(me, ClaimMember::features);
        let mut merged = self.bridged(
            &article,
            group,
            root,
            &similar,
            self.threshold + MERGE_MARGIN,
        );
        // each merge must keep the whole group within one story's window
        merged.retain(|&g| {
            let fits = self.in_story(group, self.spans.get(&g).copied());
            if fits {
                self.merge_into(g, group);
            }
            fits
        });
        let member = ClaimMember::new(article, content, hashes, claimant, group, time_ms);
        self.members.insert(id, member);
        ClaimAssignment {
            member: id,
            group,
            linked_to,
            score,
            merged,
        }
    }

    /// The first claim of a group: the fact the group states.
    pub(super) fn root(&self, group: u32) -> Option<u32> {
        self.groups.get(group).and_then(|g| g.first().copied())
    }

    /// Moves every claim of group `from` into group `to`.
    fn merge_into(&mut self, from: u32, to: u32) {
        let Some(ids) = self.groups.remove(from) else {
            return;
        };
        for m in &ids {
            if let Some(x) = self.members.get_mut(*m) {
                x.group = to;
            }
        }
        self.groups.get_or_insert_with(to, Vec::new).extend(ids);
        let span = self.spans.remove(&from);
        self.widen_span(to, span);
        self.retired.insert(from, to);
    }

    /// The live group a (possibly retired) group id now lives in, if any.
    pub fn current_group(&self, mut id: u32) -> Option<u32> {
        for _ in 0..64 {
            if self.groups.contains(id) {
                return Some(id);
            }
            id = *self.retired.get(&id)?;
        }
        None
    }

    /// The claims `article` added, in order.
    pub fn article_members(&self, article: &str) -> &[u32] {
        self.by_article.get(article).map_or(&[], Vec::as_slice)
    }

    /// Removes every claim `article` added; empty groups disappear. Returns false for an unknown
    /// article.
    pub fn remove_article(&mut self, article: &str) -> bool {
        let Some(ids) = self.by_article.remove(article) else {
            return false;
        };
        for id in ids {
            let Some(m) = self.members.remove(id) else {
                continue;
            };
            for &h in m.stem_hashes() {
                self.postings.remove(h, id, &self.members);
            }
            if let Some(g) = self.groups.get_mut(m.group) {
                g.retain(|x| *x != id);
                if g.is_empty() {
                    self.groups.remove(m.group);
                    self.spans.remove(&m.group);
                }
            }
        }
        true
    }
}
