//! Exercises of Day 3 — Backpropagation (Core).

use super::attempt::{attempt, not_finite_hint, panic_hint, watching, Attempt};
use super::function::FunctionExercise;
use super::number::{agrees, round_to_figures, NumberExercise};
use super::{Check, Verdict};
use crate::by_hand::{Neuron, NeuronGrads};
use crate::engine::{nn, optim, Tensor};
use crate::maths::{sigmoid, Activation, Loss};
use ndarray::{array, Array1, Array2};

/// Exercise 1.1: the sigmoid's slope σ′(z), written by the learner (a `fn` or a closure).
pub fn sigmoid_slope(mine: impl Fn(f64) -> f64) -> Check {
    let exercise = sigmoid_slope_exercise();
    if let Attempt::Done(values) = attempt(|| exercise.points.iter().map(|&z| (z, mine(z))).collect::<Vec<_>>()) {
        // Right wherever it stays finite, and not finite only at a large |z|: the formula is right, it overflows.
        let right_where_finite = values.iter().all(|&(z, got)| {
            let want = (exercise.right)(z);
            if got.is_finite() {
                (got - want).abs() <= 1e-9 * want.abs().max(1e-3)
            } else {
                z.abs() >= 100.0
            }
        });
        if let Some(&(z, got)) = values.iter().find(|(_, got)| !got.is_finite()).filter(|_| right_where_finite) {
            return Check::new(
                exercise.exercise,
                Verdict::NotYet(format!(
                    "Your formula is right; it overflows for large |z| because e^(−z) (or e^z) is too large for an f64 there: \
                     at z = {z} your function's value is {got}, as ∞/∞ and ∞·0 are NaN. Rewrite it with σ(z) itself, as the \
                     exercise asks: σ(z) stays between 0 and 1 and never overflows. Re-read {}.",
                    exercise.reread
                )),
            );
        }
    }
    exercise.check_named("z", SIGMOID_SLOPE_SLIPS, mine)
}

/// The usual slips in σ′: the inner derivative's minus sign lost, and 1 − z in place of 1 − σ(z).
const SIGMOID_SLOPE_SLIPS: &[super::function::FunctionSlip] = &[
    (
        |z| -sigmoid(z) * (1.0 - sigmoid(z)),
        "Your function gives −σ(z)(1 − σ(z)): the sign is off. The inner function u = 1 + e^(−z) has the derivative −e^(−z), and that minus cancels the minus of u^(−2).",
    ),
    (
        |z| sigmoid(z) * (1.0 - z),
        "Your function gives σ(z)(1 − z): the second factor is 1 − σ(z), one minus the sigmoid's output, not one minus z.",
    ),
];

pub(crate) fn sigmoid_slope_exercise() -> FunctionExercise {
    FunctionExercise {
        exercise: "Exercise 1.1",
        right: |z| sigmoid(z) * (1.0 - sigmoid(z)),
        derivative_of: Some(sigmoid),
        points: &[-1000.0, -30.0, -2.5, -0.5, 0.0, 0.7, 3.0, 30.0, 1000.0],
        why: "σ′(z) = σ(z)(1 − σ(z)) needs only the forward value.",
        overflow: "e^z overflows for large |z|: write σ′ with σ(z) itself, which never does.",
        reread: "§3's Factor 2, and Exercise 1.1's prompt (why σ(z) only)",
    }
}

/// The slip of taking the sigmoid's slope at its output a instead of at its
/// input z: σ′(a) = σ(a)(1 − σ(a)) in place of σ′(z) = a(1 − a).
fn slope_at_output(a: f64) -> f64 {
    sigmoid(a) * (1.0 - sigmoid(a))
}

/// The hint for that slip, with the output written as the exercise writes it
/// (`a` or `ŷ`).
fn slope_at_output_hint(a: &str) -> String {
    format!(
        "You took the sigmoid's slope at {a}, σ′({a}) = σ({a})(1 − σ({a})): the slope belongs at the sigmoid's input z, \
         and σ′(z) = σ(z)(1 − σ(z)) = {a}(1 − {a}), since σ(z) is {a} itself."
    )
}

/// The worked neuron of the lesson as stored: x = [1, 0], y = 1, w = [0, 0],
/// b = 0, a sigmoid and L = ½(a − y)².
fn worked_neuron() -> (Neuron, Array1<f64>, f64) {
    (Neuron::new(array![0.0, 0.0], 0.0, Activation::Sigmoid), array![1.0, 0.0], 1.0)
}

/// Predict, then check (§2): by how much the loss L = ½(a − y)² of §2's neuron
/// changes when its second weight w₂ (`w[1]`) alone moves up by 0.1, to 3 significant
/// figures, before the nudge cell prints it. Takes the lesson's `x`, `w`, `b`
/// and `y` (§2's `parameters` cell); as stored x₂ = 0, so the change is 0.
///
/// # Panics
/// If `w` or `x` has fewer than 2 entries.
#[track_caller]
pub fn nudge_of_w2(answer: Option<f64>, x: &Array1<f64>, w: &Array1<f64>, b: f64, y: f64) -> Check {
    nudge_of_w2_exercise(x, w, b, y).check(answer)
}

#[track_caller]
fn nudge_of_w2_exercise(x: &Array1<f64>, w: &Array1<f64>, b: f64, y: f64) -> NumberExercise {
    assert!(
        w.len() >= 2 && x.len() >= 2,
        "exercises::day03::nudge_of_w2: w and x need 2 entries, got {} and {}",
        w.len(),
        x.len()
    );
    let h = 0.1;
    let loss = |w: &Array1<f64>| Neuron::new(w.clone(), b, Activation::Sigmoid).loss(x, y, Loss::HalfSquared);
    let base = loss(w);
    let moved = |i: usize| {
        let mut nudged = w.clone();
        nudged[i] += h;
        loss(&nudged) - base
    };
    let right = moved(1);
    NumberExercise {
        exercise: "Predict, then check (§2)",
        right,
        figures: 3,
        why: format!(
            "z = w₁x₁ + w₂x₂ + b, so moving w₂ by 0.1 moves z by 0.1·x₂ = {}: L moves only as far as z does.",
            crate::numbers::fmt_f64(h * x[1])
        ),
        hints: vec![
            (
                moved(0),
                "That is what moving w₁ does. w₂ multiplies x₂, not x₁: how far does z move when w₂ grows by 0.1?"
                    .into(),
            ),
            (h, "That is the nudge of w₂ itself, 0.1: the question is how far L moves, through z = w·x + b.".into()),
            (-h, "That is minus the nudge of w₂: the question is how far L moves, through z = w·x + b.".into()),
        ],
        reread: "Start here's nudge, and z = w·x + b of §1",
    }
}

/// Exercise 1.5 (a second step by hand): ∂L/∂z of the worked neuron at the
/// weights after the first step (w = [0.0125, 0], b = 0.0125, lr = 0.1), to 3
/// significant figures, before the loop of §5 takes that step.
pub fn second_epoch_dl_dz(answer: Option<f64>) -> Check {
    second_epoch_dl_dz_exercise().check(answer)
}

pub(crate) fn second_epoch_dl_dz_exercise() -> NumberExercise {
    let (mut neuron, x, y) = worked_neuron();
    let lr = 0.1;
    let (_, _, first) = neuron.forward_backward(&x, y, Loss::HalfSquared);
    neuron.step(&first, lr);
    let z = neuron.w.dot(&x) + neuron.b;
    let a = sigmoid(z);
    let right = (a - y) * a * (1.0 - a);
    let without_bias = {
        let a = sigmoid(neuron.w[0] * x[0]);
        (a - y) * a * (1.0 - a)
    };
    NumberExercise {
        exercise: "Exercise 1.5",
        right,
        figures: 3,
        why: "z = w₁x₁ + w₂x₂ + b = 0.025 after the first update, a = σ(0.025), and dL/dz = (a − y)·a(1 − a): a little smaller in size than the first step's −0.125.".into(),
        hints: vec![
            (first.dl_db, "That is the first step's dL/dz: compute z and a again at the new weights and bias.".into()),
            (without_bias, "z needs the updated bias too: z = w₁x₁ + w₂x₂ + b, and b moved in the first step as well.".into()),
            ((a - y) * slope_at_output(a), slope_at_output_hint("a")),
            (a - y, "That is dL/da = a − y: multiply by the sigmoid's slope a(1 − a).".into()),
            (-right, "The sign: a < y, so a − y and dL/dz are negative.".into()),
        ],
        reread: "§3, \"The combined gradients\", and the first step worked in §4",
    }
}

/// Exercise 1.3: a training step with a planted bug. The check trains with the
/// learner's step for 20 steps and compares with the crate's `Neuron::step`.
pub fn fixed_step(step: impl Fn(&mut Neuron, &NeuronGrads, f64)) -> Check {
    let exercise = "Exercise 1.3";
    let (x, y, lr) = (array![1.0, 0.0], 1.0, 0.5);
    let train = |step: &dyn Fn(&mut Neuron, &NeuronGrads, f64)| {
        let mut n = Neuron::new(array![0.0, 0.0], 0.0, Activation::Sigmoid);
        for _ in 0..20 {
            let (_, _, g) = n.forward_backward(&x, y, Loss::HalfSquared);
            step(&mut n, &g, lr);
        }
        n
    };
    let mine = match attempt(|| train(&step)) {
        Attempt::Done(n) => n,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => return Check::new(exercise, Verdict::NotYet(panic_hint("Your step", &message))),
    };
    let right = train(&|n, g, lr| n.step(g, lr));
    let planted = train(&planted_step);
    let first_loss = Neuron::new(array![0.0, 0.0], 0.0, Activation::Sigmoid).loss(&x, y, Loss::HalfSquared);
    let last = mine.loss(&x, y, Loss::HalfSquared);
    let same = |a: &Neuron, b: &Neuron| (a.b - b.b).abs() < 1e-12 && (&a.w - &b.w).iter().all(|d| d.abs() < 1e-12);
    let verdict = if let Some(hint) = std::iter::once(mine.b)
        .chain(mine.w.iter().copied())
        .find_map(|v| not_finite_hint("After 20 steps, a parameter", v))
    {
        Verdict::NotYet(format!("{hint} Compare each line with w ← w − lr·dL/dw."))
    } else if same(&mine, &planted) {
        Verdict::NotYet(format!(
            "This is the step as given: after 20 steps with it (the check trains with its own lr = {lr}) the loss rose from {first_loss:.4} to {last:.4}. \
             Each of its two lines has one mistake. Re-read §4, \"The update rule (gradient descent)\"."
        ))
    } else if same(&mine, &right) {
        Verdict::Correct(
            "Every step moves each parameter against its gradient, so the loss falls step after step.".into(),
        )
    } else if last > first_loss + 1e-12 {
        Verdict::NotYet(format!(
            "After 20 steps (the check trains with its own lr = {lr}) the loss rose from {first_loss:.4} to {last:.4}: the steps go uphill. Re-read §4, \"The update rule (gradient descent)\"."
        ))
    } else if first_loss - last < 1e-12 {
        Verdict::NotYet("After 20 steps the loss has not moved: one update undoes the other. Compare each line with w ← w − lr·dL/dw.".into())
    } else {
        Verdict::NotYet(
            "The loss falls, but not as gradient descent makes it fall: compare each line with w ← w − lr·dL/dw."
                .into(),
        )
    };
    Check::new(exercise, verdict)
}

/// The step as the lesson plants it: both updates go with the gradient.
fn planted_step(n: &mut Neuron, g: &NeuronGrads, lr: f64) {
    n.w = &n.w + &(lr * &g.dl_dw);
    n.b += lr * g.dl_db;
}

/// The neuron of exercises 1.6 and 1.7: x = [2, 1], w = [0.5, 0.5], b = 0,
/// y = 1, sigmoid, L = ½(a − y)². Returns (a, dL/da, da/dz, x0).
fn exercise_neuron() -> (f64, f64, f64, f64) {
    let a = sigmoid(0.5 * 2.0 + 0.5 * 1.0);
    (a, a - 1.0, a * (1.0 - a), 2.0)
}

/// Exercise 1.6: ∂L/∂w₁ (`dl_dw[0]`) for the neuron with x = [2, 1], w = [0.5, 0.5], b = 0,
/// y = 1, sigmoid, L = ½(a − y)², to 3 significant figures.
pub fn gradient_of_w1(answer: Option<f64>) -> Check {
    gradient_of_w1_exercise().check(answer)
}

pub(crate) fn gradient_of_w1_exercise() -> NumberExercise {
    let (a, dl_da, da_dz, x0) = exercise_neuron();
    let right = dl_da * da_dz * x0;
    NumberExercise {
        exercise: "Exercise 1.6",
        right,
        figures: 3,
        why: "z = 1.5, a = σ(1.5); dL/da = a − y, da/dz = a(1 − a) and dz/dw₁ = x₁ = 2: their product.".into(),
        hints: vec![
            (-right, "The sign is flipped: the prediction σ(1.5) is below the target 1, so dL/da is negative.".into()),
            (dl_da * da_dz, "You left out dz/dw₁ = x₁.".into()),
            (2.0 * right, "That is the gradient of (a − y)², without the ½.".into()),
            (dl_da * x0, "You left out the sigmoid's slope da/dz.".into()),
            (dl_da * slope_at_output(a) * x0, slope_at_output_hint("a")),
        ],
        reread: "§3, \"The combined gradients\"",
    }
}

/// Exercise 1.7: the bias after one step with lr = 0.1 from b = 0, same
/// neuron as Exercise 1.6, to 3 significant figures.
pub fn bias_after_one_step(answer: Option<f64>) -> Check {
    bias_after_one_step_exercise().check(answer)
}

pub(crate) fn bias_after_one_step_exercise() -> NumberExercise {
    let (_, dl_da, da_dz, x0) = exercise_neuron();
    let dl_db = dl_da * da_dz;
    let right = 0.0 - 0.1 * dl_db;
    NumberExercise {
        exercise: "Exercise 1.7",
        right,
        figures: 3,
        why: "b − lr·dL/db with dL/db = (a − y)·a(1 − a): a negative gradient moves the bias up.".into(),
        hints: vec![
            (-right, "You moved with the gradient instead of against it.".into()),
            (dl_db, "That is dL/db itself; the update is b − lr·dL/db.".into()),
            (
                0.0 - 0.1 * dl_db * x0,
                "You stepped with dL/dw₁: the bias's input is 1, not x₁, so dL/db = (a − y)·a(1 − a), without the factor x₁ = 2."
                    .into(),
            ),
        ],
        reread: "§4, \"The update rule (gradient descent)\"",
    }
}

/// The network of §7 as stored (seed 0, one sample x = [1, 0], target 1):
/// its prediction ŷ, the output of the sigmoid box.
fn stored_network_prediction() -> f64 {
    network_numbers(0, &array![[1.0, 0.0]]).0
}

/// Exercise 1.8: the gradient of the output bias `2.bias` of §7's network, from
/// the sigmoid box (ŷ and dL_mse/dŷ = 2(ŷ − y), the loss being `mse_loss`), to 3
/// significant figures, before `backward()` shows it.
pub fn output_bias_gradient(answer: Option<f64>) -> Check {
    output_bias_gradient_exercise().check(answer)
}

pub(crate) fn output_bias_gradient_exercise() -> NumberExercise {
    output_bias_exercise_for(stored_network_prediction(), 1.0)
}

/// Exercise 1.8 (b) for a network that predicts `y_hat` for a sample of target `y`.
fn output_bias_exercise_for(y_hat: f64, y: f64) -> NumberExercise {
    let dl_dy_hat = 2.0 * (y_hat - y);
    let right = dl_dy_hat * y_hat * (1.0 - y_hat);
    NumberExercise {
        exercise: "Exercise 1.8",
        right,
        figures: 3,
        why: "dL_mse/d(2.bias) = dL_mse/dŷ · ŷ(1 − ŷ) · 1: back through the sigmoid's slope, then through the linear box, where the bias moves its output one for one. The backward pass of §7 finds the same number.".into(),
        hints: vec![
            (dl_dy_hat, "That is dL_mse/dŷ, the sigmoid box's own gradient: carry it on through the sigmoid's slope ŷ(1 − ŷ).".into()),
            (dl_dy_hat * y_hat, "The sigmoid's slope is ŷ(1 − ŷ), not ŷ.".into()),
            (dl_dy_hat * (1.0 - y_hat), "The sigmoid's slope is ŷ(1 − ŷ), not 1 − ŷ.".into()),
            (dl_dy_hat * slope_at_output(y_hat), slope_at_output_hint("ŷ")),
            (right / 2.0, "That is half of it: mse_loss has no ½ (L_mse = (ŷ − y)²), so dL_mse/dŷ = 2(ŷ − y).".into()),
        ],
        reread: "§3, the rule of the backward pass in Exercise 1.2, and §7's \"The same rule, on the larger graph\"",
    }
}

/// Predict, then check (§1): the activation a = σ(z) of the small example of
/// Forward 1, to 3 significant figures, before the cell that prints it. The
/// check takes the lesson's `ex_z`, so it follows a changed `parameters` cell.
pub fn sigmoid_of_z(answer: Option<f64>, z: f64) -> Check {
    sigmoid_of_z_exercise(z).check(answer)
}

pub(crate) fn sigmoid_of_z_exercise(z: f64) -> NumberExercise {
    let right = sigmoid(z);
    NumberExercise {
        exercise: "Predict, then check (§1)",
        right,
        figures: 3,
        why: format!("a = σ(z) = 1 / (1 + e^(−z)) with z = {z}: a large z puts a close to 1."),
        hints: vec![
            (z, "That is z itself: a = σ(z) squeezes it into (0, 1).".into()),
            (sigmoid(-z), "The exponent has the wrong sign: σ(z) = 1 / (1 + e^(−z)), with e raised to −z.".into()),
            ((-z).exp(), "That is e^(−z), one step of the way: now compute 1 / (1 + e^(−z)).".into()),
            (0.5, "That is σ(0): use the z = w·x + b that Forward 1 computed.".into()),
        ],
        reread: "§1, the recap (its σ), and Start here, \"The neuron's output: a = σ(z)\"",
    }
}

/// Predict, then check (§2, loss): L = ½(a − y)² of §2's worked neuron before
/// its forward cell prints it, to 3 significant figures, where a = σ(w·x + b).
/// Takes the lesson's `x`, `w`, `b` and `y`, so it follows a changed `parameters` cell.
///
/// # Panics
/// If `x` and `w` differ in length.
#[track_caller]
pub fn loss_of_output(answer: Option<f64>, x: &Array1<f64>, w: &Array1<f64>, b: f64, y: f64) -> Check {
    loss_of_output_exercise(sigmoid(w.dot(x) + b), y).check(answer)
}

pub(crate) fn loss_of_output_exercise(a: f64, y: f64) -> NumberExercise {
    let e = a - y;
    NumberExercise {
        exercise: "Predict, then check (§2, loss)",
        right: 0.5 * e * e,
        figures: 3,
        why: format!("L = ½(a − y)² = ½({} − {y})²: square the error, then halve it.", round_to_figures(a, 6)),
        hints: vec![
            (e * e, "That is (a − y)², without the ½: halve it.".into()),
            (e, "That is a − y, the error: square it, then halve it.".into()),
            (0.5 * e, "That is ½(a − y): square the error before you halve it.".into()),
            (-0.5 * e * e, "A square is never negative, so L = ½(a − y)² is not either.".into()),
        ],
        reread: "§1, the recap (its loss L)",
    }
}

/// Predict, then check (§6, one neuron): §2's neuron built on the engine
/// (`Linear(2, 1) → Sigmoid → mse_loss`, no ½), two grads before `backward()`
/// runs, each to 3 significant figures: [∂L_mse/∂ŷ (the sigmoid box),
/// ∂L_mse/∂b (`0.bias`)], from §3's ∂L/∂a and ∂L/∂b of L = ½(a − y)². The check
/// takes the lesson's `x`, `w`, `b` and `y` (§2's `parameters` cell), so it
/// follows a changed one.
pub fn engine_neuron_grads(answers: [Option<f64>; 2], x: &Array1<f64>, w: &Array1<f64>, b: f64, y: f64) -> Check {
    super::number::check_parts("Predict, then check (§6, one neuron)", &engine_neuron_parts_for(x, w, b, y), &answers)
}

fn engine_neuron_parts_for(x: &Array1<f64>, w: &Array1<f64>, b: f64, y: f64) -> Vec<NumberExercise> {
    let a = sigmoid(w.dot(x) + b);
    let d_yhat = 2.0 * (a - y);
    let d_z = d_yhat * a * (1.0 - a);
    let reread = "§6, \"Autograd on one neuron\" (L_mse has no ½) and \"The rule of the backward pass\"";
    let half = "That is §3's number, with the ½: mse_loss has no ½ (L_mse = (ŷ − y)²), so dL_mse/dŷ = 2(ŷ − y), twice §3's a − y.";
    vec![
        NumberExercise {
            exercise: "(a) ∂L_mse/∂ŷ, the sigmoid box",
            right: d_yhat,
            figures: 3,
            why: "L_mse = (ŷ − y)², so dL_mse/dŷ = 2(ŷ − y), with ŷ = σ(w·x + b).".into(),
            hints: vec![(a - y, half.into())],
            reread,
        },
        NumberExercise {
            exercise: "(b) ∂L_mse/∂b, the 0.bias box",
            right: d_z,
            figures: 3,
            why: "L_mse = (ŷ − y)² = 2L, so every gradient of L_mse is twice the matching gradient of L: dL_mse/db = 2(ŷ − y) · ŷ(1 − ŷ) · 1.".into(),
            hints: vec![
                ((a - y) * a * (1.0 - a), "That is §3's dL/db, of L = ½(a − y)²: L_mse has no ½, so L_mse = 2L and its gradients are twice §3's.".into()),
                (0.25 * d_z, "You halved: L_mse = (ŷ − y)² is twice L = ½(a − y)², so its gradient is twice §3's, not half.".into()),
                (d_yhat, "That is dL_mse/dŷ, (a): go on through the sigmoid's slope ŷ(1 − ŷ) (factor 2).".into()),
            ],
            reread,
        },
    ]
}

/// §7's network built from `seed` (the lesson's `net_model`), for the sample
/// `x`, before any backward pass: (ŷ, W^[2]_11 = `2.weight[[0, 0]]`, the first
/// hidden unit's z, z^[1]_1). Stored: seed 0, x = [1, 0].
fn network_numbers(seed: u64, x: &Array2<f64>) -> (f64, f64, f64) {
    use crate::engine::nn;
    let model = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(seed)).then(nn::Layer::Sigmoid);
    let (w1, b1) = (model.param("0.weight").value(), model.param("0.bias").value());
    let z0 = w1[[0, 0]] * x[[0, 0]] + w1[[0, 1]] * x[[0, 1]] + b1[0];
    (model.predict(x)[[0, 0]], model.param("2.weight").value()[[0, 0]], z0)
}

/// Exercise 1.8 (fill in the graph, before `backward()` runs): five gradient
/// boxes of §7's network, from the loss up, each to 3 significant figures:
/// [the sigmoid box ∂L_mse/∂ŷ, the last linear box ∂L_mse/∂z^[2], its weight
/// ∂L_mse/∂W^[2]_11 (`2.weight[[0, 0]]`), the relu box's first entry
/// ∂L_mse/∂a^[1]_1, ∂L_mse/∂b^[1]_1 (`0.bias[0]`)]: each from the line above
/// it or from the second. The check takes the lesson's `net_seed`, `net_x` and
/// `net_y`, so it follows a changed `parameters` cell.
///
/// # Shapes
/// `x`: [1, 2] (one sample, one row); `y`: [1, 1].
///
/// # Panics
/// If `x` is not [1, 2] or `y` not [1, 1].
#[track_caller]
pub fn graph_gradients(answers: [Option<f64>; 5], seed: u64, x: &Array2<f64>, y: &Array2<f64>) -> Check {
    assert!(
        x.dim() == (1, 2) && y.dim() == (1, 1),
        "exercises::day03::graph_gradients: x must be [1, 2] and y [1, 1] (one sample), got x {:?} and y {:?}",
        x.shape(),
        y.shape()
    );
    super::number::check_parts("Exercise 1.8", &graph_gradients_parts_for(seed, x, y[[0, 0]]), &answers)
}

#[cfg(test)] // the catalogue's and the tests' stored case
/// Exercise 1.8's five parts for the stored network (seed 0, x = [1, 0], target 1).
pub(crate) fn graph_gradients_parts() -> Vec<NumberExercise> {
    graph_gradients_parts_for(0, &array![[1.0, 0.0]], 1.0)
}

fn graph_gradients_parts_for(seed: u64, x: &Array2<f64>, y: f64) -> Vec<NumberExercise> {
    let (y_hat, w2_11, z1_1) = network_numbers(seed, x);
    let sigmoid_box = 2.0 * (y_hat - y);
    let linear = output_bias_exercise_for(y_hat, y);
    let linear_box = linear.right;
    let a1_1 = z1_1.max(0.0); // a^[1]_1 = ReLU(z^[1]_1), the input W^[2]_11 multiplies
    let weight2_11 = linear_box * a1_1;
    let relu_box = w2_11 * linear_box;
    let relu_slope = if z1_1 > 0.0 { 1.0 } else { 0.0 };
    let bias1 = relu_box * relu_slope;
    let reread = "§6, \"The rule of the backward pass\", and §7, \"The same rule, on the larger graph\"";
    let part = |exercise, right, why: &str, hints: Vec<(f64, String)>| {
        NumberExercise::chain_part(exercise, right, why, hints, reread)
    };
    vec![
        part(
            "(a) dl_dy_hat, ∂L_mse/∂ŷ (the sigmoid box)",
            sigmoid_box,
            "dL_mse/dŷ = 2(ŷ − y): mse_loss has no ½.",
            vec![
                (y_hat - y, "That is ŷ − y, the gradient of ½(ŷ − y)²: mse_loss has no ½ (L_mse = (ŷ − y)²), so dL_mse/dŷ = 2(ŷ − y).".into()),
                (-sigmoid_box, "The sign is flipped: dL_mse/dŷ = 2(ŷ − y) is negative when ŷ is below the target, positive above it.".into()),
                (linear_box, "That is the gradient of the z box, the last linear box whose value the sigmoid box takes in: you multiplied in the sigmoid's slope. A box's grad is ∂L_mse/∂(that box's output), and the sigmoid box's output is ŷ: its grad is ∂L_mse/∂ŷ, before the sigmoid's slope.".into()),
            ],
        ),
        NumberExercise { exercise: "(b) dl_dz2, ∂L_mse/∂z^[2] (the last linear box)", reread, ..linear },
        part(
            "(c) dl_dw2_11, ∂L_mse/∂W^[2]_11 (the weight branch of z^[2])",
            weight2_11,
            "W^[2]_11 multiplies a^[1]_1 in the last linear box, so its gradient is (that box's gradient, (b)) × a^[1]_1.",
            vec![
                (linear_box, "That is the last linear box's gradient, (b): a weight's gradient multiplies in its input, here a^[1]_1 = ReLU(z^[1]_1).".into()),
                (relu_box, "That is (d), ∂L_mse/∂a^[1]_1: (b) times the weight. A weight's gradient is (b) times its input, a^[1]_1, instead.".into()),
                (
                    relu_box * a1_1,
                    "You went through the relu box first, (b) × W^[2]_11 × a^[1]_1. W^[2]_11 does not feed the relu box: it feeds the last linear box. Start from (b), the grad of the box the weight feeds, and multiply by the input it multiplies, a^[1]_1.".into(),
                ),
                (sigmoid_box * a1_1, "You skipped the sigmoid's slope: start from the last linear box's gradient, (b), not the sigmoid box's.".into()),
            ],
        ),
        part(
            "(d) dl_da1_1, ∂L_mse/∂a^[1]_1 (the input branch of z^[2]: the relu box, first entry)",
            relu_box,
            "a^[1]_1 reaches the last linear box through W^[2]_11: (the linear box's gradient, (b)) × W^[2]_11.",
            vec![
                (linear_box, "That is the linear box's own gradient: multiply it by the local derivative, the weight W^[2]_11 that multiplies a^[1]_1.".into()),
                (linear_box / w2_11, "Multiply by the weight, do not divide.".into()),
                (
                    weight2_11,
                    "That is (c), the weight's gradient: you multiplied (b) by the input a^[1]_1. a^[1]_1's local derivative is the weight W^[2]_11, not its own value.".into(),
                ),
                (sigmoid_box * w2_11, "You skipped the sigmoid's slope: start from the last linear box's gradient, (b), not the sigmoid box's.".into()),
                (
                    weight2_11 * w2_11,
                    "You chained from the line just above, (c), the weight's gradient. a^[1]_1 is on the other branch of z^[2]: start from (b) and multiply by the weight W^[2]_11.".into(),
                ),
            ],
        ),
        part(
            "(e) dl_db1_1, ∂L_mse/∂b^[1]_1 (on the input branch, past the relu box)",
            bias1,
            &format!(
                "(d) back through the relu box ({}) and the first linear box, where the bias moves z one for one.",
                if z1_1 > 0.0 {
                    "slope 1, since the first unit's z is positive"
                } else {
                    "slope 0, since the first unit's z is not positive: nothing passes"
                }
            ),
            vec![
                (0.0, "ReLU's slope is 1 where z > 0, and the first unit's z^[1]_1 is positive: the gradient passes through unchanged.".into()),
                (
                    weight2_11,
                    "That is (c), the weight's gradient: b^[1]_1 feeds the first linear box, which feeds the relu box, so start from (d), the relu box's gradient.".into(),
                ),
            ],
        ),
    ]
}

#[cfg(test)] // the catalogue's and the tests' stored case
/// The network of §7 from its first weights, as §9 uses it: the gradient of
/// 2.bias after one backward pass, `once` (Exercise 1.8 (b)).
fn first_bias_gradient() -> f64 {
    use crate::engine::{nn, Tensor};
    let (x, y) = (array![[1.0, 0.0]], array![[1.0]]);
    let model = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(0)).then(nn::Layer::Sigmoid);
    model.forward(&Tensor::from(x)).mse_loss(&Tensor::from(y)).backward();
    model.param("2.bias").grad()[0]
}

/// Exercise 1.8 written as five chained lines, one per box, each from the line above or from (b):
/// [∂L_mse/∂ŷ, `∂L_mse/∂z^[2]`, `∂L_mse/∂W^[2]_11`, `∂L_mse/∂a^[1]_1`, `∂L_mse/∂b^[1]_1`], each an `f64`.
/// A NaN is a line not written yet (the placeholder `f64::NAN`, or a line
/// computed from one), and reads "not attempted"; otherwise as [`graph_gradients`].
#[track_caller]
pub fn graph_chain(lines: [f64; 5], seed: u64, x: &Array2<f64>, y: &Array2<f64>) -> Check {
    graph_gradients(lines.map(|v| if v.is_nan() { None } else { Some(v) }), seed, x, y)
}

/// Predict, then check (§7, ReLU blocks): §7's network (from `seed`) given a
/// second input `x` for which some hidden unit's z is negative, before any
/// backward pass: [∂L_mse/∂b^[1]_1 (`0.bias[0]`), ∂L_mse/∂b^[1]_2
/// (`0.bias[1]`)], each to 3 significant figures. A unit with z ≤ 0 passes no
/// gradient back (ReLU's slope is 0 there), so its bias gradient is 0; a unit
/// with z > 0 gets ∂L_mse/∂z^[2] · W^[2]_1j. The check takes the lesson's
/// `net_seed`, `net_x_blocked` and `net_y`, so it follows a changed
/// `parameters` cell.
///
/// # Shapes
/// `x`: [1, 2] (one sample, one row); `y`: [1, 1].
///
/// # Panics
/// If `x` is not [1, 2] or `y` not [1, 1].
#[track_caller]
pub fn blocked_unit_gradients(answers: [Option<f64>; 2], seed: u64, x: &Array2<f64>, y: &Array2<f64>) -> Check {
    assert!(
        x.dim() == (1, 2) && y.dim() == (1, 1),
        "exercises::day03::blocked_unit_gradients: x must be [1, 2] and y [1, 1] (one sample), got x {:?} and y {:?}",
        x.shape(),
        y.shape()
    );
    let parts = blocked_unit_parts_for(seed, x, y[[0, 0]]);
    let chains = blocked_unit_chains(seed, x, y[[0, 0]]);
    // A value chained from 3- to 5-figure intermediates (as the lesson asks on paper) can land one
    // unit off in the third figure: it counts as the right value.
    let answers: Vec<Option<f64>> = answers
        .iter()
        .zip(&parts)
        .zip(&chains)
        .map(|((answer, part), chained)| match answer {
            Some(a) if !agrees(*a, part.right, 3) && chained.iter().any(|&c| agrees(*a, c, 3)) => Some(part.right),
            _ => *answer,
        })
        .collect();
    super::number::check_parts("Predict, then check (§7, ReLU blocks)", &parts, &answers)
}

/// For each of the first two hidden units, the bias gradient a learner gets by
/// chaining 2(ŷ − y), ŷ(1 − ŷ) and W^[2]_1j, each rounded to 3, 4 or 5
/// significant figures (from ŷ as printed to 4 or more digits, or rounded to
/// that many figures). Empty for a unit whose z ≤ 0 (its right value is 0).
fn blocked_unit_chains(seed: u64, x: &Array2<f64>, y: f64) -> Vec<Vec<f64>> {
    let model = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(seed)).then(nn::Layer::Sigmoid);
    let (w1, b1, w2) =
        (model.param("0.weight").value(), model.param("0.bias").value(), model.param("2.weight").value());
    let y_hat = model.predict(x)[[0, 0]];
    (0..2)
        .map(|j| {
            let z = w1[[j, 0]] * x[[0, 0]] + w1[[j, 1]] * x[[0, 1]] + b1[j];
            if z <= 0.0 {
                return Vec::new();
            }
            let mut chained = Vec::new();
            for figures in 3..=5 {
                let r = |v: f64| round_to_figures(v, figures);
                for yh in [y_hat, r(y_hat)] {
                    let (d, slope) = (r(2.0 * (yh - y)), r(yh * (1.0 - yh)));
                    chained.push(r(r(d * slope) * r(w2[[0, j]])));
                    chained.push(r(d * slope) * w2[[0, j]]);
                }
            }
            chained
        })
        .collect()
}

#[cfg(test)] // the catalogue's and the tests' stored case
/// The stored case: seed 0, x = [1, 2] (the second unit's z is negative), target 1.
pub(crate) fn blocked_unit_parts() -> Vec<NumberExercise> {
    blocked_unit_parts_for(0, &array![[1.0, 2.0]], 1.0)
}

fn blocked_unit_parts_for(seed: u64, x: &Array2<f64>, y: f64) -> Vec<NumberExercise> {
    let model = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(seed)).then(nn::Layer::Sigmoid);
    let (w1, b1, w2) =
        (model.param("0.weight").value(), model.param("0.bias").value(), model.param("2.weight").value());
    let y_hat = model.predict(x)[[0, 0]];
    let d_yhat = 2.0 * (y_hat - y);
    let d_z2 = d_yhat * y_hat * (1.0 - y_hat);
    // Exercise 1.8 (e)'s number: the same unit on §7's first input, x = [1, 0].
    let (first_y_hat, _, _) = network_numbers(seed, &array![[1.0, 0.0]]);
    let first_d_z2 = 2.0 * (first_y_hat - y) * first_y_hat * (1.0 - first_y_hat);
    let reread = "§7, \"The same rule, on the larger graph\" (relu: slope 1 where z > 0, and 0 elsewhere)";
    (0..2)
        .map(|j| {
            let z = w1[[j, 0]] * x[[0, 0]] + w1[[j, 1]] * x[[0, 1]] + b1[j];
            let through = d_z2 * w2[[0, j]]; // the relu box's entry j
            let unit = j + 1;
            let (right, why, mut hints) = if z > 0.0 {
                (
                    through,
                    format!("Unit {unit}'s z is positive, so ReLU passes the gradient on: ∂L_mse/∂z^[2] · W^[2]_1{unit} · 1 · 1, with ŷ of this input."),
                    vec![
                        (first_d_z2 * w2[[0, j]], "That is the gradient for §7's first input x = [1, 0]. ŷ changed with the input: start again from 2(ŷ − y) with this input's ŷ, then its sigmoid slope.".into()),
                        (d_yhat * w2[[0, j]], "You skipped the sigmoid's slope ŷ(1 − ŷ): start from ∂L_mse/∂z^[2], not ∂L_mse/∂ŷ.".into()),
                        (through * x[[0, 1]], "A bias's input is 1: it moves z one for one, whatever x is.".into()),
                    ],
                )
            } else {
                (
                    0.0,
                    format!("Unit {unit}'s z is negative, so ReLU's slope there is 0: nothing passes back, and its bias (and every weight of the unit) gets 0."),
                    vec![(through, format!("That is the gradient if ReLU passed it on. Unit {unit}'s z is negative: ReLU's slope is 0 there, so nothing reaches its bias."))],
                )
            };
            hints.retain(|(v, _)| (v - right).abs() > 1e-9);
            let exercise = if j == 0 { "(a) ∂L_mse/∂b^[1]_1 (0.bias[0])" } else { "(b) ∂L_mse/∂b^[1]_2 (0.bias[1])" };
            NumberExercise { exercise, right, figures: 3, why, hints, reread }
        })
        .collect()
}

/// Exercise 1.9: one training step on the engine, written as
/// `fn my_training_step(model, optimizer, inputs, targets) -> f64` (the five
/// parts §9 names, as §7 to §9 call them; it returns this step's loss). The check is the
/// theory guide's (its Exercise 10.1): three steps on a small network of its own,
/// compared with the crate's `Sgd` step, weights and losses, its hints sending
/// the learner back to this lesson's sections.
pub fn training_step(mine: impl Fn(&nn::Sequential, &optim::Sgd, &Tensor, &Tensor) -> f64) -> Check {
    let steps = "§9's five parts and the engine's calls of §7 to §9";
    let (_, stood_in) = training_step_tried(&mine);
    if stood_in {
        return Check::new(
            "Exercise 1.9",
            Verdict::Waiting(
                "my_training_step still calls the crate's stand-in, training_step_stand_in: replace that line with your own training step, then run this check again."
                    .into(),
            ),
        );
    }
    super::theory::training_step_in(
        "Exercise 1.9",
        steps,
        "§8, \"The optimizer: `step()` and `zero_grad()`\", and §9, \"Two backward passes; your training step\"",
        mine,
    )
}

/// Predict, then check (§7, count): how many weights and biases the network
/// Linear(2, 3) → ReLU → Linear(3, 1) → Sigmoid holds in all.
pub fn parameter_count(answer: Option<f64>) -> Check {
    let how = "Count layer by layer: a Linear(I, O) holds O × I weights and O biases.";
    parameter_count_exercise().check_count(answer, how)
}

pub(crate) fn parameter_count_exercise() -> NumberExercise {
    NumberExercise {
        exercise: "Predict, then check (§7, count)",
        right: (2 * 3 + 3 + 3 + 1) as f64,
        figures: 2,
        why: "Linear(2, 3) holds 3 × 2 = 6 weights and 3 biases, Linear(3, 1) 1 × 3 = 3 weights and 1 bias; ReLU and the sigmoid hold none: 6 + 3 + 3 + 1.".into(),
        hints: vec![
            (9.0, "That counts the weights only (6 + 3): every unit also has a bias, 3 in the first layer and 1 in the second.".into()),
            (4.0, "That counts the biases only: add the weights, one per input of each unit, 3 × 2 and 1 × 3.".into()),
            (11.0, "Two short: each Linear has one bias per unit (output), not per input: 3 + 1 biases.".into()),
            (12.0, "One short: did you count the output layer's single bias?".into()),
        ],
        reread: "§7, \"The network\" (a Linear(I, O) holds an O × I weight matrix and O biases)",
    }
}

/// Predict, then check (§7, loss): the engine's `mse_loss` of the prediction
/// `y_hat` the lesson printed, for the target `y`, to 2 significant figures.
pub fn loss_of_prediction(answer: Option<f64>, y_hat: f64, y: f64) -> Check {
    loss_of_prediction_exercise(y_hat, y).check(answer)
}

pub(crate) fn loss_of_prediction_exercise(y_hat: f64, y: f64) -> NumberExercise {
    let e = y_hat - y;
    NumberExercise {
        exercise: "Predict, then check (§7, loss)",
        right: e * e,
        figures: 2,
        why: format!("mse_loss = (ŷ − y)² = ({y_hat:.6} − {y})², averaged over one output: no ½."),
        hints: vec![
            (0.5 * e * e, "That is ½(ŷ − y)², the loss of §1 to §5: mse_loss leaves the ½ out.".into()),
            (e, "That is ŷ − y, the error: square it.".into()),
            (-e, "That is y − ŷ: square the error.".into()),
            (2.0 * e, "That is 2(ŷ − y), the loss's derivative: the loss itself is (ŷ − y)².".into()),
        ],
        reread: "§6, \"Autograd on one neuron\" (mse_loss, with no ½), and §7, \"The forward pass\"",
    }
}

#[cfg(test)] // the catalogue's stored case
/// The §7 loss prediction for the stored network (seed 0, x = [1, 0], target 1).
pub(crate) fn loss_of_prediction_stored() -> NumberExercise {
    loss_of_prediction_exercise(stored_network_prediction(), 1.0)
}

/// Predict, then check (§9): the gradient of 2.bias after two backward passes
/// without `zero_grad()` in between, from `once`, the gradient the lesson printed
/// after one pass (so it follows a changed `parameters` cell).
pub fn bias_gradient_after_two_passes(answer: Option<f64>, once: f64) -> Check {
    bias_after_two_passes_exercise_for(once).check(answer)
}

#[cfg(test)] // the catalogue's and the tests' stored case
/// The §9 prediction for the stored parameters (seed 0, x = [1, 0], target 1).
pub(crate) fn bias_gradient_after_two_passes_exercise() -> NumberExercise {
    bias_after_two_passes_exercise_for(first_bias_gradient())
}

fn bias_after_two_passes_exercise_for(once: f64) -> NumberExercise {
    NumberExercise {
        exercise: "Predict, then check (§9)",
        right: 2.0 * once,
        figures: 3,
        why: "each backward() adds its gradient to the one already stored, so the second pass adds `once` again: twice `once`.".into(),
        hints: vec![
            (once, "That is one backward pass's gradient, `once`: backward() adds to what is stored, it does not replace it.".into()),
            (0.0, "Nothing clears the gradients between the two passes: only zero_grad() does.".into()),
            (4.0 * once, "Each pass adds `once` to what is stored: two passes give once + once.".into()),
        ],
        reread: "§7, \"The backward pass\", and the start of §9, \"Two backward passes; your training step\" (one backward pass, then a second)",
    }
}

/// Predict, then check (§8, step): the output bias `2.bias` of §7's network
/// after one `step()`, to 3 significant figures, from its first value and its
/// gradient (Exercise 1.8 (b)): b ← b − lr·dL_mse/db. The check takes the
/// lesson's `net_seed`, `net_x`, `net_y` and `net_lr`, so it follows a changed
/// `parameters` cell. An answer chained from the 3-figure values the lesson
/// accepted earlier (the gradient of Exercise 1.8 (b), the bias before) is
/// right too, when it is right to 3 figures for that chain.
///
/// # Shapes
/// `x`: [1, 2] (one sample, one row); `y`: [1, 1].
///
/// # Panics
/// If `x` is not [1, 2] or `y` not [1, 1].
#[track_caller]
pub fn bias_after_step(answer: Option<f64>, seed: u64, x: &Array2<f64>, y: &Array2<f64>, lr: f64) -> Check {
    assert!(
        x.dim() == (1, 2) && y.dim() == (1, 1),
        "exercises::day03::bias_after_step: x must be [1, 2] and y [1, 1] (one sample), got x {:?} and y {:?}",
        x.shape(),
        y.shape()
    );
    let exercise = bias_after_step_exercise_for(seed, x, y[[0, 0]], lr);
    let check = exercise.check(answer);
    match answer {
        Some(a) if !check.passed() && bias_after_step_chains(seed, x, y[[0, 0]], lr).iter().any(|&c| agrees(a, c, 3)) => {
            Check::new(
                exercise.exercise,
                Verdict::Correct(format!(
                    "Right to 3 significant figures for the 3-figure values you carried (the gradient of Exercise 1.8 (b), the bias before); with their full digits the last figure can differ by one. {}",
                    exercise.why
                )),
            )
        }
        _ => check,
    }
}

/// The bias after the step computed from the 3-figure gradient and/or the
/// 3-figure bias before it, as a learner chaining accepted answers computes it.
fn bias_after_step_chains(seed: u64, x: &Array2<f64>, y: f64, lr: f64) -> [f64; 3] {
    let model = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(seed)).then(nn::Layer::Sigmoid);
    let before = model.param("2.bias").value()[0];
    let y_hat = model.predict(x)[[0, 0]];
    let grad = 2.0 * (y_hat - y) * y_hat * (1.0 - y_hat);
    let (before3, grad3) = (round_to_figures(before, 3), round_to_figures(grad, 3));
    [before - lr * grad3, before3 - lr * grad3, before3 - lr * grad]
}

#[cfg(test)] // the catalogue's and the tests' stored case
/// The step prediction for the stored parameters (seed 0, x = [1, 0], target 1, lr = 0.1).
pub(crate) fn bias_after_step_exercise() -> NumberExercise {
    bias_after_step_exercise_for(0, &array![[1.0, 0.0]], 1.0, 0.1)
}

fn bias_after_step_exercise_for(seed: u64, x: &Array2<f64>, y: f64, lr: f64) -> NumberExercise {
    let model = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(seed)).then(nn::Layer::Sigmoid);
    let before = model.param("2.bias").value()[0];
    let y_hat = model.predict(x)[[0, 0]];
    let grad = 2.0 * (y_hat - y) * y_hat * (1.0 - y_hat);
    NumberExercise {
        exercise: "Predict, then check (§8, step)",
        right: before - lr * grad,
        figures: 3,
        why: "step() applies the update rule of §4 to 2.bias: its value minus net_lr times its gradient, Exercise 1.8 (b).".into(),
        hints: vec![
            (before + lr * grad, "You moved the bias with its gradient: the update subtracts lr times the gradient, so a negative gradient moves the bias up.".into()),
            (before - grad, "You subtracted the whole gradient: the update subtracts lr times it (net_lr = the learning rate).".into()),
            (-lr * grad, "That is how far the bias moves, −lr × grad: add it to the bias's value before the step.".into()),
            (before, "That is the bias before the step: step() is the call that changes it.".into()),
        ],
        reread: "§4, \"The update rule (gradient descent)\", and §8, \"The optimizer: `step()` and `zero_grad()`\"",
    }
}

/// Exercise 1.4: one training step of the hand-written neuron, written
/// by the learner as `fn my_neuron_step(neuron, x, y, lr) -> f64` in §4's four
/// named parts (forward pass, loss ½(a − y)², backward pass, update), returning this step's loss, taken before the
/// update. The check runs it four times on a neuron of its own and compares
/// the losses and the parameters after every step with the crate's step.
pub fn neuron_step(mine: impl Fn(&mut Neuron, &Array1<f64>, f64, f64) -> f64) -> Check {
    let exercise = "Exercise 1.4";
    let (ran, stood_in) = watching(&NEURON_STEP_STOOD_IN, || attempt(|| neuron_step_trace(&mine)));
    if stood_in {
        return Check::new(
            exercise,
            Verdict::Waiting(
                "my_neuron_step still calls the crate's stand-in, neuron_step_stand_in: replace that line with your four parts, then run this check again."
                    .into(),
            ),
        );
    }
    let mine = match ran {
        Attempt::Done(trace) => trace,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => return Check::new(exercise, Verdict::NotYet(panic_hint("Your step", &message))),
    };
    let right = neuron_step_trace(&crates_neuron_step);
    let reread = "§4, \"One training step, in four parts\", and the cells of §2 to §4 that call each";
    let numbers = mine.0.iter().copied().chain(mine.1.iter().flat_map(|n| n.w.iter().copied().chain([n.b])));
    if let Some(hint) = numbers.filter_map(|v| not_finite_hint("A loss or a parameter after your step", v)).next() {
        return Check::new(exercise, Verdict::NotYet(format!("{hint} Re-read {reread}.")));
    }
    let same_params = |a: &[Neuron], b: &[Neuron]| {
        a.len() == b.len()
            && a.iter().zip(b).all(|(a, b)| (a.b - b.b).abs() < 1e-12 && (&a.w - &b.w).iter().all(|d| d.abs() < 1e-12))
    };
    let same_losses = |a: &[f64], b: &[f64]| a.len() == b.len() && a.iter().zip(b).all(|(a, b)| (a - b).abs() < 1e-12);
    let verdict = if same_params(&mine.1, &right.1) {
        let (mine, right) = (&mine.0, &right.0);
        if same_losses(mine, right) {
            Verdict::Correct(
                "Forward pass, loss, backward pass, update: each line does one part, and the loss it returns is the one the backward pass started from. The loop of §5 now runs on your step.".into(),
            )
        } else if same_losses(&mine[..mine.len() - 1], &right[1..]) {
            Verdict::NotYet("Your step moves the parameters right, but it returns the loss after the update (the next step's loss): keep the loss of part 2, computed from this step's forward pass, and return that.".into())
        } else if same_losses(mine, &right.iter().map(|l| 2.0 * l).collect::<Vec<_>>()) {
            Verdict::NotYet("Your step moves the parameters right, but the loss it returns is (a − y)², without the ½: part 2 is half_squared_error(pass.a, y).".into())
        } else {
            Verdict::NotYet(format!("Your step moves the parameters right, but the loss it returns is not this step's ½(a − y)², computed in part 2 from the forward pass. Re-read {reread}."))
        }
    } else if same_params(&mine.1, &vec![neuron_step_start().0; NEURON_STEPS]) {
        Verdict::NotYet("After your steps the parameters have not moved: part 4, the update, is missing (the neuron's step method, with the gradients and lr).".into())
    } else if same_params(&mine.1, &neuron_step_trace(&|n, x, y, lr| update_with(n, x, y, -lr, 1.0)).1) {
        Verdict::NotYet("Your step moves the parameters with the gradient, uphill: the update subtracts lr times the gradient, and the neuron's step method does that for you.".into())
    } else if same_params(&mine.1, &neuron_step_trace(&|n, x, y, lr| update_with(n, x, y, lr, 2.0)).1) {
        Verdict::NotYet("The backward pass was handed 2(a − y), the gradient of (a − y)² without the ½: hand it dL/da = a − y, half_squared_error_grad(pass.a, y).".into())
    } else if same_params(
        &mine.1,
        &neuron_step_trace(&|n, x, y, lr| {
            let loss = update_with(n, x, y, lr, 1.0);
            update_with(n, x, y, lr, 1.0);
            loss
        })
        .1,
    ) {
        Verdict::NotYet("Each of your steps updates the parameters twice: one training step is one forward pass, one backward pass and one update.".into())
    } else {
        Verdict::NotYet(format!("After your first step the parameters differ from one gradient-descent step: compare each line with the four parts. Re-read {reread}."))
    };
    Check::new(exercise, verdict)
}

/// The neuron, sample and learning rate the check of [`neuron_step`] trains:
/// x = [0.5, −1.5], w = [0.3, 0.2], b = −0.1, y = 0, lr = 0.5.
fn neuron_step_start() -> (Neuron, Array1<f64>, f64, f64) {
    (Neuron::new(array![0.3, 0.2], -0.1, Activation::Sigmoid), array![0.5, -1.5], 0.0, 0.5)
}

/// How many steps the check of [`neuron_step`] takes.
const NEURON_STEPS: usize = 4;

/// A learner's neuron step: (neuron, x, y, lr) → the step's loss.
type NeuronStep<'a> = &'a dyn Fn(&mut Neuron, &Array1<f64>, f64, f64) -> f64;

/// The losses a step returned and the neuron after each of [`NEURON_STEPS`] steps.
fn neuron_step_trace(step: NeuronStep) -> (Vec<f64>, Vec<Neuron>) {
    let (mut neuron, x, y, lr) = neuron_step_start();
    let mut trace = (Vec::new(), Vec::new());
    for _ in 0..NEURON_STEPS {
        trace.0.push(step(&mut neuron, &x, y, lr));
        trace.1.push(neuron.clone());
    }
    trace
}

/// The crate's training step of a neuron, in its four parts; returns the
/// loss ½(a − y)² before the update.
fn crates_neuron_step(neuron: &mut Neuron, x: &Array1<f64>, y: f64, lr: f64) -> f64 {
    update_with(neuron, x, y, lr, 1.0)
}

/// One step whose backward pass starts from `scale`·(a − y) and whose update
/// uses `lr` as given (a slip when `scale` ≠ 1 or `lr` < 0); returns ½(a − y)².
fn update_with(neuron: &mut Neuron, x: &Array1<f64>, y: f64, lr: f64, scale: f64) -> f64 {
    let pass = neuron.forward(x); // 1. forward pass
    let loss = crate::maths::half_squared_error(pass.a, y); // 2. loss
    let grads = neuron.backward(x, &pass, scale * crate::maths::half_squared_error_grad(pass.a, y)); // 3. backward
    neuron.w = &neuron.w - &(lr * &grads.dl_dw); // 4. update
    neuron.b -= lr * grads.dl_db;
    loss
}

thread_local! {
    /// Raised by [`neuron_step_stand_in`] when it runs in place of the
    /// learner's lines; read through [`watching`].
    static NEURON_STEP_STOOD_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Raised by [`training_step_stand_in`] when it runs in place of the
    /// learner's lines; read through [`watching`].
    static TRAINING_STEP_STOOD_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The crate's stand-in for Exercise 1.4's `my_neuron_step`: one training step
/// of the hand-written neuron in its four parts (forward pass, loss
/// ½(a − y)², backward pass from dL/da = a − y, update
/// w ← w − lr·dL/dw, b ← b − lr·dL/db), returning the loss before the update.
/// The body of `my_neuron_step` calls it until the learner replaces that line;
/// meanwhile [`neuron_step`] says "not checked yet" and [`whose_neuron_step`]
/// names the stand-in.
///
/// # Panics
/// If `x` and the neuron's weights differ in length.
#[track_caller]
pub fn neuron_step_stand_in(neuron: &mut Neuron, x: &Array1<f64>, y: f64, lr: f64) -> f64 {
    NEURON_STEP_STOOD_IN.with(|raised| raised.set(true));
    crates_neuron_step(neuron, x, y, lr)
}

/// Whose step the learner's `my_neuron_step` takes, tried once on a neuron of
/// its own: "yours" once its lines replace the stand-in, "the crate's
/// stand-in" while its body still calls [`neuron_step_stand_in`].
pub fn whose_neuron_step(mine: impl Fn(&mut Neuron, &Array1<f64>, f64, f64) -> f64) -> &'static str {
    let (mut neuron, x, y, lr) = neuron_step_start();
    let (ran, stood_in) = watching(&NEURON_STEP_STOOD_IN, || attempt(|| mine(&mut neuron, &x, y, lr)));
    match ran {
        _ if stood_in => "the crate's stand-in (my_neuron_step still calls neuron_step_stand_in)",
        Attempt::Todo => "none yet (my_neuron_step is todo!())",
        _ => "yours",
    }
}

/// The crate's stand-in for Exercise 1.9's `my_training_step`: one training
/// step on the engine, in its five parts (forward pass, `mse_loss`,
/// `zero_grad()`, `backward()`, `step()`), returning the loss as a number. The
/// body of `my_training_step` calls it until the learner replaces that line;
/// meanwhile [`training_step`] says "not checked yet" and [`whose_step`] names
/// the stand-in.
///
/// # Shapes
/// inputs: B × I, targets: B × O for a model with I inputs and O outputs.
///
/// # Panics
/// If the shapes do not fit the model.
#[track_caller]
pub fn training_step_stand_in(
    model: &nn::Sequential,
    optimizer: &optim::Sgd,
    inputs: &Tensor,
    targets: &Tensor,
) -> f64 {
    TRAINING_STEP_STOOD_IN.with(|raised| raised.set(true));
    let loss = model.forward(inputs).mse_loss(targets); // 1. forward pass, 2. loss
    optimizer.zero_grad(); // 3. zero the gradients
    loss.backward(); // 4. backward pass
    optimizer.step(); // 5. update
    loss.item()
}

/// Whose step the learner's `my_training_step` takes, tried once on a small
/// network of its own: "yours" once its lines replace the stand-in, "the
/// crate's stand-in" while its body still calls [`training_step_stand_in`].
pub fn whose_step(mine: impl Fn(&nn::Sequential, &optim::Sgd, &Tensor, &Tensor) -> f64) -> &'static str {
    match training_step_tried(mine) {
        (_, true) => "the crate's stand-in (my_training_step still calls training_step_stand_in)",
        (Attempt::Todo, _) => "none yet (my_training_step is todo!())",
        _ => "yours",
    }
}

/// One call of the learner's training step on a small network of its own
/// (2 → 3 → 1, lr = 0.1, one sample): what happened, and whether the stand-in ran.
fn training_step_tried(mine: impl Fn(&nn::Sequential, &optim::Sgd, &Tensor, &Tensor) -> f64) -> (Attempt<f64>, bool) {
    let model = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(57));
    let optimizer = optim::Sgd::new(model.parameters(), 0.1);
    let (inputs, targets) = (Tensor::from(array![[1.0, 0.5]]), Tensor::from(array![[0.5]]));
    watching(&TRAINING_STEP_STOOD_IN, || attempt(|| mine(&model, &optimizer, &inputs, &targets)))
}

/// Predict, then check (§3), as the lesson asks it: the three numbers of the
/// chain rule for §2's neuron, each to 3 significant figures, [factor 1 a − y,
/// factor 2 a(1 − a), their product with factor 3 x₁, ∂L/∂w₁], with
/// a = σ(w·x + b) and L = ½(a − y)². Asking for the factors, not the product
/// alone, keeps §2's printed nudge ratio from answering it: as stored
/// [−0.5, 0.25, −0.125]. The product is [`worked_dl_dw1`]'s number, with its
/// slips and its refusal of a nudge ratio copied to 5 or more figures. Takes the
/// lesson's `x`, `w`, `b` and `y`, so it follows a changed `parameters` cell.
///
/// # Panics
/// If `x` and `w` differ in length, or have no entry.
#[track_caller]
pub fn worked_factors(answers: [Option<f64>; 3], x: &Array1<f64>, w: &Array1<f64>, b: f64, y: f64) -> Check {
    let exercise = "Predict, then check (§3)";
    if answers[2].is_some() {
        let product = worked_dl_dw1(answers[2], x, w, b, y);
        if let Verdict::NotYet(hint) = &product.verdict {
            if hint.contains("nudge ratios") {
                return Check::new(exercise, Verdict::NotYet(hint.clone()));
            }
        }
    }
    super::number::check_parts(exercise, &worked_factors_parts(x, w, b, y), &answers)
}

/// The three parts of [`worked_factors`], for the catalogue and the check.
#[track_caller]
pub(crate) fn worked_factors_parts(x: &Array1<f64>, w: &Array1<f64>, b: f64, y: f64) -> Vec<NumberExercise> {
    let mut product = worked_dl_dw1_exercise(x, w, b, y);
    product.exercise = "(3) ∂L/∂w₁";
    let a = sigmoid(w.dot(x) + b);
    let (dl_da, da_dz) = (a - y, a * (1.0 - a));
    let reread = "§3, \"The combined gradients\"";
    vec![
        NumberExercise::chain_part(
            "(1) a − y",
            dl_da,
            "Factor 1, ∂L/∂a = a − y: the prediction minus the target (the square's 2 cancels the ½).",
            vec![
                (-dl_da, "The sign is flipped: factor 1 is a − y, the prediction minus the target.".into()),
                (2.0 * dl_da, "That is 2(a − y), the gradient of (a − y)² without the ½: the ½ cancels the 2.".into()),
                (a, "That is a itself: factor 1 is a − y.".into()),
            ],
            reread,
        ),
        NumberExercise::chain_part(
            "(2) a(1 − a)",
            da_dz,
            "Factor 2, ∂a/∂z = σ′(z) = a(1 − a), Exercise 1.1's formula.",
            vec![
                (a, "That is a itself: the slope is σ′(z) = a(1 − a).".into()),
                (slope_at_output(a), slope_at_output_hint("a")),
            ],
            reread,
        ),
        product,
    ]
}

/// Predict, then check (§3): ∂L/∂w₁ of §2's neuron by the chain rule, to 3
/// significant figures, before the cell that has the crate compute it:
/// (a − y)·a(1 − a)·x₁ with a = σ(w·x + b) and L = ½(a − y)². Takes the
/// lesson's `x`, `w`, `b` and `y` (§2's `parameters` cell); as stored
/// (−0.5)(0.25)(1) = −0.125.
///
/// # Panics
/// If `x` and `w` differ in length, or have no entry.
#[track_caller]
pub fn worked_dl_dw1(answer: Option<f64>, x: &Array1<f64>, w: &Array1<f64>, b: f64, y: f64) -> Check {
    let exercise = worked_dl_dw1_exercise(x, w, b, y);
    if let Some(a) = answer {
        // An answer copied from §2's nudge, written to 5 or more figures, is the
        // nudge's ratio, not ∂L/∂w₁: the chain rule gives the exact value.
        let ratio = |h: f64| {
            let loss = |w1: f64| {
                let mut moved = w.clone();
                moved[0] = w1;
                Neuron::new(moved, b, Activation::Sigmoid).loss(x, y, Loss::HalfSquared)
            };
            (loss(w[0] + h) - loss(w[0])) / h
        };
        let from_nudge =
            [0.1, 0.01, 0.001, 1e-4].iter().any(|&h| agrees(a, ratio(h), 5) && !agrees(a, exercise.right, 5));
        if from_nudge {
            return Check::new(
                exercise.exercise,
                Verdict::NotYet(
                    "That is one of §2's nudge ratios: a nudge only comes near ∂L/∂w₁, and its last digits are off. Compute the three factors of the formula in §3, (a − y), a(1 − a) and x₁, and multiply them."
                        .into(),
                ),
            );
        }
    }
    exercise.check(answer)
}

#[track_caller]
pub(crate) fn worked_dl_dw1_exercise(x: &Array1<f64>, w: &Array1<f64>, b: f64, y: f64) -> NumberExercise {
    assert!(
        !x.is_empty() && x.len() == w.len(),
        "exercises::day03::worked_dl_dw1: x and w need the same number of entries, got {} and {}",
        x.len(),
        w.len()
    );
    let a = sigmoid(w.dot(x) + b);
    let (dl_da, da_dz, x1) = (a - y, a * (1.0 - a), x[0]);
    let right = dl_da * da_dz * x1;
    let mut hints = vec![
        (-right, "The sign is flipped: factor 1 is a − y, the prediction minus the target.".to_string()),
        (dl_da * x1, "You left out factor 2, the sigmoid's slope ∂a/∂z = a(1 − a).".to_string()),
        (
            2.0 * right,
            "That is twice the gradient: the gradient of (a − y)² without the ½ (factor 1 is a − y, not 2(a − y))."
                .to_string(),
        ),
        (dl_da * slope_at_output(a) * x1, slope_at_output_hint("a")),
        (dl_da * da_dz, "That is ∂L/∂z (or ∂L/∂b): go on through factor 3, ∂z/∂w₁ = x₁.".to_string()),
    ];
    if x.len() > 1 {
        hints.push((dl_da * da_dz * x[1], "That is ∂L/∂w₂: w₁'s input is x₁, so factor 3 is x₁.".to_string()));
    }
    // A slip equal to the right answer, or to an earlier slip, is no slip: keep the first hint for each number.
    let mut kept: Vec<(f64, String)> = Vec::new();
    for (wrong, hint) in hints {
        let same = |v: f64| (v - wrong).abs() <= 1e-12 * wrong.abs().max(1e-300);
        if !same(right) && !kept.iter().any(|(v, _)| same(*v)) {
            kept.push((wrong, hint));
        }
    }
    NumberExercise {
        exercise: "Predict, then check (§3)",
        right,
        figures: 3,
        why: format!("∂L/∂w₁ = ∂L/∂a · ∂a/∂z · ∂z/∂w₁ = (a − y) · a(1 − a) · x₁ with a = {}.", round_to_figures(a, 6)),
        hints: kept,
        reread: "§3, \"The combined gradients\"",
    }
}

/// Exercise 1.2: the chain rule, box by box, for Start here's neuron
/// (one input, w = −0.5, b = 0.5, x = 3, y = 1, a sigmoid, L = ½(a − y)²), whose
/// ∂L/∂w Start here measured by nudging (≈ −0.4312). Five chained lines, each
/// to 3 significant figures: [a = σ(wx + b), ∂L/∂a = a − y, ∂a/∂z = a(1 − a),
/// ∂L/∂z = ∂L/∂a · ∂a/∂z, ∂L/∂w = ∂L/∂z · x]. A NaN is a line not written yet
/// (the placeholder `f64::NAN`, or a line computed from one). Takes the lesson's
/// `w`, `b`, `x` and `y`, so it follows a changed `parameters` cell.
pub fn start_here_chain(lines: [f64; 5], w: f64, b: f64, x: f64, y: f64) -> Check {
    super::number::check_parts(
        "Exercise 1.2",
        &start_here_chain_parts(w, b, x, y),
        &lines.map(|v| if v.is_nan() { None } else { Some(v) }),
    )
}

/// The five parts of [`start_here_chain`], with the slips each one names.
pub(crate) fn start_here_chain_parts(w: f64, b: f64, x: f64, y: f64) -> Vec<NumberExercise> {
    let z = w * x + b;
    let a = sigmoid(z);
    let dl_da = a - y;
    let da_dz = a * (1.0 - a);
    let dl_dz = dl_da * da_dz;
    let dl_dw = dl_dz * x;
    let reread = "§3, factors 1 to 3, and Exercise 1.1";
    let part = |exercise, right, why: &str, hints: Vec<(f64, String)>| {
        NumberExercise::chain_part(exercise, right, why, hints, reread)
    };
    vec![
        part(
            "a",
            a,
            "z = wx + b, then a = σ(z).",
            vec![
                (z, "That is z = wx + b: a is σ(z), the sigmoid of it.".into()),
                (sigmoid(-z), "That is σ(−z): z = wx + b keeps its sign, and σ(z) = 1/(1 + e^(−z)).".into()),
            ],
        ),
        part(
            "dL/da",
            dl_da,
            "Factor 1: ∂L/∂a = a − y (the square's 2 cancels the ½).",
            vec![
                (-dl_da, "The sign of a − y: it is a minus y, not y minus a. Here a < y, so it is negative.".into()),
                (2.0 * dl_da, "That is 2(a − y), the gradient of (a − y)² without the ½: the ½ cancels the 2.".into()),
            ],
        ),
        part(
            "da/dz",
            da_dz,
            "Factor 2: ∂a/∂z = σ′(z) = a(1 − a), Exercise 1.1's formula.",
            vec![
                (a, "That is σ(z) itself, a: the slope is σ′(z) = σ(z)(1 − σ(z)) = a(1 − a).".into()),
                (1.0 - a, "That is 1 − a alone: the slope is a(1 − a).".into()),
                (slope_at_output(a), slope_at_output_hint("a")),
            ],
        ),
        part(
            "dL/dz",
            dl_dz,
            "∂L/∂z = ∂L/∂a · ∂a/∂z: the first two links of the chain.",
            vec![
                (-dl_dz, "The sign: ∂L/∂a = a − y is negative here and a(1 − a) positive, so their product is negative.".into()),
                (dl_da * a, "You multiplied by a = σ(z), not by the slope σ′(z) = a(1 − a).".into()),
                (dl_da + da_dz, "Multiply the two links, do not add them.".into()),
            ],
        ),
        part(
            "dL/dw",
            dl_dw,
            "∂L/∂w = ∂L/∂z · x, factor 3: the input multiplies the gradient of its weight.",
            vec![
                (dl_dz, "That is ∂L/∂z: you forgot ·x. Factor 3: ∂z/∂w = x, the input the weight multiplies.".into()),
                (dl_dz * w, "You multiplied by the weight w: ∂z/∂w is the input x, not w.".into()),
                (-dl_dw, "The sign: ∂L/∂z is negative and x positive, so ∂L/∂w is negative, as the nudge in Start here found.".into()),
                (dl_da * a * x, "You used σ(z) = a for the slope: ∂a/∂z = a(1 − a).".into()),
            ],
        ),
    ]
}

/// The lesson's symbols on the boxes of §6's one neuron (Linear(2, 1) → Sigmoid),
/// beside the engine's names: `w (0.weight)` and `b (0.bias)` on the parameter
/// boxes, and `z (linear)` on the box that fed the prediction `y_hat`.
///
/// # Panics
/// If the model has no `0.weight` or `0.bias`, or `y_hat` has no input box.
#[track_caller]
pub fn label_one_neuron(model: &nn::Sequential, y_hat: &Tensor) {
    let _ = model.param("0.weight").with_label("w (0.weight)");
    let _ = model.param("0.bias").with_label("b (0.bias)");
    let _ = y_hat.inputs()[0].clone().with_label("z (linear)");
}

/// The lesson's symbols on the parameter boxes of §7's network, beside the
/// engine's names: `W^[1] (0.weight)`, `b^[1] (0.bias)`, `W^[2] (2.weight)`,
/// `b^[2] (2.bias)`, as its graph draws them.
///
/// # Panics
/// If the model has no parameter of one of those names.
#[track_caller]
pub fn label_net_params(model: &nn::Sequential) {
    for (name, symbol) in [("0.weight", "W^[1]"), ("0.bias", "b^[1]"), ("2.weight", "W^[2]"), ("2.bias", "b^[2]")] {
        let _ = model.param(name).with_label(&format!("{symbol} ({name})"));
    }
}

/// The lesson's symbols on the boxes below the prediction `y_hat` of §7's
/// network (Linear → ReLU → Linear → Sigmoid): `z^[2] (linear)`,
/// `a^[1] (relu)` and `z^[1] (linear)`, walking up the graph from the box that fed `y_hat`.
///
/// # Panics
/// If the graph above `y_hat` is shorter than those three boxes.
#[track_caller]
pub fn label_net_boxes(y_hat: &Tensor) {
    let z2 = y_hat.inputs()[0].clone().with_label("z^[2] (linear)");
    let a1 = z2.inputs()[0].clone().with_label("a^[1] (relu)");
    let _ = a1.inputs()[0].clone().with_label("z^[1] (linear)");
}

/// Moves every entry of the parameter `name` of `model` by `h` (a nudge, as in
/// §2, on the engine): value ← value + h, its gradient untouched.
///
/// # Panics
/// If the model has no parameter of that name.
#[track_caller]
pub fn nudge_param(model: &nn::Sequential, name: &str, h: f64) {
    model.param(name).update(|value, _| value.map_inplace(|v| *v += h));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reread_names_a_heading_or_label_of_the_lesson() {
        // Each quoted name in a re-read or hint of this file is a heading or a bold label the learner can find:
        // in Day 3 core, or (for the one that says so) in Start here.
        let source = include_str!("day03.rs");
        let notebooks = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../notebooks");
        let day3 = std::fs::read_to_string(notebooks.join("day03-backprop-core.ipynb")).unwrap();
        let start_here = std::fs::read_to_string(notebooks.join("start-here.ipynb")).unwrap();
        let mut seen = 0;
        for line in source.lines().filter(|l| l.contains("reread") || l.contains("Re-read")) {
            let quoted: Vec<&str> = line.split("\\\"").collect();
            for (k, name) in quoted.iter().enumerate().filter(|(k, _)| k % 2 == 1) {
                if name.contains("σ(z)") && quoted[k - 1].ends_with("Start here, ") {
                    assert!(start_here.contains("The neuron's output: $a = \\\\sigma(z)$"), "Start here lost {name}");
                } else {
                    assert!(day3.contains(name), "no heading or label `{name}` in Day 3 core: {line}");
                }
                seen += 1;
            }
        }
        assert!(seen >= 15, "only {seen} quoted names found");
        for gone in ["(open its fold)", "Parts 1 and 2", "part 5, the update"] {
            assert!(!source.lines().any(|l| l.contains(gone) && !l.contains("gone")), "{gone}");
        }
    }

    #[test]
    fn the_one_neuron_on_the_engine() {
        let (x, w) = (array![1.0, 0.0], array![0.0, 0.0]);
        assert!(engine_neuron_grads([Some(-1.0), Some(-0.25)], &x, &w, 0.0, 1.0).passed());
        assert_eq!(engine_neuron_grads([None, None], &x, &w, 0.0, 1.0).verdict, Verdict::NotAttempted);
        let halved = engine_neuron_grads([Some(-0.5), Some(-0.125)], &x, &w, 0.0, 1.0);
        assert!(!halved.passed() && halved.to_text().contains("no ½"), "{}", halved.to_text());
        assert!(halved.to_text().contains("§3's dL/db"), "{}", halved.to_text());
        let b_only = |v: f64| engine_neuron_grads([None, Some(v)], &x, &w, 0.0, 1.0).to_text();
        assert!(b_only(-0.0625).contains("You halved"), "{}", b_only(-0.0625));
        assert!(b_only(-1.0).contains("sigmoid's slope"), "{}", b_only(-1.0));
        assert!(!engine_neuron_grads([None, Some(f64::NAN)], &x, &w, 0.0, 1.0).passed());
        assert!(!engine_neuron_grads([Some(f64::NAN), None], &x, &w, 0.0, 1.0).passed());
        let text = engine_neuron_grads([Some(-0.5), None], &x, &w, 0.0, 1.0).to_text();
        assert!(!text.contains("-0.25") && !text.contains("−0.25"), "{text}");
    }

    #[test]
    fn the_activation_predicted_first() {
        assert!(sigmoid_of_z(Some(0.988), 4.4).passed());
        assert_eq!(sigmoid_of_z(None, 4.4).verdict, Verdict::NotAttempted);
        assert!(!sigmoid_of_z(Some(0.0121), 4.4).passed());
        assert!(sigmoid_of_z(Some(0.0121), 4.4).to_text().contains("wrong sign"));
        assert!(sigmoid_of_z(Some(4.4), 4.4).to_text().contains("z itself"));
        assert!(sigmoid_of_z(Some(f64::NAN), 4.4).to_text().contains("NaN"));
    }

    #[test]
    fn the_sigmoid_slope_in_every_case() {
        assert!(sigmoid_slope(|z| sigmoid(z) * (1.0 - sigmoid(z))).passed());
        assert!(sigmoid_slope(|z: f64| z.exp() / (1.0 + z.exp()).powi(2)).to_text().contains("σ(z) itself"));
        assert!(sigmoid_slope(sigmoid).to_text().contains("off by"));
        // The mix-up σ(z)(1 − z) and the lost sign are each named.
        let mixed_up = sigmoid_slope(|z| sigmoid(z) * (1.0 - z)).to_text();
        assert!(mixed_up.contains("not one minus z"), "{mixed_up}");
        let sign = sigmoid_slope(|z| -sigmoid(z) * (1.0 - sigmoid(z))).to_text();
        assert!(sign.contains("the sign is off"), "{sign}");
        // The overflow message the lesson quotes, for e^(−z)/(1 + e^(−z))² at z = −1000.
        let overflow = sigmoid_slope(|z: f64| (-z).exp() / (1.0 + (-z).exp()).powi(2)).to_text();
        assert!(overflow.contains("Your formula is right; it overflows for large |z|"), "{overflow}");
        assert!(overflow.contains("at z = -1000 your function's value is NaN"), "{overflow}");
        // It asks for σ(z) only, as the exercise does, without writing the answer out.
        assert!(overflow.contains("Rewrite it with σ(z) itself, as the exercise asks"), "{overflow}");
        assert!(!overflow.contains("σ(z)(1 − σ(z))"), "{overflow}");
        // Wrong and overflowing: not told it is right.
        let wrong = sigmoid_slope(|z: f64| 2.0 * z.exp() / (1.0 + z.exp()).powi(2)).to_text();
        assert!(!wrong.contains("Your formula is right"), "{wrong}");
        assert_eq!(sigmoid_slope(|_| todo!()).verdict, Verdict::NotAttempted);
        assert!(sigmoid_slope(|_| f64::NAN).to_text().contains("NaN"));
        assert!(sigmoid_slope(|_| f64::NEG_INFINITY).to_text().contains("−∞"));
        assert!(sigmoid_slope(|_| -> f64 { panic!("oops") }).to_text().contains("panicked: \"oops\""));
    }

    #[test]
    fn the_second_step_dl_dz_in_every_case() {
        let verdict = |a: Option<f64>| second_epoch_dl_dz(a).to_text();
        assert_eq!(second_epoch_dl_dz(None).verdict, Verdict::NotAttempted);
        for right in [-0.123, -0.1234, -0.123418] {
            assert!(second_epoch_dl_dz(Some(right)).passed(), "{right}: {}", verdict(Some(right)));
        }
        assert!(verdict(Some(-0.125)).contains("first step's dL/dz"));
        assert!(verdict(Some(-0.124)).contains("updated bias"));
        assert!(verdict(Some(-0.494)).contains("sigmoid's slope"));
        assert!(verdict(Some(0.123)).contains("The sign"));
        assert!(verdict(Some(f64::NAN)).contains("NaN"));
        assert!(verdict(Some(f64::INFINITY)).contains("+∞"));
        assert!(!verdict(Some(-0.125)).contains("0.123"), "never the answer");
    }

    #[test]
    fn the_round_output_loss_and_the_nudge_of_w2_in_every_case() {
        // §2's neuron: a = σ(0) = 0.5, y = 1: L = ½(0.5 − 1)² = 0.125.
        let (x0, w0) = (array![1.0, 0.0], array![0.0, 0.0]);
        let loss = |v: Option<f64>| loss_of_output(v, &x0, &w0, 0.0, 1.0);
        assert_eq!(loss(None).verdict, Verdict::NotAttempted);
        assert!(loss(Some(0.125)).passed());
        assert!(loss(Some(0.25)).to_text().contains("without the ½"));
        assert!(loss(Some(-0.125)).to_text().contains("never negative"));
        assert!(loss(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(!loss(Some(0.25)).to_text().contains("0.125"), "the hint keeps the answer back");
        // §2's neuron, x = [1, 0], w = [0, 0], b = 0, y = 1: x1 = 0, so moving w1 leaves L where it was.
        let (x, w) = (array![1.0, 0.0], array![0.0, 0.0]);
        let nudge = |v: Option<f64>| nudge_of_w2(v, &x, &w, 0.0, 1.0);
        assert_eq!(nudge(None).verdict, Verdict::NotAttempted);
        assert!(nudge(Some(0.0)).passed(), "{}", nudge(Some(0.0)).to_text());
        assert!(nudge(Some(-0.0122)).to_text().contains("moving w₁"));
        assert!(nudge(Some(0.1)).to_text().contains("nudge of w₂ itself"));
        assert!(nudge(Some(f64::NAN)).to_text().contains("NaN"));
        // Another neuron: x1 ≠ 0, and the change follows the crate's loss.
        let (x2, w2) = (array![0.5, -1.5], array![0.3, 0.2]);
        let right = nudge_of_w2_exercise(&x2, &w2, -0.1, 0.0).right;
        let mut moved = w2.clone();
        moved[1] += 0.1;
        let want = Neuron::new(moved, -0.1, Activation::Sigmoid).loss(&x2, 0.0, Loss::HalfSquared)
            - Neuron::new(w2.clone(), -0.1, Activation::Sigmoid).loss(&x2, 0.0, Loss::HalfSquared);
        assert!((right - want).abs() < 1e-15 && right != 0.0);
        assert!(nudge_of_w2(Some(right), &x2, &w2, -0.1, 0.0).passed());
    }

    #[test]
    fn the_output_bias_gradient_in_every_case() {
        let verdict = |a: Option<f64>| output_bias_gradient(a).to_text();
        assert_eq!(output_bias_gradient(None).verdict, Verdict::NotAttempted);
        // The sigmoid box of the stored graph: value 0.6035, grad −0.7929; 2.bias's grad −0.1897.
        let right = output_bias_gradient_exercise().right;
        assert!((right - -0.1897).abs() < 5e-5, "{right}");
        for right in [-0.190, -0.1897, -0.18973] {
            assert!(output_bias_gradient(Some(right)).passed(), "{right}: {}", verdict(Some(right)));
        }
        assert!(verdict(Some(-0.793)).contains("the sigmoid box's own gradient"));
        assert!(verdict(Some(-0.479)).contains("not ŷ."));
        assert!(verdict(Some(-0.314)).contains("not 1 − ŷ"));
        assert!(verdict(Some(-0.0949)).contains("half of it"));
        // σ′ taken at ŷ instead of at z: −0.181, 4.5 % off, named rather than "close".
        let at_y_hat = verdict(Some(-0.181));
        assert!(at_y_hat.contains("slope at ŷ") && !at_y_hat.contains("Close"), "{at_y_hat}");
        assert!(verdict(Some(0.190)).contains("sign is wrong"));
        assert!(verdict(Some(-0.185)).contains("Close"));
        assert!(verdict(Some(f64::NAN)).contains("NaN"));
        assert!(verdict(Some(f64::INFINITY)).contains("+∞"));
        assert!(verdict(Some(f64::NEG_INFINITY)).contains("−∞"));
        assert!(
            !verdict(Some(-0.793)).contains("0.190") && !verdict(Some(-0.793)).contains("0.1897"),
            "never the answer"
        );
    }

    #[test]
    fn the_gradient_of_w1_names_the_slope_at_a() {
        // σ′(σ(1.5)) instead of σ′(1.5): (0.8176 − 1)·0.2125·2 = −0.0775.
        assert!(gradient_of_w1(Some(-0.0775)).to_text().contains("slope at a"));
        assert!(gradient_of_w1(Some(-0.0544)).passed());
    }

    #[test]
    fn the_bias_step_names_the_gradient_of_w1() {
        assert!(bias_after_one_step(Some(0.00544)).to_text().contains("the bias's input is 1, not x₁"));
        assert!(bias_after_one_step(Some(0.00272)).passed());
    }

    #[test]
    fn the_fixed_step_in_every_case() {
        assert!(fixed_step(|n, g, lr| n.step(g, lr)).passed());
        let untouched = fixed_step(planted_step).to_text();
        assert!(untouched.contains("the step as given") && !untouched.contains("placeholder"), "{untouched}");
        assert!(
            !untouched.contains("sign") && !untouched.contains("uphill"),
            "the untouched step's message names no fix: {untouched}"
        );
        assert_eq!(fixed_step(|_, _, _| todo!()).verdict, Verdict::NotAttempted);
        let half_fixed = fixed_step(|n: &mut Neuron, g: &NeuronGrads, lr: f64| {
            n.w = &n.w - &(lr * &g.dl_dw);
            n.b += lr * g.dl_db;
        });
        assert!(!half_fixed.passed() && half_fixed.to_text().contains("w ← w − lr·dL/dw"), "{}", half_fixed.to_text());
        let uphill = fixed_step(|n: &mut Neuron, g: &NeuronGrads, lr: f64| {
            n.w = &n.w + &(2.0 * lr * &g.dl_dw);
            n.b += 2.0 * lr * g.dl_db;
        });
        assert!(uphill.to_text().contains("uphill"), "{}", uphill.to_text());
        // Both loss-quoting messages say which lr the check trains with (not the lesson's lr).
        assert!(untouched.contains("its own lr = 0.5") && uphill.to_text().contains("its own lr = 0.5"), "{untouched}");
        assert!(fixed_step(|n: &mut Neuron, _: &NeuronGrads, _: f64| n.b = f64::NAN).to_text().contains("NaN"));
        assert!(fixed_step(|n: &mut Neuron, _: &NeuronGrads, _: f64| n.b = f64::INFINITY).to_text().contains("+∞"));
        assert!(fixed_step(|_: &mut Neuron, _: &NeuronGrads, _: f64| panic!("no")).to_text().contains("panicked"));
    }

    #[test]
    fn the_new_predictions_in_every_case() {
        let parts = blocked_unit_parts();
        let rights: Vec<f64> = parts.iter().map(|p| p.right).collect();
        assert!((rights[0] - 0.0941).abs() < 5e-5 && rights[1] == 0.0, "{rights:?}");
        let blocked = |a: [Option<f64>; 2]| blocked_unit_gradients(a, 0, &array![[1.0, 2.0]], &array![[1.0]]);
        assert_eq!(blocked([None, None]).verdict, Verdict::NotAttempted);
        assert!(blocked([Some(0.0941), Some(0.0)]).passed(), "{}", blocked([Some(0.0941), Some(0.0)]).to_text());
        let text = blocked([Some(0.0757), Some(-0.104)]).to_text();
        assert!(text.contains("first input x = [1, 0]") && text.contains("slope is 0 there"), "{text}");
        assert!(blocked([Some(0.378), None]).to_text().contains("skipped the sigmoid's slope"));
        assert!(blocked([Some(0.188), None]).to_text().contains("A bias's input is 1"));
        assert!(blocked([Some(f64::NAN), None]).to_text().contains("NaN"));
        assert!(!blocked([Some(0.0941), None]).passed());
        // Chained by hand from 4-figure intermediates: −0.9461 × 0.2493 = −0.2359, × −0.3992 = 0.09417 → 0.0942.
        assert!(blocked([Some(0.0942), Some(0.0)]).passed(), "{}", blocked([Some(0.0942), Some(0.0)]).to_text());
        assert!(!blocked([Some(0.0943), Some(0.0)]).passed());
        assert!(!blocked([Some(0.0942), Some(0.0757)]).passed());
        // On the engine: backward() gives the same two gradients.
        {
            use crate::engine::{nn, Tensor};
            let model =
                nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(0)).then(nn::Layer::Sigmoid);
            model.forward(&Tensor::from(array![[1.0, 2.0]])).mse_loss(&Tensor::from(array![[1.0]])).backward();
            let g = model.param("0.bias").grad();
            assert!((g[0] - rights[0]).abs() < 1e-12 && g[1] == 0.0, "{g}");
        }
        let parts = graph_gradients_parts();
        let rights: Vec<f64> = parts.iter().map(|p| p.right).collect();
        for (got, want) in rights.iter().zip([-0.7929, -0.1897, -0.1444, 0.0757, 0.0757]) {
            assert!((got - want).abs() < 5e-5, "{rights:?}");
        }
        let stored = |a: [Option<f64>; 5]| graph_gradients(a, 0, &array![[1.0, 0.0]], &array![[1.0]]);
        assert_eq!(stored([None; 5]).verdict, Verdict::NotAttempted);
        let right = [Some(-0.793), Some(-0.190), Some(-0.144), Some(0.0757), Some(0.0757)];
        assert!(stored(right).passed(), "{}", stored(right).to_text());
        let slips = stored([Some(-0.396), Some(-0.181), Some(0.0757), Some(-0.190), Some(0.0)]).to_text();
        for hint in ["mse_loss has no ½", "slope at ŷ", "That is (d)", "linear box's own gradient", "ReLU's slope is 1"]
        {
            assert!(slips.contains(hint), "{hint}: {slips}");
        }
        assert!(stored([Some(f64::NAN), None, None, None, None]).to_text().contains("NaN"));
        // (c) through the relu box first: (b) × W^[2]_11 × a^[1]_1 = 0.0757 × 0.7609, not "the sign is wrong".
        let chained = stored([None, None, Some(0.0576), None, None]).to_text();
        assert!(chained.contains("through the relu box first") && !chained.contains("sign is wrong"), "{chained}");
        // (d) chained from (c), the line just above it, times the weight: named.
        let from_c = stored([None, None, None, Some(0.0576), None]).to_text();
        assert!(from_c.contains("line just above, (c)"), "{from_c}");
        assert!(stored([None, None, None, None, Some(-0.144)]).to_text().contains("That is (c)"));
        let z_box = stored([Some(-0.190), None, None, None, None]).to_text();
        assert!(z_box.contains("the z box") && !z_box.contains("1.59"), "{z_box}");
        assert!(stored([Some(-0.793), None, None, None, None]).to_text().contains("not attempted yet"));
        // Changed parameters: the parts follow them, and agree with the engine's backward pass.
        for (seed, x, y) in [(1, array![[0.5, -1.0]], 0.3), (2, array![[1.0, 2.0]], 1.0)] {
            use crate::engine::{nn, Tensor};
            let parts = graph_gradients_parts_for(seed, &x, y);
            let model =
                nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(seed)).then(nn::Layer::Sigmoid);
            model.forward(&Tensor::from(x.clone())).mse_loss(&Tensor::from(array![[y]])).backward();
            let engine = [
                model.param("2.bias").grad()[0],
                model.param("0.bias").grad()[0],
                model.param("2.weight").grad()[[0, 0]],
            ];
            let ours = [parts[1].right, parts[4].right, parts[2].right];
            for (o, e) in ours.iter().zip(engine) {
                assert!((o - e).abs() < 1e-12, "seed {seed}: ours {ours:?}, engine {engine:?}");
            }
        }
        let right = bias_gradient_after_two_passes_exercise().right;
        assert!((right - -0.379458).abs() < 1e-6, "{right}");
        let once = right / 2.0;
        assert!((once - graph_gradients_parts()[1].right).abs() < 1e-15, "once is Exercise 1.8 (b)");
        assert_eq!(bias_gradient_after_two_passes(None, once).verdict, Verdict::NotAttempted);
        assert!(bias_gradient_after_two_passes(Some(-0.379), once).passed());
        assert!(bias_gradient_after_two_passes(Some(-0.190), once).to_text().contains("one backward pass"));
        assert!(bias_gradient_after_two_passes(Some(0.0), once).to_text().contains("zero_grad"));
        assert!(bias_gradient_after_two_passes(Some(f64::NAN), once).to_text().contains("NaN"));
        // The new §6 predictions and Exercise 1.8 as chained lines.
        assert!(parameter_count(Some(13.0)).passed());
        let right = parameter_count(Some(13.0)).to_text();
        assert!(right.contains("exact count") && !right.contains("significant figures"), "a count is exact: {right}");
        assert!(parameter_count(Some(9.0)).to_text().contains("weights only"));
        assert_eq!(parameter_count(None).verdict, Verdict::NotAttempted);
        assert!(parameter_count(Some(f64::NAN)).to_text().contains("NaN"));
        for miscount in [10.0, 14.0, 15.0] {
            let text = parameter_count(Some(miscount)).to_text();
            assert!(text.contains("miscounts") && !text.contains("times too"), "{text}");
        }
        let y_hat = stored_network_prediction();
        assert!(loss_of_prediction(Some(0.16), y_hat, 1.0).passed());
        assert!(loss_of_prediction(Some(0.0786), y_hat, 1.0).to_text().contains("leaves the ½ out"));
        assert!(loss_of_prediction(Some(f64::NAN), y_hat, 1.0).to_text().contains("NaN"));
        let chain = |a: [f64; 5]| graph_chain(a, 0, &array![[1.0, 0.0]], &array![[1.0]]);
        assert_eq!(chain([f64::NAN; 5]).verdict, Verdict::NotAttempted);
        let d_yhat = 2.0 * (y_hat - 1.0);
        let d_z2 = d_yhat * y_hat * (1.0 - y_hat);
        let w2_11 = network_numbers(0, &array![[1.0, 0.0]]).1;
        let d_a1_1 = d_z2 * w2_11;
        let a1_1 = network_numbers(0, &array![[1.0, 0.0]]).2.max(0.0);
        assert!(chain([d_yhat, d_z2, d_z2 * a1_1, d_a1_1, d_a1_1]).passed());
        assert!(chain([d_yhat, d_z2, d_a1_1, d_a1_1, d_a1_1]).to_text().contains("That is (d)"));
        // (d) as (b) × a^[1]_1, the input instead of the weight: the value of (c), named as such.
        let swapped = chain([d_yhat, d_z2, d_z2 * a1_1, d_z2 * a1_1, f64::NAN]).to_text();
        assert!(swapped.contains("That is (c)") && swapped.contains("not its own value"), "{swapped}");
        // (c) differs from every other part, and from 0.
        assert!((d_z2 * a1_1 - d_a1_1).abs() > 1e-3 && (d_z2 * a1_1).abs() > 1e-3);
        assert!(chain([d_yhat, f64::NAN, f64::NAN, f64::NAN, f64::NAN]).to_text().contains("not attempted yet"));
        // Exercise 1.9, the training step: the theory guide's check, in this lesson's words.
        let right = |m: &nn::Sequential, o: &optim::Sgd, x: &Tensor, y: &Tensor| {
            let loss = m.forward(x).mse_loss(y);
            o.zero_grad();
            loss.backward();
            o.step();
            loss.item()
        };
        let passed = training_step(right);
        assert!(passed.passed() && passed.to_text().contains("Exercise 1.9"), "{}", passed.to_text());
        let todo = |_: &nn::Sequential, _: &optim::Sgd, _: &Tensor, _: &Tensor| -> f64 { todo!() };
        assert_eq!(training_step(todo).verdict, Verdict::NotAttempted);
        let no_zero = |m: &nn::Sequential, o: &optim::Sgd, x: &Tensor, y: &Tensor| {
            let loss = m.forward(x).mse_loss(y);
            loss.backward();
            o.step();
            loss.item()
        };
        let hint = training_step(no_zero).to_text();
        assert!(
            hint.contains("§9, \"Two backward passes; your training step\"") && hint.contains("§9's five parts"),
            "{hint}"
        );
        let no_step = |m: &nn::Sequential, o: &optim::Sgd, x: &Tensor, y: &Tensor| {
            let loss = m.forward(x).mse_loss(y);
            o.zero_grad();
            loss.backward();
            loss.item()
        };
        let hint = training_step(no_step).to_text();
        assert!(hint.contains("§9's five parts") && !hint.contains("§2") && !hint.contains("§8"), "{hint}");
        assert_eq!(whose_step(todo), "none yet (my_training_step is todo!())");
        assert_eq!(whose_step(right), "yours");
        // The stand-in in the learner's body: the crate's five parts, named as the crate's, never checked as right.
        assert!(whose_step(training_step_stand_in).starts_with("the crate's stand-in"));
        let standing_in = training_step(training_step_stand_in);
        assert!(matches!(standing_in.verdict, Verdict::Waiting(_)), "{}", standing_in.to_text());
        assert!(standing_in.to_text().contains("training_step_stand_in"), "{}", standing_in.to_text());
        // Before the fifth part is named (after this check), the message does not count parts.
        assert!(standing_in.to_text().contains("your own training step") && !standing_in.to_text().contains("five"));
        assert!(training_step(right).passed(), "the stand-in's flag does not stay raised");
        let (m1, m2) = (
            nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(3)),
            nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(3)),
        );
        let (o1, o2) = (optim::Sgd::new(m1.parameters(), 0.1), optim::Sgd::new(m2.parameters(), 0.1));
        let (x, y) = (Tensor::from(array![[1.0, 0.0]]), Tensor::from(array![[1.0]]));
        assert_eq!(training_step_stand_in(&m1, &o1, &x, &y), right(&m2, &o2, &x, &y));
        assert_eq!(m1.param("0.bias").value(), m2.param("0.bias").value());
        // Another `once` (a changed parameters cell): the check follows it.
        assert!(bias_gradient_after_two_passes(Some(-0.0200), -0.01).passed());
        assert!(!bias_gradient_after_two_passes(Some(-0.00450), -0.01).passed());
    }

    #[test]
    fn the_neuron_step_written_in_five_steps() {
        let right = |n: &mut Neuron, x: &Array1<f64>, y: f64, lr: f64| {
            let pass = n.forward(x);
            let loss = crate::maths::half_squared_error(pass.a, y);
            let grads = n.backward(x, &pass, crate::maths::half_squared_error_grad(pass.a, y));
            n.step(&grads, lr);
            loss
        };
        assert!(neuron_step(right).passed(), "{}", neuron_step(right).to_text());
        let todo = |_: &mut Neuron, _: &Array1<f64>, _: f64, _: f64| -> f64 { todo!() };
        assert_eq!(neuron_step(todo).verdict, Verdict::NotAttempted);
        let after = |n: &mut Neuron, x: &Array1<f64>, y: f64, lr: f64| {
            right(n, x, y, lr);
            n.loss(x, y, Loss::HalfSquared)
        };
        assert!(neuron_step(after).to_text().contains("after the update"), "{}", neuron_step(after).to_text());
        let no_half = |n: &mut Neuron, x: &Array1<f64>, y: f64, lr: f64| 2.0 * right(n, x, y, lr);
        assert!(neuron_step(no_half).to_text().contains("without the ½"));
        let no_update = |n: &mut Neuron, x: &Array1<f64>, y: f64, _: f64| n.loss(x, y, Loss::HalfSquared);
        let missing = neuron_step(no_update).to_text();
        // The lesson's hand-written step has four parts (§4); the update is part 4.
        assert!(missing.contains("part 4, the update, is missing") && !missing.contains("part 5"), "{missing}");
        let uphill = |n: &mut Neuron, x: &Array1<f64>, y: f64, lr: f64| update_with(n, x, y, -lr, 1.0);
        assert!(neuron_step(uphill).to_text().contains("uphill"));
        let doubled = |n: &mut Neuron, x: &Array1<f64>, y: f64, lr: f64| update_with(n, x, y, lr, 2.0);
        assert!(neuron_step(doubled).to_text().contains("2(a − y)"));
        let nan = |n: &mut Neuron, _: &Array1<f64>, _: f64, _: f64| {
            n.b = f64::NAN;
            0.0
        };
        assert!(neuron_step(nan).to_text().contains("NaN"));
        let panics = |_: &mut Neuron, _: &Array1<f64>, _: f64, _: f64| -> f64 { panic!("bad step") };
        assert!(neuron_step(panics).to_text().contains("panicked"));
        // The stand-in in the learner's body: the crate's five parts, named as the crate's, never checked as right.
        assert_eq!(whose_neuron_step(todo), "none yet (my_neuron_step is todo!())");
        assert_eq!(whose_neuron_step(right), "yours");
        assert!(whose_neuron_step(neuron_step_stand_in).starts_with("the crate's stand-in"));
        let standing_in = neuron_step(neuron_step_stand_in);
        assert!(matches!(standing_in.verdict, Verdict::Waiting(_)), "{}", standing_in.to_text());
        assert!(standing_in.to_text().contains("neuron_step_stand_in"), "{}", standing_in.to_text());
        assert!(neuron_step(right).passed(), "the stand-in's flag does not stay raised");
        let (mut a, x, y, lr) = neuron_step_start();
        let mut b = a.clone();
        assert_eq!(neuron_step_stand_in(&mut a, &x, y, lr), right(&mut b, &x, y, lr));
        assert_eq!((a.w, a.b), (b.w, b.b));
    }

    #[test]
    fn the_bias_after_one_step_predicted_first() {
        let (x, y) = (array![[1.0, 0.0]], array![[1.0]]);
        let e = bias_after_step_exercise();
        assert!((e.right - 0.0467492).abs() < 1e-6, "{}", e.right);
        assert!(bias_after_step(Some(0.0467), 0, &x, &y, 0.1).passed());
        // 0.0277763 + 0.0189729 = 0.0467492, but the accepted 3-figure gradient −0.190 gives 0.0467763: 0.0468 is right too.
        let chained = bias_after_step(Some(0.0468), 0, &x, &y, 0.1);
        assert!(chained.passed() && chained.to_text().contains("3-figure values"), "{}", chained.to_text());
        assert!(!bias_after_step(Some(0.0469), 0, &x, &y, 0.1).passed());
        assert_eq!(bias_after_step(None, 0, &x, &y, 0.1).verdict, Verdict::NotAttempted);
        let uphill = bias_after_step(Some(0.00880), 0, &x, &y, 0.1).to_text();
        assert!(uphill.contains("with its gradient") && !uphill.contains("0.0467"), "{uphill}");
        assert!(bias_after_step(Some(0.0278), 0, &x, &y, 0.1).to_text().contains("before the step"));
        assert!(!bias_after_step(Some(f64::NAN), 0, &x, &y, 0.1).passed());
        // Another learning rate: the check follows it.
        assert!(bias_after_step(Some(0.0657), 0, &x, &y, 0.2).passed());
    }

    #[test]
    fn start_heres_neuron_box_by_box() {
        let chain = |l: [f64; 5]| start_here_chain(l, -0.5, 0.5, 3.0, 1.0);
        let right = [0.268941, -0.731059, 0.196612, -0.143735, -0.431205];
        let parts = start_here_chain_parts(-0.5, 0.5, 3.0, 1.0);
        for (p, r) in parts.iter().zip(right) {
            assert!((p.right - r).abs() < 1e-5, "{}: {} vs {r}", p.exercise, p.right);
        }
        assert_eq!(chain([f64::NAN; 5]).verdict, Verdict::NotAttempted);
        assert!(chain([0.269, -0.731, 0.197, -0.144, -0.431]).passed());
        let text = chain([0.269, f64::NAN, f64::NAN, f64::NAN, f64::NAN]).to_text();
        assert!(text.contains("Right: a") && text.contains("not attempted yet"), "{text}");
        assert!(chain([0.269, 0.731, 0.197, 0.144, 0.431]).to_text().contains("a minus y"));
        assert!(chain([0.269, -0.731, 0.269, -0.197, -0.590]).to_text().contains("σ(z) itself"));
        assert!(chain([0.269, -0.731, 0.197, -0.144, -0.144]).to_text().contains("forgot ·x"));
        assert!(chain([0.269, -0.731, 0.197, -0.144, f64::INFINITY]).to_text().contains("∞"));
        assert!(start_here_chain([1.0, 1.0, 1.0, 1.0, 1.0], 0.0, 0.0, 1.0, 1.0).to_text().contains("None right yet"));
    }

    #[test]
    fn the_one_neuron_labels() {
        use crate::engine::nn;
        let one = nn::Sequential::new(vec![
            nn::Linear::from_weights(array![[0.0, 0.0]], array![0.0]).into(),
            nn::Layer::Sigmoid,
        ]);
        let y_hat = one.forward(&Tensor::from(array![[1.0, 0.0]]));
        label_one_neuron(&one, &y_hat);
        let labels = [one.param("0.weight").label(), one.param("0.bias").label(), y_hat.inputs()[0].label()];
        assert_eq!(labels, ["w (0.weight)", "b (0.bias)", "z (linear)"].map(String::from));
    }

    #[test]
    fn the_net_labels_and_the_nudge() {
        use crate::engine::nn;
        let model =
            nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut crate::maths::rng(0)).then(nn::Layer::Sigmoid);
        label_net_params(&model);
        let y_hat = model.forward(&Tensor::from(array![[1.0, 0.0]]));
        label_net_boxes(&y_hat);
        let z2 = y_hat.inputs()[0].clone();
        let a1 = z2.inputs()[0].clone();
        let z1 = a1.inputs()[0].clone();
        let labels =
            [model.param("0.weight").label(), model.param("2.bias").label(), z2.label(), a1.label(), z1.label()];
        let want = ["W^[1] (0.weight)", "b^[2] (2.bias)", "z^[2] (linear)", "a^[1] (relu)", "z^[1] (linear)"];
        assert_eq!(labels, want.map(String::from));
        let before = model.param("2.bias").value()[0];
        nudge_param(&model, "2.bias", 1e-3);
        assert!((model.param("2.bias").value()[0] - before - 1e-3).abs() < 1e-15);
        assert_eq!(model.param("2.bias").grad()[0], 0.0);
    }

    #[test]
    fn worked_factors_of_the_chain_rule() {
        let (x, w) = (array![1.0, 0.0], array![0.0, 0.0]);
        let check = |a: [Option<f64>; 3]| worked_factors(a, &x, &w, 0.0, 1.0);
        let rights: Vec<f64> = worked_factors_parts(&x, &w, 0.0, 1.0).iter().map(|p| p.right).collect();
        assert_eq!(rights, vec![-0.5, 0.25, -0.125]);
        assert_eq!(check([None, None, None]).verdict, Verdict::NotAttempted);
        assert!(check([Some(-0.5), Some(0.25), Some(-0.125)]).passed());
        assert!(check([Some(-0.50), Some(0.250), Some(-0.1250)]).passed());
        // Only the product, copied from §2's last nudge ratio and rounded, leaves the factors to do.
        let text = check([None, None, Some(-0.125)]).to_text();
        assert!(
            text.contains("(1) a − y: not attempted yet") && text.contains("(2) a(1 − a): not attempted yet"),
            "{text}"
        );
        // The ratio itself, to its printed figures, is refused and named.
        for copied in [-0.124969, -0.12497] {
            let c = check([Some(-0.5), Some(0.25), Some(copied)]);
            assert!(!c.passed() && c.to_text().contains("nudge ratios"), "{copied}: {}", c.to_text());
        }
        for (answers, hint) in [
            ([Some(0.5), Some(0.25), Some(-0.125)], "sign is flipped"),
            ([Some(-1.0), Some(0.25), Some(-0.125)], "without the ½"),
            ([Some(-0.5), Some(0.5), Some(-0.125)], "a itself"),
            ([Some(-0.5), Some(0.235), Some(-0.125)], "slope at a"),
            ([Some(-0.5), Some(0.25), Some(-0.5)], "left out factor 2"),
            ([Some(-0.5), Some(0.25), Some(0.125)], "sign is flipped"),
        ] {
            let text = check(answers).to_text();
            assert!(text.contains(hint) && !check(answers).passed(), "{answers:?}: {text}");
            assert!(
                !text.contains("-0.125") && !text.contains("0.25 ") && !text.contains("-0.5"),
                "{answers:?}: {text}"
            );
        }
        assert!(!check([Some(f64::NAN), Some(0.25), Some(-0.125)]).passed());
        assert!(!check([Some(f64::INFINITY), Some(0.25), Some(-0.125)]).passed());
        // Another parameters cell: y = 0.2, a target the output has passed, flips factor 1 and the product.
        let other = |a: [Option<f64>; 3]| worked_factors(a, &x, &w, 0.0, 0.2);
        assert!(other([Some(0.3), Some(0.25), Some(0.075)]).passed());
        assert!(other([Some(-0.3), Some(0.25), Some(-0.075)]).to_text().contains("sign is flipped"));
    }

    #[test]
    fn worked_dl_dw1_by_the_chain_rule() {
        let (x, w) = (array![1.0, 0.0], array![0.0, 0.0]);
        let check = |a: Option<f64>| worked_dl_dw1(a, &x, &w, 0.0, 1.0);
        assert_eq!(worked_dl_dw1_exercise(&x, &w, 0.0, 1.0).right, -0.125);
        assert_eq!(check(None).verdict, Verdict::NotAttempted);
        assert!(check(Some(-0.125)).passed());
        assert!(check(Some(-0.1250)).passed());
        assert!(check(Some(-0.12500)).passed());
        // §2's nudge ratio (h = 0.001 prints −0.124969), copied to 5 or more figures, is named, not passed.
        for copied in [-0.124969, -0.12497, -0.1249688] {
            let text = check(Some(copied)).to_text();
            assert!(
                !check(Some(copied)).passed() && text.contains("nudge ratios") && !text.contains("-0.125"),
                "{copied}: {text}"
            );
        }
        for (slip, hint) in [
            (0.125, "sign is flipped"),
            (-0.5, "left out factor 2"),
            (-0.25, "without the ½"),
            (-0.0, "∂L/∂w₂"),
            (-0.118, "slope at a"),
        ] {
            let text = check(Some(slip)).to_text();
            assert!(text.contains(hint) && !text.contains("-0.125"), "{slip}: {text}");
        }
        assert!(check(Some(f64::NAN)).to_text().contains("NaN"));
        // Another parameters cell: x = [2, 1], w = [0.5, 0.5], b = 0, y = 1 gives Exercise 1.6's −0.0544;
        // here ∂L/∂z differs from ∂L/∂w₁, and its slip is named.
        let (x2, w2) = (array![2.0, 1.0], array![0.5, 0.5]);
        assert!(worked_dl_dw1(Some(-0.0544), &x2, &w2, 0.0, 1.0).passed());
        assert!(worked_dl_dw1(Some(-0.0272), &x2, &w2, 0.0, 1.0).to_text().contains("∂L/∂z"));
        // The lesson asks it for §2's neuron as stored (above); with x = [3, 0], three times §2's input (the
        // Practice after its Summary), z and a stay, factor 3 is x₁ = 3, and −0.125 (∂L/∂z) is a named slip.
        let x3 = array![3.0, 0.0];
        let asked = |a: Option<f64>| worked_dl_dw1(a, &x3, &w, 0.0, 1.0);
        assert_eq!(worked_dl_dw1_exercise(&x3, &w, 0.0, 1.0).right, -0.375);
        assert_eq!(asked(None).verdict, Verdict::NotAttempted);
        assert!(asked(Some(-0.375)).passed());
        for (slip, hint) in
            [(-0.125, "∂L/∂z"), (-0.75, "without the ½"), (0.375, "sign is flipped"), (-1.5, "left out factor 2")]
        {
            let text = asked(Some(slip)).to_text();
            assert!(text.contains(hint) && !text.contains("-0.375"), "{slip}: {text}");
        }
        assert!(asked(Some(f64::NAN)).to_text().contains("NaN"));
    }
}
