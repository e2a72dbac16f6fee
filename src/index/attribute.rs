//! "Who said these words?": match a text against stored quotes (exact, contained, near) and
//! rank the speakers the matching occurrences name.

mod rank;

use super::error::{Error, Result};
use super::quotes::{Occurrence, QuoteGroup};
use super::{Index, keys};
use crate::resolve::quotes::WordingMatch;
use rank::{insert_sorted, rank};
use std::sync::Arc;

/// Outlets as a lookup sums them up, sorted, distinct: a side names one or two, so they stay
/// inline instead of costing an allocation per (quote, speaker) matched.
type Outlets<'a> = smallvec::SmallVec<[&'a str; 4]>;

/// How many [`MatchKind`]s there are.
const KINDS: usize = 3;
const _: () = assert!(MatchKind::Exact as usize + 1 == KINDS && MatchKind::Near as usize == 0);

/// Most evidence (matched quotes) returned per candidate, strongest first.
pub const MAX_EVIDENCE: usize = 16;
/// Most occurrences returned per piece of evidence, earliest first.
pub const MAX_EVIDENCE_OCCURRENCES: usize = 16;

/// How the query matched a stored quote. Ordered: a later variant is a stronger match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Most of the query's word shingles appear in the quote.
    Near,
    /// The query's words appear, contiguous, inside a longer quote.
    Contained,
    /// The same words.
    Exact,
}

/// One matched quote behind a candidate, with the occurrences that name the candidate.
#[derive(Clone, Debug)]
pub struct Evidence {
    /// The quote.
    pub quote: Arc<QuoteGroup>,
    /// How it matched.
    pub kind: MatchKind,
    /// Match strength in `[0, 1]`.
    pub score: f64,
    /// How many occurrences attribute the quote to the candidate and match this way.
    pub occurrence_count: usize,
    /// The earliest [`MAX_EVIDENCE_OCCURRENCES`] of them, with [`Detail::Occurrences`]; none
    /// with [`Detail::Counts`].
    pub occurrences: Vec<Occurrence>,
}

/// One ranked answer.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The speaker id; `None` for occurrences that name nobody.
    pub speaker: Option<String>,
    /// Ranking score in `[0, 1]`.
    pub score: f64,
    /// The strongest match kind among the evidence.
    pub kind: MatchKind,
    /// Outlets (as written) whose articles attribute the words to the speaker, sorted.
    pub outlets: Vec<String>,
    /// The evidence, best first (at most [`MAX_EVIDENCE`]).
    pub evidence: Vec<Evidence>,
}

/// What [`Index::attribute`] copies out of each piece of evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// How many occurrences back it ([`Evidence::occurrence_count`]), not the occurrences.
    Counts,
    /// The earliest [`MAX_EVIDENCE_OCCURRENCES`] occurrences too.
    Occurrences,
}

impl Index {
    /// Matches `text` against stored quotes and ranks speakers; at most `max` candidates, with
    /// their evidence in `detail`.
    pub fn attribute(&self, text: &str, max: usize, detail: Detail) -> Result<Vec<Candidate>> {
        let words = keys::words(text);
        if words.is_empty() {
            return Err(Error::invalid("text", "must contain at least one word"));
        }
        // Exact, contained and near matches come from the resolver's word-pair postings. A group
        // holds fragments and variants: each of its distinct wordings is judged once, on the
        // resolver's tokens under its read lock, and the occurrences are then summed up by
        // wording without the lock.
        let query = crate::resolve::quotes::quote_tokens(text);
        let found = self.inner.resolver.read().quotes.judge(&query);
        let groups: Vec<Judged> = found
            .into_iter()
            .filter_map(|found| {
                let key = super::resolution::quote_key(found.group);
                let g = Arc::clone(&*self.inner.quotes.get(&key)?);
                let wordings = found
                    .wordings
                    .iter()
                    .map(|w| {
                        let (kind, score) = verdict(w, words.len());
                        (w.variant, kind, score)
                    })
                    .collect();
                Some((g, wordings))
            })
            .collect();
        let mut matches: Vec<Match<'_>> = Vec::new();
        // where each (kind, speaker) of the group at hand sits in `matches`, by kind and the
        // speaker's number in the group (no string is hashed or compared)
        let mut slots: Vec<usize> = Vec::new();
        let mut reached = Vec::new();
        for (g, wordings) in &groups {
            // each matching wording's sides, summed up once per version of the group
            let first = matches.len();
            let tallies = g.tallies();
            slots.clear();
            let speakers = tallies.speaker_count();
            slots.resize(KINDS * speakers, usize::MAX);
            for &(variant, kind, score) in wordings {
                for side in tallies.sides(variant) {
                    let slot = kind as usize * speakers + side.speaker_no as usize;
                    let Some(at) = slots.get_mut(slot) else {
                        continue;
                    };
                    if *at == usize::MAX {
                        *at = matches.len();
                        let speaker = (tallies.speaker(side), tallies.speaker_hash(side));
                        matches.push(Match::new(g, kind, speaker));
                    }
                    let Some(m) = matches.get_mut(*at) else {
                        continue;
                    };
                    m.score = m.score.max(score.min(1.0));
                    m.confidence.0 += side.confidence;
                    m.confidence.1 += side.occurrences as usize;
                    for outlet in tallies.outlets(side) {
                        insert_sorted(&mut m.outlets, outlet);
                    }
                    if detail == Detail::Occurrences {
                        let earliest = tallies.earliest(side).iter().map(|&k| k as usize);
                        m.occurrences.extend(earliest);
                    }
                }
            }
            // the group's matches in the one order of (kind, speaker), the order of their slots
            // (the speakers are numbered in their order), whatever order they were reached in
            in_slot_order(&mut matches, first, &slots, &mut reached);
            for m in &mut matches[first..] {
                // the reply carries the earliest occurrences; the rest count in the totals
                m.occurrences.sort_unstable();
                m.occurrences.truncate(MAX_EVIDENCE_OCCURRENCES);
            }
        }
        // only the answers returned own their strings and copy their occurrences
        Ok(rank(matches, max))
    }
}

/// A published quote and its wordings the query matches: (resolver variant id, kind, score).
type Judged = (Arc<QuoteGroup>, Vec<(u32, MatchKind, f64)>);

/// The occurrences of one quote that match the query one way and name one speaker, summed up;
/// borrowed from the quote until the ranking is done.
struct Match<'a> {
    quote: &'a Arc<QuoteGroup>,
    kind: MatchKind,
    score: f64,
    speaker: Option<&'a str>,
    /// Its hash ([`super::tally::speaker_hash`]), by which the ranking keys speakers.
    speaker_hash: u64,
    /// Sum and number of the occurrences' confidences.
    confidence: (f64, usize),
    /// Their outlets, sorted, distinct.
    outlets: Outlets<'a>,
    /// Positions of the earliest [`MAX_EVIDENCE_OCCURRENCES`] in the quote's occurrences.
    occurrences: Vec<usize>,
}

impl<'a> Match<'a> {
    /// Nothing summed up yet, for `speaker` (with its hash).
    fn new(
        quote: &'a Arc<QuoteGroup>,
        kind: MatchKind,
        (speaker, speaker_hash): (Option<&'a Arc<str>>, u64),
    ) -> Self {
        Match {
            quote,
            kind,
            score: 0.0,
            speaker: speaker.map(|s| &**s),
            speaker_hash,
            confidence: (0.0, 0),
            outlets: Outlets::new(),
            occurrences: Vec::new(),
        }
    }
}

/// Puts `matches[first..]` in the order of their positions in `slots` (each a position in
/// `matches`, or `usize::MAX` for none): the order of (kind, speaker) a group's slots are laid out
/// in. Each match is moved twice, where a sort of these large records moves them many times;
/// `reached` is scratch space, left empty.
fn in_slot_order<'a>(
    matches: &mut Vec<Match<'a>>,
    first: usize,
    slots: &[usize],
    reached: &mut Vec<Option<Match<'a>>>,
) {
    if matches.len().saturating_sub(first) < 2 {
        return;
    }
    reached.clear();
    reached.extend(matches.drain(first..).map(Some));
    for &at in slots.iter().filter(|&&at| at != usize::MAX) {
        if let Some(m) = at
            .checked_sub(first)
            .and_then(|i| reached.get_mut(i)?.take())
        {
            matches.push(m);
        }
    }
    // every match has its slot; were one left, it would still be kept
    matches.extend(reached.drain(..).flatten());
}

/// How the query relates to one wording, for the ranking: a contained fragment scores by how
/// much of the quote it covers (`query_words` over the wording's words).
fn verdict(w: &WordingMatch, query_words: usize) -> (MatchKind, f64) {
    use crate::resolve::quotes::MatchKind as Resolved;
    let kind = match w.kind {
        Resolved::Exact => MatchKind::Exact,
        Resolved::Contained => MatchKind::Contained,
        Resolved::Near => MatchKind::Near,
    };
    let score = match kind {
        MatchKind::Contained => query_words as f64 / w.words.max(1) as f64,
        _ => f64::from(w.score),
    };
    (kind, score)
}
