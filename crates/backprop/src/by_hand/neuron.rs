//! A single neuron, z = w·x + b and a = σ(z), with every chain-rule factor visible.
//!
//! The backward pass is the chain rule written out:
//!
//! dL/dw = dL/da · da/dz · dz/dw, with dz/dw = x and dz/db = 1.
//!
//! Shape legend: F = number of input features.

use crate::maths::shape::check_lr;
use crate::maths::{sgd_update, Activation, GradCheck, Loss};
use crate::train::{train, Fit, History, OneSample};
use ndarray::{Array1, Zip};

/// One neuron: weights `w` (F), bias `b` and an activation.
///
/// # Shapes
/// w: F, x: F; z, a and b are numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Neuron {
    /// Weights, one per input feature (F).
    pub w: Array1<f64>,
    /// Bias.
    pub b: f64,
    /// The non-linearity a = σ(z).
    pub activation: Activation,
}

/// What the forward pass computed: the cache the backward pass needs.
#[derive(Clone, Debug, PartialEq)]
pub struct NeuronPass {
    /// Pre-activation z = w·x + b.
    pub z: f64,
    /// Activation a = σ(z), the neuron's output.
    pub a: f64,
}

/// Every factor of the chain rule for one neuron.
///
/// # Shapes
/// dz_dw and dl_dw: F; the others are numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct NeuronGrads {
    /// dL/da: how the loss responds to the output (given by the loss).
    pub dl_da: f64,
    /// da/dz: the activation's slope at z.
    pub da_dz: f64,
    /// dL/dz = dL/da · da/dz.
    pub dl_dz: f64,
    /// dz/dw = x (F).
    pub dz_dw: Array1<f64>,
    /// dL/dw = dL/dz · x (F).
    pub dl_dw: Array1<f64>,
    /// dL/db = dL/dz · 1.
    pub dl_db: f64,
}

impl Neuron {
    /// A neuron with the given weights (F), bias and activation.
    ///
    /// # Shapes
    /// w: F.
    pub fn new(w: Array1<f64>, b: f64, activation: Activation) -> Self {
        Neuron { w, b, activation }
    }

    /// Forward pass: z = w·x + b, a = σ(z). `x` has F features.
    ///
    /// # Shapes
    /// x: F (as many features as w has weights).
    ///
    /// # Panics
    /// If `x` does not have as many features as `w` has weights.
    #[track_caller]
    pub fn forward(&self, x: &Array1<f64>) -> NeuronPass {
        self.check_input("Neuron::forward", x);
        let z = self.w.dot(x) + self.b;
        NeuronPass { z, a: self.activation.forward(z) }
    }

    /// Backward pass from dL/da (which the loss supplies) to every gradient.
    ///
    /// # Shapes
    /// x: F; dz_dw and dl_dw: F.
    ///
    /// # Panics
    /// If `x` does not have as many features as `w` has weights.
    #[track_caller]
    pub fn backward(&self, x: &Array1<f64>, pass: &NeuronPass, dl_da: f64) -> NeuronGrads {
        self.check_input("Neuron::backward", x);
        let da_dz = self.activation.derivative(pass.z);
        let dl_dz = dl_da * da_dz;
        let dz_dw = x.clone();
        let dl_dw = dz_dw.mapv(|xi| dl_dz * xi);
        NeuronGrads { dl_da, da_dz, dl_dz, dz_dw, dl_dw, dl_db: dl_dz }
    }

    /// Gradient-descent step: w ← w − lr·dL/dw, b ← b − lr·dL/db.
    ///
    /// # Panics
    /// If `lr` is not a finite number above 0, or `grads` belong to a neuron
    /// with another number of weights.
    #[track_caller]
    pub fn step(&mut self, grads: &NeuronGrads, lr: f64) {
        check_lr("Neuron::step", lr);
        assert!(
            grads.dl_dw.len() == self.w.len(),
            "Neuron::step: dL/dw has shape [{}] but w has shape [{}]; use the gradients of this neuron's own backward pass",
            grads.dl_dw.len(),
            self.w.len()
        );
        Zip::from(&mut self.w).and(&grads.dl_dw).for_each(|w, &g| *w = sgd_update(*w, g, lr));
        self.b = sgd_update(self.b, grads.dl_db, lr);
    }

    /// The loss of this neuron on one sample: L(σ(w·x + b), y).
    ///
    /// # Shapes
    /// x: F.
    ///
    /// # Panics
    /// If x does not have F features, or for `Loss::Bce` the output is outside [0, 1].
    #[track_caller]
    pub fn loss(&self, x: &Array1<f64>, y: f64, loss: Loss) -> f64 {
        self.check_input("Neuron::loss", x);
        loss.value(self.forward(x).a, y)
    }

    /// Forward, loss and backward in one go: returns the pass, L and the gradients.
    ///
    /// # Shapes
    /// x: F; dz_dw and dl_dw: F.
    ///
    /// # Panics
    /// If x does not have F features, or for `Loss::Bce` the output is outside [0, 1].
    #[track_caller]
    pub fn forward_backward(&self, x: &Array1<f64>, y: f64, loss: Loss) -> (NeuronPass, f64, NeuronGrads) {
        self.check_input("Neuron::forward_backward", x);
        let pass = self.forward(x);
        let l = loss.value(pass.a, y);
        let grads = self.backward(x, &pass, loss.grad(pass.a, y));
        (pass, l, grads)
    }

    /// Checks the chain-rule gradients (dL/dw₀…, dL/db) against central differences.
    ///
    /// # Shapes
    /// x: F; one row per weight, then one for the bias (F + 1).
    ///
    /// # Panics
    /// If x does not have F features, or for `Loss::Bce` the output is outside [0, 1].
    #[track_caller]
    pub fn check_gradients(&self, x: &Array1<f64>, y: f64, loss: Loss) -> GradCheck {
        self.check_input("Neuron::check_gradients", x);
        let (_, _, grads) = self.forward_backward(x, y, loss);
        let f = self.w.len();
        let names: Vec<String> = (0..f).map(|i| if f == 1 { "dL/dw".into() } else { format!("dL/dw{i}") }).collect();
        let mut names: Vec<&str> = names.iter().map(String::as_str).collect();
        names.push("dL/db");
        let theta: Array1<f64> = self.w.iter().copied().chain([self.b]).collect();
        let analytic: Array1<f64> = grads.dl_dw.iter().copied().chain([grads.dl_db]).collect();
        let at =
            |t: &Array1<f64>| Neuron::new(t.slice(ndarray::s![..f]).to_owned(), t[f], self.activation).loss(x, y, loss);
        GradCheck::new(&names, analytic, at, &theta)
    }

    /// Trains on one sample with the course's training loop: forward, loss,
    /// backward and [`Neuron::step`] for `fit.epochs` steps, recording the loss
    /// before each step. Stops early, and says why, if the loss stops being finite.
    ///
    /// # Shapes
    /// x: F.
    ///
    /// # Panics
    /// If x does not have F features, or `fit` asks for a learning rate that
    /// is not a finite number above 0 or for 0 epochs.
    #[track_caller]
    pub fn fit(&mut self, x: &Array1<f64>, y: f64, fit: &Fit) -> History {
        fit.check("Neuron::fit");
        self.check_input("Neuron::fit", x);
        let loss = fit.loss;
        let pass = move |n: &Neuron| {
            let (_, l, grads) = n.forward_backward(x, y, loss);
            (l, grads)
        };
        let sample = x.to_vec();
        train(&mut OneSample::new(self, &sample, y, pass, Neuron::step), fit.lr, fit.epochs)
    }

    /// Panics, naming `op`, unless x has one feature per weight.
    #[track_caller]
    fn check_input(&self, op: &str, x: &Array1<f64>) {
        assert!(
            x.len() == self.w.len(),
            "{op}: x has shape [{}] but w has shape [{}]; one weight per input feature is needed",
            x.len(),
            self.w.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn day3_hand_checkable_neuron() {
        // Day 3: x = [1, 0], w = [0, 0], b = 0, y = 1, sigmoid, L = ½(a − y)².
        let n = Neuron::new(array![0.0, 0.0], 0.0, Activation::Sigmoid);
        let (pass, l, g) = n.forward_backward(&array![1.0, 0.0], 1.0, Loss::HalfSquared);
        assert_eq!((pass.z, pass.a, l), (0.0, 0.5, 0.125));
        assert_eq!((g.dl_da, g.da_dz, g.dl_dz, g.dl_db), (-0.5, 0.25, -0.125, -0.125));
        assert_eq!(g.dl_dw, array![-0.125, 0.0]);
    }

    #[test]
    #[should_panic(expected = "Neuron::forward: x has shape [3] but w has shape [2]")]
    fn wrong_feature_count_names_both_shapes() {
        Neuron::new(array![1.0, 2.0], 0.0, Activation::Relu).forward(&array![1.0, 2.0, 3.0]);
    }

    #[test]
    #[should_panic(expected = "Neuron::step: dL/dw has shape [1] but w has shape [2]")]
    fn another_neurons_gradients_are_refused() {
        let one = Neuron::new(array![1.0], 0.0, Activation::Relu);
        let (_, _, g) = one.forward_backward(&array![1.0], 0.0, Loss::Mse);
        Neuron::new(array![1.0, 2.0], 0.0, Activation::Relu).step(&g, 0.1);
    }

    #[test]
    fn train_stops_and_reports_divergence() {
        let mut n = Neuron::new(array![1.0], 0.0, Activation::Identity);
        let h = n.fit(&array![10.0], 0.0, &Fit::new(Loss::Mse).lr(10.0).epochs(200));
        assert!(matches!(h.stopped, Some((_, crate::train::Stop::LossGrew))), "{h:?}");
        assert!(h.summary().contains("diverged"), "{}", h.summary());
    }
}
