//! Multi-layer backpropagation by hand, in matrix form: the delta rule.
//!
//! Layers act on row vectors, as in the deep-dive lecture's code
//! (`z1 = x @ W1 + b1`). Shape legend: B = batch, and layer l maps Iₗ → Oₗ,
//! so Wˡ is Iₗ × Oₗ and bˡ is Oₗ.
//!
//! Forward, layer by layer: zˡ = aˡ⁻¹·Wˡ + bˡ, aˡ = φₗ(zˡ), with a⁰ = x.
//!
//! Backward, from the output (loss L = ½‖ŷ − y‖², so dL/dŷ = ŷ − y):
//! - δᴸ = (ŷ − y) ⊙ φ′(zᴸ)
//! - δˡ = (δˡ⁺¹ · (Wˡ⁺¹)ᵀ) ⊙ φ′(zˡ)
//! - dL/dWˡ = (aˡ⁻¹)ᵀ · δˡ and dL/dbˡ = Σ_batch δˡ

use crate::activation::Activation;
use crate::autograd::Tensor;
use crate::display::{fmt_array, fmt_f64, Table};
use ndarray::{Array1, Array2, Axis};

/// One layer's forward cache: its input, pre-activation and activation (each B × ·).
#[derive(Clone, Debug, PartialEq)]
pub struct LayerCache {
    /// The layer's input aˡ⁻¹ (B × I).
    pub input: Array2<f64>,
    /// zˡ = aˡ⁻¹·Wˡ + bˡ (B × O).
    pub z: Array2<f64>,
    /// aˡ = φ(zˡ) (B × O).
    pub a: Array2<f64>,
}

/// One layer's backward results.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerGrads {
    /// δˡ = dL/dzˡ (B × O).
    pub delta: Array2<f64>,
    /// dL/dWˡ = (aˡ⁻¹)ᵀ·δˡ (I × O).
    pub dl_dw: Array2<f64>,
    /// dL/dbˡ = Σ_batch δˡ (O).
    pub dl_db: Array1<f64>,
}

/// A stack of layers zˡ = aˡ⁻¹·Wˡ + bˡ, aˡ = φₗ(zˡ), with the loss ½‖ŷ − y‖².
#[derive(Clone, Debug, PartialEq)]
pub struct DeltaNet {
    /// Wˡ for each layer (Iₗ × Oₗ).
    pub weights: Vec<Array2<f64>>,
    /// bˡ for each layer (Oₗ).
    pub biases: Vec<Array1<f64>>,
    /// φₗ for each layer.
    pub activations: Vec<Activation>,
}

impl DeltaNet {
    /// A network from its layers.
    ///
    /// # Panics
    /// If the lists have different lengths or consecutive shapes do not chain.
    #[track_caller]
    pub fn new(weights: Vec<Array2<f64>>, biases: Vec<Array1<f64>>, activations: Vec<Activation>) -> Self {
        assert!(
            weights.len() == biases.len() && biases.len() == activations.len(),
            "DeltaNet::new: one bias and one activation per weight matrix"
        );
        for (l, (w, b)) in weights.iter().zip(&biases).enumerate() {
            assert!(
                w.ncols() == b.len(),
                "DeltaNet::new: layer {} has W of shape {:?} but b of shape [{}]",
                l + 1,
                w.shape(),
                b.len()
            );
            if l > 0 {
                let prev = weights[l - 1].ncols();
                assert!(
                    w.nrows() == prev,
                    "DeltaNet::new: layer {} has W of shape {:?} but layer {l} outputs {prev}",
                    l + 1,
                    w.shape()
                );
            }
        }
        DeltaNet { weights, biases, activations }
    }

    /// The forward pass for a batch x (B × I₁): one cache per layer.
    ///
    /// # Panics
    /// If x does not have as many columns as W¹ has rows.
    #[track_caller]
    pub fn forward(&self, x: &Array2<f64>) -> Vec<LayerCache> {
        let mut caches: Vec<LayerCache> = Vec::new();
        for (l, w) in self.weights.iter().enumerate() {
            let input = caches.last().map_or_else(|| x.clone(), |c| c.a.clone());
            assert!(
                input.ncols() == w.nrows(),
                "DeltaNet::forward: layer {} gets input of shape {:?} but W has shape {:?}",
                l + 1,
                input.shape(),
                w.shape()
            );
            let z = input.dot(w) + &self.biases[l];
            let a = self.activations[l].forward_array(&z);
            caches.push(LayerCache { input, z, a });
        }
        caches
    }

    /// ½‖ŷ − y‖² summed over the batch, with ŷ the last layer's output.
    pub fn loss(&self, caches: &[LayerCache], y: &Array2<f64>) -> f64 {
        let y_hat = &caches.last().expect("at least one layer").a;
        0.5 * (y_hat - y).mapv(|d| d * d).sum()
    }

    /// The delta rule, from the output layer back to the first. Returns one
    /// result per layer, first layer first.
    pub fn backward(&self, caches: &[LayerCache], y: &Array2<f64>) -> Vec<LayerGrads> {
        let n = self.weights.len();
        let mut grads: Vec<LayerGrads> = Vec::with_capacity(n);
        for l in (0..n).rev() {
            let slope = self.activations[l].derivative_array(&caches[l].z);
            let delta = match grads.last() {
                None => (&caches[l].a - y) * &slope, // δᴸ = (ŷ − y) ⊙ φ′(zᴸ)
                Some(next) => next.delta.dot(&self.weights[l + 1].t()) * &slope, // δˡ = δˡ⁺¹(Wˡ⁺¹)ᵀ ⊙ φ′(zˡ)
            };
            let dl_dw = caches[l].input.t().dot(&delta);
            let dl_db = delta.sum_axis(Axis(0));
            grads.push(LayerGrads { delta, dl_dw, dl_db });
        }
        grads.reverse();
        grads
    }

    /// The same network as engine parameters `W1, b1, W2, b2, …` (labelled so).
    pub fn params(&self) -> Vec<Tensor> {
        let mut out = Vec::new();
        for (l, (w, b)) in self.weights.iter().zip(&self.biases).enumerate() {
            out.push(Tensor::param(w.clone()).with_label(&format!("W{}", l + 1)));
            out.push(Tensor::param(b.clone()).with_label(&format!("b{}", l + 1)));
        }
        out
    }

    /// The loss ½‖ŷ − y‖² built from engine operations on `params` (from
    /// [`DeltaNet::params`]), so `backward()` can be compared with the delta rule.
    ///
    /// # Panics
    /// If `params` does not hold one weight and one bias per layer.
    #[track_caller]
    pub fn engine_loss(&self, params: &[Tensor], x: &Array2<f64>, y: &Array2<f64>) -> Tensor {
        assert!(
            params.len() == 2 * self.weights.len(),
            "engine_loss: need {} parameters, got {}",
            2 * self.weights.len(),
            params.len()
        );
        let mut h = Tensor::new(x.clone()).with_label("x");
        for (l, act) in self.activations.iter().enumerate() {
            h = h.matmul(&params[2 * l]).add(&params[2 * l + 1]).activate(*act);
        }
        h.sub(&Tensor::new(y.clone()).with_label("y")).square().sum().scale(0.5)
    }

    /// The backward pass as a table, deltas first, from the output layer down.
    pub fn table(&self, caches: &[LayerCache], y: &Array2<f64>) -> Table {
        let grads = self.backward(caches, y);
        let mut t = Table::new("the delta rule").row("L", fmt_f64(self.loss(caches, y)));
        for (l, g) in grads.iter().enumerate().rev() {
            let k = l + 1;
            t = t
                .row_note(&format!("delta{k}"), fmt_array(&g.delta), "dL/dz")
                .row(&format!("dL/dW{k}"), fmt_array(&g.dl_dw))
                .row(&format!("dL/db{k}"), fmt_array(&g.dl_db));
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gradcheck::{compare, numeric_gradient};
    use ndarray::array;

    /// The deep-dive lecture's example.
    fn lecture() -> (DeltaNet, Array2<f64>, Array2<f64>) {
        let net = DeltaNet::new(
            vec![array![[0.1, 0.2], [0.3, 0.4]], array![[0.5], [0.6]]],
            vec![array![0.0, 0.0], array![0.0]],
            vec![Activation::Relu, Activation::Identity],
        );
        (net, array![[1.0, 2.0]], array![[1.0]])
    }

    #[test]
    fn hand_checkable_lecture_numbers() {
        let (net, x, y) = lecture();
        let caches = net.forward(&x);
        assert_eq!(caches[0].z, array![[0.7, 1.0]]);
        assert!((caches[1].a[[0, 0]] - 0.95).abs() < 1e-15);
        let g = net.backward(&caches, &y);
        compare("delta2", &g[1].delta, &[-0.05], 1e-12, 1e-15).assert_ok();
        compare("dL/dW2", &g[1].dl_dw, &[-0.035, -0.05], 1e-12, 1e-15).assert_ok();
        compare("delta1", &g[0].delta, &[-0.025, -0.03], 1e-12, 1e-15).assert_ok();
        compare("dL/dW1", &g[0].dl_dw, &[-0.025, -0.03, -0.05, -0.06], 1e-12, 1e-15).assert_ok();
    }

    #[test]
    fn the_engine_agrees_with_the_delta_rule() {
        let (net, x, y) = lecture();
        let g = net.backward(&net.forward(&x), &y);
        let params = net.params();
        let loss = net.engine_loss(&params, &x, &y);
        assert!((loss.item() - net.loss(&net.forward(&x), &y)).abs() < 1e-16);
        loss.backward();
        compare("W1", &params[0].grad(), &g[0].dl_dw, 1e-14, 1e-16).assert_ok();
        compare("b1", &params[1].grad(), &g[0].dl_db, 1e-14, 1e-16).assert_ok();
        compare("W2", &params[2].grad(), &g[1].dl_dw, 1e-14, 1e-16).assert_ok();
        compare("b2", &params[3].grad(), &g[1].dl_db, 1e-14, 1e-16).assert_ok();
    }

    #[test]
    fn delta_rule_matches_central_differences() {
        let net = DeltaNet::new(
            vec![array![[0.3, -0.2, 0.5], [0.1, 0.4, -0.6]], array![[0.7], [-0.3], [0.2]]],
            vec![array![0.1, -0.1, 0.05], array![0.2]],
            vec![Activation::Tanh, Activation::Sigmoid],
        );
        let (x, y) = (array![[0.5, -1.0], [1.5, 0.3]], array![[1.0], [0.0]]);
        let g = net.backward(&net.forward(&x), &y);
        let w1 = Array1::from_iter(net.weights[0].iter().copied());
        let numeric = numeric_gradient(
            |p| {
                let mut probe = net.clone();
                probe.weights[0] = p.clone().into_shape_with_order((2, 3)).unwrap();
                probe.loss(&probe.forward(&x), &y)
            },
            &w1,
            1e-6,
        );
        compare("dL/dW1", &g[0].dl_dw, &numeric, 1e-6, 1e-9).assert_ok();
    }

    #[test]
    #[should_panic(expected = "DeltaNet::new: layer 2 has W of shape [3, 1] but layer 1 outputs 2")]
    fn layers_that_do_not_chain_are_named() {
        DeltaNet::new(
            vec![Array2::zeros((2, 2)), Array2::zeros((3, 1))],
            vec![Array1::zeros(2), Array1::zeros(1)],
            vec![Activation::Relu, Activation::Identity],
        );
    }
}
