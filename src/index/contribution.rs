//! What one article says about one speaker: kept per article in the speaker's record, so that
//! deleting the article subtracts exactly what it added. Small sorted lists, not trees: a
//! record keeps one for every article that mentions the speaker. Names, aliases and roles are
//! shared strings: a speaker mentioned in thousands of articles is named the same way in most,
//! and a stored contribution points at the index's one copy of each (see [`Contribution::share`]).

use crate::model::SpeakerKind;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What one article says about one speaker.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// The fullest name the article gives.
    pub name: Arc<str>,
    /// Person, organisation or role (the article's view).
    pub kind: Option<SpeakerKind>,
    /// Surface forms with counts, sorted by form, each once (see [`Contribution::add_alias`]).
    pub aliases: Vec<(Arc<str>, u32)>,
    /// Roles and titles seen, sorted, each once (see [`Contribution::add_role`]).
    pub roles: Vec<Arc<str>>,
}

impl Contribution {
    /// Counts `n` more uses of the surface form `alias`.
    pub fn add_alias(&mut self, alias: &str, n: u32) {
        match self.aliases.binary_search_by(|(a, _)| (**a).cmp(alias)) {
            Ok(at) => {
                if let Some((_, count)) = self.aliases.get_mut(at) {
                    *count += n;
                }
            }
            Err(at) => self.aliases.insert(at, (Arc::from(alias), n)),
        }
    }

    /// Notes the role or title `role` (once, however often it is given).
    pub fn add_role(&mut self, role: &str) {
        if let Err(at) = self.roles.binary_search_by(|r| (**r).cmp(role)) {
            self.roles.insert(at, Arc::from(role));
        }
    }

    /// Adds another contribution of the same article (its name and kind aside).
    pub fn absorb(&mut self, other: &Contribution) {
        for (a, n) in &other.aliases {
            self.add_alias(a, *n);
        }
        for r in &other.roles {
            self.add_role(r);
        }
    }

    /// Readies it to be kept in a record (one per article, for as long as the article is
    /// stored): gives back the spare capacity of its lists and takes `shared`'s copy of each
    /// string.
    pub fn settle(&mut self, shared: impl FnMut(&str) -> Arc<str>) {
        self.aliases.shrink_to_fit();
        self.roles.shrink_to_fit();
        self.share(shared);
    }

    /// Swaps its name, aliases and roles for the copies `shared` gives (the index's one copy of
    /// each string), so that a stored contribution holds pointers, not strings of its own.
    pub fn share(&mut self, mut shared: impl FnMut(&str) -> Arc<str>) {
        self.name = shared(&self.name);
        for (a, _) in &mut self.aliases {
            *a = shared(a);
        }
        for r in &mut self.roles {
            *r = shared(r);
        }
    }
}
