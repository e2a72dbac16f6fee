//! Gold files: the seed answers (quote text, speaker and mention, no offsets: located in the
//! article) and uniform JSON Lines gold (offsets in Unicode code points, converted to bytes).
//!
//! The seed loader lives in `seed`, the uniform loader in `uniform`; both build the types here.

use crate::model::{QuoteKind, Span};

mod seed;
mod uniform;

pub use seed::load_seed_gold;
pub use uniform::{code_point_offsets, load_uniform_gold};

/// One gold quotation.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldQuote {
    /// The quote's byte span.
    pub span: Span,
    /// Acceptable speaker names (canonical and resolved), lower-cased; empty when unknown.
    pub names: Vec<String>,
    /// The speaker mention's byte span, when the gold gives one.
    pub mention: Option<Span>,
    /// Full utterance or fragment, when the gold says.
    pub kind: Option<QuoteKind>,
}

/// One gold claim.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldClaim {
    /// The claim's byte span.
    pub span: Span,
    /// The claimant mention's byte span, when known.
    pub mention: Option<Span>,
}

/// One gold document.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldDoc {
    /// Document id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Direct quotations.
    pub quotes: Vec<GoldQuote>,
    /// Claims (indirect and mixed reported speech); `None` when the gold has no claims layer.
    pub claims: Option<Vec<GoldClaim>>,
}

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// A line is not valid JSON of the expected shape.
    #[error("line {line}: {source}")]
    Json {
        /// 1-based line number.
        line: usize,
        /// The parse error.
        source: serde_json::Error,
    },
    /// A seed gold line names a document that is not among the seed texts.
    #[error("line {line}: unknown document {doc:?}")]
    UnknownDoc {
        /// 1-based line number.
        line: usize,
        /// The document id.
        doc: String,
    },
    /// A seed gold quote does not occur in its document.
    #[error("line {line}: quote not found in {doc:?}: {quote:?}")]
    QuoteNotFound {
        /// 1-based line number.
        line: usize,
        /// The document id.
        doc: String,
        /// The quote text.
        quote: String,
    },
    /// Offsets outside the text.
    #[error("line {line}: offsets {start}..{end} outside the text")]
    BadOffsets {
        /// 1-based line number.
        line: usize,
        /// Start in code points.
        start: usize,
        /// End in code points.
        end: usize,
    },
}

/// The non-blank lines of a JSON Lines file, each parsed as `T`, with its 1-based line number.
fn json_lines<T: serde::de::DeserializeOwned>(
    jsonl: &str,
) -> impl Iterator<Item = Result<(usize, T), GoldError>> + '_ {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            let line_no = n + 1;
            serde_json::from_str(line)
                .map(|parsed| (line_no, parsed))
                .map_err(|source| GoldError::Json {
                    line: line_no,
                    source,
                })
        })
}
