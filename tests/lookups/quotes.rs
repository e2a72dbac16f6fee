//! Quote lookups over the wire: who said it (ranked speakers with evidence and offsets, in the
//! basic and full views), quotes by speaker, alias and article, search, paging and outlet
//! counts, and who said a quote of the real seeds.

use super::corpus;
use crate::util::TestServer;
use saywho::pb;

#[tokio::test]
async fn who_said_ranks_speakers_with_evidence_and_offsets() {
    let server = TestServer::start(corpus()).await;
    let mut q = server.quotes();
    let answer = q
        .attribute_quote(pb::AttributeQuoteRequest {
            text: "TOOK an important step—forward".into(),
            max_candidates: 0,
            offset_encoding: pb::OffsetEncoding::CodePoints as i32,
            view: pb::QuoteView::Full as i32,
        })
        .await
        .expect("attribute")
        .into_inner();
    let names: Vec<String> = answer
        .candidates
        .iter()
        .map(|c| {
            c.speaker
                .as_ref()
                .map(|s| s.display_name.clone())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(names, ["Marco Rubio", "Steve Witkoff"]);
    let rubio = &answer.candidates[0];
    assert_eq!(rubio.match_kind, pb::MatchKind::Contained as i32);
    // Outlet B's shorter quote shares half the query's shingles: a near match for Rubio.
    assert_eq!(rubio.outlets, ["Outlet A", "Outlet B"]);
    let kinds: Vec<i32> = rubio.evidence.iter().map(|e| e.match_kind).collect();
    assert_eq!(
        kinds,
        [pb::MatchKind::Contained as i32, pb::MatchKind::Near as i32]
    );
    let occ = &rubio.evidence[0].occurrences[0];
    let span = occ.span.as_ref().expect("span");
    assert_eq!(span.content, "Today we took an important step forward");
    assert_eq!(span.encoding, pb::OffsetEncoding::CodePoints as i32);
    // "Ünïcode first. \"" is 16 code points but 18 bytes.
    assert_eq!(span.begin_offset, 16);
    assert_eq!(occ.cue.as_ref().map(|c| c.content.as_str()), Some("said"));

    let exact = q
        .attribute_quote(pb::AttributeQuoteRequest {
            text: "an important step forward".into(),
            ..Default::default()
        })
        .await
        .expect("attribute exact")
        .into_inner();
    let top = &exact.candidates[0];
    assert_eq!(
        top.speaker.as_ref().map(|s| s.name.as_str()),
        Some("speakers/marco-rubio")
    );
    assert_eq!(top.match_kind, pb::MatchKind::Exact as i32);
    assert_eq!(
        top.outlets,
        ["Outlet A", "Outlet B"],
        "both outlets give Rubio these words"
    );
    // the default (basic) view counts each piece of evidence's occurrences without listing them;
    // the full view lists them (at most 16, and there are fewer here); all else is the same
    let full = q
        .attribute_quote(pb::AttributeQuoteRequest {
            text: "an important step forward".into(),
            view: pb::QuoteView::Full as i32,
            ..Default::default()
        })
        .await
        .expect("attribute exact, full view")
        .into_inner();
    assert_eq!(full.candidates.len(), exact.candidates.len());
    for (basic, full) in exact.candidates.iter().zip(&full.candidates) {
        assert_eq!(basic.speaker, full.speaker);
        assert_eq!(basic.score, full.score);
        assert_eq!(basic.evidence.len(), full.evidence.len());
        for (b, f) in basic.evidence.iter().zip(&full.evidence) {
            assert_eq!((&b.quote, b.match_kind), (&f.quote, f.match_kind));
            assert!(b.occurrences.is_empty(), "the basic view lists none");
            assert!(b.occurrence_count > 0);
            assert_eq!(b.occurrence_count, f.occurrence_count);
            assert_eq!(f.occurrences.len(), f.occurrence_count as usize);
        }
    }
    server.stop().await;
}

#[tokio::test]
async fn quotes_by_speaker_alias_article_and_search() {
    let server = TestServer::start(corpus()).await;
    let mut q = server.quotes();
    let by_alias = q
        .list_quotes(pb::ListQuotesRequest {
            speaker_alias: "rubio".into(),
            ..Default::default()
        })
        .await
        .expect("by alias")
        .into_inner();
    assert_eq!(
        by_alias.quotes.len(),
        1,
        "Rubio's fragment in B joined the longer quote of A"
    );
    let by_name = q
        .list_quotes(pb::ListQuotesRequest {
            speaker: "speakers/steve-witkoff".into(),
            ..Default::default()
        })
        .await
        .expect("by name")
        .into_inner();
    assert_eq!(by_name.quotes.len(), 1);
    let shared = &by_name.quotes[0];
    assert_eq!(
        shared.occurrence_count, 3,
        "outlets A and C carry the same words, B a fragment of them"
    );
    assert_eq!(shared.first_seen_article, "articles/a");
    assert!(
        shared.related_quotes.is_empty(),
        "the fragment is in the group, not beside it"
    );

    let got = q
        .get_quote(pb::GetQuoteRequest {
            name: shared.name.clone(),
            offset_encoding: 0,
        })
        .await
        .expect("get quote")
        .into_inner()
        .quote
        .expect("quote");
    assert_eq!(got.occurrences.len(), 3);
    assert_eq!(got.outlet_counts.len(), 3);

    let search = q
        .search_quotes(pb::SearchQuotesRequest {
            query: "Forward TODAY".into(),
            ..Default::default()
        })
        .await
        .expect("search")
        .into_inner();
    assert_eq!(search.total_size, 1);
    assert_eq!(search.results[0].matched_terms, ["forward", "today"]);

    let mut token = String::new();
    let mut seen = 0;
    loop {
        let page = q
            .list_quotes(pb::ListQuotesRequest {
                page_size: 1,
                page_token: token,
                ..Default::default()
            })
            .await
            .expect("page")
            .into_inner();
        seen += page.quotes.len();
        token = page.next_page_token;
        if token.is_empty() {
            break;
        }
    }
    assert_eq!(seen, 1);

    let outlets = |min: i32, max: i32| pb::ListQuotesRequest {
        min_outlet_count: min,
        max_outlet_count: max,
        ..Default::default()
    };
    let shared = q
        .list_quotes(outlets(2, 0))
        .await
        .expect("shared")
        .into_inner();
    assert_eq!(shared.quotes.len(), 1, "the quote outlets A, B and C carry");
    assert_eq!(shared.quotes[0].outlet_counts.len(), 3);
    let single = q
        .list_quotes(outlets(0, 1))
        .await
        .expect("single")
        .into_inner();
    assert!(single.quotes.is_empty(), "no quote only one outlet carried");
    server.stop().await;
}

/// Real extraction on the seeds: seed 000 and 003 both carry Rubio's words.
#[tokio::test]
async fn who_said_a_seed_quote() {
    let server = TestServer::seeded().await;
    let answer = server
        .quotes()
        .attribute_quote(pb::AttributeQuoteRequest {
            text: "the first step of a long and difficult journey".into(),
            view: pb::QuoteView::Full as i32,
            ..Default::default()
        })
        .await
        .expect("attribute")
        .into_inner();
    let top = answer
        .candidates
        .first()
        .expect("a candidate for a seed quote");
    assert_eq!(
        top.speaker.as_ref().map(|s| s.display_name.as_str()),
        Some("Marco Rubio")
    );
    let articles: Vec<&str> = top
        .evidence
        .iter()
        .flat_map(|e| e.occurrences.iter().map(|o| o.article.as_str()))
        .collect();
    assert!(
        articles.contains(&"articles/000_26f2c2b453f453d2"),
        "{articles:?}"
    );
    server.stop().await;
}
