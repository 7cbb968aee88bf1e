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
use ndarray::Array2;

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

/// ‖dL/dW‖ per layer for several networks, on a log scale (log10), so that
/// gradients that shrink by a constant factor per layer show as a straight line.
pub fn grad_norm_chart(title: &str, runs: &[(&str, &Sequential)]) -> Chart {
    runs.iter().fold(Chart::new(title, "layer (1 = nearest the input)", "log10 ‖dL/dW‖"), |chart, (name, net)| {
        let pts: Vec<(f64, f64)> =
            net.layer_grad_norms().iter().enumerate().map(|(i, (_, n))| ((i + 1) as f64, n.log10())).collect();
        chart.line(name, pts)
    })
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

    /// For a network with one input and one output: the data as markers and the
    /// network's curve over [lo, hi], to see what function it has learned.
    ///
    /// # Panics
    /// If `x` and `y` are not single columns of equal length.
    #[track_caller]
    pub fn fit_chart(&self, title: &str, x: &Array2<f64>, y: &Array2<f64>, lo: f64, hi: f64) -> Chart {
        assert!(
            x.ncols() == 1 && y.ncols() == 1 && x.nrows() == y.nrows(),
            "fit_chart: need x and y as [N, 1] columns, got {:?} and {:?}",
            x.shape(),
            y.shape()
        );
        let grid = Array2::from_shape_fn((200, 1), |(i, _)| lo + (hi - lo) * i as f64 / 199.0);
        let curve = self.forward(&Tensor::new(grid.clone())).value();
        let data = x.iter().zip(y.iter()).map(|(&a, &b)| (a, b)).collect();
        Chart::new(title, "x", "y")
            .markers("data", data)
            .line("network", grid.iter().copied().zip(curve.iter().copied()).collect())
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
