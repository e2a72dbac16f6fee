//! Stem weights (inverse document frequencies), worked out once each per comparison.
//!
//! Scoring a claim's candidates asks the weight of every stem of every candidate, most of them
//! shared with the claim and with one another. The answers are kept in a small direct-mapped
//! table, by stem hash: a hit is one read, where a hash map's probe cost about fifty
//! instructions, and a stem whose slot another took is simply worked out again, to the same
//! value. Tables are reused from comparison to comparison (a new generation each time, so
//! nothing is cleared), one per concurrent comparison.

use super::grouper::ClaimGrouper;

/// Slots in a table: room for the few hundred distinct stems of a claim and its candidates
/// (16 KiB).
const SLOTS: usize = 1024;

/// One stem's weight, valid in the generation it was written in.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    hash: u64,
    generation: u32,
    weight: f32,
}

/// A direct-mapped table of stem weights.
#[derive(Debug)]
pub(crate) struct WeightTable {
    slots: Box<[Slot]>,
    /// The generation being written; slots of other generations are empty.
    generation: u32,
}

impl Default for WeightTable {
    fn default() -> Self {
        WeightTable {
            slots: vec![Slot::default(); SLOTS].into_boxed_slice(),
            generation: 0,
        }
    }
}

impl WeightTable {
    /// Empties the table for a new comparison.
    fn renew(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // generation 0 is what a slot never written holds
            self.slots.fill(Slot::default());
            self.generation = 1;
        }
    }
}

/// Stem weights of a grouper as it stands, each worked out once (see the module).
pub(super) struct Weights<'a> {
    grouper: &'a ClaimGrouper,
    table: &'a mut WeightTable,
}

impl Weights<'_> {
    /// The weight of the stem with hash `hash`.
    pub(super) fn of(&mut self, hash: u64) -> f32 {
        let generation = self.table.generation;
        let slot = &mut self.table.slots[hash as usize % SLOTS];
        if slot.generation == generation && slot.hash == hash {
            return slot.weight;
        }
        let weight = self.grouper.idf(hash);
        *slot = Slot {
            hash,
            generation,
            weight,
        };
        weight
    }
}

impl ClaimGrouper {
    /// Number of claims carrying the stem with this hash.
    pub(super) fn df(&self, hash: u64) -> usize {
        self.postings.len(hash)
    }

    /// Inverse document frequency of a stem carried by `df` claims.
    pub(super) fn idf_of_df(&self, df: usize) -> f32 {
        (1.0 + (self.members.len() as f32 + 1.0) / (df as f32 + 1.0)).ln()
    }

    /// Inverse document frequency of the stem with this hash.
    pub(super) fn idf(&self, hash: u64) -> f32 {
        self.idf_of_df(self.df(hash))
    }

    /// Runs `f` with the stem weights of the grouper as it stands (it cannot change meanwhile).
    pub(super) fn weighing<R>(&self, f: impl FnOnce(&mut Weights<'_>) -> R) -> R {
        self.weight_tables.with(|table| {
            table.renew();
            f(&mut Weights {
                grouper: self,
                table,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_the_grouper_s_whatever_shares_a_slot() {
        let mut g = ClaimGrouper::new();
        g.add("a", "The bridge will reopen to traffic on Monday.", None);
        g.add("b", "The council voted to reopen the bridge.", None);
        let hashes: Vec<u64> = g.postings.keys().collect();
        // stems sharing a slot with each other, and one never seen
        let crowded: Vec<u64> = hashes
            .iter()
            .map(|h| h % SLOTS as u64)
            .chain([7, 7 + SLOTS as u64, 7 + 2 * SLOTS as u64])
            .collect();
        for round in 0..3 {
            g.weighing(|w| {
                for &h in hashes.iter().chain(&crowded).chain(&hashes) {
                    assert_eq!(w.of(h).to_bits(), g.idf(h).to_bits(), "round {round}");
                }
            });
        }
        // a table left over from before the grouper changed is not trusted
        let before = g.weighing(|w| w.of(hashes[0]));
        g.add(
            "c",
            "Heavy rain fell across the whole region on Tuesday.",
            None,
        );
        let after = g.weighing(|w| w.of(hashes[0]));
        assert_eq!(after.to_bits(), g.idf(hashes[0]).to_bits());
        assert_ne!(before.to_bits(), after.to_bits(), "the claim count changed");
        assert_eq!(g.weight_tables.idle().len(), 1, "one table, reused");
    }

    #[test]
    fn a_table_outlives_its_generations() {
        let mut t = WeightTable {
            generation: u32::MAX,
            ..WeightTable::default()
        };
        t.slots[3] = Slot {
            hash: 3,
            generation: 1,
            weight: 9.0,
        };
        t.renew();
        assert_eq!(t.generation, 1);
        assert_eq!(
            t.slots[3].generation, 0,
            "cleared when the generations wrap"
        );
    }
}
