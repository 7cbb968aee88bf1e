//! Comparing two lists of numbers element by element, with a report that names
//! the first mismatches and the largest difference.

use std::fmt::Write;

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
/// If the two lists have different lengths, or are empty (a comparison of
/// nothing would pass without checking anything).
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
    assert!(
        got.len() == expected.len() && !got.is_empty(),
        "compare: {name} has {} values but the expected list has {}; need the same number, at least one",
        got.len(),
        expected.len()
    );
    let mut c = Comparison { name: name.to_string(), max_abs_diff: 0.0, worst_index: 0, mismatches: Vec::new() };
    for (i, (&g, &e)) in got.iter().zip(&expected).enumerate() {
        let d = (g - e).abs();
        if d > c.max_abs_diff || d.is_nan() {
            c.max_abs_diff = d;
            c.worst_index = i;
        }
        let within = d <= atol + rtol * e.abs(); // false for NaN
        if !within {
            c.mismatches.push((i, g, e));
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

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
}
