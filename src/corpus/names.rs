//! Invented personal names built from syllable tables, and the ways outlets spell them:
//! transliterations (Sergey/Sergei, Zelenskyy/Zelensky), nicknames (Michael/Mike), particles
//! (al-Rashed/al Rashed) and dropped diacritics (Zoë/Zoe).

use super::rng::Rng;

/// A naming tradition: which syllables make first names and surnames, and how they vary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Culture {
    /// Slavic-sounding: transliteration variants (ey/ei, yy/y, sky/ski, kh/h).
    Eastern,
    /// English-sounding: formal first names with nicknames.
    Western,
    /// Arabic-sounding: the `al-` particle written three ways.
    Southern,
    /// Romance-sounding: diacritics that some outlets drop.
    Latin,
}

/// The four traditions, for tables that pick one.
pub(crate) const CULTURES: [Culture; 4] = [
    Culture::Eastern,
    Culture::Western,
    Culture::Southern,
    Culture::Latin,
];

struct Table {
    first_start: &'static [&'static str],
    first_end: &'static [&'static str],
    last_start: &'static [&'static str],
    last_end: &'static [&'static str],
}

const EASTERN: Table = Table {
    first_start: &[
        "Ser", "Mi", "Ka", "Vla", "Yu", "Dmi", "Ale", "Bo", "Sta", "Ni", "Ra", "Ti", "Lu", "Ve",
        "Ig", "Ar", "Ze",
    ],
    first_end: &[
        "gey", "khail", "ri", "dislav", "ry", "triy", "ksey", "ris", "nislav", "kita", "dik",
        "mur", "dmila", "ra", "or", "kady", "nya",
    ],
    last_start: &[
        "Lav", "Pesk", "Ush", "Dal", "Kor", "Zelen", "Mak", "Tere", "Vol", "Gor", "Bel", "Shev",
        "Kras", "Orl", "Zhuk", "Sokh", "Bar",
    ],
    last_end: &[
        "rov", "kov", "akov", "enko", "skyy", "chuk", "ovsky", "in", "ev", "ashvili", "yenko",
        "ski",
    ],
};

const WESTERN: Table = Table {
    first_start: &[
        "Mar", "Tam", "Hal", "Bren", "Cor", "Del", "Jor", "Kel", "Lan", "Mor", "Rod", "Wes", "Ed",
        "Ben", "Al", "Sam",
    ],
    first_end: &[
        "ander", "iel", "ert", "ard", "omas", "olas", "ina", "elle", "ara", "ian", "ora",
    ],
    last_start: &[
        "Ash", "Brad", "Car", "Dun", "Fair", "Hol", "Kin", "Mar", "Pen", "Wit", "Wal", "Rub",
        "Hart", "Lock", "Stan",
    ],
    last_end: &[
        "ley", "worth", "ford", "ton", "by", "well", "ridge", "more", "io", "sen", "field", "wick",
    ],
};

const SOUTHERN: Table = Table {
    first_start: &[
        "Fa", "Ha", "Sa", "Ka", "Na", "Ra", "Ma", "Ya", "Za", "Mu", "Ab", "Ta",
    ],
    first_end: &[
        "rid", "mal", "lim", "ssan", "dir", "wan", "yed", "sir", "hra", "mira", "dulla", "rek",
    ],
    last_start: &[
        "Rash", "Ai", "Ha", "Ma", "Qa", "Sa", "Ja", "Na", "Fa", "Ta", "Zu", "Ba",
    ],
    last_end: &[
        "ed", "ban", "shimi", "liki", "sim", "bah", "bir", "hyan", "isal", "mimi", "hairi", "kr",
    ],
};

const LATIN: Table = Table {
    first_start: &[
        "An", "Lu", "Ma", "Fe", "Re", "Jo", "Ce", "Ra", "Zo", "Iñ", "Be", "Gi",
    ],
    first_end: &[
        "dré", "cía", "rço", "lipe", "né", "sé", "lia", "món", "ë", "igo", "atriz", "ulia",
    ],
    last_start: &[
        "Mon", "Fer", "Cas", "Del", "Gar", "Ib", "Lop", "Rod", "Vil", "Sán", "Al", "Ro",
    ],
    last_end: &[
        "teiro", "nández", "tillo", "gado", "cía", "áñez", "ez", "rigues", "lalba", "chez",
        "meida", "çal",
    ],
};

fn table(c: Culture) -> &'static Table {
    match c {
        Culture::Eastern => &EASTERN,
        Culture::Western => &WESTERN,
        Culture::Southern => &SOUTHERN,
        Culture::Latin => &LATIN,
    }
}

/// A person's name as the generator knows it (the canonical spelling), plus what varies.
#[derive(Clone, Debug)]
pub(crate) struct PersonName {
    /// Naming tradition.
    pub(crate) culture: Culture,
    /// Canonical first name ("Sergey", "Corander").
    pub(crate) first: String,
    /// Canonical surname ("Lavrov", "al-Rashed").
    pub(crate) last: String,
    /// Short form of the first name some outlets use ("Cory"), Western names only.
    pub(crate) nickname: Option<String>,
}

/// Draws a new name of the given tradition.
pub(crate) fn person_name(rng: &mut Rng, culture: Culture) -> PersonName {
    let t = table(culture);
    let a = rng.below(t.first_start.len());
    let first = format!("{}{}", t.first_start[a], rng.pick(t.first_end));
    let mut last = format!("{}{}", rng.pick(t.last_start), rng.pick(t.last_end));
    if culture == Culture::Southern && rng.chance(0.6) {
        last = format!("al-{last}");
    }
    let nickname = (culture == Culture::Western && rng.chance(0.5)).then(|| {
        let root = t.first_start[a];
        format!("{root}{}", rng.pick(&["", "ie", "y", "o"]))
    });
    PersonName {
        culture,
        first,
        last,
        nickname,
    }
}

/// How an outlet spells foreign names: its house style, fixed per outlet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Spelling {
    /// Use the alternative transliteration (Sergei, Zelensky, Ushakovski).
    pub(crate) alt_translit: bool,
    /// Write the short first name when a person has one (Mike Waltz).
    pub(crate) nicknames: bool,
    /// Drop diacritics (Zoe, Andre).
    pub(crate) ascii: bool,
    /// How to write the Arabic article: 0 `al-Rashed`, 1 `al Rashed`, 2 `Al-Rashed`.
    pub(crate) particle: u8,
}

const TRANSLIT: [(&str, &str); 7] = [
    ("skyy", "sky"),
    ("ey", "ei"),
    ("iy", "ii"),
    ("kh", "h"),
    ("sky", "ski"),
    ("yu", "iu"),
    ("Yu", "Iu"),
];

/// The alternative transliteration: the first rule that applies, applied everywhere.
fn transliterate(s: &str) -> String {
    match TRANSLIT.iter().find(|(from, _)| s.contains(from)) {
        Some((from, to)) => s.replace(from, to),
        None => s.to_string(),
    }
}

fn strip_diacritics(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' => 'a',
            'é' | 'ë' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'Á' => 'A',
            'É' => 'E',
            'Ñ' => 'N',
            other => other,
        })
        .collect()
}

impl PersonName {
    /// The surname in an outlet's spelling.
    pub(crate) fn last_in(&self, s: Spelling) -> String {
        let mut last = self.last.clone();
        match self.culture {
            Culture::Eastern if s.alt_translit => last = transliterate(&last),
            Culture::Southern if last.starts_with("al-") => {
                let rest = &last[3..];
                last = match s.particle {
                    1 => format!("al {rest}"),
                    2 => format!("Al-{rest}"),
                    _ => last.clone(),
                };
            }
            Culture::Latin if s.ascii => last = strip_diacritics(&last),
            _ => {}
        }
        last
    }

    /// The first name in an outlet's spelling.
    pub(crate) fn first_in(&self, s: Spelling) -> String {
        match (self.culture, &self.nickname) {
            (Culture::Eastern, _) if s.alt_translit => transliterate(&self.first),
            (Culture::Western, Some(nick)) if s.nicknames => nick.clone(),
            (Culture::Latin, _) if s.ascii => strip_diacritics(&self.first),
            _ => self.first.clone(),
        }
    }

    /// The full name in an outlet's spelling ("Sergei Lavrov").
    pub(crate) fn full_in(&self, s: Spelling) -> String {
        format!("{} {}", self.first_in(s), self.last_in(s))
    }

    /// The canonical full name ("Sergey Lavrov").
    pub(crate) fn canonical(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(culture: Culture, first: &str, last: &str, nick: Option<&str>) -> PersonName {
        PersonName {
            culture,
            first: first.into(),
            last: last.into(),
            nickname: nick.map(Into::into),
        }
    }

    #[test]
    fn spellings_vary_by_outlet_style() {
        let alt = Spelling {
            alt_translit: true,
            nicknames: true,
            ascii: true,
            particle: 1,
        };
        let plain = Spelling::default();
        let n = name(Culture::Eastern, "Sergey", "Zelenskyy", None);
        assert_eq!(n.full_in(plain), "Sergey Zelenskyy");
        assert_eq!(n.full_in(alt), "Sergei Zelensky");
        let w = name(Culture::Western, "Michael", "Waltz", Some("Mike"));
        assert_eq!(w.full_in(alt), "Mike Waltz");
        let s = name(Culture::Southern, "Farid", "al-Aiban", None);
        assert_eq!(s.last_in(alt), "al Aiban");
        let l = name(Culture::Latin, "Zoë", "Fernández", None);
        assert_eq!(l.full_in(alt), "Zoe Fernandez");
    }

    #[test]
    fn generated_names_are_capitalised_words() {
        let mut rng = Rng::derive(9, 0, 0);
        for c in CULTURES {
            for _ in 0..50 {
                let n = person_name(&mut rng, c);
                assert!(
                    n.first.chars().next().is_some_and(char::is_uppercase),
                    "{n:?}"
                );
                assert!(!n.last.contains(' '), "{n:?}");
            }
        }
    }
}
