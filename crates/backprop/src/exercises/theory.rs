//! Exercises of the theory guide.

use super::{check_function, check_number, Check, Verdict};
use crate::maths::binary_cross_entropy_grad;

/// Exercise 5.1: which of the learning rates 0.1, 0.3 and 0.4 makes the linear
/// neuron of §4 (x = [1, 2], y = 1) diverge?
pub fn diverging_learning_rate(answer: f64) -> Check {
    let verdict = if answer.is_nan() {
        Verdict::NotAttempted
    } else if answer == 0.4 {
        Verdict::Correct("The bound is η < 2/(x1² + x2² + 1) = 1/3: only 0.4 is above it.".into())
    } else if answer == 0.1 || answer == 0.3 {
        Verdict::NotYet("That one stays under the bound; compute 2/(x1² + x2² + 1) and compare. Re-read §4.".into())
    } else {
        Verdict::NotYet("Pick one of 0.1, 0.3 and 0.4.".into())
    };
    Check { exercise: "Exercise 5.1".into(), verdict }
}

/// Exercise 5.2: tanh′(z), written by the learner.
pub fn tanh_slope(mine: fn(f64) -> f64) -> Check {
    fn right(z: f64) -> f64 {
        1.0 - z.tanh() * z.tanh()
    }
    let points = [-1000.0, -20.0, -1.5, -0.2, 0.0, 0.4, 2.0, 20.0, 1000.0];
    check_function("Exercise 5.2", mine, right, &points, "tanh′ = 1 − tanh², at most 1 (at z = 0).", "§5")
}

/// Exercise 5.3: dL/dŷ of binary cross-entropy at ŷ = 0.8, y = 1.
pub fn bce_gradient(answer: f64) -> Check {
    let right = binary_cross_entropy_grad(0.8, 1.0);
    check_number(
        "Exercise 5.3",
        answer,
        right,
        "(ŷ − y)/(ŷ(1 − ŷ)) = −0.2/0.16.",
        &[
            (-right, "The sign is flipped: the prediction is below the target."),
            (0.8 - 1.0, "That is ŷ − y, the gradient with respect to the logit z, after the sigmoid's slope cancels."),
        ],
        "§9",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_check_knows_right_wrong_and_untouched() {
        assert!(diverging_learning_rate(0.4).passed() && !diverging_learning_rate(0.3).passed());
        assert_eq!(diverging_learning_rate(f64::NAN).verdict, Verdict::NotAttempted);
        assert!(tanh_slope(|z| 1.0 - z.tanh().powi(2)).passed());
        let naive = |z: f64| 4.0 * (2.0 * z).exp() / (1.0 + (2.0 * z).exp()).powi(2); // inf / inf at z = 1000
        assert!(tanh_slope(naive).to_text().contains("finite"));
        assert!(bce_gradient(-1.25).passed() && bce_gradient(-0.2).to_text().contains("logit"));
    }
}
