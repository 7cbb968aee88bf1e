//! Exercises of the capstone lesson, "Reading handwritten digits".

use super::attempt::{attempt, panic_hint, Attempt};
use super::function::first_not_finite;
use super::number::NumberExercise;
use super::{Check, Verdict};
use crate::engine::Tensor;
use crate::maths::{cross_entropy, cross_entropy_grad, numeric_gradient, one_hot, softmax, softmax_rows};
use ndarray::{array, Array1, Array2};

/// The logits of Exercise 6.1, and their true class: other numbers than the
/// lesson's parameters cell stores, so its printed gradient does not answer it.
const SLOPE_LOGITS: [f64; 3] = [0.5, 1.5, -1.0];
const SLOPE_CLASS: usize = 0;

/// Exercise 6.1: ∂L/∂z₀ of softmax cross-entropy for logits [0.5, 1.5, −1]
/// when the true class is 0 (the first logit), to 3 significant figures.
pub fn cross_entropy_slope(answer: Option<f64>) -> Check {
    cross_entropy_slope_exercise().check(answer)
}

pub(crate) fn cross_entropy_slope_exercise() -> NumberExercise {
    let p = softmax(&Array1::from(SLOPE_LOGITS.to_vec()));
    let c = SLOPE_CLASS;
    let right = p[c] - 1.0;
    let loss = -p[c].ln();
    let mut hints = vec![
        (-right, "The sign is flipped: softmax(z)₀ is below 1, so ∂L/∂z₀ is negative.".to_string()),
        (
            p[c],
            "That is the slope of the ln Σ e^(z_j) term alone; z₀ is also the true class's logit z_c, so differentiate the −z_c term too.".into(),
        ),
        (loss, "That is L itself, not its slope.".into()),
        (-loss, "That is −L, the log of the probability, not the slope of L.".into()),
        (
            p[1],
            "That is a probability of class 1, not of the true class 0: go back to the derivative of ln Σ e^(z_j) with respect to z₀, and which exponential it puts above the sum.".into(),
        ),
        (
            p[2],
            "That is a probability of class 2, not of the true class 0: go back to the derivative of ln Σ e^(z_j) with respect to z₀, and which exponential it puts above the sum.".into(),
        ),
        (p[1] - 1.0, "That treats class 1, the largest logit, as the true one; the true class is 0.".into()),
    ];
    // A term left out of the sum below the fraction: without e^{z₂} = e^{−1},
    // the smallest, the answer is within 2 % of the right one, so it gets its
    // own hint rather than "close".
    let exps: Vec<f64> = SLOPE_LOGITS.iter().map(|z| z.exp()).collect();
    let total: f64 = exps.iter().sum();
    for (k, sub) in ["₀", "₁", "₂"].iter().enumerate() {
        hints.push((
            exps[c] / (total - exps[k]) - 1.0,
            format!(
                "That leaves the term e^(z{sub}) = e^({}) out of the sum below the fraction: softmax divides by the sum of e^(z) over all three logits, each one's term included.",
                SLOPE_LOGITS[k]
            ),
        ));
    }
    NumberExercise {
        exercise: "Exercise 6.1",
        right,
        figures: 3,
        why:
            "∂L/∂z₀ = softmax(z)₀ − 1: the true class's probability falls short of 1 by that much, so a step raises z₀."
                .into(),
        hints,
        reread: "\"Softmax and cross-entropy\"",
    }
}

/// Predict, then check (§2): ∂L/∂z₁ for the logits of Exercise 6.1, a wrong
/// class's logit (the true class is 0), to 3 significant figures.
pub fn wrong_class_slope(answer: Option<f64>) -> Check {
    wrong_class_slope_exercise().check(answer)
}

pub(crate) fn wrong_class_slope_exercise() -> NumberExercise {
    let p = softmax(&Array1::from(SLOPE_LOGITS.to_vec()));
    let right = p[1];
    NumberExercise {
        exercise: "Predict, then check (§2)",
        right,
        figures: 3,
        why: "∂L/∂z₁ = softmax(z)₁: z₁ appears only in the sum of ln Σ e^(z_j), and −z_c does not contain it.".into(),
        hints: vec![
            (-right, "The sign is flipped: raising z₁ raises the sum in ln Σ e^(z_j), so L rises.".into()),
            (
                right - 1.0,
                "That subtracts 1, but the −z_c term holds only the true class's logit, z₀: for z₁ it contributes 0."
                    .into(),
            ),
            (p[0] - 1.0, "That is the slope for z₀, the true class; this one is for z₁.".into()),
            (p[0], "That is softmax(z)₀; the slope for z₁ involves softmax(z)₁.".into()),
            (p[2], "That is softmax(z)₂; the slope for z₁ involves softmax(z)₁.".into()),
        ],
        reread: "\"Softmax and cross-entropy\"",
    }
}

/// Predict, then check (§6): do the first-layer weights of a pixel that is
/// blank (0) in every training image change during training? `Some(true)` or `Some(false)`.
pub fn blank_pixel_weights(answer: Option<bool>) -> Check {
    let exercise = "Predict, then check (§6)";
    let verdict = match answer {
        None => Verdict::NotAttempted,
        Some(false) => Verdict::Correct(
            "Each first-layer weight's gradient is δ¹_j · x_k: with x_k = 0 in every image it is 0 at every step, \
             so SGD never moves those weights."
                .into(),
        ),
        Some(true) => Verdict::NotYet(
            "Write out the gradient of a first-layer weight, ∂L/∂W¹_jk = δ¹_j · x_k, and put in x_k = 0: \
             what does every step then add to that weight? Re-read the deep dive's ∂L/∂W = δ·xᵀ."
                .into(),
        ),
    };
    Check::new(exercise, verdict)
}

/// Exercise 6.2: softmax, written by the learner; it must survive logits of ±1000.
pub fn stable_softmax(mine: impl Fn(&Array1<f64>) -> Array1<f64>) -> Check {
    let exercise = "Exercise 6.2";
    let cases = [array![2.0, 1.0, 0.1], array![1000.0, 0.0, -1000.0], array![-1000.0, -1000.0], array![0.5]];
    let got = match attempt(|| cases.iter().map(&mine).collect::<Vec<_>>()) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            return Check::new(exercise, Verdict::NotYet(panic_hint("Your softmax", &message)))
        }
    };
    for (z, p) in cases.iter().zip(&got) {
        let want = softmax(z);
        if p.len() != z.len() {
            return Check::new(
                exercise,
                Verdict::NotYet(format!("For {} logits you return {} numbers.", z.len(), p.len())),
            );
        }
        if let Some(hint) = first_not_finite(&format!("For logits {z} your softmax"), p) {
            let why = if z.iter().all(|&v| v < 0.0) {
                // The largest logit is negative: a fold started from 0 subtracts 0, and e^−1000 is 0.
                "e^−1000 is 0, so you get 0/0: start your fold from −∞ (f64::NEG_INFINITY), not from 0."
            } else {
                "e^1000 overflows: subtract the largest logit first."
            };
            let hint = format!("{hint} {why} Re-read \"log-sum-exp\".");
            return Check::new(exercise, Verdict::NotYet(hint));
        }
        if p.iter().zip(&want).any(|(a, b)| (a - b).abs() > 1e-12) {
            let sum: f64 = p.sum();
            let hint = if (sum - 1.0).abs() < 1e-9 {
                format!("For logits {z} your numbers sum to 1 but are not softmax: did you take e^(z − m) of each entry before dividing by the total? Re-read \"Softmax and cross-entropy\".")
            } else {
                format!("For logits {z} your numbers sum to {sum:.6}, and softmax sums to 1. Re-read \"Softmax and cross-entropy\".")
            };
            return Check::new(exercise, Verdict::NotYet(hint));
        }
    }
    Check::new(
        exercise,
        Verdict::Correct(
            "Subtracting the largest logit changes nothing in the result and keeps every e^x at most 1.".into(),
        ),
    )
}

/// The stored run's training set and mini-batch size (test share 0.2, seed 0).
const TRAINING_IMAGES: usize = 1438;
const BATCH_SIZE: usize = 32;

/// Exercise 6.3: how many images the last mini-batch of an epoch holds, for
/// the stored run's 1,438 training images in mini-batches of 32.
pub fn last_batch_size(answer: Option<usize>) -> Check {
    let exercise = "Exercise 6.3";
    let Some(answer) = answer else {
        return Check::new(exercise, Verdict::NotAttempted);
    };
    let (full, left) = (TRAINING_IMAGES / BATCH_SIZE, TRAINING_IMAGES % BATCH_SIZE);
    let reread = "Re-read \"Training with mini-batches\".";
    let verdict = match answer {
        a if a == left => Verdict::Correct(format!(
            "{full} full mini-batches take {} images, and the last one gets the {left} left over. Its mean loss divides by {left}, not by {BATCH_SIZE}.",
            full * BATCH_SIZE
        )),
        a if a == BATCH_SIZE => Verdict::NotYet(format!(
            "Every mini-batch but the last holds {BATCH_SIZE}; does {BATCH_SIZE} divide 1,438 exactly? {reread}"
        )),
        a if a == full || a == full + 1 => Verdict::NotYet(format!(
            "That counts mini-batches; the question asks how many images the last one holds. {reread}"
        )),
        a if a == BATCH_SIZE - left => Verdict::NotYet(format!(
            "That is how many images the last mini-batch is short of a full one; how many does it hold? {reread}"
        )),
        a if a > BATCH_SIZE => Verdict::NotYet(format!(
            "A mini-batch never holds more than {BATCH_SIZE} images: the last one gets what the full ones leave. {reread}"
        )),
        _ => Verdict::NotYet(format!(
            "Take as many full mini-batches of {BATCH_SIZE} as fit into 1,438 images; the last one gets the rest. {reread}"
        )),
    };
    Check::new(exercise, verdict)
}

/// Exercise 6.4: the mean cross-entropy of the untrained network, predicted:
/// its small initial weights give ten logits close to each other for every
/// image, so softmax gives each digit about 1/10 and L ≈ −ln(1/10) = ln 10.
pub fn untrained_loss(answer: Option<f64>) -> Check {
    untrained_loss_exercise().check(answer)
}

pub(crate) fn untrained_loss_exercise() -> NumberExercise {
    let right = 10f64.ln();
    NumberExercise {
        exercise: "Exercise 6.4",
        right,
        figures: 2,
        why: "Ten near-equal logits give every digit a probability of about 1/10, so L ≈ −ln(1/10) = ln 10; the \
              logits are not quite equal, so the real loss is a little off it (in the first two figures, it is the same)."
            .into(),
        hints: vec![
            (-right, "The sign is flipped: ln(1/10) is negative, and L = −ln p_c is positive.".into()),
            (0.1, "That is the probability p_c ≈ 1/10 itself; the loss is −ln p_c.".into()),
            (1.0, "That is the logarithm to base 10; the loss uses the natural logarithm ln, as f64::ln does.".into()),
            (
                10f64.log2(),
                "That is the logarithm to base 2; the loss uses the natural logarithm ln, as f64::ln does.".into(),
            ),
            (10.0, "That is the number of classes; the loss is −ln of the probability each one gets.".into()),
            (
                right / BATCH_SIZE as f64,
                "The loss of a mini-batch is already the mean over its images: do not divide by B again.".into(),
            ),
        ],
        reread: "\"Softmax and cross-entropy\"",
    }
}

/// Whether the learner's δ function of Exercise 6.5 has a body yet: it is
/// called once on a batch of one image, and `false` means its body is still
/// `todo!()` (any other panic counts as written, and shows when it is used).
pub fn is_written(mine: impl Fn(&Array2<f64>, &[usize]) -> Array2<f64>) -> bool {
    !matches!(attempt(|| mine(&array![[0.0, 0.0]], &[0])), Attempt::Todo)
}

/// Exercise 6.5: δ of the output layer for a mini-batch, (softmax(Z) − Y)/B,
/// written by the learner as `fn(logits: &Array2<f64>, labels: &[usize]) -> Array2<f64>`.
///
/// It is tried on a batch of three images of four classes and a batch of one,
/// and compared with the crate's [`cross_entropy_grad`]; a right answer is also
/// compared with the engine's autograd and with central differences of the
/// mean loss. The usual slips are named: no division by B, no −1, the 1
/// taken off in the wrong column, the sign, a fixed batch size of 32.
pub fn cross_entropy_delta(mine: impl Fn(&Array2<f64>, &[usize]) -> Array2<f64>) -> Check {
    let exercise = "Exercise 6.5";
    let reread = "Re-read \"Softmax and cross-entropy\".";
    let cases: [(Array2<f64>, Vec<usize>); 2] = [
        (array![[1.0, -0.5, 2.0, 0.0], [0.3, 1.2, -1.0, 0.5], [-2.0, 0.0, 1.0, 3.0]], vec![2, 0, 3]),
        (array![[0.5, 1.5, -1.0, 0.2]], vec![1]),
    ];
    let got = match attempt(|| cases.iter().map(|(z, labels)| mine(z, labels)).collect::<Vec<_>>()) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            return Check::new(exercise, Verdict::NotYet(panic_hint("Your function", &message)))
        }
    };
    for ((z, labels), d) in cases.iter().zip(&got) {
        let b = labels.len() as f64;
        let right = cross_entropy_grad(z, labels);
        let p = softmax_rows(z);
        let y = one_hot(labels, z.ncols());
        let batch = format!("For a batch of {} with labels {labels:?}", labels.len());
        if d.shape() != z.shape() {
            let hint = format!(
                "{batch}, your δ has shape {:?}; it must have the logits' shape {:?}, one row per image.",
                d.shape(),
                z.shape()
            );
            return Check::new(exercise, Verdict::NotYet(hint));
        }
        if let Some(hint) = first_not_finite(&format!("{batch}, your δ"), d) {
            return Check::new(exercise, Verdict::NotYet(format!("{hint} {reread}")));
        }
        let is = |want: &Array2<f64>| d.iter().zip(want).all(|(a, w)| (a - w).abs() < 1e-12);
        if is(&right) {
            continue;
        }
        let hint = if is(&(&right * b)) {
            format!(
                "{batch}, your δ is B = {b} times too large: the loss is the mean over the B images, so divide by B."
            )
        } else if is(&(&right * b / BATCH_SIZE as f64)) {
            format!("{batch}, you divided by {BATCH_SIZE}: B is the number of rows, logits.nrows(), and the last mini-batch of an epoch has fewer.")
        } else if is(&(&p / b)) || is(&p) {
            format!("{batch}, every entry of your δ is positive: take 1 off the true class's entry in each row.")
        } else if is(&(-&right)) || is(&(-&right * b)) {
            format!("{batch}, the sign is flipped: it is softmax(z) − y, what the network believed minus the truth.")
        } else if let Some(row) = wrong_column(&(d * b), &p, &y) {
            format!("{batch}, row {row} takes the 1 off the wrong column: the true class of row {row} is labels[{row}] = {}.", labels[row])
        } else {
            format!("{batch}, your δ differs from (softmax(z) − y)/B. Compare one row by hand. {reread}")
        };
        return Check::new(exercise, Verdict::NotYet(hint));
    }
    // A third and a fourth opinion: the engine's autograd and central differences, on the batch of three.
    let (z, labels) = &cases[0];
    let logits = Tensor::param(z.clone());
    logits.cross_entropy_loss(labels).backward();
    let autograd = logits.grad();
    let flat = Array1::from_iter(z.iter().copied());
    let shape = z.raw_dim();
    let numeric = numeric_gradient(|t| cross_entropy(&t.to_shape(shape).unwrap().to_owned(), labels), &flat, 1e-6);
    let gap =
        |other: &mut dyn Iterator<Item = &f64>| other.zip(&got[0]).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    let (to_autograd, to_numeric) = (gap(&mut autograd.iter()), gap(&mut numeric.iter()));
    Check::new(
        exercise,
        Verdict::Correct(format!(
            "It matches the crate's cross_entropy_grad; for the batch of three it also matches the engine's autograd (to {to_autograd:.0e}) and central differences of the mean loss (to {to_numeric:.0e})."
        )),
    )
}

/// The first row where `d_times_b` = softmax − (1 in one column) with that
/// column not the true class; `None` if there is no such row.
fn wrong_column(d_times_b: &Array2<f64>, p: &Array2<f64>, y: &Array2<f64>) -> Option<usize> {
    let taken = p - d_times_b; // where the learner took 1 off: a one-hot row, if the slip is a column
    let one_hot_rows = taken.rows().into_iter().all(|row| {
        let ones = row.iter().filter(|v| (*v - 1.0).abs() < 1e-9).count();
        let zeros = row.iter().filter(|v| v.abs() < 1e-9).count();
        ones == 1 && ones + zeros == row.len()
    });
    if !one_hot_rows {
        return None;
    }
    (0..y.nrows()).find(|&r| (0..y.ncols()).any(|c| (taken[[r, c]] - y[[r, c]]).abs() > 1e-9))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_softmax_in_every_case() {
        assert!(stable_softmax(softmax).passed());
        let naive = stable_softmax(|z: &Array1<f64>| {
            let e = z.mapv(f64::exp);
            &e / e.sum()
        });
        assert!(naive.to_text().contains("overflows"), "{}", naive.to_text());
        let from_zero = stable_softmax(|z: &Array1<f64>| {
            let m = z.fold(0.0, |m: f64, &v| m.max(v));
            let e = z.mapv(|v| (v - m).exp());
            let total = e.sum();
            e / total
        });
        assert!(
            from_zero.to_text().contains("0/0") && from_zero.to_text().contains("NEG_INFINITY"),
            "{}",
            from_zero.to_text()
        );
        assert!(stable_softmax(|z: &Array1<f64>| z.mapv(f64::exp)).to_text().contains("sum to"));
        // Numbers that sum to 1 without being softmax get their own hint, never "sum to 1.000000".
        let uniform = stable_softmax(|z: &Array1<f64>| z.mapv(|_| 1.0 / z.len() as f64)).to_text();
        assert!(uniform.contains("sum to 1 but are not softmax") && !uniform.contains("1.000000"), "{uniform}");
        assert_eq!(stable_softmax(|_: &Array1<f64>| todo!()).verdict, Verdict::NotAttempted);
        assert!(stable_softmax(|z: &Array1<f64>| z.mapv(|_| f64::NAN)).to_text().contains("NaN"));
        assert!(stable_softmax(|z: &Array1<f64>| z.mapv(|_| f64::INFINITY)).to_text().contains("+∞"));
        assert!(stable_softmax(|z: &Array1<f64>| array![z[2]]).to_text().contains("panicked"));
    }

    #[test]
    fn the_slope_hints_name_the_loss() {
        let e = cross_entropy_slope_exercise();
        assert!((e.right + 0.746284).abs() < 1e-6, "{}", e.right);
        assert!(cross_entropy_slope(Some(-0.746)).passed());
        assert!(cross_entropy_slope(Some(1.37)).to_text().contains("L itself"));
        assert!(cross_entropy_slope(Some(0.746)).to_text().contains("sign is flipped"));
        assert!(cross_entropy_slope(Some(0.254)).to_text().contains("ln Σ e^(z_j) term alone"));
        assert!(cross_entropy_slope(Some(-1.37)).to_text().contains("−L"));
        assert!(cross_entropy_slope(Some(0.690)).to_text().contains("probability of class 1"));
        assert!(cross_entropy_slope(Some(0.0566)).to_text().contains("probability of class 2"));
        assert!(cross_entropy_slope(Some(-0.310)).to_text().contains("class 1"));
        // A term left out of the sum: the smallest one lands within 2 % of the
        // answer, and is named, not called close.
        let without_z2 = cross_entropy_slope(Some(-0.731)).to_text();
        assert!(without_z2.contains("e^(z₂) = e^(-1) out of the sum"), "{without_z2}");
        assert!(!without_z2.contains("Close"), "{without_z2}");
        assert!(cross_entropy_slope(Some(-0.182)).to_text().contains("e^(z₁) = e^(1.5) out of the sum"));
        assert!(cross_entropy_slope(Some(-0.660)).to_text().contains("e^(z₀) = e^(0.5) out of the sum"));
        assert!(cross_entropy_slope(Some(-0.75)).to_text().contains("Close"));
        assert!(cross_entropy_slope(Some(-0.9)).to_text().contains("times too large"));
        assert!(cross_entropy_slope(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(cross_entropy_slope(Some(f64::INFINITY)).to_text().contains("+∞"));
        assert_eq!(cross_entropy_slope(None).verdict, Verdict::NotAttempted);
    }

    #[test]
    fn the_last_batch() {
        assert_eq!(TRAINING_IMAGES, 1797 - 359, "the stored split: 359 test images");
        assert!(last_batch_size(Some(30)).passed());
        assert!(last_batch_size(Some(32)).to_text().contains("divide 1,438 exactly"));
        assert!(last_batch_size(Some(45)).to_text().contains("counts mini-batches"));
        assert!(last_batch_size(Some(44)).to_text().contains("counts mini-batches"));
        assert!(last_batch_size(Some(2)).to_text().contains("short of a full one"));
        assert!(last_batch_size(Some(1438)).to_text().contains("never holds more"));
        assert!(last_batch_size(Some(7)).to_text().contains("as many full mini-batches"));
        assert_eq!(last_batch_size(None).verdict, Verdict::NotAttempted);
    }

    #[test]
    fn the_untrained_loss() {
        let check = untrained_loss;
        assert_eq!(check(None).verdict, Verdict::NotAttempted);
        assert!(check(Some(2.30)).passed() && check(Some(2.303)).passed());
        // The real untrained loss (2.3263 for the stored seed), computed rather than reasoned, passes too.
        assert!(check(Some(2.33)).passed() && check(Some(2.3263)).passed());
        assert!(check(Some(-2.30)).to_text().contains("sign is flipped"));
        assert!(check(Some(0.1)).to_text().contains("probability"));
        assert!(check(Some(1.0)).to_text().contains("base 10"));
        assert!(check(Some(3.32)).to_text().contains("base 2"));
        assert!(check(Some(10.0)).to_text().contains("number of classes"));
        assert!(check(Some(0.0720)).to_text().contains("do not divide by B"));
        assert!(check(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(!check(Some(5.0)).to_text().contains("2.30"), "never the answer");
    }

    #[test]
    fn written_or_not() {
        assert!(!is_written(|_, _| todo!()));
        assert!(is_written(cross_entropy_grad));
    }

    /// A learner's δ function, as the tests hand it over.
    type Delta = dyn Fn(&Array2<f64>, &[usize]) -> Array2<f64>;

    /// (softmax(z) − y)/B, and the usual slips of it.
    fn delta(z: &Array2<f64>, labels: &[usize], b: f64, minus: f64, shift: usize) -> Array2<f64> {
        let mut d = softmax_rows(z);
        for (r, &c) in labels.iter().enumerate() {
            d[[r, (c + shift) % z.ncols()]] -= minus;
        }
        d / b
    }

    #[test]
    fn the_delta_in_every_case() {
        let right = |z: &Array2<f64>, l: &[usize]| delta(z, l, l.len() as f64, 1.0, 0);
        let text = cross_entropy_delta(right).to_text();
        assert!(text.contains("correct") && text.contains("autograd"), "{text}");
        assert!(cross_entropy_delta(cross_entropy_grad).passed());
        let says = |f: &Delta, what: &str| {
            let text = cross_entropy_delta(f).to_text();
            assert!(text.contains(what), "expected `{what}`: {text}");
        };
        says(&|z, l| delta(z, l, 1.0, 1.0, 0), "times too large");
        says(&|z, l| delta(z, l, 32.0, 1.0, 0), "you divided by 32");
        says(&|z, l| delta(z, l, l.len() as f64, 0.0, 0), "every entry of your δ is positive");
        says(&|z, l| delta(z, l, 1.0, 0.0, 0), "every entry of your δ is positive");
        says(&|z, l| -delta(z, l, l.len() as f64, 1.0, 0), "sign is flipped");
        says(&|z, l| delta(z, l, l.len() as f64, 1.0, 1), "wrong column");
        says(&|z, l| delta(z, l, l.len() as f64, 2.0, 0), "Compare one row by hand");
        says(&|z, _| z.t().to_owned(), "shape");
        says(&|z, _| z.mapv(|_| f64::NAN), "NaN");
        says(&|z, _| z.mapv(|_| f64::INFINITY), "+∞");
        says(&|z, _| z.mapv(|_| f64::NEG_INFINITY), "−∞");
        says(&|z, l| delta(z, &[l[0], l[0], l[0], l[0]], 1.0, 1.0, 0), "panicked");
        assert_eq!(cross_entropy_delta(|_, _| todo!()).verdict, Verdict::NotAttempted);
    }

    #[test]
    fn the_wrong_class_slope_and_the_blank_pixels() {
        let p = softmax(&Array1::from(SLOPE_LOGITS.to_vec()));
        assert!(wrong_class_slope(Some(p[1])).passed());
        assert_eq!(wrong_class_slope(None).verdict, Verdict::NotAttempted);
        assert!(wrong_class_slope(Some(p[1] - 1.0)).to_text().contains("contributes 0"));
        assert!(wrong_class_slope(Some(-p[1])).to_text().contains("sign is flipped"));
        assert!(wrong_class_slope(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(blank_pixel_weights(Some(false)).passed());
        assert_eq!(blank_pixel_weights(None).verdict, Verdict::NotAttempted);
        assert!(blank_pixel_weights(Some(true)).to_text().contains("x_k = 0"));
    }
}
