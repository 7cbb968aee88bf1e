//! Day 10's tiny network: I inputs → H ReLU units → 1 linear output, loss (ŷ − y)².
//!
//! Shape legend: I = inputs, H = hidden units. Weight layout: outputs × inputs,
//! the course's one layout (PyTorch's, as [`crate::Linear`]): `w1` is H × I,
//! row j holding the weights into hidden unit j, so
//!
//! - Z1 = W1·x + b1 (H), A1 = ReLU(Z1) (H)
//! - ŷ = Z2 = W2·A1 + b2 (a number), L = (ŷ − y)²
//!
//! and backward, one chain-rule step per line:
//!
//! - dL/dŷ = 2(ŷ − y); dL/dW2 = dL/dŷ · A1; dL/db2 = dL/dŷ
//! - dL/dA1 = W2 · dL/dŷ; dL/dZ1 = dL/dA1 ⊙ ReLU′(Z1)
//! - dL/dW1 = dL/dZ1 ⊗ x (outer product, H × I, like W1); dL/db1 = dL/dZ1

use crate::maths::shape::{assert_dim, assert_same_shape, check_lr};
use crate::maths::{relu, relu_derivative, sgd_update, squared_error, squared_error_grad, GradCheck, Loss};
use crate::train::{train, Fit, History, OneSample};
use ndarray::{Array1, Array2, Zip};

/// The 2-2-1 network of Day 10 (any I and H work).
///
/// # Shapes
/// w1: H × I (row j holds the weights into hidden unit j), b1: H, w2: H,
/// b2 a number; x: I, y a number.
#[derive(Clone, Debug, PartialEq)]
pub struct TwoLayerNet {
    /// Hidden weights, H × I: row j belongs to hidden unit j.
    pub w1: Array2<f64>,
    /// Hidden biases, H.
    pub b1: Array1<f64>,
    /// Output weights, H.
    pub w2: Array1<f64>,
    /// Output bias.
    pub b2: f64,
}

/// Everything the forward pass computed (the cache for backward).
///
/// # Shapes
/// z1 and a1: H.
#[derive(Clone, Debug, PartialEq)]
pub struct NetPass {
    /// Hidden pre-activations Z1 = W1·x + b1 (H).
    pub z1: Array1<f64>,
    /// Hidden activations A1 = ReLU(Z1) (H).
    pub a1: Array1<f64>,
    /// Output ŷ = Z2 = W2·A1 + b2.
    pub y_hat: f64,
    /// Loss L = (ŷ − y)².
    pub loss: f64,
}

/// Every intermediate gradient of the backward pass.
///
/// # Shapes
/// dl_dw2, dl_da1, relu_mask, dl_dz1, dl_db1: H; dl_dw1: H × I.
#[derive(Clone, Debug, PartialEq)]
pub struct NetGrads {
    /// dL/dŷ = 2(ŷ − y).
    pub dl_dy_hat: f64,
    /// dL/dW2 = dL/dŷ · A1 (H).
    pub dl_dw2: Array1<f64>,
    /// dL/db2 = dL/dŷ.
    pub dl_db2: f64,
    /// dL/dA1 = W2 · dL/dŷ (H).
    pub dl_da1: Array1<f64>,
    /// ReLU′(Z1): 1 where Z1 > 0, else 0 (H).
    pub relu_mask: Array1<f64>,
    /// dL/dZ1 = dL/dA1 ⊙ ReLU′(Z1) (H).
    pub dl_dz1: Array1<f64>,
    /// dL/dW1 = dL/dZ1 ⊗ x (H × I, like W1).
    pub dl_dw1: Array2<f64>,
    /// dL/db1 = dL/dZ1 (H).
    pub dl_db1: Array1<f64>,
}

impl TwoLayerNet {
    /// A network from its parameters: w1 (H × I), b1 (H), w2 (H), b2.
    ///
    /// # Shapes
    /// w1: H × I, b1: H, w2: H.
    ///
    /// # Panics
    /// If b1 or w2 do not have one entry per hidden unit (row of w1).
    #[track_caller]
    pub fn new(w1: Array2<f64>, b1: Array1<f64>, w2: Array1<f64>, b2: f64) -> Self {
        let net = TwoLayerNet { w1, b1, w2, b2 };
        net.check_parts("TwoLayerNet::new");
        net
    }

    /// Forward pass for one sample x (I) and target y.
    ///
    /// # Shapes
    /// x: I; z1 and a1: H.
    ///
    /// # Panics
    /// If x does not have one entry per column of w1 (one per input).
    #[track_caller]
    pub fn forward(&self, x: &Array1<f64>, y: f64) -> NetPass {
        self.check_parts("TwoLayerNet::forward");
        assert_dim("TwoLayerNet::forward", "the length of x", x.len(), self.w1.ncols(), x.shape(), &[self.w1.ncols()]);
        let z1 = self.w1.dot(x) + &self.b1;
        let a1 = z1.mapv(relu);
        let y_hat = self.w2.dot(&a1) + self.b2;
        NetPass { z1, a1, y_hat, loss: squared_error(y_hat, y) }
    }

    /// Backward pass: every gradient from dL/dŷ back to dL/dW1.
    ///
    /// # Shapes
    /// x: I; dl_dw1: H × I; the other gradients: H (or a number).
    ///
    /// # Panics
    /// If x does not have one entry per column of w1, or `pass` comes from a
    /// network with another number of hidden units.
    #[track_caller]
    pub fn backward(&self, x: &Array1<f64>, pass: &NetPass, y: f64) -> NetGrads {
        self.check_parts("TwoLayerNet::backward");
        let (h, i) = self.w1.dim();
        assert_dim("TwoLayerNet::backward", "the length of x", x.len(), i, x.shape(), &[i]);
        assert_dim("TwoLayerNet::backward", "the length of the pass's Z1", pass.z1.len(), h, pass.z1.shape(), &[h]);
        assert_dim("TwoLayerNet::backward", "the length of the pass's A1", pass.a1.len(), h, pass.a1.shape(), &[h]);
        let dl_dy_hat = squared_error_grad(pass.y_hat, y);
        let dl_dw2 = &pass.a1 * dl_dy_hat;
        let dl_da1 = &self.w2 * dl_dy_hat;
        let relu_mask = pass.z1.mapv(relu_derivative);
        let dl_dz1 = &dl_da1 * &relu_mask;
        let dl_dw1 = Array2::from_shape_fn((dl_dz1.len(), x.len()), |(j, i)| dl_dz1[j] * x[i]);
        NetGrads { dl_dy_hat, dl_dw2, dl_db2: dl_dy_hat, dl_da1, relu_mask, dl_db1: dl_dz1.clone(), dl_dz1, dl_dw1 }
    }

    /// Gradient descent on every parameter: θ ← θ − lr·dL/dθ.
    ///
    /// # Panics
    /// If `lr` is not a finite number above 0, or a gradient does not have
    /// its parameter's shape (`grads` from a network of another shape).
    #[track_caller]
    pub fn step(&mut self, grads: &NetGrads, lr: f64) {
        check_lr("TwoLayerNet::step", lr);
        self.check_parts("TwoLayerNet::step");
        assert_same_shape("TwoLayerNet::step", "dl_dw1", grads.dl_dw1.shape(), "W1", self.w1.shape());
        assert_same_shape("TwoLayerNet::step", "dl_db1", grads.dl_db1.shape(), "b1", self.b1.shape());
        assert_same_shape("TwoLayerNet::step", "dl_dw2", grads.dl_dw2.shape(), "W2", self.w2.shape());
        Zip::from(&mut self.w1).and(&grads.dl_dw1).for_each(|p, &g| *p = sgd_update(*p, g, lr));
        Zip::from(&mut self.b1).and(&grads.dl_db1).for_each(|p, &g| *p = sgd_update(*p, g, lr));
        Zip::from(&mut self.w2).and(&grads.dl_dw2).for_each(|p, &g| *p = sgd_update(*p, g, lr));
        self.b2 = sgd_update(self.b2, grads.dl_db2, lr);
    }

    /// All parameters as one flat vector: W1 (row by row), b1, W2, b2.
    ///
    /// # Shapes
    /// returns P = H·I + 2H + 1 numbers.
    pub fn flatten(&self) -> Array1<f64> {
        self.w1.iter().chain(&self.b1).chain(&self.w2).copied().chain([self.b2]).collect()
    }

    /// The inverse of [`TwoLayerNet::flatten`], keeping this network's shapes.
    ///
    /// # Shapes
    /// theta: P = H·I + 2H + 1 numbers.
    ///
    /// # Panics
    /// If theta does not hold P numbers.
    #[track_caller]
    pub fn unflatten(&self, theta: &Array1<f64>) -> Self {
        let (h, i) = self.w1.dim();
        let p = i * h + 2 * h + 1;
        assert_dim("TwoLayerNet::unflatten", "the length of theta", theta.len(), p, theta.shape(), &[p]);
        let v = theta.to_vec();
        TwoLayerNet::new(
            Array2::from_shape_vec((h, i), v[..i * h].to_vec()).expect("w1 has H·I entries"),
            Array1::from(v[i * h..i * h + h].to_vec()),
            Array1::from(v[i * h + h..i * h + 2 * h].to_vec()),
            v[i * h + 2 * h],
        )
    }

    /// Checks every backward-pass gradient against central differences.
    ///
    /// # Shapes
    /// x: I; one row per parameter (P = H·I + 2H + 1).
    ///
    /// # Panics
    /// If x does not have one entry per column of w1.
    #[track_caller]
    pub fn check_gradients(&self, x: &Array1<f64>, y: f64) -> GradCheck {
        let i = self.w1.ncols();
        assert_dim("TwoLayerNet::check_gradients", "the length of x", x.len(), i, x.shape(), &[i]);
        let pass = self.forward(x, y);
        let g = self.backward(x, &pass, y);
        let analytic = g.dl_dw1.iter().chain(&g.dl_db1).chain(&g.dl_dw2).copied().chain([g.dl_db2]).collect();
        self.check_these_gradients(x, y, analytic)
    }

    /// Checks the given gradients (someone else's backward pass, in the order of
    /// [`TwoLayerNet::flatten`]) against central differences of this network's loss.
    ///
    /// # Shapes
    /// x: I; analytic: P = H·I + 2H + 1.
    pub(crate) fn check_these_gradients(&self, x: &Array1<f64>, y: f64, analytic: Array1<f64>) -> GradCheck {
        let (nh, ni) = self.w1.dim();
        let mut names: Vec<String> = Vec::new();
        for j in 0..nh {
            names.extend((0..ni).map(|i| format!("dl_dw1[[{j}, {i}]]")));
        }
        names.extend((0..nh).map(|j| format!("dl_db1[{j}]")));
        names.extend((0..nh).map(|j| format!("dl_dw2[{j}]")));
        names.push("dl_db2".into());
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        GradCheck::new(&names, analytic, |t| self.unflatten(t).forward(x, y).loss, &self.flatten())
    }

    /// Trains on one sample with the course's training loop (`fit.loss` must be
    /// [`Loss::Mse`], Day 10's (ŷ − y)²), recording the loss before each step.
    ///
    /// # Shapes
    /// x: I.
    ///
    /// # Panics
    /// If `fit.loss` is another loss, `fit` asks for a learning rate that is
    /// not a finite number above 0 or for 0 epochs, or x does not fit.
    #[track_caller]
    pub fn fit(&mut self, x: &Array1<f64>, y: f64, fit: &Fit) -> History {
        fit.check("TwoLayerNet::fit");
        let i = self.w1.ncols();
        assert_dim("TwoLayerNet::fit", "the length of x", x.len(), i, x.shape(), &[i]);
        assert!(
            fit.loss == Loss::Mse,
            "TwoLayerNet::fit: this network is built for Day 10's loss (ŷ − y)², Loss::Mse, not {:?}",
            fit.loss
        );
        let pass = move |net: &TwoLayerNet| {
            let fwd = net.forward(x, y);
            (fwd.loss, net.backward(x, &fwd, y))
        };
        let sample = x.to_vec();
        train(&mut OneSample::new(self, &sample, y, pass, TwoLayerNet::step), fit.lr, fit.epochs)
    }

    /// Panics, naming `op`, unless b1 and w2 (public fields, so they can be
    /// replaced) still have one entry per hidden unit.
    #[track_caller]
    fn check_parts(&self, op: &str) {
        let h = self.w1.nrows();
        assert_dim(op, "the length of b1", self.b1.len(), h, self.b1.shape(), &[h]);
        assert_dim(op, "the length of w2", self.w2.len(), h, self.w2.shape(), &[h]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn day10() -> TwoLayerNet {
        TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1)
    }

    #[test]
    #[should_panic(expected = "TwoLayerNet::backward: the length of x is 3 but must be 2")]
    fn backward_checks_x() {
        let net = day10();
        let pass = net.forward(&array![1.0, 2.0], 3.0);
        net.backward(&array![1.0, 2.0, 3.0], &pass, 3.0);
    }

    #[test]
    fn training_lowers_the_loss() {
        let h = day10().fit(&array![1.0, 2.0], 3.0, &Fit::new(Loss::Mse).lr(0.1).epochs(30));
        assert!(h.last().unwrap() < 0.02 * h.losses[0], "{}", h.summary());
    }
}
