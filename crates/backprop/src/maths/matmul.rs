//! The matrix product C = A·B, which every layer of both paths calls.
//!
//! Shape legend: A is M × K, B is K × N, C is M × N, and
//! C[i][j] = Σₚ A[i][p]·B[p][j].
//!
//! Two ways to compute it, chosen by shape:
//! - **Tiny products and products with a vector** (M, K or N equal to 1, as in
//!   a network with one output) are plain loops. A general matrix library costs
//!   more than this work itself: it copies both operands into blocks and
//!   allocates a buffer on every call.
//! - **Everything else** goes to ndarray's `dot` (the `matrixmultiply` crate,
//!   with threads for large products), whose blocked kernels use the
//!   processor's vector instructions and keep its caches busy.
//!
//! The criterion bench `products/…` times both ways on the lessons' shapes.

use ndarray::{Array2, ArrayView2};

/// Up to this many multiply-adds (M·K·N), a product is computed by plain loops.
pub const SMALL_PRODUCT: usize = 512;

/// Whether [`matmul`] computes an M × K by K × N product with its own loops
/// (tiny, or one of the sizes is 1) rather than with `matrixmultiply`.
pub fn by_loops(m: usize, k: usize, n: usize) -> bool {
    m.saturating_mul(k).saturating_mul(n) <= SMALL_PRODUCT || m.min(k).min(n) == 1
}

/// C = A·B for matrices of any layout (a transposed view such as `w.t()` is fine).
///
/// # Shapes
/// a: M × K, b: K × N; returns M × N.
///
/// # Panics
/// If a's columns differ from b's rows (the message names both shapes).
///
/// ```
/// use backprop::{matmul, ndarray::array};
/// let c = matmul(array![[1.0, 2.0], [3.0, 4.0]].view(), array![[5.0], [6.0]].view());
/// assert_eq!(c, array![[17.0], [39.0]]);
/// ```
#[track_caller]
pub fn matmul(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    check_shapes("matmul", &a, &b);
    let (m, k, n) = (a.nrows(), a.ncols(), b.ncols());
    if by_loops(m, k, n) {
        matmul_loops(a, b)
    } else {
        a.dot(&b)
    }
}

#[track_caller]
fn check_shapes(op: &str, a: &ArrayView2<'_, f64>, b: &ArrayView2<'_, f64>) {
    assert!(
        a.ncols() == b.nrows(),
        "{op}: cannot multiply shapes {:?} and {:?}; the first needs as many columns as the second has rows",
        a.shape(),
        b.shape()
    );
}

/// C = A·B by plain loops, the way [`matmul`] computes tiny products and
/// products with a vector (public so that the benchmarks can time it on every shape).
/// Two ways through the same sums (they may round differently in the last bit):
/// - N ≥ 8: row i of C collects A\[i\]\[p\] times row p of B, for every p, a loop
///   along a row of C that the compiler turns into vector instructions;
/// - narrower C: each C\[i\]\[j\] is the dot product of row i of A with column j of
///   B, both made contiguous first (a copy of a few numbers when they are not).
///
/// # Shapes
/// a: M × K, b: K × N; returns M × N.
///
/// # Panics
/// If a's columns differ from b's rows (the message names both shapes).
#[track_caller]
pub fn matmul_loops(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    check_shapes("matmul_loops", &a, &b);
    let (m, n) = (a.nrows(), b.ncols());
    let mut c = Array2::zeros((m, n));
    if n == 0 || m == 0 {
        return c;
    }
    let c_rows = c.as_slice_mut().expect("a new array is contiguous");
    if n >= 8 {
        let b = b.as_standard_layout(); // borrowed when B is row-major already
        let b_rows = b.as_slice().expect("standard layout is contiguous");
        for (c_row, a_row) in c_rows.chunks_exact_mut(n).zip(a.rows()) {
            for (&a_ip, b_row) in a_row.iter().zip(b_rows.chunks_exact(n)) {
                c_row.iter_mut().zip(b_row).for_each(|(c, &b)| *c += a_ip * b);
            }
        }
    } else {
        let b_t = b.t();
        let (a, b_cols) = (a.as_standard_layout(), b_t.as_standard_layout());
        let k = a.ncols().max(1);
        let (a_rows, b_cols) = (a.as_slice().expect("contiguous"), b_cols.as_slice().expect("contiguous"));
        for (c_row, a_row) in c_rows.chunks_exact_mut(n).zip(a_rows.chunks_exact(k)) {
            for (c, b_col) in c_row.iter_mut().zip(b_cols.chunks_exact(k)) {
                *c = dot(a_row, b_col);
            }
        }
    }
    c
}

/// Σᵢ x[i]·y[i], four running sums at a time (so the processor can add them in parallel).
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let (x4, y4) = (x.chunks_exact(4), y.chunks_exact(4));
    let tail: f64 = x4.remainder().iter().zip(y4.remainder()).map(|(a, b)| a * b).sum();
    let mut sums = [0.0; 4];
    for (x, y) in x4.zip(y4) {
        for j in 0..4 {
            sums[j] += x[j] * y[j];
        }
    }
    (sums[0] + sums[1]) + (sums[2] + sums[3]) + tail
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::{randn, rng};
    use ndarray::array;

    #[test]
    fn hand_checkable_product() {
        let a = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
        let b = array![[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]];
        assert_eq!(matmul(a.view(), b.view()), array![[4.0, 5.0], [10.0, 11.0]]);
    }

    #[test]
    fn every_layout_and_size_agrees_with_ndarray() {
        let mut r = rng(5);
        for (m, k, n) in [(1, 1, 1), (4, 2, 3), (64, 10, 5), (5, 64, 1), (33, 40, 30), (0, 3, 2), (3, 0, 2)] {
            let (a, b) = (randn(&mut r, m, k), randn(&mut r, k, n));
            let (at, bt) = (a.t().to_owned(), b.t().to_owned());
            let expected = a.dot(&b);
            let by_matmul = [matmul(a.view(), b.view()), matmul(at.t(), b.view()), matmul(a.view(), bt.t())];
            let by_loops = [matmul_loops(a.view(), b.view()), matmul_loops(at.t(), bt.t())];
            for c in by_matmul.into_iter().chain(by_loops) {
                let worst = (&c - &expected).iter().fold(0.0_f64, |w, d| w.max(d.abs()));
                assert!(worst < 1e-12, "{m}×{k}·{k}×{n}: largest difference {worst:e}");
            }
        }
    }

    #[test]
    #[should_panic(expected = "matmul_loops: cannot multiply shapes [3, 2] and [3, 2]")]
    fn mismatched_shapes_are_named_by_the_loops_too() {
        matmul_loops(Array2::zeros((3, 2)).view(), Array2::zeros((3, 2)).view());
    }

    #[test]
    #[should_panic(expected = "matmul: cannot multiply shapes [2, 3] and [2, 3]")]
    fn mismatched_shapes_are_named() {
        matmul(Array2::zeros((2, 3)).view(), Array2::zeros((2, 3)).view());
    }
}
