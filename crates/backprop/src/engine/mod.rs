//! The engine path: a small reverse-mode automatic differentiation engine over
//! `ndarray` tensors, with `nn` and `optim` that mirror PyTorch's.
//!
//! Every operation on a [`Tensor`] records itself in a graph together with the
//! chain rule for that operation. `loss.backward()` walks the graph from the
//! loss back to the parameters and adds dL/dθ into each one's `grad`, exactly as
//! `loss.backward()` does in PyTorch.
//!
//! ```
//! use backprop::prelude::*;
//! let w = Tensor::param(array![[0.5]]);
//! let x = Tensor::new(array![[2.0]]);
//! let loss = x.matmul(&w).sigmoid().mse_loss(&Tensor::new(array![[1.0]]));
//! loss.backward();
//! assert!((w.grad()[[0, 0]] - (-0.21150837113706686)).abs() < 1e-15);
//! ```

//! [`Tensor`]'s methods are spread over one file per kind, so that each
//! operation's chain rule sits beside its forward computation: `tensor.rs` (the
//! node and its accessors), `backward.rs` (the reverse pass), `ops.rs` (two-tensor
//! operations), `linear.rs` (a whole fully connected layer as one operation),
//! `operators.rs` (`+ - *` on tensors), `unary.rs` (element-wise functions and
//! reductions) and `loss.rs` (losses as graph nodes).

mod backward;
mod check;
mod fit;
mod linear;
mod loss;
pub mod nn;
mod operators;
mod ops;
pub mod optim;
mod tensor;
mod unary;

pub use check::{check_gradient, cross_entropy_check};
pub use fit::hidden_unit_spread;
pub use tensor::Tensor;
