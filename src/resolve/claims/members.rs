//! The grouper's claims by id. Ids are handed out in order, so claims live in a vector indexed
//! by id (a removed claim leaves an empty slot): a lookup is an index, not a hash.

use super::grouper::ClaimMember;
use serde::{Deserialize, Serialize};

/// Claims by id.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Members {
    slots: Vec<Option<ClaimMember>>,
    live: usize,
}

impl Members {
    /// A claim by id.
    pub(super) fn get(&self, id: u32) -> Option<&ClaimMember> {
        self.slots.get(id as usize)?.as_ref()
    }

    /// A claim by id, to change.
    pub(super) fn get_mut(&mut self, id: u32) -> Option<&mut ClaimMember> {
        self.slots.get_mut(id as usize)?.as_mut()
    }

    /// Stores a claim under `id` (replacing any claim there).
    pub(super) fn insert(&mut self, id: u32, member: ClaimMember) {
        let i = id as usize;
        if self.slots.len() <= i {
            self.slots.resize_with(i + 1, || None);
        }
        if let Some(slot) = self.slots.get_mut(i)
            && slot.replace(member).is_none()
        {
            self.live += 1;
        }
    }

    /// Takes a claim out.
    pub(super) fn remove(&mut self, id: u32) -> Option<ClaimMember> {
        let m = self.slots.get_mut(id as usize)?.take();
        if m.is_some() {
            self.live -= 1;
        }
        m
    }

    /// Number of claims stored.
    pub(super) fn len(&self) -> usize {
        self.live
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::claims::ClaimContent;

    fn member(text: &str) -> ClaimMember {
        ClaimMember {
            article: text.into(),
            claimant: None,
            content: ClaimContent::of(text),
            group: 0,
            time_ms: None,
            stem_hashes: Vec::new(),
        }
    }

    #[test]
    fn slots_by_id_count_the_live_ones() {
        let mut m = Members::default();
        m.insert(0, member("one"));
        m.insert(3, member("three"));
        assert_eq!(m.len(), 2);
        assert!(m.get(1).is_none() && m.get(7).is_none());
        assert_eq!(m.get(3).map(|x| &*x.article), Some("three"));
        m.insert(3, member("again"));
        assert_eq!(m.len(), 2, "replacing does not add");
        assert!(m.remove(3).is_some() && m.remove(3).is_none());
        assert_eq!(m.len(), 1);
        if let Some(x) = m.get_mut(0) {
            x.group = 9;
        }
        assert_eq!(m.get(0).map(|x| x.group), Some(9));
    }
}
