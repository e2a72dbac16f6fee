//! Readable speaker ids ("sergey-lavrov"): each resolved speaker gets one at first sight, from the
//! first name it was seen under, with the smallest free numeric suffix when another speaker took
//! that name first; a freed id can be taken again. Assigned only under the writer lock.

use super::{Index, keys};
use crate::resolve::speakers::SpeakerId;
use std::sync::Arc;

/// `base` with suffix `n` ("base-n"); suffix 1 is the base itself.
fn suffixed(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}-{n}")
    }
}

impl Index {
    /// The resource id of a resolved speaker: readable, from the first name it was seen under
    /// ("sergey-lavrov"), with a numeric suffix when another speaker already has that id.
    /// Assigned under the writer lock; a speaker seen for the first time needs `first_name`.
    /// One copy is kept, and shared by every occurrence that names the speaker.
    pub(super) fn speaker_slug(
        &self,
        id: SpeakerId,
        first_name: Option<&crate::model::LocalSpeaker>,
    ) -> Arc<str> {
        if let Some(slug) = self.inner.speaker_slugs.get(&id.0) {
            return Arc::clone(&slug);
        }
        let base = first_name
            .and_then(keys::speaker_key)
            .unwrap_or_else(|| "speaker".into());
        // the smallest free suffix; every suffix below the hint is known to be taken, so that
        // a name many speakers share ("spokesperson") costs one probe, not one per speaker
        let mut n = self.inner.slug_hints.get(&base).map_or(1, |h| *h);
        let mut slug = suffixed(&base, n);
        while self
            .inner
            .slugs_taken
            .get(&slug)
            .is_some_and(|owner| *owner != id.0)
        {
            n += 1;
            slug = suffixed(&base, n);
        }
        if n > 1 {
            // a name no one else took needs no hint: probing starts at the base itself
            self.inner.slug_hints.insert(base, n + 1);
        }
        let shared: Arc<str> = Arc::from(slug.as_str());
        self.inner.slugs_taken.insert(slug, id.0);
        self.inner.speaker_slugs.insert(id.0, Arc::clone(&shared));
        shared
    }

    /// Forgets that the suffixes from `slug`'s down are taken, for every base name `slug` can
    /// come from (itself, and what precedes a `-N` ending): the slug is free again.
    pub(super) fn slug_freed(&self, slug: &str) {
        let lower = |base: &str, n: u32| {
            if let Some(mut h) = self.inner.slug_hints.get_mut(base) {
                *h = (*h).min(n);
            }
        };
        lower(slug, 1);
        if let Some((base, n)) = slug.rsplit_once('-')
            && let Ok(n) = n.parse::<u32>()
        {
            lower(base, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LocalSpeaker, SpeakerKind};

    fn named(name: &str) -> LocalSpeaker {
        LocalSpeaker {
            name: name.into(),
            kind: SpeakerKind::Role,
            roles: Vec::new(),
            aliases: Vec::new(),
            mentions: Vec::new(),
        }
    }

    #[test]
    fn speaker_ids_take_the_smallest_free_suffix_even_after_frees() {
        let index = Index::new();
        let spokesperson = named("Spokesperson");
        let id = |k: u32| {
            index
                .speaker_slug(SpeakerId(k), Some(&spokesperson))
                .to_string()
        };
        let first: Vec<String> = (0..5).map(id).collect();
        assert_eq!(
            first,
            [
                "spokesperson",
                "spokesperson-2",
                "spokesperson-3",
                "spokesperson-4",
                "spokesperson-5"
            ]
        );
        assert_eq!(id(2), "spokesperson-3", "fixed at first sight");
        // a name that looks suffixed takes its own slot, and the plain base skips it
        let odd = index.speaker_slug(SpeakerId(50), Some(&named("Spokesperson 6")));
        assert_eq!(&*odd, "spokesperson-6");
        assert_eq!(id(5), "spokesperson-7");
        index.free_speaker_id("spokesperson-3");
        index.free_speaker_id("spokesperson");
        assert_eq!(id(6), "spokesperson", "the freed base first");
        assert_eq!(id(7), "spokesperson-3");
        assert_eq!(id(8), "spokesperson-8");
        index.free_speaker_id("spokesperson-6");
        assert_eq!(id(9), "spokesperson-6", "freed through the other name");
        let again = index.speaker_slug(SpeakerId(51), Some(&named("Spokesperson 6")));
        assert_eq!(&*again, "spokesperson-6-2");
    }
}
