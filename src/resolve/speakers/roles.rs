//! Role phrases as keys: "U.S. National Security Adviser" and "national security advisor" share a
//! key, so a shared role can corroborate a weak name match and a role lookup finds its holders.

use crate::resolve::fold::words;
use rustc_hash::FxHashSet;

/// Words that do not distinguish one role from another.
const ROLE_STOP: &[&str] = &[
    "the", "a", "an", "of", "for", "to", "and", "in", "on", "us", "u", "s", "uk", "usa", "its",
    "his", "her", "then", "former",
];

fn fold_role_word(w: String) -> String {
    match w.as_str() {
        "advisor" => "adviser".to_string(),
        "spokesman" | "spokeswoman" => "spokesperson".to_string(),
        _ => w,
    }
}

/// The words of a role that identify it, folded ("U.S. National Security Advisor" →
/// `["national", "security", "adviser"]`).
pub(crate) fn role_words(role: &str) -> Vec<String> {
    words(role)
        .into_iter()
        .filter(|w| !ROLE_STOP.contains(&w.as_str()))
        .map(fold_role_word)
        .collect()
}

/// The lookup key of a role phrase: its identifying words joined by spaces; empty when none.
pub fn role_key(role: &str) -> String {
    role_words(role).join(" ")
}

/// True when two role phrases plausibly name the same office: their identifying word sets share
/// at least half of the larger set and at least one word that is not a bare demonym-like
/// single word ("State Department spokesperson" / "US State Department spokesperson": yes;
/// "Secretary of State" / "State Department spokesperson": no).
pub fn roles_overlap(a: &str, b: &str) -> bool {
    let sa: FxHashSet<String> = role_words(a).into_iter().collect();
    let sb: FxHashSet<String> = role_words(b).into_iter().collect();
    if sa.is_empty() || sb.is_empty() {
        return false;
    }
    let shared = sa.intersection(&sb).count();
    let larger = sa.len().max(sb.len());
    shared * 2 >= larger && (shared >= 2 || larger == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_country_and_spelling() {
        assert_eq!(
            role_key("U.S. National Security Advisor"),
            "national security adviser"
        );
        assert_eq!(
            role_key("the State Department spokesperson"),
            role_key("US State Department spokesperson")
        );
        assert_eq!(role_key("the"), "");
    }

    #[test]
    fn overlap() {
        assert!(roles_overlap(
            "National Security Adviser",
            "national security advisor"
        ));
        assert!(roles_overlap(
            "Secretary of State",
            "U.S. Secretary of State"
        ));
        assert!(roles_overlap("President", "president"));
        assert!(!roles_overlap(
            "Secretary of State",
            "State Department spokesperson"
        ));
        assert!(!roles_overlap("Foreign Minister", "Prime Minister"));
        assert!(!roles_overlap("", "President"));
    }
}
