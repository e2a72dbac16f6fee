//! Registry tests over small invented multi-outlet articles, including merges that must not
//! happen.

use super::*;
use crate::model::{LocalSpeaker, SpeakerKind};

/// A local speaker of `kind`, as an article's extraction gives it.
pub(super) fn local(
    kind: SpeakerKind,
    name: &str,
    aliases: &[(&str, u32)],
    roles: &[&str],
) -> LocalSpeaker {
    LocalSpeaker {
        name: name.to_string(),
        kind,
        roles: roles.iter().map(|r| r.to_string()).collect(),
        aliases: aliases.iter().map(|(a, n)| (a.to_string(), *n)).collect(),
        mentions: Vec::new(),
    }
}

/// A local person, as an article's extraction gives it.
pub(super) fn person(name: &str, aliases: &[(&str, u32)], roles: &[&str]) -> LocalSpeaker {
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
