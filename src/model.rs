//! Domain types shared by every layer: articles, spans, and what extraction finds in one article.
//!
//! Nothing here knows about protobuf or tonic. Offsets are always UTF-8 byte offsets into the
//! article text exactly as submitted, half-open (`[start, end)`), and always on `char` boundaries.

use serde::{Deserialize, Serialize};
use std::num::NonZeroU32;
use std::sync::Arc;

/// A half-open range `[start, end)` of UTF-8 byte offsets into an article's text.
///
/// Invariant (upheld by every producer): `start <= end <= text.len()` and both ends lie on `char`
/// boundaries, so `&text[span.start..span.end]` never panics for the text the span came from.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte covered.
    pub start: usize,
    /// One past the last byte covered.
    pub end: usize,
}

impl Span {
    /// Makes a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The covered text, or `""` if the span does not fit `text` (never panics).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Number of bytes shared by two spans.
    pub fn overlap(&self, other: &Span) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }
}

/// A [`Span`] held in 8 bytes instead of 16, for the records the index keeps by the million
/// (quote and claim occurrences): its offsets are below 4 GiB − 1, as every article the index
/// accepts is (see [`MAX_TEXT_BYTES`]). Its end is kept plus one, so that an absent span
/// (`Option<Span32>`, a cue or a mention) takes no more room than a present one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span32 {
    start: u32,
    end_plus_one: NonZeroU32,
}

impl Default for Span32 {
    /// The empty span at 0.
    fn default() -> Self {
        Span32 {
            start: 0,
            end_plus_one: NonZeroU32::MIN,
        }
    }
}

/// The longest article text the index takes, in bytes: offsets into it fit a [`Span32`].
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize - 1;

impl Span32 {
    /// The span in 8 bytes; `None` when an offset is past [`MAX_TEXT_BYTES`].
    pub fn of(span: Span) -> Option<Self> {
        if span.end > MAX_TEXT_BYTES {
            return None;
        }
        Some(Span32 {
            start: u32::try_from(span.start).ok()?,
            end_plus_one: NonZeroU32::new(u32::try_from(span.end + 1).ok()?)?,
        })
    }

    /// The span.
    pub fn span(self) -> Span {
        Span::new(self.start as usize, self.end_plus_one.get() as usize - 1)
    }

    /// The covered text, or `""` if the span does not fit `text` (never panics).
    pub fn slice(self, text: &str) -> &str {
        self.span().slice(text)
    }
}

impl From<Span32> for Span {
    fn from(s: Span32) -> Span {
        s.span()
    }
}

/// Metadata a client sends with an article. Every field is optional except the text itself,
/// which lives in [`Article::text`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// The publisher, e.g. "Reuters". Empty when unknown.
    pub outlet: String,
    /// Canonical URL. Empty when unknown.
    pub url: String,
    /// Headline. Empty when unknown.
    pub title: String,
    /// Publication time in milliseconds since the Unix epoch, when known.
    pub published_ms: Option<i64>,
}

/// A timestamp as milliseconds since the Unix epoch (the unit of [`ArticleMeta::published_ms`]);
/// `None` when its nanos are outside `[0, 999999999]` or the milliseconds overflow.
pub fn timestamp_ms(ts: &prost_types::Timestamp) -> Option<i64> {
    if !(0..1_000_000_000).contains(&ts.nanos) {
        return None;
    }
    ts.seconds
        .checked_mul(1000)
        .and_then(|ms| ms.checked_add(i64::from(ts.nanos / 1_000_000)))
}

/// A resource name, `{collection}/{id}` (`articles/…`, `quotes/…`): built by copying both parts
/// into one allocation of the right size, since views build one or two per message.
pub fn resource_name(collection: &str, id: &str) -> String {
    let mut name = String::with_capacity(collection.len() + 1 + id.len());
    name.push_str(collection);
    name.push('/');
    name.push_str(id);
    name
}

/// One submitted article. Its text is immutable once stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The resource id (the `{article}` in `articles/{article}`).
    pub id: String,
    /// The text exactly as submitted; every span refers to it. Shared, not copied, by the
    /// occurrences that quote it.
    pub text: Arc<str>,
    /// Outlet, URL, title and time.
    pub meta: ArticleMeta,
    /// When the server first stored it, in milliseconds since the Unix epoch.
    pub ingested_ms: i64,
}

/// Whether a quotation is a whole quoted utterance or a fragment embedded in reported speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// A complete quoted utterance: `"…," Rubio said`.
    Full,
    /// A fragment inside reported speech: `Zelenskyy said Ukraine needs "robust and reliable" …`.
    Partial,
}

/// What sort of entity a speaker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A named person ("Marco Rubio").
    Person,
    /// A named organisation, outlet or government body ("the Kremlin", "The New York Post").
    Organization,
    /// An unnamed holder of a role ("the State Department spokesperson", "a senior official").
    Role,
}

/// How a quote or claim was tied to its speaker; more direct evidence means higher confidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionMethod {
    /// A cue verb next to a named speaker: `"…," Rubio said`.
    Explicit,
    /// A cue verb next to a pronoun resolved to a person: `"…," he said`.
    Pronoun,
    /// No cue of its own: continues the previous quote's speaker.
    Continuation,
    /// A speaker beside the quote without a cue verb: `"…," Lavrov.`
    NoCue,
    /// `according to SPEAKER`.
    AccordingTo,
    /// Named through another article that carries the same words (set by the index, not extraction).
    CrossSource,
}

/// A person, organisation or role as one article knows it: every way the article names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalSpeaker {
    /// The fullest name the article gives, titles and roles removed ("Marco Rubio"); for a
    /// role, the role phrase without its article ("State Department spokesperson").
    pub name: String,
    /// Person, organisation or role.
    pub kind: SpeakerKind,
    /// Roles and titles seen before or around the name ("U.S. Secretary of State"), in order of
    /// first appearance, without duplicates.
    pub roles: Vec<String>,
    /// Every surface form that refers to it, exactly as written ("Rubio", "U.S. Secretary of
    /// State Marco Rubio"), with how often it appears. Pronouns are not listed.
    pub aliases: Vec<(String, u32)>,
    /// Spans of every mention (names, roles and resolved pronouns), in text order.
    pub mentions: Vec<Span>,
}

/// One quotation found in an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtractedQuote {
    /// The quoted words, excluding the quote marks.
    pub span: Span,
    /// Full utterance or embedded fragment.
    pub kind: QuoteKind,
    /// Index into [`Extraction::speakers`], or `None` when nobody can be named.
    pub speaker: Option<usize>,
    /// The words that name the speaker here ("he", "Rubio", "the State Department spokesperson").
    pub speaker_mention: Option<Span>,
    /// The cue ("said", "told reporters", "according to").
    pub cue: Option<Span>,
    /// How the speaker was found.
    pub method: Option<AttributionMethod>,
    /// Confidence in the attribution, in `[0, 1]`.
    pub confidence: f32,
}

/// One attributed claim (reported speech) found in an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtractedClaim {
    /// The reported content ("Ukraine will not recognize any agreements …"), without a leading
    /// "that".
    pub span: Span,
    /// Index into [`Extraction::speakers`], or `None`.
    pub speaker: Option<usize>,
    /// The words that name the claimant here.
    pub speaker_mention: Option<Span>,
    /// The cue ("said", "according to").
    pub cue: Option<Span>,
    /// How the claimant was found.
    pub method: Option<AttributionMethod>,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
}

/// Everything extraction finds in one article. Pure data: no ids beyond indexes into `speakers`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Speakers and other named people the article mentions, one entry per referent.
    pub speakers: Vec<LocalSpeaker>,
    /// Quotations in text order.
    pub quotes: Vec<ExtractedQuote>,
    /// Claims in text order.
    pub claims: Vec<ExtractedClaim>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slice_never_panics() {
        let t = "héllo";
        assert_eq!(Span::new(0, 3).slice(t), "hé");
        assert_eq!(Span::new(0, 2).slice(t), "", "inside a char");
        assert_eq!(Span::new(4, 99).slice(t), "", "past the end");
    }

    #[test]
    fn span32_holds_offsets_below_4_gib() {
        let s = Span::new(1, 3);
        assert_eq!(Span32::of(s).map(Span::from), Some(s));
        assert_eq!(Span32::of(s).map(|x| x.slice("héllo")), Some("é"));
        let top = MAX_TEXT_BYTES;
        assert!(Span32::of(Span::new(top - 1, top)).is_some());
        assert_eq!(Span32::of(Span::new(0, top + 1)), None);
        assert_eq!(Span32::of(Span::new(top + 1, top + 1)), None);
        assert_eq!(Span32::default().span(), Span::new(0, 0));
        assert_eq!(std::mem::size_of::<Span32>(), 8);
        assert_eq!(
            std::mem::size_of::<Option<Span32>>(),
            8,
            "an absent span is free"
        );
    }

    #[test]
    fn span_overlap() {
        assert_eq!(Span::new(0, 10).overlap(&Span::new(5, 20)), 5);
        assert_eq!(Span::new(0, 10).overlap(&Span::new(10, 20)), 0);
    }
}
