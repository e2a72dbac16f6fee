//! Pronoun speakers: "he"/"she" resolve to the nearest preceding compatible person, preferring
//! a recent speaker (the subject of a cue, in this paragraph or the previous one) over any
//! mentioned name. "it" and "they" resolve to the organisation or group that was last the
//! subject of a cue in the same or the previous paragraph; "I" and "we" stay unresolved.

use super::doc::Doc;
use super::lexicon::{Gender, Pronoun};
use super::phrase::{Np, NpKind};
use super::speakers::Registry;
use crate::model::{Span, SpeakerKind};

/// Most history entries examined for one pronoun.
const PRONOUN_LOOKBACK: usize = 60;
/// Most paragraphs back a pronoun may reach.
const PRONOUN_PARAS: u32 = 3;

impl Registry {
    pub(super) fn resolve_pronouns(
        &mut self,
        doc: &Doc<'_>,
        events: &[(usize, Option<Np>, bool, usize)],
    ) {
        // History: (token, paragraph, speaker, is_subject).
        let mut hist: Vec<(usize, u32, usize, bool)> = Vec::new();
        for &(tok, np, subject, direct) in events {
            let para = doc.toks[tok].para;
            let np = match np {
                None => {
                    hist.push((tok, para, direct, subject));
                    continue;
                }
                Some(np) => np,
            };
            if let NpKind::Pronoun(Pronoun::Third(g)) = np.kind {
                if let Some(i) = self.antecedent(&hist, para, g) {
                    if self.genders[i] == Gender::Unknown {
                        self.genders[i] = g;
                    }
                    self.at.insert(np.first, i);
                    self.speakers[i].mentions.push(Span::new(
                        doc.toks[np.first].start,
                        doc.toks[np.last - 1].end,
                    ));
                    hist.push((tok, para, i, subject));
                }
                continue;
            }
            if let NpKind::Pronoun(Pronoun::Plural) = np.kind {
                // "…," it said / they said: the organisation or group that last spoke.
                if let Some(i) = self.group_antecedent(&hist, para) {
                    self.at.insert(np.first, i);
                    self.speakers[i].mentions.push(Span::new(
                        doc.toks[np.first].start,
                        doc.toks[np.last - 1].end,
                    ));
                }
                continue;
            }
            if let Some(&i) = self.at.get(&np.first) {
                hist.push((tok, para, i, subject));
            }
        }
        for s in &mut self.speakers {
            s.mentions.sort();
            s.mentions.dedup();
        }
    }

    /// The nearest organisation or role that was the subject of a cue in this paragraph or
    /// the one before.
    fn group_antecedent(&self, hist: &[(usize, u32, usize, bool)], para: u32) -> Option<usize> {
        hist.iter()
            .rev()
            .take(PRONOUN_LOOKBACK)
            .take_while(|&&(_, p, _, _)| p + 1 >= para)
            .find(|&&(_, _, i, subject)| {
                subject
                    && matches!(
                        self.speakers[i].kind,
                        SpeakerKind::Organization | SpeakerKind::Role
                    )
            })
            .map(|&(_, _, i, _)| i)
    }

    fn antecedent(
        &self,
        hist: &[(usize, u32, usize, bool)],
        para: u32,
        g: Gender,
    ) -> Option<usize> {
        let ok = |i: usize| {
            let sg = self.genders[i];
            self.speakers[i].kind == SpeakerKind::Person && (sg == Gender::Unknown || sg == g)
        };
        let mut any = None;
        for &(_, p, i, subject) in hist.iter().rev().take(PRONOUN_LOOKBACK) {
            if p + PRONOUN_PARAS < para {
                break;
            }
            if !ok(i) {
                continue;
            }
            if subject && p + 1 >= para {
                return Some(i);
            }
            any.get_or_insert(i);
        }
        any
    }
}
