//! The engine's operations on two tensors (matmul, add, sub, mul, with
//! broadcasting) and its shape changes (transpose, reshape). Each one computes
//! its value and hands the graph a closure with its own chain rule, right next
//! to it (as in micrograd). One-tensor operations live in `unary.rs`.
//!
//! Shape legend: B = batch, I = inputs, O = outputs; `g` is dL/dout.

use super::tensor::Tensor;
use crate::maths::matmul;
use crate::maths::shape::{column_sums, with_each_row};
use ndarray::{ArrayD, ArrayView1, ArrayView2, Axis, Ix1, Ix2, Zip};

/// The shape two operands broadcast to (NumPy's rules), or `None`.
pub(crate) fn broadcast_shape(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let n = a.len().max(b.len());
    let dim = |s: &[usize], i: usize| {
        if i + s.len() < n {
            1
        } else {
            s[i + s.len() - n]
        }
    };
    (0..n)
        .map(|i| match (dim(a, i), dim(b, i)) {
            (x, y) if x == y => Some(x),
            (1, y) => Some(y),
            (x, 1) => Some(x),
            _ => None,
        })
        .collect()
}

/// Sums a broadcast gradient back down to `shape`: the chain rule for broadcasting
/// (an input used by many outputs collects all their gradients).
pub(crate) fn unbroadcast(g: &ArrayD<f64>, shape: &[usize]) -> ArrayD<f64> {
    if g.shape() == shape {
        return g.clone(); // no broadcasting happened
    }
    if g.ndim() == 2 && shape.len() == 1 && shape[0] == g.shape()[1] {
        return column_sums(&as2(g)).into_dyn(); // a bias (O) added to every row of B × O
    }
    let mut g = g.clone();
    while g.ndim() > shape.len() {
        g = g.sum_axis(Axis(0));
    }
    for (axis, &n) in shape.iter().enumerate() {
        if n == 1 && g.shape()[axis] != 1 {
            g = g.sum_axis(Axis(axis)).insert_axis(Axis(axis));
        }
    }
    g
}

/// f(a, b) element by element, with NumPy's broadcasting. The lessons' two
/// cases, equal shapes and a bias row (O) against a batch (B × O), take a
/// direct path; any other broadcast goes through ndarray's general one.
pub(crate) fn broadcast_with(a: &ArrayD<f64>, b: &ArrayD<f64>, f: impl Fn(f64, f64) -> f64) -> ArrayD<f64> {
    if a.shape() == b.shape() {
        let mut out = a.to_owned();
        out.zip_mut_with(b, |x, &y| *x = f(*x, y));
        return out;
    }
    if a.ndim() == 2 && b.ndim() == 1 && a.shape()[1] == b.len() {
        let mut out = a.to_owned().into_dimensionality::<Ix2>().expect("2-D");
        with_each_row(&mut out, &b.view().into_dimensionality::<Ix1>().expect("1-D"), f);
        return out.into_dyn();
    }
    let shape = broadcast_shape(a.shape(), b.shape()).expect("checked by the caller");
    let (a, b) = (a.broadcast(shape.clone()).expect("broadcast"), b.broadcast(shape).expect("broadcast"));
    Zip::from(&a).and(&b).map_collect(|&x, &y| f(x, y))
}

#[track_caller]
fn check_broadcast(op: &str, a: &Tensor, b: &Tensor) {
    let (sa, sb) = (a.shape(), b.shape());
    assert!(broadcast_shape(&sa, &sb).is_some(), "{op}: shapes {sa:?} and {sb:?} cannot be broadcast together");
}

/// A 2-D view of a value known to be a matrix.
pub(crate) fn as2(a: &ArrayD<f64>) -> ArrayView2<'_, f64> {
    a.view().into_dimensionality::<Ix2>().expect("a matrix")
}

/// A 1-D view of a value known to be a vector.
pub(crate) fn as1(a: &ArrayD<f64>) -> ArrayView1<'_, f64> {
    a.view().into_dimensionality::<Ix1>().expect("a vector")
}

impl Tensor {
    /// Matrix product x·w of B × I and I × O, giving B × O.
    /// Backward: dL/dx = g·wᵀ, dL/dw = xᵀ·g.
    ///
    /// # Shapes
    /// self: B × I, w: I × O; returns B × O.
    ///
    /// # Panics
    /// If either operand is not 2-D or the inner sizes differ (the message names both shapes).
    #[track_caller]
    pub fn matmul(&self, w: &Tensor) -> Tensor {
        let (sa, sb) = (self.shape(), w.shape());
        assert!(
            sa.len() == 2 && sb.len() == 2 && sa[1] == sb[0],
            "matmul: cannot multiply shapes {sa:?} and {sb:?}; need [B, I] and [I, O]"
        );
        let value = matmul(as2(&self.node().value), as2(&w.node().value)).into_dyn();
        Tensor::from_op(
            "matmul",
            value,
            vec![self.clone(), w.clone()],
            Box::new(|g, ins, _, needs| {
                let (g, x, w) = (as2(g), as2(ins[0]), as2(ins[1]));
                vec![needs[0].then(|| matmul(g, w.t()).into_dyn()), needs[1].then(|| matmul(x.t(), g).into_dyn())]
            }),
        )
    }

    /// Transpose of a matrix. Backward: dL/dx = gᵀ.
    ///
    /// # Shapes
    /// self: R × C; returns C × R.
    ///
    /// # Panics
    /// If the tensor is not 2-D.
    #[track_caller]
    pub fn t(&self) -> Tensor {
        assert!(self.shape().len() == 2, "t: need a matrix, got shape {:?}", self.shape());
        let value = self.value().reversed_axes();
        Tensor::from_op("transpose", value, vec![self.clone()], Box::new(|g, _, _, _| vec![Some(g.t().to_owned())]))
    }

    /// The same numbers in a new shape (row-major order, as `torch.reshape`).
    /// Backward: g reshaped back to the input's shape.
    ///
    /// # Shapes
    /// any shape with as many elements as the input.
    ///
    /// # Panics
    /// If the new shape holds a different number of elements.
    #[track_caller]
    pub fn reshape(&self, shape: &[usize]) -> Tensor {
        let v = self.value();
        let value = v.to_shape(shape).unwrap_or_else(|_| {
            panic!("reshape: cannot reshape shape {:?} ({} numbers) into {shape:?}", v.shape(), v.len())
        });
        Tensor::from_op(
            "reshape",
            value.to_owned(),
            vec![self.clone()],
            Box::new(|g, ins, _, _| vec![Some(g.to_shape(ins[0].raw_dim()).expect("same size").to_owned())]),
        )
    }

    /// a + b with broadcasting (e.g. B × O plus a bias of O).
    /// Backward: g, summed back to each operand's shape.
    ///
    /// # Shapes
    /// self and b broadcast together (NumPy's rules); the result has the broadcast shape.
    ///
    /// # Panics
    /// If the shapes cannot be broadcast together.
    #[track_caller]
    pub fn add(&self, b: &Tensor) -> Tensor {
        check_broadcast("add", self, b);
        let value = broadcast_with(&self.node().value, &b.node().value, |x, y| x + y);
        Tensor::from_op(
            "add",
            value,
            vec![self.clone(), b.clone()],
            Box::new(|g, ins, _, needs| {
                vec![needs[0].then(|| unbroadcast(g, ins[0].shape())), needs[1].then(|| unbroadcast(g, ins[1].shape()))]
            }),
        )
    }

    /// a − b with broadcasting. Backward: g and −g, summed back to each shape.
    ///
    /// # Shapes
    /// self and b broadcast together (NumPy's rules); the result has the broadcast shape.
    ///
    /// # Panics
    /// If the shapes cannot be broadcast together.
    #[track_caller]
    pub fn sub(&self, b: &Tensor) -> Tensor {
        check_broadcast("sub", self, b);
        let value = broadcast_with(&self.node().value, &b.node().value, |x, y| x - y);
        Tensor::from_op(
            "sub",
            value,
            vec![self.clone(), b.clone()],
            Box::new(|g, ins, _, needs| {
                vec![
                    needs[0].then(|| unbroadcast(g, ins[0].shape())),
                    needs[1].then(|| unbroadcast(&-g, ins[1].shape())),
                ]
            }),
        )
    }

    /// Element-wise a ⊙ b with broadcasting. Backward: g ⊙ b and g ⊙ a.
    ///
    /// # Shapes
    /// self and b broadcast together (NumPy's rules); the result has the broadcast shape.
    ///
    /// # Panics
    /// If the shapes cannot be broadcast together.
    #[track_caller]
    pub fn mul(&self, b: &Tensor) -> Tensor {
        check_broadcast("mul", self, b);
        let value = broadcast_with(&self.node().value, &b.node().value, |x, y| x * y);
        Tensor::from_op(
            "mul",
            value,
            vec![self.clone(), b.clone()],
            Box::new(|g, ins, _, needs| {
                vec![
                    needs[0].then(|| unbroadcast(&broadcast_with(g, ins[1], |g, b| g * b), ins[0].shape())),
                    needs[1].then(|| unbroadcast(&broadcast_with(g, ins[0], |g, a| g * a), ins[1].shape())),
                ]
            }),
        )
    }
}
