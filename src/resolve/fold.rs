//! Folding text into comparison keys: ASCII transliteration, case, apostrophes, hyphens, and
//! the spelling variants that transliteration produces (Sergey/Sergei, Zelenskyy/Zelensky).
//!
//! Every key here is a pure function of its input, so the same key is computed at insert and at
//! lookup time.

use xxhash_rust::xxh3::xxh3_64;

/// Folds `text` to lower-case ASCII (`"Zelenskyy’s"` → `"zelenskyy’s"` with the apostrophe
/// folded to `'`). Letters with diacritics lose them (`"Müller"` → `"muller"`).
pub fn ascii_lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // a run of ASCII is copied whole and lowered in place
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..run]);
        out[from..].make_ascii_lowercase();
        let mut chars = rest[run..].chars();
        if let Some(c) = chars.next() {
            for d in deunicode::deunicode_char(c).unwrap_or("").chars() {
                out.push(d.to_ascii_lowercase());
            }
        }
        rest = chars.as_str();
    }
    out
}

/// Splits `text` into lower-case ASCII word tokens: runs of letters and digits. Apostrophes inside
/// a word are dropped (`"that’s"` → `"thats"`, `"won't"` → `"wont"`); every other non-alphanumeric
/// character (hyphens, dashes, quote marks, punctuation) separates words.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// The [`word_hash`]es of [`words`]`(text)`, without a string per word.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(word_hash(w)));
    out
}

/// Calls `f` with each word of [`words`], in order: a slice of the folded text, or, for a word
/// an apostrophe was dropped from, its pieces joined in one reused buffer.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let folded = ascii_lower(text);
    let bytes = folded.as_bytes();
    // where the current piece of a word starts, and the pieces before a dropped apostrophe
    let mut piece: Option<usize> = None;
    let mut held = String::new();
    let mut word_ends = |piece: &mut Option<usize>, held: &mut String, end: usize| {
        let last = piece.take().map_or("", |start| &folded[start..end]);
        if held.is_empty() {
            if !last.is_empty() {
                f(last);
            }
        } else {
            held.push_str(last);
            f(held);
            held.clear();
        }
    };
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            piece.get_or_insert(i);
        } else if b == b'\''
            && (piece.is_some() || !held.is_empty())
            && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            // apostrophe inside a word: skip it, keep the word going
            if let Some(start) = piece.take() {
                held.push_str(&folded[start..i]);
            }
        } else {
            word_ends(&mut piece, &mut held, i);
        }
    }
    word_ends(&mut piece, &mut held, bytes.len());
}

/// A stable 64-bit hash of one word token.
pub fn word_hash(word: &str) -> u64 {
    xxh3_64(word.as_bytes())
}

/// Hashes a run of word hashes into one shingle hash (order-sensitive).
pub fn shingle_hash(run: &[u64]) -> u64 {
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15;
    for &w in run {
        h = (h ^ w).wrapping_mul(0x100_0000_01B3).rotate_left(29);
    }
    h
}

/// Folds the spelling differences that transliteration from Cyrillic, Arabic and other scripts
/// produces, so that variants share a key: `sergey`/`sergei` → `sergei`, `yuri`/`yury` → `iuri`,
/// `zelenskyy`/`zelensky`/`zelenskiy` → `zelenski`, `khan`/`han`, `moussa`/`musa`.
/// The input must be one lower-case ASCII word.
pub fn translit_key(word: &str) -> String {
    let b = word.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut push = |c: u8| {
        let c = if c == b'y' { 'i' } else { c as char };
        // collapse doubled letters: "zelenskii" → "zelenski", "mohammad" → "mohamad"
        if !out.ends_with(c) {
            out.push(c);
        }
    };
    let mut i = 0;
    while i < b.len() {
        let pair = (b[i], b.get(i + 1).copied().unwrap_or(0));
        let (emit, used): (&[u8], usize) = match pair {
            (b'k', b'h') => (b"h", 2),
            (b'p', b'h') => (b"f", 2),
            (b'c', b'k') => (b"k", 2),
            (b'o', b'u') | (b'o', b'o') | (b'y', b'u') => (b"u", 2),
            (b'e', b'e') | (b'i', b'e') => (b"i", 2),
            (b'y', b'e') => (b"e", 2),
            (b'y', b'o') => (b"o", 2),
            (b'y', b'a') => (b"a", 2),
            (b't', b'z') => (b"ts", 2),
            (b'j', _) => (b"y", 1),
            (b'w', _) => (b"v", 1),
            (b'q', _) => (b"k", 1),
            (b'x', _) => (b"ks", 1),
            _ => (&b[i..i + 1], 1),
        };
        for &c in emit {
            push(c);
        }
        i += used;
    }
    out
}

/// The consonant skeleton of a lower-case ASCII word: the first letter, then the consonants with
/// repeats collapsed (`mosaad`/`musaed` → `msd`, `mohammed`/`muhammad` → `mhmd`). Used only as a
/// guarded, last-resort test for given names (see `names::compat`).
pub fn skeleton(word: &str) -> String {
    let key = translit_key(word);
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
        if i > 0 && vowel {
            continue;
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(if i == 0 && vowel { 'a' } else { c });
    }
    out
}

/// All strings obtained by deleting exactly one character of `key` (the SymSpell deletion
/// neighbourhood): two words within one edit share a member of each other's neighbourhood or
/// equal one.
pub fn deletions(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    let mut out: Vec<String> = (0..chars.len())
        .map(|skip| {
            chars
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, c)| c)
                .collect()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Damerau–Levenshtein (optimal string alignment) distance between two words.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words as a byte-by-byte copy into one buffer finds them: the reference.
    fn words_by_copy(text: &str) -> Vec<String> {
        let folded: String = text
            .chars()
            .flat_map(|c| match c.is_ascii() {
                true => vec![c.to_ascii_lowercase()],
                false => deunicode::deunicode_char(c)
                    .unwrap_or("")
                    .chars()
                    .map(|d| d.to_ascii_lowercase())
                    .collect(),
            })
            .collect();
        let bytes = folded.as_bytes();
        let (mut out, mut cur) = (Vec::new(), String::new());
        for (i, &b) in bytes.iter().enumerate() {
            if b.is_ascii_alphanumeric() {
                cur.push(b as char);
            } else if b == b'\''
                && !cur.is_empty()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
            {
            } else if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
        out.extend((!cur.is_empty()).then_some(cur));
        out
    }

    proptest::proptest! {
        /// Slices of the folded text, and pieces joined where an apostrophe was dropped, give
        /// the words a copy into one buffer gives.
        #[test]
        fn words_as_slices_are_the_words_copied(
            text in "[a-zA-Z0-9 '’.,\\-éÜß\u{0444}\u{4e2d}]{0,40}"
        ) {
            proptest::prop_assert_eq!(words(&text), words_by_copy(&text));
        }
    }

    #[test]
    fn words_across_apostrophes_and_folded_letters() {
        for text in [
            "it's Zelenskyy’s 'quote' don't '' a'b'c x' 'y Müller-Straße",
            "'",
            "a'",
            "'a",
        ] {
            assert_eq!(words(text), words_by_copy(text), "{text:?}");
        }
        assert_eq!(words("don't O'Brien’s 'x'"), ["dont", "obriens", "x"]);
    }

    #[test]
    fn word_hashes_are_the_hashes_of_the_words() {
        for text in [
            "“Today is the first step — of a LONG, difficult journey,” that’s it",
            "won't stop; Zelenskyy's 'plan' -- naïve café 'quoted' end'",
            "",
            "'''",
        ] {
            let want: Vec<u64> = words(text).iter().map(|w| word_hash(w)).collect();
            assert_eq!(word_hashes(text), want, "{text}");
        }
    }

    #[test]
    fn words_fold_case_punctuation_apostrophes() {
        assert_eq!(
            words("“Today is the first step — of a LONG, difficult journey,” that’s it"),
            [
                "today",
                "is",
                "the",
                "first",
                "step",
                "of",
                "a",
                "long",
                "difficult",
                "journey",
                "thats",
                "it"
            ]
        );
        assert_eq!(words("al-Aiban won't"), ["al", "aiban", "wont"]);
        assert_eq!(words("Müller's 176 drones"), ["mullers", "176", "drones"]);
        assert!(words(" — “” ").is_empty());
    }

    #[test]
    fn translit_variants_share_keys() {
        for (a, b) in [
            ("sergey", "sergei"),
            ("yuri", "yury"),
            ("zelenskyy", "zelensky"),
            ("zelenskiy", "zelensky"),
            ("dmitry", "dmitri"),
            ("mohammad", "mohamad"),
            ("khaled", "haled"),
            ("moussa", "musa"),
        ] {
            assert_eq!(translit_key(a), translit_key(b), "{a} vs {b}");
        }
        assert_ne!(translit_key("lavrov"), translit_key("lavrin"));
        assert_ne!(translit_key("donald"), translit_key("ronald"));
    }

    #[test]
    fn skeletons() {
        assert_eq!(skeleton("mosaad"), skeleton("musaed"));
        assert_eq!(skeleton("mohammed"), skeleton("muhammad"));
        assert_ne!(skeleton("michael"), skeleton("mitchell"));
    }

    #[test]
    fn deletion_neighbourhoods_meet_within_one_edit() {
        let a = deletions("aiban");
        let b = deletions("alban");
        assert!(a.iter().any(|x| b.contains(x)));
        assert_eq!(edit_distance("aiban", "alban"), 1);
        assert_eq!(
            edit_distance("lavrov", "lavorv"),
            1,
            "transposition counts once"
        );
    }

    #[test]
    fn shingles_are_order_sensitive() {
        let (a, b) = (word_hash("a"), word_hash("b"));
        assert_ne!(shingle_hash(&[a, b]), shingle_hash(&[b, a]));
        assert_eq!(shingle_hash(&[a, b]), shingle_hash(&[a, b]));
    }
}
