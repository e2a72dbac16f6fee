//! Appending to published groups in place: the common case of an article adding occurrences to
//! quote and claim groups that already exist, without rebuilding them from all their members.
//! The group is copied only while a reader still holds it (copy on write), and only the posting
//! lists the new occurrences add to are touched. Called only under the writer lock.

use super::attributed::Changes;
use super::claims::ClaimOccurrence;
use super::postings::{HexId, PostingId};
use super::quotes::Occurrence;
use super::quotes::QuoteGroup;
use super::replace::{diff, word_keys};
use super::resolution::{Current, Previous, claim_id};
use super::{Index, keys};
use crate::index::FromArticle;
use crate::model::SpeakerKind;
use crate::resolve::{QuoteView, Resolver};
use std::sync::Arc;

impl Index {
    /// Adds new occurrences to a published quote group in place. Each takes its speaker from
    /// the resolver as it stands; earlier occurrences keep theirs (the caller re-decides the
    /// whole group when [`crate::resolve::reattributes_all`] says so). Returns the group as
    /// published, or `None` when it is not published.
    pub(super) fn append_quote_occurrences(
        &self,
        r: QuoteView<'_>,
        group: u32,
        qid: &str,
        mut occs: Vec<Occurrence>,
    ) -> Option<Arc<QuoteGroup>> {
        let i = &self.inner;
        for o in &mut occs {
            if let Some((sid, method)) = r.quote_speaker(group, o.article(), o.ordinal as usize) {
                o.speaker = Some(self.speaker_slug(sid, None));
                o.speaker_kind = r.speakers.get(sid).map(|s| s.kind);
                o.method = method;
            }
        }
        // what the new occurrences add to the posting lists, taken before they move in
        let speakers: Vec<String> = occs
            .iter()
            .filter_map(|o| o.speaker.as_deref().map(str::to_string))
            .collect();
        let outlets: Vec<String> = occs.iter().map(|o| keys::outlet_key(o.outlet())).collect();
        let named = occs
            .iter()
            .any(|o| o.speaker.is_some() && o.speaker_kind != Some(SpeakerKind::Role));
        let (published, old_words) = {
            let mut entry = i.quotes.get_mut(&HexId::from_id(qid)?)?;
            let g = Arc::make_mut(&mut entry);
            let old_words = self
                .quote_words(r, group, &g.words)
                .map(|w| std::mem::replace(&mut g.words, w));
            for o in occs {
                g.insert(o);
            }
            (Arc::clone(&entry), old_words)
        };
        if let Some(old) = old_words {
            let new = &published.words;
            diff(&i.quote_terms, qid, word_keys(&old), word_keys(new));
            let (os, ns) = (keys::shingles(&old), keys::shingles(new));
            diff(&i.quote_shingles, qid, &os, &ns);
        }
        let mut counts = Changes::default();
        for s in &speakers {
            counts.quote(s, 1);
        }
        counts.apply(&i.attributed);
        for s in speakers {
            i.quotes_by_speaker.add(s, qid);
        }
        for o in outlets {
            i.quotes_by_outlet.add(o, qid);
        }
        if named && !i.conflicts.contains(qid) && published.is_conflict() {
            i.conflicts.insert(qid);
        }
        Some(published)
    }

    /// Adds the current article's new members to a published claim group in place (copying the
    /// group only while a reader still holds it), without rebuilding it from all its members.
    /// False when the group is not published or has changed otherwise (merged, withdrawn): the
    /// caller then rebuilds it with [`Index::publish_claim_group`].
    pub(super) fn append_claim_members(
        &self,
        r: &Resolver,
        group: u32,
        members: &[u32],
        current: &Current<'_>,
    ) -> bool {
        let cid = claim_id(group);
        if r.claims.group(group).is_none() || !self.inner.claims.contains_key(&cid) {
            return false;
        }
        let none = Previous::default();
        let occs: Vec<Arc<ClaimOccurrence>> = members
            .iter()
            .filter_map(|&m| self.claim_occurrence(r, m, r.claim_ref(m)?, &none, Some(current)))
            .collect();
        let i = &self.inner;
        let claimants: Vec<Arc<str>> = occs.iter().filter_map(|o| o.claimant.clone()).collect();
        let (claimant, outlets) = {
            let Some(mut entry) = i.claims.get_mut(&cid) else {
                return false;
            };
            let g = Arc::make_mut(&mut entry);
            let had_claimant = g.claimant.is_some();
            let mut outlets = Vec::new();
            for occ in occs {
                g.claimant = g
                    .claimant
                    .take()
                    .or_else(|| occ.claimant.as_deref().map(str::to_string));
                outlets.push(keys::outlet_key(occ.outlet()));
                g.insert(occ);
            }
            let claimant = if had_claimant {
                None
            } else {
                g.claimant.clone()
            };
            (claimant, outlets)
        };
        let mut counts = Changes::default();
        for c in &claimants {
            counts.claim(c, 1);
        }
        counts.apply(&i.attributed);
        if let Some(c) = claimant {
            i.claims_by_claimant.add(c, &cid);
        }
        for o in outlets {
            i.claims_by_outlet.add(o, &cid);
        }
        true
    }
}
