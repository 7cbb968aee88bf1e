//! Local derivatives of the scalar operations a small autograd engine is built
//! from: for c = op(inputs), how much c changes per unit change of each input,
//! the others held fixed, at the inputs' current values.
//!
//! | operation | result | local derivatives |
//! |---|---|---|
//! | [`add`] | c = a + b | (∂c/∂a, ∂c/∂b) = (1, 1) |
//! | [`mul`] | c = a·b | (∂c/∂a, ∂c/∂b) = (b, a) |
//! | [`tanh`] | t = tanh(a) | dt/da = 1 − t², from the result t |
//! | [`pow`] | c = aⁿ, n a constant | dc/da = n·aⁿ⁻¹ |
//!
//! and, for the backward pass, [`add_share`]: an input's gradient after one
//! node hands it its share, local derivative × the node's gradient.
//!
//! The from-scratch lesson's learner writes these for their own `Value`; while
//! one of theirs is still `todo!()`, their engine uses the one here (through
//! `exercises::scratch::yours_or_crates`). The crate's engine (`Tensor`) applies
//! the same formulas element by element.

/// (∂c/∂a, ∂c/∂b) for c = a + b: both 1, whatever a and b are.
///
/// ```
/// assert_eq!(backprop::local::add(2.0, -3.0), (1.0, 1.0));
/// ```
#[inline]
pub fn add(_a: f64, _b: f64) -> (f64, f64) {
    (1.0, 1.0)
}

/// (∂c/∂a, ∂c/∂b) for c = a·b: each input's derivative is the other input.
///
/// ```
/// assert_eq!(backprop::local::mul(2.0, -3.0), (-3.0, 2.0));
/// ```
#[inline]
pub fn mul(a: f64, b: f64) -> (f64, f64) {
    (b, a)
}

/// dt/da for t = tanh(a), written with the result t: 1 − t².
///
/// It takes t, not a, because the forward pass has just computed t: the
/// backward pass reuses it instead of computing tanh again.
///
/// ```
/// assert_eq!(backprop::local::tanh(0.0), 1.0); // the slope at a = 0
/// ```
#[inline]
pub fn tanh(t: f64) -> f64 {
    1.0 - t * t
}

/// dc/da for c = aⁿ with a constant exponent n: n·aⁿ⁻¹.
///
/// ```
/// assert_eq!(backprop::local::pow(3.0, 2.0), 6.0); // d(a²)/da = 2a
/// ```
#[inline]
pub fn pow(a: f64, n: f64) -> f64 {
    n * a.powf(n - 1.0)
}

/// An input's gradient after one node hands it its share: the gradient it
/// held so far plus local × node_grad, the chain rule's product. Adding (not
/// replacing) is what sums the shares of a value used more than once.
///
/// ```
/// // a + a: each use hands a the share 1 × 1, and the two add up to 2.
/// let once = backprop::local::add_share(0.0, 1.0, 1.0);
/// assert_eq!(backprop::local::add_share(once, 1.0, 1.0), 2.0);
/// ```
#[inline]
pub fn add_share(grad_so_far: f64, local: f64, node_grad: f64) -> f64 {
    grad_so_far + local * node_grad
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::central_difference;

    /// Each local derivative against central differences of its operation.
    #[test]
    fn every_local_derivative_matches_central_differences() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-7 * (1.0 + b.abs());
        for (a, b) in [(2.0, -3.0), (0.5, 4.0), (-1.5, -0.25), (0.0, 7.0)] {
            let (da, db) = (add(a, b), mul(a, b));
            assert!(
                close(da.0, central_difference(|v| v + b, a, 1e-5))
                    && close(da.1, central_difference(|v| a + v, b, 1e-5))
            );
            assert!(
                close(db.0, central_difference(|v| v * b, a, 1e-5))
                    && close(db.1, central_difference(|v| a * v, b, 1e-5))
            );
        }
        for a in [-3.0, -0.5, 0.0, 0.3, 1.7] {
            assert!(close(tanh(f64::tanh(a)), central_difference(f64::tanh, a, 1e-5)), "tanh at {a}");
        }
        for (a, n) in [(2.0, 2.0), (-1.5, 3.0), (4.0, 0.5), (0.5, -1.0), (3.0, 1.0)] {
            assert!(close(pow(a, n), central_difference(|v: f64| v.powf(n), a, 1e-5)), "pow at {a}, {n}");
        }
    }

    #[test]
    fn hand_checkable_values() {
        assert_eq!(mul(1.5, -0.5), (-0.5, 1.5));
        assert_eq!(tanh(0.5), 0.75);
        assert_eq!(pow(-2.0, 3.0), 12.0); // 3·(−2)²
        assert_eq!(pow(4.0, 0.5), 0.25); // ½·4^(−½)
        assert_eq!(add_share(1.5, -0.5, 2.0), 0.5); // 1.5 + (−0.5)·2
    }
}
