//! One resolved speaker: what every article contributed to it, and the display name chosen from
//! that.

use crate::model::{LocalSpeaker, SpeakerKind};
use crate::resolve::fold::words;
use crate::resolve::names::{PersonName, is_canonical_given, parse_person};
use litemap::LiteMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A speaker's identifier, stable for the life of the registry; never reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SpeakerId(pub u32);

/// What one article says about a speaker.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleStats {
    /// Mentions in the article (sum of alias counts, at least 1).
    pub mentions: u32,
    /// Quotes the article attributes to the speaker.
    pub quotes: u32,
}

/// The index keys a speaker is filed under; see [`Speaker::keys`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Key {
    /// Normalised alias text ("russias lavrov").
    Alias(String),
    /// Transliteration key of a surname ("zelenski").
    Surname(String),
    /// One-deletion neighbour of a long surname key, for typo candidates.
    Fuzzy(String),
    /// Role key of a role the person was seen with.
    Role(String),
    /// Organisation name key.
    Org(String),
}

/// One person, organisation or unnamed role across articles.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Speaker {
    /// Its id.
    pub id: SpeakerId,
    /// Person, organisation or role.
    pub kind: SpeakerKind,
    /// Surface forms exactly as written, with counts over all articles.
    pub aliases: LiteMap<String, u32>,
    /// Roles and titles seen with it, with counts.
    pub roles: LiteMap<String, u32>,
    /// Clean names (titles removed) with counts; the display name is chosen among them.
    pub names: LiteMap<String, u32>,
    /// Articles that mention it.
    pub articles: LiteMap<Arc<str>, ArticleStats>,
    /// For a role: the person another article shows to hold it (through shared words).
    pub held_by: Option<SpeakerId>,
    /// For a person: the unnamed roles shown to be this person.
    pub holds: Vec<SpeakerId>,
    /// `names`, parsed (kept in step by `apply`).
    parsed: Vec<PersonName>,
    /// Whether some name in `parsed` carries a given name (kept in step by `apply`): asked of
    /// every candidate sharing a surname with a newly seen person.
    full: bool,
    /// The sums of `articles`' mentions and quotes (kept in step by `apply`): candidates are
    /// ranked by mentions, and a speaker in many articles must not cost a walk over them.
    totals: ArticleStats,
}

impl Speaker {
    pub(super) fn new(id: SpeakerId, kind: SpeakerKind) -> Self {
        Speaker {
            id,
            kind,
            aliases: LiteMap::new(),
            roles: LiteMap::new(),
            names: LiteMap::new(),
            articles: LiteMap::new(),
            held_by: None,
            holds: Vec::new(),
            parsed: Vec::new(),
            full: false,
            totals: ArticleStats::default(),
        }
    }

    /// True when adding (`add`) or subtracting `local`, whose names are `names` (from
    /// [`contributed_names`]), would make one of the speaker's aliases, roles or names appear
    /// or disappear. Only then can its [`Self::keys`] change: most articles only count names
    /// the speaker is already filed under.
    pub(super) fn changes_keys(
        &self,
        local: &LocalSpeaker,
        names: &[(String, u32)],
        add: bool,
    ) -> bool {
        let aliases = local.aliases.iter().map(|(a, n)| (a.as_str(), *n));
        let roles = local.roles.iter().map(|r| (r.as_str(), 1));
        let names = names.iter().map(|(a, n)| (a.as_str(), *n));
        changes_members(&self.aliases, aliases, add)
            || changes_members(&self.roles, roles, add)
            || changes_members(&self.names, names, add)
    }

    /// Adds (`add`) or subtracts one article's contribution, whose names are `names` (from
    /// [`contributed_names`]).
    pub(super) fn apply(
        &mut self,
        article: &Arc<str>,
        local: &LocalSpeaker,
        names: &[(String, u32)],
        quotes: u32,
        add: bool,
    ) {
        /// Counts `key` in or out; true when it became present or absent.
        fn bump(map: &mut LiteMap<String, u32>, key: &str, by: u32, add: bool) -> bool {
            if key.is_empty() || by == 0 {
                return false;
            }
            if add {
                if let Some(v) = map.get_mut(key) {
                    *v += by;
                    return false;
                }
                map.insert(key.to_string(), by);
                return true;
            }
            let Some(v) = map.get_mut(key) else {
                return false;
            };
            *v = v.saturating_sub(by);
            *v == 0 && map.remove(key).is_some()
        }
        let mut mentions = 0;
        for (alias, n) in &local.aliases {
            bump(&mut self.aliases, alias, *n, add);
            mentions += n;
        }
        for role in &local.roles {
            bump(&mut self.roles, role, 1, add);
        }
        let mut renamed = false;
        for (name, n) in names {
            renamed |= bump(&mut self.names, name, *n, add);
        }
        // most articles only count names already known: parse again only when one came or went
        if renamed {
            self.parsed = self.names.keys().filter_map(|n| parse_person(n)).collect();
            self.full = self.parsed.iter().any(|n| !n.given.is_empty());
        }
        if add {
            let s = self.articles.entry(article.clone()).or_default();
            s.mentions += mentions.max(1);
            s.quotes += quotes;
            self.totals.mentions += mentions.max(1);
            self.totals.quotes += quotes;
        } else if let Some(s) = self.articles.get_mut(article) {
            let before = *s;
            s.mentions = s.mentions.saturating_sub(mentions.max(1));
            s.quotes = s.quotes.saturating_sub(quotes);
            self.totals.mentions -= before.mentions - s.mentions;
            self.totals.quotes -= before.quotes - s.quotes;
            if s.mentions == 0 {
                self.totals.quotes -= s.quotes;
                self.articles.remove(article);
            }
        }
    }

    /// The person names this speaker is known by, parsed.
    pub fn person_names(&self) -> impl Iterator<Item = &PersonName> + '_ {
        self.parsed.iter()
    }

    /// True when some name of this person carries a given name.
    pub fn has_given_name(&self) -> bool {
        self.full
    }

    /// Total mentions over all articles.
    pub fn mentions(&self) -> u32 {
        self.totals.mentions
    }

    /// Total quotes over all articles.
    pub fn quotes(&self) -> u32 {
        self.totals.quotes
    }

    /// The fullest, most common spelling: most name words first, then a canonical given name
    /// over a nickname ("Michael Waltz" over "Mike Waltz"), then the most frequent. For an
    /// organisation or role: its most frequent alias without a leading "the".
    pub fn display_name(&self) -> String {
        let person = match self.kind {
            SpeakerKind::Person => {
                person_display_name(self.names.iter().map(|(n, c)| (n.as_str(), *c)))
            }
            _ => None,
        };
        person.unwrap_or_else(|| {
            self.aliases
                .iter()
                .max_by(|(a, ca), (b, cb)| ca.cmp(cb).then_with(|| b.cmp(a)))
                .map(|(a, _)| a.trim_start_matches("the ").to_string())
                .unwrap_or_default()
        })
    }
}

/// The display name among a person's spellings with their counts: the fullest (most name words,
/// titles removed), then a canonical given name over a nickname, then the most frequent, then
/// the alphabetically first. `None` when no spelling parses as a name.
pub fn person_display_name<'a>(names: impl IntoIterator<Item = (&'a str, u32)>) -> Option<String> {
    names
        .into_iter()
        .filter_map(|(n, c)| {
            let p = parse_person(n)?;
            let canon = p.first().map(is_canonical_given).unwrap_or(true);
            Some(((p.fullness(), canon, c), p.written))
        })
        .max_by(|(ra, a), (rb, b)| ra.cmp(rb).then_with(|| b.cmp(a)))
        .map(|(_, w)| w)
}

/// Whether counting `entries` in (`add`) or out of `map` makes a key appear or disappear, as
/// the `bump`s of [`Speaker::apply`] would: a key is added when absent, and removed when
/// the sum of its entries reaches its count. Empty keys and zero counts are never counted.
fn changes_members<'a>(
    map: &LiteMap<String, u32>,
    entries: impl Iterator<Item = (&'a str, u32)>,
    add: bool,
) -> bool {
    let mut entries: Vec<(&str, u32)> = entries.filter(|(k, n)| !k.is_empty() && *n > 0).collect();
    entries.sort_unstable();
    entries.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 = kept.1.saturating_add(next.1);
        }
        same
    });
    entries.iter().any(|(k, by)| match map.get(*k) {
        None => add,
        Some(count) => !add && count <= by,
    })
}

/// The names a local speaker contributes, with counts: every alias that parses to a person name
/// (persons) or the local name itself (others).
pub(super) fn contributed_names(local: &LocalSpeaker) -> Vec<(String, u32)> {
    if local.kind != SpeakerKind::Person {
        return vec![(local.name.trim().to_string(), 1)];
    }
    let mut out: BTreeMap<String, u32> = BTreeMap::new();
    for (alias, n) in &local.aliases {
        if let Some(p) = parse_person(alias) {
            *out.entry(p.written).or_default() += n;
        }
    }
    if let Some(p) = parse_person(&local.name) {
        out.entry(p.written).or_insert(1);
    }
    out.into_iter().collect()
}

/// The lookup key of any alias or query string: its words, folded, joined by spaces.
pub fn alias_key(text: &str) -> String {
    words(text).join(" ")
}

/// The merge key of an organisation name: its words without a leading article.
pub(super) fn org_key(name: &str) -> String {
    let w = words(name);
    let skip = usize::from(w.first().is_some_and(|f| f == "the"));
    w[skip..].join(" ")
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
