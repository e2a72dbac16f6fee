//! Scoring extraction against gold files: the seed answers and uniform JSON Lines gold such as
//! PolNeAR. [`gold`] reads the files (locating seed quotes, converting code points to bytes);
//! [`score`] matches spans one-to-one and computes the figures `saywho eval` prints.

pub mod gold;
pub mod score;

pub use gold::{GoldClaim, GoldDoc, GoldError, GoldQuote, load_seed_gold, load_uniform_gold};
pub use score::{Acc, Prf, Report, score_doc};

/// Runs `extract` over every document and scores it.
pub fn evaluate(docs: &[GoldDoc]) -> Report {
    let mut report = Report::default();
    for d in docs {
        score_doc(&mut report, d, &crate::extract::extract(&d.text));
    }
    report
}
