//! A seeded train/test split that keeps every class in the same proportion.

use crate::maths::ChaCha8Rng;
use ndarray::{Array2, Axis};
use rand::seq::SliceRandom;

/// Splits the sample indices 0..N into (train, test), taking `test_fraction`
/// of each class for the test set (rounded), after a seeded shuffle. Each part
/// is sorted, so the split does not depend on the order of the classes.
///
/// # Shapes
/// labels: N; the two index lists together hold 0..N once each.
///
/// # Panics
/// If `test_fraction` is not between 0 and 1.
#[track_caller]
pub fn stratified_split(labels: &[usize], test_fraction: f64, rng: &mut ChaCha8Rng) -> (Vec<usize>, Vec<usize>) {
    assert!(
        (0.0..=1.0).contains(&test_fraction),
        "stratified_split: test_fraction is {test_fraction}, but must be between 0 and 1"
    );
    // The classes present, smallest first, each with its samples in order.
    let mut by_class: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, &label) in labels.iter().enumerate() {
        by_class.entry(label).or_default().push(i);
    }
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for mut members in by_class.into_values() {
        members.shuffle(rng);
        let n_test = (members.len() as f64 * test_fraction).round() as usize;
        test.extend_from_slice(&members[..n_test]);
        train.extend_from_slice(&members[n_test..]);
    }
    train.sort_unstable();
    test.sort_unstable();
    (train, test)
}

/// The rows of `x` at `indices`, in that order.
///
/// # Shapes
/// x: N × F; returns indices.len() × F.
///
/// # Panics
/// If an index is not below N.
#[track_caller]
pub fn select_rows(x: &Array2<f64>, indices: &[usize]) -> Array2<f64> {
    if let Some(&bad) = indices.iter().find(|&&i| i >= x.nrows()) {
        panic!("select_rows: row {bad} does not exist in an array of shape {:?}", x.shape());
    }
    x.select(Axis(0), indices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::rng;

    #[test]
    fn each_class_keeps_its_share_and_no_sample_is_lost() {
        let labels: Vec<usize> = (0..100).map(|i| i % 4).collect();
        let (train, test) = stratified_split(&labels, 0.2, &mut rng(0));
        assert_eq!((train.len(), test.len()), (80, 20));
        for c in 0..4 {
            assert_eq!(test.iter().filter(|&&i| labels[i] == c).count(), 5);
        }
        let mut all: Vec<usize> = train.iter().chain(&test).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..100).collect::<Vec<_>>());
        assert_ne!(stratified_split(&labels, 0.2, &mut rng(1)).1, test, "another seed, another split");
    }
}
