//! Checks of the learner's small network, built from their own `Value`, against
//! the same network in the crate's engine (`nn::Sequential` with tanh after
//! every layer, loss `mse_loss`): first the loss and every gradient, then the
//! loss at every step of training.
//!
//! The learner lists their parameters (and gradients) in their network's order:
//! layer by layer, neuron by neuron, each neuron's weights, then its bias.

use super::engine::listed;
use super::locals::{naming_stand_ins, LOCALS_STOOD_IN};
use crate::engine::{nn, Tensor};
use crate::exercises::attempt::{
    attempt, is_placeholder, not_finite_hint, panic_hint, run_quietly, watching, yours_or_stand_in, Attempt,
};
use crate::exercises::function::first_not_finite;
use crate::exercises::{Check, Verdict};
use ndarray::{Array1, Array2, ArrayD, Axis};

/// A network's weights: one (W, b) per layer, W outputs × inputs.
type Layers = [(Array2<f64>, Array1<f64>)];

thread_local! {
    /// Raised by [`weighted_sum_or_crates`] when it runs the crate's stand-in (the
    /// learner's `weighted_sum` still `todo!()`); read through
    /// [`watching`](crate::exercises::attempt::watching).
    static WEIGHTED_SUM_STOOD_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The learner's `weighted_sum` (z = b + Σ wᵢ·xᵢ on their `Value`s), or, while
/// its body is `todo!()`, the crate's stand-in `crates()`; [`check_network`]
/// then says "not attempted yet".
pub fn weighted_sum_or_crates<T>(yours: impl FnOnce() -> T, crates: impl FnOnce() -> T) -> T {
    yours_or_stand_in(&WEIGHTED_SUM_STOOD_IN, "weighted_sum", yours, crates)
}

/// The crate's stand-in for a neuron's weighted sum, as one node: its number
/// z = b + Σ wᵢ·xᵢ (added up in that order) and its local derivatives for the
/// inputs w₁…w_I, x₁…x_I, b, in that order.
pub fn weighted_sum_node(w: &[f64], x: &[f64], b: f64) -> (f64, Vec<f64>) {
    let z = w.iter().zip(x).fold(b, |z, (wi, xi)| z + wi * xi);
    let mut local: Vec<f64> = x[..w.len().min(x.len())].to_vec();
    local.extend_from_slice(&w[..w.len().min(x.len())]);
    local.push(1.0);
    (z, local)
}

/// The loss of the network in plain numbers, with `sum` as each neuron's weighted sum.
fn loss_with(layers: &Layers, xs: &Array2<f64>, ys: &Array1<f64>, sum: impl Fn(&[f64], &[f64], f64) -> f64) -> f64 {
    let mut total = 0.0;
    for (row, y) in xs.rows().into_iter().zip(ys) {
        let mut a = row.to_vec();
        for (w, b) in layers {
            a = (0..w.nrows()).map(|j| sum(&w.row(j).to_vec(), &a, b[j]).tanh()).collect();
        }
        total += (a[0] - y).powi(2);
    }
    total / xs.nrows() as f64
}

/// A hint for a loss that differs, naming the slip in `weighted_sum` it matches, if any.
fn sum_slip(layers: &Layers, xs: &Array2<f64>, ys: &Array1<f64>, loss: f64) -> Option<&'static str> {
    type Sum = fn(&[f64], &[f64], f64) -> f64;
    let slips: [(Sum, &str); 5] = [
        (
            |w, x, _| w.iter().zip(x).map(|(w, x)| w * x).sum(),
            "Your weighted_sum leaves out the bias: z starts from b.",
        ),
        (
            |w, x, b| b + w.last().unwrap_or(&0.0) * x[w.len().min(x.len()).saturating_sub(1)],
            "Your weighted_sum keeps only the last wᵢ·xᵢ: each pass of the loop must add to z, not replace it.",
        ),
        (
            |w, x, _| w.last().unwrap_or(&0.0) * x[w.len().min(x.len()).saturating_sub(1)],
            "Your weighted_sum keeps only the last wᵢ·xᵢ, without b: each pass of the loop must add wᵢ·xᵢ to z, which starts from b.",
        ),
        (
            |w, x, b| w.iter().zip(x).fold(b, |z, (w, x)| z + w + x),
            "Your weighted_sum adds wᵢ and xᵢ: each term is their product, wi.mul(xi).",
        ),
        (
            |w, x, b| w.iter().zip(x).fold(b, |z, (w, x)| z * w * x),
            "Your weighted_sum multiplies the terms together: z is a sum, so each pass adds wᵢ·xᵢ to it.",
        ),
    ];
    slips.iter().find(|(f, _)| (loss_with(layers, xs, ys, f) - loss).abs() <= 1e-9 * (1.0 + loss.abs())).map(|s| s.1)
}

/// The crate's network with the learner's weights: one (W, b) per layer, W
/// outputs × inputs, tanh after every layer.
fn engine_net(layers: &Layers) -> nn::Sequential {
    nn::Sequential::from_weights(layers.to_vec(), nn::Layer::Tanh).then(nn::Layer::Tanh)
}

/// L = mean((ŷ − y)²) over the samples (one row of `xs` each).
fn engine_loss(net: &nn::Sequential, xs: &Array2<f64>, ys: &Array1<f64>) -> Tensor {
    net.forward(&Tensor::from(xs.clone())).mse_loss(&Tensor::from(ys.clone().insert_axis(Axis(1))))
}

/// Each parameter's name in the learner's order ("layer 2, neuron 1, weight 3"),
/// with what `read` takes from it: `Tensor::grad` after a backward pass, or
/// `Tensor::value`.
fn in_learners_order(net: &nn::Sequential, layers: usize, read: fn(&Tensor) -> ArrayD<f64>) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for l in 0..layers {
        let (w, b) = (read(&net.param(&format!("{}.weight", 2 * l))), read(&net.param(&format!("{}.bias", 2 * l))));
        let w = w.into_dimensionality::<ndarray::Ix2>().expect("a weight matrix");
        for j in 0..w.nrows() {
            for i in 0..w.ncols() {
                out.push((format!("layer {}, neuron {}, weight {}", l + 1, j + 1, i + 1), w[[j, i]]));
            }
            out.push((format!("layer {}, neuron {}, bias", l + 1, j + 1), b[j]));
        }
    }
    out
}

/// The loss and every gradient of the learner's network at its first weights,
/// from `first_pass` (one forward and one backward pass, gradients in the
/// learner's order, see the module's docs), compared with the crate's engine.
/// "Not checked yet", naming `weighted_sum`, while the crate's stand-in ran for the learner's
/// `weighted_sum` (see [`weighted_sum_or_crates`]).
///
/// # Shapes
/// layers: (W O × I, b O) each; xs: B × I (one sample per row); ys: B.
pub fn check_network(
    layers: &Layers,
    xs: &Array2<f64>,
    ys: &Array1<f64>,
    first_pass: impl FnOnce() -> (f64, Vec<f64>),
) -> Check {
    let name = "the network, against the crate's engine";
    let (run, stood_in) = watching(&WEIGHTED_SUM_STOOD_IN, || attempt(first_pass));
    let (loss, grads) = match run {
        Attempt::Done(run) => run,
        Attempt::Todo => return Check::new(name, Verdict::NotAttempted),
        Attempt::Panicked(message) => return Check::new(name, Verdict::NotYet(panic_hint("Your network", &message))),
    };
    let check = compare_network(layers, xs, ys, loss, &grads);
    if stood_in && check.passed() {
        let why = "The crate's weighted_sum ran in place of yours (still todo!()): write its line above, then re-run.";
        return Check::new(name, Verdict::Waiting(why.into()));
    }
    check
}

/// [`check_network`]'s comparison of a loss and its gradients with the crate's engine.
fn compare_network(layers: &Layers, xs: &Array2<f64>, ys: &Array1<f64>, loss: f64, grads: &[f64]) -> Check {
    let name = "the network, against the crate's engine";
    let net = engine_net(layers);
    let want_loss = engine_loss(&net, xs, ys);
    want_loss.backward();
    let want = in_learners_order(&net, layers.len(), Tensor::grad);
    let not_yet = |hint: String| Check::new(name, Verdict::NotYet(hint));
    if let Some(hint) = not_finite_hint("Your loss", loss).or_else(|| first_not_finite("Your gradients", grads)) {
        return not_yet(hint);
    }
    if (loss - want_loss.item()).abs() > 1e-9 * want_loss.item().abs() {
        let slip = sum_slip(layers, xs, ys, loss).unwrap_or(
            "Check your weighted_sum first (z = b + Σ wᵢ·xᵢ, one term per weight), then the rest of the forward pass and L = mean((ŷ − y)²).",
        );
        return not_yet(format!(
            "Your loss differs from the crate's engine by {:.2e}. {slip}",
            loss - want_loss.item()
        ));
    }
    if grads.len() != want.len() {
        return not_yet(format!(
            "You passed {} gradients; this network has {} parameters (every weight and every bias).",
            grads.len(),
            want.len()
        ));
    }
    let off = |k: f64| grads.iter().zip(&want).all(|(g, (_, w))| (g - k * w).abs() <= 1e-9 * (1.0 + w.abs()));
    if off(1.0) {
        let gap = grads.iter().zip(&want).map(|(g, (_, w))| (g - w).abs()).fold(0.0, f64::max);
        let why = format!(
            "The loss and all {} gradients agree with the crate's engine (largest difference {gap:.1e}): your weighted_sum builds z so that backward reaches every weight and bias. (Your engine ran with the crate's stand-in for any of your earlier functions still todo!(); the check of backward above says which are yours.)",
            want.len()
        );
        return Check::new(name, Verdict::Correct(why));
    }
    if off(2.0) {
        return not_yet("Every gradient is twice the engine's: they were added up over two backward passes.".into());
    }
    if grads.iter().zip(&want).filter(|(_, (n, _))| n.contains("weight")).all(|(g, _)| *g == 0.0) {
        return not_yet("Every weight's gradient is 0 although the loss is right: weighted_sum must build z from your Values with add and mul, so that backward reaches every weight (a Value::new(…) of the number cuts it off).".into());
    }
    let (g, (which, w)) =
        grads.iter().zip(&want).find(|(g, (_, w))| (*g - w).abs() > 1e-9 * (1.0 + w.abs())).expect("a difference");
    not_yet(format!(
        "The gradient of {which} differs from the crate's engine by {:.2e}: check that your parameters are listed layer by layer, neuron by neuron, weights before the bias.",
        g - w
    ))
}

/// How the crate trains its copy: as it should, or with a usual slip.
#[derive(Clone, Copy, PartialEq)]
enum Training {
    Right,
    NoZeroing,
    Uphill,
}

/// The engine's network after `steps` updates of gradient descent, with its
/// loss before each update.
fn engine_trained(
    layers: &Layers,
    xs: &Array2<f64>,
    ys: &Array1<f64>,
    lr: f64,
    steps: usize,
    how: Training,
) -> (nn::Sequential, Vec<f64>) {
    let net = engine_net(layers);
    let params = net.parameters();
    let sign = if how == Training::Uphill { -1.0 } else { 1.0 };
    let losses = (0..steps)
        .map(|_| {
            let loss = engine_loss(&net, xs, ys);
            if how != Training::NoZeroing {
                params.iter().for_each(Tensor::zero_grad);
            }
            loss.backward();
            for p in &params {
                p.update(|v, g| v.zip_mut_with(g, |v, &g| *v -= sign * lr * g));
            }
            loss.item()
        })
        .collect();
    (net, losses)
}

thread_local! {
    /// Raised by [`train_step_or_crates`] when it runs the stand-in (the
    /// learner's `train_step` still `todo!()`).
    static TRAIN_STEP_STOOD_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The learner's `train_step` (one step of training on their own `Value`
/// network), or, while its body is `todo!()`, the lesson's stand-in `crates()`;
/// [`check_training`] then says "not checked yet".
pub fn train_step_or_crates<T>(yours: impl FnOnce() -> T, crates: impl FnOnce() -> T) -> T {
    yours_or_stand_in(&TRAIN_STEP_STOOD_IN, "train_step", yours, crates)
}

/// Whether a panic is a `RefCell`'s refused second loan ("already borrowed" or
/// "already mutably borrowed"), as in `p.0.borrow_mut().data -= lr * p.0.borrow().grad`.
fn is_second_loan(message: &str) -> bool {
    message.contains("already borrowed") || message.contains("already mutably borrowed")
}

/// The hint for a refused second loan of a node in `train_step`'s update.
fn second_loan_hint(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or(message);
    format!(
        "Your train_step panicked: \"{first_line}\": it asked for a second loan of a node while the first was still out, \
         as `p.0.borrow_mut().data -= lr * p.0.borrow().grad;` does (both loans last to the end of the line). \
         Take one loan per parameter and use it for both fields: `let mut node = p.0.borrow_mut(); let g = node.grad; \
         node.data -= lr * g;`. Then run both cells again."
    )
}

/// The start of the `todo!()` message of the lesson's `backward` (Exercise 3.7),
/// which the learner's `train_step` calls in its part 4.
const BACKWARD_TODO: &str = "backward from the node";

/// Exercise 3.8: the learner's `train_step` (the five parts of one training
/// step on their own `Value` network), run twice by `two_steps` on a network
/// built afresh from `layers`, which returns the two losses `train_step`
/// returned and every parameter's number after the second step (in the
/// learner's order). Compared with the crate's engine trained the same way.
/// Two steps, because a missing zeroing shows only in the second.
pub fn check_train_step(
    layers: &Layers,
    xs: &Array2<f64>,
    ys: &Array1<f64>,
    lr: f64,
    two_steps: impl FnOnce() -> (Vec<f64>, Vec<f64>),
) -> Check {
    let exercise = "Exercise 3.8";
    let not_yet = |hint: String| Check::new(exercise, Verdict::NotYet(hint));
    let (losses, after) = match run_quietly(two_steps) {
        Ok(run) => run,
        // Part 4 calls the learner's backward (Exercise 3.7), whose todo!() message says "backward from the node".
        Err(message) if is_placeholder(&message) && message.contains(BACKWARD_TODO) => {
            return Check::new(
                exercise,
                Verdict::Waiting(
                    "Your train_step calls your backward, which is still todo!(): do Exercise 3.7 first, then re-run this cell."
                        .into(),
                ),
            )
        }
        Err(message) if is_placeholder(&message) => return Check::new(exercise, Verdict::NotAttempted),
        Err(message) if is_second_loan(&message) => return not_yet(second_loan_hint(&message)),
        Err(message) => return not_yet(panic_hint("Your train_step", &message)),
    };
    if let Some(hint) = first_not_finite("Your losses", &losses).or_else(|| first_not_finite("Your parameters", &after))
    {
        return not_yet(hint);
    }
    let after_steps = |lr: f64, how| {
        let (net, losses) = engine_trained(layers, xs, ys, lr, 2, how);
        (in_learners_order(&net, layers.len(), Tensor::value), losses)
    };
    let (want, want_losses) = after_steps(lr, Training::Right);
    if after.len() != want.len() {
        return not_yet(format!(
            "You returned {} numbers; the network has {} parameters (every weight and every bias).",
            after.len(),
            want.len()
        ));
    }
    let same = |got: &[f64], want: &[f64]| {
        got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() <= 1e-9 * (1.0 + w.abs()))
    };
    let numbers = |named: &[(String, f64)]| named.iter().map(|(_, v)| *v).collect::<Vec<f64>>();
    if same(&after, &numbers(&want)) {
        if !same(&losses, &want_losses) {
            return not_yet(
                "Your parameters are right after both steps, but the loss you return is not the loss of part 2: return loss.data() of the loss that part 2 computed, before the update.".into(),
            );
        }
        return Check::new(
            exercise,
            Verdict::Correct(
                "After two steps every weight and bias equals the crate's engine trained the same way: zeroed, then backward, then each parameter moved by −lr × its gradient.".into(),
            ),
        );
    }
    let start: Vec<f64> = layers
        .iter()
        .flat_map(|(w, b)| (0..w.nrows()).flat_map(move |j| w.row(j).to_vec().into_iter().chain(std::iter::once(b[j]))))
        .collect();
    if same(&after, &start) {
        return not_yet(
            "Your parameters have not moved. Either the update is missing (part 5 subtracts lr times its gradient from each parameter's data), or the gradients were set to 0 after the backward pass, so the update saw only zeros: zeroing is part 3, before backward.".into(),
        );
    }
    if same(&after, &numbers(&after_steps(lr, Training::NoZeroing).0)) {
        return not_yet("Right after one step, but the second step moved the parameters by both steps' gradients added up: zero every parameter's grad before backward (part 3).".into());
    }
    if same(&after, &numbers(&after_steps(lr, Training::Uphill).0)) {
        return not_yet("Your update climbs the loss: subtract lr times the gradient, do not add it (part 5).".into());
    }
    if same(&after, &numbers(&after_steps(1.0, Training::Right).0)) {
        return not_yet(format!(
            "Your steps are 1/lr = {} times too large: multiply the gradient by lr (part 5).",
            1.0 / lr
        ));
    }
    let (which, gap) = after
        .iter()
        .zip(&want)
        .find(|(g, (_, w))| (*g - w).abs() > 1e-9 * (1.0 + w.abs()))
        .map(|(g, (n, w))| (n.clone(), g - w))
        .expect("a difference");
    not_yet(format!(
        "After two steps, {which} differs from the crate's engine by {gap:.2e}: check the five parts, in order (forward and loss with net_loss, zero, backward, update), and that the parameters are listed as parameters() lists them."
    ))
}

/// The learner's training, run by `train` (the learner's engine from the same
/// first weights, returning the loss before each update), compared with the
/// crate's engine trained the same way. "Not checked yet" when it agrees but
/// ran on a crate stand-in for a learner's function still `todo!()` (any of
/// [`yours_or_crates`](super::yours_or_crates) or [`weighted_sum_or_crates`]):
/// then nothing of the learner's was trained.
///
/// # Shapes
/// layers: (W O × I, b O) each; xs: B × I; ys: B; `train` gives one loss per step.
pub fn check_training(
    layers: &Layers,
    xs: &Array2<f64>,
    ys: &Array1<f64>,
    lr: f64,
    train: impl FnOnce() -> Vec<f64>,
) -> Check {
    let name = "the training, against the crate's engine";
    let ((((run, fell_back), sum_stood_in), step_stood_in), named) = naming_stand_ins(|| {
        watching(&TRAIN_STEP_STOOD_IN, || {
            watching(&WEIGHTED_SUM_STOOD_IN, || watching(&LOCALS_STOOD_IN, || attempt(train)))
        })
    });
    let losses = match run {
        Attempt::Done(losses) => losses,
        Attempt::Todo => return Check::new(name, Verdict::NotAttempted),
        Attempt::Panicked(message) => return Check::new(name, Verdict::NotYet(panic_hint("Your training", &message))),
    };
    let check = compare_training(layers, xs, ys, lr, &losses);
    if (fell_back || sum_stood_in || step_stood_in) && check.passed() {
        let mut todo = named;
        todo.extend(sum_stood_in.then_some("weighted_sum"));
        todo.extend(step_stood_in.then_some("train_step"));
        let why = if todo.is_empty() {
            // A stand-in ran that no todo!() message names (a renamed message): say so without naming.
            "The crate's stand-ins ran for those of your seven functions still todo!(), so it trained the crate's pieces: re-run once yours pass their checks.".to_string()
        } else {
            let yours = if todo.len() == 1 { "yours passes its check" } else { "yours pass their checks" };
            format!("The crate's {} ran in place of yours (still todo!()): re-run once {yours}.", listed(&todo))
        };
        return Check::new(name, Verdict::Waiting(why));
    }
    check
}

/// [`check_training`]'s comparison of the learner's losses with the crate's engine.
fn compare_training(layers: &Layers, xs: &Array2<f64>, ys: &Array1<f64>, lr: f64, losses: &[f64]) -> Check {
    let name = "the training, against the crate's engine";
    let not_yet = |hint: String| Check::new(name, Verdict::NotYet(hint));
    if let Some(hint) = first_not_finite("Your losses", losses) {
        return not_yet(format!("{hint} Try a smaller learning rate."));
    }
    if losses.is_empty() {
        return Check::new(name, Verdict::NotAttempted);
    }
    let same = |how| {
        let want = engine_trained(layers, xs, ys, lr, losses.len(), how).1;
        let gap = losses.iter().zip(&want).map(|(m, w)| (m - w).abs()).fold(0.0, f64::max);
        (losses.iter().zip(&want).all(|(m, w)| (m - w).abs() <= 1e-9 * (1.0 + w.abs())), gap, want)
    };
    let (right, gap, want) = same(Training::Right);
    if right {
        let why = format!(
            "The crate's engine, trained the same way ({} steps, lr = {lr}), has the same loss at every step (largest difference {gap:.1e}): your engine, built from your own functions, trains exactly as it does.",
            losses.len()
        );
        return Check::new(name, Verdict::Correct(why));
    }
    if same(Training::NoZeroing).0 {
        return not_yet(
            "Your gradients pile up from step to step: zero them before each backward pass (part 3).".into(),
        );
    }
    if same(Training::Uphill).0 {
        return not_yet("Your update climbs the loss: move each parameter against its gradient (part 5).".into());
    }
    let step = losses.iter().zip(&want).position(|(m, w)| (m - w).abs() > 1e-9 * (1.0 + w.abs())).unwrap_or(0);
    not_yet(format!(
        "Your loss first differs from the crate's engine at step {step}: check the five parts of a step, in order."
    ))
}

/// The number of parameters (every weight and every bias) of a network with
/// these layers: the prediction asked before the network's first pass.
pub fn parameter_count(answer: Option<usize>, layers: &Layers) -> Check {
    let name = "Your prediction (the parameter count)";
    let weights: usize = layers.iter().map(|(w, _)| w.len()).sum();
    let biases: usize = layers.iter().map(|(_, b)| b.len()).sum();
    let right = weights + biases;
    let verdict = match answer {
        None => Verdict::NotAttempted,
        Some(n) if n == right => Verdict::Correct(format!(
            "{weights} weights (one per input of each neuron: 3·4 + 4·4 + 4·1) and {biases} biases (one per neuron)."
        )),
        Some(n) if n == weights => Verdict::NotYet("That counts the weights only: every neuron has a bias too.".into()),
        Some(n) if n == biases => {
            Verdict::NotYet("That counts one number per neuron: each neuron also has one weight per input.".into())
        }
        Some(n) if n == right + xs_width(layers) => {
            Verdict::NotYet("The inputs are not parameters: only weights and biases are trained.".into())
        }
        Some(_) => Verdict::NotYet(
            "Count layer by layer: a layer of O neurons reading I inputs has an O × I weight matrix and O biases."
                .into(),
        ),
    };
    Check::new(name, verdict)
}

/// The number of inputs of the first layer.
fn xs_width(layers: &Layers) -> usize {
    layers.first().map_or(0, |(w, _)| w.ncols())
}

/// The learner's `weighted_sum` on its own: `yours(w, x, b)` builds z from new
/// `Value`s with it, calls `backward` from z and returns z with the gradients of
/// w₁…w_I, x₁…x_I and b, in that order; they must be z = b + Σ wᵢ·xᵢ and its
/// local derivatives (xᵢ for wᵢ, wᵢ for xᵢ, 1 for b).
pub fn check_weighted_sum(yours: impl Fn(&[f64], &[f64], f64) -> (f64, Vec<f64>)) -> Check {
    let name = "weighted_sum";
    let cases: [(&[f64], &[f64], f64); 2] =
        [(&[0.5, -1.2, 2.0], &[1.5, 0.3, -0.7], 0.1), (&[0.8, 0.25], &[-2.0, 3.0], -0.4)];
    for (w, x, b) in cases {
        let (z, grads) = match attempt(|| yours(w, x, b)) {
            Attempt::Done(run) => run,
            Attempt::Todo => return Check::new(name, Verdict::NotAttempted),
            Attempt::Panicked(message) => {
                return Check::new(name, Verdict::NotYet(panic_hint("Your weighted_sum", &message)))
            }
        };
        let not_yet = |hint: String| Check::new(name, Verdict::NotYet(hint));
        if let Some(hint) = not_finite_hint("Your z", z).or_else(|| first_not_finite("Your gradients", &grads)) {
            return not_yet(hint);
        }
        let (want, local) = weighted_sum_node(w, x, b);
        if (z - want).abs() > 1e-12 * (1.0 + want.abs()) {
            let no_bias: f64 = w.iter().zip(x).map(|(w, x)| w * x).sum();
            let last = w[w.len() - 1] * x[x.len() - 1];
            let hint = if (z - no_bias).abs() < 1e-12 {
                "Your z leaves out the bias: it starts from b."
            } else if (z - (b + last)).abs() < 1e-12 || (z - last).abs() < 1e-12 {
                "Your z keeps only the last wᵢ·xᵢ: each pass of the loop must add to z, not replace it."
            } else {
                "z = b + Σ wᵢ·xᵢ: one term wi.mul(xi) per pass, added to z."
            };
            return not_yet(format!("At w = {w:?}, x = {x:?}, b = {b}, your z is {z} instead of {want}. {hint}"));
        }
        if grads.len() != local.len() || grads.iter().zip(&local).any(|(g, l)| (g - l).abs() > 1e-12 * (1.0 + l.abs()))
        {
            return not_yet(format!(
                "Your z has the right number, but after backward from z the gradients of w, x and b are {grads:?} instead of {local:?}. Build z from the Values themselves with add and mul (a Value::new(…) of a number cuts the weights off from backward); if it is, check that visit and backward pass their own checks (Exercises 3.6 and 3.7)."
            ));
        }
    }
    Check::new(
        name,
        Verdict::Correct(
            "z = b + Σ wᵢ·xᵢ, and backward from z reaches every weight (gradient xᵢ), every input (wᵢ) and the bias (1).".into(),
        ),
    )
}

/// The crate's stand-in for the learner's `train_step` (Exercise 3.8), while
/// theirs is `todo!()`: one step of the crate's engine on the network whose
/// parameters are `params` (in the learner's order: layer by layer, neuron by
/// neuron, its weights, then its bias; `layers` gives only the shapes). It reads
/// each parameter's number with `read`, writes the updated number back with
/// `write`, and returns the loss before the update. The learner's own gradients
/// are left as they were: the step ran on the crate's engine, not on theirs.
///
/// # Panics
/// If `params` does not hold one number per weight and bias of `layers`.
#[track_caller]
pub fn train_step_stand_in<P>(
    params: &[P],
    read: impl Fn(&P) -> f64,
    write: impl Fn(&P, f64),
    layers: &Layers,
    xs: &Array2<f64>,
    ys: &Array1<f64>,
    lr: f64,
) -> f64 {
    let count: usize = layers.iter().map(|(w, b)| w.len() + b.len()).sum();
    assert_eq!(params.len(), count, "train_step_stand_in: the network has {count} parameters");
    let mut numbers = params.iter().map(&read);
    let now: Vec<(Array2<f64>, Array1<f64>)> = layers
        .iter()
        .map(|(w, b)| {
            let (mut w, mut b) = (w.clone(), b.clone());
            for j in 0..w.nrows() {
                for i in 0..w.ncols() {
                    w[[j, i]] = numbers.next().expect("one number per weight");
                }
                b[j] = numbers.next().expect("one number per bias");
            }
            (w, b)
        })
        .collect();
    let (net, losses) = engine_trained(&now, xs, ys, lr, 1, Training::Right);
    for (p, (_, v)) in params.iter().zip(in_learners_order(&net, layers.len(), Tensor::value)) {
        write(p, v);
    }
    losses[0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::{pytorch_init, rng};
    use ndarray::array;

    /// A 3-4-1 network with its four points and targets.
    type Example = (Vec<(Array2<f64>, Array1<f64>)>, Array2<f64>, Array1<f64>);

    fn example() -> Example {
        let mut r = rng(1);
        let layers = vec![pytorch_init(3, 4, &mut r), pytorch_init(4, 1, &mut r)];
        (
            layers,
            array![[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]],
            array![1.0, -1.0, -1.0, 1.0],
        )
    }

    #[test]
    fn the_network_check_in_every_case() {
        let (layers, xs, ys) = example();
        let net = engine_net(&layers);
        let loss = engine_loss(&net, &xs, &ys);
        loss.backward();
        let grads: Vec<f64> = in_learners_order(&net, 2, Tensor::grad).into_iter().map(|(_, g)| g).collect();
        assert_eq!(grads.len(), 16 + 5);
        let l = loss.item();
        assert!(compare_network(&layers, &xs, &ys, l, &grads).passed());
        let doubled: Vec<f64> = grads.iter().map(|g| 2.0 * g).collect();
        assert!(compare_network(&layers, &xs, &ys, l, &doubled).to_text().contains("twice"));
        assert!(compare_network(&layers, &xs, &ys, l, &grads[1..]).to_text().contains("has 21 parameters"));
        assert!(compare_network(&layers, &xs, &ys, 2.0 * l, &grads).to_text().contains("Your loss differs"));
        let mut moved = grads.clone();
        moved.swap(2, 3); // the bias listed before the last weight
        assert!(compare_network(&layers, &xs, &ys, l, &moved).to_text().contains("layer 1, neuron 1, weight 3"));
        assert!(compare_network(&layers, &xs, &ys, f64::NAN, &grads).to_text().contains("NaN"));
        let mut inf = grads.clone();
        inf[0] = f64::INFINITY;
        assert!(compare_network(&layers, &xs, &ys, l, &inf).to_text().contains("+∞"));
    }

    #[test]
    fn weighted_sum_slips_are_named() {
        let (layers, xs, ys) = example();
        let l = |f: fn(&[f64], &[f64], f64) -> f64| loss_with(&layers, &xs, &ys, f);
        let right = l(|w, x, b| weighted_sum_node(w, x, b).0);
        let net = engine_net(&layers);
        let engine = engine_loss(&net, &xs, &ys);
        engine.backward();
        assert!((right - engine.item()).abs() < 1e-12, "the plain forward pass is the engine's");
        let grads: Vec<f64> = in_learners_order(&net, 2, Tensor::grad).into_iter().map(|(_, g)| g).collect();
        let no_bias = l(|w, x, _| w.iter().zip(x).map(|(w, x)| w * x).sum());
        assert!(compare_network(&layers, &xs, &ys, no_bias, &grads).to_text().contains("leaves out the bias"));
        let last = l(|w, x, b| b + w[w.len() - 1] * x[w.len() - 1]);
        assert!(compare_network(&layers, &xs, &ys, last, &grads).to_text().contains("keeps only the last"));
        let product = l(|w, x, _| w[w.len() - 1] * x[w.len() - 1]);
        assert!(compare_network(&layers, &xs, &ys, product, &grads).to_text().contains("without b"));
        let cut: Vec<f64> = in_learners_order(&net, 2, Tensor::grad)
            .iter()
            .map(|(n, g)| if n.contains("weight") { 0.0 } else { *g })
            .collect();
        assert!(compare_network(&layers, &xs, &ys, engine.item(), &cut).to_text().contains("cuts it off"));
        assert_eq!(weighted_sum_node(&[2.0, 3.0], &[5.0, 7.0], 1.0), (32.0, vec![5.0, 7.0, 2.0, 3.0, 1.0]));
        // The stand-in is reported as "not attempted"; the learner's own sum as checked.
        let pass = || (engine.item(), grads.clone());
        let stood_in = check_network(&layers, &xs, &ys, || {
            assert_eq!(weighted_sum_or_crates(|| -> f64 { todo!() }, || 1.0), 1.0);
            pass()
        });
        assert!(matches!(stood_in.verdict, Verdict::Waiting(_)), "{}", stood_in.to_text());
        assert!(stood_in.to_text().contains("The crate's weighted_sum ran in place of yours"));
        let yours = check_network(&layers, &xs, &ys, || {
            assert_eq!(weighted_sum_or_crates(|| 2.0, || 1.0), 2.0);
            pass()
        });
        assert!(yours.passed(), "{}", yours.to_text());
        assert!(check_network(&layers, &xs, &ys, || panic!("boom")).to_text().contains("boom"));
    }

    #[test]
    fn the_train_step_check_in_every_case() {
        let (layers, xs, ys) = example();
        let run = |lr: f64, how| {
            let (net, losses) = engine_trained(&layers, &xs, &ys, lr, 2, how);
            (
                losses,
                in_learners_order(&net, layers.len(), Tensor::value).into_iter().map(|(_, v)| v).collect::<Vec<f64>>(),
            )
        };
        let check = |got: (Vec<f64>, Vec<f64>)| check_train_step(&layers, &xs, &ys, 0.2, || got);
        let right = run(0.2, Training::Right);
        assert_eq!(right.1.len(), 21);
        assert!(check(right.clone()).passed(), "{}", check(right.clone()).to_text());
        assert!(check(run(0.2, Training::NoZeroing)).to_text().contains("zero every parameter's grad"));
        assert!(check(run(0.2, Training::Uphill)).to_text().contains("climbs"));
        assert!(check(run(1.0, Training::Right)).to_text().contains("too large"));
        assert!(check(run(0.0, Training::Right)).to_text().contains("have not moved"));
        assert!(check((vec![0.0, 0.0], right.1.clone())).to_text().contains("loss you return"));
        assert!(check((right.0.clone(), right.1[1..].to_vec())).to_text().contains("has 21 parameters"));
        let mut off = right.1.clone();
        off[4] += 0.01;
        assert!(check((right.0.clone(), off)).to_text().contains("layer 1, neuron 2, weight 1"));
        let mut nan = right.1.clone();
        nan[0] = f64::NAN;
        assert!(check((right.0.clone(), nan)).to_text().contains("NaN"));
        assert_eq!(check_train_step(&layers, &xs, &ys, 0.2, || todo!()).verdict, Verdict::NotAttempted);
        // A written train_step whose part 4 calls the learner's backward, still todo!(): do 3.7 first.
        let backward_todo = check_train_step(&layers, &xs, &ys, 0.2, || todo!("backward from the node holding 1.105"));
        assert!(matches!(backward_todo.verdict, Verdict::Waiting(_)), "{}", backward_todo.to_text());
        assert!(backward_todo.to_text().contains("calls your backward, which is still todo!(): do Exercise 3.7 first"));
        // Zeroed after backward (forward, backward, zero, update): unmoved, and the hint names part 3's place.
        let unmoved = check(run(0.0, Training::Right)).to_text();
        assert!(unmoved.contains("zeroing is part 3, before backward"), "{unmoved}");
        assert!(check_train_step(&layers, &xs, &ys, 0.2, || panic!("boom")).to_text().contains("boom"));
        // The one-line update with two loans of one node: the RefCell's own panic gets its own hint.
        let two_loans = check_train_step(&layers, &xs, &ys, 0.2, || {
            let p = std::rc::Rc::new(std::cell::RefCell::new((1.0_f64, 0.5_f64)));
            p.borrow_mut().0 -= 0.2 * p.borrow().1;
            (vec![0.0], vec![0.0])
        });
        assert!(matches!(two_loans.verdict, Verdict::NotYet(_)), "{}", two_loans.to_text());
        let text = two_loans.to_text();
        assert!(text.contains("second loan") && text.contains("let mut node = p.0.borrow_mut();"), "{text}");
        assert!(!check_train_step(&layers, &xs, &ys, 0.2, || panic!("boom")).to_text().contains("second loan"));
        // The stand-in makes the training check wait, as the other stand-ins do.
        let right_losses = engine_trained(&layers, &xs, &ys, 0.2, 10, Training::Right).1;
        let stood_in = check_training(&layers, &xs, &ys, 0.2, || {
            assert_eq!(train_step_or_crates(|| -> f64 { todo!() }, || 1.0), 1.0);
            right_losses.clone()
        });
        assert!(matches!(stood_in.verdict, Verdict::Waiting(_)), "{}", stood_in.to_text());
        assert!(stood_in.to_text().contains("train_step"));
    }

    #[test]
    fn the_train_step_stand_in_trains_as_the_engine_does() {
        let (layers, xs, ys) = example();
        let start: Vec<f64> = layers
            .iter()
            .flat_map(|(w, b)| {
                (0..w.nrows()).flat_map(move |j| w.row(j).to_vec().into_iter().chain(std::iter::once(b[j])))
            })
            .collect();
        let params: Vec<std::cell::Cell<f64>> = start.iter().map(|&v| std::cell::Cell::new(v)).collect();
        let losses: Vec<f64> = (0..3)
            .map(|_| train_step_stand_in(&params, |p| p.get(), |p, v| p.set(v), &layers, &xs, &ys, 0.2))
            .collect();
        let (net, want) = engine_trained(&layers, &xs, &ys, 0.2, 3, Training::Right);
        assert_eq!(losses, want);
        let after: Vec<f64> = params.iter().map(|p| p.get()).collect();
        let want_after: Vec<f64> =
            in_learners_order(&net, layers.len(), Tensor::value).into_iter().map(|(_, v)| v).collect();
        assert_eq!(after, want_after);
    }

    #[test]
    fn the_training_check_in_every_case() {
        let (layers, xs, ys) = example();
        let right = engine_trained(&layers, &xs, &ys, 0.2, 10, Training::Right).1;
        assert!(right.last() < right.first(), "the loss falls: {right:?}");
        let check = |losses: &[f64]| check_training(&layers, &xs, &ys, 0.2, || losses.to_vec());
        assert!(check(&right).passed(), "{}", check(&right).to_text());
        let piled = engine_trained(&layers, &xs, &ys, 0.2, 10, Training::NoZeroing).1;
        assert!(check(&piled).to_text().contains("zero them"));
        let uphill = engine_trained(&layers, &xs, &ys, 0.2, 10, Training::Uphill).1;
        assert!(check(&uphill).to_text().contains("climbs"));
        let mut late = right.clone();
        late[7] += 0.01;
        assert!(check(&late).to_text().contains("at step 7"));
        assert_eq!(check(&[]).verdict, Verdict::NotAttempted);
        assert!(check(&[f64::NAN]).to_text().contains("NaN"));
        assert!(check(&[f64::NEG_INFINITY]).to_text().contains("−∞"));
        assert_eq!(check_training(&layers, &xs, &ys, 0.2, || todo!()).verdict, Verdict::NotAttempted);
        assert!(check_training(&layers, &xs, &ys, 0.2, || panic!("boom")).to_text().contains("boom"));
        // A stand-in for the learner's function ran: agreeing proves nothing of theirs, so "not checked yet".
        let local_stood_in = check_training(&layers, &xs, &ys, 0.2, || {
            assert_eq!(super::super::yours_or_crates(|| -> f64 { todo!() }, 1.0), 1.0);
            right.clone()
        });
        assert!(matches!(local_stood_in.verdict, Verdict::Waiting(_)), "{}", local_stood_in.to_text());
        assert!(local_stood_in.to_text().contains("not checked yet") && !local_stood_in.to_text().contains("correct"));
        let sum_stood_in = check_training(&layers, &xs, &ys, 0.2, || {
            assert_eq!(weighted_sum_or_crates(|| -> f64 { todo!() }, || 1.0), 1.0);
            right.clone()
        });
        assert!(matches!(sum_stood_in.verdict, Verdict::Waiting(_)), "{}", sum_stood_in.to_text());
        // It names only the functions still todo!(): here weighted_sum alone, then visit and weighted_sum.
        let text = sum_stood_in.to_text();
        assert!(
            text.contains("The crate's weighted_sum ran in place of yours") && !text.contains("mul_local"),
            "{text}"
        );
        let two = check_training(&layers, &xs, &ys, 0.2, || {
            super::super::yours_or_crates(|| -> f64 { todo!("place the node holding 1") }, 1.0);
            weighted_sum_or_crates(|| -> f64 { todo!() }, || 1.0);
            right.clone()
        });
        assert!(
            two.to_text().contains("The crate's visit and weighted_sum ran in place of yours"),
            "{}",
            two.to_text()
        );
        // The learner's own functions ran: checked as usual, right or wrong.
        let yours = check_training(&layers, &xs, &ys, 0.2, || {
            assert_eq!(super::super::yours_or_crates(|| 2.0, 1.0), 2.0);
            assert_eq!(weighted_sum_or_crates(|| 2.0, || 1.0), 2.0);
            right.clone()
        });
        assert!(yours.passed(), "{}", yours.to_text());
        let wrong_on_stand_in = check_training(&layers, &xs, &ys, 0.2, || {
            weighted_sum_or_crates(|| -> f64 { todo!() }, || 1.0);
            uphill.clone()
        });
        assert!(wrong_on_stand_in.to_text().contains("climbs"), "a wrong loop is named whatever ran");
    }
}
