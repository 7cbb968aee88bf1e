//! Seeded, portable randomness.
//!
//! ChaCha8 gives the same stream on every platform and every run, so a
//! notebook's stored outputs are exactly what a fresh run prints.

pub use rand::Rng;
use rand::SeedableRng;
pub use rand_chacha::ChaCha8Rng;

/// A ChaCha8 generator seeded with `seed`.
///
/// ```
/// use backprop::{rng, Rng};
/// let a: f64 = rng(42).gen();
/// let b: f64 = rng(42).gen();
/// assert_eq!(a, b);
/// ```
pub fn rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}
