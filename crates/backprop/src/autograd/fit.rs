//! Training with a record of what happened: the loss, each layer's gradient
//! norm and every first-layer weight, epoch by epoch — the "watch it learn"
//! exercises of the deep-dive lecture.

use super::nn::{Layer, Sequential};
use super::optim::Sgd;
use super::tensor::Tensor;
use crate::gradcheck::GradCheck;
use crate::history::History;
use crate::plot::{Chart, Style};
use ndarray::{Array1, Array2, ArrayD, ArrayViewD};

/// The loss a training run minimises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// Mean squared error (`nn.MSELoss`).
    Mse,
    /// Binary cross-entropy on probabilities (`nn.BCELoss`), after a sigmoid.
    Bce,
}

impl Loss {
    /// The loss of `pred` against `target`.
    #[track_caller]
    pub fn of(self, pred: &Tensor, target: &Tensor) -> Tensor {
        match self {
            Loss::Mse => pred.mse_loss(target),
            Loss::Bce => pred.bce_loss(target),
        }
    }
}

/// Everything recorded by [`Sequential::fit`].
#[derive(Clone, Debug, PartialEq)]
pub struct FitRecord {
    /// The loss before each step.
    pub history: History,
    /// For each Linear layer (`0.weight`, …): ‖dL/dW‖ at each epoch.
    pub grad_norms: Vec<(String, Vec<f64>)>,
    /// Every element of the first layer's weights (`0.weight[i][j]`), at each epoch.
    pub first_layer_weights: Vec<(String, Vec<f64>)>,
    /// The fraction of outputs on the right side of 0.5 at each epoch (meaningful for 0/1 targets).
    pub accuracy: Vec<f64>,
}

impl FitRecord {
    /// The first epoch (counting from 1) from which every later epoch had full accuracy.
    pub fn solved_from(&self) -> Option<usize> {
        let last_miss = self.accuracy.iter().rposition(|&a| a < 1.0);
        match last_miss {
            None if !self.accuracy.is_empty() => Some(1),
            Some(k) if k + 1 < self.accuracy.len() => Some(k + 2),
            _ => None,
        }
    }
}

impl Sequential {
    /// Trains with SGD(lr) on the full batch for `epochs` steps, recording the
    /// loss, gradient norms and first-layer weights. Stops early if the loss diverges.
    #[track_caller]
    pub fn fit(&self, x: &Tensor, y: &Tensor, loss: Loss, lr: f64, epochs: usize) -> FitRecord {
        let opt = Sgd::new(self.parameters(), lr);
        let first = self.parameters()[0].clone();
        let (rows, cols) = (first.shape()[0], first.shape()[1]);
        let mut rec = FitRecord {
            history: History::new(lr),
            grad_norms: self.layer_grad_norms().into_iter().map(|(n, _)| (n, Vec::new())).collect(),
            first_layer_weights: (0..rows * cols)
                .map(|k| (format!("0.weight[{}][{}]", k / cols, k % cols), Vec::new()))
                .collect(),
            accuracy: Vec::new(),
        };
        let targets = y.value();
        for _ in 0..epochs {
            for (k, v) in first.value().iter().enumerate() {
                rec.first_layer_weights[k].1.push(*v);
            }
            let pred = self.forward(x);
            let l = loss.of(&pred, y);
            if !rec.history.record(l.item()) {
                break;
            }
            rec.accuracy.push(accuracy_of(&pred.value(), targets.view()));
            opt.zero_grad();
            l.backward();
            for (k, (_, n)) in self.layer_grad_norms().into_iter().enumerate() {
                rec.grad_norms[k].1.push(n);
            }
            opt.step();
        }
        rec
    }

    /// Checks every parameter's engine gradient of `f(self)` against central
    /// differences, nudging each weight in place and putting it back.
    pub fn gradcheck(&self, f: impl Fn(&Sequential) -> Tensor) -> GradCheck {
        self.zero_grad();
        f(self).backward();
        let mut names = Vec::new();
        let mut analytic = Vec::new();
        let mut theta = Vec::new();
        for (name, p) in self.named_parameters() {
            for (k, (v, g)) in p.value().iter().zip(p.grad().iter()).enumerate() {
                names.push(format!("{name}[{k}]"));
                theta.push(*v);
                analytic.push(*g);
            }
        }
        let params = self.parameters();
        let at = |t: &Array1<f64>| {
            let mut offset = 0;
            for p in &params {
                p.update(|v, _| {
                    v.iter_mut().for_each(|e| {
                        *e = t[offset];
                        offset += 1;
                    })
                });
            }
            f(self).item()
        };
        let theta = Array1::from(theta);
        let names_ref: Vec<&str> = names.iter().map(String::as_str).collect();
        let check = GradCheck::new(&names_ref, Array1::from(analytic), at, &theta);
        at(&theta); // leave the original weights in place
        check
    }

    /// The fraction of rows whose prediction, thresholded at 0.5, equals the 0/1 target.
    pub fn accuracy(&self, x: &Tensor, y: &Array2<f64>) -> f64 {
        accuracy_of(&self.forward(x).value(), y.view().into_dyn())
    }

    /// For a network with two inputs and one output in (0, 1): the plane
    /// [lo, hi]² coloured by predicted class on an n × n grid, with the data on top.
    pub fn decision_chart(&self, title: &str, x: &Array2<f64>, y: &Array2<f64>, lo: f64, hi: f64, n: usize) -> Chart {
        let step = (hi - lo) / (n.max(2) - 1) as f64;
        let grid = Array2::from_shape_fn((n * n, 2), |(k, j)| lo + step * if j == 0 { k % n } else { k / n } as f64);
        let pred = self.forward(&Tensor::new(grid.clone())).value();
        let (mut one, mut zero) = (Vec::new(), Vec::new());
        for (k, p) in pred.iter().enumerate() {
            let pt = (grid[[k, 0]], grid[[k, 1]]);
            if *p > 0.5 {
                one.push(pt)
            } else {
                zero.push(pt)
            }
        }
        let data = |class: f64| -> Vec<(f64, f64)> {
            (0..x.nrows()).filter(|&r| y[[r, 0]] == class).map(|r| (x[[r, 0]], x[[r, 1]])).collect()
        };
        Chart::new(title, "x1", "x2")
            .with("predicted 1", one, Style::Dots)
            .with("predicted 0", zero, Style::Dots)
            .markers("data labelled 1", data(1.0))
            .markers("data labelled 0", data(0.0))
    }
}

impl FitRecord {
    /// log10 ‖dL/dW‖ of each layer over the epochs.
    pub fn grad_norm_chart(&self, title: &str) -> Chart {
        self.grad_norms.iter().fold(Chart::new(title, "epoch", "log10 ‖dL/dW‖"), |c, (name, norms)| {
            c.line(name, norms.iter().enumerate().map(|(i, n)| ((i + 1) as f64, n.log10())).collect())
        })
    }

    /// Every first-layer weight over the epochs, one line each.
    pub fn weight_chart(&self, title: &str) -> Chart {
        self.first_layer_weights.iter().fold(Chart::new(title, "epoch", "weight"), |c, (name, vs)| {
            c.line(name, vs.iter().enumerate().map(|(i, v)| ((i + 1) as f64, *v)).collect())
        })
    }
}

/// The fraction of predictions that land on their 0/1 target's side of 0.5.
fn accuracy_of(pred: &ArrayD<f64>, targets: ArrayViewD<'_, f64>) -> f64 {
    let hits = pred.iter().zip(targets.iter()).filter(|(p, t)| ((**p > 0.5) as u8 as f64) == **t).count();
    hits as f64 / targets.len() as f64
}

/// The hidden units of a `Linear` layer are copies of each other when all rows
/// of its weight matrix (and all its biases) are equal; this is the largest
/// difference between any row and the first, over weights and biases.
pub fn hidden_unit_spread(layer: &Layer) -> f64 {
    let Layer::Linear(l) = layer else { return 0.0 };
    let (w, b) = (l.weight.value(), l.bias.value());
    let rows = w.shape()[0];
    let cols = w.shape()[1];
    let mut spread: f64 = 0.0;
    for r in 1..rows {
        spread = spread.max((b[r] - b[0]).abs());
        for c in 0..cols {
            spread = spread.max((w[[r, c]] - w[[0, c]]).abs());
        }
    }
    spread
}
