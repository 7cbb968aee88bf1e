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
/// If `f` does not return a single number, or `names` has the wrong length.
#[track_caller]
pub fn check_gradient(names: &[&str], f: impl Fn(&Tensor) -> Tensor, at: &Array1<f64>) -> GradCheck {
    let p = Tensor::param(at.clone());
    f(&p).backward();
    let analytic: Array1<f64> = p.grad().iter().copied().collect();
    GradCheck::new(names, analytic, |theta| f(&Tensor::new(theta.clone())).item(), at)
}
