//! The deep dive's Exercise 4.5 (write the backward sweep): the learner's
//! `my_backward` walks from the output layer back to the first, calling their
//! own `my_weight_gradient` (Exercise 4.3) and `my_hidden_delta` (Exercise 4.4),
//! and is checked against `DeltaNet` on two networks whose hidden layers are all
//! ReLU (the slope `my_hidden_delta` has built in).

use super::attempt::{attempt, not_finite_hint, panic_hint, Attempt};
use super::deep_dive::{close, deep_net, worked_example};
use super::function::first_not_finite;
use super::{Check, Verdict};
use crate::by_hand::DeltaNet;
use crate::engine::{nn, optim, Tensor};
use crate::maths::Activation;
use ndarray::{array, Array2};

/// The learner's sweep: (weights, each layer's input, each layer's z, the
/// output layer's δ) → dL/dW of every layer, first layer first.
type Sweep<'a> = dyn Fn(&[Array2<f64>], &[Array2<f64>], &[Array2<f64>], &Array2<f64>) -> Vec<Array2<f64>> + 'a;

/// The two networks of the check: the lesson's three-layer network (2 → 2 → 2 → 1)
/// and the 2-4-2-1 network of Exercises 4.3 and 4.4, each with ReLU in every
/// hidden layer and a linear output.
fn sweep_nets() -> Vec<(&'static str, DeltaNet, Array2<f64>, Array2<f64>)> {
    use Activation::{Identity, Relu};
    let three = DeltaNet::new(
        vec![array![[0.1, 0.3], [0.2, 0.4]], array![[0.7, -0.5], [0.4, 0.6]], array![[0.5, 0.6]]],
        vec![array![0.0, 0.0], array![0.1, -0.2], array![0.0]],
        vec![Relu, Relu, Identity],
    );
    let (mut deep, x, y) = deep_net();
    deep.activations = vec![Relu, Relu, Identity];
    vec![
        ("the three-layer network (2-2-2-1, one sample)", three, array![[1.0, 2.0]], array![[1.0]]),
        ("the 2-4-2-1 network (a batch of three)", deep, x, y),
    ]
}

/// Exercise 4.5 (write the backward sweep): `mine(weights, inputs, zs, delta_out)`
/// must return dL/dW of every layer, first layer first, as `DeltaNet::backward`.
pub fn backward_sweep(
    mine: impl Fn(&[Array2<f64>], &[Array2<f64>], &[Array2<f64>], &Array2<f64>) -> Vec<Array2<f64>>,
) -> Check {
    Check::new("Exercise 4.5", sweep_verdict(&mine))
}

fn sweep_verdict(mine: &Sweep) -> Verdict {
    let reread = "Re-read \"Any number of layers\": δ of the output layer first, then for l from the last layer down to the first: dL/dW of layer l from its δ and its input, and (if l is not the first layer) the δ of layer l − 1 from layer l's δ, layer l's weights and layer l − 1's z.";
    for (name, net, x, y) in sweep_nets() {
        let caches = net.forward(&x);
        let right: Vec<Array2<f64>> = net.backward(&caches, &y).into_iter().map(|g| g.dl_dw).collect();
        let inputs: Vec<Array2<f64>> = caches.iter().map(|c| c.input.clone()).collect();
        let zs: Vec<Array2<f64>> = caches.iter().map(|c| c.z.clone()).collect();
        let delta_out = &caches[caches.len() - 1].a - &y;
        let got = match attempt(|| mine(&net.weights, &inputs, &zs, &delta_out)) {
            Attempt::Done(got) => got,
            Attempt::Todo => return Verdict::NotAttempted,
            Attempt::Panicked(message) => {
                return Verdict::NotYet(format!(
                    "{} On {name}: the layers are counted from 0 in code, so layer l's weights are weights[l], its input inputs[l] and its sums zs[l]; the δ handed back to layer l − 1 needs weights[l] and zs[l − 1], and the first layer (l = 0) hands nothing back. {reread}",
                    panic_hint("Your function", &message)
                ))
            }
        };
        if let Some(verdict) = compare_sweep(name, &got, &right, reread) {
            return verdict;
        }
    }
    Verdict::Correct(
        "Every layer's dL/dW matches DeltaNet's, on the three-layer network and on the 2-4-2-1 network with a batch of three: one δ per layer, handed back from the output to the first layer, each gradient from its own layer's δ and input. That loop is all of backpropagation.".into(),
    )
}

/// None when `got` equals `right` (every layer to 1e-12), else the hint.
fn compare_sweep(name: &str, got: &[Array2<f64>], right: &[Array2<f64>], reread: &str) -> Option<Verdict> {
    let layers = right.len();
    if got.len() != layers {
        return Some(Verdict::NotYet(format!(
            "On {name} ({layers} layers) your function returned {} gradients: it must return one dL/dW per layer, {layers} in all, first layer first. {reread}",
            got.len()
        )));
    }
    for (l, g) in got.iter().enumerate() {
        if let Some(hint) = first_not_finite(&format!("Your dL/dW of layer {}", l + 1), g) {
            return Some(Verdict::NotYet(format!("On {name}: {hint} {reread}")));
        }
    }
    let same = |a: &[Array2<f64>], b: &[Array2<f64>]| a.iter().zip(b).all(|(p, q)| close(p, q));
    if same(got, right) {
        return None;
    }
    let reversed: Vec<Array2<f64>> = right.iter().rev().cloned().collect();
    if same(got, &reversed) {
        return Some(Verdict::NotYet(format!(
            "On {name} your gradients are right but in the order you computed them, output layer first: the result must be first layer first, like the weights (fill grads[l] for layer l, or reverse the list at the end). {reread}"
        )));
    }
    for (l, (g, r)) in got.iter().zip(right).enumerate() {
        if g.shape() == [r.ncols(), r.nrows()] && r.nrows() != r.ncols() {
            return Some(Verdict::NotYet(format!(
                "On {name} your dL/dW of layer {} is {} × {}, transposed: it must have the shape of that layer's weights, {} × {}. Does your my_weight_gradient pass Exercise 4.3's check? {reread}",
                l + 1,
                g.nrows(),
                g.ncols(),
                r.nrows(),
                r.ncols()
            )));
        }
        if g.shape() != r.shape() {
            return Some(Verdict::NotYet(format!(
                "On {name} your dL/dW of layer {} has shape {:?}; it must have that layer's weights' shape {:?}. {reread}",
                l + 1,
                g.shape(),
                r.shape()
            )));
        }
    }
    let wrong: Vec<String> = (0..layers).filter(|&l| !close(&got[l], &right[l])).map(|l| (l + 1).to_string()).collect();
    let output_right = close(&got[layers - 1], &right[layers - 1]);
    Some(Verdict::NotYet(if output_right {
        format!(
            "On {name} the output layer's dL/dW is right but layer(s) {} are not: the δ you hand back goes wrong. For layer l − 1 it is my_hidden_delta(&delta, &weights[l], &zs[l − 1]): the δ of layer l, the weights of layer l (the ones between the two layers) and the sums of layer l − 1. Does your my_hidden_delta pass Exercise 4.4's check? {reread}",
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
/// loss, `DeltaNet`'s backward pass, and W ← W − lr·dL/dW on every layer's
/// weights (the biases stay, as the learner's step leaves them). Returns the loss
/// before the step.
pub fn train_step_stand_in(net: &mut DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64) -> f64 {
    let caches = net.forward(x);
    let loss = net.loss(&caches, y);
    let grads = net.backward(&caches, y);
    for (w, g) in net.weights.iter_mut().zip(&grads) {
        *w -= &(lr * &g.dl_dw);
    }
    loss
}

/// Whether `mine` still stops at a `todo!()` (its own, or my_backward's inside it).
fn still_todo(mine: &Step) -> bool {
    let (mut net, x, y) = worked_example();
    matches!(attempt(|| mine(&mut net, &x, &y, 0.1)), Attempt::Todo)
}

/// Exercise 4.7's training cell: one step with the learner's `my_train_step` once
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

/// Which step Exercise 4.7's training cell runs: the learner's, or the stand-in.
pub fn which_train_step(mine: impl Fn(&mut DeltaNet, &Array2<f64>, &Array2<f64>, f64) -> f64) -> &'static str {
    if still_todo(&mine) {
        "the crate's stand-in (your my_train_step or my_backward is still todo!())"
    } else {
        "your my_train_step"
    }
}

/// Sgd, moving the weights only, from the worked example's start: the loss before
/// each of `steps` steps and every layer's weights after it.
fn sgd_run(net: &DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64, steps: usize) -> Vec<(f64, Vec<Array2<f64>>)> {
    let layers: Vec<(Array2<f64>, ndarray::Array1<f64>)> =
        net.weights.iter().cloned().zip(net.biases.iter().cloned()).collect();
    let model = nn::Sequential::from_weights(layers, nn::Layer::Relu);
    let names: Vec<String> = (0..net.weights.len()).map(|l| format!("{}.weight", 2 * l)).collect();
    let weights: Vec<Tensor> = names.iter().map(|n| model.param(n)).collect();
    let sgd = optim::Sgd::new(weights.clone(), lr);
    let (x_t, y_t) = (Tensor::from(x.clone()), Tensor::from(y.clone()));
    (0..steps)
        .map(|_| {
            sgd.zero_grad();
            let loss = (&model.forward(&x_t) - &y_t).square().sum() * 0.5;
            let before = loss.item();
            loss.backward();
            sgd.step();
            let after = weights
                .iter()
                .map(|w| {
                    let v = w.value();
                    Array2::from_shape_vec((v.shape()[0], v.shape()[1]), v.iter().copied().collect()).expect("a matrix")
                })
                .collect();
            (before, after)
        })
        .collect()
}

/// Exercise 4.7 (train with your own sweep): `mine(net, x, y, lr)` takes one
/// training step on the network's weights, with the learner's my_backward and
/// W ← W − lr·dL/dW, and returns the loss before the step. Three steps from the
/// worked example's first weights are compared, step by step, with `Sgd` moving
/// the same weights.
pub fn train_step(mine: impl Fn(&mut DeltaNet, &Array2<f64>, &Array2<f64>, f64) -> f64) -> Check {
    Check::new("Exercise 4.7", train_step_verdict(&mine))
}

fn train_step_verdict(mine: &Step) -> Verdict {
    let reread = "Re-read Exercise 4.7: the forward pass and the loss, your my_backward on each layer's input and sums, then net.weights[l] -= &(lr * &grads[l]) for every layer l, and return the loss from before the update.";
    let (start, x, y) = worked_example();
    let lr = 0.1;
    let steps = 3;
    let right = sgd_run(&start, &x, &y, lr, steps);
    let mut net = start.clone();
    let mut losses = Vec::new();
    for (k, (loss_before, weights_after)) in right.iter().enumerate() {
        let before = net.clone();
        let loss = match attempt(|| mine(&mut net, &x, &y, lr)) {
            Attempt::Done(loss) => loss,
            Attempt::Todo => return Verdict::NotAttempted,
            Attempt::Panicked(message) => {
                return Verdict::NotYet(format!(
                    "{} Does your my_backward pass Exercise 4.5's check? {reread}",
                    panic_hint("Your step", &message)
                ))
            }
        };
        let step = k + 1;
        if let Some(hint) = not_finite_hint(&format!("The loss your step {step} returned"), loss) {
            return Verdict::NotYet(format!("{hint} {reread}"));
        }
        if net.weights.len() != before.weights.len() || net.biases != before.biases {
            return Verdict::NotYet(format!(
                "Your step {step} changed the biases or the number of layers: move only the weights, one matrix per layer (your my_backward gives dL/dW only, and Sgd here moves the weights only). {reread}"
            ));
        }
        for (l, w) in net.weights.iter().enumerate() {
            if let Some(hint) = first_not_finite(&format!("After step {step} your weights of layer {}", l + 1), w) {
                return Verdict::NotYet(format!("{hint} {reread}"));
            }
        }
        let grads = before.backward(&before.forward(&x), &y);
        let moved = |sign: f64| -> Vec<Array2<f64>> {
            before.weights.iter().zip(&grads).map(|(w, g)| w - &(sign * lr * &g.dl_dw)).collect()
        };
        let same =
            |a: &[Array2<f64>], b: &[Array2<f64>]| a.len() == b.len() && a.iter().zip(b).all(|(p, q)| close(p, q));
        if same(&net.weights, &before.weights) {
            return Verdict::NotYet(format!(
                "After step {step} the weights have not moved: the update must change net.weights itself, every layer. {reread}"
            ));
        }
        if same(&net.weights, &moved(-1.0)) {
            return Verdict::NotYet(format!(
                "After step {step} the weights moved with the gradient, not against it: subtract lr·dL/dW. {reread}"
            ));
        }
        if !same(&net.weights, weights_after) {
            let wrong: Vec<String> = (0..net.weights.len())
                .filter(|&l| {
                    net.weights[l].shape() != weights_after[l].shape() || !close(&net.weights[l], &weights_after[l])
                })
                .map(|l| (l + 1).to_string())
                .collect();
            return Verdict::NotYet(format!(
                "After step {step} your weights of layer(s) {} differ from Sgd's. Each step must start with a forward pass on the weights as they are now, and each layer l moves by lr times its own gradient, grads[l]. Does your my_backward pass Exercise 4.5's check? {reread}",
                wrong.join(", ")
            ));
        }
        if (loss - loss_before).abs() > 1e-12 {
            let after = net.loss(&net.forward(&x), &y);
            return Verdict::NotYet(if (loss - after).abs() <= 1e-12 {
                format!("Your weights are right, but step {step} returned the loss after its update; return the loss of its own forward pass, before the update. {reread}")
            } else {
                format!("Your weights are right, but step {step} returned {loss:.6}, not the loss of that step's forward pass. {reread}")
            });
        }
        losses.push(loss);
    }
    let trail: Vec<String> = losses.iter().map(|l| format!("{l:.6}")).collect();
    Verdict::Correct(format!(
        "Three steps from the worked example's first weights, and after each one every layer's weights equal Sgd's; the loss went {}. Forward pass, loss, your backward sweep, your update: a whole training step of your own.",
        trail.join(" -> ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::relu_derivative;

    fn weight_gradient(delta: &Array2<f64>, a_prev: &Array2<f64>) -> Array2<f64> {
        delta.t().dot(a_prev)
    }

    fn hidden_delta(delta_next: &Array2<f64>, w_next: &Array2<f64>, z: &Array2<f64>) -> Array2<f64> {
        delta_next.dot(w_next) * z.mapv(relu_derivative)
    }

    /// The sweep from the output layer back, with `hand_back(δ, l)` giving layer
    /// l − 1's δ: the right one in `solution`, a slip in some stand-ins below.
    fn sweep(
        layers: usize,
        inputs: &[Array2<f64>],
        delta_out: &Array2<f64>,
        hand_back: impl Fn(&Array2<f64>, usize) -> Array2<f64>,
    ) -> Vec<Array2<f64>> {
        let mut grads = vec![Array2::zeros((0, 0)); layers];
        let mut delta = delta_out.clone();
        for l in (0..layers).rev() {
            grads[l] = weight_gradient(&delta, &inputs[l]);
            if l > 0 {
                delta = hand_back(&delta, l);
            }
        }
        grads
    }

    fn solution(
        w: &[Array2<f64>],
        inputs: &[Array2<f64>],
        zs: &[Array2<f64>],
        delta_out: &Array2<f64>,
    ) -> Vec<Array2<f64>> {
        sweep(w.len(), inputs, delta_out, |delta, l| hidden_delta(delta, &w[l], &zs[l - 1]))
    }

    fn says(check: Check, words: &str) {
        let text = check.to_text();
        assert!(text.contains(words), "{words:?} not in {text}");
    }

    #[test]
    fn the_sweep_passes_and_each_mistake_is_named() {
        says(backward_sweep(solution), "That loop is all of backpropagation");
        says(
            backward_sweep(|_: &[Array2<f64>], _: &[Array2<f64>], _: &[Array2<f64>], _: &Array2<f64>| todo!()),
            "not attempted yet",
        );
        says(
            backward_sweep(|w: &[Array2<f64>], i: &[Array2<f64>], z: &[Array2<f64>], d: &Array2<f64>| {
                solution(w, i, z, d).into_iter().rev().collect()
            }),
            "output layer first",
        );
        says(
            backward_sweep(|w: &[Array2<f64>], i: &[Array2<f64>], z: &[Array2<f64>], d: &Array2<f64>| {
                solution(w, i, z, d).into_iter().map(|g| g.t().to_owned()).collect()
            }),
            "transposed",
        );
        says(
            backward_sweep(|w: &[Array2<f64>], i: &[Array2<f64>], z: &[Array2<f64>], d: &Array2<f64>| {
                solution(w, i, z, d).into_iter().map(|g| g.mapv(|_| f64::NAN)).collect()
            }),
            "NaN",
        );
        // δ handed back without the slope: the output layer right, the others wrong
        says(
            backward_sweep(|w: &[Array2<f64>], inputs: &[Array2<f64>], _: &[Array2<f64>], d: &Array2<f64>| {
                sweep(w.len(), inputs, d, |delta, l| delta.dot(&w[l]))
            }),
            "the output layer's dL/dW is right",
        );
        // the weights of the wrong layer: a shape mismatch panics, named
        says(
            backward_sweep(|w: &[Array2<f64>], inputs: &[Array2<f64>], zs: &[Array2<f64>], d: &Array2<f64>| {
                sweep(w.len(), inputs, d, |delta, l| hidden_delta(delta, &w[l - 1], &zs[l - 1]))
            }),
            "Your function panicked",
        );
        says(
            backward_sweep(|w: &[Array2<f64>], i: &[Array2<f64>], z: &[Array2<f64>], d: &Array2<f64>| {
                solution(w, i, z, d).into_iter().take(2).collect()
            }),
            "one dL/dW per layer",
        );
    }

    /// The training step as the solutions notebook writes it, on the reference sweep.
    fn step(net: &mut DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64) -> f64 {
        let caches = net.forward(x);
        let loss = net.loss(&caches, y);
        let inputs: Vec<Array2<f64>> = caches.iter().map(|c| c.input.clone()).collect();
        let zs: Vec<Array2<f64>> = caches.iter().map(|c| c.z.clone()).collect();
        let delta_out = &caches[caches.len() - 1].a - y;
        let grads = solution(&net.weights, &inputs, &zs, &delta_out);
        for (w, g) in net.weights.iter_mut().zip(&grads) {
            *w -= &(lr * g);
        }
        loss
    }

    #[test]
    fn the_training_step_passes_and_each_mistake_is_named() {
        says(train_step(step), "a whole training step of your own");
        says(train_step(train_step_stand_in), "a whole training step of your own");
        says(
            train_step(|_: &mut DeltaNet, _: &Array2<f64>, _: &Array2<f64>, _: f64| -> f64 { todo!() }),
            "not attempted yet",
        );
        says(
            train_step(|n: &mut DeltaNet, x: &Array2<f64>, y: &Array2<f64>, _: f64| step(n, x, y, 0.0)),
            "have not moved",
        );
        says(
            train_step(|n: &mut DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64| step(n, x, y, -lr)),
            "with the gradient",
        );
        says(
            train_step(|n: &mut DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64| step(n, x, y, 2.0 * lr)),
            "differ from Sgd's",
        );
        says(
            train_step(|n: &mut DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64| {
                step(n, x, y, lr);
                n.loss(&n.forward(x), y)
            }),
            "the loss after its update",
        );
        says(
            train_step(|n: &mut DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64| {
                n.biases[0][0] += 1.0;
                step(n, x, y, lr)
            }),
            "changed the biases",
        );
        says(train_step(|_: &mut DeltaNet, _: &Array2<f64>, _: &Array2<f64>, _: f64| f64::NAN), "NaN");
        let todo = |_: &mut DeltaNet, _: &Array2<f64>, _: &Array2<f64>, _: f64| -> f64 { todo!() };
        assert!(which_train_step(todo).contains("stand-in"));
        assert_eq!(which_train_step(step), "your my_train_step");
        let (mut a, x, y) = worked_example();
        let mut b = a.clone();
        assert_eq!(train_step_or_stand_in(todo, &mut a, &x, &y, 0.1), step(&mut b, &x, &y, 0.1));
        assert_eq!(a.weights, b.weights);
    }
}
