//! What a snapshot's occurrences share with the rest of it, written once: an occurrence names
//! its article, and its speaker, by position.
//!
//! The records section writes the articles and the speakers' ids first. Each occurrence (of a
//! quote or a claim) then writes its article as the article's position among them, and its
//! speaker as the id's position. Reading the section back, the articles' [`Origin`]s and the
//! speakers' ids are made once, and each occurrence decoded gets a pointer to its own: no
//! string is allocated, hashed or compared per occurrence.
//!
//! Encoding and decoding need the positions, which the snapshot's writer and reader set for the
//! thread that encodes or decodes the occurrences ([`Writing`], [`Reading`]); outside them an
//! occurrence cannot be encoded or decoded.

use crate::index::origin::Origin;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::sync::Arc;

/// Articles and speaker ids to their positions, while a thread writes a snapshot's records.
#[derive(Default)]
struct Positions {
    articles: Lookup,
    speakers: Lookup,
}

/// Positions by the address of the one copy an occurrence points to (no string is hashed),
/// else by the id's value (an occurrence holding a copy of its own).
#[derive(Default)]
struct Lookup {
    by_copy: FxHashMap<usize, u32>,
    by_value: FxHashMap<Arc<str>, u32>,
}

impl Lookup {
    /// Each (copy's address, id) at its position in the order given.
    fn new<'a>(entries: impl Iterator<Item = (usize, &'a Arc<str>)>) -> Self {
        let mut lookup = Lookup::default();
        for (n, (copy, id)) in entries.enumerate() {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            lookup.by_copy.insert(copy, n);
            lookup.by_value.insert(Arc::clone(id), n);
        }
        lookup
    }

    /// The position of the copy at `copy`, else of the id `id()` gives.
    fn get<'a>(&self, copy: usize, id: impl FnOnce() -> &'a str) -> Option<u32> {
        self.by_copy
            .get(&copy)
            .or_else(|| self.by_value.get(id()))
            .copied()
    }
}

/// The address of an id's one copy.
fn address(id: &Arc<str>) -> usize {
    Arc::as_ptr(id).cast::<u8>() as usize
}

/// Origins and speaker ids by position, while a thread reads a snapshot's records.
#[derive(Default)]
struct Tables {
    origins: Vec<Arc<Origin>>,
    speakers: Vec<Arc<str>>,
}

thread_local! {
    static WRITING: RefCell<Option<Positions>> = const { RefCell::new(None) };
    static READING: RefCell<Option<Tables>> = const { RefCell::new(None) };
}

/// The positions set for this thread's encoding until dropped.
pub(in crate::index) struct Writing(());

impl Writing {
    /// The positions of `articles` (by their origins) and of `speakers`' ids, in the order
    /// written.
    pub(in crate::index) fn new<'a>(
        articles: impl Iterator<Item = &'a Arc<Origin>>,
        speakers: impl Iterator<Item = &'a Arc<str>>,
    ) -> Self {
        let set = Positions {
            articles: Lookup::new(articles.map(|o| (Arc::as_ptr(o) as usize, &o.id))),
            speakers: Lookup::new(speakers.map(|id| (address(id), id))),
        };
        WRITING.with(|w| *w.borrow_mut() = Some(set));
        Writing(())
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.with(|w| *w.borrow_mut() = None);
    }
}

/// The tables set for this thread's decoding until dropped.
pub(in crate::index) struct Reading(());

impl Reading {
    /// The articles' origins and the speakers' ids, by position.
    pub(in crate::index) fn new(origins: Vec<Arc<Origin>>, speakers: Vec<Arc<str>>) -> Self {
        READING.with(|r| *r.borrow_mut() = Some(Tables { origins, speakers }));
        Reading(())
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        READING.with(|r| *r.borrow_mut() = None);
    }
}

/// An occurrence's origin, as its article's position.
pub(in crate::index) mod origin {
    use super::*;

    /// Writes `origin` as its article's position.
    pub(in crate::index) fn serialize<S: Serializer>(
        origin: &Arc<Origin>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let copy = Arc::as_ptr(origin) as usize;
        let at = WRITING.with(|w| w.borrow().as_ref()?.articles.get(copy, || &origin.id));
        match at {
            Some(at) => at.serialize(s),
            None => Err(serde::ser::Error::custom(format!(
                "an occurrence of article {:?}, which the snapshot does not hold",
                &*origin.id
            ))),
        }
    }

    /// Reads a position back as the origin of the article there.
    pub(in crate::index) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Arc<Origin>, D::Error> {
        let at = u32::deserialize(d)?;
        let origin = READING.with(|r| r.borrow().as_ref()?.origins.get(at as usize).cloned());
        origin.ok_or_else(|| {
            serde::de::Error::custom(format!("an occurrence of article {at}, past the articles"))
        })
    }
}

/// An occurrence's speaker as written: nobody, a speaker id's position, or an id the snapshot
/// does not list (written out).
#[derive(Serialize, Deserialize)]
enum Named<S> {
    Nobody,
    At(u32),
    Own(S),
}

/// An occurrence's speaker, as the position of its id.
pub(in crate::index) mod speaker {
    use super::*;

    /// Writes `speaker` as its id's position, or as itself if the snapshot does not list it.
    pub(in crate::index) fn serialize<S: Serializer>(
        speaker: &Option<Arc<str>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let named = match speaker {
            None => Named::Nobody,
            Some(id) => WRITING
                .with(|w| w.borrow().as_ref()?.speakers.get(address(id), || id))
                .map_or(Named::Own(&**id), Named::At),
        };
        named.serialize(s)
    }

    /// Reads a speaker back: the one copy of its id a position names, or its own.
    pub(in crate::index) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Arc<str>>, D::Error> {
        match Named::<String>::deserialize(d)? {
            Named::Nobody => Ok(None),
            Named::Own(id) => Ok(Some(Arc::from(id))),
            Named::At(at) => {
                let id = READING.with(|r| r.borrow().as_ref()?.speakers.get(at as usize).cloned());
                id.map(Some).ok_or_else(|| {
                    serde::de::Error::custom(format!("a speaker {at}, past the speakers"))
                })
            }
        }
    }
}

#[cfg(test)]
#[path = "shared_tests.rs"]
mod tests;
