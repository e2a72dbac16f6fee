//! Prometheus metrics: a server with metrics on, some calls, then a scrape of `/metrics`.

use crate::util::{TestServer, article};
use saywho::index::Index;
use saywho::metrics::{Exporter, IndexSizes};
use saywho::pb;
use saywho::service::ServeConfig;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// `GET path` over HTTP/1.1 with `Connection: close`; returns the status line and the body.
async fn get(addr: SocketAddr, path: &str) -> (String, String) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.expect("read");
    let (head, body) = raw.split_once("\r\n\r\n").expect("a header block");
    let status = head.lines().next().unwrap_or_default().to_owned();
    (status, body.to_owned())
}

/// The value of the sample whose name and labels are exactly `series`.
fn sample(body: &str, series: &str) -> Option<f64> {
    body.lines().filter(|l| !l.starts_with('#')).find_map(|l| {
        l.strip_prefix(series)?
            .strip_prefix(' ')?
            .trim()
            .parse()
            .ok()
    })
}

#[tokio::test]
async fn scrape_shows_calls_by_method_and_code_index_sizes_and_ingest() {
    let handle = saywho::metrics::install().expect("install recorder");
    let index = Index::new();
    let probe_index = index.clone();
    let exporter = Exporter::new(handle).with_index_sizes(Arc::new(move || {
        let s = probe_index.stats();
        IndexSizes {
            articles: s.articles as u64,
            quotes: s.quotes as u64,
            speakers: s.speakers as u64,
            claims: s.claims as u64,
        }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let metrics_addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let metrics_task = tokio::spawn(saywho::metrics::serve(listener, exporter, async {
        let _ = stopped.await;
    }));

    let config = ServeConfig {
        metrics: true,
        ..ServeConfig::default()
    };
    let server = TestServer::start_with(index, config).await;
    let mut articles = server.articles();
    for i in 0..2 {
        let req = pb::CreateArticleRequest {
            article: Some(article(
                &format!("Metrics article {i}. \"Numbers matter,\" Ann Lee said."),
                "Metrics Daily",
            )),
            article_id: format!("metrics-{i}"),
            request_id: String::new(),
        };
        articles.create_article(req).await.expect("create");
    }
    articles
        .list_articles(pb::ListArticlesRequest::default())
        .await
        .expect("list");
    let bad = articles
        .get_article(pb::GetArticleRequest {
            name: "nope".into(),
            ..Default::default()
        })
        .await;
    assert_eq!(
        bad.map(|_| ()).map_err(|s| s.code()),
        Err(tonic::Code::InvalidArgument)
    );

    let (status, body) = get(metrics_addr, "/metrics").await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    let svc = r#"grpc_service="saywho.v1.ArticleService""#;
    let ok_create =
        format!(r#"grpc_server_handled_total{{{svc},grpc_method="CreateArticle",grpc_code="OK"}}"#);
    assert!(
        sample(&body, &ok_create).unwrap_or(0.0) >= 2.0,
        "{ok_create} in\n{body}"
    );
    let bad_get = format!(
        r#"grpc_server_handled_total{{{svc},grpc_method="GetArticle",grpc_code="INVALID_ARGUMENT"}}"#
    );
    assert!(
        sample(&body, &bad_get).unwrap_or(0.0) >= 1.0,
        "{bad_get} in\n{body}"
    );
    let latency = format!(
        r#"grpc_server_handling_seconds_count{{{svc},grpc_method="ListArticles",grpc_code="OK"}}"#
    );
    assert!(
        sample(&body, &latency).unwrap_or(0.0) >= 1.0,
        "{latency} in\n{body}"
    );
    assert!(
        body.contains("# TYPE grpc_server_handling_seconds histogram"),
        "{body}"
    );
    assert!(
        body.contains(r#"grpc_server_handling_seconds_bucket{"#),
        "{body}"
    );
    assert_eq!(sample(&body, "saywho_index_articles"), Some(2.0), "{body}");
    assert!(sample(&body, "saywho_index_quotes").is_some(), "{body}");
    let created = r#"saywho_articles_ingested_total{outcome="created"}"#;
    assert!(
        sample(&body, created).unwrap_or(0.0) >= 2.0,
        "{created} in\n{body}"
    );

    let (status, _) = get(metrics_addr, "/elsewhere").await;
    assert_eq!(status, "HTTP/1.1 404 Not Found");
    server.stop().await;
    let _ = stop.send(());
    metrics_task
        .await
        .expect("metrics server stops on shutdown");
}
