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
        s.apply(article, local, &contributed_names(local), 0, *add);
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

/// One article's contribution drawn from a small vocabulary, so that aliases, names and roles
/// come, repeat within a contribution, and go.
fn contribution() -> impl proptest::strategy::Strategy<Value = LocalSpeaker> {
    use proptest::prelude::*;
    let alias = prop::sample::select(vec![
        "Lavrov",
        "Sergei Lavrov",
        "Mr. Lavrov",
        "Sergey Lavrov",
        "",
        "Foreign Minister Lavrov",
    ]);
    let role = prop::sample::select(vec!["foreign minister", "minister", ""]);
    (
        prop::sample::select(vec!["Lavrov", "Sergei Lavrov", "Sergey Lavrov"]),
        prop::collection::vec((alias, 0u32..3), 0..4),
        prop::collection::vec(role, 0..3),
    )
        .prop_map(|(name, aliases, roles)| LocalSpeaker {
            name: name.into(),
            kind: SpeakerKind::Person,
            roles: roles.into_iter().map(String::from).collect(),
            aliases: aliases
                .into_iter()
                .map(|(a, n)| (a.to_string(), n))
                .collect(),
            mentions: Vec::new(),
        })
}

proptest::proptest! {
    /// The registry refiles a speaker only when `changes_keys` says its keys can have changed:
    /// whenever it says no, the keys after the contribution are those before.
    #[test]
    fn keys_change_only_when_changes_keys_says_so(
        locals in proptest::collection::vec(contribution(), 1..8),
        removal_order in proptest::collection::vec(0usize..8, 0..8),
    ) {
        let mut s = Speaker::new(SpeakerId(0), SpeakerKind::Person);
        let articles: Vec<Arc<str>> = (0..locals.len()).map(|i| i.to_string().into()).collect();
        let mut steps: Vec<(usize, bool)> = (0..locals.len()).map(|i| (i, true)).collect();
        let mut live: Vec<usize> = (0..locals.len()).collect();
        for r in removal_order {
            if !live.is_empty() {
                steps.push((live.remove(r % live.len()), false));
            }
        }
        for (i, add) in steps {
            let names = contributed_names(&locals[i]);
            let changes = s.changes_keys(&locals[i], &names, add);
            let (aliases, roles, names_before) = (s.aliases.clone(), s.roles.clone(), s.names.clone());
            let before = s.keys();
            s.apply(&articles[i], &locals[i], &names, 0, add);
            let members_changed = aliases.keys().ne(s.aliases.keys())
                || roles.keys().ne(s.roles.keys())
                || names_before.keys().ne(s.names.keys());
            proptest::prop_assert_eq!(changes, members_changed);
            if !changes {
                proptest::prop_assert_eq!(before, s.keys());
            }
        }
    }
}
