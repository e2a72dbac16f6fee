//! Cross-source resolution over the five seed articles, scored against
//! `../shared/gold/seeds-cross-source.json`: speaker merging (pairwise precision and recall), the
//! shared quotes and their speaker, and claim grouping with the canceled/postponed disagreement.
//!
//! Two runs: one from hand-built local speakers and quotes taken from the gold forms (tests
//! resolution alone), one from `saywho::extract::extract` (the real pipeline).
//!
//! The gold, the seeds and the runs are here; the hand-built extractions in `hand_built`; the
//! scores of a run against the gold in `scores`.

use saywho::model::{Article, ArticleMeta, Extraction, LocalSpeaker};
use saywho::resolve::Resolver;
use saywho::resolve::speakers::{SpeakerId, alias_key};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::PathBuf;

mod hand_built;
mod scores;

use hand_built::hand_built;
use scores::{check_shared_quotes, claim_scores, speaker_scores};

#[derive(Deserialize)]
pub(crate) struct Gold {
    pub(crate) speakers: Vec<GoldSpeaker>,
    pub(crate) shared_quotes: Vec<GoldQuote>,
    pub(crate) shared_claims: Vec<GoldClaim>,
}

#[derive(Deserialize)]
pub(crate) struct GoldSpeaker {
    pub(crate) name: String,
    pub(crate) forms: Vec<String>,
    pub(crate) docs: Vec<String>,
}

#[derive(Deserialize)]
pub(crate) struct GoldQuote {
    pub(crate) words: String,
    pub(crate) speaker: String,
    pub(crate) docs: Vec<String>,
}

#[derive(Deserialize)]
pub(crate) struct GoldClaim {
    pub(crate) claim: String,
    pub(crate) docs: Vec<String>,
    #[serde(default)]
    pub(crate) disagreement: bool,
}

/// One seed as fed: its id, its extraction and the registry ids of its speakers.
type Run = (String, Extraction, Vec<SpeakerId>);

fn gold_dir() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [root.join("../shared/gold"), root.join("../../shared/gold")]
        .into_iter()
        .find(|p| p.join("seeds-cross-source.json").exists())
        .expect("seed gold not found in ../shared/gold or ../../shared/gold")
}

pub(crate) fn gold() -> Gold {
    let text =
        std::fs::read_to_string(gold_dir().join("seeds-cross-source.json")).expect("read gold");
    serde_json::from_str(&text).expect("parse gold")
}

fn seeds() -> Vec<Article> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seeds dir")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let id = p
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("stem")
                .to_string();
            let text = std::fs::read_to_string(&p).expect("read seed");
            Article {
                meta: ArticleMeta {
                    outlet: id.clone(),
                    ..Default::default()
                },
                id,
                text: text.into(),
                ingested_ms: 0,
            }
        })
        .collect()
}

fn form_key(s: &str) -> String {
    alias_key(s).trim_start_matches("the ").to_string()
}

/// The gold speaker a local speaker is, by its name or an alias equal to one of the gold forms.
fn gold_of<'g>(gold: &'g Gold, local: &LocalSpeaker) -> Option<&'g GoldSpeaker> {
    let mine: BTreeSet<String> = local
        .aliases
        .iter()
        .map(|(a, _)| form_key(a))
        .chain([form_key(&local.name)])
        .collect();
    gold.speakers
        .iter()
        .find(|g| g.forms.iter().any(|f| mine.contains(&form_key(f))))
}

fn run(build: impl Fn(&Gold, &Article, &Extraction) -> Extraction) -> (Gold, Resolver, Vec<Run>) {
    run_in_order(build, false)
}

fn run_in_order(
    build: impl Fn(&Gold, &Article, &Extraction) -> Extraction,
    reverse: bool,
) -> (Gold, Resolver, Vec<Run>) {
    let gold = gold();
    let mut r = Resolver::with_statements();
    let mut runs = Vec::new();
    let mut articles = seeds();
    if reverse {
        articles.reverse();
    }
    for a in articles {
        let ex = build(&gold, &a, &saywho::extract::extract(&a.text));
        let res = r.add_article(&a, &ex);
        runs.push((a.id.clone(), ex, res.speakers));
    }
    (gold, r, runs)
}

#[test]
fn seed_order_does_not_change_speaker_merging() {
    for build in [
        hand_built as fn(&Gold, &Article, &Extraction) -> Extraction,
        |_: &Gold, _: &Article, ex: &Extraction| ex.clone(),
    ] {
        let (gold, r, runs) = run_in_order(build, true);
        let reversed = speaker_scores(&gold, &r, &runs);
        let (gold, r, runs) = run_in_order(build, false);
        assert_eq!(reversed, speaker_scores(&gold, &r, &runs));
        assert_eq!(check_shared_quotes(&gold, &r), gold.shared_quotes.len());
    }
}

#[test]
fn seeds_from_gold_forms_merge_exactly() {
    let (gold, r, runs) = run(hand_built);
    let (p, rec) = speaker_scores(&gold, &r, &runs);
    eprintln!("gold-form speakers: precision {p:.3} recall {rec:.3}");
    assert_eq!(
        (p, rec),
        (1.0, 1.0),
        "every form merged, nobody else merged in"
    );
    assert_eq!(check_shared_quotes(&gold, &r), gold.shared_quotes.len());
}

#[test]
fn seeds_through_extraction() {
    let (gold, r, runs) = run(|_, _, ex| ex.clone());
    let (p, rec) = speaker_scores(&gold, &r, &runs);
    eprintln!("extracted speakers: precision {p:.3} recall {rec:.3}");
    let quotes = check_shared_quotes(&gold, &r);
    eprintln!("shared quotes right: {quotes}/{}", gold.shared_quotes.len());
    let (cp, cr, flagged) = claim_scores(&gold, &r);
    eprintln!("claims: precision {cp:.3} recall {cr:.3}, canceled/postponed flagged: {flagged}");
    assert_eq!(p, 1.0, "nobody merged into the wrong person");
    assert!(rec >= 0.95, "speaker recall {rec}");
    assert_eq!(
        quotes,
        gold.shared_quotes.len(),
        "shared quotes grouped with the right speaker"
    );
    assert!(cr >= 0.5, "claim recall {cr}");
    assert!(cp > 0.0, "claim groups match gold");
    assert!(flagged, "canceled/postponed disagreement");
}
