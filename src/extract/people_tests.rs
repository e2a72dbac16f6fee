//! Table-driven tests for named-person detection: every case lists people that must be in
//! `speakers` (with a role, when given) and names that must not be.

use crate::extract::extract;
use crate::model::{Extraction, SpeakerKind};

struct Case {
    name: &'static str,
    text: &'static str,
    /// (person name, role that must be among its roles, or "" for none required).
    people: &'static [(&'static str, &'static str)],
    /// Names no person may carry.
    not: &'static [&'static str],
}

fn person<'a>(ex: &'a Extraction, name: &str) -> Option<&'a crate::model::LocalSpeaker> {
    ex.speakers
        .iter()
        .find(|s| s.kind == SpeakerKind::Person && s.name == name)
}

fn run(cases: &[Case]) {
    for c in cases {
        let ex = extract(c.text);
        let all: Vec<(&str, &[String])> = ex
            .speakers
            .iter()
            .filter(|s| s.kind == SpeakerKind::Person)
            .map(|s| (s.name.as_str(), s.roles.as_slice()))
            .collect();
        for &(name, role) in c.people {
            let s = person(&ex, name)
                .unwrap_or_else(|| panic!("case {}: {name:?} not listed; got {all:?}", c.name));
            assert!(
                role.is_empty() || s.roles.iter().any(|r| r == role),
                "case {}: {name:?} lacks role {role:?}; got {:?}",
                c.name,
                s.roles
            );
        }
        for &bad in c.not {
            assert!(
                !ex.speakers
                    .iter()
                    .any(|s| s.kind == SpeakerKind::Person && s.name.contains(bad)),
                "case {}: {bad:?} wrongly listed as a person; got {all:?}",
                c.name
            );
        }
    }
}

const NAMES: &[Case] = &[
    Case {
        name: "particles bin and hyphenated al-",
        text: "Talks were chaired by Adviser Faisal bin Khalid al-Harbi in the capital.",
        people: &[("Faisal bin Khalid al-Harbi", "")],
        not: &[],
    },
    Case {
        name: "bare al particle",
        text: "The delegation was led by Mohammed al Harbi and two aides.",
        people: &[("Mohammed al Harbi", "")],
        not: &[],
    },
    Case {
        name: "van and von",
        text: "The report cites Peter van Dijk and Ursula von Brandt, both economists.",
        people: &[("Peter van Dijk", ""), ("Ursula von Brandt", "")],
        not: &[],
    },
    Case {
        name: "middle initial",
        text: "Officials met with Jamil N. Porter at the embassy on Monday.",
        people: &[("Jamil N. Porter", "")],
        not: &[],
    },
    Case {
        name: "generational suffix",
        text: "The bill was introduced by Robert Hale Jr. last year.",
        people: &[("Robert Hale Jr.", "")],
        not: &[],
    },
    Case {
        name: "honorific without a known forename",
        text: "The talks were hosted by President Xochitl Ramires in the capital.",
        people: &[("Xochitl Ramires", "President")],
        not: &[],
    },
];

const ROLES: &[Case] = &[
    Case {
        name: "lower-case role before the name",
        text: "Oman's national security adviser Musaed al Harbi joined the meeting.",
        people: &[("Musaed al Harbi", "national security adviser")],
        not: &[],
    },
    Case {
        name: "capitalised title before the name",
        text: "The envoys met Saudi Foreign Minister Faisal bin Saad on Tuesday.",
        people: &[("Faisal bin Saad", "Saudi Foreign Minister")],
        not: &[],
    },
    Case {
        name: "title with a connector",
        text: "The plan was drafted by U.S. Secretary of State Daniel Reyes last week.",
        people: &[("Daniel Reyes", "U.S. Secretary of State")],
        not: &[],
    },
    Case {
        name: "possessive place is the affiliation",
        text: "Sergey Petrov arrived late. Russia's Petrov said the talks were useful.",
        people: &[("Sergey Petrov", "Russia")],
        not: &[],
    },
    Case {
        name: "possessive place on a quoted speaker",
        text: "\"We will not yield,\" Ukraine's Bondarenko said.",
        people: &[("Bondarenko", "Ukraine")],
        not: &[],
    },
];

const CLUSTERS: &[Case] = &[Case {
    name: "surname-only mention joins the full name",
    text: "Talks included Musaed al-Harbi. Later, Harbi left early and al-Harbi returned.",
    people: &[("Musaed al-Harbi", "")],
    not: &["Harbi left"],
}];

const NOT_PEOPLE: &[Case] = &[
    Case {
        name: "places and organisations",
        text: "Delegations met in Riyadh, Saudi Arabia, while the Kremlin and the White House \
               said Ukraine was not invited.",
        people: &[],
        not: &["Saudi", "Riyadh", "Kremlin", "White", "Ukraine", "Arabia"],
    },
    Case {
        name: "forename that is a place",
        text: "Georgia Democrats and Virginia Republicans met in Richmond.",
        people: &[],
        not: &["Georgia", "Virginia"],
    },
    Case {
        name: "months and weekdays",
        text: "The vote moved from Tuesday to March Madness week.",
        people: &[],
        not: &["March", "Tuesday"],
    },
    Case {
        name: "title-case headline",
        text: "Grace Under Fire As Markets Tumble\nMarkets fell on Monday.",
        people: &[],
        not: &["Grace"],
    },
    Case {
        name: "sentence-initial capital word",
        text: "Meanwhile Treasury yields rose. Negotiators met again.",
        people: &[],
        not: &["Meanwhile", "Treasury", "Negotiators"],
    },
    Case {
        name: "names inside quotes are not mentions",
        text: "\"Ask Peter Smith about it,\" the aide said.",
        people: &[],
        not: &["Peter Smith"],
    },
];

#[test]
fn names_with_particles_initials_suffixes() {
    run(NAMES);
}

#[test]
fn roles_from_premodifiers_and_possessives() {
    run(ROLES);
}

#[test]
fn surname_mentions_cluster() {
    run(CLUSTERS);
    let text = "Talks included Musaed al-Harbi. Later, Harbi left early.";
    let ex = extract(text);
    let s = person(&ex, "Musaed al-Harbi").expect("listed");
    assert!(
        s.aliases.iter().any(|(a, n)| a == "Harbi" && *n == 1),
        "aliases {:?}",
        s.aliases
    );
    assert_eq!(s.mentions.len(), 2, "mentions {:?}", s.mentions);
}

#[test]
fn not_people() {
    run(NOT_PEOPLE);
}
