//! The performance tools run end to end on a small size: the corpus generator through the
//! binary, and the load generator against an in-process server. No timing is asserted.

use std::process::Command;

use crate::util::{TestServer, saywho_with_stdout_closed};
use saywho::corpus::{CorpusConfig, write_jsonl};

/// `saywho corpus` writes exactly what the library generates, and the truth file lines up with it.
#[test]
fn corpus_command_writes_the_library_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("c.jsonl");
    let truth = dir.path().join("t.jsonl");
    let status = Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args(["corpus", "--articles", "200", "--seed", "5", "--out"])
        .arg(&out)
        .arg("--truth")
        .arg(&truth)
        .status()
        .expect("run saywho corpus");
    assert!(status.success());
    let written = std::fs::read(&out).expect("corpus file");
    let mut expected = Vec::new();
    write_jsonl(
        CorpusConfig {
            articles: 200,
            seed: 5,
        },
        &mut expected,
        None,
    )
    .expect("in memory");
    assert_eq!(written, expected);

    let truth = std::fs::read_to_string(&truth).expect("truth file");
    let corpus = String::from_utf8(written).expect("utf-8");
    assert_eq!(truth.lines().count(), 200);
    for (a, t) in corpus.lines().zip(truth.lines()) {
        let a: serde_json::Value = serde_json::from_str(a).expect("article json");
        let t: serde_json::Value = serde_json::from_str(t).expect("truth json");
        assert_eq!(a["id"], t["id"]);
        let text = a["text"].as_str().expect("text");
        for q in t["quotes"].as_array().expect("quotes") {
            let (s, e) = (
                q["start"].as_u64().expect("start"),
                q["end"].as_u64().expect("end"),
            );
            assert_eq!(text.get(s as usize..e as usize), q["text"].as_str());
        }
    }
}

/// Bad flags fail with a message instead of writing a partial file.
#[test]
fn corpus_command_rejects_an_unwritable_path() {
    let output = Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args([
            "corpus",
            "--articles",
            "3",
            "--out",
            "/nonexistent-dir/x.jsonl",
        ])
        .output()
        .expect("run saywho corpus");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent-dir/x.jsonl"));
}

/// `saywho bench` loads a small corpus through ImportArticles into an in-process server on
/// 127.0.0.1:0, then measures every method and the health floor for a fraction of a second each.
/// It proves the load generator works end to end; it asserts no timing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_command_measures_every_method_against_a_live_server() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("c.jsonl");
    let json = dir.path().join("r.json");
    let mut file = std::fs::File::create(&corpus).expect("create corpus");
    write_jsonl(
        CorpusConfig {
            articles: 60,
            seed: 3,
        },
        &mut file,
        None,
    )
    .expect("write corpus");

    let server = TestServer::start(saywho::index::Index::new()).await;
    let addr = server.addr;

    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_saywho"));
    cmd.args(["bench", "--server", &format!("http://{addr}")])
        .args([
            "--duration",
            "0.3",
            "--warmup",
            "0.1",
            "--concurrency",
            "4",
            "--connections",
            "2",
        ])
        .arg("--load")
        .arg(&corpus)
        .arg("--corpus")
        .arg(&corpus)
        .arg("--json")
        .arg(&json);
    let out = tokio::time::timeout(std::time::Duration::from_secs(120), cmd.output())
        .await
        .expect("bench finishes")
        .expect("run saywho bench");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("load: 60 articles (60 created"), "{stdout}");

    let rows: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("json report")).expect("valid json");
    let rows = rows.as_array().expect("rows");
    let methods: Vec<&str> = rows.iter().filter_map(|r| r["method"].as_str()).collect();
    assert_eq!(
        methods,
        [
            "health",
            "attribute-quote",
            "attribute-quote-full",
            "list-quotes",
            "list-quotes-full",
            "search-quotes",
            "search-quotes-full",
            "get-speaker",
            "list-articles",
            "create-article",
            "health"
        ]
    );
    for r in rows {
        assert!(
            r["calls"].as_u64().unwrap_or(0) > 0,
            "no successful calls: {r}"
        );
        assert_eq!(r["errors"].as_u64(), Some(0), "{r}");
        let (p50, p999) = (
            r["p50_ms"].as_f64().unwrap_or(-1.0),
            r["p999_ms"].as_f64().unwrap_or(-1.0),
        );
        assert!(p50 > 0.0 && p50 <= p999, "{r}");
    }
    assert_eq!(rows[0]["vs_health"].as_f64(), Some(1.0));
    let bytes = |k: usize| rows[k]["response_bytes"].as_f64().unwrap_or(0.0);
    for (basic, full) in [(1, 2), (3, 4), (5, 6)] {
        assert!(
            bytes(full) > bytes(basic),
            "the full view carries the occurrences: {} vs {}",
            rows[full],
            rows[basic]
        );
    }

    server.stop().await;
}

/// `saywho bench --json FILE | head -1`: the reader of standard output is gone before the
/// report, and the command still writes its file and ends quietly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_writes_its_json_report_when_standard_output_is_closed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = dir.path().join("r.json");
    let server = TestServer::start(saywho::index::Index::new()).await;
    let url = format!("http://{}", server.addr);
    let json_arg = json.to_string_lossy();
    let args = [
        "bench",
        "--server",
        &url,
        "--duration",
        "0.2",
        "--warmup",
        "0",
        "--method",
        "health",
        "--json",
        &json_arg,
    ];
    let out = saywho_with_stdout_closed(&args, std::time::Duration::from_secs(120)).await;
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !err.contains("panicked"), "{err}");
    let rows: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("json report")).expect("valid json");
    assert_eq!(rows[0]["method"].as_str(), Some("health"), "{rows}");
    server.stop().await;
}

/// The load generator refuses any server that is not on the loopback interface.
#[test]
fn bench_command_refuses_non_loopback_servers() {
    let output = Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args([
            "bench",
            "--server",
            "http://192.0.2.1:50051",
            "--duration",
            "0.1",
        ])
        .output()
        .expect("run saywho bench");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("loopback"));
}
