//! Speakers across articles: each is the sum of per-article contributions (what each article
//! says about the speaker), so that deleting an article subtracts exactly what it added. How
//! many occurrences name the speaker is kept apart, where occurrences are published (see
//! `attributed`): another outlet's words can name the speaker of an article that did not.

use super::by_article::ByArticle;
use super::contribution::Contribution;
use super::keys;
use crate::model::SpeakerKind;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// One speaker across articles. Published versions are immutable: writers change a private copy
/// (copy on write) through [`SpeakerRecord::contributions_mut`].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SpeakerRecord {
    /// The resource id (`speakers/{id}`).
    pub id: String,
    contributions: ByArticle<Contribution>,
    #[serde(skip)] // derived: recomputed on first use
    derived: Derived,
    #[serde(skip)]
    posted: Posted,
}

/// A hash of the alias words last posted for this very record (see
/// [`SpeakerRecord::posted_words`]); 0 for none. A copy, or any other change to the
/// contributions, forgets it, so it can only ever say that words are posted when they are.
#[derive(Debug, Default)]
struct Posted(u64);

impl Clone for Posted {
    fn clone(&self) -> Self {
        Posted(0)
    }
}

/// What readers derive from all of a speaker's contributions, computed once per version: a
/// prolific speaker has thousands, and every quote naming them shows the display name.
#[derive(Clone, Debug, Default)]
struct Derived(OnceLock<Summary>);

#[derive(Clone, Debug)]
struct Summary {
    display_name: String,
    kind: Option<SpeakerKind>,
    aliases: Vec<(String, u32)>,
    roles: Vec<(String, u32)>,
}

impl PartialEq for SpeakerRecord {
    /// Records are equal when their contributions are (whether or not either was summed up).
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.contributions == other.contributions
    }
}

impl SpeakerRecord {
    /// A record with no contributions yet.
    pub fn new(id: String) -> Self {
        SpeakerRecord {
            id,
            contributions: ByArticle::default(),
            derived: Derived::default(),
            posted: Posted::default(),
        }
    }

    /// Per-article contributions, by article id.
    pub fn contributions(&self) -> &ByArticle<Contribution> {
        &self.contributions
    }

    /// The contributions to change; forgets what was derived from them.
    pub fn contributions_mut(&mut self) -> &mut ByArticle<Contribution> {
        self.derived = Derived::default();
        self.posted = Posted::default();
        &mut self.contributions
    }

    /// Whether the alias words hashing to `hash` (never 0) were the last posted for this record,
    /// since it was made or last copied or changed otherwise.
    pub(super) fn posted_words(&self, hash: u64) -> bool {
        self.posted.0 == hash
    }

    /// Notes that the alias words hashing to `hash` (never 0) are posted for this record: the
    /// caller posts them before its next write.
    pub(super) fn set_posted_words(&mut self, hash: u64) {
        self.posted = Posted(hash);
    }

    fn summary(&self) -> &Summary {
        self.derived.0.get_or_init(|| Summary {
            display_name: self.compute_display_name(),
            kind: self.compute_kind(),
            aliases: self.compute_aliases(),
            roles: self.compute_roles(),
        })
    }

    /// The resource name, `speakers/{id}`.
    pub fn name(&self) -> String {
        crate::model::resource_name("speakers", &self.id)
    }

    /// The fullest, most common spelling: for a person, the spelling with most name words
    /// (titles removed), a full given name over a nickname ("Michael Waltz" over "Mike Waltz"),
    /// then the most frequent; otherwise most words, then most articles, then alphabetical.
    pub fn display_name(&self) -> String {
        self.summary().display_name.clone()
    }

    fn compute_display_name(&self) -> String {
        if self.compute_kind() == Some(SpeakerKind::Person) {
            let mut spellings: BTreeMap<&str, u32> = BTreeMap::new();
            for c in self.contributions.values() {
                *spellings.entry(&*c.name).or_default() += 1;
                for (a, n) in &c.aliases {
                    *spellings.entry(&**a).or_default() += n;
                }
            }
            if let Some(name) = crate::resolve::speakers::person_display_name(spellings) {
                return name;
            }
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for c in self.contributions.values() {
            *counts.entry(&*c.name).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by(|a, b| {
                let wa = a.0.split_whitespace().count();
                let wb = b.0.split_whitespace().count();
                (wa, a.1).cmp(&(wb, b.1)).then(b.0.cmp(a.0))
            })
            .map(|(n, _)| n.to_string())
            .unwrap_or_default()
    }

    /// The most common kind; a role only when no article names a person or organisation.
    pub fn kind(&self) -> Option<SpeakerKind> {
        self.summary().kind
    }

    fn compute_kind(&self) -> Option<SpeakerKind> {
        let kinds: Vec<SpeakerKind> = self.contributions.values().filter_map(|c| c.kind).collect();
        let count = |k| kinds.iter().filter(|&&x| x == k).count();
        let (p, o) = (count(SpeakerKind::Person), count(SpeakerKind::Organization));
        match (p, o, count(SpeakerKind::Role)) {
            (0, 0, 0) => None,
            (0, 0, _) => Some(SpeakerKind::Role),
            (p, o, _) if p >= o => Some(SpeakerKind::Person),
            _ => Some(SpeakerKind::Organization),
        }
    }

    /// Every surface form with its total count, most frequent first.
    pub fn aliases(&self) -> Vec<(String, u32)> {
        self.summary().aliases.clone()
    }

    fn compute_aliases(&self) -> Vec<(String, u32)> {
        let mut sum: BTreeMap<&str, u32> = BTreeMap::new();
        for c in self.contributions.values() {
            for (a, n) in &c.aliases {
                *sum.entry(a).or_default() += n;
            }
            // The article's name is itself a form the speaker goes by.
            sum.entry(&*c.name).or_insert(0);
        }
        let mut out: Vec<(String, u32)> = sum
            .into_iter()
            .map(|(a, n)| (a.to_string(), n.max(1)))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// Roles with the number of articles giving them, most frequent first.
    pub fn roles(&self) -> Vec<(String, u32)> {
        self.summary().roles.clone()
    }

    fn compute_roles(&self) -> Vec<(String, u32)> {
        let mut sum: BTreeMap<&str, u32> = BTreeMap::new();
        for c in self.contributions.values() {
            for r in &c.roles {
                *sum.entry(r).or_default() += 1;
            }
        }
        let mut out: Vec<(String, u32)> =
            sum.into_iter().map(|(r, n)| (r.to_string(), n)).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// The normalised words of every alias and name: the keys of the alias posting list.
    pub fn alias_words(&self) -> BTreeSet<String> {
        self.summary()
            .aliases
            .iter()
            .flat_map(|(a, _)| keys::words(a))
            .collect()
    }

    /// True when one alias (or the display name) contains every word of `query_words`.
    pub fn matches_alias(&self, query_words: &[String]) -> bool {
        self.summary().aliases.iter().any(|(a, _)| {
            let w = keys::words(a);
            query_words.iter().all(|q| w.contains(q))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrib(name: &str, aliases: &[(&str, u32)], kind: SpeakerKind) -> Contribution {
        Contribution {
            name: name.into(),
            kind: Some(kind),
            aliases: aliases.iter().map(|(a, n)| ((*a).into(), *n)).collect(),
            roles: vec!["Foreign Minister".into()],
        }
    }

    #[test]
    fn aggregates_over_articles() {
        let mut s = SpeakerRecord::new("sergey-lavrov".into());
        let p = SpeakerKind::Person;
        s.contributions_mut()
            .insert("a".into(), contrib("Sergey Lavrov", &[("Lavrov", 3)], p));
        s.contributions_mut().insert(
            "b".into(),
            contrib("Sergey Lavrov", &[("Russia's Lavrov", 1)], p),
        );
        s.contributions_mut()
            .insert("c".into(), contrib("Lavrov", &[("Lavrov", 1)], p));
        assert_eq!(s.display_name(), "Sergey Lavrov");
        assert_eq!(s.aliases()[0], ("Lavrov".to_string(), 4));
        assert_eq!(s.roles(), [("Foreign Minister".to_string(), 3)]);
        assert_eq!(s.contributions().len(), 3);
        assert!(s.matches_alias(&keys::words("russia's LAVROV")));
        assert!(!s.matches_alias(&keys::words("Sergey Rubio")));
        assert_eq!(s.kind(), Some(SpeakerKind::Person));
    }

    #[test]
    fn a_change_forgets_what_was_derived() {
        let mut s = SpeakerRecord::new("dana".into());
        let p = SpeakerKind::Person;
        s.contributions_mut()
            .insert("a".into(), contrib("Whitfield", &[], p));
        assert_eq!(s.display_name(), "Whitfield");
        let published = s.clone();
        s.contributions_mut()
            .insert("b".into(), contrib("Dana Whitfield", &[], p));
        assert_eq!(s.display_name(), "Dana Whitfield");
        assert_eq!(
            published.display_name(),
            "Whitfield",
            "the published copy keeps its own"
        );
        assert_ne!(s, published);
    }
}
