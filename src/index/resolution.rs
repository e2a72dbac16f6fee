//! Cross-source resolution behind the index seams: the [`Resolver`] decides which speaker, which
//! quote group and which claim group; this file turns its ids into resource ids and rebuilds
//! the published groups it changes. Called only under the writer lock (except the read-only
//! lookups at the bottom).

use super::claims::{ClaimGroup, ClaimOccurrence, Disagreement};
use super::quotes::QuoteGroup;
use super::{Index, keys};
use crate::model::{Article, AttributionMethod, Extraction};
use crate::resolve::Resolver;
use crate::resolve::speakers::SpeakerId;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// The resource id of a quote group.
pub(super) fn quote_id(group: u32) -> String {
    keys::hash_id(&format!("quote\u{1f}{group}"))
}

/// The resource id of a claim group.
pub(super) fn claim_id(group: u32) -> String {
    keys::hash_id(&format!("claim\u{1f}{group}"))
}

/// The article being published, which the index does not hold yet.
pub(super) struct Current<'a> {
    pub(super) article: &'a Article,
    pub(super) extraction: &'a Extraction,
    pub(super) time_ms: i64,
}

/// `base` with suffix `n` ("base-n"); suffix 1 is the base itself.
fn suffixed(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}-{n}")
    }
}

impl Index {
    /// The resource id of a resolved speaker: readable, from the first name it was seen under
    /// ("sergey-lavrov"), with a numeric suffix when another speaker already has that id.
    /// Assigned under the writer lock; a speaker seen for the first time needs `first_name`.
    /// One copy is kept, and shared by every occurrence that names the speaker.
    pub(super) fn speaker_slug(
        &self,
        id: SpeakerId,
        first_name: Option<&crate::model::LocalSpeaker>,
    ) -> Arc<str> {
        if let Some(slug) = self.inner.speaker_slugs.get(&id.0) {
            return Arc::clone(&slug);
        }
        let base = first_name
            .and_then(keys::speaker_key)
            .unwrap_or_else(|| "speaker".into());
        // the smallest free suffix; every suffix below the hint is known to be taken, so that
        // a name many speakers share ("spokesperson") costs one probe, not one per speaker
        let mut n = self.inner.slug_hints.get(&base).map_or(1, |h| *h);
        let mut slug = suffixed(&base, n);
        while self
            .inner
            .slugs_taken
            .get(&slug)
            .is_some_and(|owner| *owner != id.0)
        {
            n += 1;
            slug = suffixed(&base, n);
        }
        if n > 1 {
            // a name no one else took needs no hint: probing starts at the base itself
            self.inner.slug_hints.insert(base, n + 1);
        }
        let shared: Arc<str> = Arc::from(slug.as_str());
        self.inner.slugs_taken.insert(slug, id.0);
        self.inner.speaker_slugs.insert(id.0, Arc::clone(&shared));
        shared
    }

    /// Forgets that the suffixes from `slug`'s down are taken, for every base name `slug` can
    /// come from (itself, and what precedes a `-N` ending): the slug is free again.
    pub(super) fn slug_freed(&self, slug: &str) {
        let lower = |base: &str, n: u32| {
            if let Some(mut h) = self.inner.slug_hints.get_mut(base) {
                *h = (*h).min(n);
            }
        };
        lower(slug, 1);
        if let Some((base, n)) = slug.rsplit_once('-')
            && let Ok(n) = n.parse::<u32>()
        {
            lower(base, n);
        }
    }

    /// Re-decides the speaker of every occurrence of a quote group from all its occurrences
    /// (an unnamed role is named through shared words) and refreshes its canonical words.
    pub(super) fn resolve_quote_group(&self, r: &Resolver, group: u32, g: &mut QuoteGroup) {
        if let Some(words) = self.quote_words(r, group) {
            g.words = words;
        }
        let speakers = r.quote_speakers(group);
        g.changed();
        for o in &mut g.occurrences {
            match speakers.get(&(&*o.article, o.ordinal as usize)).copied() {
                Some((sid, method)) => {
                    o.speaker = Some(self.speaker_slug(sid, None));
                    o.speaker_kind = r.speakers.get(sid).map(|s| s.kind);
                    o.method = method;
                }
                None if o.method == Some(AttributionMethod::CrossSource) => {
                    // named only through words another article no longer carries
                    o.speaker = None;
                    o.speaker_kind = None;
                    o.method = None;
                }
                None => {}
            }
        }
    }

    /// Publishes (or withdraws) a claim group from the resolver's members. A group made only of
    /// statements (sentences in an outlet's own voice) is published once two articles carry it.
    /// The occurrences the group already published, and those of `reuse` (groups merged into it,
    /// as published before the merge), are kept as they are instead of being built again.
    pub(super) fn publish_claim_group(
        &self,
        r: &Resolver,
        group: u32,
        current: Option<&Current<'_>>,
        reuse: &[Arc<ClaimGroup>],
    ) {
        let cid = claim_id(group);
        let old = self.claim(&cid);
        let members = r.claim_members(group);
        let has_claim = members.iter().any(|(_, m)| m.ordinal.is_some());
        let publish = has_claim || r.claim_articles(group) >= 2;
        let mut new: Option<ClaimGroup> = None;
        if publish {
            let mut g = ClaimGroup {
                id: cid.clone(),
                claimant: None,
                occurrences: Vec::new(),
            };
            // previous occurrences by (article, ordinal): one pass, not a search per member
            // reversed: the first of any duplicate wins, as a search would find it; the group's
            // own occurrences win over the merged groups'
            let prev: HashMap<(&str, u32), &Arc<ClaimOccurrence>> = reuse
                .iter()
                .map(Arc::as_ref)
                .chain(old.as_deref())
                .flat_map(|g| g.occurrences.iter().rev())
                .map(|o| ((&*o.article, o.ordinal), o))
                .collect();
            let mut occs = Vec::with_capacity(members.len());
            for (member, m) in members {
                let Some(occ) = self.claim_occurrence(r, member, m, &prev, current) else {
                    continue;
                };
                g.claimant = g
                    .claimant
                    .or_else(|| occ.claimant.as_deref().map(str::to_string));
                occs.push(occ);
            }
            g.extend(occs);
            new = (!g.occurrences.is_empty()).then_some(g);
        }
        if new.is_some() {
            self.inner.claim_groups.insert(cid.clone(), group);
        } else {
            self.inner.claim_groups.remove(&cid);
        }
        self.put_claim(old.as_deref(), new.map(Arc::new).as_ref());
    }

    /// One claim occurrence, from the article being published or from a stored article.
    pub(super) fn claim_occurrence(
        &self,
        r: &Resolver,
        member: u32,
        m: &crate::resolve::ClaimRef,
        prev: &HashMap<(&str, u32), &Arc<ClaimOccurrence>>,
        current: Option<&Current<'_>>,
    ) -> Option<Arc<ClaimOccurrence>> {
        let ordinal = m
            .ordinal
            .map_or(u32::MAX - member.min(u32::MAX / 2), |o| o as u32);
        if let Some(prev) = prev.get(&(&*m.article, ordinal)) {
            return Some(Arc::clone(prev));
        }
        let claimant = r
            .claims
            .member(member)
            .and_then(|c| c.claimant)
            .map(|s| self.speaker_slug(r.speakers.canonical(s), None));
        // the article is borrowed, never copied: a stored one is held by `stored`
        let stored;
        let (article, time_ms, extracted) = match current {
            Some(c) if c.article.id == *m.article => (
                c.article,
                c.time_ms,
                m.ordinal.and_then(|o| c.extraction.claims.get(o)),
            ),
            _ => {
                stored = self.article(&m.article)?;
                (&stored.article, stored.time_ms, None)
            }
        };
        // the span must fit the text: `text()` relies on it
        article.text.get(m.span.start..m.span.end)?;
        Some(Arc::new(ClaimOccurrence {
            // the resolver's copy of the id: one per article, shared
            article: Arc::clone(&m.article),
            ordinal,
            outlet: self.outlet_name(&article.meta.outlet),
            time_ms,
            span: m.span,
            source: Arc::clone(&article.text),
            cue: extracted
                .as_ref()
                .and_then(|c| c.cue.filter(|s| article.text.get(s.start..s.end).is_some())),
            mention: extracted.as_ref().and_then(|c| {
                c.speaker_mention
                    .filter(|s| article.text.get(s.start..s.end).is_some())
            }),
            claimant,
            method: extracted.as_ref().and_then(|c| c.method),
            confidence: extracted
                .as_ref()
                .map_or(0.5, |c| c.confidence.clamp(0.0, 1.0)),
        }))
    }

    /// Reports in the same claim group that contradict this claim's reports, with the reason.
    pub(super) fn resolved_disagreements(&self, claim: &ClaimGroup) -> Vec<Disagreement> {
        let Some(group) = self.inner.claim_groups.get(&claim.id).map(|g| *g) else {
            return Vec::new();
        };
        let r = self.inner.resolver.read();
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        for d in r.claims.disagreements(group) {
            let Some(m) = r
                .claim_members(group)
                .into_iter()
                .find(|(id, _)| *id == d.b)
                .map(|(_, m)| m.clone())
            else {
                continue;
            };
            let ordinal = m
                .ordinal
                .map_or(u32::MAX - d.b.min(u32::MAX / 2), |o| o as u32);
            let Some(occ) = claim
                .occurrences
                .iter()
                .find(|o| *o.article == *m.article && o.ordinal == ordinal)
            else {
                continue;
            };
            let reason = d
                .reasons
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ");
            if seen.insert((occ.article.clone(), occ.ordinal, reason.clone())) {
                out.push(Disagreement {
                    claim: claim.id.clone(),
                    occurrence: (**occ).clone(),
                    reason,
                });
            }
        }
        out
    }

    /// Speakers an alias names (any spelling, title or possessive), best first.
    pub(super) fn resolved_speakers_by_alias(&self, alias: &str) -> Vec<String> {
        let r = self.inner.resolver.read();
        r.speakers
            .lookup(alias)
            .into_iter()
            .filter_map(|s| self.inner.speaker_slugs.get(&s.0).map(|x| x.to_string()))
            .filter(|id| self.speaker(id).is_some())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LocalSpeaker, SpeakerKind};

    fn named(name: &str) -> LocalSpeaker {
        LocalSpeaker {
            name: name.into(),
            kind: SpeakerKind::Role,
            roles: Vec::new(),
            aliases: Vec::new(),
            mentions: Vec::new(),
        }
    }

    #[test]
    fn speaker_ids_take_the_smallest_free_suffix_even_after_frees() {
        let index = Index::new();
        let spokesperson = named("Spokesperson");
        let id = |k: u32| {
            index
                .speaker_slug(SpeakerId(k), Some(&spokesperson))
                .to_string()
        };
        let first: Vec<String> = (0..5).map(id).collect();
        assert_eq!(
            first,
            [
                "spokesperson",
                "spokesperson-2",
                "spokesperson-3",
                "spokesperson-4",
                "spokesperson-5"
            ]
        );
        assert_eq!(id(2), "spokesperson-3", "fixed at first sight");
        // a name that looks suffixed takes its own slot, and the plain base skips it
        let odd = index.speaker_slug(SpeakerId(50), Some(&named("Spokesperson 6")));
        assert_eq!(&*odd, "spokesperson-6");
        assert_eq!(id(5), "spokesperson-7");
        index.free_speaker_id("spokesperson-3");
        index.free_speaker_id("spokesperson");
        assert_eq!(id(6), "spokesperson", "the freed base first");
        assert_eq!(id(7), "spokesperson-3");
        assert_eq!(id(8), "spokesperson-8");
        index.free_speaker_id("spokesperson-6");
        assert_eq!(id(9), "spokesperson-6", "freed through the other name");
        let again = index.speaker_slug(SpeakerId(51), Some(&named("Spokesperson 6")));
        assert_eq!(&*again, "spokesperson-6-2");
    }
}
