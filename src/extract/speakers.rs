//! One [`LocalSpeaker`] per referent: full names first, then surname-only and forename-only
//! mentions mapped to the earliest fuller name (Citron's rule), organisations and roles by
//! their text. Pronouns resolve to the nearest preceding compatible person, preferring a
//! recent speaker (the subject of a cue) over any mentioned name.

use super::doc::{Doc, NONE};
use super::lexicon::{Gender, LEXICON, gender_of};
use super::mentions::full_name_runs;
use super::people;
use super::phrase::{Np, NpKind};
use crate::model::{LocalSpeaker, Span, SpeakerKind};
use rustc_hash::FxHashMap;

/// Builds speakers from phrases and resolves every phrase to a speaker index.
pub(crate) struct Registry {
    pub(crate) speakers: Vec<LocalSpeaker>,
    pub(super) genders: Vec<Gender>,
    by_key: FxHashMap<String, usize>,
    /// Person speakers by lower-cased surname.
    pub(super) by_surname: FxHashMap<String, usize>,
    by_forename: FxHashMap<String, usize>,
    /// Resolved speaker for the phrase starting at a token.
    pub(crate) at: FxHashMap<usize, usize>,
}

/// `w` without a possessive ending (`'s`, `’s`, `'`, `’`).
pub(super) fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('\''))
        .or_else(|| w.strip_suffix('’'))
        .unwrap_or(w)
}

pub(super) fn span_text<'a>(doc: &Doc<'a>, a: usize, b: usize) -> &'a str {
    &doc.text[doc.toks[a].start..doc.toks[b - 1].end]
}

impl Registry {
    /// Registers every named phrase in `nps` (in text order) and resolves pronouns.
    pub(crate) fn build(doc: &Doc<'_>, nps: &[(Np, bool)]) -> Registry {
        let mut reg = Registry {
            speakers: Vec::new(),
            genders: Vec::new(),
            by_key: FxHashMap::default(),
            by_surname: FxHashMap::default(),
            by_forename: FxHashMap::default(),
            at: FxHashMap::default(),
        };
        // Pass 1: full names, organisations, roles.
        for (np, _) in nps {
            let full = np.kind == NpKind::Person && np.name.1 - np.name.0 >= 2;
            if full || matches!(np.kind, NpKind::Org | NpKind::Role) {
                reg.add(doc, np);
            }
        }
        // Pass 2: single-token names, expanded to the earliest fuller name in the text that
        // ends with the same word when no speaker phrase gave one.
        let mut runs: Option<FxHashMap<String, (usize, usize)>> = None;
        for (np, _) in nps {
            if np.kind == NpKind::Person && np.name.1 - np.name.0 < 2 {
                let last = strip_possessive(doc.word(np.name.1 - 1)).to_lowercase();
                let known = reg.by_surname.contains_key(&last);
                let run = if known {
                    None
                } else {
                    runs.get_or_insert_with(|| full_name_runs(doc))
                        .get(&last)
                        .copied()
                };
                if let Some((a, b)) = run {
                    let full = Np {
                        first: a,
                        last: b,
                        kind: NpKind::Person,
                        name: (a, b),
                        role: None,
                        gender: gender_of(doc.word(a)),
                    };
                    reg.add(doc, &full);
                }
                reg.add(doc, np);
            }
        }
        let mut events: Vec<(usize, Option<Np>, bool, usize)> = nps
            .iter()
            .map(|(np, subject)| (np.first, Some(*np), *subject, NONE as usize))
            .collect();
        reg.scan_names(doc, nps, &mut events);
        events.sort_by_key(|e| e.0);
        reg.resolve_pronouns(doc, &events);
        reg
    }

    /// Adds (or merges) a named phrase; returns its speaker index.
    pub(super) fn add(&mut self, doc: &Doc<'_>, np: &Np) -> Option<usize> {
        let name = strip_possessive(span_text(doc, np.name.0, np.name.1)).trim();
        if name.is_empty() {
            return None;
        }
        let key = name.to_lowercase();
        let idx = match np.kind {
            NpKind::Person => {
                let n = np.name.1 - np.name.0;
                let first = strip_possessive(doc.word(np.name.0)).to_lowercase();
                let last = strip_possessive(doc.word(np.name.1 - 1)).to_lowercase();
                if let Some(&i) = self.by_key.get(&key) {
                    i
                } else if n == 1 {
                    match self
                        .by_surname
                        .get(&last)
                        .or_else(|| self.by_forename.get(&last))
                    {
                        Some(&i) => i,
                        None => self.push(name, SpeakerKind::Person, np.gender),
                    }
                } else {
                    let i = self.push(name, SpeakerKind::Person, np.gender);
                    // "al-Aiban" is also found as "Aiban".
                    if let Some((p, rest)) = last.split_once('-')
                        && LEXICON.particles.contains(p)
                    {
                        self.by_surname.entry(rest.to_string()).or_insert(i);
                    }
                    self.by_surname.entry(last).or_insert(i);
                    self.by_forename.entry(first).or_insert(i);
                    i
                }
            }
            NpKind::Org => match self.by_key.get(&key) {
                Some(&i) => i,
                None => self.push(name, SpeakerKind::Organization, Gender::Unknown),
            },
            NpKind::Role => match self.by_key.get(&key) {
                Some(&i) => i,
                None => self.push(name, SpeakerKind::Role, np.gender),
            },
            NpKind::Pronoun(_) => return None,
        };
        self.by_key.entry(key).or_insert(idx);
        if self.genders[idx] == Gender::Unknown {
            self.genders[idx] = np.gender;
        }
        let alias_from = if matches!(np.kind, NpKind::Person) {
            np.first
        } else {
            np.name.0
        };
        let alias_from = if alias_from < np.name.0 && is_det(doc.word(alias_from)) {
            alias_from + 1
        } else {
            alias_from
        };
        let alias = span_text(doc, alias_from, np.last).to_string();
        self.mention(
            idx,
            alias,
            Span::new(doc.toks[np.first].start, doc.toks[np.last - 1].end),
        );
        if let Some((a, b)) = np.role {
            let mut role = span_text(doc, a, b).trim();
            for det in ["a ", "an ", "the ", "A ", "An ", "The "] {
                role = role.strip_prefix(det).unwrap_or(role);
            }
            let possessive_only = b - a == 1 && strip_possessive(role) != role;
            // "Russia's Lavrov": a possessive place or organisation is the affiliation.
            if possessive_only && people::place_possessive(strip_possessive(role)) {
                role = strip_possessive(role);
            }
            if (!possessive_only || role == strip_possessive(role)) && !role.is_empty() {
                let roles = &mut self.speakers[idx].roles;
                if !roles.iter().any(|r| r == role) {
                    roles.push(role.to_string());
                }
            }
        }
        self.at.insert(np.first, idx);
        Some(idx)
    }

    fn push(&mut self, name: &str, kind: SpeakerKind, gender: Gender) -> usize {
        self.speakers.push(LocalSpeaker {
            name: name.to_string(),
            kind,
            roles: Vec::new(),
            aliases: Vec::new(),
            mentions: Vec::new(),
        });
        self.genders.push(gender);
        self.speakers.len() - 1
    }

    /// Counts `alias` for speaker `idx` and records the mention's span.
    pub(super) fn mention(&mut self, idx: usize, alias: String, span: Span) {
        let s = &mut self.speakers[idx];
        match s.aliases.iter_mut().find(|(a, _)| *a == alias) {
            Some((_, n)) => *n += 1,
            None => s.aliases.push((alias, 1)),
        }
        s.mentions.push(span);
    }
}

fn is_det(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "The" | "A" | "An")
}
