//! Views: what a lesson looks at, computed here and drawn by [`crate::show`].
//!
//! Each function runs the maths a picture needs (a forward and backward pass,
//! a prediction on a grid, a gradient norm, a loss curve) and hands the
//! numbers to `show`, which only draws what it is given. Nothing else in the
//! crate imports this module.

mod curves;
mod delta_fit;
mod delta_step;
mod fitted;

pub use curves::{activation_chart, activation_shift_chart, LossCurve};
pub use fitted::grad_norm_chart;
