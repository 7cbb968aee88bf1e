//! `torch.optim.SGD` for the engine's parameters.

use super::tensor::Tensor;
use crate::maths::sgd_update;
use crate::maths::shape::{check_lr, zip_assign};

/// Plain stochastic gradient descent: p ← p − lr·p.grad for every parameter.
#[derive(Clone, Debug)]
pub struct Sgd {
    /// The tensors it updates.
    pub params: Vec<Tensor>,
    /// The learning rate.
    pub lr: f64,
}

impl Sgd {
    /// An optimiser over `params` (e.g. `model.parameters()`).
    ///
    /// # Shapes
    /// any: each parameter keeps its shape.
    ///
    /// # Panics
    /// If `params` is empty, or `lr` is not a finite number above 0 (PyTorch
    /// refuses an empty list and a negative rate too).
    #[track_caller]
    pub fn new(params: Vec<Tensor>, lr: f64) -> Self {
        assert!(!params.is_empty(), "Sgd::new: the parameter list is empty, so there is nothing to train");
        check_lr("Sgd::new", lr);
        Sgd { params, lr }
    }

    /// Sets every parameter's gradient to zero. Call it before each `backward`,
    /// or gradients from earlier steps add up.
    pub fn zero_grad(&self) {
        self.params.iter().for_each(Tensor::zero_grad);
    }

    /// Moves every parameter one step against its gradient.
    ///
    /// # Panics
    /// If `lr` is not a finite number above 0, or a parameter's gradient does
    /// not have the parameter's shape (both shapes are named).
    #[track_caller]
    pub fn step(&self) {
        let lr = self.lr;
        check_lr("Sgd::step", lr);
        for p in &self.params {
            p.update_arrays(|value, grad| {
                zip_assign(("Sgd::step", "a parameter", "its gradient"), value, grad, |v, g| sgd_update(v, g, lr))
            });
        }
    }
}
