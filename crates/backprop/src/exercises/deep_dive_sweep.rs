//! The deep dive's Exercises 4.5 (write the backward sweep) and 4.6 (a training
//! step around it). The learner's `my_backward` walks from the output layer back
//! to the first, calling their own `my_weight_gradient` (Exercise 4.3) and
//! `my_hidden_delta` (Exercise 4.4) with each layer's slope function, and returns
//! every layer's (dL/dW, dL/db); it is checked against `DeltaNet` on the lesson's
//! three-layer network (ReLU, sigmoid, linear) and on the 2-4-2-1 network with a
//! batch of three. Their `my_train_step` moves every weight and every bias.

use super::attempt::{attempt, not_finite_hint, panic_hint, Attempt};
use super::deep_dive::{close, deep_net, worked_example};
use super::function::first_not_finite;
use super::{Check, Verdict};
use crate::by_hand::{DeltaNet, LayerCache};
use crate::maths::{relu_derivative, sigmoid_derivative, tanh_derivative, Activation, Loss};
use ndarray::{array, Array1, Array2};

/// One layer's gradients as the learner's sweep returns them: (dL/dW, dL/db).
type Grads = Vec<(Array2<f64>, Array1<f64>)>;

/// The learner's sweep: (weights, each layer's slope function, each layer's input,
/// each layer's z, the output layer's δ) → (dL/dW, dL/db) of every layer, first layer first.
type Sweep<'a> = dyn Fn(&[Array2<f64>], &[fn(f64) -> f64], &[Array2<f64>], &[Array2<f64>], &Array2<f64>) -> Grads + 'a;

/// The slope of an activation as a plain function of z (`Activation::derivative`,
/// as a `fn` the learner's code can hold).
fn slope_of(activation: Activation) -> fn(f64) -> f64 {
    match activation {
        Activation::Identity => |z| Activation::Identity.derivative(z),
        Activation::Sigmoid => sigmoid_derivative,
        Activation::Relu => relu_derivative,
        Activation::Tanh => tanh_derivative,
    }
}

/// Each layer's slope function φ′, first layer first, for `my_backward`.
pub fn slopes(net: &DeltaNet) -> Vec<fn(f64) -> f64> {
    net.activations.iter().map(|&a| slope_of(a)).collect()
}

/// The lesson's three-layer network (2 → 2 ReLU → 2 sigmoid → 1 linear) on its one sample.
fn three_layers() -> (DeltaNet, Array2<f64>, Array2<f64>) {
    use Activation::{Identity, Relu, Sigmoid};
    let net = DeltaNet::new(
        vec![array![[0.1, 0.3], [0.2, 0.4]], array![[0.7, -0.5], [0.4, 0.6]], array![[0.5, 0.6]]],
        vec![array![0.0, 0.0], array![0.1, -0.2], array![0.0]],
        vec![Relu, Sigmoid, Identity],
    );
    (net, array![[1.0, 2.0]], array![[1.0]])
}

/// A network of the sweep's check: (its name, its layers' names, the network, x, y).
type SweepNet = (&'static str, [&'static str; 3], DeltaNet, Array2<f64>, Array2<f64>);

/// The two networks of the check: the lesson's three-layer network and the
/// 2-4-2-1 network of Exercises 4.3 and 4.4 (ReLU, sigmoid, linear).
/// Each with the names of its layers in the hints: the lesson's letters A, B, C for the
/// three-layer network, numbers for the other.
fn sweep_nets() -> Vec<SweepNet> {
    let (three, x3, y3) = three_layers();
    let (deep, x, y) = deep_net();
    vec![
        ("the three-layer network (2-2-2-1, one sample)", ["A", "B", "C"], three, x3, y3),
        ("the 2-4-2-1 network (a batch of three)", ["1", "2", "3"], deep, x, y),
    ]
}

/// Exercise 4.5 (write the backward sweep): `mine(weights, slopes, inputs, zs, delta_out)`
/// must return (dL/dW, dL/db) of every layer, first layer first, as `DeltaNet::backward`.
pub fn backward_sweep(
    mine: impl Fn(&[Array2<f64>], &[fn(f64) -> f64], &[Array2<f64>], &[Array2<f64>], &Array2<f64>) -> Grads,
) -> Check {
    Check::new("Exercise 4.5", sweep_verdict(&mine))
}

fn sweep_verdict(mine: &Sweep) -> Verdict {
    let reread = "Re-read \"Any number of layers\": δ of the output layer first, then for l from the last layer down to the first: dL/dW and dL/db of layer l from its δ (and its input), and (if l is not the first layer) the δ of layer l − 1 from layer l's δ, layer l's weights, layer l − 1's z and layer l − 1's slope.";
    for (name, letters, net, x, y) in sweep_nets() {
        let caches = net.forward(&x);
        let right: Grads = net.backward(&caches, &y).into_iter().map(|g| (g.dl_dw, g.dl_db)).collect();
        let inputs: Vec<Array2<f64>> = caches.iter().map(|c| c.input.clone()).collect();
        let zs: Vec<Array2<f64>> = caches.iter().map(|c| c.z.clone()).collect();
        let delta_out = &caches[caches.len() - 1].a - &y;
        let got = match attempt(|| mine(&net.weights, &slopes(&net), &inputs, &zs, &delta_out)) {
            Attempt::Done(got) => got,
            Attempt::Todo => return Verdict::NotAttempted,
            Attempt::Panicked(message) => {
                return Verdict::NotYet(format!(
                    "{} On {name}: the layers are counted from 0 in code, so layer l's weights are weights[l], its input inputs[l] and its sums zs[l]; the δ handed back to layer l − 1 needs the weights between the two layers, and the sums and the slope of the layer that δ is for, and the first layer (l = 0) hands nothing back. {reread}",
                    panic_hint("Your function", &message)
                ))
            }
        };
        if let Some(verdict) = compare_sweep(name, &letters, &got, &right, reread) {
            return verdict;
        }
    }
    Verdict::Correct(
        "Every layer's dL/dW and dL/db match DeltaNet's, on the three-layer network with its sigmoid layer and on the 2-4-2-1 network with a batch of three: one δ per layer, handed back from the output to the first layer through each layer's own slope, each gradient from its own layer's δ. That loop is all of backpropagation.".into(),
    )
}

/// None when `got` equals `right` (every layer to 1e-12), else the hint.
fn compare_sweep(name: &str, letters: &[&str], got: &Grads, right: &Grads, reread: &str) -> Option<Verdict> {
    let layers = right.len();
    if got.len() != layers {
        return Some(Verdict::NotYet(format!(
            "On {name} ({layers} layers) your function returned {} pairs: it must return one (dL/dW, dL/db) per layer, {layers} in all, first layer first. {reread}",
            got.len()
        )));
    }
    for (l, (gw, gb)) in got.iter().enumerate() {
        if let Some(hint) = first_not_finite(&format!("Your dL/dW of layer {}", letters[l]), gw) {
            return Some(Verdict::NotYet(format!("On {name}: {hint} {reread}")));
        }
        if gb.iter().any(|v| !v.is_finite()) {
            return Some(Verdict::NotYet(format!(
                "On {name}: your dL/db of layer {} holds NaN or ±∞: {gb}. {reread}",
                letters[l]
            )));
        }
    }
    let ws = |g: &Grads| -> Vec<Array2<f64>> { g.iter().map(|p| p.0.clone()).collect() };
    let same = |a: &[Array2<f64>], b: &[Array2<f64>]| a.iter().zip(b).all(|(p, q)| close(p, q));
    let (got_w, right_w) = (ws(got), ws(right));
    if same(&got_w, &right_w) {
        let wrong: Vec<String> = (0..layers)
            .filter(|&l| {
                got[l].1.len() != right[l].1.len()
                    || got[l].1.iter().zip(&right[l].1).any(|(p, q)| (p - q).abs() > 1e-12)
            })
            .map(|l| letters[l].to_string())
            .collect();
        if wrong.is_empty() {
            return None;
        }
        return Some(Verdict::NotYet(format!(
            "On {name} every dL/dW is right, but dL/db of layer(s) {} is not: by R4 a layer's bias gradient is its δ added up over the batch, one number per unit, `delta.sum_axis(Axis(0))`, taken from the same δ as that layer's dL/dW. {reread}",
            wrong.join(", ")
        )));
    }
    let unfilled: Vec<String> = (0..layers).filter(|&l| got[l].0.is_empty()).map(|l| letters[l].to_string()).collect();
    if !unfilled.is_empty() {
        return Some(Verdict::NotYet(format!(
            "On {name} your dL/dW of layer(s) {} is still the empty pair you started grads with: your loop never filled it. The loop must visit every layer once, the output layer first (code index weights.len() − 1) and the first layer last (code index 0); `(a..b).rev()` counts down from b − 1 to a. {reread}",
            unfilled.join(", ")
        )));
    }
    let reversed: Vec<Array2<f64>> = right_w.iter().rev().cloned().collect();
    if same(&got_w, &reversed) {
        return Some(Verdict::NotYet(format!(
            "On {name} your gradients are right but in the order you computed them, output layer first: the result must be first layer first, like the weights (fill grads[l] for layer l, or reverse the list at the end). {reread}"
        )));
    }
    for (l, (g, r)) in got_w.iter().zip(&right_w).enumerate() {
        if g.shape() == [r.ncols(), r.nrows()] && r.nrows() != r.ncols() {
            return Some(Verdict::NotYet(format!(
                "On {name} your dL/dW of layer {} is {} × {}, transposed: it must have the shape of that layer's weights, {} × {}. Does your my_weight_gradient pass Exercise 4.3's check? {reread}",
                letters[l],
                g.nrows(),
                g.ncols(),
                r.nrows(),
                r.ncols()
            )));
        }
        if g.shape() != r.shape() {
            return Some(Verdict::NotYet(format!(
                "On {name} your dL/dW of layer {} has shape {:?}; it must have that layer's weights' shape {:?}. {reread}",
                letters[l],
                g.shape(),
                r.shape()
            )));
        }
    }
    let wrong: Vec<String> =
        (0..layers).filter(|&l| !close(&got_w[l], &right_w[l])).map(|l| letters[l].to_string()).collect();
    let output_right = close(&got_w[layers - 1], &right_w[layers - 1]);
    Some(Verdict::NotYet(if output_right {
        format!(
            "On {name} the output layer's dL/dW is right but layer(s) {} are not: the δ you hand back goes wrong. To hand the δ of layer l back, my_hidden_delta needs that δ, the weights between layer l − 1 and layer l (which layer's list entry holds them?), and the sums and the slope of the layer the new δ is for: layer l, or layer l − 1? Check the index you give zs and slopes. Does your my_hidden_delta pass Exercise 4.4's check? {reread}",
            wrong.join(", ")
        )
    } else {
        format!(
            "On {name} even the output layer's dL/dW differs from DeltaNet's (layer(s) {} are wrong): it is my_weight_gradient(&delta_out, &inputs[last]), with the output δ as it is passed in and the output layer's own input. {reread}",
            wrong.join(", ")
        )
    }))
}

/// The learner's training step: (the network, x, y, lr) → the loss before the step.
type Step<'a> = dyn Fn(&mut DeltaNet, &Array2<f64>, &Array2<f64>, f64) -> f64 + 'a;

/// The crate's training step, the stand-in for `my_train_step`: forward pass,
/// loss, `DeltaNet`'s backward pass from the output δ ŷ − y (as `my_train_step`
/// hands it to `my_backward`: a linear output's with ½(ŷ − y)², a sigmoid
/// output's with the binary cross-entropy), and W ← W − lr·dL/dW,
/// b ← b − lr·dL/db on every layer. Returns the loss it descends ([`step_loss`]), before the step.
pub fn train_step_stand_in(net: &mut DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64) -> f64 {
    let caches = net.forward(x);
    let loss = step_loss(net, &caches, y);
    let grads = net.backward_from_delta(&caches, &(&caches[caches.len() - 1].a - y));
    net.step(&grads, lr);
    loss
}

/// Part 2 of Exercise 4.6's `my_train_step`: the loss, summed over the batch, whose gradient at
/// the output layer's sums is ŷ − y, the step's `delta_out`. For a sigmoid output (XOR) that is
/// the binary cross-entropy; for any other output (the worked example's linear one) ½(ŷ − y)²,
/// as [`DeltaNet::loss`].
///
/// # Panics
/// If y does not have the output's shape.
#[track_caller]
pub fn step_loss(net: &DeltaNet, caches: &[LayerCache], y: &Array2<f64>) -> f64 {
    if !matches!(net.activations.last(), Some(Activation::Sigmoid)) {
        return net.loss(caches, y);
    }
    let y_hat = &caches[caches.len() - 1].a;
    assert!(
        y_hat.shape() == y.shape(),
        "step_loss: y has shape {:?} but the output has shape {:?}",
        y.shape(),
        y_hat.shape()
    );
    y_hat.iter().zip(y).map(|(&a, &t)| Loss::Bce.value(a, t)).sum()
}

/// Whether `mine` still stops at a `todo!()` (its own, or my_backward's inside it).
fn still_todo(mine: &Step) -> bool {
    let (mut net, x, y) = worked_example();
    matches!(attempt(|| mine(&mut net, &x, &y, 0.1)), Attempt::Todo)
}

/// Exercise 4.6's training cell: one step with the learner's `my_train_step` once
/// it runs (no `todo!()` left in it or in their my_backward), else with the crate's
/// stand-in. Returns the loss before the step.
pub fn train_step_or_stand_in(
    mine: impl Fn(&mut DeltaNet, &Array2<f64>, &Array2<f64>, f64) -> f64,
    net: &mut DeltaNet,
    x: &Array2<f64>,
    y: &Array2<f64>,
    lr: f64,
) -> f64 {
    if still_todo(&mine) {
        train_step_stand_in(net, x, y, lr)
    } else {
        mine(net, x, y, lr)
    }
}

/// Which step Exercise 4.6's training cell runs: the learner's, or the stand-in. The learner's
/// step runs as soon as it has no `todo!()` left; when it does not pass Exercise 4.6's check,
/// the line says so, so that a wrong step is not blamed on the seed or the number of epochs.
pub fn which_train_step(mine: impl Fn(&mut DeltaNet, &Array2<f64>, &Array2<f64>, f64) -> f64) -> String {
    if still_todo(&mine) {
        "the crate's stand-in (your my_train_step or my_backward is still todo!())".to_string()
    } else if matches!(train_step_verdict(&mine), Verdict::Correct(_)) {
        "your my_train_step".to_string()
    } else {
        "your my_train_step (it does not pass Exercise 4.6's check yet)".to_string()
    }
}

/// The last line of XOR's training cell, from its log: the epoch from which all four points
/// are classified; or, when they are not, what to try: when the loss rose over the run (or
/// the run stopped on a loss that blew up), the step itself, before epochs or seeds.
pub fn xor_outcome(run: &crate::train::History) -> String {
    if let Some(epoch) = run.solved_from() {
        return format!("all four points classified from epoch {epoch} on");
    }
    let rose = run.stopped.is_some() || matches!((run.losses.first(), run.last()), (Some(a), Some(b)) if b > *a);
    if rose {
        "not solved yet, and the loss rose instead of falling: check your step first (does your my_train_step pass Exercise 4.6's check? does it move every parameter against its gradient?); more epochs or another seed will not fix a step that climbs".to_string()
    } else {
        "not solved yet: the loss fell, but not far enough; try more epochs or another seed".to_string()
    }
}

/// Exercise 4.6 (a training step around your sweep): `mine(net, x, y, lr)` takes
/// one training step, with the learner's my_backward and W ← W − lr·dL/dW,
/// b ← b − lr·dL/db on every layer, and returns the loss before the step. Three
/// steps on the worked example and three on the three-layer network are compared,
/// step by step, with `DeltaNet::step`.
pub fn train_step(mine: impl Fn(&mut DeltaNet, &Array2<f64>, &Array2<f64>, f64) -> f64) -> Check {
    Check::new("Exercise 4.6", train_step_verdict(&mine))
}

fn train_step_verdict(mine: &Step) -> Verdict {
    let reread = "Re-read Exercise 4.6: the forward pass and the loss, your my_backward on the weights, the slopes, each layer's input and sums and the output's δ, then for every layer l, w = w − lr·dl_dw and b = b − lr·dl_db, and return the loss from before the update.";
    let lr = 0.1;
    let mut trails = Vec::new();
    let runs = [
        ("the worked example", ["1", "2", ""], worked_example()),
        ("the three-layer network", ["A", "B", "C"], three_layers()),
    ];
    for (name, letters, (start, x, y)) in runs {
        let mut net = start.clone();
        let mut losses = Vec::new();
        for step in 1..=3 {
            let before = net.clone();
            let caches = before.forward(&x);
            let loss_before = before.loss(&caches, &y);
            let grads = before.backward(&caches, &y);
            let mut right = before.clone();
            right.step(&grads, lr);
            let loss = match attempt(|| mine(&mut net, &x, &y, lr)) {
                Attempt::Done(loss) => loss,
                Attempt::Todo => return Verdict::NotAttempted,
                Attempt::Panicked(message) => {
                    return Verdict::NotYet(format!(
                        "{} On {name}. Does your my_backward pass Exercise 4.5's check? {reread}",
                        panic_hint("Your step", &message)
                    ))
                }
            };
            if let Some(hint) = not_finite_hint(&format!("The loss your step {step} returned on {name}"), loss) {
                return Verdict::NotYet(format!("{hint} {reread}"));
            }
            if net.weights.len() != before.weights.len() || net.biases.len() != before.biases.len() {
                return Verdict::NotYet(format!(
                    "Your step {step} changed the number of layers of {name}: move each layer's weights and biases in place. {reread}"
                ));
            }
            for (l, w) in net.weights.iter().enumerate() {
                if let Some(hint) =
                    first_not_finite(&format!("After step {step} your weights of layer {}", letters[l]), w)
                {
                    return Verdict::NotYet(format!("On {name}: {hint} {reread}"));
                }
            }
            let same =
                |a: &[Array2<f64>], b: &[Array2<f64>]| a.len() == b.len() && a.iter().zip(b).all(|(p, q)| close(p, q));
            let same_b = |a: &[Array1<f64>], b: &[Array1<f64>]| {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|(p, q)| p.len() == q.len() && p.iter().zip(q).all(|(u, v)| (u - v).abs() < 1e-12))
            };
            let against: Vec<Array2<f64>> =
                before.weights.iter().zip(&grads).map(|(w, g)| w + &(lr * &g.dl_dw)).collect();
            if same(&net.weights, &before.weights) {
                return Verdict::NotYet(format!(
                    "After step {step} on {name} the weights have not moved: the update must change net.weights itself, every layer. {reread}"
                ));
            }
            if same(&net.weights, &against) {
                return Verdict::NotYet(format!(
                    "After step {step} on {name} the weights moved with the gradient, not against it: subtract lr·dl_dw. {reread}"
                ));
            }
            if !same(&net.weights, &right.weights) {
                let wrong: Vec<String> = (0..net.weights.len())
                    .filter(|&l| !close(&net.weights[l], &right.weights[l]))
                    .map(|l| letters[l].to_string())
                    .collect();
                return Verdict::NotYet(format!(
                    "After step {step} on {name} your weights of layer(s) {} differ from a correct step's. Each step must start with a forward pass on the weights as they are now, and each layer l moves by lr times its own gradient, grads[l].0. Does your my_backward pass Exercise 4.5's check? {reread}",
                    wrong.join(", ")
                ));
            }
            if same_b(&net.biases, &before.biases) {
                return Verdict::NotYet(format!(
                    "After step {step} on {name} the weights are right but the biases have not moved: every bias moves too, b = b − lr·dl_db, with dl_db = grads[l].1 (R4). {reread}"
                ));
            }
            if !same_b(&net.biases, &right.biases) {
                return Verdict::NotYet(format!(
                    "After step {step} on {name} the weights are right but the biases differ from a correct step's: each layer's b moves by lr times its own dl_db, against it. {reread}"
                ));
            }
            if (loss - loss_before).abs() > 1e-12 {
                let after = net.loss(&net.forward(&x), &y);
                return Verdict::NotYet(if (loss - after).abs() <= 1e-12 {
                    format!("Your parameters are right, but step {step} returned the loss after its update; return the loss of its own forward pass, before the update. {reread}")
                } else {
                    format!("Your parameters are right, but step {step} returned {loss:.6}, not the loss of that step's forward pass. {reread}")
                });
            }
            losses.push(format!("{loss:.6}"));
        }
        trails.push(format!("on {name} {}", losses.join(" -> ")));
    }
    Verdict::Correct(format!(
        "Three steps on the worked example and three on the three-layer network, and after each one every weight and every bias equals a correct step's; the loss went {}. Forward pass, loss, your backward sweep, your update: a whole training step of your own, for a network of any depth.",
        trails.join(", and ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Axis;

    type A = Array2<f64>;
    type S = fn(f64) -> f64;

    fn weight_gradient(delta: &A, a_prev: &A) -> A {
        delta.t().dot(a_prev)
    }

    fn hidden_delta(delta_next: &A, w_next: &A, z: &A, slope: S) -> A {
        delta_next.dot(w_next) * z.mapv(slope)
    }

    /// The sweep from the output layer back, with `hand_back(δ, l)` giving layer
    /// l − 1's δ: the right one in `solution`, a slip in some stand-ins below.
    fn sweep(layers: usize, inputs: &[A], delta_out: &A, hand_back: impl Fn(&A, usize) -> A) -> Grads {
        let mut grads = vec![(Array2::zeros((0, 0)), Array1::zeros(0)); layers];
        let mut delta = delta_out.clone();
        for l in (0..layers).rev() {
            grads[l] = (weight_gradient(&delta, &inputs[l]), delta.sum_axis(Axis(0)));
            if l > 0 {
                delta = hand_back(&delta, l);
            }
        }
        grads
    }

    fn solution(w: &[A], s: &[S], inputs: &[A], zs: &[A], delta_out: &A) -> Grads {
        sweep(w.len(), inputs, delta_out, |delta, l| hidden_delta(delta, &w[l], &zs[l - 1], s[l - 1]))
    }

    fn says(check: Check, words: &str) {
        let text = check.to_text();
        assert!(text.contains(words), "{words:?} not in {text}");
    }

    #[test]
    fn the_sweep_passes_and_each_mistake_is_named() {
        says(backward_sweep(solution), "That loop is all of backpropagation");
        says(backward_sweep(|_: &[A], _: &[S], _: &[A], _: &[A], _: &A| -> Grads { todo!() }), "not attempted yet");
        says(
            backward_sweep(|w: &[A], s: &[S], i: &[A], z: &[A], d: &A| {
                solution(w, s, i, z, d).into_iter().rev().collect()
            }),
            "output layer first",
        );
        says(
            backward_sweep(|w: &[A], s: &[S], i: &[A], z: &[A], d: &A| {
                solution(w, s, i, z, d).into_iter().map(|(g, b)| (g.t().to_owned(), b)).collect()
            }),
            "transposed",
        );
        says(
            backward_sweep(|w: &[A], s: &[S], i: &[A], z: &[A], d: &A| {
                solution(w, s, i, z, d).into_iter().map(|(g, b)| (g.mapv(|_| f64::NAN), b)).collect()
            }),
            "NaN",
        );
        says(
            backward_sweep(|w: &[A], s: &[S], i: &[A], z: &[A], d: &A| {
                solution(w, s, i, z, d).into_iter().map(|(g, b)| (g, b.mapv(|_| 0.0))).collect()
            }),
            "but dL/db of layer(s)",
        );
        // A loop that stops before the first layer (code index 0) leaves its empty pair.
        says(
            backward_sweep(|w: &[A], s: &[S], i: &[A], z: &[A], d: &A| {
                let mut grads = solution(w, s, i, z, d);
                grads[0] = (Array2::zeros((0, 0)), Array1::zeros(0));
                grads
            }),
            "your loop never filled it",
        );
        // δ handed back without the slope: the output layer right, the others wrong
        says(
            backward_sweep(|w: &[A], _: &[S], inputs: &[A], _: &[A], d: &A| {
                sweep(w.len(), inputs, d, |delta, l| delta.dot(&w[l]))
            }),
            "the output layer's dL/dW is right",
        );
        // On the three-layer network the hints name its layers by the lesson's letters A, B, C.
        says(
            backward_sweep(|w: &[A], _: &[S], inputs: &[A], _: &[A], d: &A| {
                sweep(w.len(), inputs, d, |delta, l| delta.dot(&w[l]))
            }),
            "On the three-layer network (2-2-2-1, one sample) the output layer's dL/dW is right but layer(s) A, B are not",
        );
        says(
            backward_sweep(|w: &[A], s: &[S], i: &[A], z: &[A], d: &A| {
                solution(w, s, i, z, d).into_iter().map(|(g, b)| (g, b.mapv(|_| 0.0))).collect()
            }),
            "dL/db of layer(s) A, B, C is not",
        );
        // the slope of the layer the δ comes from
        says(
            backward_sweep(|w: &[A], s: &[S], inputs: &[A], zs: &[A], d: &A| {
                sweep(w.len(), inputs, d, |delta, l| hidden_delta(delta, &w[l], &zs[l - 1], s[l]))
            }),
            "the slope of the layer the new δ is for",
        );
        // the hint names which layer's sums and slope, never the line itself
        let hint = backward_sweep(|w: &[A], s: &[S], inputs: &[A], zs: &[A], d: &A| {
            sweep(w.len(), inputs, d, |delta, l| hidden_delta(delta, &w[l], &zs[l], s[l]))
        })
        .to_text();
        assert!(hint.contains("layer l, or layer l − 1?"), "{hint}");
        for line in ["my_hidden_delta(&delta", "zs[l − 1]", "slopes[l − 1]", "zs[l - 1]"] {
            assert!(!hint.contains(line), "the hint gives the line away ({line}): {hint}");
        }
        // the weights of the wrong layer: a shape mismatch panics, named
        says(
            backward_sweep(|w: &[A], s: &[S], inputs: &[A], zs: &[A], d: &A| {
                sweep(w.len(), inputs, d, |delta, l| hidden_delta(delta, &w[l - 1], &zs[l - 1], s[l - 1]))
            }),
            "Your function panicked",
        );
        says(
            backward_sweep(|w: &[A], s: &[S], i: &[A], z: &[A], d: &A| {
                solution(w, s, i, z, d).into_iter().take(2).collect()
            }),
            "one (dL/dW, dL/db) per layer",
        );
    }

    /// The training step as the solutions notebook writes it, on the reference sweep.
    fn step_with(net: &mut DeltaNet, x: &A, y: &A, lr: f64, lr_b: f64) -> f64 {
        let caches = net.forward(x);
        let loss = net.loss(&caches, y);
        let inputs: Vec<A> = caches.iter().map(|c| c.input.clone()).collect();
        let zs: Vec<A> = caches.iter().map(|c| c.z.clone()).collect();
        let delta_out = &caches[caches.len() - 1].a - y;
        let grads = solution(&net.weights, &slopes(net), &inputs, &zs, &delta_out);
        for (l, (dl_dw, dl_db)) in grads.iter().enumerate() {
            net.weights[l] = &net.weights[l] - &(lr * dl_dw);
            net.biases[l] = &net.biases[l] - &(lr_b * dl_db);
        }
        loss
    }

    fn step(net: &mut DeltaNet, x: &A, y: &A, lr: f64) -> f64 {
        step_with(net, x, y, lr, lr)
    }

    #[test]
    fn the_training_step_passes_and_each_mistake_is_named() {
        says(train_step(step), "a whole training step of your own");
        says(train_step(train_step_stand_in), "a whole training step of your own");
        says(train_step(|_: &mut DeltaNet, _: &A, _: &A, _: f64| -> f64 { todo!() }), "not attempted yet");
        says(train_step(|n: &mut DeltaNet, x: &A, y: &A, _: f64| step(n, x, y, 0.0)), "have not moved");
        says(train_step(|n: &mut DeltaNet, x: &A, y: &A, lr: f64| step(n, x, y, -lr)), "with the gradient");
        says(
            train_step(|n: &mut DeltaNet, x: &A, y: &A, lr: f64| step(n, x, y, 2.0 * lr)),
            "differ from a correct step's",
        );
        says(
            train_step(|n: &mut DeltaNet, x: &A, y: &A, lr: f64| step_with(n, x, y, lr, 0.0)),
            "the biases have not moved",
        );
        says(train_step(|n: &mut DeltaNet, x: &A, y: &A, lr: f64| step_with(n, x, y, lr, -lr)), "the biases differ");
        says(
            train_step(|n: &mut DeltaNet, x: &A, y: &A, lr: f64| {
                step(n, x, y, lr);
                n.loss(&n.forward(x), y)
            }),
            "the loss after its update",
        );
        says(train_step(|_: &mut DeltaNet, _: &A, _: &A, _: f64| f64::NAN), "NaN");
        let todo = |_: &mut DeltaNet, _: &A, _: &A, _: f64| -> f64 { todo!() };
        assert!(which_train_step(todo).contains("stand-in"));
        assert_eq!(which_train_step(step), "your my_train_step");
        let (mut a, x, y) = worked_example();
        let mut b = a.clone();
        assert_eq!(train_step_or_stand_in(todo, &mut a, &x, &y, 0.1), step(&mut b, &x, &y, 0.1));
        assert_eq!(a.weights, b.weights);
        assert_eq!(a.biases, b.biases);
    }

    #[test]
    fn step_loss_is_the_loss_whose_output_delta_is_y_hat_minus_y() {
        let (net, x, y) = worked_example();
        let caches = net.forward(&x);
        assert_eq!(step_loss(&net, &caches, &y), net.loss(&caches, &y));
        let xor = DeltaNet::new(
            vec![array![[0.5, -0.4], [0.3, 0.8]], array![[1.0, -1.0]]],
            vec![array![0.0, 0.1], array![0.2]],
            vec![Activation::Tanh, Activation::Sigmoid],
        );
        let (xs, ys) = (array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], array![[0.0], [1.0], [1.0], [0.0]]);
        let c = xor.forward(&xs);
        let summed = step_loss(&xor, &c, &ys);
        assert!((summed - 4.0 * Loss::Bce.mean(&c[1].a, &ys)).abs() < 1e-12);
        // its slope along the output's sums is ŷ − y: nudge z of sample 1 through the sigmoid
        let z = c[1].z[[1, 0]];
        let l = |z: f64| Loss::Bce.value(crate::maths::sigmoid(z), 1.0);
        let slope = (l(z + 1e-6) - l(z - 1e-6)) / 2e-6;
        assert!((slope - (c[1].a[[1, 0]] - 1.0)).abs() < 1e-8);
    }
}
