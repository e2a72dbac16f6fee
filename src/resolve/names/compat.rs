//! Deciding whether two parsed names can belong to one person, and how strong the evidence is.
//!
//! Given names match exactly, through transliteration (Sergey/Sergei), through the nickname table
//! (Mike/Michael), by initial (J./John) or, weakest, by consonant skeleton (Mosaad/Musaed).
//! Surnames match through transliteration (Zelenskyy/Zelensky) or, with strict guards, by one
//! typo on a long word (Aiban/Alban). Two different given names always conflict, so Donald Trump
//! and Lara Trump never match.

use super::parse::PersonName;
use super::tables::are_nicknames;
use crate::resolve::fold::{edit_distance, skeleton, translit_key};

/// How two given names relate, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GivenMatch {
    /// Consonant skeletons agree on long names (Mosaad/Musaed): weak.
    Skeleton,
    /// One is the other's initial (J./John): weak.
    Initial,
    /// Nickname table (Mike/Michael).
    Nickname,
    /// Same after transliteration folding (Sergey/Sergei).
    Translit,
    /// Identical.
    Same,
}

/// How two surnames relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SurnameMatch {
    /// One edit apart on a long name (Aiban/Alban): needs strong other evidence.
    Typo,
    /// Same after transliteration folding (Zelenskyy/Zelensky).
    Same,
}

/// The evidence that two names can be one person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameEvidence {
    /// Both names carry a given name, and the given names and surnames match.
    Full {
        /// How the first given names match.
        given: GivenMatch,
        /// How the surnames match.
        surname: SurnameMatch,
    },
    /// At least one name is a bare surname; the surnames match.
    SurnameOnly(SurnameMatch),
}

impl NameEvidence {
    /// A strength score: 3 or more is enough on its own; 1 or 2 needs corroboration (a shared
    /// role); 0 is never enough. A surname typo caps the score at 2, so "Marco Rubin" never
    /// joins "Marco Rubio" on the name alone.
    pub fn strength(self) -> u32 {
        match self {
            NameEvidence::Full { given, surname } => {
                let g = match given {
                    GivenMatch::Same => 4,
                    GivenMatch::Translit | GivenMatch::Nickname => 3,
                    GivenMatch::Initial | GivenMatch::Skeleton => 1,
                };
                match surname {
                    SurnameMatch::Same => g + 2,
                    SurnameMatch::Typo => g.min(2),
                }
            }
            NameEvidence::SurnameOnly(SurnameMatch::Same) => 2,
            NameEvidence::SurnameOnly(SurnameMatch::Typo) => 0,
        }
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// How two folded given names match, or `None` when they name different people.
pub fn given_match(a: &str, b: &str) -> Option<GivenMatch> {
    given_names_match((a, &translit_key(a)), (b, &translit_key(b)))
}

/// [`given_match`] over given names with their transliteration keys.
fn given_names_match((a, ka): (&str, &str), (b, kb): (&str, &str)) -> Option<GivenMatch> {
    if a == b {
        return Some(GivenMatch::Same);
    }
    if a.len() == 1 || b.len() == 1 {
        return (a.chars().next() == b.chars().next()).then_some(GivenMatch::Initial);
    }
    if ka == kb {
        return Some(GivenMatch::Translit);
    }
    if are_nicknames(a, b) || are_nicknames(ka, kb) {
        return Some(GivenMatch::Nickname);
    }
    let (la, lb) = (a.chars().last(), b.chars().last());
    let endings_agree = match (la, lb) {
        (Some(x), Some(y)) if is_vowel(x) || is_vowel(y) => x == y,
        _ => true,
    };
    // the skeletons are built last, for the few pairs the cheap tests leave
    (a.len() >= 5 && b.len() >= 5 && endings_agree && a.as_bytes()[0] == b.as_bytes()[0] && {
        let sa = skeleton(a);
        sa.len() >= 3 && sa == skeleton(b)
    })
    .then_some(GivenMatch::Skeleton)
}

/// How two folded surnames match, or `None`.
pub fn surname_match(a: &str, b: &str) -> Option<SurnameMatch> {
    surname_keys_match(&translit_key(a), &translit_key(b))
}

/// [`surname_match`] over the surnames' transliteration keys.
fn surname_keys_match(ka: &str, kb: &str) -> Option<SurnameMatch> {
    if ka == kb {
        return Some(SurnameMatch::Same);
    }
    (ka.len() >= 5
        && kb.len() >= 5
        && ka.as_bytes()[0] == kb.as_bytes()[0]
        && edit_distance(ka, kb) == 1)
        .then_some(SurnameMatch::Typo)
}

/// The evidence that `a` and `b` can be one person, or `None` when they cannot.
pub fn person_match(a: &PersonName, b: &PersonName) -> Option<NameEvidence> {
    let surname = surname_keys_match(&a.surname_key, &b.surname_key)?;
    let (Some(fa), Some(fb)) = (a.given_with_key(0), b.given_with_key(0)) else {
        return Some(NameEvidence::SurnameOnly(surname));
    };
    let given = given_names_match(fa, fb)?;
    if let (Some(ma), Some(mb)) = (a.given_with_key(1), b.given_with_key(1)) {
        given_names_match(ma, mb)?;
    }
    Some(NameEvidence::Full { given, surname })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::names::parse_person;

    fn ev(a: &str, b: &str) -> Option<NameEvidence> {
        let (pa, pb) = (parse_person(a).unwrap(), parse_person(b).unwrap());
        let e = person_match(&pa, &pb);
        assert_eq!(e, person_match(&pb, &pa), "symmetric: {a} / {b}");
        e
    }

    #[test]
    fn same_person_across_spellings() {
        for (a, b, min) in [
            ("Sergey Lavrov", "Sergei Lavrov", 3),
            ("Volodymyr Zelenskyy", "Volodymyr Zelensky", 3),
            ("Yuri Ushakov", "Yury Ushakov", 3),
            ("Mike Waltz", "Michael Waltz", 3),
            ("Bill Clinton", "William Clinton", 3),
            ("J. Smith", "John Smith", 3),
            ("Dmitry Peskov", "Peskov", 2),
            ("Marco Rubio", "Rubio", 2),
        ] {
            let e = ev(a, b).unwrap_or_else(|| panic!("{a} / {b} should match"));
            assert!(e.strength() >= min, "{a} / {b}: {e:?}");
        }
    }

    #[test]
    fn weak_evidence_for_transliteration_plus_typo() {
        let e = ev("Mosaad bin Mohammad al-Aiban", "Musaed al Alban").expect("candidate");
        assert_eq!(
            e,
            NameEvidence::Full {
                given: GivenMatch::Skeleton,
                surname: SurnameMatch::Typo
            }
        );
        assert!(e.strength() < 3, "needs a shared role too");
    }

    #[test]
    fn different_people_never_match() {
        for (a, b) in [
            ("Donald Trump", "Lara Trump"),
            ("Michael Waltz", "Mitchell Waltz"),
            ("Daniel Smith", "Daniela Smith"),
            ("Maria Lopez", "Mario Lopez"),
            ("George H. W. Bush", "George W. Bush"),
            ("Sergey Lavrov", "Sergey Lavrin"),
            ("Dana Perino", "Dean Perino"),
            ("Marco Rubio", "Marco Rubin"),
        ] {
            let e = ev(a, b);
            assert!(e.is_none_or(|e| e.strength() < 3), "{a} / {b}: {e:?}");
        }
    }
}
