//! Start-up: publish every stored article into the index, in ingest order, extracting on every
//! core (extraction is the cost; publishing is cheap and stays in order).

use super::writes::Writes;
use crate::index::PreparedArticle;
use crate::model::{Article, Extraction};
use crate::store::{ScanError, StoreError};

/// Articles extracted together before they are published in order.
const CHUNK: usize = 512;

/// What a start-up rebuild found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rebuilt {
    /// Articles read back and published.
    pub restored: usize,
    /// Articles read back but refused by the index (logged).
    pub skipped: usize,
}

impl Writes {
    /// Publishes every stored article, in ingest order (blocking: call before serving).
    pub fn rebuild(&self) -> Result<Rebuilt, StoreError> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut rebuilt = Rebuilt::default();
        let mut chunk = Vec::with_capacity(CHUNK);
        let result = self.store.scan(|article| {
            chunk.push(article);
            if chunk.len() == CHUNK {
                self.publish_chunk(std::mem::take(&mut chunk), threads, &mut rebuilt);
            }
            Ok::<(), std::convert::Infallible>(())
        });
        match result {
            Ok(()) => {}
            Err(ScanError::Store(err)) => return Err(err),
            Err(ScanError::Visit(never)) => match never {},
        }
        self.publish_chunk(chunk, threads, &mut rebuilt);
        Ok(rebuilt)
    }

    fn publish_chunk(&self, articles: Vec<Article>, threads: usize, rebuilt: &mut Rebuilt) {
        let extractions = extract_all(&articles, threads);
        for (article, extraction) in articles.into_iter().zip(extractions) {
            let id = article.id.clone();
            match self.index.publish_prepared(PreparedArticle {
                article,
                extraction,
            }) {
                Ok(_) => rebuilt.restored += 1,
                Err(err) => {
                    tracing::warn!(article = %id, error = %err, "stored article not restored");
                    rebuilt.skipped += 1;
                }
            }
        }
    }
}

/// Extracts every article, splitting the work over `threads` threads; results keep input order.
fn extract_all(articles: &[Article], threads: usize) -> Vec<Extraction> {
    let one = |part: &[Article]| -> Vec<Extraction> {
        part.iter()
            .map(|a| crate::extract::extract(&a.text))
            .collect()
    };
    if threads <= 1 || articles.len() < 2 {
        return one(articles);
    }
    let per = articles.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = articles
            .chunks(per)
            .map(|part| scope.spawn(move || one(part)))
            .collect();
        parts
            .into_iter()
            .flat_map(|handle| match handle.join() {
                Ok(extractions) => extractions,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}
