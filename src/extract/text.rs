//! Paragraphs and tokens with byte offsets into the original text: one linear pass.
//!
//! A token is a word (letters, digits and word-internal `' ’ - . &`), a punctuation character,
//! or a quotation mark. Apostrophes inside words (`don’t`, `Russia’s`) and before digits (`’90s`)
//! stay in the word; a trailing `s’`/`s'` is emitted as a mark flagged as a possible apostrophe.
//! Paragraphs are lines: every `\n` starts a new paragraph, blank lines are skipped. Two
//! apostrophes (`''`, an archive stand-in for `"`) form one punctuation token, not a mark.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word.
    Word,
    /// One punctuation character (`,` `.` `:` `;` `!` `?` `—` `(` …).
    Punct(char),
    /// A quotation mark.
    Mark(Mark),
}

/// The shape of a quotation mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// `“` `„` `«`: can only open.
    DoubleOpen,
    /// `”` `»`: can only close.
    DoubleClose,
    /// `"`: either.
    DoubleStraight,
    /// `‘` or `'` at a word start.
    SingleOpen,
    /// `’` or `'` after a word (may also be a plural possessive apostrophe).
    SingleClose,
}

/// One token: a half-open byte range, its kind, and its paragraph number.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// First byte.
    pub(crate) start: usize,
    /// One past the last byte.
    pub(crate) end: usize,
    /// Word, punctuation or mark.
    pub(crate) kind: Kind,
    /// Paragraph index (0-based, counting non-blank lines).
    pub(crate) para: u32,
}

impl Tok {
    /// The token's text.
    pub(crate) fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// True for a word token.
    pub(crate) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// True for the punctuation character `c`.
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// True for any quotation mark.
    pub(crate) fn is_mark(&self) -> bool {
        matches!(self.kind, Kind::Mark(_))
    }
}

/// Abbreviations whose final period belongs to the word (compared case-sensitively, no dot).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm",
    "Maj", "Prof", "Rev", "Hon", "St", "Jr", "Sr", "Pres", "Sens", "Reps", "Jan", "Feb", "Mar",
    "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "No", "Inc", "Corp", "Co", "Ltd", "vs", "Ft",
    "Mt", "Gens", "Supt", "Atty", "Amb",
];

/// [`ASCII_CLASS`] of a word character.
const WORD: u8 = 1;
/// [`ASCII_CLASS`] of an ASCII joiner ([`is_joiner`]): in a word when a word character follows.
const JOINER: u8 = 2;

/// Each ASCII byte's class: [`WORD`], [`JOINER`] or neither (0).
const ASCII_CLASS: [u8; 128] = {
    let mut class = [0u8; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        class[c] = if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'@' | b'#' | b'$' | b'%') {
            WORD
        } else if matches!(b, b'\'' | b'-' | b'.' | b'&' | b'/') {
            JOINER
        } else {
            0
        };
        c += 1;
    }
    class
};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '@' || c == '#' || c == '$' || c == '%'
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Word-internal joiners: kept when a word character follows.
fn is_joiner(c: char) -> bool {
    is_apostrophe(c) || c == '-' || c == '.' || c == '&' || c == '/' || c == '‘'
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// Splits `text` into tokens. Linear in `text.len()`.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
    let mut para: u32 = 0;
    let mut para_has_tokens = false;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let clen = c.len_utf8();
        if c == '\n' {
            if para_has_tokens {
                para += 1;
                para_has_tokens = false;
            }
            i += clen;
            continue;
        }
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        para_has_tokens = true;
        let prev_is_word = toks
            .last()
            .is_some_and(|t| t.end == i && t.kind == Kind::Word);
        let next = char_at(text, i + clen);
        // ‘I will win,’ — a mark right after sentence punctuation closes.
        let prev_is_closer = toks
            .last()
            .is_some_and(|t| t.end == i && matches!(t.kind, Kind::Punct(',' | '.' | '!' | '?')));
        if c == '\'' && next == Some('\'') {
            // '' — two apostrophes, a news-archive stand-in for a double mark. Deliberately not
            // a quote mark: its pairing is ambiguous with apostrophes, and annotated corpora
            // (PolNeAR) treat such spans as reported speech, not direct quotes.
            toks.push(Tok {
                start: i,
                end: i + 2,
                kind: Kind::Punct('\''),
                para,
            });
            i += 2;
            continue;
        }
        let kind = match c {
            '“' | '„' | '«' => Kind::Mark(Mark::DoubleOpen),
            '”' | '»' => Kind::Mark(Mark::DoubleClose),
            '"' => Kind::Mark(Mark::DoubleStraight),
            '‘' => Kind::Mark(Mark::SingleOpen),
            '\'' | '’' if !prev_is_word && next.is_some_and(|n| n.is_ascii_digit()) => {
                // ’90s: an elided century, part of the word.
                let end = word_end(text, i + clen);
                toks.push(Tok {
                    start: i,
                    end,
                    kind: Kind::Word,
                    para,
                });
                i = end;
                continue;
            }
            '\'' | '’' if prev_is_word || prev_is_closer => Kind::Mark(Mark::SingleClose),
            '\'' | '’' => Kind::Mark(Mark::SingleOpen),
            c if is_word_char(c) => {
                let end = word_end(text, i + clen);
                toks.push(Tok {
                    start: i,
                    end,
                    kind: Kind::Word,
                    para,
                });
                i = end;
                continue;
            }
            c => Kind::Punct(c),
        };
        toks.push(Tok {
            start: i,
            end: i + clen,
            kind,
            para,
        });
        i += clen;
    }
    toks
}

/// The end of the word whose first character ends at `from`: word characters, plus joiners
/// followed by a word character, plus a final `.` on abbreviations and initials.
fn word_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = from;
    while end < bytes.len() {
        let c = bytes[end];
        if c < 0x80 {
            // ASCII fast path: one read of the byte's class
            let class = ASCII_CLASS[usize::from(c)];
            if class == WORD
                || (class == JOINER && char_at(text, end + 1).is_some_and(is_word_char))
            {
                end += 1;
                continue;
            }
            break;
        }
        let Some(n) = char_at(text, end) else {
            break;
        };
        let nlen = n.len_utf8();
        let joins = is_joiner(n) && char_at(text, end + nlen).is_some_and(is_word_char);
        if !is_word_char(n) && !joins {
            break;
        }
        end += nlen;
    }
    if char_at(text, end) == Some('.') {
        let start = word_start(text, end);
        let stem = &text[start..end];
        // A period directly before `,` `;` `)` never ends a sentence ("R-Ky., said").
        let inner = matches!(char_at(text, end + 1), Some(',' | ';' | ')'));
        let keep = inner
            || stem.contains('.')
            || ABBREVIATIONS.contains(&stem)
            || (stem.chars().count() == 1 && stem.chars().all(char::is_uppercase));
        if keep {
            end += 1;
        }
    }
    end
}

/// The start of the word that ends at `end` (scanning back over word characters and joiners).
fn word_start(text: &str, end: usize) -> usize {
    let mut start = end;
    while let Some(c) = char_before(text, start) {
        if is_word_char(c) || (is_joiner(c) && c != '‘') {
            start -= c.len_utf8();
        } else {
            break;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_classes_agree_with_the_character_tests() {
        for c in 0u8..128 {
            let ch = char::from(c);
            let want = if is_word_char(ch) {
                WORD
            } else if is_joiner(ch) {
                JOINER
            } else {
                0
            };
            assert_eq!(ASCII_CLASS[usize::from(c)], want, "{c:#x}");
        }
    }
}
