//! Deleting an article: undo exactly what its ingest published, then let cross-source
//! resolution re-decide the groups it touched (a role named only through this article is
//! unnamed again; a claim group it bridged may lose members).

use super::Index;
use super::error::Result;
use super::ingest::Deleted;
use super::resolution;
use crate::index::FromArticle;
use std::collections::BTreeSet;
use std::sync::Arc;

impl Index {
    /// Deletes an article and everything it contributed. NOT_FOUND when it does not exist.
    pub fn delete_article(&self, id: &str) -> Result<Deleted> {
        let mut changes = self.inner.writer.lock();
        let record = self.get_article(id)?;
        *changes += 1;
        let mut deleted = Deleted::default();
        let mut resolver = self.inner.resolver.write();
        resolver.remove_article(id);
        for &g in &record.quote_groups {
            let qid = resolution::quote_id(g);
            let Some(old) = self.quote(&qid) else {
                continue;
            };
            let mut group = (*old).clone();
            group.occurrences.retain(|o| *o.article() != *id);
            group.changed();
            deleted.quote_occurrences += old.occurrences.len() - group.occurrences.len();
            self.resolve_quote_group(resolver.quote_view(), g, &mut group);
            let new = (!group.occurrences.is_empty()).then(|| Arc::new(group));
            self.put_quote(Some(&old), new.as_ref());
        }
        let live: BTreeSet<u32> = record
            .claim_groups
            .iter()
            .flat_map(|&g| [Some(g), resolver.claims.current_group(g)])
            .flatten()
            .collect();
        for g in live {
            let cid = resolution::claim_id(g);
            let before = self.claim(&cid).map_or(0, |c| c.occurrences.len());
            self.publish_claim_group(&resolver, g, None, &[]);
            let after = self.claim(&cid).map_or(0, |c| c.occurrences.len());
            deleted.claim_occurrences += before.saturating_sub(after);
        }
        // roles of this article held by someone elsewhere stop counting for them
        for sid in &record.speakers {
            if let Some((_, holder)) = self.inner.role_holders.remove(sid)
                && !record.speakers.contains(&holder)
            {
                self.drop_contribution(&holder, id);
            }
        }
        // roles elsewhere that only this article's words named are unnamed again
        let holders_changed = resolver.unsynced_roles(&record.quote_groups);
        self.sync_role_holders(&resolver, &holders_changed, None);
        drop(resolver);
        for sid in &record.speakers {
            let Some(old) = self.speaker(sid) else {
                continue;
            };
            let mut s = (*old).clone();
            s.contributions_mut().remove(id);
            let new = (!s.contributions().is_empty()).then(|| Arc::new(s));
            if new.is_none() {
                self.free_speaker_id(sid);
            }
            self.put_speaker(Some(&old), new.as_ref());
        }
        self.put_article(Some(&record), None);
        Ok(deleted)
    }
}
