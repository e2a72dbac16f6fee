//! Which group a new claim joins, and which groups it bridges: the decisions of
//! [`ClaimGrouper::add_text`] over the claims similar to it. Both are made per group, once each,
//! however many of the group's claims are among the similar ones, and stem weights are worked
//! out once per decision (see `weights.rs`).

use super::grouper::ClaimGrouper;
use super::similarity::Features;
use super::weights::Weights;
use crate::resolve::story::at;
use rustc_hash::FxHashSet;

impl ClaimGrouper {
    /// The claim a new claim of `article` links to among `similar` (similar enough, best
    /// first): the first whose group it may join, preferring one from another article, since
    /// restating one's own fact is not corroboration. `w` gives the stem weights of the
    /// grouper as it stands.
    pub(super) fn link(
        &self,
        article: &str,
        me: Features<'_>,
        time_ms: Option<i64>,
        similar: &[(u32, f32)],
        w: &mut Weights<'_>,
    ) -> Option<(u32, f32)> {
        let mut decided: Vec<(u32, bool)> = Vec::new();
        let mut own = None;
        for &(m, s) in similar {
            let Some(x) = self.members.get(m) else {
                continue;
            };
            let joinable = match decided.iter().find(|(g, _)| *g == x.group) {
                Some(&(_, joinable)) => joinable,
                None => {
                    let joinable = self.joinable(x.group, me, time_ms, similar, w);
                    decided.push((x.group, joinable));
                    joinable
                }
            };
            if !joinable {
                continue;
            }
            if &*x.article != article {
                return Some((m, s));
            }
            own.get_or_insert((m, s));
        }
        own
    }

    /// Whether a claim may join `group`. A group is the fact its first claim states: join only
    /// where that first claim is similar too (or where most of the group's claims, from at
    /// least two articles, are among `similar`), so that claims about one event do not chain
    /// into one group; and only within the group's story.
    fn joinable(
        &self,
        group: u32,
        me: Features<'_>,
        time_ms: Option<i64>,
        similar: &[(u32, f32)],
        w: &mut Weights<'_>,
    ) -> bool {
        let support = || {
            let arts: FxHashSet<&str> = similar
                .iter()
                .filter_map(|&(m, _)| self.members.get(m))
                .filter(|x| x.group == group)
                .map(|x| &*x.article)
                .collect();
            arts.len()
        };
        self.in_story(group, at(time_ms))
            && (self.root_similarity(group, me, w) >= self.threshold || {
                let n = support();
                n >= 2 && 2 * n >= self.groups.get(group).map_or(0, Vec::len)
            })
    }

    /// The groups other than `group` that claims of other articles than `article` among
    /// `similar` belong to, when they are similar enough to bridge them and the groups state the
    /// same fact (their first claims, `root` for `group`, are similar), sorted.
    pub(super) fn bridged(
        &self,
        article: &str,
        group: u32,
        root: Features<'_>,
        similar: &[(u32, f32)],
        bridge_at: f32,
    ) -> Vec<u32> {
        let mut groups: Vec<u32> = similar
            .iter()
            .filter(|&&(_, s)| s >= bridge_at)
            .filter_map(|&(m, _)| self.members.get(m))
            .filter(|x| &*x.article != article && x.group != group)
            .map(|x| x.group)
            .collect();
        groups.sort_unstable();
        groups.dedup();
        self.weighing(|w| groups.retain(|&g| self.root_similarity(g, root, w) >= self.threshold));
        groups
    }

    /// Similarity of `claim` to the first claim of `group` (0 for an unknown group).
    pub(super) fn root_similarity(
        &self,
        group: u32,
        claim: Features<'_>,
        w: &mut Weights<'_>,
    ) -> f32 {
        self.root(group)
            .and_then(|r| self.members.get(r))
            .map_or(0.0, |r| self.similarity_weighed(r.features(), claim, w))
    }
}
