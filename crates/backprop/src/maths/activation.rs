//! Activation functions a = σ(z) and their derivatives dσ/dz.
//!
//! Each activation is a pair of small pure functions (`sigmoid` and
//! `sigmoid_derivative`, …) that read like the maths; [`Activation`] wraps them
//! so a neuron or a layer can carry its choice of activation.

use ndarray::{Array, Dimension};

/// σ(z) = 1 / (1 + e^(−z)), computed so that it never overflows.
///
/// For z < 0 the equivalent form e^z / (1 + e^z) is used, so `sigmoid(-1000.0)`
/// is a tiny positive number (0 after rounding), never `NaN`.
///
/// ```
/// use backprop::sigmoid;
/// assert_eq!(sigmoid(0.0), 0.5);
/// assert_eq!(sigmoid(1000.0), 1.0);
/// assert_eq!(sigmoid(-1000.0), 0.0);
/// ```
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// dσ/dz = σ(z)·(1 − σ(z)): the sigmoid's slope, at most 0.25 (at z = 0).
#[inline]
pub fn sigmoid_derivative(z: f64) -> f64 {
    let a = sigmoid(z);
    a * (1.0 - a)
}

/// ReLU(z) = max(0, z). NaN stays NaN (as in PyTorch), so a diverged value is
/// never hidden behind a finite-looking 0.
///
/// ```
/// use backprop::relu;
/// assert_eq!(relu(-2.0), 0.0);
/// assert!(relu(f64::NAN).is_nan());
/// ```
#[inline]
pub fn relu(z: f64) -> f64 {
    if z > 0.0 || z.is_nan() {
        z
    } else {
        0.0
    }
}

/// dReLU/dz = 1 if z > 0, else 0.
///
/// ReLU has no derivative at exactly z = 0 (the corner of the graph). Like
/// PyTorch, we use 0 there, so a neuron whose input is exactly 0 passes no
/// gradient back. At NaN the slope is NaN.
#[inline]
pub fn relu_derivative(z: f64) -> f64 {
    if z.is_nan() {
        z
    } else if z > 0.0 {
        1.0
    } else {
        0.0
    }
}

/// tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), with values in (−1, 1).
#[inline]
pub fn tanh(z: f64) -> f64 {
    z.tanh()
}

/// d tanh/dz = 1 − tanh(z)².
#[inline]
pub fn tanh_derivative(z: f64) -> f64 {
    let a = z.tanh();
    1.0 - a * a
}

/// Which non-linearity a neuron applies to its pre-activation z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Activation {
    /// a = z (a "linear" output neuron); da/dz = 1.
    Identity,
    /// a = σ(z) = 1 / (1 + e^(−z)); da/dz = a(1 − a).
    #[default]
    Sigmoid,
    /// a = max(0, z); da/dz = 1 if z > 0, else 0 (also 0 at z = 0).
    Relu,
    /// a = tanh(z); da/dz = 1 − a².
    Tanh,
}

impl Activation {
    /// The activation's value a = σ(z).
    #[inline]
    pub fn forward(self, z: f64) -> f64 {
        match self {
            Activation::Identity => z,
            Activation::Sigmoid => sigmoid(z),
            Activation::Relu => relu(z),
            Activation::Tanh => tanh(z),
        }
    }

    /// The activation's slope da/dz at z.
    #[inline]
    pub fn derivative(self, z: f64) -> f64 {
        match self {
            Activation::Identity if z.is_nan() => z,
            Activation::Identity => 1.0,
            Activation::Sigmoid => sigmoid_derivative(z),
            Activation::Relu => relu_derivative(z),
            Activation::Tanh => tanh_derivative(z),
        }
    }

    /// Element-wise a = σ(z) on an array of any shape (the output has z's shape).
    ///
    /// # Shapes
    /// z: any; the result has z's shape.
    pub fn forward_array<D: Dimension>(self, z: &Array<f64, D>) -> Array<f64, D> {
        z.mapv(|v| self.forward(v))
    }

    /// Element-wise da/dz on an array of any shape (the output has z's shape).
    ///
    /// # Shapes
    /// z: any; the result has z's shape.
    pub fn derivative_array<D: Dimension>(self, z: &Array<f64, D>) -> Array<f64, D> {
        z.mapv(|v| self.derivative(v))
    }

    /// The activation's name as the lessons write it: `identity`, `sigmoid`, `relu`, `tanh`.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Identity => "identity",
            Activation::Sigmoid => "sigmoid",
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
        }
    }
}

impl std::fmt::Display for Activation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::central_difference;
    use approx::assert_relative_eq;

    const ALL: [Activation; 4] = [Activation::Identity, Activation::Sigmoid, Activation::Relu, Activation::Tanh];

    #[test]
    fn hand_checkable_values() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid_derivative(0.0), 0.25);
        assert_eq!(relu(-2.0), 0.0);
        assert_eq!(relu(3.0), 3.0);
        assert_eq!(tanh_derivative(0.0), 1.0);
        // Day 10: σ(1) = 0.7310585786300049
        assert_relative_eq!(sigmoid(1.0), 1.0 / (1.0 + (-1.0f64).exp()), max_relative = 1e-15);
    }

    #[test]
    fn nan_propagates_through_every_activation() {
        for act in ALL {
            assert!(act.forward(f64::NAN).is_nan(), "{act}(NaN) must be NaN");
            assert!(act.derivative(f64::NAN).is_nan(), "{act}'(NaN) must be NaN");
        }
    }

    #[test]
    fn relu_derivative_at_zero_is_zero() {
        assert_eq!(relu_derivative(0.0), 0.0);
        assert_eq!(Activation::Relu.derivative(0.0), 0.0);
    }

    #[test]
    fn sigmoid_is_finite_and_accurate_at_extremes() {
        for z in [-1000.0, -745.0, -40.0, 40.0, 745.0, 1000.0] {
            let a = sigmoid(z);
            assert!(a.is_finite() && (0.0..=1.0).contains(&a), "sigmoid({z}) = {a}");
            assert!(sigmoid_derivative(z).is_finite());
        }
        // In the negative tail σ(z) ≈ e^z, which the naive formula loses to 0 only past −745.
        assert_relative_eq!(sigmoid(-40.0), (-40.0f64).exp(), max_relative = 1e-15);
        assert_eq!(sigmoid(1000.0), 1.0);
    }

    #[test]
    fn derivatives_match_central_differences() {
        for act in ALL {
            for z in [-2.5, -0.7, 0.3, 1.9] {
                let numeric = central_difference(|v| act.forward(v), z, 1e-6);
                assert_relative_eq!(act.derivative(z), numeric, epsilon = 1e-8);
            }
        }
    }

    #[test]
    fn array_versions_match_scalar_versions() {
        let z = ndarray::array![[-1.0, 0.0], [0.5, 2.0]];
        for act in ALL {
            let a = act.forward_array(&z);
            let d = act.derivative_array(&z);
            for (i, &v) in z.iter().enumerate() {
                assert_eq!(a.iter().nth(i).copied(), Some(act.forward(v)));
                assert_eq!(d.iter().nth(i).copied(), Some(act.derivative(v)));
            }
        }
    }
}
