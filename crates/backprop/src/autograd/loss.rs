//! Loss functions as single graph nodes, each with its gradient beside it
//! (as PyTorch's `MseLossBackward`, `BinaryCrossEntropyBackward`, …).
//!
//! Shape legend: B = batch, O = outputs, C = classes; N = number of elements.
//! Every loss is a mean, so its gradient carries a 1/N (or 1/B).

use super::tensor::Tensor;
use crate::activation::sigmoid;
use crate::shape::assert_same_shape;
use ndarray::{arr0, ArrayD, Axis, Ix2};

/// PyTorch clamps log terms in BCE at −100 so a saturated prediction stays finite.
const LOG_FLOOR: f64 = -100.0;
/// PyTorch's BCE backward divides by max(a(1 − a), 1e-12).
const BCE_EPS: f64 = 1e-12;

impl Tensor {
    /// Mean squared error: L = (1/N) Σ (pred − target)², as `nn.MSELoss()`.
    /// Backward: dL/dpred = 2(pred − target)/N.
    ///
    /// # Panics
    /// If the shapes differ (both are named).
    #[track_caller]
    pub fn mse_loss(&self, target: &Tensor) -> Tensor {
        assert_same_shape("mse_loss", "pred", &self.shape(), "target", &target.shape());
        let diff = self.value() - target.value();
        let n = diff.len() as f64;
        let value = arr0(diff.mapv(|d| d * d).sum() / n).into_dyn();
        Tensor::from_op(
            "mse_loss",
            value,
            vec![self.clone(), target.clone()],
            Box::new(move |g, ins, _| {
                let d = (ins[0] - ins[1]) * (2.0 / n) * g.sum();
                vec![d.clone(), -d]
            }),
        )
    }

    /// Binary cross-entropy on probabilities a ∈ [0, 1], as `nn.BCELoss()`:
    /// L = −(1/N) Σ [y·ln a + (1 − y)·ln(1 − a)], each log clamped at −100.
    /// Backward: dL/da = (a − y) / max(a(1 − a), 1e-12) / N.
    ///
    /// # Panics
    /// If the shapes differ.
    #[track_caller]
    pub fn bce_loss(&self, target: &Tensor) -> Tensor {
        assert_same_shape("bce_loss", "pred", &self.shape(), "target", &target.shape());
        let (a, y) = (self.value(), target.value());
        let n = a.len() as f64;
        let mut total = 0.0;
        ndarray::Zip::from(&a).and(&y).for_each(|&a, &y| {
            total -= y * a.ln().max(LOG_FLOOR) + (1.0 - y) * (1.0 - a).ln().max(LOG_FLOOR);
        });
        Tensor::from_op(
            "bce_loss",
            arr0(total / n).into_dyn(),
            vec![self.clone(), target.clone()],
            Box::new(move |g, ins, _| {
                let mut d = ins[0].to_owned();
                d.zip_mut_with(ins[1], |a, &y| *a = (*a - y) / (*a * (1.0 - *a)).max(BCE_EPS) / n);
                vec![d * g.sum(), ArrayD::zeros(ins[1].raw_dim())]
            }),
        )
    }

    /// BCE on logits z, as `nn.BCEWithLogitsLoss()`, computed stably:
    /// L = (1/N) Σ [max(z, 0) − z·y + ln(1 + e^(−|z|))].
    /// Backward: dL/dz = (σ(z) − y)/N — finite even for |z| = 1000.
    ///
    /// # Panics
    /// If the shapes differ.
    #[track_caller]
    pub fn bce_with_logits_loss(&self, target: &Tensor) -> Tensor {
        assert_same_shape("bce_with_logits_loss", "logits", &self.shape(), "target", &target.shape());
        let (z, y) = (self.value(), target.value());
        let n = z.len() as f64;
        let mut total = 0.0;
        ndarray::Zip::from(&z).and(&y).for_each(|&z, &y| total += z.max(0.0) - z * y + (-z.abs()).exp().ln_1p());
        Tensor::from_op(
            "bce_with_logits_loss",
            arr0(total / n).into_dyn(),
            vec![self.clone(), target.clone()],
            Box::new(move |g, ins, _| {
                let mut d = ins[0].to_owned();
                d.zip_mut_with(ins[1], |z, &y| *z = (sigmoid(*z) - y) / n);
                vec![d * g.sum(), ArrayD::zeros(ins[1].raw_dim())]
            }),
        )
    }

    /// Softmax cross-entropy of logits (B × C) against class indices (B), as
    /// `nn.CrossEntropyLoss()`: L = (1/B) Σ_b [log-sum-exp(z_b) − z_b,class_b].
    /// Backward: dL/dz = (softmax(z) − onehot(class))/B.
    ///
    /// # Panics
    /// If the logits are not B × C, `classes` does not have B entries, or a class is ≥ C.
    #[track_caller]
    pub fn cross_entropy_loss(&self, classes: &[usize]) -> Tensor {
        let s = self.shape();
        assert!(s.len() == 2, "cross_entropy_loss: logits must be [B, C], got shape {s:?}");
        assert!(
            classes.len() == s[0],
            "cross_entropy_loss: logits have shape {s:?} but there are {} target classes (need {})",
            classes.len(),
            s[0]
        );
        if let Some((b, &c)) = classes.iter().enumerate().find(|(_, &c)| c >= s[1]) {
            panic!("cross_entropy_loss: target class {c} (sample {b}) is out of range for {} classes (valid classes are 0..{})", s[1], s[1]);
        }
        let z = self.value().into_dimensionality::<Ix2>().expect("checked above");
        let bsz = s[0] as f64;
        let mut probs = z.clone();
        let mut total = 0.0;
        for (b, mut row) in probs.axis_iter_mut(Axis(0)).enumerate() {
            let m = row.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
            row.mapv_inplace(|v| (v - m).exp());
            let sum = row.sum();
            total += m + sum.ln() - z[[b, classes[b]]];
            row /= sum;
        }
        let classes = classes.to_vec();
        Tensor::from_op(
            "cross_entropy_loss",
            arr0(total / bsz).into_dyn(),
            vec![self.clone()],
            Box::new(move |g, _, _| {
                let mut d = probs.clone();
                for (b, &c) in classes.iter().enumerate() {
                    d[[b, c]] -= 1.0;
                }
                vec![(d / bsz * g.sum()).into_dyn()]
            }),
        )
    }
}
