//! The maths both paths share: activations and their derivatives, the one loss
//! module, finite differences and comparisons, seeded randomness, shape checks.
//!
//! Everything here is a small pure function (or a plain data type) that reads
//! like the formula it computes; nothing here knows about networks or notebooks.

mod activation;
mod compare;
mod gradcheck;
pub mod local;
mod loss;
mod matmul;
mod parabola;
mod rng;
pub(crate) mod shape;

pub use activation::{relu, relu_derivative, sigmoid, sigmoid_derivative, tanh, tanh_derivative, Activation};
pub use compare::{compare, Comparison};
pub use gradcheck::{central_difference, check_activation, numeric_gradient, GradCheck};
pub use loss::{
    bce_with_logits, bce_with_logits_grad, bce_with_logits_target_grad, binary_cross_entropy,
    binary_cross_entropy_grad, binary_cross_entropy_target_grad, cross_entropy, cross_entropy_grad, half_squared_error,
    half_squared_error_grad, one_hot, softmax, softmax_cross_entropy, softmax_cross_entropy_grad, softmax_rows,
    squared_error, squared_error_grad, Loss,
};
pub use matmul::{by_loops, matmul, matmul_loops, SMALL_PRODUCT};
pub use parabola::StepParabola;
pub(crate) use rng::layer_init;
pub use rng::{pytorch_init, randn, rng, uniform, ChaCha8Rng, Rng};

/// One gradient-descent update of a single number: θ − η·∂L/∂θ.
///
/// Every update in the course, by hand or by the engine's optimiser, is this line.
///
/// ```
/// assert_eq!(backprop::sgd_update(0.5, 0.2, 0.1), 0.48); // a positive gradient lowers θ
/// ```
#[inline]
pub fn sgd_update(theta: f64, grad: f64, lr: f64) -> f64 {
    theta - lr * grad
}
