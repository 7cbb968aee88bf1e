//! Operations on one tensor: element-wise functions, scaling, powers and
//! reductions. Each computes its value and records its own chain rule.
//!
//! `g` is dL/dout; for an element-wise op the local derivative is applied
//! element by element, dL/dx = g ⊙ f′(x).

use super::tensor::Tensor;
use crate::maths::{relu, relu_derivative, sigmoid, Activation};
use ndarray::ArrayD;

fn elementwise(x: &Tensor, op: &'static str, f: impl Fn(f64) -> f64, df: impl Fn(f64, f64) -> f64 + 'static) -> Tensor {
    let value = x.node().value.mapv(f);
    // df(input, output) is d out / d input at one element.
    Tensor::from_op(
        op,
        value,
        vec![x.clone()],
        Box::new(move |g, ins, out, _| {
            // dL/dx = g ⊙ f′(x), in one pass over the three arrays.
            let mut dx = g.to_owned();
            match (dx.as_slice_mut(), ins[0].as_slice(), out.as_slice()) {
                (Some(d), Some(x), Some(y)) => d.iter_mut().zip(x).zip(y).for_each(|((d, &i), &o)| *d *= df(i, o)),
                _ => ndarray::Zip::from(&mut dx).and(ins[0]).and(out).for_each(|d, &i, &o| *d *= df(i, o)),
            }
            vec![Some(dx)]
        }),
    )
}

impl Tensor {
    /// c·x for a number c. Backward: c·g.
    ///
    /// # Shapes
    /// any; the result has the input's shape.
    pub fn scale(&self, c: f64) -> Tensor {
        Tensor::from_op("scale", self.value() * c, vec![self.clone()], Box::new(move |g, _, _, _| vec![Some(g * c)]))
    }

    /// x^p element-wise. Backward: p·x^(p−1)·g.
    ///
    /// # Shapes
    /// any; the result has the input's shape.
    pub fn powf(&self, p: f64) -> Tensor {
        Tensor::from_op(
            "pow",
            self.value().mapv(|v| v.powf(p)),
            vec![self.clone()],
            Box::new(move |g, ins, _, _| vec![Some(g * &ins[0].mapv(|v| p * v.powf(p - 1.0)))]),
        )
    }

    /// x² element-wise. Backward: 2x·g.
    ///
    /// # Shapes
    /// any; the result has the input's shape.
    pub fn square(&self) -> Tensor {
        elementwise(self, "square", |v| v * v, |x, _| 2.0 * x)
    }

    /// Sum of every element, a scalar. Backward: g copied to every element.
    ///
    /// # Shapes
    /// any input; the result is a number (0-dimensional).
    pub fn sum(&self) -> Tensor {
        let value = ndarray::arr0(self.value().sum()).into_dyn();
        Tensor::from_op(
            "sum",
            value,
            vec![self.clone()],
            Box::new(|g, ins, _, _| vec![Some(ArrayD::from_elem(ins[0].raw_dim(), g.sum()))]),
        )
    }

    /// Mean of every element (N of them), a scalar. Backward: g/N at every element.
    ///
    /// # Shapes
    /// any input; the result is a number (0-dimensional).
    pub fn mean(&self) -> Tensor {
        let v = self.value();
        let n = v.len() as f64;
        let value = ndarray::arr0(v.sum() / n).into_dyn();
        Tensor::from_op(
            "mean",
            value,
            vec![self.clone()],
            Box::new(move |g, ins, _, _| vec![Some(ArrayD::from_elem(ins[0].raw_dim(), g.sum() / n))]),
        )
    }

    /// ReLU element-wise. Backward: g where x > 0, else 0.
    ///
    /// # Shapes
    /// any; the result has the input's shape.
    pub fn relu(&self) -> Tensor {
        elementwise(self, "relu", relu, |x, _| relu_derivative(x))
    }

    /// σ(x) element-wise. Backward: σ(x)(1 − σ(x))·g, using the stored output.
    ///
    /// # Shapes
    /// any; the result has the input's shape.
    pub fn sigmoid(&self) -> Tensor {
        elementwise(self, "sigmoid", sigmoid, |_, a| a * (1.0 - a))
    }

    /// tanh(x) element-wise. Backward: (1 − tanh²)·g, using the stored output.
    ///
    /// # Shapes
    /// any; the result has the input's shape.
    pub fn tanh(&self) -> Tensor {
        elementwise(self, "tanh", f64::tanh, |_, a| 1.0 - a * a)
    }

    /// e^x element-wise. Backward: e^x·g.
    ///
    /// # Shapes
    /// any; the result has the input's shape.
    pub fn exp(&self) -> Tensor {
        elementwise(self, "exp", f64::exp, |_, e| e)
    }

    /// ln x element-wise. Backward: g / x.
    ///
    /// # Shapes
    /// any; the result has the input's shape.
    pub fn log(&self) -> Tensor {
        elementwise(self, "log", f64::ln, |x, _| 1.0 / x)
    }

    /// The activation `act` applied element-wise, as the engine op of the same name
    /// (`Identity` returns the tensor itself).
    ///
    /// # Shapes
    /// any; the result has the input's shape.
    pub fn activate(&self, act: Activation) -> Tensor {
        match act {
            Activation::Identity => self.clone(),
            Activation::Sigmoid => self.sigmoid(),
            Activation::Relu => self.relu(),
            Activation::Tanh => self.tanh(),
        }
    }

    /// −x. Backward: −g.
    ///
    /// # Shapes
    /// any; the result has the input's shape.
    pub fn neg(&self) -> Tensor {
        self.scale(-1.0)
    }
}
