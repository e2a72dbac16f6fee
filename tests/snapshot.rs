//! Restarts of the real binary through the index snapshot: a graceful stop writes it, the next
//! start loads it instead of replaying the store, a start after a crash loads it and catches up
//! with what changed in the store since, and a damaged one means a full replay.

use super::durability::Server;
use saywho::pb;
use saywho::pb::article_service_client::ArticleServiceClient;
use saywho::pb::quote_service_client::QuoteServiceClient;
use saywho::pb::speaker_service_client::SpeakerServiceClient;
use std::path::Path;
use std::process::Command;
use tonic::transport::Channel;

/// An article with quotes by two speakers, one shared across articles; `n` makes it unique.
fn text(n: usize) -> String {
    format!(
        "Talks resumed on day {n}. “We will reopen crossing number {n} before the harvest,” \
         Minister Ana Ruiz said on Monday. “The ceasefire is holding and must hold,” said \
         General Tomas Berg, adding that {n} observers were deployed."
    )
}

async fn create(channel: &Channel, n: usize) {
    ArticleServiceClient::new(channel.clone())
        .create_article(pb::CreateArticleRequest {
            article: Some(pb::Article {
                text: text(n),
                outlet: format!("Outlet {}", n % 3),
                ..Default::default()
            }),
            article_id: format!("snap-{n}"),
            request_id: String::new(),
        })
        .await
        .expect("create");
}

async fn delete(channel: &Channel, n: usize) {
    ArticleServiceClient::new(channel.clone())
        .delete_article(pb::DeleteArticleRequest {
            name: format!("articles/snap-{n}"),
            allow_missing: false,
        })
        .await
        .expect("delete");
}

/// Everything a reader sees of quotes and speakers, page by page.
async fn state(channel: &Channel) -> (Vec<pb::Quote>, Vec<pb::Speaker>) {
    let mut quotes = QuoteServiceClient::new(channel.clone());
    let listed = quotes
        .list_quotes(pb::ListQuotesRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("list quotes")
        .into_inner();
    let mut speakers = SpeakerServiceClient::new(channel.clone());
    let people = speakers
        .list_speakers(pb::ListSpeakersRequest {
            page_size: 1000,
            ..Default::default()
        })
        .await
        .expect("list speakers")
        .into_inner();
    assert!(listed.next_page_token.is_empty() && people.next_page_token.is_empty());
    (listed.quotes, people.speakers)
}

/// SIGTERM, then wait: the graceful stop, which writes the snapshot.
fn terminate(server: &mut Server) {
    // the shell's own kill: no procps needed
    let command = format!("kill -TERM {}", server.pid());
    let status = Command::new("sh").args(["-c", &command]).status();
    assert!(status.expect("kill").success());
    server.wait();
}

/// A server's whole log, for a failed assertion to show.
fn log_of(scratch: &Path, log: &str) -> String {
    std::fs::read_to_string(scratch.join(format!("{log}.log"))).unwrap_or_default()
}

/// The first line of a server's JSON log whose message starts with `message`.
fn logged(scratch: &Path, log: &str, message: &str) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(scratch.join(format!("{log}.log"))).expect("log");
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| {
            v["fields"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with(message))
        })
}

/// The start-up rebuild's counters, from the JSON log: (from snapshot, restored, dropped).
fn rebuilt(scratch: &Path, log: &str) -> (u64, u64, u64) {
    let line = logged(scratch, log, "index rebuilt").expect("rebuild logged");
    let field = |name: &str| line["fields"][name].as_u64().expect(name);
    (field("from_snapshot"), field("restored"), field("dropped"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restarts_load_the_snapshot_and_catch_up_with_the_store() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let data = scratch.path().join("data");
    let args = [
        "--data-dir",
        data.to_str().expect("utf-8 path"),
        "--no-seeds",
        "--log-format",
        "json",
    ];
    let snapshot = data.join("index.snapshot");

    let mut first = Server::start(&args, scratch.path(), "first").await;
    for n in 0..12 {
        create(&first.channel, n).await;
    }
    let twelve = state(&first.channel).await;
    assert!(!twelve.0.is_empty() && !twelve.1.is_empty());
    terminate(&mut first);
    assert!(snapshot.exists(), "a graceful stop writes the snapshot");
    let written = std::fs::read(&snapshot).expect("read");

    // loaded, not replayed, and the same to every reader
    let mut second = Server::start(&args, scratch.path(), "second").await;
    assert_eq!(rebuilt(scratch.path(), "second"), (12, 0, 0));
    assert_eq!(state(&second.channel).await, twelve);
    delete(&second.channel, 3).await;
    for n in 12..16 {
        create(&second.channel, n).await;
    }
    let later = state(&second.channel).await;
    assert_ne!(later, twelve);
    second.kill();
    let kept = std::fs::read(&snapshot).expect("the snapshot stays");
    assert!(kept == written, "SIGKILL writes no snapshot");

    // after the crash, the same snapshot with the store's changes since applied on top
    let mut third = Server::start(&args, scratch.path(), "third").await;
    assert_eq!(rebuilt(scratch.path(), "third"), (11, 4, 1));
    assert_eq!(state(&third.channel).await, later);
    terminate(&mut third);
    assert!(
        logged(scratch.path(), "third", "index snapshot written").is_some(),
        "{}",
        log_of(scratch.path(), "third")
    );
    let caught_up = std::fs::read(&snapshot).expect("read");

    // a start that changes nothing leaves the snapshot as it is at the stop
    let mut idle = Server::start(&args, scratch.path(), "idle").await;
    assert_eq!(rebuilt(scratch.path(), "idle"), (15, 0, 0));
    assert_eq!(state(&idle.channel).await, later);
    terminate(&mut idle);
    assert!(
        logged(scratch.path(), "idle", "index snapshot written").is_none(),
        "{}",
        log_of(scratch.path(), "idle")
    );
    assert!(
        logged(scratch.path(), "idle", "index snapshot kept").is_some(),
        "{}",
        log_of(scratch.path(), "idle")
    );
    assert!(std::fs::read(&snapshot).expect("read") == caught_up);

    // a deletion is a change: the stop writes the snapshot again, and the next start loads it
    let mut deleting = Server::start(&args, scratch.path(), "deleting").await;
    delete(&deleting.channel, 15).await;
    let fewer = state(&deleting.channel).await;
    terminate(&mut deleting);
    assert!(
        logged(scratch.path(), "deleting", "index snapshot written").is_some(),
        "{}",
        log_of(scratch.path(), "deleting")
    );
    let mut reloaded = Server::start(&args, scratch.path(), "reloaded").await;
    assert_eq!(rebuilt(scratch.path(), "reloaded"), (14, 0, 0));
    assert_eq!(state(&reloaded.channel).await, fewer);
    // and a creation too
    create(&reloaded.channel, 15).await;
    terminate(&mut reloaded);
    assert!(
        logged(scratch.path(), "reloaded", "index snapshot written").is_some(),
        "{}",
        log_of(scratch.path(), "reloaded")
    );

    // a damaged snapshot is refused and the store replayed in full
    let mut bytes = std::fs::read(&snapshot).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&snapshot, bytes).expect("damage");
    let fourth = Server::start(&args, scratch.path(), "fourth").await;
    assert_eq!(rebuilt(scratch.path(), "fourth"), (0, 15, 0));
    assert_eq!(state(&fourth.channel).await, later);
}
