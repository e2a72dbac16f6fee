//! Access over the wire: bearer-token auth for writes (and optionally reads), read-only mode,
//! and TLS.

use crate::hostile::{index_with_one_article, start};
use saywho::pb;
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::service::{Access, ServeConfig};
use tonic::Code;
use tonic::transport::Channel;

fn create(id: &str) -> tonic::Request<pb::CreateArticleRequest> {
    tonic::Request::new(pb::CreateArticleRequest {
        article: Some(pb::Article {
            text: "“Fine,” she said.".into(),
            ..Default::default()
        }),
        article_id: id.into(),
        request_id: String::new(),
    })
}

fn get() -> tonic::Request<pb::GetArticleRequest> {
    tonic::Request::new(pb::GetArticleRequest {
        name: "articles/ok".into(),
        view: 0,
    })
}

fn with_token<T>(mut request: tonic::Request<T>, token: &str) -> tonic::Request<T> {
    let value = format!("Bearer {token}").parse().expect("header value");
    request.metadata_mut().insert("authorization", value);
    request
}

async fn health(channel: Channel) -> i32 {
    tonic_health::pb::health_client::HealthClient::new(channel)
        .check(tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        })
        .await
        .expect("health stays open")
        .into_inner()
        .status
}

#[tokio::test]
async fn writes_need_the_bearer_token_and_reads_stay_open() {
    let access = Access {
        token: Some("s3cret".into()),
        ..Access::default()
    };
    let server = start(
        ServeConfig {
            access,
            ..ServeConfig::default()
        },
        index_with_one_article(),
        true,
    )
    .await;
    let mut client = ArticleServiceClient::new(server.channel.clone());
    for (request, why) in [
        (create("a1"), "no token"),
        (with_token(create("a1"), "wrong"), "wrong token"),
        (
            with_token(create("a1"), "s3cret "),
            "token with a trailing space",
        ),
    ] {
        let status = client.create_article(request).await.expect_err(why);
        assert_eq!(status.code(), Code::Unauthenticated, "{why}: {status:?}");
        assert!(status.message().contains("--auth-token"), "{status:?}");
    }
    client
        .create_article(with_token(create("a1"), "s3cret"))
        .await
        .expect("token accepted");
    client
        .get_article(get())
        .await
        .expect("reads need no token");
    let delete = pb::DeleteArticleRequest {
        name: "articles/a1".into(),
        allow_missing: false,
    };
    let status = client
        .delete_article(delete.clone())
        .await
        .expect_err("delete is a write");
    assert_eq!(status.code(), Code::Unauthenticated);
    client
        .delete_article(with_token(tonic::Request::new(delete), "s3cret"))
        .await
        .expect("delete with the token");
}

#[tokio::test]
async fn auth_reads_guards_reads_but_not_health() {
    let access = Access {
        token: Some("s3cret".into()),
        auth_reads: true,
        read_only: false,
    };
    let server = start(
        ServeConfig {
            access,
            ..ServeConfig::default()
        },
        index_with_one_article(),
        true,
    )
    .await;
    let mut client = ArticleServiceClient::new(server.channel.clone());
    let status = client
        .get_article(get())
        .await
        .expect_err("reads need the token");
    assert_eq!(status.code(), Code::Unauthenticated);
    client
        .get_article(with_token(get(), "s3cret"))
        .await
        .expect("with the token");
    assert_eq!(health(server.channel.clone()).await, 1);
}

#[tokio::test]
async fn read_only_refuses_every_write_and_serves_reads() {
    let access = Access {
        read_only: true,
        ..Access::default()
    };
    let server = start(
        ServeConfig {
            access,
            ..ServeConfig::default()
        },
        index_with_one_article(),
        true,
    )
    .await;
    let mut client = ArticleServiceClient::new(server.channel.clone());
    let status = client
        .create_article(create("r1"))
        .await
        .expect_err("read-only");
    assert_eq!(status.code(), Code::FailedPrecondition, "{status:?}");
    assert!(status.message().contains("--read-only"), "{status:?}");
    let import = futures::stream::iter([pb::ImportArticlesRequest::default()]);
    let status = client
        .import_articles(import)
        .await
        .expect_err("import is a write");
    assert_eq!(status.code(), Code::FailedPrecondition);
    let delete = pb::DeleteArticleRequest {
        name: "articles/ok".into(),
        allow_missing: false,
    };
    assert_eq!(
        client
            .delete_article(delete)
            .await
            .expect_err("delete")
            .code(),
        Code::FailedPrecondition
    );
    client.get_article(get()).await.expect("reads still served");
}

#[tokio::test]
async fn tls_serves_a_client_that_trusts_the_certificate() {
    let key = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("cert");
    let (cert_pem, key_pem) = (key.cert.pem(), key.signing_key.serialize_pem());
    let config = ServeConfig {
        tls: Some(tonic::transport::Identity::from_pem(&cert_pem, &key_pem)),
        ..ServeConfig::default()
    };
    let server = start(config, index_with_one_article(), false).await;
    let tls = tonic::transport::ClientTlsConfig::new()
        .ca_certificate(tonic::transport::Certificate::from_pem(&cert_pem))
        .domain_name("localhost");
    let channel = tonic::transport::Endpoint::from_shared(format!("https://{}", server.addr))
        .expect("uri")
        .tls_config(tls)
        .expect("tls config")
        .connect()
        .await
        .expect("TLS connect");
    ArticleServiceClient::new(channel.clone())
        .get_article(get())
        .await
        .expect("get over TLS");
    assert_eq!(health(channel).await, 1);

    // A plaintext client cannot talk to the TLS port.
    let plain = tonic::transport::Endpoint::from_shared(format!("http://{}", server.addr))
        .expect("uri")
        .timeout(std::time::Duration::from_secs(2))
        .connect_timeout(std::time::Duration::from_secs(2))
        .connect_lazy();
    assert!(
        ArticleServiceClient::new(plain)
            .get_article(get())
            .await
            .is_err()
    );
}
