//! Speaker through shared words: deciding who said a quote group from all its occurrences.
//!
//! Each occurrence carries its own attribution (a named person, an unnamed role, nobody). The
//! named sides are weighed by how the attribution was made, its confidence and how closely the
//! occurrence's words match the group. When one named speaker dominates, every role or unknown
//! occurrence is named after it, with the occurrences that name it as evidence (seed 001's "State
//! Department spokesperson" is seed 003's Tammy Bruce). When two named speakers are credited, the
//! group is an attribution conflict, and each side keeps its evidence.

use crate::model::{AttributionMethod, SpeakerKind};
use crate::resolve::quotes::MatchKind;
use crate::resolve::speakers::SpeakerId;

/// One occurrence of a quote group, as the caller knows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Occurrence {
    /// The speaker it is attributed to (canonical id), or `None` when nobody is named.
    pub speaker: Option<SpeakerId>,
    /// The kind of that speaker; ignored when `speaker` is `None`.
    pub kind: SpeakerKind,
    /// How the attribution was made.
    pub method: Option<AttributionMethod>,
    /// Confidence of the attribution in `[0, 1]`.
    pub confidence: f32,
    /// How the occurrence's words relate to the group.
    pub match_kind: MatchKind,
    /// Similarity of its words to the group, in `[0, 1]`.
    pub score: f32,
}

/// One named speaker credited with a group, and the occurrences that credit it.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    /// The speaker.
    pub speaker: SpeakerId,
    /// Indexes into the occurrence slice, strongest first.
    pub evidence: Vec<usize>,
    /// Summed evidence weight.
    pub weight: f32,
}

/// An unnamed occurrence named through shared words.
#[derive(Clone, Debug, PartialEq)]
pub struct Naming {
    /// Index of the role or unknown occurrence.
    pub occurrence: usize,
    /// The role speaker it had, if any (to be marked as held by `speaker`).
    pub role: Option<SpeakerId>,
    /// The named speaker it now resolves to.
    pub speaker: SpeakerId,
    /// Occurrences that name that speaker.
    pub evidence: Vec<usize>,
}

/// Who said a quote group.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupAttribution {
    /// Named speakers credited, heaviest first.
    pub sides: Vec<Side>,
    /// The group's speaker, when one named side outweighs the rest at least two to one.
    pub speaker: Option<SpeakerId>,
    /// Role and unknown occurrences named after `speaker`.
    pub namings: Vec<Naming>,
}

impl GroupAttribution {
    /// True when occurrences credit two or more different named speakers.
    pub fn is_conflict(&self) -> bool {
        self.sides.len() >= 2
    }
}

fn method_weight(m: Option<AttributionMethod>) -> f32 {
    match m {
        Some(AttributionMethod::Explicit) => 1.0,
        Some(AttributionMethod::AccordingTo) => 0.9,
        Some(AttributionMethod::NoCue) => 0.8,
        Some(AttributionMethod::Pronoun) => 0.7,
        Some(AttributionMethod::Continuation) => 0.6,
        Some(AttributionMethod::CrossSource) | None => 0.0,
    }
}

/// The evidence weight of one occurrence for its speaker.
pub fn weight(o: &Occurrence) -> f32 {
    let kind = match o.match_kind {
        MatchKind::Exact => 1.0,
        MatchKind::Contained => 0.9,
        MatchKind::Near => 0.8 * o.score,
    };
    method_weight(o.method) * o.confidence.clamp(0.0, 1.0) * kind
}

/// Most occurrences kept as the evidence of one side (the strongest first).
pub const MAX_SIDE_EVIDENCE: usize = 64;

/// Most occurrences cited as the evidence of one naming (the strongest first).
pub const MAX_NAMING_EVIDENCE: usize = 16;

/// Decides who said a group from its occurrences.
pub fn attribute_group(occurrences: &[Occurrence]) -> GroupAttribution {
    let mut sides: Vec<Side> = Vec::new();
    let mut side_of: rustc_hash::FxHashMap<SpeakerId, usize> = Default::default();
    for (i, o) in occurrences.iter().enumerate() {
        let Some(s) = o.speaker else { continue };
        if o.kind == SpeakerKind::Role || weight(o) <= 0.0 {
            continue;
        }
        match side_of.get(&s) {
            Some(&k) => {
                sides[k].evidence.push(i);
                sides[k].weight += weight(o);
            }
            None => {
                side_of.insert(s, sides.len());
                sides.push(Side {
                    speaker: s,
                    evidence: vec![i],
                    weight: weight(o),
                });
            }
        }
    }
    // each side keeps its strongest evidence: selecting it first keeps this linear in the
    // group's size
    for side in &mut sides {
        let order = |&a: &usize, &b: &usize| {
            weight(&occurrences[b])
                .total_cmp(&weight(&occurrences[a]))
                .then(a.cmp(&b))
        };
        if side.evidence.len() > MAX_SIDE_EVIDENCE {
            side.evidence
                .select_nth_unstable_by(MAX_SIDE_EVIDENCE, order);
            side.evidence.truncate(MAX_SIDE_EVIDENCE);
        }
        side.evidence.sort_by(order);
    }
    sides.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.speaker.cmp(&b.speaker))
    });
    let speaker = match sides.as_slice() {
        [only] => Some(only.speaker),
        [first, second, ..] if first.weight >= 2.0 * second.weight => Some(first.speaker),
        _ => None,
    };
    let namings = match (speaker, sides.first()) {
        (Some(s), Some(top)) => occurrences
            .iter()
            .enumerate()
            .filter(|(_, o)| o.speaker.is_none() || o.kind == SpeakerKind::Role)
            .map(|(i, o)| Naming {
                occurrence: i,
                role: o.speaker,
                speaker: s,
                evidence: top
                    .evidence
                    .iter()
                    .take(MAX_NAMING_EVIDENCE)
                    .copied()
                    .collect(),
            })
            .collect(),
        _ => Vec::new(),
    };
    GroupAttribution {
        sides,
        speaker,
        namings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(
        speaker: Option<u32>,
        kind: SpeakerKind,
        method: AttributionMethod,
        match_kind: MatchKind,
    ) -> Occurrence {
        Occurrence {
            speaker: speaker.map(SpeakerId),
            kind,
            method: Some(method),
            confidence: 0.9,
            match_kind,
            score: 1.0,
        }
    }

    #[test]
    fn role_named_through_shared_words() {
        let occs = [
            occ(
                Some(7),
                SpeakerKind::Role,
                AttributionMethod::Explicit,
                MatchKind::Exact,
            ),
            occ(
                Some(2),
                SpeakerKind::Person,
                AttributionMethod::Explicit,
                MatchKind::Exact,
            ),
            occ(
                None,
                SpeakerKind::Person,
                AttributionMethod::Continuation,
                MatchKind::Contained,
            ),
        ];
        let g = attribute_group(&occs);
        assert_eq!(g.speaker, Some(SpeakerId(2)));
        assert!(!g.is_conflict());
        assert_eq!(g.namings.len(), 2);
        assert_eq!(
            g.namings[0],
            Naming {
                occurrence: 0,
                role: Some(SpeakerId(7)),
                speaker: SpeakerId(2),
                evidence: vec![1]
            }
        );
        assert_eq!(g.namings[1].role, None);
    }

    #[test]
    fn roles_alone_stay_unnamed() {
        let g = attribute_group(&[occ(
            Some(7),
            SpeakerKind::Role,
            AttributionMethod::Explicit,
            MatchKind::Exact,
        )]);
        assert_eq!(
            (g.speaker, g.namings.len(), g.is_conflict()),
            (None, 0, false)
        );
    }

    #[test]
    fn two_named_speakers_conflict() {
        let occs = [
            occ(
                Some(1),
                SpeakerKind::Person,
                AttributionMethod::Explicit,
                MatchKind::Exact,
            ),
            occ(
                Some(2),
                SpeakerKind::Person,
                AttributionMethod::Explicit,
                MatchKind::Exact,
            ),
            occ(
                Some(9),
                SpeakerKind::Role,
                AttributionMethod::Explicit,
                MatchKind::Exact,
            ),
        ];
        let g = attribute_group(&occs);
        assert!(g.is_conflict());
        assert_eq!(g.speaker, None, "a tie names nobody");
        assert!(g.namings.is_empty(), "no role is named while the sides tie");
        assert_eq!(
            g.sides
                .iter()
                .map(|s| s.evidence.clone())
                .collect::<Vec<_>>(),
            vec![vec![0], vec![1]]
        );
    }

    #[test]
    fn a_dominant_side_still_reports_the_conflict() {
        let occs = [
            occ(
                Some(1),
                SpeakerKind::Person,
                AttributionMethod::Explicit,
                MatchKind::Exact,
            ),
            occ(
                Some(1),
                SpeakerKind::Person,
                AttributionMethod::Explicit,
                MatchKind::Exact,
            ),
            occ(
                Some(1),
                SpeakerKind::Person,
                AttributionMethod::NoCue,
                MatchKind::Exact,
            ),
            occ(
                Some(2),
                SpeakerKind::Person,
                AttributionMethod::Continuation,
                MatchKind::Near,
            ),
        ];
        let g = attribute_group(&occs);
        assert_eq!(g.speaker, Some(SpeakerId(1)));
        assert!(g.is_conflict());
        assert_eq!(g.sides[0].evidence, vec![0, 1, 2]);
    }
}
