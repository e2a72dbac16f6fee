//! The story window shared by claim and quote grouping: the coverage of one story (the first
//! report and its follow-ups) is published within [`STORY_WINDOW_MS`]. A claim group, and the
//! reworded or trimmed variants of a quote, stay within one window, so that the same sentence
//! or a formula repeated with another number in unrelated stories months apart does not chain
//! them into one group, and groups stay bounded by what one story gathers however long the
//! corpus runs. Times that are unknown fit any window.

/// The longest span of publication times one group may cover: seven days, a story's coverage and
/// its follow-ups.
pub const STORY_WINDOW_MS: i64 = 7 * 86_400_000;

/// A span of publication times in milliseconds since the Unix epoch: (earliest, latest).
pub type Span = (i64, i64);

/// Whether two spans of publication times fit in one window together; an unknown span fits any.
pub fn fit(a: Option<Span>, b: Option<Span>) -> bool {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => {
            a1.max(b1).abs_diff(a0.min(b0)) <= STORY_WINDOW_MS.unsigned_abs()
        }
        _ => true,
    }
}

/// The times `t` that fit `span` (`fit(at(Some(t)), Some(span))`), as one range: empty when the
/// span itself is longer than a window. Testing a time against it is two comparisons.
pub fn fitting(span: Span) -> std::ops::RangeInclusive<i64> {
    let (earliest, latest) = span;
    if latest.abs_diff(earliest) > STORY_WINDOW_MS.unsigned_abs() {
        #[allow(clippy::reversed_empty_ranges)]
        return 1..=0;
    }
    // a bound beyond the range of times saturates: every time is on its side of it
    latest.saturating_sub(STORY_WINDOW_MS)..=earliest.saturating_add(STORY_WINDOW_MS)
}

/// The times that fit a span ([`fitting`]), tested with one unsigned comparison each: for
/// loops over many times, such as a candidate search's posting lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// The earliest time that fits.
    earliest: i64,
    /// How much later the latest time that fits is.
    length: u64,
}

impl Window {
    /// The times that fit `span`. When none do, the window holds `i64::MIN` alone (no real
    /// time: the earliest a time can be).
    pub fn fitting(span: Span) -> Self {
        let times = fitting(span);
        let (earliest, latest) = (*times.start(), *times.end());
        if earliest > latest {
            return Window {
                earliest: i64::MIN,
                length: 0,
            };
        }
        Window {
            earliest,
            length: latest.abs_diff(earliest),
        }
    }

    /// Whether `t` fits.
    #[inline]
    pub fn contains(self, t: i64) -> bool {
        // below `earliest` the difference wraps past every length
        (t.wrapping_sub(self.earliest) as u64) <= self.length
    }

    /// Whether the window holds some time of `span` (earliest, latest): a whole span of times
    /// that does not meet it can be passed over without testing each.
    #[inline]
    pub fn meets(self, (earliest, latest): Span) -> bool {
        latest >= self.earliest && earliest <= self.earliest.saturating_add_unsigned(self.length)
    }
}

/// The span of one time, if known.
pub fn at(time_ms: Option<i64>) -> Option<Span> {
    time_ms.map(|t| (t, t))
}

/// `span` widened to cover `with` (an unknown `with` leaves it as it is).
pub fn widen(span: Option<Span>, with: Option<Span>) -> Option<Span> {
    match (span, with) {
        (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
        (s, None) => s,
        (None, w) => w,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A window holds the times its range holds, at the edges of the range of times too.
        #[test]
        fn a_window_holds_what_its_range_holds(
            a in proptest::prop_oneof![proptest::num::i64::ANY, -1_000i64..1_000, (i64::MAX - 1_000)..=i64::MAX],
            d in proptest::prop_oneof![0i64..2 * STORY_WINDOW_MS, 0i64..1_000],
            t in proptest::prop_oneof![proptest::num::i64::ANY, -3 * STORY_WINDOW_MS..3 * STORY_WINDOW_MS],
        ) {
            let span = (a, a.saturating_add(d));
            let (window, range) = (Window::fitting(span), fitting(span));
            for t in [t, t.saturating_add(a), a.saturating_sub(t), *range.start(), *range.end()] {
                if t != i64::MIN {
                    proptest::prop_assert_eq!(window.contains(t), range.contains(&t), "{:?} {}", span, t);
                }
            }
            // a span of times meets the window when the window holds one of its times (an
            // empty range's window holds `i64::MIN` alone)
            for other in [(t, t.saturating_add(d)), (t.saturating_sub(d), t), (i64::MIN, t)] {
                let meets = if range.is_empty() {
                    other.0 == i64::MIN
                } else {
                    other.1 >= *range.start() && other.0 <= *range.end()
                };
                proptest::prop_assert_eq!(window.meets(other), meets, "{:?} {:?}", span, other);
            }
        }
    }

    const DAY: i64 = 86_400_000;

    #[test]
    fn spans_fit_when_their_union_is_one_window_at_most() {
        assert!(fit(None, Some((0, 0))));
        assert!(fit(Some((i64::MIN, i64::MAX)), None));
        assert!(
            !fit(Some((i64::MIN, i64::MIN)), Some((i64::MAX, i64::MAX))),
            "no overflow"
        );
        assert!(fit(Some((5 * DAY, 5 * DAY)), Some((-2 * DAY, 0))));
        assert!(!fit(Some((5 * DAY, 5 * DAY)), Some((-3 * DAY, 0))));
        assert!(
            !fit(Some((0, 4 * DAY)), Some((2 * DAY, 8 * DAY))),
            "overlapping, but 8 days"
        );
    }

    #[test]
    fn the_range_of_fitting_times_is_exact_at_its_ends() {
        let w = STORY_WINDOW_MS;
        for span in [(0, 0), (0, 2 * DAY), (-DAY, 6 * DAY), (0, w), (0, w + 1)] {
            for t in [
                span.1 - w - 1,
                span.1 - w,
                span.0 + w,
                span.0 + w + 1,
                span.0,
            ] {
                assert_eq!(
                    fitting(span).contains(&t),
                    fit(at(Some(t)), Some(span)),
                    "{t} in {span:?}"
                );
            }
        }
        assert!(fitting((0, w + 1)).is_empty());
        assert!(fitting((i64::MAX, i64::MAX)).contains(&i64::MAX));
        assert!(fitting((i64::MIN, i64::MIN)).contains(&i64::MIN));
    }

    proptest::proptest! {
        #[test]
        fn a_time_fits_a_span_when_it_is_in_its_range(
            t in proptest::prop_oneof![
                proptest::prelude::any::<i64>(),
                -30 * DAY..30 * DAY,
                proptest::strategy::Just(i64::MIN),
                proptest::strategy::Just(i64::MAX),
            ],
            a in proptest::prop_oneof![
                proptest::prelude::any::<i64>(),
                -30 * DAY..30 * DAY,
                proptest::strategy::Just(i64::MAX),
            ],
            len in proptest::prop_oneof![0..10 * DAY, proptest::prelude::any::<i64>()],
        ) {
            // a span as `at` and `widen` make them: earliest first
            let span = (a.min(a.saturating_add(len)), a.max(a.saturating_add(len)));
            proptest::prop_assert_eq!(
                fitting(span).contains(&t),
                fit(at(Some(t)), Some(span)),
                "{} in {:?}", t, span
            );
        }
    }

    #[test]
    fn widening_covers_both_and_keeps_what_is_known() {
        assert_eq!(widen(None, None), None);
        assert_eq!(widen(at(Some(3)), None), Some((3, 3)));
        assert_eq!(widen(None, at(Some(3))), Some((3, 3)));
        assert_eq!(widen(Some((2, 5)), Some((-1, 4))), Some((-1, 5)));
        assert_eq!(at(None), None);
    }
}
