//! Sums by small integer id, for the candidate searches of quotes and claims: a vector indexed by
//! id and the list of ids reached, reused from call to call, where a hash map would grow and
//! rehash on every call. Lent from a pool, so that concurrent lookups each have their own.

use parking_lot::Mutex;
use std::ops::AddAssign;

/// Sums per id, and the ids with a sum, in the order first reached. Every id not reached sums to
/// zero, so the amounts added must not be zero or cancel out (counts, positive weights).
#[derive(Debug, Default)]
pub(crate) struct DenseSums<T> {
    sums: Vec<T>,
    touched: Vec<u32>,
}

impl<T: Copy + Default + PartialEq + AddAssign> DenseSums<T> {
    /// Adds `amount` to the sum of `id` (4 bytes or so per id up to the largest seen).
    #[inline]
    pub(crate) fn add(&mut self, id: u32, amount: T) {
        let Some(sum) = self.sums.get_mut(id as usize) else {
            return self.add_beyond(id, amount);
        };
        if *sum == T::default() {
            self.touched.push(id);
        }
        *sum += amount;
    }

    /// [`Self::add`] for an id past the sums held: rare once the sums have grown to the ids.
    #[cold]
    #[inline(never)]
    fn add_beyond(&mut self, id: u32, amount: T) {
        self.sums.resize(id as usize + 1, T::default());
        self.add(id, amount);
    }

    /// Every id reached with its sum, in the order first reached, setting the sums back to zero
    /// for the next call.
    pub(crate) fn drain(&mut self) -> impl Iterator<Item = (u32, T)> + '_ {
        let sums = &mut self.sums;
        self.touched.drain(..).map(move |id| {
            (
                id,
                sums.get_mut(id as usize)
                    .map_or_else(T::default, std::mem::take),
            )
        })
    }

    /// True when every sum is zero and no id is listed: as a call must leave it.
    #[cfg(test)]
    pub(crate) fn is_clean(&self) -> bool {
        self.touched.is_empty() && self.sums.iter().all(|s| *s == T::default())
    }

    /// How many ids it has room for.
    #[cfg(test)]
    pub(crate) fn capacity(&self) -> usize {
        self.sums.len()
    }
}

/// Scratch values lent to concurrent calls, one each: as many as calls ever ran at once.
#[derive(Debug, Default)]
pub(crate) struct Pool<T>(Mutex<Vec<T>>);

impl<T: Default> Pool<T> {
    /// Runs `f` with a value of the pool (a new one when all are lent) and takes it back.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut t = self.0.lock().pop().unwrap_or_default();
        let out = f(&mut t);
        self.0.lock().push(t);
        out
    }

    /// The values not lent right now.
    #[cfg(test)]
    pub(crate) fn idle(&self) -> parking_lot::MutexGuard<'_, Vec<T>> {
        self.0.lock()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_by_id_in_order_of_first_reach_and_drains_clean() {
        let mut d = DenseSums::default();
        for (id, n) in [(7, 1u32), (2, 1), (7, 1), (40, 3)] {
            d.add(id, n);
        }
        assert_eq!(d.drain().collect::<Vec<_>>(), [(7, 2), (2, 1), (40, 3)]);
        assert!(d.is_clean());
        assert!(d.capacity() >= 41);
        d.add(2, 5);
        assert_eq!(d.drain().collect::<Vec<_>>(), [(2, 5)]);
    }

    #[test]
    fn a_pool_lends_one_value_per_call_at_once() {
        let pool: Pool<Vec<u8>> = Pool::default();
        pool.with(|a| {
            a.push(1);
            // a call inside a call gets its own
            pool.with(|b| assert!(b.is_empty()));
        });
        assert_eq!(pool.idle().len(), 2);
    }
}
