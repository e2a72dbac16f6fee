//! Keeping a speaker filed under the keys that find it as a merge candidate: its aliases,
//! surnames (with their typo neighbours), roles and organisation names.

use super::SpeakerRegistry;
use super::given::{Filed, speaker_mask};
use super::record::{Key, SpeakerId};
use crate::model::LocalSpeaker;
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
    /// they can have changed.
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
        let (before, given_before) = (s.keys(), speaker_mask(s));
        s.apply(article, local, names, quotes, add);
        let (after, given) = (s.keys(), speaker_mask(s));
        for k in before.iter().filter(|k| after.binary_search(k).is_err()) {
            self.unfile(k, id);
        }
        for k in &after {
            if before.binary_search(k).is_err() {
                self.file(k, id, given);
            } else if given != given_before {
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
