//! Scores of a resolver run against the gold: pairwise precision and recall of speaker merging,
//! the shared quotes grouped with their speaker, and claim grouping with its disagreement flag.

use super::{Gold, gold_of};
use saywho::model::Extraction;
use saywho::resolve::Resolver;
use saywho::resolve::claims::Reason;
use saywho::resolve::speakers::SpeakerId;
use std::collections::BTreeSet;

/// Pairwise precision and recall of speaker merging.
pub(super) fn speaker_scores(
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
pub(super) fn check_shared_quotes(gold: &Gold, r: &Resolver) -> usize {
    let mut ok = 0;
    for q in &gold.shared_quotes {
        let Some(m) = r.quotes.lookup(&q.words).into_iter().next() else {
            eprintln!("  quote not found: {}", q.words);
            continue;
        };
        let docs: BTreeSet<&str> = r.occurrences(m.group).iter().map(|o| &*o.article).collect();
        let speaker = r
            .quote_view()
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
                    r.quote_view()
                        .quote_speaker(m.group, d, o.quote)
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

/// Claim grouping: for each gold claim, the predicted group that best covers its documents
/// (among groups whose claims resemble the gold wording); pairwise recall over documents, and
/// the share of cross-document groups that match some gold claim.
pub(super) fn claim_scores(gold: &Gold, r: &Resolver) -> (f64, f64, bool) {
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
