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
use super::given::{Filed, query_mask};
use super::record::{Speaker, SpeakerId};
use super::roles::roles_overlap;
use crate::model::SpeakerKind;
use crate::resolve::fold::deletions;
use crate::resolve::names::{PersonName, is_given_name, person_match};

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

/// How well the person speaker `s` (of id `id`) fits the full name `name`, or `None` when no
/// spelling of it can be that person.
fn score(id: SpeakerId, s: &Speaker, name: &PersonName, roles: &[String]) -> Option<Scored> {
    // the best evidence over all spellings: a name that conflicts with one spelling but
    // matches another ("Mike" vs {"Michael", "Mikhail"}) is still this person; a full name is
    // compared with full names only, so "Lara Trump" never rides on Donald Trump's "Trump"
    let full = s.has_given_name();
    let evidence = s
        .person_names()
        .filter(|o| !(full && o.given.is_empty()))
        .filter_map(|other| person_match(name, other))
        .max_by_key(|e| e.strength())?;
    Some(Scored {
        id,
        strength: evidence.strength(),
        // roles only matter for weak evidence; comparing them is the costly part
        shares_role: evidence.strength() < 3 && shares_role(s, roles),
        full,
        mentions: s.mentions(),
    })
}

impl SpeakerRegistry {
    /// Person speakers filed under the surname of the full name `name`, or within one typo of
    /// it, whose given names may match its own.
    fn full_name_candidates(&self, name: &PersonName) -> Vec<SpeakerId> {
        let key = name.surname_key();
        let query = query_mask(name);
        let mut out: Vec<SpeakerId> = Vec::new();
        let mut take = |filed: Option<&Vec<Filed>>| {
            let filed = filed.into_iter().flatten();
            out.extend(filed.filter(|f| f.may_match(query)).map(|f| f.id));
        };
        take(self.surnames.get(key));
        // a typo'd surname can only ever join on a full name (see `NameEvidence::strength`)
        if key.len() >= 5 {
            for probe in std::iter::once(key.to_string()).chain(deletions(key)) {
                take(self.fuzzy.get(&probe));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The existing speaker a person named `name` (seen with `roles`) is, or `None` for a new one.
    pub(super) fn match_person(&self, name: &PersonName, roles: &[String]) -> Option<SpeakerId> {
        if name.given.is_empty() {
            return self.match_surname(name, roles);
        }
        // the candidates' records are read in one short pass, so that many reads are under way
        // at once, before each is compared at length
        let people: Vec<(SpeakerId, &Speaker)> = self
            .full_name_candidates(name)
            .into_iter()
            .filter_map(|id| Some((id, self.speakers.get(&id)?)))
            .filter(|(_, s)| s.kind == SpeakerKind::Person && s.held_by.is_none())
            .collect();
        let scored: Vec<Scored> = people
            .into_iter()
            .filter_map(|(id, s)| score(id, s, name, roles))
            .collect();
        let best = |v: &mut dyn Iterator<Item = &Scored>| {
            v.max_by_key(|c| {
                (
                    c.strength,
                    c.shares_role,
                    c.mentions,
                    std::cmp::Reverse(c.id),
                )
            })
            .map(|c| c.id)
        };
        let mut full = scored
            .iter()
            .filter(|c| c.full && (c.strength >= 3 || c.strength >= 1 && c.shares_role))
            .peekable();
        if full.peek().is_some() {
            return best(&mut full);
        }
        if scored.iter().any(|c| c.full) {
            return None;
        }
        best(&mut scored.iter().filter(|c| !c.full && c.strength >= 2))
    }

    /// The existing speaker a bare surname ("Lavrov", seen with `roles`) is, or `None` for a new
    /// one. Every speaker filed under the surname carries it, so the evidence of each is the same
    /// (a shared surname): only whether it has a given name, its roles and its mentions decide.
    fn match_surname(&self, name: &PersonName, roles: &[String]) -> Option<SpeakerId> {
        let filed = self.surnames.get(name.surname_key()).into_iter().flatten();
        let persons: Vec<&Speaker> = filed
            .filter_map(|f| self.speakers.get(&f.id))
            .filter(|s| s.kind == SpeakerKind::Person && s.held_by.is_none())
            .collect();
        // the one candidate that shares a role, if exactly one among `candidates` does
        let only_with_role = |candidates: &mut dyn Iterator<Item = &&Speaker>| {
            let mut with_role = candidates.filter(|s| shares_role(s, roles));
            let first = with_role.next()?;
            with_role.next().is_none().then_some(first.id)
        };
        if is_given_name(&name.surname) {
            return only_with_role(&mut persons.iter());
        }
        let full = || persons.iter().filter(|s| s.has_given_name());
        let mut each_full = full();
        if let (Some(only), None) = (each_full.next(), each_full.next()) {
            return Some(only.id);
        }
        if let Some(id) = only_with_role(&mut full()) {
            return Some(id);
        }
        persons
            .iter()
            .filter(|s| !s.has_given_name())
            .max_by_key(|s| (shares_role(s, roles), s.mentions(), std::cmp::Reverse(s.id)))
            .map(|s| s.id)
    }
}
