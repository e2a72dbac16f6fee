//! Groups large enough to take the in-place append path (more occurrences than
//! [`crate::resolve::REATTRIBUTE_ALL_UP_TO`]): postings, conflicts, naming and deletion must hold
//! exactly as for small groups.

use super::tests::{P, article, page};
use super::*;
use crate::model::{AttributionMethod, SpeakerKind};
use crate::resolve::REATTRIBUTE_ALL_UP_TO;

const STOCK: &str = "we will keep working for a fair deal for everyone involved";

/// A distinct two-word name per `k` (letters only, so no two people share a name part).
fn name(k: usize) -> String {
    let letters = |mut n: usize| {
        let mut s = String::new();
        for _ in 0..3 {
            s.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
        }
        s
    };
    let cap = |s: String| s[..1].to_uppercase() + &s[1..];
    format!(
        "{} {}",
        cap(format!("jo{}", letters(k))),
        cap(format!("mar{}", letters(k * 7 + 3)))
    )
}

fn add(index: &Index, k: usize, speaker: &str, kind: SpeakerKind) {
    let text = format!("\"{STOCK},\" {speaker} said in a statement.");
    let (a, e) = article(
        &format!("a{k:03}"),
        &format!("Outlet {}", k % 7),
        &text,
        &[(speaker, kind, &[])],
        &[(STOCK, Some(0))],
        &[],
    );
    index.create_article_with(a, e).unwrap();
}

#[test]
fn a_stock_phrase_said_by_many_keeps_every_posting_and_the_conflict() {
    let index = Index::new();
    let n = 3 * REATTRIBUTE_ALL_UP_TO + 5;
    for k in 0..n {
        add(&index, k, &name(k), P);
    }
    let all = index.list_quotes(&QuoteFilter::default(), &page(10));
    assert_eq!(all.items.len(), 1, "one group for the same words");
    assert_eq!(all.items[0].occurrences.len(), n);
    let last = index.article(&format!("a{:03}", n - 1)).unwrap();
    let speaker = last.speakers[0].clone();
    let by = |f: QuoteFilter| index.list_quotes(&f, &page(10)).items.len();
    assert_eq!(
        by(QuoteFilter {
            speakers: Some(vec![speaker]),
            ..Default::default()
        }),
        1,
        "the newest speaker is posted"
    );
    assert_eq!(
        by(QuoteFilter {
            outlet: Some("outlet 6".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(index.list_conflicts(&page(10)).items.len(), 1);
    assert_eq!(index.check_invariants(), Vec::<String>::new());
    index.delete_article(&format!("a{:03}", n - 1)).unwrap();
    let all = index.list_quotes(&QuoteFilter::default(), &page(10));
    assert_eq!(all.items[0].occurrences.len(), n - 1);
    assert_eq!(index.check_invariants(), Vec::<String>::new());
}

#[test]
fn a_role_joining_a_large_group_is_named_by_its_speaker() {
    let index = Index::new();
    let n = 2 * REATTRIBUTE_ALL_UP_TO + 3;
    for k in 0..n {
        add(&index, k, "Maria Lopez", P);
    }
    add(&index, n, "A government spokesperson", SpeakerKind::Role);
    let all = index.list_quotes(&QuoteFilter::default(), &page(10));
    let group = &all.items[0];
    let role = group
        .occurrences
        .iter()
        .find(|o| *o.article() == format!("a{n:03}"))
        .unwrap();
    assert_eq!(role.speaker.as_deref(), Some("maria-lopez"));
    assert_eq!(role.method, Some(AttributionMethod::CrossSource));
    assert!(index.list_conflicts(&page(10)).items.is_empty());
}
