//! Looking speakers up by any alias (spelling, title, possessive, role), and unnamed roles that
//! stay per article until another article names their holder.

use super::tests::{local, person};
use super::*;
use crate::model::SpeakerKind;

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
