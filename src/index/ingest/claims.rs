//! The article's claims while it is published: extracted claims and the outlet's own statements,
//! grouped by the resolver; groups the article only adds to are appended to, groups merged by it
//! are rebuilt.

use super::super::Index;
use super::super::claims::ClaimGroup;
use super::super::resolution::{self, Current};
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
        claim_groups.into_keys().collect()
    }
}
