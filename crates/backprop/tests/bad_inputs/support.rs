//! What every property test here shares: a way to run a call and keep its
//! panic message, strategies for bad numbers and shapes, and the one
//! assertion: the right value, NaN carried through, or a panic in the crate's
//! own words that names the function.

use ndarray::{Array1, Array2};
use proptest::prelude::*;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many `outcome` calls this thread is inside (their panics are expected, so not printed).
    static CATCHING: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` and returns its value, or the text of its panic. The panic is
/// not printed; any other panic (a failing assertion of the test itself) is.
pub fn outcome<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) == 0 {
                default(info);
            }
        }));
    });
    CATCHING.with(|c| c.set(c.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(c.get() - 1));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(a panic without a message)".into())
    })
}

/// Words that only a message from ndarray, std, rand or plotters contains: none
/// of them may reach a learner from a public call.
const FOREIGN: &[&str] = &[
    "ndarray",
    "index out of bounds",
    "attempt to",
    "assertion `left",
    "assertion failed",
    "called `Option::unwrap()`",
    "called `Result::unwrap()`",
    "capacity overflow",
    "range end index",
    "range start index",
    "cannot sample empty range",
    "ShapeError",
    "memory allocation",
];

/// Asserts that `message` is the crate's own: it starts with `op` (the function
/// the learner called, or the one it names) and holds no foreign wording.
#[track_caller]
pub fn assert_own(message: &str, op: &str) {
    assert!(message.starts_with(op), "the message must name `{op}` first: {message:?}");
    for word in FOREIGN {
        assert!(!message.contains(word), "the message of `{op}` holds foreign wording `{word}`: {message:?}");
    }
}

/// Asserts that `result` is a panic in the crate's words that names `op` and
/// mentions each of `parts` (shapes, values).
#[track_caller]
pub fn refused<T: std::fmt::Debug>(result: Result<T, String>, op: &str, parts: &[&str]) {
    match result {
        Ok(v) => panic!("`{op}` should have refused its input, but returned {v:?}"),
        Err(message) => {
            assert_own(&message, op);
            for part in parts {
                assert!(message.contains(part), "the message of `{op}` must mention {part:?}: {message:?}");
            }
        }
    }
}

/// When `valid`, the call must return a value, which `check` then examines;
/// otherwise it must panic in the crate's words, naming `op`.
#[track_caller]
pub fn expect<T: std::fmt::Debug>(result: Result<T, String>, valid: bool, op: &str, check: impl FnOnce(T)) {
    match (valid, result) {
        (true, Ok(v)) => check(v),
        (true, Err(message)) => panic!("`{op}` refused a valid input: {message}"),
        (false, result) => refused(result, op, &[]),
    }
}

/// Either a value, which `check` examines, or a panic in the crate's words
/// naming `op` (for calls whose validity depends on numbers computed inside,
/// such as a gradient check that nudges a prediction out of BCE's range).
#[track_caller]
pub fn value_or_refused<T: std::fmt::Debug>(result: Result<T, String>, op: &str, check: impl FnOnce(T)) {
    match result {
        Ok(v) => check(v),
        Err(message) => assert_own(&message, op),
    }
}

/// Two numbers agree: both NaN, the same infinity, or within a relative 1e-9.
pub fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

/// Asserts that two lists of numbers agree element by element (see [`same`]).
#[track_caller]
pub fn assert_same<'a>(what: &str, got: impl IntoIterator<Item = &'a f64>, want: impl IntoIterator<Item = &'a f64>) {
    let (got, want): (Vec<f64>, Vec<f64>) = (got.into_iter().copied().collect(), want.into_iter().copied().collect());
    assert_eq!(got.len(), want.len(), "{what}: {} values, expected {}", got.len(), want.len());
    let bad: Vec<_> = got.iter().zip(&want).enumerate().filter(|(_, (g, w))| !same(**g, **w)).take(3).collect();
    assert!(bad.is_empty(), "{what}: first mismatches (index, (got, expected)): {bad:?}");
}

/// Any number a learner might type, bad ones included: NaN, ±∞, ±0, tiny,
/// huge, negative and ordinary values.
pub fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => -10.0..10.0f64,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(0.0),
        1 => Just(-0.0),
        1 => Just(1e300),
        1 => Just(-1e300),
        1 => Just(f64::MIN_POSITIVE),
        1 => Just(-3.0),
    ]
}

/// A learning rate: good ones and every kind of bad one.
pub fn rate() -> impl Strategy<Value = f64> {
    prop_oneof![3 => 0.001..2.0f64, 1 => number()]
}

/// Whether a learning rate is one the crate takes: finite and above 0.
pub fn good_rate(lr: f64) -> bool {
    lr.is_finite() && lr > 0.0
}

/// A size or count: mostly small (0 included), sometimes absurdly large.
pub fn size() -> impl Strategy<Value = usize> {
    prop_oneof![8 => 0..5usize, 1 => Just(usize::MAX), 1 => Just(1usize << 40), 1 => Just(1usize << 62)]
}

/// Whether an array of shape `dims` can be made here: ndarray needs the
/// product of its non-zero lengths to fit in memory's address range, and the
/// memory for all of its numbers must exist (no test asks for more than a
/// few, or else for terabytes).
pub fn can_exist(dims: &[usize]) -> bool {
    let nonzero = dims.iter().try_fold(8usize, |n, &d| n.checked_mul(d.max(1)));
    let total = dims.iter().try_fold(1usize, |n, &d| n.checked_mul(d));
    nonzero.is_some_and(|b| b <= isize::MAX as usize) && total.is_some_and(|n| n < 1 << 30)
}

/// A small dimension, 0 included.
pub fn dim() -> impl Strategy<Value = usize> {
    0..4usize
}

/// A rows × cols matrix of numbers from `number()` (NaN, ∞, … included).
pub fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = Array2<f64>> {
    proptest::collection::vec(number(), rows * cols)
        .prop_map(move |v| Array2::from_shape_vec((rows, cols), v).expect("rows × cols numbers"))
}

/// A matrix of any small shape (0 rows or columns included) and any numbers.
pub fn any_matrix() -> impl Strategy<Value = Array2<f64>> {
    (dim(), dim()).prop_flat_map(|(r, c)| matrix(r, c))
}

/// A vector of `n` numbers from `number()`.
pub fn vector(n: usize) -> impl Strategy<Value = Array1<f64>> {
    proptest::collection::vec(number(), n).prop_map(Array1::from)
}

/// A vector of any small length (0 included) and any numbers.
pub fn any_vector() -> impl Strategy<Value = Array1<f64>> {
    dim().prop_flat_map(vector)
}

/// The naive product of two matrices (the oracle of every matrix product here).
pub fn naive_product(a: &Array2<f64>, b: &Array2<f64>) -> Array2<f64> {
    Array2::from_shape_fn((a.nrows(), b.ncols()), |(i, j)| (0..a.ncols()).map(|p| a[[i, p]] * b[[p, j]]).sum())
}

/// How many cases each property test tries (the shrinking of a failure comes
/// on top): 48, or `PROPTEST_CASES` when set (`PROPTEST_CASES=5000` for a long hunt).
pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
}
