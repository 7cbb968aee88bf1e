//! Softmax and the softmax cross-entropy of one sample, computed stably.

use crate::maths::shape::matrix_of;
use ndarray::{Array1, Array2};

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
/// = log-sum-exp(z) − z_class = (m − z_class) + ln Σ_j e^(z_j − m) with m the
/// largest logit, stable for logits as large as 1e300.
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
    // (m − z_class) first, as PyTorch's log_softmax: m + ln Σ would lose ln Σ
    // next to a logit of 1e300, and give 0 for logits of −1e300 and −1e300.
    (m - logits[class]) + logits.mapv(|v| (v - m).exp()).sum().ln()
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

/// Softmax of every row: each row of logits becomes probabilities summing to 1.
///
/// # Shapes
/// logits and the result: B × C.
pub fn softmax_rows(logits: &Array2<f64>) -> Array2<f64> {
    let mut p = logits.clone();
    for mut row in p.rows_mut() {
        let s = softmax(&row.to_owned());
        row.assign(&s);
    }
    p
}

/// Each label as a row of C numbers, 1 at the label and 0 elsewhere.
///
/// # Shapes
/// labels: B; returns B × C.
///
/// # Panics
/// If a label is not below `classes`.
#[track_caller]
pub fn one_hot(labels: &[usize], classes: usize) -> Array2<f64> {
    for &label in labels {
        check_class("one_hot", classes, label);
    }
    matrix_of("one_hot", "the one-hot matrix", (labels.len(), classes), |b, c| f64::from(u8::from(labels[b] == c)))
}

/// The mean softmax cross-entropy of a batch, as `nn.CrossEntropyLoss()`:
/// L = (1/B) Σ_b [log-sum-exp(z_b) − z_b,label_b], stable for logits of ±1000.
///
/// # Shapes
/// logits: B × C; labels: B, each below C.
///
/// # Panics
/// If the batch is empty, the logits and labels disagree on B, or a label is ≥ C.
#[track_caller]
pub fn cross_entropy(logits: &Array2<f64>, labels: &[usize]) -> f64 {
    check_batch("cross_entropy", logits, labels);
    let total: f64 = logits.rows().into_iter().zip(labels).map(|(z, &c)| softmax_cross_entropy(&z.to_owned(), c)).sum();
    total / labels.len() as f64
}

/// ∂L/∂logits of [`cross_entropy`]: (softmax(z) − one_hot(labels)) / B.
///
/// # Shapes
/// logits and the result: B × C; labels: B.
///
/// # Panics
/// As [`cross_entropy`].
#[track_caller]
pub fn cross_entropy_grad(logits: &Array2<f64>, labels: &[usize]) -> Array2<f64> {
    check_batch("cross_entropy_grad", logits, labels);
    (softmax_rows(logits) - one_hot(labels, logits.ncols())) / labels.len() as f64
}

/// Panics unless the batch is non-empty, has one label per row, and every label is below C.
#[track_caller]
fn check_batch(op: &str, logits: &Array2<f64>, labels: &[usize]) {
    assert!(!labels.is_empty(), "{op}: the batch is empty (0 samples), so there is no loss to average");
    assert!(
        logits.nrows() == labels.len(),
        "{op}: logits have shape {:?} but there are {} labels (need one per row)",
        logits.shape(),
        labels.len()
    );
    for &c in labels {
        check_class(op, logits.ncols(), c);
    }
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
