//! Unnamed roles held by a named person: once another outlet's words show who holds a role
//! ("the State Department spokesperson" is Tammy Bruce), the role's article, aliases and quotes
//! count for that person's record, until the evidence goes.

use super::Index;
use super::contribution::Contribution;
use crate::model::SpeakerKind;
use crate::resolve::Resolver;
use std::collections::BTreeSet;
use std::sync::Arc;

impl Index {
    /// Makes every unnamed role among these quote groups' occurrences count for the person who
    /// holds it (the role's article, aliases and quotes join that person's record), and undoes it
    /// for roles no longer held. `current` is the article being published with its own speaker
    /// ids, which the index does not hold yet.
    pub(super) fn sync_role_holders(
        &self,
        r: &Resolver,
        groups: &[u32],
        current: Option<(&str, &BTreeSet<String>)>,
    ) {
        for &g in groups {
            for o in r.occurrences(g) {
                let (Some(role), SpeakerKind::Role) = (o.speaker, o.speaker_kind) else {
                    continue;
                };
                let Some(role_sid) = self.inner.speaker_slugs.get(&role.0).map(|s| s.to_string())
                else {
                    continue;
                };
                let held_by = r.speakers.get(role).and_then(|s| s.held_by);
                // compared in place, copied only when they differ: a large group's roles are
                // almost all settled, and copying both ids for each of its occurrences was most
                // of the cost
                let change = {
                    let old = self.inner.role_holders.get(&role_sid);
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
                let article = &*o.article;
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
                        self.inner.role_holders.insert(role_sid, h.clone());
                    }
                    None => {
                        self.inner.role_holders.remove(&role_sid);
                    }
                }
            }
        }
    }

    /// Adds one article's contribution to a speaker record (merging with its own, if any).
    fn add_contribution(&self, sid: &str, article: &str, mut part: Contribution) {
        let Some(old) = self.speaker(sid) else { return };
        let mut rec = (*old).clone();
        match rec.contributions_mut().get_mut(article) {
            Some(c) => {
                c.absorb(&part);
                c.shrink_to_fit();
            }
            None => {
                part.shrink_to_fit();
                rec.contributions_mut().insert(article.to_string(), part);
            }
        }
        self.put_speaker(Some(&old), Some(&Arc::new(rec)));
    }

    /// Removes one article's contribution from a speaker record.
    pub(super) fn drop_contribution(&self, sid: &str, article: &str) {
        let Some(old) = self.speaker(sid) else { return };
        let mut rec = (*old).clone();
        if rec.contributions_mut().remove(article).is_none() {
            return;
        }
        let new = (!rec.contributions().is_empty()).then(|| Arc::new(rec));
        if new.is_none() {
            self.free_speaker_id(sid);
        }
        self.put_speaker(Some(&old), new.as_ref());
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
