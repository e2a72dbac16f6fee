//! Display names: the most common spelling wins across articles, and the fullest given name
//! among any spellings, titles aside.

use super::tests::person;
use super::*;

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
