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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_is_mutual() {
        let g = Span::new(0, 100);
        assert!(covers(g, Span::new(0, 85), 0.8));
        assert!(!covers(g, Span::new(0, 70), 0.8), "too short");
        assert!(!covers(g, Span::new(0, 130), 0.8), "too long");
        assert!(
            !covers(g, Span::new(100, 110), 0.0),
            "touching is not overlap"
        );
    }

    #[test]
    fn greedy_is_one_to_one_largest_first() {
        let gold = [Span::new(0, 10), Span::new(10, 20)];
        let pred = [Span::new(0, 10), Span::new(1, 10), Span::new(10, 19)];
        assert_eq!(greedy_match(&gold, &pred, 0.8), vec![(0, 0), (1, 2)]);
    }

    #[test]
    fn prf_edge_cases() {
        let p = Prf {
            hits: 0,
            predicted: 0,
            gold: 0,
        };
        assert_eq!((p.precision(), p.recall()), (1.0, 1.0));
        let p = Prf {
            hits: 1,
            predicted: 2,
            gold: 4,
        };
        assert!((p.f1() - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn names_match_by_normalisation_or_bare_surname() {
        let gold = vec!["dmitry peskov".to_string()];
        assert!(name_matches("Peskov", &gold));
        assert!(name_matches("Dmitry  Peskov", &gold));
        assert!(!name_matches("Dmitry Medvedev", &gold));
        assert!(name_matches(
            "Zelenskyy",
            &["Volodymyr Zelenskyy".to_string()]
        ));
        assert!(!name_matches(
            "Volodymyr Zelensky",
            &["Volodymyr Zelenskyy".to_string()]
        ));
    }
}
