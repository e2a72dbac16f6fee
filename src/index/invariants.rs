//! Self-check of the index: every cross-reference resolves, every count agrees with a recount,
//! and every posting list matches the values it indexes. Used by tests (stress, durability) and
//! available to operators; it walks everything, so it is not for serving paths. The posting-list
//! checks are in `postings`.

mod postings;

use super::{Attributed, Index};
use crate::index::FromArticle;
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
        self.check_attributed(&mut bad);
        self.check_groups(&mut bad);
        self.check_role_holders(&mut bad);
        self.check_postings(&mut bad);
        bad
    }

    fn check_id_sets(&self, bad: &mut Vec<String>) {
        let i = &self.inner;
        let all = |ids: Vec<String>| -> BTreeSet<String> { ids.into_iter().collect() };
        let sets: [(&str, BTreeSet<String>, BTreeSet<String>); 4] = [
            (
                "article",
                all(i.article_ids.after(None, usize::MAX)),
                i.articles.iter().map(|e| e.key().clone()).collect(),
            ),
            (
                "quote",
                all(i.quote_ids.after(None, usize::MAX)),
                i.quotes.iter().map(|e| e.id.clone()).collect(),
            ),
            (
                "speaker",
                all(i.speaker_ids.after(None, usize::MAX)),
                i.speakers.iter().map(|e| e.key().clone()).collect(),
            ),
            (
                "claim",
                all(i.claim_ids.after(None, usize::MAX)),
                i.claims.iter().map(|e| e.key().clone()).collect(),
            ),
        ];
        for (what, listed, keys) in sets {
            if listed != keys {
                let missing: Vec<_> = keys.difference(&listed).take(5).collect();
                let extra: Vec<_> = listed.difference(&keys).take(5).collect();
                bad.push(format!(
                    "{what} ids: unlisted {missing:?}, listed but absent {extra:?}"
                ));
            }
        }
    }

    /// Each article's references resolve to groups holding its occurrences, and each speaker
    /// it lists has a contribution from it.
    fn check_articles(&self, bad: &mut Vec<String>) {
        for entry in self.inner.articles.iter() {
            let (id, record) = (entry.key(), entry.value());
            for (ordinal, qid) in &record.quotes {
                let found = self.quote(qid).is_some_and(|g| {
                    g.occurrences
                        .iter()
                        .any(|o| *o.article() == **id && o.ordinal == *ordinal)
                });
                if !found {
                    bad.push(format!(
                        "articles/{id} quote #{ordinal}: not in quotes/{qid}"
                    ));
                }
            }
            for (ordinal, cid) in &record.claims {
                let found = self.claim(cid).is_some_and(|g| {
                    g.occurrences
                        .iter()
                        .any(|o| *o.article() == **id && o.ordinal == *ordinal)
                });
                if !found {
                    bad.push(format!(
                        "articles/{id} claim #{ordinal}: not in claims/{cid}"
                    ));
                }
            }
            for sid in &record.speakers {
                if !self
                    .speaker(sid)
                    .is_some_and(|s| s.contributions().contains_key(id))
                {
                    bad.push(format!(
                        "articles/{id}: speakers/{sid} has no contribution from it"
                    ));
                }
            }
        }
    }

    /// Each speaker's quote and claim counts equal a recount of the published occurrences that
    /// name the speaker, and every speaker an occurrence names has a record.
    fn check_attributed(&self, bad: &mut Vec<String>) {
        let mut recount: BTreeMap<String, Attributed> = BTreeMap::new();
        for g in self.inner.quotes.iter() {
            for s in g.occurrences.iter().filter_map(|o| o.speaker.as_deref()) {
                recount.entry(s.to_string()).or_default().quotes += 1;
            }
        }
        for g in self.inner.claims.iter() {
            for s in g.occurrences.iter().filter_map(|o| o.claimant.as_deref()) {
                recount.entry(s.to_string()).or_default().claims += 1;
            }
        }
        for (sid, counted) in &recount {
            if self.speaker(sid).is_none() {
                bad.push(format!("speakers/{sid}: named by occurrences but absent"));
            }
            let kept = self.attributed(sid);
            if kept != *counted {
                bad.push(format!(
                    "speakers/{sid}: counts {}/{} quotes/claims, recount {}/{}",
                    kept.quotes, kept.claims, counted.quotes, counted.claims
                ));
            }
        }
        for e in self.inner.attributed.iter() {
            if !recount.contains_key(e.key()) {
                bad.push(format!(
                    "speakers/{}: counts {}/{} quotes/claims, recount none",
                    e.key(),
                    e.quotes,
                    e.claims
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
                match self.article(o.article()) {
                    None => bad.push(format!(
                        "quotes/{}: occurrence in missing articles/{}",
                        g.id,
                        o.article()
                    )),
                    Some(r) => {
                        if !r.quotes.contains(&(o.ordinal, g.id.clone())) {
                            bad.push(format!(
                                "quotes/{}: articles/{} does not list it",
                                g.id,
                                o.article()
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
                match self.article(o.article()) {
                    None => bad.push(format!(
                        "claims/{}: occurrence in missing articles/{}",
                        g.id,
                        o.article()
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
                            g.id,
                            o.article()
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
                // listed by the article, or holding a role the article lists
                let linked = self.article(article).is_some_and(|r| {
                    r.speakers.iter().any(|sid| {
                        *sid == s.id || self.inner.role_holders.get(sid).is_some_and(|h| *h == s.id)
                    })
                });
                if !linked {
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
