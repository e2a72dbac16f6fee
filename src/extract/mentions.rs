//! Further mentions of people in running text, outside the speaker phrases already parsed:
//! known surnames and full names mentioned again, people introduced as "Forename Surname", the
//! first full-name run for each surname, and whether a name opens its sentence.

use super::doc::{Doc, NONE};
use super::lexicon::LEXICON;
use super::people;
use super::phrase::Np;
use super::speakers::{Registry, strip_possessive};
use crate::model::{Span, SpeakerKind};
use rustc_hash::FxHashMap;

impl Registry {
    /// Finds further mentions of known people (surnames, full names) outside phrases already
    /// parsed, and new people introduced as "Forename Surname".
    pub(super) fn scan_names(
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

/// The first run of 2–3 capitalised name words on one line (no titles, function words or
/// possessives inside) for each final word, outside quotes: "Marco Rubio" in "Secretary of
/// State Marco Rubio met …".
pub(super) fn full_name_runs(doc: &Doc<'_>) -> FxHashMap<String, (usize, usize)> {
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
        // a run never spans a line break ("… says Stanmore\nTesmar has …")
        let same_line = |k: usize| doc.toks[k].para == doc.toks[a].para;
        while k < doc.toks.len()
            && name_word(k)
            && same_line(k)
            && k - a < 4
            && strip_possessive(doc.word(k)) == doc.word(k)
        {
            k += 1;
        }
        let mut b = k;
        if k < doc.toks.len() && name_word(k) && same_line(k) && k - a < 4 {
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
