//! Extraction accuracy against the shared gold: the seed targets and the textacy cases. The gold
//! files are read at test time from `../shared` (licensed for evaluation only; never copied).

use saywho::eval::{QuoteSet, evaluate, load_seeds, locate};
use saywho::extract::extract;
use serde_json::Value;
use std::path::Path;

fn shared(path: &str) -> std::path::PathBuf {
    locate(Path::new(path))
        .unwrap_or_else(|| panic!("{path} not found from {}", env!("CARGO_MANIFEST_DIR")))
}

#[test]
fn seed_targets() {
    let docs = load_seeds(
        &shared("seeds"),
        &shared("../shared/gold/seeds-quotes.jsonl"),
    )
    .expect("seed gold loads");
    assert_eq!(docs.len(), 5, "five seed articles");
    let r = evaluate(&docs, QuoteSet::All);
    assert!(
        r.quotes_80.f1() >= 0.97,
        "seed quote F1 at 80% coverage {:.3} < 0.97\n{r}",
        r.quotes_80.f1()
    );
    assert!(
        r.speaker_name.value() >= 0.95,
        "seed speaker-name accuracy {:.3} < 0.95\n{r}",
        r.speaker_name.value()
    );
}

#[test]
fn textacy_cases() {
    let path = shared("../shared/eval/textacy-cases.jsonl");
    let text = std::fs::read_to_string(&path).expect("textacy cases readable");
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("valid JSON");
        let (id, body) = (
            case["id"].as_str().unwrap_or("?"),
            case["text"].as_str().unwrap_or(""),
        );
        let ex = extract(body);
        let want = case["quotes"].as_array().cloned().unwrap_or_default();
        let got: Vec<(&str, &str)> = ex
            .quotes
            .iter()
            .map(|q| {
                (
                    q.span.slice(body),
                    q.speaker_mention.map_or("", |m| m.slice(body)),
                )
            })
            .collect();
        let want: Vec<(&str, &str)> = want
            .iter()
            .map(|q| {
                (
                    q["text"].as_str().unwrap_or(""),
                    q["speaker"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(got, want, "case {id}: text {body:?}");
        n += 1;
    }
    assert!(n >= 7, "expected the textacy cases, read {n}");
}

#[test]
fn polnear_dev_loads_with_byte_spans() {
    let path = shared("../shared/eval/polnear-dev.jsonl");
    let text = std::fs::read_to_string(&path).expect("PolNeAR dev readable");
    let docs = saywho::eval::load_uniform_gold(&text).expect("uniform gold parses");
    for d in &docs {
        for q in &d.quotes {
            assert!(
                d.text.get(q.span.start..q.span.end).is_some(),
                "{}: span {:?} off char boundary",
                d.id,
                q.span
            );
        }
    }
}

#[test]
fn extract_cli_skips_bad_lines_and_reports_them() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_saywho"))
        .arg("extract")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("saywho runs");
    let input = concat!(
        r#"{"id":"a","text":"“We agree,” Rubio said.","outlet":"X"}"#,
        "\n",
        "not json\n",
        r#"{"id":"b","text":"No quotes here."}"#,
        "\n"
    );
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("finishes");
    assert!(out.status.success(), "exit status {:?}", out.status);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "one line per good article: {stdout}");
    let q = &lines[0]["quotes"][0];
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(q["text"], "We agree,");
    assert_eq!(q["speaker"], "Rubio");
    assert_eq!(q["kind"], "full");
    assert_eq!(q["speaker_mention"]["text"], "Rubio");
    assert_eq!(q["cue"]["text"], "said");
    let (b, e) = (
        q["begin"].as_u64().unwrap_or(0) as usize,
        q["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(
        &"“We agree,” Rubio said."[b..e],
        "We agree,",
        "byte offsets"
    );
    assert_eq!(lines[1]["quotes"].as_array().map(Vec::len), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 2"),
        "bad line reported with its number: {stderr}"
    );
}
