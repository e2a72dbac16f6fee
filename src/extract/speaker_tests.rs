//! Speakers found for quotes: titles stripped and surnames resolved, unnamed roles kept,
//! appositions and pronouns; the speaker mention and cue spans; aliases counted per referent.

use super::extract;
use super::tests::{Case, assert_span, case, run};

const SPEAKERS: &[Case] = &[
    case!(
        "title stripped, surname resolved",
        "U.S. Secretary of State Marco Rubio met Lavrov. \"It went well,\" Rubio said.",
        [("It went well,", Some("Marco Rubio"))]
    ),
    case!(
        "unnamed role kept",
        "\"Peace needs more,\" the State Department spokesperson said.",
        [("Peace needs more,", Some("State Department spokesperson"))]
    ),
    case!(
        "apposition before cue",
        "Kirill Dmitriev, head of the Russian fund, described the meeting as \"constructive.\"",
        [("constructive.", Some("Kirill Dmitriev"))]
    ),
    case!(
        "role then name apposition",
        "Putin’s foreign affairs advisor, Yuri Ushakov, told Channel One that it was “unlikely” soon.",
        [("unlikely", Some("Yuri Ushakov"))]
    ),
    case!(
        "participle takes clause subject",
        "US negotiator Michael Waltz stressed the point, stating that “an endless war is not acceptable.”",
        [("an endless war is not acceptable.", Some("Michael Waltz"))]
    ),
    case!(
        "pronoun skips wrong gender",
        "Hillary Clinton met Bernie Sanders. \"It was fine,\" she said.",
        [("It was fine,", Some("Hillary Clinton"))]
    ),
    case!(
        "no antecedent stays unknown",
        "\"It was fine,\" he said.",
        [("It was fine,", None)]
    ),
];

#[test]
fn speakers() {
    run(SPEAKERS);
}

#[test]
fn mention_and_cue_spans() {
    let text =
        "“We have agreed,” said Yuri Ushakov, an advisor to Russian President Vladimir Putin.";
    let ex = extract(text);
    let q = &ex.quotes[0];
    assert_span(text, q.cue.expect("cue"), "said", "cue");
    assert_span(
        text,
        q.speaker_mention.expect("mention"),
        "Yuri Ushakov",
        "mention",
    );
    let s = &ex.speakers[q.speaker.expect("speaker")];
    assert_eq!(
        s.roles,
        vec!["advisor to Russian President Vladimir Putin".to_string()]
    );
}

#[test]
fn aliases_counted_per_referent() {
    let text =
        "U.S. Secretary of State Marco Rubio spoke. \"Yes,\" Rubio said. \"No,\" Rubio added.";
    let ex = extract(text);
    let rubio: Vec<_> = ex
        .speakers
        .iter()
        .filter(|s| s.name == "Marco Rubio")
        .collect();
    assert_eq!(rubio.len(), 1, "one referent: {:?}", ex.speakers);
    assert!(
        rubio[0]
            .aliases
            .iter()
            .any(|(a, n)| a == "Rubio" && *n >= 2),
        "aliases {:?}",
        rubio[0].aliases
    );
}
