//! The one loss module of the course: every loss L(prediction, target) and its
//! gradient, used by both paths (the hand-written types and the engine), so the
//! two always compute the same number.
//!
//! Per-element formulas are plain functions on `f64`; [`Loss`] names the three
//! losses the lessons train with and averages them over a batch, as PyTorch's
//! loss modules do (`reduction = "mean"`).
//!
//! NaN is never hidden: a NaN prediction gives a NaN loss and a NaN gradient,
//! so a training loop can notice that it diverged.

use crate::maths::shape::assert_same_shape;
use ndarray::{Array, Array1, Dimension, Zip};

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

/// PyTorch clamps each log in BCE at −100, so a saturated prediction (a = 0 or 1)
/// gives a large finite loss instead of infinity.
const LOG_FLOOR: f64 = -100.0;
/// PyTorch's BCE gradient divides by max(a(1 − a), 1e-12).
const BCE_EPS: f64 = 1e-12;

/// ln v clamped below at −100, with NaN kept as NaN (`f64::max` would turn it into −100).
fn clamped_ln(v: f64) -> f64 {
    let l = v.ln();
    if l < LOG_FLOOR {
        LOG_FLOOR
    } else {
        l
    }
}

/// Panics unless `a` is a probability (NaN passes, so it can propagate).
#[track_caller]
fn check_probability(a: f64) {
    assert!(
        a.is_nan() || (0.0..=1.0).contains(&a),
        "binary_cross_entropy: the prediction {a} is outside [0, 1]; BCE needs probabilities \
         (put a sigmoid before it, or use bce_with_logits on the raw output)"
    );
}

/// Binary cross-entropy L = −[y·ln a + (1 − y)·ln(1 − a)] for a probability a,
/// with each log clamped at −100 as `torch.nn.BCELoss` does.
///
/// ```
/// use backprop::binary_cross_entropy;
/// assert!((binary_cross_entropy(0.5, 1.0) - 2f64.ln()).abs() < 1e-15);
/// assert_eq!(binary_cross_entropy(0.0, 1.0), 100.0); // saturated: PyTorch's value
/// assert!(binary_cross_entropy(f64::NAN, 1.0).is_nan());
/// ```
///
/// # Panics
/// If `a` is outside [0, 1] (PyTorch refuses such input too).
#[track_caller]
pub fn binary_cross_entropy(a: f64, y: f64) -> f64 {
    check_probability(a);
    -(y * clamped_ln(a) + (1.0 - y) * clamped_ln(1.0 - a))
}

/// dL/da of binary cross-entropy: (a − y) / (a(1 − a)), the denominator kept
/// at least 1e-12 as in PyTorch. Multiplied by a sigmoid's da/dz = a(1 − a) this
/// becomes the famous dL/dz = a − y.
///
/// # Panics
/// If `a` is outside [0, 1].
#[track_caller]
pub fn binary_cross_entropy_grad(a: f64, y: f64) -> f64 {
    check_probability(a);
    let d = a * (1.0 - a);
    (a - y) / if d < BCE_EPS { BCE_EPS } else { d }
}

/// dL/dy of binary cross-entropy, the gradient for the *target*:
/// −(ln a − ln(1 − a)), with PyTorch's clamped logs.
#[track_caller]
pub fn binary_cross_entropy_target_grad(a: f64) -> f64 {
    check_probability(a);
    clamped_ln(1.0 - a) - clamped_ln(a)
}

/// BCE on a logit z (before the sigmoid), computed stably as
/// max(z, 0) − z·y + ln(1 + e^(−|z|)), as `torch.nn.BCEWithLogitsLoss`.
pub fn bce_with_logits(z: f64, y: f64) -> f64 {
    z.max(0.0) - z * y + (-z.abs()).exp().ln_1p()
}

/// dL/dz of BCE with logits: σ(z) − y, finite even for |z| = 1000.
pub fn bce_with_logits_grad(z: f64, y: f64) -> f64 {
    crate::maths::sigmoid(z) - y
}

/// dL/dy of BCE with logits: −z.
pub fn bce_with_logits_target_grad(z: f64) -> f64 {
    -z
}

/// Softmax of a vector of logits (length C), computed stably by subtracting the
/// maximum m: softmax(z)_k = e^(z_k − m) / Σ_j e^(z_j − m).
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
    check_class("softmax_cross_entropy", logits.len(), class);
    let m = logits.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
    let lse = m + logits.mapv(|v| (v - m).exp()).sum().ln();
    lse - logits[class]
}

/// dL/dz of softmax cross-entropy: softmax(z) − onehot(class) (length C).
///
/// # Panics
/// If `class` is not a valid index into `logits`.
#[track_caller]
pub fn softmax_cross_entropy_grad(logits: &Array1<f64>, class: usize) -> Array1<f64> {
    check_class("softmax_cross_entropy", logits.len(), class);
    let mut g = softmax(logits);
    g[class] -= 1.0;
    g
}

/// Panics unless `class` < `classes`.
#[track_caller]
fn check_class(op: &str, classes: usize, class: usize) {
    assert!(
        class < classes,
        "{op}: target class {class} is out of range for {classes} logits (valid classes are 0..{classes})"
    );
}

/// The losses the lessons train with. Over a batch each is the **mean** of the
/// per-element loss, as in PyTorch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// L = ½(a − y)² (Day 3's neuron).
    HalfSquared,
    /// L = (a − y)²; averaged over a batch this is the mean squared error,
    /// `torch.nn.MSELoss` (Day 10's neuron is the batch of one).
    Mse,
    /// Binary cross-entropy on probabilities, `torch.nn.BCELoss`.
    Bce,
}

impl Loss {
    /// The per-element loss L(a, y).
    ///
    /// # Panics
    /// For `Bce`, if `a` is outside [0, 1].
    #[track_caller]
    pub fn value(self, a: f64, y: f64) -> f64 {
        match self {
            Loss::HalfSquared => half_squared_error(a, y),
            Loss::Mse => squared_error(a, y),
            Loss::Bce => binary_cross_entropy(a, y),
        }
    }

    /// The per-element gradient dL/da.
    ///
    /// # Panics
    /// For `Bce`, if `a` is outside [0, 1].
    #[track_caller]
    pub fn grad(self, a: f64, y: f64) -> f64 {
        match self {
            Loss::HalfSquared => half_squared_error_grad(a, y),
            Loss::Mse => squared_error_grad(a, y),
            Loss::Bce => binary_cross_entropy_grad(a, y),
        }
    }

    /// The per-element gradient for the target, dL/dy.
    ///
    /// # Panics
    /// For `Bce`, if `a` is outside [0, 1].
    #[track_caller]
    pub fn target_grad(self, a: f64, y: f64) -> f64 {
        match self {
            Loss::HalfSquared => -half_squared_error_grad(a, y),
            Loss::Mse => -squared_error_grad(a, y),
            Loss::Bce => binary_cross_entropy_target_grad(a),
        }
    }

    /// The loss's name as the lessons write it.
    pub fn name(self) -> &'static str {
        match self {
            Loss::HalfSquared => "½(a − y)²",
            Loss::Mse => "MSE",
            Loss::Bce => "BCE",
        }
    }

    /// The mean loss over a batch: L = (1/N) Σ value(aᵢ, yᵢ), with N elements.
    /// An empty batch gives NaN (a mean of nothing), as in PyTorch.
    ///
    /// # Shapes
    /// pred and target: the same shape, any dimension (for example B × O).
    ///
    /// # Panics
    /// If the shapes differ (the message names both), or for `Bce` a prediction
    /// is outside [0, 1].
    #[track_caller]
    pub fn mean<D: Dimension>(self, pred: &Array<f64, D>, target: &Array<f64, D>) -> f64 {
        assert_same_shape(self.op(), "pred", pred.shape(), "target", target.shape());
        let mut total = 0.0;
        Zip::from(pred).and(target).for_each(|&a, &y| total += self.value(a, y));
        total / pred.len() as f64
    }

    /// dL/dpred of [`Loss::mean`]: value′(aᵢ, yᵢ) / N for every element.
    ///
    /// # Shapes
    /// pred, target and the result: the same shape.
    ///
    /// # Panics
    /// As [`Loss::mean`].
    #[track_caller]
    pub fn mean_grad<D: Dimension>(self, pred: &Array<f64, D>, target: &Array<f64, D>) -> Array<f64, D> {
        self.mean_grad_with(pred, target, |a, y| self.grad(a, y))
    }

    /// dL/dtarget of [`Loss::mean`]: target_grad(aᵢ, yᵢ) / N for every element.
    ///
    /// # Panics
    /// As [`Loss::mean`].
    #[track_caller]
    pub fn mean_target_grad<D: Dimension>(self, pred: &Array<f64, D>, target: &Array<f64, D>) -> Array<f64, D> {
        self.mean_grad_with(pred, target, |a, y| self.target_grad(a, y))
    }

    #[track_caller]
    fn mean_grad_with<D: Dimension>(
        self,
        pred: &Array<f64, D>,
        target: &Array<f64, D>,
        f: impl Fn(f64, f64) -> f64,
    ) -> Array<f64, D> {
        assert_same_shape(self.op(), "pred", pred.shape(), "target", target.shape());
        let n = pred.len() as f64;
        let mut g = pred.clone();
        g.zip_mut_with(target, |a, &y| *a = f(*a, y) / n);
        g
    }

    /// The operation's name in messages and graph drawings.
    pub(crate) fn op(self) -> &'static str {
        match self {
            Loss::HalfSquared => "half_squared_loss",
            Loss::Mse => "mse_loss",
            Loss::Bce => "bce_loss",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::central_difference;
    use approx::assert_relative_eq;
    use ndarray::array;

    const ALL: [Loss; 3] = [Loss::HalfSquared, Loss::Mse, Loss::Bce];

    #[test]
    fn hand_checkable_values() {
        assert_eq!(half_squared_error(0.5, 1.0), 0.125);
        assert_eq!(half_squared_error_grad(0.5, 1.0), -0.5);
        assert_eq!(squared_error(0.76, 3.0), (0.76f64 - 3.0).powi(2));
        assert_eq!(squared_error_grad(0.76, 3.0), 2.0 * (0.76 - 3.0));
        assert_eq!(Loss::Mse.mean(&array![[1.0], [3.0]], &array![[0.0], [0.0]]), 5.0);
        assert_eq!(Loss::Mse.mean_grad(&array![[1.0], [3.0]], &array![[0.0], [0.0]]), array![[1.0], [3.0]]);
    }

    #[test]
    fn gradients_match_central_differences() {
        for loss in ALL {
            for (a, y) in [(0.3, 1.0), (0.8, 0.0), (0.55, 0.4)] {
                let numeric = central_difference(|v| loss.value(v, y), a, 1e-6);
                assert_relative_eq!(loss.grad(a, y), numeric, max_relative = 1e-7);
                let numeric_y = central_difference(|v| loss.value(a, v), y, 1e-6);
                assert_relative_eq!(loss.target_grad(a, y), numeric_y, max_relative = 1e-7);
            }
        }
        for (z, y) in [(-2.0, 1.0), (0.4, 0.0), (3.0, 0.3)] {
            assert_relative_eq!(
                bce_with_logits_grad(z, y),
                central_difference(|v| bce_with_logits(v, y), z, 1e-6),
                max_relative = 1e-7
            );
            let ny = central_difference(|v| bce_with_logits(z, v), y, 1e-6);
            assert_relative_eq!(bce_with_logits_target_grad(z), ny, max_relative = 1e-7);
        }
    }

    #[test]
    fn bce_saturates_as_pytorch_does() {
        // torch.nn.BCELoss()(torch.tensor([0.]), torch.tensor([1.])) = 100
        assert_eq!(binary_cross_entropy(0.0, 1.0), 100.0);
        assert_eq!(binary_cross_entropy(1.0, 0.0), 100.0);
        assert_eq!(binary_cross_entropy(1.0, 1.0), 0.0);
        assert_eq!(binary_cross_entropy_grad(0.0, 1.0), -1e12);
    }

    #[test]
    fn nan_is_never_absorbed() {
        for loss in ALL {
            assert!(loss.value(f64::NAN, 1.0).is_nan(), "{loss:?}");
            assert!(loss.grad(f64::NAN, 1.0).is_nan(), "{loss:?}");
        }
        assert!(bce_with_logits(f64::NAN, 1.0).is_nan());
        assert!(Loss::Mse.mean(&array![f64::NAN, 1.0], &array![0.0, 1.0]).is_nan());
    }

    #[test]
    fn an_empty_batch_has_no_mean() {
        let empty = ndarray::Array2::<f64>::zeros((0, 1));
        assert!(Loss::Mse.mean(&empty, &empty).is_nan());
    }

    #[test]
    #[should_panic(expected = "binary_cross_entropy: the prediction 1.5 is outside [0, 1]")]
    fn bce_refuses_a_prediction_that_is_not_a_probability() {
        binary_cross_entropy(1.5, 1.0);
    }

    #[test]
    fn softmax_cross_entropy_is_stable_and_its_gradient_checks() {
        let big = array![1000.0, 0.0, -1000.0];
        assert_eq!(softmax_cross_entropy(&big, 0), 0.0);
        assert_eq!(softmax_cross_entropy(&big, 1), 1000.0);
        let z = array![0.2, -1.3, 0.7];
        let g = softmax_cross_entropy_grad(&z, 2);
        for k in 0..3 {
            let mut probe = z.clone();
            let numeric = central_difference(
                |v| {
                    probe[k] = v;
                    softmax_cross_entropy(&probe, 2)
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
    #[should_panic(expected = "mse_loss: pred has shape [2, 1] but target has shape [1, 2]")]
    fn shape_mismatch_names_both_shapes() {
        Loss::Mse.mean(&array![[1.0], [2.0]], &array![[1.0, 2.0]]);
    }
}
