//! Exercises of the theory guide, in reading order.

use super::attempt::not_finite_hint;
use super::function::FunctionExercise;
use super::number::{agrees, NumberExercise};
use super::{Check, Verdict};
use crate::by_hand::Neuron;
use crate::engine::{nn, Tensor};
use crate::maths::{binary_cross_entropy_grad, Activation, Loss};
use ndarray::array;

/// Exercise 5.1: ∂L/∂w₃ of the tanh neuron of §3 (x = [0.5, −1, 2],
/// w = [0.1, 0.4, −0.3], b = 0.2, y = 1, L = ½(a − y)²), to 3 significant
/// figures, before the lesson computes it.
pub fn neuron_chain_rule(answer: Option<f64>) -> Check {
    neuron_chain_rule_exercise().check(answer)
}

pub(crate) fn neuron_chain_rule_exercise() -> NumberExercise {
    let x = array![0.5, -1.0, 2.0];
    let neuron = Neuron::new(array![0.1, 0.4, -0.3], 0.2, Activation::Tanh);
    let (_, _, g) = neuron.forward_backward(&x, 1.0, Loss::HalfSquared);
    let right = g.dl_dw[2];
    NumberExercise {
        exercise: "Exercise 5.1",
        right,
        figures: 3,
        why: "z = −0.75, a = tanh(z), then (a − y)·(1 − a²)·x₃: three factors, as for any activation.".into(),
        hints: vec![
            (-right, "The sign is flipped: a is below the target 1, so ∂L/∂a = a − y is negative.".into()),
            (g.dl_dz, "That is ∂L/∂z (which is also ∂L/∂b); multiply by x₃ = 2.".into()),
            (g.dl_da * x[2], "That skips ∂a/∂z: multiply by tanh′(z) = 1 − a².".into()),
            (2.0 * right, "That is the gradient of (a − y)², without the ½ this lesson's loss has.".into()),
            (g.dl_dw[0], "That is ∂L/∂w₁; the third weight multiplies x₃ = 2.".into()),
        ],
        reread: "§3",
    }
}

/// Exercise 5.2: which of the learning rates 0.1, 0.3 and 0.4 makes the linear
/// neuron of §4 (x = [1, 2], y = 1) diverge?
pub fn diverging_learning_rate(answer: Option<f64>) -> Check {
    let choices = [0.1, 0.3, 0.4];
    let verdict = match answer {
        None => Verdict::NotAttempted,
        Some(a) => match not_finite_hint("Your answer", a) {
            Some(hint) => Verdict::NotYet(format!("{hint} Pick one of 0.1, 0.3 and 0.4.")),
            None if agrees(a, 0.4, 3) => {
                Verdict::Correct("The bound is lr < 2/(x1² + x2² + 1) = 1/3: only 0.4 is above it.".into())
            }
            None if choices.iter().any(|&c| agrees(a, c, 3)) => Verdict::NotYet(
                "With that one |1 − 6·lr| is below 1, so the error shrinks; compute 1 − 6·lr for each. Re-read §4."
                    .into(),
            ),
            None => Verdict::NotYet("Pick one of 0.1, 0.3 and 0.4.".into()),
        },
    };
    Check::new("Exercise 5.2", verdict)
}

/// Exercise 5.3: tanh′(z), written by the learner (a `fn` or a closure).
pub fn tanh_slope(mine: impl Fn(f64) -> f64) -> Check {
    tanh_slope_exercise().check(mine)
}

pub(crate) fn tanh_slope_exercise() -> FunctionExercise {
    FunctionExercise {
        exercise: "Exercise 5.3",
        right: |z| 1.0 - z.tanh() * z.tanh(),
        derivative_of: Some(f64::tanh),
        points: &[-1000.0, -20.0, -1.5, -0.2, 0.0, 0.4, 2.0, 20.0, 1000.0],
        why: "tanh′ = 1 − tanh², at most 1 (at z = 0).",
        overflow: "e^(2z) overflows for large |z|: write tanh′ with tanh(z) itself, which never does.",
        reread: "§5",
    }
}

/// Exercise 5.4: ∂L/∂w for the one-weight sigmoid neuron of §6 (x = 3,
/// w = 0.2, no bias, y = 0, L = ½(a − y)²), to 3 significant figures, before
/// the lesson computes it.
pub fn one_weight_gradient(answer: Option<f64>) -> Check {
    one_weight_gradient_exercise().check(answer)
}

pub(crate) fn one_weight_gradient_exercise() -> NumberExercise {
    let x = 3.0;
    let neuron = Neuron::new(array![0.2], 0.0, Activation::Sigmoid);
    let (pass, _, g) = neuron.forward_backward(&array![x], 0.0, Loss::HalfSquared);
    let right = g.dl_dw[0];
    NumberExercise {
        exercise: "Exercise 5.4",
        right,
        figures: 3,
        why: "z = 0.6, a = σ(0.6), and ∂L/∂w = (a − y)·a(1 − a)·x: positive, so the update lowers w.".into(),
        hints: vec![
            (-right, "The sign is flipped: a is above the target 0, so ∂L/∂a = a − y is positive.".into()),
            (g.dl_dz, "That is ∂L/∂z; multiply by ∂z/∂w = x = 3.".into()),
            (2.0 * right, "That is the gradient of (a − y)², without the ½ this lesson's loss has.".into()),
            ((pass.a - 0.0) * x, "That skips ∂a/∂z: multiply by the sigmoid's slope a(1 − a).".into()),
        ],
        reread: "§6",
    }
}

/// The weight gradient of §8's linear unit (weights [0.5, −0.3], bias 0.1) on
/// its batch of two samples, after `backward()` has run `passes` times without
/// `zero_grad()`.
fn accumulated_weight_grad(passes: usize) -> Vec<f64> {
    let layer = nn::Linear::from_weights(array![[0.5, -0.3]], array![0.1]);
    let (x, y) = (Tensor::new(array![[1.0, 2.0], [0.5, -1.0]]), Tensor::new(array![[1.0], [0.0]]));
    for _ in 0..passes {
        layer.forward(&x).mse_loss(&y).backward();
    }
    layer.weight.grad().iter().copied().collect()
}

/// Exercise 5.5: the first entry of that weight gradient after a second
/// `backward()` without `zero_grad()`, to 3 significant figures, before the
/// lesson shows it.
pub fn accumulated_gradient(answer: Option<f64>) -> Check {
    accumulated_gradient_exercise().check(answer)
}

pub(crate) fn accumulated_gradient_exercise() -> NumberExercise {
    let (once, twice) = (accumulated_weight_grad(1), accumulated_weight_grad(2));
    NumberExercise {
        exercise: "Exercise 5.5",
        right: twice[0],
        figures: 3,
        why: "backward() adds this pass's gradient to the one already stored: the same batch twice gives twice the gradient."
            .into(),
        hints: vec![
            (once[0], "That is the gradient after one pass: the second backward() adds to it, it does not replace it.".into()),
            (-twice[0], "The sign is flipped: adding a negative gradient to itself keeps it negative.".into()),
            (twice[1], "That is the second entry; the question asks for the first, the weight of x₁.".into()),
        ],
        reread: "§8, \"Always zero the gradients\"",
    }
}

/// Exercise 5.6: dL/dŷ of binary cross-entropy at ŷ = 0.3, y = 1, to 3
/// significant figures.
pub fn bce_gradient(answer: Option<f64>) -> Check {
    bce_gradient_exercise().check(answer)
}

pub(crate) fn bce_gradient_exercise() -> NumberExercise {
    let (y_hat, y) = (0.3, 1.0);
    let right = binary_cross_entropy_grad(y_hat, y);
    NumberExercise {
        exercise: "Exercise 5.6",
        right,
        figures: 3,
        why: "(ŷ − y)/(ŷ(1 − ŷ)) = −0.7/0.21: a confident wrong prediction gets a large gradient.".into(),
        hints: vec![
            (-right, "The sign is flipped: the prediction is below the target.".into()),
            (
                y_hat - y,
                "That is ŷ − y, the gradient with respect to the logit z, after the sigmoid's slope cancels.".into(),
            ),
            (
                1.0 / (1.0 - y_hat),
                "That is the second term, (1 − y)/(1 − ŷ), as if y were 0: with y = 1 only −y/ŷ remains.".into(),
            ),
        ],
        reread: "§9",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_chain_rules_and_the_doubled_gradient() {
        let cases = [
            (
                neuron_chain_rule as fn(Option<f64>) -> Check,
                -1.95,
                [
                    (1.95, "sign is flipped"),
                    (-0.976, "∂L/∂z"),
                    (-3.27, "skips ∂a/∂z"),
                    (-3.90, "without the ½"),
                    (-0.488, "∂L/∂w₁"),
                ],
            ),
            (
                one_weight_gradient,
                0.443,
                [
                    (-0.443, "sign is flipped"),
                    (0.148, "∂L/∂z"),
                    (0.886, "without the ½"),
                    (1.94, "skips ∂a/∂z"),
                    (0.4431, ""),
                ],
            ),
            (
                accumulated_gradient,
                -1.35,
                [
                    (-0.675, "after one pass"),
                    (1.35, "sign is flipped"),
                    (-5.3, "second entry"),
                    (-1.350, ""),
                    (-1.35, ""),
                ],
            ),
        ];
        for (check, right, slips) in cases {
            assert!(check(Some(right)).passed(), "{}", check(Some(right)).to_text());
            assert_eq!(check(None).verdict, Verdict::NotAttempted);
            for (slip, hint) in slips.iter().filter(|(_, h)| !h.is_empty()) {
                let text = check(Some(*slip)).to_text();
                assert!(text.contains("not yet") && text.contains(hint), "{slip}: {text}");
            }
            assert!(check(Some(right * 1.02)).to_text().contains("Close"));
            assert!(check(Some(f64::NAN)).to_text().contains("NaN"));
            assert!(check(Some(f64::INFINITY)).to_text().contains("+∞"));
            assert!(check(Some(f64::NEG_INFINITY)).to_text().contains("−∞"));
        }
    }

    #[test]
    fn the_learning_rate_choice() {
        assert!(diverging_learning_rate(Some(0.4)).passed() && !diverging_learning_rate(Some(0.3)).passed());
        assert_eq!(diverging_learning_rate(None).verdict, Verdict::NotAttempted);
        assert!(diverging_learning_rate(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(diverging_learning_rate(Some(f64::INFINITY)).to_text().contains("+∞"));
        assert!(diverging_learning_rate(Some(0.2)).to_text().contains("Pick one"));
        assert!(diverging_learning_rate(Some(0.1)).to_text().contains("1 − 6·lr"));
    }

    #[test]
    fn the_bce_gradient() {
        assert!(bce_gradient(Some(-3.33)).passed());
        assert!(bce_gradient(Some(3.33)).to_text().contains("sign is flipped"));
        assert!(bce_gradient(Some(-0.7)).to_text().contains("logit"));
        assert!(bce_gradient(Some(1.43)).to_text().contains("second term"));
        assert_eq!(bce_gradient(None).verdict, Verdict::NotAttempted);
        assert!(bce_gradient(Some(f64::NAN)).to_text().contains("NaN"));
    }

    #[test]
    fn the_tanh_slope_in_every_case() {
        assert!(tanh_slope(|z: f64| 1.0 - z.tanh().powi(2)).passed());
        let naive = |z: f64| 4.0 * (2.0 * z).exp() / (1.0 + (2.0 * z).exp()).powi(2); // inf / inf at z = 1000
        assert!(tanh_slope(naive).to_text().contains("tanh(z) itself"));
        assert_eq!(tanh_slope(|_| todo!()).verdict, Verdict::NotAttempted);
        assert!(tanh_slope(|_| f64::NAN).to_text().contains("NaN"));
        assert!(tanh_slope(|_| -> f64 { panic!("p") }).to_text().contains("panicked"));
    }
}
