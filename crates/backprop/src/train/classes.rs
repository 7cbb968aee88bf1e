//! Scoring a classifier: the predicted class of each sample, the accuracy,
//! and the confusion matrix.

use ndarray::{Array2, ArrayBase, ArrayView1, Data, Ix2};

/// The predicted class of each row: the index of its largest logit (or
/// probability; softmax does not change which is largest). The first of equal
/// largest values wins, and a NaN counts as the largest, as in `torch.argmax`
/// (so [`score`] can tell that a row held NaN).
///
/// # Shapes
/// logits: B × C; returns B classes, each below C.
///
/// # Panics
/// If there are rows but no classes (C = 0).
#[track_caller]
pub fn predicted_classes<S: Data<Elem = f64>>(logits: &ArrayBase<S, Ix2>) -> Vec<usize> {
    assert!(
        logits.ncols() > 0 || logits.nrows() == 0,
        "predicted_classes: logits have shape {:?}; each row needs at least one class",
        logits.shape()
    );
    logits
        .rows()
        .into_iter()
        .map(|row| {
            let mut best = 0;
            for (k, &v) in row.iter().enumerate() {
                if v.is_nan() {
                    return k;
                }
                if v > row[best] {
                    best = k;
                }
            }
            best
        })
        .collect()
}

/// The mean cross-entropy and the accuracy of `logits` against `labels`:
/// how a classifier is scored on a whole data set. A NaN logit makes both NaN
/// (a diverged network has no accuracy).
///
/// # Shapes
/// logits: B × C; labels: B.
///
/// # Panics
/// As [`crate::maths::cross_entropy`].
#[track_caller]
pub fn score(logits: &ndarray::Array2<f64>, labels: &[usize]) -> (f64, f64) {
    let loss = crate::maths::cross_entropy(logits, labels);
    let accuracy = class_accuracy(labels, &predicted_classes(logits));
    (loss, if logits.iter().any(|v| v.is_nan()) { f64::NAN } else { accuracy })
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
    /// If the lists differ in length, a class is not below `classes`, or a
    /// `classes` × `classes` table does not fit in memory.
    #[track_caller]
    pub fn new(labels: &[usize], predicted: &[usize], classes: usize) -> Self {
        assert!(
            labels.len() == predicted.len(),
            "ConfusionMatrix::new: {} labels but {} predictions",
            labels.len(),
            predicted.len()
        );
        if let Some(c) = labels.iter().chain(predicted).find(|&&c| c >= classes) {
            panic!("ConfusionMatrix::new: class {c} is not below {classes}");
        }
        let n = crate::maths::shape::element_count("ConfusionMatrix::new", "the table", &[classes, classes]);
        let mut cells = crate::maths::shape::room_for("ConfusionMatrix::new", "the table", n);
        cells.resize(n, 0);
        let mut counts = Array2::from_shape_vec((classes, classes), cells).expect("classes × classes cells");
        for (&t, &p) in labels.iter().zip(predicted) {
            counts[[t, p]] += 1;
        }
        ConfusionMatrix { counts }
    }

    /// The fraction on the diagonal: the accuracy.
    ///
    /// # Panics
    /// If the matrix counts no sample (an accuracy of nothing), or is not square.
    #[track_caller]
    pub fn accuracy(&self) -> f64 {
        let total: usize = self.counts.sum();
        assert!(
            total > 0 && self.counts.is_square(),
            "ConfusionMatrix::accuracy: the matrix (shape {:?}) counts {total} samples; an accuracy needs a square \
             matrix and at least one sample",
            self.counts.shape()
        );
        (0..self.counts.nrows()).map(|k| self.counts[[k, k]]).sum::<usize>() as f64 / total as f64
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

/// The mean of each class's rows: row `c` is the average, column by column,
/// of the rows of `x` whose label is `c` (for images, the class's average
/// image, pixel by pixel).
///
/// # Shapes
/// x: N × D; labels: N; returns classes × D.
///
/// # Panics
/// If `labels` and the rows of `x` differ in number, a label is not below
/// `classes`, or a class has no rows (its mean would be 0/0; so also if
/// there are more classes than rows).
#[track_caller]
pub fn class_means(x: &Array2<f64>, labels: &[usize], classes: usize) -> Array2<f64> {
    assert!(
        x.nrows() == labels.len(),
        "class_means: {} rows but {} labels; need one label per row",
        x.nrows(),
        labels.len()
    );
    assert!(
        classes <= labels.len(),
        "class_means: {classes} classes but {} rows; every class needs at least one row",
        labels.len()
    );
    let mut sums = Array2::<f64>::zeros((classes, x.ncols()));
    let mut counts = vec![0usize; classes];
    for (row, &c) in x.rows().into_iter().zip(labels) {
        assert!(c < classes, "class_means: label {c} is not below {classes} classes");
        let mut sum = sums.row_mut(c);
        sum += &row;
        counts[c] += 1;
    }
    for (c, &n) in counts.iter().enumerate() {
        assert!(n > 0, "class_means: class {c} has no rows, so no mean");
        sums.row_mut(c).mapv_inplace(|v| v / n as f64);
    }
    sums
}

/// The closest-class-mean classifier: for each row of `x`, the class whose
/// mean (a row of `means`, from [`class_means`]) is nearest in Euclidean
/// distance, sqrt(Σ_k (x_k − m_k)²); the first of equally near means wins.
/// A baseline that learns nothing but one average per class.
///
/// # Shapes
/// means: C × D; x: N × D; returns N classes, each below C.
///
/// # Panics
/// If `means` has no rows, or `means` and `x` have different numbers of columns.
#[track_caller]
pub fn nearest_mean_classes(means: &Array2<f64>, x: &Array2<f64>) -> Vec<usize> {
    assert!(means.nrows() > 0, "nearest_mean_classes: no class means");
    assert!(
        means.ncols() == x.ncols(),
        "nearest_mean_classes: means have {} columns, x has {}; need the same",
        means.ncols(),
        x.ncols()
    );
    x.rows()
        .into_iter()
        .map(|row| {
            let distance = |c: usize| squared_distance(means.row(c), row);
            (1..means.nrows()).fold(0, |best, c| if distance(c) < distance(best) { c } else { best })
        })
        .collect()
}

/// Σ_k (a_k − b_k)², the squared Euclidean distance between two rows of D numbers.
fn squared_distance(a: ArrayView1<'_, f64>, b: ArrayView1<'_, f64>) -> f64 {
    a.iter().zip(b).map(|(u, w)| (u - w).powi(2)).sum()
}

/// §8b of the capstone: the mistakes of the closest class mean (`baseline`)
/// and of the network (`network`) on the test images of one digit, side by
/// side. Its `Display` prints row `digit` of both confusion matrices, how many
/// of those images each answered wrongly and over how many other digits, the
/// wrong answers both gave and the images both got wrong; then one guess
/// tested: is the network's most frequent wrong answer the digit whose class
/// mean (a row of `means`, from [`class_means`]) is closest to `digit`'s?
///
/// # Shapes
/// labels, baseline, network: N (the test labels and the two classifiers'
/// answers); means: C × D, one row per digit.
///
/// # Panics
/// If the three lists differ in length, `digit` is not a row of `means`, an
/// answer is not below C, or `means` has fewer than two rows.
#[track_caller]
pub fn compare_mistakes(
    digit: usize,
    labels: &[usize],
    baseline: &[usize],
    network: &[usize],
    means: &Array2<f64>,
) -> MistakeComparison {
    let classes = means.nrows();
    assert!(
        labels.len() == baseline.len() && labels.len() == network.len(),
        "compare_mistakes: {} labels, {} baseline answers, {} network answers; need the same number",
        labels.len(),
        baseline.len(),
        network.len()
    );
    assert!(
        classes >= 2 && digit < classes,
        "compare_mistakes: digit {digit} is not one of {classes} class means (need 2 or more)"
    );
    if let Some(c) = labels.iter().chain(baseline).chain(network).find(|&&c| c >= classes) {
        panic!("compare_mistakes: class {c} is not below the {classes} class means");
    }
    let row = |answers: &[usize]| ConfusionMatrix::new(labels, answers, classes).counts.row(digit).to_vec();
    let distances: Vec<f64> = (0..classes).map(|d| squared_distance(means.row(digit), means.row(d)).sqrt()).collect();
    let closest_mean = (0..classes)
        .filter(|&d| d != digit)
        .min_by(|&a, &b| distances[a].total_cmp(&distances[b]))
        .expect("2 or more classes");
    let network_row = row(network);
    let network_most =
        (0..classes).filter(|&d| d != digit).max_by_key(|&d| (network_row[d], classes - d)).expect("2 or more classes");
    let both_wrong =
        (0..labels.len()).filter(|&k| labels[k] == digit && baseline[k] != digit && network[k] != digit).count();
    MistakeComparison {
        digit,
        baseline_row: row(baseline),
        network_row,
        both_wrong,
        distances,
        closest_mean,
        network_most,
    }
}

/// What [`compare_mistakes`] found; print it with `{}`.
#[derive(Clone, Debug, PartialEq)]
pub struct MistakeComparison {
    /// The digit whose test images are compared.
    pub digit: usize,
    /// Row `digit` of the baseline's confusion matrix: its answers 0..C for those images.
    pub baseline_row: Vec<usize>,
    /// Row `digit` of the network's confusion matrix.
    pub network_row: Vec<usize>,
    /// How many of those images both answered wrongly.
    pub both_wrong: usize,
    /// Pixel distance from the class mean of `digit` to each class mean.
    pub distances: Vec<f64>,
    /// The class mean closest to that of `digit` (other than itself).
    pub closest_mean: usize,
    /// The network's most frequent wrong answer for `digit` (the smaller digit on a tie).
    pub network_most: usize,
}

impl std::fmt::Display for MistakeComparison {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.digit;
        let wrong = |row: &[usize]| row.iter().enumerate().filter(|&(c, _)| c != d).map(|(_, &n)| n).sum::<usize>();
        let went_to = |row: &[usize]| -> Vec<usize> { (0..row.len()).filter(|&c| c != d && row[c] > 0).collect() };
        let (base_to, net_to) = (went_to(&self.baseline_row), went_to(&self.network_row));
        let shared: Vec<usize> = base_to.iter().copied().filter(|c| net_to.contains(c)).collect();
        writeln!(f, "answers 0-9 for the test {d}s: closest class mean = {:?}", self.baseline_row)?;
        writeln!(f, "answers 0-9 for the test {d}s: network = {:?}", self.network_row)?;
        writeln!(
            f,
            "how many test {d}s were answered wrongly: closest class mean = {}, network = {}",
            wrong(&self.baseline_row),
            wrong(&self.network_row)
        )?;
        writeln!(
            f,
            "how many different digits they went to: closest class mean = {}, network = {}",
            base_to.len(),
            net_to.len()
        )?;
        writeln!(f, "wrong answers both gave = {shared:?}, test {d}s both answered wrongly = {}", self.both_wrong)?;
        let distances = ndarray::Array1::from(self.distances.clone());
        writeln!(
            f,
            "pixel distance from the mean of {d} to the means of 0-9 = {}",
            crate::numbers::fmt_array(&distances)
        )?;
        writeln!(f, "the mean closest to that of {d} = {}", self.closest_mean)?;
        write!(
            f,
            "the network's most frequent wrong answer for {d} = {}, the same digit = {}",
            self.network_most,
            self.network_most == self.closest_mean
        )
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

    #[test]
    fn class_means_average_each_class_rows() {
        let x = array![[0.0, 2.0], [2.0, 4.0], [10.0, 10.0]];
        assert_eq!(class_means(&x, &[0, 0, 1], 2), array![[1.0, 3.0], [10.0, 10.0]]);
    }

    #[test]
    #[should_panic(expected = "class 1 has no rows")]
    fn class_means_panics_on_an_empty_class() {
        class_means(&array![[1.0], [2.0]], &[0, 0], 2);
    }

    #[test]
    fn nearest_mean_picks_the_closest_mean_first_on_a_tie() {
        let means = array![[0.0, 0.0], [10.0, 10.0], [0.0, 10.0]];
        let x = array![[1.0, 1.0], [9.0, 8.0], [1.0, 9.0], [5.0, 5.0]];
        // (5, 5) is as near to (0, 0) as to (10, 10) and to (0, 10): the first wins.
        assert_eq!(nearest_mean_classes(&means, &x), vec![0, 1, 2, 0]);
        // A class's own training rows, averaged, classify those rows when the classes are apart.
        let train = array![[0.0, 1.0], [1.0, 0.0], [9.0, 10.0], [10.0, 9.0]];
        let labels = [0, 0, 1, 1];
        assert_eq!(nearest_mean_classes(&class_means(&train, &labels, 2), &train), labels.to_vec());
    }

    #[test]
    fn compare_mistakes_prints_both_rows_and_the_shared_mistakes() {
        // Three classes; the test images of class 2: the baseline answers 0, 1, 2, the network 1, 1, 2.
        let means = array![[0.0, 0.0], [3.0, 0.0], [1.0, 0.0]];
        let labels = [2, 2, 2, 0];
        let cmp = compare_mistakes(2, &labels, &[0, 1, 2, 0], &[1, 1, 2, 0], &means);
        assert_eq!((cmp.baseline_row.clone(), cmp.network_row.clone()), (vec![1, 1, 1], vec![0, 2, 1]));
        assert_eq!((cmp.both_wrong, cmp.closest_mean, cmp.network_most), (2, 0, 1));
        let text = cmp.to_string();
        assert!(text.contains("how many test 2s were answered wrongly: closest class mean = 2, network = 2"), "{text}");
        assert!(text.contains("how many different digits they went to: closest class mean = 2, network = 1"), "{text}");
        assert!(text.contains("wrong answers both gave = [1], test 2s both answered wrongly = 2"), "{text}");
        assert!(text.contains("the same digit = false"), "{text}");
    }
}
