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
