//! Checks that stop a bad input with a message naming the operation and what
//! is wrong: shapes (both of them, for a mismatch), learning rates, sizes.

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

/// Panics unless `lr` is a learning rate gradient descent can use: a finite
/// number above 0 (PyTorch's SGD refuses a negative one too).
///
/// # Panics
/// When `lr` is NaN, infinite, 0 or negative, with a message such as
/// `Neuron::step: the learning rate lr is -0.1, but it must be a finite number above 0 (…)`.
#[track_caller]
pub(crate) fn check_lr(op: &str, lr: f64) {
    if lr.is_finite() && lr > 0.0 {
        return;
    }
    let why = if !lr.is_finite() {
        "NaN or infinity turns every weight into NaN"
    } else if lr == 0.0 {
        "with lr = 0 no weight ever moves"
    } else {
        "a negative lr climbs the loss instead of descending it"
    };
    panic!("{op}: the learning rate lr is {lr}, but it must be a finite number above 0 ({why})");
}

/// The number of elements of an array of shape `dims`, after checking that
/// such an array can exist at all.
///
/// # Panics
/// If the product of `dims` (its non-zero ones, as ndarray counts) takes more
/// bytes than memory's address range holds, with a message naming `op`,
/// `what` and the shape.
#[track_caller]
pub(crate) fn element_count(op: &str, what: &str, dims: &[usize]) -> usize {
    let nonzero = dims.iter().try_fold(1usize, |n, &d| n.checked_mul(d.max(1)));
    if nonzero.and_then(|n| n.checked_mul(8)).is_none_or(|bytes| bytes > isize::MAX as usize) {
        panic!("{op}: {what} of shape {dims:?} would have more numbers than a computer can address");
    }
    dims.iter().product()
}

/// An empty list with room for `n` items, or a clear refusal when the memory
/// cannot be had (instead of the process aborting).
///
/// # Panics
/// If `n` items of `T` cannot be allocated, naming `op` and `what`.
#[track_caller]
pub(crate) fn room_for<T>(op: &str, what: &str, n: usize) -> Vec<T> {
    let mut v = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        let gb = n as f64 * std::mem::size_of::<T>() as f64 / 1e9;
        panic!("{op}: {what} ({n} items, {gb:.3e} GB) does not fit in the memory available");
    }
    v
}

/// A rows × cols matrix filled row by row from `f`, refused with a message
/// naming `op` (instead of an abort) when it cannot fit in memory.
///
/// # Panics
/// As [`element_count`] and [`room_for`].
#[track_caller]
pub(crate) fn matrix_of(
    op: &str,
    what: &str,
    (rows, cols): (usize, usize),
    mut f: impl FnMut(usize, usize) -> f64,
) -> ndarray::Array2<f64> {
    let n = element_count(op, what, &[rows, cols]);
    let mut values = room_for(op, what, n);
    values.extend((0..n).map(|k| f(k / cols.max(1), k % cols.max(1))));
    ndarray::Array2::from_shape_vec((rows, cols), values).expect("rows × cols values")
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
    assert!(z.ncols() == row.len(), "with_each_row: a row of {} for {} columns", row.len(), z.ncols());
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
/// otherwise. Never broadcasts: a gradient of another shape is refused, not
/// spread over its parameter.
///
/// # Panics
/// If the shapes differ, naming `op`, `a_name` and `b_name` with both shapes.
#[track_caller]
pub(crate) fn zip_assign<S: ndarray::DataMut<Elem = f64>, D: ndarray::Dimension>(
    (op, a_name, b_name): (&str, &str, &str),
    a: &mut ndarray::ArrayBase<S, D>,
    b: &ndarray::Array<f64, D>,
    f: impl Fn(f64, f64) -> f64,
) {
    assert_same_shape(op, a_name, a.shape(), b_name, b.shape());
    if a.is_standard_layout() && b.is_standard_layout() {
        let (a, b) = (a.as_slice_mut().expect("standard layout"), b.as_slice().expect("standard layout"));
        a.iter_mut().zip(b).for_each(|(x, &y)| *x = f(*x, y));
    } else {
        a.zip_mut_with(b, |x, &y| *x = f(*x, y));
    }
}
