//! The training step the learner writes around the lesson's `Linear` layer:
//! `epoch_step` (§6, one step of training with the learner's own loss gradient
//! and backward pass), with the stand-in its body calls until the learner
//! replaces that line.

use crate::by_hand::{linear_backward, Linear, MseLoss};
use crate::exercises::attempt::{
    attempt, is_placeholder, panic_hint, run_quietly, watching, yours_or_stand_in, Attempt,
};
use crate::exercises::function::first_not_finite;
use crate::exercises::number::NumberExercise;
use crate::exercises::{Check, Verdict};
use crate::maths::Loss;
use ndarray::{array, Array1, Array2};

thread_local! {
    /// Raised when a stand-in of this file runs for a learner's function still `todo!()`.
    static STEPS_STOOD_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Raised by [`epoch_step_stand_in`] when it runs in place of the learner's
    /// lines; read through [`watching`].
    static EPOCH_STEP_STOOD_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The lesson's training step (§6): (model, x, y, lr) ↦ the loss before the update.
type Step<'a> = &'a dyn Fn(&mut Linear, &Array2<f64>, &Array2<f64>, f64) -> f64;

/// The crate's stand-in for the learner's `epoch_step`: forward, loss with an
/// `MseLoss` of its own, `Linear::backward` with `MseLoss::backward` (each from
/// what its forward cached), and `Linear::step`; the loss before the update.
/// The body of the lesson's `epoch_step` calls it until the learner replaces
/// that line; meanwhile [`check_epoch_step`] says "not checked yet" and
/// [`whose_epoch_step`] names the stand-in.
///
/// # Shapes
/// x: B × I, y: B × O for a layer with I inputs and O outputs.
///
/// # Panics
/// If the shapes do not fit the layer, or `lr` is not a finite number above 0.
#[track_caller]
pub fn epoch_step_stand_in(model: &mut Linear, x: &Array2<f64>, y: &Array2<f64>, lr: f64) -> f64 {
    EPOCH_STEP_STOOD_IN.with(|raised| raised.set(true));
    crates_epoch_step(model, x, y, lr)
}

/// The crate's step itself, without raising the stand-in's flag.
fn crates_epoch_step(model: &mut Linear, x: &Array2<f64>, y: &Array2<f64>, lr: f64) -> f64 {
    let mut criterion = MseLoss::new();
    let pred = model.forward(x);
    let loss = criterion.forward(&pred, y);
    model.backward(&criterion.backward());
    model.step(lr);
    loss
}

/// The learner's `epoch_step(model, x, y, lr)`, or, while its body is
/// `todo!()`, [`epoch_step_stand_in`]. Returns the loss before the update.
///
/// # Shapes
/// x: B × I, y: B × O for a layer with I inputs and O outputs.
///
/// # Panics
/// If the learner's function panics with anything but `todo!()`, or the shapes
/// do not fit the layer.
#[track_caller]
pub fn epoch_step_or_crates(
    yours: impl Fn(&mut Linear, &Array2<f64>, &Array2<f64>, f64) -> f64,
    model: &mut Linear,
    x: &Array2<f64>,
    y: &Array2<f64>,
    lr: f64,
) -> f64 {
    let mut mine = model.clone();
    let loss = yours_or_stand_in(&STEPS_STOOD_IN, "epoch_step", || Some(yours(&mut mine, x, y, lr)), || None);
    match loss {
        Some(loss) => {
            *model = mine;
            loss
        }
        None => crates_epoch_step(model, x, y, lr),
    }
}

/// Which `epoch_step` trains, for the line under the training loop: the
/// learner's, tried once on a copy of `model` (so nothing else changes), or the
/// crate's stand-in while the learner's body still calls [`epoch_step_stand_in`].
///
/// # Shapes
/// x: B × I, y: B × O for a layer with I inputs and O outputs.
#[track_caller]
pub fn whose_epoch_step(
    yours: impl Fn(&mut Linear, &Array2<f64>, &Array2<f64>, f64) -> f64,
    model: &Linear,
    x: &Array2<f64>,
    y: &Array2<f64>,
    lr: f64,
) -> &'static str {
    let mut probe = model.clone();
    match watching(&EPOCH_STEP_STOOD_IN, || attempt(|| yours(&mut probe, x, y, lr))) {
        (_, true) => "(the crate's epoch_step_stand_in: your epoch_step still calls it)",
        (Attempt::Todo, _) => "(none yet: your epoch_step stops at a todo!())",
        _ => "(your epoch_step)",
    }
}

/// dL/dpred of the MSE, 2(pred − target)/M with M every element: the crate's
/// stand-in for the learner's `my_mse_grad` (Exercise 3.11).
///
/// # Shapes
/// pred and target: B × O; returns B × O.
///
/// # Panics
/// If the two shapes differ.
#[track_caller]
pub fn mse_grad_stand_in(pred: &Array2<f64>, target: &Array2<f64>) -> Array2<f64> {
    Loss::Mse.mean_grad(pred, target)
}

/// The gradients of §6's first step, (dL/dW, dL/db) of a layer with weights
/// `w` whose predictions on the batch `x` are `pred`: dL/dpred from
/// `my_mse_grad`, then `my_linear_backward`, each the learner's once its own
/// check (Exercises 3.11 and 3.10) says correct, the crate's until then. Prints
/// one line per function saying which ran.
///
/// # Shapes
/// pred and target: B × O, x: B × I, w: O × I; returns O × I and O.
///
/// # Panics
/// If the shapes do not fit.
#[track_caller]
pub fn first_gradients(
    my_mse_grad: impl Fn(&Array2<f64>, &Array2<f64>) -> Array2<f64>,
    my_linear_backward: impl Fn(&Array2<f64>, &Array2<f64>, &Array2<f64>) -> (Array2<f64>, Array2<f64>, Array1<f64>),
    pred: &Array2<f64>,
    target: &Array2<f64>,
    x: &Array2<f64>,
    w: &Array2<f64>,
) -> (Array2<f64>, Array1<f64>) {
    let mse_yours = super::mse_gradient(&my_mse_grad).passed();
    let layer_yours = super::fixed_linear_backward(&my_linear_backward).passed();
    println!(
        "loss gradient: {}",
        if mse_yours { "your my_mse_grad" } else { "the crate's, standing in until yours passes Exercise 3.11" }
    );
    println!(
        "layer backward: {}",
        if layer_yours {
            "your my_linear_backward"
        } else {
            "the crate's linear_backward, standing in until yours passes Exercise 3.10"
        }
    );
    let dl_dpred = if mse_yours { my_mse_grad(pred, target) } else { mse_grad_stand_in(pred, target) };
    let (_, dl_dw, dl_db) =
        if layer_yours { my_linear_backward(&dl_dpred, x, w) } else { linear_backward(&dl_dpred, x, w) };
    (dl_dw, dl_db)
}

/// How a step may be written: right, or one of the usual slips.
#[derive(Clone, Copy)]
enum Slip {
    Right,
    Uphill,
    NoLr,
    NoBias,
    LossAfter,
}

/// The check's batch: four samples of two inputs, one output each, and a layer
/// that starts at w = [0.5, −0.3], b = 0.1.
fn step_example() -> (Linear, Array2<f64>, Array2<f64>) {
    let x = array![[1.0, 2.0], [0.5, -1.0], [2.0, 0.0], [-1.0, 1.5]];
    let y = array![[3.0], [-0.5], [2.0], [1.0]];
    (Linear::from_weights(array![[0.5, -0.3]], array![0.1]), x, y)
}

/// Two steps written with `slip`: the two losses returned, and (w, b) after them.
fn two_steps_with(slip: Slip, lr: f64) -> (Vec<f64>, Array2<f64>, Array1<f64>) {
    let (mut model, x, y) = step_example();
    let mut losses = Vec::new();
    for _ in 0..2 {
        let pred = model.forward(&x);
        let loss = Loss::Mse.mean(&pred, &y);
        let (_, dl_dw, dl_db) = linear_backward(&Loss::Mse.mean_grad(&pred, &y), &x, &model.w);
        let (k, kb) = match slip {
            Slip::Right | Slip::LossAfter => (-lr, -lr),
            Slip::Uphill => (lr, lr),
            Slip::NoLr => (-1.0, -1.0),
            Slip::NoBias => (-lr, 0.0),
        };
        model.w = &model.w + &(dl_dw * k);
        model.b = &model.b + &(dl_db * kb);
        losses.push(match slip {
            Slip::LossAfter => Loss::Mse.mean(&model.forward(&x), &y),
            _ => loss,
        });
    }
    (losses, model.w, model.b)
}

/// The learner's function, called by their `epoch_step`, whose `todo!()` a panic
/// message comes from (by the message the lesson gives it), or `None` for
/// `epoch_step`'s own.
fn still_todo(message: &str) -> Option<&'static str> {
    [
        ("my_mse_grad (Exercise 3.11)", "dL/dpred for pred of shape"),
        ("my_dl_dx (\"Write the line: `dl_dx`\", called by your my_linear_backward)", "dL/dX from dl_dout of shape"),
    ]
    .iter()
    .find(|(_, piece)| message.contains(piece))
    .map(|(name, _)| *name)
}

/// "Write the function: `epoch_step`": the learner's one step of training on a
/// `Linear` layer (forward, loss, backward with their gradients, update),
/// returning the loss before the update. Run twice from the same first weights
/// on a small batch of its own, and compared with the crate's layer trained the
/// same way.
pub fn check_epoch_step(yours: impl Fn(&mut Linear, &Array2<f64>, &Array2<f64>, f64) -> f64) -> Check {
    let exercise = "Write the function: `epoch_step`";
    let not_yet = |hint: String| Check::new(exercise, Verdict::NotYet(format!("{hint} Re-read the five parts above.")));
    let lr = 0.05;
    let (_, stood_in) = watching(&EPOCH_STEP_STOOD_IN, || {
        let (mut model, x, y) = step_example();
        attempt(|| yours(&mut model, &x, &y, lr))
    });
    if stood_in {
        return Check::new(
            exercise,
            Verdict::Waiting(
                "epoch_step still calls the crate's stand-in, epoch_step_stand_in: replace that line with your five parts, then run this check again."
                    .into(),
            ),
        );
    }
    let step: Step = &yours;
    // One step at a time: a W that changes shape (a transposed dl_dw) stops the run before the next forward pass.
    let run = run_quietly(|| {
        let (mut model, x, y) = step_example();
        let shape = model.w.dim();
        let mut losses = Vec::new();
        for _ in 0..2 {
            losses.push(step(&mut model, &x, &y, lr));
            if model.w.dim() != shape {
                return Err((shape, model.w.dim()));
            }
        }
        Ok((losses, model.w, model.b))
    });
    let (losses, w, b) = match run {
        Ok(Ok(run)) => run,
        Ok(Err((was, now))) => {
            return not_yet(format!(
                "Your W changed shape, from {was:?} to {now:?}: dl_dw must have W's shape, outputs × inputs. Does your my_linear_backward pass Exercise 3.10?"
            ))
        }
        Err(message) if is_placeholder(&message) => {
            return Check::new(
                exercise,
                match still_todo(&message) {
                    Some(name) => Verdict::NotYet(format!(
                        "Your epoch_step calls {name}, which is still todo!(): write it and pass its check, then re-run this cell."
                    )),
                    None => Verdict::NotAttempted,
                },
            )
        }
        Err(message) => return Check::new(exercise, Verdict::NotYet(panic_hint("Your epoch_step", &message))),
    };
    if let Some(hint) = first_not_finite("Your losses", &losses)
        .or_else(|| first_not_finite("Your weights", &w))
        .or_else(|| first_not_finite("Your bias", &b))
    {
        return not_yet(hint);
    }
    let same = |got: &[f64], want: &[f64]| {
        got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() <= 1e-9 * (1.0 + w.abs()))
    };
    let is = |slip: Slip, lr: f64| {
        let (l, ww, wb) = two_steps_with(slip, lr);
        (
            same(&losses, &l.to_vec()),
            same(w.as_slice().unwrap_or(&[]), ww.as_slice().unwrap()),
            same(&b.to_vec(), &wb.to_vec()),
        )
    };
    let (start, _, _) = step_example();
    match is(Slip::Right, lr) {
        (true, true, true) => {
            return Check::new(
                exercise,
                Verdict::Correct(
                    "After two steps W and b equal the crate's layer trained the same way, and each returned loss is the loss before its update. \
                     Part 3 had nothing to clear: your functions return fresh arrays at every step, so no gradient carries over."
                        .into(),
                ),
            )
        }
        (false, true, true) => {
            let after = is(Slip::LossAfter, lr).0;
            return not_yet(if after {
                "Your W and b are right, but the loss you return is the loss after the update: return the loss of part 2, computed before the update.".into()
            } else {
                "Your W and b are right, but the loss you return is not the loss of part 2: return the loss of part 1's predictions, Loss::Mse.mean(&pred, target).".into()
            });
        }
        _ => {}
    }
    let b_still = same(&b.to_vec(), &start.b.to_vec());
    if b_still && is(Slip::NoBias, lr).1 {
        return not_yet("Your W moves, but b does not: part 5, the update, moves the bias too, with dl_db.".into());
    }
    if same(w.as_slice().unwrap_or(&[]), start.w.as_slice().unwrap()) && same(&b.to_vec(), &start.b.to_vec()) {
        return not_yet(
            "Your W and b have not moved: part 5, the update, assigns model.w and model.b their new values.".into(),
        );
    }
    if matches!(is(Slip::Uphill, lr), (_, true, true)) {
        return not_yet("Your update climbs the loss: subtract lr times each gradient, do not add it.".into());
    }
    if matches!(is(Slip::NoLr, lr), (_, true, true)) {
        return not_yet(format!("Your steps are 1/lr = {} times too large: multiply each gradient by lr.", 1.0 / lr));
    }
    not_yet("After two steps your W and b differ from the crate's layer trained the same way: check the five parts, in order, and that part 4 uses dl_dpred from the loss and the layer's input x.".into())
}

/// "Compute, then check: the first gradients" (§6): the factor |dL/dW| / |dL/db|
/// of a one-input `Linear` layer at its first weights `model` on the batch `x`,
/// `target`, with the MSE loss, asked to 2 significant figures (a prediction of
/// its size). Names the mean input (the factor if every error were the same),
/// the ratio upside down, and a negative factor.
///
/// # Shapes
/// x and target: B × 1; `model` has one input and one output.
///
/// # Panics
/// If the shapes do not fit the layer.
#[track_caller]
pub fn first_gradient_factor(answer: Option<f64>, x: &Array2<f64>, target: &Array2<f64>, model: &Linear) -> Check {
    first_gradient_factor_exercise(x, target, model).check(answer)
}

pub(crate) fn first_gradient_factor_exercise(x: &Array2<f64>, target: &Array2<f64>, model: &Linear) -> NumberExercise {
    let pred = model.clone().forward(x);
    let (_, dl_dw, dl_db) = linear_backward(&Loss::Mse.mean_grad(&pred, target), x, &model.w);
    let right = (dl_dw[[0, 0]] / dl_db[0]).abs();
    let mean_x = x.mean().unwrap_or(0.0);
    NumberExercise {
        exercise: "Compute, then check: the first gradients",
        right,
        figures: 2,
        why: "dL/dW weighs each sample's error by its input, and at the first weights the errors are larger where x is larger.".into(),
        hints: vec![
            (
                mean_x,
                "That is the mean input: it would be the factor if every error were the same. Here each error is about −(3x + 2), larger where x is larger, and dL/dW weighs those large errors by the large inputs.".into(),
            ),
            (1.0 / right, "That is the factor upside down: |dL/dW| divided by |dL/db|, and dL/dW weighs each error by an input between 0 and 5.".into()),
            (-right, "A factor of sizes is positive: divide |dL/dW| by |dL/db|.".into()),
        ],
        reread: "§4 (dL/dW sums error × input), §5 (the 2/M) and the steps of the task above",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn right_step(model: &mut Linear, x: &Array2<f64>, y: &Array2<f64>, lr: f64) -> f64 {
        let pred = model.forward(x);
        let loss = Loss::Mse.mean(&pred, y);
        let (_, dl_dw, dl_db) = linear_backward(&mse_grad_stand_in(&pred, y), x, &model.w);
        model.w = &model.w - &(dl_dw * lr);
        model.b = &model.b - &(dl_db * lr);
        loss
    }

    #[test]
    fn the_stand_in_takes_the_right_step_and_says_it_ran() {
        let x = array![[1.0, 2.0], [0.5, -1.0], [-2.0, 0.25]];
        let y = array![[1.0], [0.0], [-1.0]];
        let (mut theirs, mut ours) = (
            Linear::from_weights(array![[0.5, -0.3]], array![0.1]),
            Linear::from_weights(array![[0.5, -0.3]], array![0.1]),
        );
        let (loss, stood_in) = watching(&EPOCH_STEP_STOOD_IN, || epoch_step_stand_in(&mut theirs, &x, &y, 0.1));
        let expected = right_step(&mut ours, &x, &y, 0.1);
        assert!(stood_in, "the stand-in raises its flag");
        assert!((loss - expected).abs() < 1e-12, "loss before the update: {loss} against {expected}");
        let gap = (&theirs.w - &ours.w).iter().chain((&theirs.b - &ours.b).iter()).fold(0.0_f64, |m, d| m.max(d.abs()));
        assert!(gap < 1e-12, "the stand-in's update is the right one; largest difference {gap:e}");
    }

    #[test]
    fn the_epoch_step_check_in_every_case() {
        assert!(check_epoch_step(right_step).passed(), "{}", check_epoch_step(right_step).to_text());
        assert!(check_epoch_step(right_step).to_text().contains("Part 3 had nothing to clear"), "the answer to part 3");
        assert!(check_epoch_step(crates_epoch_step).passed(), "the crate's Linear path agrees");
        // The stand-in in the learner's body: the crate's step, named as the crate's, never checked as right.
        let standing_in = check_epoch_step(epoch_step_stand_in);
        assert!(
            matches!(standing_in.verdict, Verdict::Waiting(_)) && standing_in.to_text().contains("epoch_step_stand_in"),
            "{}",
            standing_in.to_text()
        );
        assert!(check_epoch_step(right_step).passed(), "the stand-in's flag does not stay raised");
        let todo = |_: &mut Linear, _: &Array2<f64>, _: &Array2<f64>, _: f64| -> f64 { todo!() };
        assert_eq!(check_epoch_step(todo).verdict, Verdict::NotAttempted);
        let with = |wk: f64, bk: f64, after: bool| {
            move |model: &mut Linear, x: &Array2<f64>, y: &Array2<f64>, lr: f64| {
                let pred = model.forward(x);
                let loss = Loss::Mse.mean(&pred, y);
                let (_, dl_dw, dl_db) = linear_backward(&mse_grad_stand_in(&pred, y), x, &model.w);
                model.w = &model.w - &(dl_dw * (wk * lr));
                model.b = &model.b - &(dl_db * (bk * lr));
                if after {
                    Loss::Mse.mean(&model.forward(x), y)
                } else {
                    loss
                }
            }
        };
        let text = |c: Check| c.to_text();
        assert!(text(check_epoch_step(with(-1.0, -1.0, false))).contains("climbs the loss"));
        assert!(text(check_epoch_step(with(1.0 / 0.05, 1.0 / 0.05, false))).contains("too large"));
        assert!(text(check_epoch_step(with(1.0, 0.0, false))).contains("b does not"));
        assert!(text(check_epoch_step(with(0.0, 0.0, false))).contains("not moved"));
        assert!(text(check_epoch_step(with(1.0, 1.0, true))).contains("after the update"));
        assert!(text(check_epoch_step(with(2.0, 2.0, false))).contains("differ"));
        let nan = |_: &mut Linear, _: &Array2<f64>, _: &Array2<f64>, _: f64| f64::NAN;
        assert!(text(check_epoch_step(nan)).contains("NaN"));
        let helper_todo = |_: &mut Linear, x: &Array2<f64>, _: &Array2<f64>, _: f64| -> f64 {
            todo!("dL/dpred for pred of shape {:?} and target", x.shape())
        };
        assert!(
            text(check_epoch_step(helper_todo)).contains("calls my_mse_grad (Exercise 3.11), which is still todo!()")
        );
        let transposed = |model: &mut Linear, x: &Array2<f64>, y: &Array2<f64>, lr: f64| {
            let pred = model.forward(x);
            let loss = Loss::Mse.mean(&pred, y);
            let dl_dw = x.t().dot(&mse_grad_stand_in(&pred, y)); // I × O: the bug of Exercise 3.10
            model.w = &model.w - &(dl_dw * lr);
            loss
        };
        assert!(text(check_epoch_step(transposed)).contains("changed shape"), "{}", text(check_epoch_step(transposed)));
        let boom = |_: &mut Linear, _: &Array2<f64>, _: &Array2<f64>, _: f64| -> f64 { panic!("bad") };
        assert!(text(check_epoch_step(boom)).contains("panicked"));
    }

    #[test]
    fn epoch_step_or_crates_runs_yours_or_the_stand_in() {
        let (mut model, x, y) = step_example();
        let todo = |_: &mut Linear, _: &Array2<f64>, _: &Array2<f64>, _: f64| -> f64 { todo!() };
        let l = epoch_step_or_crates(todo, &mut model, &x, &y, 0.05);
        let (mut again, _, _) = step_example();
        let want = crates_epoch_step(&mut again, &x, &y, 0.05);
        assert_eq!((l, &model.w), (want, &again.w));
        let (mut model, _, _) = step_example();
        let l = epoch_step_or_crates(right_step, &mut model, &x, &y, 0.05);
        assert_eq!((l, &model.w), (want, &again.w));
    }

    #[test]
    fn first_gradients_runs_yours_once_they_pass_or_the_crates() {
        let (mut model, x, y) = step_example();
        let pred = model.forward(&x);
        let want = linear_backward(&mse_grad_stand_in(&pred, &y), &x, &model.w);
        let todo_mse = |_: &Array2<f64>, _: &Array2<f64>| -> Array2<f64> { todo!() };
        let todo_layer =
            |_: &Array2<f64>, _: &Array2<f64>, _: &Array2<f64>| -> (Array2<f64>, Array2<f64>, Array1<f64>) { todo!() };
        assert_eq!(first_gradients(todo_mse, todo_layer, &pred, &y, &x, &model.w), (want.1.clone(), want.2.clone()));
        let mine = |p: &Array2<f64>, t: &Array2<f64>| (p - t) * (2.0 / p.len() as f64);
        let got = first_gradients(mine, linear_backward, &pred, &y, &x, &model.w);
        assert!(got.0.iter().zip(&want.1).all(|(g, r)| (g - r).abs() < 1e-12), "{got:?}");
        // A wrong loss gradient is not used: the crate's stands in until its check passes.
        let halved = |p: &Array2<f64>, t: &Array2<f64>| (p - t) / p.len() as f64;
        assert_eq!(first_gradients(halved, linear_backward, &pred, &y, &x, &model.w), (want.1, want.2));
    }
    #[test]
    fn the_first_gradient_factor_in_every_case() {
        // x = [1, 2, 3, 4], target = 3x + 2 = [5, 8, 11, 14], W = b = 0: pred = 0, errors −target;
        // dL/dW = 2·mean(−target·x) = −2·(5 + 16 + 33 + 56)/4 = −55, dL/db = −2·38/4 = −19: factor 55/19 = 2.89.
        let x = array![[1.0], [2.0], [3.0], [4.0]];
        let target = x.mapv(|v| 3.0 * v + 2.0);
        let model = Linear::from_weights(array![[0.0]], array![0.0]);
        let check = |a| first_gradient_factor(a, &x, &target, &model);
        assert!(check(Some(2.9)).passed());
        assert!(check(Some(2.89)).passed());
        assert_eq!(check(None).verdict, Verdict::NotAttempted);
        assert!(check(Some(2.5)).to_text().contains("That is the mean input"), "{}", check(Some(2.5)).to_text());
        assert!(check(Some(0.35)).to_text().contains("upside down"));
        assert!(check(Some(-2.9)).to_text().contains("positive"));
        assert!(!check(Some(2.5)).to_text().contains("2.9"), "never the answer");
        assert!(check(Some(f64::NAN)).to_text().contains("NaN"));
    }

    #[test]
    fn whose_epoch_step_names_the_one_that_ran() {
        let (model, x, y) = step_example();
        let todo = |_: &mut Linear, _: &Array2<f64>, _: &Array2<f64>, _: f64| -> f64 { todo!("one step") };
        assert_eq!(whose_epoch_step(todo, &model, &x, &y, 0.1), "(none yet: your epoch_step stops at a todo!())");
        assert_eq!(
            whose_epoch_step(epoch_step_stand_in, &model, &x, &y, 0.1),
            "(the crate's epoch_step_stand_in: your epoch_step still calls it)"
        );
        assert_eq!(whose_epoch_step(crates_epoch_step, &model, &x, &y, 0.1), "(your epoch_step)");
        assert_eq!(whose_epoch_step(right_step, &model, &x, &y, 0.1), "(your epoch_step)", "the flag comes down");
    }
}
