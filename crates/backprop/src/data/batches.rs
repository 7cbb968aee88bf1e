//! Mini-batches: one epoch's samples, shuffled, in groups.

use crate::maths::shape::room_for;
use crate::maths::ChaCha8Rng;
use rand::seq::SliceRandom;

/// The indices 0..n shuffled, then cut into batches of `batch_size` (the last
/// one smaller if n is not a multiple). One call per epoch gives a new order.
///
/// # Panics
/// If `batch_size` is 0, or n indices do not fit in memory.
#[track_caller]
pub fn mini_batches(n: usize, batch_size: usize, rng: &mut ChaCha8Rng) -> Vec<Vec<usize>> {
    assert!(batch_size > 0, "mini_batches: batch_size is 0; a batch needs at least one sample");
    let mut order: Vec<usize> = room_for("mini_batches", "the list of sample indices", n);
    order.extend(0..n);
    order.shuffle(rng);
    order.chunks(batch_size).map(<[usize]>::to_vec).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::rng;

    #[test]
    fn every_sample_once_per_epoch() {
        let b = mini_batches(10, 4, &mut rng(0));
        assert_eq!(b.iter().map(Vec::len).collect::<Vec<_>>(), vec![4, 4, 2]);
        let mut all: Vec<usize> = b.concat();
        all.sort_unstable();
        assert_eq!(all, (0..10).collect::<Vec<_>>());
    }
}
