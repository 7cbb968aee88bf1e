//! How the course prints numbers.
//!
//! One rule everywhere: at most six significant digits, scientific notation
//! below 1e-4 (and from 1e6 up), never `-0`. So `0.1 + 0.2` reads `0.3` and a
//! loss of 1.976e-14 reads `1.97603e-14` instead of fifteen zeros. The full
//! `f64` text, tail included, is one call away in [`fmt_full`], for the place
//! where the tail itself is the lesson.

use ndarray::{ArrayBase, Data, Dimension};

/// Formats a number for reading: at most 6 significant digits, trailing zeros
/// dropped; scientific notation when |v| < 1e-4 or |v| ≥ 1e6; `0`, never `-0`.
///
/// ```
/// use backprop::prelude::*;
/// assert_eq!(fmt_f64(0.1 + 0.2), "0.3");
/// assert_eq!(fmt_f64(-0.050000000000000044), "-0.05");
/// assert_eq!(fmt_f64(0.7310585786300049), "0.731059");
/// assert_eq!(fmt_f64(-0.0), "0");
/// assert_eq!(fmt_f64(1.9760347092883174e-14), "1.97603e-14");
/// assert_eq!(fmt_f64(1e300), "1e300");
/// assert_eq!(fmt_f64(3.0), "3");
/// ```
pub fn fmt_f64(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return format!("{v}");
    }
    // Round to six significant digits first, so 999999.7 counts as 1e6.
    let sci = format!("{v:.5e}");
    let a = sci.parse::<f64>().unwrap_or(v).abs();
    if !(1e-4..1e6).contains(&a) {
        return trim_mantissa(&sci);
    }
    fmt_decimals(v, (5 - a.log10().floor() as i32).max(0) as usize) // the sixth significant digit is the last
}

/// `1.50000e-14` -> `1.5e-14`: drops the mantissa's trailing zeros.
fn trim_mantissa(s: &str) -> String {
    let (mantissa, exponent) = s.split_once('e').unwrap_or((s, "0"));
    let mantissa = if mantissa.contains('.') { mantissa.trim_end_matches('0').trim_end_matches('.') } else { mantissa };
    format!("{mantissa}e{exponent}")
}

/// Formats a number with every digit: the shortest text that reads back as the
/// same `f64`, so `0.1 + 0.2` shows as `0.30000000000000004`. Use it where the
/// floating-point tail is the point.
///
/// ```
/// use backprop::prelude::*;
/// assert_eq!(fmt_full(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(fmt_full(2.5e-32), "2.5e-32");
/// ```
pub fn fmt_full(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 || !a.is_finite() || (1e-5..1e16).contains(&a) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// Formats an array of any dimension as nested brackets, each element with
/// [`fmt_f64`]: `[1.1, -0.2]`, `[[0.7688, -0.4], [0.8376, 0.1]]`.
///
/// # Shapes
/// any number of dimensions.
pub fn fmt_array<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>) -> String {
    nested(a, fmt_f64)
}

/// Formats an array of any dimension as nested brackets, each element with
/// [`fmt_decimals`]: at most `decimals` places, trailing zeros dropped, so a
/// training log can show a small change that six significant digits would round away.
///
/// ```
/// use backprop::prelude::*;
/// assert_eq!(fmt_array_decimals(&array![0.024841829626, 0.0], 8), "[0.02484183, 0]");
/// ```
///
/// # Shapes
/// any number of dimensions.
pub fn fmt_array_decimals<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>, decimals: usize) -> String {
    nested(a, |v| fmt_decimals(v, decimals))
}

/// The nested brackets of [`fmt_array`], each element written by `one`.
fn nested<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>, one: impl Fn(f64) -> String) -> String {
    fn rec(view: ndarray::ArrayViewD<'_, f64>, one: &dyn Fn(f64) -> String, out: &mut String) {
        if view.ndim() == 0 {
            out.push_str(&one(view.first().copied().unwrap_or(f64::NAN)));
            return;
        }
        out.push('[');
        for (i, sub) in view.outer_iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            rec(sub, one, out);
        }
        out.push(']');
    }
    let mut s = String::new();
    rec(a.view().into_dyn(), &one, &mut s);
    s
}

/// Formats a number with at most `decimals` places, trailing zeros dropped
/// (`0.02484183`, `0.0125`, `0`); never `-0`.
///
/// ```
/// use backprop::prelude::*;
/// assert_eq!(fmt_decimals(0.024841829626, 8), "0.02484183");
/// assert_eq!(fmt_decimals(0.0125, 8), "0.0125");
/// assert_eq!(fmt_decimals(-0.0, 8), "0");
/// ```
pub fn fmt_decimals(v: f64, decimals: usize) -> String {
    // An f64 has at most 1074 digits after the point, so more decimals only add zeros (dropped below).
    let decimals = decimals.min(1100);
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// Formats a list of numbers, each with [`fmt_f64`]: `[0.5, 0.25, 1.5e-5]`.
///
/// ```
/// use backprop::prelude::*;
/// assert_eq!(fmt_list(&[0.5, 0.1 + 0.2, -0.0]), "[0.5, 0.3, 0]");
/// ```
pub fn fmt_list(values: &[f64]) -> String {
    format!("[{}]", values.iter().map(|&v| fmt_f64(v)).collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn six_significant_digits_at_every_scale() {
        let cases = [
            (123456.7, "123457"),
            (999999.7, "1e6"),
            (1234567.0, "1.23457e6"),
            (0.000123456789, "0.000123457"),
            (0.0000999, "9.99e-5"),
            (-1.0259999999999998, "-1.026"),
            (0.0025000000000000022, "0.0025"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-inf"),
            (-1e-300, "-1e-300"),
        ];
        for (v, want) in cases {
            assert_eq!(fmt_f64(v), want, "fmt_f64({v:e})");
        }
    }

    #[test]
    fn arrays_use_the_readable_form() {
        assert_eq!(fmt_array(&array![1.1, -0.2]), "[1.1, -0.2]");
        assert_eq!(fmt_array(&array![[0.1 + 0.2, 0.0], [-0.0, 2.0]]), "[[0.3, 0], [0, 2]]");
    }

    #[test]
    fn arrays_with_a_fixed_count_of_decimals() {
        assert_eq!(fmt_array_decimals(&array![0.0125, -0.0, 0.060903661], 8), "[0.0125, 0, 0.06090366]");
        assert_eq!(fmt_array_decimals(&array![[1.0 / 3.0], [2.0]], 3), "[[0.333], [2]]");
    }
}
