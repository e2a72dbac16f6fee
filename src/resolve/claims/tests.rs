//! Claim grouping over small invented multi-outlet reports, including facts that must not group.

use super::*;

fn grouper() -> ClaimGrouper {
    let mut g = ClaimGrouper::new();
    // background so that document frequencies are not degenerate
    for (i, t) in [
        "The central bank raised interest rates by a quarter point on Thursday.",
        "Heavy rain flooded several villages in the north of the country.",
        "The football club signed a new striker from Brazil.",
        "Parliament debated the budget for the coming year.",
    ]
    .iter()
    .enumerate()
    {
        g.add(&format!("bg{i}"), t, None);
    }
    g
}

#[test]
fn same_fact_across_outlets_groups_and_counts_outlets() {
    let mut g = grouper();
    let a = g
        .add(
            "ap",
            "The mayor confirmed the bridge will reopen to traffic on Monday.",
            None,
        )
        .unwrap();
    let b = g
        .add(
            "reuters",
            "The bridge will reopen to traffic Monday, the mayor confirmed.",
            None,
        )
        .unwrap();
    let c = g
        .add(
            "ap-copy",
            "The mayor confirmed the bridge will reopen to traffic on Monday.",
            None,
        )
        .unwrap();
    let other = g
        .add(
            "bbc",
            "The mayor's office announced a new park for the city centre.",
            None,
        )
        .unwrap();
    assert_eq!(a.group, b.group);
    assert_eq!(a.group, c.group);
    assert_ne!(a.group, other.group, "same mayor, different fact");
    let source = |art: &str| art.trim_end_matches("-copy").to_string();
    assert_eq!(
        g.corroboration(a.group, source),
        2,
        "a wire copy counts once"
    );
    assert_eq!(g.corroboration(a.group, |a| a.to_string()), 3);
    assert!(g.disagreements(a.group).is_empty());
    assert_eq!(
        g.lookup("bridge reopen traffic Monday mayor")
            .first()
            .map(|x| x.0),
        Some(a.group)
    );
}

#[test]
fn canceled_versus_postponed_is_flagged() {
    let mut g = grouper();
    let a = g
        .add(
            "x",
            "The president canceled his scheduled trip to Saudi Arabia on Wednesday.",
            None,
        )
        .unwrap();
    let b = g
        .add(
            "y",
            "The president postponed his trip to Saudi Arabia scheduled for Wednesday.",
            None,
        )
        .unwrap();
    assert_eq!(a.group, b.group);
    let d = g.disagreements(a.group);
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].reasons,
        vec![Reason::ContradictingWords {
            a: "canceled".into(),
            b: "postponed".into()
        }]
    );
}

#[test]
fn numbers_and_negation_are_flagged() {
    let mut g = grouper();
    let a = g
        .add(
            "x",
            "Russian forces launched 176 drones at Ukraine overnight, the air force said.",
            None,
        )
        .unwrap();
    let b = g
        .add(
            "y",
            "Russian forces launched 140 drones at Ukraine overnight, according to the air force.",
            None,
        )
        .unwrap();
    assert_eq!(a.group, b.group);
    assert!(matches!(
        g.disagreements(a.group)[0].reasons[..],
        [Reason::Numbers { .. }]
    ));
    let c = g
        .add(
            "p",
            "Ukrainian officials attended the talks in Riyadh.",
            None,
        )
        .unwrap();
    let d = g
        .add(
            "q",
            "Ukrainian officials never attended the talks in Riyadh.",
            None,
        )
        .unwrap();
    assert_eq!(c.group, d.group);
    assert_eq!(g.disagreements(c.group)[0].reasons, vec![Reason::Negation]);
}

#[test]
fn agreeing_reports_in_one_article_are_not_disagreements() {
    let mut g = grouper();
    let a = g
        .add("x", "The talks were canceled on Friday.", None)
        .unwrap();
    g.add("x", "The talks were postponed on Friday.", None)
        .unwrap();
    assert!(
        g.disagreements(a.group).is_empty(),
        "one outlet does not disagree with itself"
    );
}

#[test]
fn removal() {
    let mut g = grouper();
    let a = g
        .add("x", "The bridge will reopen to traffic on Monday.", None)
        .unwrap();
    g.add("y", "The bridge will reopen to traffic Monday.", None)
        .unwrap();
    assert!(g.remove_article("x"));
    assert!(!g.remove_article("x"));
    assert_eq!(g.group(a.group).map(<[u32]>::len), Some(1));
    g.remove_article("y");
    assert!(g.group(a.group).is_none());
    assert!(g.add("z", "the of and", None).is_none(), "no content words");
}

#[test]
fn a_claim_close_to_two_unrelated_groups_does_not_bridge_them() {
    let mut g = grouper();
    let a = g
        .add("one", "Apple banana cherry damson elderberry.", None)
        .unwrap();
    let b = g
        .add("two", "Fig grape honeydew kiwi lemon.", None)
        .unwrap();
    assert_ne!(a.group, b.group);
    let c = g
        .add("three", "Apple banana cherry fig grape honeydew.", None)
        .unwrap();
    assert!(c.merged.is_empty(), "{c:?}");
    assert_eq!(g.current_group(a.group), Some(a.group));
    assert_eq!(g.current_group(b.group), Some(b.group));
}

#[test]
fn claims_about_one_event_do_not_chain_into_one_group() {
    let mut g = grouper();
    let a = g
        .add("one", "Apple banana cherry damson elderberry.", None)
        .unwrap();
    let b = g
        .add("two", "Apple banana cherry damson fig.", None)
        .unwrap();
    assert_eq!(a.group, b.group, "the same fact groups");
    let c = g
        .add("three", "Cherry damson fig grape honeydew.", None)
        .unwrap();
    let d = g
        .add("four", "Fig grape honeydew kiwi lemon.", None)
        .unwrap();
    assert_ne!(c.group, a.group, "close to the second claim only: {c:?}");
    assert_ne!(d.group, a.group, "two steps away: {d:?}");
}

#[test]
fn two_shared_words_are_not_a_shared_fact() {
    let mut g = grouper();
    let a = g
        .add("x", "Trump insists Putin wants peace.", None)
        .unwrap();
    let b = g
        .add("y", "President Trump wants to get things done.", None)
        .unwrap();
    assert_ne!(a.group, b.group);
    let c = g.add("x", "However, no date has been set.", None).unwrap();
    let d = g
        .add("y", "No future meeting date had been set.", None)
        .unwrap();
    assert_eq!(c.group, d.group, "a short claim may share all of its words");
}
