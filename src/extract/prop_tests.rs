//! Property tests over arbitrary and quote-heavy text: every span the extractor returns lies in
//! the text on char boundaries, and every quote's speaker index is in range.

use super::extract;
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
