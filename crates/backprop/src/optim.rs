//! Gradient descent: θ ← θ − η·∂L/∂θ.

use ndarray::{ArrayViewD, ArrayViewMutD, Zip};

/// One gradient-descent update of a single number: p − lr·grad.
pub fn sgd_update(p: f64, grad: f64, lr: f64) -> f64 {
    p - lr * grad
}

/// Anything with named parameters and stored gradients of the same shapes.
pub trait Parameters {
    /// Calls `f(name, parameter, gradient)` for every parameter tensor.
    fn visit_parameters(&mut self, f: &mut dyn FnMut(&str, ArrayViewMutD<'_, f64>, ArrayViewD<'_, f64>));
}

/// Stochastic gradient descent with a fixed learning rate, as `torch.optim.SGD(lr)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sgd {
    /// The learning rate η.
    pub lr: f64,
}

impl Sgd {
    /// An optimiser with learning rate `lr`.
    pub fn new(lr: f64) -> Self {
        Sgd { lr }
    }

    /// Updates every parameter of `model`: θ ← θ − lr·grad.
    pub fn step(&self, model: &mut dyn Parameters) {
        let lr = self.lr;
        model.visit_parameters(&mut |_, p, g| {
            Zip::from(p).and(g).for_each(|p, &g| *p = sgd_update(*p, g, lr));
        });
    }

    /// Updates every model in `models` (for example the layers of a network).
    pub fn step_all(&self, models: &mut [&mut dyn Parameters]) {
        for m in models.iter_mut() {
            self.step(*m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_moves_against_the_gradient() {
        assert_eq!(sgd_update(0.5, -0.2, 0.1), 0.52);
        assert_eq!(sgd_update(0.5, 0.2, 0.1), 0.48);
    }
}
