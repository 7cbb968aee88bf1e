//! A [`DeltaNet`] trained by the learner's own step, watched as `Sequential::fit`
//! watches the engine's: the deep dive trains XOR this way. The network's first
//! weights come from an engine model (so a seeded `Sequential::mlp` draws them),
//! and each epoch records the mean binary cross-entropy, the accuracy, each
//! layer's ‖dL/dW‖ and the first layer's weights; the decision regions are drawn
//! from the trained weights.

use crate::by_hand::DeltaNet;
use crate::engine::nn::{Layer, Sequential};
use crate::maths::{Activation, Loss};
use crate::show::Chart;
use crate::train::History;
use ndarray::{Array1, Array2, Ix1, Ix2};

impl DeltaNet {
    /// The same network as an engine model made of Linear layers, each followed
    /// by at most one activation (none: a linear layer): its weights and biases
    /// copied, one [`Activation`] per Linear layer. `Sequential::mlp(…).then(…)`
    /// gives such a model.
    ///
    /// # Shapes
    /// Each Linear layer's weight O × I and bias O, as in the model.
    ///
    /// # Panics
    /// If the model has no Linear layer, starts with an activation, or has two
    /// activations in a row.
    #[track_caller]
    pub fn from_model(model: &Sequential) -> DeltaNet {
        assert!(
            model.layers.iter().any(|l| matches!(l, Layer::Linear(_))),
            "DeltaNet::from_model: the model has no Linear layer; a network needs at least one"
        );
        let (mut weights, mut biases, mut activations) = (Vec::new(), Vec::new(), Vec::new());
        for (k, layer) in model.layers.iter().enumerate() {
            let activation = match layer {
                Layer::Linear(l) => {
                    let w = l.weight.value().into_dimensionality::<Ix2>().expect("a Linear weight is O × I");
                    let b = l.bias.value().into_dimensionality::<Ix1>().expect("a Linear bias is O");
                    weights.push(w);
                    biases.push(b);
                    activations.push(Activation::Identity);
                    continue;
                }
                Layer::Relu => Activation::Relu,
                Layer::Sigmoid => Activation::Sigmoid,
                Layer::Tanh => Activation::Tanh,
            };
            let last = activations.last_mut();
            assert!(
                k > 0 && matches!(last, Some(Activation::Identity)) && matches!(model.layers[k - 1], Layer::Linear(_)),
                "DeltaNet::from_model: layer {k} is an activation that does not follow a Linear layer"
            );
            if let Some(a) = last {
                *a = activation;
            }
        }
        DeltaNet::new(weights, biases, activations)
    }

    /// Records one epoch of a run on 0/1 targets, before its update, as
    /// `Sequential::fit` records one with `Loss::Bce`: the mean binary
    /// cross-entropy over the batch, the accuracy (outputs on the right side of
    /// 0.5), ‖dL/dW‖ of each layer's weights for that mean loss (named `W1`,
    /// `W2`, …) and every weight of the first layer (`W1[i][j]`, counted from 0).
    /// Returns `false` when the loss is not finite, as [`History::record`].
    ///
    /// # Shapes
    /// x: B × I, y: B × O (the output's shape), with outputs in (0, 1).
    ///
    /// # Panics
    /// As [`DeltaNet::forward`] if x does not fit the network; if y does not
    /// have the output's shape, or an output is not a probability.
    #[track_caller]
    pub fn record_bce(&self, history: &mut History, x: &Array2<f64>, y: &Array2<f64>) -> bool {
        let caches = self.forward(x);
        let y_hat = &caches[caches.len() - 1].a;
        assert!(
            y_hat.shape() == y.shape(),
            "DeltaNet::record_bce: y has shape {:?} but the output has shape {:?}",
            y.shape(),
            y_hat.shape()
        );
        if !history.record(Loss::Bce.mean(y_hat, y)) {
            return false;
        }
        history.accuracy.push(accuracy(y_hat, y));
        // δ of the sigmoid output for the mean BCE: (ŷ − y) / B, the two slopes' product.
        let grads = self.backward_from_delta(&caches, &((y_hat - y) / y.nrows() as f64));
        for (l, g) in grads.iter().enumerate() {
            History::push_to(
                &mut history.grad_norms,
                &format!("dL/dW{}", l + 1),
                g.dl_dw.iter().map(|v| v * v).sum::<f64>().sqrt(),
            );
        }
        let w = &self.weights[0];
        for ((i, j), v) in w.indexed_iter() {
            History::push_to(&mut history.weights, &format!("W[1]_{}{}", i + 1, j + 1), *v);
        }
        true
    }

    /// The fraction of outputs on the right side of 0.5 for 0/1 targets y.
    ///
    /// # Shapes
    /// x: B × I, y: B × O.
    ///
    /// # Panics
    /// If x or y does not fit the network, or the batch is empty.
    #[track_caller]
    pub fn accuracy(&self, x: &Array2<f64>, y: &Array2<f64>) -> f64 {
        let y_hat = self.predict(x);
        assert!(
            y_hat.shape() == y.shape() && !y.is_empty(),
            "DeltaNet::accuracy: the outputs have shape {:?} and y {:?}; need the same shape, at least one number",
            y_hat.shape(),
            y.shape()
        );
        accuracy(&y_hat, y)
    }

    /// The decision regions of a network with two inputs and one output in
    /// (0, 1), as [`Sequential::decision_chart`] draws them: the square
    /// [lo, hi]² coloured by predicted class on an n × n grid, the data on top.
    ///
    /// # Shapes
    /// x: N × 2, y: N × 1 with 0/1 targets.
    ///
    /// # Panics
    /// If the network does not take two inputs to one output, a layer has no
    /// unit, or as [`Sequential::decision_chart`].
    #[track_caller]
    pub fn decision_chart(&self, title: &str, x: &Array2<f64>, y: &Array2<f64>, lo: f64, hi: f64, n: usize) -> Chart {
        let (inputs, outputs) = (self.weights[0].ncols(), self.weights[self.weights.len() - 1].nrows());
        assert!(
            inputs == 2 && outputs == 1 && self.weights.iter().all(|w| !w.is_empty()),
            "DeltaNet::decision_chart: the network maps {inputs} inputs to {outputs} outputs (layers {:?}); need 2 inputs, 1 output, every layer with a unit",
            self.weights.iter().map(|w| w.shape().to_vec()).collect::<Vec<_>>()
        );
        let layers: Vec<(Array2<f64>, Array1<f64>)> =
            self.weights.iter().cloned().zip(self.biases.iter().cloned()).collect();
        let mut model = Sequential::from_weights(layers, Layer::Relu);
        // The same layers, each followed by this network's own activation.
        model.layers.retain(|l| matches!(l, Layer::Linear(_)));
        let mut with_activations = Vec::new();
        for (layer, act) in model.layers.into_iter().zip(&self.activations) {
            with_activations.push(layer);
            match act {
                Activation::Identity => {}
                Activation::Relu => with_activations.push(Layer::Relu),
                Activation::Sigmoid => with_activations.push(Layer::Sigmoid),
                Activation::Tanh => with_activations.push(Layer::Tanh),
            }
        }
        Sequential::new(with_activations).decision_chart(title, x, y, lo, hi, n)
    }
}

/// The fraction of predictions on the right side of 0.5 (a NaN counts as wrong).
fn accuracy(y_hat: &Array2<f64>, y: &Array2<f64>) -> f64 {
    let hits = y_hat.iter().zip(y).filter(|(p, t)| f64::from(u8::from(**p > 0.5)) == **t).count();
    hits as f64 / y.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::rng;
    use crate::train::Fit;
    use ndarray::array;

    /// XOR trained by DeltaNet's own steps (summed BCE δ = ŷ − y with lr / 4)
    /// takes the steps `Sequential::fit` takes on the mean BCE with lr.
    #[test]
    fn a_delta_net_trains_xor_as_fit_does() {
        let (x, y) = (array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], array![[0.0], [1.0], [1.0], [0.0]]);
        let model = Sequential::mlp(&[2, 4, 1], Layer::Tanh, &mut rng(0)).then(Layer::Sigmoid);
        let mut net = DeltaNet::from_model(&model);
        assert_eq!(net.activations, vec![Activation::Tanh, Activation::Sigmoid]);
        let mut mine = History::new(0.5);
        for _ in 0..300 {
            assert!(net.record_bce(&mut mine, &x, &y));
            let caches = net.forward(&x);
            let grads = net.backward_from_delta(&caches, &(&caches[1].a - &y));
            net.step(&grads, 0.5 / 4.0);
        }
        let engine = model.fit(&x, &y, &Fit::new(Loss::Bce).lr(0.5).epochs(300));
        for (p, q) in mine.losses.iter().zip(&engine.losses) {
            assert!((p - q).abs() < 1e-9, "{p} vs {q}");
        }
        assert_eq!(mine.accuracy, engine.accuracy);
        assert_eq!(mine.solved_from(), engine.solved_from());
        assert_eq!(net.accuracy(&x, &y), model.accuracy(&x, &y));
        for (a, b) in mine.grad_norms.iter().zip(&engine.grad_norms) {
            assert!(a.1.iter().zip(&b.1).all(|(p, q)| (p - q).abs() < 1e-9));
        }
        assert_eq!(mine.weights.len(), 8);
        assert_eq!(mine.weights[1].0, "W[1]_12");
        let chart = net.decision_chart("XOR", &x, &y, -0.5, 1.5, 5);
        assert_eq!(chart.series.len(), 4);
    }

    #[test]
    #[should_panic(expected = "does not follow a Linear layer")]
    fn two_activations_in_a_row_are_refused() {
        let model = Sequential::mlp(&[2, 1], Layer::Tanh, &mut rng(0)).then(Layer::Sigmoid).then(Layer::Relu);
        DeltaNet::from_model(&model);
    }
}
