//! Exercises of Day 3 — Backpropagation (Core).

use super::{check_function, check_number, Check, Verdict};
use crate::by_hand::{Neuron, NeuronGrads};
use crate::maths::{sigmoid, Activation, Loss};
use ndarray::array;

/// Exercise 1.1: dL/dw0 for the neuron with x = [2, 1], w = [0, 0], b = 0,
/// y = 1, sigmoid, L = ½(a − y)².
pub fn gradient_of_w0(answer: f64) -> Check {
    let (dl_da, da_dz, x0) = (0.5 - 1.0, 0.25, 2.0);
    let right = dl_da * da_dz * x0;
    check_number(
        "Exercise 1.1",
        answer,
        right,
        "dL/da = a − y = −0.5, da/dz = a(1 − a) = 0.25, and dz/dw0 = x0 = 2: their product.",
        &[
            (-right, "The sign is flipped: the prediction 0.5 is below the target 1, so dL/da is negative."),
            (dl_da * da_dz, "You left out dz/dw0 = x0."),
            (2.0 * right, "That is the gradient of (a − y)², without the ½."),
            (dl_da * x0, "You left out the sigmoid's slope da/dz."),
        ],
        "\"The combined gradients\"",
    )
}

/// Exercise 1.2: the bias after one step with η = 0.1 from b = 0, same neuron.
pub fn bias_after_one_step(answer: f64) -> Check {
    let dl_db = (0.5 - 1.0) * 0.25;
    let right = 0.0 - 0.1 * dl_db;
    check_number(
        "Exercise 1.2",
        answer,
        right,
        "b − η·dL/db = 0 − 0.1·(−0.125): a negative gradient moves the bias up.",
        &[
            (-right, "You moved with the gradient instead of against it."),
            (dl_db, "That is dL/db itself; the update is b − η·dL/db."),
        ],
        "\"The update rule\"",
    )
}

/// Exercise 1.3: the sigmoid's slope σ′(z), written by the learner.
pub fn sigmoid_slope(mine: fn(f64) -> f64) -> Check {
    fn right(z: f64) -> f64 {
        let a = sigmoid(z);
        a * (1.0 - a)
    }
    let points = [-1000.0, -30.0, -2.5, -0.5, 0.0, 0.7, 3.0, 30.0, 1000.0];
    check_function(
        "Exercise 1.3",
        mine,
        right,
        &points,
        "σ′(z) = σ(z)(1 − σ(z)) needs only the forward value.",
        "\"Step 5 — output with respect to z\"",
    )
}

/// Exercise 1.4: a training step with a planted bug. The check trains with the
/// learner's step for 20 steps and compares with the crate's `Neuron::step`.
pub fn fixed_step(step: fn(&mut Neuron, &NeuronGrads, f64)) -> Check {
    let (x, y, lr) = (array![1.0, 0.0], 1.0, 0.5);
    let start = || Neuron::new(array![0.0, 0.0], 0.0, Activation::Sigmoid);
    let (mut mine, mut right, mut planted) = (start(), start(), start());
    let mut first_loss = f64::NAN;
    for k in 0..20 {
        let (_, loss, g) = mine.forward_backward(&x, y, Loss::HalfSquared);
        if k == 0 {
            first_loss = loss;
        }
        if super::attempt(|| step(&mut mine, &g, lr)).is_none() {
            return Check::new("Exercise 1.4", Verdict::NotAttempted);
        }
        let (_, _, g_right) = right.forward_backward(&x, y, Loss::HalfSquared);
        right.step(&g_right, lr);
        let (_, _, g_planted) = planted.forward_backward(&x, y, Loss::HalfSquared);
        planted_step(&mut planted, &g_planted, lr);
    }
    let last = mine.loss(&x, y, Loss::HalfSquared);
    let same = |a: &Neuron, b: &Neuron| (a.b - b.b).abs() < 1e-12 && (&a.w - &b.w).iter().all(|d| d.abs() < 1e-12);
    let verdict = if same(&mine, &planted) {
        Verdict::NotAttempted
    } else if same(&mine, &right) {
        Verdict::Correct(
            "Every step moves each parameter against its gradient, so the loss falls step after step.".into(),
        )
    } else if last > first_loss + 1e-12 {
        Verdict::NotYet(format!(
            "After 20 steps the loss rose from {first_loss:.4} to {last:.4}: the steps go uphill. Re-read \"The update rule\"."
        ))
    } else if first_loss - last < 1e-12 {
        Verdict::NotYet("After 20 steps the loss has not moved: one update undoes the other. Compare each line with w ← w − η·dL/dw.".into())
    } else {
        Verdict::NotYet(
            "The loss falls, but not as gradient descent makes it fall: compare each line with w ← w − η·dL/dw.".into(),
        )
    };
    Check::new("Exercise 1.4", verdict)
}

/// The step as the lesson plants it: both updates go with the gradient.
fn planted_step(n: &mut Neuron, g: &NeuronGrads, lr: f64) {
    n.w = &n.w + &(lr * &g.dl_dw);
    n.b += lr * g.dl_db;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_check_knows_right_wrong_and_untouched() {
        assert!(gradient_of_w0(-0.25).passed());
        assert!(gradient_of_w0(0.25).to_text().contains("sign is flipped"));
        assert_eq!(gradient_of_w0(f64::NAN).verdict, Verdict::NotAttempted);
        assert!(bias_after_one_step(0.0125).passed());
        assert!(!bias_after_one_step(-0.0125).passed());
        assert!(sigmoid_slope(|z| sigmoid(z) * (1.0 - sigmoid(z))).passed());
        assert!(sigmoid_slope(|z| z.exp() / (1.0 + z.exp()).powi(2)).to_text().contains("finite"));
        fn untouched(_: f64) -> f64 {
            todo!()
        }
        assert_eq!(sigmoid_slope(untouched).verdict, Verdict::NotAttempted);
        assert!(fixed_step(|n, g, lr| n.step(g, lr)).passed());
        assert_eq!(fixed_step(planted_step).verdict, Verdict::NotAttempted);
        fn half_fixed(n: &mut Neuron, g: &NeuronGrads, lr: f64) {
            n.w = &n.w - &(lr * &g.dl_dw);
            n.b += lr * g.dl_db;
        }
        assert!(!fixed_step(half_fixed).passed());
    }
}
