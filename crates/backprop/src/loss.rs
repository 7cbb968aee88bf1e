//! Loss functions L(prediction, target) and their gradients dL/dprediction.
//!
//! Per-sample losses are pure functions on `f64` (the lessons' single neuron);
//! [`MseLoss`] is the batched mean-squared error of `torch.nn.MSELoss`.
//!
//! Shape legend: B = batch size, O = outputs per sample, C = classes.

use crate::shape::assert_same_shape;
use ndarray::{Array1, Array2};

/// Day 3's loss: L = ½(a − y)².
pub fn half_squared_error(a: f64, y: f64) -> f64 {
    0.5 * (a - y) * (a - y)
}

/// dL/da of ½(a − y)²: the ½ cancels the square's 2, leaving a − y.
pub fn half_squared_error_grad(a: f64, y: f64) -> f64 {
    a - y
}

/// Day 10's loss: L = (a − y)².
pub fn squared_error(a: f64, y: f64) -> f64 {
    (a - y) * (a - y)
}

/// dL/da of (a − y)²: 2(a − y).
pub fn squared_error_grad(a: f64, y: f64) -> f64 {
    2.0 * (a - y)
}

/// Binary cross-entropy L = −[y·ln a + (1 − y)·ln(1 − a)], for a ∈ (0, 1).
///
/// `a` is clamped to [1e-12, 1 − 1e-12] so a saturated sigmoid gives a large
/// finite loss instead of `inf`.
pub fn binary_cross_entropy(a: f64, y: f64) -> f64 {
    let a = a.clamp(1e-12, 1.0 - 1e-12);
    -(y * a.ln() + (1.0 - y) * (1.0 - a).ln())
}

/// dL/da of binary cross-entropy: (a − y) / (a(1 − a)).
///
/// Multiplied by a sigmoid's da/dz = a(1 − a) this becomes the famous dL/dz = a − y.
pub fn binary_cross_entropy_grad(a: f64, y: f64) -> f64 {
    let a = a.clamp(1e-12, 1.0 - 1e-12);
    (a - y) / (a * (1.0 - a))
}

/// Softmax of a vector of logits, computed stably by subtracting the maximum.
///
/// softmax(z)_k = e^(z_k − m) / Σ_j e^(z_j − m), with m = max_j z_j.
pub fn softmax(logits: &Array1<f64>) -> Array1<f64> {
    let m = logits.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
    let e = logits.mapv(|v| (v - m).exp());
    let s = e.sum();
    e / s
}

/// Softmax cross-entropy for one sample: L = −ln softmax(z)_class
/// = log-sum-exp(z) − z_class, stable for logits as large as 1000.
///
/// # Panics
/// If `class` is not a valid index into `logits`.
#[track_caller]
pub fn softmax_cross_entropy(logits: &Array1<f64>, class: usize) -> f64 {
    check_class(logits, class);
    let m = logits.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
    let lse = m + logits.mapv(|v| (v - m).exp()).sum().ln();
    lse - logits[class]
}

/// dL/dz of softmax cross-entropy: softmax(z) − onehot(class).
///
/// # Panics
/// If `class` is not a valid index into `logits`.
#[track_caller]
pub fn softmax_cross_entropy_grad(logits: &Array1<f64>, class: usize) -> Array1<f64> {
    check_class(logits, class);
    let mut g = softmax(logits);
    g[class] -= 1.0;
    g
}

#[track_caller]
fn check_class(logits: &Array1<f64>, class: usize) {
    assert!(
        class < logits.len(),
        "softmax_cross_entropy: target class {class} is out of range for {} logits (valid classes are 0..{})",
        logits.len(),
        logits.len()
    );
}

/// A per-sample loss the single-neuron lessons choose between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleLoss {
    /// L = ½(a − y)² (Day 3).
    HalfSquared,
    /// L = (a − y)² (Day 10).
    Squared,
    /// L = −[y·ln a + (1 − y)·ln(1 − a)].
    BinaryCrossEntropy,
}

impl SampleLoss {
    /// The loss value L(a, y).
    pub fn value(self, a: f64, y: f64) -> f64 {
        match self {
            SampleLoss::HalfSquared => half_squared_error(a, y),
            SampleLoss::Squared => squared_error(a, y),
            SampleLoss::BinaryCrossEntropy => binary_cross_entropy(a, y),
        }
    }

    /// The gradient dL/da.
    pub fn grad(self, a: f64, y: f64) -> f64 {
        match self {
            SampleLoss::HalfSquared => half_squared_error_grad(a, y),
            SampleLoss::Squared => squared_error_grad(a, y),
            SampleLoss::BinaryCrossEntropy => binary_cross_entropy_grad(a, y),
        }
    }
}

/// Mean squared error over every element, as `torch.nn.MSELoss()`:
/// L = (1/N) Σ (pred − target)², with N = B·O.
///
/// `forward` caches the difference pred − target; `backward` turns it into
/// dL/dpred = 2(pred − target)/N.
///
/// # Shapes
/// - pred, target: B × O
/// - backward(): B × O
#[derive(Clone, Debug, Default)]
pub struct MseLoss {
    /// Cache from the last `forward`: pred − target (B × O).
    pub diff: Option<Array2<f64>>,
}

impl MseLoss {
    /// A loss with an empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// L = mean((pred − target)²); caches pred − target for `backward`.
    ///
    /// # Panics
    /// If `pred` and `target` have different shapes (the message names both).
    #[track_caller]
    pub fn forward(&mut self, pred: &Array2<f64>, target: &Array2<f64>) -> f64 {
        assert_same_shape("MseLoss::forward", "pred", pred.shape(), "target", target.shape());
        let diff = pred - target;
        let loss = diff.mapv(|d| d * d).mean().unwrap_or(0.0);
        self.diff = Some(diff);
        loss
    }

    /// dL/dpred = 2(pred − target) / N, with N = B·O (B × O).
    ///
    /// # Panics
    /// If `forward` has not run yet.
    #[track_caller]
    pub fn backward(&self) -> Array2<f64> {
        let diff = self
            .diff
            .as_ref()
            .expect("MseLoss::backward called before forward: run loss.forward(&pred, &target) first");
        let n = diff.len() as f64;
        diff.mapv(|d| 2.0 * d / n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gradcheck::central_difference;
    use approx::assert_relative_eq;
    use ndarray::array;

    #[test]
    fn hand_checkable_values() {
        assert_eq!(half_squared_error(0.5, 1.0), 0.125);
        assert_eq!(half_squared_error_grad(0.5, 1.0), -0.5);
        assert_eq!(squared_error(0.76, 3.0), (0.76f64 - 3.0).powi(2));
        assert_eq!(squared_error_grad(0.76, 3.0), 2.0 * (0.76 - 3.0));
    }

    #[test]
    fn sample_loss_gradients_match_central_differences() {
        for loss in [SampleLoss::HalfSquared, SampleLoss::Squared, SampleLoss::BinaryCrossEntropy] {
            for (a, y) in [(0.3, 1.0), (0.8, 0.0), (0.55, 0.4)] {
                let numeric = central_difference(|v| loss.value(v, y), a, 1e-6);
                assert_relative_eq!(loss.grad(a, y), numeric, max_relative = 1e-7);
            }
        }
    }

    #[test]
    fn softmax_cross_entropy_is_stable_and_its_gradient_checks() {
        let big = array![1000.0, 0.0, -1000.0];
        assert_eq!(softmax_cross_entropy(&big, 0), 0.0);
        assert_eq!(softmax_cross_entropy(&big, 1), 1000.0);
        let z = array![0.2, -1.3, 0.7];
        let g = softmax_cross_entropy_grad(&z, 2);
        for k in 0..3 {
            let numeric = central_difference(
                |v| {
                    let mut zz = z.clone();
                    zz[k] = v;
                    softmax_cross_entropy(&zz, 2)
                },
                z[k],
                1e-6,
            );
            assert_relative_eq!(g[k], numeric, epsilon = 1e-9);
        }
    }

    #[test]
    #[should_panic(expected = "target class 3 is out of range for 3 logits")]
    fn class_out_of_range_is_named() {
        softmax_cross_entropy(&array![0.0, 1.0, 2.0], 3);
    }

    #[test]
    #[should_panic(expected = "MseLoss::forward: pred has shape [2, 1] but target has shape [1, 2]")]
    fn mse_shape_mismatch_names_both_shapes() {
        MseLoss::new().forward(&array![[1.0], [2.0]], &array![[1.0, 2.0]]);
    }

    #[test]
    #[should_panic(expected = "MseLoss::backward called before forward")]
    fn mse_backward_before_forward_says_so() {
        MseLoss::new().backward();
    }
}
