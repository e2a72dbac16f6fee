//! Mismatch listing for studying failures: missed and spurious quotes, wrong speakers.

use super::gold::GoldDoc;
use super::score::{greedy_match, name_matches};
use crate::model::{Extraction, Span};

/// Human-readable mismatches for one document: missed and spurious quotes, wrong speakers.
pub fn mismatches(gold: &GoldDoc, ex: &Extraction) -> Vec<String> {
    let t = gold.text.as_str();
    let ctx = |s: Span| {
        let mut a = s.start.saturating_sub(60);
        while !t.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (s.end + 60).min(t.len());
        while !t.is_char_boundary(b) {
            b += 1;
        }
        format!("{}[[{}]]{}", &t[a..s.start], s.slice(t), &t[s.end..b]).replace('\n', "¶")
    };
    let gq: Vec<Span> = gold.quotes.iter().map(|q| q.span).collect();
    let pq: Vec<Span> = ex.quotes.iter().map(|q| q.span).collect();
    let pairs = greedy_match(&gq, &pq, 0.8);
    let mut out = Vec::new();
    for (g, q) in gold.quotes.iter().enumerate() {
        match pairs.iter().find(|p| p.0 == g) {
            None => out.push(format!("MISSED\t{}", ctx(q.span))),
            Some(&(_, p)) => {
                let pred = &ex.quotes[p];
                let m_ok = match q.mention {
                    Some(gm) => pred.speaker_mention.is_some_and(|m| m.overlap(&gm) > 0),
                    None => true,
                };
                let name = pred
                    .speaker
                    .and_then(|i| ex.speakers.get(i))
                    .map(|s| s.name.as_str());
                let n_ok = q.names.is_empty() || name.is_some_and(|n| name_matches(n, &q.names));
                if !m_ok || !n_ok {
                    out.push(format!(
                        "SPEAKER\tgold {:?}/{:?} pred {:?}/{:?}\t{}",
                        q.mention.map(|m| m.slice(t)),
                        q.names,
                        pred.speaker_mention.map(|m| m.slice(t)),
                        name,
                        ctx(q.span)
                    ));
                }
            }
        }
    }
    for (p, q) in ex.quotes.iter().enumerate() {
        if !pairs.iter().any(|x| x.1 == p) {
            out.push(format!("SPURIOUS\t{:?}\t{}", q.method, ctx(q.span)));
        }
    }
    out
}
