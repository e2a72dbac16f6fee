//! The article's claims while it is published: extracted claims and the outlet's own statements,
//! grouped by the resolver; groups the article only adds to are appended to, groups merged by it
//! are rebuilt.

use super::super::Index;
use super::super::articles::ArticleRecord;
use super::super::claims::ClaimGroup;
use super::super::resolution::{self, Current};
use crate::index::FromArticle;
use crate::resolve::{ArticleResolution, Resolver};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

impl Index {
    /// Publishes every claim group the article's claims and statements joined, and every group
    /// merged into one of them. Returns those groups.
    pub(super) fn publish_claim_groups(
        &self,
        resolver: &Resolver,
        resolution: &ArticleResolution,
        current: &Current<'_>,
    ) -> BTreeSet<u32> {
        // groups this article only adds to are appended to; merged ones are rebuilt
        let mut claim_groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        let mut rebuild: BTreeSet<u32> = BTreeSet::new();
        // the id of each group merged into another, and the group it went into
        let mut moved: BTreeMap<String, u32> = BTreeMap::new();
        for a in resolution
            .claims
            .iter()
            .flatten()
            .chain(resolution.statements.iter().map(|(_, a)| a))
        {
            claim_groups.entry(a.group).or_default().push(a.member);
            if !a.merged.is_empty() {
                rebuild.insert(a.group);
                rebuild.extend(a.merged.iter().copied());
                for &m in &a.merged {
                    moved.insert(resolution::claim_id(m), a.group);
                }
            }
        }
        for &g in &rebuild {
            claim_groups.entry(g).or_default();
        }
        // the groups merged, as published before: their occurrences move as they are (one that
        // was built with its article's extraction keeps its cue and confidence)
        let merged_before: Vec<Arc<ClaimGroup>> = rebuild
            .iter()
            .filter_map(|&g| self.claim(&resolution::claim_id(g)))
            .collect();
        for (&g, members) in &claim_groups {
            if rebuild.contains(&g) {
                self.publish_claim_group(resolver, g, Some(current), &merged_before);
            } else if !self.append_claim_members(resolver, g, members, current) {
                self.publish_claim_group(resolver, g, Some(current), &[]);
            }
        }
        // a merge moves the claims of the groups merged in: the records of their articles
        // still name the groups they were in
        for (merged, &into) in &moved {
            // a group never published (one article's statements) is found in the one it joined
            let before = merged_before
                .iter()
                .find(|g| g.id == *merged)
                .cloned()
                .or_else(|| self.claim(&resolution::claim_id(into)));
            if let Some(before) = before {
                self.relist_claims(&before, into, &current.article.id);
            }
        }
        claim_groups.into_keys().collect()
    }

    /// Points the records of the articles whose claims were in `before` (a group as published
    /// before it was merged into group `into`) at `into`: each of those claims is listed with
    /// its id, and `into` among the article's claim groups. `current` is left out (its record is
    /// written after). Records already right are not copied.
    fn relist_claims(&self, before: &ClaimGroup, into: u32, current: &str) {
        let cid = resolution::claim_id(into);
        let mut ordinals: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for o in before
            .occurrences
            .iter()
            .filter(|o| *o.article() != *current)
        {
            ordinals.entry(o.article()).or_default().push(o.ordinal);
        }
        for (id, ordinals) in ordinals {
            let Some(record) = self.article(id) else {
                continue;
            };
            let stale =
                |(ordinal, listed): &(u32, String)| ordinals.contains(ordinal) && *listed != cid;
            let unlisted = record.claim_groups.binary_search(&into).is_err();
            if !unlisted && !record.claims.iter().any(stale) {
                continue;
            }
            let mut relisted = ArticleRecord::clone(&record);
            for claim in relisted.claims.iter_mut().filter(|c| stale(c)) {
                claim.1.clone_from(&cid);
            }
            if let Err(at) = relisted.claim_groups.binary_search(&into) {
                relisted.claim_groups.insert(at, into);
            }
            self.inner
                .articles
                .insert(id.to_string(), Arc::new(relisted));
        }
    }
}
