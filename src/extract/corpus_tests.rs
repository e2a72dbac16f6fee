//! Extraction against the synthetic corpus's own truth: every generated quotation is found, and
//! attributed to a speaker named as the article names them (a surname spelled any of the ways
//! the generator transliterates it, a role phrase, or the person a pronoun stands for).

use super::extract;
use crate::corpus::{Corpus, CorpusConfig};
use crate::resolve::fold::{ascii_lower, edit_distance, translit_key};

/// The last word of a name, folded ("al-Sabah", "al Sabah" and "Sabah" agree; so do
/// "Zelenovski" and "Zelenovsky").
fn surname_key(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or_default();
    let last = ascii_lower(last);
    let bare = last.rsplit('-').next().unwrap_or_default();
    translit_key(bare)
}

#[test]
fn generated_quotes_are_found_and_attributed() {
    let (mut quotes, mut found, mut named) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for a in Corpus::new(CorpusConfig {
        articles: 200,
        seed: 5,
    }) {
        let ex = extract(&a.text);
        for t in &a.truth.quotes {
            quotes += 1;
            let Some(q) = ex
                .quotes
                .iter()
                .find(|q| q.span.start < t.end && t.start < q.span.end)
            else {
                continue;
            };
            found += 1;
            let name = q.speaker.and_then(|i| ex.speakers.get(i)).map(|s| &s.name);
            let (want, got) = (
                surname_key(&t.speaker_name),
                name.map(|n| surname_key(n)).unwrap_or_default(),
            );
            if edit_distance(&want, &got) <= 1 {
                named += 1;
            } else {
                wrong.push((a.id.clone(), t.speaker_name.clone(), name.cloned()));
            }
        }
    }
    assert!(quotes > 1000, "only {quotes} generated quotes");
    // measured at 85a82f9: all 1,354 found, 1,353 named (the miss: a pronoun taken for a
    // country named like a person); before it, 1,338 found and 1,230 named
    assert!(found * 1000 >= quotes * 998, "found {found} of {quotes}");
    assert!(
        named * 1000 >= found * 990,
        "named {named} of {found}: {:?}",
        &wrong[..wrong.len().min(10)]
    );
}
