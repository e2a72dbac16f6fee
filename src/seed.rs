//! Loading the sample articles in `seeds/` so that a fresh server answers at once.
//!
//! Each `seeds/*.txt` is one article; its file stem is the article id. `seeds/manifest.json`
//! (optional) gives outlet and publish date per id, derived only from what the texts state.

use crate::index::{Index, NewArticle};
use crate::model::ArticleMeta;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Environment variable naming the seed folder.
pub const SEEDS_ENV: &str = "SAYWHO_SEEDS";

/// Errors while loading seeds.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// A file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The manifest is not valid JSON of the expected shape.
    #[error("parsing {path}: {source}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// Why.
        source: serde_json::Error,
    },
    /// An article was refused by the index.
    #[error("ingesting seed {id}: {source}")]
    Ingest {
        /// The seed id.
        id: String,
        /// Why.
        source: crate::index::Error,
    },
}

#[derive(Debug, Default, Deserialize)]
struct Manifest {
    #[serde(default)]
    articles: BTreeMap<String, Entry>,
}

#[derive(Debug, Default, Deserialize)]
struct Entry {
    #[serde(default)]
    outlet: String,
    /// `YYYY-MM-DD`, read as midnight UTC.
    #[serde(default)]
    publish_date: Option<String>,
}

/// The seed folder: `explicit` if given, else `$SAYWHO_SEEDS`, else `seeds/` in the crate root.
pub fn seeds_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    match std::env::var_os(SEEDS_ENV) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"),
    }
}

/// Reads every `*.txt` in `dir` (sorted by name) as an article submission.
pub fn load(dir: &Path) -> Result<Vec<NewArticle>, SeedError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SeedError::Io { path, source }
    };
    let manifest_path = dir.join("manifest.json");
    let manifest: Manifest = match std::fs::read_to_string(&manifest_path) {
        Ok(json) => serde_json::from_str(&json).map_err(|source| SeedError::Manifest {
            path: manifest_path.clone(),
            source,
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Manifest::default(),
        Err(e) => return Err(io(&manifest_path)(e)),
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let entry = manifest.articles.get(&id);
        out.push(NewArticle {
            id: Some(id),
            request_id: None,
            text,
            meta: ArticleMeta {
                outlet: entry.map(|e| e.outlet.clone()).unwrap_or_default(),
                url: String::new(),
                title: String::new(),
                published_ms: entry
                    .and_then(|e| e.publish_date.as_deref())
                    .and_then(date_ms),
            },
        });
    }
    Ok(out)
}

/// Loads `dir` into `index`; returns how many articles were ingested (or already there).
pub fn ingest(index: &Index, dir: &Path) -> Result<usize, SeedError> {
    let articles = load(dir)?;
    let n = articles.len();
    for article in articles {
        let id = article.id.clone().unwrap_or_default();
        index
            .create_article(article)
            .map_err(|source| SeedError::Ingest { id, source })?;
    }
    Ok(n)
}

/// `YYYY-MM-DD` to milliseconds since the epoch at midnight UTC.
fn date_ms(date: &str) -> Option<i64> {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_convert_to_midnight_utc() {
        assert_eq!(date_ms("1970-01-01"), Some(0));
        assert_eq!(date_ms("2025-02-18"), Some(1_739_836_800_000));
        assert_eq!(date_ms("2025-13-01"), None);
        assert_eq!(date_ms("soon"), None);
    }

    #[test]
    fn the_seed_folder_loads_with_manifest_metadata() {
        let articles = load(&seeds_dir(None)).expect("seeds load");
        assert_eq!(articles.len(), 5);
        assert!(articles.iter().all(|a| !a.text.trim().is_empty()));
        assert_eq!(articles[0].meta.outlet, "NewsNation");
        assert_eq!(articles[4].meta.published_ms, date_ms("2025-02-18"));
    }
}
