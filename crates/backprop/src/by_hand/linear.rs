//! A fully connected layer, y = x·Wᵀ + b, with a hand-written backward pass.
//!
//! Shape legend: B = batch size, I = input features, O = output features.
//!
//! | quantity   | shape | formula                          |
//! |------------|-------|----------------------------------|
//! | x (cached) | B × I | the layer's input                |
//! | w          | O × I | outputs × inputs, the course's layout |
//! | b          | O     |                                  |
//! | out        | B × O | x·wᵀ + b                         |
//! | dl_dout    | B × O | dL/d(out), from the layer above  |
//! | dl_dw      | O × I | (dL/dout)ᵀ · x                   |
//! | dl_db      | O     | Σ over the batch of dL/dout      |
//! | dl_dx      | B × I | dL/dout · w                      |
//!
//! Every weight in the course has this layout (the engine's `nn::Linear`, Day
//! 10's network and the delta rule too).

use crate::maths::shape::{assert_dim, assert_same_shape, check_lr, column_sums, with_each_row};
use crate::maths::{layer_init, matmul, sgd_update, ChaCha8Rng};
use ndarray::{Array1, Array2, Zip};

/// y = x·wᵀ + b, caching x for the backward pass.
///
/// # Shapes
/// w: O × I (PyTorch's layout), b: O, x: B × I, y: B × O.
#[derive(Clone, Debug, PartialEq)]
pub struct Linear {
    /// Weights, O × I (row o holds the weights into output o).
    pub w: Array2<f64>,
    /// Biases, O.
    pub b: Array1<f64>,
    /// dL/dw from the last `backward` (O × I); zeros before that.
    pub dl_dw: Array2<f64>,
    /// dL/db from the last `backward` (O); zeros before that.
    pub dl_db: Array1<f64>,
    /// The input of the last `forward` (B × I), kept for `backward`.
    pub x: Option<Array2<f64>>,
}

/// y = x·wᵀ + b for a batch.
///
/// # Shapes
/// x: B × I, w: O × I, b: O; returns B × O.
///
/// # Panics
/// If x does not have I columns or b does not have O entries (the shapes are named).
#[track_caller]
pub fn linear_forward(x: &Array2<f64>, w: &Array2<f64>, b: &Array1<f64>) -> Array2<f64> {
    check_layer("linear_forward", w, b);
    let expected = [x.nrows(), w.ncols()];
    assert_dim("linear_forward", "the number of input features", x.ncols(), w.ncols(), x.shape(), &expected);
    let mut y = matmul(x.view(), w.t());
    with_each_row(&mut y, &b.view(), |v, b| v + b); // + b, in every row
    y
}

/// The three gradients of a linear layer given dL/dout:
/// dL/dx = dL/dout·w, dL/dw = (dL/dout)ᵀ·x and dL/db = Σ_batch dL/dout.
///
/// # Shapes
/// dl_dout: B × O, x: B × I, w: O × I; returns (B × I, O × I, O).
///
/// # Panics
/// If x does not have I columns, or dl_dout is not B × O (the shapes are named).
#[track_caller]
pub fn linear_backward(
    dl_dout: &Array2<f64>,
    x: &Array2<f64>,
    w: &Array2<f64>,
) -> (Array2<f64>, Array2<f64>, Array1<f64>) {
    let expected = [x.nrows(), w.ncols()];
    assert_dim("linear_backward", "the number of input features", x.ncols(), w.ncols(), x.shape(), &expected);
    assert_same_shape("linear_backward", "dl_dout", dl_dout.shape(), "the layer output", &[x.nrows(), w.nrows()]);
    (matmul(dl_dout.view(), w.view()), matmul(dl_dout.t(), x.view()), column_sums(dl_dout))
}

/// Panics, naming `op`, unless w is O × I with O and I at least 1 and b has O entries.
#[track_caller]
fn check_layer(op: &str, w: &Array2<f64>, b: &Array1<f64>) {
    assert!(!w.is_empty(), "{op}: w has shape {:?}; a layer needs at least one input and one output", w.shape());
    assert_dim(op, "the number of biases", b.len(), w.nrows(), b.shape(), &[w.nrows()]);
}

impl Linear {
    /// A layer with the given weights (O × I) and biases (O), gradients at zero.
    ///
    /// # Shapes
    /// w: O × I, b: O.
    ///
    /// # Panics
    /// If `w` has no rows or no columns, or `b` does not have one bias per row of `w`.
    #[track_caller]
    pub fn from_weights(w: Array2<f64>, b: Array1<f64>) -> Self {
        check_layer("Linear::from_weights", &w, &b);
        let dl_dw = Array2::zeros(w.raw_dim());
        let dl_db = Array1::zeros(b.len());
        Linear { w, b, dl_dw, dl_db, x: None }
    }

    /// A layer initialised as PyTorch does: every weight and bias uniform in
    /// [−1/√I, 1/√I), drawn from the seeded `rng` so results are reproducible.
    ///
    /// # Panics
    /// If either size is 0.
    #[track_caller]
    pub fn new(in_features: usize, out_features: usize, rng: &mut ChaCha8Rng) -> Self {
        let (w, b) = layer_init("Linear::new", in_features, out_features, rng);
        Linear::from_weights(w, b)
    }

    /// Number of input features I.
    pub fn in_features(&self) -> usize {
        self.w.ncols()
    }

    /// Number of output features O.
    pub fn out_features(&self) -> usize {
        self.w.nrows()
    }

    /// y = x·wᵀ + b for x of shape B × I; caches x. Returns B × O.
    ///
    /// # Shapes
    /// x: B × I; returns y: B × O.
    ///
    /// # Panics
    /// If x does not have I columns; the message names both shapes.
    #[track_caller]
    pub fn forward(&mut self, x: &Array2<f64>) -> Array2<f64> {
        let expected = [x.nrows(), self.in_features()];
        assert_dim(
            "Linear::forward",
            "the number of input features",
            x.ncols(),
            self.in_features(),
            x.shape(),
            &expected,
        );
        self.x = Some(x.clone());
        linear_forward(x, &self.w, &self.b)
    }

    /// Given dL/dout (B × O), stores `dl_dw` and `dl_db` (summed over the batch,
    /// replacing earlier values) and returns dL/dx (B × I).
    ///
    /// # Shapes
    /// dl_dout: B × O; returns dL/dx: B × I; stores dl_dw (O × I) and dl_db (O).
    ///
    /// # Panics
    /// If `forward` has not run, or `dl_dout` is not B × O.
    #[track_caller]
    pub fn backward(&mut self, dl_dout: &Array2<f64>) -> Array2<f64> {
        let x = self
            .x
            .as_ref()
            .expect("Linear::backward called before forward: run layer.forward(&x) first so the input is cached");
        let expected = [x.nrows(), self.out_features()];
        assert_same_shape("Linear::backward", "dl_dout", dl_dout.shape(), "the layer output", &expected);
        let (dl_dx, dl_dw, dl_db) = linear_backward(dl_dout, x, &self.w);
        self.dl_dw = dl_dw;
        self.dl_db = dl_db;
        dl_dx
    }

    /// The update of the lesson's loop: w ← w − lr·dl_dw and b ← b − lr·dl_db,
    /// with the gradients stored by the last `backward`.
    ///
    /// # Panics
    /// If `lr` is not a finite number above 0, or a gradient does not have its
    /// parameter's shape (both shapes are named).
    #[track_caller]
    pub fn step(&mut self, lr: f64) {
        check_lr("Linear::step", lr);
        assert_same_shape("Linear::step", "dl_dw", self.dl_dw.shape(), "w", self.w.shape());
        assert_same_shape("Linear::step", "dl_db", self.dl_db.shape(), "b", self.b.shape());
        Zip::from(&mut self.w).and(&self.dl_dw).for_each(|w, &g| *w = sgd_update(*w, g, lr));
        Zip::from(&mut self.b).and(&self.dl_db).for_each(|b, &g| *b = sgd_update(*b, g, lr));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::by_hand::MseLoss;
    use crate::maths::{compare, numeric_gradient, rng, Rng};
    use ndarray::array;

    #[test]
    fn hand_checkable_forward_and_backward() {
        let mut l = Linear::from_weights(array![[1.0, 2.0]], array![0.5]);
        let y = l.forward(&array![[3.0, 4.0]]);
        assert_eq!(y, array![[11.5]]);
        let gx = l.backward(&array![[2.0]]);
        assert_eq!(l.dl_dw, array![[6.0, 8.0]]);
        assert_eq!(l.dl_db, array![2.0]);
        assert_eq!(gx, array![[2.0, 4.0]]);
    }

    #[test]
    fn weight_gradient_matches_central_differences() {
        let mut r = rng(3);
        let x = Array2::from_shape_fn((4, 3), |_| r.gen_range(-1.0..1.0));
        let t = Array2::from_shape_fn((4, 2), |_| r.gen_range(-1.0..1.0));
        let mut layer = Linear::new(3, 2, &mut r);
        let mut mse = MseLoss::new();
        let pred = layer.forward(&x);
        mse.forward(&pred, &t);
        layer.backward(&mse.backward());
        let w0 = layer.w.clone();
        let flat = Array1::from_iter(w0.iter().copied());
        let loss_at = |p: &Array1<f64>| {
            let w = p.clone().into_shape_with_order(w0.raw_dim()).unwrap();
            MseLoss::new().forward(&linear_forward(&x, &w, &layer.b), &t)
        };
        let numeric = numeric_gradient(loss_at, &flat, 1e-6);
        compare("dL/dw", &layer.dl_dw, &numeric, 1e-6, 1e-9).assert_ok();
    }

    #[test]
    fn step_updates_every_parameter() {
        let mut l = Linear::from_weights(array![[1.0]], array![0.0]);
        l.forward(&array![[2.0]]);
        l.backward(&array![[1.0]]);
        l.step(0.5);
        assert_eq!((l.w[[0, 0]], l.b[0]), (0.0, -0.5));
    }

    #[test]
    #[should_panic(
        expected = "Linear::forward: the number of input features is 3 but must be 2 (input shape [1, 3], expected shape [1, 2])"
    )]
    fn wrong_input_width_names_both_shapes() {
        Linear::from_weights(array![[1.0, 2.0]], array![0.0]).forward(&array![[1.0, 2.0, 3.0]]);
    }

    #[test]
    #[should_panic(expected = "Linear::backward called before forward")]
    fn backward_before_forward_says_so() {
        Linear::from_weights(array![[1.0]], array![0.0]).backward(&array![[1.0]]);
    }
}
