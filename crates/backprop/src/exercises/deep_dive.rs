//! Exercises of the deep dive.

use super::{attempt, check_number, Check, Verdict};
use crate::engine::{nn, Tensor};
use crate::maths::{rng, Loss};
use crate::train::Fit;
use ndarray::{array, Array2};

/// Exercise 4.1: δ2 of the worked example when the target is y = 0.5 instead of 1
/// (ŷ = 0.95, linear output, L = ½(ŷ − y)²).
pub fn output_delta(answer: f64) -> Check {
    let right = 0.95 - 0.5;
    check_number(
        "Exercise 4.1",
        answer,
        right,
        "δ2 = (ŷ − y)·φ′(z2), and the output is linear, so φ′ = 1.",
        &[
            (-right, "The sign is flipped: ŷ is above the target now."),
            (2.0 * right, "This lesson's loss carries the ½, so there is no factor 2."),
        ],
        "\"A worked example, by the delta rule\"",
    )
}

/// Exercise 4.2: which hidden unit (1 or 2) of the worked example is dead when b1 = [−5, 0]?
pub fn dead_unit(answer: Option<usize>) -> Check {
    let verdict = match answer {
        None => Verdict::NotAttempted,
        Some(1) => Verdict::Correct(
            "z1[0] = 0.7 − 5 < 0, so ReLU outputs 0 and passes no gradient back: its column of dL/dW1 is zero.".into(),
        ),
        Some(2) => Verdict::NotYet(
            "Compute z1 = x·W1 + b1 for both units and look at the signs. Re-read \"Dead ReLU\".".into(),
        ),
        Some(other) => Verdict::NotYet(format!("There are two hidden units, 1 and 2, not {other}.")),
    };
    Check { exercise: "Exercise 4.2".into(), verdict }
}

/// The XOR data of the lesson.
fn xor() -> (Array2<f64>, Array2<f64>) {
    (array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], array![[0.0], [1.0], [1.0], [0.0]])
}

/// Exercise 4.3: a training loop with a planted bug. The learner's loop trains a
/// fresh 2-4-1 network on XOR (MSE, η = 0.5, 200 epochs) and returns its final
/// loss; the check compares it with the crate's training loop.
pub fn fixed_training_loop(train: fn(&nn::Sequential, &Tensor, &Tensor, f64, usize) -> f64) -> Check {
    let (x, y) = xor();
    let fresh = || nn::Sequential::mlp(&[2, 4, 1], nn::Layer::Tanh, &mut rng(1));
    let Some(mine) = attempt(|| train(&fresh(), &Tensor::from(x.clone()), &Tensor::from(y.clone()), 0.5, 200)) else {
        return Check { exercise: "Exercise 4.3".into(), verdict: Verdict::NotAttempted };
    };
    let reference = fresh();
    reference.fit(&x, &y, &Fit::new(Loss::Mse).lr(0.5).epochs(200));
    let right = Loss::Mse.mean(&reference.predict(&x), &y);
    let planted = planted_loop(&fresh(), &Tensor::from(x.clone()), &Tensor::from(y.clone()), 0.5, 200);
    let same = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1e-12) || (a.is_nan() && b.is_nan());
    let verdict = if same(mine, planted) {
        Verdict::NotAttempted
    } else if same(mine, right) {
        Verdict::Correct(
            "Each epoch starts from zero gradients, so every step uses only its own epoch's gradient.".into(),
        )
    } else if !mine.is_finite() {
        Verdict::NotYet("Your loop's loss is not finite: the steps grow without bound, as gradients would if they kept adding up. Re-read \"Zeroing\".".into())
    } else {
        Verdict::NotYet(format!("Your loop ends at loss {mine:.4}, a correct one at a different value: something from earlier epochs leaks into each step. Re-read \"Zeroing\"."))
    };
    Check { exercise: "Exercise 4.3".into(), verdict }
}

/// The loop as the lesson plants it: no `zero_grad`, so gradients pile up.
fn planted_loop(model: &nn::Sequential, x: &Tensor, y: &Tensor, lr: f64, epochs: usize) -> f64 {
    let opt = crate::engine::optim::Sgd::new(model.parameters(), lr);
    for _ in 0..epochs {
        model.forward(x).mse_loss(y).backward();
        opt.step();
    }
    model.forward(x).mse_loss(y).item()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::optim::Sgd;

    fn correct(model: &nn::Sequential, x: &Tensor, y: &Tensor, lr: f64, epochs: usize) -> f64 {
        let opt = Sgd::new(model.parameters(), lr);
        for _ in 0..epochs {
            let loss = model.forward(x).mse_loss(y);
            opt.zero_grad();
            loss.backward();
            opt.step();
        }
        model.forward(x).mse_loss(y).item()
    }

    fn zeroes_after_the_step(model: &nn::Sequential, x: &Tensor, y: &Tensor, lr: f64, epochs: usize) -> f64 {
        let opt = Sgd::new(model.parameters(), lr);
        for _ in 0..epochs {
            model.forward(x).mse_loss(y).backward();
            opt.step();
            opt.zero_grad();
        }
        model.forward(x).mse_loss(y).item()
    }

    fn half_step(model: &nn::Sequential, x: &Tensor, y: &Tensor, lr: f64, epochs: usize) -> f64 {
        correct(model, x, y, lr / 2.0, epochs)
    }

    #[test]
    fn each_check_knows_right_wrong_and_untouched() {
        assert!(output_delta(0.45).passed());
        assert_eq!(output_delta(f64::NAN).verdict, Verdict::NotAttempted);
        assert!(dead_unit(Some(1)).passed() && !dead_unit(Some(2)).passed());
        assert!(fixed_training_loop(correct).passed());
        assert_eq!(fixed_training_loop(planted_loop).verdict, Verdict::NotAttempted);
        assert!(fixed_training_loop(zeroes_after_the_step).passed(), "zeroing after the step is as good as before");
        assert!(fixed_training_loop(half_step).to_text().contains("leaks"));
    }
}
