//! ArticleService over the wire.

use crate::util::{TestServer, article, extraction, put};
use saywho::index::Index;
use saywho::model::SpeakerKind;
use saywho::pb;
use std::collections::BTreeSet;

#[tokio::test]
async fn create_then_get_round_trips_the_text() {
    let server = TestServer::start(Index::new()).await;
    let mut client = server.articles();
    let text = "Kyiv — “We will not accept it,” Zelenskyy said. Ünïcödé stays as sent.";
    let created = client
        .create_article(pb::CreateArticleRequest {
            article: Some(pb::Article {
                publish_time: Some(prost_types::Timestamp {
                    seconds: 1_739_836_800,
                    nanos: 0,
                }),
                title: "Talks".into(),
                ..article(text, "Example Wire")
            }),
            article_id: "kyiv-1".into(),
            request_id: String::new(),
        })
        .await
        .expect("create")
        .into_inner();
    assert!(!created.already_existed);
    let basic = created.article.expect("article");
    assert_eq!(basic.name, "articles/kyiv-1");
    assert!(basic.text.is_empty(), "create returns the basic view");
    assert!(basic.create_time.is_some());

    let got = client
        .get_article(pb::GetArticleRequest {
            name: "articles/kyiv-1".into(),
            view: 0,
        })
        .await
        .expect("get")
        .into_inner()
        .article
        .expect("article");
    assert_eq!(got.text, text, "text comes back byte for byte");
    assert_eq!(got.outlet, "Example Wire");
    assert_eq!(got.title, "Talks");
    assert_eq!(got.publish_time.map(|t| t.seconds), Some(1_739_836_800));
    server.stop().await;
}

#[tokio::test]
async fn ids_are_derived_when_absent_and_creates_are_idempotent() {
    let server = TestServer::start(Index::new()).await;
    let mut client = server.articles();
    let req = |request_id: &str| pb::CreateArticleRequest {
        article: Some(article("Some article text.", "A")),
        article_id: String::new(),
        request_id: request_id.into(),
    };
    let first = client
        .create_article(req(""))
        .await
        .expect("create")
        .into_inner();
    let again = client
        .create_article(req(""))
        .await
        .expect("again")
        .into_inner();
    let name = first.article.expect("article").name;
    assert!(name.starts_with("articles/"));
    assert_eq!(again.article.expect("article").name, name);
    assert!(again.already_existed);

    let keyed = client
        .create_article(req("retry-key"))
        .await
        .expect("keyed")
        .into_inner();
    let keyed_again = client
        .create_article(req("retry-key"))
        .await
        .expect("keyed again")
        .into_inner();
    assert_ne!(keyed.article.as_ref().map(|a| &a.name), Some(&name));
    assert!(keyed_again.already_existed);
    assert_eq!(server.index.stats().articles, 2);
    server.stop().await;
}

#[tokio::test]
async fn import_returns_one_result_per_article() {
    let server = TestServer::start(Index::new()).await;
    let mut client = server.articles();
    let msg = |text: &str, id: &str| pb::ImportArticlesRequest {
        article: Some(article(text, "Wire")),
        article_id: id.into(),
        request_id: String::new(),
    };
    let stream = tokio_stream::iter(vec![
        msg("First article.", "one"),
        msg("   ", "blank"),
        msg("Second article.", "two"),
        msg("First article.", "one"),
        msg("Changed text.", "two"),
    ]);
    let response = client
        .import_articles(stream)
        .await
        .expect("import")
        .into_inner();
    let outcomes: Vec<i32> = response.results.iter().map(|r| r.outcome).collect();
    use pb::ImportOutcome::*;
    assert_eq!(
        outcomes,
        [Created, Failed, Created, AlreadyExisted, Failed].map(|o| o as i32)
    );
    assert_eq!(
        response.results[1].error_code,
        tonic::Code::InvalidArgument as i32
    );
    assert!(response.results[1].error_message.contains("article.text"));
    assert_eq!(
        response.results[4].error_code,
        tonic::Code::AlreadyExists as i32
    );
    assert_eq!(
        (
            response.created_count,
            response.already_existed_count,
            response.failed_count
        ),
        (2, 1, 2)
    );
    assert_eq!(
        response.results.iter().map(|r| r.index).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    server.stop().await;
}

#[tokio::test]
async fn list_articles_pages_through_everything_once() {
    let server = TestServer::start(Index::new()).await;
    let mut client = server.articles();
    for i in 0..7 {
        let outlet = if i % 2 == 0 { "Even" } else { "Odd" };
        client
            .create_article(pb::CreateArticleRequest {
                article: Some(article(&format!("Article number {i}."), outlet)),
                article_id: format!("art-{i}"),
                request_id: String::new(),
            })
            .await
            .expect("create");
    }
    let mut seen = Vec::new();
    let mut token = String::new();
    let mut pages = 0;
    loop {
        let page = client
            .list_articles(pb::ListArticlesRequest {
                page_size: 3,
                page_token: token,
                view: 0,
                ..Default::default()
            })
            .await
            .expect("list")
            .into_inner();
        assert_eq!(page.total_size, 7);
        assert!(page.articles.len() <= 3);
        seen.extend(page.articles.into_iter().map(|a| a.name));
        pages += 1;
        token = page.next_page_token;
        if token.is_empty() {
            break;
        }
    }
    assert_eq!(pages, 3);
    let expected: Vec<String> = (0..7).map(|i| format!("articles/art-{i}")).collect();
    assert_eq!(seen, expected, "every article once, in name order");

    let odd = client
        .list_articles(pb::ListArticlesRequest {
            page_size: 0,
            page_token: String::new(),
            outlet: "odd".into(),
            ..Default::default()
        })
        .await
        .expect("list odd")
        .into_inner();
    assert_eq!(odd.articles.len(), 3);
    assert!(odd.articles.iter().all(|a| a.outlet == "Odd"));
    server.stop().await;
}

#[tokio::test]
async fn delete_removes_quotes_speakers_and_claims() {
    let server = TestServer::start(Index::new()).await;
    let text = "\"We have agreed to keep talking,\" Rubio said. Rubio said the talks were useful.";
    let speakers = [("Marco Rubio", SpeakerKind::Person, &["Rubio"][..])];
    let e = extraction(
        text,
        &speakers,
        &[("We have agreed to keep talking", Some(0))],
        &[("the talks were useful", Some(0))],
    );
    put(&server.index, "doomed", "Wire", text, e);
    let mut quotes = server.quotes();
    let who = quotes
        .attribute_quote(pb::AttributeQuoteRequest {
            text: "we have agreed to keep talking".into(),
            ..Default::default()
        })
        .await
        .expect("attribute")
        .into_inner();
    assert_eq!(who.candidates.len(), 1);

    let deleted = server
        .articles()
        .delete_article(pb::DeleteArticleRequest {
            name: "articles/doomed".into(),
            allow_missing: false,
        })
        .await
        .expect("delete")
        .into_inner();
    assert!(deleted.deleted);
    assert_eq!(
        (
            deleted.removed_quote_occurrences,
            deleted.removed_claim_occurrences
        ),
        (1, 1)
    );

    let who = quotes
        .attribute_quote(pb::AttributeQuoteRequest {
            text: "we have agreed to keep talking".into(),
            ..Default::default()
        })
        .await
        .expect("attribute after delete")
        .into_inner();
    assert!(who.candidates.is_empty());
    let speakers = server
        .speakers()
        .list_speakers(pb::ListSpeakersRequest::default())
        .await
        .expect("speakers")
        .into_inner();
    assert!(speakers.speakers.is_empty());
    let claims = server
        .claims()
        .list_claims(pb::ListClaimsRequest::default())
        .await
        .expect("claims")
        .into_inner();
    assert!(claims.claims.is_empty());
    let again = server
        .articles()
        .delete_article(pb::DeleteArticleRequest {
            name: "articles/doomed".into(),
            allow_missing: true,
        })
        .await
        .expect("allow_missing")
        .into_inner();
    assert!(!again.deleted);
    server.stop().await;
}

#[tokio::test]
async fn seeds_are_ingested_with_their_outlets() {
    let server = TestServer::seeded().await;
    let page = server
        .articles()
        .list_articles(pb::ListArticlesRequest {
            page_size: 10,
            ..Default::default()
        })
        .await
        .expect("list")
        .into_inner();
    assert_eq!(page.total_size, 5);
    let outlets: BTreeSet<String> = page.articles.iter().map(|a| a.outlet.clone()).collect();
    assert!(outlets.contains("NewsNation"));
    assert_eq!(outlets.len(), 5, "five distinct sources");
    server.stop().await;
}
