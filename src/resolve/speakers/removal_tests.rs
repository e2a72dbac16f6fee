//! Articles removed and added again: removal undoes everything an article brought (no stale
//! keys), re-adding replaces it, and mention and quote totals follow every change.

use super::tests::person;
use super::*;

#[test]
fn removal_undoes_an_article() {
    let mut r = SpeakerRegistry::new();
    let a = r.add(
        "a",
        &person("Sergey Lavrov", &[("Sergey Lavrov", 1)], &[]),
        1,
    );
    r.add(
        "b",
        &person("Sergei Lavrov", &[("Sergei Lavrov", 2)], &[]),
        1,
    );
    assert!(r.remove_article("b"));
    assert!(!r.remove_article("b"));
    let s = r.get(a).unwrap();
    assert_eq!((s.articles.len(), s.quotes()), (1, 1));
    assert!(!s.aliases.contains_key("Sergei Lavrov"));
    r.remove_article("a");
    assert!(r.is_empty());
    assert!(r.lookup("Lavrov").is_empty(), "no stale keys");
    assert!(r.surnames.is_empty() && r.fuzzy.is_empty() && r.aliases.is_empty());
}

#[test]
fn re_adding_an_article_replaces_it() {
    let mut r = SpeakerRegistry::new();
    let ex = crate::model::Extraction {
        speakers: vec![person("Marco Rubio", &[("Rubio", 2)], &[])],
        ..Default::default()
    };
    let ids = r.add_extraction("a", &ex);
    let again = r.add_extraction("a", &ex);
    assert_eq!(r.len(), 1);
    assert_eq!(
        r.get(again[0]).unwrap().aliases.get("Rubio"),
        Some(&2),
        "counted once"
    );
    assert!(r.get(ids[0]).is_none(), "ids are never reused");
}
#[test]
fn mention_and_quote_totals_follow_adds_and_removals() {
    let mut r = SpeakerRegistry::new();
    let lavrov = |n: u32| person("Sergey Lavrov", &[("Lavrov", n), ("Sergey Lavrov", 1)], &[]);
    let id = r.add("a1", &lavrov(3), 2);
    assert_eq!(r.add("a2", &lavrov(1), 0), id);
    assert_eq!(r.add("a3", &lavrov(5), 4), id);
    r.add("a3", &person("Sergei Lavrov", &[], &[]), 1);
    let sums = |r: &SpeakerRegistry| {
        let s = r.get(id).expect("live");
        let mentions: u32 = s.articles.values().map(|a| a.mentions).sum();
        let quotes: u32 = s.articles.values().map(|a| a.quotes).sum();
        assert_eq!((s.mentions(), s.quotes()), (mentions, quotes));
        (mentions, quotes)
    };
    assert_eq!(sums(&r), (4 + 2 + 6 + 1, 2 + 4 + 1));
    assert!(r.remove_article("a3"));
    assert_eq!(sums(&r), (4 + 2, 2));
    assert!(r.remove_article("a1"));
    assert_eq!(sums(&r), (2, 0));
}
