//! `saywho import PATH --server URL`: streams articles from a JSON Lines file, a folder of `.txt`
//! files or standard input through ArticleService.ImportArticles, with a progress bar, then
//! prints a summary with every failure and where it came from. Exits non-zero if any failed.

mod source;

use super::remote::{ServerArg, code_label, status_error};
use futures::StreamExt as _;
use indicatif::{ProgressBar, ProgressStyle};
use saywho::pb;
use saywho::pb::article_service_client::ArticleServiceClient;
use source::{Item, Source};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};

/// Flags of `saywho import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// A JSON Lines file of `{"id", "text", "outlet"?, "url"?, "title"?, "published"?}` (the
    /// `saywho extract` format; `published` is RFC 3339 or YYYY-MM-DD), a folder of `.txt`
    /// articles (id = file name without `.txt`), or `-` for JSON Lines on standard input.
    path: PathBuf,
    #[command(flatten)]
    server: ServerArg,
    /// Outlet for articles that do not name one (every `.txt` article).
    #[arg(long)]
    outlet: Option<String>,
    /// Articles per ImportArticles stream; each stream is answered with its results.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    batch_size: u32,
}

/// What happened to the whole import.
#[derive(Debug, Default)]
struct Tally {
    created: u64,
    already_existed: u64,
    /// (where it came from, why) for every article that was refused or unreadable.
    failures: Vec<(String, String)>,
}

impl Tally {
    fn total(&self) -> u64 {
        self.created + self.already_existed + self.failures.len() as u64
    }
}

/// Runs `saywho import`.
pub(crate) async fn run(args: ImportArgs) -> anyhow::Result<()> {
    let source = Source::open(&args.path)?;
    let channel = args.server.connect().await?;
    // One result per article comes back at the end of each stream; allow big batches.
    let mut client = ArticleServiceClient::new(channel).max_decoding_message_size(256 << 20);

    let progress = match source.progress_len() {
        Some(len) => ProgressBar::new(len),
        None => ProgressBar::new_spinner(),
    };
    let template = match &source {
        Source::Jsonl(Some(_)) => {
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}"
        }
        Source::Folder(_) => "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files {msg}",
        Source::Jsonl(None) => "{spinner} [{elapsed_precise}] {msg}",
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        progress.set_style(style);
    }

    let (tx, rx) = mpsc::channel::<Item>(256);
    let outlet = args.outlet.clone();
    let reader_progress = progress.clone();
    let reader = std::thread::spawn(move || source.read(outlet.as_deref(), tx, reader_progress));
    let rx = Arc::new(Mutex::new(rx));

    let mut tally = Tally::default();
    let batch_size = args.batch_size as usize;
    loop {
        let origins = Arc::new(parking_lot::Mutex::new(Vec::<String>::new()));
        let unreadable = Arc::new(parking_lot::Mutex::new(Vec::<(String, String)>::new()));
        let Some(first) = next_article(&rx, &origins, &unreadable).await else {
            tally.failures.append(&mut unreadable.lock());
            break;
        };
        let more = futures::stream::unfold(1usize, {
            let (rx, origins, unreadable) = (rx.clone(), origins.clone(), unreadable.clone());
            move |sent| {
                let (rx, origins, unreadable) = (rx.clone(), origins.clone(), unreadable.clone());
                async move {
                    if sent >= batch_size {
                        return None;
                    }
                    let next = next_article(&rx, &origins, &unreadable).await?;
                    Some((next, sent + 1))
                }
            }
        });
        let stream = futures::stream::once(async { first }).chain(more);
        let response = match client.import_articles(stream).await {
            Ok(response) => response.into_inner(),
            Err(status) => {
                // The batch in flight is in doubt (re-running the import is safe: ids make it
                // idempotent); report what the earlier batches did before failing.
                progress.abandon();
                tally.failures.append(&mut unreadable.lock());
                // the server's error is the one to report, whatever became of standard output
                let _ = out!("{}", summary(&args.path.display().to_string(), &tally));
                let sent = origins.lock().len();
                let _ = outln!("Stopped: the last batch of {sent} article(s) got no answer.");
                return Err(status_error("ImportArticles", &status));
            }
        };
        tally.failures.append(&mut unreadable.lock());
        count(&mut tally, &response, &origins.lock());
        progress.set_message(format!(
            "{} sent: {} created, {} already there, {} failed",
            tally.total(),
            tally.created,
            tally.already_existed,
            tally.failures.len()
        ));
    }
    progress.finish();
    if reader.join().is_err() {
        anyhow::bail!("the input reader stopped unexpectedly");
    }
    out!("{}", summary(&args.path.display().to_string(), &tally))?;
    match tally.failures.len() {
        0 => Ok(()),
        n => anyhow::bail!("{n} of {} articles failed", tally.total()),
    }
}

/// The next article from the reader, noting its origin; unreadable input is set aside.
async fn next_article(
    rx: &Mutex<mpsc::Receiver<Item>>,
    origins: &parking_lot::Mutex<Vec<String>>,
    unreadable: &parking_lot::Mutex<Vec<(String, String)>>,
) -> Option<pb::ImportArticlesRequest> {
    let mut rx = rx.lock().await;
    loop {
        match rx.recv().await? {
            Item::Article { origin, request } => {
                origins.lock().push(origin);
                return Some(*request);
            }
            Item::Unreadable { origin, error } => unreadable.lock().push((origin, error)),
        }
    }
}

/// Adds one stream's results to the tally; `origins[i]` is where the i-th article came from.
fn count(tally: &mut Tally, response: &pb::ImportArticlesResponse, origins: &[String]) {
    for result in &response.results {
        let origin = usize::try_from(result.index)
            .ok()
            .and_then(|i| origins.get(i))
            .cloned()
            .unwrap_or_else(|| format!("article #{}", result.index));
        match result.outcome() {
            pb::ImportOutcome::Created => tally.created += 1,
            pb::ImportOutcome::AlreadyExisted => tally.already_existed += 1,
            pb::ImportOutcome::Failed | pb::ImportOutcome::Unspecified => {
                let code = code_label(tonic::Code::from_i32(result.error_code));
                tally
                    .failures
                    .push((origin, format!("{code}: {}", result.error_message)));
            }
        }
    }
}

/// Maximum failures listed one by one in the summary.
const MAX_LISTED: usize = 50;

/// The closing report: counts, then each failure with its origin.
fn summary(path: &str, tally: &Tally) -> String {
    let mut out = format!(
        "Imported {} article{} from {path}: {} created, {} already existed, {} failed.\n",
        tally.total(),
        if tally.total() == 1 { "" } else { "s" },
        tally.created,
        tally.already_existed,
        tally.failures.len()
    );
    if !tally.failures.is_empty() {
        out.push_str("Failures:\n");
        for (origin, why) in tally.failures.iter().take(MAX_LISTED) {
            out.push_str(&format!("  {origin}: {why}\n"));
        }
        if tally.failures.len() > MAX_LISTED {
            out.push_str(&format!(
                "  … and {} more\n",
                tally.failures.len() - MAX_LISTED
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(
        index: i32,
        outcome: pb::ImportOutcome,
        code: i32,
        msg: &str,
    ) -> pb::ImportArticleResult {
        pb::ImportArticleResult {
            index,
            name: String::new(),
            outcome: outcome.into(),
            error_code: code,
            error_message: msg.into(),
        }
    }

    #[test]
    fn results_are_tallied_with_their_origin() {
        let response = pb::ImportArticlesResponse {
            results: vec![
                result(0, pb::ImportOutcome::Created, 0, ""),
                result(1, pb::ImportOutcome::Failed, 3, "article.text is empty"),
                result(2, pb::ImportOutcome::AlreadyExisted, 0, ""),
            ],
            ..Default::default()
        };
        let mut tally = Tally::default();
        let origins = [
            "line 1".to_owned(),
            "line 2".to_owned(),
            "line 4".to_owned(),
        ];
        count(&mut tally, &response, &origins);
        assert_eq!(
            (tally.created, tally.already_existed, tally.total()),
            (1, 1, 3)
        );
        let text = summary("in.jsonl", &tally);
        assert!(
            text.contains(
                "Imported 3 articles from in.jsonl: 1 created, 1 already existed, 1 failed."
            ),
            "{text}"
        );
        assert!(
            text.contains("  line 2: INVALID_ARGUMENT: article.text is empty"),
            "{text}"
        );
    }
}
