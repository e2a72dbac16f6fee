//! The generator's ground truth: for every article, each quotation with who the article says
//! said it (and who really did), each claim, and each quoted string that is not a quotation.
//! Offsets are UTF-8 byte offsets into the article text, half-open, excluding quote marks.

use serde::Serialize;

/// Ground truth for one article (one JSON line of the `--truth` file).
#[derive(Clone, Debug, Default, Serialize)]
pub struct ArticleTruth {
    /// The article id.
    pub id: String,
    /// The event the article covers (articles of one event share statements and claims).
    pub event: u64,
    /// The outlet that published it.
    pub outlet: String,
    /// For a republished wire story, the id of the wire article it copies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub syndicated_from: Option<String>,
    /// Every quotation, in text order of appearance.
    pub quotes: Vec<QuoteTruth>,
    /// Every attributed claim (reported speech without quote marks).
    pub claims: Vec<ClaimTruth>,
    /// Quoted strings that are not quotations (titles of shows, scare quotes).
    pub not_quotes: Vec<NotQuoteTruth>,
}

/// One quotation: the words between one pair of quote marks.
#[derive(Clone, Debug, Serialize)]
pub struct QuoteTruth {
    /// First byte of the quoted words.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The quoted words exactly as written.
    pub text: String,
    /// The statement id (`e{event}-s{n}`): the same id across outlets means the same words,
    /// possibly trimmed or reworded.
    pub statement: String,
    /// Who the article attributes the words to (`spk-000042`), or `None` when it names only a
    /// role ("a spokesperson for the Veshan Foreign Ministry").
    pub speaker: Option<String>,
    /// That speaker's canonical name, or the role phrase.
    pub speaker_name: String,
    /// The words naming the speaker here, as written ("he", "Lavrov", "Veshan Foreign Minister …").
    pub mention: String,
    /// Who really said the words; differs from `speaker` when the outlet got it wrong.
    pub true_speaker: String,
    /// `full` for a whole utterance, `partial` for a fragment embedded in reported speech.
    pub kind: &'static str,
    /// How the quote is attributed (`said_after`, `said_before`, `colon`, `continuation`, …).
    pub style: &'static str,
    /// How the wording relates to the original statement: `verbatim`, `trimmed`, `reworded`,
    /// `fragment`.
    pub variant: &'static str,
}

/// One attributed claim.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimTruth {
    /// First byte of the claim's content clause.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The claim id (`e{event}-c{n}`), shared by every outlet that reports it.
    pub claim: String,
    /// The claimant (`spk-000042`).
    pub speaker: String,
    /// The words naming the claimant here.
    pub mention: String,
    /// Which of the equivalent wordings was used (`-1` for the contradicting one).
    pub wording: i32,
    /// True when this outlet's version contradicts the others (postponed vs canceled).
    pub contradicts: bool,
    /// The reporting form (`said_that`, `according_to`, `told`, `trailing`, `confirmed`).
    pub form: &'static str,
}

/// A quoted string that is not a quotation.
#[derive(Clone, Debug, Serialize)]
pub struct NotQuoteTruth {
    /// First byte inside the marks.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `title` (a programme name) or `scare` (scare quotes).
    pub why: &'static str,
}

/// Formats a speaker id.
pub(crate) fn speaker_id(id: u32) -> String {
    format!("spk-{id:06}")
}
