//! The story window: a claim group is one story's coverage. A claim joins (or bridges) a group
//! only when the group's claims, with it, were all published within [`STORY_WINDOW_MS`] of
//! each other, so that a sentence repeated across unrelated stories months apart ("relations
//! have fallen to their lowest level in decades") does not chain them into one group with false
//! disagreements, and a group's size stays bounded by what one story gathers, however long the
//! corpus runs. Claims whose time is unknown fit any window.

use super::grouper::ClaimGrouper;
use super::member::ClaimMember;
use crate::resolve::postings::FirstTimes;
use crate::resolve::slots::Slots;
pub use crate::resolve::story::STORY_WINDOW_MS;
use crate::resolve::story::{Span, at, fit, widen};

/// A claim's time, as the stem posting lists summarise their blocks by.
impl FirstTimes for Slots<ClaimMember> {
    fn first_ms(&self, id: u32) -> Option<i64> {
        self.get(id).and_then(ClaimMember::time_ms)
    }
}

impl ClaimGrouper {
    /// Works out again what a candidate search reads of the stem posting lists besides their
    /// ids (after the grouper was read back from a snapshot, which stores the ids alone).
    pub fn index_times(&mut self) {
        self.postings.index_times(&self.members);
    }

    /// How many blocks of stem posting lists have their span of times summarised (for tests: a
    /// grouper read back has as many as the one written).
    #[cfg(test)]
    pub(crate) fn summarised_blocks(&self) -> usize {
        self.postings.summarised_blocks()
    }

    /// Whether claims published over `span` may join `group` (an unknown group never fits).
    pub(super) fn in_story(&self, group: u32, span: Option<Span>) -> bool {
        self.groups.contains(group) && fit(self.spans.get(&group).copied(), span)
    }

    /// Widens `group`'s span to cover `span`.
    pub(super) fn widen_span(&mut self, group: u32, span: Option<Span>) {
        if let Some(w) = widen(self.spans.get(&group).copied(), span) {
            self.spans.insert(group, w);
        }
    }

    /// Whether claim `m` may be in a group a claim published at `time_ms` can join: a group's
    /// claims lie within one window, so a claim more than a window away cannot be (a cheap test
    /// on the claim itself, before its group is looked at).
    pub(super) fn may_share_story(&self, m: u32, time_ms: Option<i64>) -> bool {
        self.members
            .get(m)
            .is_some_and(|x| fit(at(x.time_ms()), at(time_ms)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;
    const BACKGROUND: &str =
        "Relations between the two countries have fallen to their lowest level in decades.";

    #[test]
    fn the_same_sentence_in_stories_months_apart_starts_a_new_group() {
        let mut g = ClaimGrouper::new();
        let a = g.add_at("a", BACKGROUND, None, Some(0));
        let b = g.add_at("b", BACKGROUND, None, Some(3 * DAY));
        let c = g.add_at("c", BACKGROUND, None, Some(90 * DAY));
        let d = g.add_at("d", BACKGROUND, None, Some(92 * DAY));
        let group = |x: &Option<super::super::ClaimAssignment>| x.as_ref().map(|x| x.group);
        assert_eq!(group(&a), group(&b), "one story");
        assert_ne!(group(&a), group(&c), "months later: another story");
        assert_eq!(
            group(&c),
            group(&d),
            "the later story gathers its own coverage"
        );
        // the first claim of a group anchors the window: a chain of daily repeats does not
        // stretch it
        let mut g = ClaimGrouper::new();
        let groups: Vec<Option<u32>> = (0..20)
            .map(|day| group(&g.add_at(&format!("x{day}"), BACKGROUND, None, Some(day * DAY))))
            .collect();
        assert_eq!(groups[0], groups[7]);
        assert_ne!(groups[0], groups[8]);
    }

    #[test]
    fn claims_without_a_time_group_as_before() {
        let mut g = ClaimGrouper::new();
        let a = g.add_at("a", BACKGROUND, None, Some(0));
        let b = g.add("b", BACKGROUND, None);
        let c = g.add_at("c", BACKGROUND, None, Some(400 * DAY));
        assert_eq!(a.as_ref().map(|x| x.group), b.as_ref().map(|x| x.group));
        assert_ne!(a.map(|x| x.group), c.map(|x| x.group));
    }

    #[test]
    fn a_late_claim_does_not_bridge_two_old_stories() {
        let mut g = ClaimGrouper::new();
        let a = g.add_at("a", BACKGROUND, None, Some(0));
        let b = g.add_at("b", BACKGROUND, None, Some(30 * DAY));
        let c = g.add_at("c", BACKGROUND, None, Some(15 * DAY));
        let groups = [a, b, c].map(|x| x.map(|x| x.group));
        assert_ne!(groups[0], groups[1]);
        assert_ne!(groups[2], groups[0], "fifteen days from either first claim");
        assert_ne!(groups[2], groups[1]);
        assert!(g.group_ids().count() == 3);
    }

    #[test]
    fn passing_over_blocks_of_other_times_groups_as_reading_every_claim() {
        // claims on three subjects over four months, three a day, some late, some without a
        // time, some taken back; one grouper reads whole lists (its summaries forgotten
        // before each claim), the other passes over blocks of other times
        let subjects = [
            "The council will spend {n} million on the new bridge over the river.",
            "Relations between the two countries fell to their lowest level in {n} years.",
            "The minister said {n} schools would close because of the storm.",
        ];
        let (mut summarised, mut whole) = (ClaimGrouper::new(), ClaimGrouper::new());
        for n in 0..420u32 {
            let text = subjects[n as usize % 3].replace("{n}", &(n % 17).to_string());
            // some arrive two months late: only an early block of a list holds their story
            let late = match n % 40 {
                20 => 60,
                0 | 10 | 30 => 9,
                _ => 0,
            };
            let day = i64::from(n / 3) - late;
            // a time not known keeps its block read: a few, early on
            let time = (n % 97 != 3).then_some(day * DAY);
            whole.postings.forget_times();
            let article = format!("a{n}");
            let a = summarised.add_at(&article, &text, None, time);
            let b = whole.add_at(&article, &text, None, time);
            assert_eq!(a, b, "claim {n}");
            if n % 50 == 49 {
                let gone = format!("a{}", n - 25);
                assert!(summarised.remove_article(&gone) && whole.remove_article(&gone));
            }
        }
        assert!(summarised.postings.summarised_blocks() > 8);
    }
}
