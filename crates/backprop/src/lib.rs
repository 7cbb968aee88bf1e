//! Backpropagation from scratch, for the Rust course notebooks.
//!
//! Each file is one concept: activations, a single neuron, a linear layer,
//! losses, SGD, Day 10's two-layer network, a gradient check, tables and plots,
//! and a small autograd engine (`autograd`) that mirrors PyTorch.
//! Notebooks start with `use backprop::prelude::*;`.
#![warn(missing_docs)]

mod activation;
pub mod autograd;
mod delta;
mod display;
mod gradcheck;
mod history;
mod landscape;
mod linear;
mod loss;
mod network;
mod neuron;
mod optim;
mod plot;
mod rng;
mod shape;
mod source;

pub use activation::{relu, relu_derivative, sigmoid, sigmoid_derivative, tanh, tanh_derivative, Activation};
pub use autograd::Tensor;
pub use delta::{DeltaNet, LayerCache, LayerGrads};
pub use display::{fmt_array, fmt_f64, html_escape, Table};
pub use gradcheck::{central_difference, compare, numeric_gradient, Comparison, GradCheck};
pub use history::History;
pub use landscape::{activation_chart, activation_shift_chart, check_activation, loss_vs_weight};
pub use linear::{linear_backward, linear_forward, pytorch_init, Linear};
pub use loss::{
    binary_cross_entropy, binary_cross_entropy_grad, half_squared_error, half_squared_error_grad, softmax,
    softmax_cross_entropy, softmax_cross_entropy_grad, squared_error, squared_error_grad, MseLoss, SampleLoss,
};
pub use network::{NetGrads, NetPass, TwoLayerNet};
pub use neuron::{Neuron, NeuronGrads, NeuronPass};
pub use optim::{sgd_update, Parameters, Sgd};
pub use plot::{xy_points, Chart, Figure, Series, Style};
pub use rng::{randn, rng, uniform, ChaCha8Rng, Rng};
pub use shape::{assert_dim, assert_same_shape};
pub use source::{source_excerpt, SourceExcerpt};

/// Re-exported so notebooks need only `:dep backprop`.
pub use ndarray;
/// Re-exported so notebooks need only `:dep backprop`.
pub use plotters;

/// Everything a lesson uses, in one import.
pub mod prelude {
    pub use crate::autograd::{nn, optim};
    pub use crate::*;
    pub use ndarray::{array, s, Array1, Array2, Axis};
    pub use Activation::{Identity, Relu, Sigmoid, Tanh};
}
