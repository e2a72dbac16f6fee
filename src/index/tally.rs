//! A quote group's occurrences summed up by wording and speaker, once per published version, so
//! that "who said these words?" costs the group's wordings and sides, not its occurrences.

use super::quotes::Occurrence;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The occurrences of one wording that name one speaker (or nobody).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct SideTally {
    /// The speaker id, the occurrences' own copy; `None` for occurrences that name nobody.
    pub speaker: Option<Arc<str>>,
    /// The speaker's rank among the group's distinct speakers in their order (nobody first):
    /// lookups key and sort a group's sides by it without comparing strings.
    pub speaker_no: u32,
    /// How many occurrences.
    pub occurrences: usize,
    /// The sum of their confidences.
    pub confidence: f64,
    /// Their outlets as written (the occurrences' own copies), sorted, deduplicated (empty
    /// outlets left out).
    pub outlets: Vec<Arc<str>>,
    /// Positions (in the group's occurrences, so earliest first) of the first few.
    pub earliest: Vec<usize>,
}

/// A group's sides by wording.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Tallies {
    /// Resolver wording id → its sides, in order of first appearance.
    pub by_variant: FxHashMap<u32, Vec<SideTally>>,
    /// How many distinct speakers (nobody counting as one) the sides name: every
    /// [`SideTally::speaker_no`] is below it.
    pub speakers: usize,
}

/// Where each (wording, speaker) side sits in its wording's list, with its outlets so far.
type Slots<'a> = FxHashMap<(u32, Option<&'a str>), (usize, BTreeSet<&'a Arc<str>>)>;

/// Sums up `occurrences` (sorted earliest first) by wording and speaker, keeping the positions
/// of the first `keep` occurrences of each side.
pub(super) fn tally(occurrences: &[Occurrence], keep: usize) -> Tallies {
    let mut sides: Slots<'_> = FxHashMap::default();
    let mut out: FxHashMap<u32, Vec<SideTally>> = FxHashMap::default();
    for (k, o) in occurrences.iter().enumerate() {
        let list = out.entry(o.variant).or_default();
        let (slot, outlets) = sides
            .entry((o.variant, o.speaker.as_deref()))
            .or_insert_with(|| {
                list.push(SideTally {
                    speaker: o.speaker.clone(),
                    speaker_no: 0,
                    occurrences: 0,
                    confidence: 0.0,
                    outlets: Vec::new(),
                    earliest: Vec::new(),
                });
                (list.len() - 1, BTreeSet::new())
            });
        if !o.outlet.is_empty() {
            outlets.insert(&o.outlet);
        }
        let Some(side) = list.get_mut(*slot) else {
            continue;
        };
        side.occurrences += 1;
        side.confidence += f64::from(o.confidence);
        if side.earliest.len() < keep {
            side.earliest.push(k);
        }
    }
    // the distinct speakers in order, numbered
    let speakers: BTreeSet<Option<&str>> = sides.keys().map(|&(_, s)| s).collect();
    let number: FxHashMap<Option<&str>, u32> = speakers
        .iter()
        .enumerate()
        .map(|(n, &s)| (s, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect();
    for ((variant, speaker), (slot, outlets)) in sides {
        if let Some(side) = out.get_mut(&variant).and_then(|l| l.get_mut(slot)) {
            side.outlets = outlets.into_iter().map(Arc::clone).collect();
            side.speaker_no = number.get(&speaker).copied().unwrap_or(0);
        }
    }
    Tallies {
        by_variant: out,
        speakers: speakers.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{QuoteKind, Span};

    fn occ(article: &str, variant: u32, outlet: &str, speaker: Option<&str>) -> Occurrence {
        Occurrence {
            article: article.into(),
            ordinal: 0,
            outlet: outlet.into(),
            time_ms: 0,
            span: crate::model::Span32::of(Span::new(0, 4)).expect("short"),
            source: "text".into(),
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
            occ("a", 1, "B", Some("x")),
            occ("b", 1, "A", Some("x")),
            occ("c", 2, "A", Some("x")),
            occ("d", 1, "", None),
            occ("e", 1, "B", Some("x")),
        ];
        let t = tally(&occs, 2);
        assert_eq!(t.by_variant.len(), 2);
        assert_eq!(t.speakers, 2, "x and nobody");
        let one = &t.by_variant[&1];
        assert_eq!(one.len(), 2, "x and nobody");
        assert_eq!(one[0].speaker.as_deref(), Some("x"));
        assert_eq!(
            (one[0].speaker_no, one[1].speaker_no),
            (1, 0),
            "nobody first"
        );
        assert_eq!(one[0].occurrences, 3);
        assert!((one[0].confidence - 1.5).abs() < 1e-9);
        assert_eq!(one[0].outlets, [Arc::from("A"), Arc::from("B")]);
        assert_eq!(one[0].earliest, [0, 1], "only the first two kept");
        assert_eq!(one[1].speaker, None);
        assert!(one[1].outlets.is_empty(), "empty outlets are left out");
        assert_eq!(one[1].earliest, [3]);
        assert_eq!(t.by_variant[&2][0].earliest, [2]);
        assert_eq!(t.by_variant[&2][0].speaker_no, 1, "one number per speaker");
    }
}
