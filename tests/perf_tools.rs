//! The performance tools run end to end on a small size: the corpus generator through the
//! binary, and the load generator against an in-process server. No timing is asserted.

use std::process::Command;

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
