//! A speaker record's parsed names, kept in step with its names.

use super::*;

fn person(name: &str, aliases: &[&str]) -> LocalSpeaker {
    LocalSpeaker {
        name: name.into(),
        kind: SpeakerKind::Person,
        roles: Vec::new(),
        aliases: aliases.iter().map(|a| (a.to_string(), 1)).collect(),
        mentions: Vec::new(),
    }
}

#[test]
fn parsed_names_follow_the_names_as_articles_come_and_go() {
    let mut s = Speaker::new(SpeakerId(0), SpeakerKind::Person);
    let (a, b, c): (Arc<str>, Arc<str>, Arc<str>) = ("a".into(), "b".into(), "c".into());
    let steps = [
        (&a, person("Lavrov", &["Lavrov"]), true),
        (
            &b,
            person("Sergei Lavrov", &["Sergei Lavrov", "Lavrov"]),
            true,
        ),
        (&c, person("Lavrov", &["Lavrov"]), true),
        (
            &b,
            person("Sergei Lavrov", &["Sergei Lavrov", "Lavrov"]),
            false,
        ),
        (&a, person("Lavrov", &["Lavrov"]), false),
    ];
    for (article, local, add) in &steps {
        s.apply(article, local, 0, *add);
        let fresh: Vec<PersonName> = s.names.keys().filter_map(|n| parse_person(n)).collect();
        assert_eq!(s.person_names().cloned().collect::<Vec<_>>(), fresh);
        assert_eq!(
            s.has_given_name(),
            fresh.iter().any(|n| !n.given.is_empty())
        );
    }
    // the full name came with b and went with it; the bare surname stays with c
    assert!(!s.has_given_name());
    assert_eq!(s.names.keys().collect::<Vec<_>>(), ["Lavrov"]);
}
