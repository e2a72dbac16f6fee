//! What a claim group tells a reader: the groups a text resembles, how many independent
//! sources corroborate a group, and where its claims disagree.

use super::content::ClaimContent;
use super::disagree::{self, Disagreement};
use super::grouper::ClaimGrouper;
use super::member::ClaimMember;
use super::similarity::{Features, stem_hashes};
use super::{MAX_DISAGREEMENT_MEMBERS, NEGATION_MIN_SIMILARITY};
use rustc_hash::FxHashSet;

impl ClaimGrouper {
    /// Groups whose claims resemble `text`, with the best similarity, best first.
    pub fn lookup(&self, text: &str) -> Vec<(u32, f32)> {
        let mut seen = FxHashSet::default();
        let content = ClaimContent::of(text);
        let hashes = stem_hashes(&content);
        self.similar(
            Features {
                marks: content.marks(),
                hashes: &hashes,
            },
            None,
        )
        .into_iter()
        .filter(|&(_, s)| s >= self.threshold)
        .filter_map(|(m, s)| Some((self.members.get(m)?.group, s)))
        .filter(|(g, _)| seen.insert(*g))
        .collect()
    }

    /// Number of independent sources among a group's claims: distinct `source_of(article)`
    /// values, where `source_of` maps a syndicated copy to its original's outlet so that copies
    /// of one wire story count once.
    pub fn corroboration(&self, group: u32, source_of: impl Fn(&str) -> String) -> usize {
        let members = self
            .groups
            .get(group)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let sources: FxHashSet<String> = members
            .iter()
            .filter_map(|&m| self.members.get(m))
            .map(|m| source_of(&m.article))
            .collect();
        sources.len()
    }

    /// Pairs of claims in a group, from different articles, that disagree, with the reasons.
    pub fn disagreements(&self, group: u32) -> Vec<Disagreement> {
        let ids = self
            .groups
            .get(group)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let members: Vec<(u32, &ClaimMember)> = ids
            .iter()
            .take(MAX_DISAGREEMENT_MEMBERS)
            .filter_map(|&i| Some((i, self.members.get(i)?)))
            .collect();
        let mut out = Vec::new();
        // the pairs share their stems: one table of weights for all of them
        self.weighing(|w| {
            for (i, &(ia, a)) in members.iter().enumerate() {
                for &(ib, b) in &members[i + 1..] {
                    if a.article == b.article {
                        continue;
                    }
                    let similarity = self.similarity_weighed(a.features(), b.features(), w);
                    let close = similarity >= NEGATION_MIN_SIMILARITY;
                    let reasons = disagree::reasons(a.marks(), b.marks(), close);
                    if !reasons.is_empty() {
                        out.push(Disagreement {
                            a: ia,
                            b: ib,
                            reasons,
                        });
                    }
                }
            }
        });
        out
    }
}
