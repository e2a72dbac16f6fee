//! Claim groups by id and in pages (optionally by claimant and outlet), and the reports that
//! contradict one.

use super::super::claims::{ClaimGroup, Disagreement};
use super::super::error::{Error, Result};
use super::super::paging::{Cursor, Page, PageRequest};
use super::super::{Index, keys, postings};
use std::sync::Arc;

impl Index {
    /// The claim with this id, if any.
    pub fn claim(&self, id: &str) -> Option<Arc<ClaimGroup>> {
        self.inner.claims.get(id).map(|r| Arc::clone(&r))
    }

    /// The claim with this id, or NOT_FOUND.
    pub fn get_claim(&self, id: &str) -> Result<Arc<ClaimGroup>> {
        self.claim(id)
            .ok_or_else(|| Error::not_found(crate::model::resource_name("claims", id)))
    }

    /// Claims ordered by id, optionally by claimant speaker id and outlet.
    pub fn list_claims(
        &self,
        claimant: &str,
        outlet: &str,
        page: &PageRequest,
    ) -> Page<Arc<ClaimGroup>> {
        let mut sets = Vec::new();
        if !claimant.is_empty() {
            sets.push(self.inner.claims_by_claimant.get(&claimant.to_string()));
        }
        if !outlet.is_empty() {
            sets.push(self.inner.claims_by_outlet.get(&keys::outlet_key(outlet)));
        }
        let ids: Vec<String> = match postings::intersect(sets) {
            Some(set) => set.into_iter().collect(),
            None => {
                let after = match &page.cursor {
                    Cursor::After(k) => Some(k.as_str()),
                    Cursor::Start | Cursor::Offset(_) => None,
                };
                self.inner.claim_ids.after(after, page.size + 1)
            }
        };
        let iter = ids
            .into_iter()
            .filter_map(|id| self.claim(&id).map(|c| (id, c)));
        page.keyset(iter, None)
    }

    /// Reports of the same fact elsewhere that contradict this claim's (contradicting words such
    /// as canceled / postponed, different numbers, negation), with the reason in words.
    pub fn claim_disagreements(&self, claim: &ClaimGroup) -> Vec<Disagreement> {
        self.resolved_disagreements(claim)
    }
}
