//! Self-check of the index: every cross-reference resolves, every count agrees with a recount,
//! and every posting list matches the values it indexes. Used by tests (stress, durability) and
//! available to operators; it walks everything, so it is not for serving paths.

use super::Index;
use super::keys;
use super::postings::{OrderedIds, PostingId, Postings};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::hash::Hash;

impl Index {
    /// Checks the invariants under the writer lock (so no ingest or delete is half-published)
    /// and returns a description of every violation; empty means the index is consistent.
    pub fn check_invariants(&self) -> Vec<String> {
        let _writer = self.inner.writer.lock();
        let mut bad = Vec::new();
        self.check_id_sets(&mut bad);
        self.check_articles(&mut bad);
        self.check_groups(&mut bad);
        self.check_postings(&mut bad);
        bad
    }

    fn check_id_sets(&self, bad: &mut Vec<String>) {
        let i = &self.inner;
        let sets: [(&str, &OrderedIds, BTreeSet<String>); 4] = [
            (
                "article",
                &i.article_ids,
                i.articles.iter().map(|e| e.key().clone()).collect(),
            ),
            (
                "quote",
                &i.quote_ids,
                i.quotes.iter().map(|e| e.key().clone()).collect(),
            ),
            (
                "speaker",
                &i.speaker_ids,
                i.speakers.iter().map(|e| e.key().clone()).collect(),
            ),
            (
                "claim",
                &i.claim_ids,
                i.claims.iter().map(|e| e.key().clone()).collect(),
            ),
        ];
        for (what, ordered, keys) in sets {
            let listed: BTreeSet<String> = ordered.after(None, usize::MAX).into_iter().collect();
            if listed != keys {
                let missing: Vec<_> = keys.difference(&listed).take(5).collect();
                let extra: Vec<_> = listed.difference(&keys).take(5).collect();
                bad.push(format!(
                    "{what} ids: unlisted {missing:?}, listed but absent {extra:?}"
                ));
            }
        }
    }

    /// Each article's references resolve to groups holding its occurrences, and each speaker's
    /// per-article quote and claim counts equal a recount of those occurrences.
    fn check_articles(&self, bad: &mut Vec<String>) {
        for entry in self.inner.articles.iter() {
            let (id, record) = (entry.key(), entry.value());
            let mut quotes_by: BTreeMap<String, u32> = BTreeMap::new();
            let mut claims_by: BTreeMap<String, u32> = BTreeMap::new();
            for (ordinal, qid) in &record.quotes {
                let found = self.quote(qid).and_then(|g| {
                    g.occurrences
                        .iter()
                        .find(|o| *o.article == **id && o.ordinal == *ordinal)
                        .cloned()
                });
                match found {
                    Some(o) => {
                        if let Some(s) = o.speaker {
                            *quotes_by.entry(s.to_string()).or_default() += 1;
                        }
                    }
                    None => bad.push(format!(
                        "articles/{id} quote #{ordinal}: not in quotes/{qid}"
                    )),
                }
            }
            for (ordinal, cid) in &record.claims {
                let found = self.claim(cid).and_then(|g| {
                    g.occurrences
                        .iter()
                        .find(|o| *o.article == **id && o.ordinal == *ordinal)
                        .cloned()
                });
                match found {
                    Some(o) => {
                        if let Some(s) = &o.claimant {
                            *claims_by.entry(s.to_string()).or_default() += 1;
                        }
                    }
                    None => bad.push(format!(
                        "articles/{id} claim #{ordinal}: not in claims/{cid}"
                    )),
                }
            }
            for sid in &record.speakers {
                let Some(c) = self
                    .speaker(sid)
                    .and_then(|s| s.contributions().get(id).cloned())
                else {
                    bad.push(format!(
                        "articles/{id}: speakers/{sid} has no contribution from it"
                    ));
                    continue;
                };
                let (q, cl) = (
                    quotes_by.remove(sid).unwrap_or(0),
                    claims_by.remove(sid).unwrap_or(0),
                );
                if (c.quotes, c.claims) != (q, cl) {
                    bad.push(format!(
                        "speakers/{sid} in articles/{id}: counts {}/{} quotes/claims, recount {q}/{cl}",
                        c.quotes, c.claims
                    ));
                }
            }
            for sid in quotes_by.keys().chain(claims_by.keys()) {
                bad.push(format!(
                    "articles/{id}: speaker {sid} attributed but not listed"
                ));
            }
        }
    }

    /// Every occurrence's article exists and carries it; no group is empty; every speaker's
    /// contributions come from existing articles that list the speaker.
    fn check_groups(&self, bad: &mut Vec<String>) {
        for g in self.inner.quotes.iter() {
            if g.occurrences.is_empty() {
                bad.push(format!("quotes/{}: no occurrences", g.id));
            }
            for o in &g.occurrences {
                match self.article(&o.article) {
                    None => bad.push(format!(
                        "quotes/{}: occurrence in missing articles/{}",
                        g.id, o.article
                    )),
                    Some(r) => {
                        if !r.quotes.contains(&(o.ordinal, g.id.clone())) {
                            bad.push(format!(
                                "quotes/{}: articles/{} does not list it",
                                g.id, o.article
                            ));
                        }
                        if o.span.slice(&r.article.text) != o.text() {
                            bad.push(format!(
                                "quotes/{}: span {:?} does not slice to its text",
                                g.id, o.span
                            ));
                        }
                    }
                }
            }
        }
        for g in self.inner.claims.iter() {
            if g.occurrences.is_empty() {
                bad.push(format!("claims/{}: no occurrences", g.id));
            }
            for o in &g.occurrences {
                match self.article(&o.article) {
                    None => bad.push(format!(
                        "claims/{}: occurrence in missing articles/{}",
                        g.id, o.article
                    )),
                    // An occurrence is an extracted claim (listed with its ordinal) or one of the
                    // outlet's own statements (listed only through the article's claim groups).
                    Some(r)
                        if !r.claims.contains(&(o.ordinal, g.id.clone()))
                            && !r
                                .claim_groups
                                .iter()
                                .any(|&n| super::resolution::claim_id(n) == g.id) =>
                    {
                        bad.push(format!(
                            "claims/{}: articles/{} does not list it",
                            g.id, o.article
                        ));
                    }
                    Some(r) if o.span.slice(&r.article.text) != o.text() || o.text().is_empty() => {
                        bad.push(format!(
                            "claims/{}: span {:?} does not slice to its text",
                            g.id, o.span
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
        for s in self.inner.speakers.iter() {
            if s.contributions().is_empty() {
                bad.push(format!("speakers/{}: no contributions", s.id));
            }
            for article in s.contributions().keys() {
                if !self
                    .article(article)
                    .is_some_and(|r| r.speakers.contains(&s.id))
                {
                    bad.push(format!(
                        "speakers/{}: contribution from missing or unlinked articles/{article}",
                        s.id
                    ));
                }
            }
        }
    }

    fn check_postings(&self, bad: &mut Vec<String>) {
        let i = &self.inner;
        let quote = |id: &str| self.quote(id);
        let claim = |id: &str| self.claim(id);
        check(bad, "quote_terms", &i.quote_terms, &i.quotes, |id| {
            quote(id).map(|g| g.words.iter().map(|w| w.to_string()).collect())
        });
        check(bad, "quote_shingles", &i.quote_shingles, &i.quotes, |id| {
            quote(id).map(|g| keys::shingles(&g.words).into_iter().collect())
        });
        check(
            bad,
            "quotes_by_speaker",
            &i.quotes_by_speaker,
            &i.quotes,
            |id| quote(id).map(|g| g.speakers()),
        );
        check(
            bad,
            "quotes_by_outlet",
            &i.quotes_by_outlet,
            &i.quotes,
            |id| quote(id).map(|g| g.outlets()),
        );
        check(
            bad,
            "claims_by_claimant",
            &i.claims_by_claimant,
            &i.claims,
            |id| claim(id).map(|g| g.claimant.iter().cloned().collect()),
        );
        check(
            bad,
            "claims_by_outlet",
            &i.claims_by_outlet,
            &i.claims,
            |id| claim(id).map(|g| g.outlets()),
        );
        check(bad, "speaker_words", &i.speaker_words, &i.speakers, |id| {
            self.speaker(id).map(|s| s.alias_words())
        });
        check(
            bad,
            "articles_by_outlet",
            &i.articles_by_outlet,
            &i.articles,
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
fn check<K, V, I: PostingId>(
    bad: &mut Vec<String>,
    name: &str,
    postings: &Postings<K, I>,
    values: &dashmap::DashMap<String, V>,
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
    for entry in values.iter() {
        for key in expected(entry.key()).unwrap_or_default() {
            if !postings.get(&key).contains(entry.key()) {
                bad.push(format!("{name}[{key:?}]: missing {}", entry.key()));
            }
        }
    }
}

#[cfg(test)]
mod tests;
