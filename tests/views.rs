//! Quote views (AIP-157): lists and searches answer in the basic view unless the full view is
//! asked for, and the basic view is the full one without occurrences and wordings.

use crate::util::{TestServer, assert_status, extraction, put};
use saywho::index::Index;
use saywho::model::SpeakerKind;
use saywho::pb;
use tonic::Code;

/// Three outlets carry Ortiz's words, one of them in a slightly different wording.
fn corpus() -> Index {
    let index = Index::new();
    let wordings = [
        (
            "a",
            "Outlet A",
            "we will keep working for a fair deal for everyone",
        ),
        (
            "b",
            "Outlet B",
            "we will keep working for a fair deal for everyone",
        ),
        (
            "c",
            "Outlet C",
            "we will keep on working for a fair deal for everyone",
        ),
    ];
    for (id, outlet, words) in wordings {
        let text = format!("The talks went on. \"{words},\" Dana Ortiz said.");
        let ex = extraction(
            &text,
            &[("Dana Ortiz", SpeakerKind::Person, &["Ortiz"][..])],
            &[(words, Some(0))],
            &[],
        );
        put(&index, id, outlet, &text, ex);
    }
    index
}

/// The full view with occurrences and wordings removed.
fn without_details(mut q: pb::Quote) -> pb::Quote {
    q.occurrences.clear();
    q.variants.clear();
    q
}

#[tokio::test]
async fn lists_and_searches_default_to_the_basic_view() {
    let server = TestServer::start(corpus()).await;
    let mut q = server.quotes();
    let list = |view: pb::QuoteView| pb::ListQuotesRequest {
        speaker_alias: "Ortiz".into(),
        view: view as i32,
        ..Default::default()
    };
    let mut listed = Vec::new();
    for view in [
        pb::QuoteView::Unspecified,
        pb::QuoteView::Basic,
        pb::QuoteView::Full,
    ] {
        let quotes = q.list_quotes(list(view)).await.expect("list").into_inner();
        assert_eq!(quotes.quotes.len(), 1, "{view:?}: one quote, three outlets");
        listed.push(quotes.quotes[0].clone());
    }
    let [default, basic, full] = <[pb::Quote; 3]>::try_from(listed).expect("three views");
    assert_eq!(default, basic, "the default is the basic view");
    assert!(basic.occurrences.is_empty() && basic.variants.is_empty());
    assert_eq!(
        basic.occurrence_count, 3,
        "the basic view still counts them"
    );
    assert_eq!(basic.outlet_counts.len(), 3);
    assert_eq!(basic.first_seen_article, "articles/a");
    assert_eq!(
        basic.speaker.as_ref().map(|s| s.display_name.as_str()),
        Some("Dana Ortiz")
    );
    assert_eq!(full.occurrences.len(), 3, "the full view lists them");
    assert_eq!(full.variants.len(), 2, "and both wordings");
    assert_eq!(without_details(full), basic);

    let search = |view: pb::QuoteView| pb::SearchQuotesRequest {
        query: "fair deal".into(),
        view: view as i32,
        ..Default::default()
    };
    let hit = |r: pb::SearchQuotesResponse| {
        assert_eq!(r.results.len(), 1);
        r.results[0].quote.clone().expect("quote")
    };
    let basic = hit(q
        .search_quotes(search(pb::QuoteView::Unspecified))
        .await
        .expect("search")
        .into_inner());
    let full = hit(q
        .search_quotes(search(pb::QuoteView::Full))
        .await
        .expect("search")
        .into_inner());
    assert!(basic.occurrences.is_empty() && !full.occurrences.is_empty());
    assert_eq!(without_details(full), basic);
    server.stop().await;
}

#[tokio::test]
async fn an_unknown_view_names_the_field() {
    let server = TestServer::start(corpus()).await;
    let mut q = server.quotes();
    let list = pb::ListQuotesRequest {
        view: 9,
        ..Default::default()
    };
    assert_status(q.list_quotes(list).await, Code::InvalidArgument, "view");
    let search = pb::SearchQuotesRequest {
        query: "fair deal".into(),
        view: -1,
        ..Default::default()
    };
    assert_status(q.search_quotes(search).await, Code::InvalidArgument, "view");
    server.stop().await;
}
