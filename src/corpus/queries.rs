//! Lookup texts drawn from articles, as a user would ask them: the passages between quote marks,
//! half-remembered fragments of them, and two-word searches. The load generator (`saywho bench`)
//! sends these, and the in-process profiling driver asks the same, so that a profile without
//! gRPC weighs the lookups as the server's figures do.

/// Texts to look up, drawn from articles by [`LookupTexts::add_article`].
#[derive(Clone, Debug, Default)]
pub struct LookupTexts {
    /// Texts to attribute: each quoted passage whole, and a five-to-nine-word fragment of it
    /// (lower-cased).
    pub attribute: Vec<String>,
    /// Full-text queries: the first and last words of five letters or more of each passage.
    pub search: Vec<String>,
}

impl LookupTexts {
    /// Adds the texts of one article's quoted passages; `n` is the article's position among
    /// those added, which picks where each fragment starts and how long it is.
    pub fn add_article(&mut self, n: usize, text: &str) {
        for (k, passage) in quoted_passages(text).into_iter().enumerate() {
            self.attribute
                .push(passage.trim_end_matches([',', '.']).to_string());
            let words: Vec<&str> = passage.split_whitespace().collect();
            if words.len() >= 6 {
                let len = 5 + (n + k) % 5;
                let start = (n * 7 + k * 3) % (words.len().saturating_sub(len) + 1);
                let frag = words[start..(start + len).min(words.len())].join(" ");
                self.attribute.push(frag.to_lowercase());
            }
            let long: Vec<&str> = words
                .iter()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| w.len() >= 5)
                .collect();
            if let [first, .., last] = long.as_slice() {
                self.search.push(format!("{first} {last}"));
            }
        }
    }
}

/// The passages between double quote marks (straight or curly) with at least four words.
fn quoted_passages(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['"', '\u{201C}']) {
        let after = &rest[open + rest[open..].chars().next().map_or(1, char::len_utf8)..];
        let Some(close) = after.find(['"', '\u{201D}', '\n']) else {
            break;
        };
        let passage = after[..close].trim();
        if passage.split_whitespace().count() >= 4 {
            out.push(passage);
        }
        let skip = after[close..].chars().next().map_or(0, char::len_utf8);
        rest = &after[close + skip..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_between_straight_and_curly_marks() {
        let t = "“We will not be rushed at all,” he said. \"Too short\" and \"one two three four\"\n\"open";
        assert_eq!(
            quoted_passages(t),
            vec!["We will not be rushed at all,", "one two three four"]
        );
    }

    #[test]
    fn a_passage_gives_itself_a_fragment_and_a_search() {
        let mut texts = LookupTexts::default();
        texts.add_article(
            0,
            "\"We will never accept these terms from Northmark,\" she said.",
        );
        assert_eq!(
            texts.attribute,
            vec![
                "We will never accept these terms from Northmark",
                "we will never accept these"
            ]
        );
        assert_eq!(texts.search, vec!["never Northmark"]);
    }
}
