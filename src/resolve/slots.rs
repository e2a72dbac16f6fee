//! Values by small integer id, for ids handed out in order and never reused (claims, claim
//! sources, quote wordings, groups): a lookup is an index, not a hash, and nothing is stored per
//! entry but the value.
//!
//! The slots live in fixed-size chunks rather than one vector. A vector grows by doubling, so
//! just past a power of two half of it is spare room (a million claims of 150 bytes would hold
//! up to 150 MB of room), and every doubling copies the whole; a chunk list wastes at most one
//! chunk and never moves a value.

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// Slots per chunk: small enough that the spare room of the last chunk does not matter, large
/// enough that the chunk list itself is short.
const CHUNK: usize = 1024;

/// Values by id; an id never stored or removed is an empty slot.
#[derive(Clone, Debug)]
pub struct Slots<T> {
    chunks: Vec<Vec<Option<T>>>,
    live: usize,
}

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Slots {
            chunks: Vec::new(),
            live: 0,
        }
    }
}

impl<T> Slots<T> {
    /// The value stored under `id`.
    pub fn get(&self, id: u32) -> Option<&T> {
        let i = id as usize;
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)?.as_ref()
    }

    /// The value stored under `id`, to change.
    pub fn get_mut(&mut self, id: u32) -> Option<&mut T> {
        let i = id as usize;
        self.chunks.get_mut(i / CHUNK)?.get_mut(i % CHUNK)?.as_mut()
    }

    /// The slot of `id`, making room for it (and the ids before it) first. Every chunk but the
    /// last is full, so that a slot's place in the flattened chunks is its id.
    fn slot(&mut self, id: u32) -> &mut Option<T> {
        let i = id as usize;
        let (c, at) = (i / CHUNK, i % CHUNK);
        while self.chunks.len() <= c {
            if let Some(last) = self.chunks.last_mut() {
                last.resize_with(CHUNK, || None);
            }
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        let chunk = &mut self.chunks[c];
        if chunk.len() <= at {
            chunk.resize_with(at + 1, || None);
        }
        &mut chunk[at]
    }

    /// Stores `value` under `id`, giving back the value it replaces.
    pub fn insert(&mut self, id: u32, value: T) -> Option<T> {
        let old = self.slot(id).replace(value);
        if old.is_none() {
            self.live += 1;
        }
        old
    }

    /// The value stored under `id`, storing `make()` there first when the slot is empty.
    pub fn get_or_insert_with(&mut self, id: u32, make: impl FnOnce() -> T) -> &mut T {
        if self.slot(id).is_none() {
            self.live += 1;
        }
        self.slot(id).get_or_insert_with(make)
    }

    /// Takes the value stored under `id` out.
    pub fn remove(&mut self, id: u32) -> Option<T> {
        let i = id as usize;
        let old = self.chunks.get_mut(i / CHUNK)?.get_mut(i % CHUNK)?.take();
        if old.is_some() {
            self.live -= 1;
        }
        old
    }

    /// True when `id` holds a value.
    pub fn contains(&self, id: u32) -> bool {
        self.get(id).is_some()
    }

    /// Number of values stored.
    pub fn len(&self) -> usize {
        self.live
    }

    /// True when no value is stored.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Every stored value with its id, in order of id.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &T)> + '_ {
        self.chunks
            .iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, v)| Some((i as u32, v.as_ref()?)))
    }

    /// The ids that hold a value, in order.
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.iter().map(|(id, _)| id)
    }
}

/// Written as the sequence of slots, empty ones included, so that ids survive a round trip.
impl<T: Serialize> Serialize for Slots<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.chunks.iter().map(Vec::len).sum()))?;
        for v in self.chunks.iter().flatten() {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Slots<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Seq<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Seq<T> {
            type Value = Slots<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence of optional values")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Slots<T>, A::Error> {
                let mut out = Slots::default();
                while let Some(v) = seq.next_element::<Option<T>>()? {
                    out.live += usize::from(v.is_some());
                    if out.chunks.last().is_none_or(|c| c.len() == CHUNK) {
                        out.chunks.push(Vec::with_capacity(CHUNK));
                    }
                    if let Some(c) = out.chunks.last_mut() {
                        c.push(v);
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_seq(Seq(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_by_id_count_the_live_ones() {
        let mut m = Slots::default();
        assert_eq!(m.insert(0, "zero"), None);
        m.insert(3, "three");
        m.insert(CHUNK as u32 * 2 + 5, "far");
        assert_eq!(m.len(), 3);
        assert!(m.get(1).is_none() && m.get(7).is_none() && m.get(u32::MAX).is_none());
        assert_eq!(m.get(3), Some(&"three"));
        assert_eq!(
            m.insert(3, "again"),
            Some("three"),
            "replacing does not add"
        );
        assert_eq!(m.len(), 3);
        assert_eq!(m.remove(3), Some("again"));
        assert_eq!(m.remove(3), None);
        assert_eq!(m.len(), 2);
        if let Some(x) = m.get_mut(0) {
            *x = "nought";
        }
        let all: Vec<_> = m.iter().collect();
        assert_eq!(all, [(0, &"nought"), (CHUNK as u32 * 2 + 5, &"far")]);
    }

    #[test]
    fn chunks_are_filled_without_spare_room_beyond_the_last() {
        let mut m = Slots::default();
        for id in 0..(CHUNK as u32 * 3 + 1) {
            m.insert(id, id);
        }
        assert_eq!(m.chunks.len(), 4);
        assert!(m.chunks[..3].iter().all(|c| c.len() == CHUNK));
        assert!(m.chunks.iter().all(|c| c.capacity() == CHUNK));
    }

    #[test]
    fn a_round_trip_keeps_ids_and_gaps() -> Result<(), postcard::Error> {
        let mut m = Slots::default();
        for id in [0u32, 2, 1500, 3000] {
            m.insert(id, id * 10);
        }
        m.remove(2);
        let back: Slots<u32> = postcard::from_bytes(&postcard::to_allocvec(&m)?)?;
        assert_eq!(
            back.iter().collect::<Vec<_>>(),
            m.iter().collect::<Vec<_>>()
        );
        assert_eq!(back.len(), 3);
        assert_eq!(back.get(1500), Some(&15000));
        back.chunks
            .iter()
            .for_each(|c| assert_eq!(c.capacity(), CHUNK));
        Ok(())
    }
}
