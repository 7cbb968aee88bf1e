//! Scoring a classifier: the predicted class of each sample, the accuracy,
//! and the confusion matrix.

use ndarray::{Array2, ArrayBase, Data, Ix2};

/// The predicted class of each row: the index of its largest logit (or
/// probability; softmax does not change which is largest).
///
/// # Shapes
/// logits: B × C; returns B classes, each below C.
pub fn predicted_classes<S: Data<Elem = f64>>(logits: &ArrayBase<S, Ix2>) -> Vec<usize> {
    logits
        .rows()
        .into_iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .fold((0, f64::NEG_INFINITY), |best, (k, &v)| if v > best.1 { (k, v) } else { best })
                .0
        })
        .collect()
}

/// The mean cross-entropy and the accuracy of `logits` against `labels`:
/// how a classifier is scored on a whole data set.
///
/// # Shapes
/// logits: B × C; labels: B.
///
/// # Panics
/// As [`crate::maths::cross_entropy`].
#[track_caller]
pub fn score(logits: &ndarray::Array2<f64>, labels: &[usize]) -> (f64, f64) {
    (crate::maths::cross_entropy(logits, labels), class_accuracy(labels, &predicted_classes(logits)))
}

/// The fraction of samples whose predicted class is the true one.
///
/// # Panics
/// If the two lists have different lengths or are empty.
#[track_caller]
pub fn class_accuracy(labels: &[usize], predicted: &[usize]) -> f64 {
    assert!(
        labels.len() == predicted.len() && !labels.is_empty(),
        "class_accuracy: {} labels and {} predictions; need the same number, at least one",
        labels.len(),
        predicted.len()
    );
    labels.iter().zip(predicted).filter(|(a, b)| a == b).count() as f64 / labels.len() as f64
}

/// Counts of (true class, predicted class) pairs: row = the true class,
/// column = the prediction, so the diagonal holds the correct answers.
///
/// # Shapes
/// counts: C × C.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfusionMatrix {
    /// counts[[t, p]]: how many samples of class t were predicted as p.
    pub counts: Array2<usize>,
}

impl ConfusionMatrix {
    /// Tallies the pairs.
    ///
    /// # Panics
    /// If the lists differ in length, or a class is not below `classes`.
    #[track_caller]
    pub fn new(labels: &[usize], predicted: &[usize], classes: usize) -> Self {
        assert_eq!(
            labels.len(),
            predicted.len(),
            "ConfusionMatrix::new: {} labels but {} predictions",
            labels.len(),
            predicted.len()
        );
        let mut counts = Array2::zeros((classes, classes));
        for (&t, &p) in labels.iter().zip(predicted) {
            assert!(t < classes && p < classes, "ConfusionMatrix::new: class {} is not below {classes}", t.max(p));
            counts[[t, p]] += 1;
        }
        ConfusionMatrix { counts }
    }

    /// The fraction on the diagonal: the accuracy.
    pub fn accuracy(&self) -> f64 {
        let total: usize = self.counts.sum();
        (0..self.counts.nrows()).map(|k| self.counts[[k, k]]).sum::<usize>() as f64 / total.max(1) as f64
    }

    /// The most frequent mistakes, largest first: (true class, predicted class, count).
    pub fn top_confusions(&self, n: usize) -> Vec<(usize, usize, usize)> {
        let mut off: Vec<(usize, usize, usize)> =
            self.counts.indexed_iter().filter(|((t, p), &c)| t != p && c > 0).map(|((t, p), &c)| (t, p, c)).collect();
        off.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        off.truncate(n);
        off
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn counts_and_accuracy_by_hand() {
        assert_eq!(predicted_classes(&array![[0.1, 2.0, -1.0], [3.0, 0.0, 0.0]]), vec![1, 0]);
        let m = ConfusionMatrix::new(&[0, 0, 1, 2, 2], &[0, 1, 1, 2, 0], 3);
        assert_eq!(m.counts, array![[1, 1, 0], [0, 1, 0], [1, 0, 1]]);
        assert_eq!(m.accuracy(), 0.6);
        assert_eq!(class_accuracy(&[0, 0, 1, 2, 2], &[0, 1, 1, 2, 0]), 0.6);
        assert_eq!(m.top_confusions(5), vec![(0, 1, 1), (2, 0, 1)]);
    }
}
