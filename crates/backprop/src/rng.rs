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

/// A rows × cols matrix of independent standard normal numbers (mean 0,
/// variance 1), by the Box–Muller transform: z = √(−2 ln u₁)·cos(2π u₂).
pub fn randn(rng: &mut ChaCha8Rng, rows: usize, cols: usize) -> ndarray::Array2<f64> {
    ndarray::Array2::from_shape_simple_fn((rows, cols), || {
        let u1: f64 = 1.0 - rng.gen::<f64>(); // in (0, 1], so ln is finite
        let u2: f64 = rng.gen();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    })
}

/// A rows × cols matrix of numbers uniform in [lo, hi).
pub fn uniform(rng: &mut ChaCha8Rng, rows: usize, cols: usize, lo: f64, hi: f64) -> ndarray::Array2<f64> {
    ndarray::Array2::from_shape_simple_fn((rows, cols), || rng.gen_range(lo..hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn randn_has_mean_zero_and_unit_variance() {
        let z = randn(&mut rng(1), 200, 50);
        let mean = z.mean().unwrap();
        let var = z.mapv(|v| (v - mean) * (v - mean)).mean().unwrap();
        assert!(mean.abs() < 0.03 && (var - 1.0).abs() < 0.05, "mean {mean}, variance {var}");
    }

    #[test]
    fn uniform_stays_in_range() {
        let u = uniform(&mut rng(2), 10, 10, 0.0, 5.0);
        assert!(u.iter().all(|&v| (0.0..5.0).contains(&v)));
    }
}
