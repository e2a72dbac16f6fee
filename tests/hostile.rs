//! Bad input over the wire: a table of hostile requests, each with the status it must get; after
//! every one the server still answers a health check and a GetArticle.

use saywho::index::Index;
use saywho::pb;
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::service::ServeConfig;
use std::net::SocketAddr;
use tokio::sync::oneshot;
use tonic::transport::Channel;
use tonic::{Code, Status};
use tonic_types::StatusExt;

mod calls;
use calls::{Call, foreign_token, run};

/// A server started in-process with a given configuration.
pub(crate) struct Guarded {
    pub(crate) addr: SocketAddr,
    pub(crate) channel: Channel,
    _stop: oneshot::Sender<()>,
}

/// Starts a server on 127.0.0.1:0 with `config`; `connect` false skips the plaintext channel
/// (for TLS servers).
pub(crate) async fn start(config: ServeConfig, index: Index, connect: bool) -> Guarded {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(saywho::service::serve(config, index, listener, async {
        let _ = stopped.await;
    }));
    let endpoint = tonic::transport::Endpoint::from_shared(format!("http://{addr}")).expect("uri");
    let channel = if connect {
        endpoint.connect().await.expect("connect")
    } else {
        endpoint.connect_lazy()
    };
    Guarded {
        addr,
        channel,
        _stop: stop,
    }
}

/// Fails unless the server answers a health check and a GetArticle of `articles/ok`.
pub(crate) async fn assert_alive(channel: &Channel, after: &str) {
    let health = tonic_health::pb::health_client::HealthClient::new(channel.clone())
        .check(tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        })
        .await
        .unwrap_or_else(|s| panic!("health check failed after {after}: {s:?}"));
    assert_eq!(health.into_inner().status, 1, "SERVING after {after}");
    ArticleServiceClient::new(channel.clone())
        .get_article(pb::GetArticleRequest {
            name: "articles/ok".into(),
            view: 0,
        })
        .await
        .unwrap_or_else(|s| panic!("GetArticle failed after {after}: {s:?}"));
}

/// An index holding one article, `articles/ok`.
pub(crate) fn index_with_one_article() -> Index {
    let index = Index::new();
    index
        .create_article(saywho::index::NewArticle {
            id: Some("ok".into()),
            text: "“We are here,” Jane Doe said.".into(),
            ..Default::default()
        })
        .expect("seed article");
    index
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_hostile_request_gets_its_status_and_the_server_keeps_serving() {
    let index = index_with_one_article();
    for i in 0..3 {
        index
            .create_article(saywho::index::NewArticle {
                id: Some(format!("more-{i}")),
                text: format!("“Point {i} stands,” John Roe said."),
                ..Default::default()
            })
            .expect("article");
    }
    let server = start(ServeConfig::default(), index, true).await;
    let channel = &server.channel;
    let max = saywho::service::DEFAULT_MAX_ARTICLE_BYTES;
    let other_query_token = foreign_token(channel).await;
    let quote_flood = "“a,” Jane Doe said. ".repeat(12_000);

    use Call::*;
    // (what, request, expected code, field named in a BadRequest or words in the message)
    #[rustfmt::skip]
    let table: Vec<(&str, Call, Code, &str)> = vec![
        ("empty text", Create(String::new()), Code::InvalidArgument, "article.text"),
        ("whitespace only", Create(" \n\t\u{3000}\u{a0} ".into()), Code::InvalidArgument, "article.text"),
        ("text over the article limit", Create("a".repeat(max + 1)), Code::InvalidArgument, "--max-article-bytes"),
        ("message over the message limit", Create("a".repeat(5 << 20)), Code::OutOfRange, "--max-message-bytes"),
        ("control characters", Create("Hello\u{0}\u{1b}[31m world".into()), Code::InvalidArgument, "U+0000"),
        ("binary junk (invalid UTF-8)", CreateRawText(vec![0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]), Code::InvalidArgument, "UTF-8"),
        ("100,000 quote marks", Create("\"".repeat(100_000)), Code::Ok, ""),
        ("100,000 curly opening marks", Create("“".repeat(100_000)), Code::Ok, ""),
        ("one 1 MB word", Create("a".repeat(1_000_000)), Code::Ok, ""),
        ("deeply nested opening marks", Create("“a ‘b «c „d ".repeat(20_000)), Code::Ok, ""),
        ("more quotes than the cap", Create(quote_flood), Code::InvalidArgument, "--max-quotes-per-article"),
        ("empty name", Get(""), Code::InvalidArgument, "name"),
        ("path traversal name", Get("articles/../../etc/passwd"), Code::InvalidArgument, "name"),
        ("wrong collection", Get("quotes/ok"), Code::InvalidArgument, "name"),
        ("nested name", Get("articles/ok/quotes/1"), Code::InvalidArgument, "name"),
        ("NUL in a name", Get("articles/ok\u{0}"), Code::InvalidArgument, "name"),
        ("unicode name", Get("articles/\u{202e}kо"), Code::InvalidArgument, "name"),
        ("huge name", GetSpeaker(format!("speakers/{}", "x".repeat(100_000))), Code::InvalidArgument, "name"),
        ("unknown article", Get("articles/absent"), Code::NotFound, "articles/absent"),
        ("delete a hostile name", Delete("articles/*"), Code::InvalidArgument, "name"),
        ("unknown quote", GetQuote("quotes/0000"), Code::NotFound, "quotes/0000"),
        ("bad speaker filter", ListQuotes { speaker: "speakers/", article: "", offset_encoding: 0 }, Code::InvalidArgument, "speaker"),
        ("bad article filter", ListQuotes { speaker: "", article: "articles/a b", offset_encoding: 0 }, Code::InvalidArgument, "article"),
        ("garbage page token", ListArticles { page_size: 0, page_token: "!!!not base64!!!".into(), view: 0 }, Code::InvalidArgument, "page_token"),
        ("base64 junk page token", ListArticles { page_size: 0, page_token: "AAAAAAAAAAAA".into(), view: 0 }, Code::InvalidArgument, "page_token"),
        ("page token from another query", ListArticles { page_size: 0, page_token: other_query_token, view: 0 }, Code::InvalidArgument, "page_token"),
        ("negative page size", ListArticles { page_size: -1, page_token: String::new(), view: 0 }, Code::InvalidArgument, "page_size"),
        ("most negative page size", ListArticles { page_size: i32::MIN, page_token: String::new(), view: 0 }, Code::InvalidArgument, "page_size"),
        ("huge page size is clamped", ListArticles { page_size: i32::MAX, page_token: String::new(), view: 0 }, Code::Ok, ""),
        ("unknown view enum", ListArticles { page_size: 1, page_token: String::new(), view: 99 }, Code::InvalidArgument, "view"),
        ("negative enum", ListArticles { page_size: 1, page_token: String::new(), view: -1 }, Code::InvalidArgument, "view"),
        ("unknown offset encoding", ListQuotes { speaker: "", article: "", offset_encoding: 7 }, Code::InvalidArgument, "offset_encoding"),
        ("unknown speaker kind", ListSpeakers { kind: 42 }, Code::InvalidArgument, "kind"),
        ("empty attribution text", Attribute(String::new()), Code::InvalidArgument, "text"),
        ("quote-mark-only attribution", Attribute("\"".repeat(50_000)), Code::InvalidArgument, "text"),
        ("1 MB attribution word", Attribute("a".repeat(1 << 20)), Code::Ok, ""),
        ("empty search", Search("   ".into()), Code::InvalidArgument, "query"),
        ("repetitive search", Search("the ".repeat(100_000)), Code::Ok, ""),
    ];
    let mut failures = Vec::new();
    for (what, call, code, named) in table {
        let result = run(call, channel).await;
        let got = result.as_ref().err().map_or(Code::Ok, Status::code);
        if got != code {
            failures.push(format!("{what}: expected {code:?}, got {result:?}"));
        } else if let Err(status) = &result {
            let fields: Vec<String> = status
                .get_details_bad_request()
                .map(|b| b.field_violations.into_iter().map(|v| v.field).collect())
                .unwrap_or_default();
            if !fields.iter().any(|f| f == named) && !status.message().contains(named) {
                failures.push(format!(
                    "{what}: {status:?} names neither field nor {named:?}"
                ));
            }
        }
        assert_alive(channel, what).await;
    }
    assert!(
        failures.is_empty(),
        "{} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
