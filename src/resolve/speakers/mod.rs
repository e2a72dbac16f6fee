//! The speaker registry: one person, organisation or role across articles.
//!
//! Feed it each article's local speakers ([`SpeakerRegistry::add_extraction`]); it merges each
//! into an existing speaker or creates one, keeping aliases with counts, roles, articles and
//! quote counts. Candidates come from hash maps keyed by surname transliteration key, typo
//! neighbourhood, alias and role, never from a scan; a surname's entries carry a summary of the
//! speakers' given names (`given`), so that a full name reads only the speakers it may match. Unnamed roles ("the State Department
//! spokesperson") stay per-article role speakers until [`SpeakerRegistry::set_role_holder`] names
//! the person who holds them.

#[cfg(test)]
mod display_name_tests;
mod filing;
mod given;
mod kept;
#[cfg(test)]
mod lookup_tests;
mod matching;
mod parsed;
mod record;
#[cfg(test)]
mod removal_tests;
mod roles;
#[cfg(test)]
mod tests;

pub use parsed::LocalNames;
pub use record::{ArticleStats, Speaker, SpeakerId, alias_key, person_display_name};
pub use roles::{role_key, roles_overlap};

use crate::model::{Extraction, LocalSpeaker, SpeakerKind};
use crate::resolve::names::parse_person;
use given::Filed;
use kept::{Kept, Strings};
use record::org_key;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// All speakers across all articles, with the hash maps that find merge candidates.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SpeakerRegistry {
    speakers: FxHashMap<SpeakerId, Speaker>,
    next_id: u32,
    aliases: FxHashMap<String, Vec<SpeakerId>>,
    surnames: FxHashMap<String, Vec<Filed>>,
    fuzzy: FxHashMap<String, Vec<Filed>>,
    roles: FxHashMap<String, Vec<SpeakerId>>,
    orgs: FxHashMap<String, SpeakerId>,
    local_roles: FxHashMap<(Arc<str>, String), SpeakerId>,
    by_article: FxHashMap<Arc<str>, Vec<Kept>>,
    /// The kept contributions' names, roles and aliases, one copy each (rebuilt after a snapshot
    /// is decoded: see [`SpeakerRegistry::share_strings`]).
    #[serde(skip)]
    strings: Strings,
    /// Roles whose holder changed since the index last copied it (see
    /// [`SpeakerRegistry::take_unsynced`]).
    unsynced: FxHashSet<SpeakerId>,
}

impl SpeakerRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of live speakers (persons, organisations and roles).
    pub fn len(&self) -> usize {
        self.speakers.len()
    }

    /// True when no speaker is known.
    pub fn is_empty(&self) -> bool {
        self.speakers.is_empty()
    }

    /// The speaker with this id, if it is still live.
    pub fn get(&self, id: SpeakerId) -> Option<&Speaker> {
        self.speakers.get(&id)
    }

    /// Follows a role to the person who holds it; any other id maps to itself.
    pub fn canonical(&self, id: SpeakerId) -> SpeakerId {
        self.speakers.get(&id).and_then(|s| s.held_by).unwrap_or(id)
    }

    /// Adds every local speaker of one article and returns their ids, index for index with
    /// `extraction.speakers`. Quote counts come from `extraction.quotes`. Adding an article id
    /// that is already present replaces it.
    pub fn add_extraction(&mut self, article: &str, extraction: &Extraction) -> Vec<SpeakerId> {
        let names = LocalNames::of_extraction(extraction);
        self.add_prepared(article, extraction, &names)
    }

    /// [`SpeakerRegistry::add_extraction`] with the speakers' names parsed before
    /// ([`LocalNames::of_extraction`] on the same extraction; any speaker without them has
    /// them parsed here).
    pub fn add_prepared(
        &mut self,
        article: &str,
        extraction: &Extraction,
        names: &[LocalNames],
    ) -> Vec<SpeakerId> {
        self.remove_article(article);
        let mut quotes = vec![0u32; extraction.speakers.len()];
        for q in &extraction.quotes {
            if let Some(n) = q.speaker.and_then(|i| quotes.get_mut(i)) {
                *n += 1;
            }
        }
        let article: Arc<str> = Arc::from(article);
        let ids = extraction
            .speakers
            .iter()
            .zip(quotes)
            .enumerate()
            .map(|(i, (local, q))| match names.get(i) {
                Some(names) => self.add_local(&article, local, names, q),
                None => self.add_local(&article, local, &LocalNames::of(local), q),
            })
            .collect();
        // kept for as long as the article is: no spare room
        if let Some(kept) = self.by_article.get_mut(&article) {
            kept.shrink_to_fit();
        }
        ids
    }

    /// Adds one local speaker seen in `article` with `quotes` quotes; merges it into an existing
    /// speaker or creates one, and returns its id.
    pub fn add(&mut self, article: &str, local: &LocalSpeaker, quotes: u32) -> SpeakerId {
        self.add_local(&Arc::from(article), local, &LocalNames::of(local), quotes)
    }

    fn add_local(
        &mut self,
        article: &Arc<str>,
        local: &LocalSpeaker,
        names: &LocalNames,
        quotes: u32,
    ) -> SpeakerId {
        let existing = match local.kind {
            SpeakerKind::Person => match &names.person {
                Some(name) => self.match_person(name, &local.roles),
                None => self
                    .aliases
                    .get(&alias_key(&local.name))
                    .and_then(|v| v.first().copied()),
            },
            SpeakerKind::Organization => self.orgs.get(&org_key(&local.name)).copied(),
            SpeakerKind::Role => self
                .local_roles
                .get(&(article.clone(), role_key(&local.name)))
                .copied(),
        };
        let id = existing.unwrap_or_else(|| {
            let id = SpeakerId(self.next_id);
            self.next_id += 1;
            self.speakers.insert(id, Speaker::new(id, local.kind));
            id
        });
        if local.kind == SpeakerKind::Role {
            self.local_roles
                .insert((article.clone(), role_key(&local.name)), id);
        }
        self.update(id, article, local, &names.names, quotes, true);
        let kept = Kept::new(id, local, quotes, &mut self.strings);
        self.by_article
            .entry(article.clone())
            .or_default()
            .push(kept);
        id
    }

    /// Points every kept contribution at the registry's one copy of each of its strings: a
    /// decoded snapshot holds a copy per contribution.
    pub fn share_strings(&mut self) {
        for kept in self.by_article.values_mut().flatten() {
            kept.share(&mut self.strings);
        }
    }

    /// How many of the kept contributions' strings are not the registry's shared copy, and how
    /// many strings they hold in all (for tests of the sharing).
    #[cfg(test)]
    pub(crate) fn unshared_kept_strings(&self) -> (usize, usize) {
        let kept = self.by_article.values().flatten();
        let all = kept.clone().map(|k| k.unshared(&Strings::default())).sum();
        (kept.map(|k| k.unshared(&self.strings)).sum(), all)
    }

    /// Removes everything `article` contributed; speakers left with no article disappear.
    /// Merges already made stay made. Returns false when the article was unknown.
    pub fn remove_article(&mut self, article: &str) -> bool {
        let Some((article, contributions)) = self.by_article.remove_entry(article) else {
            return false;
        };
        for c in contributions {
            let local = c.local();
            let names = record::contributed_names(&local);
            self.update(c.speaker, &article, &local, &names, c.quotes, false);
            if c.kind == SpeakerKind::Role {
                self.local_roles
                    .remove(&(article.clone(), role_key(&c.name)));
            }
            let empty = self
                .speakers
                .get(&c.speaker)
                .is_some_and(|s| s.articles.is_empty());
            if empty {
                self.set_role_holder(c.speaker, None);
                let holds = self
                    .speakers
                    .get(&c.speaker)
                    .map(|s| s.holds.clone())
                    .unwrap_or_default();
                for role in holds {
                    self.set_role_holder(role, None);
                }
                self.speakers.remove(&c.speaker);
                self.unsynced.remove(&c.speaker);
            }
        }
        true
    }

    /// Records that the unnamed `role` speaker is `holder` (a person), or clears it with `None`.
    /// Returns false when either id is not live or `role` is not a role.
    pub fn set_role_holder(&mut self, role: SpeakerId, holder: Option<SpeakerId>) -> bool {
        let is_role = self
            .speakers
            .get(&role)
            .is_some_and(|s| s.kind == SpeakerKind::Role);
        if !is_role || holder.is_some_and(|h| !self.speakers.contains_key(&h)) {
            return false;
        }
        let old = self
            .speakers
            .get_mut(&role)
            .and_then(|s| std::mem::replace(&mut s.held_by, holder));
        if old != holder {
            self.unsynced.insert(role);
        }
        if let Some(old) = old.and_then(|o| self.speakers.get_mut(&o)) {
            old.holds.retain(|r| *r != role);
        }
        if let Some(h) = holder.and_then(|h| self.speakers.get_mut(&h)) {
            h.holds.push(role);
        }
        true
    }

    /// True, once, for a role whose holder changed since the last call for it: the index keeps
    /// its own copy of who holds each role and re-copies only the roles this says changed.
    pub fn take_unsynced(&mut self, role: SpeakerId) -> bool {
        self.unsynced.remove(&role)
    }

    /// True while a role's holder has changed without [`SpeakerRegistry::take_unsynced`] having
    /// reported it.
    pub fn is_unsynced(&self, role: SpeakerId) -> bool {
        self.unsynced.contains(&role)
    }

    /// Speakers that `text` can name, best first: exact aliases ("Russia's Lavrov"), then people
    /// whose name matches ("Sergei Lavrov", "Lavrov"), then people seen in that role. Roles held
    /// by a known person resolve to that person.
    pub fn lookup(&self, text: &str) -> Vec<SpeakerId> {
        // (tier, id): 0 = alias, 1 = name, 2 = role
        let mut hits: Vec<(u8, SpeakerId)> = Vec::new();
        if let Some(ids) = self.aliases.get(&alias_key(text)) {
            hits.extend(ids.iter().map(|&i| (0, i)));
        }
        if let Some(name) = parse_person(text) {
            let matches = |id: &SpeakerId| {
                self.get(*id).is_some_and(|s| {
                    s.person_names()
                        .filter_map(|o| crate::resolve::names::person_match(&name, o))
                        .any(|e| name.given.is_empty() || e.strength() >= 3)
                })
            };
            let filed = self.surnames.get(name.surname_key()).into_iter().flatten();
            hits.extend(filed.map(|f| f.id).filter(matches).map(|i| (1, i)));
        }
        if let Some(ids) = self.roles.get(&role_key(text)) {
            hits.extend(ids.iter().map(|&i| (2, i)));
        }
        // a named person first (the query is usually a person), then the closer kind of match,
        // then the most mentioned
        let mut ranked: Vec<(bool, u8, u32, SpeakerId)> = hits
            .into_iter()
            .map(|(tier, id)| {
                let id = self.canonical(id);
                let s = self.get(id);
                let person = s.is_some_and(|s| s.kind == SpeakerKind::Person);
                (!person, tier, u32::MAX - s.map_or(0, Speaker::mentions), id)
            })
            .collect();
        ranked.sort();
        let mut seen = FxHashSet::default();
        ranked
            .into_iter()
            .map(|x| x.3)
            .filter(|id| seen.insert(*id))
            .collect()
    }
}
