//! Quotes and claims carried by many articles: replies list the earliest occurrences and count
//! them all, so that a stock phrase never makes a reply too large to send; and replies larger
//! than the server's write buffer arrive whole.

use crate::util::{TestServer, extraction, put};
use saywho::index::Index;
use saywho::model::SpeakerKind;
use saywho::pb;

/// More than a list shows (20), fewer than a single read shows (1000).
const ARTICLES: usize = 45;

fn corpus() -> Index {
    let index = Index::new();
    let words = "we will keep working for a fair deal for everyone involved";
    let claim = "the port will reopen on Monday after the strike";
    for k in 0..ARTICLES {
        let text = format!("\"{words},\" Dana Ortiz said. Officials said {claim}.");
        let ex = extraction(
            &text,
            &[("Dana Ortiz", SpeakerKind::Person, &["Ortiz"][..])],
            &[(words, Some(0))],
            &[(claim, None)],
        );
        put(
            &index,
            &format!("a{k:02}"),
            &format!("Outlet {k}"),
            &text,
            ex,
        );
    }
    index
}

#[tokio::test]
async fn lists_carry_the_earliest_occurrences_and_count_them_all() {
    let server = TestServer::start(corpus()).await;
    let listed = server
        .quotes()
        .list_quotes(pb::ListQuotesRequest {
            view: pb::QuoteView::Full as i32,
            ..Default::default()
        })
        .await
        .expect("list")
        .into_inner();
    let quote = &listed.quotes[0];
    assert_eq!(quote.occurrence_count as usize, ARTICLES);
    assert_eq!(quote.occurrences.len(), 20);
    assert_eq!(
        quote.occurrences[0].article, "articles/a00",
        "earliest first"
    );
    let full = server
        .quotes()
        .get_quote(pb::GetQuoteRequest {
            name: quote.name.clone(),
            ..Default::default()
        })
        .await
        .expect("get")
        .into_inner()
        .quote
        .expect("quote");
    assert_eq!(
        full.occurrences.len(),
        ARTICLES,
        "a single read shows them all"
    );
    let claims = server
        .claims()
        .list_claims(pb::ListClaimsRequest::default())
        .await
        .expect("claims")
        .into_inner();
    let claim = claims
        .claims
        .iter()
        .max_by_key(|c| c.occurrence_count)
        .expect("a claim");
    assert_eq!(claim.occurrence_count as usize, ARTICLES);
    assert_eq!(claim.occurrences.len(), ARTICLES);
    server.stop().await;
}

/// Replies larger than the server's write buffer (64 KiB, several HTTP/2 frames), many in
/// flight on one connection next to small ones, each arrive whole and unmixed.
#[tokio::test]
async fn large_and_small_replies_in_flight_together_arrive_whole() {
    let index = Index::new();
    let sizes = [300usize, 900, 5_000, 70_000, 200_000];
    for (k, n) in sizes.iter().enumerate() {
        let filler: String = (0..*n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        let text = format!("\"Hold the line,\" Dana Ortiz said. {filler} end {k}.");
        let ex = extraction(
            &text,
            &[("Dana Ortiz", SpeakerKind::Person, &["Ortiz"][..])],
            &[("Hold the line,", Some(0))],
            &[],
        );
        put(&index, &format!("big{k}"), "Outlet", &text, ex);
    }
    let texts: Vec<String> = (0..sizes.len())
        .map(|k| {
            index
                .get_article(&format!("big{k}"))
                .expect("stored")
                .article
                .text
                .to_string()
        })
        .collect();
    let server = TestServer::start(index).await;
    let calls = (0..40).map(|c| {
        let mut client = server.articles();
        let k = c % sizes.len();
        async move {
            let got = client
                .get_article(pb::GetArticleRequest {
                    name: format!("articles/big{k}"),
                    ..Default::default()
                })
                .await
                .expect("get")
                .into_inner()
                .article
                .expect("article");
            (k, got.text)
        }
    });
    for (k, text) in futures::future::join_all(calls).await {
        assert_eq!(text.len(), texts[k].len(), "reply {k} whole");
        assert!(text == texts[k], "reply {k} unmixed");
    }
    server.stop().await;
}
