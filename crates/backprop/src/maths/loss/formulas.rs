//! The per-element loss formulas on `f64`, with their gradients for the
//! prediction and for the target.

/// Day 3's loss: L = ½(a − y)².
#[inline]
pub fn half_squared_error(a: f64, y: f64) -> f64 {
    0.5 * (a - y) * (a - y)
}

/// dL/da of ½(a − y)²: the ½ cancels the square's 2, leaving a − y.
#[inline]
pub fn half_squared_error_grad(a: f64, y: f64) -> f64 {
    a - y
}

/// Day 10's loss: L = (a − y)².
#[inline]
pub fn squared_error(a: f64, y: f64) -> f64 {
    (a - y) * (a - y)
}

/// dL/da of (a − y)²: 2(a − y).
#[inline]
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
#[inline]
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
#[inline]
pub fn binary_cross_entropy_grad(a: f64, y: f64) -> f64 {
    check_probability(a);
    let d = a * (1.0 - a);
    (a - y) / if d < BCE_EPS { BCE_EPS } else { d }
}

/// dL/dy of binary cross-entropy, the gradient for the *target*:
/// −(ln a − ln(1 − a)), with PyTorch's clamped logs.
#[track_caller]
#[inline]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::{central_difference, Loss};
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
    #[should_panic(expected = "binary_cross_entropy: the prediction 1.5 is outside [0, 1]")]
    fn bce_refuses_a_prediction_that_is_not_a_probability() {
        binary_cross_entropy(1.5, 1.0);
    }
}
