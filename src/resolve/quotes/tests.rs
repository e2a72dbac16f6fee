//! Quote grouping over small invented multi-outlet articles, including quotes that must not group.

use super::*;

#[test]
fn exact_after_normalisation() {
    let mut m = QuoteMatcher::new();
    let a = m
        .add(
            "ap",
            "“Today is the first step of a long and difficult journey, but an important one,”",
        )
        .unwrap();
    let b = m
        .add(
            "rt",
            "today is the first step of a long -- and difficult -- journey; but an IMPORTANT one",
        )
        .unwrap();
    assert_eq!((a.variant, a.group), (b.variant, b.group));
    assert_eq!(b.kind, MatchKind::Exact);
    assert_eq!(m.variant(a.variant).unwrap().refs, 2);
}

#[test]
fn fragment_joins_the_longer_quote_either_order() {
    let long = "We must take action, and today we took an important step forward.";
    let frag = "an important step forward";
    for order in [[long, frag], [frag, long]] {
        let mut m = QuoteMatcher::new();
        let a = m.add("x", order[0]).unwrap();
        let b = m.add("y", order[1]).unwrap();
        assert_eq!(a.group, b.group, "{order:?}");
        assert_eq!(b.kind, MatchKind::Contained);
        let g = m.group(a.group).unwrap();
        assert_eq!(
            m.variant(g.root).unwrap().text,
            long,
            "the longer wording is canonical"
        );
    }
}

#[test]
fn near_variants_link_with_a_score() {
    let mut m = QuoteMatcher::new();
    let a = m
        .add(
            "x",
            "We cannot acknowledge anything, any arrangements about us that were made without us",
        )
        .unwrap();
    let b = m
        .add(
            "y",
            "We cannot accept anything, any arrangements about us that were made without us",
        )
        .unwrap();
    assert_eq!(a.group, b.group);
    assert_eq!(b.kind, MatchKind::Near);
    assert!(b.score > 0.85 && b.score < 1.0, "{}", b.score);
}

#[test]
fn different_quotes_stay_apart() {
    let mut m = QuoteMatcher::new();
    let a = m
        .add(
            "x",
            "The European Union is going to have to be at the table at some point",
        )
        .unwrap();
    let b = m
        .add(
            "y",
            "Russia is not going to be at the table at any point this year",
        )
        .unwrap();
    let c = m.add("z", "robust and reliable").unwrap();
    let d = m
        .add("w", "robust and reliable security guarantees for Ukraine")
        .unwrap();
    assert_ne!(a.group, b.group);
    assert_ne!(c.group, d.group, "three words or fewer only match exactly");
    let e = m.add("v", "at the table").unwrap();
    assert!(e.group != a.group && e.group != b.group);
}

#[test]
fn lookup_by_fragment_in_any_form() {
    let mut m = QuoteMatcher::new();
    let g = m
        .add(
            "x",
            "One phone call followed by one meeting is not sufficient to establish enduring peace,",
        )
        .unwrap()
        .group;
    m.add("y", "We not only listened, but also heard each other")
        .unwrap();
    let hit = |q: &str| m.lookup(q).first().copied();
    let exact =
        hit("one phone call followed by one meeting is NOT sufficient to establish enduring peace")
            .unwrap();
    assert_eq!((exact.group, exact.kind), (g, MatchKind::Exact));
    let contained = hit("\"followed by one meeting\"").unwrap();
    assert_eq!(
        (contained.group, contained.kind, contained.score),
        (g, MatchKind::Contained, 1.0)
    );
    let near = hit(
        "one phone call followed by a single meeting is not enough to establish enduring peace",
    )
    .unwrap();
    assert_eq!((near.group, near.kind), (g, MatchKind::Near));
    assert!(near.score >= NEAR_MIN_SCORE && near.score < 1.0);
    assert!(
        m.lookup("the meeting was followed by a phone call")
            .is_empty()
    );
    assert!(m.lookup("").is_empty() && m.lookup("“ — ”").is_empty());
}

#[test]
fn judge_returns_every_matching_wording_of_a_group_once() {
    let mut m = QuoteMatcher::new();
    let long = "We must take action, and today we took an important step forward for everyone.";
    let wordings = [
        long,
        "today we took an important step forward",
        "We must take action, and today we took an important step forward",
        "we took an important step",
    ];
    let group = m.add("a", wordings[0]).unwrap().group;
    for (k, w) in wordings.iter().enumerate().skip(1) {
        assert_eq!(m.add(&format!("a{k}"), w).unwrap().group, group, "{w}");
    }
    m.add("z", "Nothing about steps here, only the weather today.")
        .unwrap();
    let query = quote_tokens("today we took an important step forward");
    let found = m.judge(&query);
    assert_eq!(found.len(), 1, "one group: {found:?}");
    assert_eq!(found[0].group, group);
    let expected: Vec<WordingMatch> = m
        .group(group)
        .unwrap()
        .variants
        .iter()
        .filter_map(|&v| {
            let var = m.variant(v)?;
            let (kind, score) = relate_tokens(&query, &var.tokens)?;
            Some(WordingMatch {
                variant: v,
                kind,
                score,
                words: var.tokens.len(),
            })
        })
        .collect();
    assert_eq!(
        found[0].wordings, expected,
        "each wording judged as relate does"
    );
    assert_eq!(
        found[0].wordings.iter().map(|w| w.kind).collect::<Vec<_>>(),
        [MatchKind::Contained, MatchKind::Exact, MatchKind::Contained],
        "the shorter fragment does not contain the query"
    );
    assert!(m.judge(&[]).is_empty());
}

#[test]
fn removal_cleans_postings_and_roots() {
    let mut m = QuoteMatcher::new();
    let long = m
        .add(
            "a",
            "We must take action, and today we took an important step forward.",
        )
        .unwrap();
    let frag = m.add("b", "an important step forward").unwrap();
    assert!(m.remove_article("a"));
    assert!(!m.remove_article("a"));
    let g = m.group(frag.group).unwrap();
    assert_eq!(
        g.root, frag.variant,
        "root falls back to the remaining variant"
    );
    assert!(m.variant(long.variant).is_none());
    assert!(m.lookup("today we took an important").is_empty());
    m.remove_article("b");
    assert_eq!(m.group_count(), 0);
    assert!(m.postings.is_empty() && m.exact.is_empty());
}

#[test]
fn stop_pairs_bound_the_work_but_keep_links() {
    // thousands of near-identical quotes make most word pairs stop-pairs
    let mut m = QuoteMatcher::new();
    let say = |n: usize| format!("Prices will rise {n} percent by the end of the year");
    let first = m.add("a0", &say(0)).unwrap();
    for n in 1..2_100 {
        m.add(&format!("a{n}"), &say(n)).unwrap();
    }
    let next = m.add("b", &say(9_999)).unwrap();
    assert_eq!(next.group, first.group, "a near variant still links");
    assert_eq!(next.kind, MatchKind::Near);
    let other = m
        .add(
            "c",
            "Prices will rise sharply once the port closes for winter",
        )
        .unwrap();
    assert_ne!(
        other.group, first.group,
        "three shared words are not a link"
    );
    let found = m.lookup(&say(42));
    assert_eq!(found.first().map(|f| f.kind), Some(MatchKind::Exact));
}

#[test]
fn a_stock_phrase_does_not_chain_different_quotes() {
    let mut m = QuoteMatcher::new();
    let mut group = |article: &str, text: &str| m.add(article, text).map(|a| a.group);
    // a verbal tic, then two different quotes that both contain it
    let tic = group("a", "I want to be very clear");
    let one = group(
        "b",
        "I want to be very clear: the pipeline will not be built without a transit contract",
    );
    assert_eq!(one, tic, "a longer wording of the phrase joins it");
    let two = group(
        "c",
        "I want to be very clear: our delegation will stay in the capital as long as it takes",
    );
    assert_ne!(
        two, one,
        "sharing the phrase alone does not make it the same quote"
    );
    // a fragment of the first quote still joins it, and the phrase matches both groups
    let frag = group(
        "d",
        "the pipeline will not be built without a transit contract",
    );
    assert_eq!(frag, one);
    let (Some(one), Some(two)) = (one, two) else {
        panic!("every quote has words");
    };
    let groups: Vec<u32> = m
        .lookup("i want to be very clear")
        .iter()
        .map(|x| x.group)
        .collect();
    assert!(groups.contains(&one) && groups.contains(&two), "{groups:?}");
}

proptest::proptest! {
    /// Looking for containments first, and aligning only what can beat the best near match so
    /// far, picks the link a single pass over every full verdict picks.
    #[test]
    fn containments_first_pick_the_same_link(quotes in proptest::collection::vec(proptest::collection::vec(0u32..14, 1..16), 1..40)) {
        use super::verdict::{Wording, relate_either_way};
        let mut m = QuoteMatcher::new();
        for (i, q) in quotes.iter().enumerate() {
            let text = q.iter().map(|w| format!("w{w}")).collect::<Vec<_>>().join(" ");
            let tokens = quote_tokens(&text);
            let candidates = m.candidates(&tokens, 0);
            let single = m.best_of(&candidates, Wording::of(&tokens), |a, b, _| relate_either_way(a, b), &mut rustc_hash::FxHashMap::default());
            proptest::prop_assert_eq!(m.best_link(&tokens, None), single);
            m.add(&format!("a{}", i % 3), &text);
        }
    }
}
