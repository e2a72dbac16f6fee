//! Table-driven regressions for transcript-style `NAME: "…"` paragraphs and plural
//! possessives inside single-quoted quotes: each case lists every quote with its speaker.

use super::extract;

/// (rule, text, [(quote, speaker name)]).
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, Option<&'static str>)],
);

const CASES: &[Case] = &[
    (
        "transcript labels name each speaker",
        "The debate went on.\nTRUMP: “We're going to win so much.”\nCLINTON: “That is not true at all.”",
        &[
            ("We're going to win so much.", Some("TRUMP")),
            ("That is not true at all.", Some("CLINTON")),
        ],
    ),
    (
        "transcript label with a title-case name",
        "Host: What do you think?\nJones: “That is absurd.”\n“It is not,” Smith said.",
        &[
            ("That is absurd.", Some("Jones")),
            ("It is not,", Some("Smith")),
        ],
    ),
    (
        "plural possessive inside a single-quoted quote",
        "‘We will not trust the Russians’ promises again,’ said Mr. Smith.",
        &[(
            "We will not trust the Russians’ promises again,",
            Some("Smith"),
        )],
    ),
];

#[test]
fn transcripts_and_possessives() {
    for &(name, text, want) in CASES {
        let ex = extract(text);
        let got: Vec<(&str, Option<&str>)> = ex
            .quotes
            .iter()
            .map(|q| {
                let who = q.speaker.and_then(|i| ex.speakers.get(i));
                (q.span.slice(text), who.map(|s| s.name.as_str()))
            })
            .collect();
        assert_eq!(got, want, "case {name}");
    }
}
