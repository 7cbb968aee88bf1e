//! The hand-written mean-squared-error loss of the from-scratch lesson, with its
//! cache and its backward pass, computed by the shared loss module
//! ([`Loss::Mse`]), so it gives exactly the engine's `mse_loss`.

use crate::maths::Loss;
use ndarray::Array2;

/// Mean squared error over every element, as `torch.nn.MSELoss()`:
/// L = (1/M) Σ (pred − target)², with M = B·O elements (batch × outputs).
///
/// `forward` caches the difference pred − target; `backward` turns it into
/// dL/dpred = 2(pred − target)/M.
///
/// # Shapes
/// pred, target and `backward()`: B × O.
#[derive(Clone, Debug, Default)]
pub struct MseLoss {
    /// Cache from the last `forward`: pred − target (B × O).
    pub diff: Option<Array2<f64>>,
}

impl MseLoss {
    /// A loss with an empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// L = mean((pred − target)²); caches pred − target for `backward`.
    /// An empty batch gives NaN, as in PyTorch.
    ///
    /// # Shapes
    /// pred and target: B × O.
    ///
    /// # Panics
    /// If `pred` and `target` have different shapes (the message names both).
    #[track_caller]
    pub fn forward(&mut self, pred: &Array2<f64>, target: &Array2<f64>) -> f64 {
        let loss = Loss::Mse.mean(pred, target);
        self.diff = Some(pred - target);
        loss
    }

    /// dL/dpred = 2(pred − target) / M, with M = B·O (B × O).
    ///
    /// # Shapes
    /// returns B × O, the shape of pred.
    ///
    /// # Panics
    /// If `forward` has not run yet.
    #[track_caller]
    pub fn backward(&self) -> Array2<f64> {
        let diff = self
            .diff
            .as_ref()
            .expect("MseLoss::backward called before forward: run loss.forward(&pred, &target) first");
        let m = diff.len() as f64; // M = B·O, every element
        diff.mapv(|d| 2.0 * d / m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn hand_checkable_values() {
        let mut mse = MseLoss::new();
        assert_eq!(mse.forward(&array![[1.0], [3.0]], &array![[0.0], [1.0]]), 2.5);
        assert_eq!(mse.backward(), array![[1.0], [2.0]]);
        assert_eq!(mse.backward(), Loss::Mse.mean_grad(&array![[1.0], [3.0]], &array![[0.0], [1.0]]));
    }

    #[test]
    fn an_empty_batch_gives_nan_as_the_engine_does() {
        let empty = Array2::<f64>::zeros((0, 1));
        assert!(MseLoss::new().forward(&empty, &empty).is_nan());
    }

    #[test]
    #[should_panic(expected = "mse_loss: pred has shape [2, 1] but target has shape [1, 2]")]
    fn shape_mismatch_names_both_shapes() {
        MseLoss::new().forward(&array![[1.0], [2.0]], &array![[1.0, 2.0]]);
    }

    #[test]
    #[should_panic(expected = "MseLoss::backward called before forward")]
    fn backward_before_forward_says_so() {
        MseLoss::new().backward();
    }
}
