//! Service discovery: the health service reports serving, and reflection (v1 and v1alpha) lists
//! every service and serves the error-detail types.

use crate::util::TestServer;
use saywho::index::Index;
use tokio_stream::StreamExt;

#[tokio::test]
async fn health_reports_serving() {
    let server = TestServer::start(Index::new()).await;
    let mut health = tonic_health::pb::health_client::HealthClient::new(server.channel());
    let reply = health
        .check(tonic_health::pb::HealthCheckRequest {
            service: "saywho.v1.QuoteService".into(),
        })
        .await
        .expect("health")
        .into_inner();
    assert_eq!(
        reply.status,
        tonic_health::pb::health_check_response::ServingStatus::Serving as i32
    );
    server.stop().await;
}

/// grpcurl 1.8.6 speaks reflection v1alpha, newer tools v1: both list every service.
#[tokio::test]
async fn reflection_lists_services_on_v1_and_v1alpha() {
    use tonic_reflection::pb::{v1, v1alpha};
    let server = TestServer::start(Index::new()).await;
    let mut alpha =
        v1alpha::server_reflection_client::ServerReflectionClient::new(server.channel());
    let request = v1alpha::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(
            v1alpha::server_reflection_request::MessageRequest::ListServices(String::new()),
        ),
    };
    let mut replies = alpha
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .expect("v1alpha")
        .into_inner();
    let reply = replies.next().await.expect("a reply").expect("ok");
    let Some(v1alpha::server_reflection_response::MessageResponse::ListServicesResponse(list)) =
        reply.message_response
    else {
        panic!("unexpected reply {reply:?}");
    };
    let names: Vec<String> = list.service.into_iter().map(|s| s.name).collect();
    for want in [
        "saywho.v1.ArticleService",
        "saywho.v1.QuoteService",
        "saywho.v1.SpeakerService",
        "saywho.v1.ClaimService",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing from {names:?}"
        );
    }
    let mut v1 = v1::server_reflection_client::ServerReflectionClient::new(server.channel());
    let request = v1::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(
            v1::server_reflection_request::MessageRequest::FileContainingSymbol(
                "google.rpc.BadRequest".into(),
            ),
        ),
    };
    let mut replies = v1
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .expect("v1")
        .into_inner();
    let reply = replies.next().await.expect("a reply").expect("ok");
    assert!(
        matches!(
            reply.message_response,
            Some(v1::server_reflection_response::MessageResponse::FileDescriptorResponse(_))
        ),
        "error-detail types are served so clients can decode them: {reply:?}"
    );
    server.stop().await;
}
