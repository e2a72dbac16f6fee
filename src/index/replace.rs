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
use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::hash::Hash;
use std::sync::Arc;

/// Removes `id` from keys only in `old` and adds it to keys only in `new`. Both must be sorted
/// and distinct; they are walked side by side, and a key is copied only to add it.
pub(super) fn diff<'k, K, Q, I>(
    p: &Postings<K, I>,
    id: &str,
    old: impl IntoIterator<Item = &'k Q>,
    new: impl IntoIterator<Item = &'k Q>,
) where
    K: Eq + Hash + Clone + Borrow<Q>,
    Q: Ord + Hash + Eq + ToOwned<Owned = K> + ?Sized + 'k,
    I: PostingId,
{
    let (mut old, mut new) = (old.into_iter().peekable(), new.into_iter().peekable());
    loop {
        let order = match (old.peek(), new.peek()) {
            (None, None) => return,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(o), Some(n)) => o.cmp(n),
        };
        match order {
            Ordering::Less => old.next().into_iter().for_each(|k| p.remove(k, id)),
            Ordering::Greater => new.next().into_iter().for_each(|k| p.add_key(k, id)),
            Ordering::Equal => {
                old.next();
                new.next();
            }
        }
    }
}

/// The distinct words of a group's wording, sorted, borrowed from it.
pub(super) fn word_keys(words: &[Arc<str>]) -> Vec<&str> {
    let mut keys: Vec<&str> = words.iter().map(|w| &**w).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// A group's words (none for no group).
fn words_of(g: Option<&QuoteGroup>) -> &[Arc<str>] {
    g.map_or(&[], |g| &g.words)
}

/// The speaker and outlet posting keys of a group's occurrences, sorted and distinct (none for
/// no group).
pub(super) fn occurrence_keys(g: Option<&QuoteGroup>) -> (Vec<&str>, Vec<String>) {
    g.map_or_else(Default::default, |g| (g.speaker_keys(), g.outlet_keys()))
}

/// A hash of a set of words, never 0 (see [`SpeakerRecord::posted_words`]).
fn words_hash(words: &BTreeSet<String>) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for w in words {
        h.update(w.as_bytes());
        h.update(&[0]);
    }
    h.digest() | 1
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
            // `old` is the group stored under the id, so the id is listed when there is one
            if old.is_none() {
                i.quote_ids.insert(&id);
            }
        }
        let new_group = new.map(|g| g.as_ref());
        // most changes add occurrences to a group whose words stay the same
        if old.map(|g| &g.words) != new_group.map(|g| &g.words) {
            let (ow, nw) = (words_of(old), words_of(new_group));
            diff(&i.quote_terms, &id, word_keys(ow), word_keys(nw));
            let (os, ns) = (keys::shingles(ow), keys::shingles(nw));
            diff(&i.quote_shingles, &id, &os, &ns);
        }
        let (os, ns) = (
            old.map(QuoteGroup::speaker_keys),
            new_group.map(QuoteGroup::speaker_keys),
        );
        diff(
            &i.quotes_by_speaker,
            &id,
            os.unwrap_or_default(),
            ns.unwrap_or_default(),
        );
        // the outlets' keys are made only when the outlets may have changed
        if !matches!((old, new_group), (Some(o), Some(n)) if o.same_outlet_copies(n)) {
            let outlets = |g: Option<&QuoteGroup>| g.map_or_else(Vec::new, QuoteGroup::outlet_keys);
            diff(&i.quotes_by_outlet, &id, &outlets(old), &outlets(new_group));
        }
        let mut counts = Changes::default();
        counts.quotes(old, -1);
        counts.quotes(new_group, 1);
        counts.apply(&i.attributed);
        // a new group is not listed yet; a look-up costs less than a write lock
        let conflict = new.is_some_and(|g| g.is_conflict());
        if conflict != (old.is_some() && i.conflicts.contains(&id)) {
            if conflict {
                i.conflicts.insert(&id);
            } else {
                i.conflicts.remove(&id);
            }
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
        let (oc, nc) = (claimants(old), claimants(newg));
        diff(&i.claims_by_claimant, &id, &oc, &nc);
        let (oo, no) = (outlets(old), outlets(newg));
        diff(&i.claims_by_outlet, &id, &oo, &no);
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
        let (ow, nw) = (words(old), words(new.map(|s| s.as_ref())));
        diff(&i.speaker_words, &id, &ow, &nw);
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
        let words: BTreeSet<String> = c
            .aliases
            .iter()
            .map(|(a, _)| a)
            .chain(std::iter::once(&c.name))
            .flat_map(|a| keys::words(a))
            .collect();
        // most contributions repeat the names the record's last one posted
        let hash = words_hash(&words);
        let (created, posted) = {
            let mut created = false;
            let mut entry = i.speakers.entry(sid.to_string()).or_insert_with(|| {
                created = true;
                Arc::new(SpeakerRecord::new(sid.to_string()))
            });
            let mut c = c.clone();
            c.settle(|s| self.name_string(s));
            let record = Arc::make_mut(&mut entry);
            let posted = record.posted_words(hash);
            record.contributions_mut().insert(article.to_string(), c);
            record.set_posted_words(hash);
            (created, posted)
        };
        if created {
            i.speaker_ids.insert(sid);
        }
        if !posted {
            for w in words {
                i.speaker_words.add(w, sid);
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::collection::btree_set;

    proptest::proptest! {
        /// Walking the two sorted key lists side by side leaves the id under exactly the new
        /// keys, whatever they share with the old, and leaves other ids alone.
        #[test]
        fn diff_leaves_the_id_under_exactly_the_new_keys(
            old in btree_set(0u8..24, 0..12),
            new in btree_set(0u8..24, 0..12),
            other in btree_set(0u8..24, 0..12),
        ) {
            let key = |k: &u8| format!("k{k:02}");
            let p: Postings<String> = Postings::default();
            for k in &old {
                p.add(key(k), "q");
            }
            for k in &other {
                p.add(key(k), "r");
            }
            let (o, n): (Vec<String>, Vec<String>) =
                (old.iter().map(key).collect(), new.iter().map(key).collect());
            diff(&p, "q", o.iter().map(String::as_str), n.iter().map(String::as_str));
            for k in 0..24u8 {
                let ids = p.get(&key(&k));
                proptest::prop_assert_eq!(ids.contains("q"), new.contains(&k), "key {}", k);
                proptest::prop_assert_eq!(ids.contains("r"), other.contains(&k), "key {}", k);
            }
            let held = new.union(&other).count();
            proptest::prop_assert_eq!(p.keys(), held, "a key left empty is dropped");
        }
    }
}
