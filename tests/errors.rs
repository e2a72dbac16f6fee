//! Every error code the API promises, each with the field it names.

use crate::util::{TestServer, article, assert_status};
use saywho::index::Index;
use saywho::pb;
use tonic::Code;

fn create(text: &str, id: &str) -> pb::CreateArticleRequest {
    pb::CreateArticleRequest {
        article: Some(article(text, "Wire")),
        article_id: id.into(),
        request_id: String::new(),
    }
}

#[tokio::test]
async fn article_service_errors() {
    let server = TestServer::start(Index::new()).await;
    let mut c = server.articles();
    assert_status(
        c.create_article(create("", "")).await,
        Code::InvalidArgument,
        "article.text",
    );
    assert_status(
        c.create_article(create(" \n\t ", "")).await,
        Code::InvalidArgument,
        "article.text",
    );
    assert_status(
        c.create_article(create("text", "bad/id")).await,
        Code::InvalidArgument,
        "article_id",
    );
    let no_article = pb::CreateArticleRequest::default();
    assert_status(
        c.create_article(no_article).await,
        Code::InvalidArgument,
        "article",
    );
    let bad_time = pb::CreateArticleRequest {
        article: Some(pb::Article {
            publish_time: Some(prost_types::Timestamp {
                seconds: 0,
                nanos: -5,
            }),
            ..article("text", "")
        }),
        ..Default::default()
    };
    assert_status(
        c.create_article(bad_time).await,
        Code::InvalidArgument,
        "article.publish_time",
    );

    c.create_article(create("original text", "taken"))
        .await
        .expect("create");
    assert_status(
        c.create_article(create("other text", "taken")).await,
        Code::AlreadyExists,
        "",
    );

    let get = |name: &str| pb::GetArticleRequest {
        name: name.into(),
        view: 0,
    };
    assert_status(c.get_article(get("")).await, Code::InvalidArgument, "name");
    assert_status(
        c.get_article(get("taken")).await,
        Code::InvalidArgument,
        "name",
    );
    assert_status(
        c.get_article(get("quotes/taken")).await,
        Code::InvalidArgument,
        "name",
    );
    assert_status(
        c.get_article(get("articles/nope")).await,
        Code::NotFound,
        "",
    );
    let bad_view = pb::GetArticleRequest {
        name: "articles/taken".into(),
        view: 42,
    };
    assert_status(c.get_article(bad_view).await, Code::InvalidArgument, "view");

    let list = |size: i32, token: &str, outlet: &str| pb::ListArticlesRequest {
        page_size: size,
        page_token: token.into(),
        outlet: outlet.into(),
        view: 0,
        speaker: String::new(),
    };
    assert_status(
        c.list_articles(list(-1, "", "")).await,
        Code::InvalidArgument,
        "page_size",
    );
    assert_status(
        c.list_articles(list(1, "not a token", "")).await,
        Code::InvalidArgument,
        "page_token",
    );
    c.create_article(create("second text", "second"))
        .await
        .expect("create");
    let first = c
        .list_articles(list(1, "", ""))
        .await
        .expect("list")
        .into_inner();
    assert!(!first.next_page_token.is_empty());
    let foreign = c
        .list_articles(list(1, &first.next_page_token, "Wire"))
        .await;
    assert_status(foreign, Code::InvalidArgument, "page_token");
    let by_speaker = pb::ListArticlesRequest {
        speaker: "quotes/not-a-speaker".into(),
        ..list(1, "", "")
    };
    assert_status(
        c.list_articles(by_speaker).await,
        Code::InvalidArgument,
        "speaker",
    );
    let other_speaker = pb::ListArticlesRequest {
        speaker: "speakers/someone-else".into(),
        ..list(1, &first.next_page_token, "")
    };
    assert_status(
        c.list_articles(other_speaker).await,
        Code::InvalidArgument,
        "page_token",
    );

    let delete = |name: &str| pb::DeleteArticleRequest {
        name: name.into(),
        allow_missing: false,
    };
    assert_status(
        c.delete_article(delete("articles/nope")).await,
        Code::NotFound,
        "",
    );
    assert_status(
        c.delete_article(delete("articles/")).await,
        Code::InvalidArgument,
        "name",
    );
    server.stop().await;
}

#[tokio::test]
async fn lookup_errors() {
    let server = TestServer::start(Index::new()).await;
    let mut q = server.quotes();
    let attr = |text: &str, max: i32, enc: i32| pb::AttributeQuoteRequest {
        text: text.into(),
        max_candidates: max,
        offset_encoding: enc,
        view: 0,
    };
    assert_status(
        q.attribute_quote(attr("", 0, 0)).await,
        Code::InvalidArgument,
        "text",
    );
    assert_status(
        q.attribute_quote(attr("“ — ”", 0, 0)).await,
        Code::InvalidArgument,
        "text",
    );
    assert_status(
        q.attribute_quote(attr("words", -2, 0)).await,
        Code::InvalidArgument,
        "max_candidates",
    );
    assert_status(
        q.attribute_quote(attr("words", 0, 99)).await,
        Code::InvalidArgument,
        "offset_encoding",
    );
    assert_status(
        q.attribute_quote(pb::AttributeQuoteRequest {
            view: 7,
            ..attr("words", 0, 0)
        })
        .await,
        Code::InvalidArgument,
        "view",
    );

    let search = pb::SearchQuotesRequest {
        query: "...".into(),
        ..Default::default()
    };
    assert_status(
        q.search_quotes(search).await,
        Code::InvalidArgument,
        "query",
    );

    let bad_speaker = pb::ListQuotesRequest {
        speaker: "Lavrov".into(),
        ..Default::default()
    };
    assert_status(
        q.list_quotes(bad_speaker).await,
        Code::InvalidArgument,
        "speaker",
    );
    let bad_article = pb::ListQuotesRequest {
        article: "articles/a b".into(),
        ..Default::default()
    };
    assert_status(
        q.list_quotes(bad_article).await,
        Code::InvalidArgument,
        "article",
    );
    let backwards = pb::ListQuotesRequest {
        start_time: Some(prost_types::Timestamp {
            seconds: 10,
            nanos: 0,
        }),
        end_time: Some(prost_types::Timestamp {
            seconds: 5,
            nanos: 0,
        }),
        ..Default::default()
    };
    assert_status(
        q.list_quotes(backwards).await,
        Code::InvalidArgument,
        "end_time",
    );
    let inverted = pb::ListQuotesRequest {
        min_outlet_count: 3,
        max_outlet_count: 2,
        ..Default::default()
    };
    assert_status(
        q.list_quotes(inverted).await,
        Code::InvalidArgument,
        "max_outlet_count",
    );
    let negative = pb::ListQuotesRequest {
        min_outlet_count: -1,
        ..Default::default()
    };
    assert_status(
        q.list_quotes(negative).await,
        Code::InvalidArgument,
        "min_outlet_count",
    );
    let neg = pb::ListAttributionConflictsRequest {
        page_size: -5,
        ..Default::default()
    };
    assert_status(
        q.list_attribution_conflicts(neg).await,
        Code::InvalidArgument,
        "page_size",
    );

    let get_quote = pb::GetQuoteRequest {
        name: "quotes/0000000000000000".into(),
        offset_encoding: 0,
    };
    assert_status(q.get_quote(get_quote).await, Code::NotFound, "");
    let malformed = pb::GetQuoteRequest {
        name: "0000".into(),
        offset_encoding: 0,
    };
    assert_status(q.get_quote(malformed).await, Code::InvalidArgument, "name");
    let watch = pb::WatchQuotesRequest {
        speaker: "nobody".into(),
        ..Default::default()
    };
    assert_status(
        q.watch_quotes(watch).await.map(|_| ()),
        Code::InvalidArgument,
        "speaker",
    );

    let mut s = server.speakers();
    let get = pb::GetSpeakerRequest {
        name: "speakers/nobody".into(),
    };
    assert_status(s.get_speaker(get).await, Code::NotFound, "");
    let kind = pb::ListSpeakersRequest {
        kind: 17,
        ..Default::default()
    };
    assert_status(s.list_speakers(kind).await, Code::InvalidArgument, "kind");

    let mut c = server.claims();
    let get = pb::GetClaimRequest {
        name: "claims/none".into(),
        offset_encoding: 0,
    };
    assert_status(c.get_claim(get).await, Code::NotFound, "");
    let claimant = pb::ListClaimsRequest {
        claimant: "articles/x".into(),
        ..Default::default()
    };
    assert_status(
        c.list_claims(claimant).await,
        Code::InvalidArgument,
        "claimant",
    );
    server.stop().await;
}
