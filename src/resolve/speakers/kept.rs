//! What one article contributed to one speaker, kept so that removing the article subtracts
//! exactly that again: the local speaker's name, kind, roles and aliases (not its mention
//! spans), and its quote count. The registry keeps one for every article and speaker, and the
//! same names recur across thousands of articles: the strings are the registry's shared copies.

use super::SpeakerId;
use crate::model::{LocalSpeaker, SpeakerKind};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One article's contribution to one speaker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct Kept {
    /// The speaker it went to.
    pub(super) speaker: SpeakerId,
    /// The local speaker's name.
    pub(super) name: Arc<str>,
    /// The local speaker's kind.
    pub(super) kind: SpeakerKind,
    roles: Box<[Arc<str>]>,
    aliases: Box<[(Arc<str>, u32)]>,
    /// Quotes the article attributes to it.
    pub(super) quotes: u32,
}

impl Kept {
    /// What `local` contributed to `speaker`, its strings taken from `strings`.
    pub(super) fn new(
        speaker: SpeakerId,
        local: &LocalSpeaker,
        quotes: u32,
        strings: &mut Strings,
    ) -> Self {
        Kept {
            speaker,
            name: strings.get(&local.name),
            kind: local.kind,
            roles: local.roles.iter().map(|r| strings.get(r)).collect(),
            aliases: local
                .aliases
                .iter()
                .map(|(a, n)| (strings.get(a), *n))
                .collect(),
            quotes,
        }
    }

    /// The local speaker again, as removal subtracts it (without mention spans, which adding
    /// did not count).
    pub(super) fn local(&self) -> LocalSpeaker {
        LocalSpeaker {
            name: self.name.to_string(),
            kind: self.kind,
            roles: self.roles.iter().map(|r| r.to_string()).collect(),
            aliases: self
                .aliases
                .iter()
                .map(|(a, n)| (a.to_string(), *n))
                .collect(),
            mentions: Vec::new(),
        }
    }

    /// Its strings that are not the copy `strings` holds (for tests of the sharing).
    #[cfg(test)]
    pub(super) fn unshared(&self, strings: &Strings) -> usize {
        let held = |x: &Arc<str>| strings.0.get(&**x).is_some_and(|h| Arc::ptr_eq(h, x));
        std::iter::once(&self.name)
            .chain(self.roles.iter())
            .chain(self.aliases.iter().map(|(a, _)| a))
            .filter(|x| !held(x))
            .count()
    }

    /// Swaps its strings for the copies `strings` holds (after a snapshot is decoded, each
    /// string is a copy of its own).
    pub(super) fn share(&mut self, strings: &mut Strings) {
        self.name = strings.get(&self.name);
        for r in self.roles.iter_mut() {
            *r = strings.get(r);
        }
        for (a, _) in self.aliases.iter_mut() {
            *a = strings.get(a);
        }
    }
}

/// One shared copy of each name, role and alias kept. Never shrinks: bounded by the names seen.
#[derive(Debug, Default)]
pub(super) struct Strings(FxHashSet<Arc<str>>);

impl Strings {
    /// The shared copy of `s`, added if there is none.
    pub(super) fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(held) = self.0.get(s) {
            return Arc::clone(held);
        }
        let fresh: Arc<str> = Arc::from(s);
        self.0.insert(Arc::clone(&fresh));
        fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_contributions_share_strings_and_give_the_local_speaker_back() {
        let local = LocalSpeaker {
            name: "Sergey Lavrov".into(),
            kind: SpeakerKind::Person,
            roles: vec!["Foreign Minister".into()],
            aliases: vec![("Lavrov".into(), 2), ("Sergey Lavrov".into(), 1)],
            mentions: vec![crate::model::Span::new(0, 6)],
        };
        let mut strings = Strings::default();
        let a = Kept::new(SpeakerId(1), &local, 3, &mut strings);
        let b = Kept::new(SpeakerId(1), &local, 0, &mut strings);
        assert!(Arc::ptr_eq(&a.name, &b.name));
        assert!(
            Arc::ptr_eq(&a.name, &a.aliases[1].0),
            "name and alias share"
        );
        let back = a.local();
        assert_eq!(
            (back.name.as_str(), back.roles.clone(), back.aliases.clone()),
            ("Sergey Lavrov", local.roles.clone(), local.aliases.clone())
        );
        assert!(back.mentions.is_empty());
        let mut c: Kept = postcard::from_bytes(&postcard::to_allocvec(&a).unwrap()).unwrap();
        assert!(!Arc::ptr_eq(&c.name, &a.name), "decoded strings are copies");
        c.share(&mut strings);
        assert!(Arc::ptr_eq(&c.name, &a.name) && Arc::ptr_eq(&c.roles[0], &a.roles[0]));
    }
}
