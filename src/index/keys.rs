//! Normalisation and the grouping seams.
//!
//! Every decision about "are these the same speaker / quote / claim?" goes through one of the
//! `*_key` functions below. They are deliberately simple (exact match after normalisation); the
//! cross-source resolver (`crate::resolve`) replaces them with transliteration, nickname,
//! fragment and near-duplicate matching without touching the rest of the index.

use crate::model::LocalSpeaker;
use xxhash_rust::xxh3::xxh3_64;

/// Number of words in a shingle: fragments this long or longer match inside longer quotes.
pub const SHINGLE_WORDS: usize = 4;

/// The words of `text` for matching: lower case, accents folded to ASCII where possible,
/// apostrophes dropped inside words ("that’s" == "thats"), every other non-alphanumeric
/// character a separator. Linear in `text.len()`.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each of the [`words`] of `text` in order, without a string per word: the
/// word is built in one reused buffer, and ASCII (most news text) takes no Unicode lookup.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            cur.push(c.to_ascii_lowercase());
        } else if c.is_ascii() {
            if !cur.is_empty() && c != '\'' {
                f(&cur);
                cur.clear();
            }
        } else if c.is_alphanumeric() {
            let folded = deunicode::deunicode_char(c).unwrap_or("");
            if folded.chars().all(|f| f.is_ascii_alphanumeric()) && !folded.is_empty() {
                cur.extend(folded.chars().map(|f| f.to_ascii_lowercase()));
            } else {
                cur.extend(c.to_lowercase());
            }
        } else if matches!(c, '’' | 'ʼ' | '‘') && !cur.is_empty() {
            // Apostrophe inside a word: dropped, the word continues.
        } else if !cur.is_empty() {
            f(&cur);
            cur.clear();
        }
    }
    if !cur.is_empty() {
        f(&cur);
    }
}

/// True when the [`words`] of `text` are `expected`, one for one. An ASCII text (apostrophes
/// aside) is compared byte by byte as it is read, with no word built; any other falls back to
/// [`for_each_word`].
pub fn words_are(text: &str, expected: &[impl AsRef<str>]) -> bool {
    let bytes = text.as_bytes();
    let mut words = expected.iter().map(|w| w.as_ref().as_bytes());
    // what is left to match of the word being read, when one is
    let mut rest: Option<&[u8]> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            let Some(word) = rest.or_else(|| words.next()) else {
                return false;
            };
            match word.split_first() {
                Some((&x, after)) if x == b.to_ascii_lowercase() => rest = Some(after),
                _ => return false,
            }
            i += 1;
            continue;
        }
        let c = match b {
            0..0x80 => char::from(b),
            _ => text[i..].chars().next().unwrap_or_default(),
        };
        if c.is_ascii() || matches!(c, '’' | '‘') {
            // an apostrophe inside a word is dropped; any other such character ends the word
            // ('ʼ' is a letter, and takes the path below)
            if !matches!(c, '\'' | '’' | '‘') && rest.take().is_some_and(|r| !r.is_empty()) {
                return false;
            }
            i += c.len_utf8();
        } else {
            // a letter folded, or a character that is neither: the words as built
            let mut all = expected.iter();
            let mut same = true;
            for_each_word(text, |w| {
                same = same && all.next().is_some_and(|e| e.as_ref() == w)
            });
            return same && all.next().is_none();
        }
    }
    rest.is_none_or(<[u8]>::is_empty) && words.next().is_none()
}

/// Normalises an outlet for comparisons: trimmed, lower case.
pub fn outlet_key(outlet: &str) -> String {
    outlet.trim().to_lowercase()
}

/// Seam: the id of the cross-article speaker a local speaker belongs to, or `None` when the
/// speaker has no usable name. Now: the name's words joined with `-` ("marco-rubio").
pub fn speaker_key(speaker: &LocalSpeaker) -> Option<String> {
    let w = words(&speaker.name);
    if w.is_empty() {
        return None;
    }
    let mut key = w.join("-");
    key.truncate(120);
    Some(key.trim_end_matches('-').to_string())
}

/// Seam: the group key of a quotation's words. Now: the normalised words joined by spaces.
pub fn quote_key(words: &[String]) -> String {
    words.join(" ")
}

/// Seam: the group key of a claim, from its claimant's speaker id and its content words.
pub fn claim_key(claimant: Option<&str>, content_words: &[String]) -> String {
    format!("{}|{}", claimant.unwrap_or(""), content_words.join(" "))
}

/// A stable resource id for a group key: 16 lower-case hex digits of its xxh3 hash.
pub fn hash_id(key: &str) -> String {
    hex_id(xxh3_64(key.as_bytes()))
}

/// The form of [`hash_id`]'s ids: a value as 16 lower-case hex digits, so that the strings sort
/// as the values do.
pub fn hex_id(value: u64) -> String {
    format!("{value:016x}")
}

/// Hash of one shingle (consecutive words), used as a posting-list key.
pub fn shingle_hash<S: AsRef<str>>(words: &[S]) -> u64 {
    joined_hash(&mut String::new(), words)
}

/// [`shingle_hash`], joining the words in `buffer` (cleared first), so that many shingles
/// share one allocation.
fn joined_hash<S: AsRef<str>>(buffer: &mut String, words: &[S]) -> u64 {
    buffer.clear();
    for w in words {
        buffer.push_str(w.as_ref());
        buffer.push(' ');
    }
    xxh3_64(buffer.as_bytes())
}

/// Hashes of every `SHINGLE_WORDS`-word window of `words`, deduplicated.
pub fn shingles<S: AsRef<str>>(words: &[S]) -> Vec<u64> {
    let mut buffer = String::new();
    let mut out: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|w| joined_hash(&mut buffer, w))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// True when `needle` appears as a contiguous run inside `hay`.
pub fn contains_run<S: PartialEq>(hay: &[S], needle: &[S]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SpeakerKind;

    proptest::proptest! {
        /// Comparing as the text is read decides as building the words would, for the words
        /// themselves and for words one changed, dropped or added.
        #[test]
        fn words_are_what_words_builds(
            text in "[a-zA-Z0-9 '’ʼ‘.,\\-éÜ\u{0444}]{0,30}",
            edit in 0usize..4,
        ) {
            let mut expected = words(&text);
            proptest::prop_assert!(words_are(&text, &expected));
            match (edit, expected.len()) {
                (0, _) | (_, 0) => expected.push("x".into()),
                (1, n) => expected[n - 1].push('s'),
                (2, n) => expected[n / 2].pop().map_or((), drop),
                _ => { expected.pop(); }
            }
            proptest::prop_assert_eq!(words_are(&text, &expected), words(&text) == expected);
        }
    }

    #[test]
    fn shingles_hash_each_window_alone() {
        let words: Vec<String> = "we will not go back to the table until they do"
            .split(' ')
            .map(String::from)
            .collect();
        let mut want: Vec<u64> = words
            .windows(SHINGLE_WORDS)
            .map(|w| xxh3_64(format!("{} ", w.join(" ")).as_bytes()))
            .collect();
        want.sort_unstable();
        assert_eq!(shingles(&words), want);
        assert!(shingles(&words[..SHINGLE_WORDS - 1]).is_empty());
    }

    /// The word splitter as it was before its ASCII fast path: the oracle of the property below.
    fn words_oracle(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        for c in text.chars() {
            if c.is_alphanumeric() {
                if c.is_ascii() {
                    cur.push(c.to_ascii_lowercase());
                } else {
                    let folded = deunicode::deunicode_char(c).unwrap_or("");
                    if folded.chars().all(|f| f.is_ascii_alphanumeric()) && !folded.is_empty() {
                        cur.extend(folded.chars().map(|f| f.to_ascii_lowercase()));
                    } else {
                        cur.extend(c.to_lowercase());
                    }
                }
            } else if matches!(c, '\'' | '’' | 'ʼ' | '‘') && !cur.is_empty() {
            } else if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }

    proptest::proptest! {
        /// Letters, digits, apostrophes of every kind, accents, other scripts, punctuation.
        #[test]
        fn words_split_as_the_oracle_does(
            text in "[a-zA-Z0-9 '’ʼ‘,.\\-—“”éÉßİıñЖжΣς漢字①½\t\n]{0,40}"
        ) {
            proptest::prop_assert_eq!(words(&text), words_oracle(&text));
        }
    }

    #[test]
    fn words_fold_case_quotes_and_punctuation() {
        assert_eq!(
            words("“Today is the first step — of a LONG journey,”"),
            [
                "today", "is", "the", "first", "step", "of", "a", "long", "journey"
            ]
        );
        assert_eq!(words("that’s fair"), words("That's fair"));
        assert_eq!(words("Zelenskyy's"), ["zelenskyys"]);
        assert_eq!(words("café"), ["cafe"]);
        assert!(words("  — … ").is_empty());
    }

    #[test]
    fn speaker_key_is_a_slug() {
        let s = LocalSpeaker {
            name: "Sergey Lavrov".into(),
            kind: SpeakerKind::Person,
            roles: vec![],
            aliases: vec![],
            mentions: vec![],
        };
        assert_eq!(speaker_key(&s).as_deref(), Some("sergey-lavrov"));
        let blank = LocalSpeaker {
            name: "—".into(),
            ..s
        };
        assert_eq!(speaker_key(&blank), None);
    }

    #[test]
    fn contains_run_needs_contiguous_words() {
        let hay = words("today we took an important step forward");
        assert!(contains_run(&hay, &words("an important step forward")));
        assert!(!contains_run(&hay, &words("today important step")));
        assert!(!contains_run(&hay, &[]));
    }
}
