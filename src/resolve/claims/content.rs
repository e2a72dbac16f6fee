//! What a claim says, as comparable features: content stems, numbers, polarity and the
//! contradiction-table words it uses.

use crate::resolve::fold::{for_each_word, translit_key};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

const STOPWORDS: &str = include_str!("../data/stopwords.txt");
const CONTRADICTIONS: &str = include_str!("../data/contradictions.tsv");
const SYNONYMS: &str = include_str!("../data/synonyms.tsv");

/// Words that make a statement negative.
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "cant", "wont",
    "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "hasnt", "havent", "hadnt",
    "wouldnt", "couldnt", "shouldnt",
];

/// Words that open a subordinate clause; negations after the first one do not flip the
/// statement ("postponed his trip, citing the fact that officials were not invited").
const SUBORDINATORS: &[&str] = &[
    "that", "since", "because", "citing", "after", "before", "while", "which", "who", "when", "as",
    "although", "if",
];

const NUMBER_WORDS: &[(&str, &str)] = &[
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("twenty", "20"),
    ("hundred", "100"),
    ("thousand", "1000"),
    ("million", "1000000"),
    ("billion", "1000000000"),
];

fn stopwords() -> &'static FxHashSet<String> {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    })
}

/// Word → the first word of its synonym group.
fn synonyms() -> &'static FxHashMap<String, String> {
    static MAP: OnceLock<FxHashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        for row in SYNONYMS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let mut words = row.split(',').map(str::trim).filter(|w| !w.is_empty());
            let Some(head) = words.next() else { continue };
            for w in words {
                map.entry(w.to_string()).or_insert_with(|| head.to_string());
            }
        }
        map
    })
}

/// Stem → (pair index, side) for every word of the contradiction table.
fn contradiction_stems() -> &'static FxHashMap<String, Vec<(u16, u8)>> {
    static MAP: OnceLock<FxHashMap<String, Vec<(u16, u8)>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: FxHashMap<String, Vec<(u16, u8)>> = FxHashMap::default();
        let rows = CONTRADICTIONS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        for (pair, row) in rows.enumerate() {
            for (side, cols) in row.split('\t').take(2).enumerate() {
                for w in cols.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                    let e = map.entry(stem(w)).or_default();
                    let v = (pair as u16, side as u8);
                    if !e.contains(&v) {
                        e.push(v);
                    }
                }
            }
        }
        map
    })
}

/// Light stemming: strips common English suffixes, then folds transliteration variants, so
/// "canceled"/"cancelled" and "Zelensky"/"Zelenskyy" share a stem.
pub fn stem(word: &str) -> String {
    if word.len() > 5
        && let Some(base) = word.strip_suffix("ies")
    {
        return translit_key(&format!("{base}y"));
    }
    let mut w = word;
    for suffix in ["ings", "ing", "edly", "ed", "es", "s", "ly", "e"] {
        if w.len() > suffix.len() + 3
            && w.ends_with(suffix)
            && !(suffix == "s" && w.ends_with("ss"))
        {
            w = &w[..w.len() - suffix.len()];
            break;
        }
    }
    translit_key(w)
}

/// The comparable features of one claim or statement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimContent {
    /// Content stems, sorted, without duplicates.
    pub stems: Vec<String>,
    /// Numbers mentioned (digits, or number words turned into digits), sorted, deduplicated.
    pub numbers: Vec<String>,
    /// True when the main clause is negated an odd number of times.
    pub negative: bool,
    /// Contradiction-table entries used: (pair, side, the word as written).
    pub contra: Vec<(u16, u8, String)>,
}

impl ClaimContent {
    /// Extracts the features of `text`.
    pub fn of(text: &str) -> Self {
        let stop = stopwords();
        let contra_map = contradiction_stems();
        let mut c = ClaimContent::default();
        let mut negations = 0;
        let mut in_main_clause = true;
        let mut first = true;
        // each word from one reused buffer: a string is made only for what is kept
        for_each_word(text, |w| {
            if !std::mem::take(&mut first) && SUBORDINATORS.contains(&w) {
                in_main_clause = false;
            }
            if NEGATIONS.contains(&w) {
                negations += usize::from(in_main_clause);
                return;
            }
            if w.chars().all(|ch| ch.is_ascii_digit()) {
                c.numbers.push(w.trim_start_matches('0').to_string());
                return;
            }
            if let Some((_, n)) = NUMBER_WORDS.iter().find(|(word, _)| *word == w) {
                c.numbers.push(n.to_string());
                return;
            }
            if stop.contains(w) || w.len() < 2 {
                return;
            }
            let s = stem(w);
            for &(pair, side) in contra_map.get(&s).into_iter().flatten() {
                c.contra.push((pair, side, w.to_string()));
            }
            c.stems.push(synonyms().get(w).map_or(s, |head| stem(head)));
        });
        c.negative = negations % 2 == 1;
        c.stems.sort();
        c.stems.dedup();
        c.numbers.sort();
        c.numbers.dedup();
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_fold_inflection_and_spelling() {
        assert_eq!(stem("canceled"), stem("cancelled"));
        assert_eq!(stem("postponed"), stem("postpone"));
        assert_eq!(stem("zelensky"), stem("zelenskyy"));
        assert_eq!(stem("embassies"), stem("embassy"));
        assert_eq!(stem("talks"), stem("talk"));
        assert_ne!(stem("trip"), stem("troop"));
    }

    #[test]
    fn features() {
        let c = ClaimContent::of(
            "Russian troops launched a barrage of 176 drones at Ukraine overnight, officials said.",
        );
        assert!(c.stems.contains(&stem("drones")) && c.stems.contains(&stem("ukraine")));
        assert!(!c.stems.iter().any(|s| s == "said" || s == "the"));
        assert_eq!(c.numbers, ["176"]);
        assert!(!c.negative);
        assert_eq!(ClaimContent::of("three key goals").numbers, ["3"]);
    }

    #[test]
    fn polarity_of_the_main_clause() {
        assert!(ClaimContent::of("No Ukrainian officials were present at the meeting").negative);
        assert!(ClaimContent::of("Ukraine won't recognize the deal").negative);
        assert!(
            !ClaimContent::of(
                "He postponed his trip, citing the fact that officials were not invited"
            )
            .negative
        );
        assert!(
            !ClaimContent::of("Nobody has nothing to hide").negative,
            "double negation"
        );
    }

    #[test]
    fn synonyms_share_stems() {
        let a = ClaimContent::of("Ukrainian officials did not participate in the discussion");
        let b = ClaimContent::of("No Ukrainian officials were present at the talks");
        assert_eq!(a.stems, b.stems);
        assert!(a.negative && b.negative);
    }

    #[test]
    fn contradiction_words() {
        let a = ClaimContent::of("Zelensky canceled his trip to Saudi Arabia");
        let b = ClaimContent::of("Zelenskyy postponed his own trip to Saudi Arabia");
        let (pa, sa) = (a.contra[0].0, a.contra[0].1);
        assert!(b.contra.iter().any(|(p, s, _)| *p == pa && *s != sa));
    }
}
