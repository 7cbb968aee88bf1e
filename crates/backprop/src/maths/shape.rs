//! Shape checks that stop with a message naming the operation and both shapes.

/// Panics unless two shapes are equal, naming the operation and both operands.
///
/// # Panics
/// When `a_shape != b_shape`, with a message such as
/// `MseLoss::forward: pred has shape [2, 1] but target has shape [1, 2]`.
#[track_caller]
pub fn assert_same_shape(op: &str, a_name: &str, a_shape: &[usize], b_name: &str, b_shape: &[usize]) {
    assert!(
        a_shape == b_shape,
        "{op}: {a_name} has shape {a_shape:?} but {b_name} has shape {b_shape:?}; they must be equal"
    );
}

/// Panics unless `got == expected`, for a single dimension such as a feature count.
///
/// # Panics
/// When the sizes differ, with a message naming `op`, what was expected and both shapes.
#[track_caller]
pub fn assert_dim(op: &str, what: &str, got: usize, expected: usize, got_shape: &[usize], expected_shape: &[usize]) {
    assert!(
        got == expected,
        "{op}: {what} is {got} but must be {expected} (input shape {got_shape:?}, expected shape {expected_shape:?})"
    );
}

/// z[i][j] = f(z[i][j], row[j]) for every row i: a bias (or any row of O
/// numbers) combined with every row of a batch (B × O), as NumPy broadcasts it,
/// one contiguous row at a time.
///
/// # Panics
/// If `row` does not have one entry per column of `z`.
#[track_caller]
pub(crate) fn with_each_row<S: ndarray::DataMut<Elem = f64>>(
    z: &mut ndarray::ArrayBase<S, ndarray::Ix2>,
    row: &ndarray::ArrayView1<'_, f64>,
    f: impl Fn(f64, f64) -> f64,
) {
    assert_eq!(z.ncols(), row.len(), "with_each_row: a row of {} for {} columns", row.len(), z.ncols());
    let row = row.as_slice().map_or_else(|| std::borrow::Cow::Owned(row.to_vec()), std::borrow::Cow::Borrowed);
    match z.as_slice_mut() {
        Some(flat) if row.len() == 1 => flat.iter_mut().for_each(|v| *v = f(*v, row[0])), // one column
        Some(flat) => flat.chunks_exact_mut(row.len().max(1)).for_each(|r| {
            r.iter_mut().zip(row.iter()).for_each(|(v, &b)| *v = f(*v, b));
        }),
        None => {
            z.rows_mut().into_iter().for_each(|mut r| r.iter_mut().zip(row.iter()).for_each(|(v, &b)| *v = f(*v, b)))
        }
    }
}

/// The sum of each column of a batch (B × O gives O numbers): Σ over the
/// batch, as a bias gradient needs. One pass over contiguous rows.
pub(crate) fn column_sums<S: ndarray::Data<Elem = f64>>(
    a: &ndarray::ArrayBase<S, ndarray::Ix2>,
) -> ndarray::Array1<f64> {
    let mut sums = vec![0.0; a.ncols()];
    match a.as_slice() {
        Some(flat) if a.ncols() == 1 => sums[0] = flat.iter().sum(), // one column: its plain sum
        Some(flat) if a.ncols() > 0 => flat.chunks_exact(a.ncols()).for_each(|r| {
            sums.iter_mut().zip(r).for_each(|(s, &v)| *s += v);
        }),
        _ => a.rows().into_iter().for_each(|r| sums.iter_mut().zip(r).for_each(|(s, &v)| *s += v)),
    }
    ndarray::Array1::from(sums)
}

/// a[i] = f(a[i], b[i]) for every element of two arrays of one shape: a single
/// flat pass over their memory when both are contiguous (the usual case, and
/// free of ndarray's per-call work on dynamic dimensions), ndarray's `zip`
/// otherwise.
///
/// # Panics
/// If the shapes differ and b cannot be broadcast to a's shape (ndarray's message).
#[track_caller]
pub(crate) fn zip_assign<D: ndarray::Dimension>(
    a: &mut ndarray::Array<f64, D>,
    b: &ndarray::Array<f64, D>,
    f: impl Fn(f64, f64) -> f64,
) {
    if a.shape() == b.shape() && a.is_standard_layout() && b.is_standard_layout() {
        let (a, b) = (a.as_slice_mut().expect("standard layout"), b.as_slice().expect("standard layout"));
        a.iter_mut().zip(b).for_each(|(x, &y)| *x = f(*x, y));
    } else {
        a.zip_mut_with(b, |x, &y| *x = f(*x, y));
    }
}
