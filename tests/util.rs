//! Test scaffolding: a real server on 127.0.0.1:0 with a oneshot shutdown, generated clients,
//! and hand-built extractions (so wire tests do not depend on the extractor's accuracy).

use saywho::index::{Index, NewArticle};
use saywho::model::{
    ArticleMeta, AttributionMethod, ExtractedClaim, ExtractedQuote, Extraction, LocalSpeaker,
    QuoteKind, Span, SpeakerKind,
};
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::pb::claim_service_client::ClaimServiceClient;
use saywho::pb::quote_service_client::QuoteServiceClient;
use saywho::pb::speaker_service_client::SpeakerServiceClient;
use saywho::service::{ServeConfig, ServeError};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tonic::Code;
use tonic::transport::Channel;
use tonic_types::StatusExt;

/// Runs the `saywho` binary with `args`, its standard output closed before it writes anything
/// (as `saywho ... | head` is once `head` has exited), and waits at most `limit` for it.
pub(crate) async fn saywho_with_stdout_closed(
    args: &[&str],
    limit: Duration,
) -> std::process::Output {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args(args)
        .env_remove("SAYWHO_SERVER")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("saywho started");
    drop(child.stdout.take());
    tokio::time::timeout(limit, child.wait_with_output())
        .await
        .expect("saywho finished in time")
        .expect("saywho ran")
}

/// A running server; stops when [`TestServer::stop`] is called or the value is dropped.
pub(crate) struct TestServer {
    #[allow(dead_code)]
    pub(crate) addr: SocketAddr,
    pub(crate) index: Index,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<Result<(), ServeError>>>,
    channel: Channel,
}

impl TestServer {
    /// Starts a server over `index`.
    pub(crate) async fn start(index: Index) -> TestServer {
        let config = ServeConfig {
            drain_timeout: Duration::from_secs(2),
            ..ServeConfig::default()
        };
        TestServer::start_with(index, config).await
    }

    /// Starts a server over `index` with `config`.
    pub(crate) async fn start_with(index: Index, config: ServeConfig) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(saywho::service::serve(
            config,
            index.clone(),
            listener,
            async {
                let _ = stopped.await;
            },
        ));
        let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
            .expect("endpoint")
            .connect()
            .await
            .expect("connect");
        TestServer {
            addr,
            index,
            stop: Some(stop),
            task: Some(task),
            channel,
        }
    }

    /// Starts a server with the seed articles loaded (real extraction).
    pub(crate) async fn seeded() -> TestServer {
        let index = Index::new();
        saywho::seed::ingest(&index, &saywho::seed::seeds_dir(None)).expect("seeds load");
        TestServer::start(index).await
    }

    pub(crate) fn articles(&self) -> ArticleServiceClient<Channel> {
        ArticleServiceClient::new(self.channel.clone())
    }
    pub(crate) fn quotes(&self) -> QuoteServiceClient<Channel> {
        QuoteServiceClient::new(self.channel.clone())
    }
    pub(crate) fn speakers(&self) -> SpeakerServiceClient<Channel> {
        SpeakerServiceClient::new(self.channel.clone())
    }
    pub(crate) fn claims(&self) -> ClaimServiceClient<Channel> {
        ClaimServiceClient::new(self.channel.clone())
    }
    pub(crate) fn channel(&self) -> Channel {
        self.channel.clone()
    }

    /// Stops the server and waits for it to finish cleanly.
    pub(crate) async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.expect("server task").expect("server result");
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A speaker of a hand-built extraction: name, kind, aliases.
pub(crate) type SpeakerSpec<'a> = (&'a str, SpeakerKind, &'a [&'a str]);

/// Builds an extraction of `text` where each quote/claim is `(words, speaker index)`; the words
/// must appear in the text.
pub(crate) fn extraction(
    text: &str,
    speakers: &[SpeakerSpec<'_>],
    quotes: &[(&str, Option<usize>)],
    claims: &[(&str, Option<usize>)],
) -> Extraction {
    let span_of = |w: &str| {
        let start = text
            .find(w)
            .unwrap_or_else(|| panic!("{w:?} not in {text:?}"));
        Span::new(start, start + w.len())
    };
    Extraction {
        speakers: speakers
            .iter()
            .map(|(name, kind, aliases)| LocalSpeaker {
                name: name.to_string(),
                kind: *kind,
                roles: vec![],
                aliases: aliases.iter().map(|a| (a.to_string(), 1)).collect(),
                mentions: vec![],
            })
            .collect(),
        quotes: quotes
            .iter()
            .map(|(w, s)| ExtractedQuote {
                span: span_of(w),
                kind: QuoteKind::Full,
                speaker: *s,
                speaker_mention: None,
                cue: text.find(" said").map(|i| Span::new(i + 1, i + 5)),
                method: s.map(|_| AttributionMethod::Explicit),
                confidence: 0.9,
            })
            .collect(),
        claims: claims
            .iter()
            .map(|(w, s)| ExtractedClaim {
                span: span_of(w),
                speaker: *s,
                speaker_mention: None,
                cue: None,
                method: Some(AttributionMethod::Explicit),
                confidence: 0.8,
            })
            .collect(),
    }
}

/// Stores an article with a hand-built extraction directly in the server's index.
pub(crate) fn put(index: &Index, id: &str, outlet: &str, text: &str, extraction: Extraction) {
    let new = NewArticle {
        id: Some(id.to_string()),
        request_id: None,
        text: text.to_string(),
        meta: ArticleMeta {
            outlet: outlet.to_string(),
            ..ArticleMeta::default()
        },
    };
    index
        .create_article_with(new, extraction)
        .expect("store article");
}

/// A wire article with text and outlet.
pub(crate) fn article(text: &str, outlet: &str) -> saywho::pb::Article {
    saywho::pb::Article {
        text: text.to_string(),
        outlet: outlet.to_string(),
        ..Default::default()
    }
}

/// Asserts a status has `code` and, for INVALID_ARGUMENT, a field violation naming `field`.
pub(crate) fn assert_status(
    result: Result<impl std::fmt::Debug, tonic::Status>,
    code: Code,
    field: &str,
) {
    let status = result.expect_err("expected an error status");
    assert_eq!(status.code(), code, "status: {status:?}");
    if code == Code::InvalidArgument {
        let bad = status
            .get_details_bad_request()
            .unwrap_or_else(|| panic!("no BadRequest in {status:?}"));
        let fields: Vec<&str> = bad
            .field_violations
            .iter()
            .map(|v| v.field.as_str())
            .collect();
        assert!(
            fields.contains(&field),
            "expected a violation on {field}, got {fields:?}"
        );
    }
}
