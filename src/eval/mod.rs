//! Scoring extraction against gold files: the seed answers and uniform JSON Lines gold such as
//! PolNeAR. [`gold`] reads the files (locating seed quotes, converting code points to bytes);
//! [`score`] matches spans one-to-one and computes the figures `saywho eval` prints.

pub mod diff;
pub mod gold;
pub mod score;

pub use gold::{GoldClaim, GoldDoc, GoldError, GoldQuote, load_seed_gold, load_uniform_gold};
pub use score::{Acc, Prf, Report, score_doc};

/// Resolves a data path such as `../shared/gold/seeds-quotes.jsonl`: as given (absolute or
/// relative to the current directory), else relative to the crate root or one of its parents
/// (so `../shared` works from the main checkout and from a nested git worktree).
pub fn locate(path: &std::path::Path) -> Option<std::path::PathBuf> {
    if path.is_absolute() || path.exists() {
        return path.exists().then(|| path.to_path_buf());
    }
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|base| base.join(path))
        .find(|candidate| candidate.exists())
}

/// Reads the seed articles (`dir/*.txt`, id = file stem) and the seed gold into gold documents.
pub fn load_seeds(dir: &std::path::Path, gold: &std::path::Path) -> load::Result<Vec<GoldDoc>> {
    let mut texts = std::collections::BTreeMap::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| load::Error::Io(dir.display().to_string(), e))?;
    for entry in entries {
        let path = entry
            .map_err(|e| load::Error::Io(dir.display().to_string(), e))?
            .path();
        if path.extension().is_some_and(|e| e == "txt") {
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| load::Error::Io(path.display().to_string(), e))?;
            texts.insert(id, text);
        }
    }
    let jsonl = std::fs::read_to_string(gold)
        .map_err(|e| load::Error::Io(gold.display().to_string(), e))?;
    Ok(load_seed_gold(&jsonl, &texts)?)
}

/// Errors from loading evaluation data.
pub mod load {
    /// A load error: unreadable file or bad gold.
    #[derive(Debug, thiserror::Error)]
    pub enum Error {
        /// A file or folder could not be read.
        #[error("cannot read {0}: {1}")]
        Io(String, std::io::Error),
        /// The gold file is malformed.
        #[error(transparent)]
        Gold(#[from] super::GoldError),
    }
    /// Result with [`Error`].
    pub type Result<T> = std::result::Result<T, Error>;
}

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
