//! Cross-source resolution over the five seed articles, scored against
//! `../shared/gold/seeds-cross-source.json`: speaker merging (pairwise precision and recall), the
//! shared quotes and their speaker, and claim grouping with the canceled/postponed disagreement.
//!
//! Two runs: one from hand-built local speakers and quotes taken from the gold forms (tests
//! resolution alone), one from `saywho::extract::extract` (the real pipeline).

use saywho::model::{
    Article, ArticleMeta, AttributionMethod, ExtractedQuote, Extraction, LocalSpeaker, QuoteKind,
    Span, SpeakerKind,
};
use saywho::resolve::Resolver;
use saywho::resolve::claims::Reason;
use saywho::resolve::names::parse_person;
use saywho::resolve::speakers::{SpeakerId, alias_key};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

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

#[derive(Deserialize)]
struct GoldQuoteLine {
    doc: String,
    quote: String,
    speaker: String,
    mention: Option<String>,
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

/// Pairwise precision and recall of speaker merging.
fn speaker_scores(
    gold: &Gold,
    r: &Resolver,
    runs: &[(String, Extraction, Vec<SpeakerId>)],
) -> (f64, f64) {
    // units: (doc, local index) -> (gold speaker name if any, canonical id)
    let mut units: Vec<(Option<String>, SpeakerId, String)> = Vec::new();
    for (doc, ex, ids) in runs {
        for (local, id) in ex.speakers.iter().zip(ids) {
            let g = gold_of(gold, local)
                .filter(|g| g.docs.contains(doc))
                .map(|g| g.name.clone());
            units.push((g, r.speakers.canonical(*id), doc.clone()));
        }
    }
    let (mut merged, mut right) = (0usize, 0usize);
    for (i, a) in units.iter().enumerate() {
        for b in &units[i + 1..] {
            if a.1 == b.1 && (a.0.is_some() || b.0.is_some()) {
                merged += 1;
                right += usize::from(a.0 == b.0);
                if a.0 != b.0 {
                    eprintln!("  wrong merge: {:?}@{} with {:?}@{}", a.0, a.2, b.0, b.2);
                }
            }
        }
    }
    let (mut pairs, mut found) = (0usize, 0usize);
    for g in &gold.speakers {
        let ids: Vec<BTreeSet<SpeakerId>> = g
            .docs
            .iter()
            .map(|d| {
                units
                    .iter()
                    .filter(|u| u.0.as_deref() == Some(&g.name) && &u.2 == d)
                    .map(|u| u.1)
                    .collect()
            })
            .collect();
        for (i, a) in ids.iter().enumerate() {
            for (j, b) in ids.iter().enumerate().skip(i + 1) {
                pairs += 1;
                let ok = a.intersection(b).next().is_some();
                found += usize::from(ok);
                if !ok {
                    eprintln!("  missed: {} in {} / {}", g.name, g.docs[i], g.docs[j]);
                }
            }
        }
    }
    (
        right as f64 / merged.max(1) as f64,
        found as f64 / pairs.max(1) as f64,
    )
}

/// For each gold shared quote: the group its words fall in, the docs of that group, its speaker.
fn check_shared_quotes(gold: &Gold, r: &Resolver) -> usize {
    let mut ok = 0;
    for q in &gold.shared_quotes {
        let Some(m) = r.quotes.lookup(&q.words).into_iter().next() else {
            eprintln!("  quote not found: {}", q.words);
            continue;
        };
        let docs: BTreeSet<&str> = r.occurrences(m.group).iter().map(|o| &*o.article).collect();
        let speaker = r
            .group_attribution(m.group)
            .speaker
            .and_then(|s| r.speakers.get(s))
            .map(|s| s.display_name());
        let all_docs = q.docs.iter().all(|d| docs.contains(d.as_str()));
        let named = q.docs.iter().all(|d| {
            r.occurrences(m.group)
                .iter()
                .filter(|o| &*o.article == d)
                .any(|o| {
                    r.quote_speaker(m.group, d, o.quote)
                        .and_then(|(s, _)| r.speakers.get(s))
                        .map(|s| s.display_name())
                        .as_deref()
                        == Some(q.speaker.as_str())
                })
        });
        eprintln!(
            "  quote {:?}: docs {docs:?}, speaker {speaker:?}, every doc names {}: {named}",
            q.words, q.speaker
        );
        ok += usize::from(all_docs && speaker.as_deref() == Some(q.speaker.as_str()) && named);
    }
    ok
}

/// The title words written just before the first occurrence of `form` ("national security
/// adviser" before "Musaed al Alban"), as an extractor would keep them.
fn title_before(text: &str, form: &str) -> Option<String> {
    let at = text.find(form)?;
    let before: Vec<&str> = text[..at].split_whitespace().collect();
    let n = before
        .iter()
        .rev()
        .take_while(|w| saywho::resolve::names::is_title(&w.to_lowercase()))
        .count();
    (n > 0).then(|| before[before.len() - n..].join(" "))
}

fn hand_built(gold: &Gold, article: &Article, extracted: &Extraction) -> Extraction {
    let lines =
        std::fs::read_to_string(gold_dir().join("seeds-quotes.jsonl")).expect("read gold quotes");
    let mut ex = Extraction::default();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for g in gold
        .speakers
        .iter()
        .filter(|g| g.docs.contains(&article.id))
    {
        let aliases: Vec<(String, u32)> = g
            .forms
            .iter()
            .filter_map(|f| {
                Some((f.clone(), article.text.matches(f.as_str()).count() as u32))
                    .filter(|x| x.1 > 0)
            })
            .collect();
        let named = aliases
            .iter()
            .filter_map(|(a, _)| parse_person(a))
            .filter(|p| !p.given.is_empty() || g.name.to_lowercase().contains(&p.surname))
            .max_by_key(|p| p.fullness());
        let kind = if named.is_some() {
            SpeakerKind::Person
        } else {
            SpeakerKind::Role
        };
        let name = named.map_or_else(
            || {
                aliases
                    .first()
                    .map(|a| a.0.trim_start_matches("the ").to_string())
                    .unwrap_or_default()
            },
            |p| p.written,
        );
        let mut roles: Vec<String> = aliases
            .iter()
            .filter_map(|(a, _)| a.strip_suffix(&name).map(|r| r.trim().to_string()))
            .filter(|r| !r.is_empty())
            .collect();
        roles.extend(
            aliases
                .iter()
                .filter_map(|(a, _)| title_before(&article.text, a)),
        );
        index.insert(g.name.clone(), ex.speakers.len());
        ex.speakers.push(LocalSpeaker {
            name,
            kind,
            roles,
            aliases,
            mentions: Vec::new(),
        });
    }
    // distractors: everyone else the extractor found, so precision is tested
    ex.speakers.extend(
        extracted
            .speakers
            .iter()
            .filter(|s| gold_of(gold, s).is_none())
            .cloned(),
    );
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let q: GoldQuoteLine = serde_json::from_str(line).expect("quote line");
        let Some(start) = article.text.find(&q.quote).filter(|_| q.doc == article.id) else {
            continue;
        };
        let speaker = index.get(&q.speaker).copied().or_else(|| {
            index
                .get("Tammy Bruce")
                .filter(|_| q.speaker.contains("spokesperson"))
                .copied()
        });
        ex.quotes.push(ExtractedQuote {
            span: Span::new(start, start + q.quote.len()),
            kind: QuoteKind::Full,
            speaker,
            speaker_mention: None,
            cue: None,
            method: Some(if q.mention.is_some() {
                AttributionMethod::Explicit
            } else {
                AttributionMethod::Continuation
            }),
            confidence: 0.9,
        });
    }
    ex
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

/// Claim grouping: for each gold claim, the predicted group that best covers its documents
/// (among groups whose claims resemble the gold wording); pairwise recall over documents, and
/// the share of cross-document groups that match some gold claim.
fn claim_scores(gold: &Gold, r: &Resolver) -> (f64, f64, bool) {
    let (mut pairs, mut found, mut flagged) = (0usize, 0usize, false);
    let mut matched_groups = BTreeSet::new();
    for c in &gold.shared_claims {
        let n = c.docs.len();
        pairs += n * (n - 1) / 2;
        let best = r
            .claims
            .lookup(&c.claim)
            .into_iter()
            .map(|(g, _)| {
                let docs: BTreeSet<String> = r
                    .claims
                    .group(g)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|m| r.claims.member(*m))
                    .map(|m| m.article.to_string())
                    .collect();
                (g, c.docs.iter().filter(|d| docs.contains(*d)).count())
            })
            .max_by_key(|x| x.1);
        let Some((g, hit)) = best else {
            eprintln!("  claim not found: {}", c.claim);
            continue;
        };
        matched_groups.insert(g);
        found += hit * hit.saturating_sub(1) / 2;
        let d = r.claims.disagreements(g);
        if c.disagreement {
            flagged = d.iter().any(|x| {
                x.reasons
                    .iter()
                    .any(|r| matches!(r, Reason::ContradictingWords { .. }))
            });
        }
        eprintln!(
            "  claim {:?}: group {g} covers {hit}/{n} docs, {} disagreements",
            c.claim,
            d.len()
        );
    }
    let cross: Vec<u32> = r
        .claims
        .group_ids()
        .filter(|g| {
            r.claims
                .group(*g)
                .unwrap_or_default()
                .iter()
                .filter_map(|m| r.claims.member(*m))
                .map(|m| &m.article)
                .collect::<BTreeSet<_>>()
                .len()
                >= 2
        })
        .collect();
    let precise = cross.iter().filter(|g| matched_groups.contains(g)).count();
    (
        precise as f64 / cross.len().max(1) as f64,
        found as f64 / pairs.max(1) as f64,
        flagged,
    )
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
