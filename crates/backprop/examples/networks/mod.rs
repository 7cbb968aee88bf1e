#![allow(dead_code)]
//! The five networks the speed comparison times (see bench/compare.py), each
//! with its data, its initial weights and one training epoch on two paths: the
//! autograd engine and the hand-written delta rule. Shared by the example
//! `epochs` (which the comparison script runs) and the criterion bench.

use backprop::prelude::*;
use backprop::{Activation::Identity as Linear_, LayerGrads};

/// One network: data, initial weights (PyTorch's layout, out × in) and settings.
pub struct Case {
    pub name: &'static str,
    pub x: Array2<f64>,
    pub y: Array2<f64>,
    pub weights: Vec<(Array2<f64>, Array1<f64>)>,
    pub hidden: Activation,
    pub output: Activation,
    pub loss: Loss,
    pub lr: f64,
}

/// The lessons' four networks and the big one.
pub fn cases() -> Vec<Case> {
    let init = |sizes: &[usize], seed: u64| -> Vec<(Array2<f64>, Array1<f64>)> {
        let mut r = rng(seed);
        sizes
            .windows(2)
            .map(|p| {
                let l = nn::Linear::new(p[0], p[1], &mut r);
                (l.weight.value().into_dimensionality().unwrap(), l.bias.value().into_dimensionality().unwrap())
            })
            .collect()
    };
    let mut r = rng(42);
    let line_x = uniform(&mut r, 100, 1, 0.0, 5.0);
    let line_y = line_x.mapv(|v| 3.0 * v + 2.0) + randn(&mut r, 100, 1) * 0.1;
    let mut r = rng(14);
    let ess_x = randn(&mut r, 64, 10);
    let ess_y = ess_x.dot(&randn(&mut r, 10, 1)) + randn(&mut r, 64, 1) * 0.1;
    let mut r = rng(3);
    let mlp_x = randn(&mut r, 4, 2);
    let mlp_y = uniform(&mut r, 4, 1, 0.0, 1.0);
    let xor_x = array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];
    let xor_y = array![[0.0], [1.0], [1.0], [0.0]];
    let mut r = rng(7);
    let big_x = randn(&mut r, 256, 64);
    let big_y = randn(&mut r, 256, 10);
    vec![
        Case {
            name: "line",
            x: line_x,
            y: line_y,
            weights: init(&[1, 1], 0),
            hidden: Relu,
            output: Linear_,
            loss: Loss::Mse,
            lr: 0.01,
        },
        Case {
            name: "essential",
            x: ess_x,
            y: ess_y,
            weights: init(&[10, 5, 1], 1),
            hidden: Relu,
            output: Linear_,
            loss: Loss::Mse,
            lr: 0.01,
        },
        Case {
            name: "day3-mlp",
            x: mlp_x,
            y: mlp_y,
            weights: init(&[2, 3, 1], 2),
            hidden: Relu,
            output: Sigmoid,
            loss: Loss::Mse,
            lr: 0.1,
        },
        Case {
            name: "xor",
            x: xor_x,
            y: xor_y,
            weights: init(&[2, 4, 1], 3),
            hidden: Tanh,
            output: Sigmoid,
            loss: Loss::Bce,
            lr: 0.5,
        },
        Case {
            name: "big",
            x: big_x,
            y: big_y,
            weights: init(&[64, 256, 10], 4),
            hidden: Relu,
            output: Linear_,
            loss: Loss::Mse,
            lr: 0.01,
        },
    ]
}

/// The autograd path: a `Sequential`, its optimiser, and the data as tensors.
pub struct Engine {
    pub model: nn::Sequential,
    pub opt: optim::Sgd,
    pub x: Tensor,
    pub y: Tensor,
    pub loss: Loss,
}

impl Engine {
    pub fn new(c: &Case) -> Self {
        let hidden = match c.hidden {
            Relu => nn::Layer::Relu,
            Tanh => nn::Layer::Tanh,
            _ => nn::Layer::Sigmoid,
        };
        let mut model = nn::Sequential::from_weights(c.weights.clone(), hidden);
        if c.output == Sigmoid {
            model = model.then(nn::Layer::Sigmoid);
        }
        let opt = optim::Sgd::new(model.parameters(), c.lr);
        Engine { model, opt, x: Tensor::from(c.x.clone()), y: Tensor::from(c.y.clone()), loss: c.loss }
    }

    /// One epoch: forward, loss, zero_grad, backward, step. Returns the loss.
    pub fn epoch(&self) -> f64 {
        let loss = self.model.forward(&self.x).loss(self.loss, &self.y);
        self.opt.zero_grad();
        loss.backward();
        self.opt.step();
        loss.item()
    }
}

/// The hand-written path: a `DeltaNet` (weights outputs × inputs, as the engine's) and the data.
pub struct Hand {
    pub net: DeltaNet,
    pub x: Array2<f64>,
    pub y: Array2<f64>,
    pub loss: Loss,
    pub lr: f64,
}

impl Hand {
    pub fn new(c: &Case) -> Self {
        let n = c.weights.len();
        let acts = (0..n).map(|l| if l + 1 == n { c.output } else { c.hidden }).collect();
        let weights = c.weights.iter().map(|(w, _)| w.clone()).collect();
        let biases = c.weights.iter().map(|(_, b)| b.clone()).collect();
        Hand { net: DeltaNet::new(weights, biases, acts), x: c.x.clone(), y: c.y.clone(), loss: c.loss, lr: c.lr }
    }

    /// One epoch: forward, loss, backward (the delta rule), step. Returns the loss.
    pub fn epoch(&mut self) -> f64 {
        let caches = self.net.forward(&self.x);
        let y_hat = &caches[caches.len() - 1].a;
        let loss = self.loss.mean(y_hat, &self.y);
        let grads: Vec<LayerGrads> = self.net.backward_from(&caches, &self.loss.mean_grad(y_hat, &self.y));
        self.net.step(&grads, self.lr);
        loss
    }
}
