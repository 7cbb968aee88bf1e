//! Exercises of Day 10 — Backpropagation Basics.

use super::attempt::{attempt, is_placeholder, panic_hint, run_quietly, watching, yours_or_stand_in, Attempt};
use super::function::first_not_finite;
#[cfg(test)]
use super::number::round_to_figures;
use super::number::{agrees, check_parts, distinct_slips, NumberExercise};
use super::{Check, Verdict};
use crate::by_hand::{NetGrads, NetPass, TwoLayerNet};
use crate::maths::{compare, relu, relu_derivative, sigmoid, GradCheck};
use crate::numbers::{fmt_array, fmt_f64};
use ndarray::{array, Array1, Array2};

/// The target of Exercises 2.3 and 2.5: the lesson's 2-2-1 network (as its
/// `parameters` cell holds it) with y = 0.5 in place of its target (y = 3 as
/// stored, above ŷ = 0.76; this target is below it).
const OTHER_TARGET: f64 = 0.5;

/// Exercise 2.1 (compute first): dL/dw of the lesson's sigmoid neuron, z = w·x + b,
/// a = σ(z), L = (a − y)², to 4 significant figures (at 3, a nudge's ratio can
/// round the other way), before the lesson shows it.
/// The check takes the numbers of the lesson's `parameters` cell, so it follows a
/// changed example (the stored one is x = 2, w = 0.5, b = 0, y = 1).
pub fn gradient_of_w(answer: Option<f64>, x: f64, w: f64, b: f64, y: f64) -> Check {
    gradient_of_w_exercise(x, w, b, y).check(answer)
}

pub(crate) fn gradient_of_w_exercise(x: f64, w: f64, b: f64, y: f64) -> NumberExercise {
    const FIGURES_2_1: u32 = 4;
    let a = sigmoid(w * x + b);
    let dl_da = 2.0 * (a - y);
    let dl_dz = dl_da * a * (1.0 - a);
    let right = dl_dz * x;
    let half = if agrees(right / 2.0, dl_dz, FIGURES_2_1) {
        "Your answer is half the right one: check the 2 in dL/da = 2(a − y) (this lesson's loss has no ½) and the factor dz/dw = x."
    } else {
        "That is the gradient of ½(a − y)²; this lesson's loss (a − y)² has no ½, so dL/da = 2(a − y)."
    };
    NumberExercise {
        exercise: "Exercise 2.1",
        right,
        figures: FIGURES_2_1,
        why: format!("dL/da = 2(a − y), da/dz = a(1 − a) and dz/dw = x = {x}, with a = σ(w·x + b)."),
        hints: distinct_slips(
            FIGURES_2_1,
            right,
            vec![
                (
                    -right,
                    "The sign is flipped: dL/da = 2(a − y) has the sign of a − y, and a(1 − a) is never negative."
                        .into(),
                ),
                (right / 2.0, half.into()),
                (dl_dz, "That is dL/dz (which is also dL/db): multiply by dz/dw = x.".into()),
                (dl_da, "That is dL/da alone: multiply by da/dz = a(1 − a) and dz/dw = x.".into()),
                (dl_da * x, "The sigmoid's slope da/dz = a(1 − a) is missing from the product.".into()),
            ],
        ),
        reread: "\"Why the chain rule\" and Day 3 core's \"3. Backpropagation: the chain-rule pieces\"",
    }
}

/// Exercise 2.2 (predict, then check; before the output layer's backward pass is shown): the
/// gradient boxes of the 2-2-1 network nearest the loss, [dL/dŷ, `dl_dw2[0]`,
/// `dl_da1[0]`, `dl_da1[1]`], each to 3 significant figures. The check takes the
/// lesson's network, input and target, so it follows a changed `parameters` cell.
pub fn output_layer_gradients(answers: [Option<f64>; 4], net: &TwoLayerNet, x: &Array1<f64>, y: f64) -> Check {
    check_parts("Exercise 2.2", &output_layer_gradients_parts(net, x, y), &answers)
}

pub(crate) fn output_layer_gradients_parts(net: &TwoLayerNet, x: &Array1<f64>, y: f64) -> Vec<NumberExercise> {
    let pass = net.forward(x, y);
    let g = net.backward(x, &pass, y);
    let (dl_dy_hat, a1, w2) = (g.dl_dy_hat, &pass.a1, &net.w2);
    let reread = "\"Backward pass: the output layer\" and Exercise 2.1's neuron";
    let part = |name, right: f64, why: String, hints| number_part(name, right, why, hints, reread);
    let half = "Half the right value: this lesson's loss (ŷ − y)² has no ½, so dL/dŷ = 2(ŷ − y).";
    let mut off_unit = vec![
        (-g.dl_da1[1], "The sign is flipped: dL/dŷ times w2[1]; mind the sign of each.".to_string()),
        (g.dl_da1[1] / 2.0, half.to_string()),
        (dl_dy_hat * w2[0], "That went through w2[0]; the second hidden unit is connected through w2[1].".to_string()),
    ];
    if pass.z1[1] <= 0.0 {
        off_unit.push((
            0.0,
            "ReLU switched the second hidden unit off, but dl_da1[1] asks how L would move if a1[1] moved: that goes through w2[1] all the same. The switch-off acts one step further back, at ReLU.".to_string(),
        ));
    }
    vec![
        part(
            "dL/dŷ",
            dl_dy_hat,
            format!("2(ŷ − y) with ŷ = {}.", pass.y_hat),
            vec![
                (-dl_dy_hat, "The sign is flipped: dL/dŷ = 2(ŷ − y) has the sign of ŷ − y.".into()),
                (dl_dy_hat / 2.0, half.into()),
            ],
        ),
        part(
            "dl_dw2[0]",
            g.dl_dw2[0],
            "dL/dŷ · 1 · a1[0]: the output is linear (dŷ/dz = 1) and w2[0] multiplies a1[0].".into(),
            vec![
                (dl_dy_hat, "That is dL/dŷ: multiply by what w2[0] multiplies, a1[0].".into()),
                (-g.dl_dw2[0], "The sign is flipped: dL/dŷ · a1[0].".into()),
                (g.dl_dw2[0] / 2.0, half.into()),
                (
                    dl_dy_hat * w2[0],
                    "That is dL/dŷ times the weight itself: a weight's gradient multiplies by its input, a1[0], as dz/dw = x did for the neuron.".into(),
                ),
            ],
        ),
        part(
            "dl_da1[0]",
            g.dl_da1[0],
            "dL/dŷ · w2[0]: a hidden activation reaches ŷ through its output weight.".into(),
            vec![
                (
                    dl_dy_hat * a1[0],
                    "That is dl_dw2[0]: an activation's gradient multiplies by the weight it feeds, w2[0].".into(),
                ),
                (-g.dl_da1[0], "The sign is flipped: dL/dŷ · w2[0].".into()),
                (g.dl_da1[0] / 2.0, half.into()),
                (dl_dy_hat * w2[1], "That went through w2[1]; the first hidden unit is connected through w2[0].".into()),
            ],
        ),
        part(
            "dl_da1[1]",
            g.dl_da1[1],
            "dL/dŷ · w2[1], whether or not ReLU let the unit through.".into(),
            off_unit,
        ),
    ]
}

/// Compute, then check (before the network's forward pass is worked): the
/// prediction ŷ = `z^[2]` of the 2-2-1 network, to 3 significant figures. The check
/// takes the lesson's network and input, so it follows a changed `parameters` cell.
pub fn network_output(answer: Option<f64>, net: &TwoLayerNet, x: &Array1<f64>) -> Check {
    network_output_exercise(net, x).check(answer)
}

pub(crate) fn network_output_exercise(net: &TwoLayerNet, x: &Array1<f64>) -> NumberExercise {
    let pass = net.forward(x, 0.0);
    let right = pass.y_hat;
    let z1 = net.w1.dot(x) + &net.b1;
    let no_relu = net.w2.dot(&z1) + net.b2;
    let no_bias = net.w2.dot(&pass.a1);
    let by_columns = net.w2.dot(&(net.w1.t().dot(x) + &net.b1).mapv(relu)) + net.b2;
    NumberExercise {
        exercise: "Compute, then check: ŷ",
        right,
        figures: FIGURES,
        why: "z^[1] = W^[1]x + b^[1], a^[1] = ReLU(z^[1]), then ŷ = z^[2] = W^[2]a^[1] + b^[2] (no activation on the output).".into(),
        hints: distinct(
            right,
            vec![
                (no_relu, "ReLU is missing: a hidden unit with a negative z^[1] outputs max(0, z) = 0.".into()),
                (no_bias, "The output bias b^[2] is missing: add it after the weighted sum.".into()),
                (
                    by_columns,
                    "That reads W^[1] by columns: row j holds the weights hidden unit j receives, z^[1]_j = W^[1]_j1·x1 + W^[1]_j2·x2."
                        .into(),
                ),
                (sigmoid(right), "The output neuron has no activation: ŷ = z^[2] itself, with no sigmoid.".into()),
            ],
        ),
        reread: "\"Two layers\" and the neuron's forward pass",
    }
}

/// Compute, then check (before the update is worked): one gradient-descent step of
/// the 2-2-1 network, [`b2_new`, `W1_new[[0, 1]]`], each θ − η·∂L/∂θ to 3
/// significant figures: the output bias, and the hidden weight from input 2 to
/// hidden unit 1 (the layer whose move carries ŷ past the target). The check takes
/// the lesson's network, input, target and learning rate, so it follows a changed
/// `parameters` cell.
pub fn one_step_update(answers: [Option<f64>; 2], net: &TwoLayerNet, x: &Array1<f64>, y: f64, lr: f64) -> Check {
    check_parts("Compute, then check: one step's update", &one_step_update_parts(net, x, y, lr), &answers)
}

pub(crate) fn one_step_update_parts(net: &TwoLayerNet, x: &Array1<f64>, y: f64, lr: f64) -> Vec<NumberExercise> {
    let g = net.backward(x, &net.forward(x, y), y);
    let reread = "\"Update with η = 0.1\", and Exercises 2.2 and 2.4 for the gradients";
    let part = |name, right: f64, why: String, hints| number_part(name, right, why, hints, reread);
    let (b2, gb) = (net.b2, g.dl_db2);
    let (w, gw) = (net.w1[[0, 1]], g.dl_dw1[[0, 1]]);
    let half = "Half the step: this lesson's loss has no ½, so ∂L/∂ŷ = 2(ŷ − y).";
    // With x = [1, 2] the weight's gradient taken with x1 is exactly half the right one: one hint for both.
    let (w_half, w_x1) = (w - lr * gw / 2.0, w - lr * g.dl_dz1[0] * x[0]);
    let x1_hint = "That multiplies dl_dz1[0] by x1; the weight w1[[0, 1]] multiplies the second input, x2.";
    let mut weight = vec![
        (w, "That is w1[[0, 1]] before the step: the update moves it by −η·dl_dw1[[0, 1]].".to_string()),
        (w + lr * gw, "You moved the weight along its gradient, uphill: the update subtracts η·dl_dw1[[0, 1]].".into()),
        (w - gw, "The whole gradient was subtracted: multiply it by the learning rate η first.".into()),
        (-lr * gw, "That is the step −η·dl_dw1[[0, 1]] alone: add it to the weight's old value.".into()),
    ];
    if agrees(w_half, w_x1, FIGURES) {
        weight.push((w_half, format!("{half} (Or the gradient was taken with x1: {x1_hint})")));
    } else {
        weight.push((w_half, half.into()));
        weight.push((w_x1, x1_hint.into()));
    }
    weight.extend([
        (
            net.w1[[0, 0]] - lr * g.dl_dw1[[0, 0]],
            "That is w1[[0, 0]] after the step, the weight on x1; w1[[0, 1]] is row 0, column 1: the weight on x2."
                .to_string(),
        ),
        (
            w - lr * g.dl_dw1[[1, 0]],
            "That used dl_dw1[[1, 0]], the transposed entry: row j of dL/dW1 belongs to hidden unit j, like W1.".into(),
        ),
        (
            net.b1[0] - lr * g.dl_db1[0],
            "That is b1[0] after the step, hidden unit 1's bias, not its weight on x2.".into(),
        ),
    ]);
    vec![
        part(
            "b2_new",
            b2 - lr * gb,
            format!("b^[2] − η·∂L/∂b^[2] with η = {lr} and ∂L/∂b^[2] = ∂L/∂ŷ = 2(ŷ − y)."),
            vec![
                (b2, "That is b^[2] before the step: the update moves it by −η·∂L/∂b^[2].".into()),
                (b2 + lr * gb, "You moved b^[2] along the gradient, uphill: the update subtracts η·∂L/∂b^[2].".into()),
                (b2 - gb, "The whole gradient was subtracted: multiply it by the learning rate η first.".into()),
                (-lr * gb, "That is the step −η·∂L/∂b^[2] alone: add it to b^[2].".into()),
                (b2 - lr * gb / 2.0, half.into()),
            ],
        ),
        part(
            "W1_new[[0, 1]]",
            w - lr * gw,
            format!("w1[[0, 1]] − η·dl_dw1[[0, 1]] with η = {lr} and dl_dw1[[0, 1]] = dl_dz1[0]·x2 (Exercise 2.4)."),
            weight,
        ),
    ]
}

/// Exercise 2.4 (predict, then check; before the hidden layer's backward pass is
/// shown): [`dl_dz1[1]`, `dl_dw1[[0, 1]]`] of the 2-2-1 network, each to 3 significant
/// figures: the switched-off unit's error signal, and the weight from input 2 to
/// hidden unit 1. The check takes the lesson's network, input and target, so it
/// follows a changed `parameters` cell.
pub fn hidden_layer_gradients(answers: [Option<f64>; 2], net: &TwoLayerNet, x: &Array1<f64>, y: f64) -> Check {
    check_parts("Exercise 2.4", &hidden_layer_gradients_parts(net, x, y), &answers)
}

pub(crate) fn hidden_layer_gradients_parts(net: &TwoLayerNet, x: &Array1<f64>, y: f64) -> Vec<NumberExercise> {
    let pass = net.forward(x, y);
    let g = net.backward(x, &pass, y);
    let reread = "\"Backward pass: the hidden layer\"";
    let part = |name, right: f64, why: String, hints| number_part(name, right, why, hints, reread);
    let (unit1_on, unit2_on) = (pass.z1[0] > 0.0, pass.z1[1] > 0.0);
    let mut second_unit = vec![(-g.dl_dz1[1], "The sign is flipped: dl_da1[1] · ReLU′(z1[1]).".to_string())];
    if !unit2_on {
        second_unit.push((
            g.dl_da1[1],
            "That is dl_da1[1], before ReLU: multiply by ReLU′(z1[1]), which is 0 because z1[1] is not positive."
                .into(),
        ));
    } else {
        second_unit.push((0.0, "z1[1] is positive, so ReLU lets this unit through: ReLU′(z1[1]) = 1.".into()));
    }
    let mut weight = vec![
        (-g.dl_dw1[[0, 1]], "The sign is flipped: dl_dz1[0] · x2.".to_string()),
        (
            g.dl_dz1[0],
            "That is dl_dz1[0], hidden unit 1's error signal: multiply by the input this weight multiplies, x2.".into(),
        ),
        (g.dl_dz1[0] * x[0], "That multiplies by x1; the weight w1[[0, 1]] multiplies the second input, x2.".into()),
        (g.dl_dw1[[0, 1]] / 2.0, "Half the right value: this lesson's loss has no ½, so dL/dŷ = 2(ŷ − y).".into()),
        (
            g.dl_dz1[1] * x[1],
            "That is the second hidden unit's weight, w1[[1, 1]]; w1[[0, 1]] belongs to unit 1 (row 0).".into(),
        ),
    ];
    if unit1_on {
        weight.push((
            g.dl_da1[1] * x[1],
            "That went through w2[1], the second unit's output weight; unit 1 is connected through w2[0].".into(),
        ));
    }
    vec![
        part("dl_dz1[1]", g.dl_dz1[1], format!("dl_da1[1] · ReLU′(z1[1]), with z1[1] = {}.", pass.z1[1]), second_unit),
        part(
            "dl_dw1[[0, 1]]",
            g.dl_dw1[[0, 1]],
            "dl_dz1[0] · x2: hidden unit 1's error signal times the input the weight multiplies.".into(),
            weight,
        ),
    ]
}

/// Exercise 2.6 (do it alone; before the cell that prints them): the hidden
/// layer's gradients of a 2-2-1 network in which both hidden units are on (the
/// lesson passes its network with b1 = [0, 0.5]): [`dl_dz1[1]`, `dl_dw1[[1, 1]]`],
/// each to 3 significant figures. The check takes that network, input and target.
pub fn hidden_layer_both_on(answers: [Option<f64>; 2], net: &TwoLayerNet, x: &Array1<f64>, y: f64) -> Check {
    check_parts("Exercise 2.6", &hidden_layer_both_on_parts(net, x, y), &answers)
}

pub(crate) fn hidden_layer_both_on_parts(net: &TwoLayerNet, x: &Array1<f64>, y: f64) -> Vec<NumberExercise> {
    let pass = net.forward(x, y);
    let g = net.backward(x, &pass, y);
    let reread = "\"Backward pass: the hidden layer\" and the forward pass of the 2-2-1 network";
    let part = |name, right: f64, why: String, hints| number_part(name, right, why, hints, reread);
    let half = "Half the right value: this lesson's loss has no ½, so dL/dŷ = 2(ŷ − y).";
    // The stored network's dL/dŷ (b1 = [0, 0]), reused by mistake.
    let mut stored = net.clone();
    stored.b1 = Array1::zeros(net.b1.len());
    let old = net.backward(x, &stored.forward(x, y), y).dl_dy_hat;
    let old_hint = "That uses the stored network's dL/dŷ: with b1[1] = 0.5 the second unit is on, so ŷ and dL/dŷ = 2(ŷ − y) change. Redo the forward pass first.";
    vec![
        part(
            "dl_dz1[1]",
            g.dl_dz1[1],
            format!("dL/dŷ · w2[1] · ReLU′(z1[1]), and z1[1] = {} is positive, so ReLU′ = 1.", pass.z1[1]),
            vec![
                (-g.dl_dz1[1], "The sign is flipped: dL/dŷ · w2[1]; mind the sign of each.".into()),
                (0.0, "z1[1] is positive now: ReLU lets the second unit through, ReLU′(z1[1]) = 1.".into()),
                (g.dl_dz1[1] / 2.0, half.into()),
                (
                    g.dl_dy_hat * net.w2[0],
                    "That went through w2[0]; the second hidden unit reaches ŷ through w2[1].".into(),
                ),
                (old * net.w2[1], old_hint.into()),
            ],
        ),
        part(
            "dl_dw1[[1, 1]]",
            g.dl_dw1[[1, 1]],
            "dl_dz1[1] · x2: the second unit's error signal times the input this weight multiplies.".into(),
            vec![
                (-g.dl_dw1[[1, 1]], "The sign is flipped: dl_dz1[1] · x2.".into()),
                (g.dl_dz1[1], "That is dl_dz1[1]: multiply by the input this weight multiplies, x2.".into()),
                (
                    g.dl_dz1[1] * x[0],
                    "That multiplies by x1; the weight w1[[1, 1]] multiplies the second input, x2.".into(),
                ),
                (
                    g.dl_dw1[[0, 1]],
                    "That is w1[[0, 1]], hidden unit 1's weight (row 0); w1[[1, 1]] belongs to unit 2 (row 1).".into(),
                ),
                (g.dl_dw1[[1, 1]] / 2.0, half.into()),
                (old * net.w2[1] * x[1], old_hint.into()),
            ],
        ),
    ]
}

/// Compute, then check (after the updated parameters are printed, before the
/// 30-step run): the prediction ŷ of the 2-2-1 network after one step, to 3
/// significant figures, and whether it is above the target. The check takes the
/// lesson's network, input, target and learning rate, so it follows a changed
/// `parameters` cell.
pub fn prediction_after_step(
    answer: Option<f64>,
    above_target: Option<bool>,
    net: &TwoLayerNet,
    x: &Array1<f64>,
    y: f64,
    lr: f64,
) -> Check {
    let exercise = "Compute, then check: ŷ after one step";
    if answer.is_none() && above_target.is_none() {
        return Check::new(exercise, Verdict::NotAttempted);
    }
    let number = prediction_after_step_exercise(net, x, y, lr);
    let above = number.right > y;
    let mut remarks = Vec::new();
    match number.check(answer).verdict {
        Verdict::Correct(_) => {}
        Verdict::NotAttempted | Verdict::Waiting(_) => remarks.push("ŷ: not attempted yet.".to_string()),
        Verdict::NotYet(hint) => remarks.push(format!("ŷ: {hint}")),
    }
    match above_target {
        None => remarks.push("above the target: not attempted yet (write Some(true) or Some(false)).".into()),
        Some(a) if a != above => remarks.push(format!(
            "above the target: not yet. Compare the new ŷ with the target y = {y}: {}",
            if above {
                "the step was large enough to carry ŷ past it."
            } else {
                "one step moved ŷ towards it but not yet past it."
            }
        )),
        Some(_) => {}
    }
    let verdict = if remarks.is_empty() {
        Verdict::Correct(format!(
            "Both right. {} {}",
            number.why,
            if above {
                "ŷ jumped past the target: the step overshot, so the next gradient points the other way."
            } else {
                "ŷ is still below the target: the next step pushes it up again."
            }
        ))
    } else {
        Verdict::NotYet(remarks.join(" "))
    };
    Check::new(exercise, verdict)
}

pub(crate) fn prediction_after_step_exercise(net: &TwoLayerNet, x: &Array1<f64>, y: f64, lr: f64) -> NumberExercise {
    let pass = net.forward(x, y);
    let grads = net.backward(x, &pass, y);
    let mut new = net.clone();
    new.step(&grads, lr);
    let after = new.forward(x, y);
    let right = after.y_hat;
    // The usual slips: ReLU forgotten, the new hidden bias or the new output bias left out.
    let z1 = new.w1.dot(x) + &new.b1;
    let no_relu = new.w2.dot(&z1) + new.b2;
    let no_b1 = new.w2.dot(&(new.w1.dot(x)).mapv(relu)) + new.b2;
    let old_b2 = new.w2.dot(&after.a1) + net.b2;
    NumberExercise {
        exercise: "Compute, then check: ŷ after one step",
        right,
        figures: FIGURES,
        why: "ŷ = W2_new · ReLU(W1_new x + b1_new) + b2_new, the forward pass with the updated parameters.".into(),
        hints: distinct(
            right,
            vec![
                (pass.y_hat, "That is ŷ before the step: run the forward pass again with the updated parameters W1_new, b1_new, W2_new and b2_new.".into()),
                (no_relu, "ReLU is missing: a hidden unit whose z is negative outputs 0.".into()),
                (no_b1, "The hidden bias moved too: add b1_new to W1_new x before ReLU.".into()),
                (old_b2, "The output bias moved too: use b2_new, not the old b2.".into()),
            ],
        ),
        reread: "\"Update with η = 0.1\" and the forward pass of \"Two layers\"",
    }
}

/// Predict, then check (before the gradient check of Exercise 2.8 prints its nine
/// rows): how many of the nine gradients of the 2-2-1 network are 0. The check
/// takes the lesson's network, input and target, so it follows a changed
/// `parameters` cell (stored: 4, the dead hidden unit's two weights and bias, and
/// the output weight that reads it).
pub fn zero_gradients(answer: Option<usize>, net: &TwoLayerNet, x: &Array1<f64>, y: f64) -> Check {
    let exercise = "Predict, then check: the zero gradients";
    let Some(answer) = answer else {
        return Check::new(exercise, Verdict::NotAttempted);
    };
    let pass = net.forward(x, y);
    let g = net.backward(x, &pass, y);
    let all: Vec<f64> =
        g.dl_dw1.iter().chain(g.dl_db1.iter()).chain(g.dl_dw2.iter()).copied().chain([g.dl_db2]).collect();
    let right = all.iter().filter(|v| **v == 0.0).count();
    let dead = g.relu_mask.iter().filter(|m| **m == 0.0).count();
    let verdict = if answer == right {
        Verdict::Correct(format!(
            "{} of the nine are 0. A hidden unit that ReLU switches off (relu_mask entry 0) passes no gradient back: \
             its two incoming weights and its bias get 0, and so does the output weight that reads its activation, \
             which is 0.",
            right
        ))
    } else if dead > 0 && answer == 3 * dead {
        Verdict::NotYet(
            "The switched-off unit's two weights and its bias, yes. One more: dL/dW2 for that unit is dL/dŷ times its \
             activation a1, and that activation is 0. Re-read the backward pass of \"Two layers\"."
                .into(),
        )
    } else if dead > 0 && answer == 2 * dead {
        Verdict::NotYet(
            "Its row of dL/dW1, yes. The unit's bias is a parameter too, with the same dL/dZ1 entry, and the output \
             weight that reads the unit's activation a1 = 0 gets 0 as well."
                .into(),
        )
    } else {
        Verdict::NotYet(
            "Start from the forward pass, Z1 = W1·x + b1: which hidden unit has z1 ≤ 0? ReLU switches it off (its mask \
             entry, as in Exercise 2.7, is 0), so it gets dL/dZ1 = 0, and every gradient that is a product with that \
             entry, or with the unit's activation a1 = 0, is 0. Count them over dL/dW1, dL/db1, dL/dW2 and dL/db2."
                .into(),
        )
    };
    Check::new(exercise, verdict)
}

/// Compute, then check (after step 1 is read with the output layer's exact
/// factor, before any cell takes step 2): the output layer's part of step 2 on
/// its own, with `a1` held at its value after one step. Three answers: the
/// factor 1 − 2·lr·K, K = a1·a1 + 1, to 2 significant figures; whether that
/// part alone carries ŷ across the target (`Some(true)` or `Some(false)`); and
/// whether it alone lowers the loss, that is, leaves |e| below step 1's.
/// The check takes the lesson's network, input, target and learning rate, so
/// it follows a changed `parameters` cell.
pub fn step_two_output_layer(
    factor: Option<f64>,
    crosses: Option<bool>,
    lowers: Option<bool>,
    net: &TwoLayerNet,
    x: &Array1<f64>,
    y: f64,
    lr: f64,
) -> Check {
    let exercise = "Compute, then check: the output layer at step 2";
    if factor.is_none() && crosses.is_none() && lowers.is_none() {
        return Check::new(exercise, Verdict::NotAttempted);
    }
    let number = step_two_factor_exercise(net, x, y, lr);
    let right_crosses = number.right < 0.0;
    let right_lowers = number.right.abs() < 1.0;
    let mut remarks = Vec::new();
    match number.check(factor).verdict {
        Verdict::Correct(_) => {}
        Verdict::NotAttempted | Verdict::Waiting(_) => remarks.push("the multiplier: not attempted yet.".to_string()),
        Verdict::NotYet(hint) => remarks.push(format!("the multiplier: {hint}")),
    }
    let yes_no = "not attempted yet (write Some(true) or Some(false)).";
    match crosses {
        None => remarks.push(format!("crosses the target: {yes_no}")),
        Some(c) if c != right_crosses => remarks.push(
            "crosses the target: not yet. The new error e is the multiplier times the old one: a negative multiplier \
             flips the side of the target, a positive one keeps it."
                .into(),
        ),
        Some(_) => {}
    }
    match lowers {
        None => remarks.push(format!("lowers the loss: {yes_no}")),
        Some(l) if l != right_lowers => remarks.push(
            "lowers the loss: not yet. The new |e| is |multiplier| times step 1's |e|: it is smaller exactly when \
             |multiplier| is below 1, whatever the sign."
                .into(),
        ),
        Some(_) => {}
    }
    let verdict = if remarks.is_empty() {
        Verdict::Correct(format!(
            "All three right. {} {} {}",
            number.why,
            if right_crosses {
                "It is negative: the output layer alone carries ŷ across the target."
            } else {
                "It is positive: the output layer alone keeps ŷ on its side of the target."
            },
            if right_lowers {
                "Its size is below 1: on its own, the output layer's part would lower the loss."
            } else {
                "Its size is above 1: on its own, the output layer's part already raises the loss."
            }
        ))
    } else {
        Verdict::NotYet(remarks.join(" "))
    };
    Check::new(exercise, verdict)
}

/// The significant figures the multiplier of the output layer at step 2 is asked to.
const FACTOR_FIGURES: u32 = 2;

pub(crate) fn step_two_factor_exercise(net: &TwoLayerNet, x: &Array1<f64>, y: f64, lr: f64) -> NumberExercise {
    let start = net.forward(x, y);
    let mut one = net.clone();
    one.step(&net.backward(x, &start, y), lr);
    let a1 = one.forward(x, y).a1;
    let k = a1.dot(&a1) + 1.0;
    let right = 1.0 - 2.0 * lr * k;
    let k_start = start.a1.dot(&start.a1) + 1.0;
    NumberExercise {
        exercise: "Compute, then check: the output layer at step 2",
        right,
        figures: FACTOR_FIGURES,
        why: "1 − 2ηK with K = a1·a1 + 1 and the a1 of the forward pass after one step.".into(),
        hints: distinct_slips(
            FACTOR_FIGURES,
            right,
            vec![
                (
                    1.0 - 2.0 * lr * k_start,
                    "That is step 1's multiplier: use the a1 of your forward pass after one step, with W1_new and b1_new."
                        .into(),
                ),
                (1.0 - 2.0 * lr * (k - 1.0), "K is a1·a1 + 1: the + 1 is the output bias's share.".into()),
                (1.0 - lr * k, "The multiplier is 1 − 2ηK: the loss's 2 stays in.".into()),
                (-right, "Keep the sign: 1 − 2ηK, not its size.".into()),
            ],
        ),
        reread: "\"The error, step by step\" and the output layer's exact multiplier",
    }
}

/// Compute, then check (Going further, after the output layer at step 2 is
/// checked and before any cell prints K_all or the edge chart): K_all at the
/// weights step 1 left, the sum of the squared slopes (∂ŷ/∂θ)² over all nine
/// parameters, to 3 significant figures. Once it is right, the verdict says
/// whether the rate `lr` is past the whole-network edge 1/K_all there. By hand,
/// K_all is the output layer's K_out = a1·a1 + 1 plus (W^[2]_j)²·(x·x + 1) for
/// each hidden unit j that ReLU lets through. The check takes the lesson's
/// network, input, target and learning rate, so it follows a changed
/// `parameters` cell.
pub fn step_two_curvature(k_all_two: Option<f64>, net: &TwoLayerNet, x: &Array1<f64>, y: f64, lr: f64) -> Check {
    let number = step_two_curvature_exercise(net, x, y, lr);
    let check = number.check(k_all_two);
    let Verdict::Correct(said) = check.verdict else {
        return check;
    };
    let edge = if lr * number.right > 1.0 {
        format!(
            "So the whole-network edge 1/K_all is now below η = {lr}: K_all grew with the weights, and step 2 is a \
             step past it. The chart below measures that edge before every step."
        )
    } else {
        format!("So the whole-network edge 1/K_all is still above η = {lr}: step 2 stays below it.")
    };
    Check::new(number.exercise, Verdict::Correct(format!("{said} {edge}")))
}

/// The hidden units' share of K_all for `net`: (W^[2]_j)^`power`·(x·x + `bias`)
/// summed over the units ReLU lets through (`power` 2 and `bias` 1 give the
/// right share; the others are slips).
fn hidden_share(net: &TwoLayerNet, x: &Array1<f64>, y: f64, power: i32, bias: f64) -> f64 {
    let z1 = net.forward(x, y).z1;
    let per_unit = x.dot(x) + bias;
    z1.iter().zip(net.w2.iter()).filter(|(z, _)| **z > 0.0).map(|(_, w)| w.abs().powi(power) * per_unit).sum()
}

pub(crate) fn step_two_curvature_exercise(net: &TwoLayerNet, x: &Array1<f64>, y: f64, lr: f64) -> NumberExercise {
    let start = net.forward(x, y);
    let mut one = net.clone();
    one.step(&net.backward(x, &start, y), lr);
    let right = k_all(&one, x, y);
    let a1 = one.forward(x, y).a1;
    let k_out = a1.dot(&a1) + 1.0;
    let k_out_start = start.a1.dot(&start.a1) + 1.0;
    let share = hidden_share(&one, x, y, 2, 1.0);
    NumberExercise {
        exercise: "Compute, then check: K_all at step 2",
        right,
        figures: FIGURES,
        why: "K_all = K_out + (W^[2]_j)²·(x₁² + x₂² + 1) for each hidden unit j that is on, with the weights and the \
              a1 after one step."
            .into(),
        hints: distinct(
            right,
            vec![
                (
                    k_out,
                    "That is K_out alone, the output layer's three parameters: add the hidden units' share, \
                     (W^[2]_j)²·(x₁² + x₂² + 1) for each unit that is on."
                        .into(),
                ),
                (
                    k_all(net, x, y),
                    "That is K_all at the start, before step 1: redo the sum with the weights step 1 left (W2_new, \
                     and the a1 after one step)."
                        .into(),
                ),
                (share, "That is the hidden units' share alone: add the output layer's K_out at step 2.".into()),
                (
                    k_out + hidden_share(net, x, y, 2, 1.0),
                    "The hidden share uses W^[2] after step 1 (W2_new), not the W^[2] of the start.".into(),
                ),
                (
                    k_out_start + share,
                    "K_out changed too: use the a1 after one step (the check above), not the a1 of the start.".into(),
                ),
                (
                    k_out + hidden_share(&one, x, y, 2, 0.0),
                    "A hidden unit has three parameters: two weights, with slopes W^[2]_j·x_k, and its bias, with \
                     slope W^[2]_j. The sum is (W^[2]_j)²·(x₁² + x₂² + 1): the + 1 is the bias's share."
                        .into(),
                ),
                (
                    k_out + hidden_share(&one, x, y, 1, 1.0),
                    "Square the slopes: each slope carries W^[2]_j, so the share carries (W^[2]_j)².".into(),
                ),
                (1.0 / right, "That is the whole-network edge 1/K_all: the first answer is K_all itself.".into()),
            ],
        ),
        reread: "\"The whole-network edge: every parameter moves ŷ\" and its three lines",
    }
}

/// The rates Day 10 trains the output layer alone at, in the order it asks about them.
const OUT_RATES: [f64; 3] = [0.1, 0.3, 0.5];

/// Compute, then check (after the learner derives e_new = (1 − 2ηK_out)·e on
/// paper, before the whole network's step 1 is explained): [the multiplier
/// 1 − 2·lr·K_out at the start, K_out = a1·a1 + 1; ŷ where the output layer's
/// part of step 1 alone would put it, y + multiplier·(ŷ − y)], each to 3
/// significant figures. The check takes the lesson's network, input, target and
/// learning rate, so it follows a changed `parameters` cell.
pub fn step_one_output_layer(answers: [Option<f64>; 2], net: &TwoLayerNet, x: &Array1<f64>, y: f64, lr: f64) -> Check {
    check_parts(STEP_ONE, &step_one_output_layer_parts(net, x, y, lr), &answers)
}

const STEP_ONE: &str = "Compute, then check: step 1, the output layer alone";

pub(crate) fn step_one_output_layer_parts(net: &TwoLayerNet, x: &Array1<f64>, y: f64, lr: f64) -> Vec<NumberExercise> {
    let start = net.forward(x, y);
    let k = start.a1.dot(&start.a1) + 1.0;
    let factor = 1.0 - 2.0 * lr * k;
    let e = start.y_hat - y;
    let mut whole = net.clone();
    whole.step(&net.backward(x, &start, y), lr);
    let y_hat_whole = whole.forward(x, y).y_hat;
    let reread = "\"The output layer, exactly\" and its three lines";
    let part = |name, right: f64, why: String, hints| number_part(name, right, why, hints, reread);
    vec![
        part(
            "the multiplier",
            factor,
            "1 − 2ηK_out with K_out = a1·a1 + 1 and the a1 of the forward pass at the start.".into(),
            vec![
                (1.0 - lr * k, "The multiplier is 1 − 2ηK_out: the loss's 2 stays in.".into()),
                (1.0 - 2.0 * lr * (k - 1.0), "K_out is a1·a1 + 1: the + 1 is the output bias's share.".into()),
                (
                    2.0 * lr * k,
                    "That is 2ηK_out, the share of e the step removes: the multiplier is 1 minus it.".into(),
                ),
                (
                    1.0 + 2.0 * lr * k,
                    "The step moves ŷ by Δŷ = −2ηK_out·e, against the error: the multiplier is 1 − 2ηK_out.".into(),
                ),
                (-factor, "Keep the sign: 1 − 2ηK_out, not its size.".into()),
            ],
        ),
        part(
            "y_hat",
            y + factor * e,
            "y + multiplier·(ŷ − y): the new error is the multiplier times the old one, and the target does not move."
                .into(),
            vec![
                (
                    y_hat_whole,
                    "That is where the whole step put ŷ: here only the output layer moves, by its multiplier.".into(),
                ),
                (
                    factor * start.y_hat,
                    "The multiplier multiplies the error e = ŷ − y, not ŷ: ŷ_new = y + multiplier·e.".into(),
                ),
                (factor * e, "That is the new error e_new; ŷ_new = y + e_new.".into()),
                (
                    start.y_hat + factor * e,
                    "The new error is multiplier·e, and ŷ_new = y + e_new, not ŷ + e_new.".into(),
                ),
                (y - factor * e, "Keep the sign of e = ŷ − y: ŷ_new = y + multiplier·e.".into()),
                (y + (1.0 - lr * k) * e, "The multiplier is 1 − 2ηK_out: the loss's 2 stays in.".into()),
            ],
        ),
    ]
}

/// Predict, then check (before the lesson trains the output layer alone at
/// three rates, with W1 and b1 frozen): the edge 1/K_out of the output layer
/// at the start, K_out = a1·a1 + 1, to 3 significant figures, and which of the
/// rates 0.1, 0.3 and 0.5 makes |e| grow at every step, that is has a multiplier
/// 1 − 2·lr·K_out below −1 (written as that rate; the smallest such rate if
/// several do, `Some(0.0)` if none does). The check takes the lesson's network,
/// input and target, so it follows a changed `parameters` cell.
pub fn three_rates(edge: Option<f64>, diverges: Option<f64>, net: &TwoLayerNet, x: &Array1<f64>, y: f64) -> Check {
    let exercise = "Predict, then check: the output layer alone at three rates";
    if edge.is_none() && diverges.is_none() {
        return Check::new(exercise, Verdict::NotAttempted);
    }
    let number = three_rates_edge_exercise(net, x, y);
    let k_out = 1.0 / number.right;
    let factor = |lr: f64| 1.0 - 2.0 * lr * k_out;
    let right_rate = OUT_RATES.iter().copied().find(|&lr| factor(lr) < -1.0).unwrap_or(0.0);
    let mut remarks = Vec::new();
    match number.check(edge).verdict {
        Verdict::Correct(_) => {}
        Verdict::NotAttempted | Verdict::Waiting(_) => remarks.push("the output edge: not attempted yet.".to_string()),
        Verdict::NotYet(hint) => remarks.push(format!("the output edge: {hint}")),
    }
    match diverges {
        None => {
            remarks.push("the rate that diverges: not attempted yet (write Some(0.1), Some(0.3) or Some(0.5)).".into())
        }
        Some(rate) => {
            if let Some(hint) = super::attempt::not_finite_hint("The rate", rate) {
                remarks.push(format!("the rate that diverges: {hint}"));
            } else if (rate - right_rate).abs() <= 1e-12 {
            } else if let Some(&lr) = OUT_RATES.iter().find(|&&lr| (rate - lr).abs() <= 1e-12) {
                let f = factor(lr);
                remarks.push(if f > 0.0 {
                    format!(
                        "the rate that diverges: not yet. With {lr} the multiplier 1 − 2ηK_out is positive: ŷ stays on \
                         its side of the target and closes in."
                    )
                } else if f >= -1.0 {
                    format!(
                        "the rate that diverges: not yet. With {lr} the multiplier 1 − 2ηK_out is negative, so ŷ crosses \
                         the target, but its size is below 1: ŷ lands closer than it started and |e| shrinks."
                    )
                } else {
                    format!("the rate that diverges: not yet. {lr} diverges, but a smaller one of the three does too.")
                });
            } else {
                remarks.push(format!(
                    "the rate that diverges: answer with one of the output layer's rates, Some(0.1), Some(0.3) or Some(0.5), \
                     not {rate}."
                ));
            }
        }
    }
    let verdict = if remarks.is_empty() {
        Verdict::Correct(format!(
            "Both right. {} Past the output edge the multiplier 1 − 2ηK_out is below −1: ŷ crosses the target and lands \
             farther away at every step, so the loss grows without bound.",
            number.why
        ))
    } else {
        Verdict::NotYet(remarks.join(" "))
    };
    Check::new(exercise, verdict)
}

pub(crate) fn three_rates_edge_exercise(net: &TwoLayerNet, x: &Array1<f64>, y: f64) -> NumberExercise {
    let a1 = net.forward(x, y).a1;
    let k = a1.dot(&a1) + 1.0;
    let right = 1.0 / k;
    NumberExercise {
        exercise: "Predict, then check: the output layer alone at three rates",
        right,
        figures: FIGURES,
        why: "The edge is 1/K_out with K_out = a1·a1 + 1 and the a1 of the forward pass at the start.".into(),
        hints: distinct(
            right,
            vec![
                (
                    0.5 / k,
                    "That is 1/(2K_out), where the multiplier is 0 and one step lands exactly on the target. The loss \
                     rises once the multiplier passes −1."
                        .into(),
                ),
                (1.0 / (k - 1.0), "K_out is a1·a1 + 1: the + 1 is the output bias's share.".into()),
                (
                    2.0 / k,
                    "That is the edge of a loss with ½. This loss has none: the multiplier is 1 − 2ηK_out.".into(),
                ),
                (k, "That is K_out itself: the edge is the rate 1/K_out.".into()),
            ],
        ),
        reread: "\"The output layer, exactly\" and your line 3: when is the step multiplier −1?",
    }
}

/// K_all = Σ (∂ŷ/∂θ)² over all nine parameters of `net` at input `x` and
/// target `y`, with ∂ŷ/∂θ = (∂L/∂θ) / (∂L/∂ŷ).
fn k_all(net: &TwoLayerNet, x: &Array1<f64>, y: f64) -> f64 {
    let g = net.backward(x, &net.forward(x, y), y);
    (g.dl_dw1.mapv(|v| v * v).sum()
        + g.dl_db1.mapv(|v| v * v).sum()
        + g.dl_dw2.mapv(|v| v * v).sum()
        + g.dl_db2 * g.dl_db2)
        / (g.dl_dy_hat * g.dl_dy_hat)
}

/// The learning rates the lesson runs for 30 steps, in the order it asks about them.
const RATES: [f64; 3] = [0.1, 0.02, 0.001];

/// Predict, then check (before the lesson runs the smaller learning rates):
/// which of 0.1, 0.02 and 0.001 ends 30 steps with the lowest loss, written as
/// that rate. The check runs the 30 steps itself from the lesson's network,
/// input and target, so it follows a changed `parameters` cell.
pub fn lowest_loss_rate(answer: Option<f64>, net: &TwoLayerNet, x: &Array1<f64>, y: f64) -> Check {
    let exercise = "Predict, then check: the lowest loss after 30 steps";
    let Some(answer) = answer else {
        return Check::new(exercise, Verdict::NotAttempted);
    };
    if let Some(hint) = super::attempt::not_finite_hint("Your answer", answer) {
        return Check::new(exercise, Verdict::NotYet(hint));
    }
    let last: Vec<f64> = RATES
        .iter()
        .map(|&lr| {
            let mut trained = net.clone();
            trained.fit(x, y, &crate::train::Fit::new(crate::maths::Loss::Mse).lr(lr).epochs(30));
            trained.forward(x, y).loss // the loss after the 30th step: one more forward pass
        })
        .collect();
    let best = (0..RATES.len()).min_by(|&i, &j| last[i].total_cmp(&last[j])).unwrap_or(0);
    let Some(chosen) = RATES.iter().position(|&lr| (answer - lr).abs() <= 1e-12 + 1e-9 * lr) else {
        return Check::new(
            exercise,
            Verdict::NotYet(format!(
                "Answer with one of the run's rates, Some(0.1), Some(0.02) or Some(0.001), not {answer}."
            )),
        );
    };
    let verdict = if chosen == best {
        Verdict::Correct(format!(
            "Right: after its 30th step, the loss is {} with 0.1, {} with 0.02 and {} with 0.001. \
             A rate small enough not to overshoot but large enough to cover the distance in 30 steps wins.",
            fmt_f64(last[0]),
            fmt_f64(last[1]),
            fmt_f64(last[2])
        ))
    } else if RATES[chosen] > RATES[best] {
        Verdict::NotYet(format!(
            "With {} the steps overshoot: the 30-step run above counted steps that raised the loss, each one \
             carrying ŷ across the target. A smaller rate that does not overshoot closes the gap steadily.",
            RATES[chosen]
        ))
    } else {
        Verdict::NotYet(format!(
            "With {} no step overshoots, but each step is small: η multiplies every step, so at 0.001 a step \
             is 100 times shorter than at 0.1. Ask whether 30 such steps can cover an |e| of about 2.",
            RATES[chosen]
        ))
    };
    Check::new(exercise, verdict)
}

/// The significant figures Day 10's number exercises ask for.
const FIGURES: u32 = 3;

/// The hints whose wrong value differs, at [`FIGURES`], from the right value and
/// from every hint before it (with other numbers in the `parameters` cell two
/// slips can give the same value: the first hint speaks for both).
/// One part of a many-part exercise of this lesson, to 3 significant figures.
fn number_part(
    exercise: &'static str,
    right: f64,
    why: String,
    hints: Vec<(f64, String)>,
    reread: &'static str,
) -> NumberExercise {
    NumberExercise { exercise, right, figures: FIGURES, why, hints: distinct(right, hints), reread }
}

fn distinct(right: f64, hints: Vec<(f64, String)>) -> Vec<(f64, String)> {
    distinct_slips(FIGURES, right, hints)
}

/// Your `my_relu_mask` of Exercise 2.7 applied to `z`, as one line to compare
/// with the crate's `relu_mask` row; while it is still `todo!()`, a line saying
/// so, so that the lesson runs before you have written it.
pub fn your_relu_mask(mine: impl Fn(&Array1<f64>) -> Array1<f64>, z: &Array1<f64>) -> String {
    match attempt(|| mine(z)) {
        Attempt::Done(mask) => {
            format!("your my_relu_mask of {}: {}", crate::numbers::fmt_array(z), crate::numbers::fmt_array(&mask))
        }
        Attempt::Todo => {
            "your my_relu_mask is still todo!(): write it in Exercise 2.7, run that cell, then this one.".into()
        }
        Attempt::Panicked(message) => panic_hint("Your my_relu_mask", &message),
    }
}

/// Exercise 2.7: ReLU′ as a mask over a vector: 1 where z > 0, 0 elsewhere (0 at z = 0).
pub fn relu_mask(mine: impl Fn(&Array1<f64>) -> Array1<f64>) -> Check {
    let exercise = "Exercise 2.7";
    let reread = "Re-read ReLU′ in \"Backward pass: the hidden layer\".";
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
    } else if got == z.mapv(relu) {
        Verdict::NotYet(format!(
            "That is ReLU itself, max(0, z); the mask is its slope: 1 where z > 0, 0 elsewhere. {reread}"
        ))
    } else if got == right {
        Verdict::Correct("ReLU′ is 1 where z > 0 and 0 elsewhere, including at z = 0, as PyTorch takes it.".into())
    } else {
        let k = (0..z.len()).find(|&k| got[k] != right[k]).unwrap_or(0);
        Verdict::NotYet(format!("At z = {} your mask gives {}. {reread}", z[k], got[k]))
    };
    Check::new(exercise, verdict)
}

/// The learner's backward pass of Exercise 2.8: from the forward cache (x, z1,
/// a1, ŷ), the target y and W2, the gradients (dL/dW2, dL/db2, dL/dW1, dL/db1),
/// W1's gradient outputs × inputs like W1.
pub type Backward221 = (Array1<f64>, f64, Array2<f64>, Array1<f64>);

thread_local! {
    /// Raised by [`your_gradient_check`] when the crate's backward pass stands in
    /// for the learner's `my_backward`, still `todo!()`.
    static BACKWARD_STOOD_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The networks Exercise 2.8's check runs `my_backward` on: the lesson's
/// network (`net`, `y`: as stored, hidden unit 2 off and ŷ below y), the
/// network of Exercise 2.6, built as the lesson builds it (`net`'s b1 with
/// b1[1] = 0.5; as stored, both units on), and the lesson's network with the
/// target 0.5 (ŷ above it). With one hidden unit there is no b1[1], and the
/// second case is left out.
fn backward_cases(net: &TwoLayerNet, y: f64) -> Vec<(String, TwoLayerNet, f64)> {
    let mut cases = vec![("the lesson's network".to_string(), net.clone(), y)];
    if net.b1.len() > 1 {
        let mut alive = net.clone();
        alive.b1[1] = 0.5;
        cases.push((format!("the network of Exercise 2.6 (b1 = {})", fmt_array(&alive.b1)), alive, y));
    }
    cases.push((format!("the lesson's network with the target y = {OTHER_TARGET}"), net.clone(), OTHER_TARGET));
    cases
}

/// One part of Exercise 2.8's answer: its name, your shape and the crate's,
/// your numbers and the crate's (row by row), and the number of columns (0 for
/// a vector or a number).
type Part = (&'static str, Vec<usize>, Vec<usize>, Vec<f64>, Vec<f64>, usize);

/// `mine` run on a forward cache `pass` of `net` at (`x`, `y`). The caller runs
/// the crate's forward pass first, outside the learner's code, so a panic of
/// its own (a `parameters` cell whose shapes disagree) is not blamed on `mine`.
fn run_backward(
    mine: &impl Fn(&Array1<f64>, &Array1<f64>, &Array1<f64>, f64, f64, &Array1<f64>) -> Backward221,
    net: &TwoLayerNet,
    pass: &NetPass,
    x: &Array1<f64>,
    y: f64,
) -> Backward221 {
    mine(x, &pass.z1, &pass.a1, pass.y_hat, y, &net.w2)
}

/// The first entry where `got` and `want` (same shape) differ, as (index, got, want).
fn first_mismatch(got: &[f64], want: &[f64], cols: usize) -> Option<(String, f64, f64)> {
    let &(i, g, w) = compare("", got, want, 1e-9, 1e-9).mismatches.first()?;
    let at = match i.checked_div(cols) {
        None => format!("[{i}]"),
        Some(row) => format!("[[{row}, {}]]", i % cols),
    };
    Some((at, g, w))
}

/// The verdict on a `my_backward` that stopped at a `todo!()`: "not attempted"
/// when that is its first line (dL/dŷ) or a `todo!()` without a message; when
/// the `todo!()` is the one of Exercise 2.7's `my_relu_mask` ("ReLU′ for
/// each …"), a pointer to that exercise; otherwise which line is the next to
/// write, quoting that line's message.
fn unfinished_backward(message: &str) -> Verdict {
    let line = message.split_once(": ").map_or("", |(_, what)| what).lines().next().unwrap_or("");
    if line.is_empty() || line.starts_with("dL/dŷ") {
        Verdict::NotAttempted
    } else if line.starts_with("ReLU′ for each") {
        Verdict::Waiting(
            "Your my_backward calls my_relu_mask, which is still todo!(): write it first (Exercise 2.7), run its \
             cell, then run both cells here."
                .to_string(),
        )
    } else {
        Verdict::Waiting(format!(
            "The lines above it compile and run, but their values are checked only once all seven are written; the \
             next one is still todo!(): \"{line}\". Replace it, then run both cells."
        ))
    }
}

/// Exercise 2.8 (write the function): the learner's `my_backward`, the whole
/// backward pass of the 2-2-1 network, compared part by part (dL/dW2, dL/db2,
/// dL/dW1, dL/db1, in that order) with `TwoLayerNet::backward` on three
/// networks (see `backward_cases`). The first part that differs is named, with
/// its expected shape and its first mismatching entry, and a usual slip
/// (missing 2, flipped sign, missing mask, transposed dL/dW1, a1 for x) is
/// named when it matches.
pub fn backward_pass(
    mine: impl Fn(&Array1<f64>, &Array1<f64>, &Array1<f64>, f64, f64, &Array1<f64>) -> Backward221,
    net: &TwoLayerNet,
    x: &Array1<f64>,
    y: f64,
) -> Check {
    let exercise = "Exercise 2.8";
    let not_yet = |hint: String| Check::new(exercise, Verdict::NotYet(hint));
    for (case, net, y) in backward_cases(net, y) {
        let pass = net.forward(x, y); // the crate's, outside run_quietly: only the learner's code is caught
        let want = net.backward(x, &pass, y);
        let (dw2, db2, dw1, db1) = match run_quietly(|| run_backward(&mine, &net, &pass, x, y)) {
            Ok(grads) => grads,
            Err(message) if is_placeholder(&message) => return Check::new(exercise, unfinished_backward(&message)),
            Err(message) => return not_yet(panic_hint("Your my_backward", &message)),
        };
        let parts: [Part; 4] = [
            ("dl_dw2", dw2.shape().to_vec(), want.dl_dw2.shape().to_vec(), dw2.to_vec(), want.dl_dw2.to_vec(), 0),
            ("dl_db2", vec![], vec![], vec![db2], vec![want.dl_db2], 0),
            (
                "dl_dw1",
                dw1.shape().to_vec(),
                want.dl_dw1.shape().to_vec(),
                dw1.iter().copied().collect(),
                want.dl_dw1.iter().copied().collect(),
                want.dl_dw1.ncols(),
            ),
            ("dl_db1", db1.shape().to_vec(), want.dl_db1.shape().to_vec(), db1.to_vec(), want.dl_db1.to_vec(), 0),
        ];
        for (name, got_shape, want_shape, got, right, cols) in parts {
            let shape = |s: &[usize]| if s.is_empty() { "a number".to_string() } else { format!("shape {s:?}") };
            if got_shape != want_shape {
                return not_yet(format!(
                    "On {case}, your {name} has {} where the crate's has {} ({}). Weights are stored outputs × inputs: one row per hidden unit.",
                    shape(&got_shape),
                    shape(&want_shape),
                    if name == "dl_dw1" { "hidden units × inputs" } else { "one entry per hidden unit" }
                ));
            }
            if let Some(hint) = first_not_finite(&format!("Your {name}"), &got) {
                return not_yet(format!("On {case}: {hint}"));
            }
            let Some((at, g, w)) = first_mismatch(&got, &right, cols) else { continue };
            let scaled =
                |k: f64| first_mismatch(&got, &right.iter().map(|v| k * v).collect::<Vec<_>>(), cols).is_none();
            let slip = if scaled(0.5) {
                " It is half the crate's: dL/dŷ = 2(ŷ − y), this lesson's loss has no ½."
            } else if scaled(-1.0) {
                " It is the crate's with its sign flipped: dL/dŷ = 2(ŷ − y), not 2(y − ŷ)."
            } else if name == "dl_dw1"
                && first_mismatch(&got, &want.dl_dw1.t().iter().copied().collect::<Vec<_>>(), cols).is_none()
            {
                " It is the crate's transposed: row j belongs to hidden unit j, so entry [[j, k]] is dl_dz1[j] · x[k]."
            } else if name == "dl_dw1"
                && first_mismatch(
                    &got,
                    &Array2::from_shape_fn(want.dl_dw1.dim(), |(j, k)| want.dl_dz1[j] * pass.a1[k])
                        .iter()
                        .copied()
                        .collect::<Vec<_>>(),
                    cols,
                )
                .is_none()
            {
                " It multiplies by a1; the hidden layer's inputs are x: entry [[j, k]] is dl_dz1[j] · x[k]."
            } else if (name == "dl_dw1" || name == "dl_db1") && want.relu_mask.iter().any(|&m| m == 0.0) {
                let unmasked = &want.dl_da1;
                let no_mask_db1 = unmasked.to_vec();
                let no_mask_dw1: Vec<f64> =
                    Array2::from_shape_fn(want.dl_dw1.dim(), |(j, k)| unmasked[j] * x[k]).iter().copied().collect();
                let matches = if name == "dl_db1" { &no_mask_db1 } else { &no_mask_dw1 };
                if first_mismatch(&got, matches, cols).is_none() {
                    " ReLU's mask is missing: a hidden unit with z1 ≤ 0 is off, and no gradient passes through it (dL/dZ1 = dL/dA1 ⊙ ReLU′(z1))."
                } else {
                    ""
                }
            } else if name == "dl_dw2" && first_mismatch(&got, &(&pass.z1 * want.dl_dy_hat).to_vec(), cols).is_none() {
                " It multiplies by z1; the output layer's inputs are the activations a1 = ReLU(z1)."
            } else {
                ""
            };
            return not_yet(format!(
                "On {case}, {name} is the first part that differs from TwoLayerNet::backward ({}): entry {at} is {} where the crate's is {}.{slip} Re-read \"Backward pass: the output layer\" and \"Backward pass: the hidden layer\".",
                shape(&want_shape),
                fmt_f64(g),
                fmt_f64(w)
            ));
        }
    }
    Check::new(
        exercise,
        Verdict::Correct(
            "Your four gradients equal TwoLayerNet::backward's on the lesson's network, with both hidden units on, and with ŷ above the target.".into(),
        ),
    )
}

/// The gradient check of the lesson's network, with your `my_backward`'s
/// gradients in the analytic column (or, while it is still `todo!()`, the
/// crate's, said on the first line): each is compared with a central
/// difference of the loss, the nudge of "Checking the hand-derived gradients".
///
/// # Panics
/// If `my_backward` returns another number of gradients than the network has
/// parameters (Exercise 2.8's check names the part whose shape is wrong).
#[track_caller]
pub fn your_gradient_check(
    mine: impl Fn(&Array1<f64>, &Array1<f64>, &Array1<f64>, f64, f64, &Array1<f64>) -> Backward221,
    net: &TwoLayerNet,
    x: &Array1<f64>,
    y: f64,
) -> GradCheck {
    let crates = || {
        let g = net.backward(x, &net.forward(x, y), y);
        (g.dl_dw2, g.dl_db2, g.dl_dw1, g.dl_db1)
    };
    let pass = net.forward(x, y); // the crate's forward pass, outside the learner's code
    let ((dw2, db2, dw1, db1), stood_in) = watching(&BACKWARD_STOOD_IN, || {
        yours_or_stand_in(&BACKWARD_STOOD_IN, "my_backward", || run_backward(&mine, net, &pass, x, y), crates)
    });
    println!(
        "analytic column: {}",
        if stood_in {
            "the crate's backward pass, standing in (your my_backward is still todo!())"
        } else {
            "your my_backward"
        }
    );
    let analytic: Array1<f64> = dw1.iter().chain(&db1).chain(&dw2).copied().chain([db2]).collect();
    let parameters = net.flatten().len();
    assert!(
        analytic.len() == parameters,
        "your my_backward returned {} numbers in all; the network has {parameters} parameters",
        analytic.len(),
    );
    net.check_these_gradients(x, y, analytic)
}

/// The learner's backward pass of Exercise 2.8, as a boxed function.
type MyBackward = Box<dyn Fn(&Array1<f64>, &Array1<f64>, &Array1<f64>, f64, f64, &Array1<f64>) -> Backward221>;

/// The backward pass that trains the lesson's network: the learner's
/// `my_backward` once it passes Exercise 2.8's check, the crate's
/// `TwoLayerNet::backward` standing in until then. Made by
/// [`backward_for_training`].
pub struct TrainingBackward {
    mine: Option<MyBackward>,
}

impl TrainingBackward {
    /// The gradients of `net` at the input `x` and target `y`, from its forward
    /// pass `pass`: dL/dW2, dL/db2, dL/dW1 and dL/db1 from the learner's
    /// `my_backward` when it passed its check, the rest of [`NetGrads`]
    /// (dL/dŷ, the mask, dL/dA1, dL/dZ1) from `TwoLayerNet::backward`.
    ///
    /// # Shapes
    /// x: I; dl_dw1: H × I; the other gradients: H (or a number).
    ///
    /// # Panics
    /// As `TwoLayerNet::backward`, if `x` or `pass` do not fit `net`.
    #[track_caller]
    pub fn backward(&self, net: &TwoLayerNet, x: &Array1<f64>, pass: &NetPass, y: f64) -> NetGrads {
        let mut grads = net.backward(x, pass, y);
        if let Some(mine) = &self.mine {
            let (dl_dw2, dl_db2, dl_dw1, dl_db1) = mine(x, &pass.z1, &pass.a1, pass.y_hat, y, &net.w2);
            grads.dl_dw2 = dl_dw2;
            grads.dl_db2 = dl_db2;
            grads.dl_dw1 = dl_dw1;
            grads.dl_db1 = dl_db1;
        }
        grads
    }

    /// True when the learner's `my_backward` runs.
    pub fn is_yours(&self) -> bool {
        self.mine.is_some()
    }
}

/// Whose backward pass trains the lesson's network (`net`, `x`, `y`): the
/// learner's `my_backward` once it passes Exercise 2.8's check (run again here,
/// quietly), otherwise the crate's `TwoLayerNet::backward`. Prints one line
/// saying whose runs, and why.
pub fn backward_for_training(
    mine: impl Fn(&Array1<f64>, &Array1<f64>, &Array1<f64>, f64, f64, &Array1<f64>) -> Backward221 + 'static,
    net: &TwoLayerNet,
    x: &Array1<f64>,
    y: f64,
) -> TrainingBackward {
    let check = backward_pass(&mine, net, x, y);
    let (line, mine): (&str, Option<MyBackward>) = match check.verdict {
        Verdict::Correct(_) => ("your my_backward (it passes Exercise 2.8's check)", Some(Box::new(mine))),
        Verdict::NotAttempted | Verdict::Waiting(_) => {
            ("the crate's TwoLayerNet::backward, standing in (your my_backward is still todo!())", None)
        }
        _ => (
            "the crate's TwoLayerNet::backward, standing in (your my_backward does not pass Exercise 2.8's check yet)",
            None,
        ),
    };
    println!("backward pass: {line}");
    TrainingBackward { mine }
}

/// Exercise 2.3: predict the sign of dL/db2 for the network of the lesson's
/// `parameters` cell (`net`, `net_x`) with the target y = 0.5 (answer '+' or '-').
pub fn sign_of_output_bias_gradient(sign: char, net: &TwoLayerNet, x: &Array1<f64>) -> Check {
    let y = OTHER_TARGET;
    let fwd = net.forward(x, y);
    let g = net.backward(x, &fwd, y);
    let (right, side, sign_word) = if g.dl_db2 > 0.0 { ('+', "above", "positive") } else { ('-', "below", "negative") };
    // The formulas write minus as '−' (U+2212); a copied one counts as the keyboard hyphen.
    let sign = if sign == '\u{2212}' { '-' } else { sign };
    let verdict = match sign {
        '?' => Verdict::NotAttempted,
        s if s == right => Verdict::Correct(format!(
            "ŷ = {:.2} is {side} the target {y}, so dL/dŷ = 2(ŷ − y) is {sign_word}, and dL/db2 = dL/dŷ.",
            fwd.y_hat
        )),
        '+' | '-' => Verdict::NotYet(
            "Compare ŷ with y first: the sign of ŷ − y decides. Re-read \"Backward pass: the output layer\".".into(),
        ),
        other => Verdict::NotYet(format!("Answer '+' or '-' (the keyboard's plus or hyphen), not '{other}'.")),
    };
    Check::new("Exercise 2.3", verdict)
}

/// Exercise 2.5: the first hidden unit's gradient, the first entry of `dL/dZ1`
/// (∂L/∂z₁ of layer 1), for the network of the lesson's `parameters` cell
/// (`net`, `net_x`) with the target y = 0.5 in place of its own, `lesson_y`, to 3
/// significant figures.
pub fn hidden_unit_gradient(answer: Option<f64>, net: &TwoLayerNet, x: &Array1<f64>, lesson_y: f64) -> Check {
    hidden_unit_gradient_exercise(net, x, lesson_y).check(answer)
}

pub(crate) fn hidden_unit_gradient_exercise(net: &TwoLayerNet, x: &Array1<f64>, lesson_y: f64) -> NumberExercise {
    let y = OTHER_TARGET;
    let g = net.backward(x, &net.forward(x, y), y);
    let right = g.dl_dz1[0];
    let as_in_the_lesson = net.backward(x, &net.forward(x, lesson_y), lesson_y).dl_dz1[0];
    NumberExercise {
        exercise: "Exercise 2.5",
        right,
        figures: FIGURES,
        why: "dl_dz1[0] = dL/dŷ · w2[0] · ReLU′(z1[0]): the error reaches the hidden unit through the weight that connects it to the output.".into(),
        hints: distinct(
            right,
            vec![
                (g.dl_dy_hat, "That is dL/dŷ; it still has to pass through w2[0].".into()),
                (-right, "The sign is flipped.".into()),
                (right / 2.0, "Your answer is half the right one: dL/dŷ = 2(ŷ − y), since this lesson's loss has no ½.".into()),
                (g.dl_dy_hat * net.w2[1], "That went through w2[1], the second hidden unit's weight; the first unit's error comes through w2[0].".into()),
                (as_in_the_lesson, format!("That is the lesson's value, for the target y = {lesson_y}. With y = {y}, dL/dŷ = 2(ŷ − y) is another number, and so is everything behind it.")),
            ],
        ),
        reread: "\"Backward pass: the hidden layer\"",
    }
}

/// K_all of the lesson's 2-2-1 network, from one step's gradients: the sum of
/// squared slopes (∂ŷ/∂θ)² over all nine parameters, each slope read off its
/// gradient as ∂ŷ/∂θ = (∂L/∂θ) / (∂L/∂ŷ), since ∂L/∂θ = ∂L/∂ŷ · ∂ŷ/∂θ.
/// Its inverse 1/K_all is the whole network's edge (a guide, see the lesson).
/// NaN when ∂L/∂ŷ is 0 (ŷ on the target: no slope can be read).
pub fn k_all_from_gradients(grads: &NetGrads) -> f64 {
    let squares = grads.dl_dw1.mapv(|v| v * v).sum()
        + grads.dl_db1.mapv(|v| v * v).sum()
        + grads.dl_dw2.mapv(|v| v * v).sum()
        + grads.dl_db2 * grads.dl_db2;
    let dl_dy_hat_sq = grads.dl_dy_hat * grads.dl_dy_hat;
    if dl_dy_hat_sq == 0.0 {
        f64::NAN
    } else {
        squares / dl_dy_hat_sq
    }
}

/// What the lesson reads off the edge 1/K_all before each step of a run,
/// compared with the learning rate. Made by [`edges_below`].
#[derive(Debug, Clone, PartialEq)]
pub struct EdgesBelow {
    /// The first step (counting from 1) whose edge is below the rate; 0 if none is.
    pub first_below: usize,
    /// How many steps have their edge below the rate.
    pub below: usize,
    /// True when the edge is below the rate at the even steps (2, 4, …) and only there.
    pub exactly_at_even_steps: bool,
}

/// Compares the edge before each step with the rate `lr`. `edges` holds
/// (step, edge 1/K_all) pairs, one per step, steps counted from 1 (the step is
/// stored as an `f64`, as a chart takes it; it is rounded to a whole number).
/// A NaN edge counts as not below.
pub fn edges_below(edges: &[(f64, f64)], lr: f64) -> EdgesBelow {
    let step = |k: f64| k.round().max(0.0) as usize;
    EdgesBelow {
        first_below: edges.iter().find(|(_, edge)| *edge < lr).map_or(0, |(k, _)| step(*k)),
        below: edges.iter().filter(|(_, edge)| *edge < lr).count(),
        exactly_at_even_steps: edges.iter().all(|(k, edge)| (*edge < lr) == (step(*k) % 2 == 0)),
    }
}

/// What the lesson reads off the losses of a run, one step at a time. Made by
/// [`step_ratios`].
#[derive(Debug, Clone, PartialEq)]
pub struct StepRatios {
    /// Each step's |e| ratio |e_new| / |e| = √(loss after / loss before), since
    /// the loss is e²; `ratios[k - 1]` is step k's.
    pub ratios: Vec<f64>,
    /// How many steps raised the loss (a ratio above 1).
    pub rises: usize,
    /// The product of the ratios of the odd steps 1, 3, 5, …: what they together multiplied |e| by.
    pub odd_product: f64,
    /// The product of the ratios of the even steps 2, 4, 6, …
    pub even_product: f64,
}

impl StepRatios {
    /// True when, from the odd step `step` on, each pair of steps (odd, then the
    /// next even one) ends closer to the target than it began: the pair's ratios
    /// multiply to less than 1. A last odd step without its pair counts alone.
    /// False when `step` is even, 0 or past the last step.
    pub fn each_pair_shrinks_from(&self, step: usize) -> bool {
        step % 2 == 1
            && step <= self.ratios.len()
            && self.ratios[step - 1..].chunks(2).all(|p| p.iter().product::<f64>() < 1.0)
    }
}

/// The |e| ratios of a run from its losses: `losses[k]` is the loss after k
/// steps (`losses[0]` at the start), so n + 1 losses give n steps. The loss is
/// e², so each step's ratio is √(loss after / loss before).
pub fn step_ratios(losses: &[f64]) -> StepRatios {
    let ratios: Vec<f64> = losses.windows(2).map(|pair| (pair[1] / pair[0]).sqrt()).collect();
    StepRatios {
        rises: losses.windows(2).filter(|pair| pair[1] > pair[0]).count(),
        odd_product: ratios.iter().step_by(2).product(),
        even_product: ratios.iter().skip(1).step_by(2).product(),
        ratios,
    }
}

/// How many steps carried ŷ across the target `y`: `path` holds (steps taken,
/// ŷ) pairs in order, and a step crosses when ŷ before and after it lie on
/// opposite sides of `y` (landing exactly on `y` is not a crossing).
pub fn target_crossings(path: &[(f64, f64)], y: f64) -> usize {
    path.windows(2).filter(|pair| (pair[0].1 - y) * (pair[1].1 - y) < 0.0).count()
}

/// The loss along one step's direction, exactly: from the weights `net`, the
/// gradient g at those weights, and the loss after a step of length t along −g,
/// L(θ − t·g), for t at `points` evenly spaced values from 0 to `t_max`. A step
/// of gradient descent with rate η is the point t = η. Made by [`loss_along_step`].
#[derive(Debug, Clone, PartialEq)]
pub struct LossAlongStep {
    /// The (t, loss) pairs, t from 0 to `t_max`; for a chart.
    pub points: Vec<(f64, f64)>,
    /// The loss at t = 0: where the step starts.
    pub start: f64,
    /// The t of the lowest loss along the direction (the valley's bottom).
    pub lowest_at: f64,
    /// The first t past the bottom where the loss is back above `start`: a
    /// longer step raises the loss. `None` if that does not happen up to `t_max`.
    pub back_above_start_at: Option<f64>,
}

impl LossAlongStep {
    /// The loss at the point of `points` nearest to `t` (the step of rate `t`
    /// when `t` is on the grid); the start's loss if there are no points.
    pub fn loss_at(&self, t: f64) -> f64 {
        self.points.iter().min_by(|p, q| (p.0 - t).abs().total_cmp(&(q.0 - t).abs())).map_or(self.start, |p| p.1)
    }
}

/// [`LossAlongStep`] for the step that starts at `net`, on the input `x` and target `y`.
/// Fewer than 2 `points` are taken as 2.
pub fn loss_along_step(net: &TwoLayerNet, x: &Array1<f64>, y: f64, t_max: f64, points: usize) -> LossAlongStep {
    let pass = net.forward(x, y);
    let grads = net.backward(x, &pass, y);
    let n = points.max(2);
    let pts: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let t = t_max * i as f64 / (n - 1) as f64;
            let mut moved = net.clone();
            if t > 0.0 {
                moved.step(&grads, t); // t = 0: the start itself (a step of rate 0 is refused)
            }
            (t, moved.forward(x, y).loss)
        })
        .collect();
    let lowest = pts.iter().enumerate().fold(0, |best, (i, p)| if p.1 < pts[best].1 { i } else { best });
    LossAlongStep {
        start: pass.loss,
        lowest_at: pts[lowest].0,
        back_above_start_at: pts[lowest..].iter().find(|p| p.1 > pass.loss).map(|p| p.0),
        points: pts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercises::number::cut_to_figures;

    /// The 2-2-1 network of Day 10 as its `parameters` cell stores it, its input
    /// x = [1, 2] and the target y = 0.5 of Exercises 2.3 and 2.5. W1 is outputs ×
    /// inputs, row j feeding hidden unit j.
    fn day10_net() -> (TwoLayerNet, Array1<f64>, f64) {
        let net = TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1);
        (net, array![1.0, 2.0], OTHER_TARGET)
    }

    /// The verdict's text on `answer`.
    fn say(check: impl Fn(Option<f64>) -> Check, answer: f64) -> String {
        check(Some(answer)).to_text()
    }

    #[test]
    fn the_result_cells_helpers_read_off_labelled_numbers() {
        let (net, x, _) = day10_net();
        let pass = net.forward(&x, 3.0);
        let grads = net.backward(&x, &pass, 3.0);
        // K_all at the start: 1.1² + 1 + 0.6²·6 = 4.37
        assert!((k_all_from_gradients(&grads) - 4.37).abs() < 1e-9, "{}", k_all_from_gradients(&grads));
        let mut on_target = grads.clone();
        on_target.dl_dy_hat = 0.0;
        assert!(k_all_from_gradients(&on_target).is_nan());
        let edges = [(1.0, 0.2), (2.0, 0.05), (3.0, 0.11), (4.0, 0.06)];
        assert_eq!(edges_below(&edges, 0.1), EdgesBelow { first_below: 2, below: 2, exactly_at_even_steps: true });
        let never = edges_below(&[(1.0, 0.2), (2.0, f64::NAN)], 0.1);
        assert_eq!((never.first_below, never.below, never.exactly_at_even_steps), (0, 0, false));
        // |e|: 2 → 1 → 1.5 → 0.5 → 0.6 (losses e²)
        let r = step_ratios(&[4.0, 1.0, 2.25, 0.25, 0.36]);
        assert_eq!(r.ratios.len(), 4);
        assert_eq!(r.rises, 2);
        assert!((r.odd_product - 0.5 / 3.0).abs() < 1e-12 && (r.even_product - 1.8).abs() < 1e-12, "{r:?}");
        assert!(r.each_pair_shrinks_from(1) && r.each_pair_shrinks_from(3));
        assert!(!r.each_pair_shrinks_from(2) && !r.each_pair_shrinks_from(0) && !r.each_pair_shrinks_from(5));
        assert!(!step_ratios(&[4.0, 1.0, 9.0]).each_pair_shrinks_from(1));
        assert_eq!(target_crossings(&[(0.0, 1.0), (1.0, 4.0), (2.0, 3.0), (3.0, 2.0), (4.0, 5.0)], 3.0), 2);
        assert_eq!(target_crossings(&[], 3.0), 0);
    }

    #[test]
    fn the_zero_gradients_and_the_curvature_at_step_two() {
        let (net, x, _) = day10_net();
        let zero = |a: Option<usize>| zero_gradients(a, &net, &x, 3.0);
        assert_eq!(zero(None).verdict, Verdict::NotAttempted);
        assert!(zero(Some(4)).passed());
        assert!(zero(Some(3)).to_text().contains("One more"));
        assert!(zero(Some(2)).to_text().contains("bias is a parameter too"));
        assert!(!zero(Some(9)).passed());
        assert!(!zero(Some(0)).passed());
        let two = |k: Option<f64>| step_two_curvature(k, &net, &x, 3.0, 0.1);
        assert!((step_two_curvature_exercise(&net, &x, 3.0, 0.1).right - 15.5246).abs() < 1e-4);
        assert_eq!(two(None).verdict, Verdict::NotAttempted);
        assert!(two(Some(15.5)).passed(), "{}", two(Some(15.5)).to_text());
        // By hand: 1.09²·6 + 8.36 = 15.49, and with a1 rounded to 2.71: 7.13 + 8.34 = 15.47.
        assert!(two(Some(15.49)).passed() && two(Some(15.47)).passed());
        // Once K_all is right, the verdict says where η stands against the whole-network edge (no yes/no asked).
        let right = two(Some(15.5)).to_text();
        assert!(right.contains("now below η = 0.1") && right.contains("past it"), "{right}");
        for (slip, says) in [
            (8.36, "K_out alone"),
            (4.37, "at the start"),
            (7.17, "share alone"),
            (10.5, "not the W^[2] of the start"),
            (9.37, "K_out changed too"),
            (14.3, "the bias's share"),
            (14.9, "Square the slopes"),
            (0.0644, "the whole-network edge 1/K_all"),
        ] {
            let text = two(Some(slip)).to_text();
            assert!(!two(Some(slip)).passed() && text.contains(says), "{slip}: {text}");
            assert!(!text.contains("15.5") && !text.contains("below η"), "never the answer, nor the edge: {text}");
        }
        assert!(two(Some(f64::NAN)).to_text().contains("NaN"));
        let out = |f, c, l| step_two_output_layer(f, c, l, &net, &x, 3.0, 0.1);
        assert!((step_two_factor_exercise(&net, &x, 3.0, 0.1).right + 0.672).abs() < 1e-3);
        assert_eq!(out(None, None, None).verdict, Verdict::NotAttempted);
        assert!(
            out(Some(-0.67), Some(true), Some(true)).passed(),
            "{}",
            out(Some(-0.67), Some(true), Some(true)).to_text()
        );
        assert!(out(Some(-0.672), Some(true), Some(true)).passed(), "more figures are right too");
        assert!(out(Some(-0.669), Some(true), Some(true)).passed(), "from a1 rounded to 2.71");
        let blank = out(Some(-0.67), None, None).to_text();
        assert!(!out(Some(-0.67), None, None).passed() && blank.contains("Some(true) or Some(false)"), "{blank}");
        assert!(out(Some(0.558), Some(true), Some(true)).to_text().contains("step 1's multiplier"));
        assert!(out(Some(-0.47), Some(true), Some(true)).to_text().contains("output bias"));
        assert!(out(Some(0.16), Some(true), Some(true)).to_text().contains("2 stays in"));
        assert!(out(Some(0.67), Some(true), Some(true)).to_text().contains("Keep the sign"));
        assert!(out(Some(-0.67), Some(false), Some(true)).to_text().contains("flips the side"));
        assert!(out(Some(-0.67), Some(true), Some(false)).to_text().contains("whatever the sign"));
        assert!(out(Some(f64::NAN), Some(true), Some(true)).to_text().contains("NaN"));
        assert!(!out(Some(0.558), Some(true), Some(true)).to_text().contains("0.67"), "never the answer");
    }

    #[test]
    fn the_hidden_layer_both_on_and_the_prediction_after_one_step() {
        let (net, x, _) = day10_net();
        let mut alive = net.clone();
        alive.b1 = array![0.0, 0.5];
        let check = |a: [Option<f64>; 2]| hidden_layer_both_on(a, &alive, &x, 3.0);
        let parts = hidden_layer_both_on_parts(&alive, &x, 3.0);
        assert!((parts[0].right - 0.92).abs() < 1e-12 && (parts[1].right - 1.84).abs() < 1e-12);
        assert_eq!(check([None, None]).verdict, Verdict::NotAttempted);
        assert!(check([Some(0.92), Some(1.84)]).passed());
        let slips = check([Some(0.0), Some(0.92)]).to_text();
        assert!(
            slips.contains("ReLU lets the second unit through") && slips.contains("multiply by the input"),
            "{slips}"
        );
        assert!(check([Some(0.896), None]).to_text().contains("stored network's dL/dŷ"));
        assert!(check([Some(f64::NAN), None]).to_text().contains("NaN"));
        let after = |a, b| prediction_after_step(a, b, &net, &x, 3.0, 0.1);
        assert!((prediction_after_step_exercise(&net, &x, 3.0, 0.1).right - 3.5126).abs() < 1e-3);
        assert_eq!(after(None, None).verdict, Verdict::NotAttempted);
        assert!(after(Some(3.51), Some(true)).passed(), "{}", after(Some(3.51), Some(true)).to_text());
        assert!(after(Some(3.513), Some(true)).passed());
        let one = after(Some(3.51), None).to_text();
        assert!(!after(Some(3.51), None).passed() && one.contains("Some(true) or Some(false)"), "{one}");
        assert!(after(Some(3.51), Some(false)).to_text().contains("past it"));
        assert!(after(Some(0.76), Some(false)).to_text().contains("ŷ before the step"));
        assert!(after(Some(3.55), Some(true)).to_text().contains("ReLU is missing"));
        assert!(after(Some(3.22), Some(true)).to_text().contains("hidden bias"));
        assert!(after(Some(3.06), Some(true)).to_text().contains("output bias"));
        assert!(after(Some(f64::NAN), Some(true)).to_text().contains("NaN"));
        assert!(!after(Some(0.76), Some(false)).to_text().contains("3.51"), "never the answer");
    }

    #[test]
    fn the_neuron_gradient_computed_first() {
        let check = |a: Option<f64>| gradient_of_w(a, 2.0, 0.5, 0.0, 1.0);
        assert_eq!(check(None).verdict, Verdict::NotAttempted);
        for right in [-0.2115, -0.21150837] {
            let said = say(check, right);
            assert!(check(Some(right)).passed() && said.contains("Right to 4 significant figures"), "{right}: {said}");
        }
        // The exercise asks for 4 figures, and the check says so to a 3-figure answer.
        let three = say(check, -0.212);
        assert!(!check(Some(-0.212)).passed() && three.contains("4 significant figures"), "{three}");
        assert!(say(check, 0.2115).contains("sign is flipped"));
        // x = 2: forgetting the 2 of 2(a − y) and forgetting dz/dw = x give the same number.
        let half = say(check, -0.1058);
        assert!(half.contains("half the right one") && half.contains("no ½") && half.contains("dz/dw = x"), "{half}");
        assert!(say(check, -0.5379).contains("dL/da alone"));
        assert!(say(check, -1.076).contains("a(1 − a) is missing"));
        // x = 1.3: −0.27459… cut short is −0.2745, rounded −0.2746.
        let e = gradient_of_w_exercise(1.3, 0.5, 0.0, 1.0);
        let cut = cut_to_figures(e.right, 4);
        if !agrees(cut, e.right, 4) {
            let said = gradient_of_w(Some(cut), 1.3, 0.5, 0.0, 1.0).to_text();
            assert!(said.contains("cut short"), "{said}");
        }
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(!check(Some(bad)).passed());
        }
        assert!(!say(check, -0.5).contains("0.21"), "never the answer");
    }

    #[test]
    fn the_neuron_gradient_follows_the_parameters_cell() {
        // x = 1 (another example): the ½ slip and dL/dz are told apart, and dL/dz is the answer itself.
        let check = |a: Option<f64>| gradient_of_w(a, 1.0, 0.5, 0.0, 1.0);
        assert!(check(Some(-0.1774)).passed(), "{}", say(check, -0.1774));
        assert!(say(check, -0.08872).contains("has no ½, so dL/da = 2(a − y)"));
        let e = gradient_of_w_exercise(1.0, 0.5, 0.0, 1.0);
        assert!(e.hints.iter().all(|(_, h)| !h.contains("dL/dz")), "dL/dz equals dL/dw when x = 1");
        // x = −1.5, as README's command-line example: the gradient changes sign.
        let e = gradient_of_w_exercise(-1.5, 0.5, 0.0, 1.0);
        assert!(e.right > 0.0 && gradient_of_w(Some(round_to_figures(e.right, 4)), -1.5, 0.5, 0.0, 1.0).passed());
        // A flat start, x = 0: the answer is 0 and no hint repeats it.
        assert!(gradient_of_w(Some(0.0), 0.0, 0.5, 0.0, 1.0).passed());
        assert!(gradient_of_w_exercise(0.0, 0.5, 0.0, 1.0).hints.iter().all(|(w, _)| *w != 0.0));
    }

    #[test]
    fn the_output_layer_predicted_first() {
        let (net, x, _) = day10_net();
        let check = |a: [Option<f64>; 4]| output_layer_gradients(a, &net, &x, 3.0);
        assert_eq!(check([None; 4]).verdict, Verdict::NotAttempted);
        let right = [Some(-4.48), Some(-4.93), Some(-2.69), Some(0.896)];
        assert!(check(right).passed(), "{}", check(right).to_text());
        assert!(check([Some(-4.48), Some(-4.928), Some(-2.688), Some(0.896)]).passed());
        let text = |a| check(a).to_text();
        // One part right, the others each with its own slip.
        let slips = text([Some(-2.24), Some(-2.69), Some(-4.93), Some(0.0)]);
        assert!(slips.contains("no ½"), "{slips}");
        assert!(slips.contains("the weight itself"), "{slips}");
        assert!(slips.contains("That is dl_dw2[0]"), "{slips}");
        assert!(slips.contains("switched the second hidden unit off"), "{slips}");
        let slips = text([Some(4.48), Some(-4.48), Some(0.896), Some(-2.69)]);
        assert!(slips.contains("sign is flipped"), "{slips}");
        assert!(slips.contains("That is dL/dŷ: multiply"), "{slips}");
        assert!(slips.contains("went through w2[1]"), "{slips}");
        assert!(slips.contains("went through w2[0]"), "{slips}");
        assert!(text([Some(-4.48), None, None, None]).contains("Right: dL/dŷ"));
        assert!(text([Some(f64::NAN), Some(f64::INFINITY), Some(f64::NEG_INFINITY), None]).contains("NaN"));
        // An active second unit: no hint for 0.
        let on = TwoLayerNet::new(array![[0.5, 0.3], [0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1);
        assert!(output_layer_gradients_parts(&on, &x, 3.0)[3].hints.iter().all(|(w, _)| *w != 0.0));
    }

    #[test]
    fn the_hidden_layer_predicted_first() {
        let (net, x, _) = day10_net();
        let check = |a: [Option<f64>; 2]| hidden_layer_gradients(a, &net, &x, 3.0);
        assert_eq!(check([None; 2]).verdict, Verdict::NotAttempted);
        assert!(check([Some(0.0), Some(-5.38)]).passed(), "{}", check([Some(0.0), Some(-5.38)]).to_text());
        assert!(check([Some(0.0), Some(-5.376)]).passed());
        assert!(check([Some(0.0), None]).to_text().contains("Right: dl_dz1[1]"));
        let text = |a| check(a).to_text();
        let slips = text([Some(0.896), Some(-2.69)]);
        assert!(slips.contains("before ReLU"), "{slips}");
        assert!(slips.contains("That is dl_dz1[0]"), "{slips}");
        let slips = text([None, Some(5.38)]);
        assert!(slips.contains("sign is flipped"), "{slips}");
        assert!(text([None, Some(-2.69)]).contains("x2"));
        assert!(text([None, Some(1.79)]).contains("went through w2[1]"));
        assert!(text([Some(f64::NAN), Some(f64::INFINITY)]).contains("NaN"));
        // An active second unit: 0 is a slip, with its own hint.
        let on = TwoLayerNet::new(array![[0.5, 0.3], [0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1);
        let on_check = hidden_layer_gradients([Some(0.0), None], &on, &x, 3.0).to_text();
        assert!(on_check.contains("lets this unit through"), "{on_check}");
    }

    #[test]
    fn the_network_output_predicted_first() {
        let (net, x, _) = day10_net();
        let check = |a: Option<f64>| network_output(a, &net, &x);
        assert_eq!(check(None).verdict, Verdict::NotAttempted);
        assert!(check(Some(0.76)).passed() && check(Some(0.760)).passed());
        assert!(say(check, 0.8).contains("ReLU is missing"));
        assert!(say(check, 0.66).contains("bias b^[2] is missing"));
        assert!(say(check, 0.0).contains("by columns"));
        assert!(say(check, 0.681).contains("no activation"));
        assert!(say(check, f64::NAN).contains("NaN"));
    }

    #[test]
    fn the_update_computed_first() {
        let (net, x, _) = day10_net();
        let check = |b2: Option<f64>, w: Option<f64>| one_step_update([b2, w], &net, &x, 3.0, 0.1);
        assert_eq!(check(None, None).verdict, Verdict::NotAttempted);
        assert!(check(Some(0.548), Some(0.838)).passed());
        assert!(check(Some(0.548), Some(0.8376)).passed());
        assert!(!check(Some(0.548), None).passed());
        assert!(check(Some(0.548), None).to_text().contains("W1_new[[0, 1]]: not attempted yet"));
        let b2 = |a: f64| check(Some(a), Some(0.838)).to_text();
        assert!(b2(0.1).contains("before the step"));
        assert!(b2(-0.348).contains("uphill"));
        assert!(b2(4.58).contains("learning rate"));
        assert!(b2(0.448).contains("alone"));
        assert!(b2(0.324).contains("no ½"));
        assert!(b2(f64::NAN).contains("NaN") && b2(f64::INFINITY).contains("+∞"));
        // The hidden weight: 0.3 − 0.1·(−5.376) = 0.8376, and its slips by hand.
        let w = |a: f64| check(Some(0.548), Some(a)).to_text();
        assert!(w(0.3).contains("before the step"));
        assert!(w(-0.238).contains("uphill"));
        assert!(w(5.68).contains("learning rate"));
        assert!(w(0.538).contains("alone"));
        assert!(w(0.569).contains("no ½") && w(0.569).contains("x1"));
        assert!(w(0.769).contains("w1[[0, 0]]"));
        assert!(w(0.269).contains("b1[0]"));
        assert!(!check(Some(0.548), Some(0.84)).passed(), "{}", w(0.84));
        assert!(w(f64::NEG_INFINITY).contains("−∞"));
        // A changed parameters cell changes the answer: x = [2, 1] gives dl_dz1[0] = 2(ŷ − 3)·0.6 with
        // z1 = [1.3, −0.7], ŷ = 0.88, so dl_dw1[[0, 1]] = −2.544·1 and the weight ends at 0.554; there the
        // x1 slip (0.3 + 0.1·5.088 = 0.809) and the half step (0.427) get separate hints.
        let x2 = array![2.0, 1.0];
        assert!(one_step_update([Some(0.524), Some(0.554)], &net, &x2, 3.0, 0.1).passed());
        let other = |a: f64| one_step_update([None, Some(a)], &net, &x2, 3.0, 0.1).to_text();
        assert!(other(0.809).contains("x1") && !other(0.809).contains("no ½"));
        assert!(other(0.427).contains("no ½") && !other(0.427).contains("x1"));
    }

    #[test]
    fn the_hidden_unit_gradient() {
        let (net, x, _) = day10_net();
        let check = |a: Option<f64>| hidden_unit_gradient(a, &net, &x, 3.0);
        assert_eq!(check(None).verdict, Verdict::NotAttempted);
        assert!(check(Some(0.312)).passed());
        assert!(say(check, 0.52).contains("pass through w2[0]"));
        assert!(say(check, -0.312).contains("sign is flipped"));
        assert!(say(check, 0.156).contains("no ½"));
        assert!(say(check, -0.104).contains("through w2[1]"));
        assert!(say(check, -2.69).contains("the lesson's value, for the target y = 3"));
        assert!(say(check, f64::INFINITY).contains("+∞"));
        // A changed parameters cell changes the answer: W2 = [0.9, −0.2] gives ŷ = 1.09, 2(1.09 − 0.5)·0.9.
        let other = TwoLayerNet::new(net.w1.clone(), net.b1.clone(), array![0.9, -0.2], 0.1);
        assert!(hidden_unit_gradient(Some(1.06), &other, &x, 3.0).passed());
        assert!(!hidden_unit_gradient(Some(0.312), &other, &x, 3.0).passed());
    }

    #[test]
    fn the_lowest_loss_rate_predicted_first() {
        let (net, x, _) = day10_net();
        let check = |a: Option<f64>| lowest_loss_rate(a, &net, &x, 3.0);
        assert_eq!(check(None).verdict, Verdict::NotAttempted);
        assert!(check(Some(0.02)).passed(), "{}", check(Some(0.02)).to_text());
        assert!(check(Some(0.02)).to_text().contains("after its 30th step, the loss is 0.0941428 with 0.1"));
        assert!(check(Some(0.1)).to_text().contains("overshoot"));
        assert!(check(Some(0.001)).to_text().contains("100 times shorter"));
        assert!(!check(Some(0.001)).passed());
        assert!(check(Some(0.5)).to_text().contains("one of the run's rates"));
        assert!(check(Some(f64::NAN)).to_text().contains("NaN"));
    }

    #[test]
    fn the_sign_prediction() {
        let (net, x, y) = day10_net();
        let g = net.backward(&x, &net.forward(&x, y), y);
        let sign = if g.dl_db2 > 0.0 { '+' } else { '-' };
        assert_eq!(sign, '+', "unlike the lesson's example (y = 3), ŷ = 0.76 is above this target");
        let check = |s: char| sign_of_output_bias_gradient(s, &net, &x);
        assert!(check(sign).passed());
        assert_eq!(check('?').verdict, Verdict::NotAttempted);
        assert!(!check(if sign == '+' { '-' } else { '+' }).passed());
        assert!(check('x').to_text().contains("Answer '+' or '-'"));
        // A changed parameters cell: b2 = −1 puts ŷ = −0.24 below 0.5, so the sign turns.
        let low = TwoLayerNet::new(net.w1.clone(), net.b1.clone(), net.w2.clone(), -1.0);
        assert!(sign_of_output_bias_gradient('-', &low, &x).passed());
        // The minus of the formulas, U+2212, copied from the prose, reads as the keyboard hyphen.
        assert!(sign_of_output_bias_gradient('\u{2212}', &low, &x).passed());
        assert!(!check('\u{2212}').passed());
        assert!(!check('\u{2212}').to_text().contains("Answer '+' or '-'"));
    }

    #[test]
    fn your_relu_mask_runs_or_says_it_is_todo() {
        let z = array![1.1, -0.2];
        assert!(your_relu_mask(|z: &Array1<f64>| z.mapv(relu_derivative), &z).ends_with(": [1, 0]"));
        assert!(your_relu_mask(|_: &Array1<f64>| todo!(), &z).contains("still todo!()"));
        assert!(your_relu_mask(|_: &Array1<f64>| panic!("boom"), &z).contains("\"boom\""));
    }

    #[test]
    fn the_relu_mask_in_every_case() {
        assert!(relu_mask(|z: &Array1<f64>| z.mapv(|v| if v > 0.0 { 1.0 } else { 0.0 })).passed());
        let at_zero = relu_mask(|z: &Array1<f64>| z.mapv(|v| if v >= 0.0 { 1.0 } else { 0.0 }));
        assert!(at_zero.to_text().contains("At z = 0"));
        let relu_itself = relu_mask(|z: &Array1<f64>| z.mapv(|v| v.max(0.0)));
        assert!(relu_itself.to_text().contains("That is ReLU itself"), "{}", relu_itself.to_text());
        assert_eq!(relu_mask(|_: &Array1<f64>| todo!()).verdict, Verdict::NotAttempted);
        assert!(relu_mask(|z: &Array1<f64>| z.mapv(|_| f64::NAN)).to_text().contains("NaN"));
        assert!(relu_mask(|z: &Array1<f64>| z.mapv(|_| f64::INFINITY)).to_text().contains("+∞"));
        assert!(relu_mask(|z: &Array1<f64>| array![z[10]]).to_text().contains("panicked"));
        assert!(relu_mask(|_: &Array1<f64>| array![1.0]).to_text().contains("1 entries for 6 inputs"));
    }

    /// The crate's backward pass in Exercise 2.8's form, with `slip` applied to its result.
    #[allow(clippy::type_complexity)]
    fn backward_with(
        slip: fn(Backward221) -> Backward221,
    ) -> impl Fn(&Array1<f64>, &Array1<f64>, &Array1<f64>, f64, f64, &Array1<f64>) -> Backward221 {
        move |x, z1, a1, y_hat, y, w2| {
            let dl_dy_hat = 2.0 * (y_hat - y);
            let dl_dz1 = (w2 * dl_dy_hat) * z1.mapv(relu_derivative);
            let dl_dw1 = Array2::from_shape_fn((z1.len(), x.len()), |(j, k)| dl_dz1[j] * x[k]);
            slip((a1 * dl_dy_hat, dl_dy_hat, dl_dw1, dl_dz1))
        }
    }

    #[test]
    fn the_backward_pass_is_checked_part_by_part() {
        let (net, x, _) = day10_net();
        let check = |mine| backward_pass(mine, &net, &x, 3.0);
        assert!(check(backward_with(|g| g)).passed());
        let todo =
            |_: &Array1<f64>, _: &Array1<f64>, _: &Array1<f64>, _: f64, _: f64, _: &Array1<f64>| -> Backward221 {
                todo!()
            };
        assert_eq!(backward_pass(todo, &net, &x, 3.0).verdict, Verdict::NotAttempted);
        let first_line =
            |_: &Array1<f64>, _: &Array1<f64>, _: &Array1<f64>, y_hat: f64, y: f64, _: &Array1<f64>| -> Backward221 {
                let _dl_dy_hat = 2.0 * (y_hat - y);
                todo!("dL/dW2 from dl_dy_hat and a1")
            };
        let next = backward_pass(first_line, &net, &x, 3.0);
        assert!(
            matches!(next.verdict, Verdict::Waiting(_)) && next.to_text().contains("\"dL/dW2 from dl_dy_hat and a1\""),
            "{}",
            next.to_text()
        );
        let untouched =
            |_: &Array1<f64>, _: &Array1<f64>, _: &Array1<f64>, y_hat: f64, y: f64, _: &Array1<f64>| -> Backward221 {
                todo!("dL/dŷ from y_hat = {y_hat} and y = {y}")
            };
        assert_eq!(backward_pass(untouched, &net, &x, 3.0).verdict, Verdict::NotAttempted);
        let mask_todo =
            |_: &Array1<f64>, z1: &Array1<f64>, _: &Array1<f64>, _: f64, _: f64, _: &Array1<f64>| -> Backward221 {
                todo!("ReLU′ for each of the {} entries", z1.len())
            };
        let mask = backward_pass(mask_todo, &net, &x, 3.0);
        assert!(
            matches!(mask.verdict, Verdict::Waiting(_))
                && mask.to_text().contains("Exercise 2.7")
                && mask.to_text().contains("my_relu_mask"),
            "{}",
            mask.to_text()
        );
        let half = check(backward_with(|(a, b, c, d)| (a * 0.5, b * 0.5, c * 0.5, d * 0.5))).to_text();
        assert!(half.contains("dl_dw2 is the first part") && half.contains("half"), "{half}");
        let flipped = check(backward_with(|(a, b, c, d)| (-a, -b, -c, -d))).to_text();
        assert!(flipped.contains("sign flipped"), "{flipped}");
        let transposed = check(backward_with(|(a, b, c, d)| (a, b, c.t().to_owned(), d))).to_text();
        assert!(transposed.contains("dl_dw1") && transposed.contains("transposed"), "{transposed}");
        let wrong_shape =
            check(backward_with(|(a, b, c, d)| (a, b, c.slice(ndarray::s![0..1, ..]).to_owned(), d))).to_text();
        assert!(wrong_shape.contains("shape [1, 2]") && wrong_shape.contains("shape [2, 2]"), "{wrong_shape}");
        let no_mask = |x: &Array1<f64>, z1: &Array1<f64>, a1: &Array1<f64>, y_hat: f64, y: f64, w2: &Array1<f64>| {
            let g = 2.0 * (y_hat - y);
            let dz1 = w2 * g;
            let _ = z1;
            (a1 * g, g, Array2::from_shape_fn((2, 2), |(j, k)| dz1[j] * x[k]), dz1)
        };
        let said = backward_pass(no_mask, &net, &x, 3.0).to_text();
        assert!(said.contains("mask is missing") && said.contains("entry [[1, 0]]"), "{said}");
        let nan = check(backward_with(|(a, b, c, d)| (a, b, c, d.mapv(|_| f64::NAN)))).to_text();
        assert!(nan.contains("NaN"), "{nan}");
        let panics =
            |_: &Array1<f64>, _: &Array1<f64>, _: &Array1<f64>, _: f64, _: f64, _: &Array1<f64>| -> Backward221 {
                panic!("index out of bounds")
            };
        assert!(backward_pass(panics, &net, &x, 3.0).to_text().contains("panicked"));
        // the nudge check takes the learner's gradients, or the crate's while todo!()
        assert!(your_gradient_check(backward_with(|g| g), &net, &x, 3.0).passed());
        assert!(your_gradient_check(todo, &net, &x, 3.0).passed());
        assert!(!your_gradient_check(backward_with(|(a, b, c, d)| (a, b * 0.5, c, d)), &net, &x, 3.0).passed());
    }

    /// Exercise 2.8's check on a `parameters` cell with three hidden units and
    /// b1[0] ≠ 0: its second network is the lesson's b1 with b1[1] = 0.5, as cell
    /// "net_alive" builds it, and a right my_backward passes on all three.
    #[test]
    fn the_backward_pass_check_follows_a_parameters_cell_with_three_hidden_units() {
        let net = TwoLayerNet::new(
            array![[0.5, 0.3], [-0.4, 0.1], [0.2, -0.6]],
            array![0.1, 0.0, -0.2],
            array![0.6, -0.2, 0.4],
            0.1,
        );
        let x = array![1.0, 2.0];
        let cases = backward_cases(&net, 3.0);
        assert_eq!(cases.len(), 3);
        assert_eq!(cases[1].1.b1, array![0.1, 0.5, -0.2], "b1 from the parameters cell with b1[1] = 0.5");
        assert!(cases[1].0.contains("b1 = [0.1, 0.5, -0.2]"), "{}", cases[1].0);
        let right = backward_pass(backward_with(|g| g), &net, &x, 3.0);
        assert!(right.passed(), "{}", right.to_text());
        // A slip is still named, on the network it first shows on, with the shapes of three hidden units.
        let half = backward_pass(backward_with(|(a, b, c, d)| (a * 0.5, b * 0.5, c * 0.5, d * 0.5)), &net, &x, 3.0);
        assert!(half.to_text().contains("half") && !half.to_text().contains("panicked"), "{}", half.to_text());
        let transposed = backward_pass(backward_with(|(a, b, c, d)| (a, b, c.t().to_owned(), d)), &net, &x, 3.0);
        assert!(transposed.to_text().contains("shape [3, 2]"), "{}", transposed.to_text());
        // The nudge check and the training loop take it too.
        assert!(your_gradient_check(backward_with(|g| g), &net, &x, 3.0).passed());
        assert!(backward_for_training(backward_with(|g| g), &net, &x, 3.0).is_yours());
        // With one hidden unit there is no b1[1]: the check runs on the other two networks.
        let one = TwoLayerNet::new(array![[0.5, 0.3]], array![0.0], array![0.6], 0.1);
        assert_eq!(backward_cases(&one, 3.0).len(), 2);
        assert!(backward_pass(backward_with(|g| g), &one, &x, 3.0).passed());
    }

    #[test]
    fn training_uses_the_learners_backward_pass_once_it_passes() {
        let (net, x, _) = day10_net();
        let pass = net.forward(&x, 3.0);
        let want = net.backward(&x, &pass, 3.0);
        let yours = backward_for_training(backward_with(|g| g), &net, &x, 3.0);
        assert!(yours.is_yours());
        assert_eq!(yours.backward(&net, &x, &pass, 3.0), want);
        let todo =
            |_: &Array1<f64>, _: &Array1<f64>, _: &Array1<f64>, _: f64, _: f64, _: &Array1<f64>| -> Backward221 {
                todo!()
            };
        let stand_in = backward_for_training(todo, &net, &x, 3.0);
        assert!(!stand_in.is_yours());
        assert_eq!(stand_in.backward(&net, &x, &pass, 3.0), want);
        let half =
            backward_for_training(backward_with(|(a, b, c, d)| (a * 0.5, b * 0.5, c * 0.5, d * 0.5)), &net, &x, 3.0);
        assert!(!half.is_yours(), "a backward pass that fails its check does not train");
    }

    #[test]
    fn step_one_of_the_output_layer_alone() {
        let (net, x, _) = day10_net();
        let check = |f: Option<f64>, h: Option<f64>| step_one_output_layer([f, h], &net, &x, 3.0, 0.1);
        assert_eq!(check(None, None).verdict, Verdict::NotAttempted);
        assert!(check(Some(0.558), Some(1.75)).passed(), "{}", check(Some(0.558), Some(1.75)).to_text());
        assert!(check(Some(0.558), Some(1.750)).passed());
        let say2 = |f: f64, h: f64| check(Some(f), Some(h)).to_text();
        assert!(!check(Some(0.558), None).passed());
        assert!(say2(0.779, 1.75).contains("the loss's 2"));
        assert!(say2(0.758, 1.75).contains("bias's share"));
        assert!(say2(0.442, 1.75).contains("1 minus it"));
        assert!(say2(-0.558, 1.75).contains("Keep the sign"));
        assert!(say2(0.558, 3.51).contains("whole step"));
        assert!(say2(0.558, 0.424).contains("not ŷ"));
        assert!(say2(0.558, -1.25).contains("e_new"));
        assert!(say2(0.558, 4.25).contains("sign of e"));
        assert!(say2(0.558, f64::NAN).contains("NaN"));
        // The answer is never printed by a wrong attempt.
        assert!(!say2(0.5, 2.0).contains("0.558") && !say2(0.5, 2.0).contains("1.75"));
    }

    #[test]
    fn the_three_rates_of_the_output_layer_alone() {
        let (net, x, _) = day10_net();
        let check = |e: Option<f64>, d: Option<f64>| three_rates(e, d, &net, &x, 3.0);
        assert!((three_rates_edge_exercise(&net, &x, 3.0).right - 1.0 / 2.21).abs() < 1e-12);
        assert_eq!(check(None, None).verdict, Verdict::NotAttempted);
        assert!(check(Some(0.452), Some(0.5)).passed(), "{}", check(Some(0.452), Some(0.5)).to_text());
        assert!(check(Some(0.4525), Some(0.5)).passed(), "more figures are right too");
        let blank = check(Some(0.452), None).to_text();
        assert!(!check(Some(0.452), None).passed() && blank.contains("Some(0.5)"), "{blank}");
        assert!(check(Some(0.226), Some(0.5)).to_text().contains("1/(2K_out)"));
        assert!(check(Some(0.826), Some(0.5)).to_text().contains("output bias"));
        assert!(check(Some(0.905), Some(0.5)).to_text().contains("loss with ½"));
        assert!(check(Some(2.21), Some(0.5)).to_text().contains("K_out itself"));
        assert!(check(Some(0.452), Some(0.3)).to_text().contains("lands closer"));
        assert!(check(Some(0.452), Some(0.1)).to_text().contains("positive"));
        assert!(check(Some(0.452), Some(0.2)).to_text().contains("one of the output layer's rates"));
        assert!(check(Some(f64::NAN), Some(0.5)).to_text().contains("NaN"));
        assert!(check(Some(0.452), Some(f64::NAN)).to_text().contains("NaN"));
        assert!(!check(Some(0.226), Some(0.3)).to_text().contains("0.452"), "never the answer");
        // A changed parameters cell: b2 does not move K_out, W2 does not either; a larger x does.
        let big = three_rates(Some(0.1), Some(0.1), &net, &array![3.0, 4.0], 3.0);
        assert!(!big.passed());
    }

    #[test]
    fn the_loss_along_step_two_climbs_back_above_its_start_before_the_rate() {
        let (net, x, _) = day10_net();
        let start = loss_along_step(&net, &x, 3.0, 0.15, 301);
        assert_eq!(start.points.len(), 301);
        assert!((start.start - 5.0176).abs() < 1e-9 && start.points[0] == (0.0, start.start));
        // step 1: t = 0.1 lands inside the valley (bottom near 0.085, back above the start near 0.145)
        assert!((start.lowest_at - 0.085).abs() < 0.002, "{}", start.lowest_at);
        assert!(start.back_above_start_at.is_some_and(|t| t > 0.1));
        // step 2, from the weights step 1 left: back above its start before t = 0.1
        let mut one = net.clone();
        one.step(&net.backward(&x, &net.forward(&x, 3.0), 3.0), 0.1);
        let two = loss_along_step(&one, &x, 3.0, 0.15, 301);
        assert!((two.lowest_at - 0.0325).abs() < 0.002, "{}", two.lowest_at);
        assert!(two.back_above_start_at.is_some_and(|t| t < 0.1 && t > 0.07));
        // t = 0.1 on the grid is exactly the step the run took: row 2 of the lesson's table
        let at_lr = two.points[200];
        assert!((at_lr.0 - 0.1).abs() < 1e-12 && (at_lr.1 - 0.795584).abs() < 1e-6);
        assert_eq!(two.loss_at(0.1), at_lr.1);
        assert_eq!(start.loss_at(0.0), start.start);
        // a short range that never climbs back: None
        assert_eq!(loss_along_step(&one, &x, 3.0, 0.02, 2).back_above_start_at, None);
    }
}
