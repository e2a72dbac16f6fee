//! Extraction never panics, and every span it returns lies on character boundaries inside the
//! text, with speaker indexes in range.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saywho::model::Span;

fn check(text: &str, span: Span) {
    assert!(span.start <= span.end, "reversed span {span:?}");
    assert!(
        text.get(span.start..span.end).is_some(),
        "span {span:?} off a char boundary or past the end"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let found = saywho::extract::extract(text);
    let speakers = found.speakers.len();
    for q in &found.quotes {
        check(text, q.span);
        q.cue
            .into_iter()
            .chain(q.speaker_mention)
            .for_each(|s| check(text, s));
        assert!(q.speaker.is_none_or(|i| i < speakers));
        assert!(
            (0.0..=1.0).contains(&q.confidence),
            "confidence {}",
            q.confidence
        );
    }
    for c in &found.claims {
        check(text, c.span);
        c.cue
            .into_iter()
            .chain(c.speaker_mention)
            .for_each(|s| check(text, s));
        assert!(c.speaker.is_none_or(|i| i < speakers));
    }
    for s in &found.speakers {
        s.mentions.iter().for_each(|&m| check(text, m));
    }
});
