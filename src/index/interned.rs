//! One shared copy of the strings that many records repeat: outlet names on every occurrence,
//! normalised words in every quote's word list, speaker names, aliases and roles in every
//! article's contribution to a speaker. These are few next to the records that hold them, so
//! each record keeps a pointer, not a copy. Entries are never dropped: the sets are bounded by
//! the outlets, the vocabulary and the names seen.

use super::Index;
use super::keys;
use crate::resolve::QuoteView;
use dashmap::DashSet;
use std::sync::Arc;

/// A set of shared copies. Its keys are short words and names, for which FxHash is several
/// times cheaper than the default SipHash; a quote's words are looked up each time its group
/// is published.
pub(super) type Interner = DashSet<Arc<str>, rustc_hash::FxBuildHasher>;

/// The copy of `value` that `set` holds, added if it holds none. Safe to call from several
/// threads at once (snapshot loading does): two racing callers get the same copy.
pub(super) fn interned(set: &Interner, value: &str) -> Arc<str> {
    if let Some(held) = set.get(value) {
        return Arc::clone(&held);
    }
    let fresh: Arc<str> = Arc::from(value);
    if set.insert(Arc::clone(&fresh)) {
        return fresh;
    }
    // another thread added it between the look-up and the insert: use theirs
    set.get(value).map_or(fresh, |held| Arc::clone(&held))
}

impl Index {
    /// The one shared copy of an outlet name.
    pub(super) fn outlet_name(&self, outlet: &str) -> Arc<str> {
        interned(&self.inner.outlet_names, outlet)
    }

    /// The one shared copy of a speaker name, alias or role.
    pub(super) fn name_string(&self, name: &str) -> Arc<str> {
        interned(&self.inner.names, name)
    }

    /// The one shared copy of a normalised word.
    pub(super) fn word(&self, word: &str) -> Arc<str> {
        interned(&self.inner.words, word)
    }

    /// The canonical words of a quote group when they are not `current`: its longest
    /// variant's, each the one shared copy of the word. `None` when they are `current` (most
    /// republished groups keep their longest wording: then no word is looked up) or the group
    /// is unknown.
    pub(super) fn quote_words(
        &self,
        r: QuoteView<'_>,
        group: u32,
        current: &[Arc<str>],
    ) -> Option<Vec<Arc<str>>> {
        let g = r.quotes.group(group)?;
        let v = r.quotes.variant(g.root)?;
        if keys::words_are(&v.text, current) {
            return None;
        }
        let mut words = Vec::new();
        keys::for_each_word(&v.text, |w| words.push(self.word(w)));
        words.shrink_to_fit();
        Some(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_copy_per_value_even_when_threads_race() {
        let set = Interner::default();
        let copies: Vec<Arc<str>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| scope.spawn(|| interned(&set, "Reuters")))
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        assert_eq!(copies.len(), 8);
        assert!(copies.iter().all(|c| Arc::ptr_eq(c, &copies[0])));
        assert_eq!(set.len(), 1);
        let other = interned(&set, "AP");
        assert!(!Arc::ptr_eq(&other, &copies[0]));
        assert_eq!(&*other, "AP");
    }
}
