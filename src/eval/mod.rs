//! Scoring extraction against gold files: the seed answers and uniform JSON Lines gold such as
//! PolNeAR. [`gold`] reads the files (locating seed quotes, converting code points to bytes);
//! [`score`] matches spans one-to-one and computes the figures `saywho eval` prints.

pub mod gold;
pub mod score;

pub use gold::{GoldClaim, GoldDoc, GoldError, GoldQuote, load_seed_gold, load_uniform_gold};
pub use score::{Acc, Prf, Report, score_doc};

/// Which predicted quotes are scored against the gold quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteSet {
    /// Every quote, full and partial (the seed gold counts fragments as quotes).
    All,
    /// Only full quotes: PolNeAR's "direct" layer files fragments embedded in reported speech
    /// under "mixed" claims instead.
    Full,
}

/// Runs `extract` over every document and scores it.
pub fn evaluate(docs: &[GoldDoc], set: QuoteSet) -> Report {
    let mut report = Report::default();
    for d in docs {
        score_doc(
            &mut report,
            d,
            &restrict(crate::extract::extract(&d.text), set),
        );
    }
    report
}

/// Keeps only the quotes of `set`.
pub fn restrict(mut ex: crate::model::Extraction, set: QuoteSet) -> crate::model::Extraction {
    if set == QuoteSet::Full {
        ex.quotes
            .retain(|q| q.kind == crate::model::QuoteKind::Full);
    }
    ex
}
