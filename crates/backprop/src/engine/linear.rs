//! A fully connected layer as one graph operation, y = x·Wᵀ + b, as PyTorch's
//! `torch.nn.functional.linear` computes it (its graph shows one `AddmmBackward`
//! node for it). One node instead of three (transpose, matmul, add) is the same
//! maths with less bookkeeping per training step.
//!
//! Shape legend: B = batch, I = inputs, O = outputs; `g` is dL/dy (B × O).

use super::ops::{as1, as2};
use super::tensor::Tensor;
use crate::maths::matmul;
use crate::maths::shape::{column_sums, with_each_row};

impl Tensor {
    /// y = x·Wᵀ + b, with the weights in PyTorch's layout (one row per output).
    /// Backward: dL/dx = g·W, dL/dW = gᵀ·x, dL/db = Σ over the batch of g.
    ///
    /// # Shapes
    /// self (x): B × I, weight: O × I, bias: O; returns B × O.
    ///
    /// # Panics
    /// If x or the weight is not a matrix, their numbers of inputs differ, or the
    /// bias does not have one entry per output (the message names the shapes).
    #[track_caller]
    pub fn linear(&self, weight: &Tensor, bias: &Tensor) -> Tensor {
        let value = {
            let (x, w, b) = (self.node(), weight.node(), bias.node());
            let (xs, ws, bs) = (x.value.shape(), w.value.shape(), b.value.shape());
            assert!(
                xs.len() == 2 && ws.len() == 2 && xs[1] == ws[1] && bs == [ws[0]],
                "linear: input {xs:?}, weight {ws:?} and bias {bs:?} do not fit; need [B, I], [O, I] and [O]"
            );
            let mut y = matmul(as2(&x.value), as2(&w.value).t()); // x·Wᵀ
            with_each_row(&mut y, &as1(&b.value), |v, b| v + b); // + b on every row
            y.into_dyn()
        };
        Tensor::from_op(
            "linear",
            value,
            vec![self.clone(), weight.clone(), bias.clone()],
            Box::new(|g, ins, _, needs| {
                let (g, x, w) = (as2(g), as2(ins[0]), as2(ins[1]));
                vec![
                    needs[0].then(|| matmul(g, w).into_dyn()),     // dL/dx = g·W      (B × I)
                    needs[1].then(|| matmul(g.t(), x).into_dyn()), // dL/dW = gᵀ·x     (O × I)
                    needs[2].then(|| column_sums(&g).into_dyn()),  // dL/db = Σ_batch g (O)
                ]
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{check_gradient, Tensor};
    use ndarray::{array, Array1, Array2};

    /// x (2 × 3), W (2 × 3) and b (2), flattened into one parameter vector of 14.
    fn loss_of(p: &Tensor) -> Tensor {
        // p·E for a fixed 0/1 matrix E picks `rows × cols` entries of p, starting at `from`,
        // so x, W and b stay graph values of p.
        let pick = |from: usize, rows: usize, cols: usize| {
            let e = Array2::from_shape_fn((14, rows * cols), |(i, j)| if i == from + j { 1.0 } else { 0.0 });
            p.reshape(&[1, 14]).matmul(&Tensor::new(e)).reshape(&[rows, cols])
        };
        let (x, w, b) = (pick(0, 2, 3), pick(6, 2, 3), pick(12, 1, 2).reshape(&[2]));
        x.linear(&w, &b).tanh().sum()
    }

    #[test]
    fn gradients_match_central_differences() {
        let at = Array1::from_iter((0..14).map(|i| ((i * 5 % 7) as f64 - 3.0) / 4.0));
        let names: Vec<String> = (0..14).map(|i| format!("p{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let check = check_gradient(&names, loss_of, &at);
        assert!(check.passed(), "{check:?}");
    }

    #[test]
    fn same_as_transpose_matmul_add() {
        let (x, w, b) = (array![[1.0, -2.0, 0.5], [0.3, 0.0, 2.0]], array![[0.2, -0.4, 0.1]], array![0.7]);
        let fused = [Tensor::param(x.clone()), Tensor::param(w.clone()), Tensor::param(b.clone())];
        let parts = [Tensor::param(x), Tensor::param(w), Tensor::param(b)];
        let y1 = fused[0].linear(&fused[1], &fused[2]);
        let y2 = parts[0].matmul(&parts[1].t()).add(&parts[2]);
        assert_eq!(y1.value(), y2.value());
        y1.square().sum().backward();
        y2.square().sum().backward();
        for (f, p) in fused.iter().zip(&parts) {
            assert_eq!(f.grad(), p.grad());
        }
    }

    #[test]
    #[should_panic(
        expected = "linear: input [2, 3], weight [1, 2] and bias [1] do not fit; need [B, I], [O, I] and [O]"
    )]
    fn mismatched_shapes_are_named() {
        Tensor::new(array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
            .linear(&Tensor::param(array![[1.0, 2.0]]), &Tensor::param(array![0.0]));
    }
}
