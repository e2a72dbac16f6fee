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
        "surname joined to its particle heads the phrase",
        "“We will judge the talks by results,” Mawan al-Qakr argued. “It is early,” al-Qakr added.",
        [
            ("We will judge the talks by results,", Some("Mawan al-Qakr")),
            ("It is early,", Some("Mawan al-Qakr"))
        ]
    ),
    case!(
        "surname joined to its particle after the cue",
        "“We will judge the talks by results,” said Mawan al-Qakr.",
        [("We will judge the talks by results,", Some("Mawan al-Qakr"))]
    ),
    case!(
        "a particle in lower case is no forename",
        "Prime Minister Falim al Sabah said: “We are ready.”",
        [("We are ready.", Some("Falim al Sabah"))]
    ),
    case!(
        "a speaker phrase ends at the line break",
        "Talks in Istrova: ‘the backlog of ships’, says Fergado\nISTROVA, Jan 6 — Ministers met.",
        [("the backlog of ships", Some("Fergado"))]
    ),
    case!(
        "a fuller name is not found across a line break",
        "Talks: ‘nobody listened’, says Stanmore\nTesmar has accused Calder of stalling.",
        [("nobody listened", Some("Stanmore"))]
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

#[test]
fn a_name_with_a_joined_particle_is_a_person() {
    let ex = extract("“We will judge the talks by results,” Mawan al-Qakr argued.");
    let kinds: Vec<_> = ex
        .speakers
        .iter()
        .map(|s| (s.name.as_str(), s.kind))
        .collect();
    assert_eq!(
        kinds,
        [("Mawan al-Qakr", crate::model::SpeakerKind::Person)]
    );
}
