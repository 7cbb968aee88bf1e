//! Training loops for a [`Sequential`] network, and the gradient norms per layer.
//!
//! Each epoch is the five-step recipe: forward, loss, `zero_grad`, `backward`,
//! `step`. The loss is recorded before the step, as a PyTorch loop prints it,
//! and a loss that stops being finite ends the run with a clear message
//! (see [`History`]).

use super::nn::{Layer, Sequential};
use super::optim::Sgd;
use super::tensor::Tensor;
use crate::history::History;
use crate::plot::{Chart, Figure};

/// Training and validation losses per epoch.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainLog {
    /// Loss on the training data, before each step.
    pub train: History,
    /// Loss on held-out data, at the same moments.
    pub val: History,
}

impl TrainLog {
    /// Both curves in one chart.
    pub fn chart(&self, title: &str) -> Chart {
        Chart::new(title, "epoch", "MSE loss")
            .line("training loss", self.train.points())
            .line("validation loss", self.val.points())
    }

    /// evcxr's display hook: the two curves.
    pub fn evcxr_display(&self) {
        Figure::single(self.chart("training vs validation loss")).evcxr_display()
    }
}

impl Sequential {
    /// Trains on (x, y) with MSE and SGD(lr) for `epochs` full-batch steps.
    #[track_caller]
    pub fn train_mse(&self, x: &Tensor, y: &Tensor, lr: f64, epochs: usize) -> History {
        let opt = Sgd::new(self.parameters(), lr);
        let mut history = History::new(lr);
        for _ in 0..epochs {
            let loss = self.forward(x).mse_loss(y); // 1. forward, 2. loss
            if !history.record(loss.item()) {
                break;
            }
            opt.zero_grad(); // 3. forget the previous step's gradients
            loss.backward(); // 4. dL/dθ for every parameter
            opt.step(); // 5. θ ← θ − lr·dL/dθ
        }
        history
    }

    /// Like [`Sequential::train_mse`], also recording the loss on (x_val, y_val).
    #[track_caller]
    pub fn train_mse_with_validation(
        &self,
        x: &Tensor,
        y: &Tensor,
        x_val: &Tensor,
        y_val: &Tensor,
        lr: f64,
        epochs: usize,
    ) -> TrainLog {
        let opt = Sgd::new(self.parameters(), lr);
        let mut log = TrainLog { train: History::new(lr), val: History::new(lr) };
        for _ in 0..epochs {
            let loss = self.forward(x).mse_loss(y);
            let val = self.forward(x_val).mse_loss(y_val).item();
            if !log.train.record(loss.item()) || !log.val.record(val) {
                break;
            }
            opt.zero_grad();
            loss.backward();
            opt.step();
        }
        log
    }

    /// The Euclidean norm ‖dL/dW‖ of each Linear layer's weight gradient,
    /// first layer first, named like `0.weight`.
    pub fn layer_grad_norms(&self) -> Vec<(String, f64)> {
        self.layers
            .iter()
            .enumerate()
            .filter_map(|(i, l)| match l {
                Layer::Linear(lin) => Some((format!("{i}.weight"), lin.weight.grad().mapv(|g| g * g).sum().sqrt())),
                _ => None,
            })
            .collect()
    }
}
