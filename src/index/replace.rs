//! Publishing: replace one stored value and update every posting list that mentions it, by
//! diffing the old value's keys against the new one's. Called only under the writer lock.

use super::articles::{self, ArticleRecord};
use super::attributed::Changes;
use super::claims::ClaimGroup;
use super::contribution::Contribution;
use super::postings::{HexId, PostingId, Postings};
use super::quotes::QuoteGroup;
use super::speakers::SpeakerRecord;
use super::{Index, keys};
use std::collections::BTreeSet;
use std::hash::Hash;
use std::sync::Arc;

/// Removes `id` from keys only in `old` and adds it to keys only in `new`.
pub(super) fn diff<K: Eq + Hash + Clone + Ord, I: PostingId>(
    p: &Postings<K, I>,
    id: &str,
    old: BTreeSet<K>,
    new: BTreeSet<K>,
) {
    for k in old.difference(&new) {
        p.remove(k, id);
    }
    for k in new.difference(&old) {
        p.add(k.clone(), id);
    }
}

/// The word and shingle posting keys of a group (none for no group).
fn word_keys(g: Option<&QuoteGroup>) -> (BTreeSet<String>, BTreeSet<u64>) {
    match g {
        None => Default::default(),
        Some(g) => (
            g.words.iter().map(|w| w.to_string()).collect(),
            keys::shingles(&g.words).into_iter().collect(),
        ),
    }
}

/// The speaker and outlet posting keys of a group's occurrences (none for no group).
pub(super) fn occurrence_keys(g: Option<&QuoteGroup>) -> (BTreeSet<String>, BTreeSet<String>) {
    g.map(|g| (g.speakers(), g.outlets())).unwrap_or_default()
}

impl Index {
    /// Replaces quote group `old` by `new` (either may be absent).
    pub(super) fn put_quote(&self, old: Option<&QuoteGroup>, new: Option<&Arc<QuoteGroup>>) {
        let i = &self.inner;
        let Some(id) = new
            .map(|g| g.id.clone())
            .or_else(|| old.map(|g| g.id.clone()))
        else {
            return;
        };
        let Some(key) = HexId::of_own(&id) else {
            return;
        };
        if let Some(g) = new {
            i.quotes.insert(key, Arc::clone(g));
            i.quote_ids.insert(&id);
        }
        let new_group = new.map(|g| g.as_ref());
        // most changes add occurrences to a group whose words stay the same
        if old.map(|g| &g.words) != new_group.map(|g| &g.words) {
            let (ow, os) = word_keys(old);
            let (nw, ns) = word_keys(new_group);
            diff(&i.quote_terms, &id, ow, nw);
            diff(&i.quote_shingles, &id, os, ns);
        }
        let (osp, oo) = occurrence_keys(old);
        let (nsp, no) = occurrence_keys(new_group);
        diff(&i.quotes_by_speaker, &id, osp, nsp);
        diff(&i.quotes_by_outlet, &id, oo, no);
        let mut counts = Changes::default();
        counts.quotes(old, -1);
        counts.quotes(new_group, 1);
        counts.apply(&i.attributed);
        if new.is_some_and(|g| g.is_conflict()) {
            i.conflicts.insert(&id);
        } else {
            i.conflicts.remove(&id);
        }
        if new.is_none() {
            i.quote_ids.remove(&id);
            i.quotes.remove(&key);
        }
    }

    /// Replaces claim group `old` by `new` (either may be absent).
    pub(super) fn put_claim(&self, old: Option<&ClaimGroup>, new: Option<&Arc<ClaimGroup>>) {
        let i = &self.inner;
        let Some(id) = new
            .map(|g| g.id.clone())
            .or_else(|| old.map(|g| g.id.clone()))
        else {
            return;
        };
        if let Some(g) = new {
            i.claims.insert(id.clone(), Arc::clone(g));
            i.claim_ids.insert(&id);
        }
        let claimants = |g: Option<&ClaimGroup>| -> BTreeSet<String> {
            g.and_then(|g| g.claimant.clone()).into_iter().collect()
        };
        let outlets = |g: Option<&ClaimGroup>| g.map(ClaimGroup::outlets).unwrap_or_default();
        let newg = new.map(|g| g.as_ref());
        diff(&i.claims_by_claimant, &id, claimants(old), claimants(newg));
        diff(&i.claims_by_outlet, &id, outlets(old), outlets(newg));
        let mut counts = Changes::default();
        counts.claims(old, -1);
        counts.claims(newg, 1);
        counts.apply(&i.attributed);
        if new.is_none() {
            i.claim_ids.remove(&id);
            i.claims.remove(&id);
        }
    }

    /// Replaces speaker `old` by `new` (either may be absent).
    pub(super) fn put_speaker(
        &self,
        old: Option<&SpeakerRecord>,
        new: Option<&Arc<SpeakerRecord>>,
    ) {
        let i = &self.inner;
        let Some(id) = new
            .map(|s| s.id.clone())
            .or_else(|| old.map(|s| s.id.clone()))
        else {
            return;
        };
        if let Some(s) = new {
            i.speakers.insert(id.clone(), Arc::clone(s));
            i.speaker_ids.insert(&id);
        }
        let words =
            |s: Option<&SpeakerRecord>| s.map(SpeakerRecord::alias_words).unwrap_or_default();
        diff(
            &i.speaker_words,
            &id,
            words(old),
            words(new.map(|s| s.as_ref())),
        );
        if new.is_none() {
            i.speaker_ids.remove(&id);
            i.speakers.remove(&id);
        }
    }

    /// Adds one article's contribution to a speaker's record in place (the record is copied only
    /// while a reader still holds it), and posts the words of its name and aliases: adding a
    /// contribution only ever adds alias words.
    pub(super) fn append_contribution(&self, sid: &str, article: &str, c: &Contribution) {
        let i = &self.inner;
        {
            let mut entry = i
                .speakers
                .entry(sid.to_string())
                .or_insert_with(|| Arc::new(SpeakerRecord::new(sid.to_string())));
            let mut c = c.clone();
            c.settle(|s| self.name_string(s));
            Arc::make_mut(&mut entry)
                .contributions_mut()
                .insert(article.to_string(), c);
        }
        i.speaker_ids.insert(sid);
        let words: BTreeSet<String> = c
            .aliases
            .iter()
            .map(|(a, _)| a)
            .chain(std::iter::once(&c.name))
            .flat_map(|a| keys::words(a))
            .collect();
        for w in words {
            i.speaker_words.add(w, sid);
        }
    }

    /// Adds (`new`) or removes (`old`) an article record and its postings.
    pub(super) fn put_article(
        &self,
        old: Option<&ArticleRecord>,
        new: Option<&Arc<ArticleRecord>>,
    ) {
        let i = &self.inner;
        if let Some(r) = new {
            let id = &r.article.id;
            i.articles.insert(id.clone(), Arc::clone(r));
            i.article_ids.insert(id);
            i.articles_by_outlet
                .add(keys::outlet_key(&r.article.meta.outlet), id);
            i.syndication
                .add(r.text_hash, &articles::syndication_key(r.time_ms, id));
        }
        if let Some(r) = old {
            let id = &r.article.id;
            i.syndication
                .remove(&r.text_hash, &articles::syndication_key(r.time_ms, id));
            i.articles_by_outlet
                .remove(&keys::outlet_key(&r.article.meta.outlet), id);
            i.article_ids.remove(id);
            i.articles.remove(id);
        }
    }
}
