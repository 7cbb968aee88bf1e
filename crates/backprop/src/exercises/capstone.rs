//! Exercises of the capstone lesson, "Reading handwritten digits".

use super::attempt::{attempt, panic_hint, panic_message, watching, Attempt};
use super::function::first_not_finite;
use super::number::NumberExercise;
use super::{yes_or_no, Check, Verdict};
use crate::by_hand::{DeltaNet, LayerCache, LayerGrads};
use crate::data::{mini_batches, select_rows};
use crate::engine::Tensor;
use crate::maths::{
    cross_entropy, cross_entropy_grad, numeric_gradient, one_hot, rng, softmax, softmax_rows, Activation, ChaCha8Rng,
};
use ndarray::{array, Array1, Array2, ArrayD, Ix2};

/// The logits of Exercises 6.1 and 6.2, and their true class: other numbers than the
/// lesson's parameters cell stores, so its printed gradient does not answer it.
const SLOPE_LOGITS: [f64; 3] = [0.5, 1.5, -1.0];
const SLOPE_CLASS: usize = 0;

/// Exercise 6.1: p₀ = softmax(z)₀ for the logits [0.5, 1.5, −1],
/// computed by hand from the printed exponentials, to 3 significant figures.
pub fn tiny_probability(answer: Option<f64>) -> Check {
    tiny_probability_exercise().check(answer)
}

pub(crate) fn tiny_probability_exercise() -> NumberExercise {
    let p = softmax(&Array1::from(SLOPE_LOGITS.to_vec()));
    let exps: Vec<f64> = SLOPE_LOGITS.iter().map(|z| z.exp()).collect();
    let z_sum: f64 = SLOPE_LOGITS.iter().sum();
    NumberExercise {
        exercise: "Exercise 6.1",
        right: p[0],
        figures: 3,
        why: "p₀ = e^(z₀) / (e^(z₀) + e^(z₁) + e^(z₂)): the first exponential divided by the sum of all three.".into(),
        hints: vec![
            (exps[0], "That is e^(z₀) itself: divide it by the sum of the three exponentials.".into()),
            (
                SLOPE_LOGITS[0] / z_sum,
                "That divides the logits themselves, z₀ / (z₀ + z₁ + z₂); softmax divides their exponentials, e^z."
                    .into(),
            ),
            (p[1], "That is p₁, the probability of class 1: p₀ puts e^(z₀) = e^(0.5) above the sum.".into()),
            (p[2], "That is p₂, the probability of class 2: p₀ puts e^(z₀) = e^(0.5) above the sum.".into()),
            (1.0 - p[0], "That is 1 − p₀, the other two probabilities together.".into()),
            (
                exps[0] / (exps[0] + exps[1]),
                "That leaves e^(−1) out of the sum: every logit's exponential counts, the small one too.".into(),
            ),
        ],
        reread: "\"Softmax and cross-entropy\"",
    }
}

/// Exercise 6.2: the slope of L = ln Σ_j e^(z_j) − z_c for a wrong class's
/// logit, ∂L/∂z₁ = e^(z₁)/Σ_j e^(z_j) = p₁, recalled from the theory guide for
/// the logits of Exercise 6.1 (true class 0), to 3 significant figures.
pub fn wrong_class_slope(answer: Option<f64>) -> Check {
    wrong_class_slope_exercise().check(answer)
}

pub(crate) fn wrong_class_slope_exercise() -> NumberExercise {
    let p = softmax(&Array1::from(SLOPE_LOGITS.to_vec()));
    let right = p[1];
    NumberExercise {
        exercise: "Exercise 6.2",
        right,
        figures: 3,
        why: "The first term, ln Σ_j e^(z_j), has slope e^(z₁)/Σ_j e^(z_j) = p₁; the second, −z₀, does not hold z₁, so it adds 0. ∂L/∂z₁ = p₁.".into(),
        hints: vec![
            (-right, "The sign is flipped: raising z₁ raises the sum in ln Σ e^(z_j), so L rises.".into()),
            (
                right - 1.0,
                "That subtracts 1, but the −1 belongs only to the true class: the −z_c term holds z₀ alone, so for z₁ it contributes 0."
                    .into(),
            ),
            (
                SLOPE_LOGITS[1].exp(),
                "That is e^(z₁) alone: the slope of ln u is u′/u, so divide e^(z₁) by the sum of the three exponentials."
                    .into(),
            ),
            (p[SLOPE_CLASS] - 1.0, "That is the slope for z₀, the true class; this one is for z₁.".into()),
            (p[0], "That is softmax(z)₀; the slope for z₁ involves softmax(z)₁.".into()),
            (p[2], "That is softmax(z)₂; the slope for z₁ involves softmax(z)₁.".into()),
            (
                0.0,
                "z₁ is not the true class, yet it is in the loss: the sum Σ_j e^(z_j) in L = ln Σ_j e^(z_j) − z₀ holds e^(z₁), so raising z₁ lowers p₀ and raises L."
                    .into(),
            ),
        ],
        reread: "the hint under Exercise 6.2, and the theory guide's §9",
    }
}

/// The mini-batch of two images of "Exercise 6.5": one row of
/// three logits per image, and their true classes.
pub const BATCH_LOGITS: [[f64; 3]; 2] = [[2.0, -1.0, 0.5], [0.2, 1.0, 2.0]];
/// The true classes of [`BATCH_LOGITS`]' two images.
pub const BATCH_CLASSES: [usize; 2] = [0, 1];

/// Exercise 6.5: with a mini-batch of B = 2 images, the entry of
/// δ^\[2\] in the second image's row and its true class's column,
/// (p − 1)/B, from the two printed probability rows, to 3 significant figures.
pub fn batch_of_two_entry(answer: Option<f64>) -> Check {
    batch_of_two_exercise().check(answer)
}

pub(crate) fn batch_of_two_exercise() -> NumberExercise {
    let rows: Vec<Array1<f64>> = BATCH_LOGITS.iter().map(|r| softmax(&Array1::from(r.to_vec()))).collect();
    let c = BATCH_CLASSES[1];
    let p = rows[1][c];
    let b = BATCH_LOGITS.len() as f64;
    let right = (p - 1.0) / b;
    NumberExercise {
        exercise: "Exercise 6.5",
        right,
        figures: 3,
        why: "(p − y)/B: the second image's probability of its true class, minus its one-hot 1, divided by the B = 2 images of the mini-batch, because the mini-batch's loss is their mean.".into(),
        hints: vec![
            (p - 1.0, "That is p − y for the second image alone: the mini-batch's loss is the mean over its B = 2 images, so every entry of δ^[2] is divided by B.".into()),
            (p / b, "That is p/B without the −y: the image's true class is 1, so its one-hot y holds a 1 in that column.".into()),
            (-right, "The sign is flipped: δ^[2] is p − y (what the network believed minus the truth), divided by B.".into()),
            ((rows[1][2] - 1.0) / b, "That takes column 2, the largest probability; the true class is 1, the middle column (columns count from 0).".into()),
            ((rows[1][0] - 1.0) / b, "That takes column 0; counting from 0, class 1 is the middle column.".into()),
            ((rows[0][c] - 1.0) / b, "That reads the first image's row; the question asks for the second image's row.".into()),
            ((p - 1.0) / 3.0, "That divides by 3, the number of classes; B is the number of images in the mini-batch, 2.".into()),
        ],
        reread: "the first paragraphs of §7",
    }
}

/// Predict, then check (§8c): do the first-layer weights of a pixel that is
/// blank (0) in every training image change during training? `Some(true)` or `Some(false)`.
pub fn blank_pixel_weights(answer: Option<bool>) -> Check {
    yes_or_no(
        "Predict, then check (§8c)",
        answer,
        false,
        "Each first-layer weight's gradient is δ^[1]_j · x_k: with x_k = 0 in every image it is 0 at every step, \
             so SGD never moves those weights.",
        "Write out the gradient of a first-layer weight, ∂L/∂W^[1]_jk = δ^[1]_j · x_k, and put in x_k = 0: \
             what does every step then add to that weight? Re-read how the deep dive works out the gradient of a single weight.",
    )
}

/// Predict, then check (§2): of the two lines the folded answer prints for
/// `logits` shifted by 1000, computed directly (e^z of each entry with
/// `f64::exp`, then softmax e^(z_i) / Σ_j e^(z_j) from them), how many show only
/// finite numbers? Only the 709 limit of e^z is needed, not the crate's
/// internals. The check works the two lines out from the logits it is given:
/// for the lesson's [[1, 2, 0.5]] it is none, because e^1002 overflows to inf
/// and inf/inf is NaN. (`class` is the true class of the lesson's example cell.)
///
/// # Panics
/// If `logits` has no rows, or `class` is not a column of it.
#[track_caller]
pub fn finite_lines(answer: Option<usize>, logits: &Array2<f64>, class: usize) -> Check {
    let exercise = "Predict, then check (§2)";
    assert!(logits.nrows() > 0 && class < logits.ncols(), "finite_lines: class {class} is not a column of the logits");
    let shifted = logits + 1000.0;
    let top = shifted.fold(f64::NEG_INFINITY, |m, &v| m.max(v));
    let naive = shifted.mapv(f64::exp);
    let naive_softmax = &naive / naive.sum();
    let lines = [naive.iter().all(|v| v.is_finite()), naive_softmax.iter().all(|v| v.is_finite())];
    let right = lines.iter().filter(|&&finite| finite).count();
    let Some(answer) = answer else {
        return Check::new(exercise, Verdict::NotAttempted);
    };
    let reread = "Count again, line by line; the paragraph after the folded answer explains the result.";
    let top_text = crate::numbers::fmt_f64(top);
    let overflows = top > 709.78;
    let verdict = if answer == right {
        Verdict::Correct(if overflows {
            format!(
                "e^{top_text} is above the largest f64 (about e^709), so it is inf, and softmax computed directly \
                 divides inf by inf: NaN."
            )
        } else {
            format!(
                "Here the largest logit after the shift is {top_text}, and e^z computed directly is {}, so you can \
                 see which of the two lines still hold numbers.",
                if naive.sum() > 0.0 { "finite, since it is below e^709" } else { "0 for every entry, and 0/0 is NaN" }
            )
        })
    } else if answer > 2 {
        Verdict::NotYet(format!("The cell prints two lines, so the count is 0, 1 or 2. {reread}"))
    } else if answer > right && overflows && answer == 2 {
        Verdict::NotYet(format!(
            "A 64-bit float holds e^z only up to z ≈ 709, and the largest logit is now {top_text}: what does \
             e^{top_text} come out as? {reread}"
        ))
    } else if answer > right && overflows {
        Verdict::NotYet(format!(
            "Softmax computed directly divides e^(z_i) by the sum of all three: if the top and the bottom \
             are both inf, is the result a number? {reread}"
        ))
    } else if answer > right {
        Verdict::NotYet(format!(
            "The largest logit is now {top_text}: if every e^z is so small that it rounds to 0, what is 0 divided \
             by 0? {reread}"
        ))
    } else {
        Verdict::NotYet(format!(
            "The largest logit after the shift is {top_text}: is that above the z ≈ 709 where e^z overflows a \
             64-bit float? Look at your logits, not at the 1002 of the lesson's. {reread}"
        ))
    };
    Check::new(exercise, verdict)
}

/// Predict, then check (§2, dL/dz): from the printed softmax of one image's
/// `logits` (one row) of true class `class`, before ∂L/∂z is printed: which
/// logit does a step push down the hardest (`index`, counting from 0: the
/// largest positive entry of p − y, the wrong class of largest probability),
/// and what do the entries of ∂L/∂z add up to (`sum`: Σp − 1 = 0)? Both are
/// read from the learner's parameters cell (the stored [[1, 2, 0.5]], class 2:
/// z₁, and 0). A sum added up from the printed, rounded entries (|sum| below
/// 10⁻³) counts as 0.
///
/// # Panics
/// If `logits` has no rows, or `class` is not a column of it.
#[track_caller]
pub fn logit_push(index: Option<usize>, sum: Option<f64>, logits: &Array2<f64>, class: usize) -> Check {
    let exercise = "Predict, then check (§2, dL/dz)";
    assert!(logits.nrows() > 0 && class < logits.ncols(), "logit_push: class {class} is not a column of the logits");
    if index.is_none() && sum.is_none() {
        return Check::new(exercise, Verdict::NotAttempted);
    }
    let p = softmax(&logits.row(0).to_owned());
    let n = p.len();
    let top = (0..n).filter(|&j| j != class).map(|j| p[j]).fold(f64::NEG_INFINITY, f64::max);
    let reread = "Re-read the paragraph above the cell, and the folded rule p − y below Exercise 6.2.";
    let index_hint = match index {
        None => Some("Give the index too, written like Some(0).".to_string()),
        Some(i) if i >= n => Some(format!("There are {n} logits, numbered 0 to {}: which of them?", n - 1)),
        Some(i) if i == class => Some(
            "That is the true class: its entry is p_c − 1, negative, so a step pushes that logit up, not down."
                .to_string(),
        ),
        Some(i) if (p[i] - top).abs() <= 1e-12 => None,
        Some(_) => Some(
            "That logit is pushed down, but not the hardest: a wrong class's entry is p_i itself, so compare the \
             probabilities of the wrong classes."
                .to_string(),
        ),
    };
    let sum_hint = match sum {
        None => Some("Give the sum too, written like Some(0.5).".to_string()),
        Some(s) if !s.is_finite() => Some(format!("Your sum is {s}, not a number you can add up to.")),
        Some(s) if s.abs() < 1e-3 => None,
        Some(s) if (s - 1.0).abs() < 1e-3 => Some(
            "1 is what the probabilities add up to; ∂L/∂z is p − y, and y takes its 1 off the true class's entry."
                .to_string(),
        ),
        Some(s) if (s + 1.0).abs() < 1e-3 => {
            Some("That adds up −y alone; the probabilities are in ∂L/∂z = p − y too, and they add up to 1.".to_string())
        }
        Some(s) if (s - 2.0).abs() < 1e-3 => Some(
            "That adds the one-hot 1 instead of taking it away: ∂L/∂z = p − y, minus on the true class.".to_string(),
        ),
        Some(_) => Some("Add p − y entry by entry: what do the p's add up to, and the y's?".to_string()),
    };
    let verdict = match (index_hint, sum_hint) {
        (None, None) => Verdict::Correct(
            "A wrong class's entry is p_i, so the largest push down goes to the wrong class of largest probability, \
             the one the network believed most; the true class's entry p_c − 1 is the only negative one. The entries \
             add up to Σp − 1 = 1 − 1 = 0."
                .into(),
        ),
        (Some(i), None) => Verdict::NotYet(format!("The sum is right; the index is not yet. {i} {reread}")),
        (None, Some(s)) => Verdict::NotYet(format!("The index is right; the sum is not yet. {s} {reread}")),
        (Some(i), Some(s)) => Verdict::NotYet(format!("Index: {i} Sum: {s} {reread}")),
    };
    Check::new(exercise, verdict)
}

/// Predict, then check (§6, noise): will the gradient of every one of a few
/// mini-batches point within a small angle of the whole training set's, that
/// is, will all their `cosines` with it (dL/dW², at the weights of §5) be
/// above 0.9? `Some(true)` or `Some(false)`, judged against the learner's own
/// cosines (0.16 to 0.63 for the stored five mini-batches of 32: no).
pub fn gradient_noise(answer: Option<bool>, cosines: &[f64]) -> Check {
    let exercise = "Predict, then check (§6, noise)";
    let Some(answer) = answer else {
        return Check::new(exercise, Verdict::NotAttempted);
    };
    if cosines.is_empty() || cosines.iter().any(|c| !c.is_finite()) {
        return Check::new(
            exercise,
            Verdict::NotYet("The cosines are not all numbers: run the cell above this one again.".into()),
        );
    }
    let all_above = cosines.iter().all(|&c| c > 0.9);
    let (low, high) = cosines.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &c| (l.min(c), h.max(c)));
    let range = format!(
        "Your {} cosines lie between {} and {}.",
        cosines.len(),
        crate::numbers::fmt_f64(round_to(low, 2)),
        crate::numbers::fmt_f64(round_to(high, 2))
    );
    let verdict = match (answer == all_above, all_above) {
        (true, false) => Verdict::Correct(format!(
            "{range} A mini-batch sees a few images of each digit, and which few is chance: its gradient points only \
             roughly along the whole set's, a noisy estimate of it. The fold below says why the steps still work."
        )),
        (true, true) => Verdict::Correct(format!(
            "{range} With mini-batches this large each one holds many images of every digit, so its gradient is \
             close to the whole set's."
        )),
        (false, false) => Verdict::NotYet(
            "A mini-batch holds only a few images of each digit, a different few each time: does its gradient \
             have to agree with the mean over the whole training set? Re-read the first paragraph of §6."
                .into(),
        ),
        (false, true) => Verdict::NotYet(
            "Your mini-batches are large: how different can the mean over that many images be from the mean over \
             all of them? Look at batch_size in §3's parameters cell."
                .into(),
        ),
    };
    Check::new(exercise, verdict)
}

/// `x` rounded to `decimals` places, for a range the check prints.
fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// The band of a count of wrong test answers, against the baseline's
/// `baseline` wrong ones: 0 under 10, 1 from 10 to 20, 2 from 21 to one below
/// the baseline's, 3 from the baseline's up (no better than it).
fn wrong_band(wrong: usize, baseline: usize) -> usize {
    match wrong {
        w if w >= baseline => 3,
        w if w >= 21 => 2,
        w if w >= 10 => 1,
        _ => 0,
    }
}

/// Predict, then check (§4): will the trained network beat the
/// closest-class-mean baseline (answer each test image with the digit whose
/// mean training image is nearest), that is, answer fewer test images wrongly
/// than its `baseline`? `Some(true)` or `Some(false)`. `count`, optional, is
/// the learner's guess of the network's wrong answers, judged by its band:
/// under 10, 10 to 20, 21 to one below the baseline's, or the baseline's or
/// more (no better). Judged against the learner's own run: `network` is
/// `model`'s number of wrong test answers after §6's training with the
/// learner's settings (12 in the stored run, against the baseline's 34: it
/// beats it, band 10 to 20).
pub fn wrong_answers(answer: Option<bool>, count: Option<usize>, network: usize, baseline: usize) -> Check {
    let exercise = "Predict, then check (§4)";
    let Some(answer) = answer else {
        return Check::new(exercise, Verdict::NotAttempted);
    };
    let beats = network < baseline;
    let names = ["under 10", "10 to 20", "21 up to one below the baseline's", "the baseline's or more"];
    let run = wrong_band(network, baseline);
    let why_behind = "A network beats the baseline only after enough steps at a good learning rate: look at lr and \
                      epochs in your parameters cell of §3 (the stored 0.5 and 30 beat it).";
    let band = match count {
        None => String::new(),
        Some(c) if wrong_band(c, baseline) == run => {
            format!(" Your count, {c}, is in your run's band ({}).", names[run])
        }
        Some(c) => format!(
            " Your count, {c}, is in the band {}; your run's is in the band {}.",
            names[wrong_band(c, baseline)],
            names[run]
        ),
    };
    let verdict = match (answer == beats, beats) {
        (true, true) => Verdict::Correct(format!(
            "With your settings: {network} wrong answers against the closest class mean's {baseline}. A class mean is \
             one blurred template per digit, and every pixel counts the same in its distance; the network, given \
             enough steps at a good learning rate, learns which pixels, in which combinations, tell one digit from \
             another. It still misses a few, some of them hard even for a person at 8 × 8 pixels.{band}"
        )),
        (true, false) => Verdict::Correct(format!(
            "With your settings: {network} wrong answers against the closest class mean's {baseline}: your settings \
             left the network behind ten averages. {why_behind}{band}"
        )),
        (false, true) => Verdict::NotYet(
            "The baseline compares each image with ten averages, every pixel weighted the same; the network's weights \
             and biases are fitted to tell the digits apart. Which can weigh a telling pixel more than a blank corner? \
             Re-read \"A training set and a test set\"."
                .into(),
        ),
        (false, false) => Verdict::NotYet(format!(
            "Not with your settings: your network does no better than the baseline. {why_behind}"
        )),
    };
    Check::new(exercise, verdict)
}

/// Predict, then check (§8d): the learner's own experiment. `accuracy` is the
/// test accuracy of a network with `hidden` units trained at `lr` (by the
/// learner's `my_epoch` and `my_hand_step`), `baseline` the closest class
/// mean's; `answer` predicts whether the network beats it. The comparison is
/// printed only once a prediction is written, so the learner predicts first.
pub fn experiment(answer: Option<bool>, hidden: usize, lr: f64, accuracy: f64, baseline: f64) -> Check {
    const EXERCISE: &str = "Predict, then check (§8d)";
    let Some(answer) = answer else {
        return Check::new(EXERCISE, Verdict::NotAttempted);
    };
    let beats = accuracy > baseline;
    let comparison = format!(
        "With hidden = {hidden} and lr = {}: test accuracy = {}, closest class mean = {}, beats the closest class mean = {beats}.",
        crate::numbers::fmt_f64(lr),
        crate::numbers::fmt_f64(accuracy),
        crate::numbers::fmt_f64(baseline)
    );
    if !accuracy.is_finite() {
        return Check::new(
            EXERCISE,
            Verdict::NotYet(format!("{comparison} The run blew up (its accuracy is not a number): try a smaller lr.")),
        );
    }
    if answer == beats {
        Check::new(EXERCISE, Verdict::Correct(format!("Your prediction, {answer}, was right. {comparison}")))
    } else {
        Check::new(
            EXERCISE,
            Verdict::NotYet(format!(
                "Your prediction, {answer}, was not. {comparison} Ask why: how many units, how many steps, and how large each step was. \
                 Then change one setting and predict again."
            )),
        )
    }
}

thread_local! {
    /// Raised by [`softmax_stand_in`] when it runs in place of the learner's
    /// softmax; read through [`watching`].
    static SOFTMAX_STOOD_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The crate's stand-in for Exercise 6.3's `my_softmax`: the stable softmax of
/// one vector of logits, $p_k = e^{z_k - m} / \sum_j e^{z_j - m}$ with $m$ the
/// largest logit (same length as `z`). It lets `my_ce_grad` of Exercise 6.6
/// call `my_softmax` before its body is written; while it runs in place of the
/// learner's lines, [`stable_softmax`] says "not attempted yet".
pub fn softmax_stand_in(z: &Array1<f64>) -> Array1<f64> {
    SOFTMAX_STOOD_IN.with(|s| s.set(true));
    softmax(z)
}

/// Whether the crate's stand-in still runs in place of the learner's
/// `my_softmax`: runs it once on three logits and reports it, so the training
/// cell can say whose softmax fed δ2.
pub fn is_softmax_stand_in(mine: impl Fn(&Array1<f64>) -> Array1<f64>) -> bool {
    let (_ran, stood_in) = watching(&SOFTMAX_STOOD_IN, || attempt(|| mine(&array![0.5, 1.5, -1.0])));
    stood_in
}

/// Exercise 6.3: softmax, written by the learner; it must survive logits of ±1000.
/// "Not checked yet" while the crate's [`softmax_stand_in`] runs in place of the learner's lines.
pub fn stable_softmax(mine: impl Fn(&Array1<f64>) -> Array1<f64>) -> Check {
    let exercise = "Exercise 6.3, part 2";
    // [0, 1000, −1000]: the largest logit is not the first, so `m = z[0]` fails there.
    let cases = [
        array![2.0, 1.0, 0.1],
        array![1000.0, 0.0, -1000.0],
        array![0.0, 1000.0, -1000.0],
        array![-1000.0, -1000.0],
        array![0.5],
    ];
    let (ran, stood_in) = watching(&SOFTMAX_STOOD_IN, || attempt(|| cases.iter().map(&mine).collect::<Vec<_>>()));
    if stood_in {
        return Check::new(
            exercise,
            Verdict::Waiting(
                "my_softmax still calls the crate's stand-in, softmax_stand_in: replace that line with your lines, then run this check again."
                    .into(),
            ),
        );
    }
    let got = match ran {
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
            } else if z[0] < z.fold(f64::NEG_INFINITY, |m, &v| m.max(v)) {
                // Passed [1000, 0, −1000], failed here: m is probably the first logit.
                "e^1000 overflows: is your m the largest entry? The first logit is not always the largest: fold over all of them."
            } else {
                "e^1000 overflows: subtract the largest logit first."
            };
            let hint = format!("{hint} {why} Re-read \"Subtract the largest logit\".");
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

/// Exercise 6.3, part 1: softmax the direct way, $p_i = e^{z_i} / \sum_j e^{z_j}$,
/// written by the learner, tried on ordinary logits and on logits of ±1000.
/// Correct once it is right on the ordinary logits; the verdict then shows what
/// it gives for [1000, 0, −1000] (NaN where e^1000 overflows, as §2 predicted),
/// the failure part 2 fixes. "Not attempted yet" while its body is `todo!()`.
pub fn direct_softmax(mine: impl Fn(&Array1<f64>) -> Array1<f64>) -> Check {
    let exercise = "Exercise 6.3, part 1";
    let (ordinary, huge) = (array![2.0, 1.0, 0.1], array![1000.0, 0.0, -1000.0]);
    let got = match attempt(|| (mine(&ordinary), mine(&huge))) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            return Check::new(exercise, Verdict::NotYet(panic_hint("Your direct softmax", &message)))
        }
    };
    let (p, big) = got;
    let want = softmax(&ordinary);
    let reread = "Re-read \"Softmax and cross-entropy\".";
    if p.len() != ordinary.len() {
        return Check::new(exercise, Verdict::NotYet(format!("For 3 logits you return {} numbers.", p.len())));
    }
    if let Some(hint) = first_not_finite(&format!("For logits {ordinary} your softmax"), &p) {
        return Check::new(exercise, Verdict::NotYet(format!("{hint} {reread}")));
    }
    if p.iter().zip(&want).any(|(a, b)| (a - b).abs() > 1e-12) {
        let sum: f64 = p.sum();
        let hint = if (sum - 1.0).abs() < 1e-9 {
            format!("For logits {ordinary} your numbers sum to 1 but are not softmax: take e^z of each entry, then divide each by their total. {reread}")
        } else {
            format!("For logits {ordinary} your numbers sum to {sum:.6}, and softmax sums to 1: divide each e^z by the total of all of them. {reread}")
        };
        return Check::new(exercise, Verdict::NotYet(hint));
    }
    let shown = crate::numbers::fmt_array(&big);
    let verdict = if big.iter().all(|v| v.is_finite()) {
        format!(
            "Right on ordinary logits, and for [1000, 0, −1000] it gives {shown}: it survives already, so you \
             subtracted something first. Part 2 asks for exactly that; read on to see why it changes nothing."
        )
    } else {
        format!(
            "Right on ordinary logits. Now watch it fail: for [1000, 0, −1000] it gives {shown}. e^1000 is inf in a \
             64-bit float, and inf/inf is NaN, as you predicted in §2. Part 2 makes it survive."
        )
    };
    Check::new(exercise, Verdict::Correct(verdict))
}

/// The stored run's mini-batch size, for a hint of Predict, then check (§6).
const BATCH_SIZE: usize = 32;

/// Exercise 6.4: how many images the last mini-batch of an epoch holds, for
/// `training_images` images in mini-batches of `batch_size` (the stored run:
/// 1,438 and 32), both read from the lesson's cells.
pub fn last_batch_size(answer: Option<usize>, training_images: usize, batch_size: usize) -> Check {
    let exercise = "Exercise 6.4";
    let Some(answer) = answer else {
        return Check::new(exercise, Verdict::NotAttempted);
    };
    let (n, size) = (training_images, batch_size.max(1));
    let (full, left) = (n / size, n % size);
    let (batches, last) = if left == 0 { (full, size) } else { (full + 1, left) };
    let reread = "Re-read \"Training with mini-batches\".";
    let verdict = match answer {
        a if a == last && left == 0 => Verdict::Correct(format!(
            "{size} divides {n} exactly: {full} full mini-batches, the last one as full as the others."
        )),
        a if a == last => Verdict::Correct(format!(
            "{full} full mini-batches take {} images, and the last one gets the {left} left over. Its mean loss divides by {left}, not by {size}.",
            full * size
        )),
        a if a == size => Verdict::NotYet(format!(
            "Every mini-batch but the last holds {size}; does {size} divide {n} exactly? {reread}"
        )),
        a if a == batches || a == full => Verdict::NotYet(format!(
            "That counts mini-batches; the question asks how many images the last one holds. {reread}"
        )),
        a if left > 0 && a == size - left => Verdict::NotYet(format!(
            "That is how many images the last mini-batch is short of a full one; how many does it hold? {reread}"
        )),
        a if a > size => Verdict::NotYet(format!(
            "A mini-batch never holds more than {size} images: the last one gets what the full ones leave. {reread}"
        )),
        _ => Verdict::NotYet(format!(
            "Take as many full mini-batches of {size} as fit into {n} images; the last one gets the rest. {reread}"
        )),
    };
    Check::new(exercise, verdict)
}

/// Predict, then check (§6): the mean cross-entropy of the untrained network, predicted:
/// its small initial weights give ten logits close to each other for every
/// image, so softmax gives each digit about 1/10 and L ≈ −ln(1/10) = ln 10.
pub fn untrained_loss(answer: Option<f64>) -> Check {
    untrained_loss_exercise().check(answer)
}

pub(crate) fn untrained_loss_exercise() -> NumberExercise {
    let right = 10f64.ln();
    NumberExercise {
        exercise: "Predict, then check (§6)",
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

/// Whether the learner's δ function of Exercise 6.6 has a body yet: it is
/// called once on a batch of one image, and `false` means its body is still
/// `todo!()` (any other panic counts as written, and shows when it is used).
pub fn is_written(mine: impl Fn(&Array2<f64>, &[usize]) -> Array2<f64>) -> bool {
    !matches!(attempt(|| mine(&array![[0.0, 0.0]], &[0])), Attempt::Todo)
}

/// Whether the learner's `my_backward` of Exercise 6.6, part 2 has a body yet:
/// it is called once on the check's small network, and `false` means its body
/// is still `todo!()`.
pub fn is_backward_written(mine: impl Fn(&DeltaNet, &[LayerCache], &Array2<f64>) -> Vec<LayerGrads>) -> bool {
    let (net, x, y) = sweep_problem();
    let caches = net.forward(&x);
    let delta2 = cross_entropy_grad(&caches[1].a, &y);
    !matches!(attempt(|| mine(&net, &caches, &delta2)), Attempt::Todo)
}

/// Exercise 6.6: δ of the output layer for a mini-batch, (softmax(Z) − Y)/B,
/// written by the learner as `fn(logits: &Array2<f64>, labels: &[usize]) -> Array2<f64>`.
///
/// It is tried on a batch of three images of four classes and a batch of one,
/// and compared with the crate's [`cross_entropy_grad`]; a right answer is also
/// compared with the engine's autograd and with central differences of the
/// mean loss. The usual slips are named: no division by B, no −1, the 1
/// taken off in the wrong column, the sign, a fixed batch size of 32.
pub fn cross_entropy_delta(mine: impl Fn(&Array2<f64>, &[usize]) -> Array2<f64>) -> Check {
    let exercise = "Exercise 6.6, part 1";
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

/// Exercise 6.10: of the network's wrong answers on the test images of
/// `digit` (true class `digit`, `predicted` something else), how many did the
/// baseline (`baseline`, the closest class mean's answers) answer right?
/// Counted from the learner's cells: `labels`, `baseline` and `predicted` are
/// the test labels and the two classifiers' answers, one per test image (the
/// stored run: 2 of the network's 5 wrong 8s; the other 3 fooled both, and the
/// baseline misses 8 in all). The count differs from both misreadings of "the
/// baseline's mistakes" (the 8s both missed, and the 8s given the same wrong
/// answer), and each is named.
///
/// # Panics
/// If the three lists differ in length.
#[track_caller]
pub fn baseline_right(
    answer: Option<usize>,
    digit: usize,
    labels: &[usize],
    baseline: &[usize],
    predicted: &[usize],
) -> Check {
    let exercise = "Exercise 6.10";
    assert!(
        labels.len() == baseline.len() && labels.len() == predicted.len(),
        "baseline_right: {} labels, {} baseline answers, {} network answers; need the same number",
        labels.len(),
        baseline.len(),
        predicted.len()
    );
    let Some(answer) = answer else {
        return Check::new(exercise, Verdict::NotAttempted);
    };
    let of_digit = |answers: &[usize]| -> Vec<usize> {
        (0..labels.len()).filter(|&k| labels[k] == digit && answers[k] != digit).collect()
    };
    let (net_wrong, base_wrong) = (of_digit(predicted), of_digit(baseline));
    let right = net_wrong.iter().filter(|&&k| baseline[k] == digit).count();
    let same_answer = net_wrong.iter().filter(|&&k| baseline[k] == predicted[k]).count();
    let base_right_all = (0..labels.len()).filter(|&k| labels[k] == digit && baseline[k] == digit).count();
    let (n, b) = (net_wrong.len(), base_wrong.len());
    let both = n - right;
    let total = labels.iter().filter(|&&t| t == digit).count();
    let reread = format!(
        "Count image by image: the network's wrong {digit}s are `wrong_ones`; for each, did `baseline` answer {digit}, the true digit?"
    );
    let verdict = match answer {
        a if a == right => {
            let fewer = match n.cmp(&b) {
                std::cmp::Ordering::Less => "fewer",
                std::cmp::Ordering::Greater => "more",
                std::cmp::Ordering::Equal => "as many",
            };
            let whose = if 2 * right > n { "most of them are its own" } else { "most of them are the baseline's too" };
            Verdict::Correct(format!(
                "The baseline answered {right} of the network's {n} wrong {digit}s right: mistakes of the network's own. \
                 The other {both} fooled both. The baseline misses {b} of the {total} test {digit}s, so the network makes \
                 {fewer} mistakes on {digit}s, and {whose}."
            ))
        }
        a if a == n => Verdict::NotYet(format!(
            "That counts all the network's wrong {digit}s; the question asks for those the baseline answered right. {reread}"
        )),
        a if a == same_answer => Verdict::NotYet(format!(
            "That counts the network's wrong {digit}s to which the baseline gave the same wrong answer; the question \
             asks for those the baseline answered right, with {digit}. {reread}"
        )),
        a if a == both => Verdict::NotYet(format!(
            "That counts the network's wrong {digit}s that the baseline missed too; the question asks for those it \
             answered right. {reread}"
        )),
        a if a == b => Verdict::NotYet(format!(
            "That counts the baseline's wrong {digit}s, whatever the network answered. {reread}"
        )),
        a if a == base_right_all => Verdict::NotYet(format!(
            "That counts every test {digit} the baseline answered right; only the network's wrong ones count. {reread}"
        )),
        a if a > n => Verdict::NotYet(format!(
            "Only the network's wrong {digit}s count, and there are {n} of them. {reread}"
        )),
        _ => Verdict::NotYet(reread),
    };
    Check::new(exercise, verdict)
}

/// Exercise 6.11: why a hidden unit's weights did not move. `unit` is a unit
/// whose first-layer weights training left exactly as they were (`trained`,
/// W^[1] after training, hidden × 64 as `model.param("0.weight").value()`
/// gives it, against `w1`, §5's weights before; units 20 and 28 in the stored
/// run). The question: on how many of the training images `x_train` (images
/// × 64) was that unit on, z^[1]_j = W^[1]_j · x + b^[1]_j > 0, with the
/// weights of §5 (`w1`, `b1`)? The right count is read from those cells (0 for
/// such a unit: ReLU off on every image, so δ^[1]_j = 0 and ∂L/∂W^[1]_jk =
/// δ^[1]_j x_k = 0 at every step: a dead unit).
///
/// A `unit` that is not one of the rows (the stored `still_unit = 20` in a
/// network of 16 units) is told the range 0 to hidden − 1, and the units that
/// did not move in the learner's run.
///
/// # Panics
/// If `trained` is not a matrix of `w1`'s shape, or `x_train`'s columns or
/// `b1`'s length do not match it.
#[track_caller]
pub fn still_unit_on(
    answer: Option<usize>,
    unit: usize,
    x_train: &Array2<f64>,
    w1: &Array2<f64>,
    b1: &Array1<f64>,
    trained: &ArrayD<f64>,
) -> Check {
    let exercise = "Exercise 6.11";
    let trained = trained.view().into_dimensionality::<Ix2>().ok().filter(|t| t.dim() == w1.dim());
    let Some(trained) = trained else {
        panic!("still_unit_on: the trained weights are not a matrix of the starting weights' shape {:?}", w1.dim());
    };
    assert!(
        b1.len() == w1.nrows() && x_train.ncols() == w1.ncols(),
        "still_unit_on: {} units, {} biases, images of {} pixels for {} weights per unit",
        w1.nrows(),
        b1.len(),
        x_train.ncols(),
        w1.ncols()
    );
    let Some(answer) = answer else {
        return Check::new(exercise, Verdict::NotAttempted);
    };
    let still: Vec<usize> = (0..w1.nrows()).filter(|&j| trained.row(j) == w1.row(j)).collect();
    if unit >= w1.nrows() {
        return Check::new(
            exercise,
            Verdict::NotYet(format!(
                "Your network has {} hidden units, numbered 0 to {}: there is no unit {unit}. Set still_unit to a unit \
                 whose two pictures are the same (in your run: {still:?}).",
                w1.nrows(),
                w1.nrows() - 1
            )),
        );
    }
    if !still.contains(&unit) {
        return Check::new(
            exercise,
            Verdict::NotYet(format!(
                "Unit {unit}'s weights moved in your run: set still_unit to a unit whose two pictures are the same \
                 (in your run: {still:?})."
            )),
        );
    }
    let images = x_train.nrows();
    let on = x_train.rows().into_iter().filter(|x| x.dot(&w1.row(unit)) + b1[unit] > 0.0).count();
    let reread = "For all 64 weights to stay put, ∂L/∂W^[1]_jk = δ^[1]_j · x_k must be 0 for every pixel, on every \
                  image: what must δ^[1]_j be, and when does ReLU pass back 0? Re-read the folded answer of §8c.";
    let verdict = match answer {
        a if a == on && on == 0 => Verdict::Correct(format!(
            "On none of the {} training images: with the weights of §5 unit {unit}'s z is at most 0 on every \
             one, so ReLU is off and passes back δ^[1]_{unit} = 0 on every image. Then ∂L/∂W^[1]_jk = δ^[1]_j · x_k \
             is 0 for every pixel k, no step moves the unit, and it stays off: a dead unit.",
            thousands(images)
        )),
        a if a == on => Verdict::Correct(format!(
            "{on} of the {} training images. The unit's slope was 0 at every step all the same: its δ^[1] was 0 \
             wherever it was on.",
            thousands(images)
        )),
        a if a == images - on => Verdict::NotYet(format!(
            "That counts the images on which it is off (z ≤ 0); the question asks on how many it is on. {reread}"
        )),
        a if a == still.len() && a != on => {
            Verdict::NotYet(format!("That counts units whose weights did not move, not images. {reread}"))
        }
        a if a > images => Verdict::NotYet(format!("There are only {} training images. {reread}", thousands(images))),
        _ => Verdict::NotYet(reread.into()),
    };
    Check::new(exercise, verdict)
}

/// Predict, then check (§8a): with all the training images in one
/// batch, the same weights, learning rate and epochs, is the test accuracy
/// lower than the mini-batch run's? `Some(true)` or `Some(false)`. Judged
/// against the learner's own run: `full` is the full-batch network's test
/// accuracy, `mini` `model`'s (the right answer is `full < mini`; 0.897
/// against 0.967 in the stored run). Its hints count the steps from the
/// lesson's split and parameters cell.
pub fn full_batch_prediction(
    answer: Option<bool>,
    full: f64,
    mini: f64,
    training_images: usize,
    batch_size: usize,
    epochs: usize,
) -> Check {
    let lower = full < mini;
    let per_epoch = training_images.div_ceil(batch_size.max(1));
    let mini_steps = per_epoch * epochs;
    let (images, batch) = (thousands(training_images), thousands(batch_size));
    let (full_steps, mini_text) = (thousands(epochs), thousands(mini_steps));
    let run = format!(
        "With your settings: test accuracy {} with one full batch, {} with mini-batches.",
        crate::numbers::fmt_f64(full),
        crate::numbers::fmt_f64(mini)
    );
    let count = format!(
        "Count the training steps: how many does an epoch take with mini-batches of {batch}, and how many with one batch \
         of all {images} images? With the same learning rate, what do {per_epoch} times fewer steps do after {full_steps} epochs?"
    );
    let (correct, not_yet) = if lower {
        (
            format!(
                "{run} One batch per epoch makes {full_steps} step{} instead of {mini_text}: each step points better, but with \
                 the same learning rate {per_epoch} times fewer steps leave the network less trained after the same epochs.",
                if epochs == 1 { "" } else { "s" }
            ),
            count,
        )
    } else {
        let why = format!(
            "With your settings the full batch's {full_steps} steps did as well: more steps help only while the network \
             still has something to learn and each step is of a good size. The stored settings, lr 0.5 and 30 epochs, \
             show the gap."
        );
        (format!("{run} {why}"), format!("Not with your settings. {why}"))
    };
    yes_or_no("Predict, then check (§8a)", answer, lower, correct, not_yet)
}

/// A whole number with a comma between thousands, as the lesson writes them (1,438).
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// How many steps [`overfit_one_batch`] takes on its one mini-batch.
const OVERFIT_STEPS: usize = 50;
/// The loss below which one mini-batch counts as learned by heart.
const OVERFIT_LOSS: f64 = 0.05;

/// One call of the learner's step. A panic keeps unwinding (for `attempt` to
/// read) after `ce_grad_todo` notes whether it is the `todo!()` of Exercise
/// 6.6's `my_ce_grad` (its message starts "δ2 for") rather than one of its own.
fn call_step<T>(ce_grad_todo: &std::cell::Cell<Option<&'static str>>, step: impl FnOnce() -> T) -> T {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)).unwrap_or_else(|payload| {
        let message = panic_message(&*payload);
        ce_grad_todo.set(if message.starts_with("not yet implemented: δ2 for") {
            Some("my_ce_grad")
        } else if message.starts_with("not yet implemented: the backward pass") {
            Some("my_backward")
        } else {
            None
        });
        std::panic::resume_unwind(payload)
    })
}

/// The verdict on a learner's step that did not run to its end (`None` when it
/// did); `ce_grad_todo`: it stopped at the `todo!()` of Exercise 6.6's `my_ce_grad`.
fn unfinished_step(exercise: &'static str, ran: Attempt<()>, ce_grad_todo: Option<&'static str>) -> Option<Check> {
    let verdict = match ran {
        Attempt::Todo if ce_grad_todo == Some("my_ce_grad") => Verdict::NotYet(
            "Your step calls my_ce_grad, which is still todo!(): write it in Exercise 6.6, part 1 (this exercise comes after both parts of 6.6), then run this check again."
                .into(),
        ),
        Attempt::Todo if ce_grad_todo == Some("my_backward") => Verdict::NotYet(
            "Your step calls my_backward, which is still todo!(): write it in Exercise 6.6, part 2 (this exercise comes after both parts of 6.6), then run this check again."
                .into(),
        ),
        Attempt::Todo => Verdict::NotAttempted,
        Attempt::Panicked(message) => Verdict::NotYet(panic_hint("my_hand_step", &message)),
        Attempt::Done(()) => return None,
    };
    Some(Check::new(exercise, verdict))
}

/// A small 6 → 4 → 3 network, a batch of five samples and their classes for
/// Exercise 6.6, part 2: no two sizes alike, so a missing transpose shows as a
/// wrong shape, and the hidden layer has units both on and off.
fn sweep_problem() -> (DeltaNet, Array2<f64>, Vec<usize>) {
    let w1 = Array2::from_shape_fn((4, 6), |(j, k)| 0.6 * ((7 * j + 3 * k) as f64 * 1.3).sin());
    let w2 = Array2::from_shape_fn((3, 4), |(c, j)| 0.8 * ((5 * c + 2 * j) as f64 * 0.9 + 0.4).cos());
    let net = DeltaNet::new(
        vec![w1, w2],
        vec![array![0.1, -0.2, 0.0, 0.05], array![0.0, 0.1, -0.1]],
        vec![Activation::Relu, Activation::Identity],
    );
    let x = Array2::from_shape_fn((5, 6), |(s, k)| ((6 * s + k) as f64 * 0.7).cos());
    (net, x, vec![2, 0, 1, 1, 0])
}

/// The learner's backward pass, as in `fn my_backward(hand: &DeltaNet, caches: &[LayerCache], delta2: &Array2<f64>) -> Vec<LayerGrads>`.
type Sweep<'a> = dyn Fn(&DeltaNet, &[LayerCache], &Array2<f64>) -> Vec<LayerGrads> + 'a;

/// Exercise 6.6, part 2: the backward pass of the hand-written network from δ2,
/// written by the learner as `my_backward(hand, caches, delta2)`: layer 2's
/// ∂L/∂W and ∂L/∂b, then δ1 = (δ2 W2) ⊙ 𝟙[z1 > 0] and layer 1's ∂L/∂W and ∂L/∂b,
/// returned as `backward_from_delta` returns them (layer 1 first). Checked on
/// [`sweep_problem`]'s 6 → 4 → 3 network and batch of five against the crate's
/// `backward_from_delta`, entry by entry.
pub fn backward_sweep(mine: impl Fn(&DeltaNet, &[LayerCache], &Array2<f64>) -> Vec<LayerGrads>) -> Check {
    sweep_check(&mine)
}

fn sweep_check(mine: &Sweep) -> Check {
    let exercise = "Exercise 6.6, part 2";
    let reread = "Re-read the shapes of the recall at the start of §7, and the deep dive's section \"The δ rule in matrix form\" \
                  (linked in the exercise); if that is not enough, open the fold below this check, the rules R2–R4 in batch form.";
    let (net, x, y) = sweep_problem();
    let caches = net.forward(&x);
    let delta2 = cross_entropy_grad(&caches[1].a, &y);
    let want = net.backward_from_delta(&caches, &delta2);
    let got = match attempt(|| mine(&net, &caches, &delta2)) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            let hint = panic_hint("my_backward", &message);
            return Check::new(
                exercise,
                Verdict::NotYet(format!(
                    "{hint} On the check's batch B = 5, x is 5 × 6, δ2 is 5 × 3, W2 is 3 × 4 and z1 is 5 × 4: write each product's shapes out."
                )),
            );
        }
    };
    let not_yet = |hint: String| Check::new(exercise, Verdict::NotYet(format!("{hint} {reread}")));
    if got.len() != 2 {
        return not_yet(format!(
            "Your function returns {} LayerGrads; return two, layer 1's (the hidden layer) first, then layer 2's.",
            got.len()
        ));
    }
    if got[0].dl_dw.shape() == want[1].dl_dw.shape() && got[1].dl_dw.shape() == want[0].dl_dw.shape() {
        return not_yet("Your two LayerGrads are in the wrong order: layer 1's (the hidden layer) comes first, as in backward_from_delta.".into());
    }
    let close = |a: &Array2<f64>, b: &Array2<f64>| {
        a.shape() == b.shape() && a.iter().zip(b).all(|(p, q)| (p - q).abs() <= 1e-9)
    };
    let close1 =
        |a: &Array1<f64>, b: &Array1<f64>| a.len() == b.len() && a.iter().zip(b).all(|(p, q)| (p - q).abs() <= 1e-9);
    let b = x.nrows() as f64;
    // Layer 2 first, the order in which the rules are applied.
    for l in [1, 0] {
        let (g, w, layer) = (&got[l], &want[l], l + 1);
        let input = if l == 0 { "x" } else { "a1" };
        for (name, mine) in [("delta", &g.delta), ("dl_dw", &g.dl_dw)] {
            if let Some(hint) = first_not_finite(&format!("Layer {layer}'s {name}"), mine) {
                return not_yet(hint);
            }
        }
        if g.delta.shape() != w.delta.shape() {
            return not_yet(format!(
                "Layer {layer}'s delta is {}; it must be {}, one row per image and one column per unit of layer {layer}.",
                shape_of(g.delta.shape()),
                shape_of(w.delta.shape())
            ));
        }
        if !close(&g.delta, &w.delta) {
            let hint = if l == 1 {
                "Layer 2's delta is δ2 itself, the argument delta2: clone it.".to_string()
            } else {
                let unmasked = delta2.dot(&net.weights[1]);
                let z1 = &caches[0].z;
                if close(&g.delta, &unmasked) {
                    "δ1 is δ2 W2 with ReLU's slope left out: multiply each entry by 1 where z1 > 0 and by 0 elsewhere (⊙ 𝟙[z1 > 0]).".into()
                } else if close(&g.delta, &(&unmasked * z1)) || close(&g.delta, &(&unmasked * &caches[0].a)) {
                    "That multiplies δ2 W2 by z1 (or a1) itself; ReLU's slope is 1 where z1 > 0 and 0 elsewhere, not z1.".into()
                } else if close(&g.delta, &unmasked.mapv(|v| v.max(0.0))) {
                    "That applies ReLU to δ2 W2; the mask looks at z1: 1 where z1 > 0, 0 elsewhere.".into()
                } else {
                    "δ1 differs from (δ2 W2) ⊙ 𝟙[z1 > 0]: compare one entry by hand.".into()
                }
            };
            return not_yet(hint);
        }
        if g.dl_dw.shape() != w.dl_dw.shape() {
            let hint = if g.dl_dw.shape() == [w.dl_dw.ncols(), w.dl_dw.nrows()] {
                format!(
                    "Layer {layer}'s dl_dw is {}, the transpose: ∂L/∂W has W's shape, {}, one row per unit, so it is δᵀ {input}, not {input}ᵀ δ.",
                    shape_of(g.dl_dw.shape()),
                    shape_of(w.dl_dw.shape())
                )
            } else {
                format!(
                    "Layer {layer}'s dl_dw is {}; it must have W's shape, {}: δᵀ {input}.",
                    shape_of(g.dl_dw.shape()),
                    shape_of(w.dl_dw.shape())
                )
            };
            return not_yet(hint);
        }
        if !close(&g.dl_dw, &w.dl_dw) {
            let hint = if close(&(&g.dl_dw * b), &w.dl_dw) {
                format!("Layer {layer}'s dl_dw is B = 5 times too small: δ2 already holds the 1/B, so the sum over the batch is the mean. Do not divide again.")
            } else {
                format!("Layer {layer}'s dl_dw differs from δᵀ {input}: its input is caches[{l}].input, the values that entered the layer.")
            };
            return not_yet(hint);
        }
        if g.dl_db.len() != w.dl_db.len() {
            return not_yet(format!(
                "Layer {layer}'s dl_db has {} entries; it needs {}, one per unit: the column sums of δ (.sum_axis(Axis(0))), not the row sums.",
                g.dl_db.len(),
                w.dl_db.len()
            ));
        }
        if !close1(&g.dl_db, &w.dl_db) {
            let hint = if close1(&(&g.dl_db * b), &w.dl_db) {
                format!("Layer {layer}'s dl_db is B = 5 times too small: sum δ's columns, do not average them (δ2 already holds the 1/B).")
            } else {
                format!("Layer {layer}'s dl_db differs from the column sums of its δ.")
            };
            return not_yet(hint);
        }
    }
    Check::new(
        exercise,
        Verdict::Correct(
            "Every array matches backward_from_delta on a 6 → 4 → 3 network and a batch of 5: δ1 = (δ2 W2) ⊙ 𝟙[z1 > 0], ∂L/∂W = δᵀ a of the layer's input, ∂L/∂b = the column sums of δ."
                .into(),
        ),
    )
}

fn shape_of(shape: &[usize]) -> String {
    shape.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" × ")
}

/// After Exercise 6.7: the learner's `my_hand_step`, run 50 times on one small
/// mini-batch (`xb`, `yb`) from the network `net`, should drive that batch's
/// loss near 0 (below 0.05): a step that learns can memorise a few images.
/// The verdict prints the losses at steps 1, 10, 20, …, 50. When the loss
/// does not get there, the crate's own step runs at the same `lr`: if it fails
/// too, the hint blames `lr` (too small for 50 steps, or so large that the
/// loss turns NaN), not the learner's step.
pub fn overfit_one_batch(
    mine: impl Fn(&mut DeltaNet, &Array2<f64>, &[usize], f64) -> f64,
    net: DeltaNet,
    xb: &Array2<f64>,
    yb: &[usize],
    lr: f64,
) -> Check {
    let exercise = "Overfit one mini-batch";
    let start = net.clone();
    let mut net = net;
    let mut losses = Vec::new();
    let ce_grad_todo = std::cell::Cell::new(None);
    let (ran, stood_in) = watching(&STEP_STOOD_IN, || {
        attempt(|| {
            for _ in 0..OVERFIT_STEPS {
                losses.push(call_step(&ce_grad_todo, || mine(&mut net, xb, yb, lr)));
            }
        })
    });
    let not_yet = |hint: String| Check::new(exercise, Verdict::NotYet(hint));
    if let Some(unfinished) = unfinished_step(exercise, ran, ce_grad_todo.get()) {
        return unfinished;
    }
    if stood_in {
        return Check::new(
            exercise,
            Verdict::Waiting(format!(
                "my_hand_step still calls the crate's stand-in: once Exercise 6.7 says correct, run this cell again. It runs your step {OVERFIT_STEPS} times on these {} images and prints their loss as it goes.",
                yb.len()
            )),
        );
    }
    let shown: Vec<String> = [0, 9, 19, 29, 39, OVERFIT_STEPS - 1]
        .iter()
        .filter_map(|&k| losses.get(k).map(|l| format!("{}: {}", k + 1, crate::numbers::fmt_f64(*l))))
        .collect();
    let trail = format!("loss by step ({})", shown.join(", "));
    let passes = |losses: &[f64]| {
        let (first, last) = (losses[0], losses[losses.len() - 1]);
        losses.iter().all(|l| l.is_finite()) && last < OVERFIT_LOSS && last < first
    };
    if passes(&losses) {
        return Check::new(
            exercise,
            Verdict::Correct(format!(
                "{trail}: it overfits. In {OVERFIT_STEPS} steps your step drove the loss of these {} images from {} to {}, below {OVERFIT_LOSS}: it can learn a few images by heart, so it learns. Whether that learning carries to images it never saw is what the test set measures.",
                yb.len(),
                crate::numbers::fmt_f64(losses[0]),
                crate::numbers::fmt_f64(losses[losses.len() - 1])
            )),
        );
    }
    // The crate's own step, at the same lr: does this lr allow a pass at all?
    let mut reference = start;
    let theirs: Vec<f64> =
        (0..OVERFIT_STEPS).map(|_| reference_step(&mut reference, xb, yb, lr, cross_entropy_grad)).collect();
    let lr_text = crate::numbers::fmt_f64(lr);
    if !passes(&theirs) {
        let why = if theirs.iter().any(|l| !l.is_finite()) {
            format!("the crate's own step turns the loss to {} too: this lr is too large, each step overshoots, and it cannot tell whether your step learns", theirs.iter().find(|l| !l.is_finite()).copied().unwrap_or(f64::NAN))
        } else {
            format!(
                "the crate's own step does not get below {OVERFIT_LOSS} either (its loss at step {OVERFIT_STEPS}: {}), so this lr cannot tell whether your step learns: a smaller lr needs more steps than these {OVERFIT_STEPS}",
                crate::numbers::fmt_f64(theirs[theirs.len() - 1])
            )
        };
        return Check::new(
            exercise,
            Verdict::Waiting(format!(
                "{trail}. With lr = {lr_text}, {why}. Set lr back to the stored 0.5 in §3's parameters cell and run the cells again from there: then this check tests your step."
            )),
        );
    }
    if let Some(k) = losses.iter().position(|l| !l.is_finite()) {
        return not_yet(format!(
            "{trail}. The loss is {} at step {}, while the crate's step stays finite at lr = {lr_text}: return cross_entropy of the output layer's logits, caches[1].a, computed before the update.",
            losses[k],
            k + 1
        ));
    }
    let (first, last) = (losses[0], losses[losses.len() - 1]);
    let verdict = if last < first {
        Verdict::NotYet(format!(
            "{trail}: it falls, but not below {OVERFIT_LOSS} in {OVERFIT_STEPS} steps, while the crate's step gets there at lr = {lr_text}. Check that your step updates with lr, not a smaller step, and that δ2 has the 1/B of Exercise 6.6, not a larger divisor."
        ))
    } else {
        Verdict::NotYet(format!(
            "{trail}: it does not fall, so your step does not learn. Check that the update subtracts lr times the gradient (hand.step) and that each call starts with its own forward pass."
        ))
    };
    Check::new(exercise, verdict)
}

thread_local! {
    /// Raised by [`hand_step_stand_in`] when it runs in place of the learner's
    /// training step; read through [`watching`].
    static STEP_STOOD_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The crate's stand-in for Exercise 6.7's `my_hand_step`: one training step of
/// the hand-written network on one mini-batch (forward pass, loss, backward
/// pass from δ2, update), returning the loss. δ2 comes from `ce_grad`, the
/// learner's `my_ce_grad` of Exercise 6.6, part 1, and the gradients from
/// `backward`, the learner's `my_backward` of part 2; each is replaced by the
/// crate's (`cross_entropy_grad`, `backward_from_delta`) while it is still
/// `todo!()`. While it runs in place of the learner's lines, [`hand_step`]
/// says "not checked yet".
///
/// # Panics
/// If `ce_grad` or `backward` panics with anything but its `todo!()`.
#[track_caller]
pub fn hand_step_stand_in(
    hand: &mut DeltaNet,
    xb: &Array2<f64>,
    yb: &[usize],
    lr: f64,
    ce_grad: impl Fn(&Array2<f64>, &[usize]) -> Array2<f64>,
    backward: impl Fn(&DeltaNet, &[LayerCache], &Array2<f64>) -> Vec<LayerGrads>,
) -> f64 {
    STEP_STOOD_IN.with(|s| s.set(true));
    let caches = hand.forward(xb);
    let out = &caches[caches.len() - 1].a;
    let loss = cross_entropy(out, yb);
    let delta2 = super::scratch::yours_or_crates(|| ce_grad(out, yb), cross_entropy_grad(out, yb));
    let grads = super::scratch::yours_or_crates_lazily(
        || backward(hand, &caches, &delta2),
        || hand.backward_from_delta(&caches, &delta2),
    );
    hand.step(&grads, lr);
    loss
}

fn reference_step(
    hand: &mut DeltaNet,
    xb: &Array2<f64>,
    yb: &[usize],
    lr: f64,
    delta2: impl Fn(&Array2<f64>, &[usize]) -> Array2<f64>,
) -> f64 {
    let caches = hand.forward(xb);
    let out = &caches[caches.len() - 1].a;
    let loss = cross_entropy(out, yb);
    let grads = hand.backward_from_delta(&caches, &delta2(out, yb));
    hand.step(&grads, lr);
    loss
}

/// A small 3 → 4 → 3 network and a batch of four samples for Exercise 6.7.
fn step_problem() -> (DeltaNet, Array2<f64>, Vec<usize>) {
    let net = DeltaNet::new(
        vec![
            array![[0.2, -0.4, 0.1], [0.5, 0.3, -0.2], [-0.3, 0.1, 0.4], [0.1, 0.2, 0.3]],
            array![[0.3, -0.2, 0.5, 0.1], [-0.4, 0.2, 0.1, 0.3], [0.2, 0.4, -0.3, -0.1]],
        ],
        vec![array![0.1, -0.1, 0.05, 0.0], array![0.0, 0.1, -0.05]],
        vec![Activation::Relu, Activation::Identity],
    );
    let x = array![[0.5, 1.0, -0.5], [1.0, 0.2, 0.3], [-0.3, 0.8, 1.0], [0.9, -0.4, 0.6]];
    (net, x, vec![0, 2, 1, 2])
}

/// Whether the crate's stand-in still runs in place of the learner's
/// `my_hand_step`: runs it once on a small network of its own and reports it,
/// so the training cell can say whose step trained the network.
pub fn is_stand_in(mine: impl Fn(&mut DeltaNet, &Array2<f64>, &[usize], f64) -> f64) -> bool {
    let (mut net, x, y) = step_problem();
    let (_ran, stood_in) = watching(&STEP_STOOD_IN, || attempt(|| mine(&mut net, &x, &y, 0.5)));
    stood_in
}

/// Exercise 6.7: one training step of the hand-written network, written by the
/// learner as `fn my_hand_step(hand: &mut DeltaNet, xb: &Array2<f64>, yb: &[usize], lr: f64) -> f64`.
///
/// Run three times on a small network of its own and compared, weights and
/// loss after each step, with the crate's step fed the crate's δ2. "Not
/// checked yet" while the crate's stand-in runs in place of the learner's lines.
pub fn hand_step(mine: impl Fn(&mut DeltaNet, &Array2<f64>, &[usize], f64) -> f64) -> Check {
    let exercise = "Exercise 6.7";
    let reread = "Re-read the loop of §6 and the first paragraphs of §7.";
    let lr = 0.5;
    let (start, x, y) = step_problem();
    let (mut yours, mut reference) = (start.clone(), start.clone());
    let mut trail = Vec::new();
    // Set when the learner's step stops at the `todo!()` of Exercise 6.6's `my_ce_grad`
    // (its message starts "δ2 for"), not at a `todo!()` of its own.
    let ce_grad_todo = std::cell::Cell::new(None);
    let (ran, stood_in) = watching(&STEP_STOOD_IN, || {
        attempt(|| {
            for _ in 0..3 {
                let got = call_step(&ce_grad_todo, || mine(&mut yours, &x, &y, lr));
                let want = reference_step(&mut reference, &x, &y, lr, cross_entropy_grad);
                trail.push((got, want, yours.clone(), reference.clone()));
            }
        })
    });
    let not_yet = |hint: String| Check::new(exercise, Verdict::NotYet(hint));
    if let Some(unfinished) = unfinished_step(exercise, ran, ce_grad_todo.get()) {
        return unfinished;
    }
    if stood_in {
        return Check::new(
            exercise,
            Verdict::Waiting(
                "my_hand_step still calls the crate's stand-in, hand_step_stand_in: replace that line with your lines (parts 1, 2, 4, 5), then run this check again."
                    .into(),
            ),
        );
    }
    let close = |a: &DeltaNet, b: &DeltaNet| {
        a.weights.iter().zip(&b.weights).all(|(p, q)| (p - q).iter().all(|d| d.abs() <= 1e-9))
            && a.biases.iter().zip(&b.biases).all(|(p, q)| (p - q).iter().all(|d| d.abs() <= 1e-9))
    };
    for (k, (got, want, net, right)) in trail.iter().enumerate() {
        if !got.is_finite() {
            return not_yet(format!("Your step returned {got} as the loss: return cross_entropy of the output layer's activations. {reread}"));
        }
        if !close(net, right) {
            if close(net, &start) && k == 0 {
                return not_yet(format!(
                    "The weights did not move: the step ends with hand.step(&grads, lr). {reread}"
                ));
            }
            let moved = &net.weights[1] - &start.weights[1];
            let should = &right.weights[1] - &start.weights[1];
            let ratio = (&moved * &should).sum() / (&should * &should).sum(); // how far along the right step
            let output_layer_right = (&net.weights[1] - &right.weights[1]).iter().all(|d| d.abs() <= 1e-9);
            // The hint names the first link of the chain that went wrong, not the whole recipe.
            let how = if k == 0 && (ratio + 1.0).abs() < 1e-6 {
                "The weights moved uphill: the update subtracts lr times the gradient, as hand.step does.".to_string()
            } else if k == 0 && (ratio - 2.0).abs() < 1e-6 {
                "The weights moved twice as far as one step: call hand.step once per mini-batch.".to_string()
            } else if k > 0 {
                format!(
                    "Step 1 was right, step {} was not: each call needs its own forward pass on the weights as they are now.",
                    k + 1
                )
            } else if output_layer_right {
                "The output layer's weights are right, the hidden layer's are not: pass every layer's cache to my_backward(hand, &caches, &δ2), and its two LayerGrads to hand.step.".to_string()
            } else {
                "The output layer's weights moved, but not by one SGD step: look first at δ2, my_ce_grad of the output layer's activations, caches[1].a, and yb. If Exercise 6.6 is not correct yet, its δ2 is the place to look.".to_string()
            };
            return not_yet(format!("{how} {reread}"));
        }
        if (got - want).abs() > 1e-9 * want.abs().max(1.0) {
            return not_yet(format!(
                "The weights are right, but the loss you returned is not this step's: return cross_entropy(&caches[1].a, yb), computed before the update. {reread}"
            ));
        }
    }
    Check::new(
        exercise,
        Verdict::Correct(
            "Three steps of your my_hand_step give the same weights and losses as SGD with the crate's δ2: forward, loss, backward from δ2, update."
                .into(),
        ),
    )
}

/// Exercise 6.9: the share of the test images of the most-missed digit that
/// the network answered correctly (that row's diagonal entry over the row's
/// sum), to 3 significant figures: a number the confusion matrix does not
/// print. Read from the lesson's test labels and predictions; the most-missed
/// digit is chosen as in the lesson's cells (ties to the smaller digit).
pub fn digit_recall(answer: Option<f64>, labels: &[usize], predicted: &[usize]) -> Check {
    let mut counts = [[0usize; 10]; 10];
    for (&l, &q) in labels.iter().zip(predicted) {
        if l < 10 && q < 10 {
            counts[l][q] += 1;
        }
    }
    let wrong = |d: usize| counts[d].iter().sum::<usize>() - counts[d][d];
    let most_wrong = (0..10).max_by_key(|&d| (wrong(d), 9 - d)).unwrap_or(0);
    let row: usize = counts[most_wrong].iter().sum();
    let column: usize = (0..10).map(|t| counts[t][most_wrong]).sum();
    if row == 0 {
        let none =
            Verdict::Correct("This run has no test image of that digit, so there is no share to compute.".into());
        return Check::new("Exercise 6.9", none);
    }
    let right_ones = counts[most_wrong][most_wrong] as f64;
    let right = right_ones / row as f64;
    let all_right: usize = (0..10).map(|d| counts[d][d]).sum();
    let mut hints = vec![
        (1.0 - right, format!("That is the share of the {most_wrong}s it got wrong; the question asks for the share it got right.")),
        (all_right as f64 / labels.len().max(1) as f64, "That is the accuracy over every test image; the question is about one digit's row.".into()),
        (right_ones / labels.len().max(1) as f64, format!("That divides by all {} test images; divide by the {most_wrong}s only, the sum of row \"true {most_wrong}\".", labels.len())),
        (wrong(most_wrong) as f64 / row as f64 * 100.0, "That is a percentage of the wrong ones; give the share of right ones, as a fraction.".into()),
        (right * 100.0, "That is a percentage: give the share as a fraction between 0 and 1.".into()),
    ];
    // Dividing by another digit's number of test images (most rows hold 36): the wrong denominator.
    let mut other_rows: Vec<usize> =
        (0..10).map(|d| counts[d].iter().sum::<usize>()).filter(|&n| n != row && n > 0).collect();
    other_rows.sort_unstable();
    other_rows.dedup();
    for n in other_rows {
        hints.push((
            right_ones / n as f64,
            format!("That divides by {n}, another digit's number of test images; divide by the number of test {most_wrong}s, the sum of row \"true {most_wrong}\"."),
        ));
    }
    if column != row && column > 0 {
        hints.push((
            right_ones / column as f64,
            format!("That divides by the sum of column {most_wrong}, the images the network answered {most_wrong}; the question is about the images whose true digit is {most_wrong}: the sum of their row."),
        ));
    }
    NumberExercise {
        exercise: "Exercise 6.9",
        right,
        figures: 3,
        why: format!("The diagonal entry of row \"true {most_wrong}\" over the sum of that row: the share of the test {most_wrong}s answered {most_wrong}."),
        hints,
        reread: "\"Where it goes wrong\"",
    }
    .check(answer)
}

/// The training step an epoch loop calls once per mini-batch, with
/// `my_hand_step`'s signature (the network, a mini-batch's images, one row
/// each, and classes, the learning rate; it returns the mini-batch's loss),
/// lent as `&dyn Fn(…)`, as the lesson's `my_epoch` takes it.
pub type StepRef<'a> = &'a (dyn Fn(&mut DeltaNet, &Array2<f64>, &[usize], f64) -> f64 + 'a);

thread_local! {
    /// Raised by [`epoch_stand_in`] when it runs in place of the learner's epoch
    /// loop; read through [`watching`].
    static EPOCH_STOOD_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// One epoch, as §6 runs it: the image numbers shuffled and cut into
/// mini-batches by `mini_batches`, one `step` per mini-batch, in order; the
/// mean of the mini-batches' losses.
fn reference_epoch(
    hand: &mut DeltaNet,
    x: &Array2<f64>,
    y: &[usize],
    batch_size: usize,
    lr: f64,
    shuffle: &mut ChaCha8Rng,
    step: StepRef<'_>,
) -> f64 {
    let batches = mini_batches(x.nrows(), batch_size, shuffle);
    let mut total = 0.0;
    for batch in &batches {
        let yb: Vec<usize> = batch.iter().map(|&i| y[i]).collect();
        total += step(hand, &select_rows(x, batch), &yb, lr);
    }
    total / batches.len() as f64
}

/// The crate's stand-in for Exercise 6.8's `my_epoch`: one epoch of §6's loop
/// (`mini_batches`, then `select_rows`, the labels and one `step` per
/// mini-batch), returning the mean of the mini-batches' losses. While it runs
/// in place of the learner's loop, [`epoch`] says "not checked yet".
///
/// # Panics
/// If `batch_size` is 0 (from `mini_batches`), or a label is out of `y`'s range.
#[track_caller]
pub fn epoch_stand_in(
    hand: &mut DeltaNet,
    x: &Array2<f64>,
    y: &[usize],
    batch_size: usize,
    lr: f64,
    shuffle: &mut ChaCha8Rng,
    step: StepRef<'_>,
) -> f64 {
    EPOCH_STOOD_IN.with(|s| s.set(true));
    reference_epoch(hand, x, y, batch_size, lr, shuffle, step)
}

/// The small data set of Exercise 6.8's check: ten samples of three features
/// (every row different, so a row names its sample), for [`step_problem`]'s network.
fn epoch_data() -> (Array2<f64>, Vec<usize>) {
    let x = Array2::from_shape_fn((10, 3), |(i, j)| ((i * 7 + j * 3) % 10) as f64 / 10.0 - 0.4 + 0.01 * i as f64);
    (x, vec![0, 2, 1, 2, 0, 1, 1, 0, 2, 1])
}

/// Whether the crate's stand-in still runs in place of the learner's
/// `my_epoch`: runs it once on a small data set of its own and reports it, so
/// the training cell can say whose loop trained the network.
pub fn is_epoch_stand_in(
    mine: impl Fn(&mut DeltaNet, &Array2<f64>, &[usize], usize, f64, &mut ChaCha8Rng, StepRef<'_>) -> f64,
) -> bool {
    let (mut net, _, _) = step_problem();
    let (x, y) = epoch_data();
    let step =
        |h: &mut DeltaNet, xb: &Array2<f64>, yb: &[usize], lr: f64| reference_step(h, xb, yb, lr, cross_entropy_grad);
    let (_ran, stood_in) = watching(&EPOCH_STOOD_IN, || attempt(|| mine(&mut net, &x, &y, 4, 0.5, &mut rng(7), &step)));
    stood_in
}

/// One call of the step inside the learner's epoch: which samples (`None` for
/// a row that is no sample of the data set) and which labels it was given.
type StepCall = (Vec<Option<usize>>, Vec<usize>);

/// Exercise 6.8: one epoch of mini-batch training, written by the learner as
/// `fn my_epoch(hand, x, y, batch_size, lr, shuffle, step) -> f64`.
///
/// Run for two epochs on ten samples in mini-batches of 4 (4, 4 and 2), from a
/// seeded `shuffle`, with a step of the check's own that records what it is
/// given, and compared with §6's loop: the same mini-batches in the same order,
/// each row with its label, one step each, and the mean of their losses.
/// The usual slips are named: no shuffle, the last mini-batch dropped, a fresh
/// shuffle, the labels not those of the rows, the sum or the mean over images
/// returned, the learner's own step called instead of `step`.
pub fn epoch(
    mine: impl Fn(&mut DeltaNet, &Array2<f64>, &[usize], usize, f64, &mut ChaCha8Rng, StepRef<'_>) -> f64,
) -> Check {
    let exercise = "Exercise 6.8";
    let reread = "Re-read the loop of §6.";
    let (batch_size, lr, seed, epochs) = (4, 0.5, 7, 2);
    let (start, _, _) = step_problem();
    let (x, y) = epoch_data();
    let calls: std::cell::RefCell<Vec<StepCall>> = std::cell::RefCell::new(Vec::new());
    let losses: std::cell::RefCell<Vec<f64>> = std::cell::RefCell::new(Vec::new());
    let recording = |h: &mut DeltaNet, xb: &Array2<f64>, yb: &[usize], lr: f64| {
        let rows = xb.rows().into_iter().map(|r| x.rows().into_iter().position(|s| s == r)).collect();
        calls.borrow_mut().push((rows, yb.to_vec()));
        let loss = reference_step(h, xb, yb, lr, cross_entropy_grad);
        losses.borrow_mut().push(loss);
        loss
    };
    // The reference: §6's loop, epoch by epoch (calls, losses, returned mean, network after).
    type EpochRun = (Vec<StepCall>, Vec<f64>, f64, DeltaNet);
    let run = |f: &dyn Fn(&mut DeltaNet, &mut ChaCha8Rng) -> f64| -> Vec<EpochRun> {
        let (mut net, mut shuffle) = (start.clone(), rng(seed));
        let mut out = Vec::new();
        for _ in 0..epochs {
            calls.borrow_mut().clear();
            losses.borrow_mut().clear();
            let mean = f(&mut net, &mut shuffle);
            out.push((calls.borrow().clone(), losses.borrow().clone(), mean, net.clone()));
        }
        out
    };
    let want = run(&|net, shuffle| reference_epoch(net, &x, &y, batch_size, lr, shuffle, &recording));
    let (ran, stood_in) = watching(&EPOCH_STOOD_IN, || {
        attempt(|| run(&|net, shuffle| mine(net, &x, &y, batch_size, lr, shuffle, &recording)))
    });
    let got = match ran {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => return Check::new(exercise, Verdict::NotYet(panic_hint("my_epoch", &message))),
    };
    if stood_in {
        return Check::new(
            exercise,
            Verdict::Waiting(
                "my_epoch still calls the crate's stand-in, epoch_stand_in: replace that line with your loop, then run this check again."
                    .into(),
            ),
        );
    }
    let not_yet = |hint: String| Check::new(exercise, Verdict::NotYet(format!("{hint} {reread}")));
    let in_order: Vec<Vec<Option<usize>>> =
        (0..x.nrows()).collect::<Vec<_>>().chunks(batch_size).map(|c| c.iter().map(|&i| Some(i)).collect()).collect();
    for (k, ((calls, step_losses, mean, net), (want_calls, _, want_mean, want_net))) in
        got.iter().zip(&want).enumerate()
    {
        let which = if k == 0 { "In the first epoch" } else { "In the second epoch" };
        if calls.is_empty() {
            return not_yet(format!(
                "{which} your loop never called step, the training step passed in: call step(hand, &xb, &yb, lr) once per mini-batch (not my_hand_step by name: the check passes a step of its own)."
            ));
        }
        if calls.iter().any(|(rows, _)| rows.iter().any(Option::is_none)) {
            return not_yet(format!(
                "{which} step was given rows that are not images of x: xb is select_rows(x, batch), one row per image number of the mini-batch."
            ));
        }
        if let Some((rows, labels)) = calls.iter().find(|(rows, labels)| {
            rows.iter().zip(labels).any(|(r, l)| r.map(|i| y[i]) != Some(*l)) || rows.len() != labels.len()
        }) {
            let rows: Vec<usize> = rows.iter().flatten().copied().collect();
            return not_yet(format!(
                "{which} step was given images {rows:?} with the labels {labels:?}: yb holds the class of each image of the mini-batch, in the same order, y[i] for each image number i."
            ));
        }
        let rows: Vec<Vec<Option<usize>>> = calls.iter().map(|(r, _)| r.clone()).collect();
        let want_rows: Vec<Vec<Option<usize>>> = want_calls.iter().map(|(r, _)| r.clone()).collect();
        if rows != want_rows {
            let sizes: Vec<usize> = rows.iter().map(Vec::len).collect();
            let want_sizes: Vec<usize> = want_rows.iter().map(Vec::len).collect();
            let hint = if rows == in_order {
                format!("{which} your mini-batches take the images in order, 0, 1, 2, …: use the shuffled lists of image numbers that mini_batches(x.nrows(), batch_size, shuffle) returns.")
            } else if rows.len() + 1 == want_rows.len() && rows[..] == want_rows[..rows.len()] {
                format!("{which} step ran on {} mini-batches of {:?}, and the last one, of {} images, was left out: every image takes part in each epoch.", rows.len(), sizes, want_sizes[want_sizes.len() - 1])
            } else if rows.len() > want_rows.len() && rows.iter().all(|r| want_rows.contains(r)) {
                format!(
                    "{which} step ran {} times for {} mini-batches: call it once per mini-batch.",
                    rows.len(),
                    want_rows.len()
                )
            } else if k > 0 && got[0].0.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>() == rows {
                format!("{which} the mini-batches are those of the first epoch again: call mini_batches with the shuffle passed in, which moves on at each call, not with a fresh rng(…).")
            } else {
                format!("{which} your mini-batches (sizes {sizes:?}) are not those that mini_batches(x.nrows(), batch_size, shuffle) gives: call it once per epoch, with the shuffle passed in (not a fresh rng(…)), and run step on its lists in order.")
            };
            return not_yet(hint);
        }
        let close_net = net.weights.iter().zip(&want_net.weights).all(|(p, q)| (p - q).iter().all(|d| d.abs() <= 1e-9));
        if !close_net {
            return not_yet(format!(
                "{which} step ran on the right mini-batches, but the network's weights are not what those steps give: change hand only through step."
            ));
        }
        if !mean.is_finite() || (mean - want_mean).abs() > 1e-9 * want_mean.abs().max(1.0) {
            let sum: f64 = step_losses.iter().sum();
            let weighted: f64 =
                step_losses.iter().zip(calls).map(|(l, (r, _))| l * r.len() as f64).sum::<f64>() / x.nrows() as f64;
            let near = |v: f64| (mean - v).abs() <= 1e-9 * v.abs().max(1.0);
            let hint = if near(sum) {
                format!("{which} you returned the sum of the {} mini-batches' losses: divide it by their number, batches.len().", calls.len())
            } else if near(sum / x.nrows() as f64) {
                format!("{which} you divided the sum of the losses by the number of images, {}; each loss is already a mean over its mini-batch, so divide by the number of mini-batches, batches.len().", x.nrows())
            } else if near(weighted) {
                format!("{which} you weighted each mini-batch's loss by its size: §6 takes the plain mean over the mini-batches, total / batches.len(); use it, so the two paths compare.")
            } else if near(step_losses[step_losses.len() - 1]) {
                format!("{which} you returned the last mini-batch's loss: add up every mini-batch's loss, then divide by their number.")
            } else if near(step_losses[0]) {
                format!("{which} you returned the first mini-batch's loss: add up every mini-batch's loss, then divide by their number.")
            } else {
                format!("{which} the mini-batches and the weights are right, but the number returned is not the mean of the mini-batches' losses.")
            };
            return not_yet(hint);
        }
    }
    Check::new(
        exercise,
        Verdict::Correct(
            "Two epochs of your loop run the step on the mini-batches that mini_batches gives, in their order, each image with its class, and return the mean of their losses: §6's loop, around your step."
                .into(),
        ),
    )
}

/// The provenance line of §7's training cell: whose epoch loop, training step,
/// δ2, backward pass and softmax trained the hand-written network. Each
/// function is run once on a small problem of its own ([`is_epoch_stand_in`],
/// [`is_stand_in`], [`is_written`], [`is_backward_written`],
/// [`is_softmax_stand_in`]); the line names the learner's functions first, then
/// those the crate's code still stands in for (a stand-in line, or a body that
/// is still `todo!()`), as in "trained with: your my_epoch and my_hand_step; the
/// crate's code in place of my_ce_grad, my_backward and my_softmax (yours
/// replace it once written)".
pub fn trained_with(
    epoch: impl Fn(&mut DeltaNet, &Array2<f64>, &[usize], usize, f64, &mut ChaCha8Rng, StepRef<'_>) -> f64,
    step: impl Fn(&mut DeltaNet, &Array2<f64>, &[usize], f64) -> f64,
    ce_grad: impl Fn(&Array2<f64>, &[usize]) -> Array2<f64>,
    backward: impl Fn(&DeltaNet, &[LayerCache], &Array2<f64>) -> Vec<LayerGrads>,
    softmax: impl Fn(&Array1<f64>) -> Array1<f64>,
) -> String {
    let stood_in = [
        is_epoch_stand_in(epoch),
        is_stand_in(step),
        !is_written(ce_grad),
        !is_backward_written(backward),
        is_softmax_stand_in(softmax),
    ];
    let names = ["my_epoch", "my_hand_step", "my_ce_grad", "my_backward", "my_softmax"];
    let listed = |which: bool| -> String {
        let picked: Vec<&str> = names.iter().zip(stood_in).filter(|(_, s)| *s == which).map(|(n, _)| *n).collect();
        match picked.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    };
    let (yours, crates) = (listed(false), listed(true));
    match (yours.is_empty(), crates.is_empty()) {
        (_, true) => format!("trained with: your {yours}"),
        (true, false) => format!("trained with: the crate's code in place of {crates} (yours replace it once written)"),
        (false, false) => {
            format!("trained with: your {yours}; the crate's code in place of {crates} (yours replace it once written)")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hand_step_in_every_case() {
        type Step = fn(&mut DeltaNet, &Array2<f64>, &[usize], f64) -> f64;
        fn right(h: &mut DeltaNet, x: &Array2<f64>, y: &[usize], lr: f64) -> f64 {
            let caches = h.forward(x);
            let loss = cross_entropy(&caches[1].a, y);
            let grads = h.backward_from_delta(&caches, &cross_entropy_grad(&caches[1].a, y));
            h.step(&grads, lr);
            loss
        }
        assert!(hand_step(right).passed(), "{}", hand_step(right).to_text());
        let stand_in: Step = |h, x, y, lr| hand_step_stand_in(h, x, y, lr, cross_entropy_grad, no_backward);
        let text = hand_step(stand_in).to_text();
        assert!(text.contains("not checked yet") && !hand_step(stand_in).passed(), "{text}");
        let todo: Step = |_, _, _, _| todo!();
        assert_eq!(hand_step(todo).verdict, Verdict::NotAttempted);
        // A step that calls Exercise 6.6's my_ce_grad while it is still todo!() is told so.
        fn my_ce_grad(logits: &Array2<f64>, labels: &[usize]) -> Array2<f64> {
            todo!("δ2 for {} images and {} labels", logits.nrows(), labels.len())
            // the lesson's template
        }
        let calls_todo_ce_grad: Step = |h, x, y, lr| {
            let caches = h.forward(x);
            let loss = cross_entropy(&caches[1].a, y);
            let grads = h.backward_from_delta(&caches, &my_ce_grad(&caches[1].a, y));
            h.step(&grads, lr);
            loss
        };
        let text = hand_step(calls_todo_ce_grad).to_text();
        assert!(text.contains("calls my_ce_grad, which is still todo!()"), "{text}");
        assert_ne!(hand_step(calls_todo_ce_grad).verdict, Verdict::NotAttempted);
        // The mismatch hint names the first wrong link: δ2 taken from the wrong labels.
        let wrong_labels: Step = |h, x, y, lr| {
            let caches = h.forward(x);
            let loss = cross_entropy(&caches[1].a, y);
            let shifted: Vec<usize> = y.iter().map(|&c| (c + 1) % 3).collect();
            let grads = h.backward_from_delta(&caches, &cross_entropy_grad(&caches[1].a, &shifted));
            h.step(&grads, lr);
            loss
        };
        let text = hand_step(wrong_labels).to_text();
        assert!(text.contains("look first at δ2") && !text.contains("hand.step(&grads, lr)"), "{text}");
        // Only the output layer updated: the hint names the learner's my_backward, not the crate's function.
        let output_only: Step = |h, x, y, lr| {
            let caches = h.forward(x);
            let loss = cross_entropy(&caches[1].a, y);
            let mut grads = h.backward_from_delta(&caches, &cross_entropy_grad(&caches[1].a, y));
            grads[0].dl_dw.fill(0.0);
            grads[0].dl_db.fill(0.0);
            h.step(&grads, lr);
            loss
        };
        let text = hand_step(output_only).to_text();
        assert!(text.contains("the hidden layer's are not") && text.contains("my_backward(hand"), "{text}");
        assert!(!text.contains("backward_from_delta"), "{text}");
        let no_update: Step = |h, x, y, _| cross_entropy(&h.forward(x)[1].a, y);
        assert!(hand_step(no_update).to_text().contains("did not move"));
        let double: Step = |h, x, y, lr| right(h, x, y, 2.0 * lr);
        assert!(hand_step(double).to_text().contains("twice as far"), "{}", hand_step(double).to_text());
        let no_mean: Step = |h, x, y, lr| {
            let caches = h.forward(x);
            let loss = cross_entropy(&caches[1].a, y);
            let grads = h.backward_from_delta(&caches, &(cross_entropy_grad(&caches[1].a, y) * x.nrows() as f64));
            h.step(&grads, lr);
            loss
        };
        assert!(hand_step(no_mean).to_text().contains("Exercise 6.6"));
        let late_loss: Step = |h, x, y, lr| {
            right(h, x, y, lr);
            cross_entropy(&h.forward(x)[1].a, y)
        };
        assert!(hand_step(late_loss).to_text().contains("before the update"));
        let nan: Step = |h, x, y, lr| {
            right(h, x, y, lr);
            f64::NAN
        };
        assert!(hand_step(nan).to_text().contains("NaN"));
    }

    #[test]
    fn the_push_on_the_logits() {
        let z = array![[1.0, 2.0, 0.5]];
        let check = |i: Option<usize>, s: Option<f64>| logit_push(i, s, &z, 2);
        assert_eq!(check(None, None).verdict, Verdict::NotAttempted);
        // Right: z1 and 0, to rounding, or a sum computed with its rounding error.
        for s in [0.0, -0.0, 1e-17, -5.6e-17, 0.0001] {
            assert!(check(Some(1), Some(s)).passed(), "{s}: {}", check(Some(1), Some(s)).to_text());
        }
        // The slips, each named, never the answer.
        let texts = [
            (check(Some(2), Some(0.0)), "true class"),
            (check(Some(0), Some(0.0)), "not the hardest"),
            (check(Some(3), Some(0.0)), "numbered 0 to 2"),
            (check(Some(1), Some(1.0)), "1 is what the probabilities add up to"),
            (check(Some(1), Some(-1.0)), "−y alone"),
            (check(Some(1), Some(2.0)), "instead of taking it away"),
            (check(Some(1), Some(0.5)), "what do the p's add up to"),
            (check(Some(1), Some(f64::NAN)), "NaN"),
            (check(Some(1), Some(f64::INFINITY)), "inf"),
            (check(Some(1), None), "Give the sum too"),
            (check(None, Some(0.0)), "Give the index too"),
            (check(Some(2), Some(1.0)), "Index: "),
        ];
        for (c, piece) in texts {
            let text = c.to_text();
            assert!(!c.passed() && text.contains(piece), "{piece}: {text}");
            assert!(
                !text.contains("z₁") && !text.contains("is 1") && !text.contains("= 0"),
                "never the answer: {text}"
            );
        }
        assert!(check(Some(2), Some(0.0)).to_text().contains("The sum is right"));
        assert!(check(Some(1), Some(1.0)).to_text().contains("The index is right"));
        // It follows the parameters cell: four logits, class 1 (the test's override): z2 is the largest wrong one.
        let four = array![[0.5, -1.0, 3.0, 0.0]];
        assert!(logit_push(Some(2), Some(0.0), &four, 1).passed());
        assert!(!logit_push(Some(1), Some(0.0), &four, 1).passed());
        // When the true class has the largest logit, the push goes to the runner-up.
        assert!(logit_push(Some(0), Some(0.0), &array![[1.0, 0.0, 2.0]], 2).passed());
    }

    #[test]
    fn the_gradient_noise_prediction() {
        let stored = [0.59, 0.589, 0.508, 0.162, 0.626];
        assert_eq!(gradient_noise(None, &stored).verdict, Verdict::NotAttempted);
        let right = gradient_noise(Some(false), &stored);
        assert!(right.passed() && right.to_text().contains("between 0.16 and 0.63"), "{}", right.to_text());
        let wrong = gradient_noise(Some(true), &stored);
        assert!(!wrong.passed() && wrong.to_text().contains("a different few"), "{}", wrong.to_text());
        assert!(!wrong.to_text().contains("0.16"), "no cosine before a right prediction");
        // Large mini-batches: every cosine above 0.9, and the check follows the learner's run.
        let large = [0.97, 0.95, 0.99];
        assert!(gradient_noise(Some(true), &large).passed());
        assert!(gradient_noise(Some(false), &large).to_text().contains("batch_size"));
        assert!(!gradient_noise(Some(false), &[0.5, f64::NAN]).passed());
        assert!(!gradient_noise(Some(false), &[]).passed());
    }

    #[test]
    fn whose_training_step_ran() {
        let stand_in = |h: &mut DeltaNet, x: &Array2<f64>, y: &[usize], lr: f64| {
            hand_step_stand_in(h, x, y, lr, cross_entropy_grad, no_backward)
        };
        assert!(is_stand_in(stand_in));
        let own =
            |h: &mut DeltaNet, x: &Array2<f64>, y: &[usize], lr: f64| reference_step(h, x, y, lr, cross_entropy_grad);
        assert!(!is_stand_in(own));
    }

    #[test]
    fn the_full_batch_prediction() {
        let stored = |a| full_batch_prediction(a, 0.896936, 0.966574, 1438, 32, 30);
        assert!(stored(Some(true)).passed());
        assert!(!stored(Some(false)).passed());
        assert_eq!(stored(None).verdict, Verdict::NotAttempted);
        let told = stored(Some(true)).to_text();
        assert!(told.contains("30 steps instead of 1,350") && told.contains("45 times fewer"), "{told}");
        let one = full_batch_prediction(Some(true), 0.09, 0.64, 1438, 32, 1).to_text();
        assert!(one.contains("makes 1 step instead of 45"), "{one}");
        assert!(told.contains("with your settings") || told.contains("With your settings"), "{told}");
        assert!(stored(Some(false)).to_text().contains("all 1,438 images"));
        // Other parameters: the hints count from them (1,348 images in batches of 16: 85 per epoch, 25 epochs).
        let other = full_batch_prediction(Some(true), 0.9, 0.95, 1348, 16, 25).to_text();
        assert!(other.contains("25 steps instead of 2,125") && other.contains("85 times fewer"), "{other}");
        assert!(full_batch_prediction(Some(false), 0.9, 0.95, 1348, 16, 25).to_text().contains("mini-batches of 16"));
        // A run where the full batch did not score lower: the learner's run decides.
        let not_lower = |a| full_batch_prediction(a, 0.96, 0.95, 1438, 32, 300);
        assert!(not_lower(Some(false)).passed());
        let text = not_lower(Some(true)).to_text();
        assert!(!not_lower(Some(true)).passed() && text.contains("did as well") && !text.contains("0.96"), "{text}");
        assert!(not_lower(Some(false)).to_text().contains("0.96"), "the run is printed once the prediction is right");
    }

    #[test]
    fn the_batch_of_two() {
        let e = batch_of_two_exercise();
        assert!((e.right + 0.380027).abs() < 1e-5, "{}", e.right);
        assert!(batch_of_two_entry(Some(-0.380)).passed());
        assert!(batch_of_two_entry(Some(-0.760)).to_text().contains("for the second image alone"), "no 1/B");
        assert_eq!(batch_of_two_entry(None).verdict, Verdict::NotAttempted);
    }

    /// The lesson's network and its first 8 training images, as the overfit cell builds them.
    fn lesson_batch(seed: u64, share: f64, hidden: usize) -> (DeltaNet, Array2<f64>, Vec<usize>) {
        use crate::data::{digits, select_rows, stratified_split};
        use crate::maths::{pytorch_init, rng};
        let data = digits();
        let (train_idx, _) = stratified_split(&data.labels, share, &mut rng(seed));
        let first8 = &train_idx[..8];
        let x = select_rows(&data.scaled(), first8);
        let y: Vec<usize> = first8.iter().map(|&i| data.labels[i]).collect();
        let mut init = rng(seed + 1);
        let (w1, b1) = pytorch_init(64, hidden, &mut init);
        let (w2, b2) = pytorch_init(hidden, 10, &mut init);
        (DeltaNet::new(vec![w1, w2], vec![b1, b2], vec![Activation::Relu, Activation::Identity]), x, y)
    }

    #[test]
    fn overfitting_one_batch() {
        type Step = fn(&mut DeltaNet, &Array2<f64>, &[usize], f64) -> f64;
        let right: Step = |h, x, y, lr| reference_step(h, x, y, lr, cross_entropy_grad);
        for (seed, share, hidden, lr) in [(0, 0.2, 32, 0.5), (3, 0.25, 64, 0.4)] {
            let (net, x, y) = lesson_batch(seed, share, hidden);
            let c = overfit_one_batch(right, net, &x, &y, lr);
            assert!(c.passed() && c.to_text().contains("loss by step (1: "), "{}", c.to_text());
        }
        let (net, x, y) = lesson_batch(0, 0.2, 32);
        let stand_in: Step = |h, x, y, lr| hand_step_stand_in(h, x, y, lr, cross_entropy_grad, no_backward);
        let text = overfit_one_batch(stand_in, net.clone(), &x, &y, 0.5).to_text();
        assert!(text.contains("not checked yet") && !text.contains("loss by step"), "{text}");
        let todo: Step = |_, _, _, _| todo!();
        assert_eq!(overfit_one_batch(todo, net.clone(), &x, &y, 0.5).verdict, Verdict::NotAttempted);
        let no_update: Step = |h, x, y, _| cross_entropy(&h.forward(x)[1].a, y);
        assert!(overfit_one_batch(no_update, net.clone(), &x, &y, 0.5).to_text().contains("does not fall"));
        let slow: Step = |h, x, y, lr| reference_step(h, x, y, lr / 100.0, cross_entropy_grad);
        assert!(overfit_one_batch(slow, net.clone(), &x, &y, 0.5).to_text().contains("not below"));
        let nan: Step = |h, x, y, lr| {
            reference_step(h, x, y, lr, cross_entropy_grad);
            f64::NAN
        };
        assert!(overfit_one_batch(nan, net.clone(), &x, &y, 0.5).to_text().contains("NaN at step 1"));
        // A right step at an lr that cannot pass: the hint blames lr, not the step.
        let small = overfit_one_batch(right, net.clone(), &x, &y, 0.005);
        assert!(matches!(small.verdict, Verdict::Waiting(_)), "{}", small.to_text());
        assert!(
            small.to_text().contains("lr = 0.005") && small.to_text().contains("a smaller lr needs more steps"),
            "{}",
            small.to_text()
        );
        let huge = overfit_one_batch(right, net.clone(), &x, &y, 1e300);
        assert!(matches!(huge.verdict, Verdict::Waiting(_)), "{}", huge.to_text());
        assert!(huge.to_text().contains("too large"), "{}", huge.to_text());
        // A buggy step at a small lr is not called right either.
        let still_buggy = overfit_one_batch(no_update, net, &x, &y, 0.005);
        assert!(!still_buggy.passed(), "{}", still_buggy.to_text());
    }

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
        // m = z[0] passes every case whose largest logit comes first, not [0, 1000, −1000].
        let first = stable_softmax(|z: &Array1<f64>| {
            let e = z.mapv(|v| (v - z[0]).exp());
            let total = e.sum();
            e / total
        })
        .to_text();
        assert!(
            first.contains("[0, 1000, -1000]") && first.contains("first logit is not always the largest"),
            "{first}"
        );
        assert!(!naive.to_text().contains("first logit"), "the direct way gets the plain hint");
        assert!(stable_softmax(|z: &Array1<f64>| z.mapv(f64::exp)).to_text().contains("sum to"));
        // Numbers that sum to 1 without being softmax get their own hint, never "sum to 1.000000".
        let uniform = stable_softmax(|z: &Array1<f64>| z.mapv(|_| 1.0 / z.len() as f64)).to_text();
        assert!(uniform.contains("sum to 1 but are not softmax") && !uniform.contains("1.000000"), "{uniform}");
        assert_eq!(stable_softmax(|_: &Array1<f64>| todo!()).verdict, Verdict::NotAttempted);
        let waiting = stable_softmax(softmax_stand_in);
        assert!(matches!(waiting.verdict, Verdict::Waiting(_)), "the stand-in is not an answer");
        assert!(waiting.to_text().contains("not checked yet") && waiting.to_text().contains("softmax_stand_in"));
        assert!(is_softmax_stand_in(softmax_stand_in) && !is_softmax_stand_in(softmax));
        assert!(stable_softmax(softmax).passed(), "the flag does not outlive its check");
        assert!(stable_softmax(|z: &Array1<f64>| z.mapv(|_| f64::NAN)).to_text().contains("NaN"));
        assert!(stable_softmax(|z: &Array1<f64>| z.mapv(|_| f64::INFINITY)).to_text().contains("+∞"));
        assert!(stable_softmax(|z: &Array1<f64>| array![z[2]]).to_text().contains("panicked"));
    }

    #[test]
    fn the_last_batch() {
        let stored = |a| last_batch_size(a, 1438, 32);
        assert!(stored(Some(30)).passed());
        assert!(stored(Some(32)).to_text().contains("divide 1438 exactly"));
        assert!(stored(Some(45)).to_text().contains("counts mini-batches"));
        assert!(stored(Some(44)).to_text().contains("counts mini-batches"));
        assert!(stored(Some(2)).to_text().contains("short of a full one"));
        assert!(stored(Some(1438)).to_text().contains("never holds more"));
        assert!(stored(Some(7)).to_text().contains("as many full mini-batches"));
        assert_eq!(stored(None).verdict, Verdict::NotAttempted);
        // Other parameters: the check follows them.
        assert!(last_batch_size(Some(38), 1438, 50).passed(), "1438 = 28·50 + 38");
        assert!(last_batch_size(Some(30), 1438, 50).to_text().contains("not yet"));
        assert!(last_batch_size(Some(16), 1440, 16).passed(), "16 divides 1440");
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
    fn the_backward_sweep_names_each_slip() {
        use crate::by_hand::{LayerCache, LayerGrads};
        let relu_mask = |z: &Array2<f64>| z.mapv(|v| if v > 0.0 { 1.0 } else { 0.0 });
        let layer2 = |caches: &[LayerCache], d2: &Array2<f64>| LayerGrads {
            delta: d2.clone(),
            dl_dw: d2.t().dot(&caches[1].input),
            dl_db: d2.sum_axis(ndarray::Axis(0)),
        };
        let right = |hand: &DeltaNet, caches: &[LayerCache], d2: &Array2<f64>| {
            let d1 = d2.dot(&hand.weights[1]) * relu_mask(&caches[0].z);
            let l1 =
                LayerGrads { dl_dw: d1.t().dot(&caches[0].input), dl_db: d1.sum_axis(ndarray::Axis(0)), delta: d1 };
            vec![l1, layer2(caches, d2)]
        };
        assert!(backward_sweep(right).passed(), "{}", backward_sweep(right).to_text());
        assert!(backward_sweep(|h: &DeltaNet, c: &[LayerCache], d: &Array2<f64>| h.backward_from_delta(c, d)).passed());
        let todo = |_: &DeltaNet, _: &[LayerCache], d2: &Array2<f64>| -> Vec<LayerGrads> {
            todo!("the backward pass from δ2 ({} × {})", d2.nrows(), d2.ncols())
        };
        assert_eq!(backward_sweep(todo).verdict, Verdict::NotAttempted);
        let says = |mine: &Sweep, words: &str| {
            let text = sweep_check(mine).to_text();
            assert!(text.contains(words) && !sweep_check(mine).passed(), "{words}: {text}");
        };
        // The hidden layer has units both on and off, so the mask matters.
        let (net, x, _) = sweep_problem();
        let z1 = &net.forward(&x)[0].z;
        assert!(z1.iter().any(|&z| z > 0.0) && z1.iter().any(|&z| z < 0.0), "{z1}");
        let unmasked = |hand: &DeltaNet, caches: &[LayerCache], d2: &Array2<f64>| {
            let d1 = d2.dot(&hand.weights[1]);
            let l1 =
                LayerGrads { dl_dw: d1.t().dot(&caches[0].input), dl_db: d1.sum_axis(ndarray::Axis(0)), delta: d1 };
            vec![l1, layer2(caches, d2)]
        };
        says(&unmasked, "ReLU's slope left out");
        let times_z = |hand: &DeltaNet, caches: &[LayerCache], d2: &Array2<f64>| {
            let d1 = d2.dot(&hand.weights[1]) * &caches[0].z;
            let l1 =
                LayerGrads { dl_dw: d1.t().dot(&caches[0].input), dl_db: d1.sum_axis(ndarray::Axis(0)), delta: d1 };
            vec![l1, layer2(caches, d2)]
        };
        says(&times_z, "not z1");
        let transposed = |hand: &DeltaNet, caches: &[LayerCache], d2: &Array2<f64>| {
            let mut g = right(hand, caches, d2);
            g[0].dl_dw = caches[0].input.t().dot(&g[0].delta);
            g
        };
        says(&transposed, "the transpose");
        let averaged = |hand: &DeltaNet, caches: &[LayerCache], d2: &Array2<f64>| {
            let mut g = right(hand, caches, d2);
            g[0].dl_db = g[0].delta.mean_axis(ndarray::Axis(0)).unwrap();
            g
        };
        says(&averaged, "5 times too small");
        let row_sums = |hand: &DeltaNet, caches: &[LayerCache], d2: &Array2<f64>| {
            let mut g = right(hand, caches, d2);
            g[1].dl_db = d2.sum_axis(ndarray::Axis(1));
            g
        };
        says(&row_sums, "not the row sums");
        let swapped = |hand: &DeltaNet, caches: &[LayerCache], d2: &Array2<f64>| {
            let mut g = right(hand, caches, d2);
            g.reverse();
            g
        };
        says(&swapped, "wrong order");
        let one = |hand: &DeltaNet, caches: &[LayerCache], d2: &Array2<f64>| vec![right(hand, caches, d2).remove(1)];
        says(&one, "return two");
        let no_transpose = |hand: &DeltaNet, caches: &[LayerCache], d2: &Array2<f64>| {
            let mut g = right(hand, caches, d2);
            g[1].dl_dw = d2.dot(&caches[1].input);
            g
        };
        says(&no_transpose, "write each product's shapes out");
        // A step that calls a todo!() my_backward is told so, not "not attempted".
        let step = |hand: &mut DeltaNet, xb: &Array2<f64>, yb: &[usize], lr: f64| {
            let caches = hand.forward(xb);
            let loss = cross_entropy(&caches[1].a, yb);
            let d2 = cross_entropy_grad(&caches[1].a, yb);
            let grads = todo(hand, &caches, &d2);
            hand.step(&grads, lr);
            loss
        };
        assert!(
            hand_step(step).to_text().contains("calls my_backward, which is still todo!()"),
            "{}",
            hand_step(step).to_text()
        );
    }

    #[test]
    fn the_wrong_class_slope_and_the_blank_pixels() {
        let p = softmax(&Array1::from(SLOPE_LOGITS.to_vec()));
        assert!(wrong_class_slope(Some(p[1])).passed());
        assert_eq!(wrong_class_slope(None).verdict, Verdict::NotAttempted);
        assert!(wrong_class_slope(Some(p[1] - 1.0)).to_text().contains("contributes 0"));
        assert!(wrong_class_slope(Some(-p[1])).to_text().contains("sign is flipped"));
        assert!(wrong_class_slope(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(wrong_class_slope(Some(0.690)).passed(), "right to 3 figures");
        let zero = wrong_class_slope(Some(0.0)).to_text();
        assert!(zero.contains("not the true class, yet it is in the loss") && !zero.contains("0.69"), "{zero}");
        assert!(wrong_class_slope(Some(4.48)).to_text().contains("e^(z₁) alone"));
        assert!(blank_pixel_weights(Some(false)).passed());
    }

    #[test]
    fn the_experiment() {
        assert_eq!(experiment(None, 4, 0.5, 0.95, 0.905).verdict, Verdict::NotAttempted);
        assert!(!experiment(None, 4, 0.5, 0.95, 0.905).to_text().contains("0.95"), "no result before a prediction");
        let right = experiment(Some(true), 4, 0.5, 0.95, 0.905);
        assert!(
            right.passed() && right.to_text().contains("beats the closest class mean = true"),
            "{}",
            right.to_text()
        );
        let wrong = experiment(Some(true), 2, 0.01, 0.5, 0.905);
        assert!(
            !wrong.passed() && wrong.to_text().contains("beats the closest class mean = false"),
            "{}",
            wrong.to_text()
        );
        assert!(experiment(Some(false), 2, 0.01, 0.5, 0.905).passed());
        assert!(experiment(Some(false), 4, 50.0, f64::NAN, 0.905).to_text().contains("blew up"));
        assert!(blank_pixel_weights(Some(false)).passed());
        assert_eq!(blank_pixel_weights(None).verdict, Verdict::NotAttempted);
        assert!(blank_pixel_weights(Some(true)).to_text().contains("x_k = 0"));
    }

    #[test]
    fn the_digit_recall() {
        // 8 is missed most (2 of its 5); 3 is answered 8 once, so column 8 sums to 4.
        let labels = [8, 8, 8, 8, 8, 1, 0, 3, 5];
        let predicted = [5, 5, 8, 8, 8, 4, 2, 8, 5];
        let check = |a| digit_recall(a, &labels, &predicted);
        assert!(check(Some(0.6)).passed(), "{}", check(Some(0.6)).to_text());
        assert_eq!(check(None).verdict, Verdict::NotAttempted);
        assert!(check(Some(0.75)).to_text().contains("sum of column 8"));
        assert!(check(Some(0.4)).to_text().contains("got wrong"));
        assert!(check(Some(0.333)).to_text().contains("all 9 test images"));
        assert!(check(Some(0.444)).to_text().contains("every test image"));
        assert!(check(Some(60.0)).to_text().contains("percentage"));
        // 3 of the 8s over another row's size: 1 (the 0s), 3/1 = 3 is far off; over 2? no row of 2, so a run where it is:
        let (labels2, predicted2) = ([8, 8, 8, 8, 8, 1, 1, 1, 1, 1, 1], [5, 5, 8, 8, 8, 1, 1, 1, 1, 1, 1]);
        let other = digit_recall(Some(0.5), &labels2, &predicted2).to_text();
        assert!(other.contains("divides by 6, another digit's number"), "{other}");
        assert!(!other.contains("0.6"), "never the answer: {other}");
        assert!(check(Some(f64::NAN)).to_text().contains("NaN"));
        for wrong in [0.75, 0.4, 0.333, 0.1] {
            assert!(!check(Some(wrong)).to_text().contains("0.6"), "never the answer");
        }
        assert!(digit_recall(Some(1.0), &[1, 2], &[1, 2]).passed(), "no mistakes: every share is 1");
    }

    /// A learner's epoch loop, as the tests hand it over.
    type Epoch = fn(&mut DeltaNet, &Array2<f64>, &[usize], usize, f64, &mut ChaCha8Rng, StepRef<'_>) -> f64;

    /// One epoch over the given mini-batches, returning what `finish` makes of the losses and batch sizes.
    fn over(
        h: &mut DeltaNet,
        x: &Array2<f64>,
        y: &[usize],
        lr: f64,
        step: StepRef<'_>,
        batches: Vec<Vec<usize>>,
        finish: fn(&[f64], &[usize]) -> f64,
    ) -> f64 {
        let mut losses = Vec::new();
        for b in &batches {
            let yb: Vec<usize> = b.iter().map(|&i| y[i]).collect();
            losses.push(step(h, &select_rows(x, b), &yb, lr));
        }
        finish(&losses, &batches.iter().map(Vec::len).collect::<Vec<_>>())
    }

    fn mean(l: &[f64], _: &[usize]) -> f64 {
        l.iter().sum::<f64>() / l.len() as f64
    }

    #[test]
    fn the_epoch_in_every_case() {
        let right: Epoch = |h, x, y, bs, lr, sh, step| over(h, x, y, lr, step, mini_batches(x.nrows(), bs, sh), mean);
        assert!(epoch(right).passed(), "{}", epoch(right).to_text());
        let says = |f: Epoch, what: &str| {
            let text = epoch(f).to_text();
            assert!(text.contains(what) && !epoch(f).passed(), "expected `{what}`: {text}");
        };
        says(|h, x, y, bs, lr, sh, step| epoch_stand_in(h, x, y, bs, lr, sh, step), "not checked yet");
        assert_eq!(epoch(|_, _, _, _, _, _, _| todo!()).verdict, Verdict::NotAttempted);
        let in_order: Epoch = |h, x, y, bs, lr, _, step| {
            let all: Vec<usize> = (0..x.nrows()).collect();
            over(h, x, y, lr, step, all.chunks(bs).map(<[usize]>::to_vec).collect(), mean)
        };
        says(in_order, "in order");
        let dropped: Epoch = |h, x, y, bs, lr, sh, step| {
            let full = mini_batches(x.nrows(), bs, sh).into_iter().filter(|b| b.len() == bs).collect();
            over(h, x, y, lr, step, full, mean)
        };
        says(dropped, "was left out");
        says(
            |h, x, y, bs, lr, _, step| over(h, x, y, lr, step, mini_batches(x.nrows(), bs, &mut rng(7)), mean),
            "first epoch again",
        );
        says(
            |h, x, y, bs, lr, _, step| over(h, x, y, lr, step, mini_batches(x.nrows(), bs, &mut rng(0)), mean),
            "not those",
        );
        says(
            |h, x, y, bs, lr, sh, step| over(h, x, y, lr, step, mini_batches(x.nrows(), bs, sh), |l, _| l.iter().sum()),
            "the sum",
        );
        says(
            |h, x, y, bs, lr, sh, step| {
                over(h, x, y, lr, step, mini_batches(x.nrows(), bs, sh), |l, _| l.iter().sum::<f64>() / 10.0)
            },
            "number of images",
        );
        fn weighted(l: &[f64], n: &[usize]) -> f64 {
            l.iter().zip(n).map(|(a, &b)| a * b as f64).sum::<f64>() / 10.0
        }
        says(
            |h, x, y, bs, lr, sh, step| over(h, x, y, lr, step, mini_batches(x.nrows(), bs, sh), weighted),
            "weighted",
        );
        says(
            |h, x, y, bs, lr, sh, step| over(h, x, y, lr, step, mini_batches(x.nrows(), bs, sh), |l, _| l[l.len() - 1]),
            "last mini-batch's loss",
        );
        let wrong_labels: Epoch = |h, x, y, bs, lr, sh, step| {
            let shifted: Vec<usize> = (0..y.len()).map(|i| y[(i + 1) % y.len()]).collect();
            over(h, x, &shifted, lr, step, mini_batches(x.nrows(), bs, sh), mean)
        };
        says(wrong_labels, "the class of each image");
        let own_step: Epoch = |h, x, y, bs, lr, sh, _| {
            let step = |h: &mut DeltaNet, xb: &Array2<f64>, yb: &[usize], lr: f64| {
                reference_step(h, xb, yb, lr, cross_entropy_grad)
            };
            over(h, x, y, lr, &step, mini_batches(x.nrows(), bs, sh), mean)
        };
        says(own_step, "never called step");
        let twice: Epoch = |h, x, y, bs, lr, sh, step| {
            let b = mini_batches(x.nrows(), bs, sh);
            over(h, x, y, lr, step, b.iter().flat_map(|b| [b.clone(), b.clone()]).collect(), mean)
        };
        says(twice, "once per mini-batch");
        says(
            |h, x, y, bs, lr, sh, step| over(h, x, y, lr, step, mini_batches(x.nrows(), bs, sh), |_, _| f64::NAN),
            "not the mean",
        );
        let panics: Epoch = |_, x, _, _, _, _, _| x[[99, 0]];
        says(panics, "panicked");
    }

    #[test]
    fn whose_epoch_ran() {
        let stand_in: Epoch = |h, x, y, bs, lr, sh, step| epoch_stand_in(h, x, y, bs, lr, sh, step);
        assert!(is_epoch_stand_in(stand_in));
        let own: Epoch = |h, x, y, bs, lr, sh, step| reference_epoch(h, x, y, bs, lr, sh, step);
        assert!(!is_epoch_stand_in(own));
        // A fn item with the lesson's signature, as the notebook hands it over.
        #[allow(clippy::too_many_arguments, clippy::type_complexity)]
        fn my_epoch(
            hand: &mut DeltaNet,
            x: &Array2<f64>,
            y: &[usize],
            batch_size: usize,
            lr: f64,
            shuffle: &mut ChaCha8Rng,
            step: &dyn Fn(&mut DeltaNet, &Array2<f64>, &[usize], f64) -> f64,
        ) -> f64 {
            epoch_stand_in(hand, x, y, batch_size, lr, shuffle, step)
        }
        assert!(is_epoch_stand_in(my_epoch));
        assert!(epoch(my_epoch).to_text().contains("not checked yet"));
        fn my_hand_step(hand: &mut DeltaNet, xb: &Array2<f64>, yb: &[usize], lr: f64) -> f64 {
            reference_step(hand, xb, yb, lr, cross_entropy_grad)
        }
        let (mut net, _, _) = step_problem();
        let (x, y) = epoch_data();
        assert!(my_epoch(&mut net, &x, &y, 4, 0.5, &mut rng(7), &my_hand_step).is_finite());
    }

    #[test]
    fn finite_lines_counts_the_direct_lines() {
        let lesson = array![[1.0, 2.0, 0.5]];
        assert_eq!(finite_lines(None, &lesson, 2).verdict, Verdict::NotAttempted);
        assert!(finite_lines(Some(0), &lesson, 2).passed());
        for (slip, named) in [(2, "709"), (1, "inf"), (4, "0, 1 or 2")] {
            let text = finite_lines(Some(slip), &lesson, 2).to_text();
            assert!(!finite_lines(Some(slip), &lesson, 2).passed() && text.contains(named), "{slip}: {text}");
        }
    }

    #[test]
    fn finite_lines_reads_the_logits_it_is_given() {
        // Below about −291 the shifted logits stay under 709: both direct lines are finite.
        let low = array![[-400.0, -300.0, -350.0]];
        assert!(finite_lines(Some(2), &low, 0).passed());
        let text = finite_lines(Some(0), &low, 0).to_text();
        assert!(!finite_lines(Some(0), &low, 0).passed() && text.contains("709"), "{text}");
        // Far below, every e^z underflows to 0 and softmax computed directly is 0/0: one line.
        let very_low = array![[-2000.0, -1900.0, -1950.0]];
        assert!(finite_lines(Some(1), &very_low, 1).passed());
        let text = finite_lines(Some(2), &very_low, 1).to_text();
        assert!(!finite_lines(Some(2), &very_low, 1).passed() && text.contains("0 divided"), "{text}");
        // A two-row batch is read too: the first row overflows.
        assert!(finite_lines(Some(0), &array![[1.0, 2.0], [-500.0, -400.0]], 0).passed());
    }

    #[test]
    fn baseline_right_counts_images() {
        // Six test 8s: the network misses images 0, 1, 2 (answers 5, 5, 1), the baseline 1, 2, 3, 4 (answers 5, 1, 9, 9):
        // of the network's three, the baseline answered image 0 right; images 1 and 2 fooled both, with the same answers.
        let labels = [8, 8, 8, 8, 8, 8, 3];
        let net = [5, 5, 1, 8, 8, 8, 3];
        let base = [8, 5, 1, 9, 9, 8, 3];
        let check = |a| baseline_right(a, 8, &labels, &base, &net);
        assert_eq!(check(None).verdict, Verdict::NotAttempted);
        let text = check(Some(1)).to_text();
        assert!(check(Some(1)).passed() && text.contains("makes fewer mistakes on 8s"), "{text}");
        let all = check(Some(3)).to_text();
        assert!(!check(Some(3)).passed() && all.contains("all the network's wrong 8s"), "{all}");
        // The misreading "the same wrong answer" and "missed too" both give 2 here: the first is named.
        let same = check(Some(2)).to_text();
        assert!(!check(Some(2)).passed() && same.contains("same wrong answer"), "{same}");
        let base_text = check(Some(4)).to_text();
        assert!(!check(Some(4)).passed() && base_text.contains("baseline's wrong 8s"), "{base_text}");
        assert!(check(Some(7)).to_text().contains("there are 3 of them"));
        // The hints never state the count.
        for a in [2, 3, 4, 7] {
            let text = check(Some(a)).to_text();
            assert!(!text.contains(" 1 ") && !text.contains("answered right: "), "{text}");
        }
        // Ten 8s with the stored run's counts: the network misses 5, the baseline 8; 2 of the network's 5 the baseline
        // answered right, 3 fooled both, 1 of those with the same answer (5).
        let stored_labels = [8; 10];
        let stored_net = [5, 5, 5, 1, 4, 8, 8, 8, 8, 8];
        let stored_base = [5, 1, 9, 8, 8, 1, 5, 6, 7, 9];
        let stored = |a| baseline_right(a, 8, &stored_labels, &stored_base, &stored_net);
        assert!(stored(Some(2)).passed(), "{}", stored(Some(2)).to_text());
        assert!(stored(Some(2)).to_text().contains("most of them are the baseline's too"));
        assert!(stored(Some(3)).to_text().contains("missed too"));
        assert!(stored(Some(1)).to_text().contains("same wrong answer"));
        assert!(stored(Some(8)).to_text().contains("baseline's wrong 8s"));
        assert!(stored(Some(5)).to_text().contains("all the network's wrong 8s"));
        // A 35-image row: the baseline answers 27 right in all, whatever the network answered.
        let labels35 = [8; 35];
        let mut base35 = [8; 35];
        let mut net35 = [8; 35];
        base35[..8].copy_from_slice(&[5, 1, 9, 6, 7, 9, 1, 5]);
        net35[5..10].copy_from_slice(&[5, 5, 5, 1, 4]);
        let row = |a| baseline_right(a, 8, &labels35, &base35, &net35);
        assert!(row(Some(2)).passed(), "{}", row(Some(2)).to_text());
        assert!(row(Some(27)).to_text().contains("every test 8 the baseline answered right"));
        // A network that misses more than the baseline, mostly on images the baseline gets right.
        let more = baseline_right(Some(2), 8, &[8, 8, 8, 8], &[5, 8, 8, 8], &[5, 5, 1, 8]);
        assert!(
            more.passed() && more.to_text().contains("makes more mistakes on 8s, and most of them are its own"),
            "{}",
            more.to_text()
        );
    }

    #[test]
    fn wrong_answers_reads_the_run() {
        // The stored run: 12 wrong against the baseline's 34, so it beats it, band 10 to 20.
        let stored = |a, c| wrong_answers(a, c, 12, 34);
        assert_eq!(stored(None, None).verdict, Verdict::NotAttempted);
        assert_eq!(stored(None, Some(12)).verdict, Verdict::NotAttempted, "the count alone is not the prediction");
        assert!(stored(Some(true), None).passed());
        assert!(stored(Some(true), None).to_text().contains("12 wrong answers against the closest class mean's 34"));
        let text = stored(Some(false), None).to_text();
        assert!(!stored(Some(false), None).passed() && text.contains("ten averages") && !text.contains("12"), "{text}");
        // The optional band: named, right or not, only once the prediction is right.
        let text = stored(Some(true), Some(15)).to_text();
        assert!(
            stored(Some(true), Some(15)).passed() && text.contains("Your count, 15, is in your run's band (10 to 20)"),
            "{text}"
        );
        let text = stored(Some(true), Some(5)).to_text();
        assert!(
            stored(Some(true), Some(5)).passed()
                && text.contains("in the band under 10; your run's is in the band 10 to 20"),
            "{text}"
        );
        assert!(!stored(Some(false), Some(15)).to_text().contains("band"), "no band without the prediction");
        // A run with too few steps or a poor lr: the network loses, and false is right.
        let behind = |a, c| wrong_answers(a, c, 139, 34);
        assert!(behind(Some(false), None).passed() && behind(Some(false), Some(200)).passed());
        assert!(behind(Some(false), Some(200)).to_text().contains("in your run's band (the baseline's or more)"));
        let text = behind(Some(true), None).to_text();
        assert!(!behind(Some(true), None).passed() && text.contains("enough steps at a good learning rate"), "{text}");
        assert!(text.contains("your settings") && !text.contains("139"), "{text}");
        // Exactly the baseline's count does not beat it.
        assert!(wrong_answers(Some(false), None, 34, 34).passed());
    }

    #[test]
    fn trained_with_names_whose_functions_ran() {
        let stand_step = |h: &mut DeltaNet, xb: &Array2<f64>, yb: &[usize], lr: f64| {
            hand_step_stand_in(h, xb, yb, lr, |_: &Array2<f64>, _: &[usize]| -> Array2<f64> { todo!() }, no_backward)
        };
        let own_step = |h: &mut DeltaNet, xb: &Array2<f64>, yb: &[usize], lr: f64| {
            reference_step(h, xb, yb, lr, cross_entropy_grad)
        };
        let todo_grad = |_: &Array2<f64>, _: &[usize]| -> Array2<f64> { todo!() };
        let crates_backward = |h: &DeltaNet, c: &[LayerCache], d: &Array2<f64>| h.backward_from_delta(c, d);
        assert_eq!(
            trained_with(epoch_stand_in, stand_step, todo_grad, no_backward, softmax_stand_in),
            "trained with: the crate's code in place of my_epoch, my_hand_step, my_ce_grad, my_backward and my_softmax (yours replace it once written)"
        );
        assert_eq!(
            trained_with(reference_epoch, own_step, cross_entropy_grad, crates_backward, softmax),
            "trained with: your my_epoch, my_hand_step, my_ce_grad, my_backward and my_softmax"
        );
        assert_eq!(
            trained_with(reference_epoch, stand_step, todo_grad, crates_backward, softmax),
            "trained with: your my_epoch, my_backward and my_softmax; the crate's code in place of my_hand_step and my_ce_grad (yours replace it once written)"
        );
    }

    /// The lesson's `my_backward` before it is written.
    fn no_backward(_: &DeltaNet, _: &[LayerCache], _: &Array2<f64>) -> Vec<LayerGrads> {
        todo!()
    }

    #[test]
    fn the_stand_in_step_uses_the_learners_backward_once_written() {
        // A written my_backward runs inside the stand-in step: one that returns zero gradients leaves the weights.
        let (mut net, x, y) = step_problem();
        let before = net.weights.clone();
        let zero = |h: &DeltaNet, c: &[LayerCache], d: &Array2<f64>| {
            h.backward_from_delta(c, d)
                .into_iter()
                .map(|g| LayerGrads { delta: g.delta * 0.0, dl_dw: g.dl_dw * 0.0, dl_db: g.dl_db * 0.0 })
                .collect()
        };
        hand_step_stand_in(&mut net, &x, &y, 0.5, cross_entropy_grad, zero);
        assert_eq!(net.weights, before);
        // While it is todo!(), the crate's backward pass stands in: the weights move.
        hand_step_stand_in(&mut net, &x, &y, 0.5, cross_entropy_grad, no_backward);
        assert_ne!(net.weights, before);
    }

    #[test]
    fn still_unit_on_counts_images() {
        // Three units over two pixels, four images. Unit 1 is off on every image (z ≤ 0) and never moved;
        // unit 2 never moved either but is on for one image (its δ happened to be 0).
        let x = array![[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, 0.5]];
        let w1 = array![[0.5, 0.5], [-0.5, -0.25], [1.0, -2.0]];
        let b1 = array![0.1, 0.0, -0.5];
        let mut trained = w1.clone();
        trained[[0, 1]] += 0.25;
        let trained = trained.into_dyn();
        let check = |a, unit| still_unit_on(a, unit, &x, &w1, &b1, &trained);
        assert_eq!(check(None, 1).verdict, Verdict::NotAttempted);
        assert!(check(Some(0), 1).passed() && check(Some(0), 1).to_text().contains("a dead unit"));
        let text = check(Some(4), 1).to_text();
        assert!(!check(Some(4), 1).passed() && text.contains("on which it is off"), "{text}");
        let text = check(Some(2), 1).to_text();
        assert!(!check(Some(2), 1).passed() && text.contains("counts units"), "{text}");
        assert!(check(Some(9), 1).to_text().contains("only 4 training images"));
        let text = check(Some(1), 1).to_text();
        assert!(
            !check(Some(1), 1).passed() && text.contains("what must δ^[1]_j be") && !text.contains("On none"),
            "{text}"
        );
        assert!(check(Some(1), 2).passed(), "{}", check(Some(1), 2).to_text());
        let text = check(Some(0), 0).to_text();
        assert!(!check(Some(0), 0).passed() && text.contains("moved in your run") && text.contains("[1, 2]"), "{text}");
        // A unit past the last one (the stored 20 in a narrower network): the range is named, nothing panics.
        assert_eq!(check(None, 20).verdict, Verdict::NotAttempted);
        let text = check(Some(0), 20).to_text();
        assert!(!check(Some(0), 20).passed() && text.contains("numbered 0 to 2") && text.contains("[1, 2]"), "{text}");
    }

    #[test]
    #[should_panic(expected = "not a matrix of the starting weights' shape")]
    fn still_unit_on_needs_matching_shapes() {
        let (x, b1) = (Array2::<f64>::zeros((2, 2)), Array1::<f64>::zeros(3));
        let _ = still_unit_on(Some(0), 0, &x, &Array2::zeros((3, 2)), &b1, &Array2::<f64>::zeros((2, 3)).into_dyn());
    }

    #[test]
    fn direct_softmax_shows_the_overflow() {
        let direct = |z: &Array1<f64>| {
            let e = z.mapv(f64::exp);
            &e / e.sum()
        };
        let text = direct_softmax(direct).to_text();
        assert!(direct_softmax(direct).passed() && text.contains("watch it fail") && text.contains("NaN"), "{text}");
        let text = direct_softmax(softmax).to_text();
        assert!(direct_softmax(softmax).passed() && text.contains("survives already"), "{text}");
        assert_eq!(direct_softmax(|_: &Array1<f64>| todo!()).verdict, Verdict::NotAttempted);
        let text = direct_softmax(|z: &Array1<f64>| z.mapv(f64::exp)).to_text();
        assert!(text.contains("sum to") && text.contains("divide each"), "{text}");
        let text = direct_softmax(|z: &Array1<f64>| z.mapv(|_| 1.0 / z.len() as f64)).to_text();
        assert!(text.contains("not softmax"), "{text}");
        assert!(direct_softmax(|z: &Array1<f64>| z.mapv(|_| f64::NAN)).to_text().contains("NaN"));
        assert!(direct_softmax(|z: &Array1<f64>| array![z[3]]).to_text().contains("panicked"));
        assert!(direct_softmax(|_: &Array1<f64>| array![1.0]).to_text().contains("return 1 numbers"));
    }
}
