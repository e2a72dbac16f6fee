//! A quote group's occurrences summed up by wording and speaker, once per published version, so
//! that "who said these words?" costs the group's wordings and sides, not its occurrences.
//!
//! The sums are laid out flat, in a few arrays per group, because a lookup reads them for every
//! group it matches, across the whole index: one array of sides sorted by wording, one of all the
//! sides' outlets, one of their earliest occurrences, each side pointing into the last two by
//! position. A side in its own allocation, with its outlets in another, cost a cache miss at
//! each step.

use super::quotes::Occurrence;
use crate::index::FromArticle;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The occurrences of one wording that name one speaker (or nobody).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct SideTally {
    /// The speaker's rank among the group's distinct speakers in their order (nobody first):
    /// lookups key and sort a group's sides by it without comparing strings, and
    /// [`Tallies::speaker`] gives its id.
    pub speaker_no: u32,
    /// How many occurrences.
    pub occurrences: u32,
    /// The sum of their confidences.
    pub confidence: f64,
    /// Where its outlets sit in the group's outlets ([`Tallies::outlets`]).
    outlets: (u32, u32),
    /// Where the positions of its first few occurrences sit ([`Tallies::earliest`]).
    earliest: (u32, u32),
}

/// A group's sides by wording.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Tallies {
    /// Each wording with sides (resolver variant id), ascending, and the end of its sides in
    /// `sides` (they start where the previous wording's end).
    variants: Vec<(u32, u32)>,
    /// The sides, by wording, each wording's in order of first appearance.
    sides: Vec<SideTally>,
    /// Every side's outlets as written (the occurrences' own copies), each side's sorted and
    /// distinct (empty outlets left out).
    outlets: Vec<Arc<str>>,
    /// Every side's first few occurrences, as positions in the group's occurrences (so earliest
    /// first).
    earliest: Vec<u32>,
    /// The distinct speaker ids the sides name, in order, nobody (`None`) first: the
    /// occurrences' own copies, by [`SideTally::speaker_no`].
    speakers: Vec<Option<Arc<str>>>,
    /// Each of `speakers` hashed ([`speaker_hash`]): a lookup that sums up many groups keys
    /// speakers by it without reading their ids.
    speaker_hashes: Vec<u64>,
}

/// A speaker id's hash, the same for every copy of the id; nobody's is 0.
pub(super) fn speaker_hash(speaker: Option<&str>) -> u64 {
    speaker.map_or(0, |s| xxhash_rust::xxh3::xxh3_64(s.as_bytes()) | 1)
}

impl Tallies {
    /// The sides of wording `variant`, in order of first appearance (none when no occurrence
    /// has that wording).
    pub(super) fn sides(&self, variant: u32) -> &[SideTally] {
        let Ok(at) = self.variants.binary_search_by_key(&variant, |&(v, _)| v) else {
            return &[];
        };
        let start = match at.checked_sub(1) {
            Some(before) => self.variants.get(before).map_or(0, |&(_, end)| end),
            None => 0,
        };
        let end = self.variants.get(at).map_or(start, |&(_, end)| end);
        self.sides
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// How many distinct speakers (nobody counting as one) the sides name: every
    /// [`SideTally::speaker_no`] is below it.
    pub(super) fn speaker_count(&self) -> usize {
        self.speakers.len()
    }

    /// The id of the speaker a side names; `None` when its occurrences name nobody.
    pub(super) fn speaker(&self, side: &SideTally) -> Option<&Arc<str>> {
        self.speakers.get(side.speaker_no as usize)?.as_ref()
    }

    /// [`speaker_hash`] of the speaker a side names.
    pub(super) fn speaker_hash(&self, side: &SideTally) -> u64 {
        self.speaker_hashes
            .get(side.speaker_no as usize)
            .copied()
            .unwrap_or_else(|| speaker_hash(self.speaker(side).map(|s| &**s)))
    }

    /// A side's outlets, sorted, distinct.
    pub(super) fn outlets(&self, side: &SideTally) -> &[Arc<str>] {
        let (start, end) = side.outlets;
        self.outlets
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// The positions of a side's first few occurrences in the group's occurrences.
    pub(super) fn earliest(&self, side: &SideTally) -> &[u32] {
        let (start, end) = side.earliest;
        self.earliest
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }
}

/// One side while the occurrences are summed up: its outlets and earliest positions so far.
struct Summing<'a> {
    speaker: Option<&'a Arc<str>>,
    occurrences: u32,
    confidence: f64,
    outlets: BTreeSet<&'a Arc<str>>,
    earliest: Vec<u32>,
}

/// Sums up `occurrences` (sorted earliest first) by wording and speaker, keeping the positions
/// of the first `keep` occurrences of each side.
pub(super) fn tally(occurrences: &[Occurrence], keep: usize) -> Tallies {
    // each (wording, speaker)'s side, in order of first appearance
    let mut slots: FxHashMap<(u32, Option<&str>), usize> = FxHashMap::default();
    let mut summing: Vec<(u32, Summing<'_>)> = Vec::new();
    for (k, o) in occurrences.iter().enumerate() {
        let at = *slots
            .entry((o.variant, o.speaker.as_deref()))
            .or_insert_with(|| {
                summing.push((
                    o.variant,
                    Summing {
                        speaker: o.speaker.as_ref(),
                        occurrences: 0,
                        confidence: 0.0,
                        outlets: BTreeSet::new(),
                        earliest: Vec::new(),
                    },
                ));
                summing.len() - 1
            });
        let Some((_, side)) = summing.get_mut(at) else {
            continue;
        };
        side.occurrences = side.occurrences.saturating_add(1);
        side.confidence += f64::from(o.confidence);
        if !o.outlet().is_empty() {
            side.outlets.insert(&o.origin.outlet);
        }
        if side.earliest.len() < keep {
            side.earliest.push(u32::try_from(k).unwrap_or(u32::MAX));
        }
    }
    // the distinct speakers in order (by id, nobody first), numbered
    let distinct: BTreeSet<Option<&Arc<str>>> = summing.iter().map(|(_, s)| s.speaker).collect();
    let number: FxHashMap<Option<&str>, u32> = distinct
        .iter()
        .enumerate()
        .map(|(n, s)| (s.map(|a| &**a), u32::try_from(n).unwrap_or(u32::MAX)))
        .collect();
    let mut out = Tallies {
        speaker_hashes: distinct
            .iter()
            .map(|s| speaker_hash(s.map(|a| &**a)))
            .collect(),
        speakers: distinct
            .into_iter()
            .map(Option::<&Arc<str>>::cloned)
            .collect(),
        ..Tallies::default()
    };
    // by wording; a stable sort keeps each wording's sides in order of first appearance
    summing.sort_by_key(|&(variant, _)| variant);
    let at = |len: usize| u32::try_from(len).unwrap_or(u32::MAX);
    for (variant, side) in summing {
        let speaker_no = number
            .get(&side.speaker.map(|a| &**a))
            .copied()
            .unwrap_or(0);
        let outlets_start = at(out.outlets.len());
        out.outlets.extend(side.outlets.into_iter().map(Arc::clone));
        let earliest_start = at(out.earliest.len());
        out.earliest.extend_from_slice(&side.earliest);
        out.sides.push(SideTally {
            speaker_no,
            occurrences: side.occurrences,
            confidence: side.confidence,
            outlets: (outlets_start, at(out.outlets.len())),
            earliest: (earliest_start, at(out.earliest.len())),
        });
        match out.variants.last_mut() {
            Some((last, end)) if *last == variant => *end = at(out.sides.len()),
            _ => out.variants.push((variant, at(out.sides.len()))),
        }
    }
    out.variants.shrink_to_fit();
    out.sides.shrink_to_fit();
    out.outlets.shrink_to_fit();
    out.earliest.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Origin;
    use crate::model::{QuoteKind, Span};

    fn occ(article: &str, variant: u32, outlet: &str, speaker: Option<&str>) -> Occurrence {
        Occurrence {
            origin: Origin::new(article, outlet.into(), &"text".into(), 0),
            ordinal: 0,
            span: crate::model::Span32::of(Span::new(0, 4)).expect("short"),
            kind: QuoteKind::Full,
            cue: None,
            mention: None,
            speaker: speaker.map(std::sync::Arc::from),
            speaker_kind: None,
            method: None,
            confidence: 0.5,
            variant,
        }
    }

    #[test]
    fn sums_by_wording_and_speaker_keeping_the_earliest() {
        let occs = vec![
            occ("a", 2, "B", Some("x")),
            occ("b", 2, "A", Some("x")),
            occ("c", 1, "A", Some("x")),
            occ("d", 2, "", None),
            occ("e", 2, "B", Some("x")),
        ];
        let t = tally(&occs, 2);
        assert_eq!(t.speaker_count(), 2, "x and nobody");
        let two = t.sides(2);
        assert_eq!(two.len(), 2, "x and nobody");
        assert_eq!(t.speaker(&two[0]).map(|s| &**s), Some("x"));
        assert_eq!(
            (two[0].speaker_no, two[1].speaker_no),
            (1, 0),
            "nobody first"
        );
        assert_eq!(two[0].occurrences, 3);
        assert!((two[0].confidence - 1.5).abs() < 1e-9);
        assert_eq!(t.outlets(&two[0]), [Arc::from("A"), Arc::from("B")]);
        assert_eq!(t.earliest(&two[0]), [0, 1], "only the first two kept");
        assert_eq!(t.speaker(&two[1]), None);
        assert_eq!(t.speaker_hash(&two[1]), 0, "nobody's hash");
        assert_ne!(t.speaker_hash(&two[0]), 0);
        assert!(t.outlets(&two[1]).is_empty(), "empty outlets are left out");
        assert_eq!(t.earliest(&two[1]), [3]);
        let one = t.sides(1);
        assert_eq!(one.len(), 1);
        assert_eq!(t.earliest(&one[0]), [2]);
        assert_eq!(t.outlets(&one[0]), [Arc::from("A")]);
        assert_eq!(one[0].speaker_no, 1, "one number per speaker");
        assert!(t.sides(3).is_empty(), "a wording no occurrence has");
        assert!(t.sides(0).is_empty());
    }

    proptest::proptest! {
        /// Each wording's sides hold exactly its occurrences, summed by speaker, whatever the
        /// order the wordings and speakers arrive in.
        #[test]
        fn every_occurrence_counts_once_under_its_wording_and_speaker(
            picks in proptest::collection::vec((0u32..6, 0usize..4, 0usize..3), 0..40),
        ) {
            let speakers = [None, Some("x"), Some("y"), Some("z")];
            let outlets = ["", "A", "B"];
            let occs: Vec<Occurrence> = picks
                .iter()
                .enumerate()
                .map(|(k, &(v, s, o))| occ(&k.to_string(), v, outlets[o], speakers[s]))
                .collect();
            let t = tally(&occs, 3);
            for v in 0..6u32 {
                let mine: Vec<&Occurrence> = occs.iter().filter(|o| o.variant == v).collect();
                let sides = t.sides(v);
                let total: u32 = sides.iter().map(|s| s.occurrences).sum();
                proptest::prop_assert_eq!(total as usize, mine.len());
                for side in sides {
                    let who = t.speaker(side).map(|s| &**s);
                    proptest::prop_assert_eq!(t.speaker_hash(side), speaker_hash(who));
                    let theirs: Vec<usize> = occs
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| o.variant == v && o.speaker.as_deref() == who)
                        .map(|(k, _)| k)
                        .collect();
                    proptest::prop_assert_eq!(side.occurrences as usize, theirs.len());
                    let first: Vec<u32> = theirs.iter().take(3).map(|&k| k as u32).collect();
                    proptest::prop_assert_eq!(t.earliest(side), first.as_slice());
                    let mut names: Vec<&str> = theirs
                        .iter()
                        .map(|&k| occs[k].outlet())
                        .filter(|o| !o.is_empty())
                        .collect();
                    names.sort_unstable();
                    names.dedup();
                    let got: Vec<&str> = t.outlets(side).iter().map(|o| &**o).collect();
                    proptest::prop_assert_eq!(got, names);
                }
            }
        }
    }
}
