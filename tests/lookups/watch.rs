//! Watch streams: new quotes for one speaker arrive as they are ingested, and shutdown ends open
//! streams instead of waiting for the drain deadline.

use super::{P, corpus};
use crate::util::{TestServer, extraction, put};
use saywho::index::Index;
use saywho::pb;
use std::time::Duration;
use tokio_stream::StreamExt;

#[tokio::test]
async fn watch_streams_new_quotes_for_a_speaker() {
    let server = TestServer::start(corpus()).await;
    let mut stream = server
        .quotes()
        .watch_quotes(pb::WatchQuotesRequest {
            speaker: "speakers/marco-rubio".into(),
            ..Default::default()
        })
        .await
        .expect("watch")
        .into_inner();
    let index = server.index.clone();
    let writer = tokio::spawn(async move {
        let other = "\"Unrelated words here,\" Witkoff said.";
        put(
            &index,
            "w1",
            "Outlet W",
            other,
            extraction(
                other,
                &[("Steve Witkoff", P, &[])],
                &[("Unrelated words here", Some(0))],
                &[],
            ),
        );
        let text = "\"Peace will take work,\" Rubio said.";
        put(
            &index,
            "w2",
            "Outlet W",
            text,
            extraction(
                text,
                &[("Marco Rubio", P, &[])],
                &[("Peace will take work", Some(0))],
                &[],
            ),
        );
    });
    let first = tokio::time::timeout(Duration::from_secs(10), stream.next())
        .await
        .expect("an event within 10 s")
        .expect("stream open")
        .expect("event ok");
    writer.await.expect("writer");
    let occ = first.occurrence.expect("occurrence");
    assert_eq!(
        occ.article, "articles/w2",
        "Witkoff's quote is filtered out"
    );
    assert_eq!(first.quote.expect("quote").text, "Peace will take work");
    server.stop().await;
}

/// Shutdown ends open watch streams instead of waiting for the drain deadline.
#[tokio::test]
async fn shutdown_ends_open_watch_streams() {
    let server = TestServer::start(Index::new()).await;
    let mut stream = server
        .quotes()
        .watch_quotes(pb::WatchQuotesRequest::default())
        .await
        .expect("watch")
        .into_inner();
    let stopping = tokio::spawn(server.stop());
    let end = tokio::time::timeout(Duration::from_secs(30), stream.next())
        .await
        .expect("the stream ends instead of hanging");
    assert!(
        end.as_ref().is_none_or(|item| item.is_err()),
        "no event after shutdown: {end:?}"
    );
    stopping.await.expect("server stopped cleanly");
}
