//! How a posting list holds the resource ids it lists: as given, or as the number a
//! sixteen-hex-digit id spells.

use super::buckets::Spread;
use super::posting_set::PostingSet;
use std::hash::Hash;

/// How a posting list holds resource ids: as given (`String`), or more compactly ([`HexId`]).
/// Ids go in and come out as strings; the order of the held form is the order of the strings.
pub(super) trait PostingId: Spread + Hash {
    /// The held form of `id`; `None` when `id` cannot be held this way.
    fn from_id(id: &str) -> Option<Self>;
    /// The id as a string.
    fn to_id(&self) -> String;
    /// Adds `id` to `set`. An id the held form cannot take is a caller bug: it is left out
    /// (and trips a debug assertion) rather than stored wrongly.
    fn add_to(set: &mut PostingSet<Self>, id: &str);
    /// Whether `set` holds `id`.
    fn is_in(set: &PostingSet<Self>, id: &str) -> bool;
}

impl PostingId for String {
    fn from_id(id: &str) -> Option<Self> {
        Some(id.to_owned())
    }

    fn to_id(&self) -> String {
        self.clone()
    }

    fn add_to(set: &mut PostingSet<Self>, id: &str) {
        // most adds of a string id repeat one already there: no copy made for those
        if !set.contains_str(id) {
            set.insert(id.to_owned());
        }
    }

    fn is_in(set: &PostingSet<Self>, id: &str) -> bool {
        set.contains_str(id)
    }
}

/// An id made of 16 lowercase hexadecimal digits (quote and claim ids, see
/// [`super::keys::hash_id`]) held as its value: 8 bytes instead of a heap string, compared as a
/// number, in the same order as the string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct HexId(pub(super) u64);

impl HexId {
    /// The held form of an id the index made itself (a caller bug, tripping a debug
    /// assertion, when it is not 16 hex digits). Ids from clients go through
    /// [`PostingId::from_id`].
    pub(super) fn of_own(id: &str) -> Option<HexId> {
        let held = HexId::from_id(id);
        debug_assert!(held.is_some(), "id {id:?} is not 16 hex digits");
        held
    }
}

impl Spread for HexId {
    // quote and claim ids are hashes
    const SPREAD: bool = true;

    fn bits(&self) -> u64 {
        self.0
    }
}

impl PostingId for HexId {
    fn from_id(id: &str) -> Option<Self> {
        if id.len() != 16 {
            return None;
        }
        // checked and read in one pass: lower-case hex digits only
        id.bytes()
            .try_fold(0u64, |n, b| {
                let digit = match b {
                    b'0'..=b'9' => b - b'0',
                    b'a'..=b'f' => b - b'a' + 10,
                    _ => return None,
                };
                Some(n << 4 | u64::from(digit))
            })
            .map(HexId)
    }

    fn to_id(&self) -> String {
        super::keys::hex_id(self.0)
    }

    fn add_to(set: &mut PostingSet<Self>, id: &str) {
        // a number costs nothing to make: one search, by the insert itself
        if let Some(held) = HexId::of_own(id) {
            set.insert(held);
        }
    }

    fn is_in(set: &PostingSet<Self>, id: &str) -> bool {
        HexId::from_id(id).is_some_and(|held| set.contains(&held))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Ids of sixteen lower-case hex digits are held as their number, and nothing else is.
        #[test]
        fn hex_ids_are_sixteen_lower_case_hex_digits(
            id in proptest::prop_oneof!["[0-9a-f]{16}", "[0-9a-fA-Fg ]{14,17}"],
        ) {
            let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
            let want = (id.len() == 16 && id.bytes().all(hex))
                .then(|| u64::from_str_radix(&id, 16).ok())
                .flatten();
            proptest::prop_assert_eq!(HexId::from_id(&id).map(|h| h.0), want);
            if let Some(n) = want {
                proptest::prop_assert_eq!(HexId(n).to_id(), id);
            }
        }
    }

    #[test]
    fn an_id_is_held_only_as_sixteen_lower_case_hex_digits() {
        assert_eq!(
            HexId::from_id("0123456789abcdef").map(|h| h.0),
            Some(0x0123_4567_89ab_cdef)
        );
        for id in [
            "0123456789ABCDEF",
            "0123456789abcdeg",
            "0123456789abcde",
            "0123456789abcdef0",
            "+123456789abcdef",
            "",
        ] {
            assert_eq!(HexId::from_id(id), None, "{id:?}");
        }
    }
}
