//! Resolver tests over small invented multi-outlet articles.

use super::*;
use crate::model::{ArticleMeta, ExtractedClaim, ExtractedQuote, LocalSpeaker, QuoteKind};

fn article(id: &str, outlet: &str, text: &str, published_ms: i64) -> Article {
    Article {
        id: id.into(),
        text: text.into(),
        meta: ArticleMeta {
            outlet: outlet.into(),
            published_ms: Some(published_ms),
            ..Default::default()
        },
        ingested_ms: 0,
    }
}

fn speaker(kind: SpeakerKind, name: &str, alias: &str) -> LocalSpeaker {
    LocalSpeaker {
        name: name.into(),
        kind,
        roles: Vec::new(),
        aliases: vec![(alias.into(), 1)],
        mentions: Vec::new(),
    }
}

fn quote(
    text: &str,
    words: &str,
    speaker: Option<usize>,
    method: AttributionMethod,
) -> ExtractedQuote {
    let start = text.find(words).expect("quote in text");
    ExtractedQuote {
        span: Span::new(start, start + words.len()),
        kind: QuoteKind::Full,
        speaker,
        speaker_mention: None,
        cue: None,
        method: Some(method),
        confidence: 0.9,
    }
}

const A: &str =
    "\"The harbour will reopen to ships next month,\" the port authority spokesperson said.";
const B: &str =
    "Port spokesperson Dana Whitfield said: \"The harbour will reopen to ships next month.\"";

fn ex_a() -> Extraction {
    Extraction {
        speakers: vec![speaker(
            SpeakerKind::Role,
            "port authority spokesperson",
            "the port authority spokesperson",
        )],
        quotes: vec![quote(
            A,
            "The harbour will reopen to ships next month,",
            Some(0),
            AttributionMethod::Explicit,
        )],
        claims: Vec::new(),
    }
}

fn ex_b() -> Extraction {
    Extraction {
        speakers: vec![speaker(
            SpeakerKind::Person,
            "Dana Whitfield",
            "Port spokesperson Dana Whitfield",
        )],
        quotes: vec![quote(
            B,
            "The harbour will reopen to ships next month.",
            Some(0),
            AttributionMethod::Explicit,
        )],
        claims: Vec::new(),
    }
}

#[test]
fn a_role_is_named_by_another_outlet_and_unnamed_when_it_goes() {
    let mut r = Resolver::new();
    let ra = r.add_article(&article("a", "Gazette", A, 1), &ex_a());
    let group = ra.quotes[0].expect("grouped").group;
    assert_eq!(
        r.quote_view().quote_speaker(group, "a", 0),
        Some((ra.speakers[0], Some(AttributionMethod::Explicit))),
        "a role stays a role"
    );
    let rb = r.add_article(&article("b", "Herald", B, 2), &ex_b());
    assert_eq!(
        rb.quotes[0].map(|q| q.group),
        Some(group),
        "same words, one group"
    );
    let dana = rb.speakers[0];
    assert_eq!(
        r.quote_view().quote_speaker(group, "a", 0),
        Some((dana, Some(AttributionMethod::CrossSource)))
    );
    let role = ra.speakers[0];
    assert_eq!(
        rb.holders_changed,
        vec![(role, Arc::from("a"))],
        "the role whose holder changed, with its article, reported once"
    );
    assert!(r.unsynced_roles(&[group]).is_empty());
    assert_eq!(r.speakers.canonical(ra.speakers[0]), dana);
    let all = r.quote_view().quote_speakers(group);
    assert_eq!(all.len(), 2, "one answer per occurrence");
    for (article, quote) in [("a", 0), ("b", 0)] {
        assert_eq!(
            all.get(&(article, quote)).copied(),
            r.quote_view().quote_speaker(group, article, quote),
            "the batch agrees with the single lookup for {article}"
        );
    }
    let attribution = r.quote_view().group_attribution(group);
    assert_eq!(attribution.speaker, Some(dana));
    assert!(!attribution.is_conflict());
    assert!(r.remove_article("b"));
    assert_eq!(
        r.quote_view().quote_speaker(group, "a", 0),
        Some((ra.speakers[0], Some(AttributionMethod::Explicit))),
        "evidence gone"
    );
    assert_eq!(r.unsynced_roles(&[group]), vec![(role, Arc::from("a"))]);
    assert_eq!(r.occurrences(group).len(), 1);
}

#[test]
fn different_people_credited_is_a_conflict() {
    let mut r = Resolver::new();
    r.add_article(&article("b", "Herald", B, 2), &ex_b());
    let c_text = "\"The harbour will reopen to ships next month,\" said Mayor Tom Okafor.";
    let ex_c = Extraction {
        speakers: vec![speaker(
            SpeakerKind::Person,
            "Tom Okafor",
            "Mayor Tom Okafor",
        )],
        quotes: vec![quote(
            c_text,
            "The harbour will reopen to ships next month,",
            Some(0),
            AttributionMethod::Explicit,
        )],
        claims: Vec::new(),
    };
    let rc = r.add_article(&article("c", "Courier", c_text, 3), &ex_c);
    let g = r
        .quote_view()
        .group_attribution(rc.quotes[0].expect("grouped").group);
    assert!(g.is_conflict());
    assert_eq!(g.sides.len(), 2);
    assert_eq!(g.speaker, None);
}

#[test]
fn wire_copies_count_once_for_corroboration() {
    let wire = "Officials said the harbour will reopen to ships next month after repairs to the northern pier \
                were completed ahead of schedule, and that the ferry service would resume at the same time, \
                with extra sailings planned for the summer season to clear the backlog of bookings.";
    let claim_ex = |text: &str| {
        let words = "the harbour will reopen to ships next month after repairs to the northern pier were completed ahead of schedule";
        let start = text.find(words).expect("claim");
        Extraction {
            claims: vec![ExtractedClaim {
                span: Span::new(start, start + words.len()),
                speaker: None,
                speaker_mention: None,
                cue: None,
                method: Some(AttributionMethod::Explicit),
                confidence: 0.8,
            }],
            ..Default::default()
        }
    };
    let mut r = Resolver::new();
    let a = r.add_article(&article("wire", "Wire Service", wire, 1), &claim_ex(wire));
    let copy = format!("PORT TOWN — {wire}");
    let b = r.add_article(&article("copy", "Local Daily", &copy, 2), &claim_ex(&copy));
    assert_eq!(
        b.copy_of.as_ref().map(|c| c.original.as_str()),
        Some("wire")
    );
    let g = a.claims[0].as_ref().expect("claim").group;
    assert_eq!(b.claims[0].as_ref().map(|c| c.group), Some(g));
    assert_eq!(r.claim_corroboration(g), 1, "a copy is not independent");
    let own = "Harbour officials confirmed that the harbour will reopen to ships next month after repairs to the \
               northern pier were completed ahead of schedule, according to the port's own statement on Friday.";
    r.add_article(&article("own", "Evening Post", own, 3), &claim_ex(own));
    assert_eq!(r.claim_corroboration(g), 2);
}

#[test]
fn re_adding_an_article_does_not_double_count() {
    let mut r = Resolver::new();
    let first = r.add_article(&article("a", "Gazette", A, 1), &ex_a());
    let again = r.add_article(&article("a", "Gazette", A, 1), &ex_a());
    let g = again.quotes[0].expect("grouped").group;
    assert_eq!(r.occurrences(g).len(), 1);
    assert_eq!(r.quotes.group_count(), 1);
    assert_ne!(
        first.speakers, again.speakers,
        "ids are fresh but the old ones are gone"
    );
    assert!(r.speakers.get(first.speakers[0]).is_none());
}

#[test]
fn statements_in_the_outlets_own_voice_group_across_outlets() {
    let a = "No Ukrainian officials were present at the meeting in Riyadh. The weather was mild all week long.";
    let b =
        "Ukrainian officials did not participate in the discussion in Riyadh, which lasted hours.";
    let mut r = Resolver::with_statements();
    let ra = r.add_article(&article("a", "Wire", a, 1), &Extraction::default());
    let rb = r.add_article(&article("b", "Daily", b, 2), &Extraction::default());
    assert_eq!(ra.statements.len(), 2);
    let (span, assignment) = &rb.statements[0];
    assert_eq!(
        span.slice(b),
        "Ukrainian officials did not participate in the discussion in Riyadh"
    );
    assert_eq!(assignment.group, ra.statements[0].1.group);
    let members = r.claim_members(assignment.group);
    assert_eq!(members.len(), 2);
    assert!(members.iter().all(|(_, m)| m.ordinal.is_none()));
    assert_eq!(
        members[0].1.span.slice(a),
        "No Ukrainian officials were present at the meeting in Riyadh."
    );
    assert_eq!(r.claim_articles(assignment.group), 2);
    assert_ne!(
        ra.statements[1].1.group, assignment.group,
        "the weather is another fact"
    );
    r.remove_article("a");
    assert_eq!(r.claim_members(assignment.group).len(), 1);
}

#[test]
fn a_statement_repeated_in_a_later_story_starts_its_own_group() {
    const DAY: i64 = 86_400_000;
    let text = "Relations between the two countries have fallen to their lowest level in decades.";
    let mut r = Resolver::with_statements();
    let group = |r: &mut Resolver, id: &str, at: i64| {
        let res = r.add_article(&article(id, id, text, at), &Extraction::default());
        res.statements.first().map(|(_, a)| a.group)
    };
    let first = group(&mut r, "a", 0);
    assert!(first.is_some());
    assert_eq!(group(&mut r, "b", 2 * DAY), first, "the same story");
    let later = group(&mut r, "c", 60 * DAY);
    assert_ne!(later, first, "two months later: another story");
    assert_eq!(group(&mut r, "d", 61 * DAY), later);
    assert_eq!(r.claim_articles(first.unwrap_or_default()), 2);
    // a copy without a publication time fits either story
    let mut undated = article("e", "e", text, 0);
    undated.meta.published_ms = None;
    let res = r.add_article(&undated, &Extraction::default());
    assert!(
        res.statements
            .first()
            .is_some_and(|(_, a)| Some(a.group) == first || Some(a.group) == later)
    );
}

#[test]
fn a_reworded_quote_in_a_later_story_starts_its_own_group() {
    const DAY: i64 = 86_400_000;
    let said = |words: &str| format!("\"{words}\" the minister said.");
    let group = |r: &mut Resolver, id: &str, words: &str, at: i64| {
        let text = said(words);
        let ex = Extraction {
            quotes: vec![quote(&text, words, None, AttributionMethod::Explicit)],
            ..Default::default()
        };
        let res = r.add_article(&article(id, id, &text, at), &ex);
        res.quotes.first().copied().flatten().map(|a| a.group)
    };
    let four = "We will raise the minimum wage by four percent before the end of the year.";
    let six = "We will raise the minimum wage by six percent before the end of the year.";
    let mut r = Resolver::new();
    let first = group(&mut r, "a", four, 0);
    assert!(first.is_some());
    assert_eq!(
        group(&mut r, "b", six, 2 * DAY),
        first,
        "a misquote in the story"
    );
    let later = group(&mut r, "c", six, 60 * DAY);
    assert_eq!(
        later, first,
        "the same words join their variant whenever published"
    );
    let seven = "We will raise the minimum wage by seven percent before the end of the year.";
    assert_ne!(
        group(&mut r, "d", seven, 61 * DAY),
        first,
        "another story's statement"
    );
}
