//! Table-driven tests, one group per rule: each case lists every quote expected (in order)
//! with the resolved speaker name, or `None` when the speaker must stay unknown.
//!
//! The table runner ([`Case`], `case!`, [`run`]) and [`assert_span`] are shared with the
//! speaker tests.

use super::extract;
use crate::model::{Extraction, Span};

/// One table row: the rule's name, the text, and every quote expected with its speaker.
pub(super) struct Case {
    pub(super) name: &'static str,
    pub(super) text: &'static str,
    pub(super) want: &'static [(&'static str, Option<&'static str>)],
}

/// A [`Case`] written as `case!(name, text, [(quote, speaker), …])`.
macro_rules! case {
    ($name:literal, $text:expr, [$(($q:literal, $s:expr)),* $(,)?]) => {
        Case { name: $name, text: $text, want: &[$(($q, $s)),*] }
    };
}
pub(super) use case;

/// Asserts that `span` lies on char boundaries of `text` and slices exactly `want`.
pub(super) fn assert_span(text: &str, span: Span, want: &str, ctx: &str) {
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{ctx}: span {span:?} off char boundary"
    );
    assert_eq!(span.slice(text), want, "{ctx}: span {span:?}");
}

fn speaker_name(ex: &Extraction, i: Option<usize>) -> Option<&str> {
    i.and_then(|i| ex.speakers.get(i)).map(|s| s.name.as_str())
}

/// Extracts each case's text and checks every quote, in order, with its speaker and its span.
pub(super) fn run(cases: &[Case]) {
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
