//! The limits that need more than one request to show: streams broken off or left silent,
//! per-connection concurrency with load shedding, and the unary request timeout.

use crate::hostile::{assert_alive, index_with_one_article, start};
use saywho::pb;
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::service::{Limits, ServeConfig};
use std::time::Duration;
use tonic::Code;

fn import_message(i: usize) -> pb::ImportArticlesRequest {
    pb::ImportArticlesRequest {
        article: Some(pb::Article {
            text: format!("“Line {i} holds,” Jane Doe said."),
            ..Default::default()
        }),
        article_id: format!("half-{i}"),
        request_id: String::new(),
    }
}

/// A stream of `n` import messages that then stays open without ending.
fn stalled_stream(n: usize) -> impl futures::Stream<Item = pb::ImportArticlesRequest> + Send {
    use futures::StreamExt as _;
    futures::stream::iter((0..n).map(import_message)).chain(futures::stream::pending())
}

#[tokio::test]
async fn a_client_stream_broken_off_half_way_leaves_whole_articles_and_a_working_server() {
    let server = start(ServeConfig::default(), index_with_one_article(), true).await;
    let channel = server.channel.clone();
    let call = tokio::spawn(async move {
        ArticleServiceClient::new(channel)
            .import_articles(stalled_stream(3))
            .await
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    call.abort(); // drops the call mid-stream: the client resets the HTTP/2 stream
    let _ = call.await;
    assert_alive(&server.channel, "a broken-off import").await;
    let mut client = ArticleServiceClient::new(server.channel.clone());
    for i in 0..3 {
        let got = client
            .get_article(pb::GetArticleRequest {
                name: format!("articles/half-{i}"),
                view: 0,
            })
            .await;
        // Each article either made it whole or not at all.
        if let Ok(reply) = got {
            let text = reply.into_inner().article.expect("article").text;
            assert_eq!(text, import_message(i).article.expect("article").text);
        }
    }
}

#[tokio::test]
async fn a_silent_client_stream_is_ended_by_the_idle_limit() {
    let limits = Limits {
        stream_idle_timeout: Duration::from_millis(200),
        ..Limits::default()
    };
    let server = start(
        ServeConfig {
            limits,
            ..ServeConfig::default()
        },
        index_with_one_article(),
        true,
    )
    .await;
    let status = ArticleServiceClient::new(server.channel.clone())
        .import_articles(stalled_stream(2))
        .await
        .expect_err("idle stream is ended");
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
    assert!(
        status.message().contains("--stream-idle-timeout"),
        "{status:?}"
    );
    // What arrived before the silence was processed.
    ArticleServiceClient::new(server.channel.clone())
        .get_article(pb::GetArticleRequest {
            name: "articles/half-1".into(),
            view: 0,
        })
        .await
        .expect("articles sent before the silence are stored");
    assert_alive(&server.channel, "an idle import").await;
}

#[tokio::test]
async fn calls_beyond_the_per_connection_limit_are_shed_at_once() {
    let limits = Limits {
        concurrency_per_connection: 1,
        stream_idle_timeout: Duration::from_secs(30),
        ..Limits::default()
    };
    let server = start(
        ServeConfig {
            limits,
            ..ServeConfig::default()
        },
        index_with_one_article(),
        true,
    )
    .await;
    // An open import holds the connection's only slot.
    let channel = server.channel.clone();
    let holder = tokio::spawn(async move {
        ArticleServiceClient::new(channel)
            .import_articles(stalled_stream(1))
            .await
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let status = ArticleServiceClient::new(server.channel.clone())
        .get_article(pb::GetArticleRequest {
            name: "articles/ok".into(),
            view: 0,
        })
        .await
        .expect_err("shed");
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(
        status.message().contains("Too many active requests"),
        "{status:?}"
    );
    // A second connection has its own budget.
    let other = tonic::transport::Endpoint::from_shared(format!("http://{}", server.addr))
        .expect("uri")
        .connect()
        .await
        .expect("connect");
    assert_alive(&other, "shedding on another connection").await;
    holder.abort();
    let _ = holder.await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_alive(&server.channel, "the slot was released").await;
}

#[tokio::test]
async fn a_unary_call_over_the_time_limit_is_deadline_exceeded() {
    let limits = Limits {
        request_timeout: Duration::from_nanos(1),
        ..Limits::default()
    };
    let server = start(
        ServeConfig {
            limits,
            ..ServeConfig::default()
        },
        index_with_one_article(),
        true,
    )
    .await;
    let status = ArticleServiceClient::new(server.channel.clone())
        .create_article(pb::CreateArticleRequest {
            article: Some(pb::Article {
                text: "word ".repeat(200_000),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .expect_err("too slow for 1 ns");
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
    assert!(status.message().contains("--request-timeout"), "{status:?}");
    // Health is exempt from the saywho timeout.
    let health = tonic_health::pb::health_client::HealthClient::new(server.channel.clone())
        .check(tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        })
        .await
        .expect("health is not timed out");
    assert_eq!(health.into_inner().status, 1);
}
