//! Training a [`Sequential`] network with the course's training loop, and what
//! the lessons measure about it: gradient norms per layer, accuracy,
//! predictions, a gradient check of every parameter.
//!
//! Each epoch is the five-step recipe: forward, loss, `zero_grad`, `backward`,
//! `step`, with the loss recorded before the step, as a PyTorch loop prints it.

use super::nn::{Layer, Sequential};
use super::optim::Sgd;
use super::tensor::Tensor;
use crate::maths::{GradCheck, Loss};
use crate::train::{train, Fit, History, Trainable};
use ndarray::{Array1, Array2, Ix2};

/// A network bound to its training data, for the training loop.
struct Batch<'a> {
    net: &'a Sequential,
    opt: Sgd,
    x: Tensor,
    y: Tensor,
    fit: &'a Fit,
    loss: Option<Tensor>,
    pred: Option<Array2<f64>>,
}

impl Trainable for Batch<'_> {
    fn check_batch(&self, history: &mut History) -> bool {
        let (x, y) = (self.x.node(), self.y.node());
        history.check_batch(x.value.shape()[0], x.value.iter(), y.value.iter())
    }

    fn forward_loss(&mut self) -> f64 {
        let pred = self.net.forward(&self.x); // 1. forward pass
        let loss = pred.loss(self.fit.loss, &self.y); // 2. loss
        self.pred = Some(pred.value().into_dimensionality::<Ix2>().expect("a B × O output"));
        let l = loss.item();
        self.loss = Some(loss);
        l
    }

    fn backward(&mut self) {
        self.opt.zero_grad(); // 3. forget the previous step's gradients
        self.loss.take().expect("forward_loss runs first").backward(); // 4. dL/dθ for every θ
    }

    fn observe(&mut self, history: &mut History) {
        for (name, norm) in self.net.layer_grad_norms() {
            History::push_to(&mut history.grad_norms, &name, norm);
        }
        if let Some((_, w)) = self.net.named_parameters().into_iter().next() {
            let w = w.node();
            if history.weights.is_empty() {
                // One series per first-layer weight, named once as the maths writes it,
                // layer first and counted from 1: `W[1]_jk` (the first parameter is layer 1's weights).
                let cols = w.value.shape().get(1).copied().unwrap_or(1);
                let named = (0..w.value.len()).map(|k| (format!("W[1]_{}{}", k / cols + 1, k % cols + 1), Vec::new()));
                history.weights = named.collect();
            }
            for ((_, series), v) in history.weights.iter_mut().zip(w.value.iter()) {
                series.push(*v);
            }
        }
        if self.fit.loss == Loss::Bce {
            let pred = self.pred.as_ref().expect("forward_loss runs first");
            let y = self.y.node().value.clone().into_dimensionality::<Ix2>().expect("y is a matrix");
            history.accuracy.push(accuracy_of("Sequential::fit", pred, &y));
        }
        if let Some((x_val, y_val)) = &self.fit.validation {
            history.val_losses.push(self.fit.loss.mean(&self.net.predict(x_val), y_val));
        }
    }

    fn step(&mut self, _lr: f64) {
        self.opt.step(); // 5. θ ← θ − lr·dL/dθ
    }
}

impl Sequential {
    /// Trains on the full batch (x: B × I, y: B × O) with the course's training
    /// loop and SGD, as `fit` says: loss, learning rate, epochs, validation data.
    /// Records the loss, each layer's gradient norm, the first layer's weights,
    /// and, for BCE, the accuracy. Stops early, saying why, when the loss is not finite.
    ///
    /// # Shapes
    /// x: B × I, y: B × O (O = the last layer's outputs).
    ///
    /// # Panics
    /// If the network has no parameters to train, `fit` asks for a learning
    /// rate that is not a finite number above 0 or for 0 epochs, or x, y and
    /// the validation data do not fit the network (the shapes are named).
    #[track_caller]
    pub fn fit(&self, x: &Array2<f64>, y: &Array2<f64>, fit: &Fit) -> History {
        assert!(
            !self.parameters().is_empty(),
            "Sequential::fit: the network has no parameters to train; add an nn::Linear layer"
        );
        fit.check("Sequential::fit");
        self.check_data("Sequential::fit", "x", x, "y", y);
        if let Some((x_val, y_val)) = &fit.validation {
            self.check_data("Sequential::fit", "the validation x_val", x_val, "y_val", y_val);
        }
        let opt = Sgd::new(self.parameters(), fit.lr);
        let mut batch =
            Batch { net: self, opt, x: Tensor::new(x.clone()), y: Tensor::new(y.clone()), fit, loss: None, pred: None };
        train(&mut batch, fit.lr, fit.epochs)
    }

    /// The network's output for a batch x (B × I), as a plain array (B × O).
    ///
    /// # Shapes
    /// x: B × I; returns B × O.
    ///
    /// # Panics
    /// If x does not fit the first layer, or the output is not 2-D.
    #[track_caller]
    pub fn predict(&self, x: &Array2<f64>) -> Array2<f64> {
        self.forward(&Tensor::new(x.clone())).value().into_dimensionality::<Ix2>().expect("a B × O output")
    }

    /// The fraction of rows whose prediction, thresholded at 0.5, equals the 0/1 target.
    /// A NaN prediction counts as wrong.
    ///
    /// # Shapes
    /// x: B × I, y: B × O.
    ///
    /// # Panics
    /// If the batch is empty, or x or y does not fit the network.
    #[track_caller]
    pub fn accuracy(&self, x: &Array2<f64>, y: &Array2<f64>) -> f64 {
        self.check_data("Sequential::accuracy", "x", x, "y", y);
        accuracy_of("Sequential::accuracy", &self.predict(x), y)
    }

    /// Panics, naming `op`, unless x (B × I) fits the first layer and y has the
    /// shape of the network's output for x.
    #[track_caller]
    fn check_data(&self, op: &str, x_name: &str, x: &Array2<f64>, y_name: &str, y: &Array2<f64>) {
        let weights: Vec<Vec<usize>> = self
            .layers
            .iter()
            .filter_map(|l| match l {
                Layer::Linear(l) => Some(l.weight.shape()),
                _ => None,
            })
            .collect();
        if let Some(first @ [_, inputs]) = weights.first().map(Vec::as_slice) {
            assert!(
                x.ncols() == *inputs,
                "{op}: {x_name} has shape {:?} but the first layer takes {inputs} inputs (weight shape {first:?})",
                x.shape()
            );
        }
        // Activations keep the shape; each Linear layer gives its O outputs.
        let out = match weights.last().map(Vec::as_slice) {
            Some([outputs, _]) => vec![x.nrows(), *outputs],
            _ => x.shape().to_vec(),
        };
        assert!(
            y.shape() == out.as_slice(),
            "{op}: {y_name} has shape {:?} but the network's output for {x_name} has shape {out:?}",
            y.shape()
        );
    }

    /// The Euclidean norm ‖dL/dW‖ of each Linear layer's weight gradient,
    /// first layer first, named like `0.weight`.
    pub fn layer_grad_norms(&self) -> Vec<(String, f64)> {
        self.named_parameters()
            .into_iter()
            .filter(|(name, _)| name.ends_with("weight"))
            .map(|(name, w)| {
                let norm = w.node().grad.as_ref().map_or(0.0, |g| g.iter().map(|g| g * g).sum::<f64>().sqrt());
                (name, norm)
            })
            .collect()
    }

    /// Checks every parameter's engine gradient of `f(self)` against central
    /// differences, nudging each weight in place and putting it back.
    ///
    /// # Shapes
    /// f returns one number; one row per weight of the network.
    pub fn gradcheck(&self, f: impl Fn(&Sequential) -> Tensor) -> GradCheck {
        self.zero_grad();
        f(self).backward();
        let (mut names, mut analytic, mut theta) = (Vec::new(), Vec::new(), Vec::new());
        for (name, p) in self.named_parameters() {
            for (k, (v, g)) in p.value().iter().zip(p.grad().iter()).enumerate() {
                names.push(format!("{name}[{k}]"));
                theta.push(*v);
                analytic.push(*g);
            }
        }
        let params = self.parameters();
        let at = |t: &Array1<f64>| {
            let mut values = t.iter();
            for p in &params {
                p.update(|v, _| v.iter_mut().for_each(|e| *e = *values.next().expect("one value per weight")));
            }
            f(self).item()
        };
        let theta = Array1::from(theta);
        let names_ref: Vec<&str> = names.iter().map(String::as_str).collect();
        let check = GradCheck::new(&names_ref, Array1::from(analytic), at, &theta);
        at(&theta); // leave the original weights in place
        check
    }
}

/// The fraction of predictions that land on their 0/1 target's side of 0.5.
///
/// # Panics
/// If there are no predictions, or they do not have the targets' shape.
#[track_caller]
fn accuracy_of(op: &str, pred: &Array2<f64>, targets: &Array2<f64>) -> f64 {
    assert!(
        pred.shape() == targets.shape() && !pred.is_empty(),
        "{op}: the predictions have shape {:?} and the targets {:?}; need the same shape, at least one number",
        pred.shape(),
        targets.shape()
    );
    let hits = pred.iter().zip(targets).filter(|(p, t)| f64::from(u8::from(**p > 0.5)) == **t).count();
    hits as f64 / pred.len() as f64
}

/// The hidden units of a `Linear` layer are copies of each other when all rows
/// of its weight matrix (and all its biases) are equal; this is the largest
/// difference between any row and the first, over weights and biases (NaN if
/// any of them is NaN). An activation layer has no weights: its spread is 0.
///
/// # Panics
/// If the layer's weight and bias were replaced by tensors that do not fit (O × I and O).
#[track_caller]
pub fn hidden_unit_spread(layer: &Layer) -> f64 {
    let Layer::Linear(l) = layer else { return 0.0 };
    let (w, b) = (l.weight.value(), l.bias.value());
    assert!(
        w.ndim() == 2 && b.shape() == [w.shape()[0]],
        "hidden_unit_spread: the layer's weight {:?} and bias {:?} do not fit; need [O, I] and [O]",
        w.shape(),
        b.shape()
    );
    let (rows, cols) = (w.shape()[0], w.shape()[1]);
    if w.iter().chain(b.iter()).any(|v| v.is_nan()) {
        return f64::NAN; // a NaN weight is never hidden behind a finite spread
    }
    // The largest difference, NaN as soon as one is (∞ − ∞), where f64::max would drop it.
    let wider = |spread: f64, d: f64| if d.is_nan() || d > spread { d } else { spread };
    let mut spread: f64 = 0.0;
    for r in 1..rows {
        spread = wider(spread, (b[r] - b[0]).abs());
        for c in 0..cols {
            spread = wider(spread, (w[[r, c]] - w[[0, c]]).abs());
        }
    }
    spread
}
