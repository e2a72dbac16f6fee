//! Cross-source attribution in the index: quotes given to two speakers are listed as conflicts,
//! a role counts for the person another outlet names until that outlet's article goes, and a
//! speaker's counts follow the occurrences that name them.

use super::tests::{P, article, page};
use super::*;
use crate::model::{AttributionMethod, SpeakerKind};

#[test]
fn conflicts_list_quotes_with_two_speakers() {
    let index = Index::new();
    let words = "we will never accept this deal";
    for (id, name) in [("x", "Speaker One"), ("y", "Speaker Two")] {
        let text = format!("\"{words},\" {name} said.");
        let (a, e) = article(id, id, &text, &[(name, P, &[])], &[(words, Some(0))], &[]);
        index.create_article_with(a, e).unwrap();
    }
    let conflicts = index.list_conflicts(&page(10));
    assert_eq!(conflicts.items.len(), 1);
    assert_eq!(conflicts.items[0].speakers().len(), 2);
    index.delete_article("y").unwrap();
    assert!(index.list_conflicts(&page(10)).items.is_empty());
}

#[test]
fn a_role_counts_for_the_person_another_outlet_names_until_that_outlet_goes() {
    let index = Index::new();
    let words = "The harbour will reopen to ships next month";
    let text_a = format!("\"{words},\" the port spokesperson said.");
    // the article that names only the role, as first sent and as sent again
    let add_a = |text: &str| {
        let (a, ea) = article(
            "a",
            "Gazette",
            text,
            &[(
                "port spokesperson",
                SpeakerKind::Role,
                &["the port spokesperson"],
            )],
            &[(words, Some(0))],
            &[],
        );
        index.create_article_with(a, ea).unwrap();
    };
    let dana_articles = || {
        index
            .get_speaker("dana-whitfield")
            .unwrap()
            .contributions()
            .len()
    };
    add_a(&text_a);
    let text_b = format!("Port spokesperson Dana Whitfield said: \"{words}.\"");
    let (b, eb) = article(
        "b",
        "Herald",
        &text_b,
        &[("Dana Whitfield", P, &["Port spokesperson Dana Whitfield"])],
        &[(words, Some(0))],
        &[],
    );
    index.create_article_with(b, eb).unwrap();
    // the role's words are posted for her as her record changes in place, who holds the role is
    // what the resolver says, and nothing stale is left (every move below is checked the same
    // way)
    let clean = || assert_eq!(index.check_invariants(), Vec::<String>::new());
    // quotes counted for whom the published occurrences name: the role's is hers while she
    // holds it
    let quotes = |sid: &str| index.attributed(sid).quotes;
    clean();
    let dana = index.get_speaker("dana-whitfield").unwrap();
    assert_eq!(dana_articles(), 2, "the role's article counts for her");
    assert_eq!(
        (quotes("dana-whitfield"), quotes("port-spokesperson")),
        (2, 0)
    );
    assert!(
        dana.aliases()
            .iter()
            .any(|(a, _)| a == "the port spokesperson")
    );
    let quote = index.attribute(words, 1, Detail::Occurrences).unwrap()[0].evidence[0]
        .quote
        .clone();
    let in_a = quote
        .occurrences
        .iter()
        .find(|o| o.article() == "a")
        .unwrap();
    assert_eq!(in_a.speaker.as_deref(), Some("dana-whitfield"));
    assert_eq!(in_a.method, Some(AttributionMethod::CrossSource));
    assert!(!quote.is_conflict());

    let (a_again, _) = (index.get_article("a").unwrap(), ());
    let a_text = a_again.article.text.clone();
    index.delete_article("a").unwrap();
    assert_eq!(dana_articles(), 1, "the role's article left with it");
    assert_eq!(quotes("dana-whitfield"), 1);
    clean();
    add_a(&a_text);
    assert_eq!(dana_articles(), 2);
    clean();

    index.delete_article("b").unwrap();
    assert!(index.speaker("dana-whitfield").is_none());
    assert_eq!(
        (quotes("dana-whitfield"), quotes("port-spokesperson")),
        (0, 1)
    );
    clean();
    let quote = index.attribute(words, 1, Detail::Occurrences).unwrap()[0].evidence[0]
        .quote
        .clone();
    assert_eq!(
        quote.occurrences[0].speaker.as_deref(),
        Some("port-spokesperson")
    );
    assert_eq!(
        quote.occurrences[0].method,
        Some(AttributionMethod::Explicit)
    );
}

#[test]
fn a_quote_another_outlet_names_counts_for_its_speaker_in_both() {
    let index = Index::new();
    let words = "the bridge will be rebuilt within the year";
    let add = |id: &str, text: &str, speakers: &[(&str, SpeakerKind, &[&str])], who| {
        let (a, e) = article(id, id, text, speakers, &[(words, who)], &[]);
        index.create_article_with(a, e).unwrap();
    };
    // an outlet that carries the words without saying who said them
    add(
        "bare",
        &format!("\"{words},\" residents were told."),
        &[],
        None,
    );
    assert!(index.speaker("mara-lind").is_none());
    add(
        "named",
        &format!("\"{words},\" Mara Lind said."),
        &[("Mara Lind", P, &[])],
        Some(0),
    );
    let quote = index.attribute(words, 1, Detail::Occurrences).unwrap()[0].evidence[0]
        .quote
        .clone();
    let bare = quote
        .occurrences
        .iter()
        .find(|o| o.article() == "bare")
        .unwrap();
    assert_eq!(bare.speaker.as_deref(), Some("mara-lind"));
    assert_eq!(bare.method, Some(AttributionMethod::CrossSource));
    assert_eq!(index.attributed("mara-lind").quotes, 2);
    assert_eq!(index.check_invariants(), Vec::<String>::new());
    // the article that named her goes: the words are nobody's again
    index.delete_article("named").unwrap();
    assert_eq!(index.attributed("mara-lind"), Attributed::default());
    assert_eq!(index.check_invariants(), Vec::<String>::new());
}
