//! Choosing which existing speaker, if any, a newly seen person is.
//!
//! Rules, in order:
//! - a full name ("Sergei Lavrov") joins the candidate whose names match it with strength 3 or
//!   more (same or transliterated given name, nickname), or strength 1–2 when they also share a
//!   role ("national security adviser": Mosaad al-Aiban / Musaed al Alban); never a candidate
//!   whose given name conflicts (Donald / Lara Trump);
//! - a full name may also take over a surname-only speaker when no full-named speaker carries
//!   that surname;
//! - a bare surname ("Lavrov") joins the only full-named speaker with that surname, or the only
//!   one that also shares a role; when that is ambiguous it joins (or creates) a surname-only
//!   speaker instead;
//! - a bare word that is a known given name ("Michael") joins only a single candidate that shares
//!   a role, since two Michaels must never merge.

use super::SpeakerRegistry;
use super::record::{Speaker, SpeakerId};
use super::roles::roles_overlap;
use crate::model::SpeakerKind;
use crate::resolve::fold::deletions;
use crate::resolve::names::{NameEvidence, PersonName, SurnameMatch, is_given_name, person_match};

/// A candidate with the evidence for it.
struct Scored {
    id: SpeakerId,
    strength: u32,
    shares_role: bool,
    full: bool,
    mentions: u32,
}

fn shares_role(s: &Speaker, roles: &[String]) -> bool {
    roles
        .iter()
        .any(|r| s.roles.keys().any(|sr| roles_overlap(r, sr)))
}

impl SpeakerRegistry {
    /// Person speakers filed under the surname of `name`, or within one typo of it.
    fn surname_candidates(&self, name: &PersonName) -> Vec<SpeakerId> {
        let key = name.surname_key();
        let mut out: Vec<SpeakerId> = self.surnames.get(key).cloned().unwrap_or_default();
        // a typo'd surname can only ever join on a full name (see `NameEvidence::strength`)
        if key.len() >= 5 && !name.given.is_empty() {
            for probe in std::iter::once(key.to_string()).chain(deletions(key)) {
                if let Some(ids) = self.fuzzy.get(&probe) {
                    out.extend(ids);
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    fn score(&self, id: SpeakerId, name: &PersonName, roles: &[String]) -> Option<Scored> {
        let s = self.speakers.get(&id)?;
        if s.kind != SpeakerKind::Person || s.held_by.is_some() {
            return None;
        }
        // the best evidence over all spellings: a name that conflicts with one spelling but
        // matches another ("Mike" vs {"Michael", "Mikhail"}) is still this person; a full name is
        // compared with full names only, so "Lara Trump" never rides on Donald Trump's "Trump"
        let full = s.has_given_name();
        let evidence = s
            .person_names()
            .filter(|o| !(full && !name.given.is_empty() && o.given.is_empty()))
            .filter_map(|other| person_match(name, other))
            .max_by_key(|e| e.strength())?;
        Some(Scored {
            id,
            strength: evidence.strength(),
            // roles only matter for weak evidence and bare surnames; comparing them is the
            // costly part
            shares_role: (evidence.strength() < 3 || name.given.is_empty())
                && shares_role(s, roles),
            full,
            mentions: s.mentions(),
        })
    }

    /// The existing speaker a person named `name` (seen with `roles`) is, or `None` for a new one.
    pub(super) fn match_person(&self, name: &PersonName, roles: &[String]) -> Option<SpeakerId> {
        let scored: Vec<Scored> = self
            .surname_candidates(name)
            .into_iter()
            .filter_map(|id| self.score(id, name, roles))
            .collect();
        let pick = |v: Vec<&Scored>| {
            v.into_iter()
                .max_by_key(|c| {
                    (
                        c.strength,
                        c.shares_role,
                        c.mentions,
                        std::cmp::Reverse(c.id),
                    )
                })
                .map(|c| c.id)
        };
        if !name.given.is_empty() {
            let full: Vec<&Scored> = scored
                .iter()
                .filter(|c| c.full && (c.strength >= 3 || c.strength >= 1 && c.shares_role))
                .collect();
            if !full.is_empty() {
                return pick(full);
            }
            let any_full_same_surname = scored.iter().any(|c| c.full);
            if any_full_same_surname {
                return None;
            }
            return pick(
                scored
                    .iter()
                    .filter(|c| !c.full && c.strength >= 2)
                    .collect(),
            );
        }
        let same_surname: Vec<&Scored> = scored
            .iter()
            .filter(|c| c.strength >= NameEvidence::SurnameOnly(SurnameMatch::Same).strength())
            .collect();
        let full: Vec<&Scored> = same_surname.iter().copied().filter(|c| c.full).collect();
        if is_given_name(&name.surname) {
            let with_role: Vec<&Scored> = same_surname
                .iter()
                .copied()
                .filter(|c| c.shares_role)
                .collect();
            return if with_role.len() == 1 {
                pick(with_role)
            } else {
                None
            };
        }
        if full.len() == 1 {
            return pick(full);
        }
        let with_role: Vec<&Scored> = full.iter().copied().filter(|c| c.shares_role).collect();
        if with_role.len() == 1 {
            return pick(with_role);
        }
        pick(same_surname.into_iter().filter(|c| !c.full).collect())
    }
}
