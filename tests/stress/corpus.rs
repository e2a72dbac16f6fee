//! The stress test's articles: a small pool of words and speakers, so that groups are shared.

use saywho::index::NewArticle;
use saywho::model::{
    ArticleMeta, AttributionMethod, ExtractedClaim, ExtractedQuote, Extraction, LocalSpeaker,
    QuoteKind, Span, SpeakerKind,
};

pub(crate) const PEOPLE: [&str; 4] = ["Jane Doe", "John Roe", "Ada Smith", "Li Wei"];
pub(crate) const WORDS: [&str; 5] = [
    "bridges matter",
    "we will rebuild",
    "no comment",
    "talks failed",
    "peace now",
];

/// A small deterministic generator (xorshift).
pub(crate) struct Rng(pub(crate) u64);
impl Rng {
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// An article with two quotes from a small pool of words and speakers (so groups are shared and
/// outlets disagree about speakers) and one claim, with a hand-built extraction.
pub(crate) fn hand_built(n: usize, rng: &mut Rng) -> (NewArticle, Extraction) {
    let (w1, w2) = (WORDS[rng.below(WORDS.len())], WORDS[rng.below(WORDS.len())]);
    let (p1, p2) = (
        PEOPLE[rng.below(PEOPLE.len())],
        PEOPLE[rng.below(PEOPLE.len())],
    );
    let text = format!("“{w1},” {p1} said. “{w2},” {p2} said. {p1} said that rates rise {n}.");
    let at = |needle: &str, from: usize| from + text[from..].find(needle).expect("in text");
    let q1 = at(w1, 0);
    let q2 = at(w2, q1 + w1.len());
    let claim = at("rates rise", 0);
    let speaker = |name: &str| LocalSpeaker {
        name: name.into(),
        kind: SpeakerKind::Person,
        roles: vec![],
        aliases: vec![(name.into(), 1)],
        mentions: vec![],
    };
    let quote = |start: usize, len: usize, who: usize| ExtractedQuote {
        span: Span::new(start, start + len),
        kind: QuoteKind::Full,
        speaker: Some(who),
        speaker_mention: None,
        cue: None,
        method: Some(AttributionMethod::Explicit),
        confidence: 0.9,
    };
    let extraction = Extraction {
        speakers: vec![speaker(p1), speaker(p2)],
        quotes: vec![quote(q1, w1.len(), 0), quote(q2, w2.len(), 1)],
        claims: vec![ExtractedClaim {
            span: Span::new(claim, text.len() - 1),
            speaker: Some(0),
            speaker_mention: None,
            cue: None,
            method: Some(AttributionMethod::Explicit),
            confidence: 0.8,
        }],
    };
    let new = NewArticle {
        id: Some(format!("direct-{n}")),
        request_id: None,
        meta: ArticleMeta {
            outlet: format!("Outlet {}", n % 3),
            ..ArticleMeta::default()
        },
        text,
    };
    (new, extraction)
}
