//! The incremental claim grouper: stem posting lists, IDF-weighted similarity, bridging merges,
//! corroboration and disagreements.

use super::content::{ClaimContent, stem};
use super::disagree::{self, Disagreement};
use super::{
    DEFAULT_THRESHOLD, MAX_DISAGREEMENT_MEMBERS, MAX_POSTING, MAX_SCORED, MERGE_MARGIN,
    MIN_SHARED_STEMS, NEGATION_MIN_SIMILARITY, RECENT_CANDIDATES,
};
use crate::resolve::fold::word_hash;
use crate::resolve::speakers::SpeakerId;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// One claim as stored.
#[derive(Clone, Debug)]
pub struct ClaimMember {
    /// The article it came from.
    pub article: Arc<str>,
    /// Its text.
    pub text: String,
    /// Who made it, when known.
    pub claimant: Option<SpeakerId>,
    /// Its features.
    pub content: ClaimContent,
    /// Its group.
    pub group: u32,
    /// Hashes of its stems, sorted: a cheap membership test while finding candidates.
    stem_hashes: Vec<u64>,
}

/// Hashes of a claim's stems, sorted.
fn stem_hashes(c: &ClaimContent) -> Vec<u64> {
    let mut h: Vec<u64> = c.stems.iter().map(|s| word_hash(s)).collect();
    h.sort_unstable();
    h
}

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
#[derive(Debug)]
pub struct ClaimGrouper {
    threshold: f32,
    members: FxHashMap<u32, ClaimMember>,
    groups: FxHashMap<u32, Vec<u32>>,
    /// Stem hash -> claims carrying the stem, in order of arrival.
    postings: FxHashMap<u64, Vec<u32>>,
    by_article: FxHashMap<Arc<str>, Vec<u32>>,
    retired: FxHashMap<u32, u32>,
    next_member: u32,
    next_group: u32,
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
            members: FxHashMap::default(),
            groups: FxHashMap::default(),
            postings: FxHashMap::default(),
            by_article: FxHashMap::default(),
            retired: FxHashMap::default(),
            next_member: 0,
            next_group: 0,
        }
    }

    /// A claim by id.
    pub fn member(&self, id: u32) -> Option<&ClaimMember> {
        self.members.get(&id)
    }

    /// The claims of a group, in order of arrival.
    pub fn group(&self, id: u32) -> Option<&[u32]> {
        self.groups.get(&id).map(Vec::as_slice)
    }

    /// Ids of all live groups (unordered).
    pub fn group_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.groups.keys().copied()
    }

    fn idf(&self, stem: &str) -> f32 {
        self.idf_of_df(self.postings.get(&word_hash(stem)).map_or(0, Vec::len))
    }

    /// Inverse document frequency of a stem carried by `df` claims.
    fn idf_of_df(&self, df: usize) -> f32 {
        (1.0 + (self.members.len() as f32 + 1.0) / (df as f32 + 1.0)).ln()
    }

    fn total_weight(&self, c: &ClaimContent) -> f32 {
        c.stems.iter().map(|s| self.idf(s)).sum()
    }

    /// Claims similar to `content`, with their similarity, best first. Candidates come from the
    /// posting lists of its rarer stems, rarest first. A stem carried by more than
    /// [`MAX_POSTING`] claims only adds weight to the candidates found so far (a check of each
    /// candidate's stems, not a walk of its list); when every stem is that common, the
    /// candidates are the [`RECENT_CANDIDATES`] latest claims carrying the rarest of them. The
    /// work per claim is thus bounded however large the corpus grows.
    fn similar(&self, content: &ClaimContent) -> Vec<(u32, f32)> {
        let mut stems: Vec<(u64, &Vec<u32>)> = content
            .stems
            .iter()
            .filter_map(|s| {
                let h = word_hash(s);
                Some((h, self.postings.get(&h)?))
            })
            .collect();
        stems.sort_by_key(|(_, list)| list.len());
        let mut shared: FxHashMap<u32, (f32, usize)> = FxHashMap::default();
        shared.reserve(MAX_POSTING.min(stems.iter().map(|(_, l)| l.len()).sum()));
        for (h, list) in stems {
            let w = self.idf_of_df(list.len());
            let walk = if list.len() <= MAX_POSTING {
                &list[..]
            } else if shared.is_empty() {
                &list[list.len().saturating_sub(RECENT_CANDIDATES)..]
            } else {
                for (m, e) in shared.iter_mut() {
                    if self
                        .members
                        .get(m)
                        .is_some_and(|x| x.stem_hashes.binary_search(&h).is_ok())
                    {
                        e.0 += w;
                        e.1 += 1;
                    }
                }
                continue;
            };
            for &m in walk {
                let e = shared.entry(m).or_default();
                e.0 += w;
                e.1 += 1;
            }
        }
        // score only the candidates sharing the most weight
        let mut shared: Vec<(u32, (f32, usize))> = shared.into_iter().collect();
        if shared.len() > MAX_SCORED {
            shared.select_nth_unstable_by(MAX_SCORED, |a, b| b.1.0.total_cmp(&a.1.0));
            shared.truncate(MAX_SCORED);
        }
        let mut out: Vec<(u32, f32)> = shared
            .into_iter()
            .filter_map(|(m, (w, n))| {
                Some((m, self.score(content, &self.members.get(&m)?.content, w, n)))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// IDF-weighted Dice similarity of two claims sharing `n` stems of weight `shared`. Opposite
    /// words (canceled / postponed) are about the same event and count as one more shared stem.
    /// Fewer than [`MIN_SHARED_STEMS`] shared stems (or all of the shorter claim's) score 0.
    fn score(&self, a: &ClaimContent, b: &ClaimContent, shared: f32, n: usize) -> f32 {
        let opposite = disagree::opposite_words(a, b);
        let bonus = opposite.as_ref().map_or(0.0, |(x, y)| {
            (self.idf(&stem(x)) + self.idf(&stem(y))) / 2.0
        });
        let n = n + usize::from(opposite.is_some());
        let score = (2.0 * (shared + bonus)
            / (self.total_weight(a) + self.total_weight(b)).max(1e-6))
        .min(1.0);
        if n >= MIN_SHARED_STEMS.min(a.stems.len().min(b.stems.len())) {
            score
        } else {
            0.0
        }
    }

    /// Adds a claim made in `article` (by `claimant`, when known). Returns `None` for a claim
    /// with no content words.
    pub fn add(
        &mut self,
        article: &str,
        text: &str,
        claimant: Option<SpeakerId>,
    ) -> Option<ClaimAssignment> {
        let content = ClaimContent::of(text);
        if content.stems.is_empty() {
            return None;
        }
        // prefer a claim from another article: restating one's own fact is not corroboration
        let similar: Vec<(u32, f32)> = self
            .similar(&content)
            .into_iter()
            .filter(|&(_, s)| s >= self.threshold)
            .collect();
        // a group is the fact its first claim states: join only where that first claim is
        // similar too, so that claims about one event do not chain into one group
        let support = |g: u32| {
            let arts: FxHashSet<&str> = similar
                .iter()
                .filter_map(|&(m, _)| self.members.get(&m))
                .filter(|x| x.group == g)
                .map(|x| &*x.article)
                .collect();
            arts.len()
        };
        let joinable = |m: u32| {
            self.members.get(&m).is_some_and(|x| {
                self.root_similarity(x.group, &content) >= self.threshold || {
                    let n = support(x.group);
                    n >= 2 && 2 * n >= self.groups.get(&x.group).map_or(0, Vec::len)
                }
            })
        };
        let other_article = |m: u32| self.members.get(&m).is_some_and(|x| &*x.article != article);
        let best = similar
            .iter()
            .copied()
            .filter(|&(m, _)| joinable(m))
            .find(|&(m, _)| other_article(m))
            .or_else(|| similar.iter().copied().find(|&(m, _)| joinable(m)));
        let id = self.next_member;
        self.next_member += 1;
        let (group, linked_to, score) =
            match best.and_then(|(m, s)| Some((self.members.get(&m)?.group, m, s))) {
                Some((g, m, s)) => (g, Some(m), s),
                None => {
                    self.next_group += 1;
                    (self.next_group - 1, None, 1.0)
                }
            };
        for s in &content.stems {
            self.postings.entry(word_hash(s)).or_default().push(id);
        }
        let article: Arc<str> = self
            .by_article
            .get_key_value(article)
            .map_or_else(|| Arc::from(article), |(k, _)| k.clone());
        self.by_article.entry(article.clone()).or_default().push(id);
        self.groups.entry(group).or_default().push(id);
        // a claim close to claims of two groups (from other articles) bridges them when the
        // two groups state the same fact (their first claims are similar): groups split only by
        // arrival order or by document frequencies that have since changed
        let root_content = self
            .root(group)
            .and_then(|r| self.members.get(&r))
            .map_or(&content, |x| &x.content);
        let mut merged: Vec<u32> = similar
            .iter()
            .filter(|&&(m, s)| {
                s >= self.threshold + MERGE_MARGIN
                    && self.members.get(&m).is_some_and(|x| x.article != article)
            })
            .filter_map(|&(m, _)| self.members.get(&m).map(|x| x.group))
            .filter(|&g| g != group && self.root_similarity(g, root_content) >= self.threshold)
            .collect();
        merged.sort_unstable();
        merged.dedup();
        for &g in &merged {
            self.merge_into(g, group);
        }
        self.members.insert(
            id,
            ClaimMember {
                article,
                text: text.trim().to_string(),
                claimant,
                stem_hashes: stem_hashes(&content),
                content,
                group,
            },
        );
        Some(ClaimAssignment {
            member: id,
            group,
            linked_to,
            score,
            merged,
        })
    }

    /// The similarity of two claims' features, in `[0, 1]`.
    fn content_similarity(&self, a: &ClaimContent, b: &ClaimContent) -> f32 {
        let shared: Vec<&String> = a
            .stems
            .iter()
            .filter(|s| b.stems.binary_search(s).is_ok())
            .collect();
        let w = shared.iter().map(|s| self.idf(s)).sum();
        self.score(a, b, w, shared.len())
    }

    /// The first claim of a group: the fact the group states.
    fn root(&self, group: u32) -> Option<u32> {
        self.groups.get(&group).and_then(|g| g.first().copied())
    }

    /// Similarity of `content` to the first claim of `group` (0 for an unknown group).
    fn root_similarity(&self, group: u32, content: &ClaimContent) -> f32 {
        self.root(group)
            .and_then(|r| self.members.get(&r))
            .map_or(0.0, |r| self.content_similarity(&r.content, content))
    }

    /// Moves every claim of group `from` into group `to`.
    fn merge_into(&mut self, from: u32, to: u32) {
        let Some(ids) = self.groups.remove(&from) else {
            return;
        };
        for m in &ids {
            if let Some(x) = self.members.get_mut(m) {
                x.group = to;
            }
        }
        self.groups.entry(to).or_default().extend(ids);
        self.retired.insert(from, to);
    }

    /// The live group a (possibly retired) group id now lives in, if any.
    pub fn current_group(&self, mut id: u32) -> Option<u32> {
        for _ in 0..64 {
            if self.groups.contains_key(&id) {
                return Some(id);
            }
            id = *self.retired.get(&id)?;
        }
        None
    }

    /// Groups whose claims resemble `text`, with the best similarity, best first.
    pub fn lookup(&self, text: &str) -> Vec<(u32, f32)> {
        let mut seen = FxHashSet::default();
        self.similar(&ClaimContent::of(text))
            .into_iter()
            .filter(|&(_, s)| s >= self.threshold)
            .filter_map(|(m, s)| Some((self.members.get(&m)?.group, s)))
            .filter(|(g, _)| seen.insert(*g))
            .collect()
    }

    /// Number of independent sources among a group's claims: distinct `source_of(article)`
    /// values, where `source_of` maps a syndicated copy to its original's outlet so that copies
    /// of one wire story count once.
    pub fn corroboration(&self, group: u32, source_of: impl Fn(&str) -> String) -> usize {
        let members = self
            .groups
            .get(&group)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let sources: FxHashSet<String> = members
            .iter()
            .filter_map(|m| self.members.get(m))
            .map(|m| source_of(&m.article))
            .collect();
        sources.len()
    }

    /// Pairs of claims in a group, from different articles, that disagree, with the reasons.
    pub fn disagreements(&self, group: u32) -> Vec<Disagreement> {
        let ids = self
            .groups
            .get(&group)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let members: Vec<(u32, &ClaimMember)> = ids
            .iter()
            .take(MAX_DISAGREEMENT_MEMBERS)
            .filter_map(|&i| Some((i, self.members.get(&i)?)))
            .collect();
        let mut out = Vec::new();
        for (i, &(ia, a)) in members.iter().enumerate() {
            for &(ib, b) in &members[i + 1..] {
                if a.article == b.article {
                    continue;
                }
                let close =
                    self.content_similarity(&a.content, &b.content) >= NEGATION_MIN_SIMILARITY;
                let reasons = disagree::reasons(&a.content, &b.content, close);
                if !reasons.is_empty() {
                    out.push(Disagreement {
                        a: ia,
                        b: ib,
                        reasons,
                    });
                }
            }
        }
        out
    }

    /// Removes every claim `article` added; empty groups disappear. Returns false for an unknown
    /// article.
    pub fn remove_article(&mut self, article: &str) -> bool {
        let Some(ids) = self.by_article.remove(article) else {
            return false;
        };
        for id in ids {
            let Some(m) = self.members.remove(&id) else {
                continue;
            };
            for s in &m.content.stems {
                let h = word_hash(s);
                if let Some(list) = self.postings.get_mut(&h) {
                    list.retain(|x| *x != id);
                    if list.is_empty() {
                        self.postings.remove(&h);
                    }
                }
            }
            if let Some(g) = self.groups.get_mut(&m.group) {
                g.retain(|x| *x != id);
                if g.is_empty() {
                    self.groups.remove(&m.group);
                }
            }
        }
        true
    }
}
