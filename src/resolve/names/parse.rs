//! Parsing a person's name out of a mention: titles, roles and possessives before the name are
//! dropped ("U.S. Secretary of State Marco Rubio" → "Marco Rubio", "Russia's Lavrov" → "Lavrov"),
//! particles are kept apart ("Mosaad bin Mohammad al-Aiban": surname "aiban" with particle "al"),
//! and hyphens and spaces fold alike ("al-Aiban" = "al Aiban").

use super::tables::{is_particle, is_title};
use crate::resolve::fold::{ascii_lower, translit_key};
use serde::{Deserialize, Serialize};

/// A person's name split into parts, every part folded to lower-case ASCII.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName {
    /// Given and middle names in order, without particles ("mosaad", "mohammad"); may be empty
    /// for a surname-only mention ("Lavrov").
    pub given: Vec<String>,
    /// The transliteration keys of `given`, in the same order.
    pub given_keys: Vec<String>,
    /// The surname without particles ("aiban").
    pub surname: String,
    /// Its transliteration key ("zelenskyy" → "zelenski"), computed once: every comparison with
    /// another person's name starts with it.
    pub surname_key: String,
    /// The name as written, titles removed, original case ("Mosaad bin Mohammad al-Aiban").
    pub written: String,
}

impl PersonName {
    /// The first given name, if any.
    pub fn first(&self) -> Option<&str> {
        self.given.first().map(String::as_str)
    }

    /// The `i`-th given name and its transliteration key.
    pub fn given_with_key(&self, i: usize) -> Option<(&str, &str)> {
        Some((self.given.get(i)?, self.given_keys.get(i)?))
    }

    /// The transliteration key of the surname ("zelenskyy" → "zelenski").
    pub fn surname_key(&self) -> &str {
        &self.surname_key
    }

    /// Number of name words (given names plus surname), the measure of how full a name is.
    pub fn fullness(&self) -> usize {
        self.given.len() + 1
    }
}

/// One whitespace/hyphen-separated piece of a mention.
struct Piece<'a> {
    raw: &'a str,
    folded: String,
    capitalised: bool,
}

fn pieces(text: &str) -> Vec<Piece<'_>> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '‑'))
        .map(|raw| {
            raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’')
        })
        .map(|raw| raw.trim_end_matches([',', ';', ':']))
        .filter(|raw| !raw.is_empty())
        .map(|raw| {
            let folded: String = ascii_lower(raw)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            let capitalised = raw.chars().next().is_some_and(char::is_uppercase);
            Piece {
                raw,
                folded,
                capitalised,
            }
        })
        .filter(|p| !p.folded.is_empty())
        .collect()
}

fn is_possessive(raw: &str) -> bool {
    raw.ends_with("'s") || raw.ends_with("’s") || raw.ends_with("s'") || raw.ends_with("s’")
}

/// Parses the person name at the end of `mention`, or `None` when the mention holds no name
/// (empty, only titles, only lower-case words).
///
/// The last word is always part of the name; earlier words join while they are capitalised name
/// words, initials or particles, and the first title word, possessive or lower-case word stops
/// the name.
pub fn parse_person(mention: &str) -> Option<PersonName> {
    let ps = pieces(mention);
    let last = ps.len().checked_sub(1)?;
    let tail = &ps[last];
    if tail.folded.chars().all(|c| c.is_ascii_digit())
        || is_title(&tail.folded) && (!tail.capitalised || last == 0)
    {
        return None;
    }
    let mut start = last;
    while start > 0 {
        let p = &ps[start - 1];
        let particle =
            is_particle(&p.folded) && (!p.capitalised || start >= 2 && ps[start - 2].capitalised);
        let name_word = p.capitalised
            && !is_title(&p.folded)
            && !is_possessive(p.raw)
            && !p.folded.chars().any(|c| c.is_ascii_digit());
        if !(particle || name_word) {
            break;
        }
        start -= 1;
    }
    // a particle cannot open a name unless the name is the particle plus one word ("al-Saud")
    while start < last && is_particle(&ps[start].folded) && !ps[start].capitalised {
        start += 1;
    }
    let parts = &ps[start..=last];
    let surname = parts.last()?.folded.clone();
    let given: Vec<String> = parts[..parts.len() - 1]
        .iter()
        .enumerate()
        .filter(|(i, p)| !(is_particle(&p.folded) && (*i > 0 || !p.capitalised)))
        .map(|(_, p)| p.folded.clone())
        .collect();
    let written = written_form(mention, parts);
    Some(PersonName {
        given_keys: given.iter().map(|g| translit_key(g)).collect(),
        given,
        surname_key: translit_key(&surname),
        surname,
        written,
    })
}

/// The original text from the first to the last name piece (keeps hyphens as written).
fn written_form(mention: &str, parts: &[Piece<'_>]) -> String {
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return String::new();
    };
    let base = mention.as_ptr() as usize;
    let from = first.raw.as_ptr() as usize - base;
    let to = last.raw.as_ptr() as usize - base + last.raw.len();
    mention
        .get(from..to)
        .unwrap_or(last.raw)
        .trim_end_matches(['\'', '’'])
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(m: &str) -> (Vec<String>, String, String) {
        let n = parse_person(m).unwrap_or_else(|| panic!("no name in {m:?}"));
        (n.given, n.surname, n.written)
    }

    #[test]
    fn titles_and_roles_are_dropped() {
        for (mention, given, surname, written) in [
            (
                "U.S. Secretary of State Marco Rubio",
                &["marco"][..],
                "rubio",
                "Marco Rubio",
            ),
            (
                "Russian Foreign Minister Sergey Lavrov",
                &["sergey"],
                "lavrov",
                "Sergey Lavrov",
            ),
            (
                "Kremlin foreign policy adviser Yuri Ushakov",
                &["yuri"],
                "ushakov",
                "Yuri Ushakov",
            ),
            ("Russia's Lavrov", &[], "lavrov", "Lavrov"),
            ("Ukraine’s Zelenskyy", &[], "zelenskyy", "Zelenskyy"),
            (
                "French President Emmanuel Macron",
                &["emmanuel"],
                "macron",
                "Emmanuel Macron",
            ),
            (
                "US negotiator Michael Waltz",
                &["michael"],
                "waltz",
                "Michael Waltz",
            ),
            ("President Trump", &[], "trump", "Trump"),
            ("Stephen King", &["stephen"], "king", "Stephen King"),
            (
                "Jamil N. Jaffer",
                &["jamil", "n"],
                "jaffer",
                "Jamil N. Jaffer",
            ),
        ] {
            assert_eq!(
                parsed(mention),
                (
                    given.iter().map(|s| s.to_string()).collect(),
                    surname.into(),
                    written.into()
                ),
                "{mention}"
            );
        }
    }

    #[test]
    fn particles_and_hyphens() {
        let (g, s, w) = parsed("National Security Adviser Mosaad bin Mohammad al-Aiban");
        assert_eq!(
            (g, s.as_str(), w.as_str()),
            (
                vec!["mosaad".into(), "mohammad".into()],
                "aiban",
                "Mosaad bin Mohammad al-Aiban"
            )
        );
        let (g, s, _) = parsed("Musaed al Alban");
        assert_eq!((g, s.as_str()), (vec!["musaed".to_string()], "alban"));
        let (g, s, _) = parsed("Crown Prince Mohammed bin Salman");
        assert_eq!((g, s.as_str()), (vec!["mohammed".to_string()], "salman"));
        let (g, s, _) = parsed("Robert De Niro");
        assert_eq!((g, s.as_str()), (vec!["robert".to_string()], "niro"));
        let (g, s, _) = parsed("Ben Carson");
        assert_eq!(
            (g, s.as_str()),
            (vec!["ben".to_string()], "carson"),
            "a capitalised first word is a name"
        );
        assert_eq!(parsed("Jean-Luc Picard").0, ["jean", "luc"]);
        assert_eq!(parsed("Jean Luc Picard").0, ["jean", "luc"]);
    }

    #[test]
    fn no_name() {
        assert_eq!(parse_person(""), None);
        assert_eq!(parse_person(" , "), None);
        assert_eq!(parse_person("2025"), None);
        assert_eq!(parse_person("the State Department spokesperson"), None);
        assert_eq!(parse_person("President"), None);
    }
}
