//! Exercises of Day 10 — Backpropagation Basics.

use super::attempt::{attempt, panic_hint, Attempt};
use super::function::first_not_finite;
use super::number::NumberExercise;
use super::{Check, Verdict};
use crate::by_hand::TwoLayerNet;
use crate::maths::{relu_derivative, sigmoid};
use ndarray::{array, Array1};

/// The 2-2-1 network of Day 10 with target y = 1.
fn day10_net() -> (TwoLayerNet, Array1<f64>, f64) {
    (TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), array![1.0, 2.0], 1.0)
}

/// Exercise 2.1: dL/dw for one sigmoid neuron with x = 1, w = 0.5, b = 0, y = 1,
/// L = (a − y)², to 3 significant figures.
pub fn gradient_of_w(answer: Option<f64>) -> Check {
    gradient_of_w_exercise().check(answer)
}

pub(crate) fn gradient_of_w_exercise() -> NumberExercise {
    let a = sigmoid(0.5);
    let right = 2.0 * (a - 1.0) * a * (1.0 - a);
    NumberExercise {
        exercise: "Exercise 2.1",
        right,
        figures: 3,
        why: "dL/da = 2(a − y), da/dz = a(1 − a) and dz/dw = x = 1, with a = σ(0.5).".into(),
        hints: vec![
            (right / 2.0, "That is the gradient of ½(a − y)²; this lesson's loss has no ½.".into()),
            (-right, "The sign is flipped: a = σ(0.5) is below the target 1.".into()),
            (2.0 * (a - 1.0), "That is dL/da; multiply by da/dz and dz/dw.".into()),
        ],
        reread: "\"Backward pass\" of the single neuron",
    }
}

/// Exercise 2.2: predict the sign of dL/db2 for the network of the lesson with y = 1
/// (answer '+' or '-').
pub fn sign_of_output_bias_gradient(sign: char) -> Check {
    let (net, x, y) = day10_net();
    let fwd = net.forward(&x, y);
    let g = net.backward(&x, &fwd, y);
    let (right, side, sign_word) = if g.dl_db2 > 0.0 { ('+', "above", "positive") } else { ('-', "below", "negative") };
    let verdict = match sign {
        '?' => Verdict::NotAttempted,
        s if s == right => Verdict::Correct(format!(
            "ŷ = {:.2} is {side} the target 1, so dL/dŷ = 2(ŷ − y) is {sign_word}, and dL/db2 = dL/dŷ.",
            fwd.y_hat
        )),
        '+' | '-' => Verdict::NotYet(
            "Compare ŷ with y first: the sign of ŷ − y decides. Re-read \"Backward pass\" of the network.".into(),
        ),
        other => Verdict::NotYet(format!("Answer '+' or '-', not '{other}'.")),
    };
    Check::new("Exercise 2.2", verdict)
}

/// Exercise 2.3: the hidden unit's gradient `dL/dZ1[0]` in that network (y = 1),
/// to 3 significant figures.
pub fn hidden_unit_gradient(answer: Option<f64>) -> Check {
    hidden_unit_gradient_exercise().check(answer)
}

pub(crate) fn hidden_unit_gradient_exercise() -> NumberExercise {
    let (net, x, y) = day10_net();
    let g = net.backward(&x, &net.forward(&x, y), y);
    NumberExercise {
        exercise: "Exercise 2.3",
        right: g.dl_dz1[0],
        figures: 3,
        why: "dL/dZ1[0] = dL/dŷ · W2[0] · ReLU′(Z1[0]): the error reaches the hidden unit through the weight that connects it to the output.".into(),
        hints: vec![
            (g.dl_dy_hat, "That is dL/dŷ; it still has to pass through W2[0].".into()),
            (-g.dl_dz1[0], "The sign is flipped.".into()),
        ],
        reread: "\"Backward pass\" of the network",
    }
}

/// Exercise 2.4: ReLU′ as a mask over a vector: 1 where z > 0, 0 elsewhere (0 at z = 0).
pub fn relu_mask(mine: impl Fn(&Array1<f64>) -> Array1<f64>) -> Check {
    let exercise = "Exercise 2.4";
    let reread = "Re-read \"ReLU′\" in the network's backward pass.";
    let z = array![-2.0, -0.5, 0.0, 1e-9, 0.5, 3.0];
    let got = match attempt(|| mine(&z)) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            return Check::new(exercise, Verdict::NotYet(panic_hint("Your function", &message)))
        }
    };
    let right = z.mapv(relu_derivative);
    let verdict = if got.len() != z.len() {
        Verdict::NotYet(format!("The mask has {} entries for {} inputs: one per entry of Z1.", got.len(), z.len()))
    } else if let Some(hint) = first_not_finite("Your mask", &got) {
        Verdict::NotYet(format!("{hint} {reread}"))
    } else if got == right {
        Verdict::Correct("ReLU′ is 1 where z > 0 and 0 elsewhere, including at z = 0, as PyTorch takes it.".into())
    } else {
        let k = (0..z.len()).find(|&k| got[k] != right[k]).unwrap_or(0);
        Verdict::NotYet(format!("At z = {} your mask gives {}. {reread}", z[k], got[k]))
    };
    Check::new(exercise, verdict)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sign_prediction() {
        let (net, x, y) = day10_net();
        let g = net.backward(&x, &net.forward(&x, y), y);
        let sign = if g.dl_db2 > 0.0 { '+' } else { '-' };
        assert!(sign_of_output_bias_gradient(sign).passed());
        assert_eq!(sign_of_output_bias_gradient('?').verdict, Verdict::NotAttempted);
        assert!(!sign_of_output_bias_gradient(if sign == '+' { '-' } else { '+' }).passed());
        assert!(sign_of_output_bias_gradient('x').to_text().contains("Answer '+' or '-'"));
    }

    #[test]
    fn the_relu_mask_in_every_case() {
        assert!(relu_mask(|z: &Array1<f64>| z.mapv(|v| if v > 0.0 { 1.0 } else { 0.0 })).passed());
        let at_zero = relu_mask(|z: &Array1<f64>| z.mapv(|v| if v >= 0.0 { 1.0 } else { 0.0 }));
        assert!(at_zero.to_text().contains("At z = 0"));
        assert_eq!(relu_mask(|_: &Array1<f64>| todo!()).verdict, Verdict::NotAttempted);
        assert!(relu_mask(|z: &Array1<f64>| z.mapv(|_| f64::NAN)).to_text().contains("NaN"));
        assert!(relu_mask(|z: &Array1<f64>| z.mapv(|_| f64::INFINITY)).to_text().contains("+∞"));
        assert!(relu_mask(|z: &Array1<f64>| array![z[10]]).to_text().contains("panicked"));
        assert!(relu_mask(|_: &Array1<f64>| array![1.0]).to_text().contains("1 entries for 6 inputs"));
    }
}
