//! What is stored, without the article bodies: sequence numbers and ids, and articles fetched by
//! sequence number. This is what a start-up from a snapshot compares against.

use super::{ARTICLES, IDS, META, NEXT_SEQ, ScanError, Store, StoreError, codec};
use crate::model::Article;
use redb::{ReadableDatabase, ReadableTable};

/// One past the highest sequence number ever given out: after the last stored article, and
/// after any deleted one (recorded under [`NEXT_SEQ`]).
pub(super) fn next_seq(txn: &redb::WriteTransaction) -> Result<u64, redb::Error> {
    Ok(next_in(&txn.open_table(ARTICLES)?, &txn.open_table(META)?)?)
}

/// [`next_seq`] over open tables, of a write or of a read transaction.
fn next_in(
    articles: &impl ReadableTable<u64, &'static [u8]>,
    meta: &impl ReadableTable<&'static str, u64>,
) -> Result<u64, redb::StorageError> {
    let last = articles.last()?.map(|(k, _)| k.value());
    let marked = meta.get(NEXT_SEQ)?.map(|g| g.value());
    Ok(after(last, marked))
}

fn after(last: Option<u64>, marked: Option<u64>) -> u64 {
    last.map_or(0, |k| k + 1).max(marked.unwrap_or(0))
}

impl Store {
    /// One past the highest sequence number given out so far, as committed now: every article
    /// stored later gets this number or a higher one. 0 in memory.
    pub fn next_seq(&self) -> Result<u64, StoreError> {
        let Some(inner) = &self.inner else {
            return Ok(0);
        };
        let txn = inner.db.begin_read().map_err(StoreError::read)?;
        let articles = txn.open_table(ARTICLES).map_err(StoreError::read)?;
        let meta = txn.open_table(META).map_err(StoreError::read)?;
        next_in(&articles, &meta).map_err(StoreError::read)
    }

    /// Every stored article id with its sequence number, in id order.
    pub fn ids(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let Some(inner) = &self.inner else {
            return Ok(Vec::new());
        };
        let txn = inner.db.begin_read().map_err(StoreError::read)?;
        let ids = txn.open_table(IDS).map_err(StoreError::read)?;
        let mut out = Vec::new();
        for entry in ids.iter().map_err(StoreError::read)? {
            let (id, seq) = entry.map_err(StoreError::read)?;
            out.push((id.value().to_owned(), seq.value()));
        }
        Ok(out)
    }

    /// Calls `f` with the articles stored under `seqs`, in the order given, from one consistent
    /// view; numbers no longer stored are skipped. Stops at the first error.
    pub fn scan_seqs<E>(
        &self,
        seqs: &[u64],
        mut f: impl FnMut(Article) -> Result<(), E>,
    ) -> Result<(), ScanError<E>> {
        let Some(inner) = &self.inner else {
            return Ok(());
        };
        fn read<E>(err: impl Into<redb::Error>) -> ScanError<E> {
            ScanError::Store(StoreError::read(err))
        }
        let txn = inner.db.begin_read().map_err(read)?;
        let articles = txn.open_table(ARTICLES).map_err(read)?;
        for &seq in seqs {
            let Some(bytes) = articles.get(seq).map_err(read)? else {
                continue;
            };
            let article = codec::decode(bytes.value())
                .map_err(|reason| ScanError::Store(StoreError::Corrupt { key: seq, reason }))?;
            f(article).map_err(ScanError::Visit)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::after;

    #[test]
    fn a_deleted_newest_number_is_not_given_again() {
        assert_eq!(after(None, None), 0);
        assert_eq!(after(Some(4), None), 5);
        assert_eq!(after(Some(4), Some(9)), 9);
        assert_eq!(after(Some(9), Some(3)), 10);
    }
}
