//! Claim groups merged while articles arrive (a claim bridging two groups that state the same
//! fact) keep every report as it was first published: the reports of the group merged in are
//! moved, not rebuilt from the stored article without its extraction.

use super::*;
use crate::corpus::{Corpus, CorpusConfig};
use crate::model::{ArticleMeta, Extraction, Span32};
use std::collections::HashMap;

#[test]
fn merged_claim_groups_keep_their_reports_as_extracted() {
    let index = Index::new();
    let mut extractions: HashMap<String, Extraction> = HashMap::new();
    let corpus = Corpus::new(CorpusConfig {
        articles: 300,
        seed: 11,
    });
    for a in corpus {
        let extraction = crate::extract::extract(&a.text);
        let new = NewArticle {
            id: Some(a.id.clone()),
            request_id: None,
            text: a.text,
            meta: ArticleMeta {
                outlet: a.outlet,
                ..Default::default()
            },
        };
        index
            .create_article_with(new, extraction.clone())
            .expect("a generated article is accepted");
        extractions.insert(a.id, extraction);
    }
    // the corpus must have merged groups for the check below to mean anything
    let merged = {
        let r = index.inner.resolver.read();
        (0..100_000u32)
            .filter(|&g| r.claims.group(g).is_none() && r.claims.current_group(g).is_some())
            .count()
    };
    assert!(merged > 0, "no claim group was merged");
    let mut checked = 0;
    for entry in index.inner.claims.iter() {
        for o in &entry.value().occurrences {
            let Some(claim) = extractions
                .get(o.article())
                .and_then(|e| e.claims.get(o.ordinal as usize))
            else {
                continue; // a statement in the outlet's own voice: no extraction to compare
            };
            assert_eq!(
                (
                    o.span.span(),
                    o.cue.map(Span32::span),
                    o.mention.map(Span32::span),
                    o.method,
                    o.confidence
                ),
                (
                    claim.span,
                    claim.cue,
                    claim.speaker_mention,
                    claim.method,
                    claim.confidence.clamp(0.0, 1.0)
                ),
                "claims/{}: report {}#{}",
                entry.key(),
                o.article(),
                o.ordinal
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} reports checked");
    // the records of the articles whose claims moved name the groups they are in now
    let unlisted: Vec<String> = index
        .check_invariants()
        .into_iter()
        .filter(|v| v.starts_with("claims/") || v.contains(" claim #"))
        .collect();
    assert!(unlisted.is_empty(), "{}: {unlisted:#?}", unlisted.len());
}
