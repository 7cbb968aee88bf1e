//! Softmax and the softmax cross-entropy of one sample, computed stably.

use ndarray::Array1;

/// Softmax of a vector of logits (length C), computed stably by subtracting the
/// maximum m: softmax(z)_k = e^(z_k − m) / Σ_j e^(z_j − m).
///
/// # Shapes
/// logits and the result: C.
pub fn softmax(logits: &Array1<f64>) -> Array1<f64> {
    let m = logits.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
    let e = logits.mapv(|v| (v - m).exp());
    let s = e.sum();
    e / s
}

/// Softmax cross-entropy for one sample: L = −ln softmax(z)_class
/// = log-sum-exp(z) − z_class, stable for logits as large as 1000.
///
/// # Shapes
/// logits: C; class below C.
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
/// # Shapes
/// logits and the result: C; class below C.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::central_difference;
    use approx::assert_relative_eq;
    use ndarray::array;

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
}
