//! Multi-layer backpropagation by hand, in matrix form: the delta rule.
//!
//! Weight layout: outputs × inputs, the course's one layout (PyTorch's, as
//! [`crate::Linear`] and the engine's `nn::Linear`): row j of Wˡ holds the
//! weights into unit j of layer l. A batch has one sample per row. Shape
//! legend: B = batch, and layer l maps Iₗ → Oₗ, so Wˡ is Oₗ × Iₗ and bˡ is Oₗ.
//!
//! Forward, layer by layer: zˡ = aˡ⁻¹·(Wˡ)ᵀ + bˡ, aˡ = φₗ(zˡ), with a⁰ = x.
//!
//! Backward, from the output (loss L = ½‖ŷ − y‖², so dL/dŷ = ŷ − y):
//! - δᴺ = (ŷ − y) ⊙ φ′(zᴺ)
//! - δˡ = (δˡ⁺¹ · Wˡ⁺¹) ⊙ φ′(zˡ)
//! - dL/dWˡ = (δˡ)ᵀ · aˡ⁻¹ (Oₗ × Iₗ, like Wˡ) and dL/dbˡ = Σ_batch δˡ

use crate::maths::shape::{assert_same_shape, check_lr, column_sums, with_each_row};
use crate::maths::{half_squared_error, matmul, Activation};
use ndarray::{Array1, Array2};

/// One layer's forward cache: its input, pre-activation and activation (each B × ·).
///
/// # Shapes
/// input: B × Iₗ; z and a: B × Oₗ.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerCache {
    /// The layer's input aˡ⁻¹ (B × I).
    pub input: Array2<f64>,
    /// zˡ = aˡ⁻¹·(Wˡ)ᵀ + bˡ (B × O).
    pub z: Array2<f64>,
    /// aˡ = φ(zˡ) (B × O).
    pub a: Array2<f64>,
}

/// One layer's backward results.
///
/// # Shapes
/// delta: B × Oₗ; dl_dw: Oₗ × Iₗ; dl_db: Oₗ.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerGrads {
    /// δˡ = dL/dzˡ (B × O).
    pub delta: Array2<f64>,
    /// dL/dWˡ = (δˡ)ᵀ·aˡ⁻¹ (O × I, like Wˡ).
    pub dl_dw: Array2<f64>,
    /// dL/dbˡ = Σ_batch δˡ (O).
    pub dl_db: Array1<f64>,
}

/// A stack of layers zˡ = aˡ⁻¹·(Wˡ)ᵀ + bˡ, aˡ = φₗ(zˡ), with the loss ½‖ŷ − y‖²
/// summed over the batch.
///
/// # Shapes
/// Wˡ: Oₗ × Iₗ (outputs × inputs), bˡ: Oₗ; x: B × I₁, y: B × O_N.
#[derive(Clone, Debug, PartialEq)]
pub struct DeltaNet {
    /// Wˡ for each layer (Oₗ × Iₗ: row j holds the weights into unit j).
    pub weights: Vec<Array2<f64>>,
    /// bˡ for each layer (Oₗ).
    pub biases: Vec<Array1<f64>>,
    /// φₗ for each layer.
    pub activations: Vec<Activation>,
}

impl DeltaNet {
    /// A network from its layers.
    ///
    /// # Shapes
    /// Layer l's weights: Oₗ × Iₗ, with Iₗ₊₁ = Oₗ; its biases: Oₗ; one activation per layer.
    ///
    /// # Panics
    /// If there is no layer, the lists have different lengths, or consecutive
    /// shapes do not chain.
    #[track_caller]
    pub fn new(weights: Vec<Array2<f64>>, biases: Vec<Array1<f64>>, activations: Vec<Activation>) -> Self {
        let net = DeltaNet { weights, biases, activations };
        net.check_layers("DeltaNet::new");
        net
    }

    /// Panics, naming `op`, unless the layers (public fields, so they can be
    /// replaced) are at least one, each with one bias per column of its W and
    /// one activation, and chain: each layer takes what the one before gives.
    #[track_caller]
    fn check_layers(&self, op: &str) {
        let (w, b, a) = (&self.weights, &self.biases, &self.activations);
        assert!(
            !w.is_empty() && w.len() == b.len() && b.len() == a.len(),
            "{op}: {} weight matrices, {} biases and {} activations; need one of each per layer, at least one layer",
            w.len(),
            b.len(),
            a.len()
        );
        for (l, (w, b)) in w.iter().zip(b).enumerate() {
            assert!(
                w.nrows() == b.len(),
                "{op}: layer {} has W of shape {:?} but b of shape [{}]",
                l + 1,
                w.shape(),
                b.len()
            );
            if l > 0 {
                let prev = self.weights[l - 1].nrows();
                assert!(
                    w.ncols() == prev,
                    "{op}: layer {} has W of shape {:?} but layer {l} outputs {prev}",
                    l + 1,
                    w.shape()
                );
            }
        }
    }

    /// The forward pass for a batch x (B × I₁): one cache per layer.
    ///
    /// # Shapes
    /// x: B × I₁; one cache per layer (input B × Iₗ, z and a B × Oₗ).
    ///
    /// # Panics
    /// If x does not have as many columns as W¹ (one per input).
    #[track_caller]
    pub fn forward(&self, x: &Array2<f64>) -> Vec<LayerCache> {
        self.check_layers("DeltaNet::forward");
        let mut caches: Vec<LayerCache> = Vec::new();
        for (l, w) in self.weights.iter().enumerate() {
            let input = caches.last().map_or_else(|| x.clone(), |c| c.a.clone());
            assert!(
                input.ncols() == w.ncols(),
                "DeltaNet::forward: layer {} gets input of shape {:?} but W has shape {:?}",
                l + 1,
                input.shape(),
                w.shape()
            );
            let mut z = matmul(input.view(), w.t()); // zˡ = aˡ⁻¹·(Wˡ)ᵀ + bˡ
            with_each_row(&mut z, &self.biases[l].view(), |v, b| v + b);
            let a = self.activations[l].forward_array(&z);
            caches.push(LayerCache { input, z, a });
        }
        caches
    }

    /// The network's output ŷ for a batch: the last layer's activation.
    ///
    /// # Shapes
    /// x: B × I₁; returns B × O_N.
    ///
    /// # Panics
    /// As [`DeltaNet::forward`].
    #[track_caller]
    pub fn predict(&self, x: &Array2<f64>) -> Array2<f64> {
        self.forward(x).pop().map(|c| c.a).unwrap_or_else(|| x.clone())
    }

    /// ½‖ŷ − y‖² summed over the batch, with ŷ the last layer's output.
    ///
    /// # Shapes
    /// caches: from `forward`; y: B × O_N (the output's shape).
    ///
    /// # Panics
    /// If y does not have ŷ's shape.
    #[track_caller]
    pub fn loss(&self, caches: &[LayerCache], y: &Array2<f64>) -> f64 {
        let y_hat = self.output(caches, y, "DeltaNet::loss");
        y_hat.iter().zip(y).map(|(&a, &t)| half_squared_error(a, t)).sum()
    }

    /// The last cache's output ŷ, after checking that the caches come from
    /// this network's forward pass and that y has ŷ's shape.
    #[track_caller]
    fn output<'c>(&self, caches: &'c [LayerCache], y: &Array2<f64>, op: &str) -> &'c Array2<f64> {
        // The caches are checked against W below; the backward pass also needs one activation per layer.
        assert!(
            !caches.is_empty() && caches.len() == self.weights.len() && self.activations.len() == self.weights.len(),
            "{op}: {} caches for {} layers with {} activations; pass what forward returned",
            caches.len(),
            self.weights.len(),
            self.activations.len()
        );
        for (l, (c, w)) in caches.iter().zip(&self.weights).enumerate() {
            let out = [c.input.nrows(), w.nrows()];
            assert!(
                c.input.ncols() == w.ncols() && c.z.shape() == out && c.a.shape() == out,
                "{op}: the cache of layer {} (input {:?}, z {:?}, a {:?}) does not come from W of shape {:?}; pass \
                 what this network's forward returned",
                l + 1,
                c.input.shape(),
                c.z.shape(),
                c.a.shape(),
                w.shape()
            );
        }
        let y_hat = &caches[caches.len() - 1].a;
        assert_same_shape(op, "y", y.shape(), "the output y_hat", y_hat.shape());
        y_hat
    }

    /// The delta rule, from the output layer back to the first. Returns one
    /// result per layer, first layer first.
    ///
    /// # Shapes
    /// caches: from `forward`; y: B × O_N; one result per layer (delta B × Oₗ, dl_dw Oₗ × Iₗ, dl_db Oₗ).
    ///
    /// # Panics
    /// If y does not have the output's shape.
    #[track_caller]
    pub fn backward(&self, caches: &[LayerCache], y: &Array2<f64>) -> Vec<LayerGrads> {
        let y_hat = self.output(caches, y, "DeltaNet::backward");
        self.backward_from(caches, &(y_hat - y)) // ∂L/∂ŷ = ŷ − y for L = Σ ½(ŷ − y)²
    }

    /// The delta rule for any loss: `dl_dy_hat` is ∂L/∂ŷ, from the loss (for
    /// example `Loss::Mse.mean_grad(&y_hat, &y)`). [`DeltaNet::backward`] is this
    /// with ∂L/∂ŷ = ŷ − y.
    ///
    /// # Shapes
    /// caches: from `forward`; dl_dy_hat: B × O_N (ŷ's shape); one result per layer.
    ///
    /// # Panics
    /// If dl_dy_hat does not have ŷ's shape.
    #[track_caller]
    pub fn backward_from(&self, caches: &[LayerCache], dl_dy_hat: &Array2<f64>) -> Vec<LayerGrads> {
        self.output(caches, dl_dy_hat, "DeltaNet::backward_from");
        let n = self.weights.len();
        let mut delta_out = dl_dy_hat.clone(); // ∂L/∂ŷ
        let act = self.activations[n - 1];
        delta_out.zip_mut_with(&caches[n - 1].z, |d, &z| *d *= act.derivative(z)); // ⊙ φ′(zᴺ)
        self.backward_from_delta(caches, &delta_out)
    }

    /// The delta rule from a given output-layer δᴺ = ∂L/∂zᴺ, handed back to the
    /// first layer: for a sigmoid output with the binary cross-entropy (summed
    /// over the batch), δᴺ = ŷ − y, the two slopes' product. [`DeltaNet::backward_from`]
    /// is this with δᴺ = ∂L/∂ŷ ⊙ φ′(zᴺ).
    ///
    /// # Shapes
    /// caches: from `forward`; delta_out: B × O_N (ŷ's shape); one result per layer.
    ///
    /// # Panics
    /// If delta_out does not have ŷ's shape.
    #[track_caller]
    pub fn backward_from_delta(&self, caches: &[LayerCache], delta_out: &Array2<f64>) -> Vec<LayerGrads> {
        self.output(caches, delta_out, "DeltaNet::backward_from_delta");
        let n = self.weights.len();
        let mut grads: Vec<LayerGrads> = Vec::with_capacity(n);
        for l in (0..n).rev() {
            let delta = match grads.last() {
                None => delta_out.clone(), // δᴺ
                Some(next) => {
                    let mut delta = matmul(next.delta.view(), self.weights[l + 1].view()); // δˡ⁺¹·Wˡ⁺¹
                    let act = self.activations[l];
                    delta.zip_mut_with(&caches[l].z, |d, &z| *d *= act.derivative(z)); // ⊙ φ′(zˡ)
                    delta
                }
            };
            let dl_dw = matmul(delta.t(), caches[l].input.view()); // (δˡ)ᵀ·aˡ⁻¹
            let dl_db = column_sums(&delta); // Σ over the batch
            grads.push(LayerGrads { delta, dl_dw, dl_db });
        }
        grads.reverse();
        grads
    }

    /// One gradient-descent step: Wˡ ← Wˡ − lr·∂L/∂Wˡ and bˡ ← bˡ − lr·∂L/∂bˡ for every layer.
    ///
    /// # Panics
    /// If `lr` is not a finite number above 0, or `grads` does not hold one
    /// result per layer, each of its layer's shapes (both shapes are named).
    #[track_caller]
    pub fn step(&mut self, grads: &[LayerGrads], lr: f64) {
        check_lr("DeltaNet::step", lr);
        // Each W and b is checked against its gradient below.
        assert!(
            grads.len() == self.weights.len() && grads.len() == self.biases.len(),
            "DeltaNet::step: {} gradients for {} weight matrices and {} biases",
            grads.len(),
            self.weights.len(),
            self.biases.len()
        );
        for (g, (w, b)) in grads.iter().zip(self.weights.iter().zip(&self.biases)) {
            assert_same_shape("DeltaNet::step", "W", w.shape(), "dL/dW", g.dl_dw.shape());
            assert_same_shape("DeltaNet::step", "b", b.shape(), "dL/db", g.dl_db.shape());
        }
        for ((w, b), g) in self.weights.iter_mut().zip(&mut self.biases).zip(grads) {
            w.scaled_add(-lr, &g.dl_dw);
            b.scaled_add(-lr, &g.dl_db);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::{compare, numeric_gradient};
    use ndarray::array;

    /// The deep dive's worked example.
    fn lecture() -> (DeltaNet, Array2<f64>, Array2<f64>) {
        let net = DeltaNet::new(
            vec![array![[0.1, 0.3], [0.2, 0.4]], array![[0.5, 0.6]]],
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
        compare("dL/dW1", &g[0].dl_dw, &[-0.025, -0.05, -0.03, -0.06], 1e-12, 1e-15).assert_ok();
    }

    #[test]
    #[should_panic(expected = "DeltaNet::backward: y has shape [1, 2] but the output y_hat has shape [1, 1]")]
    fn a_wrongly_shaped_target_is_named() {
        let (net, x, _) = lecture();
        net.backward(&net.forward(&x), &array![[1.0, 2.0]]);
    }

    #[test]
    fn delta_rule_matches_central_differences() {
        let net = DeltaNet::new(
            vec![array![[0.3, 0.1], [-0.2, 0.4], [0.5, -0.6]], array![[0.7, -0.3, 0.2]]],
            vec![array![0.1, -0.1, 0.05], array![0.2]],
            vec![Activation::Tanh, Activation::Sigmoid],
        );
        let (x, y) = (array![[0.5, -1.0], [1.5, 0.3]], array![[1.0], [0.0]]);
        let g = net.backward(&net.forward(&x), &y);
        let w1 = Array1::from_iter(net.weights[0].iter().copied());
        let numeric = numeric_gradient(
            |p| {
                let mut probe = net.clone();
                probe.weights[0] = p.clone().into_shape_with_order((3, 2)).unwrap();
                probe.loss(&probe.forward(&x), &y)
            },
            &w1,
            1e-6,
        );
        compare("dL/dW1", &g[0].dl_dw, &numeric, 1e-6, 1e-9).assert_ok();
    }

    #[test]
    #[should_panic(expected = "DeltaNet::new: layer 2 has W of shape [1, 3] but layer 1 outputs 2")]
    fn layers_that_do_not_chain_are_named() {
        DeltaNet::new(
            vec![Array2::zeros((2, 2)), Array2::zeros((1, 3))],
            vec![Array1::zeros(2), Array1::zeros(1)],
            vec![Activation::Relu, Activation::Identity],
        );
    }
}
