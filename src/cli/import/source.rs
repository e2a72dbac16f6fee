//! Reading articles for `saywho import`: a JSON Lines file (the `saywho extract` line format), a
//! folder of `.txt` files, or standard input (`-`). Runs on its own thread and hands articles
//! over a bounded channel, so memory stays flat however large the input.

use indicatif::ProgressBar;
use saywho::corpus::parse_time;
use saywho::pb;
use serde::Deserialize;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use tokio::sync::mpsc;

/// One unit of input: an article ready to send, or a line that could not be read.
#[derive(Debug)]
pub(super) enum Item {
    /// An article, with where it came from ("line 3", "a.txt").
    Article {
        origin: String,
        request: Box<pb::ImportArticlesRequest>,
    },
    /// Input that is not an article, with why.
    Unreadable { origin: String, error: String },
}

/// One line of a JSON Lines import, as `saywho extract` reads it (unknown keys are ignored).
#[derive(Debug, Deserialize)]
struct Line {
    id: Option<String>,
    text: String,
    outlet: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
}

/// Where articles come from.
#[derive(Debug)]
pub(super) enum Source {
    /// A JSON Lines file (`None`: standard input).
    Jsonl(Option<PathBuf>),
    /// The `.txt` files directly inside a folder, by file name.
    Folder(Vec<PathBuf>),
}

impl Source {
    /// Picks the source for `path`: `-` is standard input, a directory its `.txt` files.
    pub(super) fn open(path: &Path) -> anyhow::Result<Source> {
        if path == Path::new("-") {
            return Ok(Source::Jsonl(None));
        }
        let meta = std::fs::metadata(path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        if !meta.is_dir() {
            return Ok(Source::Jsonl(Some(path.to_owned())));
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| anyhow::anyhow!("cannot list {}: {e}", path.display()))?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        if files.is_empty() {
            anyhow::bail!("{} holds no .txt files", path.display());
        }
        Ok(Source::Folder(files))
    }

    /// The progress bar's length: bytes for a file, files for a folder, unknown for stdin.
    pub(super) fn progress_len(&self) -> Option<u64> {
        match self {
            Source::Jsonl(Some(path)) => std::fs::metadata(path).ok().map(|m| m.len()),
            Source::Jsonl(None) => None,
            Source::Folder(files) => Some(files.len() as u64),
        }
    }

    /// Reads everything on the current (blocking) thread into `tx`, advancing `progress`.
    /// Stops early when the receiver is gone.
    pub(super) fn read(self, outlet: Option<&str>, tx: mpsc::Sender<Item>, progress: ProgressBar) {
        match self {
            Source::Jsonl(path) => {
                let reader: Box<dyn BufRead> = match &path {
                    Some(p) => match std::fs::File::open(p) {
                        Ok(f) => Box::new(std::io::BufReader::new(f)),
                        Err(e) => {
                            let error = format!("cannot open: {e}");
                            let _ = tx.blocking_send(Item::Unreadable {
                                origin: p.display().to_string(),
                                error,
                            });
                            return;
                        }
                    },
                    None => Box::new(std::io::stdin().lock()),
                };
                read_jsonl(reader, outlet, &tx, &progress);
            }
            Source::Folder(files) => {
                for path in files {
                    let origin = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    let item = match std::fs::read_to_string(&path) {
                        Ok(text) => Item::Article {
                            request: Box::new(txt_article(&path, text, outlet)),
                            origin,
                        },
                        Err(e) => Item::Unreadable {
                            origin,
                            error: format!("cannot read: {e}"),
                        },
                    };
                    progress.inc(1);
                    if tx.blocking_send(item).is_err() {
                        return;
                    }
                }
            }
        }
    }
}

fn read_jsonl(
    mut reader: Box<dyn BufRead>,
    outlet: Option<&str>,
    tx: &mpsc::Sender<Item>,
    progress: &ProgressBar,
) {
    let mut buf = Vec::new();
    let mut number = 0usize;
    loop {
        buf.clear();
        let item = match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return,
            Ok(n) => {
                number += 1;
                progress.inc(n as u64);
                let line = buf.trim_ascii();
                if line.is_empty() {
                    continue;
                }
                jsonl_item(number, line, outlet)
            }
            Err(e) => Item::Unreadable {
                origin: format!("line {}", number + 1),
                error: format!("read error: {e}"),
            },
        };
        let stop =
            matches!(&item, Item::Unreadable { error, .. } if error.starts_with("read error"));
        if tx.blocking_send(item).is_err() || stop {
            return;
        }
    }
}

/// Parses one non-empty JSON line into an article (`outlet` fills in a missing outlet).
pub(super) fn jsonl_item(number: usize, line: &[u8], outlet: Option<&str>) -> Item {
    let origin = format!("line {number}");
    let parsed: Line = match serde_json::from_slice(line) {
        Ok(parsed) => parsed,
        Err(e) => {
            return Item::Unreadable {
                origin,
                error: format!("not an article line: {e}"),
            };
        }
    };
    let publish_time = match parsed
        .published
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => None,
        Some(p) => match parse_time(p) {
            Some(t) => Some(t),
            None => {
                let error =
                    format!("\"published\" {p:?} is not an RFC 3339 time or a YYYY-MM-DD date");
                return Item::Unreadable { origin, error };
            }
        },
    };
    let article = pb::Article {
        text: parsed.text,
        outlet: parsed
            .outlet
            .or_else(|| outlet.map(str::to_owned))
            .unwrap_or_default(),
        url: parsed.url.unwrap_or_default(),
        title: parsed.title.unwrap_or_default(),
        publish_time,
        ..Default::default()
    };
    let request = pb::ImportArticlesRequest {
        article: Some(article),
        article_id: parsed.id.unwrap_or_default(),
        request_id: String::new(),
    };
    Item::Article {
        origin,
        request: Box::new(request),
    }
}

/// The article for one `.txt` file: its id is the file stem, made safe for an article id
/// (characters outside `[A-Za-z0-9._-]` become `-`).
fn txt_article(path: &Path, text: String, outlet: Option<&str>) -> pb::ImportArticlesRequest {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    pb::ImportArticlesRequest {
        article: Some(pb::Article {
            text,
            outlet: outlet.unwrap_or_default().to_owned(),
            ..Default::default()
        }),
        article_id: id,
        request_id: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(item: Item) -> pb::ImportArticlesRequest {
        match item {
            Item::Article { request, .. } => *request,
            Item::Unreadable { origin, error } => panic!("{origin}: {error}"),
        }
    }

    #[test]
    fn jsonl_line_maps_every_field() {
        let line = br#"{"id":"a1","text":"Hi.","outlet":"Gazette","url":"u","published":"2025-02-18T09:30:00Z","extra":1}"#;
        let req = article(jsonl_item(1, line, Some("Fallback")));
        assert_eq!(req.article_id, "a1");
        let a = req.article.unwrap_or_default();
        assert_eq!(
            (a.text.as_str(), a.outlet.as_str(), a.url.as_str()),
            ("Hi.", "Gazette", "u")
        );
        assert_eq!(a.publish_time.map(|t| t.seconds), Some(1_739_871_000));
    }

    #[test]
    fn date_only_and_fallback_outlet() {
        let req = article(jsonl_item(
            1,
            br#"{"text":"x","published":"2025-02-18"}"#,
            Some("Wire"),
        ));
        let a = req.article.unwrap_or_default();
        assert_eq!(a.outlet, "Wire");
        assert_eq!(a.publish_time.map(|t| t.seconds), Some(1_739_836_800));
    }

    #[test]
    fn bad_lines_name_the_line_and_the_problem() {
        for (line, want) in [
            (&br#"{"id":"x"}"#[..], "missing field `text`"),
            (br#"not json"#, "not an article line"),
            (br#"{"text":"x","published":"yesterday"}"#, "\"published\""),
        ] {
            match jsonl_item(7, line, None) {
                Item::Unreadable { origin, error } => {
                    assert_eq!(origin, "line 7");
                    assert!(error.contains(want), "{error}");
                }
                Item::Article { .. } => panic!("{line:?} was accepted"),
            }
        }
    }

    #[test]
    fn txt_ids_are_safe() {
        let req = txt_article(Path::new("/x/Ria news #1.txt"), "t".into(), None);
        assert_eq!(req.article_id, "Ria-news--1");
    }
}
