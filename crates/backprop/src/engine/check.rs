//! Checking the engine's gradients against central differences.

use super::tensor::Tensor;
use crate::maths::GradCheck;
use ndarray::Array1;

/// Compares the engine's gradient of a scalar function f(p) of a vector p
/// (length P) at `at` with central differences. `names` has P entries.
///
/// # Shapes
/// at: P; f maps a tensor of P numbers to one number; `names`: P.
///
/// ```
/// use backprop::prelude::*;
/// // d/dp Σ p² = 2p
/// let check = check_gradient(&["d/dp0", "d/dp1"], |p| p.square().sum(), &array![1.0, -3.0]);
/// assert!(check.passed());
/// assert_eq!(check.analytic, array![2.0, -6.0]);
/// ```
///
/// # Panics
/// If `at` is empty, `names` does not have one name per entry of `at`, or `f`
/// does not return a single number.
#[track_caller]
pub fn check_gradient(names: &[&str], f: impl Fn(&Tensor) -> Tensor, at: &Array1<f64>) -> GradCheck {
    assert!(
        names.len() == at.len() && !at.is_empty(),
        "check_gradient: {} names for {} parameters; need one name per parameter, at least one",
        names.len(),
        at.len()
    );
    let p = Tensor::param(at.clone());
    let out = f(&p);
    assert!(
        out.shape().iter().product::<usize>() == 1,
        "check_gradient: f returns shape {:?}, but a gradient check needs a single number (end f with .sum() or .mean())",
        out.shape()
    );
    out.backward();
    let analytic: Array1<f64> = p.grad().iter().copied().collect();
    GradCheck::new(names, analytic, |theta| f(&Tensor::new(theta.clone())).item(), at)
}
/// The softmax cross-entropy check of the theory guide's §9: the engine's
/// gradient of L = −ln softmax(z)_class at the logits `logits` (one sample,
/// reshaped to a 1 × K batch for `cross_entropy_loss`), against central
/// differences and against the formula p − y (p = softmax(z), y the one-hot
/// target). The rows are named `dL/dz0`, `dL/dz1`, …
///
/// # Shapes
/// logits: K.
///
/// ```
/// use backprop::prelude::*;
/// let check = cross_entropy_check(&array![2.0, 1.0, 0.1], 0);
/// assert!(check.passed());
/// ```
///
/// # Panics
/// If `logits` is empty or `class` is not one of its indices.
#[track_caller]
pub fn cross_entropy_check(logits: &Array1<f64>, class: usize) -> GradCheck {
    assert!(
        class < logits.len(),
        "cross_entropy_check: class {class} for {} logits; need a class from 0 to {}",
        logits.len(),
        logits.len().saturating_sub(1)
    );
    let names: Vec<String> = (0..logits.len()).map(|k| format!("dL/dz{k}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    check_gradient(&names, |z| z.reshape(&[1, logits.len()]).cross_entropy_loss(&[class]), logits)
        .with_formula(crate::maths::softmax_cross_entropy_grad(logits, class))
}
