//! The client subcommands (`saywho who`, `import`, `quotes`): the real binary against an
//! in-process server on 127.0.0.1:0.

use crate::util::{TestServer, extraction, put, saywho_with_stdout_closed};
use saywho::index::Index;
use saywho::model::SpeakerKind;
use std::process::Output;

/// Runs the `saywho` binary with `args` and a 60 s limit.
async fn saywho(args: &[&str]) -> Output {
    let run = tokio::process::Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args(args)
        .env_remove("SAYWHO_SERVER")
        .kill_on_drop(true)
        .output();
    tokio::time::timeout(std::time::Duration::from_secs(60), run)
        .await
        .expect("saywho finished within 60 s")
        .expect("saywho ran")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Two outlets give the same words to one person; a second person has another quote.
/// Hand-built extractions keep these tests independent of the extractor.
fn corpus() -> Index {
    let index = Index::new();
    let person = |name, alias| (name, SpeakerKind::Person, alias);
    let a = "\u{201c}We will reopen the old mill as a school,\u{201d} Hanne Solberg said.";
    let ex = extraction(
        a,
        &[person("Hanne Solberg", &["Solberg"][..])],
        &[("We will reopen the old mill as a school", Some(0))],
        &[],
    );
    put(&index, "mill-a", "Valley Post", a, ex);
    let b = "Hanne Solberg said: \u{201c}We will reopen the old mill as a school.\u{201d} \u{201c}Buses will be free,\u{201d} Solberg said.";
    let ex = extraction(
        b,
        &[person("Hanne Solberg", &["Hanne Solberg", "Solberg"][..])],
        &[
            ("We will reopen the old mill as a school", Some(0)),
            ("Buses will be free", Some(0)),
        ],
        &[],
    );
    put(&index, "mill-b", "Fjord Times", b, ex);
    let c = "\u{201c}The budget does not allow it,\u{201d} Per Aune said.";
    let ex = extraction(
        c,
        &[person("Per Aune", &["Aune"][..])],
        &[("The budget does not allow it", Some(0))],
        &[],
    );
    put(&index, "mill-c", "Fjord Times", c, ex);
    index
}

#[tokio::test]
async fn who_prints_ranked_speakers_with_outlets() {
    let server = TestServer::start(corpus()).await;
    let url = format!("http://{}", server.addr);
    let out = saywho(&["who", "reopen the old mill as a school", "--server", &url]).await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let first = text
        .lines()
        .find(|l| l.trim_start().starts_with("1."))
        .unwrap_or_default();
    assert!(first.contains("Hanne Solberg (person)"), "{text}");
    assert!(text.contains("outlets: Fjord Times, Valley Post"), "{text}");
    assert!(!text.contains("Per Aune"), "{text}");

    // HOST:PORT without a scheme works too; no match is not an error.
    let out = saywho(&[
        "who",
        "completely unrelated words here",
        "--server",
        &server.addr.to_string(),
    ])
    .await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert!(
        stdout(&out).starts_with("No stored quote matches"),
        "{}",
        stdout(&out)
    );

    // A bad request comes back as the server's error, naming the field, with a failing exit.
    let out = saywho(&["who", "   ", "--server", &url]).await;
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("INVALID_ARGUMENT"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("text"), "{}", stderr(&out));
    server.stop().await;
}

#[tokio::test]
async fn quotes_lists_a_speakers_quotes_by_alias_with_limit() {
    let server = TestServer::start(corpus()).await;
    let url = format!("http://{}", server.addr);
    let out = saywho(&[
        "quotes",
        "--speaker",
        "Solberg",
        "--server",
        &url,
        "--page-size",
        "1",
    ])
    .await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("We will reopen the old mill as a school"),
        "{text}"
    );
    assert!(text.contains("Buses will be free"), "{text}");
    assert!(!text.contains("budget"), "{text}");
    assert!(text.contains("Hanne Solberg; 2 occurrences in"), "{text}");
    assert!(text.trim_end().ends_with("2 quotes."), "{text}");

    let out = saywho(&[
        "quotes",
        "--speaker",
        "Solberg",
        "--server",
        &url,
        "--limit",
        "1",
    ])
    .await;
    assert!(
        stdout(&out).contains("stopped after 1 quotes"),
        "{}",
        stdout(&out)
    );
    let out = saywho(&["quotes", "--speaker", "Nobody Atall", "--server", &url]).await;
    assert!(stdout(&out).contains("No quotes found"), "{}", stdout(&out));
    server.stop().await;
}

#[tokio::test]
async fn a_reader_that_stops_early_ends_the_command_quietly() {
    // `saywho quotes ... | head -1`: the reader is gone before the first line is written
    let server = TestServer::start(corpus()).await;
    let url = format!("http://{}", server.addr);
    let args = ["quotes", "--speaker", "Solberg", "--server", &url];
    let out = saywho_with_stdout_closed(&args, std::time::Duration::from_secs(60)).await;
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{:?}: {err}", out.status);
    assert!(err.is_empty(), "nothing to say about a closed pipe: {err}");
    server.stop().await;
}

#[tokio::test]
async fn import_streams_jsonl_and_summarises_failures() {
    let server = TestServer::start(Index::new()).await;
    let url = format!("http://{}", server.addr);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("in.jsonl");
    let lines = [
        r#"{"id":"imp-1","text":"\"Rates will fall,\" Ola Dahl said.","outlet":"Krone","published":"2025-02-18"}"#,
        r#"this is not json"#,
        r#"{"id":"imp-2","text":"Second article.","url":"https://example.test/2","published":"2025-02-18T10:00:00Z"}"#,
        r#""#,
        r#"{"id":"imp-3","text":"   "}"#,
        r#"{"id":"imp-4","text":"Fourth.","published":"last tuesday"}"#,
    ];
    std::fs::write(&file, lines.join("\n")).expect("write jsonl");
    let path = file.to_str().expect("utf-8 path");
    let out = saywho(&["import", path, "--server", &url, "--batch-size", "1"]).await;
    let text = stdout(&out);
    assert!(
        !out.status.success(),
        "failures must fail the command: {text}"
    );
    assert!(text.contains("Imported 5 articles from"), "{text}");
    assert!(
        text.contains("2 created, 0 already existed, 3 failed."),
        "{text}"
    );
    assert!(text.contains("line 2: not an article line"), "{text}");
    assert!(text.contains("line 5: INVALID_ARGUMENT"), "{text}");
    assert!(text.contains("line 6: \"published\""), "{text}");
    assert!(
        stderr(&out).contains("3 of 5 articles failed"),
        "{}",
        stderr(&out)
    );
    let stored = server.index.get_article("imp-1").expect("imp-1 stored");
    assert_eq!(stored.article.meta.outlet, "Krone");
    assert!(stored.article.meta.published_ms.is_some());
    assert!(server.index.get_article("imp-2").is_ok());

    // Importing the good lines again is idempotent.
    std::fs::write(&file, [lines[0], lines[2]].join("\n")).expect("rewrite");
    let out = saywho(&["import", path, "--server", &url]).await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert!(
        stdout(&out).contains("0 created, 2 already existed, 0 failed."),
        "{}",
        stdout(&out)
    );
    server.stop().await;
}

#[tokio::test]
async fn import_reads_a_folder_of_txt_articles() {
    let server = TestServer::start(Index::new()).await;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("first story.txt"),
        "\"We won,\" the coach said.",
    )
    .expect("write");
    std::fs::write(dir.path().join("second.txt"), "Nothing quoted here.").expect("write");
    std::fs::write(dir.path().join("notes.md"), "not an article").expect("write");
    let folder = dir.path().to_str().expect("utf-8 path");
    let out = saywho(&[
        "import",
        folder,
        "--server",
        &server.addr.to_string(),
        "--outlet",
        "Sports Wire",
    ])
    .await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    assert!(
        stdout(&out).contains("Imported 2 articles from"),
        "{}",
        stdout(&out)
    );
    let first = server
        .index
        .get_article("first-story")
        .expect("id from the file name");
    assert_eq!(first.article.meta.outlet, "Sports Wire");
    assert!(server.index.get_article("second").is_ok());
    server.stop().await;
}

#[tokio::test]
async fn client_commands_report_an_unreachable_server() {
    // Bind then drop a listener: nothing listens on that port any more.
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port");
    let out = saywho(&["who", "anything", "--server", &format!("http://{addr}")]).await;
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("cannot connect to the saywho server"),
        "{}",
        stderr(&out)
    );
}

/// `saywho serve --log-format json --metrics-addr`: JSON log lines name the bound addresses, and
/// the metrics endpoint counts the calls made to the gRPC address.
#[tokio::test]
async fn serve_logs_json_and_serves_metrics() {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--no-seeds",
            // not the default store in the working directory, which `cargo run` fills
            "--in-memory",
            "--log-format",
            "json",
        ])
        .args(["--metrics-addr", "127.0.0.1:0"])
        .env("RUST_LOG", "info")
        .env_remove("SAYWHO_METRICS_ADDR")
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start saywho serve");
    let mut lines = tokio::io::BufReader::new(child.stderr.take().expect("stderr")).lines();
    let (mut grpc, mut metrics) = (None, None);
    let read_addresses = async {
        while let Some(line) = lines.next_line().await.expect("read log") {
            let entry: serde_json::Value =
                serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
            assert!(
                entry["level"].is_string() && entry["timestamp"].is_string(),
                "{line}"
            );
            let addr = entry["fields"]["addr"].as_str().map(str::to_owned);
            match entry["fields"]["message"].as_str() {
                Some("saywho listening") => grpc = addr,
                Some(m) if m.starts_with("metrics at") => metrics = addr,
                _ => {}
            }
            if grpc.is_some() && metrics.is_some() {
                return;
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(30), read_addresses)
        .await
        .expect("addresses logged");
    let (grpc, metrics) = (grpc.expect("grpc addr"), metrics.expect("metrics addr"));

    let out = saywho(&["who", "nothing was said", "--server", &grpc]).await;
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let mut stream = tokio::net::TcpStream::connect(&metrics)
        .await
        .expect("connect metrics");
    let request = format!("GET /metrics HTTP/1.1\r\nHost: {metrics}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut body = String::new();
    stream.read_to_string(&mut body).await.expect("read");
    let series = r#"grpc_server_handled_total{grpc_service="saywho.v1.QuoteService",grpc_method="AttributeQuote",grpc_code="OK"} 1"#;
    assert!(body.contains(series), "{body}");
    assert!(body.contains("saywho_index_articles 0"), "{body}");
    let _ = child.kill().await;
}
