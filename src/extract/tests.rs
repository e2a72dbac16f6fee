//! Table-driven tests, one group per rule: each case lists every quote expected (in order)
//! with the resolved speaker name, or `None` when the speaker must stay unknown.

use super::extract;
use crate::model::{Extraction, QuoteKind, Span};

struct Case {
    name: &'static str,
    text: &'static str,
    want: &'static [(&'static str, Option<&'static str>)],
}

macro_rules! case {
    ($name:literal, $text:expr, [$(($q:literal, $s:expr)),* $(,)?]) => {
        Case { name: $name, text: $text, want: &[$(($q, $s)),*] }
    };
}

fn assert_span(text: &str, span: Span, want: &str, ctx: &str) {
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{ctx}: span {span:?} off char boundary"
    );
    assert_eq!(span.slice(text), want, "{ctx}: span {span:?}");
}

fn speaker_name(ex: &Extraction, i: Option<usize>) -> Option<&str> {
    i.and_then(|i| ex.speakers.get(i)).map(|s| s.name.as_str())
}

fn run(cases: &[Case]) {
    for c in cases {
        let ex = extract(c.text);
        let got: Vec<(&str, Option<&str>)> = ex
            .quotes
            .iter()
            .map(|q| (q.span.slice(c.text), speaker_name(&ex, q.speaker)))
            .collect();
        assert_eq!(got, c.want, "case {}: text {:?}", c.name, c.text);
        for q in &ex.quotes {
            let ctx = format!("case {}", c.name);
            assert_span(c.text, q.span, q.span.slice(c.text), &ctx);
        }
    }
}

const BASIC: &[Case] = &[
    case!(
        "speaker then cue after",
        "\"We agree,\" Rubio said.",
        [("We agree,", Some("Rubio"))]
    ),
    case!(
        "cue then speaker after",
        "\"We agree,\" said Yuri Ushakov, an advisor to Putin.",
        [("We agree,", Some("Yuri Ushakov"))]
    ),
    case!(
        "speaker cue before",
        "Rubio asserted, \"No one is being sidelined.\"",
        [("No one is being sidelined.", Some("Rubio"))]
    ),
    case!(
        "colon",
        "Clinton said: \"I regret nothing.\"",
        [("I regret nothing.", Some("Clinton"))]
    ),
    case!(
        "told reporters",
        "\"We're moving along,\" President Trump told reporters.",
        [("We're moving along,", Some("Trump"))]
    ),
    case!(
        "missing verb",
        "\"We listened,\" Lavrov. \"And we heard.\"",
        [
            ("We listened,", Some("Lavrov")),
            ("And we heard.", Some("Lavrov"))
        ]
    ),
    case!(
        "according to",
        "\"Prices will rise,\" according to the central bank.",
        [("Prices will rise,", Some("central bank"))]
    ),
    case!(
        "dash attribution",
        "\"The most unqualified child ever.\" ― Francisco Herrero",
        [(
            "The most unqualified child ever.",
            Some("Francisco Herrero")
        )]
    ),
    case!(
        "adverbs between",
        "\"It is over,\" Macron on Tuesday said.",
        [("It is over,", Some("Macron"))]
    ),
    case!(
        "party label",
        "\"Subpoenas are not optional,\" Rep. Jason Chaffetz (R-Utah) said.",
        [("Subpoenas are not optional,", Some("Jason Chaffetz"))]
    ),
];

const CURLY_QUOTES: &[Case] = &[
    case!(
        "curly",
        "“Today is the first step,” Rubio said.",
        [("Today is the first step,", Some("Rubio"))]
    ),
    case!(
        "mixed marks",
        "“We not only listened,\" Lavrov. \"And I have reason to believe.”",
        [
            ("We not only listened,", Some("Lavrov")),
            ("And I have reason to believe.", Some("Lavrov"))
        ]
    ),
    case!(
        "apostrophes",
        "Russia’s view of the ’90s and the Russians’ role: “We don’t agree,” Lavrov said.",
        [("We don’t agree,", Some("Lavrov"))]
    ),
    case!(
        "single quotes headline",
        "Trump: ‘I will win Ohio,’ he told reporters.",
        [("I will win Ohio,", None)]
    ),
];

const MULTI_PARAGRAPH: &[Case] = &[
    case!(
        "continuation same paragraph",
        "“Ensuring peace is a must,” Zelenskyy said. “And that needs guarantees.”",
        [
            ("Ensuring peace is a must,", Some("Zelenskyy")),
            ("And that needs guarantees.", Some("Zelenskyy"))
        ]
    ),
    case!(
        "paragraph left open reopens",
        "Sanders said: “We will win this.\n“We will keep fighting for it.”\nThe end.",
        [
            ("We will win this.", Some("Sanders")),
            ("We will keep fighting for it.", Some("Sanders"))
        ]
    ),
    case!(
        "pronoun antecedent a paragraph back",
        "Rubio noted that sanctions came from allies.\n\n“The European Union has to be at the table,” he said.",
        [("The European Union has to be at the table,", Some("Rubio"))]
    ),
    case!(
        "unclosed mark does not swallow",
        "He said \"no and left the room.\nLater \"it is done,\" she said.\nMore text here.",
        [("it is done,", None)]
    ),
];

const REGRESSION: &[Case] = &[
    case!(
        "next sentence is not the attribution",
        "\"We will win.\" Trump said. \"We will.\" She noted a planned rally. \"Again.\"",
        [
            ("We will win.", Some("Trump")),
            ("We will.", Some("Trump")),
            ("Again.", Some("Trump"))
        ]
    ),
    case!(
        "colon after a cue",
        "Breitbart News responded:\n\n\"If there are people who are prone to terror, act.\"",
        [(
            "If there are people who are prone to terror, act.",
            Some("Breitbart News")
        )]
    ),
    case!(
        "colon after a name",
        "Republican pollster Daron Shaw: “Lesser-known candidates get a boost.”",
        [("Lesser-known candidates get a boost.", Some("Daron Shaw"))]
    ),
    case!(
        "participle takes the sentence subject",
        "At the debate, Sanders compared himself to Clinton, saying, \"I don't get speaking fees.\"",
        [("I don't get speaking fees.", Some("Sanders"))]
    ),
    case!(
        "period before comma",
        "\"Subpoenas matter,\" Mitch McConnell, R-Ky., said.",
        [("Subpoenas matter,", Some("Mitch McConnell"))]
    ),
    case!(
        "descriptor before name",
        "\"Just saw the tweet,\" screenwriter Cole Haddon wrote.",
        [("Just saw the tweet,", Some("Cole Haddon"))]
    ),
];

#[test]
fn regression() {
    run(REGRESSION);
}

const NOT_QUOTES: &[Case] = &[
    case!(
        "programme title",
        "“We are thankful,” Zelenskyy said on NBC News' “Meet the Press.”",
        [("We are thankful,", Some("Zelenskyy"))]
    ),
    case!(
        "book title",
        "Burton claims that his favorite book is \"One Hundred Years of Solitude\".",
        []
    ),
    case!(
        "scare quote without cue",
        "The so-called \"deal\" fell apart on Tuesday.",
        []
    ),
    case!("section head", "Trump Emerges Hero\n\nThe talks ended.", []),
];

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
fn basic() {
    run(BASIC);
}

#[test]
fn curly_quotes() {
    run(CURLY_QUOTES);
}

#[test]
fn multi_paragraph() {
    run(MULTI_PARAGRAPH);
}

#[test]
fn not_quotes() {
    run(NOT_QUOTES);
}

#[test]
fn speakers() {
    run(SPEAKERS);
}

#[test]
fn kinds_follow_the_sentence() {
    let cases: &[(&str, &str, &[QuoteKind])] = &[
        (
            "fragment after cue mid-sentence",
            "He listed what he called “endless expulsions,” to which Russia responded.",
            &[QuoteKind::Partial],
        ),
        (
            "fragment after comma",
            "Lavrov said that in his view, “the conversation was very useful.”",
            &[QuoteKind::Partial],
        ),
        (
            "whole complement after cue",
            "Clinton said “the record is quite clear on this.”",
            &[QuoteKind::Full],
        ),
        (
            "split quote",
            "\"It is fine,\" she said, \"but we will see.\"",
            &[QuoteKind::Full, QuoteKind::Full],
        ),
        (
            "after colon",
            "Cruz said: \"I don't believe that.\"",
            &[QuoteKind::Full],
        ),
    ];
    for (name, text, want) in cases {
        let kinds: Vec<QuoteKind> = extract(text).quotes.iter().map(|q| q.kind).collect();
        assert_eq!(&kinds, want, "case {name}: text {text:?}");
    }
}

#[test]
fn kinds_full_and_partial() {
    let text = "Zelenskyy said that his country needs \"robust and reliable\" guarantees. \"Peace is a must,\" he said.";
    let ex = extract(text);
    let kinds: Vec<QuoteKind> = ex.quotes.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        vec![QuoteKind::Partial, QuoteKind::Full],
        "text {text:?}"
    );
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
fn direct_quote_is_not_a_claim() {
    let ex = extract("Rubio said, \"We agree on everything here.\"");
    assert!(ex.claims.is_empty(), "{:?}", ex.claims);
}

mod props {
    use super::super::extract;
    use proptest::prelude::*;

    fn check(text: &str) {
        let ex = extract(text);
        let spans = ex
            .quotes
            .iter()
            .flat_map(|q| [Some(q.span), q.cue, q.speaker_mention])
            .chain(
                ex.claims
                    .iter()
                    .flat_map(|c| [Some(c.span), c.cue, c.speaker_mention]),
            )
            .chain(
                ex.speakers
                    .iter()
                    .flat_map(|s| s.mentions.iter().copied().map(Some)),
            )
            .flatten();
        for s in spans {
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "span {s:?} outside {text:?}"
            );
            assert!(
                text.get(s.start..s.end).is_some(),
                "span {s:?} off char boundary in {text:?}"
            );
        }
        for q in &ex.quotes {
            assert!(q.speaker.is_none_or(|i| i < ex.speakers.len()));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn spans_on_char_boundaries(text in "\\PC{0,300}") {
            check(&text);
        }

        #[test]
        fn quote_heavy_spans(text in "([\"“”‘’'«» ,.:\\n]|said|he|Rubio|Mr\\.|U\\.S\\.|é|—|according to|told| ){0,120}") {
            check(&text);
        }
    }
}
