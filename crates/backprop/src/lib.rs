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
//! | [`format`] | how every printed number is written (`fmt_f64` and its kin); it imports nothing else of the crate |
//! | [`views`] | what a lesson looks at, computed (a pass, a prediction grid, a loss curve) and handed to `show` |
//! | [`exercises`] | the checks of each lesson's exercises: a verdict and a hint, never the answer |
//!
//! Notebooks start with `use backprop::prelude::*;`.
#![warn(missing_docs)]

pub mod by_hand;
pub mod data;
pub mod engine;
pub mod exercises;
pub mod format;
pub mod maths;
pub mod show;
pub mod train;
pub mod views;

pub use by_hand::*;
pub use data::*;
pub use engine::{nn, optim, Tensor};
pub use format::*;
pub use maths::*;
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
    pub use crate::engine::{check_gradient, hidden_unit_spread, nn, optim, Tensor};
    pub use crate::exercises;
    pub use crate::format::{fmt_array, fmt_array_decimals, fmt_decimals, fmt_f64, fmt_full, fmt_list};
    pub use crate::maths::{
        binary_cross_entropy_grad, central_difference, check_activation, compare, cross_entropy, cross_entropy_grad,
        half_squared_error, half_squared_error_grad, one_hot, pytorch_init, randn, relu, relu_derivative, rng, sigmoid,
        sigmoid_derivative, softmax_cross_entropy_grad, softmax_rows, squared_error, squared_error_grad, uniform,
        Activation, Loss,
    };
    pub use crate::show::{
        grad_table, show_panics, source_excerpt, xy_points, Chart, ClassProbabilities, Figure, ImageGrid,
    };
    pub use crate::train::{class_accuracy, predicted_classes, score, ClassHistory, ConfusionMatrix, Fit, History};
    pub use crate::views::{activation_chart, activation_shift_chart, grad_norm_chart, LossCurve};
    pub use ndarray::{array, s, Array1, Array2, Axis};
    pub use Activation::{Identity, Relu, Sigmoid, Tanh};
}
