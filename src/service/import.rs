//! `ImportArticles`: a client stream of articles, each created through [`Writes`], several at a
//! time so that the store's group commit batches one stream's writes. Results keep stream order,
//! and two articles of one stream with the same id are created in stream order too: the second
//! waits until everything before it has finished.

use super::articles::new_article;
use super::writes::Writes;
use crate::index::{Created, Result};
use crate::pb;
use futures::StreamExt as _;
use futures::stream::FuturesOrdered;
use std::collections::HashSet;
use tonic::{Status, Streaming};

/// Reads the stream to its end and returns one result per article, in stream order.
///
/// A stream silent for longer than the idle limit, or broken off by the client, ends the call
/// with an error; every article created before that stays created (and durable).
pub(super) async fn import(
    writes: &Writes,
    mut stream: Streaming<pb::ImportArticlesRequest>,
) -> Result<pb::ImportArticlesResponse, Status> {
    let limits = writes.limits();
    let (parallelism, idle) = (limits.import_parallelism.max(1), limits.stream_idle_timeout);
    let mut response = pb::ImportArticlesResponse::default();
    let mut in_flight = FuturesOrdered::new();
    let mut received = 0usize;
    // Ids of the articles started since `in_flight` was last drained.
    let mut started: HashSet<String> = HashSet::new();
    loop {
        if in_flight.len() >= parallelism {
            if let Some(done) = in_flight.next().await {
                record(&mut response, done);
            }
            continue;
        }
        tokio::select! {
            biased;
            Some(done) = in_flight.next(), if !in_flight.is_empty() => record(&mut response, done),
            next = tokio::time::timeout(idle, stream.message()) => match next {
                Err(_) => {
                    return Err(Status::deadline_exceeded(format!(
                        "no message for {idle:?} (--stream-idle-timeout); the {received} articles \
                         received before were processed"
                    )));
                }
                Ok(Err(status)) => return Err(status),
                Ok(Ok(None)) => break,
                Ok(Ok(Some(msg))) => {
                    received += 1;
                    let pb::ImportArticlesRequest { article, article_id, request_id } = msg;
                    let new = new_article(article, article_id, request_id);
                    if let Some(id) = new.as_ref().ok().and_then(|n| n.resolve_id().ok())
                        && !started.insert(id.clone())
                    {
                        while let Some(done) = in_flight.next().await {
                            record(&mut response, done);
                        }
                        started.clear();
                        started.insert(id);
                    }
                    let writes = writes.clone();
                    in_flight.push_back(async move {
                        let created = match new {
                            Ok(new) => writes.create(new).await,
                            Err(e) => Err(e),
                        };
                        crate::metrics::record_ingest(outcome(&created));
                        created
                    });
                }
            },
        }
    }
    while let Some(done) = in_flight.next().await {
        record(&mut response, done);
    }
    tracing::info!(
        created = response.created_count,
        failed = response.failed_count,
        "import finished"
    );
    Ok(response)
}

/// The metrics label of a create's result.
pub(super) fn outcome(created: &Result<Created>) -> crate::metrics::IngestOutcome {
    match created {
        Ok(c) if c.already_existed => crate::metrics::IngestOutcome::AlreadyExisted,
        Ok(_) => crate::metrics::IngestOutcome::Created,
        Err(_) => crate::metrics::IngestOutcome::Failed,
    }
}

/// Appends the result of the next article in stream order.
fn record(response: &mut pb::ImportArticlesResponse, outcome: Result<Created>) {
    let index = i32::try_from(response.results.len()).unwrap_or(i32::MAX);
    let result = match outcome {
        Ok(created) => {
            let outcome = if created.already_existed {
                response.already_existed_count += 1;
                pb::ImportOutcome::AlreadyExisted
            } else {
                response.created_count += 1;
                pb::ImportOutcome::Created
            };
            pb::ImportArticleResult {
                index,
                name: created.record.name(),
                outcome: outcome as i32,
                error_code: 0,
                error_message: String::new(),
            }
        }
        Err(err) => {
            response.failed_count += 1;
            let status = Status::from(err);
            pb::ImportArticleResult {
                index,
                name: String::new(),
                outcome: pb::ImportOutcome::Failed as i32,
                error_code: status.code() as i32,
                error_message: status.message().to_string(),
            }
        }
    };
    response.results.push(result);
}
