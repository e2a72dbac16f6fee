//! Unnamed roles held by a named person: once another outlet's words show who holds a role
//! ("the State Department spokesperson" is Tammy Bruce), the role's article, aliases and quotes
//! count for that person's record, until the evidence goes.

use super::Index;
use super::contribution::Contribution;
use super::keys;
use crate::resolve::Resolver;
use crate::resolve::speakers::SpeakerId;
use std::collections::BTreeSet;
use std::sync::Arc;

impl Index {
    /// Makes each of these unnamed roles (with its article, from
    /// [`Resolver::unsynced_roles`]) count for the person who now holds it (the role's article,
    /// aliases and quotes join that person's record), and undoes it for a role no longer held.
    /// `current` is the article being published with its own speaker ids, which the index does
    /// not hold yet.
    pub(super) fn sync_role_holders(
        &self,
        r: &Resolver,
        roles: &[(SpeakerId, Arc<str>)],
        current: Option<(&str, &BTreeSet<String>)>,
    ) {
        for (role, article) in roles {
            // the shared id, not a copy: most roles need no string of their own
            let Some(role_sid) = self
                .inner
                .speaker_slugs
                .get(&role.0)
                .map(|s| Arc::clone(&s))
            else {
                continue;
            };
            let held_by = r.speakers.get(*role).and_then(|s| s.held_by);
            let change = {
                let old = self.inner.role_holders.get(&*role_sid);
                let holder = held_by.and_then(|h| self.inner.speaker_slugs.get(&h.0));
                let same = match (&old, &holder) {
                    (Some(o), Some(h)) => o.as_str() == &***h,
                    (old, holder) => old.is_none() && holder.is_none(),
                };
                (!same).then(|| (old.map(|o| o.clone()), holder.map(|h| h.to_string())))
            };
            let Some((old, holder)) = change else {
                continue;
            };
            let article = &**article;
            let own = |sid: &str| match current {
                Some((a, own)) if a == article => own.contains(sid),
                _ => self
                    .article(article)
                    .is_some_and(|rec| rec.speakers.iter().any(|s| s == sid)),
            };
            if let Some(h) = &old
                && !own(h)
            {
                self.drop_contribution(h, article);
            }
            match &holder {
                Some(h) => {
                    let role_part = self
                        .speaker(&role_sid)
                        .and_then(|s| s.contributions().get(article).cloned());
                    if let Some(part) = role_part {
                        self.add_contribution(h, article, part);
                    }
                    self.inner
                        .role_holders
                        .insert(role_sid.to_string(), h.clone());
                }
                None => {
                    self.inner.role_holders.remove(&*role_sid);
                }
            }
        }
    }

    /// Adds one article's contribution to a speaker record (merging with its own, if any), in
    /// place: the record is copied only while a reader still holds it, and only the words the
    /// part adds are posted (adding a contribution never takes an alias word away).
    fn add_contribution(&self, sid: &str, article: &str, mut part: Contribution) {
        let i = &self.inner;
        let words = {
            let Some(mut entry) = i.speakers.get_mut(sid) else {
                return;
            };
            let rec = Arc::make_mut(&mut entry);
            match rec.contributions_mut().get_mut(article) {
                Some(c) => {
                    // the article's own name for the speaker stays: only the aliases are new
                    let words = contribution_words(&part, false);
                    c.absorb(&part);
                    c.settle(|s| self.name_string(s));
                    words
                }
                None => {
                    let words = contribution_words(&part, true);
                    part.settle(|s| self.name_string(s));
                    rec.contributions_mut().insert(article.to_string(), part);
                    words
                }
            }
        };
        for w in words {
            i.speaker_words.add(w, sid);
        }
    }

    /// Removes one article's contribution from a speaker record, in place (see
    /// [`Index::add_contribution`]); unposts the words no other contribution still gives, and
    /// drops the record when it was the last.
    pub(super) fn drop_contribution(&self, sid: &str, article: &str) {
        let i = &self.inner;
        let (gone, empty) = {
            let Some(mut entry) = i.speakers.get_mut(sid) else {
                return;
            };
            // a record without the article is left as it is, not copied
            if !entry.contributions().contains_key(article) {
                return;
            }
            let rec = Arc::make_mut(&mut entry);
            let Some(removed) = rec.contributions_mut().remove(article) else {
                return;
            };
            let mut gone = contribution_words(&removed, true);
            // one pass over the others, ending as soon as every word is still given
            for c in rec.contributions().values() {
                if gone.is_empty() {
                    break;
                }
                for form in c.aliases.iter().map(|(a, _)| a).chain([&c.name]) {
                    keys::for_each_word(form, |w| {
                        gone.remove(w);
                    });
                }
            }
            (gone, rec.contributions().is_empty())
        };
        if empty {
            self.free_speaker_id(sid);
            i.speaker_ids.remove(sid);
            i.speakers.remove(sid);
        }
        for w in &gone {
            i.speaker_words.remove(w, sid);
        }
    }

    /// Frees the readable id of a speaker that no article mentions any more, so that the same
    /// person ingested again gets the same id back.
    pub(super) fn free_speaker_id(&self, sid: &str) {
        if let Some((slug, owner)) = self.inner.slugs_taken.remove(sid) {
            self.inner.speaker_slugs.remove(&owner);
            self.slug_freed(&slug);
        }
    }
}

/// The normalised words a contribution posts for its speaker: those of its aliases, and of its
/// name when `with_name` (see [`crate::index::speakers::SpeakerRecord::alias_words`]).
fn contribution_words(c: &Contribution, with_name: bool) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    let name = with_name.then_some(&c.name);
    for form in c.aliases.iter().map(|(a, _)| a).chain(name) {
        keys::for_each_word(form, |w| {
            if !words.contains(w) {
                words.insert(w.to_string());
            }
        });
    }
    words
}
