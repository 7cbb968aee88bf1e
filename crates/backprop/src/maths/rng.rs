//! Seeded, portable randomness.
//!
//! ChaCha8 gives the same stream on every platform and every run, so a
//! notebook's stored outputs are exactly what a fresh run prints.

use crate::maths::shape::{element_count, matrix_of};
use ndarray::{Array1, Array2};
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
///
/// # Shapes
/// returns rows × cols.
///
/// # Panics
/// If rows × cols numbers do not fit in memory.
#[track_caller]
pub fn randn(rng: &mut ChaCha8Rng, rows: usize, cols: usize) -> Array2<f64> {
    matrix_of("randn", "the matrix", (rows, cols), |_, _| {
        let u1: f64 = 1.0 - rng.gen::<f64>(); // in (0, 1], so ln is finite
        let u2: f64 = rng.gen();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    })
}

/// PyTorch's default initialisation of a linear layer with I inputs and O
/// outputs: weights (O × I), then biases (O), each uniform in [−1/√I, 1/√I),
/// drawn from `rng` in that order. Both paths' `Linear` use it.
///
/// # Shapes
/// Returns (w: O × I, b: O).
///
/// # Panics
/// If either size is 0 (a layer needs at least one input and one output), or
/// the weights would not fit in memory.
#[track_caller]
pub fn pytorch_init(in_features: usize, out_features: usize, rng: &mut ChaCha8Rng) -> (Array2<f64>, Array1<f64>) {
    layer_init("pytorch_init", in_features, out_features, rng)
}

/// [`pytorch_init`] for the layer constructor `op`, which the messages name.
#[track_caller]
pub(crate) fn layer_init(
    op: &str,
    in_features: usize,
    out_features: usize,
    rng: &mut ChaCha8Rng,
) -> (Array2<f64>, Array1<f64>) {
    assert!(
        in_features > 0 && out_features > 0,
        "{op}: in_features = {in_features} and out_features = {out_features} must both be at least 1"
    );
    element_count(op, "the weight matrix", &[out_features, in_features]);
    let bound = 1.0 / (in_features as f64).sqrt();
    let w = matrix_of(op, "the weight matrix", (out_features, in_features), |_, _| rng.gen_range(-bound..bound));
    let b = Array1::from_shape_fn(out_features, |_| rng.gen_range(-bound..bound));
    (w, b)
}

/// A rows × cols matrix of numbers uniform in [lo, hi).
///
/// # Shapes
/// returns rows × cols.
///
/// # Panics
/// Unless lo and hi are finite with lo < hi, or if the matrix would not fit in memory.
#[track_caller]
pub fn uniform(rng: &mut ChaCha8Rng, rows: usize, cols: usize, lo: f64, hi: f64) -> Array2<f64> {
    assert!(
        lo.is_finite() && hi.is_finite() && lo < hi,
        "uniform: the range [lo, hi) = [{lo}, {hi}) must have finite ends with lo < hi"
    );
    matrix_of("uniform", "the matrix", (rows, cols), |_, _| rng.gen_range(lo..hi))
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
    #[should_panic(expected = "pytorch_init: in_features = 0 and out_features = 3 must both be at least 1")]
    fn a_layer_without_inputs_is_refused() {
        pytorch_init(0, 3, &mut rng(0));
    }

    #[test]
    fn uniform_stays_in_range() {
        let u = uniform(&mut rng(2), 10, 10, 0.0, 5.0);
        assert!(u.iter().all(|&v| (0.0..5.0).contains(&v)));
    }
}
