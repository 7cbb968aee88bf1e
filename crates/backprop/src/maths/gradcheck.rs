//! Gradient checking with central finite differences.
//!
//! A hand-derived (or autograd) gradient is trusted only after it agrees with
//! the slope measured numerically:
//!
//! ∂f/∂θᵢ ≈ (f(θ + h·eᵢ) − f(θ − h·eᵢ)) / 2h, with an error of order h².

use crate::maths::compare::{compare, Comparison};
use crate::maths::Activation;
use ndarray::Array1;

/// The central difference (f(x + h) − f(x − h)) / 2h: the slope of f at x.
pub fn central_difference(mut f: impl FnMut(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x - h)) / (2.0 * h)
}

/// The numerical gradient of a scalar function of a parameter vector θ (length P),
/// one central difference per component. Returns a vector of length P.
///
/// # Shapes
/// theta: P; the result: P.
pub fn numeric_gradient(mut f: impl FnMut(&Array1<f64>) -> f64, theta: &Array1<f64>, h: f64) -> Array1<f64> {
    let mut probe = theta.clone();
    Array1::from_shape_fn(theta.len(), |i| {
        let orig = probe[i];
        probe[i] = orig + h;
        let up = f(&probe);
        probe[i] = orig - h;
        let down = f(&probe);
        probe[i] = orig;
        (up - down) / (2.0 * h)
    })
}

/// A side-by-side check of analytic gradients against central differences.
///
/// # Shapes
/// names, analytic, numeric (and formula): P each, one per parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct GradCheck {
    /// One name per parameter, e.g. `dL/dw`.
    pub names: Vec<String>,
    /// The gradients derived by hand (or by autograd).
    pub analytic: Array1<f64>,
    /// The gradients measured by central differences.
    pub numeric: Array1<f64>,
    /// The comparison of the two, relative tolerance 1e-6, absolute 1e-8.
    pub comparison: Comparison,
    /// Optionally, the gradients from a closed-form formula (see [`GradCheck::with_formula`]).
    pub formula: Option<Array1<f64>>,
}

impl GradCheck {
    /// Checks `analytic` against the central-difference gradient of `f` at θ
    /// (step h = 1e-6). `names`, `analytic` and `theta` all have length P.
    ///
    /// # Shapes
    /// names, analytic and theta: P each.
    ///
    /// # Panics
    /// If the lengths differ, or there is no parameter (a check of nothing
    /// would pass without checking anything).
    #[track_caller]
    pub fn new(names: &[&str], analytic: Array1<f64>, f: impl FnMut(&Array1<f64>) -> f64, theta: &Array1<f64>) -> Self {
        assert!(
            names.len() == analytic.len() && analytic.len() == theta.len() && !theta.is_empty(),
            "GradCheck::new: {} names, {} analytic gradients and {} parameters must be equally many, at least one",
            names.len(),
            analytic.len(),
            theta.len()
        );
        let numeric = numeric_gradient(f, theta, 1e-6);
        let comparison = compare("gradient check", &analytic, &numeric, 1e-6, 1e-8);
        GradCheck { names: names.iter().map(|s| s.to_string()).collect(), analytic, numeric, comparison, formula: None }
    }

    /// Adds a column with the gradient a closed-form formula gives (same order
    /// as `names`); the check then also requires the formula to agree with the
    /// central differences.
    ///
    /// # Shapes
    /// formula: P, one per gradient.
    ///
    /// # Panics
    /// If `formula` does not have one entry per gradient.
    #[track_caller]
    pub fn with_formula(mut self, formula: Array1<f64>) -> Self {
        assert!(
            formula.len() == self.names.len(),
            "GradCheck::with_formula: {} values for {} gradients",
            formula.len(),
            self.names.len()
        );
        self.formula = Some(formula);
        self
    }

    fn formula_comparison(&self) -> Option<Comparison> {
        self.formula.as_ref().map(|f| compare("formula vs central differences", f, &self.numeric, 1e-6, 1e-8))
    }

    /// True when every analytic gradient agrees with its numerical estimate.
    pub fn passed(&self) -> bool {
        self.comparison.passed() && self.formula_comparison().is_none_or(|c| c.passed())
    }

    /// A one-line verdict for the notebook.
    pub fn verdict(&self) -> String {
        if self.passed() {
            format!(
                "gradient check passed: {} gradients agree with central differences (largest difference {:.1e})",
                self.names.len(),
                self.comparison.max_abs_diff
            )
        } else if !self.comparison.passed() {
            format!("gradient check FAILED: {}", self.comparison.report())
        } else {
            format!("gradient check FAILED: {}", self.formula_comparison().map(|c| c.report()).unwrap_or_default())
        }
    }
}

/// Checks the activation's derivative at each point against a central difference.
///
/// It uses one trick: the gradient of Σᵢ σ(zᵢ) with respect to zᵢ is σ′(zᵢ), so a
/// single gradient check covers every point. Avoid z = 0 for ReLU, where the
/// derivative does not exist (the central difference there is 0.5).
///
/// # Panics
/// If `points` is empty.
#[track_caller]
pub fn check_activation(act: Activation, points: &[f64]) -> GradCheck {
    assert!(!points.is_empty(), "check_activation: no points to check; give at least one value of z");
    let names: Vec<String> = points.iter().map(|z| format!("d {act}/dz at z = {z}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let z = Array1::from(points.to_vec());
    let analytic = z.mapv(|v| act.derivative(v));
    GradCheck::new(&names, analytic, |t| t.mapv(|v| act.forward(v)).sum(), &z)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::compare;
    use ndarray::array;

    #[test]
    fn central_difference_of_a_parabola_is_exact() {
        // d/dx x² = 2x, and the central difference of a parabola has no h² error.
        assert!((central_difference(|x| x * x, 3.0, 1e-3) - 6.0).abs() < 1e-9);
    }

    #[test]
    fn numeric_gradient_of_a_dot_product() {
        let g = numeric_gradient(|t| t[0] * 2.0 - t[1] * 5.0, &array![1.0, 1.0], 1e-6);
        compare("grad", &g, &array![2.0, -5.0], 1e-8, 1e-8).assert_ok();
    }

    #[test]
    fn a_wrong_gradient_fails_the_check() {
        let f = |t: &Array1<f64>| t[0] * t[0];
        assert!(GradCheck::new(&["d"], array![6.0], f, &array![3.0]).passed());
        let bad = GradCheck::new(&["d"], array![5.0], f, &array![3.0]);
        assert!(!bad.passed());
        assert!(bad.verdict().contains("FAILED"));
        let wrong_formula = GradCheck::new(&["d"], array![6.0], f, &array![3.0]).with_formula(array![3.0]);
        assert!(!wrong_formula.passed(), "a formula that disagrees must fail the check");
        assert!(wrong_formula.verdict().contains("formula vs central differences"));
    }
}
