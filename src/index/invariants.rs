//! Self-check of the index: every cross-reference resolves, every count agrees with a recount,
//! and every posting list matches the values it indexes. Used by tests (stress, durability) and
//! available to operators; it walks everything, so it is not for serving paths. The posting-list
//! checks are in `postings`.

mod postings;

use super::Index;
use super::postings::OrderedIds;
use crate::model::SpeakerKind;
use crate::resolve::speakers::SpeakerId;
use std::collections::{BTreeMap, BTreeSet};

impl Index {
    /// Checks the invariants under the writer lock (so no ingest or delete is half-published)
    /// and returns a description of every violation; empty means the index is consistent.
    pub fn check_invariants(&self) -> Vec<String> {
        let _writer = self.inner.writer.lock();
        let mut bad = Vec::new();
        self.check_id_sets(&mut bad);
        self.check_articles(&mut bad);
        self.check_groups(&mut bad);
        self.check_role_holders(&mut bad);
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
                i.quotes.iter().map(|e| e.id.clone()).collect(),
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

    /// Who holds each unnamed role is what the resolver says, except for roles whose change
    /// the resolver has not reported yet; and only roles are held.
    fn check_role_holders(&self, bad: &mut Vec<String>) {
        let i = &self.inner;
        let r = i.resolver.read();
        for entry in i.speaker_slugs.iter() {
            let (id, sid) = (SpeakerId(*entry.key()), entry.value());
            let Some(s) = r.speakers.get(id) else {
                continue;
            };
            let holder = i.role_holders.get(&**sid).map(|h| h.clone());
            if s.kind != SpeakerKind::Role {
                if let Some(h) = holder {
                    bad.push(format!("speakers/{sid} is not a role but is held by {h}"));
                }
                continue;
            }
            let expected = s
                .held_by
                .and_then(|h| i.speaker_slugs.get(&h.0).map(|h| h.to_string()));
            if holder != expected && !r.speakers.is_unsynced(id) {
                bad.push(format!(
                    "role speakers/{sid}: held by {holder:?}, the resolver says {expected:?}"
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
}

#[cfg(test)]
mod tests;
