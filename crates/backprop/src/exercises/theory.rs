//! Exercises of the theory guide, in reading order.

use super::attempt::{attempt, not_finite_hint, panic_hint, Attempt};
use super::number::{agrees, NumberExercise};
use super::{yes_or_no, Check, Verdict};
use crate::by_hand::Neuron;
use crate::engine::{nn, optim, Tensor};
use crate::maths::{binary_cross_entropy_grad, randn, rng, softmax, uniform, Activation, Loss, StepParabola};
use crate::show::{Chart, Figure};
use crate::train::{Fit, History};
use ndarray::{array, Array1, Array2, ArrayD, Axis};

/// Exercise 3.1: ∂L/∂w₃ of the tanh neuron of §3 (x = [0.5, −1, 2],
/// w = [0.1, 0.4, −0.3], b = 0.2, y = 1, L = ½(a − y)²), to 3 significant
/// figures, before the lesson computes it.
pub fn neuron_chain_rule(answer: Option<f64>) -> Check {
    neuron_chain_rule_exercise().check(answer)
}

pub(crate) fn neuron_chain_rule_exercise() -> NumberExercise {
    let x = array![0.5, -1.0, 2.0];
    let neuron = Neuron::new(array![0.1, 0.4, -0.3], 0.2, Activation::Tanh);
    let (pass, _, g) = neuron.forward_backward(&x, 1.0, Loss::HalfSquared);
    let right = g.dl_dw[2];
    let (_, _, no_bias) =
        Neuron::new(array![0.1, 0.4, -0.3], 0.0, Activation::Tanh).forward_backward(&x, 1.0, Loss::HalfSquared);
    NumberExercise {
        exercise: "Exercise 3.1",
        right,
        figures: 3,
        why: "z = −0.75, a = tanh(z), then (a − y)·(1 − a²)·x₃: three factors, as for any activation.".into(),
        hints: vec![
            (-right, "The sign is flipped: a is below the target 1, so ∂L/∂a = a − y is negative.".into()),
            (g.dl_dz, "That is ∂L/∂z (which is also ∂L/∂b); multiply by x₃ = 2.".into()),
            (g.dl_da * x[2], "That skips ∂a/∂z: multiply by tanh′(z) = 1 − a².".into()),
            (2.0 * right, "That is the gradient of (a − y)², without the ½ this lesson's loss has.".into()),
            (g.dl_dw[0], "That is ∂L/∂w₁; the third weight multiplies x₃ = 2.".into()),
            (
                g.dl_da * pass.a * (1.0 - pass.a) * x[2],
                "That uses the sigmoid's slope σ′ = a(1 − a); this neuron is tanh, whose slope is tanh′ = 1 − a²."
                    .into(),
            ),
            (no_bias.dl_dw[2], "That leaves out the bias: z = w·x + b, with b = 0.2.".into()),
        ],
        reread: "§3",
    }
}

/// Exercise 4.1a: the K of §4's linear neuron (a = z, L = ½(z − y)²)
/// if its input were x = [3, 1], where one training step multiplies the error
/// r = z − y by 1 − lr·K: K = x₁² + x₂² + 1 = 11.
pub fn linear_neuron_k(answer: Option<f64>) -> Check {
    linear_neuron_k_exercise().check(answer)
}

pub(crate) fn linear_neuron_k_exercise() -> NumberExercise {
    let x = [3.0, 1.0];
    let right = x[0] * x[0] + x[1] * x[1] + 1.0; // 11
    NumberExercise {
        exercise: "Exercise 4.1a",
        right,
        figures: 3,
        why: "Δz = Δw₁x₁ + Δw₂x₂ + Δb = −lr·r·(x₁² + x₂² + 1), so K = 9 + 1 + 1 = 11.".into(),
        hints: vec![
            (6.0, "That is K for x = [1, 2]: redo the sum x₁² + x₂² + 1 for x = [3, 1].".into()),
            (right - 1.0, "That leaves out the bias: Δb = −lr·r moves z too, as a weight whose input is 1, adding 1.".into()),
            (
                x[0] + x[1] + 1.0,
                "That adds the inputs, not their squares: weight i moves by −lr·r·xᵢ, which moves z by that times xᵢ again."
                    .into(),
            ),
        ],
        reread: "§4",
    }
}

/// Exercise 4.1b: the edge of stability of §4's linear neuron if its input were
/// x = [3, 1] (same target, zero start): the learning rate above which its error
/// grows with every step, to 3 significant figures.
pub fn diverging_learning_rate(answer: Option<f64>) -> Check {
    diverging_learning_rate_exercise().check(answer)
}

pub(crate) fn diverging_learning_rate_exercise() -> NumberExercise {
    let x = [3.0, 1.0];
    let scale = x[0] * x[0] + x[1] * x[1] + 1.0; // x1² + x2² + 1 = 11
    let right = 2.0 / scale;
    NumberExercise {
        exercise: "Exercise 4.1b",
        right,
        figures: 3,
        why: "one step multiplies the error by 1 − lr·(x1² + x2² + 1) = 1 − 11·lr, whose size passes 1 once lr > 2/11.".into(),
        hints: vec![
            (1.0 / 3.0, "That is the edge for x = [1, 2], whose factor is 1 − 6·lr: redo the sum x1² + x2² + 1 for x = [3, 1].".into()),
            (
                1.0 / scale,
                "At lr = 1/11 the factor 1 − 11·lr is 0 (one step lands on the target): the error grows only once the factor is below −1."
                    .into(),
            ),
            (2.0 / (scale - 1.0), "That leaves out the bias: it moves z too, as a weight whose input is 1, adding 1 to the sum.".into()),
            (
                2.0 / (x[0] + x[1] + 1.0),
                "That adds the inputs, not their squares: weight i moves by −lr·r·xᵢ, which moves z by that times xᵢ again."
                    .into(),
            ),
        ],
        reread: "§4",
    }
}

/// Exercise 4.1c: the slope dL/dt at t = 0 of the loss of §4's linear neuron
/// (x = [3, 1], y = 1, from zero weights) along the walk θ(t) = θ − t·g/‖g‖:
/// the chain rule over its three parameters gives −‖g‖ = −√11.
pub fn walk_slope(answer: Option<f64>) -> Check {
    walk_slope_exercise().check(answer)
}

pub(crate) fn walk_slope_exercise() -> NumberExercise {
    let x = [3.0, 1.0];
    let scale: f64 = x[0] * x[0] + x[1] * x[1] + 1.0; // 11
    let right = -scale.sqrt(); // r = −1, g = r·(3, 1, 1), ‖g‖ = √11
    NumberExercise {
        exercise: "Exercise 4.1c",
        right,
        figures: 3,
        why: "dL/dt = Σ gᵢ·(−gᵢ/‖g‖) = −‖g‖²/‖g‖ = −‖g‖, and g = r·(3, 1, 1) with r = −1, so −√11.".into(),
        hints: vec![
            (-right, "Walking against the gradient, the loss falls: its slope along the walk is negative.".into()),
            (
                -scale,
                "That is −‖g‖²: each parameter moves by −gᵢ/‖g‖ per unit of t, so divide the sum Σ gᵢ·(−gᵢ) by ‖g‖."
                    .into(),
            ),
            (-(scale - 1.0).sqrt(), "That leaves out the bias: its gradient r·1 is the third entry of g.".into()),
            (
                -(x[0] + x[1] + 1.0),
                "That adds the gradients, not their squares: each term of the chain rule is gᵢ times dθᵢ/dt = −gᵢ/‖g‖."
                    .into(),
            ),
        ],
        reread: "§4",
    }
}

/// `v` rounded to `figures` significant figures.
fn round_to_figures(v: f64, figures: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let scale = 10f64.powi(figures - 1 - v.abs().log10().floor() as i32);
    (v * scale).round() / scale
}

/// One backward pass's gradient of the weights of §7's linear unit ("Always
/// zero the gradients") with `mse_loss` (the mean of (ŷ − y)² over the batch),
/// for the parameters cell's weights, bias and batch.
fn zeroing_gradient(weights: &Array2<f64>, bias: &Array1<f64>, x: &Array2<f64>, y: &Array2<f64>) -> Vec<f64> {
    let (w, b) = (weights.row(0), bias[0]);
    let samples = x.nrows();
    let mut grad = vec![0.0; w.len()];
    for (xs, ys) in x.rows().into_iter().zip(y.rows()) {
        let error = w.dot(&xs) + b - ys[0];
        for (k, g) in grad.iter_mut().enumerate() {
            *g += 2.0 * error * xs[k] / samples as f64; // d/dw_k of the mean of (ŷ − y)²
        }
    }
    grad
}

/// Predict, then check (§7): the first weight of §7's linear unit after one
/// `step()` with learning rate `lr`, when `backward()` ran twice before it with no
/// `zero_grad()` in between (as when a notebook's backward cell is run twice), to
/// 3 significant figures, for the parameters cell's numbers (stored: w = [0.5, −0.3],
/// b = 0.1, x = [[1, 2], [0.5, −1], [2, 1]], y = [1, 0, 1], lr = 0.1: three
/// samples, so that adding the samples' terms in one pass, B·(one pass), is not
/// the piled gradient 2·(one pass), as it would be for B = 2).
pub fn piled_step(
    answer: Option<f64>,
    weights: &Array2<f64>,
    bias: &Array1<f64>,
    x: &Array2<f64>,
    y: &Array2<f64>,
    lr: f64,
) -> Check {
    piled_step_exercise(weights, bias, x, y, lr).check(answer)
}

pub(crate) fn piled_step_exercise(
    weights: &Array2<f64>,
    bias: &Array1<f64>,
    x: &Array2<f64>,
    y: &Array2<f64>,
    lr: f64,
) -> NumberExercise {
    let grad = zeroing_gradient(weights, bias, x, y);
    let once = grad[0];
    let w = weights[[0, 0]];
    let batch = x.nrows();
    let right = w - lr * 2.0 * once;
    let mut hints = vec![
        (
            w - lr * once,
            "That is the step with one pass's gradient, the step in the right order. Here backward() ran twice, and it \
             adds to what grad holds, so the step uses the pile of both passes. (If you reached this number with two \
             passes, check one pass: the derivative of (ŷ − y)² brings a factor 2.)"
                .to_string(),
        ),
        (
            w + lr * 2.0 * once,
            "That moves w₁ with its gradient, uphill: the update is w − lr·grad, against the gradient.".to_string(),
        ),
        (
            2.0 * once,
            "That is the piled gradient itself, what grad holds; the question asks for w₁ after step(), w − lr·grad."
                .to_string(),
        ),
        (w, "That is w₁ before the step: step() moves it by −lr·grad, and grad is not 0 here.".to_string()),
        (
            w - lr * 2.0 * batch as f64 * once,
            format!("That adds the samples' terms instead of averaging them: mse_loss divides by B = {batch}."),
        ),
    ];
    if let Some(&second) = grad.get(1) {
        hints.push((
            weights[[0, 1]] - lr * 2.0 * second,
            "That is the second weight after the step; the question asks for the first, w₁.".to_string(),
        ));
    }
    if batch != 2 {
        hints.push((
            w - lr * batch as f64 * once,
            format!(
                "That steps with B = {batch} times one pass's terms instead of two passes' mean: mse_loss divides by \
                 B, and the pile is two passes."
            ),
        ));
    }
    NumberExercise {
        exercise: "Predict, then check (§7)",
        right,
        figures: 3,
        why: format!(
            "one pass gives ∂L/∂w₁ = (2/B)·Σ (ŷₛ − yₛ)·xₛ₁ over the B = {batch} samples, the second backward() adds the \
             same again, and step() takes w₁ − lr·(that pile)."
        ),
        hints: super::number::distinct_slips(3, right, hints),
        reread: "§7, \"Always zero the gradients\"",
    }
}

/// Predict, then check (§8, deep chain): layer 1's bias gradient in §8's chain
/// of `layers` one-unit linear layers, every weight `weight`, every bias 0,
/// input 1, target 0, mean squared error, to 3 significant figures.
pub fn chain_first_gradient(answer: Option<f64>, layers: usize, weight: f64) -> Check {
    chain_first_gradient_exercise(layers, weight).check(answer)
}

pub(crate) fn chain_first_gradient_exercise(layers: usize, weight: f64) -> NumberExercise {
    let last = 2.0 * weight.powi(layers as i32); // dL/dŷ = 2ŷ, and ŷ = weightˡᵃʸᵉʳˢ
    let back = (layers as i32 - 1).max(0);
    NumberExercise {
        exercise: "Predict, then check (§8, deep chain)",
        right: last * weight.powi(back),
        figures: 3,
        why: format!(
            "going back from the last layer to layer 1 multiplies the gradient by the weight {back} times: {} × {}^{back}.",
            crate::numbers::fmt_f64(last),
            crate::numbers::fmt_f64(weight)
        ),
        hints: vec![
            (last, "That is the last layer's gradient; layer 1 is further back, and each layer back multiplies by the weight.".into()),
            (last * weight.powi(back + 1), "One factor too many: from the last layer to layer 1 there is one step fewer than there are layers.".into()),
            (last / weight.powi(back), "Divided instead of multiplied: going back one layer multiplies δ by the weight, δ⁽ˡ⁾ = w⁽ˡ⁺¹⁾δ⁽ˡ⁺¹⁾.".into()),
            (last * weight * back as f64, "That multiplies by the weight times the number of steps; each step multiplies by the weight again (a power).".into()),
        ],
        reread: "§8, \"Depth: gradients that grow layer by layer\"",
    }
}

/// Predict, then check (§8, vanishing): over the `hidden_layers` sigmoid
/// layers that a gradient passes back through, from the last weight layer to
/// the first, the largest factor by which the sigmoid's slopes alone (each at
/// most 0.25) multiply it, to 3 significant figures: 0.25^`hidden_layers`.
pub fn sigmoid_slopes_bound(answer: Option<f64>, hidden_layers: usize) -> Check {
    sigmoid_slopes_bound_exercise(hidden_layers).check(answer)
}

pub(crate) fn sigmoid_slopes_bound_exercise(hidden_layers: usize) -> NumberExercise {
    let n = hidden_layers as i32;
    NumberExercise {
        exercise: "Predict, then check (§8, vanishing)",
        right: 0.25f64.powi(n),
        figures: 3,
        why: format!(
            "each of the {n} sigmoid layers between the last weight layer and the first multiplies the gradient by its slope σ′, at most 0.25, so together at most 0.25^{n}."
        ),
        hints: vec![
            (4f64.powi(n), format!("That counts how many times the gradient is divided (4^{n}); the question asks for the factor it is multiplied by, which is below 1.")),
            (0.25f64.powi(n + 1), format!("One factor too many: going back from weight layer {} to weight layer 1 passes {n} sigmoid layers, one per step back.", n + 1)),
            (0.25f64.powi(n - 1), format!("One factor too few: going back from weight layer {} to weight layer 1 passes {n} sigmoid layers, one per step back.", n + 1)),
            (0.25 * f64::from(n), "That multiplies 0.25 by the number of layers; each layer multiplies the gradient by its slope again (a power).".into()),
            (0.25, "That is one layer's factor; the gradient passes several sigmoid layers, each multiplying it again.".into()),
        ],
        reread: "§5's slopes and §8, \"Vanishing gradients\"",
    }
}

/// The losses of §8's clipped run: the linear neuron from zero weights and bias,
/// L = ½(z − y)², each gradient (weights and bias together) scaled down to
/// length `max_norm` when longer, then a step with `lr`; 50 steps.
fn clipped_losses(x: &Array1<f64>, y: f64, lr: f64, max_norm: f64) -> Vec<f64> {
    let mut neuron = Neuron::new(Array1::zeros(x.len()), 0.0, Activation::Identity);
    let mut losses = Vec::new();
    for _ in 0..50 {
        let (_, loss, mut grads) = neuron.forward_backward(x, y, Loss::HalfSquared);
        if !loss.is_finite() {
            break;
        }
        losses.push(loss);
        let norm = (grads.dl_dw.mapv(|g| g * g).sum() + grads.dl_db * grads.dl_db).sqrt();
        let scale = if norm > 0.0 { (max_norm / norm).min(1.0) } else { 1.0 };
        grads.dl_dw *= scale;
        grads.dl_db *= scale;
        neuron.step(&grads, lr);
    }
    losses
}

/// Exercise 8.1: the larger of the two losses the clipped run of §8 bounces
/// between, to 3 significant figures, for the parameters cell's numbers
/// (stored: x = [1, 2], y = 1, lr = 1, c = 1), from zero weights.
pub fn clipped_loss(answer: Option<f64>, x: &Array1<f64>, y: f64, lr: f64, max_norm: f64) -> Check {
    clipped_loss_exercise(x, y, lr, max_norm).check(answer)
}

pub(crate) fn clipped_loss_exercise(x: &Array1<f64>, y: f64, lr: f64, max_norm: f64) -> NumberExercise {
    // From zero weights the error is r = −y and the gradient r·[x₁, x₂, 1] has
    // length |r|·√s, s = x₁² + x₂² + 1; a step moves z by −lr·(scaled r)·s.
    let losses = clipped_losses(x, y, lr, max_norm);
    let n = losses.len();
    let right = losses[n.saturating_sub(2)..].iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let r = -y;
    let s = x.dot(x) + 1.0;
    let half = |z: f64| 0.5 * (z - y).powi(2);
    let clip = |norm: f64| if norm > 0.0 { (max_norm / norm).min(1.0) } else { 1.0 };
    let z_clipped = -lr * clip(r.abs() * s.sqrt()) * r * s;
    let z_no_bias_norm = -lr * clip(r.abs() * (s - 1.0).sqrt()) * r * s;
    let z_no_bias = -lr * clip(r.abs() * (s - 1.0).sqrt()) * r * (s - 1.0);
    let by_value: f64 =
        x.iter().map(|&xi| (r * xi).clamp(-max_norm, max_norm) * xi).sum::<f64>() + r.clamp(-max_norm, max_norm);
    NumberExercise {
        exercise: "Exercise 8.1",
        right,
        figures: 3,
        why: if (x, y, lr, max_norm) == (&array![1.0, 2.0], 1.0, 1.0, 1.0) {
            "the clipped step moves z from 0 to √6 ≈ 2.449, so the error is √6 − 1 and the loss ½(√6 − 1)²; the next step moves z back to 0.".into()
        } else {
            format!(
                "the first step scales the gradient r·[x₁, x₂, 1] down to length c and moves z from 0 to {}; its loss is ½(z − y)², and the next step moves z back.",
                crate::numbers::fmt_f64(z_clipped)
            )
        },
        hints: vec![
            (half(-lr * r * s), "That is the loss after an unclipped step: clipping scales the gradient down to length c first.".into()),
            (2.0 * half(z_clipped), "That is (z − y)², without the ½ of this neuron's loss.".into()),
            (half(z_no_bias_norm), "The length ‖g‖ counts the bias's gradient too: √(x₁² + x₂² + 1), not √(x₁² + x₂²) (for x = [1, 2]: √6, not √5).".into()),
            (half(z_no_bias), "That leaves the bias out: it has a gradient too (its input is 1), both in the length and in the step.".into()),
            (half(-lr * by_value), "That clips each entry of the gradient to at most c (clipping by value); here the whole vector is scaled to length c.".into()),
            (half(0.0), "That is the loss at the start, the smaller of the two; the question asks for the larger.".into()),
        ],
        reread: "§8, \"Clipping the gradient\"",
    }
}

/// The raw inputs and targets of §8's normalising example (50 values of x
/// between 0 and `x_top`, y = 0.03x + 1), drawn from `seed` as the lesson draws them.
fn normalising_data(seed: u64, x_top: f64) -> (Array2<f64>, Array2<f64>) {
    let raw_x = uniform(&mut rng(seed), 50, 1, 0.0, x_top);
    let line_y = raw_x.mapv(|v| 0.03 * v + 1.0);
    (raw_x, line_y)
}

/// Exercise 8.2: at the first step of §8's normalising example (raw inputs,
/// w = b = 0, L the mean of (ŷ − y)²), how many times larger ∂L/∂w is than
/// ∂L/∂b, to 3 significant figures, for the parameters cell's `norm_seed` and
/// `norm_x_top` (stored: 11 and 100).
pub fn raw_gradient_ratio(answer: Option<f64>, seed: u64, x_top: f64) -> Check {
    raw_gradient_ratio_exercise(seed, x_top).check(answer)
}

pub(crate) fn raw_gradient_ratio_exercise(seed: u64, x_top: f64) -> NumberExercise {
    let (x, y) = normalising_data(seed, x_top);
    // With w = b = 0 every error is −yₛ: ∂L/∂w = −(2/B)Σ yₛxₛ, ∂L/∂b = −(2/B)Σ yₛ.
    let right = (&x * &y).sum() / y.sum();
    NumberExercise {
        exercise: "Exercise 8.2",
        right,
        figures: 3,
        why: "with w = b = 0 each error is −yₛ, so the ratio is Σ yₛxₛ / Σ yₛ: the inputs' mean, weighted by the errors. One learning rate cannot suit both.".into(),
        hints: vec![
            (x.mean().unwrap(), "That is the plain mean of x: each xₛ counts in proportion to its sample's error, −yₛ. Weight by yₛ.".into()),
            (1.0 / right, "That is ∂L/∂b divided by ∂L/∂w, the other way round.".into()),
            ((&x * &y).sum(), "That is Σ yₛxₛ alone: divide by Σ yₛ (the 2/B and the sign cancel in the ratio).".into()),
            (x_top, "That is the largest x the data may hold: the ratio averages over the 50 samples.".into()),
        ],
        reread: "§8, \"Normalising the inputs\"",
    }
}

/// What went wrong in a training run, if anything: the answers to Exercise 8.3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Diagnosis {
    /// The learning rate is too large: the loss grows or jumps about.
    LrTooHigh,
    /// Vanishing gradients: the layers near the input get almost nothing.
    Vanishing,
    /// A dead ReLU: a unit's input is negative for every sample, its gradient 0.
    DeadRelu,
    /// Nothing wrong: the loss falls, possibly after a plateau, and every layer gets a useful gradient.
    Healthy,
    /// Overfitting: the training loss falls while the validation loss rises.
    Overfit,
    /// Underfitting: the model is too simple, both losses stay high.
    Underfit,
}

/// The names of the three runs of Exercise 8.3, in the order of the answer.
const RUN_NAMES: [&str; 3] = ["A", "B", "C"];

/// What each run of Exercise 8.3 is, in the order A, B, C.
const RUN_TROUBLES: [Diagnosis; 3] = [Diagnosis::Vanishing, Diagnosis::LrTooHigh, Diagnosis::Healthy];

/// One run's two charts' points: (epoch, log10 loss) and (weight layer, log10 ‖dL/dW‖).
type RunPoints = (Vec<(f64, f64)>, Vec<(f64, f64)>);

/// The three runs Exercise 8.3 asks about, their settings hidden, drawn as a
/// grid: one row per run, its training loss epoch by epoch (log10) and log10 of
/// each layer's weight-gradient norm ‖dL/dW‖ at the first epoch, from the layer
/// nearest the input (weight layer 1, the code's `0.weight`) to the last. The
/// gradient charts share one vertical scale ([`Chart::y_range`]); so do the loss
/// charts of runs A and C, while run B's, which grows to about 1e98, has its
/// own. Prints the shared loss scale only (each run's two ratios wait in
/// [`mystery_ratios`], for after the learner's diagnosis). The titles name the
/// runs only.
pub fn mystery_run() -> Figure {
    let runs = mystery_histories();
    // x: weight layer 1 (nearest the input) to 8, in the order of the network's `k.weight` names.
    let rows: Vec<RunPoints> = runs
        .iter()
        .map(|run| {
            let losses = run.losses.iter().enumerate().map(|(k, l)| ((k + 1) as f64, l.log10())).collect();
            let first_epoch =
                run.grad_norms.iter().enumerate().map(|(i, (_, norms))| ((i + 1) as f64, norms[0].log10())).collect();
            (losses, first_epoch)
        })
        .collect();
    // The gradient charts share one vertical scale: the lowest and highest value of the three runs. The loss
    // charts of runs A and C share one too, fitted to those two runs; run B's loss grows so far (to about 1e98)
    // that on a shared axis A and C would be flat lines, so its chart keeps a scale of its own.
    let range = |rows: &[&RunPoints], pick: fn(&RunPoints) -> &Vec<(f64, f64)>| {
        let ys = rows.iter().flat_map(|r| pick(r).iter().map(|p| p.1)).filter(|y| y.is_finite());
        let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| (lo.min(y), hi.max(y)));
        let pad = 0.05 * (hi - lo).max(0.1);
        (lo - pad, hi + pad)
    };
    let (loss_lo, loss_hi) = range(&[&rows[0], &rows[2]], |r| &r.0);
    let (grad_lo, grad_hi) = range(&rows.iter().collect::<Vec<_>>(), |r| &r.1);
    println!(
        "loss scale: runs A and C share log10 loss from {} to {}; run B's loss chart has a scale of its own",
        crate::numbers::fmt_f64(round_to_figures(loss_lo, 2)),
        crate::numbers::fmt_f64(round_to_figures(loss_hi, 2))
    );
    let mut charts = Vec::new();
    for (name, (losses, first_epoch)) in RUN_NAMES.iter().zip(rows) {
        let loss_chart = Chart::new(&format!("run {name}: loss"), "epoch", "log10 loss").line("training loss", losses);
        charts.push(if *name == "B" {
            loss_chart.with_y_label("log10 loss (its own scale)")
        } else {
            loss_chart.y_range(loss_lo, loss_hi)
        });
        charts.push(
            Chart::new(
                &format!("run {name}: gradient size per layer"),
                "weight layer (1 = nearest the input)",
                "log10 ‖dL/dW‖",
            )
            .line("first epoch", first_epoch)
            .y_range(grad_lo, grad_hi),
        );
    }
    Figure::grid(charts, 2)
}

/// The two ratios the charts of [`mystery_run`] show, one line per run, for
/// after Exercise 8.3's answer: the first weight layer's gradient norm over
/// the last one's at the first epoch, and the final loss over the first.
pub fn mystery_ratios() {
    for (name, run) in RUN_NAMES.iter().zip(mystery_histories()) {
        let norms: Vec<f64> = run.grad_norms.iter().map(|(_, n)| n[0]).collect();
        let (first, last) = (run.losses[0], run.losses[run.losses.len() - 1]);
        println!(
            "run {name}: first-layer ‖g‖ / last-layer ‖g‖ = {}, final loss / first loss = {}",
            crate::numbers::fmt_f64(round_to_figures(norms[0] / norms[norms.len() - 1], 3)),
            crate::numbers::fmt_f64(round_to_figures(last / first, 3))
        );
    }
}

/// Run A again, from the same data and the same random starting weights,
/// with the activation and learning rate of your choice: prints its two
/// ratios as [`mystery_run`] does, and checks whether the loss now falls (ends
/// below half its first value) with a gradient that reaches the first layer.
pub fn fix_run_a(activation: Activation, lr: f64) -> Check {
    let name = "Fix run A";
    let layer = match activation {
        Activation::Sigmoid => nn::Layer::Sigmoid,
        Activation::Tanh => nn::Layer::Tanh,
        Activation::Relu => nn::Layer::Relu,
        Activation::Identity => {
            return Check::new(
                name,
                Verdict::NotYet(
                    "Identity is no layer of these networks (eight linear layers in a row are one linear map): \
                     pick Sigmoid, Tanh or Relu."
                        .into(),
                ),
            )
        }
    };
    if !(lr.is_finite() && lr > 0.0) {
        return Check::new(name, Verdict::NotYet(format!("fix_lr is {lr}: a learning rate is a number above 0.")));
    }
    let (x, y, mut init) = mystery_data();
    let run =
        nn::Sequential::mlp(&mystery_sizes(), layer, &mut init).fit(&x, &y, &Fit::new(Loss::Mse).lr(lr).epochs(100));
    let norms: Vec<f64> = run.grad_norms.iter().map(|(_, n)| n[0]).collect();
    let (first, last) = (run.losses[0], run.last().unwrap_or(f64::NAN));
    let (grad_ratio, loss_ratio) = (norms[0] / norms[norms.len() - 1], last / first);
    println!(
        "fixed run A ({activation}, lr = {}): first-layer ‖g‖ / last-layer ‖g‖ = {}, final loss / first loss = {}",
        crate::numbers::fmt_f64(lr),
        crate::numbers::fmt_f64(round_to_figures(grad_ratio, 3)),
        crate::numbers::fmt_f64(round_to_figures(loss_ratio, 3))
    );
    let falls = loss_ratio.is_finite() && loss_ratio < 0.5;
    let vanishes = grad_ratio.is_nan() || grad_ratio <= 1e-3;
    let verdict = if run.stopped.is_some() || !loss_ratio.is_finite() || loss_ratio > 1.0 {
        Verdict::NotYet(format!(
            "With lr = {} the loss grows: the steps are too long, run B's trouble. Go back to lr = 0.1.",
            crate::numbers::fmt_f64(lr)
        ))
    } else if activation == Activation::Sigmoid && lr == 0.1 {
        Verdict::NotYet(
            "This is run A as it was: the loss hardly falls. Set fix_activation to the activation you predict, \
             and run this cell again."
                .into(),
        )
    } else if vanishes {
        Verdict::NotYet(format!(
            "The first layer still gets {} of the last layer's gradient: the gradient still vanishes on its way \
             back{}. A longer step does not stop that; the activation's slope does it.",
            crate::numbers::fmt_f64(round_to_figures(grad_ratio, 3)),
            if falls { ", although the loss now falls" } else { "" }
        ))
    } else if !falls {
        Verdict::NotYet(format!(
            "The gradient now reaches the first layer (the first layer gets {} of the last one's), but in 100 epochs \
             the loss ends at {} of its first value, not below half: {}",
            crate::numbers::fmt_f64(round_to_figures(grad_ratio, 3)),
            crate::numbers::fmt_f64(round_to_figures(loss_ratio, 3)),
            if activation == Activation::Relu {
                "ReLU needs He initialisation, which this task does not offer: these layers start from PyTorch's \
                 default, so its signal fades on the way forward (the spread printout). Try the other one."
            } else if lr < 0.1 {
                "the steps are too short to get there in 100 epochs. Go back to lr = 0.1."
            } else {
                "keep fix_lr at 0.1, as the task says, and try again."
            }
        ))
    } else {
        Verdict::Correct(format!(
            "With {activation} the loss now falls to {} of its first value, and the first layer gets {} of the last \
             layer's gradient instead of less than 1/10000: a slope that does not shrink the gradient at every \
             layer lets the layers near the input learn.{}",
            crate::numbers::fmt_f64(round_to_figures(loss_ratio, 3)),
            crate::numbers::fmt_f64(round_to_figures(grad_ratio, 3)),
            if activation == Activation::Tanh {
                " Tanh does it here because these small starting weights keep every z near 0, where its slope is \
                 about 1; with larger weights it saturates like the sigmoid."
            } else {
                ""
            }
        ))
    };
    Check::new(name, verdict)
}

/// The forward signal of run A's network from its starting weights, once for
/// each activation it could have: the network is built as [`fix_run_a`] builds
/// it (same data, same random starting weights, PyTorch's default
/// initialisation), the 64 samples are passed forward, and after each hidden
/// layer the *spread* of its outputs is measured: for each unit, the standard
/// deviation of its output over the 64 samples, averaged over the layer's 16
/// units. Returns one row per activation (Sigmoid, Tanh, Relu), hidden layer 1
/// (nearest the input) first; a spread near 0 means that layer's output hardly
/// depends on the input.
pub fn run_a_signal_spread() -> Vec<(Activation, Vec<f64>)> {
    [Activation::Sigmoid, Activation::Tanh, Activation::Relu]
        .into_iter()
        .map(|activation| {
            let layer = match activation {
                Activation::Sigmoid => nn::Layer::Sigmoid,
                Activation::Tanh => nn::Layer::Tanh,
                _ => nn::Layer::Relu,
            };
            let (x, _, mut init) = mystery_data();
            let net = nn::Sequential::mlp(&mystery_sizes(), layer, &mut init);
            let mut h = Tensor::new(x.into_dyn());
            let mut spreads = Vec::new();
            for layer in &net.layers {
                h = layer.forward(&h);
                if !matches!(layer, nn::Layer::Linear(_)) {
                    let v = h.value();
                    let v = v.view().into_dimensionality::<ndarray::Ix2>().expect("a hidden layer's output is B × O");
                    spreads.push(v.std_axis(Axis(0), 0.0).mean().unwrap_or(f64::NAN));
                }
            }
            (activation, spreads)
        })
        .collect()
}

/// Prints [`run_a_signal_spread`], one line per activation: the spread of
/// hidden layer 1 and of hidden layer 7 (the last), and how many times
/// smaller the last is, for the learner to read before Fix run A.
pub fn show_run_a_signal_spread() {
    for (activation, spreads) in run_a_signal_spread() {
        let (first, last) = (spreads[0], spreads[spreads.len() - 1]);
        println!(
            "run A's network with {activation}: spread after weight layer 1 = {}, after weight layer {} = {} ({} times smaller)",
            crate::numbers::fmt_f64(round_to_figures(first, 3)),
            spreads.len(),
            crate::numbers::fmt_f64(round_to_figures(last, 3)),
            crate::numbers::fmt_f64(round_to_figures(first / last, 3))
        );
    }
}

/// The data of the hidden runs (64 samples of 4 features, one target each)
/// and the random stream, as it stands after drawing them, that run A's
/// weights come from.
fn mystery_data() -> (Array2<f64>, Array2<f64>, crate::maths::ChaCha8Rng) {
    let mut init = rng(55);
    let x = randn(&mut init, 64, 4);
    let y = x.map_axis(Axis(1), |r| (r[0] - 0.5 * r[1]).sin() + 0.3 * r[2]).insert_axis(Axis(1));
    (x, y, init)
}

/// The hidden runs' shape: 4 inputs, seven hidden layers of 16 units, 1 output.
fn mystery_sizes() -> Vec<usize> {
    let mut sizes = vec![4];
    sizes.extend(std::iter::repeat_n(16, 7));
    sizes.push(1);
    sizes
}

/// The hidden runs, A, B, C: the same data (64 samples of 4 features) and the
/// same shape (seven hidden layers of 16 units), 100 epochs each.
/// A: sigmoids, lr = 0.1. B: tanh, lr = 0.5. C: tanh, lr = 0.05.
fn mystery_histories() -> Vec<History> {
    let (x, y, mut init) = mystery_data();
    let sizes = mystery_sizes();
    let sigmoid_net = nn::Sequential::mlp(&sizes, nn::Layer::Sigmoid, &mut init);
    let fast_net = nn::Sequential::mlp(&sizes, nn::Layer::Tanh, &mut rng(57));
    let calm_net = nn::Sequential::mlp(&sizes, nn::Layer::Tanh, &mut rng(56));
    vec![
        sigmoid_net.fit(&x, &y, &Fit::new(Loss::Mse).lr(0.1).epochs(100)),
        fast_net.fit(&x, &y, &Fit::new(Loss::Mse).lr(0.5).epochs(100)),
        calm_net.fit(&x, &y, &Fit::new(Loss::Mse).lr(0.05).epochs(100)),
    ]
}

/// Why a diagnosis of one run is wrong, given what the run really is.
fn wrong_diagnosis_hint(run: &str, truth: Diagnosis, said: Diagnosis) -> String {
    use Diagnosis::*;
    let why = match (truth, said) {
        (_, Overfit | Underfit) => {
            "over- and underfitting are judged on a validation loss, and these runs have none; \
             look at the loss and gradient charts."
        }
        (_, DeadRelu) => {
            "a dead unit passes back a gradient of exactly 0, and these networks have no ReLU at all; \
             every layer's gradient in the chart is above 0."
        }
        (Vanishing, LrTooHigh) => {
            "a learning rate that is too large makes the loss grow or jump up and down; this loss \
             falls a little, then stays almost flat. Look at its gradient chart."
        }
        (Vanishing, Healthy) => {
            "its loss hardly falls. Compare, in its gradient chart, the layer nearest the input (weight layer 1) \
             with the last one, and with the other runs."
        }
        (LrTooHigh, Vanishing) => {
            "no layer of its gradient chart gets ten thousand times less than the last. \
             Look at its loss chart instead."
        }
        (LrTooHigh, Healthy) => {
            "read its loss chart's vertical axis: log10 of the loss, so each unit up is ten times more. \
             Does the loss fall?"
        }
        (Healthy, LrTooHigh) => {
            "a learning rate that is too large makes the loss grow or jump up and down; this one never rises: \
             after a plateau it falls by more than ten times."
        }
        (Healthy, Vanishing) => {
            "its first layer gets a smaller gradient than its last, but by a factor of about 25, not \
             ten thousand, and after its plateau its loss falls by more than ten times. A plateau alone \
             does not decide: the gradient chart does."
        }
        _ => "compare its two charts with the other runs'.",
    };
    format!("Run {run} is not {said:?}: {why}")
}

/// Exercise 8.3: diagnose the three runs of [`mystery_run`], in the order A,
/// B, C: `Some([Diagnosis::…, Diagnosis::…, Diagnosis::…])`.
pub fn diagnose_run(answer: Option<[Diagnosis; 3]>) -> Check {
    let Some(said) = answer else {
        return Check::new("Exercise 8.3", Verdict::NotAttempted);
    };
    let wrong: Vec<String> = RUN_NAMES
        .iter()
        .zip(RUN_TROUBLES.iter().zip(said))
        .filter(|(_, (truth, said))| **truth != *said)
        .map(|(run, (truth, said))| wrong_diagnosis_hint(run, *truth, said))
        .collect();
    let verdict = if wrong.is_empty() {
        Verdict::Correct(
            "Run A's loss soon stops falling, and its layer nearest the input gets over ten thousand times less gradient \
             than its last: the gradient vanishes on its way back (remedies: an activation whose slope does not shrink it, \
             with starting weights that suit it, as ReLU needs He initialisation, which these runs do not use; \
             normalisation layers; Fix run A below puts one to the test). Run B's gradients are of ordinary size, but its loss grows by many \
             orders of magnitude: its steps are too long (remedy: a lower learning rate, or clipping). Run C's loss \
             stays flat for a while, then falls by more than ten times, and every layer gets a useful gradient: healthy."
                .into(),
        )
    } else {
        Verdict::NotYet(format!("{} Re-read §8, \"Diagnose a run\".", wrong.join(" ")))
    };
    Check::new("Exercise 8.3", verdict)
}

/// Exercise 9.1: dL/dŷ of binary cross-entropy at ŷ = 0.3, y = 1, to 3
/// significant figures.
pub fn bce_gradient(answer: Option<f64>) -> Check {
    bce_gradient_exercise().check(answer)
}

pub(crate) fn bce_gradient_exercise() -> NumberExercise {
    let (y_hat, y) = (0.3, 1.0);
    let right = binary_cross_entropy_grad(y_hat, y);
    NumberExercise {
        exercise: "Exercise 9.1",
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
            (
                -y_hat.ln(),
                "That is the loss itself, −ln ŷ = −ln 0.3, not its derivative: differentiate −ln ŷ with respect to ŷ."
                    .into(),
            ),
        ],
        reread: "§9",
    }
}

/// Exercise 9.2: ∂L/∂z_c of softmax cross-entropy, L = −ln softmax(z)_c, for the
/// true class `class` of the logits `logits` (the parameters cell of §9; as
/// stored z = [2, 1, 0.1], class 0), to 3 significant figures: p_c − 1, with
/// p = softmax(z).
///
/// # Panics
/// If `class` is not an index of `logits`, or a logit is NaN or infinite.
#[track_caller]
pub fn softmax_true_class_gradient(answer: Option<f64>, logits: &Array1<f64>, class: usize) -> Check {
    softmax_true_class_gradient_exercise(logits, class).check(answer)
}

#[track_caller]
pub(crate) fn softmax_true_class_gradient_exercise(logits: &Array1<f64>, class: usize) -> NumberExercise {
    let classes = logits.len();
    assert!(
        class < classes,
        "softmax_true_class_gradient: class {class} is out of range for {classes} logits (valid classes are 0..{classes})"
    );
    assert!(
        logits.iter().all(|z| z.is_finite()),
        "softmax_true_class_gradient: the logits {logits} are not all finite numbers: give the parameters cell finite logits"
    );
    let p = softmax(logits);
    let right = p[class] - 1.0;
    let plain = logits[class] / logits.sum(); // the logits shared out without e^
    NumberExercise {
        exercise: "Exercise 9.2",
        right,
        figures: 3,
        why: "−z_c gives −1 for the true class and ln Σ e^{z_j} gives e^{z_c}/Σ e^{z_j} = p_c: together p_c − 1, and for every other class p_i − 0.".into(),
        hints: vec![
            (p[class], "That is p_c, the second term alone: the first term, −z_c, adds −1 for the true class.".into()),
            (-right, "The sign is flipped: the true class's probability is below 1, so raising its logit lowers the loss.".into()),
            (-1.0, "That is the first term alone: ln Σ e^{z_j} depends on z_c too, and gives p_c.".into()),
            (-p[class].ln(), "That is the loss itself, −ln p_c, not its slope.".into()),
            (plain - 1.0, "That shares out the logits themselves: softmax shares out e^{z_i}, so exponentiate first.".into()),
        ],
        reread: "§9's softmax and the two terms of the loss",
    }
}

/// One training step as §2 writes it: forward pass, loss, zero the gradients,
/// backward pass, update; the loss of this step, as a number.
fn crates_training_step(model: &nn::Sequential, optimizer: &optim::Sgd, inputs: &Tensor, targets: &Tensor) -> f64 {
    let loss = model.forward(inputs).mse_loss(targets);
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
    loss.item()
}

/// The mini-batches [`training_step`] was given, each as its inputs and targets.
type SeenBatches = Vec<(ArrayD<f64>, ArrayD<f64>)>;

thread_local! {
    /// The mini-batches [`training_step`] was given while a check of a
    /// learner's epoch watches (`Some`).
    static SEEN_BATCHES: std::cell::RefCell<Option<SeenBatches>> = const { std::cell::RefCell::new(None) };
}

/// One training step on one mini-batch, the five parts of §2 in their order
/// (forward pass, `mse_loss`, `zero_grad`, `backward`, `step`), the step you
/// wrote in Day 3 core: it returns this step's loss, the one `backward()` ran
/// on. §10's mini-batch loop calls it once per mini-batch.
pub fn training_step(model: &nn::Sequential, optimizer: &optim::Sgd, inputs: &Tensor, targets: &Tensor) -> f64 {
    SEEN_BATCHES.with(|seen| {
        if let Some(batches) = seen.borrow_mut().as_mut() {
            batches.push((inputs.value(), targets.value()));
        }
    });
    crates_training_step(model, optimizer, inputs, targets)
}

/// One epoch as §10 runs it: the rows of `data_x` and `data_y` cut in order
/// into mini-batches of `batch_size` (the last one smaller if it does not
/// divide the rows), one [`training_step`] each; the mean of their losses.
fn crates_epoch(
    model: &nn::Sequential,
    optimizer: &optim::Sgd,
    data_x: &Array2<f64>,
    data_y: &Array2<f64>,
    batch_size: usize,
) -> f64 {
    let n = data_x.nrows();
    let starts: Vec<usize> = (0..n).step_by(batch_size).collect();
    let mut total = 0.0;
    for &start in &starts {
        let end = (start + batch_size).min(n);
        let xb = Tensor::from(data_x.slice(ndarray::s![start..end, ..]).to_owned());
        let yb = Tensor::from(data_y.slice(ndarray::s![start..end, ..]).to_owned());
        total += training_step(model, optimizer, &xb, &yb);
    }
    total / starts.len() as f64
}

/// The signature of Exercise 10.1's `my_epoch`.
pub trait EpochFn: Fn(&nn::Sequential, &optim::Sgd, &Array2<f64>, &Array2<f64>, usize) -> f64 {}
impl<F: Fn(&nn::Sequential, &optim::Sgd, &Array2<f64>, &Array2<f64>, usize) -> f64> EpochFn for F {}

/// Your epoch's mean batch loss, or the crate's (the same loop) while yours is
/// still `todo!()`: §10's and §13's loops run from the start either way.
///
/// # Panics
/// If `batch_size` is 0 (no mini-batch can be cut), or if your epoch panics
/// with anything but `todo!()`.
#[track_caller]
pub fn epoch_or_crates(
    mine: impl EpochFn,
    model: &nn::Sequential,
    optimizer: &optim::Sgd,
    data_x: &Array2<f64>,
    data_y: &Array2<f64>,
    batch_size: usize,
) -> f64 {
    assert!(batch_size > 0, "batch_size is 0: a mini-batch holds at least 1 sample");
    match attempt(|| mine(model, optimizer, data_x, data_y, batch_size)) {
        Attempt::Done(loss) => loss,
        Attempt::Todo => crates_epoch(model, optimizer, data_x, data_y, batch_size),
        Attempt::Panicked(message) => panic!("your my_epoch panicked: {message}"),
    }
}

/// Whose epoch [`epoch_or_crates`] runs: "yours" once it returns a number,
/// "the crate's" while it is still `todo!()` (tried on a small problem of its own).
pub fn whose_epoch(mine: impl EpochFn) -> &'static str {
    let (model, optimizer, data_x, data_y) = epoch_problem();
    match attempt(|| mine(&model, &optimizer, &data_x, &data_y, EPOCH_BATCH)) {
        Attempt::Todo => "the crate's (yours is still todo!())",
        _ => "yours",
    }
}

/// The mini-batch size of [`epoch_problem`]'s check: 4, 4 and 2 of its 10 rows.
const EPOCH_BATCH: usize = 4;

/// A small seeded problem for the check of an epoch: 10 samples of 3
/// features, a 3 → 4 → 1 ReLU network, SGD with lr = 0.1.
fn epoch_problem() -> (nn::Sequential, optim::Sgd, Array2<f64>, Array2<f64>) {
    let mut init = rng(58);
    let data_x = randn(&mut init, 10, 3);
    let data_y = randn(&mut init, 10, 1);
    let model = nn::Sequential::mlp(&[3, 4, 1], nn::Layer::Relu, &mut init);
    let optimizer = optim::Sgd::new(model.parameters(), 0.1);
    (model, optimizer, data_x, data_y)
}

/// The rows of `data` that each row of `batch` is (by value), `None` for a row
/// found nowhere in `data`.
fn rows_of(batch: &ArrayD<f64>, data: &Array2<f64>) -> Vec<Option<usize>> {
    let Ok(batch) = batch.view().into_dimensionality::<ndarray::Ix2>() else {
        return vec![None];
    };
    batch.rows().into_iter().map(|row| data.rows().into_iter().position(|d| d == row)).collect()
}

/// Exercise 10.1: the inner loop of §10, written as `fn my_epoch(model,
/// optimizer, data_x, data_y, batch_size) -> f64`: the rows cut in order into
/// mini-batches, one [`training_step`] each, the mean of their losses. The
/// check runs it for one epoch on 10 samples in mini-batches of 4 (4, 4 and 2)
/// and compares the weights after it, and the number it returns, with §10's
/// loop; any loop that gives the same passes, and the mini-batches it cut
/// name a slip.
pub fn mini_batch_epoch(mine: impl EpochFn) -> Check {
    const EXERCISE: &str = "Exercise 10.1";
    const REREAD: &str = " Re-read §10's two pieces of Rust, `step_by` and `slice`.";
    let not_yet = |hint: String| Check::new(EXERCISE, Verdict::NotYet(hint));
    let (model, optimizer, data_x, data_y) = epoch_problem();
    let before = SEEN_BATCHES.with(|seen| seen.replace(Some(Vec::new())));
    let result = attempt(|| mine(&model, &optimizer, &data_x, &data_y, EPOCH_BATCH));
    let seen = SEEN_BATCHES.with(|seen| seen.replace(before)).unwrap_or_default();
    let (right_model, right_optimizer, ..) = epoch_problem();
    let right_loss = crates_epoch(&right_model, &right_optimizer, &data_x, &data_y, EPOCH_BATCH);
    let n = data_x.nrows();
    let starts: Vec<usize> = (0..n).step_by(EPOCH_BATCH).collect();
    let right_rows: Vec<Vec<Option<usize>>> =
        starts.iter().map(|&s| (s..(s + EPOCH_BATCH).min(n)).map(Some).collect()).collect();
    let rows: Vec<Vec<Option<usize>>> = seen.iter().map(|(xb, _)| rows_of(xb, &data_x)).collect();
    let loss = match result {
        Attempt::Todo => return Check::new(EXERCISE, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            let k = rows.len();
            if k > 0 && k < right_rows.len() && rows == right_rows[..k] {
                let start = starts[k];
                return not_yet(format!(
                    "Your loop cut the first {k} mini-batches right, then panicked (\"{}\") at the one that starts at row \
                     {start}: with {n} rows in mini-batches of {EPOCH_BATCH}, rows {start} to {} do not exist. The last \
                     mini-batch holds only what is left: its end is start + batch_size or n, whichever is smaller.{REREAD}",
                    message.lines().next().unwrap_or(&message),
                    start + EPOCH_BATCH - 1
                ));
            }
            return not_yet(panic_hint("Your my_epoch", &message));
        }
        Attempt::Done(loss) => loss,
    };
    let right_values: Vec<ArrayD<f64>> = right_model.parameters().iter().map(Tensor::value).collect();
    let values: Vec<ArrayD<f64>> = model.parameters().iter().map(Tensor::value).collect();
    if largest_gap(&values, &right_values) <= 1e-12 {
        if let Some(hint) = not_finite_hint("The number your my_epoch returns", loss) {
            return not_yet(hint);
        }
        if (loss - right_loss).abs() <= 1e-12 * right_loss.abs() {
            return Check::new(
                EXERCISE,
                Verdict::Correct(format!(
                    "{} mini-batches of {n} rows ({}), one training step each, in order: the weights and the mean \
                     batch loss agree with §10's loop.",
                    starts.len(),
                    right_rows.iter().map(|r| r.len().to_string()).collect::<Vec<_>>().join(", ")
                )),
            );
        }
        let losses: Vec<f64> = {
            let (m, o, ..) = epoch_problem();
            right_rows
                .iter()
                .map(|r| {
                    let (s, e) = (r[0].unwrap_or(0), r[0].unwrap_or(0) + r.len());
                    let xb = Tensor::from(data_x.slice(ndarray::s![s..e, ..]).to_owned());
                    let yb = Tensor::from(data_y.slice(ndarray::s![s..e, ..]).to_owned());
                    crates_training_step(&m, &o, &xb, &yb)
                })
                .collect()
        };
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1e-300);
        let hint = if loss == 0.0 {
            "Your mini-batches and steps are right, but the epoch returns 0: add each training step's loss to total, \
             total += …"
                .to_string()
        } else if close(loss, losses[losses.len() - 1] / losses.len() as f64) {
            "Your mini-batches and steps are right, but total holds only the last mini-batch's loss: add each one, \
             total += …, rather than total = …"
                .to_string()
        } else {
            "Your mini-batches and steps are right, but the number returned is not the mean of their losses: add the \
             number each training step returns to total, once per mini-batch."
                .to_string()
        };
        return not_yet(hint);
    }
    let hint = if seen.is_empty() {
        let start: Vec<ArrayD<f64>> = epoch_problem().0.parameters().iter().map(Tensor::value).collect();
        if largest_gap(&values, &start) <= 1e-12 {
            "No training step ran: inside the loop, call exercises::theory::training_step(model, optimizer, &xb, &yb) \
             once per mini-batch."
                .to_string()
        } else {
            "Your loop moved the weights without calling exercises::theory::training_step, and not as §10's loop \
             does: call that step, once per mini-batch, on xb and yb."
                .to_string()
        }
    } else if rows.iter().zip(&seen).any(|(r, (_, yb))| *r != rows_of(yb, &data_y)) {
        "xb and yb hold different samples: cut both from the same rows, start..end.".to_string()
    } else if rows.iter().all(|r| r.len() == n) {
        format!(
            "Each training step ran on all {n} rows: cut each mini-batch's rows, start..end, from data_x and data_y."
        )
    } else if rows.len() == 2 * right_rows.len()
        && rows.chunks(2).zip(&right_rows).all(|(pair, r)| pair[0] == *r && pair[1] == *r)
    {
        "Your loop takes two training steps on each mini-batch: call training_step once per mini-batch.".to_string()
    } else if rows.len() == right_rows.len()
        && rows.iter().zip(&right_rows).all(|(r, want)| want.starts_with(r) && r.len() + 1 >= want.len())
        && rows.iter().zip(&right_rows).any(|(r, want)| r.len() < want.len())
    {
        "Each mini-batch is one row short: a range start..end stops before end, so end = start + batch_size already \
         gives batch_size rows (and the last mini-batch ends at n)."
            .to_string()
    } else if rows.len() > 1 && rows.iter().all(|r| *r == rows[0]) {
        "Every training step ran on the same rows: cut each mini-batch from its own start, rows start..end.".to_string()
    } else if rows.len() != right_rows.len() {
        format!(
            "Your loop took {} training steps; {n} rows in mini-batches of {EPOCH_BATCH} make {}, one training step \
             each.",
            rows.len(),
            right_rows.len()
        )
    } else {
        let k = rows.iter().zip(&right_rows).position(|(r, w)| r != w).unwrap_or(0);
        let shown: Vec<String> = rows[k].iter().map(|r| r.map_or("?".to_string(), |i| i.to_string())).collect();
        format!(
            "Mini-batch {} holds rows [{}] of data_x; it should hold rows {} to {}.",
            k + 1,
            shown.join(", "),
            starts[k],
            (starts[k] + EPOCH_BATCH).min(n) - 1
        )
    };
    not_yet(format!("{hint}{REREAD}"))
}

/// A small seeded problem for the checks of a training step: 8 samples of 3
/// features, a 3 → 4 → 1 ReLU network, SGD with lr = 0.1.
fn step_problem() -> (nn::Sequential, optim::Sgd, Tensor, Tensor) {
    let mut init = rng(57);
    let inputs = Tensor::new(randn(&mut init, 8, 3));
    let targets = Tensor::new(randn(&mut init, 8, 1));
    let model = nn::Sequential::mlp(&[3, 4, 1], nn::Layer::Relu, &mut init);
    let optimizer = optim::Sgd::new(model.parameters(), 0.1);
    (model, optimizer, inputs, targets)
}

/// Three steps of `step` on [`step_problem`]: the loss each returned, and the
/// parameters (and their gradients) after each.
type StepTrace = (Vec<f64>, Vec<Vec<ArrayD<f64>>>, Vec<Vec<ArrayD<f64>>>);

const TRACED_STEPS: usize = 3;

fn trace_steps(step: impl Fn(&nn::Sequential, &optim::Sgd, &Tensor, &Tensor) -> f64) -> StepTrace {
    let (model, optimizer, inputs, targets) = step_problem();
    let (mut losses, mut values, mut grads) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..TRACED_STEPS {
        losses.push(step(&model, &optimizer, &inputs, &targets));
        values.push(model.parameters().iter().map(Tensor::value).collect());
        grads.push(model.parameters().iter().map(Tensor::grad).collect());
    }
    (losses, values, grads)
}

/// The largest difference between two lists of parameter arrays.
fn largest_gap(a: &[ArrayD<f64>], b: &[ArrayD<f64>]) -> f64 {
    a.iter().zip(b).flat_map(|(x, y)| x.iter().zip(y.iter()).map(|(u, v)| (u - v).abs())).fold(0.0, f64::max)
}

/// A one-line prediction of this lesson: a right answer is told why, a wrong
/// one what to re-read.
fn predicted(exercise: &'static str, answer: Option<bool>, right: bool, why: &str, reread: &str) -> Check {
    yes_or_no(
        exercise,
        answer,
        right,
        format!("Right. {why}"),
        format!("Not this time: think it through once more. {reread}"),
    )
}

/// Predict, then check (§5): what a central difference with h = 10⁻⁶ reports
/// for ReLU's slope at z = 0, to 3 significant figures.
pub fn relu_corner_difference(answer: Option<f64>) -> Check {
    relu_corner_difference_exercise().check(answer)
}

pub(crate) fn relu_corner_difference_exercise() -> NumberExercise {
    NumberExercise {
        exercise: "Predict, then check (§5)",
        right: 0.5,
        figures: 3,
        why: "(relu(h) − relu(−h))/(2h) = (h − 0)/(2h) = 1/2: the average of the slopes 0 and 1 on either side of the corner."
            .into(),
        hints: vec![
            (0.0, "That is the slope just left of the corner (and the value the crate picks at 0); the difference quotient straddles the corner.".into()),
            (1.0, "That is the slope just right of the corner; the difference quotient straddles the corner.".into()),
        ],
        reread: "§5's ReLU row and §3's central difference",
    }
}

/// Predict, then check (§6): from w = `w` (`slope_w_a`, left of the minimum in
/// the stored numbers), does gradient descent move w up? Computed from the parameters.
pub fn moves_up(answer: Option<bool>, x: f64, y: f64, w: f64) -> Check {
    let (_, _, g) = Neuron::new(array![w], 0.0, Activation::Sigmoid).forward_backward(&array![x], y, Loss::HalfSquared);
    let up = g.dl_dw[0] < 0.0;
    let why = if up {
        "Left of the minimum the loss falls as w grows: dL/dw < 0, so the step −lr·dL/dw is positive and w moves up, towards the minimum."
    } else {
        "Here the loss rises as w grows: dL/dw > 0, so the step −lr·dL/dw is negative and w moves down."
    };
    predicted(
        "Predict, then check (§6)",
        answer,
        up,
        why,
        "Re-read §4's update rule (the step is −lr·dL/dw), then find the sign of dL/dw = (a − y)·a(1 − a)·x at this w: is a = σ(w·x) below or above the target y?",
    )
}

/// Predict, then check (§10): how many updates (optimizer steps) a run of
/// `epochs` epochs over 64 samples in mini-batches of `batch_size` takes.
pub fn updates_in_all(answer: Option<f64>, batch_size: usize, epochs: usize) -> Check {
    let per_epoch = 64usize.div_ceil(batch_size.max(1));
    let last = if per_epoch * batch_size > 64 {
        "the last one is smaller but still counts"
    } else {
        "they divide the 64 samples exactly"
    };
    let how = format!(
        "Count the mini-batches of one epoch (64 samples, {batch_size} per batch: {last}), then multiply by the {epochs} epochs."
    );
    updates_in_all_exercise(batch_size, epochs).check_count(answer, &how)
}

pub(crate) fn updates_in_all_exercise(batch_size: usize, epochs: usize) -> NumberExercise {
    let per_epoch = 64usize.div_ceil(batch_size.max(1));
    NumberExercise {
        exercise: "Predict, then check (§10)",
        right: (per_epoch * epochs) as f64,
        figures: 3,
        why: format!("64 samples in batches of {batch_size} make {per_epoch} mini-batches (the last one may be smaller), one update each, in each of {epochs} epochs."),
        hints: vec![
            ((64 * epochs) as f64, "That counts samples, not updates: there is one update per mini-batch.".into()),
            (per_epoch as f64, "That is one epoch: the run makes several passes over the data.".into()),
            (epochs as f64, "That is one update per epoch, full-batch training: here each mini-batch gets its own update.".into()),
        ],
        reread: "§10",
    }
}

/// The §12 parameters as stored: seed, noise, hidden width, epochs.
const STORED_FIT: (u64, f64, usize, usize) = (2, 0.3, 16, 10000);

/// The four pictures that §12's prediction offers for the big network's two
/// loss curves (its training loss on twelve noisy points of sin 3x, its
/// validation loss on 50 noise-free ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curves {
    /// Both losses fall, then level off near the noise variance.
    BothLevelAtNoise,
    /// The training loss levels off near the noise variance; the validation
    /// loss keeps falling towards 0.
    TrainAtNoiseValToZero,
    /// The training loss falls far below the noise variance; the validation
    /// loss reaches its lowest early, then climbs.
    TrainBelowNoiseValUp,
    /// Both losses stay near their baselines (the variance of their targets).
    BothAtBaseline,
}

/// Predict, then check (§12): which of four pictures the big network's two
/// loss curves make ([`Curves`]). The check knows the answer of the stored
/// parameters (`fit_seed`, `fit_noise`, `fit_hidden`, `fit_epochs`); for others
/// it would have to rerun the whole fit, so it says so and points at the lines
/// of the training cell that answer.
pub fn overfitting_curves(answer: Option<Curves>, seed: u64, noise: f64, hidden: usize, epochs: usize) -> Check {
    const EXERCISE: &str = "Predict, then check (§12)";
    let Some(said) = answer else {
        return Check::new(EXERCISE, Verdict::NotAttempted);
    };
    if (seed, noise, hidden, epochs) != STORED_FIT {
        let (s, n, h, e) = STORED_FIT;
        return Check::new(
            EXERCISE,
            Verdict::Waiting(format!(
                "You changed the parameters cell, and this check knows only the answer for the stored parameters \
                 (fit_seed = {s}, fit_noise = {n}, fit_hidden = {h}, fit_epochs = {e}). Run the training cell below and \
                 compare your choice with its lines `training loss below it` and `validation loss ended above its lowest`."
            )),
        );
    }
    const REREAD: &str = " Re-read §12, \"A big network on twelve points\".";
    let verdict = match said {
        Curves::TrainBelowNoiseValUp => Verdict::Correct(
            "Right. Hundreds of weights and twelve noisy points: the training loss keeps falling, below the noise \
             variance, because the curve bends through every training point, noise included; between and beyond \
             those points nothing pins it down, so it drifts away from sin 3x there, and the fresh validation points \
             see the drift: their loss turns up after an early low."
                .into(),
        ),
        Curves::BothLevelAtNoise => Verdict::NotYet(format!(
            "The noise variance is what sin 3x itself scores on the noisy training points, but the training loss does \
             not stop there: with hundreds of weights the network can pass through every one of its twelve points, \
             noise included, and a curve through the noisy points misses them by less than sin 3x does.{REREAD}"
        )),
        Curves::TrainAtNoiseValToZero => Verdict::NotYet(format!(
            "That is what the true curve sin 3x would score, and nothing tells the network to stop at sin 3x: with \
             hundreds of weights it can bend through all twelve noisy points. What does such a curve do between and \
             beyond them, where the validation points lie?{REREAD}"
        )),
        Curves::BothAtBaseline => Verdict::NotYet(format!(
            "Staying at the baseline is a model too simple to bend (underfitting, below); this one has hundreds of \
             weights for twelve points. How many weights does it have, how many points does it learn from, and what \
             is in those points besides sin 3x?{REREAD}"
        )),
    };
    Check::new(EXERCISE, verdict)
}

/// The check of a learner's training step (Day 3 core's Exercise 1.9), for the exercise named
/// `exercise` of a lesson whose five steps are in `steps` and whose zeroing is
/// in `zeroing` (the sections its hints send the learner back to).
pub(crate) fn training_step_in(
    exercise: &'static str,
    steps: &str,
    zeroing: &str,
    mine: impl Fn(&nn::Sequential, &optim::Sgd, &Tensor, &Tensor) -> f64,
) -> Check {
    let reread = format!(" Re-read {steps}.");
    let not_yet = |hint: String| Check::new(exercise, Verdict::NotYet(hint));
    let (losses, values, grads) = match attempt(|| trace_steps(&mine)) {
        Attempt::Done(trace) => trace,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => return not_yet(panic_hint("Your step", &message)),
    };
    let (right_losses, right_values, _) = trace_steps(crates_training_step);
    let (start_model, ..) = step_problem();
    let start: Vec<ArrayD<f64>> = start_model.parameters().iter().map(Tensor::value).collect();
    let close = |a: &[ArrayD<f64>], b: &[ArrayD<f64>]| largest_gap(a, b) <= 1e-12;
    if close(&values[0], &start) {
        let no_gradient = grads[0].iter().all(|g| g.iter().all(|&v| v == 0.0));
        let hint = if no_gradient {
            "After your step the weights have not moved, and every gradient is 0: either `loss.backward()` is missing, \
             or `optimizer.zero_grad()` comes after it and wipes out what it computed."
        } else {
            "After your step the weights have not moved, though the gradients are there: the update, `optimizer.step()`, is missing."
        };
        return not_yet(format!("{hint}{reread}"));
    }
    if !close(&values[0], &right_values[0]) {
        let (twice, uphill): (Vec<_>, Vec<_>) =
            start.iter().zip(&right_values[0]).map(|(s, r)| (s + &((r - s) * 2.0), s - &(r - s))).unzip();
        let hint = if close(&values[0], &twice) {
            "Your step moves the weights twice as far as one SGD step: call `optimizer.step()` once (and `loss.backward()` once) per step.".to_string()
        } else if close(&values[0], &uphill) {
            "Your step moves the weights uphill, with the gradient instead of against it: `optimizer.step()` already subtracts lr·gradient.".to_string()
        } else {
            format!(
                "After one step your weights differ from one SGD step's by up to {:.3e}: forward pass, loss (`mse_loss`), \
                 zero_grad, backward, step, once each.",
                largest_gap(&values[0], &right_values[0])
            )
        };
        return not_yet(format!("{hint}{reread}"));
    }
    if let Some(k) = (1..TRACED_STEPS).find(|&k| !close(&values[k], &right_values[k])) {
        return not_yet(format!(
            "Your first step is right, but step {} moves too far: without `optimizer.zero_grad()` before `loss.backward()`, \
             each step's gradients are added to the last ones ({zeroing}).{reread}",
            k + 1
        ));
    }
    if let Some(hint) = losses.iter().find_map(|&l| not_finite_hint("The loss your step returns", l)) {
        return not_yet(hint);
    }
    if let Some(k) = (0..TRACED_STEPS).find(|&k| (losses[k] - right_losses[k]).abs() > 1e-12 * right_losses[k].abs()) {
        let after_update =
            k + 1 < TRACED_STEPS && (losses[k] - right_losses[k + 1]).abs() <= 1e-12 * right_losses[k + 1].abs();
        let hint = if after_update {
            "Your weights move right, but the number you return is the loss after the update: return this step's loss, \
             the one `backward()` ran on, `loss.item()`."
                .to_string()
        } else {
            format!(
                "Your weights move right, but at step {} you return {}, which is not that step's loss: return `loss.item()`.",
                k + 1,
                losses[k]
            )
        };
        return not_yet(hint);
    }
    Check::new(
        exercise,
        Verdict::Correct(format!(
            "{TRACED_STEPS} steps in a row agree with SGD's, weights and losses: forward pass, loss, zero the gradients, \
             backward pass, update."
        )),
    )
}

/// §2's recipe on its twin network: the loss at each of `steps` steps, each
/// computed before that step's update (8 samples of 3 features, a 3 → 4 → 1
/// ReLU network, `mse_loss`, SGD with `lr`, all drawn from `seed`).
fn recipe_losses(seed: u64, lr: f64, steps: usize) -> Vec<f64> {
    let mut init = rng(seed);
    let (inputs, targets) = (randn(&mut init, 8, 3), randn(&mut init, 8, 1));
    let model = nn::Sequential::mlp(&[3, 4, 1], nn::Layer::Relu, &mut init);
    model.fit(&inputs, &targets, &Fit::new(Loss::Mse).lr(lr).epochs(steps)).losses
}

/// The spacing of §4's three losses along the first step: t = −h, 0, h.
const WALK_H: f64 = 0.1;

/// §2's network's loss a distance t = −0.1, 0, 0.1 along its first step's
/// direction −g/‖g‖, recomputed from `seed` (the same network and data as §2's
/// loop), and the parabola through them.
fn recipe_parabola(seed: u64) -> StepParabola {
    let mut init = rng(seed);
    let (inputs, targets) = (Tensor::new(randn(&mut init, 8, 3)), Tensor::new(randn(&mut init, 8, 1)));
    let model = nn::Sequential::mlp(&[3, 4, 1], nn::Layer::Relu, &mut init);
    let walk = model.mse_along_gradient(&inputs, &targets, &[-WALK_H, 0.0, WALK_H]);
    StepParabola::through(WALK_H, [walk[0], walk[1], walk[2]])
}

/// Exercise 4.2a: the curvature of §2's loss along its first step,
/// K ≈ (L(0.1) − 2L(0) + L(−0.1)) / 0.1², from the three losses §4 prints
/// (recomputed from `recipe_seed`; 4.45 for the stored seed 1).
pub fn step_curvature(answer: Option<f64>, seed: u64) -> Check {
    step_curvature_exercise(seed).check(answer)
}

pub(crate) fn step_curvature_exercise(seed: u64) -> NumberExercise {
    let p = recipe_parabola(seed);
    let (left, right_end) = (p.at(-WALK_H), p.at(WALK_H));
    let hints = vec![
        (
            p.k * WALK_H,
            "That divides by 0.1 once: the difference of the two half-slopes, each already divided by 0.1, is divided by 0.1 again, so by 0.1² = 0.01 in all.".to_string(),
        ),
        (-p.k, "The sign is flipped: the two ends minus twice the middle, L(0.1) − 2L(0) + L(−0.1), positive where the loss curves up.".to_string()),
        ((left + right_end) / (WALK_H * WALK_H), "That leaves out the −2L(0): the second difference is L(0.1) − 2L(0) + L(−0.1).".to_string()),
        (p.grad_norm, "That is ‖g‖, the slope (step 1); K is how fast the slope changes (step 2).".to_string()),
        (0.5 * p.k, "That is ½K, the number in front of t² in the parabola; K is twice it.".to_string()),
    ];
    NumberExercise::chain_part(
        "Exercise 4.2a",
        p.k,
        "The right half-slope minus the left one, divided by 0.1 once more: (L(0.1) − 2L(0) + L(−0.1)) / 0.1².",
        hints,
        "§4, steps 1 and 2",
    )
}

/// The parabola's change in loss for one training step with learning rate `lr`
/// on §2's network: −lr·‖g‖²·(1 − K·lr/2), with ‖g‖ and K read from the three
/// losses; the exercise is named `exercise`.
fn parabola_change_exercise(exercise: &'static str, seed: u64, lr: f64) -> NumberExercise {
    let p = recipe_parabola(seed);
    let right = p.step_change(lr);
    let g2 = p.grad_norm * p.grad_norm;
    let measured = recipe_losses(seed, lr, 2);
    let mut hints = vec![
        (-right, "The sign is flipped: L(t) − L(0) = −lr·‖g‖²·(1 − K·lr/2), and −lr·‖g‖² is negative.".to_string()),
        (
            -lr * g2 * (1.0 - p.k * lr),
            "That leaves out the ½ in 1 − K·lr/2: the parabola's curvature term is ½K·t².".to_string(),
        ),
        (
            p.at(WALK_H) - p.l0,
            if (lr - WALK_H).abs() > 1e-12 {
                "That walks t = 0.1, the spacing of the three losses; a step with learning rate lr walks t = lr·‖g‖ (every parameter moves lr times its gradient).".to_string()
            } else {
                "That walks t = lr = 0.1 (here lr happens to equal the spacing of the three losses); a step with learning rate lr walks t = lr·‖g‖ (every parameter moves lr times its gradient).".to_string()
            },
        ),
        (-lr * g2, "That is the straight line's change, −lr·‖g‖²: the curvature term ½K·t² is missing.".to_string()),
        (
            -lr * 4.0 * g2 * (1.0 - p.k * lr / 2.0),
            "That uses ‖g‖ = (L(−0.1) − L(0.1))/0.1: the two ends are 0.2 apart, so divide by 0.2.".to_string(),
        ),
        (
            p.l0 + right,
            "That is the parabola's loss after the step; the question asks for the change, that minus L(0)."
                .to_string(),
        ),
    ];
    if (lr - WALK_H).abs() > 1e-12 {
        hints.push((
            p.at(lr) - p.l0,
            "That walks t = lr; a step walks t = lr·‖g‖ (every parameter moves lr times its gradient).".to_string(),
        ));
    }
    if let [before, after] = measured[..] {
        hints.push((
            after - before,
            "That is the change the step really makes; the question asks what the parabola predicts.".to_string(),
        ));
    }
    NumberExercise::chain_part(
        exercise,
        right,
        &format!(
            "t = lr·‖g‖ in L(t) − L(0) = −‖g‖t + ½Kt² gives −lr·‖g‖²·(1 − K·lr/2), for lr = {}.",
            crate::numbers::fmt_f64(lr)
        ),
        hints,
        "§4, steps 3 and 4",
    )
}

/// Exercise 4.2b: the change in §2's loss that the parabola predicts for its
/// first training step with learning rate `lr` (`recipe_lr`, stored 0.1):
/// −lr·‖g‖²·(1 − K·lr/2) (−0.392 for the stored seed, against the measured −0.399).
pub fn step_change(answer: Option<f64>, seed: u64, lr: f64) -> Check {
    with_rounded_inputs(step_change_exercise(seed, lr), seed, lr, answer)
}

/// The parabola's change for a step with learning rate `lr` computed from ‖g‖
/// and K rounded to 3 significant figures (one or both of them), as a learner
/// who carries the checked 3-figure values forward gets them.
fn rounded_input_changes(seed: u64, lr: f64) -> [f64; 3] {
    let p = recipe_parabola(seed);
    let (g3, k3) = (round_to_figures(p.grad_norm, 3), round_to_figures(p.k, 3));
    let change = |g: f64, k: f64| -lr * g * g * (1.0 - k * lr / 2.0);
    [change(g3, p.k), change(p.grad_norm, k3), change(g3, k3)]
}

/// `exercise`'s verdict on `answer`, also calling right, to 3 significant
/// figures, a value computed from ‖g‖ and K rounded to 3 figures.
fn with_rounded_inputs(exercise: NumberExercise, seed: u64, lr: f64, answer: Option<f64>) -> Check {
    match answer {
        Some(a) if !agrees(a, exercise.right, 3) && rounded_input_changes(seed, lr).iter().any(|&r| agrees(a, r, 3)) => {
            Check::new(
                exercise.exercise,
                Verdict::Correct(format!(
                    "Right to 3 significant figures, from ‖g‖ and K to 3 figures (4 figures of each give the parabola's value exactly). {}",
                    exercise.why
                )),
            )
        }
        _ => exercise.check(answer),
    }
}

pub(crate) fn step_change_exercise(seed: u64, lr: f64) -> NumberExercise {
    parabola_change_exercise("Exercise 4.2b", seed, lr)
}

/// Predict, then check (§4, a step 30 times as long): the change the parabola
/// predicts for the first training step with the learning rate `lr`
/// (`recipe_big_lr`, stored 3.0): positive, so the loss rises, once lr is past
/// the edge 2/K.
pub fn big_step_change(answer: Option<f64>, seed: u64, lr: f64) -> Check {
    with_rounded_inputs(big_step_change_exercise(seed, lr), seed, lr, answer)
}

pub(crate) fn big_step_change_exercise(seed: u64, lr: f64) -> NumberExercise {
    parabola_change_exercise("Predict, then check (§4, a step 30 times as long)", seed, lr)
}

/// Predict, then check (§12, underfitting): does the straight line's training
/// loss on y = x² end below half its baseline (the variance of its training
/// targets)? Recomputed from `fit_seed` and `fit_hidden`: the line's starting
/// weight is drawn after the data and the big network of the overfitting example.
pub fn line_halves_its_baseline(answer: Option<bool>, seed: u64, hidden: usize) -> Check {
    let mut init = rng(seed);
    let x_train = uniform(&mut init, 12, 1, -1.0, 1.0);
    let _noise = randn(&mut init, 12, 1);
    let _x_val = uniform(&mut init, 50, 1, -1.0, 1.0);
    let _big = nn::Sequential::mlp(&[1, hidden, hidden, 1], nn::Layer::Tanh, &mut init);
    let line = nn::Sequential::new(vec![nn::Linear::new(1, 1, &mut init).into()]);
    let y_train = x_train.mapv(|v| v * v);
    let end = line.fit(&x_train, &y_train, &Fit::new(Loss::Mse).lr(0.1).epochs(500)).last().unwrap_or(f64::NAN);
    let halves = end < 0.5 * y_train.var(0.0);
    let why = if halves {
        "On these twelve points the parabola leans to one side, so a line can follow part of it."
    } else {
        "A line cannot bend: through a parabola's points spread on both sides of 0 the best line is nearly flat, at about the targets' mean, and a constant at the mean has the baseline's loss. The training loss ends just below its baseline, nowhere near half of it."
    };
    predicted(
        "Predict, then check (§12, underfitting)",
        answer,
        halves,
        why,
        "What is the best straight line through points of y = x² taken on both sides of 0, and what loss does a constant at the mean have?",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exercise 8.2's ratio on the stored data, and the plain mean of x.
    const PROBE_RATIO: f64 = 48.1;
    const PROBE_MEAN: f64 = 38.7;

    #[test]
    fn the_new_predictions_and_the_ratios() {
        for (check, right, slips) in [
            (
                (|a| step_curvature(a, 1)) as fn(Option<f64>) -> Check,
                4.45,
                vec![
                    (0.445, "0.1² = 0.01"),
                    (-4.45, "sign is flipped"),
                    (539.0, "leaves out the −2L(0)"),
                    (2.25, "That is ‖g‖"),
                    (2.22, "½K"),
                ],
            ),
            (
                |a| step_change(a, 1, 0.1),
                -0.392,
                vec![
                    (0.392, "sign is flipped"),
                    (-0.280, "leaves out the ½"),
                    (-0.202, "walks t = lr = 0.1"),
                    (-0.504, "straight line"),
                    (-1.57, "divide by 0.2"),
                    (-0.399, "really makes"),
                    (2.28, "loss after the step"),
                ],
            ),
            (
                |a| big_step_change(a, 1, 3.0),
                85.8,
                vec![
                    (-85.8, "sign is flipped"),
                    (187.0, "leaves out the ½"),
                    (-15.1, "straight line"),
                    (13.3, "walks t = lr"),
                    (88.4, "loss after the step"),
                    (64.1, "really makes"),
                ],
            ),
        ] {
            assert_eq!(check(None).verdict, Verdict::NotAttempted);
            assert!(check(Some(right)).passed(), "{right}: {}", check(Some(right)).to_text());
            assert!(check(Some(f64::NAN)).to_text().contains("NaN"));
            for (slip, hint) in slips {
                let text = check(Some(slip)).to_text();
                assert!(text.contains("not yet") && text.contains(hint), "{slip}: {text}");
                assert!(!text.contains(&format!("{right}")), "the answer stays hidden: {text}");
            }
        }
        // ‖g‖ = 2.25 or K = 4.45 carried at 3 figures into the next step is right too.
        for (answer, check) in [
            (-0.394, step_change(Some(-0.394), 1, 0.1)),
            (85.9, big_step_change(Some(85.9), 1, 3.0)),
            (86.1, big_step_change(Some(86.1), 1, 3.0)),
        ] {
            assert!(check.passed() && check.to_text().contains("3 figures"), "{answer}: {}", check.to_text());
        }
        assert!(
            step_change(Some(-0.392), 1, 0.1).passed()
                && !step_change(Some(-0.392), 1, 0.1).to_text().contains("from ‖g‖")
        );
        assert!(!big_step_change(Some(87.0), 1, 3.0).passed());
        // The override's seed 4 and lr 0.5 lower the loss: the parabola's change is negative there.
        assert!(big_step_change_exercise(4, 0.5).right < 0.0 && big_step_change_exercise(1, 3.0).right > 0.0);
        assert!(line_halves_its_baseline(Some(false), 2, 16).passed());
        assert!(line_halves_its_baseline(Some(true), 2, 16).to_text().contains("not yet"));
        assert_eq!(line_halves_its_baseline(None, 2, 16).verdict, Verdict::NotAttempted);
        assert!(!line_halves_its_baseline(Some(false), 3, 64).to_text().is_empty());
        mystery_ratios();
    }

    #[test]
    fn the_sigmoid_slopes_bound() {
        let check = |a| sigmoid_slopes_bound(a, 7);
        assert_eq!(check(None).verdict, Verdict::NotAttempted);
        // 0.25⁷ = 6.103515625e-5, by hand: rounded, to more figures, or as 1/4⁷.
        for right in [6.10e-5, 6.1e-5, 6.104e-5, 6.103515625e-5, 1.0 / 16384.0] {
            assert!(check(Some(right)).passed(), "{right}: {}", check(Some(right)).to_text());
        }
        for (slip, hint) in [
            (16384.0, "divided"),
            (1.53e-5, "One factor too many"),
            (2.44e-4, "One factor too few"),
            (1.75, "a power"),
            (0.25, "one layer's factor"),
        ] {
            let text = check(Some(slip)).to_text();
            assert!(text.contains("not yet") && text.contains(hint), "{slip}: {text}");
            assert!(!text.contains("6.10") && !text.contains("6.1e"), "the answer stays hidden: {text}");
        }
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(!check(Some(bad)).passed(), "{bad}");
        }
        assert!(check(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(sigmoid_slopes_bound(Some(9.77e-4), 5).passed(), "the test's override: five hidden layers");
    }

    #[test]
    fn the_one_line_predictions() {
        assert!(relu_corner_difference(Some(0.5)).passed());
        assert!(relu_corner_difference(Some(0.0)).to_text().contains("left of the corner"));
        assert!(relu_corner_difference(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(moves_up(Some(true), 1.0, 0.7, -1.5).passed());
        assert!(moves_up(Some(true), 1.0, 0.7, 3.0).to_text().contains("not yet"));
        assert!(updates_in_all(Some(20.0), 16, 5).passed());
        assert!(updates_in_all(Some(21.0), 10, 3).passed(), "the last batch of 4 still counts");
        assert!(updates_in_all(Some(320.0), 16, 5).to_text().contains("samples"));
        for miscount in [19.0, 21.0] {
            let text = updates_in_all(Some(miscount), 16, 5).to_text();
            assert!(text.contains("miscounts") && !text.contains("Close"), "{text}");
        }
        use Curves::*;
        assert!(overfitting_curves(Some(TrainBelowNoiseValUp), 2, 0.3, 16, 10000).passed());
        for (wrong, hint) in [
            (BothLevelAtNoise, "does not stop there"),
            (TrainAtNoiseValToZero, "between and beyond"),
            (BothAtBaseline, "how many points"),
        ] {
            let text = overfitting_curves(Some(wrong), 2, 0.3, 16, 10000).to_text();
            assert!(text.contains("not yet") && text.contains(hint), "{wrong:?}: {text}");
        }
        assert_eq!(overfitting_curves(None, 2, 0.3, 16, 10000).verdict, Verdict::NotAttempted);
        assert_eq!(overfitting_curves(None, 3, 0.1, 16, 500).verdict, Verdict::NotAttempted);
        let changed = overfitting_curves(Some(TrainBelowNoiseValUp), 3, 0.1, 16, 500);
        assert!(!changed.passed() && changed.to_text().contains("ended above its lowest"), "{}", changed.to_text());
    }

    #[test]
    fn the_number_exercises_in_every_case() {
        let cases = [
            (
                neuron_chain_rule as fn(Option<f64>) -> Check,
                -1.95,
                vec![
                    (1.95, "sign is flipped"),
                    (-0.976, "∂L/∂z"),
                    (-3.27, "skips ∂a/∂z"),
                    (-3.90, "without the ½"),
                    (-0.488, "∂L/∂w₁"),
                    (3.40, "σ′ = a(1 − a)"),
                    (-1.58, "leaves out the bias"),
                ],
            ),
            (
                |a| clipped_loss(a, &array![1.0, 2.0], 1.0, 1.0, 1.0),
                1.05,
                vec![
                    (12.5, "unclipped"),
                    (2.10, "without the ½"),
                    (1.42, "not √5"),
                    (0.764, "leaves the bias out"),
                    (4.5, "clipping by value"),
                    (0.5, "the larger"),
                ],
            ),
            (
                |a| raw_gradient_ratio(a, 11, 100.0),
                PROBE_RATIO,
                vec![
                    (PROBE_MEAN, "plain mean"),
                    (1.0 / 48.094, "other way round"),
                    (5200.0, "Σ yₛxₛ alone"),
                    (100.0, "largest x"),
                ],
            ),
        ];
        for (check, right, slips) in cases {
            assert!(check(Some(right)).passed(), "{}", check(Some(right)).to_text());
            assert_eq!(check(None).verdict, Verdict::NotAttempted);
            for (slip, hint) in &slips {
                let text = check(Some(*slip)).to_text();
                assert!(text.contains("not yet") && text.contains(hint), "{slip}: {text}");
            }
            assert!(check(Some(right * 1.02)).to_text().contains("Close"));
            assert!(check(Some(f64::NAN)).to_text().contains("NaN"));
            assert!(check(Some(f64::INFINITY)).to_text().contains("+∞"));
            assert!(check(Some(f64::NEG_INFINITY)).to_text().contains("−∞"));
        }
        assert!(clipped_loss(Some(-1.05), &array![1.0, 2.0], 1.0, 1.0, 1.0).to_text().contains("sign is wrong"));
    }

    #[test]
    fn the_diagnosis_in_every_case() {
        use Diagnosis::*;
        assert!(diagnose_run(Some([Vanishing, LrTooHigh, Healthy])).passed());
        assert_eq!(diagnose_run(None).verdict, Verdict::NotAttempted);
        for (wrong, hint) in [
            ([LrTooHigh, LrTooHigh, Healthy], "grow or jump"),
            ([DeadRelu, LrTooHigh, Healthy], "exactly 0"),
            ([Overfit, LrTooHigh, Healthy], "validation loss"),
            ([Vanishing, Healthy, Healthy], "log10 of the loss"),
            ([Vanishing, Vanishing, Healthy], "loss chart instead"),
            ([Vanishing, LrTooHigh, Vanishing], "about 25"),
            ([Vanishing, LrTooHigh, LrTooHigh], "falls"),
            ([Healthy, Vanishing, LrTooHigh], "Run A is not Healthy"),
        ] {
            let text = diagnose_run(Some(wrong)).to_text();
            assert!(text.contains("not yet") && text.contains(hint), "{wrong:?}: {text}");
        }
        assert!(diagnose_run(Some([Vanishing, LrTooHigh, Healthy])).to_text().contains("He initialisation"));
    }

    #[test]
    fn the_mystery_runs_are_what_the_check_says() {
        let runs = mystery_histories();
        let first_epoch = |h: &History| -> Vec<f64> { h.grad_norms.iter().map(|(_, norms)| norms[0]).collect() };
        // A: the loss falls a little, each layer gets less, over ten thousand times from last to first.
        let a = &runs[0];
        let ga = first_epoch(a);
        assert!(a.stopped.is_none() && a.last().unwrap() < a.losses[0], "A's loss falls: {:?}", a.losses);
        assert!(a.last().unwrap() > 0.5 * a.losses[0], "A's loss falls only a little: {:?}", a.losses);
        assert!(ga.windows(2).all(|p| 0.0 < p[0] && p[0] < p[1]), "each layer gets less: {ga:?}");
        assert!(ga[ga.len() - 1] / ga[0] > 1e4, "over ten thousand times: {ga:?}");
        // B: the loss grows by many orders of magnitude; its gradients are of ordinary size.
        let b = &runs[1];
        let gb = first_epoch(b);
        assert!(b.losses.iter().copied().fold(0.0, f64::max) > 1e6 * b.losses[0], "B's loss grows: {:?}", b.losses);
        assert!(gb[gb.len() - 1] / gb[0] < 100.0, "B's gradients do not vanish: {gb:?}");
        // C: the loss falls more than ten times; its first layer gets about 1/25 of the last one's gradient.
        let c = &runs[2];
        let gc = first_epoch(c);
        assert!(c.stopped.is_none() && c.last().unwrap() < 0.1 * c.losses[0], "C's loss falls: {:?}", c.losses);
        assert!((10.0..50.0).contains(&(gc[gc.len() - 1] / gc[0])), "about 25: {gc:?}");
        let _figure = mystery_run(); // draws without panicking
    }

    #[test]
    fn fixing_run_a() {
        assert!(matches!(fix_run_a(Activation::Sigmoid, 0.1).verdict, Verdict::NotYet(_)), "run A as it was");
        assert!(fix_run_a(Activation::Tanh, 0.1).passed(), "tanh lets the gradient through and the loss falls");
        assert!(fix_run_a(Activation::Tanh, 0.1).to_text().contains("small starting weights"), "why tanh wins here");
        let relu = fix_run_a(Activation::Relu, 0.1);
        assert!(!relu.passed(), "relu: the loss hardly moves in 100 epochs");
        assert!(
            relu.to_text().contains("He initialisation") && !relu.to_text().contains("slope does it"),
            "why not relu"
        );
        let slow = fix_run_a(Activation::Tanh, 0.001);
        assert!(
            !slow.passed() && slow.to_text().contains("too short") && !slow.to_text().contains("He initialisation"),
            "tanh, tiny lr"
        );
        assert!(!fix_run_a(Activation::Sigmoid, 1.0).passed() && !fix_run_a(Activation::Tanh, 0.5).passed());
        assert!(!fix_run_a(Activation::Identity, 0.1).passed() && !fix_run_a(Activation::Tanh, f64::NAN).passed());
    }

    #[test]
    fn the_linear_neurons_k() {
        assert!(linear_neuron_k(Some(11.0)).passed() && linear_neuron_k(Some(11.04)).passed());
        assert!(!linear_neuron_k(Some(12.0)).passed());
        assert_eq!(linear_neuron_k(None).verdict, Verdict::NotAttempted);
        assert!(linear_neuron_k(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(linear_neuron_k(Some(10.0)).to_text().contains("leaves out the bias"));
        assert!(linear_neuron_k(Some(5.0)).to_text().contains("not their squares"));
        assert!(linear_neuron_k(Some(6.0)).to_text().contains("x = [1, 2]"));
        assert!(!linear_neuron_k(Some(11.0)).to_text().contains("not yet"));
    }

    #[test]
    fn the_walks_slope() {
        assert!(walk_slope(Some(-3.32)).passed() && !walk_slope(Some(-3.4)).passed());
        assert!(walk_slope(Some(-3.3166)).passed());
        assert_eq!(walk_slope(None).verdict, Verdict::NotAttempted);
        assert!(!walk_slope(Some(f64::NAN)).passed() && !walk_slope(Some(f64::NEG_INFINITY)).passed());
        assert!(walk_slope(Some(3.32)).to_text().contains("negative"));
        assert!(walk_slope(Some(-11.0)).to_text().contains("−‖g‖²"));
        assert!(walk_slope(Some(-3.16)).to_text().contains("leaves out the bias"));
        assert!(walk_slope(Some(-5.0)).to_text().contains("not their squares"));
        assert!(!walk_slope(Some(-3.32)).to_text().contains("not yet"));
    }

    #[test]
    fn run_c_may_plateau_and_still_be_healthy() {
        use Diagnosis::*;
        let c_as_vanishing = diagnose_run(Some([Vanishing, LrTooHigh, Vanishing])).to_text();
        assert!(c_as_vanishing.contains("plateau") && !c_as_vanishing.contains("steadily"), "{c_as_vanishing}");
        let right = diagnose_run(Some([Vanishing, LrTooHigh, Healthy])).to_text();
        assert!(right.contains("flat for a while") && !right.contains("steadily"), "{right}");
    }

    #[test]
    fn the_edge_of_stability() {
        assert!(diverging_learning_rate(Some(0.182)).passed() && !diverging_learning_rate(Some(0.4)).passed());
        assert_eq!(diverging_learning_rate(None).verdict, Verdict::NotAttempted);
        assert!(diverging_learning_rate(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(diverging_learning_rate(Some(0.333)).to_text().contains("x = [1, 2]"));
        assert!(diverging_learning_rate(Some(0.0909)).to_text().contains("below −1"));
    }

    fn piled_step_stored(answer: Option<f64>) -> Check {
        piled_step(
            answer,
            &array![[0.5, -0.3]],
            &array![0.1],
            &array![[1.0, 2.0], [0.5, -1.0], [2.0, 1.0]],
            &array![[1.0], [0.0], [1.0]],
            0.1,
        )
    }

    #[test]
    fn the_step_after_a_piled_up_gradient() {
        // Errors −1, 0.65, −0.2; one pass (2/3)·(−1 + 0.325 − 0.4) = −0.716667; two passes −1.43333;
        // w₁ = 0.5 − 0.1·(−1.43333) = 0.643333.
        assert!(piled_step_stored(Some(0.643)).passed());
        assert!(piled_step_stored(Some(0.6433)).passed(), "more figures are accepted");
        assert!(piled_step_stored(Some(0.644)).passed() == false);
        assert_eq!(piled_step_stored(None).verdict, Verdict::NotAttempted);
        assert!(piled_step_stored(Some(f64::NAN)).to_text().contains("NaN"));
        let one_pass = piled_step_stored(Some(0.572)).to_text();
        assert!(one_pass.contains("one pass's gradient") && one_pass.contains("adds"), "{one_pass}");
        assert!(piled_step_stored(Some(0.357)).to_text().contains("uphill"));
        assert!(piled_step_stored(Some(-1.43)).to_text().contains("piled gradient itself"));
        assert!(piled_step_stored(Some(0.5)).to_text().contains("before the step"));
        assert!(piled_step_stored(Some(0.93)).to_text().contains("divides by B = 3"));
        assert!(piled_step_stored(Some(0.08)).to_text().contains("second weight"));
        assert!(piled_step_stored(Some(0.715)).to_text().contains("B = 3 times one pass"));
        for slip in [0.572, 0.357, -1.43, 0.5, 0.93, 0.08, 0.715, 0.7] {
            assert!(!piled_step_stored(Some(slip)).to_text().contains("0.643"), "the answer stays hidden: {slip}");
        }
        // For B = 2, B·(one pass) is the pile, and no hint claims otherwise.
        let two = |a| {
            piled_step(
                a,
                &array![[0.5, -0.3]],
                &array![0.1],
                &array![[1.0, 2.0], [0.5, -1.0]],
                &array![[1.0], [0.0]],
                0.1,
            )
        };
        assert!(two(Some(0.635)).passed(), "{}", two(Some(0.635)).to_text());
    }

    #[test]
    fn the_softmax_true_class_gradient() {
        let z = array![2.0, 1.0, 0.1];
        let check = |a| softmax_true_class_gradient(a, &z, 0);
        assert!(check(Some(-0.341)).passed(), "{}", check(Some(-0.341)).to_text());
        assert!(check(Some(0.659)).to_text().contains("second term alone"));
        assert!(check(Some(0.341)).to_text().contains("sign is flipped"));
        assert!(check(Some(-1.0)).to_text().contains("first term alone"));
        assert!(check(Some(0.417)).to_text().contains("loss itself"));
        assert!(check(Some(-0.355)).to_text().contains("exponentiate"));
        assert_eq!(check(None).verdict, Verdict::NotAttempted);
        assert!(check(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(!check(Some(0.5)).to_text().contains("0.341"), "the answer stays hidden");
        // Another class, another true class: p_c − 1 follows the arguments.
        let other = softmax_true_class_gradient_exercise(&array![0.5, -1.0, 3.0, 0.0], 2);
        assert!((other.right - (softmax(&array![0.5, -1.0, 3.0, 0.0])[2] - 1.0)).abs() < 1e-15);
    }

    #[test]
    #[should_panic(expected = "softmax_true_class_gradient: class 3 is out of range for 3 logits")]
    fn a_class_past_the_logits_is_named() {
        softmax_true_class_gradient(Some(-0.341), &array![2.0, 1.0, 0.1], 3);
    }

    #[test]
    #[should_panic(expected = "softmax_true_class_gradient: the logits [NaN, 1, 0.1] are not all finite")]
    fn a_nan_logit_is_named_not_checked_against() {
        softmax_true_class_gradient(Some(-0.341), &array![f64::NAN, 1.0, 0.1], 0);
    }

    #[test]
    fn the_bce_gradient() {
        assert!(bce_gradient(Some(-3.33)).passed());
        assert!(bce_gradient(Some(3.33)).to_text().contains("sign is flipped"));
        assert!(bce_gradient(Some(-0.7)).to_text().contains("logit"));
        assert!(bce_gradient(Some(1.43)).to_text().contains("second term"));
        assert!(bce_gradient(Some(1.20)).to_text().contains("the loss itself, −ln ŷ = −ln 0.3, not its derivative"));
        assert_eq!(bce_gradient(None).verdict, Verdict::NotAttempted);
        assert!(bce_gradient(Some(f64::NAN)).to_text().contains("NaN"));
    }

    #[test]
    fn the_training_step_in_every_case() {
        let training_step = |step| training_step_in("Exercise 1.9", "§2's five parts", "§7", step);
        type Step = fn(&nn::Sequential, &optim::Sgd, &Tensor, &Tensor) -> f64;
        let right: Step = |m, o, x, y| {
            let loss = m.forward(x).mse_loss(y);
            o.zero_grad();
            loss.backward();
            o.step();
            loss.item()
        };
        assert!(training_step(right).passed(), "{}", training_step(right).to_text());
        let todo: Step = |_, _, _, _| todo!();
        assert_eq!(training_step(todo).verdict, Verdict::NotAttempted);
        let no_zero: Step = |m, o, x, y| {
            let loss = m.forward(x).mse_loss(y);
            loss.backward();
            o.step();
            loss.item()
        };
        assert!(training_step(no_zero).to_text().contains("step 2 moves too far"));
        let no_step: Step = |m, o, x, y| {
            let loss = m.forward(x).mse_loss(y);
            o.zero_grad();
            loss.backward();
            loss.item()
        };
        assert!(training_step(no_step).to_text().contains("`optimizer.step()`, is missing"));
        let zero_late: Step = |m, o, x, y| {
            let loss = m.forward(x).mse_loss(y);
            loss.backward();
            o.zero_grad();
            o.step();
            loss.item()
        };
        assert!(training_step(zero_late).to_text().contains("every gradient is 0"));
        let twice: Step = |m, o, x, y| {
            let loss = m.forward(x).mse_loss(y);
            o.zero_grad();
            loss.backward();
            o.step();
            o.step();
            loss.item()
        };
        assert!(training_step(twice).to_text().contains("twice as far"));
        let after: Step = |m, o, x, y| {
            let loss = m.forward(x).mse_loss(y);
            o.zero_grad();
            loss.backward();
            o.step();
            m.forward(x).mse_loss(y).item()
        };
        assert!(training_step(after).to_text().contains("loss after the update"));
        let nan: Step = |m, o, x, y| {
            crates_training_step(m, o, x, y);
            f64::NAN
        };
        assert!(training_step(nan).to_text().contains("NaN"));
        let panics: Step = |_, _, _, _| panic!("oops");
        assert!(training_step(panics).to_text().contains("panicked: \"oops\""));
    }

    type Epoch = fn(&nn::Sequential, &optim::Sgd, &Array2<f64>, &Array2<f64>, usize) -> f64;

    /// A learner's epoch with its end and its two slices given by `cut`.
    fn epoch_cut_by(
        m: &nn::Sequential,
        o: &optim::Sgd,
        x: &Array2<f64>,
        y: &Array2<f64>,
        batch_size: usize,
        cut: impl Fn(usize, usize, usize) -> (usize, usize),
    ) -> f64 {
        let n = x.nrows();
        let starts: Vec<usize> = (0..n).step_by(batch_size).collect();
        let mut total = 0.0;
        for &start in &starts {
            let (from, to) = cut(start, batch_size, n);
            let xb = Tensor::from(x.slice(ndarray::s![from..to, ..]).to_owned());
            let yb = Tensor::from(y.slice(ndarray::s![from..to, ..]).to_owned());
            total += training_step(m, o, &xb, &yb);
        }
        total / starts.len() as f64
    }

    #[test]
    fn the_mini_batch_loop_passes_any_right_loop_and_names_each_slip() {
        let right: Epoch = |m, o, x, y, b| epoch_cut_by(m, o, x, y, b, |s, b, n| (s, (s + b).min(n)));
        let check = mini_batch_epoch(right);
        assert!(check.passed(), "{}", check.to_text());
        // Another right loop: chunks of rows, its own step with the same five parts.
        let chunks: Epoch = |m, o, x, y, b| {
            let (mut total, mut count) = (0.0, 0);
            for (xb, yb) in x.axis_chunks_iter(Axis(0), b).zip(y.axis_chunks_iter(Axis(0), b)) {
                total += crates_training_step(m, o, &Tensor::from(xb.to_owned()), &Tensor::from(yb.to_owned()));
                count += 1;
            }
            total / f64::from(count)
        };
        assert!(mini_batch_epoch(chunks).passed(), "{}", mini_batch_epoch(chunks).to_text());
        let todo: Epoch = |_, _, _, _, _| todo!();
        assert_eq!(mini_batch_epoch(todo).verdict, Verdict::NotAttempted);
        let no_min: Epoch = |m, o, x, y, b| epoch_cut_by(m, o, x, y, b, |s, b, _| (s, s + b));
        let text = mini_batch_epoch(no_min).to_text();
        assert!(text.contains("first 2 mini-batches right") && text.contains("whichever is smaller"), "{text}");
        let short: Epoch = |m, o, x, y, b| epoch_cut_by(m, o, x, y, b, |s, b, n| (s, (s + b - 1).min(n)));
        assert!(mini_batch_epoch(short).to_text().contains("one row short"), "{}", mini_batch_epoch(short).to_text());
        let first: Epoch = |m, o, x, y, b| epoch_cut_by(m, o, x, y, b, |_, b, _| (0, b));
        assert!(mini_batch_epoch(first).to_text().contains("same rows"));
        let whole: Epoch = |m, o, x, y, b| epoch_cut_by(m, o, x, y, b, |_, _, n| (0, n));
        assert!(mini_batch_epoch(whole).to_text().contains("all 10 rows"));
        let no_step: Epoch = |_, _, x, _, b| x.nrows().div_ceil(b) as f64;
        assert!(mini_batch_epoch(no_step).to_text().contains("No training step ran"));
        let twice: Epoch = |m, o, x, y, b| {
            let n = x.nrows();
            let mut total = 0.0;
            for start in (0..n).step_by(b) {
                let end = (start + b).min(n);
                let xb = Tensor::from(x.slice(ndarray::s![start..end, ..]).to_owned());
                let yb = Tensor::from(y.slice(ndarray::s![start..end, ..]).to_owned());
                total += training_step(m, o, &xb, &yb);
                training_step(m, o, &xb, &yb);
            }
            total / n.div_ceil(b) as f64
        };
        assert!(mini_batch_epoch(twice).to_text().contains("two training steps on each"));
        let crossed: Epoch = |m, o, x, y, b| {
            let n = x.nrows();
            let mut total = 0.0;
            for start in (0..n).step_by(b) {
                let end = (start + b).min(n);
                let xb = Tensor::from(x.slice(ndarray::s![start..end, ..]).to_owned());
                let yb = Tensor::from(y.slice(ndarray::s![0..end - start, ..]).to_owned());
                total += training_step(m, o, &xb, &yb);
            }
            total / n.div_ceil(b) as f64
        };
        assert!(mini_batch_epoch(crossed).to_text().contains("different samples"));
        let last_only: Epoch = |m, o, x, y, b| {
            let n = x.nrows();
            let starts: Vec<usize> = (0..n).step_by(b).collect();
            let mut total = 0.0;
            for &start in &starts {
                let end = (start + b).min(n);
                let xb = Tensor::from(x.slice(ndarray::s![start..end, ..]).to_owned());
                let yb = Tensor::from(y.slice(ndarray::s![start..end, ..]).to_owned());
                total = training_step(m, o, &xb, &yb);
            }
            total / starts.len() as f64
        };
        assert!(mini_batch_epoch(last_only).to_text().contains("only the last"));
        let nothing_added: Epoch = |m, o, x, y, b| {
            epoch_cut_by(m, o, x, y, b, |s, b, n| (s, (s + b).min(n)));
            0.0
        };
        assert!(mini_batch_epoch(nothing_added).to_text().contains("returns 0"));
        let nan: Epoch = |m, o, x, y, b| {
            epoch_cut_by(m, o, x, y, b, |s, b, n| (s, (s + b).min(n)));
            f64::NAN
        };
        assert!(mini_batch_epoch(nan).to_text().contains("NaN"));
        let panics: Epoch = |_, _, _, _, _| panic!("oops");
        assert!(mini_batch_epoch(panics).to_text().contains("panicked: \"oops\""));
        for wrong in [no_min, short, first, whole, twice, last_only] {
            assert!(!mini_batch_epoch(wrong).passed());
        }
        assert_eq!(whose_epoch(todo), "the crate's (yours is still todo!())");
        assert_eq!(whose_epoch(right), "yours");
        let (m, o, x, y) = epoch_problem();
        let (m2, o2, ..) = epoch_problem();
        assert_eq!(epoch_or_crates(todo, &m, &o, &x, &y, 4), epoch_or_crates(right, &m2, &o2, &x, &y, 4));
        // Outside a check nothing is recorded.
        assert!(SEEN_BATCHES.with(|seen| seen.borrow().is_none()));
    }

    #[test]
    #[should_panic(expected = "batch_size is 0")]
    fn a_batch_size_of_zero_is_named() {
        let (m, o, x, y) = epoch_problem();
        let right: Epoch = |m, o, x, y, b| epoch_cut_by(m, o, x, y, b, |s, b, n| (s, (s + b).min(n)));
        epoch_or_crates(right, &m, &o, &x, &y, 0);
    }

    #[test]
    fn run_a_signal_spread_shows_relu_collapsing_more_than_tanh() {
        let rows = run_a_signal_spread();
        assert_eq!(
            rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            [Activation::Sigmoid, Activation::Tanh, Activation::Relu]
        );
        for (activation, spreads) in &rows {
            eprintln!("{activation}: {spreads:?}");
            assert_eq!(spreads.len(), 7);
        }
        let last = |k: usize| rows[k].1[6];
        // From PyTorch's default starting weights, ReLU's last hidden layer hardly depends on the input.
        assert!(last(2) < last(1) / 10.0, "relu {} tanh {}", last(2), last(1));
        show_run_a_signal_spread();
    }
}
