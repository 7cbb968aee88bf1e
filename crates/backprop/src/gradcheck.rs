//! Gradient checking with central finite differences.
//!
//! A hand-derived (or autograd) gradient is trusted only after it agrees with
//! the slope measured numerically:
//!
//! ∂f/∂θᵢ ≈ (f(θ + h·eᵢ) − f(θ − h·eᵢ)) / 2h, with an error of order h².

use crate::display::{fmt_f64, html_escape};
use ndarray::Array1;
use std::fmt::Write;

/// The central difference (f(x + h) − f(x − h)) / 2h: the slope of f at x.
pub fn central_difference(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x - h)) / (2.0 * h)
}

/// The numerical gradient of a scalar function of a parameter vector θ (length P),
/// one central difference per component. Returns a vector of length P.
pub fn numeric_gradient(f: impl Fn(&Array1<f64>) -> f64, theta: &Array1<f64>, h: f64) -> Array1<f64> {
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

/// The result of comparing two equally long lists of numbers element by element.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// What was compared, for messages.
    pub name: String,
    /// The largest |got − expected|.
    pub max_abs_diff: f64,
    /// Index of that largest difference.
    pub worst_index: usize,
    /// Every element outside the tolerance: (index, got, expected).
    pub mismatches: Vec<(usize, f64, f64)>,
}

impl Comparison {
    /// True when no element is outside the tolerance.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }

    /// A report naming the first mismatches and the largest difference.
    pub fn report(&self) -> String {
        let mut s = format!(
            "{}: {} mismatch(es); largest |difference| = {:e} at index {}",
            self.name,
            self.mismatches.len(),
            self.max_abs_diff,
            self.worst_index
        );
        for (i, got, expected) in self.mismatches.iter().take(5) {
            let _ = write!(s, "\n  [{i}] got {got}, expected {expected}");
        }
        s
    }

    /// Panics with [`Comparison::report`] unless the comparison passed.
    ///
    /// # Panics
    /// When any element is outside the tolerance.
    #[track_caller]
    pub fn assert_ok(&self) {
        assert!(self.passed(), "{}", self.report());
    }
}

/// Compares `got` with `expected`: element i passes when
/// |got − expected| ≤ atol + rtol·|expected| (NaN never passes).
///
/// # Panics
/// If the two lists have different lengths.
#[track_caller]
pub fn compare<'a>(
    name: &str,
    got: impl IntoIterator<Item = &'a f64>,
    expected: impl IntoIterator<Item = &'a f64>,
    rtol: f64,
    atol: f64,
) -> Comparison {
    let got: Vec<f64> = got.into_iter().copied().collect();
    let expected: Vec<f64> = expected.into_iter().copied().collect();
    assert_eq!(got.len(), expected.len(), "compare {name}: {} values against {}", got.len(), expected.len());
    let mut c = Comparison { name: name.to_string(), max_abs_diff: 0.0, worst_index: 0, mismatches: Vec::new() };
    for (i, (&g, &e)) in got.iter().zip(&expected).enumerate() {
        let d = (g - e).abs();
        if d > c.max_abs_diff || d.is_nan() {
            c.max_abs_diff = d;
            c.worst_index = i;
        }
        if !(d <= atol + rtol * e.abs()) {
            c.mismatches.push((i, g, e));
        }
    }
    c
}

/// A side-by-side check of analytic gradients against central differences.
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
    /// # Panics
    /// If the lengths differ.
    #[track_caller]
    pub fn new(names: &[&str], analytic: Array1<f64>, f: impl Fn(&Array1<f64>) -> f64, theta: &Array1<f64>) -> Self {
        assert!(
            names.len() == analytic.len() && analytic.len() == theta.len(),
            "GradCheck::new: {} names, {} analytic gradients and {} parameters must be equally many",
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

    /// The check as text: one line per parameter, then the verdict.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for (i, name) in self.names.iter().enumerate() {
            let formula = self.formula.as_ref().map(|f| format!("formula = {}, ", fmt_f64(f[i]))).unwrap_or_default();
            let (a, n) = (fmt_f64(self.analytic[i]), fmt_f64(self.numeric[i]));
            let _ = writeln!(s, "{name}: {formula}analytic = {a}, numeric = {n}");
        }
        s + &self.verdict()
    }

    /// evcxr's display hook: a table of analytic vs numeric gradients plus the verdict.
    pub fn evcxr_display(&self) {
        let formula_head = if self.formula.is_some() { "<th>formula</th>" } else { "" };
        let mut html = format!(
            "<table style=\"font-family:monospace\"><tr><th>gradient</th>{formula_head}<th>analytic</th><th>numeric</th><th>|difference|</th></tr>"
        );
        for (i, name) in self.names.iter().enumerate() {
            let formula = self.formula.as_ref().map(|f| format!("<td>{}</td>", fmt_f64(f[i]))).unwrap_or_default();
            let _ = write!(
                html,
                "<tr><td>{}</td>{formula}<td>{}</td><td>{}</td><td>{:.1e}</td></tr>",
                html_escape(name),
                fmt_f64(self.analytic[i]),
                fmt_f64(self.numeric[i]),
                (self.analytic[i] - self.numeric[i]).abs()
            );
        }
        let _ = write!(html, "</table><p><b>{}</b></p>", html_escape(&self.verdict()));
        println!("EVCXR_BEGIN_CONTENT text/plain\n{}\nEVCXR_END_CONTENT", self.to_text());
        println!("EVCXR_BEGIN_CONTENT text/html\n{html}\nEVCXR_END_CONTENT");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn comparison_reports_first_mismatch_and_largest_difference() {
        let c = compare("w", &array![1.0, 2.0, 3.5], &array![1.0, 2.1, 3.0], 0.0, 1e-9);
        assert!(!c.passed());
        assert_eq!(c.worst_index, 2);
        let r = c.report();
        assert!(r.contains("2 mismatch(es)") && r.contains("[1] got 2, expected 2.1"), "{r}");
    }

    #[test]
    fn nan_never_passes() {
        assert!(!compare("nan", &[f64::NAN], &[1.0], 1.0, 1.0).passed());
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
        assert!(
            wrong_formula.to_text().starts_with("d: formula = 3, analytic = 6, numeric = 6"),
            "{}",
            wrong_formula.to_text()
        );
    }
}
