//! One claim as the grouper keeps it, in as few bytes as the comparisons allow: a corpus keeps
//! about ten claims per article, so each byte here is ten per article.

use super::content::ClaimContent;
use super::similarity::Features;
use crate::resolve::speakers::SpeakerId;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What two claims' disagreement is judged on besides their stems: polarity, numbers and
/// contradiction-table words. A stored claim's lists are read only when asked for: most
/// comparisons stop before them, and they sit behind a pointer.
#[derive(Clone, Copy, Debug)]
pub(super) struct Marks<'a> {
    /// True when the main clause is negated an odd number of times.
    pub(super) negative: bool,
    lists: Lists<'a>,
}

/// Where a [`Marks`]' lists are.
#[derive(Clone, Copy, Debug)]
enum Lists<'a> {
    /// A new claim's content.
    Content(&'a ClaimContent),
    /// A stored claim's rare lists, if it has any.
    Kept(Option<&'a Rare>),
}

impl<'a> Marks<'a> {
    /// Numbers mentioned, sorted, deduplicated.
    pub(super) fn numbers(self) -> &'a [String] {
        match self.lists {
            Lists::Content(c) => &c.numbers,
            Lists::Kept(r) => r.map_or(&[], |r| &r.numbers),
        }
    }

    /// Contradiction-table entries used: (pair, side, the word as written).
    pub(super) fn contra(self) -> &'a [(u16, u8, String)] {
        match self.lists {
            Lists::Content(c) => &c.contra,
            Lists::Kept(r) => r.map_or(&[], |r| &r.contra),
        }
    }
}

impl ClaimContent {
    /// Its marks, as compared.
    pub(super) fn marks(&self) -> Marks<'_> {
        Marks {
            negative: self.negative,
            lists: Lists::Content(self),
        }
    }
}

/// A claim's numbers and contradiction words, which most claims lack: kept behind one pointer
/// that is null for them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Rare {
    numbers: Box<[String]>,
    contra: Box<[(u16, u8, String)]>,
}

/// [`ClaimMember::time_ms`] when the time is not known.
const NO_TIME: i64 = i64::MIN;

/// One claim as stored.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ClaimMember {
    /// The article it came from.
    pub article: Arc<str>,
    /// Hashes of its stems, sorted: a cheap membership test while finding candidates. The
    /// stems themselves are not kept (the text is the index's to keep, once).
    stem_hashes: Box<[u64]>,
    /// Its numbers and contradiction words, when it has any.
    rare: Option<Box<Rare>>,
    /// Publication time of its article in ms, or [`NO_TIME`].
    time: i64,
    /// Who made it, when known.
    pub claimant: Option<SpeakerId>,
    /// Its group.
    pub group: u32,
    /// True when its main clause is negated an odd number of times.
    negative: bool,
}

impl ClaimMember {
    /// A claim of `content` (its stems hashed into `stem_hashes`, sorted), in `group`.
    pub(super) fn new(
        article: Arc<str>,
        content: ClaimContent,
        stem_hashes: Vec<u64>,
        claimant: Option<SpeakerId>,
        group: u32,
        time_ms: Option<i64>,
    ) -> Self {
        let rare = (!content.numbers.is_empty() || !content.contra.is_empty()).then(|| {
            Box::new(Rare {
                numbers: content.numbers.into_boxed_slice(),
                contra: content.contra.into_boxed_slice(),
            })
        });
        ClaimMember {
            article,
            stem_hashes: stem_hashes.into_boxed_slice(),
            rare,
            // a time of i64::MIN ms (about 292 million years BC) is read as unknown
            time: time_ms.unwrap_or(NO_TIME),
            claimant,
            group,
            negative: content.negative,
        }
    }

    /// When its article was published, when known (see [`super::STORY_WINDOW_MS`]).
    pub fn time_ms(&self) -> Option<i64> {
        (self.time != NO_TIME).then_some(self.time)
    }

    /// Hashes of its stems, sorted.
    pub(super) fn stem_hashes(&self) -> &[u64] {
        &self.stem_hashes
    }

    /// Its marks, as compared.
    pub(super) fn marks(&self) -> Marks<'_> {
        Marks {
            negative: self.negative,
            lists: Lists::Kept(self.rare.as_deref()),
        }
    }

    /// Its features, as compared.
    pub(super) fn features(&self) -> Features<'_> {
        Features {
            marks: self.marks(),
            hashes: &self.stem_hashes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_keeps_what_its_content_says() {
        let c = ClaimContent::of("Zelensky canceled his trip after 176 drones hit Kyiv");
        let (numbers, contra, negative) = (c.numbers.clone(), c.contra.clone(), c.negative);
        assert!(!numbers.is_empty() && !contra.is_empty());
        let m = ClaimMember::new(Arc::from("a"), c, vec![1, 2], None, 3, Some(-5));
        assert_eq!(m.marks().numbers(), &numbers[..]);
        assert_eq!(m.marks().contra(), &contra[..]);
        assert_eq!(m.marks().negative, negative);
        assert_eq!(m.time_ms(), Some(-5));
        assert_eq!(m.stem_hashes(), [1, 2]);

        let plain = ClaimContent::of("No officials spoke to reporters on Tuesday");
        assert!(plain.numbers.is_empty() && plain.contra.is_empty());
        let m = ClaimMember::new(Arc::from("b"), plain, vec![], None, 0, None);
        assert!(m.rare.is_none(), "nothing rare, nothing kept");
        assert!(m.marks().negative && m.marks().numbers().is_empty());
        assert_eq!(m.time_ms(), None);
    }

    #[test]
    fn a_member_is_small() {
        // article 16, hashes 16, rare 8, time 8, claimant 8, group 4, negative 1
        assert!(std::mem::size_of::<ClaimMember>() <= 64);
    }
}
