//! Loss functions as single graph nodes, each with its gradient beside it
//! (as PyTorch's `MseLossBackward`, `BinaryCrossEntropyBackward`, …). The
//! numbers come from the shared loss module ([`Loss`]), so the engine and the
//! hand-written path agree to the last bit.
//!
//! Shape legend: B = batch, O = outputs, C = classes; N = number of elements.
//! Every loss is a mean, so its gradient carries a 1/N (or 1/B). The target
//! gets its gradient too, as in PyTorch.

use super::tensor::Tensor;
use crate::maths::shape::assert_same_shape;
use crate::maths::{
    bce_with_logits, bce_with_logits_grad, bce_with_logits_target_grad, softmax_cross_entropy,
    softmax_cross_entropy_grad, Loss,
};
use ndarray::{arr0, Array2, Ix2};

impl Tensor {
    /// The mean of `loss` over every element of self (the prediction) against `target`.
    /// Backward: dL/dpred = loss′(pred, target)/N, and dL/dtarget likewise.
    ///
    /// # Shapes
    /// self and target: the same shape (for example B × O); the result is a number.
    ///
    /// # Panics
    /// If the shapes differ (both are named), or for [`Loss::Bce`] a prediction is outside [0, 1].
    #[track_caller]
    pub fn loss(&self, loss: Loss, target: &Tensor) -> Tensor {
        let value = {
            let (a, y) = (self.node(), target.node());
            arr0(loss.mean(&a.value, &y.value)).into_dyn()
        };
        Tensor::from_op(
            loss.op(),
            value,
            vec![self.clone(), target.clone()],
            Box::new(move |g, ins, _, needs| {
                let g = g.sum();
                vec![
                    needs[0].then(|| loss.mean_grad(ins[0], ins[1]) * g),
                    needs[1].then(|| loss.mean_target_grad(ins[0], ins[1]) * g),
                ]
            }),
        )
    }

    /// Mean squared error, `nn.MSELoss()`: L = (1/N) Σ (pred − target)².
    /// Backward: dL/dpred = 2(pred − target)/N.
    ///
    /// # Shapes
    /// self and target: the same shape; the result is a number.
    ///
    /// # Panics
    /// If the shapes differ (both are named).
    #[track_caller]
    pub fn mse_loss(&self, target: &Tensor) -> Tensor {
        self.loss(Loss::Mse, target)
    }

    /// Binary cross-entropy on probabilities a ∈ [0, 1], `nn.BCELoss()`:
    /// L = −(1/N) Σ [y·ln a + (1 − y)·ln(1 − a)], each log clamped at −100.
    /// Backward: dL/da = (a − y) / max(a(1 − a), 1e-12) / N.
    ///
    /// # Shapes
    /// self and target: the same shape, values of self in [0, 1]; the result is a number.
    ///
    /// # Panics
    /// If the shapes differ, or a prediction is outside [0, 1] (PyTorch refuses it too).
    #[track_caller]
    pub fn bce_loss(&self, target: &Tensor) -> Tensor {
        self.loss(Loss::Bce, target)
    }

    /// BCE on logits z, `nn.BCEWithLogitsLoss()`, computed stably:
    /// L = (1/N) Σ [max(z, 0) − z·y + ln(1 + e^(−|z|))].
    /// Backward: dL/dz = (σ(z) − y)/N, finite even for |z| = 1000.
    ///
    /// # Shapes
    /// self (logits) and target: the same shape; the result is a number.
    ///
    /// # Panics
    /// If the shapes differ.
    #[track_caller]
    pub fn bce_with_logits_loss(&self, target: &Tensor) -> Tensor {
        assert_same_shape("bce_with_logits_loss", "logits", &self.shape(), "target", &target.shape());
        let value = {
            let (z, y) = (self.node(), target.node());
            let total: f64 = z.value.iter().zip(y.value.iter()).map(|(&z, &y)| bce_with_logits(z, y)).sum();
            arr0(total / z.value.len() as f64).into_dyn()
        };
        Tensor::from_op(
            "bce_with_logits_loss",
            value,
            vec![self.clone(), target.clone()],
            Box::new(move |g, ins, _, needs| {
                let scale = g.sum() / ins[0].len() as f64;
                let dz = needs[0].then(|| {
                    let mut dz = ins[0].to_owned();
                    dz.zip_mut_with(ins[1], |z, &y| *z = bce_with_logits_grad(*z, y) * scale);
                    dz
                });
                let dy = needs[1].then(|| ins[0].mapv(|z| bce_with_logits_target_grad(z) * scale));
                vec![dz, dy]
            }),
        )
    }

    /// Softmax cross-entropy of logits (B × C) against class indices (B), as
    /// `nn.CrossEntropyLoss()`: L = (1/B) Σ_b [log-sum-exp(z_b) − z_b,class_b].
    /// Backward: dL/dz = (softmax(z) − onehot(class))/B.
    ///
    /// # Shapes
    /// self: B × C logits; classes: B indices below C; the result is a number.
    ///
    /// # Panics
    /// If the logits are not B × C, the batch is empty, `classes` does not have B entries, or a class is ≥ C.
    #[track_caller]
    pub fn cross_entropy_loss(&self, classes: &[usize]) -> Tensor {
        let s = self.shape();
        assert!(s.len() == 2, "cross_entropy_loss: logits must be [B, C], got shape {s:?}");
        assert!(s[0] > 0, "cross_entropy_loss: the batch is empty (0 samples), so there is no loss to average");
        assert!(
            classes.len() == s[0],
            "cross_entropy_loss: logits have shape {s:?} but there are {} target classes (need {})",
            classes.len(),
            s[0]
        );
        for (b, &c) in classes.iter().enumerate() {
            let n = s[1];
            assert!(c < n, "cross_entropy_loss: target class {c} (sample {b}) is out of range for {n} classes (valid classes are 0..{n})");
        }
        let z = self.value().into_dimensionality::<Ix2>().expect("checked above");
        let bsz = s[0] as f64;
        let mut total = 0.0;
        let mut grad = Array2::zeros(z.raw_dim());
        for (b, row) in z.outer_iter().enumerate() {
            let row = row.to_owned();
            total += softmax_cross_entropy(&row, classes[b]);
            grad.row_mut(b).assign(&softmax_cross_entropy_grad(&row, classes[b]));
        }
        Tensor::from_op(
            "cross_entropy_loss",
            arr0(total / bsz).into_dyn(),
            vec![self.clone()],
            Box::new(move |g, _, _, _| vec![Some((&grad * (g.sum() / bsz)).into_dyn())]),
        )
    }
}
