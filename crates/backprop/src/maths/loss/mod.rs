//! The one loss module of the course: every loss L(prediction, target) and its
//! gradient, used by both paths (the hand-written types and the engine), so the
//! two always compute the same number.
//!
//! Per-element formulas are plain functions on `f64`; [`Loss`] names the three
//! losses the lessons train with and averages them over a batch, as PyTorch's
//! loss modules do (`reduction = "mean"`).
//!
//! NaN is never hidden: a NaN prediction gives a NaN loss and a NaN gradient,
//! so a training loop can notice that it diverged.

mod formulas;
mod softmax;

pub use formulas::*;
pub use softmax::{
    cross_entropy, cross_entropy_grad, one_hot, softmax, softmax_cross_entropy, softmax_cross_entropy_grad,
    softmax_rows,
};

use crate::maths::shape::{assert_same_shape, zip_assign};
use ndarray::{Array, Dimension, Zip};

/// The losses the lessons train with. Over a batch each is the **mean** of the
/// per-element loss, as in PyTorch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// L = ½(a − y)² (Day 3's neuron).
    HalfSquared,
    /// L = (a − y)²; averaged over a batch this is the mean squared error,
    /// `torch.nn.MSELoss` (Day 10's neuron is the batch of one).
    Mse,
    /// Binary cross-entropy on probabilities, `torch.nn.BCELoss`.
    Bce,
}

impl Loss {
    /// The per-element loss L(a, y).
    ///
    /// # Panics
    /// For `Bce`, if `a` is outside [0, 1].
    #[track_caller]
    #[inline]
    pub fn value(self, a: f64, y: f64) -> f64 {
        match self {
            Loss::HalfSquared => half_squared_error(a, y),
            Loss::Mse => squared_error(a, y),
            Loss::Bce => binary_cross_entropy(a, y),
        }
    }

    /// The per-element gradient dL/da.
    ///
    /// # Panics
    /// For `Bce`, if `a` is outside [0, 1].
    #[track_caller]
    #[inline]
    pub fn grad(self, a: f64, y: f64) -> f64 {
        match self {
            Loss::HalfSquared => half_squared_error_grad(a, y),
            Loss::Mse => squared_error_grad(a, y),
            Loss::Bce => binary_cross_entropy_grad(a, y),
        }
    }

    /// The per-element gradient for the target, dL/dy.
    ///
    /// # Panics
    /// For `Bce`, if `a` is outside [0, 1].
    #[track_caller]
    #[inline]
    pub fn target_grad(self, a: f64, y: f64) -> f64 {
        match self {
            Loss::HalfSquared => -half_squared_error_grad(a, y),
            Loss::Mse => -squared_error_grad(a, y),
            Loss::Bce => binary_cross_entropy_target_grad(a),
        }
    }

    /// The loss's name as the lessons write it.
    pub fn name(self) -> &'static str {
        match self {
            Loss::HalfSquared => "½(a − y)²",
            Loss::Mse => "MSE",
            Loss::Bce => "BCE",
        }
    }

    /// The mean loss over a batch: L = (1/N) Σ value(aᵢ, yᵢ), with N elements.
    /// An empty batch gives NaN (a mean of nothing), as in PyTorch.
    ///
    /// # Shapes
    /// pred and target: the same shape, any dimension (for example B × O).
    ///
    /// # Panics
    /// If the shapes differ (the message names both), or for `Bce` a prediction
    /// is outside [0, 1].
    #[track_caller]
    pub fn mean<D: Dimension>(self, pred: &Array<f64, D>, target: &Array<f64, D>) -> f64 {
        // One match per batch rather than per element, so each loop is plain arithmetic.
        match self {
            Loss::HalfSquared => self.mean_with(pred, target, half_squared_error),
            Loss::Mse => self.mean_with(pred, target, squared_error),
            Loss::Bce => self.mean_with(pred, target, binary_cross_entropy),
        }
    }

    #[track_caller]
    fn mean_with<D: Dimension>(self, pred: &Array<f64, D>, target: &Array<f64, D>, f: impl Fn(f64, f64) -> f64) -> f64 {
        assert_same_shape(self.op(), "pred", pred.shape(), "target", target.shape());
        let total = match (pred.as_slice(), target.as_slice()) {
            (Some(p), Some(t)) => p.iter().zip(t).fold(0.0, |total, (&a, &y)| total + f(a, y)),
            _ => {
                let mut total = 0.0;
                Zip::from(pred).and(target).for_each(|&a, &y| total += f(a, y));
                total
            }
        };
        total / pred.len() as f64
    }

    /// dL/dpred of [`Loss::mean`]: value′(aᵢ, yᵢ) / N for every element.
    ///
    /// # Shapes
    /// pred, target and the result: the same shape.
    ///
    /// # Panics
    /// As [`Loss::mean`].
    #[track_caller]
    pub fn mean_grad<D: Dimension>(self, pred: &Array<f64, D>, target: &Array<f64, D>) -> Array<f64, D> {
        match self {
            Loss::HalfSquared => self.mean_grad_with(pred, target, half_squared_error_grad),
            Loss::Mse => self.mean_grad_with(pred, target, squared_error_grad),
            Loss::Bce => self.mean_grad_with(pred, target, binary_cross_entropy_grad),
        }
    }

    /// dL/dtarget of [`Loss::mean`]: target_grad(aᵢ, yᵢ) / N for every element.
    ///
    /// # Shapes
    /// pred, target and the result: the same shape.
    ///
    /// # Panics
    /// As [`Loss::mean`].
    #[track_caller]
    pub fn mean_target_grad<D: Dimension>(self, pred: &Array<f64, D>, target: &Array<f64, D>) -> Array<f64, D> {
        self.mean_grad_with(pred, target, |a, y| self.target_grad(a, y))
    }

    #[track_caller]
    fn mean_grad_with<D: Dimension>(
        self,
        pred: &Array<f64, D>,
        target: &Array<f64, D>,
        f: impl Fn(f64, f64) -> f64,
    ) -> Array<f64, D> {
        assert_same_shape(self.op(), "pred", pred.shape(), "target", target.shape());
        let n = pred.len() as f64;
        let mut g = pred.clone();
        let per_element = 1.0 / n;
        zip_assign((self.op(), "pred", "target"), &mut g, target, |a, y| f(a, y) * per_element);
        g
    }

    /// The operation's name in messages and graph drawings.
    pub(crate) fn op(self) -> &'static str {
        match self {
            Loss::HalfSquared => "half_squared_loss",
            Loss::Mse => "mse_loss",
            Loss::Bce => "bce_loss",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn an_empty_batch_has_no_mean() {
        let empty = ndarray::Array2::<f64>::zeros((0, 1));
        assert!(Loss::Mse.mean(&empty, &empty).is_nan());
    }

    #[test]
    #[should_panic(expected = "mse_loss: pred has shape [2, 1] but target has shape [1, 2]")]
    fn shape_mismatch_names_both_shapes() {
        Loss::Mse.mean(&array![[1.0], [2.0]], &array![[1.0, 2.0]]);
    }
}
