//! Backpropagation from scratch, for the Rust course notebooks.
//!
//! The crate has one module per layer of the course:
//!
//! | module | what it holds |
//! |---|---|
//! | [`maths`] | pure functions both paths share: activations, the one loss module, finite differences, seeded randomness |
//! | [`by_hand`] | the hand-written path: `Neuron`, `Linear`, `MseLoss`, Day 10's `TwoLayerNet`, the delta rule (`DeltaNet`) |
//! | [`data`] | real data for the capstone: the handwritten digits, a stratified split, mini-batches |
//! | [`engine`] | the engine path: `Tensor` with automatic differentiation, `nn` and `optim` as in PyTorch |
//! | [`train`](mod@train) | one training loop and one record (`History`), for either path |
//! | [`show`] | what a notebook displays: tables, charts, the computation graph, source excerpts; it draws what it is given |
//! | [`numbers`] | how every printed number is written (`fmt_f64` and its kin); it imports nothing else of the crate |
//! | [`views`] | what a lesson looks at, computed (a pass, a prediction grid, a loss curve) and handed to `show` |
//! | [`exercises`] | the checks of each lesson's exercises: a verdict and a hint, never the answer |
//!
//! Notebooks start with `use backprop::prelude::*;`.
//!
//! # One of each
//!
//! Each concept is written once per path; where both paths need it, once for both:
//!
//! | concept | hand-written path (`by_hand`) | engine path (`engine`) |
//! |---|---|---|
//! | activation | [`Activation`] (`forward`, `derivative`) | the same `Activation`, applied element by element by `Tensor` |
//! | loss | [`Loss`] (`value`, `grad`, `mean`, `mean_grad`) | `Tensor::loss(Loss, …)`, with the same formulas; softmax cross-entropy in `maths::loss::softmax` |
//! | update | [`sgd_update`] `w − lr·g`, behind each type's `step(lr)` | [`optim::Sgd`], calling the same `sgd_update` |
//! | gradient check | [`GradCheck`] (`TwoLayerNet::check_gradients`, [`check_activation`]) | [`engine::check_gradient`], returning the same `GradCheck` |
//! | training loop and record | [`train`](fn@train) and [`History`], one set of stop causes | the same `train` and `History` (the capstone's per-epoch accuracies: [`ClassHistory`]) |
//!
//! # Names and layout
//!
//! - **Gradient names:** the gradient of the loss L with respect to `x` is
//!   written `dl_dx` in code (`dl_dw`, `dl_db`, `dl_dout`, `dl_dy_hat`), `dL/dx`
//!   in printed output and docs, and ∂L/∂x in formulas. The learning rate is
//!   `lr` everywhere.
//! - **Weight layout:** every weight matrix is outputs × inputs (PyTorch's
//!   layout): row j holds the weights into unit j, and a layer computes
//!   `x·Wᵀ + b` on a batch with one sample per row.
#![warn(missing_docs)]

pub mod by_hand;
pub mod data;
pub mod engine;
pub mod exercises;
pub mod maths;
pub mod numbers;
pub mod show;
pub mod train;
pub mod views;

pub use by_hand::*;
pub use data::*;
pub use engine::{nn, optim, Tensor};
pub use maths::*;
pub use numbers::*;
pub use show::*;
pub use train::*;
pub use views::*;

/// Re-exported so notebooks need only `:dep backprop`.
pub use ndarray;

/// Everything a lesson uses, in one import.
pub mod prelude {
    pub use crate::by_hand::NeuronGrads;
    pub use crate::by_hand::{linear_backward, DeltaNet, Linear, MseLoss, Neuron, TwoLayerNet};
    pub use crate::data::{count_classes, digits, mini_batches, select_rows, stratified_split, Digits};
    pub use crate::engine::{check_gradient, cross_entropy_check, hidden_unit_spread, nn, optim, Tensor};
    pub use crate::exercises;
    pub use crate::maths::{
        binary_cross_entropy_grad, central_difference, check_activation, compare, cross_entropy, cross_entropy_grad,
        half_squared_error, half_squared_error_grad, one_hot, pytorch_init, randn, relu, relu_derivative, rng, sigmoid,
        sigmoid_derivative, softmax_cross_entropy_grad, softmax_rows, squared_error, squared_error_grad, uniform,
        Activation, ChaCha8Rng, Loss, StepParabola,
    };
    pub use crate::numbers::{fmt_array, fmt_array_decimals, fmt_decimals, fmt_f64, fmt_full, fmt_list};
    pub use crate::show::{
        draw_graph, grad_table, show_panics, source_excerpt, step_parabola_chart, xy_points, Chart, ClassProbabilities,
        Figure, ImageGrid,
    };
    pub use crate::train::{
        class_accuracy, class_means, compare_mistakes, nearest_mean_classes, predicted_classes, score, ClassHistory,
        ConfusionMatrix, Fit, History, MistakeComparison,
    };
    pub use crate::views::{activation_chart, activation_shift_chart, grad_norm_chart, LossCurve};
    pub use ndarray::{array, s, Array1, Array2, Axis};
    pub use Activation::{Identity, Relu, Sigmoid, Tanh};
}
