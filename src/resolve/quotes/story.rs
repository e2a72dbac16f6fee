//! A quote's variants are one story's: the same words join their variant whenever they are
//! published, but a new wording (a fragment, or a word or two changed) joins a group only when
//! the group's wordings, with it, were first published within one story window
//! ([`crate::resolve::story`]). A formula a speaker repeats months later with another number
//! ("we will raise wages by 4 percent", "by 6 percent") is another statement, not a misquote
//! of the first; inside one story the same change is an outlet's misquote, which the group shows.

use super::matcher::{QuoteMatcher, Variant};
use crate::resolve::slots::Slots;
use crate::resolve::story::{self, Span};

impl QuoteMatcher {
    /// Candidate variants a new wording published at `time_ms` may link to: those whose group
    /// it fits in one story window with.
    pub(super) fn candidates_in_story(&self, tokens: &[u64], time_ms: Option<i64>) -> Vec<u32> {
        let at = story::at(time_ms);
        self.candidates_where(tokens, 0, at, |v| {
            // the search passed over variants first published outside the window; a group
            // spans its variants' first times, so its span decides
            self.variant(v)
                .and_then(|var| self.group(var.group))
                .is_some_and(|g| story::fit(g.span, at))
        })
    }
}

/// The span of the first publication times of `ids` (those known).
pub(super) fn story_span(variants: &Slots<Variant>, ids: &[u32]) -> Option<Span> {
    ids.iter()
        .filter_map(|&v| variants.get(v))
        .fold(None, |span, var| {
            story::widen(span, story::at(var.first_ms))
        })
}

#[cfg(test)]
mod tests {
    use super::super::{MatchKind, QuoteMatcher};

    const DAY: i64 = 86_400_000;
    const SAID: &str = "We will raise the minimum wage by four percent before the end of the year";
    const REWORDED: &str =
        "We will raise the minimum wage by six percent before the end of the year";
    const FRAGMENT: &str = "raise the minimum wage by four percent";

    fn group(m: &mut QuoteMatcher, article: &str, text: &str, at: Option<i64>) -> Option<u32> {
        m.add_at(article, text, at).map(|a| a.group)
    }

    #[test]
    fn a_changed_word_joins_within_the_story_and_not_months_later() {
        let mut m = QuoteMatcher::new();
        let first = group(&mut m, "a", SAID, Some(0));
        let misquote = m.add_at("b", REWORDED, Some(2 * DAY));
        assert_eq!(
            misquote.map(|a| (Some(a.group), a.kind)),
            Some((first, MatchKind::Near))
        );
        // the same change two months later is another statement
        let mut m = QuoteMatcher::new();
        let first = group(&mut m, "a", SAID, Some(0));
        let later = group(&mut m, "b", REWORDED, Some(60 * DAY));
        assert!(later.is_some());
        assert_ne!(later, first);
        // and so is a fragment
        assert_ne!(group(&mut m, "c", FRAGMENT, Some(90 * DAY)), first);
        // but the same words as the later fragment join it, and another fragment inside the
        // story joins the story
        assert_ne!(group(&mut m, "d", FRAGMENT, Some(DAY)), first);
        let inside = "the minimum wage by four percent before the end";
        assert_eq!(group(&mut m, "e", inside, Some(DAY)), first);
    }

    #[test]
    fn the_same_words_join_their_variant_whenever_published() {
        let mut m = QuoteMatcher::new();
        let a = m.add_at("a", SAID, Some(0));
        let b = m.add_at("b", SAID, Some(400 * DAY));
        assert_eq!(
            a.map(|a| (a.variant, a.group)),
            b.map(|b| (b.variant, b.group))
        );
        // an exact repeat does not move the story: a rewording near it still needs the first
        let c = group(&mut m, "c", REWORDED, Some(401 * DAY));
        assert_ne!(c, a.map(|a| a.group));
        let g = a.and_then(|a| m.group(a.group)).and_then(|g| g.span);
        assert_eq!(g, Some((0, 0)));
    }

    #[test]
    fn the_first_wording_anchors_the_window() {
        // a chain of daily rewordings (one word changed each day, each near the root) does not
        // stretch a group past seven days
        let mut m = QuoteMatcher::new();
        let words = [
            "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        ];
        let groups: Vec<Option<u32>> = words
            .iter()
            .zip(0..)
            .map(|(w, day)| {
                let text = SAID.replace("four", w);
                group(&mut m, &format!("x{day}"), &text, Some(day * DAY))
            })
            .collect();
        assert_eq!(groups[0], groups[7]);
        assert_ne!(groups[0], groups[8]);
        assert_eq!(
            m.group(groups[0].unwrap_or_default()).and_then(|g| g.span),
            Some((0, 7 * DAY))
        );
    }

    #[test]
    fn unknown_times_fit_any_story() {
        let mut m = QuoteMatcher::new();
        let a = group(&mut m, "a", SAID, Some(0));
        let b = group(&mut m, "b", SAID, Some(100 * DAY));
        let undated = group(&mut m, "c", REWORDED, None);
        assert_eq!(a, b);
        assert_eq!(undated, a);
        let mut m = QuoteMatcher::new();
        let a = group(&mut m, "a", SAID, None);
        assert_eq!(group(&mut m, "b", REWORDED, Some(100 * DAY)), a);
    }

    #[test]
    fn removing_a_wording_narrows_its_group_span() {
        let mut m = QuoteMatcher::new();
        let early = group(&mut m, "early", SAID, Some(0));
        let late = group(&mut m, "late", FRAGMENT, Some(6 * DAY));
        assert_eq!(early, late);
        // a rewording at day 10 fits only once the day-0 wording is gone
        assert!(m.remove_article("early"));
        let g = late.and_then(|g| m.group(g)).and_then(|g| g.span);
        assert_eq!(g, Some((6 * DAY, 6 * DAY)));
        let reworded = "the minimum wage by four percent before the end of the year, we will raise";
        assert_eq!(group(&mut m, "ten", reworded, Some(10 * DAY)), late);
    }

    #[test]
    fn stale_wordings_do_not_crowd_out_the_story() {
        // more old rewordings than are ever verified, each as close to the query as the story's
        // own; the new wording must still find the story's
        let mut m = QuoteMatcher::new();
        for i in 0..100 {
            m.add_at(
                &format!("old{i}"),
                &SAID.replace("four", &format!("n{i}")),
                Some(0),
            );
        }
        let old = group(&mut m, "old0", &SAID.replace("four", "n0"), Some(0));
        let story = group(
            &mut m,
            "story",
            &SAID.replace("four", "story"),
            Some(60 * DAY),
        );
        assert_ne!(story, old);
        let query = SAID.replace("four", "seventy");
        assert_eq!(group(&mut m, "new", &query, Some(61 * DAY)), story);
    }
}
