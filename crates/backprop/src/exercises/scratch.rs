//! Exercises of Backpropagation From Scratch, and the checks of the scalar
//! engine the learner builds in it.
//!
//! | file | what it checks |
//! |---|---|
//! | `scratch/chain.rs` | 3.1, the one-neuron chain rule; 3.5, a value used twice; `a.grad` after the obvious line; §4's dL/dW and dL/dX on a batch of two, and one entry of dL/dX with two outputs, by hand; 3.12, a `Linear` layer's dL/dw on a batch of three |
//! | `scratch/locals.rs` | 3.2–3.4, the local derivatives of mul, tanh and pow; [`yours_or_crates`] |
//! | `scratch/engine.rs` | each operation of the learner's `Value`, and its `backward`, against `Tensor`; 3.6, the order `visit` places the nodes in; 3.7, `backward` |
//! | `scratch/build.rs` | no check: [`show_graph`] draws the learner's graph, [`progress`] lists which functions of the build are theirs |
//! | `scratch/steps.rs` | `epoch_step` (§6's training step), with its stand-in; the factor between §6's first gradients |
//! | `scratch/network.rs` | the learner's network, 3.8 (its training step) and its training, against `nn::Sequential` |
//! | here | 3.9–3.11 and 3.13: a `Linear` layer's gradient shape, `dl_dx` and backward pass, the MSE gradient, whether W ends above or below its target; [`sgd_step`], one update θ − lr·∂L/∂θ, is not an exercise of the lesson |

mod build;
mod chain;
mod engine;
mod locals;
mod network;
mod steps;

pub use build::{progress, show_graph, whose_engine};
pub use chain::{
    a_grad_after_the_obvious_line, batch_dl_dw, batch_dl_dx, cached_dl_dw, neuron_gradients, shared_node_boxes,
    two_output_dl_dx, BATCH_DL_DY, BATCH_W, BATCH_X, TWO_OUTPUT_DL_DOUT, TWO_OUTPUT_W,
};
#[cfg(test)]
pub(crate) use chain::{
    a_grad_after_the_obvious_line_exercise, batch_dl_dw_parts, batch_dl_dx_parts, cached_dl_dw_exercise, neuron_parts,
    shared_node_parts, two_output_dl_dx_exercise,
};
pub use engine::{
    backward_of, check_add, check_backward, check_mul, check_pow, check_tanh, topological_order_of, visit_order,
};
pub use locals::{mul_local, pow_local, tanh_local, yours_or_crates, yours_or_crates_lazily};
pub use network::{
    check_network, check_train_step, check_training, check_weighted_sum, parameter_count, train_step_or_crates,
    train_step_stand_in, weighted_sum_node, weighted_sum_or_crates,
};
#[cfg(test)]
pub(crate) use steps::first_gradient_factor_exercise;
pub use steps::{
    check_epoch_step, epoch_step_or_crates, epoch_step_stand_in, first_gradient_factor, first_gradients,
    mse_grad_stand_in, whose_epoch_step,
};

use super::attempt::{attempt, is_placeholder, not_finite_hint, panic_hint, run_quietly, Attempt};
use super::function::first_not_finite;
use super::{Check, Verdict};
use crate::by_hand::linear_backward;
use crate::maths::{numeric_gradient, sgd_update, Loss};
use ndarray::{array, Array, Array1, Array2, Dimension};

/// Exercise 3.11: the MSE gradient dL/dpred = 2(pred − target)/M, with M every
/// element, checked against the crate's and against central differences of the loss.
pub fn mse_gradient(mine: impl Fn(&Array2<f64>, &Array2<f64>) -> Array2<f64>) -> Check {
    let exercise = "Exercise 3.11";
    let (pred, target) = (array![[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]], array![[0.0, 2.5], [1.0, -1.0], [2.0, 1.0]]);
    let got = match attempt(|| mine(&pred, &target)) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            return Check::new(exercise, Verdict::NotYet(panic_hint("Your function", &message)))
        }
    };
    let right = Loss::Mse.mean_grad(&pred, &target);
    let close = |k: f64| got.iter().zip(&right).all(|(a, b)| (a - k * b).abs() < 1e-12);
    let verdict = if got.shape() != right.shape() {
        Verdict::NotYet(format!(
            "Your gradient has shape {:?}; it must have pred's shape {:?}.",
            got.shape(),
            right.shape()
        ))
    } else if let Some(hint) = first_not_finite("Your gradient", &got) {
        Verdict::NotYet(format!("{hint} Re-read §5."))
    } else if close(1.0) {
        // The third oracle: central differences of the loss itself.
        let flat = Array1::from_iter(pred.iter().copied());
        let numeric =
            numeric_gradient(|p| Loss::Mse.mean(&p.to_shape(pred.raw_dim()).unwrap().to_owned(), &target), &flat, 1e-6);
        let gap = numeric.iter().zip(&got).map(|(n, g)| (n - g).abs()).fold(0.0, f64::max);
        Verdict::Correct(format!(
            "It matches the crate's gradient, and central differences of the loss to {gap:.1e}. The mean is over all M = B·O elements, and the square brings down the factor 2."
        ))
    } else if close(0.5) {
        Verdict::NotYet("Off by a factor of 2: where does the square's exponent go? Re-read §5.".into())
    } else if close(2.0) {
        Verdict::NotYet(
            "Twice too large: with 2 outputs per sample, M is batch × outputs, not the batch size. Re-read §5.".into(),
        )
    } else if close(-1.0) {
        Verdict::NotYet("The sign is flipped: it is pred − target. Re-read §5.".into())
    } else {
        Verdict::NotYet(
            "Differentiate mean((pred − target)²) by one element of pred, and compare with yours. Re-read §5.".into(),
        )
    };
    Check::new(exercise, verdict)
}

/// One gradient-descent update of a single parameter, θ − lr·∂L/∂θ (not an
/// exercise of the lesson: §6's `epoch_step` does this update inside it).
pub fn sgd_step(mine: impl Fn(f64, f64, f64) -> f64) -> Check {
    let exercise = "One update, θ − lr·∂L/∂θ";
    let cases = [(0.5, 0.2, 0.1), (0.5, -0.2, 0.1), (-1.0, 3.0, 0.01), (2.0, 0.0, 0.5)];
    let got = match attempt(|| cases.iter().map(|&(w, g, lr)| mine(w, g, lr)).collect::<Vec<f64>>()) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            return Check::new(exercise, Verdict::NotYet(panic_hint("Your function", &message)))
        }
    };
    let wrong = cases
        .iter()
        .zip(&got)
        .find(|(&(w, g, lr), &mine)| (mine - sgd_update(w, g, lr)).abs() > 1e-12 || mine.is_nan());
    let verdict = match wrong {
        None => Verdict::Correct("θ − lr·∂L/∂θ: a step against the gradient, scaled by the learning rate.".into()),
        Some((&(w, g, lr), &mine)) => {
            let case = format!("With w = {w}, grad = {g}, lr = {lr}");
            if let Some(hint) = not_finite_hint(&format!("{case}, your update"), mine) {
                Verdict::NotYet(format!("{hint} Re-read §6."))
            } else if (mine - (w + lr * g)).abs() < 1e-12 {
                Verdict::NotYet(format!("{case} you step with the gradient, uphill. Re-read §6."))
            } else {
                Verdict::NotYet(format!("{case} your update is off. Re-read §6."))
            }
        }
    };
    Check::new(exercise, verdict)
}

/// Exercise 3.13: after `epochs` epochs of §6's loop (seed, lr and epochs of its
/// `parameters` cell), is W above or below its target 3? `answer` is `"above"`
/// or `"below"`; `""` means not attempted. The hint for a wrong answer follows
/// the right one, and "below" tells apart a W that never reached 3 from one that
/// went past 3 and came back.
pub fn w_above_or_below(answer: &str, seed: u64, lr: f64, epochs: usize) -> Check {
    let exercise = "Exercise 3.13";
    let fit = scratch_line_fit(seed, lr, epochs);
    if !(fit.w.is_finite() && fit.b.is_finite()) {
        return Check::new(
            exercise,
            Verdict::NotYet(format!(
                "With lr = {lr} the training diverges, so W ends neither above nor below 3: lower lr in the parameters cell."
            )),
        );
    }
    let above = fit.w > 3.0;
    let came_back = !above && fit.highest_w > 3.0;
    let right = if above { "above" } else { "below" };
    let verdict = match answer.trim().to_lowercase().as_str() {
        "" => Verdict::NotAttempted,
        a if a == right => Verdict::Correct(if above {
            "W goes past 3. dL/dW = 2·mean(error × x) weighs each error by an input as large as 5, so W moves fast; dL/db = 2·mean(error), twice the mean error, so b creeps. While b is still short of 2, a line a little steeper than 3x fits the data better, so W overshoots, and comes back as b climbs.".into()
        } else if came_back {
            format!("W went past 3 on the way, while b was still short of 2, and came back below 3 as b climbed: after {epochs} epochs it is just under its target. With fewer epochs it ends above 3.")
        } else {
            format!("With lr = {lr} and {epochs} epochs, W has not reached 3 yet: re-run with more epochs or a larger lr and it goes past 3 while b is still short of 2.")
        }),
        "above" | "below" if above => Verdict::NotYet(
            "Look at the factor you computed in \"Compute, then check: the first gradients\": dL/dW is about 3 times dL/db, so W moves fast and b creeps. While b is still short of 2, which slope fits the data best: exactly 3, more, or less?".into(),
        ),
        "above" | "below" if came_back => Verdict::NotYet(format!(
            "W may well go past 3 on the way, but {epochs} epochs is a long run: by the end, b has had time to climb close to 2. Once b is near 2, which slope fits the data best, and where does W head from above?"
        )),
        "above" | "below" => Verdict::NotYet(format!(
            "W starts near 0 and each epoch moves it by lr times its gradient. With lr = {lr} and {epochs} epochs, does it get as far as 3 at all? Try a few epochs by hand with the factor you computed in \"Compute, then check: the first gradients\"."
        )),
        other => Verdict::NotYet(format!("Write \"above\" or \"below\", not {other:?}.")),
    };
    Check::new(exercise, verdict)
}

/// W and b after §6's loop, and the highest W it reached on the way.
struct LineFit {
    w: f64,
    b: f64,
    highest_w: f64,
}

/// §6's loop: (W, b) after `epochs` epochs, NaN if it diverged.
fn scratch_line_fit(seed: u64, lr: f64, epochs: usize) -> LineFit {
    use crate::by_hand::{Linear, MseLoss};
    use crate::maths::{randn, rng, uniform};
    let mut init = rng(seed);
    let x = uniform(&mut init, 100, 1, 0.0, 5.0);
    let y = x.mapv(|v| 3.0 * v + 2.0) + randn(&mut init, 100, 1) * 0.1;
    let mut model = Linear::from_weights(randn(&mut init, 1, 1) * 0.1, Array1::zeros(1));
    let mut loss = MseLoss::new();
    let mut highest_w = model.w[[0, 0]];
    for _ in 0..epochs {
        let pred = model.forward(&x);
        let l = loss.forward(&pred, &y);
        if !l.is_finite() {
            return LineFit { w: f64::NAN, b: f64::NAN, highest_w }; // diverged
        }
        model.backward(&loss.backward());
        model.step(lr);
        highest_w = highest_w.max(model.w[[0, 0]]);
    }
    LineFit { w: model.w[[0, 0]], b: model.b[0], highest_w }
}

/// Exercise 3.9: the shape of `dl_dw` for a `Linear(4 → 3)` layer on a batch of 5.
pub fn dl_dw_shape(answer: [usize; 2]) -> Check {
    let verdict = match answer {
        [0, 0] => Verdict::NotAttempted,
        [3, 4] => Verdict::Correct("dl_dw always has w's shape, O × I: the batch is summed away.".into()),
        [4, 3] => Verdict::NotYet("Transposed: the crate's Linear stores w as out × in. Re-read §4.".into()),
        [5, _] | [_, 5] => Verdict::NotYet(
            "The batch size does not appear: every sample adds into the same gradient. Re-read §4.".into(),
        ),
        _ => Verdict::NotYet("A gradient has the shape of what it is the gradient of. Re-read §4.".into()),
    };
    Check::new("Exercise 3.9", verdict)
}

/// "Write the line: `dl_dx`" (§4): the learner's ∂L/∂X = (∂L/∂Y)·W from
/// ∂L/∂Y (B × O) and W (O × I), for the layer of Exercise 3.9 (4 inputs,
/// 3 outputs, a batch of 5). Names a transposed result, a product that does
/// not fit, and a result of W's or ∂L/∂Y's shape.
///
/// # Shapes
/// dl_dout: B × O, w: O × I; the learner returns B × I.
pub fn dl_dx_line(mine: impl Fn(&Array2<f64>, &Array2<f64>) -> Array2<f64>) -> Check {
    let exercise = "Write the line: `dl_dx`";
    let dl_dout = array![[1.0, -1.0, 0.5], [0.5, 2.0, 0.0], [0.0, 1.0, -2.0], [-1.0, 0.5, 1.0], [2.0, 0.0, 0.5]];
    let w = array![[0.1, -0.2, 0.3, 0.0], [0.4, 0.0, -0.5, 1.0], [-0.3, 0.2, 0.1, 0.5]];
    let reread = "Re-read the start of §4.";
    let got = match attempt(|| mine(&dl_dout, &w)) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            return Check::new(
                exercise,
                Verdict::NotYet(format!(
                    "{} A matrix product needs the inner sizes to agree: dL/dY is B × O and W is O × I, so which order multiplies along O? {reread}",
                    panic_hint("Your line", &message)
                )),
            )
        }
    };
    let right = dl_dout.dot(&w);
    let verdict = if let Some(hint) = first_not_finite("Your dl_dx", &got) {
        Verdict::NotYet(format!("{hint} {reread}"))
    } else if got.shape() == [4, 5] {
        Verdict::NotYet(format!(
            "Transposed: your dl_dx is {:?}, I × B, but it has the shape of X, B × I (one row per sample). {reread}",
            got.shape()
        ))
    } else if got.shape() != [5, 4] {
        Verdict::NotYet(format!(
            "Your dl_dx has shape {:?}: it has the shape of X, the layer's input, B × I = [5, 4] here (W is [3, 4], dL/dY is [5, 3]). {reread}",
            got.shape()
        ))
    } else if got.iter().zip(&right).all(|(g, r)| (g - r).abs() <= 1e-12 * (1.0 + r.abs())) {
        Verdict::Correct(
            "(dL/dY)·W: B × O times O × I gives B × I, X's shape. Each sample's error goes back through the same weights that carried its input forward, so the layer before can go on with the chain.".into(),
        )
    } else {
        Verdict::NotYet(format!(
            "The shape is right, but the numbers differ: it is one product of dL/dY and W, nothing more. {reread}"
        ))
    };
    Check::new(exercise, verdict)
}

/// A `Linear` backward pass: (dL/dY, X, W) ↦ (dL/dX, dL/dW, dL/db), as [`linear_backward`].
pub type LinearBackward = fn(&Array2<f64>, &Array2<f64>, &Array2<f64>) -> (Array2<f64>, Array2<f64>, Array1<f64>);

/// Exercise 3.10: a `Linear` backward pass with a planted bug; the learner fixes it.
pub fn fixed_linear_backward(
    mine: impl Fn(&Array2<f64>, &Array2<f64>, &Array2<f64>) -> (Array2<f64>, Array2<f64>, Array1<f64>),
) -> Check {
    let exercise = "Exercise 3.10";
    let x = array![[1.0, 2.0, 0.5], [0.0, -1.0, 3.0], [2.0, 1.0, -1.0], [0.5, 0.5, 0.5], [1.0, 0.0, 2.0]];
    let w = array![[0.1, -0.2, 0.3], [0.4, 0.0, -0.5]];
    let dl_dout = array![[1.0, -1.0], [0.5, 2.0], [0.0, 1.0], [-1.0, 0.5], [2.0, 0.0]];
    let (gx, gw, gb) = match run_quietly(|| mine(&dl_dout, &x, &w)) {
        Ok(got) => got,
        // Its first line calls the learner's my_dl_dx, whose todo!() message says "dL/dX from dl_dout".
        Err(message) if is_placeholder(&message) && message.contains("dL/dX from dl_dout") => {
            return Check::new(
                exercise,
                Verdict::Waiting("Your backward pass calls your my_dl_dx, which is still todo!(): write its line (\"Write the line: `dl_dx`\" above) and pass its check first, then re-run.".into()),
            )
        }
        Err(message) if is_placeholder(&message) => return Check::new(exercise, Verdict::NotAttempted),
        Err(message) => return Check::new(exercise, Verdict::NotYet(panic_hint("Your backward pass", &message))),
    };
    let (rx, rw, rb) = linear_backward(&dl_dout, &x, &w);
    let planted = x.t().dot(&dl_dout); // the lesson's buggy line
                                       // Equal up to rounding: the learner's products may add their terms in another order than the crate's.
    let (dx_right, db_right) = (close_to(&gx, &rx), close_to(&gb, &rb));
    let not_finite = first_not_finite("Your dl_dx", &gx)
        .or_else(|| first_not_finite("Your dl_dw", &gw))
        .or_else(|| first_not_finite("Your dl_db", &gb));
    let verdict = if close_to(&gw, &planted) && dx_right && db_right {
        Verdict::NotYet(
            "This is still the planted line: of the two lines after your my_dl_dx, one gives a gradient that does not have the shape of what it is the gradient of (w is O × I, b has O entries). Write in its place the product of dL/dY and X that has that shape, then re-run its cell and this check."
                .into(),
        )
    } else if gw.shape() != rw.shape() {
        Verdict::NotYet(format!(
            "dl_dw has shape {:?} but w has shape {:?}: a transpose is missing or misplaced. Re-read §4.",
            gw.shape(),
            rw.shape()
        ))
    } else if let Some(hint) = not_finite {
        Verdict::NotYet(format!("{hint} Re-read §4."))
    } else if !(dx_right && close_to(&gw, &rw) && db_right) {
        Verdict::NotYet("The shapes fit now, but the numbers differ: check each product against §4.".into())
    } else {
        Verdict::Correct("(dL/dY)ᵀ·X is the only product of dL/dY and X with w's shape.".into())
    };
    Check::new(exercise, verdict)
}

/// Equal shapes, and every entry equal up to rounding (a relative 1e-12): sums in another order still agree.
fn close_to<D: Dimension>(got: &Array<f64, D>, right: &Array<f64, D>) -> bool {
    got.shape() == right.shape() && got.iter().zip(right).all(|(g, r)| (g - r).abs() <= 1e-12 * (1.0 + r.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Axis;

    type A = Array2<f64>;

    #[test]
    fn the_mse_gradient_in_every_case() {
        let right = mse_gradient(|p: &A, t: &A| (p - t) * (2.0 / p.len() as f64));
        assert!(right.passed() && right.to_text().contains("central differences"), "{}", right.to_text());
        assert!(mse_gradient(|p: &A, t: &A| (p - t) * (2.0 / p.nrows() as f64))
            .to_text()
            .contains("M is batch × outputs"));
        assert!(mse_gradient(|p: &A, t: &A| (p - t) / p.len() as f64).to_text().contains("factor of 2"));
        assert!(mse_gradient(|p: &A, t: &A| (t - p) * (2.0 / p.len() as f64)).to_text().contains("sign is flipped"));
        assert_eq!(mse_gradient(|_: &A, _: &A| todo!()).verdict, Verdict::NotAttempted);
        assert!(mse_gradient(|p: &A, _: &A| p.mapv(|_| f64::NAN)).to_text().contains("NaN"));
        assert!(mse_gradient(|p: &A, _: &A| p.mapv(|_| f64::INFINITY)).to_text().contains("+∞"));
        assert!(mse_gradient(|p: &A, t: &A| p.dot(t)).to_text().contains("panicked"));
    }

    #[test]
    fn the_sgd_step_in_every_case() {
        assert!(sgd_step(|w, g, lr| w - lr * g).passed());
        assert!(sgd_step(|w, g, lr| w + lr * g).to_text().contains("uphill"));
        assert!(sgd_step(|w, g, _| w - g).to_text().contains("is off"));
        assert_eq!(sgd_step(|_, _, _| todo!()).verdict, Verdict::NotAttempted);
        assert!(sgd_step(|_, _, _| f64::NAN).to_text().contains("NaN"));
        assert!(sgd_step(|w, g, lr| w - lr * g / 0.0).to_text().contains("∞"));
        assert!(sgd_step(|_, _, _| panic!("bad")).to_text().contains("panicked"));
    }

    #[test]
    fn the_above_or_below_prediction() {
        // As stored (seed 42, lr 0.01, 100 epochs), W overshoots to 3.19.
        let above = w_above_or_below("above", 42, 0.01, 100);
        assert!(above.passed() && above.to_text().contains("twice the mean error"), "{}", above.to_text());
        assert!(w_above_or_below(" Above ", 42, 0.01, 100).passed(), "either case");
        assert!(w_above_or_below("below", 42, 0.01, 100).to_text().contains("the factor you computed"));
        assert_eq!(w_above_or_below("", 42, 0.01, 100).verdict, Verdict::NotAttempted);
        assert!(w_above_or_below("x", 42, 0.01, 100).to_text().contains("not \"x\""));
        // Too few epochs: W has not reached 3.
        assert!(w_above_or_below("below", 42, 0.01, 5).passed());
        assert!(w_above_or_below("above", 42, 10.0, 100).to_text().contains("diverges"));
        // A small rate: W ends at 2.77 and never went past 3; "above" gets a hint towards "below".
        let slow = scratch_line_fit(42, 0.001, 100);
        assert!(slow.w < 3.0 && slow.highest_w < 3.0, "{} {}", slow.w, slow.highest_w);
        let right = w_above_or_below("below", 42, 0.001, 100);
        assert!(right.passed() && right.to_text().contains("has not reached 3 yet"), "{}", right.to_text());
        let wrong = w_above_or_below("above", 42, 0.001, 100);
        assert!(!wrong.passed() && wrong.to_text().contains("does it get as far as 3"), "{}", wrong.to_text());
        assert!(!wrong.to_text().contains("which slope fits the data best: exactly 3, more, or less"));
        // A long run: W went past 3 and came back to 2.99; the message says so, not "has not reached 3".
        let long = scratch_line_fit(42, 0.01, 3000);
        assert!(long.w < 3.0 && long.highest_w > 3.0, "{} {}", long.w, long.highest_w);
        let right = w_above_or_below("below", 42, 0.01, 3000);
        assert!(right.passed() && right.to_text().contains("came back below 3"), "{}", right.to_text());
        assert!(!right.to_text().contains("has not reached 3"), "{}", right.to_text());
        let wrong = w_above_or_below("above", 42, 0.01, 3000);
        assert!(!wrong.passed() && wrong.to_text().contains("where does W head from above"), "{}", wrong.to_text());
    }

    #[test]
    fn the_dl_dx_line_in_every_case() {
        assert!(dl_dx_line(|g: &A, w: &A| g.dot(w)).passed());
        assert_eq!(dl_dx_line(|_: &A, _: &A| todo!()).verdict, Verdict::NotAttempted);
        assert!(dl_dx_line(|g: &A, w: &A| g.dot(w).t().to_owned()).to_text().contains("Transposed"));
        assert!(dl_dx_line(|g: &A, w: &A| w.dot(g)).to_text().contains("inner sizes"));
        assert!(dl_dx_line(|_: &A, w: &A| w.clone()).to_text().contains("shape of X"));
        assert!(dl_dx_line(|g: &A, w: &A| g.dot(w) * 2.0).to_text().contains("numbers differ"));
        assert!(dl_dx_line(|g: &A, w: &A| g.dot(w) / 0.0).to_text().contains("∞"));
    }

    #[test]
    fn the_shape_prediction() {
        assert!(dl_dw_shape([3, 4]).passed() && dl_dw_shape([4, 3]).to_text().contains("Transposed"));
        assert_eq!(dl_dw_shape([0, 0]).verdict, Verdict::NotAttempted);
        assert!(dl_dw_shape([5, 3]).to_text().contains("batch size"));
    }

    #[test]
    fn the_fixed_backward_pass_in_every_case() {
        assert!(fixed_linear_backward(|g: &A, x: &A, w: &A| (g.dot(w), g.t().dot(x), g.sum_axis(Axis(0)))).passed());
        // Another order of summation, as a learner's own loops may add the terms, rounds differently: still right.
        let by_loops = fixed_linear_backward(|g: &A, x: &A, w: &A| {
            let mut dl_dw = A::zeros((g.ncols(), x.ncols()));
            for s in (0..g.nrows()).rev() {
                for j in 0..g.ncols() {
                    for k in 0..x.ncols() {
                        dl_dw[[j, k]] += g[[s, j]] * x[[s, k]];
                    }
                }
            }
            (g.dot(w), dl_dw, g.sum_axis(Axis(0)))
        });
        assert!(by_loops.passed(), "{}", by_loops.to_text());
        let rounded_apart = fixed_linear_backward(|g: &A, x: &A, w: &A| {
            (g.dot(w) * (1.0 + 1e-15), g.t().dot(x) * (1.0 - 1e-15), g.sum_axis(Axis(0)))
        });
        assert!(rounded_apart.passed(), "a difference in the last bits is rounding: {}", rounded_apart.to_text());
        let planted = fixed_linear_backward(|g: &A, x: &A, w: &A| (g.dot(w), x.t().dot(g), g.sum_axis(Axis(0))));
        let untouched = planted.to_text();
        assert!(untouched.contains("still the planted line") && !untouched.contains("placeholder"), "{untouched}");
        let wrong = fixed_linear_backward(|g: &A, x: &A, w: &A| (g.dot(w), g.t().dot(x) * 2.0, g.sum_axis(Axis(0))));
        assert!(wrong.to_text().contains("numbers differ"), "{}", wrong.to_text());
        let nan = fixed_linear_backward(|g: &A, x: &A, w: &A| (g.dot(w), g.t().dot(x) * f64::NAN, g.sum_axis(Axis(0))));
        assert!(nan.to_text().contains("NaN"), "{}", nan.to_text());
        let inf = fixed_linear_backward(|g: &A, x: &A, w: &A| {
            (g.dot(w).mapv(|v| v + f64::INFINITY), g.t().dot(x), g.sum_axis(Axis(0)))
        });
        assert!(inf.to_text().contains("∞"), "{}", inf.to_text());
        assert_eq!(fixed_linear_backward(|_: &A, _: &A, _: &A| todo!()).verdict, Verdict::NotAttempted);
        let dl_dx_todo = fixed_linear_backward(|g: &A, _: &A, w: &A| {
            todo!("dL/dX from dl_dout of shape {:?} and w of shape {:?}", g.shape(), w.shape())
        });
        assert!(
            dl_dx_todo.to_text().contains("calls your my_dl_dx, which is still todo!()"),
            "{}",
            dl_dx_todo.to_text()
        );
        assert!(fixed_linear_backward(|g: &A, x: &A, _: &A| (g.dot(x), g.clone(), g.sum_axis(Axis(0))))
            .to_text()
            .contains("panicked"));
    }

    #[test]
    fn the_predictions_and_the_weighted_sum() {
        assert!(a_grad_after_the_obvious_line(Some(1.0)).passed());
        assert_eq!(a_grad_after_the_obvious_line_exercise().right, 1.0);
        assert!(a_grad_after_the_obvious_line(Some(2.0)).to_text().contains("replaces"));
        let layers = [
            (Array2::zeros((4, 3)), Array1::zeros(4)),
            (Array2::zeros((4, 4)), Array1::zeros(4)),
            (Array2::zeros((1, 4)), Array1::zeros(1)),
        ];
        assert!(parameter_count(Some(41), &layers).passed());
        assert!(parameter_count(Some(32), &layers).to_text().contains("weights only"));
        assert_eq!(parameter_count(None, &layers).verdict, Verdict::NotAttempted);
        let exact = |w: &[f64], x: &[f64], b: f64| {
            let (z, local) = weighted_sum_node(w, x, b);
            (z, local)
        };
        assert!(check_weighted_sum(exact).passed());
        assert_eq!(
            check_weighted_sum(|_: &[f64], _: &[f64], _: f64| -> (f64, Vec<f64>) { todo!() }).verdict,
            Verdict::NotAttempted
        );
        let cut = |w: &[f64], x: &[f64], b: f64| (weighted_sum_node(w, x, b).0, vec![0.0; 2 * w.len() + 1]);
        assert!(check_weighted_sum(cut).to_text().contains("right number"));
        let no_bias = |w: &[f64], x: &[f64], b: f64| {
            let (z, local) = weighted_sum_node(w, x, b);
            (z - b, local)
        };
        assert!(check_weighted_sum(no_bias).to_text().contains("leaves out the bias"));
    }
}
