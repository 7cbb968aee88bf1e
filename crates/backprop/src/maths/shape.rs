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
