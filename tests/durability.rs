//! Crash safety of the real binary: SIGKILL in the middle of an ingest, restart on the same data
//! directory, and every acknowledged article is back with its quotes; nothing half-written.

use futures::StreamExt as _;
use saywho::pb;
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::pb::quote_service_client::QuoteServiceClient;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tonic::transport::Channel;

/// The `saywho` binary serving on a free loopback port.
pub(crate) struct Server {
    child: Child,
    pub(crate) channel: Channel,
    pub(crate) addr: String,
}

impl Server {
    /// Starts `saywho serve` on 127.0.0.1:0 with `args`, logs to `log`, and connects.
    pub(crate) async fn start(args: &[&str], scratch: &Path, log: &str) -> Server {
        Server::start_with(args, scratch, log, None).await
    }

    /// Like [`Server::start`] for a TLS server whose certificate is `ca_pem`.
    pub(crate) async fn start_tls(
        args: &[&str],
        scratch: &Path,
        log: &str,
        ca_pem: &str,
    ) -> Server {
        Server::start_with(args, scratch, log, Some(ca_pem)).await
    }

    async fn start_with(args: &[&str], scratch: &Path, log: &str, ca_pem: Option<&str>) -> Server {
        let addr_file = scratch.join(format!("{log}.addr"));
        let _ = std::fs::remove_file(&addr_file);
        let log_file = std::fs::File::create(scratch.join(format!("{log}.log"))).expect("log");
        let child = Command::new(env!("CARGO_BIN_EXE_saywho"))
            .arg("serve")
            .args(["--addr", "127.0.0.1:0", "--addr-file"])
            .arg(&addr_file)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("spawn saywho");
        let mut server = Server {
            child,
            channel: Channel::from_static("http://0.0.0.0:1").connect_lazy(),
            addr: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(300);
        while server.addr.is_empty() {
            if let Ok(Some(status)) = server.child.try_wait() {
                let log =
                    std::fs::read_to_string(scratch.join(format!("{log}.log"))).unwrap_or_default();
                panic!("saywho exited with {status} before listening:\n{log}");
            }
            assert!(Instant::now() < deadline, "saywho did not start in time");
            match std::fs::read_to_string(&addr_file) {
                Ok(a) if a.contains(':') => server.addr = a.trim().to_owned(),
                _ => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
        let endpoint = match ca_pem {
            None => tonic::transport::Endpoint::from_shared(format!("http://{}", server.addr)),
            Some(_) => tonic::transport::Endpoint::from_shared(format!("https://{}", server.addr)),
        }
        .expect("endpoint");
        let endpoint = match ca_pem {
            None => endpoint,
            Some(pem) => endpoint
                .tls_config(
                    tonic::transport::ClientTlsConfig::new()
                        .ca_certificate(tonic::transport::Certificate::from_pem(pem))
                        .domain_name("localhost"),
                )
                .expect("tls config"),
        };
        server.channel = endpoint.connect().await.expect("connect");
        server
    }

    /// The process id.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the process to exit.
    pub(crate) fn wait(&mut self) {
        self.child.wait().expect("reap");
    }

    /// SIGKILL: no shutdown path runs.
    pub(crate) fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A short article whose quotes name a speaker; `n` makes it unique.
fn text(n: usize) -> String {
    format!(
        "Officials met on day {n}. “We will rebuild bridge number {n} before winter,” Mayor Jane \
         Doe said on Tuesday. She added that the work would cost {n} million. “Nobody will be \
         left behind,” said Governor John Roe, who visited the site {n} times."
    )
}

#[derive(Clone, Debug, PartialEq)]
struct Acked {
    text: String,
    quote_count: i32,
    claim_count: i32,
    create_time: Option<prost_types::Timestamp>,
}

async fn all_articles(channel: Channel) -> BTreeMap<String, pb::Article> {
    let mut client = ArticleServiceClient::new(channel);
    let (mut out, mut token) = (BTreeMap::new(), String::new());
    loop {
        let page = client
            .list_articles(pb::ListArticlesRequest {
                page_size: 500,
                page_token: token,
                view: pb::ArticleView::Full as i32,
                ..Default::default()
            })
            .await
            .expect("list")
            .into_inner();
        out.extend(page.articles.into_iter().map(|a| (a.name.clone(), a)));
        if page.next_page_token.is_empty() {
            return out;
        }
        token = page.next_page_token;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_mid_import_loses_no_acknowledged_article() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let data: PathBuf = scratch.path().join("data");
    let data_arg = data.to_str().expect("utf-8 path");
    let mut server = Server::start(&["--data-dir", data_arg], scratch.path(), "first").await;

    // Seeds are loaded once; delete one so a restart must not bring it back.
    let before = all_articles(server.channel.clone()).await;
    let seeds: Vec<String> = before.keys().cloned().collect();
    assert!(!seeds.is_empty(), "seeds loaded on first start");
    let deleted_seed = seeds[0].clone();
    ArticleServiceClient::new(server.channel.clone())
        .delete_article(pb::DeleteArticleRequest {
            name: deleted_seed.clone(),
            allow_missing: false,
        })
        .await
        .expect("delete a seed");

    // Writers: 16 tasks creating articles one call at a time, plus one import stream.
    let acked: Arc<Mutex<BTreeMap<String, Acked>>> = Arc::default();
    let sent: Arc<Mutex<BTreeMap<String, String>>> = Arc::default();
    let mut writers = Vec::new();
    for w in 0..16usize {
        let (channel, acked, sent) = (
            server.channel.clone(),
            Arc::clone(&acked),
            Arc::clone(&sent),
        );
        writers.push(tokio::spawn(async move {
            let mut client = ArticleServiceClient::new(channel);
            for i in 0.. {
                let n = w * 1_000_000 + i;
                let (id, text) = (format!("crash-{n}"), text(n));
                sent.lock()
                    .expect("lock")
                    .insert(format!("articles/{id}"), text.clone());
                let request = pb::CreateArticleRequest {
                    article: Some(pb::Article {
                        text: text.clone(),
                        outlet: format!("Outlet {w}"),
                        ..Default::default()
                    }),
                    article_id: id,
                    request_id: String::new(),
                };
                let Ok(reply) = client.create_article(request).await else {
                    return;
                };
                let a = reply.into_inner().article.expect("article");
                let record = Acked {
                    text,
                    quote_count: a.quote_count,
                    claim_count: a.claim_count,
                    create_time: a.create_time,
                };
                acked.lock().expect("lock").insert(a.name, record);
            }
        }));
    }
    {
        let (channel, sent) = (server.channel.clone(), Arc::clone(&sent));
        writers.push(tokio::spawn(async move {
            // Paced (and bounded) so the restart has a modest store to rebuild.
            let paced = futures::stream::iter(0..5_000usize).then(|i| async move {
                tokio::time::sleep(Duration::from_millis(2)).await;
                i
            });
            let stream = paced.map(move |i: usize| {
                let n = 900_000_000 + i;
                let text = text(n);
                sent.lock()
                    .expect("lock")
                    .insert(format!("articles/import-{n}"), text.clone());
                pb::ImportArticlesRequest {
                    article: Some(pb::Article {
                        text,
                        ..Default::default()
                    }),
                    article_id: format!("import-{n}"),
                    request_id: String::new(),
                }
            });
            let _ = ArticleServiceClient::new(channel)
                .import_articles(stream)
                .await;
        }));
    }
    // Kill once a good number of writes were acknowledged, while the rest are in flight.
    let deadline = Instant::now() + Duration::from_secs(120);
    while acked.lock().expect("lock").len() < 200 {
        assert!(Instant::now() < deadline, "too few acknowledgements");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill();
    let acked = acked.lock().expect("lock").clone();
    for w in writers {
        let _ = w.await;
    }
    let sent = sent.lock().expect("lock").clone();

    let server = Server::start(&["--data-dir", data_arg], scratch.path(), "second").await;
    let after = all_articles(server.channel.clone()).await;

    // Every acknowledged article is back, whole, with the same derived counts and create time.
    for (name, want) in &acked {
        let got = after
            .get(name)
            .unwrap_or_else(|| panic!("acknowledged {name} lost"));
        let got = Acked {
            text: got.text.clone(),
            quote_count: got.quote_count,
            claim_count: got.claim_count,
            create_time: got.create_time,
        };
        assert_eq!(&got, want, "{name} differs after the restart");
    }
    // Nothing half-written: everything present was sent (or is a seed) and is byte-identical.
    for (name, article) in &after {
        match sent.get(name) {
            Some(text) => assert_eq!(&article.text, text, "{name} is not what was sent"),
            None => assert!(seeds.contains(name), "{name} was never sent"),
        }
    }
    // Seeds are not duplicated or resurrected.
    let seeds_after: BTreeSet<&String> = after.keys().filter(|n| seeds.contains(n)).collect();
    assert_eq!(seeds_after.len(), seeds.len() - 1);
    assert!(
        !after.contains_key(&deleted_seed),
        "a deleted seed came back"
    );

    // Quotes of the acknowledged articles are back in the quote index too.
    let mut quotes = QuoteServiceClient::new(server.channel.clone());
    for (name, want) in acked.iter().take(50) {
        let found = quotes
            .list_quotes(pb::ListQuotesRequest {
                article: name.clone(),
                page_size: 1000,
                ..Default::default()
            })
            .await
            .expect("list quotes")
            .into_inner();
        assert_eq!(
            found.quotes.len() as i32,
            want.quote_count,
            "quotes of {name}"
        );
    }
    eprintln!(
        "durability: {} acknowledged before SIGKILL, {} present after restart, {} sent",
        acked.len(),
        after.len(),
        sent.len()
    );
}
