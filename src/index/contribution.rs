//! What one article says about one speaker: kept per article in the speaker's record, so that
//! deleting the article subtracts exactly what it added. Small sorted lists, not trees: a
//! record keeps one for every article that mentions the speaker.

use crate::model::SpeakerKind;
use serde::{Deserialize, Serialize};

/// What one article says about one speaker.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// The fullest name the article gives.
    pub name: String,
    /// Person, organisation or role (the article's view).
    pub kind: Option<SpeakerKind>,
    /// Surface forms with counts, sorted by form, each once (see [`Contribution::add_alias`]).
    pub aliases: Vec<(String, u32)>,
    /// Roles and titles seen, sorted, each once (see [`Contribution::add_role`]).
    pub roles: Vec<String>,
    /// Quotes the article attributes to the speaker.
    pub quotes: u32,
    /// Claims the article attributes to the speaker.
    pub claims: u32,
}

impl Contribution {
    /// Counts `n` more uses of the surface form `alias`.
    pub fn add_alias(&mut self, alias: &str, n: u32) {
        match self
            .aliases
            .binary_search_by(|(a, _)| a.as_str().cmp(alias))
        {
            Ok(at) => {
                if let Some((_, count)) = self.aliases.get_mut(at) {
                    *count += n;
                }
            }
            Err(at) => self.aliases.insert(at, (alias.to_string(), n)),
        }
    }

    /// Notes the role or title `role` (once, however often it is given).
    pub fn add_role(&mut self, role: &str) {
        if let Err(at) = self.roles.binary_search_by(|r| r.as_str().cmp(role)) {
            self.roles.insert(at, role.to_string());
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
        self.quotes += other.quotes;
        self.claims += other.claims;
    }

    /// Gives back the spare capacity of its lists: a record keeps one contribution per article
    /// for as long as the article is stored.
    pub fn shrink_to_fit(&mut self) {
        self.aliases.shrink_to_fit();
        self.roles.shrink_to_fit();
    }
}
