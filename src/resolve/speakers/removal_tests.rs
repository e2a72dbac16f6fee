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

/// Every key a speaker is filed under, read back from the registry's maps, sorted; and whether
/// each surname entry carries its current given-name mask.
fn filed(r: &SpeakerRegistry, id: SpeakerId) -> (Vec<record::Key>, bool) {
    use record::Key;
    let mask = r.get(id).map(given::speaker_mask);
    let mut keys = Vec::new();
    let mut masks_right = true;
    for (k, ids) in &r.aliases {
        keys.extend(
            ids.iter()
                .filter(|&&x| x == id)
                .map(|_| Key::Alias(k.clone())),
        );
    }
    for (k, ids) in &r.roles {
        keys.extend(
            ids.iter()
                .filter(|&&x| x == id)
                .map(|_| Key::Role(k.clone())),
        );
    }
    keys.extend(
        r.orgs
            .iter()
            .filter(|(_, x)| **x == id)
            .map(|(k, _)| Key::Org(k.clone())),
    );
    for (map, key) in [
        (&r.surnames, Key::Surname as fn(String) -> Key),
        (&r.fuzzy, Key::Fuzzy),
    ] {
        for (k, entries) in map {
            for f in entries.iter().filter(|f| f.id == id) {
                masks_right &= Some(f.given) == mask;
                keys.push(key(k.clone()));
            }
        }
    }
    keys.sort();
    (keys, masks_right)
}

#[test]
fn a_speaker_is_filed_under_its_keys_through_every_change() {
    let mut r = SpeakerRegistry::new();
    let steps: [(&str, LocalSpeaker); 6] = [
        ("a", person("Lavrov", &[("Lavrov", 1)], &[])),
        (
            "b",
            person(
                "Sergey Lavrov",
                &[("Sergey Lavrov", 1)],
                &["foreign minister"],
            ),
        ),
        ("c", person("Sergei Lavrov", &[("Lavrov", 2)], &[])),
        ("d", person("Sergey Lavrova", &[("Sergey Lavrova", 1)], &[])),
        (
            "e",
            person("S. Lavrov", &[("the minister", 1)], &["minister"]),
        ),
        ("f", person("Sergey Lavrov", &[("Sergey Lavrov", 1)], &[])),
    ];
    let mut ids = Vec::new();
    let check = |r: &SpeakerRegistry, ids: &[SpeakerId], at: &str| {
        for &id in ids {
            let want = r.get(id).map(|s| s.keys()).unwrap_or_default();
            let (got, masks_right) = filed(r, id);
            assert_eq!(got, want, "{id:?} after {at}");
            assert!(masks_right, "{id:?} after {at}");
        }
    };
    for (article, local) in &steps {
        ids.push(r.add(article, local, 1));
        check(&r, &ids, article);
    }
    for (article, _) in steps.iter().rev().step_by(2) {
        r.remove_article(article);
        check(&r, &ids, article);
    }
    for (article, _) in steps.iter().rev() {
        r.remove_article(article);
        check(&r, &ids, article);
    }
    assert!(r.surnames.is_empty() && r.fuzzy.is_empty() && r.aliases.is_empty());
}
