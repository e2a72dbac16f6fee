//! Scoring: greedy one-to-one span matching and the figures of the report.

use super::gold::GoldDoc;
use crate::model::{Extraction, Span};

/// Precision, recall and F1 from counts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// Matched pairs.
    pub hits: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    /// hits / predicted (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.hits, self.predicted)
    }
    /// hits / gold (1 when there is no gold).
    pub fn recall(&self) -> f64 {
        ratio(self.hits, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Prf) {
        self.hits += o.hits;
        self.predicted += o.predicted;
        self.gold += o.gold;
    }
}

/// An accuracy: correct out of total.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Acc {
    /// Correct.
    pub correct: usize,
    /// Scored.
    pub total: usize,
}

impl Acc {
    /// correct / total (1 when nothing was scored).
    pub fn value(&self) -> f64 {
        ratio(self.correct, self.total)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Every figure `saywho eval` prints.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Documents scored.
    pub docs: usize,
    /// Quotes with exactly the gold span.
    pub quotes_exact: Prf,
    /// Quotes covering each other by at least 80% both ways.
    pub quotes_80: Prf,
    /// Speaker name right, over 80%-matched quotes whose gold names a speaker.
    pub speaker_name: Acc,
    /// Speaker mention overlapping the gold mention, over 80%-matched quotes with a gold mention.
    pub speaker_mention: Acc,
    /// Quote kind (full / partial) right, over 80%-matched quotes whose gold gives a kind.
    pub kind: Acc,
    /// Claims covering each other by at least 50% both ways; `None` when the gold has no claims.
    pub claims_50: Option<Prf>,
    /// Claims matched at 50% whose claimant mention overlaps the gold one.
    pub claims_50_speaker: Option<Prf>,
}

/// True when `a` and `b` overlap by at least `min` of each one's length.
pub fn covers(a: Span, b: Span, min: f64) -> bool {
    let o = a.overlap(&b) as f64;
    o > 0.0 && o >= min * a.len() as f64 && o >= min * b.len() as f64
}

/// Greedy one-to-one matching: pairs with the largest overlap first. Returns (gold, predicted)
/// index pairs.
pub fn greedy_match(gold: &[Span], pred: &[Span], min: f64) -> Vec<(usize, usize)> {
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    for (g, gs) in gold.iter().enumerate() {
        for (p, ps) in pred.iter().enumerate() {
            if covers(*gs, *ps, min) {
                cands.push((gs.overlap(ps), g, p));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gu, mut pu) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut out = Vec::new();
    for (_, g, p) in cands {
        if !gu[g] && !pu[p] {
            gu[g] = true;
            pu[p] = true;
            out.push((g, p));
        }
    }
    out.sort();
    out
}

/// Normalises a name for comparison: lower case, ASCII, single spaces.
pub fn norm_name(s: &str) -> String {
    deunicode::deunicode(s)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a predicted name matches one of the gold names: equal after normalisation, or a
/// bare surname equal to the gold name's last word (a surname-only article cannot say more).
pub fn name_matches(pred: &str, gold: &[String]) -> bool {
    let p = norm_name(pred);
    gold.iter().any(|g| {
        let g = norm_name(g);
        p == g || (!p.contains(' ') && g.rsplit(' ').next() == Some(p.as_str()))
    })
}

/// Scores one document's extraction and adds it into `report`.
pub fn score_doc(report: &mut Report, gold: &GoldDoc, ex: &Extraction) {
    report.docs += 1;
    let gq: Vec<Span> = gold.quotes.iter().map(|q| q.span).collect();
    let pq: Vec<Span> = ex.quotes.iter().map(|q| q.span).collect();
    let exact = gq.iter().filter(|g| pq.contains(g)).count();
    report.quotes_exact.add(Prf {
        hits: exact,
        predicted: pq.len(),
        gold: gq.len(),
    });
    let pairs = greedy_match(&gq, &pq, 0.8);
    report.quotes_80.add(Prf {
        hits: pairs.len(),
        predicted: pq.len(),
        gold: gq.len(),
    });
    for &(g, p) in &pairs {
        let (gold_q, pred_q) = (&gold.quotes[g], &ex.quotes[p]);
        if !gold_q.names.is_empty() {
            report.speaker_name.total += 1;
            let name = pred_q
                .speaker
                .and_then(|i| ex.speakers.get(i))
                .map(|s| s.name.as_str());
            if name.is_some_and(|n| name_matches(n, &gold_q.names)) {
                report.speaker_name.correct += 1;
            }
        }
        if let Some(k) = gold_q.kind {
            report.kind.total += 1;
            report.kind.correct += usize::from(pred_q.kind == k);
        }
        if let Some(gm) = gold_q.mention {
            report.speaker_mention.total += 1;
            if pred_q.speaker_mention.is_some_and(|m| m.overlap(&gm) > 0) {
                report.speaker_mention.correct += 1;
            }
        }
    }
    if let Some(gc) = &gold.claims {
        let gs: Vec<Span> = gc.iter().map(|c| c.span).collect();
        let ps: Vec<Span> = ex.claims.iter().map(|c| c.span).collect();
        let pairs = greedy_match(&gs, &ps, 0.5);
        let with_speaker = pairs
            .iter()
            .filter(
                |&&(g, p)| match (gc[g].mention, ex.claims[p].speaker_mention) {
                    (Some(gm), Some(pm)) => gm.overlap(&pm) > 0,
                    (None, _) => true,
                    _ => false,
                },
            )
            .count();
        let base = Prf {
            hits: 0,
            predicted: ps.len(),
            gold: gs.len(),
        };
        report.claims_50.get_or_insert_with(Prf::default).add(Prf {
            hits: pairs.len(),
            ..base
        });
        report
            .claims_50_speaker
            .get_or_insert_with(Prf::default)
            .add(Prf {
                hits: with_speaker,
                ..base
            });
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{:<34} {:>7} {:>7} {:>7} {:>13}",
            "metric", "P", "R", "F1", "hits/pred/gold"
        )?;
        let row = |f: &mut std::fmt::Formatter<'_>, name: &str, m: &Prf| {
            writeln!(
                f,
                "{name:<34} {:>7.3} {:>7.3} {:>7.3} {:>13}",
                m.precision(),
                m.recall(),
                m.f1(),
                format!("{}/{}/{}", m.hits, m.predicted, m.gold)
            )
        };
        row(f, "direct quotes, exact span", &self.quotes_exact)?;
        row(f, "direct quotes, 80% coverage", &self.quotes_80)?;
        let acc = |f: &mut std::fmt::Formatter<'_>, name: &str, a: &Acc| {
            if a.total == 0 {
                return writeln!(f, "{name:<34} {:>23} {:>13}", "n/a", "(not in gold)");
            }
            writeln!(
                f,
                "{name:<34} {:>23.3} {:>13}",
                a.value(),
                format!("{}/{}", a.correct, a.total)
            )
        };
        acc(f, "speaker accuracy, resolved name", &self.speaker_name)?;
        acc(f, "speaker accuracy, mention span", &self.speaker_mention)?;
        acc(f, "quote kind (full/partial)", &self.kind)?;
        match (&self.claims_50, &self.claims_50_speaker) {
            (Some(c), Some(s)) => {
                row(f, "claims, 50% coverage", c)?;
                row(f, "claims, 50% coverage + speaker", s)?;
            }
            _ => writeln!(f, "{:<34} {:>23}", "claims", "(no claims in gold)")?,
        }
        writeln!(f, "documents: {}", self.docs)
    }
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
