//! A quote group's speaker and outlet posting keys, sorted and distinct, found without copying a
//! string the group already holds when it can be helped: publishing asks them of every group it
//! replaces.

use super::QuoteGroup;
use crate::index::keys;
use std::sync::Arc;

impl QuoteGroup {
    /// The distinct speaker ids of the occurrences, sorted: the kept ones when a reader asked
    /// for them, else found without keeping them (publishing asks it of every group, most of
    /// which no reader lists by speaker).
    pub(in crate::index) fn speaker_keys(&self) -> Vec<&str> {
        if let Some(ids) = self.summary().speaker_ids.get() {
            return ids.iter().map(|s| &**s).collect();
        }
        let speakers = self.occurrences.iter().filter_map(|o| o.speaker.as_ref());
        let mut keys: Vec<&str> = distinct_copies(speakers)
            .into_iter()
            .map(|s| &**s)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The distinct normalised outlets of the occurrences, sorted.
    pub(in crate::index) fn outlet_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .outlet_copies()
            .into_iter()
            .map(|o| keys::outlet_key(o))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// True when the occurrences of `self` and `other` name the same shared outlet copies: their
    /// [`QuoteGroup::outlet_keys`] are then the same, and need not be made to be compared
    /// (most groups republished gain an occurrence from an outlet they already had).
    pub(in crate::index) fn same_outlet_copies(&self, other: &QuoteGroup) -> bool {
        let (mine, theirs) = (self.outlet_copies(), other.outlet_copies());
        mine.len() == theirs.len() && mine.iter().zip(&theirs).all(|(a, b)| Arc::ptr_eq(a, b))
    }

    /// The distinct outlet copies of the occurrences, by address (each outlet is one shared
    /// copy, see `Index::outlet_name`).
    fn outlet_copies(&self) -> Vec<&Arc<str>> {
        distinct_copies(self.occurrences.iter().map(|o| &o.origin.outlet))
    }
}

/// The distinct shared copies among `strings`, found by address before any string is compared:
/// a large group repeats a few speakers and outlets many times. Copies of equal strings made
/// apart stay apart; callers sort and deduplicate the strings they make of them.
fn distinct_copies<'a>(strings: impl Iterator<Item = &'a Arc<str>>) -> Vec<&'a Arc<str>> {
    let mut copies: Vec<&Arc<str>> = strings.collect();
    copies.sort_unstable_by_key(|a| Arc::as_ptr(a).cast::<u8>());
    copies.dedup_by(|a, b| Arc::ptr_eq(a, b));
    copies
}
