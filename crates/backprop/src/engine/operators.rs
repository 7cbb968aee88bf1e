//! Arithmetic operators on tensors, so a formula reads as it is written:
//! `(&w * &x + &b - &y).square().sum() * 0.5`. Each calls the method of the
//! same name (`add`, `sub`, `mul`, `scale`), which records its chain rule.

use super::tensor::Tensor;

/// `&a + &b`, `a - b`, `&a * &b`: the operators call the methods of the same
/// name, so a loss reads like its formula: `(&w * &x + &b - &y).square().sum()`.
macro_rules! binary_operator {
    ($trait:ident, $method:ident, $op:ident) => {
        impl std::ops::$trait<&Tensor> for &Tensor {
            type Output = Tensor;
            #[track_caller]
            fn $method(self, rhs: &Tensor) -> Tensor {
                self.$op(rhs)
            }
        }
        impl std::ops::$trait<Tensor> for Tensor {
            type Output = Tensor;
            #[track_caller]
            fn $method(self, rhs: Tensor) -> Tensor {
                (&self).$op(&rhs)
            }
        }
        impl std::ops::$trait<&Tensor> for Tensor {
            type Output = Tensor;
            #[track_caller]
            fn $method(self, rhs: &Tensor) -> Tensor {
                (&self).$op(rhs)
            }
        }
        impl std::ops::$trait<Tensor> for &Tensor {
            type Output = Tensor;
            #[track_caller]
            fn $method(self, rhs: Tensor) -> Tensor {
                self.$op(&rhs)
            }
        }
    };
}
binary_operator!(Add, add, add);
binary_operator!(Sub, sub, sub);
binary_operator!(Mul, mul, mul);

impl std::ops::Mul<f64> for &Tensor {
    type Output = Tensor;
    /// x·c for a number c (the same as [`Tensor::scale`]).
    fn mul(self, c: f64) -> Tensor {
        self.scale(c)
    }
}

impl std::ops::Mul<f64> for Tensor {
    type Output = Tensor;
    /// x·c for a number c (the same as [`Tensor::scale`]).
    fn mul(self, c: f64) -> Tensor {
        self.scale(c)
    }
}

impl std::ops::Mul<&Tensor> for f64 {
    type Output = Tensor;
    /// c·x for a number c (the same as [`Tensor::scale`]).
    fn mul(self, x: &Tensor) -> Tensor {
        x.scale(self)
    }
}

impl std::ops::Neg for &Tensor {
    type Output = Tensor;
    /// −x.
    fn neg(self) -> Tensor {
        self.scale(-1.0)
    }
}
