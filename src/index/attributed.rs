//! How many published quote and claim occurrences name each speaker: a speaker's quote and claim
//! counts. Kept where occurrences are published ([`Index::put_quote`], [`Index::put_claim`], the
//! in-place appends and the snapshot load), by counting each published version's speakers
//! against the version it replaces, so that every way an occurrence's speaker changes (a whole
//! group re-attributed, an unnamed role named through another outlet, an article deleted)
//! changes the counts with it. The counts therefore always agree with what a listing of the
//! speaker's quotes shows, which counts kept per article (what the article itself attributed)
//! did not.

use super::claims::ClaimGroup;
use super::quotes::QuoteGroup;
use super::{Index, Map};
use rustc_hash::FxHashMap;

/// A speaker's published occurrences.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attributed {
    /// Quote occurrences naming the speaker.
    pub quotes: u32,
    /// Claim occurrences naming the speaker as claimant.
    pub claims: u32,
}

/// Signed changes to the counts, by speaker id.
#[derive(Debug, Default)]
pub(super) struct Changes<'a>(FxHashMap<&'a str, (i64, i64)>);

impl<'a> Changes<'a> {
    /// Counts a quote group's occurrences, with `sign` +1 (published) or -1 (withdrawn).
    pub(super) fn quotes(&mut self, g: Option<&'a QuoteGroup>, sign: i64) {
        for s in g
            .into_iter()
            .flat_map(|g| &g.occurrences)
            .filter_map(|o| o.speaker.as_deref())
        {
            self.0.entry(s).or_default().0 += sign;
        }
    }

    /// Counts a claim group's occurrences, with `sign` +1 (published) or -1 (withdrawn).
    pub(super) fn claims(&mut self, g: Option<&'a ClaimGroup>, sign: i64) {
        for s in g
            .into_iter()
            .flat_map(|g| &g.occurrences)
            .filter_map(|o| o.claimant.as_deref())
        {
            self.0.entry(s).or_default().1 += sign;
        }
    }

    /// Counts `n` more quote occurrences naming `speaker`.
    pub(super) fn quote(&mut self, speaker: &'a str, n: u32) {
        self.0.entry(speaker).or_default().0 += i64::from(n);
    }

    /// Counts `n` more claim occurrences naming `claimant`.
    pub(super) fn claim(&mut self, claimant: &'a str, n: u32) {
        self.0.entry(claimant).or_default().1 += i64::from(n);
    }

    /// Applies the changes to the counts; a speaker left with none is forgotten.
    pub(super) fn apply(self, counts: &Map<String, Attributed>) {
        for (s, (q, c)) in self.0 {
            if (q, c) == (0, 0) {
                continue;
            }
            let add = |n: u32, d: i64| u32::try_from((i64::from(n) + d).max(0)).unwrap_or(u32::MAX);
            let empty = match counts.get_mut(s) {
                Some(mut e) => {
                    e.quotes = add(e.quotes, q);
                    e.claims = add(e.claims, c);
                    *e == Attributed::default()
                }
                None => {
                    let e = Attributed {
                        quotes: add(0, q),
                        claims: add(0, c),
                    };
                    if e != Attributed::default() {
                        counts.insert(s.to_string(), e);
                    }
                    false
                }
            };
            if empty {
                counts.remove_if(s, |_, a| *a == Attributed::default());
            }
        }
    }
}

impl Index {
    /// How many published quote and claim occurrences name the speaker `id` (zero for an
    /// unknown id).
    pub fn attributed(&self, id: &str) -> Attributed {
        self.inner
            .attributed
            .get(id)
            .map(|a| *a)
            .unwrap_or_default()
    }
}
