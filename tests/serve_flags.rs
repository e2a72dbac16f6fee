//! The hardening flags of the real binary reach the server: limits, token, read-only, TLS files,
//! and `--in-memory` keeping nothing.

use crate::durability::Server;
use saywho::pb;
use saywho::pb::article_service_client::ArticleServiceClient;
use tonic::Code;

fn create(text: &str, id: &str, token: Option<&str>) -> tonic::Request<pb::CreateArticleRequest> {
    let mut request = tonic::Request::new(pb::CreateArticleRequest {
        article: Some(pb::Article {
            text: text.into(),
            ..Default::default()
        }),
        article_id: id.into(),
        request_id: String::new(),
    });
    if let Some(t) = token {
        let value = format!("Bearer {t}").parse().expect("header");
        request.metadata_mut().insert("authorization", value);
    }
    request
}

#[tokio::test]
async fn limit_and_token_flags_are_enforced_by_the_binary() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let args = [
        "--in-memory",
        "--no-seeds",
        "--max-article-bytes",
        "40",
        "--auth-token",
        "t0ken",
    ];
    let server = Server::start(&args, scratch.path(), "flags").await;
    let mut client = ArticleServiceClient::new(server.channel.clone());
    let status = client
        .create_article(create("“Short,” she said.", "a", None))
        .await
        .expect_err("no token");
    assert_eq!(status.code(), Code::Unauthenticated);
    let long = "“This sentence is longer than forty bytes,” she said.";
    let status = client
        .create_article(create(long, "b", Some("t0ken")))
        .await
        .expect_err("too long");
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(
        status.message().contains("--max-article-bytes"),
        "{status:?}"
    );
    client
        .create_article(create("“Short,” she said.", "c", Some("t0ken")))
        .await
        .expect("fits");
}

#[tokio::test]
async fn read_only_and_tls_files_from_the_command_line() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let key = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("cert");
    let (cert_path, key_path) = (
        scratch.path().join("cert.pem"),
        scratch.path().join("key.pem"),
    );
    std::fs::write(&cert_path, key.cert.pem()).expect("write cert");
    std::fs::write(&key_path, key.signing_key.serialize_pem()).expect("write key");
    let (cert_arg, key_arg) = (
        cert_path.to_str().expect("path"),
        key_path.to_str().expect("path"),
    );
    let args = [
        "--in-memory",
        "--read-only",
        "--tls-cert",
        cert_arg,
        "--tls-key",
        key_arg,
    ];
    let mut server = Server::start_tls(&args, scratch.path(), "tls", &key.cert.pem()).await;
    let mut client = ArticleServiceClient::new(server.channel.clone());
    let status = client
        .create_article(create("“Hi,” he said.", "x", None))
        .await
        .expect_err("read-only");
    assert_eq!(status.code(), Code::FailedPrecondition);
    let list = pb::ListArticlesRequest::default();
    let seeds = client
        .list_articles(list)
        .await
        .expect("reads over TLS")
        .into_inner();
    assert!(
        !seeds.articles.is_empty(),
        "seeds load even when clients may not write"
    );
    server.kill();
}
