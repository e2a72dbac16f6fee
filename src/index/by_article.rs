//! A speaker's contributions by article id, in id order. Most speakers appear in one or two
//! articles, for which a B-tree's first node (room for eleven contributions, over a kilobyte)
//! is mostly empty: a short map is a sorted list grown one entry at a time, and becomes a
//! B-tree only past [`FEW`] articles, where inserting into a list would shift too much.

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use std::collections::{BTreeMap, btree_map};

/// Most entries kept as a sorted list.
const FEW: usize = 32;

/// Values by article id.
#[derive(Clone)]
pub enum ByArticle<V> {
    /// Sorted by id, distinct, at most [`FEW`].
    Few(Vec<(String, V)>),
    /// More than [`FEW`] (or once more than that).
    Many(BTreeMap<String, V>),
}

impl<V> Default for ByArticle<V> {
    fn default() -> Self {
        ByArticle::Few(Vec::new())
    }
}

/// Entries in id order.
pub enum Iter<'a, V> {
    /// Of a short map.
    Few(std::slice::Iter<'a, (String, V)>),
    /// Of a B-tree.
    Many(btree_map::Iter<'a, String, V>),
}

impl<'a, V> Iterator for Iter<'a, V> {
    type Item = (&'a String, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Few(it) => it.next().map(|(k, v)| (k, v)),
            Iter::Many(it) => it.next(),
        }
    }
}

impl<V> ByArticle<V> {
    fn find(list: &[(String, V)], article: &str) -> Result<usize, usize> {
        list.binary_search_by(|(k, _)| k.as_str().cmp(article))
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        match self {
            ByArticle::Few(l) => l.len(),
            ByArticle::Many(m) => m.len(),
        }
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of `article`.
    pub fn get(&self, article: &str) -> Option<&V> {
        match self {
            ByArticle::Few(l) => Self::find(l, article)
                .ok()
                .and_then(|i| l.get(i))
                .map(|e| &e.1),
            ByArticle::Many(m) => m.get(article),
        }
    }

    /// The value of `article`, to change.
    pub fn get_mut(&mut self, article: &str) -> Option<&mut V> {
        match self {
            ByArticle::Few(l) => match Self::find(l, article) {
                Ok(i) => l.get_mut(i).map(|e| &mut e.1),
                Err(_) => None,
            },
            ByArticle::Many(m) => m.get_mut(article),
        }
    }

    /// True when `article` has a value.
    pub fn contains_key(&self, article: &str) -> bool {
        self.get(article).is_some()
    }

    /// Sets the value of `article`, giving back the one it replaces.
    pub fn insert(&mut self, article: String, value: V) -> Option<V> {
        match self {
            ByArticle::Few(l) => match Self::find(l, &article) {
                Ok(i) => l.get_mut(i).map(|e| std::mem::replace(&mut e.1, value)),
                Err(i) if l.len() < FEW => {
                    crate::resolve::reserve_one(l);
                    l.insert(i, (article, value));
                    None
                }
                Err(_) => {
                    let mut m: BTreeMap<String, V> = std::mem::take(l).into_iter().collect();
                    m.insert(article, value);
                    *self = ByArticle::Many(m);
                    None
                }
            },
            ByArticle::Many(m) => m.insert(article, value),
        }
    }

    /// Takes the value of `article` out.
    pub fn remove(&mut self, article: &str) -> Option<V> {
        match self {
            ByArticle::Few(l) => Self::find(l, article).ok().map(|i| l.remove(i).1),
            ByArticle::Many(m) => m.remove(article),
        }
    }

    /// Every article with its value, in id order.
    pub fn iter(&self) -> Iter<'_, V> {
        match self {
            ByArticle::Few(l) => Iter::Few(l.iter()),
            ByArticle::Many(m) => Iter::Many(m.iter()),
        }
    }

    /// The article ids, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> + '_ {
        self.iter().map(|(k, _)| k)
    }

    /// The article ids sorting after `after` (all with `None`), in order.
    pub fn keys_after<'a>(
        &'a self,
        after: Option<&str>,
    ) -> Box<dyn Iterator<Item = &'a String> + 'a> {
        match (self, after) {
            (_, None) => Box::new(self.keys()),
            (ByArticle::Few(l), Some(a)) => {
                let from = match Self::find(l, a) {
                    Ok(i) => i + 1,
                    Err(i) => i,
                };
                Box::new(l.get(from..).unwrap_or_default().iter().map(|(k, _)| k))
            }
            (ByArticle::Many(m), Some(a)) => Box::new(
                m.range::<str, _>((std::ops::Bound::Excluded(a), std::ops::Bound::Unbounded))
                    .map(|(k, _)| k),
            ),
        }
    }

    /// The values, in id order.
    pub fn values(&self) -> impl Iterator<Item = &V> + '_ {
        self.iter().map(|(_, v)| v)
    }

    /// Calls `f` on every value, to change it.
    pub fn for_each_value_mut(&mut self, mut f: impl FnMut(&mut V)) {
        match self {
            ByArticle::Few(l) => l.iter_mut().for_each(|(_, v)| f(v)),
            ByArticle::Many(m) => m.values_mut().for_each(f),
        }
    }
}

/// Shown as a map, whatever its form.
impl<V: std::fmt::Debug> std::fmt::Debug for ByArticle<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Equal when they hold the same entries, whatever their form.
impl<V: PartialEq> PartialEq for ByArticle<V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

/// Written as a map from article id to value.
impl<V: Serialize> Serialize for ByArticle<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for ByArticle<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = BTreeMap::<String, V>::deserialize(d)?;
        Ok(if m.len() <= FEW {
            ByArticle::Few(m.into_iter().collect())
        } else {
            ByArticle::Many(m)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Bound;

    /// The map's entries against a B-tree's, after the same operations.
    fn same(map: &ByArticle<u32>, model: &BTreeMap<String, u32>) {
        assert_eq!(map.len(), model.len());
        assert!(map.iter().eq(model.iter()));
        for probe in ["a0", "a7", "a40", "zz"] {
            assert_eq!(map.get(probe), model.get(probe), "{probe}");
        }
        assert!(map.keys_after(None).eq(model.keys()));
        for after in ["", "a0", "a1", "a35", "a4", "a60", "zz"] {
            let tail = model.range::<str, _>((Bound::Excluded(after), Bound::Unbounded));
            assert!(
                map.keys_after(Some(after)).eq(tail.map(|(k, _)| k)),
                "{after}"
            );
        }
    }

    #[test]
    fn behaves_as_a_btree_map_short_and_long() -> Result<(), postcard::Error> {
        let mut map = ByArticle::default();
        let mut model = BTreeMap::new();
        for i in 0..120u32 {
            let k = format!("a{}", (i * 37) % 61);
            assert_eq!(map.insert(k.clone(), i), model.insert(k, i));
            if i % 7 == 0 {
                same(&map, &model);
            }
        }
        assert!(matches!(map, ByArticle::Many(_)));
        for i in (0..61).step_by(2) {
            let k = format!("a{i}");
            assert_eq!(map.remove(&k), model.remove(&k));
        }
        if let Some(v) = map.get_mut("a1") {
            *v += 1000;
        }
        model.entry("a1".into()).and_modify(|v| *v += 1000);
        map.for_each_value_mut(|v| *v += 1);
        model.values_mut().for_each(|v| *v += 1);
        same(&map, &model);
        let back: ByArticle<u32> = postcard::from_bytes(&postcard::to_allocvec(&map)?)?;
        assert!(
            matches!(back, ByArticle::Few(_)),
            "{} entries fit a list",
            back.len()
        );
        assert_eq!(back, map, "equal across forms");
        Ok(())
    }

    #[test]
    fn a_short_map_has_no_spare_room() {
        let mut map = ByArticle::default();
        map.insert("b".to_string(), 1u32);
        map.insert("a".to_string(), 2);
        assert!(matches!(&map, ByArticle::Few(l) if l.capacity() == 2));
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(map.remove("a"), Some(2));
        assert!(!map.contains_key("a") && map.contains_key("b"));
    }
}
