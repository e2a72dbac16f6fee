//! Quotation-mark pairing cases: each names the rule, the text, and every quoted segment
//! [`pair`] must find in it, in order.

use super::*;
use crate::extract::text::tokenize;

struct Case {
    name: &'static str,
    text: &'static str,
    want: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "straight",
        text: r#"He said "yes, sir," twice."#,
        want: &["yes, sir,"],
    },
    Case {
        name: "curly",
        text: "“We agree,” he said.",
        want: &["We agree,"],
    },
    Case {
        name: "mixed open curly close straight",
        text: "“We listened,\" Lavrov. \"And I know.”",
        want: &["We listened,", "And I know."],
    },
    Case {
        name: "apostrophes are not marks",
        text: "Russia’s and the Russians’ view: “don’t,” he said.",
        want: &["don’t,"],
    },
    Case {
        name: "nineties",
        text: "In the ’90s it was ‘great’ again.",
        want: &["great"],
    },
    Case {
        name: "headline single quotes",
        text: "Trump: ‘I will win’ in Ohio",
        want: &["I will win"],
    },
    Case {
        name: "unclosed mid-paragraph ignored",
        text: "He said \"no and left.\nNext \"para\" here.",
        want: &["para"],
    },
    Case {
        name: "multi-paragraph",
        text: "“First part.\n“Second part.”\nAfter.",
        want: &["First part.", "Second part."],
    },
    Case {
        name: "orphan paragraph quote",
        text: "“Whole paragraph quote.\nPlain.",
        want: &["Whole paragraph quote."],
    },
    Case {
        name: "plural possessive inside single quotes",
        text: "‘We will not trust the Russians’ promises again,’ said Mr. Smith.",
        want: &["We will not trust the Russians’ promises again,"],
    },
    Case {
        name: "plural possessive with no later close still closes",
        text: "He called it ‘a deal for the Russians’ and left.",
        want: &["a deal for the Russians"],
    },
    Case {
        name: "possessive then capital closes",
        text: "‘Ask the Russians’ Smith said, and ‘the Americans’ too.",
        want: &["Ask the Russians", "the Americans"],
    },
    Case {
        name: "nested straight in curly",
        text: "“He said \"hi\" to me,” she said.",
        want: &["He said \"hi\" to me,"],
    },
];

#[test]
fn pairing_cases() {
    for c in CASES {
        let toks = tokenize(c.text);
        let got: Vec<&str> = pair(c.text, &toks)
            .iter()
            .map(|s| &c.text[s.start..s.end])
            .collect();
        assert_eq!(got, c.want, "case {}: text {:?}", c.name, c.text);
    }
}
