//! Cross-source resolution behind the index seams: the [`Resolver`] decides which speaker, which
//! quote group and which claim group; this file turns its ids into resource ids (speakers get
//! theirs in `slugs.rs`) and rebuilds the published groups it changes. Called only under the
//! writer lock (except the read-only lookups at the bottom).

use super::claims::{ClaimGroup, ClaimOccurrence, Disagreement};
use super::origin::{FromArticle, Origin};
use super::quotes::QuoteGroup;
use super::{Index, keys};
use crate::model::{Article, AttributionMethod, Extraction, Span, Span32};
use crate::resolve::{QuoteView, Resolver};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The resource id of a quote group.
pub(super) fn quote_id(group: u32) -> String {
    keys::hex_id(quote_key(group).0)
}

/// The held form of [`quote_id`], made without a string: a lookup that matches many groups asks
/// the index for each by it.
pub(super) fn quote_key(group: u32) -> super::postings::HexId {
    use std::io::Write;
    // "quote", the unit separator and the group's decimal digits: at most 16 bytes
    let mut key = [0u8; 16];
    key[..6].copy_from_slice(b"quote\x1f");
    let mut digits = &mut key[6..];
    let room = digits.len();
    // ten digits at most always fit in the ten bytes left
    let written = match write!(digits, "{group}") {
        Ok(()) => room - digits.len(),
        Err(_) => 0,
    };
    super::postings::HexId(xxhash_rust::xxh3::xxh3_64(&key[..6 + written]))
}

/// The resource id of a claim group.
pub(super) fn claim_id(group: u32) -> String {
    keys::hash_id(&format!("claim\u{1f}{group}"))
}

/// The article being published, which the index does not hold yet.
pub(super) struct Current<'a> {
    pub(super) article: &'a Article,
    pub(super) extraction: &'a Extraction,
    /// What its occurrences share: id, outlet, text and time.
    pub(super) origin: &'a Arc<Origin>,
}

/// A claim group's occurrences as published before, by (article, ordinal): kept as they are
/// when the group is built again. Hashed with FxHash: a merge into a large group keys every one
/// of its occurrences, and SipHash was most of that cost.
pub(super) type Previous<'a> = FxHashMap<(&'a str, u32), &'a Arc<ClaimOccurrence>>;

impl Index {
    /// Re-decides the speaker of every occurrence of a quote group from all its occurrences
    /// (an unnamed role is named through shared words) and refreshes its canonical words.
    pub(super) fn resolve_quote_group(&self, r: QuoteView<'_>, group: u32, g: &mut QuoteGroup) {
        if let Some(words) = self.quote_words(r, group, &g.words) {
            g.words = words;
        }
        let speakers = r.quote_speakers(group);
        g.changed();
        for o in &mut g.occurrences {
            match speakers.get(&(o.article(), o.ordinal as usize)).copied() {
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
            let mut prev: Previous<'_> = FxHashMap::default();
            prev.reserve(
                reuse
                    .iter()
                    .chain(old.as_ref())
                    .map(|g| g.occurrences.len())
                    .sum(),
            );
            prev.extend(
                reuse
                    .iter()
                    .map(Arc::as_ref)
                    .chain(old.as_deref())
                    .flat_map(|g| g.occurrences.iter().rev())
                    .map(|o| ((o.article(), o.ordinal), o)),
            );
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
        m: crate::resolve::ClaimRef<'_>,
        prev: &Previous<'_>,
        current: Option<&Current<'_>>,
    ) -> Option<Arc<ClaimOccurrence>> {
        let ordinal = m
            .ordinal
            .map_or(u32::MAX - member.min(u32::MAX / 2), |o| o as u32);
        if let Some(prev) = prev.get(&(&**m.article, ordinal)) {
            return Some(Arc::clone(prev));
        }
        let claimant = r
            .claims
            .member(member)
            .and_then(|c| c.claimant)
            .map(|s| self.speaker_slug(r.speakers.canonical(s), None));
        // the article is borrowed, never copied: a stored one is held by `stored`
        let stored;
        let (article, origin, extracted) = match current {
            Some(c) if *c.article.id == **m.article => (
                c.article,
                c.origin,
                m.ordinal.and_then(|o| c.extraction.claims.get(o)),
            ),
            _ => {
                stored = self.article(m.article)?;
                (&stored.article, &stored.origin, None)
            }
        };
        // the span must fit the text: `text()` relies on it
        article.text.get(m.span.start..m.span.end)?;
        let fits = |s: Span| article.text.get(s.start..s.end).and(Span32::of(s));
        Some(Arc::new(ClaimOccurrence {
            origin: Arc::clone(origin),
            ordinal,
            span: Span32::of(m.span)?,
            cue: extracted.as_ref().and_then(|c| c.cue.and_then(fits)),
            mention: extracted
                .as_ref()
                .and_then(|c| c.speaker_mention.and_then(fits)),
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
                .map(|(_, m)| m)
            else {
                continue;
            };
            let ordinal = m
                .ordinal
                .map_or(u32::MAX - d.b.min(u32::MAX / 2), |o| o as u32);
            let Some(occ) = claim
                .occurrences
                .iter()
                .find(|o| *o.article() == **m.article && o.ordinal == ordinal)
            else {
                continue;
            };
            let reason = d
                .reasons
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ");
            if seen.insert((Arc::clone(&occ.origin.id), occ.ordinal, reason.clone())) {
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

    #[test]
    fn a_quote_key_is_the_hash_of_its_id_string() {
        for group in [0, 1, 9, 10, 12_345, u32::MAX] {
            let id = keys::hash_id(&format!("quote\u{1f}{group}"));
            assert_eq!(quote_id(group), id, "group {group}");
            assert_eq!(keys::hex_id(quote_key(group).0), id, "group {group}");
        }
    }
}
