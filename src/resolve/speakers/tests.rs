//! Registry tests over small invented multi-outlet articles, including merges that must not
//! happen.

use super::*;
use crate::model::{LocalSpeaker, SpeakerKind};

fn local(kind: SpeakerKind, name: &str, aliases: &[(&str, u32)], roles: &[&str]) -> LocalSpeaker {
    LocalSpeaker {
        name: name.to_string(),
        kind,
        roles: roles.iter().map(|r| r.to_string()).collect(),
        aliases: aliases.iter().map(|(a, n)| (a.to_string(), *n)).collect(),
        mentions: Vec::new(),
    }
}

fn person(name: &str, aliases: &[(&str, u32)], roles: &[&str]) -> LocalSpeaker {
    local(SpeakerKind::Person, name, aliases, roles)
}

#[test]
fn transliterations_nicknames_and_titles_merge() {
    let mut r = SpeakerRegistry::new();
    let a = r.add(
        "a1",
        &person(
            "Sergey Lavrov",
            &[
                ("Russian Foreign Minister Sergey Lavrov", 1),
                ("Sergey Lavrov", 1),
                ("Lavrov", 3),
            ],
            &["Russian Foreign Minister"],
        ),
        2,
    );
    let b = r.add(
        "a2",
        &person(
            "Sergei Lavrov",
            &[("Sergei Lavrov", 1), ("Russia's Lavrov", 1)],
            &[],
        ),
        1,
    );
    let c = r.add("a3", &person("Lavrov", &[("Lavrov", 2)], &[]), 0);
    assert_eq!((a, a), (b, c));
    let w1 = r.add(
        "a1",
        &person(
            "Mike Waltz",
            &[("U.S. National Security Adviser Mike Waltz", 1)],
            &["U.S. National Security Adviser"],
        ),
        0,
    );
    let w2 = r.add(
        "a3",
        &person(
            "Michael Waltz",
            &[("US negotiator Michael Waltz", 1), ("Michael Waltz", 1)],
            &["US negotiator"],
        ),
        1,
    );
    assert_eq!(w1, w2);
    assert_ne!(a, w1);
    let s = r.get(a).unwrap();
    assert_eq!(s.display_name(), "Sergey Lavrov");
    assert_eq!(s.articles.len(), 3);
    assert_eq!(s.quotes(), 3);
    assert_eq!(s.aliases.get("Lavrov"), Some(&5));
    assert!(s.roles.contains_key("Russian Foreign Minister"));
    assert_eq!(
        r.get(w1).unwrap().display_name(),
        "Michael Waltz",
        "canonical given name is fuller"
    );
}

#[test]
fn display_name_prefers_most_common_spelling() {
    let mut r = SpeakerRegistry::new();
    let z = r.add(
        "a",
        &person(
            "Volodymyr Zelenskyy",
            &[("Volodymyr Zelenskyy", 1), ("Zelenskyy", 2)],
            &[],
        ),
        0,
    );
    r.add(
        "b",
        &person("Volodymyr Zelensky", &[("Volodymyr Zelensky", 1)], &[]),
        0,
    );
    r.add(
        "c",
        &person(
            "Volodymyr Zelenskyy",
            &[("Ukrainian President Volodymyr Zelenskyy", 1)],
            &[],
        ),
        0,
    );
    assert_eq!(r.len(), 1);
    assert_eq!(r.get(z).unwrap().display_name(), "Volodymyr Zelenskyy");
}

#[test]
fn shared_surname_or_first_name_never_merges() {
    let mut r = SpeakerRegistry::new();
    let donald = r.add(
        "a",
        &person(
            "Donald Trump",
            &[("President Donald Trump", 1)],
            &["President"],
        ),
        0,
    );
    let lara = r.add(
        "b",
        &person("Lara Trump", &[("Lara Trump", 1)], &["President"]),
        0,
    );
    assert_ne!(donald, lara);
    let m1 = r.add("c", &person("Michael", &[("Michael", 1)], &[]), 0);
    let m2 = r.add("d", &person("Michael", &[("Michael", 1)], &[]), 0);
    assert_ne!(m1, m2, "two bare first names never merge");
    let rubin = r.add("e", &person("Marco Rubin", &[("Marco Rubin", 1)], &[]), 0);
    let rubio = r.add("f", &person("Marco Rubio", &[("Marco Rubio", 1)], &[]), 0);
    assert_ne!(
        rubin, rubio,
        "a one-letter surname difference alone is not enough"
    );
}

#[test]
fn bare_surname_joins_only_when_unambiguous() {
    let mut r = SpeakerRegistry::new();
    let donald = r.add(
        "a",
        &person(
            "Donald Trump",
            &[("President Donald Trump", 1)],
            &["President"],
        ),
        0,
    );
    assert_eq!(
        r.add("b", &person("Trump", &[("Trump", 1)], &[]), 0),
        donald,
        "only one Trump so far"
    );
    let lara = r.add(
        "c",
        &person("Lara Trump", &[("Lara Trump", 1)], &["co-chair"]),
        0,
    );
    assert_ne!(lara, donald);
    assert_eq!(
        r.add(
            "d",
            &person("Trump", &[("President Trump", 1)], &["President"]),
            0
        ),
        donald,
        "the role decides"
    );
    let ambiguous = r.add("e", &person("Trump", &[("Trump", 1)], &[]), 0);
    assert!(
        ambiguous != donald && ambiguous != lara,
        "ambiguous bare surname stays apart"
    );
    assert_eq!(
        r.add("f", &person("Trump", &[("Trump", 1)], &[]), 0),
        ambiguous
    );
}

#[test]
fn typo_and_transliteration_need_a_shared_role() {
    let mut r = SpeakerRegistry::new();
    let a = r.add(
        "a",
        &person(
            "Mosaad bin Mohammad al-Aiban",
            &[("National Security Adviser Mosaad bin Mohammad al-Aiban", 1)],
            &["National Security Adviser"],
        ),
        0,
    );
    let b = r.add(
        "b",
        &person(
            "Musaed al Alban",
            &[("national security adviser Musaed al Alban", 1)],
            &["national security adviser"],
        ),
        0,
    );
    assert_eq!(a, b);
    assert_eq!(
        r.get(a).unwrap().display_name(),
        "Mosaad bin Mohammad al-Aiban"
    );
    let c = r.add(
        "c",
        &person("Musaed al Alban", &[("Musaed al Alban", 1)], &["poet"]),
        0,
    );
    let mut r2 = SpeakerRegistry::new();
    let x = r2.add(
        "a",
        &person("Mosaad al-Aiban", &[], &["National Security Adviser"]),
        0,
    );
    let y = r2.add("b", &person("Musaed al Alban", &[], &["poet"]), 0);
    assert_ne!(x, y, "no shared role: weak evidence does not merge");
    assert_eq!(c, a, "exact spelling of a known name merges without a role");
}

#[test]
fn lookup_by_any_alias() {
    let mut r = SpeakerRegistry::new();
    let l = r.add(
        "a",
        &person(
            "Sergey Lavrov",
            &[
                ("Russian Foreign Minister Sergey Lavrov", 1),
                ("Russia's Lavrov", 1),
            ],
            &["Foreign Minister"],
        ),
        0,
    );
    r.add(
        "a",
        &person("Kirill Dmitriev", &[("Kirill Dmitriev", 1)], &[]),
        0,
    );
    for q in [
        "Lavrov",
        "Sergei Lavrov",
        "Russia's Lavrov",
        "sergey lavrov",
        "Foreign Minister Lavrov",
        "foreign minister",
    ] {
        assert_eq!(r.lookup(q).first(), Some(&l), "{q}");
    }
    assert!(
        r.lookup("Anna Lavrov").is_empty(),
        "a different given name finds nobody"
    );
    assert!(r.lookup("Peskov").is_empty());
    let org = r.add(
        "b",
        &local(
            SpeakerKind::Organization,
            "Lavrov",
            &[("Russia's Lavrov", 1)],
            &[],
        ),
        0,
    );
    assert_eq!(
        r.lookup("Russia's Lavrov"),
        vec![l, org],
        "the person before a mislabelled organisation"
    );
}

#[test]
fn roles_stay_per_article_until_named() {
    let mut r = SpeakerRegistry::new();
    let role = local(
        SpeakerKind::Role,
        "State Department spokesperson",
        &[("the State Department spokesperson", 1)],
        &[],
    );
    let r1 = r.add("a", &role, 2);
    let r2 = r.add("b", &role, 1);
    assert_ne!(r1, r2, "the same role in two articles may be two people");
    let bruce = r.add(
        "c",
        &person(
            "Tammy Bruce",
            &[("State Department spokesperson Tammy Bruce", 1)],
            &["State Department spokesperson"],
        ),
        1,
    );
    assert_eq!(r.canonical(r1), r1);
    assert!(r.set_role_holder(r1, Some(bruce)));
    assert_eq!(r.canonical(r1), bruce);
    assert_eq!(r.get(bruce).unwrap().holds, vec![r1]);
    assert_eq!(
        r.lookup("the State Department spokesperson").first(),
        Some(&bruce)
    );
    assert!(!r.set_role_holder(bruce, Some(r1)), "only roles are held");
    r.remove_article("c");
    assert_eq!(
        r.canonical(r1),
        r1,
        "the holder's removal un-names the role"
    );
}

#[test]
fn organisations_merge_by_name() {
    let mut r = SpeakerRegistry::new();
    let a = r.add(
        "a",
        &local(
            SpeakerKind::Organization,
            "the Kremlin",
            &[("the Kremlin", 1)],
            &[],
        ),
        1,
    );
    let b = r.add(
        "b",
        &local(SpeakerKind::Organization, "Kremlin", &[("Kremlin", 1)], &[]),
        0,
    );
    assert_eq!(a, b);
    assert_eq!(r.get(a).unwrap().quotes(), 1);
}

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
fn display_name_from_any_spellings() {
    let names = [
        ("Mike Waltz", 4),
        ("Michael Waltz", 1),
        ("U.S. National Security Adviser Mike Waltz", 1),
        ("Waltz", 9),
    ];
    assert_eq!(person_display_name(names).as_deref(), Some("Michael Waltz"));
    assert_eq!(
        person_display_name([("Sergei Lavrov", 1), ("Sergey Lavrov", 3)]).as_deref(),
        Some("Sergey Lavrov")
    );
    assert_eq!(
        person_display_name([("the State Department spokesperson", 1)]),
        None
    );
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
