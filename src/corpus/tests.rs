//! Whole-corpus properties: determinism, valid JSON, and the promised variety.

use super::*;

fn bytes(articles: u64, seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    write_jsonl(CorpusConfig { articles, seed }, &mut out, None).expect("writing to memory");
    out
}

#[test]
fn same_seed_gives_identical_bytes() {
    assert_eq!(bytes(300, 42), bytes(300, 42));
}

#[test]
fn different_seeds_give_different_corpora() {
    let (a, b) = (bytes(300, 1), bytes(300, 2));
    assert_ne!(a, b);
    let texts = |v: &[u8]| -> Vec<String> {
        v.split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| {
                serde_json::from_slice::<serde_json::Value>(l).expect("json")["text"].to_string()
            })
            .collect()
    };
    let other: std::collections::HashSet<String> = texts(&b).into_iter().collect();
    let shared = texts(&a).iter().filter(|t| other.contains(*t)).count();
    assert!(
        shared < 3,
        "{shared} identical articles under different seeds"
    );
}

#[test]
fn every_line_is_a_complete_json_article() {
    let out = bytes(500, 7);
    let text = std::str::from_utf8(&out).expect("valid UTF-8");
    let mut ids = std::collections::HashSet::new();
    let mut lines = 0;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line parses");
        let obj = v.as_object().expect("an object");
        let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 5, "{keys:?}");
        for k in ["id", "text", "outlet", "url", "published"] {
            let s = obj[k].as_str().unwrap_or_default();
            assert!(!s.trim().is_empty(), "{k} empty in {line}");
        }
        let published = obj["published"].as_str().unwrap_or_default();
        assert_eq!(published.len(), 20, "{published}");
        assert!(
            published.ends_with('Z') && &published[10..11] == "T",
            "{published}"
        );
        assert!(
            ids.insert(obj["id"].as_str().unwrap_or_default().to_string()),
            "duplicate id"
        );
        lines += 1;
    }
    assert_eq!(lines, 500);
}

#[test]
fn corpus_has_the_promised_variety() {
    let articles: Vec<CorpusArticle> = Corpus::new(CorpusConfig {
        articles: 2000,
        seed: 9,
    })
    .collect();
    let truths: Vec<&ArticleTruth> = articles.iter().map(|a| &a.truth).collect();
    assert!(
        truths.iter().any(|t| t.syndicated_from.is_some()),
        "wire copies"
    );
    let quotes = || truths.iter().flat_map(|t| t.quotes.iter());
    for style in [
        "said_after",
        "said_before",
        "colon",
        "continuation",
        "pronoun",
        "headline",
    ] {
        assert!(quotes().any(|q| q.style == style), "no {style} quotes");
    }
    for variant in ["verbatim", "trimmed", "reworded", "fragment"] {
        assert!(
            quotes().any(|q| q.variant == variant),
            "no {variant} quotes"
        );
    }
    assert!(
        quotes().any(|q| q.speaker.is_none()),
        "unnamed spokespeople"
    );
    assert!(
        truths.iter().flat_map(|t| &t.claims).any(|c| c.contradicts),
        "contradicting claims"
    );
    assert!(
        truths.iter().any(|t| !t.not_quotes.is_empty()),
        "titles and scare quotes"
    );
    // One statement carried by several outlets.
    let mut outlets_per_statement = std::collections::HashMap::<&str, Vec<&str>>::new();
    for t in &truths {
        for q in &t.quotes {
            outlets_per_statement
                .entry(&q.statement)
                .or_default()
                .push(&t.outlet);
        }
    }
    assert!(
        outlets_per_statement.values().any(|o| o
            .iter()
            .collect::<std::collections::HashSet<_>>()
            .len()
            >= 3)
    );
    // One speaker written more than one way.
    let mut mentions = std::collections::HashMap::<&str, std::collections::HashSet<&str>>::new();
    for q in quotes().filter(|q| q.style != "pronoun" && q.speaker.is_some()) {
        mentions
            .entry(&q.true_speaker)
            .or_default()
            .insert(&q.mention);
    }
    assert!(mentions.values().filter(|m| m.len() >= 3).count() > 20);
}
