//! The article's speakers while it is published: the resource id of each extracted speaker, and
//! what the article says about each distinct one (name, kind, aliases, roles), added to the
//! speakers' records once the article's quotes and claims are published. (How many occurrences
//! name a speaker is counted where occurrences are published: see `index::attributed`.)

use super::super::Index;
use super::super::contribution::Contribution;
use crate::model::Extraction;
use crate::resolve::speakers::SpeakerId;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The article's speakers as the resolver identified them, and what the article says about each.
pub(super) struct ArticleSpeakers {
    /// The resource id of each extracted speaker, index for index.
    ids: Vec<Option<Arc<str>>>,
    /// One contribution per distinct speaker id.
    contributions: BTreeMap<String, Contribution>,
}

impl ArticleSpeakers {
    /// The resource id of extracted speaker `i`, if any.
    pub(super) fn of(&self, i: Option<usize>) -> Option<Arc<str>> {
        i.and_then(|i| self.ids.get(i).cloned().flatten())
    }

    /// The distinct speaker ids, in order, as the article record lists them.
    pub(super) fn into_ids(self) -> Vec<String> {
        self.contributions.into_keys().collect()
    }
}

impl Index {
    /// The article's speakers (`ids`: their registry ids, index for index with the extraction's):
    /// each extracted speaker's resource id (fixed at first sight), and
    /// one contribution per distinct id, with the fullest name the article gives, the kind, the
    /// aliases and the roles.
    pub(super) fn collect_speakers(
        &self,
        ids: &[SpeakerId],
        extraction: &Extraction,
    ) -> ArticleSpeakers {
        let local_ids: Vec<Option<Arc<str>>> = ids
            .iter()
            .zip(&extraction.speakers)
            .map(|(&s, ls)| Some(self.speaker_slug(s, Some(ls))))
            .collect();
        let mut contributions: BTreeMap<String, Contribution> = BTreeMap::new();
        for (ls, sid) in extraction.speakers.iter().zip(&local_ids) {
            let Some(sid) = sid else { continue };
            let c = contributions.entry(sid.to_string()).or_default();
            if ls.name.split_whitespace().count() >= c.name.split_whitespace().count() {
                c.name = Arc::from(ls.name.as_str());
            }
            c.kind = c.kind.or(Some(ls.kind));
            for (alias, n) in &ls.aliases {
                c.add_alias(alias, *n);
            }
            for role in &ls.roles {
                c.add_role(role);
            }
        }
        ArticleSpeakers {
            ids: local_ids,
            contributions,
        }
    }

    /// Adds the article's contributions to its speakers' records, then re-decides who holds the
    /// roles in the quote groups the resolver re-attributed. Called with no resolver guard held:
    /// it takes a read guard of its own for the role holders.
    pub(super) fn publish_speakers(
        &self,
        id: &str,
        speakers: &ArticleSpeakers,
        holders_changed: &[(SpeakerId, Arc<str>)],
    ) {
        let contributions = &speakers.contributions;
        for (sid, contribution) in contributions {
            self.append_contribution(sid, id, contribution);
        }
        let own: BTreeSet<String> = contributions.keys().cloned().collect();
        self.sync_role_holders(
            &self.inner.resolver.read(),
            holders_changed,
            Some((id, &own)),
        );
    }
}
