//! Layers mirroring `torch.nn`: `Linear`, the activations, and `Sequential`.
//!
//! Shape legend: B = batch, I = in features, O = out features.

use super::tensor::Tensor;
use crate::maths::shape::assert_dim;
use crate::maths::{layer_init, Activation, ChaCha8Rng};
use ndarray::{Array1, Array2};

/// y = x·Wᵀ + b as graph operations (PyTorch's `nn.Linear`).
///
/// Unlike the hand-written [`crate::Linear`], which overwrites its gradients at
/// every backward pass, this one's gradients **add up** in `weight.grad()` until
/// `zero_grad`, as PyTorch's do.
///
/// # Shapes
/// weight: O × I (PyTorch's layout), bias: O; x: B × I, y: B × O.
#[derive(Clone, Debug)]
pub struct Linear {
    /// Weights, O × I.
    pub weight: Tensor,
    /// Biases, O.
    pub bias: Tensor,
}

impl Linear {
    /// A layer initialised as PyTorch does: weights and biases uniform in
    /// [−1/√I, 1/√I), from the seeded `rng`.
    ///
    /// # Panics
    /// If either size is 0.
    #[track_caller]
    pub fn new(in_features: usize, out_features: usize, rng: &mut ChaCha8Rng) -> Self {
        let (w, b) = layer_init("nn::Linear::new", in_features, out_features, rng);
        Linear::from_weights(w, b)
    }

    /// A layer with the given weights (O × I) and biases (O).
    ///
    /// # Shapes
    /// w: O × I (PyTorch's layout), b: O.
    ///
    /// # Panics
    /// If `w` has no rows or no columns, or `b` does not have one bias per row of `w`.
    #[track_caller]
    pub fn from_weights(w: Array2<f64>, b: Array1<f64>) -> Self {
        assert!(
            !w.is_empty(),
            "nn::Linear::from_weights: w has shape {:?}; a layer needs at least one input and one output",
            w.shape()
        );
        assert_dim("nn::Linear::from_weights", "the number of biases", b.len(), w.nrows(), b.shape(), &[w.nrows()]);
        Linear { weight: Tensor::param(w).with_label("weight"), bias: Tensor::param(b).with_label("bias") }
    }

    /// x (B × I) ↦ x·Wᵀ + b (B × O).
    ///
    /// # Shapes
    /// x: B × I; returns B × O.
    ///
    /// # Panics
    /// If x does not have I columns (the message names both shapes), or the
    /// layer's weight and bias were replaced by tensors that do not fit.
    #[track_caller]
    pub fn forward(&self, x: &Tensor) -> Tensor {
        {
            let (x, w, b) = (x.node(), self.weight.node(), self.bias.node());
            let (xs, ws, bs) = (x.value.shape(), w.value.shape(), b.value.shape());
            assert!(
                ws.len() == 2 && bs == [ws[0]],
                "nn::Linear::forward: the layer's weight {ws:?} and bias {bs:?} do not fit; need [O, I] and [O]"
            );
            assert!(
                xs.len() == 2 && xs[1] == ws[1],
                "nn::Linear::forward: input has shape {xs:?} but the layer expects [B, {}] (weight shape {ws:?})",
                ws[1]
            );
        }
        x.linear(&self.weight, &self.bias) // one graph node, as PyTorch's F.linear
    }
}

/// One layer of a [`Sequential`] network.
#[derive(Clone, Debug)]
pub enum Layer {
    /// A fully connected layer.
    Linear(Linear),
    /// max(0, x) element-wise.
    Relu,
    /// σ(x) element-wise.
    Sigmoid,
    /// tanh(x) element-wise.
    Tanh,
}

impl Layer {
    /// Applies the layer.
    ///
    /// # Shapes
    /// x: B × I for a Linear layer, any shape for an activation.
    #[track_caller]
    pub fn forward(&self, x: &Tensor) -> Tensor {
        match self {
            Layer::Linear(l) => l.forward(x),
            Layer::Relu => x.activate(Activation::Relu),
            Layer::Sigmoid => x.activate(Activation::Sigmoid),
            Layer::Tanh => x.activate(Activation::Tanh),
        }
    }
}

impl From<Linear> for Layer {
    fn from(l: Linear) -> Self {
        Layer::Linear(l)
    }
}

/// Layers applied in order, as `nn.Sequential`.
#[derive(Clone, Debug)]
pub struct Sequential {
    /// The layers, first to last.
    pub layers: Vec<Layer>,
}

impl Sequential {
    /// A network from its layers; parameters are labelled `0.weight`, `0.bias`, `2.weight`, …
    /// (layer index, then name), as PyTorch's `named_parameters()`.
    ///
    /// # Panics
    /// If a Linear layer does not take as many inputs as the Linear layer
    /// before it gives (both layers and shapes are named).
    #[track_caller]
    pub fn new(layers: Vec<Layer>) -> Self {
        let mut before: Option<(usize, Vec<usize>)> = None;
        for (i, layer) in layers.iter().enumerate() {
            if let Layer::Linear(l) = layer {
                let shape = l.weight.shape();
                if let (Some((k, prev)), [_, inputs]) = (&before, shape.as_slice()) {
                    assert!(
                        prev.first() == Some(inputs),
                        "Sequential::new: layer {i} has weight {shape:?} (it takes {inputs} inputs) but layer {k} has \
                         weight {prev:?} (it gives {} outputs)",
                        prev.first().copied().unwrap_or(0)
                    );
                }
                before = Some((i, shape));
                l.weight.clone().with_label(&format!("{i}.weight"));
                l.bias.clone().with_label(&format!("{i}.bias"));
            }
        }
        Sequential { layers }
    }

    /// A multi-layer perceptron with the given layer sizes, `hidden` after every
    /// Linear layer but the last: `mlp(&[10, 5, 1], Layer::Relu, rng)` is
    /// Linear(10, 5) → ReLU → Linear(5, 1).
    ///
    /// # Panics
    /// If `sizes` has fewer than two numbers or a 0, or `hidden` is a Linear
    /// layer rather than an activation.
    #[track_caller]
    pub fn mlp(sizes: &[usize], hidden: Layer, rng: &mut ChaCha8Rng) -> Self {
        assert!(
            sizes.len() >= 2 && !sizes.contains(&0),
            "Sequential::mlp: sizes {sizes:?} must hold at least two numbers (inputs, …, outputs), none of them 0"
        );
        check_activation_layer("Sequential::mlp", &hidden);
        let layers = sizes.windows(2).map(|pair| layer_init("Sequential::mlp", pair[0], pair[1], rng)).collect();
        Sequential::from_weights(layers, hidden)
    }

    /// A network from given weights: one Linear layer per (weight, bias) pair
    /// (weight O × I, PyTorch's layout), with `hidden` after every one but the last.
    ///
    /// # Shapes
    /// each pair: w O × I (PyTorch's layout), b O, with each layer's I the previous layer's O.
    ///
    /// # Panics
    /// If there is no layer, a bias does not fit its weight matrix, the layers
    /// do not chain, or `hidden` is a Linear layer rather than an activation.
    #[track_caller]
    pub fn from_weights(layers: Vec<(Array2<f64>, Array1<f64>)>, hidden: Layer) -> Self {
        assert!(
            !layers.is_empty(),
            "Sequential::from_weights: no (weight, bias) pair; a network needs at least one layer"
        );
        check_activation_layer("Sequential::from_weights", &hidden);
        for (k, (w, b)) in layers.iter().enumerate() {
            assert!(
                !w.is_empty() && b.len() == w.nrows(),
                "Sequential::from_weights: layer {k} has w of shape {:?} and b of shape {:?}; need [O, I] with O, I \
                 at least 1, and [O]",
                w.shape(),
                b.shape()
            );
        }
        let n = layers.len();
        let mut out = Vec::new();
        for (k, (w, b)) in layers.into_iter().enumerate() {
            out.push(Linear::from_weights(w, b).into());
            if k + 1 < n {
                out.push(hidden.clone());
            }
        }
        Sequential::new(out)
    }

    /// The same network with `layer` added at the end (for example an output
    /// activation: `Sequential::mlp(…).then(Layer::Sigmoid)`).
    pub fn then(mut self, layer: Layer) -> Self {
        self.layers.push(layer);
        self
    }

    /// Runs x through every layer.
    ///
    /// # Shapes
    /// x: B × I (the first layer's inputs); returns B × O.
    #[track_caller]
    pub fn forward(&self, x: &Tensor) -> Tensor {
        self.layers.iter().fold(x.clone(), |h, layer| layer.forward(&h))
    }

    /// The parameter called `name` (`0.weight`, `0.bias`, `2.weight`, …).
    ///
    /// # Shapes
    /// the weight: O × I, the bias: O.
    ///
    /// # Panics
    /// If there is no parameter of that name (the message lists them).
    #[track_caller]
    pub fn param(&self, name: &str) -> Tensor {
        let named = self.named_parameters();
        match named.iter().find(|(n, _)| n == name) {
            Some((_, t)) => t.clone(),
            None => panic!(
                "Sequential::param: no parameter `{name}`; the parameters are {:?}",
                named.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>()
            ),
        }
    }

    /// Every parameter tensor, in order (weight then bias, layer by layer).
    ///
    /// # Shapes
    /// weights O × I, biases O, layer by layer.
    pub fn parameters(&self) -> Vec<Tensor> {
        self.named_parameters().into_iter().map(|(_, t)| t).collect()
    }

    /// (name, tensor) for every parameter: `0.weight`, `0.bias`, `2.weight`, …
    ///
    /// # Shapes
    /// weights O × I, biases O, layer by layer.
    pub fn named_parameters(&self) -> Vec<(String, Tensor)> {
        let mut out = Vec::new();
        for (i, layer) in self.layers.iter().enumerate() {
            if let Layer::Linear(l) = layer {
                out.push((format!("{i}.weight"), l.weight.clone()));
                out.push((format!("{i}.bias"), l.bias.clone()));
            }
        }
        out
    }

    /// Sets every parameter's gradient to zero.
    pub fn zero_grad(&self) {
        self.parameters().iter().for_each(Tensor::zero_grad);
    }

    /// ‖g‖, the length of the gradient of `mse_loss` at the current parameters,
    /// all parameters read as one vector: √(Σᵢ gᵢ²). A training step with
    /// learning rate lr walks the distance lr·‖g‖ along −g/‖g‖. Leaves the
    /// parameters' gradients at zero.
    ///
    /// # Shapes
    /// x: B × I (the first layer's inputs), y: B × O.
    ///
    /// # Panics
    /// If x or y does not fit the network.
    #[track_caller]
    pub fn mse_gradient_norm(&self, x: &Tensor, y: &Tensor) -> f64 {
        self.zero_grad();
        self.forward(x).mse_loss(y).backward();
        let norm = self.parameters().iter().map(|p| p.grad().iter().map(|v| v * v).sum::<f64>()).sum::<f64>().sqrt();
        self.zero_grad();
        norm
    }

    /// The loss `mse_loss` along the gradient's direction: for each distance t
    /// in `distances`, the loss at the parameters θ − t·g/‖g‖, where g is the
    /// gradient of `mse_loss` at the current parameters θ, all parameters read
    /// as one vector. A positive t walks downhill, the way a training step goes
    /// (a step with learning rate lr walks t = lr·‖g‖). The second difference
    /// of three of them, (L(h) − 2L(0) + L(−h))/h², is the curvature along the
    /// step. Leaves the parameters as it found them, and their gradients at zero.
    ///
    /// # Shapes
    /// x: B × I (the first layer's inputs), y: B × O.
    ///
    /// # Panics
    /// If x or y does not fit the network, or the gradient's length is 0 or not
    /// finite (it gives no direction).
    #[track_caller]
    pub fn mse_along_gradient(&self, x: &Tensor, y: &Tensor, distances: &[f64]) -> Vec<f64> {
        let params = self.parameters();
        self.zero_grad();
        self.forward(x).mse_loss(y).backward();
        let grads: Vec<_> = params.iter().map(Tensor::grad).collect();
        let norm = grads.iter().map(|g| g.iter().map(|v| v * v).sum::<f64>()).sum::<f64>().sqrt();
        assert!(
            norm > 0.0 && norm.is_finite(),
            "Sequential::mse_along_gradient: the gradient's length is {norm}, so it gives no direction to walk along"
        );
        let start: Vec<_> = params.iter().map(Tensor::value).collect();
        let move_to = |t: f64| {
            for ((p, s), g) in params.iter().zip(&start).zip(&grads) {
                p.update(|v, _| v.assign(&(s - &(g * (t / norm)))));
            }
        };
        let losses = distances
            .iter()
            .map(|&t| {
                move_to(t);
                self.forward(x).mse_loss(y).item()
            })
            .collect();
        for (p, s) in params.iter().zip(&start) {
            p.update(|v, _| v.assign(s));
        }
        self.zero_grad();
        losses
    }

    /// One line per parameter, as the Day 3 lesson prints them:
    /// `0.weight: grad mean=…, shape=[3, 2]` (the mean of an empty gradient is NaN).
    pub fn grad_summary(&self) -> GradSummary {
        GradSummary(
            self.named_parameters()
                .into_iter()
                .map(|(name, t)| {
                    let g = t.grad();
                    (name, g.mean().unwrap_or(f64::NAN), g.shape().to_vec())
                })
                .collect(),
        )
    }
}

/// Panics unless `hidden` is an activation layer (what `mlp` and
/// `from_weights` put between the Linear layers).
#[track_caller]
fn check_activation_layer(op: &str, hidden: &Layer) {
    assert!(
        !matches!(hidden, Layer::Linear(_)),
        "{op}: hidden must be an activation (nn::Layer::Relu, Sigmoid or Tanh), not a Linear layer"
    );
}

/// Mean gradient and shape of every parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct GradSummary(pub Vec<(String, f64, Vec<usize>)>);

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn mse_gradient_norm_is_the_step_length_per_lr() {
        let unit = Sequential::from_weights(vec![(array![[0.0, 0.0]], array![0.0])], Layer::Relu);
        let (x, y) = (Tensor::new(array![[3.0, 1.0]]), Tensor::new(array![[1.0]]));
        // MSE of one sample: L = (z − 1)², g = 2(z − 1)·(x₁, x₂, 1) = −2·(3, 1, 1) at z = 0.
        assert!((unit.mse_gradient_norm(&x, &y) - 2.0 * 11f64.sqrt()).abs() < 1e-12);
        assert!(unit.parameters().iter().all(|p| p.grad().iter().all(|&g| g == 0.0)));
    }

    #[test]
    fn mse_along_gradient_is_the_parabola_of_a_linear_unit() {
        // One sample x = [1, 2], y = 1, from w = b = 0: L = (z − 1)², g = 2r·[1, 2, 1] with r = −1,
        // so walking t along −g/‖g‖ raises z by t·√6 and L(t) = (1 − √6·t)², whose curvature is 12.
        let unit = Sequential::from_weights(vec![(array![[0.0, 0.0]], array![0.0])], Layer::Relu);
        let (x, y) = (Tensor::new(array![[1.0, 2.0]]), Tensor::new(array![[1.0]]));
        let h = 0.1;
        let l = unit.mse_along_gradient(&x, &y, &[-h, 0.0, h]);
        for (t, got) in [-h, 0.0, h].iter().zip(&l) {
            assert!((got - (1.0 - 6f64.sqrt() * t).powi(2)).abs() < 1e-12, "{l:?}");
        }
        assert!(((l[2] - 2.0 * l[1] + l[0]) / (h * h) - 12.0).abs() < 1e-9, "{l:?}");
        assert_eq!(unit.param("0.weight").value().iter().copied().collect::<Vec<_>>(), vec![0.0, 0.0], "put back");
        assert!(unit.param("0.bias").grad().iter().all(|&g| g == 0.0), "gradients left at zero");
    }
}
