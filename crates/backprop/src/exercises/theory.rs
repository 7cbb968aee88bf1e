//! Exercises of the theory guide.

use super::attempt::not_finite_hint;
use super::function::FunctionExercise;
use super::number::{agrees, NumberExercise};
use super::{Check, Verdict};
use crate::maths::binary_cross_entropy_grad;

/// Exercise 5.1: which of the learning rates 0.1, 0.3 and 0.4 makes the linear
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
                "That one stays under the bound; compute 2/(x1² + x2² + 1) and compare. Re-read §4.".into(),
            ),
            None => Verdict::NotYet("Pick one of 0.1, 0.3 and 0.4.".into()),
        },
    };
    Check::new("Exercise 5.1", verdict)
}

/// Exercise 5.2: tanh′(z), written by the learner (a `fn` or a closure).
pub fn tanh_slope(mine: impl Fn(f64) -> f64) -> Check {
    tanh_slope_exercise().check(mine)
}

pub(crate) fn tanh_slope_exercise() -> FunctionExercise {
    FunctionExercise {
        exercise: "Exercise 5.2",
        right: |z| 1.0 - z.tanh() * z.tanh(),
        derivative_of: Some(f64::tanh),
        points: &[-1000.0, -20.0, -1.5, -0.2, 0.0, 0.4, 2.0, 20.0, 1000.0],
        why: "tanh′ = 1 − tanh², at most 1 (at z = 0).",
        overflow: "e^(2z) overflows for large |z|: write tanh′ with tanh(z) itself, which never does.",
        reread: "§5",
    }
}

/// Exercise 5.3: dL/dŷ of binary cross-entropy at ŷ = 0.3, y = 1, to 3
/// significant figures.
pub fn bce_gradient(answer: Option<f64>) -> Check {
    bce_gradient_exercise().check(answer)
}

pub(crate) fn bce_gradient_exercise() -> NumberExercise {
    let (y_hat, y) = (0.3, 1.0);
    let right = binary_cross_entropy_grad(y_hat, y);
    NumberExercise {
        exercise: "Exercise 5.3",
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
    fn the_learning_rate_choice() {
        assert!(diverging_learning_rate(Some(0.4)).passed() && !diverging_learning_rate(Some(0.3)).passed());
        assert_eq!(diverging_learning_rate(None).verdict, Verdict::NotAttempted);
        assert!(diverging_learning_rate(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(diverging_learning_rate(Some(f64::INFINITY)).to_text().contains("+∞"));
        assert!(diverging_learning_rate(Some(0.2)).to_text().contains("Pick one"));
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
