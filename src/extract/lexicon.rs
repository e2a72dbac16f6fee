//! Word lists: speech cues (one aho-corasick automaton, longest match wins), titles, role nouns,
//! pronouns and gendered forenames. Built once, on first use.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

mod words;
use words::*;

/// How a cue form behaves grammatically.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueForm {
    /// A finite verb ("said", "says", "told reporters"): has a subject to its left or, inverted,
    /// to its right.
    Finite,
    /// A participle or infinitive ("saying", "to say"): its subject is the clause's subject.
    Participle,
    /// "according to": the source follows.
    AccordingTo,
}

/// Irregular inflections: (form, finite?).
const IRREGULAR: &[(&str, bool)] = &[
    ("said", true),
    ("says", true),
    ("say", true),
    ("saying", false),
    ("told", true),
    ("tells", true),
    ("telling", false),
    ("wrote", true),
    ("writes", true),
    ("written", false),
    ("writing", false),
    ("spoke", true),
    ("speaks", true),
    ("speaking", false),
    ("told reporters", true),
    ("according to", true),
    ("According to", true),
    ("Said", true),
    ("shot back", true),
    ("reads", true),
    ("read", true),
    ("said in a statement", true),
    ("tell", true),
    ("write", true),
];

/// All lists, built once.
pub(crate) struct Lexicon {
    /// Cue phrases (lower case), leftmost-longest, ASCII case-insensitive.
    pub(crate) cues: AhoCorasick,
    /// Form of each cue pattern, by pattern id.
    pub(crate) cue_info: Vec<CueInfo>,
    pub(crate) role_nouns: FxHashSet<&'static str>,
    pub(crate) role_modifiers: FxHashSet<&'static str>,
    pub(crate) titles: FxHashSet<&'static str>,
    pub(crate) org_heads: FxHashSet<&'static str>,
    pub(crate) particles: FxHashSet<&'static str>,
    pub(crate) male: FxHashSet<&'static str>,
    pub(crate) female: FxHashSet<&'static str>,
    pub(crate) adverbials: FxHashSet<&'static str>,
    pub(crate) time_words: FxHashSet<&'static str>,
    pub(crate) places: FxHashSet<&'static str>,
    pub(crate) function_caps: FxHashSet<&'static str>,
}

/// What one cue pattern is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CueInfo {
    /// Finite verb, participle or "according to".
    pub(crate) form: CueForm,
    /// Whether it can introduce reported speech (a claim), not only a quote.
    pub(crate) claim: bool,
    /// Whether it can attribute a quotation (false for belief verbs: "he thinks").
    pub(crate) quote: bool,
}

fn set(words: &'static str) -> FxHashSet<&'static str> {
    words.split_whitespace().collect()
}

/// Regular inflections of a base verb: base, -s, -ed, -ing.
fn inflect(base: &str) -> Vec<(String, CueForm)> {
    let (stem_e, last) = (base.strip_suffix('e'), base.chars().last());
    let (ed, ing, s) = if let Some(stem) = stem_e {
        (format!("{base}d"), format!("{stem}ing"), format!("{base}s"))
    } else if let Some(stem) = base
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'o', 'e']))
    {
        (
            format!("{stem}ied"),
            format!("{base}ing"),
            format!("{stem}ies"),
        )
    } else if matches!(base, "snap" | "quip" | "admit" | "regret") {
        (
            format!("{base}{}ed", last.unwrap_or('p')),
            format!("{base}{}ing", last.unwrap_or('p')),
            format!("{base}s"),
        )
    } else if base.ends_with(['s', 'h', 'x']) {
        (
            format!("{base}ed"),
            format!("{base}ing"),
            format!("{base}es"),
        )
    } else {
        (
            format!("{base}ed"),
            format!("{base}ing"),
            format!("{base}s"),
        )
    };
    vec![
        (base.to_string(), CueForm::Finite),
        (s, CueForm::Finite),
        (ed, CueForm::Finite),
        (ing, CueForm::Participle),
    ]
}

/// Multi-word verbs ("point out") inflect their first word.
fn inflect_phrase(phrase: &str) -> Vec<(String, CueForm)> {
    match phrase.split_once(' ') {
        Some((verb, rest)) => inflect(verb)
            .into_iter()
            .map(|(v, f)| (format!("{v} {rest}"), f))
            .collect(),
        None => inflect(phrase),
    }
}

fn build() -> Lexicon {
    let mut pats: Vec<(String, CueInfo)> = Vec::new();
    for &(w, finite) in IRREGULAR {
        let form = if w.eq_ignore_ascii_case("according to") {
            CueForm::AccordingTo
        } else if finite {
            CueForm::Finite
        } else {
            CueForm::Participle
        };
        let claim = !w.starts_with("spo") && !w.starts_with("read");
        pats.push((
            w.to_string(),
            CueInfo {
                form,
                claim,
                quote: true,
            },
        ));
    }
    let quote_only = set(QUOTE_ONLY);
    for v in CUE_VERBS.split_whitespace() {
        if matches!(v, "say" | "tell" | "write") {
            continue;
        }
        let claim = !quote_only.contains(v);
        for (p, form) in inflect_phrase(&v.replace('_', " ")) {
            pats.push((
                p,
                CueInfo {
                    form,
                    claim,
                    quote: true,
                },
            ));
        }
    }
    for w in CLAIM_ONLY.split_whitespace() {
        let info = CueInfo {
            form: CueForm::Finite,
            claim: true,
            quote: false,
        };
        pats.push((w.to_string(), info));
    }
    let mut seen = FxHashSet::default();
    pats.retain(|(p, _)| seen.insert(p.clone()));
    let cues = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(pats.iter().map(|(p, _)| p.as_str()))
        .unwrap_or_else(|e| panic!("cue lexicon is a fixed valid pattern set: {e}"));
    Lexicon {
        cues,
        cue_info: pats.iter().map(|(_, f)| *f).collect(),
        role_nouns: set(ROLE_NOUNS),
        role_modifiers: set(ROLE_MODIFIERS),
        titles: set(TITLES),
        org_heads: set(ORG_HEADS),
        places: set(PLACES),
        particles: set(PARTICLES),
        male: set(MALE),
        female: set(FEMALE),
        adverbials: set(ADVERBIALS),
        time_words: set(TIME_WORDS),
        function_caps: set(FUNCTION_CAPS),
    }
}

/// The lexicon, built on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// Grammatical gender a pronoun or forename implies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    /// he / him / his; a male forename or title.
    Male,
    /// she / her; a female forename or title.
    Female,
    /// Unknown: compatible with either.
    Unknown,
}

/// A personal pronoun that can be a speaker, with its gender; `None` for other words.
pub(crate) fn pronoun(word: &str) -> Option<Pronoun> {
    Some(match word {
        "he" | "He" => Pronoun::Third(Gender::Male),
        "she" | "She" => Pronoun::Third(Gender::Female),
        "they" | "They" => Pronoun::Plural,
        "I" | "we" | "We" => Pronoun::First,
        "it" | "It" => Pronoun::Plural,
        _ => return None,
    })
}

/// The kind of pronoun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// he / she.
    Third(Gender),
    /// they / it: an organisation or group, left unresolved.
    Plural,
    /// I / we: the author or an unnamed group.
    First,
}

/// `word` in lower case, borrowed when it already is (the common case: no allocation).
pub(crate) fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Gender of a forename or title word.
pub(crate) fn gender_of(word: &str) -> Gender {
    let lex = &*LEXICON;
    match word {
        "Mr." | "Mr" | "Sir" | "Lord" | "King" | "Prince" | "Father" | "Congressman" => {
            return Gender::Male;
        }
        "Mrs." | "Ms." | "Mrs" | "Ms" | "Lady" | "Queen" | "Princess" | "Dame"
        | "Congresswoman" | "Chairwoman" | "Spokeswoman" => return Gender::Female,
        _ => {}
    }
    let lower = lower(word);
    if lex.male.contains(lower.as_ref()) {
        Gender::Male
    } else if lex.female.contains(lower.as_ref()) {
        Gender::Female
    } else {
        Gender::Unknown
    }
}
