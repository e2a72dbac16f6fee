//! Self-check of the derived lookup structures: every posting list holds exactly the keys its
//! values derive (no stale entry, no missing one), and the conflict set exactly the conflicts.

use super::super::Index;
use super::super::keys;
use super::super::postings::{PostingId, Postings};
use std::collections::BTreeSet;
use std::fmt::Debug;
use std::hash::Hash;

impl Index {
    /// Every posting list holds exactly the keys its values derive, and the conflict set lists
    /// exactly the quotes whose occurrences name more than one speaker.
    pub(super) fn check_postings(&self, bad: &mut Vec<String>) {
        let i = &self.inner;
        let quote = |id: &str| self.quote(id);
        let claim = |id: &str| self.claim(id);
        // every id of each kind, in no order
        let quote_ids: Vec<String> = i.quotes.iter().map(|e| e.id.clone()).collect();
        let claim_ids: Vec<String> = i.claims.iter().map(|e| e.key().clone()).collect();
        let speaker_ids: Vec<String> = i.speakers.iter().map(|e| e.key().clone()).collect();
        let article_ids: Vec<String> = i.articles.iter().map(|e| e.key().clone()).collect();
        check(bad, "quote_terms", &i.quote_terms, &quote_ids, |id| {
            quote(id).map(|g| g.words.iter().map(|w| w.to_string()).collect())
        });
        check(bad, "quote_shingles", &i.quote_shingles, &quote_ids, |id| {
            quote(id).map(|g| keys::shingles(&g.words).into_iter().collect())
        });
        check(
            bad,
            "quotes_by_speaker",
            &i.quotes_by_speaker,
            &quote_ids,
            |id| quote(id).map(|g| g.speakers()),
        );
        check(
            bad,
            "quotes_by_outlet",
            &i.quotes_by_outlet,
            &quote_ids,
            |id| quote(id).map(|g| g.outlets()),
        );
        check(
            bad,
            "claims_by_claimant",
            &i.claims_by_claimant,
            &claim_ids,
            |id| claim(id).map(|g| g.claimant.iter().cloned().collect()),
        );
        check(
            bad,
            "claims_by_outlet",
            &i.claims_by_outlet,
            &claim_ids,
            |id| claim(id).map(|g| g.outlets()),
        );
        check(bad, "speaker_words", &i.speaker_words, &speaker_ids, |id| {
            self.speaker(id).map(|s| s.alias_words())
        });
        check(
            bad,
            "articles_by_outlet",
            &i.articles_by_outlet,
            &article_ids,
            |id| {
                self.article(id)
                    .map(|r| BTreeSet::from([keys::outlet_key(&r.article.meta.outlet)]))
            },
        );
        let conflicts: BTreeSet<String> = i.conflicts.after(None, usize::MAX).into_iter().collect();
        for g in i.quotes.iter() {
            if g.is_conflict() != conflicts.contains(&g.id) {
                bad.push(format!(
                    "quotes/{}: conflict flag disagrees with its speakers",
                    g.id
                ));
            }
        }
        for id in conflicts.iter().filter(|id| self.quote(id).is_none()) {
            bad.push(format!("conflicts: lists missing quotes/{id}"));
        }
    }
}

/// Postings must hold exactly the keys each value derives (`expected`): no stale entry, no
/// missing one.
fn check<K, I: PostingId>(
    bad: &mut Vec<String>,
    name: &str,
    postings: &Postings<K, I>,
    values: &[String],
    expected: impl Fn(&str) -> Option<BTreeSet<K>>,
) where
    K: Eq + Hash + Clone + Ord + Debug,
{
    postings.for_each(|key, ids| {
        for id in ids {
            if !expected(&id).is_some_and(|keys| keys.contains(key)) {
                bad.push(format!("{name}[{key:?}]: stale entry {id}"));
            }
        }
    });
    for id in values {
        for key in expected(id).unwrap_or_default() {
            if !postings.get(&key).contains(id) {
                bad.push(format!("{name}[{key:?}]: missing {id}"));
            }
        }
    }
}
