//! Quotes and claims carried by many articles: replies list the earliest occurrences and count
//! them all, so that a stock phrase never makes a reply too large to send; and replies larger
//! than the server's write buffer arrive whole. A speaker in many articles names the first and
//! counts them all; ListArticles pages through every one.

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

#[tokio::test]
async fn a_speaker_in_many_articles_names_the_first_and_lists_them_all() {
    const MANY: usize = 120;
    let index = Index::new();
    let add = |id: String, outlet: &str, name: &str| {
        let words = format!("we have said it in {id} and we will say it again");
        let text = format!("\"{words},\" {name} said.");
        let ex = extraction(
            &text,
            &[(name, SpeakerKind::Person, &[][..])],
            &[(words.as_str(), Some(0))],
            &[],
        );
        put(&index, &id, outlet, &text, ex);
    };
    for k in 0..MANY {
        let outlet = if k % 3 == 0 { "Third" } else { "Other" };
        add(format!("m{k:03}"), outlet, "Dana Ortiz");
        if k % 10 == 0 {
            add(format!("n{k:03}"), "Third", "Lee Park");
        }
    }
    let server = TestServer::start(index).await;
    let speaker = server
        .speakers()
        .get_speaker(pb::GetSpeakerRequest {
            name: "speakers/dana-ortiz".into(),
        })
        .await
        .expect("get speaker")
        .into_inner()
        .speaker
        .expect("speaker");
    assert_eq!(speaker.article_count as usize, MANY, "counts every article");
    assert_eq!(
        speaker.articles.len(),
        saywho::service::MAX_SPEAKER_ARTICLES
    );

    // every article of the speaker, in pages, and only those
    let list = |token: String, outlet: &str| pb::ListArticlesRequest {
        page_size: 32,
        page_token: token,
        outlet: outlet.into(),
        speaker: speaker.name.clone(),
        view: 0,
    };
    let mut all = Vec::new();
    let mut token = String::new();
    loop {
        let page = server
            .articles()
            .list_articles(list(token, ""))
            .await
            .expect("list by speaker")
            .into_inner();
        assert_eq!(page.total_size as usize, MANY);
        all.extend(page.articles.into_iter().map(|a| a.name));
        token = page.next_page_token;
        if token.is_empty() {
            break;
        }
    }
    let expected: Vec<String> = (0..MANY).map(|k| format!("articles/m{k:03}")).collect();
    assert_eq!(
        all, expected,
        "each of the speaker's articles once, by name"
    );
    assert_eq!(
        speaker.articles,
        expected[..saywho::service::MAX_SPEAKER_ARTICLES],
        "the speaker names the first by name"
    );

    // with an outlet too; past a page boundary the token carries both filters
    let third = server
        .articles()
        .list_articles(list(String::new(), "third"))
        .await
        .expect("list by speaker and outlet")
        .into_inner();
    assert_eq!(third.total_size as usize, MANY.div_ceil(3));
    assert_eq!(third.articles.len(), 32);
    assert!(third.articles.iter().all(|a| a.outlet == "Third"));
    let rest = server
        .articles()
        .list_articles(list(third.next_page_token, "third"))
        .await
        .expect("second page")
        .into_inner();
    assert_eq!(rest.articles.len(), MANY.div_ceil(3) - 32);
    assert!(rest.next_page_token.is_empty());

    let nobody = server
        .articles()
        .list_articles(pb::ListArticlesRequest {
            speaker: "speakers/nobody-at-all".into(),
            ..Default::default()
        })
        .await
        .expect("an unknown speaker lists nothing")
        .into_inner();
    assert!(nobody.articles.is_empty());
    assert_eq!(nobody.total_size, 0);
    server.stop().await;
}
