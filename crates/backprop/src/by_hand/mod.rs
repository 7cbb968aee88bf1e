//! The hand-written path: every forward and backward pass written out, as the
//! lessons derive them, with their caches in plain sight.
//!
//! - [`Neuron`]: one neuron with every chain-rule factor (`dl_da`, `da_dz`, …);
//! - [`Linear`] and [`MseLoss`]: the from-scratch layer and loss, each caching
//!   what its backward pass needs;
//! - [`TwoLayerNet`]: Day 10's 2-2-1 network;
//! - [`DeltaNet`]: the delta rule for any number of layers, in matrix form.
//!
//! Each type updates itself with a `step` method, the line θ ← θ − η·∂L/∂θ.
//! Nothing here uses the engine: comparing the two paths is done in the tests
//! and the lessons, where both sides are visible.

mod delta;
mod linear;
mod mse;
mod network;
mod neuron;

pub use delta::{DeltaNet, LayerCache, LayerGrads};
pub use linear::{linear_backward, linear_forward, Linear};
pub use mse::MseLoss;
pub use network::{NetGrads, NetPass, TwoLayerNet};
pub use neuron::{Neuron, NeuronGrads, NeuronPass};
