//! Exercises of the deep dive: nine numbered inside the lesson (the one-neuron
//! gradient, the chain's hidden δ, a layer's weight gradient as one matrix
//! product, a layer's δ from the next one's, the backward sweep and a training
//! step around it (both in deep_dive_sweep.rs), a tanh hidden unit's δ, one
//! update step, the zero gradients of a unit that is off) and nine unnumbered
//! predictions (a hidden unit's δ, a hidden unit's δ from two outputs, a hidden δ
//! of the three-layer network, a sigmoid output's dL/dz under cross-entropy, the
//! rate of XOR's summed step, which way a first-layer weight moves, the silent
//! sample, a batch's bias gradient, the equal start), then the practice block at
//! its end.

use super::attempt::{attempt, panic_hint, Attempt};
use super::function::first_not_finite;
use super::number::{check_parts, distinct_slips, NumberExercise};
use super::{yes_or_no, Check, Verdict};
use crate::by_hand::{DeltaNet, Neuron, TwoLayerNet};
use crate::engine::Tensor;
use crate::maths::{numeric_gradient, Activation, Loss};
use crate::numbers::fmt_f64;
use crate::train::History;
use ndarray::{array, Array1, Array2};

pub use super::deep_dive_sweep::{
    backward_sweep, slopes, step_loss, train_step, train_step_or_stand_in, train_step_stand_in, which_train_step,
    xor_outcome,
};

/// Exercise 4.1 (predict, then reveal): dL/dw of one sigmoid neuron, z = w·x + b,
/// a = σ(z), L = ½(a − y)², to 3 significant figures, at the lesson's parameters
/// cell (first x = 1.5, w = −0.5, b = 0, y = 1: −0.222).
pub fn neuron_gradient(answer: Option<f64>, x: f64, w: f64, b: f64, y: f64) -> Check {
    neuron_gradient_exercise(x, w, b, y).check(answer)
}

pub(crate) fn neuron_gradient_exercise(x: f64, w: f64, b: f64, y: f64) -> NumberExercise {
    let neuron = Neuron::new(array![w], b, Activation::Sigmoid);
    let (pass, _, g) = neuron.forward_backward(&array![x], y, Loss::HalfSquared);
    let (a, right) = (pass.a, g.dl_dw[0]);
    let side = if a < y {
        "below the target y, so dL/da = a − y is negative"
    } else {
        "above the target y, so dL/da = a − y is positive"
    };
    NumberExercise {
        exercise: "Exercise 4.1",
        right,
        figures: 3,
        why: format!(
            "dL/dw = (a − y) · a(1 − a) · x: the loss's slope, the sigmoid's slope, and the input, with a = σ({}) for x = {}, w = {}, b = {}, y = {}.",
            fmt_f64(w * x + b), fmt_f64(x), fmt_f64(w), fmt_f64(b), fmt_f64(y)
        ),
        hints: distinct_slips(
            3,
            right,
            vec![
                (-right, format!("The sign is flipped: a is {side}.")),
                (right / x, "That is dL/dz (and dL/db): multiply by dz/dw = x as well.".into()),
                (2.0 * right, "That is the gradient of (a − y)² without the ½: this lesson's loss carries the ½.".into()),
                ((a - y) * a * x, "That uses σ(z) as the sigmoid's slope; its slope is σ(z)(1 − σ(z)).".into()),
            ],
        ),
        reread: "\"One neuron, asked first\"",
    }
}

/// Exercise 4.2 (by hand): δ1 of the chain of two sigmoid neurons (x → hidden →
/// output, L = ½(ŷ − y)²), from its δ2, to 3 significant figures, at the lesson's
/// parameters cell (first x = 1.5, w1 = 0.8, b1 = −0.3, w2 = −1.1, b2 = 0.3, y = 1: 0.0330).
pub fn chain_hidden_delta(answer: Option<f64>, x: f64, w1: f64, b1: f64, w2: f64, b2: f64, y: f64) -> Check {
    chain_hidden_delta_exercise(x, w1, b1, w2, b2, y).check(answer)
}

pub(crate) fn chain_hidden_delta_exercise(x: f64, w1: f64, b1: f64, w2: f64, b2: f64, y: f64) -> NumberExercise {
    let net = DeltaNet::new(
        vec![array![[w1]], array![[w2]]],
        vec![array![b1], array![b2]],
        vec![Activation::Sigmoid, Activation::Sigmoid],
    );
    let caches = net.forward(&array![[x]]);
    let grads = net.backward(&caches, &array![[y]]);
    let (h, delta2, right) = (caches[0].a[[0, 0]], grads[1].delta[[0, 0]], grads[0].delta[[0, 0]]);
    let y_hat = caches[1].a[[0, 0]];
    let signs = |v: f64| if v < 0.0 { "negative" } else { "positive" };
    NumberExercise {
        exercise: "Exercise 4.2",
        right,
        figures: 3,
        why: format!(
            "δ1 = δ2 · w2 · h(1 − h): the output's error, carried back through w2 = {}, times the hidden unit's own slope.",
            fmt_f64(w2)
        ),
        hints: distinct_slips(
            3,
            right,
            vec![
                (
                    -right,
                    format!(
                        "The sign is flipped: δ2 is {} and w2 is {}, and the slope h(1 − h) is positive.",
                        signs(delta2),
                        signs(w2)
                    ),
                ),
                (delta2 * w2, "You left out the hidden unit's own slope σ′(z1) = h(1 − h).".into()),
                (delta2 * h * (1.0 - h), "You left out w2: the error reaches the hidden unit through that weight.".into()),
                (right * x, "That is dL/dw1: δ1 stops at z1, before the multiplication by x.".into()),
                (delta2 * w2 * h, "The sigmoid's slope is h(1 − h), not h.".into()),
                (
                    delta2 * w2 * y_hat * (1.0 - y_hat),
                    "You used the output's slope ŷ(1 − ŷ) = σ′(z2) a second time. Each unit's slope is taken at its own sum: the hidden unit's is σ′(z1) = h(1 − h).".into(),
                ),
                (
                    delta2 * w2 * crate::maths::sigmoid_derivative(w1),
                    format!("You used σ′(w1), the slope at the weight w1 = {}. The slope belongs to the hidden unit's sum: σ′(z1) = h(1 − h), with z1 = w1·x + b1.", fmt_f64(w1)),
                ),
            ],
        ),
        reread: "\"A chain of two neurons\"",
    }
}

/// The worked example of the lesson, in the course's layout (one row of W per
/// unit): x = [1, 2], y = 1, W1 = [[0.1, 0.3], [0.2, 0.4]], b1 = 0, W2 = [[0.5, 0.6]],
/// b2 = 0, ReLU then a linear output.
pub(super) fn worked_example() -> (DeltaNet, Array2<f64>, Array2<f64>) {
    let net = DeltaNet::new(
        vec![array![[0.1, 0.3], [0.2, 0.4]], array![[0.5, 0.6]]],
        vec![array![0.0, 0.0], array![0.0]],
        vec![Activation::Relu, Activation::Identity],
    );
    (net, array![[1.0, 2.0]], array![[1.0]])
}

/// Predict, then check (in "The δ rule, unit by unit", before the cell that
/// computes it): δ1 of hidden unit 2 of the worked example (ReLU hidden units, a
/// linear output), to 3 significant figures, at the lesson's parameters cell (first
/// ŷ = 0.95, y = 1, W[2]_12 = 0.6, z[1]_2 = 1 so ReLU′ = 1: −0.03).
pub fn unit_delta(
    answer: Option<f64>,
    x: &Array2<f64>,
    y: &Array2<f64>,
    w1: &Array2<f64>,
    b1: &Array1<f64>,
    w2: &Array2<f64>,
    b2: &Array1<f64>,
) -> Check {
    unit_delta_exercise(x, y, w1, b1, w2, b2).check(answer)
}

pub(crate) fn unit_delta_exercise(
    x: &Array2<f64>,
    y: &Array2<f64>,
    w1: &Array2<f64>,
    b1: &Array1<f64>,
    w2: &Array2<f64>,
    b2: &Array1<f64>,
) -> NumberExercise {
    let net = DeltaNet::new(
        vec![w1.clone(), w2.clone()],
        vec![b1.clone(), b2.clone()],
        vec![Activation::Relu, Activation::Identity],
    );
    let caches = net.forward(x);
    let grads = net.backward(&caches, y);
    let (delta2, right) = (grads[1].delta[[0, 0]], grads[0].delta[[0, 1]]);
    let (w_11, w_12, z_2) = (fmt_f64(w2[[0, 0]]), fmt_f64(w2[[0, 1]]), caches[0].z[[0, 1]]);
    let slope = crate::maths::relu_derivative(z_2);
    let on = if z_2 > 0.0 { "> 0, so its ReLU's slope is 1" } else { "≤ 0, so its ReLU is off and its slope is 0" };
    let below =
        if delta2 < 0.0 { "below y, so δ2 = ŷ − y is negative" } else { "above y, so δ2 = ŷ − y is positive" };
    NumberExercise {
        exercise: "Predict, then check",
        right,
        figures: 3,
        why: format!(
            "δ[1]_2 = δ2 · W[2]_12 · ReLU′(z[1]_2) = (ŷ − y) · {w_12} · {}: unit 2's sum is {} {on}.",
            fmt_f64(slope),
            fmt_f64(z_2)
        ),
        hints: distinct_slips(
            3,
            right,
            vec![
                (-right, format!("The sign is flipped: ŷ is {below}.")),
                (delta2, format!("That is δ2, the output's error: carry it back through W[2]_12 = {w_12}.")),
                (
                    grads[0].delta[[0, 0]],
                    format!("That is hidden unit 1's δ (through W[2]_11 = {w_11}); unit 2 feeds the output through W[2]_12 = {w_12}."),
                ),
                (
                    right * x[[0, 1]],
                    "That is dL/dW[1]_22 = δ[1]_2 · x2: δ stops at z, before the multiplication by the input.".into(),
                ),
            ],
        ),
        reread: "\"The δ rule, unit by unit\"",
    }
}

/// Predict, then check (two outputs): the worked example's hidden unit 1 (z = 0.7,
/// ReLU on) feeding two output units, W[2] = [[0.5, 0.6], [−0.4, 0.3]] (one row per
/// output unit), whose errors are δ2 = [−0.05, 0.2]: its δ1 by the sum form of R2,
/// to 3 significant figures.
pub fn two_outputs_delta(answer: Option<f64>) -> Check {
    two_outputs_delta_exercise().check(answer)
}

pub(crate) fn two_outputs_delta_exercise() -> NumberExercise {
    let (w, d) = (array![[0.5, 0.6], [-0.4, 0.3]], [-0.05, 0.2]);
    let right = (d[0] * w[[0, 0]] + d[1] * w[[1, 0]]) * crate::maths::relu_derivative(0.7);
    NumberExercise {
        exercise: "Predict, then check (two outputs)",
        right,
        figures: 3,
        why: "δ[1]_1 = (δ[2]_1 · W[2]_11 + δ[2]_2 · W[2]_21) · ReLU′(z[1]_1) = (−0.05 · 0.5 + 0.2 · (−0.4)) · 1: hidden unit 1 feeds both outputs, through column 1 of W[2], and collects both errors.".into(),
        hints: vec![
            (-right, "The sign is flipped: both terms are negative.".into()),
            (d[0] * w[[0, 0]], "That is only output 1's share (δ[2]_1 · W[2]_11): the unit feeds output 2 as well, so add δ[2]_2 · W[2]_21.".into()),
            (d[1] * w[[1, 0]], "That is only output 2's share (δ[2]_2 · W[2]_21): add output 1's, δ[2]_1 · W[2]_11.".into()),
            (
                d[0] * w[[0, 0]] + d[1] * w[[0, 1]],
                "You used row 1 of W[2], the weights into output 1. Hidden unit 1 reaches the outputs through column 1: W[2]_11 = 0.5 into output 1 and W[2]_21 = −0.4 into output 2.".into(),
            ),
            (d[0] + d[1], "That adds the errors without their weights: each error comes back through the weight it came along: δ[2]_i · W[2]_i1, summed over the outputs i.".into()),
        ],
        reread: "R2's sum form (the fold under \"A hidden unit that feeds two units\")",
    }
}

/// Predict, then check (three layers): δ[A]_2, unit 2 of layer A, in the worked example
/// with a layer slid in (layers A: 2 ReLU → B: 2 sigmoid → C: 1 linear), from the printed
/// δ[B] (`deep_delta[B]`) and layer B's weights W[B] (`deep_wb`), to 3 significant figures.
/// The check takes the lesson's `deep` network and its sample (first W[B] = [[0.7, −0.5],
/// [0.4, 0.6]], b[B] = [0.1, −0.2], the rest the worked example's: −0.00612).
pub fn three_layer_delta(answer: Option<f64>, deep: &DeltaNet, x: &Array2<f64>, y: &Array2<f64>) -> Check {
    three_layer_delta_exercise(deep, x, y).check(answer)
}

/// The lesson's three-layer network as first given, its sample and its target.
#[cfg(test)]
pub(crate) fn three_layer_example() -> (DeltaNet, Array2<f64>, Array2<f64>) {
    let (net, x, y) = worked_example();
    let deep = DeltaNet::new(
        vec![net.weights[0].clone(), array![[0.7, -0.5], [0.4, 0.6]], net.weights[1].clone()],
        vec![net.biases[0].clone(), array![0.1, -0.2], net.biases[1].clone()],
        vec![Activation::Relu, Activation::Sigmoid, Activation::Identity],
    );
    (deep, x, y)
}

pub(crate) fn three_layer_delta_exercise(deep: &DeltaNet, x: &Array2<f64>, y: &Array2<f64>) -> NumberExercise {
    let caches = deep.forward(x);
    let grads = deep.backward(&caches, y);
    let (d2, w) = (&grads[1].delta, &deep.weights[1]);
    let wc = &deep.weights[2]; // layer C's weights, the worked example's W[2] (`w2`) at first
    let right = grads[0].delta[[0, 1]];
    let z_2 = caches[0].z[[0, 1]];
    let (w12, w22) = (fmt_f64(w[[0, 1]]), fmt_f64(w[[1, 1]]));
    let on = if z_2 > 0.0 {
        format!("which is on (z[A]_2 = {} > 0), so its slope is 1", fmt_f64(z_2))
    } else {
        format!("which is off (z[A]_2 = {} ≤ 0), so its slope is 0", fmt_f64(z_2))
    };
    let column = format!("column 2 of W[B] (`deep_wb`): W[B]_12 = {w12} (`deep_wb[[0, 1]]`) into unit 1 and W[B]_22 = {w22} (`deep_wb[[1, 1]]`) into unit 2");
    NumberExercise {
        exercise: "Predict, then check (three layers)",
        right,
        figures: 3,
        why: format!("δ[A]_2 = (δ[B]_1 · W[B]_12 + δ[B]_2 · W[B]_22) · ReLU′(z[A]_2): column 2 of layer B's weights W[B] (deep_wb) carries both of its units' errors back to unit 2 of layer A, {on}."),
        hints: distinct_slips(
            3,
            right,
            vec![
                (-right, "The sign is flipped: work out the sign of each of the two terms δ[B]_i · W[B]_i2, then of their sum.".into()),
                (
                    d2[[0, 0]] * w[[1, 0]] + d2[[0, 1]] * w[[1, 1]],
                    format!("You used row 2 of layer B's weights W[B], the weights into its unit 2. Unit 2 of layer A feeds {column}."),
                ),
                (
                    d2[[0, 0]] * wc[[0, 0]] + d2[[0, 1]] * wc[[0, 1]],
                    format!("You used layer C's weights W[C] = [{}, {}] (`deep_wc`: at first the worked example's output weights `w2`). Unit 2 of layer A feeds layer B, so its error comes back through {column}.", fmt_f64(wc[[0, 0]]), fmt_f64(wc[[0, 1]])),
                ),
                (
                    d2[[0, 0]] * wc[[0, 1]],
                    format!("You used W[C]_12 = {} (`deep_wc`, at first the worked example's `w2`) with δ[B]_1 alone. Unit 2 of layer A feeds both units of layer B, through {column}.", fmt_f64(wc[[0, 1]])),
                ),
                (d2[[0, 1]] * w[[1, 1]], "You kept only δ[B]_2 · W[B]_22: unit 2 of layer A feeds both units of layer B, so add δ[B]_1 · W[B]_12 too.".into()),
                (d2[[0, 0]] * w[[0, 1]], "You kept only δ[B]_1 · W[B]_12: unit 2 of layer A feeds both units of layer B, so add δ[B]_2 · W[B]_22 too.".into()),
                (grads[0].delta[[0, 0]], "That is δ[A]_1, unit 1's δ (column 1 of W[B]): the question asks for unit 2.".into()),
            ],
        ),
        reread: "\"R2, the sum form\" (its fold) and \"A network of three layers\"",
    }
}

/// Exercise 4.8 (predict, then reveal): the worked example `net` on its sample `x`,
/// with its target `y` lowered by 0.1: the first-layer weight W[1]_11 (input 1 into
/// hidden unit 1, `w1[[0, 0]]`) after one gradient-descent step with `lr`, to 3
/// significant figures. At the lesson's first numbers (y = 0.9, below ŷ = 0.95, lr = 0.1)
/// its gradient, printed nowhere before, is δ2 = 0.05, δ[1]_1 = δ2·W[2]_11·1 = 0.025,
/// dL/dW[1]_11 = δ[1]_1·x_1 = 0.025, so W[1]_11 = 0.1 − 0.1·0.025 = 0.0975.
pub fn weight_after_step(answer: Option<f64>, net: &DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64) -> Check {
    weight_after_step_exercise(net, x, y, lr).check(answer)
}

/// The facts of "which way" and Exercise 4.8: (ŷ, the lowered target, δ2, δ[1]_1, dL/dW[1]_11).
fn lowered_target(net: &DeltaNet, x: &Array2<f64>, y: &Array2<f64>) -> (f64, f64, f64, f64, f64) {
    let y_below = y.mapv(|t| t - 0.1);
    let caches = net.forward(x);
    let grads = net.backward(&caches, &y_below);
    let y_hat = caches[caches.len() - 1].a[[0, 0]];
    (y_hat, y_below[[0, 0]], grads[1].delta[[0, 0]], grads[0].delta[[0, 0]], grads[0].dl_dw[[0, 0]])
}

pub(crate) fn weight_after_step_exercise(net: &DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64) -> NumberExercise {
    let (y_hat, target, delta2, delta1, grad) = lowered_target(net, x, y);
    let before = net.weights[0][[0, 0]];
    let right = before - lr * grad;
    let through_unit_2 = delta2 * net.weights[1][[0, 1]] * x[[0, 0]];
    let slope = crate::maths::relu_derivative(net.forward(x)[0].z[[0, 0]]);
    let f = fmt_f64;
    let way =
        if grad > 0.0 { "positive, so the step lowers the weight" } else { "negative, so the step raises the weight" };
    NumberExercise {
        exercise: "Exercise 4.8",
        right,
        figures: 3,
        why: format!(
            "δ2 = ŷ − y = {} − {} = {}; δ[1]_1 = δ2 · W[2]_11 · ReLU′(z[1]_1) = {} · {} · {} = {}; dL/dW[1]_11 = δ[1]_1 · x_1 = {}, {way}: {} − {} · {}.",
            f(y_hat), f(target), f(delta2), f(delta2), f(net.weights[1][[0, 0]]), f(slope), f(delta1), f(grad), f(before), f(lr), f(grad)
        ),
        hints: distinct_slips(
            3,
            right,
            vec![
                (
                    before + lr * grad,
                    format!("That moved the weight the wrong way. Either it went with its gradient instead of against it (θ ← θ − η·dL/dθ), or you kept the old target: with y = {}, δ2 = ŷ − y is {}.", f(target), f(delta2)),
                ),
                (before - grad, "You left out the learning rate: the step is η times the gradient.".into()),
                (grad, "That is the gradient; the question asks for the weight after the step.".into()),
                (
                    before - lr * delta2,
                    "You stepped with δ2, the output's error. Carry it back to hidden unit 1 first (through W[2]_11 and its ReLU slope), then multiply by the weight's input x_1.".into(),
                ),
                (
                    before - lr * through_unit_2,
                    format!("That carried δ2 back through W[2]_12 = {}, hidden unit 2's outgoing weight. Hidden unit 1 feeds the output through W[2]_11 = {}.", f(net.weights[1][[0, 1]]), f(net.weights[1][[0, 0]])),
                ),
                (before, "That is the weight before the step: take one step, W ← W − η·dL/dW.".into()),
            ],
        ),
        reread: "\"Which way does a weight move?\" and \"The δ rule, unit by unit\"",
    }
}

/// Predict, then check (which way): the worked example `net` on its sample `x`, with
/// its target `y` lowered by 0.1: does one step of gradient descent move the
/// first-layer weight W[1]_11 (`w1[[0, 0]]`, input 1 into hidden unit 1) up? At the
/// lesson's first numbers (y = 0.9, below ŷ = 0.95): no, down: δ2 = ŷ − y > 0,
/// δ[1]_1 = δ2·W[2]_11·ReLU′(z[1]_1) > 0 (W[2]_11 = 0.5, z[1]_1 = 0.7 > 0), so
/// dL/dW[1]_11 = δ[1]_1·x_1 > 0 (x_1 = 1) and θ − η·(positive) is smaller.
pub fn which_way(answer: Option<bool>, net: &DeltaNet, x: &Array2<f64>, y: &Array2<f64>) -> Check {
    let (y_hat, target, delta2, delta1, grad) = lowered_target(net, x, y);
    let z1 = net.forward(x)[0].z[[0, 0]];
    let sign = |v: f64| {
        if v > 0.0 {
            "positive"
        } else if v < 0.0 {
            "negative"
        } else {
            "0"
        }
    };
    let f = fmt_f64;
    let way = if grad > 0.0 {
        "W[1]_11 goes down"
    } else if grad < 0.0 {
        "W[1]_11 goes up"
    } else {
        "W[1]_11 does not move (so it does not go up)"
    };
    yes_or_no(
        "Predict, then check (which way)",
        answer,
        grad < 0.0,
        format!(
            "With y = {}, δ2 = ŷ − y is {}; hidden unit 1's δ[1]_1 = δ2 · W[2]_11 · ReLU′(z[1]_1) is {} (W[2]_11 = {}, z[1]_1 = {}); the gradient δ[1]_1 · x_1 is {} (x_1 = {}), and the step subtracts η times it: {way}.",
            f(target), sign(delta2), sign(delta1), f(net.weights[1][[0, 0]]), f(z1), sign(grad), f(x[[0, 0]])
        ),
        format!(
            "Follow the sign back one factor at a time: δ2 = ŷ − y with ŷ = {} (the forward pass does not read y, so ŷ is unchanged) and now y = {}; then δ[1]_1 = δ2 · W[2]_11 · ReLU′(z[1]_1), with W[2]_11 = {} and z[1]_1 = {}; then dL/dW[1]_11 = δ[1]_1 · x_1 with x_1 = {}. The step subtracts η times that gradient: a weight moves against its gradient, not with it. Re-read \"Which way does a weight move?\".",
            f(y_hat), f(target), f(net.weights[1][[0, 0]]), f(z1), f(x[[0, 0]])
        ),
    )
}

/// The checks above at the lesson's first numbers, for the catalogue of exercises.
#[cfg(test)]
pub(crate) fn unit_delta_first() -> NumberExercise {
    let (net, x, y) = worked_example();
    unit_delta_exercise(&x, &y, &net.weights[0], &net.biases[0], &net.weights[1], &net.biases[1])
}

/// As [`unit_delta_first`], for "three layers".
#[cfg(test)]
pub(crate) fn three_layer_delta_first() -> NumberExercise {
    let (deep, x, y) = three_layer_example();
    three_layer_delta_exercise(&deep, &x, &y)
}

/// As [`unit_delta_first`], for Exercise 4.8 (lr = 0.1).
#[cfg(test)]
pub(crate) fn weight_after_step_first() -> NumberExercise {
    let (net, x, y) = worked_example();
    weight_after_step_exercise(&net, &x, &y, 0.1)
}

/// Exercise 4.7: the worked example with tanh hidden units instead of ReLU (its
/// first numbers otherwise: x = [1, 2], y = 1, W1 = [[0.1, 0.3], [0.2, 0.4]],
/// b1 = [0, 0], W2 = [[0.5, 0.6]], b2 = [0], linear output, L = ½(ŷ − y)²): hidden
/// unit 2's δ1, to 3 significant figures. a1 = tanh(z1) = tanh([0.7, 1]),
/// ŷ = W2·a1, δ2 = ŷ − y, and δ[1]_2 = δ2·W[2]_12·(1 − a[1]_2²), tanh's slope from its output.
pub fn tanh_hidden_delta(answer: Option<f64>) -> Check {
    tanh_hidden_delta_exercise().check(answer)
}

pub(crate) fn tanh_hidden_delta_exercise() -> NumberExercise {
    let a1 = [0.7f64.tanh(), 1f64.tanh()];
    let y_hat = 0.5 * a1[0] + 0.6 * a1[1];
    let delta2 = y_hat - 1.0;
    let slope2 = 1.0 - a1[1] * a1[1];
    let right = delta2 * 0.6 * slope2;
    NumberExercise {
        exercise: "Exercise 4.7",
        right,
        figures: 3,
        why: "a1 = tanh([0.7, 1]) = [0.6044, 0.7616], ŷ = 0.5·0.6044 + 0.6·0.7616 = 0.7591, δ[2]_1 = ŷ − 1 = −0.2409, and δ[1]_2 = δ[2]_1·W[2]_12·(1 − a[1]_2²) = −0.2409·0.6·0.4200.".into(),
        hints: vec![
            (delta2 * 0.6, "That keeps ReLU's slope 1: a tanh unit's slope is 1 − tanh(z)², 1 − a² from its own output.".into()),
            (-0.05 * 0.6 * slope2, "That takes δ2 = −0.05 from the ReLU network: with tanh units a1, and so ŷ and δ2, change too. Run the forward pass again with tanh.".into()),
            (delta2 * 0.6 * a1[1] * (1.0 - a1[1]), "That is the sigmoid's slope a(1 − a): tanh's is 1 − a².".into()),
            (delta2 * 0.5 * (1.0 - a1[0] * a1[0]), "That is hidden unit 1's δ (through W[2]_11 = 0.5, at z = 0.7): the question asks for unit 2.".into()),
            (-right, "The sign is flipped: ŷ is below the target, so δ2 = ŷ − y is negative.".into()),
        ],
        reread: "R2's sum form (the fold under \"A hidden unit that feeds two units\"), with tanh's slope 1 − a²",
    }
}

/// Exercise 4.9: the worked example with b1 = [0, −1.5] (its first numbers
/// otherwise). How many of its 9 gradients (4 in dL/dW1, 2 in dL/db1, 2 in dL/dW2,
/// 1 in dL/db2) are exactly 0? Four: hidden unit 2 is off (z[1]_2 = −0.5), so its
/// row of dL/dW1 and its bias gradient are 0 (δ[1]_2 = 0), and so is its outgoing
/// weight's, dL/dW[2]_12 = δ2·a[1]_2 with a[1]_2 = 0.
pub fn dead_unit_zero_gradients(answer: Option<usize>) -> Check {
    let verdict = match answer {
        None => Verdict::NotAttempted,
        Some(4) => Verdict::Correct(
            "z1 = [0.7, 1.0 − 1.5] = [0.7, −0.5]: unit 2 is off, so δ[1]_2 = 0 and its two weights and its bias get 0 (R3, R4); and its output a[1]_2 = 0 is the input of W[2]_12, so dL/dW[2]_12 = δ2·a[1]_2 = 0 too. A unit that is off for this input learns nothing from it, on either side. (Dead is the word for a unit that is off for every input.)".into(),
        ),
        Some(3) => Verdict::NotYet(
            "That counts the off unit's own weights and bias. What about the weight that carries its output a[1]_2 to the output unit? By R3 its gradient is δ2 times that weight's input.".into(),
        ),
        Some(2) => Verdict::NotYet("That counts the off unit's row of dL/dW1. Its bias gradient is its δ alone (R4), and there is one more, on the output side.".into()),
        Some(0) | Some(1) => Verdict::NotYet(
            "Compute z1 = x·W1ᵀ + b1 for both units first: which unit is off, and so which δ1 is 0? Then go through R3 and R4 for every weight and bias.".into(),
        ),
        Some(n) if n > 9 => Verdict::NotYet(format!("The worked example has 9 parameters, so 9 gradients, not {n}.")),
        Some(_) => Verdict::NotYet(
            "Too many: only one hidden unit is off, and δ2 = ŷ − y is not 0 (ŷ = 0.35), so the live unit's gradients and the output bias's are not 0.".into(),
        ),
    };
    Check::new("Exercise 4.9", verdict)
}

/// The batch of the bias-gradient questions: the worked example's network on
/// x = [[1, 2], [0.5, −1], [2, 0]] with targets [1, 0, 2], and its δ's and gradients.
fn bias_batch() -> Vec<crate::by_hand::LayerGrads> {
    let (net, _, _) = worked_example();
    net.backward(&net.forward(&array![[1.0, 2.0], [0.5, -1.0], [2.0, 0.0]]), &array![[1.0], [0.0], [2.0]])
}

/// Predict, then check (a batch's bias gradient): the worked example's network
/// on the batch x = [[1, 2], [0.5, −1], [2, 0]], targets [1, 0, 2]. dL/db[1]_1 is
/// the sum over the samples of hidden unit 1's δ (R4): −0.025 + 0 + (−0.83) = −0.855,
/// to 3 significant figures.
pub fn batch_bias_gradient(answer: Option<f64>) -> Check {
    batch_bias_gradient_exercise().check(answer)
}

pub(crate) fn batch_bias_gradient_exercise() -> NumberExercise {
    let grads = bias_batch();
    let delta = &grads[0].delta;
    let right = grads[0].dl_db[0];
    NumberExercise {
        exercise: "Predict, then check (a batch's bias gradient)",
        right,
        figures: 3,
        why: "dL/db[1]_1 = δ[1]_1 of sample 1 + of sample 2 + of sample 3 (R4: a bias's input is 1, so each sample adds its δ): sample 2's hidden sums are both negative, so its δ is 0, and the other two add up.".into(),
        hints: vec![
            (-right, "The sign is flipped: both outputs are below their targets (ŷ − y < 0), so the δ's are negative.".into()),
            (right / 3.0, "That is the mean over the three samples. DeltaNet's loss adds the samples' losses up, so R4 adds their δ's: no division by 3.".into()),
            (delta[[0, 0]], "That is sample 1's δ alone. R4 adds every sample's δ[1]_1: work out samples 2 and 3 too.".into()),
            (delta[[2, 0]], "That is sample 3's δ alone. R4 adds every sample's δ[1]_1: samples 1 and 2 count too.".into()),
            (grads[0].dl_db[1], "That is hidden unit 2's bias gradient. The question asks for unit 1's: the first column of δ[1].".into()),
        ],
        reread: "\"The δ rule, unit by unit\" (R4) and the batch by hand in \"The δ rule in matrix form\"",
    }
}

/// Predict, then check (bias gradients): the worked example's network on the
/// batch x = [[1, 2], [0.5, −1], [2, 0]], targets [1, 0, 2]. Which sample (1, 2
/// or 3) adds nothing to dL/db1? Sample 2: both its hidden sums are negative.
pub fn silent_sample(answer: Option<usize>) -> Check {
    let verdict = match answer {
        None => Verdict::NotAttempted,
        Some(2) => Verdict::Correct(
            "For x = [0.5, −1], z1 = [0.1·0.5 + 0.3·(−1), 0.2·0.5 + 0.4·(−1)] = [−0.25, −0.3]: both sums are negative, both ReLUs are off, so both of its δ's are 0 and it adds nothing to dL/db1.".into(),
        ),
        Some(1) | Some(3) => Verdict::NotYet(
            "Compute z1 = x·W1ᵀ + b1 for that sample: both sums are positive, so its ReLUs are on and its δ's are not 0. Try the sample with a negative input.".into(),
        ),
        Some(0) => Verdict::NotYet("The samples are numbered 1, 2 and 3 here, not from 0.".into()),
        Some(other) => Verdict::NotYet(format!("The batch has three samples, 1, 2 and 3, not {other}.")),
    };
    Check::new("Predict, then check (bias gradients)", verdict)
}

/// Predict, then check (equal start): after training the 2-3-1 tanh network whose
/// hidden units all start with the same weights and biases, are the three hidden
/// units still equal? Yes: each gets the same gradient at every step.
pub fn units_stay_equal(answer: Option<bool>) -> Check {
    yes_or_no(
        "Predict, then check (equal start)",
        answer,
        true,
        "Equal units compute the same output, so the δ rule hands each the same δ and the same gradient: every step moves them alike, and they stay copies of one another.",
        "Follow one step: if the units' weights are equal, are their outputs equal? Then, by the δ rule, are their δ's (each is δ2 times its own output weight, equal here too, times its slope)? And their gradients?",
    )
}

/// Predict, then check (sigmoid and BCE), in two parts: dL/dz of one sigmoid output with
/// the binary cross-entropy at z = 0.3, for the label y = 1 and for the label y = 0, each
/// to 3 significant figures: σ(0.3) − 1 and σ(0.3) − 0, the two slopes' product each time.
pub fn bce_output_slope(answers: [Option<f64>; 2]) -> Check {
    check_parts("Predict, then check (sigmoid and BCE)", &bce_output_slope_parts(), &answers)
}

pub(crate) fn bce_output_slope_parts() -> Vec<NumberExercise> {
    let y_hat = crate::maths::sigmoid(0.3);
    let slope = y_hat * (1.0 - y_hat);
    let reread = "\"Binary cross-entropy with a sigmoid output\" (the loss and the two slopes to multiply), and the chain rule of \"One neuron, asked first\"";
    let at_one = y_hat - 1.0;
    let at_zero = y_hat;
    vec![
        NumberExercise {
            exercise: "y = 1",
            right: at_one,
            figures: 3,
            why: "dL/dŷ = −y/ŷ + (1 − y)/(1 − ŷ) = −1/ŷ for y = 1, and dŷ/dz = ŷ(1 − ŷ): their product is ŷ − 1 = σ(0.3) − 1.".into(),
            hints: vec![
                (-at_one, "The sign is flipped: ŷ is below the label 1, so raising z lowers the loss.".into()),
                (-1.0 / y_hat, "That is dL/dŷ alone: multiply it by the sigmoid's slope ŷ(1 − ŷ).".into()),
                (
                    at_one * slope,
                    "That is (ŷ − y)·σ′(z), the gradient of ½(ŷ − y)²: with cross-entropy, dL/dŷ is −1/ŷ for y = 1, not ŷ − y.".into(),
                ),
                (y_hat, "That is ŷ = σ(0.3) itself: the question asks how the loss changes with z.".into()),
                (slope, "That is the sigmoid's slope alone: multiply it by dL/dŷ.".into()),
            ],
            reread,
        },
        NumberExercise {
            exercise: "y = 0",
            right: at_zero,
            figures: 3,
            why: "for y = 0, L = −ln(1 − ŷ), so dL/dŷ = 1/(1 − ŷ), and times ŷ(1 − ŷ) that is ŷ = σ(0.3) − 0. Both parts are ŷ − y.".into(),
            hints: vec![
                (-at_zero, "The sign is flipped: ŷ is above the label 0, so raising z raises the loss.".into()),
                (1.0 / (1.0 - y_hat), "That is dL/dŷ alone: multiply it by the sigmoid's slope ŷ(1 − ŷ).".into()),
                (
                    at_zero * slope,
                    "That is (ŷ − y)·σ′(z), the gradient of ½(ŷ − y)²: with cross-entropy and y = 0, dL/dŷ is 1/(1 − ŷ).".into(),
                ),
                (1.0 - y_hat, "That is 1 − ŷ: with y = 0 the loss is −ln(1 − ŷ), whose slope in ŷ is 1/(1 − ŷ); then multiply by ŷ(1 − ŷ).".into()),
                (at_one, "That is the answer for y = 1: with y = 0 only the second term of the loss, −(1 − y)ln(1 − ŷ), is left.".into()),
                (slope, "That is the sigmoid's slope alone: multiply it by dL/dŷ.".into()),
            ],
            reread,
        },
    ]
}

/// Exercise 4.3 (write the weight gradient): dL/dW of a layer in batch form,
/// (δˡ)ᵀ·aˡ⁻¹, O × I like the layer's weights. `mine(delta, a_prev)` is checked
/// on the middle layer of the 2-4-2-1 network of Exercise 4.4 (4 inputs, 2 units,
/// a batch of three), against the engine's gradient of that layer's weights.
pub fn weight_gradient(mine: impl Fn(&Array2<f64>, &Array2<f64>) -> Array2<f64>) -> Check {
    let exercise = "Exercise 4.3";
    let reread = "Re-read \"The δ rule, unit by unit\" (each weight's gradient) and the shapes above.";
    let (net, x, y) = deep_net();
    let caches = net.forward(&x);
    let grads = net.backward(&caches, &y);
    let (delta, a_prev) = (&grads[1].delta, &caches[1].input);
    let got = match attempt(|| mine(delta, a_prev)) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            return Check::new(
                exercise,
                Verdict::NotYet(format!(
                    "{} Check the shapes: delta is B × O and a_prev is B × I, so a product of the two can only add up over the B samples if both have B on the inside: which one must be transposed, and which comes first to give O × I? {reread}",
                    panic_hint("Your function", &message)
                )),
            )
        }
    };
    // The engine's gradient of the same layer's weights, for the same batch.
    let engine = {
        let w: Vec<Tensor> = net.weights.iter().map(|w| Tensor::param(w.clone())).collect();
        let b: Vec<Tensor> = net.biases.iter().map(|b| Tensor::param(b.clone())).collect();
        let h1 = Tensor::from(x.clone()).linear(&w[0], &b[0]).relu();
        let h2 = h1.linear(&w[1], &b[1]).sigmoid();
        let y_hat = h2.linear(&w[2], &b[2]);
        ((&y_hat - &Tensor::from(y.clone())).square().sum() * 0.5).backward();
        let g = w[1].grad();
        Array2::from_shape_vec((g.shape()[0], g.shape()[1]), g.iter().copied().collect()).expect("a matrix")
    };
    let (units, inputs) = (engine.nrows(), engine.ncols());
    let batch = x.nrows() as f64;
    let first_only = {
        let d = delta.row(0).to_owned().insert_axis(ndarray::Axis(1));
        let a = a_prev.row(0).to_owned().insert_axis(ndarray::Axis(0));
        d.dot(&a)
    };
    let verdict = if got.shape() == [inputs, units] {
        Verdict::NotYet(format!(
            "Your gradient is {inputs} × {units}, inputs × units: transposed. dL/dW must have W's shape, {units} × {inputs}, one row per unit (row j holds δ_j times every input). Swap the order of the product. {reread}"
        ))
    } else if got.shape() != engine.shape() {
        Verdict::NotYet(format!(
            "Your gradient has shape {:?}; it must have W's shape [{units}, {inputs}] (units × inputs). {reread}",
            got.shape()
        ))
    } else if let Some(hint) = first_not_finite("Your gradient", &got) {
        Verdict::NotYet(format!("{hint} {reread}"))
    } else if close(&got, &engine) {
        Verdict::Correct(
            "It matches the engine's gradient for this layer: every product δ_j·a_k, added up over the three samples of the batch, in one matrix product.".into(),
        )
    } else if close(&got, &engine.mapv(|v| v / batch)) {
        Verdict::NotYet(format!(
            "Yours is the engine's gradient divided by the batch size {batch}: this lesson's loss adds the samples' losses up, so the gradient is a sum over the batch, not a mean. {reread}"
        ))
    } else if close(&got, &first_only) {
        Verdict::NotYet(format!(
            "That is the first sample's table alone; the batch has {batch} samples, and the gradient adds up one table per sample. A single matrix product of delta and a_prev does the adding for you. {reread}"
        ))
    } else if close(&got, &engine.mapv(|v| -v)) {
        Verdict::NotYet(format!("The sign is flipped. {reread}"))
    } else {
        Verdict::NotYet(format!("The shape fits, but the numbers differ from the engine's gradient. {reread}"))
    };
    Check::new(exercise, verdict)
}

/// True when two matrices have one shape and agree entry by entry to 1e-12.
pub(crate) fn close(a: &Array2<f64>, b: &Array2<f64>) -> bool {
    a.shape() == b.shape() && a.iter().zip(b).all(|(p, q)| (p - q).abs() < 1e-12)
}

/// A three-layer network (2 → 4 → 2 → 1: ReLU, sigmoid, linear) on a batch of
/// three samples, for Exercises 4.3 and 4.4. Some of the ReLU layer's sums are negative,
/// so a missing ReLU slope shows.
pub(crate) fn deep_net() -> (DeltaNet, Array2<f64>, Array2<f64>) {
    let net = DeltaNet::new(
        vec![
            array![[0.3, 0.1], [-0.2, 0.4], [0.5, -0.6], [-0.4, -0.3]],
            array![[0.7, -0.5, 0.4, 0.2], [-0.3, 0.2, 0.6, -0.8]],
            array![[0.8, -0.9]],
        ],
        vec![array![0.1, -0.1, 0.05, 0.2], array![0.0, 0.2], array![0.1]],
        vec![Activation::Relu, Activation::Sigmoid, Activation::Identity],
    );
    (net, array![[0.5, -1.0], [1.5, 0.3], [-0.8, 0.6]], array![[1.0], [0.0], [-0.5]])
}

/// Exercise 4.4 (write the backward line): a hidden layer's error signal from the
/// next layer's, δˡ = (δˡ⁺¹·Wˡ⁺¹) ⊙ φ′(zˡ), batch form (one sample per row), with
/// the layer's slope function passed in. `mine(delta_next, w_next, z, slope)` is
/// checked on the ReLU layer and then on the sigmoid layer of a 2-4-2-1 network
/// with a batch of three: against `DeltaNet`'s δ, and the ReLU layer's column sums
/// against central differences of the loss in b¹.
pub fn hidden_delta(mine: impl Fn(&Array2<f64>, &Array2<f64>, &Array2<f64>, fn(f64) -> f64) -> Array2<f64>) -> Check {
    let exercise = "Exercise 4.4";
    let (net, x, y) = deep_net();
    let caches = net.forward(&x);
    let grads = net.backward(&caches, &y);
    let cases: [(usize, &str, Slope, Slope); 2] = [
        (0, "ReLU", crate::maths::relu_derivative, crate::maths::relu),
        (1, "sigmoid", crate::maths::sigmoid_derivative, crate::maths::sigmoid),
    ];
    for (layer, name, slope, activation) in cases {
        if let Some(verdict) = hidden_delta_on(&mine, &grads, &net, &caches[layer].z, layer, name, slope, activation) {
            return Check::new(exercise, verdict);
        }
    }
    let numeric = numeric_gradient(
        |b| {
            let mut probe = net.clone();
            probe.biases[0] = b.clone();
            probe.loss(&probe.forward(&x), &y)
        },
        &net.biases[0],
        1e-6,
    );
    let sums = grads[0].delta.sum_axis(ndarray::Axis(0));
    let gap = numeric.iter().zip(&sums).map(|(n, g)| (n - g).abs()).fold(0.0, f64::max);
    Check::new(
        exercise,
        Verdict::Correct(format!(
            "It matches the delta rule's δ on a ReLU layer and on a sigmoid layer, and the ReLU layer's column sums (dL/db) match central differences of the loss to {gap:.1e}: the next layer's error, carried back through its weights, times this layer's own slope."
        )),
    )
}

/// A slope (or an activation) as a plain function of z.
type Slope = fn(f64) -> f64;

/// The learner's `my_hidden_delta(delta_next, w_next, z, slope)`.
type HiddenDelta<'a> = dyn Fn(&Array2<f64>, &Array2<f64>, &Array2<f64>, Slope) -> Array2<f64> + 'a;

/// Exercise 4.4 on one hidden layer of the 2-4-2-1 network: None when right.
#[allow(clippy::too_many_arguments)]
fn hidden_delta_on(
    mine: &HiddenDelta,
    grads: &[crate::by_hand::LayerGrads],
    net: &DeltaNet,
    z: &Array2<f64>,
    layer: usize,
    name: &str,
    slope: Slope,
    activation: Slope,
) -> Option<Verdict> {
    let reread = "Re-read R2's sum form, in the fold under \"A hidden unit that feeds two units\" (a hidden unit that feeds several units collects each one's error through its own weight) and try the one-sample case of the worked example: δ2 = [[−0.05]] (1 × 1) times W2 = [[0.5, 0.6]] (1 × 2) gives [[−0.025, −0.03]] (1 × 2), its delta1, since both ReLU slopes are 1.";
    let (delta_next, w_next, right) = (&grads[layer + 1].delta, &net.weights[layer + 1], &grads[layer].delta);
    let got = match attempt(|| mine(delta_next, w_next, z, slope)) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Some(Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            return Some(Verdict::NotYet(format!(
                "{} Check the shapes: delta_next is B × (units of the next layer), w_next is (units of the next layer) × (units of this layer). {reread}",
                panic_hint("Your function", &message)
            )))
        }
    };
    let no_slope = delta_next.dot(w_next);
    if got.shape() == [right.ncols(), right.nrows()] && right.nrows() != right.ncols() {
        return Some(Verdict::NotYet(format!(
            "On the {name} layer your δ is {} × {}; it must be {} × {}, one row per sample like z: transposed (that is the column form). {reread}",
            got.nrows(),
            got.ncols(),
            right.nrows(),
            right.ncols()
        )));
    }
    if got.shape() != right.shape() {
        return Some(Verdict::NotYet(format!(
            "On the {name} layer your δ has shape {:?}; it must have z's shape {:?}. {reread}",
            got.shape(),
            right.shape()
        )));
    }
    if let Some(hint) = first_not_finite("Your δ", &got) {
        return Some(Verdict::NotYet(format!("{hint} {reread}")));
    }
    if close(&got, right) {
        return None;
    }
    Some(Verdict::NotYet(if close(&got, &no_slope) {
        format!("You carried the error back through w_next, but left out this layer's own slope: multiply element by element by the slope of every entry of z, `z.mapv(slope)`. {reread}")
    } else if close(&got, &(&no_slope * &z.mapv(activation))) {
        format!("On the {name} layer you multiplied by the activation itself; the rule needs its slope, the function `slope` passed in. {reread}")
    } else if layer == 1 && close(&got, &(&no_slope * &z.mapv(crate::maths::relu_derivative))) {
        format!("Right on the ReLU layer, but on the sigmoid layer you used ReLU's slope: use the function passed in as `slope`, `z.mapv(slope)`, so that the line works for any activation. {reread}")
    } else if close(&got, &right.mapv(|v| -v)) {
        format!("The sign is flipped. {reread}")
    } else {
        format!("On the {name} layer the shape fits, but the numbers differ from the delta rule's. {reread}")
    }))
}

fn part(name: &'static str, right: f64, reread: &'static str) -> NumberExercise {
    NumberExercise {
        exercise: name,
        right,
        figures: 3,
        why: String::new(),
        hints: vec![(-right, "The sign is flipped.".into())],
        reread,
    }
}

/// Exercise 4.10 (practice by hand): the 2-2-1 ReLU network with x = [1.5, −1],
/// W1 = [[0.5, 0.2], [−0.3, 0.4]] (one row per hidden unit), b1 = [0.1, 0], W2 = [1.2, −0.5], b2 = 0.1, y = 2.5,
/// the lesson's loss L = ½(ŷ − y)², lr = 0.1: the answers are [ŷ, L, dL/db2, δ1 of hidden unit 1, new W[1]_11, new b2],
/// each to 3 significant figures.
pub fn practice_network(answers: [Option<f64>; 6]) -> Check {
    check_parts("Exercise 4.10", &practice_network_parts(), &answers)
}

pub(crate) fn practice_network_parts() -> Vec<NumberExercise> {
    let net = TwoLayerNet::new(array![[0.5, 0.2], [-0.3, 0.4]], array![0.1, 0.0], array![1.2, -0.5], 0.1);
    let (x, y, lr) = (array![1.5, -1.0], 2.5, 0.1);
    let pass = net.forward(&x, y);
    // TwoLayerNet's loss is Day 10's (ŷ − y)²; this exercise's is the lesson's ½(ŷ − y)²: half of it, and half of every gradient.
    let g = net.backward(&x, &pass, y);
    let (loss, dl_db2, delta1, dl_dw11) = (pass.loss / 2.0, g.dl_db2 / 2.0, g.dl_dz1[0] / 2.0, g.dl_dw1[[0, 0]] / 2.0);
    let step = |before: f64, grad: f64| before - lr * grad;
    let reread = "\"The δ rule, unit by unit\" (and Day 10's \"Two layers\")";
    // The slip this exercise invites: Day 10's loss without the ½, which doubles L and every gradient.
    let doubled = |mut p: NumberExercise, wrong: f64, what: &str| {
        p.hints.push((
            wrong,
            format!(
                "That is {what} with the loss (ŷ − y)², without the ½; this exercise uses the lesson's ½(ŷ − y)², so dL/dŷ = ŷ − y."
            ),
        ));
        p
    };
    // The other slip: hidden unit 2 left on (z[1]_2 = −0.85 < 0 passed on as it is, not through ReLU).
    let y_on = net.w2.dot(&pass.z1) + net.b2;
    let dl_db2_on = y_on - y;
    let delta1_on = dl_db2_on * net.w2[0]; // unit 1 is on (z[1]_1 = 0.65 > 0): slope 1
    let left_on = |mut p: NumberExercise, wrong: f64| {
        p.hints.push((
            wrong,
            format!(
                "That is what comes out with hidden unit 2 left on (ŷ = {}): its sum z[1]_2 = −0.3·1.5 + 0.4·(−1) + 0 = −0.85 is negative, so ReLU makes a[1]_2 = 0 and it adds nothing to ŷ.",
                crate::numbers::fmt_f64(y_on)
            ),
        ));
        p
    };
    let w11 = net.w1[[0, 0]];
    vec![
        left_on(part("ŷ", pass.y_hat, reread), y_on),
        left_on(doubled(part("L", loss, reread), 2.0 * loss, "L"), 0.5 * (y_on - y).powi(2)),
        left_on(doubled(part("dL/db2", dl_db2, reread), 2.0 * dl_db2, "dL/db2"), dl_db2_on),
        left_on(doubled(part("δ[1]_1", delta1, reread), 2.0 * delta1, "δ1"), delta1_on),
        left_on(
            doubled(part("new W[1]_11", step(w11, dl_dw11), reread), step(w11, 2.0 * dl_dw11), "the step"),
            step(w11, delta1_on * x[0]),
        ),
        left_on(
            doubled(part("new b2", step(net.b2, dl_db2), reread), step(net.b2, 2.0 * dl_db2), "the step"),
            step(net.b2, dl_db2_on),
        ),
    ]
}

/// Predict, then check (XOR's learning rate): the loss watched is the mean
/// binary cross-entropy over the four XOR points, with rate `lr` (the lesson's
/// `xor_lr`, at first 0.5) for that mean; `my_train_step`'s δ ŷ − y is the
/// gradient of their sum, 4 times the mean's. The rate that takes the same
/// steps is `lr` / 4 (0.125 at 0.5).
pub fn xor_step_lr(answer: Option<f64>, lr: f64) -> Check {
    xor_step_lr_exercise(lr).check(answer)
}

fn xor_step_lr_exercise(lr: f64) -> NumberExercise {
    let points = 4.0;
    NumberExercise {
        exercise: "Predict, then check (XOR's learning rate)",
        right: lr / points,
        figures: 3,
        why: format!(
            "The sum of the four points' losses has 4 times the gradient of their mean, so the same step θ − η·gradient needs a quarter of the rate: {} / 4 = {}.",
            fmt_f64(lr),
            fmt_f64(lr / points)
        ),
        hints: vec![
            (lr, "That is the mean's rate unchanged: your step's gradient is the sum over the four points, 4 times the mean's, so with xor_lr every step would be 4 times too long.".into()),
            (lr * points, "That multiplies by 4, but the summed gradient is already 4 times larger than the mean's: to take the same step, divide the rate by 4.".into()),
            (lr / 2.0, "That halves the rate: the batch has four points, and the summed gradient is 4 times the mean's.".into()),
        ],
        reread: "the conventions at the top of the lesson (a batch's loss is the sum of its samples' losses, and what a mean over B would change)",
    }
}

/// The learning rate XOR's training cell hands your step, and a line saying
/// whose it is: your `answer` when it passes the check of "XOR's learning rate"
/// for the mean's rate `lr` over `samples` points (`lr / samples`, to 3
/// significant figures), otherwise that right rate, with a line saying so
/// that does not print it (the training cell prints the rate in its log line).
pub fn xor_rate_for_your_step(answer: Option<f64>, lr: f64, samples: usize) -> (f64, String) {
    let right = lr / samples as f64;
    let yours = NumberExercise {
        exercise: "XOR's learning rate",
        right,
        figures: 3,
        why: String::new(),
        hints: Vec::new(),
        reread: "",
    }
    .check(answer)
    .passed();
    match answer {
        Some(rate) if yours => (
            rate,
            format!(
                "your answer_xor_lr = {} passes its check: your step ran at it on the loss summed over the {samples} points",
                crate::numbers::fmt_f64(rate)
            ),
        ),
        _ => (
            right,
            format!(
                "answer_xor_lr is not in yet or does not pass its check: your step ran at the right rate on the loss summed over the {samples} points"
            ),
        ),
    }
}

/// "Training with it": `steps` steps of the learner's `my_train_step` (the stand-in while it is
/// `todo!()`) on a copy of `net`, beside the engine's copy of the same network moved by `optim::Sgd`
/// on the summed ½-square loss. Prints whose step ran, each step's loss before the update and
/// whether every parameter equals Sgd's after it, and the loss after the last step. Hidden layers
/// are ReLU, as in the worked example. Returns the trained copy.
pub fn train_beside_sgd(
    mine: impl Fn(&mut DeltaNet, &Array2<f64>, &Array2<f64>, f64) -> f64,
    net: &DeltaNet,
    x: &Array2<f64>,
    y: &Array2<f64>,
    lr: f64,
    steps: usize,
) -> DeltaNet {
    use crate::engine::{nn, optim};
    println!("training step used: {}", which_train_step(&mine));
    let (x_t, y_t) = (Tensor::from(x.clone()), Tensor::from(y.clone()));
    let mut trained = net.clone();
    let layers: Vec<_> = net.weights.iter().cloned().zip(net.biases.iter().cloned()).collect();
    let sgd_model = nn::Sequential::from_weights(layers, nn::Layer::Relu);
    let sgd = optim::Sgd::new(sgd_model.parameters(), lr);
    for step in 1..=steps {
        let loss = train_step_or_stand_in(&mine, &mut trained, x, y, lr);
        sgd.zero_grad();
        ((sgd_model.forward(&x_t) - &y_t).square().sum() * 0.5).backward();
        sgd.step();
        let mut gap: f64 = 0.0;
        for l in 0..trained.weights.len() {
            // named by place in the list: 0 = layer 1, 1 = its ReLU (no parameters), 2 = layer 2, …
            let (w_sgd, b_sgd) = (
                sgd_model.param(&format!("{}.weight", 2 * l)).value(),
                sgd_model.param(&format!("{}.bias", 2 * l)).value(),
            );
            let mine = trained.weights[l].iter().chain(trained.biases[l].iter());
            for (p, q) in mine.zip(w_sgd.iter().chain(b_sgd.iter())) {
                gap = gap.max((p - q).abs());
            }
        }
        println!("step {step}: loss before = {}, parameters the same as Sgd's = {}", fmt_f64(loss), gap < 1e-12);
    }
    let after = trained.loss(&trained.forward(x), y);
    println!("loss after the {} steps = {}", number_word(steps), fmt_f64(after));
    trained
}

fn number_word(n: usize) -> String {
    match n {
        5 => "five".to_string(),
        _ => n.to_string(),
    }
}

/// The line that says at which rate XOR's step ran: the learner's `answer_xor_lr` once it passes
/// its check, else the right one, named without its value (the answer to the question above it).
fn xor_rate_line(answer: Option<f64>, mean_lr: f64, samples: usize) -> (f64, String) {
    let (rate, _) = xor_rate_for_your_step(answer, mean_lr, samples);
    if answer == Some(rate) {
        (
            rate,
            format!(
                "rate: your answer_xor_lr = {} (it passes its check), on the loss summed over the {samples} points",
                fmt_f64(rate)
            ),
        )
    } else {
        (
            rate,
            format!("rate: answer_xor_lr is not in yet (or does not pass its check), so the step ran at the rate that matches xor_lr = {} on the mean", fmt_f64(mean_lr)),
        )
    }
}

/// XOR's training loop: `epochs` times, log the network (the mean cross-entropy over the points,
/// the accuracy, the gradient norms and the first-layer weights, by `record_bce`), then take one
/// step with the learner's `my_train_step` (the stand-in while it is `todo!()`) at the summed
/// loss's rate. Prints whose step ran, the rate, and the log's first and last loss. Returns the log.
pub fn train_xor(
    mine: impl Fn(&mut DeltaNet, &Array2<f64>, &Array2<f64>, f64) -> f64,
    net: &mut DeltaNet,
    x: &Array2<f64>,
    y: &Array2<f64>,
    answer_lr: Option<f64>,
    mean_lr: f64,
    epochs: usize,
) -> History {
    println!("training step used: {}", which_train_step(&mine));
    let (rate, rate_line) = xor_rate_line(answer_lr, mean_lr, x.nrows());
    let mut log = History::new(mean_lr);
    for _ in 0..epochs {
        if !net.record_bce(&mut log, x, y) {
            break;
        }
        train_step_or_stand_in(&mine, net, x, y, rate);
    }
    println!("{rate_line}");
    println!(
        "the log, the mean cross-entropy over the {} points: {}",
        x.nrows(),
        log.summary().replacen(&format!(" with lr = {mean_lr}"), "", 1)
    );
    log
}

#[cfg(test)]
mod tests {
    #[test]
    fn silent_sample_and_equal_units() {
        use crate::exercises::Verdict::*;
        assert_eq!(silent_sample(None).verdict, NotAttempted);
        assert!(matches!(silent_sample(Some(2)).verdict, Correct(_)));
        assert!(matches!(silent_sample(Some(3)).verdict, NotYet(_)));
        assert!(matches!(silent_sample(Some(0)).verdict, NotYet(_)));
        assert_eq!(units_stay_equal(None).verdict, NotAttempted);
        assert!(matches!(units_stay_equal(Some(true)).verdict, Correct(_)));
        assert!(matches!(units_stay_equal(Some(false)).verdict, NotYet(_)));
        // The facts the verdicts state, from the crate's own computations.
        let net = DeltaNet::new(
            vec![array![[0.1, 0.3], [0.2, 0.4]], array![[0.5, 0.6]]],
            vec![array![0.0, 0.0], array![0.0]],
            vec![Activation::Relu, Activation::Identity],
        );
        let batch = array![[1.0, 2.0], [0.5, -1.0], [2.0, 0.0]];
        let grads = net.backward(&net.forward(&batch), &array![[1.0], [0.0], [2.0]]);
        let d = &grads[0].delta;
        assert!(
            d.row(1).iter().all(|&v| v == 0.0)
                && d.row(0).iter().all(|&v| v != 0.0)
                && d.row(2).iter().all(|&v| v != 0.0)
        );
    }

    use super::*;
    use crate::maths::sigmoid;

    /// The checks that take the lesson's parameters, at its first numbers.
    fn after_step(answer: Option<f64>) -> Check {
        let (net, x, y) = worked_example();
        weight_after_step(answer, &net, &x, &y, 0.1)
    }

    fn three(answer: Option<f64>) -> Check {
        let (deep, x, y) = three_layer_example();
        three_layer_delta(answer, &deep, &x, &y)
    }

    fn way(answer: Option<bool>) -> Check {
        let (net, x, y) = worked_example();
        which_way(answer, &net, &x, &y)
    }

    #[test]
    fn the_in_lesson_answers_by_hand() {
        // One neuron: a = σ(−0.75), dL/dw = (a − 1)·a(1 − a)·1.5.
        let a = sigmoid(-0.75);
        assert!((neuron_gradient_exercise(1.5, -0.5, 0.0, 1.0).right - (a - 1.0) * a * (1.0 - a) * 1.5).abs() < 1e-15);
        assert!(neuron_gradient(Some(-0.222), 1.5, -0.5, 0.0, 1.0).passed());
        // The chain: δ2 = (ŷ − 1)·ŷ(1 − ŷ), δ1 = δ2·w2·h(1 − h), and central differences of L in b1.
        let h = sigmoid(0.8 * 1.5 - 0.3);
        let y_hat = sigmoid(-1.1 * h + 0.3);
        let delta1 = (y_hat - 1.0) * y_hat * (1.0 - y_hat) * -1.1 * h * (1.0 - h);
        assert!((chain_hidden_delta_exercise(1.5, 0.8, -0.3, -1.1, 0.3, 1.0).right - delta1).abs() < 1e-15);
        let loss = |b1: f64| 0.5 * (sigmoid(-1.1 * sigmoid(0.8 * 1.5 + b1) + 0.3) - 1.0).powi(2);
        assert!((crate::maths::central_difference(loss, -0.3, 1e-6) - delta1).abs() < 1e-9, "dL/db1 = δ1");
        assert!(chain_hidden_delta(Some(0.0330), 1.5, 0.8, -0.3, -1.1, 0.3, 1.0).passed());
        // σ′ taken at the weight w1 = 0.8 instead of the sum z1 = 0.9 is a named slip, not "correct".
        assert!(!chain_hidden_delta(Some(0.0343), 1.5, 0.8, -0.3, -1.1, 0.3, 1.0).passed());
        assert!(chain_hidden_delta(Some(0.0343), 1.5, 0.8, -0.3, -1.1, 0.3, 1.0).to_text().contains("σ′(w1)"));
        assert!(chain_hidden_delta(Some(0.161), 1.5, 0.8, -0.3, -1.1, 0.3, 1.0).to_text().contains("own slope"));
        // The output's slope ŷ(1 − ŷ) reused for the hidden unit (0.0379, 15 % off) is named, not "close" or "too large".
        let reused = chain_hidden_delta(Some(0.0379), 1.5, 0.8, -0.3, -1.1, 0.3, 1.0);
        assert!(!reused.passed());
        assert!(reused.to_text().contains("σ′(z2) a second time"), "{}", reused.to_text());
        assert!(!reused.to_text().contains("too large"), "{}", reused.to_text());
        // One step with y = 0.9: W[1]_11 = 0.1 − 0.1·(δ[1]_1·x_1) = 0.1 − 0.1·(0.05·0.5·1).
        assert!((weight_after_step_first().right - 0.0975).abs() < 1e-12);
        assert_eq!(after_step(None).verdict, Verdict::NotAttempted);
        assert!(after_step(Some(0.0975)).passed());
        assert!(after_step(Some(0.1025)).to_text().contains("kept the old target"));
        assert!(after_step(Some(0.095)).to_text().contains("δ2, the output's error"));
        assert!(after_step(Some(0.097)).to_text().contains("W[2]_12 = 0.6"));
        assert!(after_step(Some(0.1)).to_text().contains("before the step"));
        assert!(after_step(Some(f64::NAN)).to_text().contains("NaN"));
        // Sigmoid and BCE: dL/dz = σ(z) − y, here σ(0.3) − 1, against central differences of the loss.
        let bce = |z: f64| -(sigmoid(z).ln());
        let right = bce_output_slope_parts()[0].right;
        assert!((crate::maths::central_difference(bce, 0.3, 1e-6) - right).abs() < 1e-9);
        assert!(bce_output_slope([Some(-0.426), Some(0.574)]).passed());
        assert!(bce_output_slope([Some(0.426), None]).to_text().contains("sign is flipped"));
        assert!(bce_output_slope([Some(-1.74), None]).to_text().contains("dL/dŷ alone"));
    }

    #[test]
    fn the_practice_network_names_the_missing_half() {
        let parts = practice_network_parts();
        // By hand: ŷ = 1.2·0.65 + 0.1 = 0.88, L = ½(0.88 − 2.5)² = 1.3122, dL/db2 = −1.62,
        // δ1 = −1.62·1.2 = −1.944, W[1]_11 = 0.5 + 0.1·1.944·1.5 = 0.7916, b2 = 0.1 + 0.162 = 0.262.
        let by_hand = [0.88, 1.3122, -1.62, -1.944, 0.7916, 0.262];
        for (p, want) in parts.iter().zip(by_hand) {
            assert!((p.right - want).abs() < 1e-12, "{}: {} against {want}", p.exercise, p.right);
        }
        assert!(practice_network([Some(0.88), Some(1.31), Some(-1.62), Some(-1.94), Some(0.792), Some(0.262)]).passed());
        for p in &parts[1..] {
            let (wrong, hint) = &p.hints[p.hints.len() - 2];
            assert!(hint.contains("without the ½"), "{}: {hint}", p.exercise);
            assert!((wrong - p.right).abs() > 1e-3, "{}: the slip {wrong} is the right answer {}", p.exercise, p.right);
        }
        for p in &parts {
            let (wrong, hint) = p.hints.last().unwrap();
            assert!(hint.contains("unit 2 left on (ŷ = 1.305)"), "{}: {hint}", p.exercise);
            assert!((wrong - p.right).abs() > 1e-3, "{}: the slip {wrong} is the right answer {}", p.exercise, p.right);
        }
        assert!(practice_network([Some(1.305), None, None, None, None, None]).to_text().contains("left on"));
        assert!(practice_network([None, None, None, Some(-1.43), None, None]).to_text().contains("left on"));
        assert!(practice_network([None, Some(2.62), None, None, None, None])
            .to_text()
            .contains("L: That is L with the loss (ŷ − y)², without the ½"));
    }

    #[test]
    fn the_dead_unit_zero_gradients() {
        assert!(dead_unit_zero_gradients(Some(4)).passed() && !dead_unit_zero_gradients(Some(3)).passed());
        assert_eq!(dead_unit_zero_gradients(None).verdict, Verdict::NotAttempted);
        assert!(dead_unit_zero_gradients(Some(3)).to_text().contains("its output a[1]_2"));
        assert!(dead_unit_zero_gradients(Some(2)).to_text().contains("R4"));
        assert!(dead_unit_zero_gradients(Some(12)).to_text().contains("not 12"));
        assert!(dead_unit_zero_gradients(Some(6)).to_text().contains("Too many"));
        for n in 0..=12 {
            // "dead" is kept for a unit off for every input; this unit is off for one input only
            let text = dead_unit_zero_gradients(Some(n)).to_text();
            assert!(!text.contains("A dead unit"), "{n}: {text}");
            assert!(!text.replace("Dead is the word", "").to_lowercase().contains("dead"), "{n}: {text}");
        }
    }

    #[test]
    fn the_tanh_hidden_delta() {
        assert_eq!(tanh_hidden_delta(None).verdict, Verdict::NotAttempted);
        assert!(tanh_hidden_delta(Some(-0.0607)).passed());
        assert!(tanh_hidden_delta(Some(-0.145)).to_text().contains("1 − a²"));
        assert!(tanh_hidden_delta(Some(-0.0126)).to_text().contains("forward pass again"));
        assert!(tanh_hidden_delta(Some(0.0607)).to_text().contains("sign is flipped"));
        assert!(!tanh_hidden_delta(Some(f64::NAN)).passed());
    }

    /// Every place a hint sends the learner back to (a quoted heading or bold title in the
    /// messages of the deep dive's checks) is in the lesson's text, before or at the check, or
    /// (Day 10's "Two layers") in Day 10; and the three hints that once pointed nowhere do not.
    #[test]
    fn every_reread_target_is_in_the_lesson() {
        let sources = [include_str!("deep_dive.rs"), include_str!("deep_dive_sweep.rs")];
        let nb_text = |stem: &str| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../notebooks/{stem}.ipynb"));
            let nb: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            nb["cells"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["cell_type"] == "markdown")
                .map(|c| c["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let (lesson, day10) = (nb_text("backprop-deep-dive"), nb_text("day10-backprop-basics"));
        let mut targets = 0;
        for source in sources {
            let messages = source.split("mod tests").next().unwrap(); // the checks, not these tests
            for quoted in messages.split("\\\"").skip(1).step_by(2) {
                targets += 1;
                let home = if quoted == "Two layers" { &day10 } else { &lesson };
                assert!(home.contains(quoted), "a hint sends the learner to \"{quoted}\", which is not there");
            }
        }
        assert!(targets >= 10, "{targets}");
        // The BCE check points to where BCE is taught, not to the recap (which has no BCE).
        let bce = bce_output_slope([Some(0.5), None]).to_text();
        assert!(bce.contains("Binary cross-entropy with a sigmoid output") && !bce.contains("recap"), "{bce}");
        // Exercise 4.4's hint gives its one-sample case rather than pointing to one "just before".
        type A = Array2<f64>;
        let slip = hidden_delta(|d: &A, w: &A, _: &A, _: fn(f64) -> f64| d.dot(w)).to_text();
        assert!(!slip.contains("just before") && slip.contains("[[−0.025, −0.03]]"), "{slip}");
        // The two-outputs hint names the weights as the lesson does, W[2], not an undefined U.
        let unweighted = two_outputs_delta(Some(0.15)).to_text();
        assert!(unweighted.contains("W[2]_i1") && !unweighted.contains("U_"), "{unweighted}");
    }

    #[test]
    fn the_two_outputs_delta() {
        assert_eq!(two_outputs_delta(None).verdict, Verdict::NotAttempted);
        assert!(two_outputs_delta(Some(-0.105)).passed());
        assert!(two_outputs_delta(Some(0.095)).to_text().contains("column 1"));
        assert!(two_outputs_delta(Some(-0.025)).to_text().contains("only output 1"));
        assert!(two_outputs_delta(Some(f64::NAN)).to_text().contains("NaN"));
    }

    #[test]
    fn the_three_layer_delta() {
        assert_eq!(three(None).verdict, Verdict::NotAttempted);
        assert!(three(Some(-0.00612)).passed());
        assert!(three(Some(-0.0444)).to_text().contains("column 2"));
        // The worked example's w2 = [0.5, 0.6], still in scope, in place of the middle layer's V.
        assert!(three(Some(-0.0486)).to_text().contains("worked example's output weights"));
        assert!(three(Some(-0.0255)).to_text().contains("W[C]_12 = 0.6 (`deep_wc`"));
        assert!(!three(Some(-0.0486)).to_text().contains("-0.00612"));
        assert!(three(Some(f64::NAN)).to_text().contains("NaN"));
    }

    #[test]
    fn which_way_a_first_layer_weight_moves() {
        assert_eq!(way(None).verdict, Verdict::NotAttempted);
        assert!(way(Some(false)).passed());
        assert!(way(Some(true)).to_text().contains("against its gradient"));
        // The fact the verdict states: with the target lowered to 0.9, W[1]_11's gradient is positive.
        let (net, x, _) = worked_example();
        let grads = net.backward(&net.forward(&x), &array![[0.9]]);
        assert!(grads[0].dl_dw[[0, 0]] > 0.0, "{}", grads[0].dl_dw);
    }

    #[test]
    fn the_weight_gradient_in_every_case() {
        type A = Array2<f64>;
        let right = weight_gradient(|d: &A, a: &A| d.t().dot(a));
        assert!(right.passed() && right.to_text().contains("engine"), "{}", right.to_text());
        let t = weight_gradient(|d: &A, a: &A| a.t().dot(d));
        assert!(t.to_text().contains("transposed"), "{}", t.to_text());
        let mean = weight_gradient(|d: &A, a: &A| d.t().dot(a) / 3.0);
        assert!(mean.to_text().contains("not a mean"), "{}", mean.to_text());
        let first = weight_gradient(|d: &A, a: &A| {
            d.row(0).to_owned().insert_axis(ndarray::Axis(1)).dot(&a.row(0).to_owned().insert_axis(ndarray::Axis(0)))
        });
        assert!(first.to_text().contains("first sample"), "{}", first.to_text());
        assert!(weight_gradient(|d: &A, a: &A| -d.t().dot(a)).to_text().contains("sign is flipped"));
        assert!(weight_gradient(|d: &A, a: &A| d.t().dot(a) * 2.0).to_text().contains("numbers differ"));
        assert!(weight_gradient(|_: &A, _: &A| Array2::zeros((3, 3))).to_text().contains("W's shape"));
        assert_eq!(weight_gradient(|_: &A, _: &A| todo!()).verdict, Verdict::NotAttempted);
        assert!(weight_gradient(|d: &A, a: &A| d.t().dot(a) * f64::NAN).to_text().contains("NaN"));
        let panicked = weight_gradient(|d: &A, a: &A| d.dot(&a.t()));
        assert!(
            panicked.to_text().contains("panicked") && panicked.to_text().contains("shapes"),
            "{}",
            panicked.to_text()
        );
        // The engine's gradient is DeltaNet's dL/dW of the same layer.
        let (net, x, y) = deep_net();
        let caches = net.forward(&x);
        let grads = net.backward(&caches, &y);
        assert!(grads[1].dl_dw.shape() == [2, 4]);
        assert!(weight_gradient(move |_: &A, _: &A| grads[1].dl_dw.clone()).passed());
    }

    #[test]
    fn the_hidden_delta_in_every_case() {
        type A = Array2<f64>;
        type S = fn(f64) -> f64;
        let right = hidden_delta(|d: &A, w: &A, z: &A, s: S| d.dot(w) * z.mapv(s));
        assert!(right.passed() && right.to_text().contains("central differences"), "{}", right.to_text());
        let (net, x, _) = deep_net();
        let z = &net.forward(&x)[0].z;
        assert_eq!(z.nrows(), 3, "a batch of three");
        assert!(z.iter().any(|&v| v < 0.0) && z.iter().any(|&v| v > 0.0), "some units on, some off: {z}");
        let column = hidden_delta(|d: &A, w: &A, z: &A, s: S| w.t().dot(&d.t()) * z.t().mapv(s));
        assert!(column.to_text().contains("transposed"), "{}", column.to_text());
        assert!(hidden_delta(|d: &A, w: &A, _: &A, _: S| d.dot(w)).to_text().contains("own slope"));
        assert!(hidden_delta(|d: &A, w: &A, z: &A, _: S| d.dot(w) * z.mapv(crate::maths::relu))
            .to_text()
            .contains("activation itself"));
        let relu_only = hidden_delta(|d: &A, w: &A, z: &A, _: S| d.dot(w) * z.mapv(crate::maths::relu_derivative));
        assert!(relu_only.to_text().contains("you used ReLU's slope"), "{}", relu_only.to_text());
        assert!(hidden_delta(|d: &A, w: &A, z: &A, s: S| -(d.dot(w) * z.mapv(s)))
            .to_text()
            .contains("sign is flipped"));
        assert!(hidden_delta(|d: &A, w: &A, z: &A, s: S| d.dot(w) * z.mapv(s) * 2.0)
            .to_text()
            .contains("numbers differ"));
        assert!(hidden_delta(|_: &A, _: &A, _: &A, _: S| Array2::zeros((2, 2))).to_text().contains("z's shape"));
        assert_eq!(hidden_delta(|_: &A, _: &A, _: &A, _: S| todo!()).verdict, Verdict::NotAttempted);
        assert!(hidden_delta(|d: &A, w: &A, _: &A, _: S| d.dot(w) * f64::NAN).to_text().contains("NaN"));
        assert!(hidden_delta(|d: &A, w: &A, _: &A, _: S| d.dot(w).mapv(|v| v + f64::INFINITY)).to_text().contains("∞"));
        let panicked = hidden_delta(|d: &A, w: &A, _: &A, _: S| w.dot(d));
        assert!(panicked.to_text().contains("panicked") && panicked.to_text().contains("shapes"));
    }

    #[test]
    fn xor_step_lr_verdicts() {
        assert_eq!(xor_step_lr(None, 0.5).verdict, Verdict::NotAttempted);
        assert!(xor_step_lr(Some(f64::NAN), 0.5).to_text().contains("NaN"));
        assert!(xor_step_lr(Some(0.125), 0.5).passed());
        assert!(xor_step_lr(Some(0.1251), 0.5).passed());
        assert!(xor_step_lr(Some(0.5), 0.5).to_text().contains("4 times too long"));
        assert!(xor_step_lr(Some(2.0), 0.5).to_text().contains("divide the rate by 4"));
        assert!(!xor_step_lr(Some(0.3), 0.5).passed());
        assert!(!xor_step_lr(Some(0.3), 0.5).to_text().contains("0.125"));
        // The check follows the lesson's xor_lr: at 1.0 the right rate is 0.25.
        assert!(xor_step_lr(Some(0.25), 1.0).passed());
        assert!(!xor_step_lr(Some(0.25), 1.0).to_text().contains("halves"));
        assert!(xor_step_lr(Some(0.5), 1.0).to_text().contains("halves"));
        assert!(xor_step_lr(Some(1.0), 1.0).to_text().contains("4 times too long"));
        assert!(!xor_step_lr(Some(0.125), 1.0).passed());
    }

    #[test]
    fn the_batch_bias_gradient() {
        assert_eq!(batch_bias_gradient(None).verdict, Verdict::NotAttempted);
        assert!(!batch_bias_gradient(Some(f64::NAN)).passed());
        assert!(batch_bias_gradient(Some(-0.855)).passed());
        assert!(batch_bias_gradient(Some(-0.8551)).passed());
        assert!(!batch_bias_gradient(Some(-0.86)).passed());
        assert!(batch_bias_gradient(Some(-0.285)).to_text().contains("mean over the three"));
        assert!(batch_bias_gradient(Some(-0.025)).to_text().contains("sample 1's δ alone"));
        assert!(batch_bias_gradient(Some(-0.83)).to_text().contains("sample 3's δ alone"));
        assert!(batch_bias_gradient(Some(-1.026)).to_text().contains("hidden unit 2"));
        assert!(batch_bias_gradient(Some(0.855)).to_text().contains("sign is flipped"));
        assert!(!batch_bias_gradient(Some(-0.285)).to_text().contains("0.855"));
        let grads = super::bias_batch();
        assert!((grads[0].dl_db[0] - (-0.855)).abs() < 1e-12 && grads[0].delta.row(1).iter().all(|&d| d == 0.0));
    }

    #[test]
    fn the_xor_rate() {
        let (rate, whose) = xor_rate_for_your_step(Some(0.125), 0.5, 4);
        assert!(rate == 0.125 && whose.contains("your answer_xor_lr"), "{whose}");
        let (rate, whose) = xor_rate_for_your_step(Some(0.1251), 0.5, 4);
        assert!(rate == 0.1251 && whose.contains("passes"), "{whose}");
        let (rate, whose) = xor_rate_for_your_step(Some(0.5), 0.5, 4);
        assert!(rate == 0.125 && whose.contains("does not pass"), "{whose}");
        let (rate, whose) = xor_rate_for_your_step(None, 0.8, 4);
        assert!(rate == 0.2 && whose.contains("not in yet") && !whose.contains("0.2 "), "{whose}");
        assert!(!xor_rate_for_your_step(Some(0.5), 0.5, 4).1.contains("0.125"), "the line keeps the answer hidden");
        assert_eq!(xor_rate_for_your_step(Some(f64::NAN), 0.5, 4).0, 0.125);
    }

    #[test]
    fn the_xor_rate_line_says_which_rate_ran_without_giving_the_answer() {
        let (rate, line) = xor_rate_line(None, 0.5, 4);
        assert_eq!(rate, 0.125);
        assert!(line.contains("not in yet") && line.contains("xor_lr = 0.5") && !line.contains("0.125"), "{line}");
        let (rate, line) = xor_rate_line(Some(2.0), 0.5, 4);
        assert_eq!(rate, 0.125);
        assert!(!line.contains("0.125") && !line.contains("your answer_xor_lr ="), "{line}");
        let (rate, line) = xor_rate_line(Some(0.125), 0.5, 4);
        assert_eq!(rate, 0.125);
        assert!(line.contains("your answer_xor_lr = 0.125"), "{line}");
    }

    #[test]
    fn train_xor_logs_first_then_steps_at_the_summed_rate() {
        use crate::by_hand::DeltaNet;
        let (x, y) = (array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], array![[0.0], [1.0], [1.0], [0.0]]);
        let start =
            crate::engine::nn::Sequential::mlp(&[2, 3, 1], crate::engine::nn::Layer::Tanh, &mut crate::maths::rng(1))
                .then(crate::engine::nn::Layer::Sigmoid);
        let todo_step = |_: &mut DeltaNet, _: &Array2<f64>, _: &Array2<f64>, _: f64| -> f64 { todo!() };
        let mut a = DeltaNet::from_model(&start);
        let log = train_xor(todo_step, &mut a, &x, &y, None, 0.5, 20);
        let mut b = DeltaNet::from_model(&start);
        for _ in 0..20 {
            super::train_step_stand_in(&mut b, &x, &y, 0.125);
        }
        assert_eq!(a.weights, b.weights);
        assert_eq!(log.losses.len(), 20);
    }

    #[test]
    fn train_beside_sgd_matches_the_stand_in() {
        let (net, x, y) = worked_example();
        let todo_step = |_: &mut DeltaNet, _: &Array2<f64>, _: &Array2<f64>, _: f64| -> f64 { todo!() };
        let trained = train_beside_sgd(todo_step, &net, &x, &y, 0.1, 3);
        let mut b = net.clone();
        for _ in 0..3 {
            super::train_step_stand_in(&mut b, &x, &y, 0.1);
        }
        assert_eq!(trained.weights, b.weights);
        assert_eq!(trained.biases, b.biases);
    }

    /// The checks that take the parameters cells follow them: hand numbers at another set.
    #[test]
    fn the_checks_follow_changed_parameters() {
        // One neuron with the test's other numbers x = 2, w = 0.3, b = −0.2, y = 0:
        // z = 0.4, a = σ(0.4) = 0.598688, dL/dw = a · a(1 − a) · 2 = 0.287682.
        let a = sigmoid(0.4);
        let right = a * a * (1.0 - a) * 2.0;
        assert!((right - 0.287682).abs() < 1e-6, "{right}");
        assert!(neuron_gradient(Some(0.288), 2.0, 0.3, -0.2, 0.0).passed());
        assert!(!neuron_gradient(Some(-0.222), 2.0, 0.3, -0.2, 0.0).passed());
        let flipped = neuron_gradient(Some(-0.288), 2.0, 0.3, -0.2, 0.0).to_text();
        assert!(flipped.contains("sign is flipped") && flipped.contains("above the target"), "{flipped}");
        assert!(neuron_gradient(Some(0.144), 2.0, 0.3, -0.2, 0.0).to_text().contains("dL/dz"));
        // The chain with x = −1, w1 = 0.5, b1 = 0.2, w2 = 0.9, b2 = −0.3, y = 0:
        // z1 = −0.3, h = 0.425557, z2 = 0.083002, ŷ = 0.520739, δ2 = ŷ·ŷ(1 − ŷ) = 0.129961,
        // δ1 = δ2 · 0.9 · h(1 − h) = 0.028593.
        let h = sigmoid(-0.3);
        let y_hat = sigmoid(0.9 * h - 0.3);
        let delta1 = y_hat * y_hat * (1.0 - y_hat) * 0.9 * h * (1.0 - h);
        assert!((delta1 - 0.028593).abs() < 1e-6, "{delta1}");
        assert!(chain_hidden_delta(Some(0.0286), -1.0, 0.5, 0.2, 0.9, -0.3, 0.0).passed());
        assert!(!chain_hidden_delta(Some(0.0330), -1.0, 0.5, 0.2, 0.9, -0.3, 0.0).passed());
        let no_slope = chain_hidden_delta(Some(0.117), -1.0, 0.5, 0.2, 0.9, -0.3, 0.0).to_text();
        assert!(no_slope.contains("own slope"), "{no_slope}");
        // The worked example with the test's other numbers: x = [0.5, −1], y = 2,
        // W1 = [[0.4, 0.1], [−0.2, 0.3]], b1 = [0.05, 0.1], W2 = [[0.7, −0.5]], b2 = [0.2].
        // z1 = [0.2 − 0.1 + 0.05, −0.1 − 0.3 + 0.1] = [0.15, −0.3]: unit 2 is off, so δ[1]_2 = 0;
        // ŷ = 0.7 · 0.15 + 0.2 = 0.305, δ2 = −1.695, δ[1]_1 = −1.695 · 0.7 = −1.1865.
        let (x, y) = (array![[0.5, -1.0]], array![[2.0]]);
        let (w1, b1) = (array![[0.4, 0.1], [-0.2, 0.3]], array![0.05, 0.1]);
        let (w2, b2) = (array![[0.7, -0.5]], array![0.2]);
        assert!(unit_delta(Some(0.0), &x, &y, &w1, &b1, &w2, &b2).passed());
        assert!(!unit_delta(Some(-0.03), &x, &y, &w1, &b1, &w2, &b2).passed());
        let off = unit_delta(Some(0.0), &x, &y, &w1, &b1, &w2, &b2).to_text();
        assert!(off.contains("ReLU is off") && off.contains("· -0.5 ·"), "{off}");
        let delta2 = unit_delta(Some(-1.695), &x, &y, &w1, &b1, &w2, &b2).to_text();
        assert!(delta2.contains("That is δ2") && delta2.contains("W[2]_12 = -0.5"), "{delta2}");
        // … and at the lesson's first numbers, as before.
        let (net, x0, y0) = worked_example();
        let (w, b) = (&net.weights, &net.biases);
        assert!(unit_delta(Some(-0.03), &x0, &y0, &w[0], &b[0], &w[1], &b[1]).passed());
        assert_eq!(unit_delta(None, &x0, &y0, &w[0], &b[0], &w[1], &b[1]).verdict, Verdict::NotAttempted);
        assert!(unit_delta(Some(0.03), &x0, &y0, &w[0], &b[0], &w[1], &b[1]).to_text().contains("sign is flipped"));
        assert!(unit_delta(Some(-0.05), &x0, &y0, &w[0], &b[0], &w[1], &b[1]).to_text().contains("carry it back"));
        assert!(unit_delta(Some(-0.06), &x0, &y0, &w[0], &b[0], &w[1], &b[1]).to_text().contains("dL/dW[1]_22"));
        // Which way and Exercise 4.8 on those other numbers, target lowered to 1.9, lr = 0.05:
        // δ2 = 0.305 − 1.9 = −1.595, δ[1]_1 = −1.595 · 0.7 = −1.1165, dL/dW[1]_11 = −1.1165 · 0.5
        // = −0.55825 < 0, so W[1]_11 goes up: 0.4 + 0.05 · 0.55825 = 0.427913.
        let other = DeltaNet::new(vec![w1, w2], vec![b1, b2], vec![Activation::Relu, Activation::Identity]);
        assert!(which_way(Some(true), &other, &x, &y).passed());
        assert!(which_way(Some(false), &other, &x, &y).to_text().contains("against its gradient"));
        assert!(weight_after_step(Some(0.428), &other, &x, &y, 0.05).passed());
        assert!(!weight_after_step(Some(0.0975), &other, &x, &y, 0.05).passed());
        assert!(weight_after_step(Some(0.372), &other, &x, &y, 0.05).to_text().contains("wrong way"));
        assert!(weight_after_step(Some(0.958), &other, &x, &y, 0.05).to_text().contains("learning rate"));
        // The three-layer network with the test's other numbers: x = [1.5, 0.5], y = 2, W[A] and
        // b[A] as above, W[B] = [[0.3, 0.8], [−0.6, 0.2]], b[B] = [0, 0.1], W[C] = [[0.7, −0.5]], b[C] = [0.2].
        let deep = DeltaNet::new(
            vec![array![[0.4, 0.1], [-0.2, 0.3]], array![[0.3, 0.8], [-0.6, 0.2]], array![[0.7, -0.5]]],
            vec![array![0.05, 0.1], array![0.0, 0.1], array![0.2]],
            vec![Activation::Relu, Activation::Sigmoid, Activation::Identity],
        );
        let (dx, dy) = (array![[1.5, 0.5]], array![[2.0]]);
        // z[A] = [0.6 + 0.05 + 0.05, −0.3 + 0.15 + 0.1] = [0.7, −0.05]: unit 2 of layer A is off.
        let c = deep.forward(&dx);
        assert!((c[0].z[[0, 1]] + 0.05).abs() < 1e-12);
        assert!(three_layer_delta(Some(0.0), &deep, &dx, &dy).passed());
        assert!(!three_layer_delta(Some(-0.00612), &deep, &dx, &dy).passed());
        let said = three_layer_delta(Some(0.0), &deep, &dx, &dy).to_text();
        assert!(said.contains("off (z[A]_2 = -0.05"), "{said}");
    }

    #[test]
    fn the_bce_slope_at_both_labels() {
        assert_eq!(bce_output_slope([None, None]).verdict, Verdict::NotAttempted);
        let y_hat = sigmoid(0.3);
        // y = 0: L = −ln(1 − ŷ), dL/dz = ŷ = 0.574443, against central differences.
        let bce0 = |z: f64| -((1.0 - sigmoid(z)).ln());
        assert!((crate::maths::central_difference(bce0, 0.3, 1e-6) - y_hat).abs() < 1e-9);
        assert!((bce_output_slope_parts()[1].right - 0.574443).abs() < 1e-6);
        assert!(bce_output_slope([Some(-0.426), Some(0.574)]).passed());
        assert!(bce_output_slope([Some(-0.4256), Some(0.5744)]).passed());
        let half = bce_output_slope([Some(-0.426), None]).to_text();
        assert!(half.contains("y = 0: not attempted yet"), "{half}");
        let flipped = bce_output_slope([Some(-0.426), Some(-0.574)]).to_text();
        assert!(flipped.contains("y = 0: The sign is flipped"), "{flipped}");
        let swapped = bce_output_slope([Some(-0.426), Some(-0.426)]).to_text();
        assert!(swapped.contains("the answer for y = 1"), "{swapped}");
        assert!(bce_output_slope([None, Some(0.426)]).to_text().contains("1 − ŷ"));
        assert!(bce_output_slope([None, Some(0.140)]).to_text().contains("½(ŷ − y)²"));
        assert!(!bce_output_slope([None, Some(f64::NAN)]).passed());
        assert!(!bce_output_slope([None, Some(0.3)]).to_text().contains("0.574"));
    }

    #[test]
    fn xor_outcome_sends_a_climbing_run_to_the_step() {
        let mut solved = History::new(0.5);
        for (loss, acc) in [(0.7, 0.5), (0.4, 1.0), (0.2, 1.0)] {
            solved.record(loss);
            solved.accuracy.push(acc);
        }
        assert_eq!(xor_outcome(&solved), "all four points classified from epoch 2 on");
        let mut slow = History::new(0.5);
        for (loss, acc) in [(0.7, 0.5), (0.6, 0.75), (0.5, 0.75)] {
            slow.record(loss);
            slow.accuracy.push(acc);
        }
        let said = xor_outcome(&slow);
        assert!(said.contains("not solved yet") && said.contains("more epochs or another seed"), "{said}");
        let mut climbing = History::new(0.5);
        for (loss, acc) in [(0.692, 0.5), (5.0, 0.5), (50.0, 0.5)] {
            climbing.record(loss);
            climbing.accuracy.push(acc);
        }
        let said = xor_outcome(&climbing);
        assert!(said.contains("not solved yet") && said.contains("check your step first"), "{said}");
        assert!(said.contains("Exercise 4.6's check") && !said.contains("try more epochs"), "{said}");
    }

    #[test]
    fn a_step_that_fails_its_check_is_named_in_the_training_cells() {
        // A step with + in its update (the review's slip): it runs, so it is used, and the line says it fails 4.6.
        let plus = |n: &mut DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64| -> f64 {
            let caches = n.forward(x);
            let loss = step_loss(n, &caches, y);
            let grads = n.backward_from_delta(&caches, &(&caches[caches.len() - 1].a - y));
            for (l, g) in grads.iter().enumerate() {
                n.weights[l] = &n.weights[l] + &(lr * &g.dl_dw);
                n.biases[l] = &n.biases[l] + &(lr * &g.dl_db);
            }
            loss
        };
        assert_eq!(which_train_step(plus), "your my_train_step (it does not pass Exercise 4.6's check yet)");
        assert_eq!(which_train_step(super::train_step_stand_in), "your my_train_step");
        // XOR with that step: the loss climbs, and the last line sends the learner to the step.
        let (x, y) = (array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], array![[0.0], [1.0], [1.0], [0.0]]);
        let start =
            crate::engine::nn::Sequential::mlp(&[2, 4, 1], crate::engine::nn::Layer::Tanh, &mut crate::maths::rng(0))
                .then(crate::engine::nn::Layer::Sigmoid);
        let mut net = DeltaNet::from_model(&start);
        let log = train_xor(plus, &mut net, &x, &y, None, 0.5, 200);
        assert!(xor_outcome(&log).contains("check your step first"), "{}", log.summary());
    }
}
