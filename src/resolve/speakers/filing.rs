//! Keeping a speaker filed under the keys that find it as a merge candidate: its aliases,
//! surnames (with their typo neighbours), roles and organisation names.

use super::SpeakerRegistry;
use super::given::{Filed, speaker_mask};
use super::record::{Key, Speaker, SpeakerId, alias_key, org_key};
use super::roles::role_key;
use crate::model::{LocalSpeaker, SpeakerKind};
use crate::resolve::fold::deletions;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Removes the entries `gone` says to from `map[key]`, and the key once it has none.
fn drop_from<T>(map: &mut FxHashMap<String, Vec<T>>, key: &str, gone: impl Fn(&T) -> bool) {
    if let Some(v) = map.get_mut(key) {
        v.retain(|x| !gone(x));
        if v.is_empty() {
            map.remove(key);
        }
    }
}

impl SpeakerRegistry {
    /// Adds (`add`) or subtracts one article's contribution to a speaker, whose names are
    /// `names` (from `contributed_names`), and refiles the speaker under its new keys, when
    /// they can have changed. The one-deletion neighbours of its long surnames, most of its
    /// keys, are worked out only when those surnames changed, or to refile them.
    pub(super) fn update(
        &mut self,
        id: SpeakerId,
        article: &Arc<str>,
        local: &LocalSpeaker,
        names: &[(String, u32)],
        quotes: u32,
        add: bool,
    ) {
        let Some(s) = self.speakers.get_mut(&id) else {
            return;
        };
        if !s.changes_keys(local, names, add) {
            s.apply(article, local, names, quotes, add);
            return;
        }
        let ((before, long_before), given_before) = (s.plain_keys(), speaker_mask(s));
        s.apply(article, local, names, quotes, add);
        let ((after, long_after), given) = (s.plain_keys(), speaker_mask(s));
        let regiven = given != given_before;
        self.refile_all(id, &before, &after, given, regiven);
        if long_before != long_after {
            self.refile_all(
                id,
                &fuzzy(&long_before),
                &fuzzy(&long_after),
                given,
                regiven,
            );
        } else if regiven {
            let same = fuzzy(&long_after);
            self.refile_all(id, &same, &same, given, true);
        }
    }

    /// Moves a speaker from its keys `before` to its keys `after` (both sorted), filed with
    /// given-name mask `given`; the keys in both are refiled when `regiven`.
    fn refile_all(
        &mut self,
        id: SpeakerId,
        before: &[Key],
        after: &[Key],
        given: u32,
        regiven: bool,
    ) {
        for k in before.iter().filter(|k| after.binary_search(k).is_err()) {
            self.unfile(k, id);
        }
        for k in after {
            if before.binary_search(k).is_err() {
                self.file(k, id, given);
            } else if regiven {
                self.refile(k, id, given);
            }
        }
    }

    fn file(&mut self, key: &Key, id: SpeakerId, given: u32) {
        let filed = Filed { id, given };
        match key {
            Key::Alias(k) => self.aliases.entry(k.clone()).or_default().push(id),
            Key::Role(k) => self.roles.entry(k.clone()).or_default().push(id),
            Key::Surname(k) => self.surnames.entry(k.clone()).or_default().push(filed),
            Key::Fuzzy(k) => self.fuzzy.entry(k.clone()).or_default().push(filed),
            Key::Org(k) => {
                self.orgs.entry(k.clone()).or_insert(id);
            }
        }
    }

    /// Files a speaker that stays under a surname key with its new given-name mask.
    fn refile(&mut self, key: &Key, id: SpeakerId, given: u32) {
        let entries = match key {
            Key::Surname(k) => self.surnames.get_mut(k),
            Key::Fuzzy(k) => self.fuzzy.get_mut(k),
            Key::Alias(_) | Key::Role(_) | Key::Org(_) => None,
        };
        for f in entries.into_iter().flatten().filter(|f| f.id == id) {
            f.given = given;
        }
    }

    fn unfile(&mut self, key: &Key, id: SpeakerId) {
        match key {
            Key::Alias(k) => drop_from(&mut self.aliases, k, |x| *x == id),
            Key::Role(k) => drop_from(&mut self.roles, k, |x| *x == id),
            Key::Surname(k) => drop_from(&mut self.surnames, k, |f| f.id == id),
            Key::Fuzzy(k) => drop_from(&mut self.fuzzy, k, |f| f.id == id),
            Key::Org(k) => {
                if self.orgs.get(k) == Some(&id) {
                    self.orgs.remove(k);
                }
            }
        }
    }
}

impl Speaker {
    /// The keys the speaker should be filed under right now but for the fuzzy ones, sorted,
    /// and the long surname keys (five bytes or more, sorted) its fuzzy keys come from.
    fn plain_keys(&self) -> (Vec<Key>, Vec<String>) {
        let mut keys: Vec<Key> = self
            .aliases
            .keys()
            .map(|a| Key::Alias(alias_key(a)))
            .collect();
        keys.extend(self.names.keys().map(|a| Key::Alias(alias_key(a))));
        let mut long = Vec::new();
        match self.kind {
            SpeakerKind::Person => {
                for name in self.person_names() {
                    let k = name.surname_key().to_string();
                    if k.len() >= 5 {
                        long.push(k.clone());
                    }
                    keys.push(Key::Surname(k));
                }
                keys.extend(self.roles.keys().map(|r| Key::Role(role_key(r))));
            }
            SpeakerKind::Organization => {
                keys.extend(self.names.keys().map(|n| Key::Org(org_key(n))))
            }
            SpeakerKind::Role => {}
        }
        keys.retain(|k| !matches!(k, Key::Alias(s) | Key::Role(s) | Key::Org(s) if s.is_empty()));
        keys.sort();
        keys.dedup();
        long.sort();
        long.dedup();
        (keys, long)
    }

    /// Every key the speaker should be filed under right now, sorted.
    #[cfg(test)]
    pub(super) fn keys(&self) -> Vec<Key> {
        let (mut keys, long) = self.plain_keys();
        keys.extend(fuzzy(&long));
        keys.sort();
        keys
    }
}

/// The fuzzy keys of long surname keys `long`: each key and its one-deletion neighbours,
/// sorted, without duplicates.
fn fuzzy(long: &[String]) -> Vec<Key> {
    let mut keys: Vec<Key> = long
        .iter()
        .flat_map(|k| deletions(k).into_iter().chain([k.clone()]))
        .map(Key::Fuzzy)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}
