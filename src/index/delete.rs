//! Deleting an article: undo exactly what its ingest published.

use super::Index;
use super::error::Result;
use super::ingest::Deleted;
use std::collections::BTreeSet;
use std::sync::Arc;

impl Index {
    /// Deletes an article and everything it contributed. NOT_FOUND when it does not exist.
    pub fn delete_article(&self, id: &str) -> Result<Deleted> {
        let _writer = self.inner.writer.lock();
        let record = self.get_article(id)?;
        let mut deleted = Deleted::default();
        let quote_ids: BTreeSet<&String> = record.quotes.iter().map(|(_, q)| q).collect();
        for qid in quote_ids {
            let Some(old) = self.quote(qid) else { continue };
            let mut group = (*old).clone();
            group.occurrences.retain(|o| o.article != id);
            deleted.quote_occurrences += old.occurrences.len() - group.occurrences.len();
            let new = (!group.occurrences.is_empty()).then(|| Arc::new(group));
            self.put_quote(Some(&old), new.as_ref());
        }
        let claim_ids: BTreeSet<&String> = record.claims.iter().map(|(_, c)| c).collect();
        for cid in claim_ids {
            let Some(old) = self.claim(cid) else { continue };
            let mut group = (*old).clone();
            group.occurrences.retain(|o| o.article != id);
            deleted.claim_occurrences += old.occurrences.len() - group.occurrences.len();
            let new = (!group.occurrences.is_empty()).then(|| Arc::new(group));
            self.put_claim(Some(&old), new.as_ref());
        }
        for sid in &record.speakers {
            let Some(old) = self.speaker(sid) else {
                continue;
            };
            let mut s = (*old).clone();
            s.contributions.remove(id);
            let new = (!s.contributions.is_empty()).then(|| Arc::new(s));
            self.put_speaker(Some(&old), new.as_ref());
        }
        self.put_article(Some(&record), None);
        Ok(deleted)
    }
}
