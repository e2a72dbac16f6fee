//! One thread publishes the created articles, one after another, in the order they are handed
//! over.
//!
//! Publishing is serial (the index's writer lock). When each create published on a blocking
//! thread of its own, a busy import kept a hundred threads queued on that lock: every publish
//! began with waking the next thread, and on two cores that thread often waited for one. One
//! thread taking the queued articles in turn publishes them back to back, with its caches warm.

use crate::index::{Created, Error, Index, PreparedArticle, Result};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use tokio::sync::oneshot;

/// An article to publish, and where its result goes.
type Job = (Box<PreparedArticle>, oneshot::Sender<Result<Created>>);

/// The publishing thread's queue. The thread ends when the last clone is dropped.
#[derive(Clone, Debug)]
pub(super) struct PublishThread {
    queue: mpsc::Sender<Job>,
}

impl PublishThread {
    /// Starts the publishing thread for `index`.
    pub(super) fn start(index: Index) -> std::io::Result<Self> {
        let (queue, jobs) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("saywho-publish".into())
            .spawn(move || {
                for (prepared, reply) in jobs {
                    let published =
                        catch_unwind(AssertUnwindSafe(|| index.publish_prepared(*prepared)))
                            .unwrap_or_else(|_| Err(Error::Internal("publishing panicked".into())));
                    // a caller gone (its request cancelled) does not need the result
                    let _ = reply.send(published);
                }
            })?;
        Ok(PublishThread { queue })
    }

    /// Publishes `prepared` after the articles handed over before it; its result.
    pub(super) async fn publish(&self, prepared: Box<PreparedArticle>) -> Result<Created> {
        let (reply, result) = oneshot::channel();
        let gone = || Error::Internal("the publishing thread has stopped".into());
        self.queue.send((prepared, reply)).map_err(|_| gone())?;
        result.await.map_err(|_| gone())?
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{NewArticle, Prepared};

    fn prepared(index: &Index, id: &str, text: &str) -> Box<PreparedArticle> {
        let new = NewArticle {
            id: Some(id.into()),
            request_id: None,
            text: text.into(),
            meta: Default::default(),
        };
        match index.prepare(new) {
            Ok(Prepared::New(p)) => p,
            other => panic!("not a new article: {other:?}"),
        }
    }

    #[tokio::test]
    async fn articles_handed_over_together_are_all_published() {
        let index = Index::new();
        let publisher = PublishThread::start(index.clone()).expect("thread");
        let texts: Vec<String> = (0..20)
            .map(|i| format!("\"Bridge {i} will reopen on Monday,\" said Mayor Ann Lee {i}."))
            .collect();
        let calls = texts.iter().enumerate().map(|(i, t)| {
            let p = prepared(&index, &format!("a{i}"), t);
            let publisher = publisher.clone();
            async move { publisher.publish(p).await }
        });
        let results = futures::future::join_all(calls).await;
        for (i, r) in results.into_iter().enumerate() {
            let created = r.expect("published");
            assert_eq!(created.record.article.id, format!("a{i}"));
            assert!(!created.already_existed);
        }
        assert_eq!(index.article_ids().len(), 20);
    }

    #[tokio::test]
    async fn an_article_published_twice_is_reported_as_existing() {
        let index = Index::new();
        let publisher = PublishThread::start(index.clone()).expect("thread");
        let text = "\"We will not wait,\" said Ann Lee.";
        // both prepared before either is published, as two concurrent requests would be
        let (a, b) = (prepared(&index, "x", text), prepared(&index, "x", text));
        let first = publisher.publish(a).await;
        let again = publisher.publish(b).await;
        assert!(!first.expect("first").already_existed);
        assert!(again.expect("again").already_existed);
    }
}
