//! One [`LocalSpeaker`] per referent: full names first, then surname-only and forename-only
//! mentions mapped to the earliest fuller name (Citron's rule), organisations and roles by
//! their text. Pronouns resolve to the nearest preceding compatible person, preferring a
//! recent speaker (the subject of a cue) over any mentioned name.

use super::doc::{Doc, NONE};
use super::lexicon::{Gender, LEXICON, gender_of};
use super::people;
use super::phrase::{Np, NpKind};
use crate::model::{LocalSpeaker, Span, SpeakerKind};
use rustc_hash::FxHashMap;

/// Builds speakers from phrases and resolves every phrase to a speaker index.
pub(crate) struct Registry {
    pub(crate) speakers: Vec<LocalSpeaker>,
    pub(super) genders: Vec<Gender>,
    by_key: FxHashMap<String, usize>,
    by_surname: FxHashMap<String, usize>,
    by_forename: FxHashMap<String, usize>,
    /// Resolved speaker for the phrase starting at a token.
    pub(crate) at: FxHashMap<usize, usize>,
}

fn strip_possessive(w: &str) -> &str {
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
    fn add(&mut self, doc: &Doc<'_>, np: &Np) -> Option<usize> {
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

    fn mention(&mut self, idx: usize, alias: String, span: Span) {
        let s = &mut self.speakers[idx];
        match s.aliases.iter_mut().find(|(a, _)| *a == alias) {
            Some((_, n)) => *n += 1,
            None => s.aliases.push((alias, 1)),
        }
        s.mentions.push(span);
    }

    /// Finds further mentions of known people (surnames, full names) outside phrases already
    /// parsed, and new people introduced as "Forename Surname".
    fn scan_names(
        &mut self,
        doc: &Doc<'_>,
        nps: &[(Np, bool)],
        events: &mut Vec<(usize, Option<Np>, bool, usize)>,
    ) {
        let mut covered = vec![false; doc.toks.len()];
        for (np, _) in nps {
            for c in &mut covered[np.first..np.last] {
                *c = true;
            }
        }
        let lex = &*LEXICON;
        let free = |j: usize| !covered[j] && people::outside_quotes(doc, j);
        let headline = people::headline_paras(doc);
        let mut k = 0;
        while k < doc.toks.len() {
            if covered[k] || !doc.toks[k].is_word() || doc.in_seg[k] != NONE {
                k += 1;
                continue;
            }
            let w = doc.word(k);
            let bare = strip_possessive(w);
            let starts_cap = bare.chars().next().is_some_and(char::is_uppercase);
            if !starts_cap || lex.function_caps.contains(w) {
                k += 1;
                continue;
            }
            let next_cap = doc
                .toks
                .get(k + 1)
                .is_some_and(|t| t.is_word() && !covered[k + 1])
                && doc
                    .word(k + 1)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !lex.titles.contains(doc.word(k + 1));
            let key = bare.to_lowercase();
            if let Some(np) = people::named_person(doc, k, &free, &headline)
                && let Some(i) = self.add(doc, &np)
            {
                events.push((k, None, opens_sentence(doc, k), i));
                k = np.last;
                continue;
            }
            if next_cap && bare != w && people::place_possessive(bare) {
                // "Russia's Lavrov": the place is the person's affiliation.
                let sur = strip_possessive(doc.word(k + 1)).to_lowercase();
                if let Some(&i) = self.by_surname.get(&sur)
                    && self.speakers[i].kind == SpeakerKind::Person
                    && !self.speakers[i].roles.iter().any(|r| r == bare)
                {
                    self.speakers[i].roles.push(bare.to_string());
                }
            }
            if let Some(&i) = self.by_surname.get(&key)
                && self.speakers[i].kind == SpeakerKind::Person
            {
                self.mention(
                    i,
                    bare.to_string(),
                    Span::new(doc.toks[k].start, doc.toks[k].end),
                );
                events.push((k, None, opens_sentence(doc, k), i));
            }
            k += 1;
        }
    }
}

/// The first run of 2–3 capitalised name words (no titles, function words or possessives
/// inside) for each final word, outside quotes: "Marco Rubio" in "Secretary of State Marco
/// Rubio met …".
fn full_name_runs(doc: &Doc<'_>) -> FxHashMap<String, (usize, usize)> {
    let lex = &*LEXICON;
    let name_word = |k: usize| {
        let t = doc.toks[k];
        let w = doc.word(k);
        t.is_word()
            && doc.in_seg[k] == NONE
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
            && !lex.titles.contains(w)
            && !lex.function_caps.contains(w)
            && !lex.time_words.contains(w)
            && !lex.org_heads.contains(w)
            && !lex.places.contains(w)
    };
    let mut runs = FxHashMap::default();
    let mut k = 0;
    while k < doc.toks.len() {
        if !name_word(k) {
            k += 1;
            continue;
        }
        let a = k;
        while k < doc.toks.len()
            && name_word(k)
            && k - a < 4
            && strip_possessive(doc.word(k)) == doc.word(k)
        {
            k += 1;
        }
        let mut b = k;
        if k < doc.toks.len() && name_word(k) && k - a < 4 {
            b = k + 1; // a final possessive ("Putin's") ends the run
            k += 1;
        }
        if (2..=3).contains(&(b - a)) {
            let last = strip_possessive(doc.word(b - 1)).to_lowercase();
            runs.entry(last).or_insert((a, b));
        }
    }
    runs
}

/// Whether the name at token `k` opens its sentence, titles aside ("House Speaker Mike
/// Johnson disagreed."): such a name is the sentence's subject.
fn opens_sentence(doc: &Doc<'_>, k: usize) -> bool {
    let first = doc.sentence_first(k);
    k - first <= 4
        && (first..k).all(|j| {
            let w = doc.word(j);
            doc.toks[j].is_word() && w.chars().next().is_some_and(char::is_uppercase)
        })
}

fn is_det(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "The" | "A" | "An")
}
