//! A 32-bit summary of the given names a person is known by, filed beside the person's surname
//! so that a newly seen full name passes over, without reading them, the same-surname speakers
//! whose given names can never match its own.
//!
//! Two given names match ([`crate::resolve::names::given_match`]) only when they share a first
//! letter (the same name, an initial, a consonant skeleton), the first letter of their
//! transliteration keys, or a canonical name in the nickname table. Each of those tokens sets one
//! bit, so two names that can match always share a bit. Different tokens may share a bit too: a
//! collision only lets a candidate through to the full comparison, never keeps one out.

use super::record::{Speaker, SpeakerId};
use crate::resolve::names::{PersonName, nickname_canonicals};
use serde::{Deserialize, Serialize};

/// Bit 26: a first character outside a–z (or none).
const OTHER_LETTER: u32 = 1 << 26;
/// Bits 27–30: canonical nickname-table names, hashed.
const NICKNAME_SHIFT: u32 = 27;
/// Bit 31, set only with every other bit: a speaker known by a bare surname only, which every
/// full name may join.
const SURNAME_ONLY: u32 = u32::MAX;

/// A speaker filed under a surname (or a typo neighbour of one), with its given-name mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Filed {
    /// The speaker.
    pub(super) id: SpeakerId,
    /// [`speaker_mask`] of the speaker when last filed.
    pub(super) given: u32,
}

impl Filed {
    /// True when a full name with the given-name mask `query` ([`query_mask`]) may match the
    /// speaker.
    pub(super) fn may_match(self, query: u32) -> bool {
        self.given & query != 0
    }
}

fn letter_bit(word: &str) -> u32 {
    match word.bytes().next() {
        Some(b @ b'a'..=b'z') => 1 << (b - b'a'),
        _ => OTHER_LETTER,
    }
}

fn nickname_bits(word: &str) -> u32 {
    nickname_canonicals(word).iter().fold(0, |bits, canonical| {
        let h = canonical
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
        bits | 1 << (NICKNAME_SHIFT + h % 4)
    })
}

/// The tokens of one given name and its transliteration key.
fn given_bits((given, key): (&str, &str)) -> u32 {
    letter_bit(given) | letter_bit(key) | nickname_bits(given) | nickname_bits(key)
}

/// The mask of a newly seen name's first given name; every bit for a bare surname.
pub(super) fn query_mask(name: &PersonName) -> u32 {
    name.given_with_key(0).map_or(SURNAME_ONLY, given_bits)
}

/// The mask a speaker is filed with: the tokens of the first given name of each of its full
/// names (a full name is only ever compared with full names), or every bit when it is known by a
/// bare surname only.
pub(super) fn speaker_mask(speaker: &Speaker) -> u32 {
    if !speaker.has_given_name() {
        return SURNAME_ONLY;
    }
    speaker
        .person_names()
        .filter_map(|n| n.given_with_key(0))
        .fold(0, |mask, g| mask | given_bits(g))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::names::{given_match, parse_person};

    fn mask(name: &str) -> u32 {
        query_mask(&parse_person(name).expect("a person name"))
    }

    #[test]
    fn names_that_can_match_share_a_bit() {
        for (a, b) in [
            ("Sergey Lavrov", "Sergei Lavrov"),
            ("Wladimir Ushakov", "Vladimir Ushakov"),
            ("Khaled Saeed", "Haled Saeed"),
            ("Mike Waltz", "Michael Waltz"),
            ("Bill Clinton", "William Clinton"),
            ("Peggy Olson", "Margaret Olson"),
            ("J. Smith", "John Smith"),
            ("Mosaad al-Aiban", "Musaed al Alban"),
            ("Élodie Martin", "Elodie Martin"),
        ] {
            let (pa, pb) = (parse_person(a).unwrap(), parse_person(b).unwrap());
            let (ga, gb) = (pa.first().unwrap(), pb.first().unwrap());
            assert!(given_match(ga, gb).is_some(), "{a} / {b} should match");
            assert_ne!(mask(a) & mask(b), 0, "{a} / {b}");
        }
    }

    #[test]
    fn different_first_letters_share_no_bit() {
        for (a, b) in [
            ("Donald Trump", "Lara Trump"),
            ("Anna Petrova", "Olga Petrova"),
        ] {
            assert_eq!(mask(a) & mask(b), 0, "{a} / {b}");
        }
    }

    #[test]
    fn a_bare_surname_matches_every_mask() {
        let filed = Filed {
            id: SpeakerId(1),
            given: mask("Lavrov"),
        };
        assert!(filed.may_match(mask("Sergei Lavrov")) && filed.may_match(mask("Zed Lavrov")));
    }
}
