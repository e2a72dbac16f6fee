//! gRPC-Web and CORS with a plain HTTP/1.1 client (hyper's http1 connection, no gRPC library):
//! what a browser's fetch() sends and receives.

use crate::util::{TestServer, extraction, put};
use base64::Engine as _;
use bytes::{Buf, Bytes};
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use prost::Message;
use saywho::index::Index;
use saywho::model::SpeakerKind;
use saywho::pb;
use saywho::service::ServeConfig;
use std::net::SocketAddr;
use tonic_types::StatusExt as _;

const ORIGIN: &str = "https://app.example";

/// One article whose quote is attributed (hand-built extraction: independent of the extractor).
fn corpus() -> Index {
    let index = Index::new();
    let text = "\u{201c}The night trains will run again in May,\u{201d} Ilse Marwick said.";
    let ex = extraction(
        text,
        &[("Ilse Marwick", SpeakerKind::Person, &["Marwick"][..])],
        &[("The night trains will run again in May", Some(0))],
        &[],
    );
    put(&index, "web-1", "Rail Weekly", text, ex);
    index
}

/// What came back from one HTTP/1.1 exchange.
struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// Sends one HTTP/1.1 request over a fresh connection and reads the whole response.
async fn http1(addr: SocketAddr, req: Request<Full<Bytes>>) -> Reply {
    let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("http1 handshake");
    tokio::spawn(conn);
    let response = sender.send_request(req).await.expect("send");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("read body").to_bytes();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

/// A gRPC-Web call: `text` selects `application/grpc-web-text` (base64) over binary.
async fn grpc_web(
    addr: SocketAddr,
    path: &str,
    msg: &impl Message,
    text: bool,
) -> (Reply, Vec<Bytes>, HeaderMap) {
    let payload = msg.encode_to_vec();
    let mut frame = Vec::with_capacity(payload.len() + 5);
    frame.push(0u8);
    frame.extend_from_slice(&u32::try_from(payload.len()).expect("small").to_be_bytes());
    frame.extend_from_slice(&payload);
    let (content_type, body) = if text {
        let encoded = base64::engine::general_purpose::STANDARD.encode(&frame);
        ("application/grpc-web-text", Bytes::from(encoded))
    } else {
        ("application/grpc-web+proto", Bytes::from(frame))
    };
    let req = Request::builder()
        .method(Method::POST)
        .uri(format!("http://{addr}{path}"))
        .header("host", addr.to_string())
        .header("content-type", content_type)
        .header("accept", content_type)
        .header("x-grpc-web", "1")
        .header("origin", ORIGIN)
        .body(Full::new(body))
        .expect("request");
    let reply = http1(addr, req).await;
    let raw = if text {
        Bytes::from(decode_text(&reply.body))
    } else {
        reply.body.clone()
    };
    let (messages, trailers) = frames(raw);
    (reply, messages, trailers)
}

/// Decodes a `grpc-web-text` body: each frame is base64-encoded on its own, padding included,
/// so the body is decoded piece by piece, ending each piece after its `=` padding.
fn decode_text(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..body.len() {
        let ends_piece = body[i] == b'=' && body.get(i + 1).is_none_or(|&next| next != b'=');
        if ends_piece || i + 1 == body.len() {
            let piece = &body[start..=i];
            let decoded = base64::engine::general_purpose::STANDARD.decode(piece);
            out.extend(decoded.expect("base64 piece"));
            start = i + 1;
        }
    }
    out
}

/// Splits a gRPC-Web body into its messages and its trailer frame (flag 0x80).
fn frames(mut raw: Bytes) -> (Vec<Bytes>, HeaderMap) {
    let mut messages = Vec::new();
    let mut trailers = HeaderMap::new();
    while raw.remaining() >= 5 {
        let flag = raw.get_u8();
        let len = raw.get_u32() as usize;
        assert!(raw.remaining() >= len, "truncated frame");
        let data = raw.split_to(len);
        if flag & 0x80 == 0 {
            messages.push(data);
            continue;
        }
        for line in std::str::from_utf8(&data)
            .expect("trailers are text")
            .split("\r\n")
        {
            if let Some((k, v)) = line.split_once(':') {
                let name = http::HeaderName::from_bytes(k.trim().as_bytes()).expect("name");
                trailers.insert(name, v.trim().parse().expect("value"));
            }
        }
    }
    assert_eq!(raw.remaining(), 0, "bytes after the last frame");
    (messages, trailers)
}

/// The gRPC status of a gRPC-Web reply: from the headers (trailers-only) or the trailer frame.
fn grpc_status(reply: &Reply, trailers: &HeaderMap) -> tonic::Status {
    let map = if reply.headers.contains_key("grpc-status") {
        &reply.headers
    } else {
        trailers
    };
    tonic::Status::from_header_map(map).expect("a grpc-status")
}

#[tokio::test]
async fn unary_calls_over_http1_binary_and_text() {
    let server = TestServer::start(corpus()).await;
    let (reply, messages, trailers) = grpc_web(
        server.addr,
        "/saywho.v1.ArticleService/ListArticles",
        &pb::ListArticlesRequest {
            page_size: 10,
            ..Default::default()
        },
        false,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-type"], "application/grpc-web+proto");
    assert_eq!(reply.headers["access-control-allow-origin"], ORIGIN);
    let exposed = reply.headers["access-control-expose-headers"]
        .to_str()
        .expect("ascii");
    assert!(
        exposed.contains("grpc-status") && exposed.contains("grpc-message"),
        "{exposed}"
    );
    assert_eq!(grpc_status(&reply, &trailers).code(), tonic::Code::Ok);
    assert_eq!(messages.len(), 1);
    let list = pb::ListArticlesResponse::decode(messages[0].clone()).expect("decode");
    let names: Vec<&str> = list.articles.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["articles/web-1"]);

    let (reply, messages, trailers) = grpc_web(
        server.addr,
        "/saywho.v1.QuoteService/AttributeQuote",
        &pb::AttributeQuoteRequest {
            text: "night trains will run again".into(),
            ..Default::default()
        },
        true,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.headers["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("application/grpc-web-text")
    );
    assert_eq!(grpc_status(&reply, &trailers).code(), tonic::Code::Ok);
    let who = pb::AttributeQuoteResponse::decode(messages[0].clone()).expect("decode");
    let top = who
        .candidates
        .first()
        .and_then(|c| c.speaker.as_ref())
        .map(|s| s.display_name.as_str());
    assert_eq!(top, Some("Ilse Marwick"));
    server.stop().await;
}

#[tokio::test]
async fn errors_keep_code_and_field_violations() {
    let server = TestServer::start(corpus()).await;
    let (reply, messages, trailers) = grpc_web(
        server.addr,
        "/saywho.v1.ArticleService/GetArticle",
        &pb::GetArticleRequest {
            name: "web-1".into(),
            ..Default::default()
        },
        false,
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "gRPC-Web reports errors in grpc-status, not HTTP"
    );
    assert!(messages.is_empty());
    let status = grpc_status(&reply, &trailers);
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
    let fields: Vec<String> = status
        .get_details_bad_request()
        .map(|b| b.field_violations.into_iter().map(|v| v.field).collect())
        .unwrap_or_default();
    assert_eq!(fields, ["name"]);
    server.stop().await;
}

/// Every unary rpc of every saywho service is routed for gRPC-Web: an empty request gets a gRPC
/// answer (OK or a validation error), never UNIMPLEMENTED or an HTTP error.
#[tokio::test]
async fn every_unary_rpc_is_reachable() {
    use prost_types::FileDescriptorSet;
    let server = TestServer::start(corpus()).await;
    let set = FileDescriptorSet::decode(pb::FILE_DESCRIPTOR_SET).expect("descriptor set");
    let mut called = Vec::new();
    for file in &set.file {
        for service in &file.service {
            for method in service
                .method
                .iter()
                .filter(|m| !m.client_streaming() && !m.server_streaming())
            {
                let path = format!("/{}.{}/{}", file.package(), service.name(), method.name());
                let (reply, _, trailers) =
                    grpc_web(server.addr, &path, &pb::GetArticleRequest::default(), false).await;
                assert_eq!(reply.status, StatusCode::OK, "{path}");
                let code = grpc_status(&reply, &trailers).code();
                assert_ne!(code, tonic::Code::Unimplemented, "{path}");
                assert_ne!(code, tonic::Code::Internal, "{path}");
                called.push(path);
            }
        }
    }
    assert!(called.len() >= 12, "only {called:?}");
    assert!(
        called.contains(&"/saywho.v1.ClaimService/ListClaims".to_owned()),
        "{called:?}"
    );
    server.stop().await;
}

fn preflight(addr: SocketAddr, origin: &str) -> Request<Full<Bytes>> {
    Request::builder()
        .method(Method::OPTIONS)
        .uri(format!(
            "http://{addr}/saywho.v1.QuoteService/AttributeQuote"
        ))
        .header("host", addr.to_string())
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,x-grpc-web,x-user-agent",
        )
        .body(Full::new(Bytes::new()))
        .expect("request")
}

#[tokio::test]
async fn cors_preflight_allows_any_origin_by_default() {
    let server = TestServer::start(corpus()).await;
    let reply = http1(server.addr, preflight(server.addr, ORIGIN)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let h = &reply.headers;
    assert_eq!(h["access-control-allow-origin"], ORIGIN);
    assert!(
        h["access-control-allow-methods"]
            .to_str()
            .unwrap_or("")
            .contains("POST")
    );
    assert_eq!(h["access-control-allow-headers"], "*");
    assert_eq!(h["access-control-max-age"], "3600");
    server.stop().await;
}

#[tokio::test]
async fn cors_origins_can_be_restricted() {
    let config = ServeConfig {
        cors_origins: vec![http::HeaderValue::from_static(ORIGIN)],
        ..ServeConfig::default()
    };
    let server = TestServer::start_with(corpus(), config).await;
    let allowed = http1(server.addr, preflight(server.addr, ORIGIN)).await;
    assert_eq!(allowed.headers["access-control-allow-origin"], ORIGIN);
    let refused = http1(
        server.addr,
        preflight(server.addr, "https://elsewhere.example"),
    )
    .await;
    assert!(
        !refused.headers.contains_key("access-control-allow-origin"),
        "a foreign origin must not be allowed: {:?}",
        refused.headers
    );
    server.stop().await;
}
