//! The deep dive on the real kernel: one neuron, the chain of two, the worked
//! example unit by unit, as matrices, at three layers, the update, your
//! training step, BCE and tanh, initialisation, XOR, going further (the update, units that are off, a batch's
//! bias, the equal start), and the appendix against the engine; then new numbers
//! in each of its seven `parameters` cells (in notebook order; the classifier's is in the Notes, last).

mod harness;

use backprop::prelude::*;
use harness::report::Run;
use harness::{expect, run_lesson};

fn flat(a: &Array2<f64>) -> Vec<f64> {
    a.iter().copied().collect()
}

/// The one neuron: its slope, the way gradient descent moves w, and the graph's gradient of w.
#[track_caller]
fn expect_neuron(run: &Run, x: f64, w: f64, b: f64, y: f64) {
    let neuron = Neuron::new(array![w], b, Sigmoid);
    let (_, _, g) = neuron.forward_backward(&array![x], y, Loss::HalfSquared);
    let slope = run.cell("let neuron = Neuron::new");
    expect(slope, "dL/dw", &g.dl_dw.to_vec(), 1e-15);
    let moves = if g.dl_dw[0] < 0.0 { "moves w up" } else { "moves w down" };
    assert!(slope.text().contains(moves), "{}", slope.text());
    let graph = run.cell("neuron_loss.graph()").text();
    assert!(graph.contains(&format!("grad [{:.4}]", g.dl_dw[0])), "the graph gives w its gradient: {graph}");
}

/// The chain of two sigmoid neurons, by its formulas.
#[track_caller]
fn expect_chain(run: &Run, [x, w1, b1, w2, b2, y]: [f64; 6]) {
    let (z1, h) = (w1 * x + b1, sigmoid(w1 * x + b1));
    let (z2, y_hat) = (w2 * h + b2, sigmoid(w2 * h + b2));
    let delta2 = (y_hat - y) * y_hat * (1.0 - y_hat);
    let delta1 = delta2 * w2 * h * (1.0 - h);
    let forward = run.cell("let chain_z1 =");
    for (name, want) in
        [("z1", z1), ("h", h), ("z2", z2), ("y_hat", y_hat), ("L", 0.5 * (y_hat - y).powi(2)), ("delta2", delta2)]
    {
        expect(forward, name, &[want], 1e-12);
    }
    let back = run.cell("let chain_delta1 =");
    for (name, want) in [
        ("delta1", delta1),
        ("dL/dw2", delta2 * h),
        ("dL/db2", delta2),
        ("dL/dw1", delta1 * x),
        ("dL/db1", delta1),
        ("nudged dL/dw1", delta1 * x),
        ("nudged dL/dw2", delta2 * h),
    ] {
        expect(back, name, &[want], 1e-9);
    }
    expect(back, "the δ rule agrees with the nudges", &[1.0], 0.0);
}

/// Every cell of the worked example, from its parameters: unit by unit, as
/// matrices, with a third layer, in the engine, the update and the key concepts.
#[track_caller]
fn expect_worked_example(
    run: &Run,
    w: &[Array2<f64>; 2],
    b: &[Array1<f64>; 2],
    x: &Array2<f64>,
    y: &Array2<f64>,
    lr: f64,
) {
    let net = DeltaNet::new(w.to_vec(), b.to_vec(), vec![Relu, Identity]);
    let caches = net.forward(x);
    let g = net.backward(&caches, y);
    // Forward, unit by unit and as one product.
    let forward = run.cell("// Layer 1, unit by unit");
    expect(forward, "z1", &flat(&caches[0].z), 1e-15);
    expect(forward, "a1", &flat(&caches[0].a), 1e-15);
    expect(forward, "y_hat", &flat(&caches[1].a), 1e-15);
    expect(forward, "L", &[net.loss(&caches, y)], 1e-15);
    expect(forward, "z1 as one matrix product, x·W1ᵀ + b1", &flat(&caches[0].z), 1e-15);
    // The δ rule unit by unit, then in matrix form: the same numbers.
    let slopes: Vec<f64> = caches[0].z.iter().map(|&z| relu_derivative(z)).collect();
    let units = run.cell("// The output unit (linear");
    expect(units, "delta2", &flat(&g[1].delta), 1e-15);
    expect(units, "ReLU slopes", &slopes, 0.0);
    expect(units, "delta1", &flat(&g[0].delta), 1e-15);
    expect(units, "dL/dW1", &flat(&g[0].dl_dw), 1e-15);
    expect(units, "dL/db1", &g[0].dl_db.to_vec(), 1e-15);
    expect(units, "dL/dW2", &flat(&g[1].dl_dw), 1e-15);
    expect(units, "dL/db2", &g[1].dl_db.to_vec(), 1e-15);
    // The matrix form prints its δ1 and that its gradients are the loops' (printed once, above).
    let matrices = run.cell("let z1_m = ");
    expect(matrices, "delta1", &flat(&g[0].delta), 1e-15);
    expect(matrices, "dL/dW1, dL/dW2 and dL/db1 the same as unit by unit", &[1.0], 0.0);
    let by_delta_net = run.cell("let net = DeltaNet::new(");
    expect(by_delta_net, "DeltaNet's weight gradients agree with the nudges", &[1.0], 0.0);
    assert!(by_delta_net.text().contains(&format!("dL/dW1 = {}", fmt_array(&g[0].dl_dw))), "{}", by_delta_net.text());
    // The engine agrees with the δ rule on both networks.
    let engine = run.cell("let w1_t = Tensor::param");
    expect(engine, "dL/dW1", &flat(&g[0].dl_dw), 1e-15);
    expect(engine, "dL/db1", &g[0].dl_db.to_vec(), 1e-15);
    expect(engine, "dL/dW2", &flat(&g[1].dl_dw), 1e-15);
    expect(engine, "dL/db2", &g[1].dl_db.to_vec(), 1e-15);
    let both = run.cell("// The worked example: the δ rule's dL/dW");
    for l in 1..=2 {
        expect(both, &format!("worked example, layer {l} largest difference"), &[0.0], 1e-15);
    }
    // The update by DeltaNet::step: every parameter after the step (Sgd's equal step is checked in the training cell).
    let mut stepped = net.clone();
    stepped.step(&g, lr);
    let sign = run.cell("let mut stepped = net.clone()");
    expect(sign, "W1 after the step", &flat(&stepped.weights[0]), 1e-15);
    expect(sign, "b1 after the step", &stepped.biases[0].to_vec(), 1e-15);
    expect(sign, "W2 after the step", &flat(&stepped.weights[1]), 1e-15);
    expect(sign, "b2 after the step", &stepped.biases[1].to_vec(), 1e-15);
    for (k, &grad) in g[1].dl_dw.iter().enumerate() {
        let direction = if grad > 0.0 {
            "down"
        } else if grad < 0.0 {
            "up"
        } else {
            "nowhere"
        };
        let line = format!("W[2]_1{}: gradient {}, so the weight goes {direction}", k + 1, fmt_f64(grad));
        assert!(sign.text().contains(&line), "missing `{line}` in {}", sign.text());
    }
    let (before, after) = (net.loss(&caches, y), stepped.loss(&stepped.forward(x), y));
    expect(sign, "loss before", &[before], 1e-15);
    expect(sign, "loss after the step", &[after], 1e-12);
    expect(sign, "the loss fell", &[if after < before { 1.0 } else { 0.0 }], 0.0);
    // Which way, with the target lowered to 0.9: W[1]_11 moves against its gradient (Exercise 4.8's answer).
    let y_below = y.mapv(|t| t - 0.1);
    let g_below = net.backward(&caches, &y_below);
    let below = run.cell("let y_below");
    expect(below, "with the target lowered y", &[y_below[[0, 0]]], 1e-15);
    expect(below, "with the target lowered delta2", &[g_below[1].delta[[0, 0]]], 1e-12);
    expect(below, "with the target lowered delta1 of hidden unit 1", &[g_below[0].delta[[0, 0]]], 1e-12);
    let grad = g_below[0].dl_dw[[0, 0]];
    let way = if grad > 0.0 {
        "down"
    } else if grad < 0.0 {
        "up"
    } else {
        "nowhere"
    };
    let after = w[0][[0, 0]] - lr * grad;
    let line = format!(
        "W[1]_11: gradient {}, so W[1]_11 goes {way}: {} -> {}",
        fmt_f64(grad),
        fmt_f64(w[0][[0, 0]]),
        fmt_f64(after)
    );
    assert!(below.text().contains(&line), "missing `{line}` in {}", below.text());
    // Dead ReLU: hidden unit 1 with a bias of −5.
    let mut dead_b1 = b[0].clone();
    dead_b1[0] = -5.0;
    let dead = DeltaNet::new(w.to_vec(), vec![dead_b1, b[1].clone()], vec![Relu, Identity]);
    let dead_caches = dead.forward(x);
    let dead_cell = run.cell("let mut dead_b1");
    expect(dead_cell, "dL/dW1", &flat(&dead.backward(&dead_caches, y)[0].dl_dw), 1e-12);
    for (j, &z) in dead_caches[0].z.iter().enumerate() {
        let state = if z <= 0.0 { "off" } else { "on" };
        assert!(dead_cell.text().contains(&format!("hidden unit {}: {state}", j + 1)), "{}", dead_cell.text());
    }
    // Bias gradients: column sums of δ1 over a batch of three.
    // The batch questions use the first weights, whatever the parameters cell says (the cell says so).
    let batch = run.cell("let batch");
    let first = DeltaNet::new(
        vec![array![[0.1, 0.3], [0.2, 0.4]], array![[0.5, 0.6]]],
        vec![array![0.0, 0.0], array![0.0]],
        vec![Relu, Identity],
    );
    let batch_g =
        first.backward(&first.forward(&array![[1.0, 2.0], [0.5, -1.0], [2.0, 0.0]]), &array![[1.0], [0.0], [2.0]]);
    expect(batch, "dL/db1", &batch_g[0].dl_db.to_vec(), 1e-12);
    expect(batch, "dL/db1", &batch.values()["column sums of delta1"], 0.0);
    // Zeroing: gradients pile up, call after call.
    let piled = run.cell("let piled = nn::Sequential");
    for call in 1..=3 {
        let want: Vec<f64> = g[0].dl_db.iter().map(|v| call as f64 * v).collect();
        expect(piled, &format!("after call {call} dL/db1"), &want, 1e-12);
    }
    expect(piled, "three calls hold three times one call's gradient", &[1.0], 0.0);
    let zeroed = piled.values();
    for name in ["dL/d0.weight", "dL/d0.bias", "dL/d2.weight", "dL/d2.bias"] {
        assert!(
            !zeroed[name].is_empty() && zeroed[name].iter().all(|&v| v == 0.0),
            "{name} after zero_grad(): {:?}",
            zeroed[name]
        );
    }
    // Exercise 4.6's training cell: five steps (the stand-in while my_train_step is todo!()), each equal to Sgd's,
    // every weight and bias moved.
    let train = run.cell("train_beside_sgd(");
    assert!(train.text().contains("training step used: the crate's stand-in"), "{}", train.text());
    let mut trained = net.clone();
    let mut losses = Vec::new();
    for step in 1..=5 {
        let loss = backprop::exercises::deep_dive::train_step_stand_in(&mut trained, x, y, lr);
        expect(train, &format!("step {step} loss before"), &[loss], 1e-12);
        expect(train, &format!("step {step} parameters the same as Sgd's"), &[1.0], 0.0);
        losses.push(loss);
    }
    expect(train, "step 1 loss before", &[net.loss(&caches, y)], 1e-15);
    let last = trained.loss(&trained.forward(x), y);
    expect(train, "loss after the five steps", &[last], 1e-12);
    assert!(last < losses[0], "five steps lower the loss: {losses:?} -> {last}");
    // The visual summary draws this step.
    let diagram = run.cell("net.step_diagram").text();
    let delta2 = format!("δ2 = dL/dy_hat ⊙ φ′(z2) = {}", fmt_array(&g[1].delta));
    assert!(diagram.contains("[diagram: one training step]") && diagram.contains(&delta2), "{diagram}");
}

/// The three-layer network, from its own parameters cell: its δ's and gradients
/// by the δ rule, and the engine's gradients.
#[track_caller]
fn expect_three_layers(run: &Run, w: &[Array2<f64>; 3], b: &[Array1<f64>; 3], x: &Array2<f64>, y: &Array2<f64>) {
    let deep = DeltaNet::new(w.to_vec(), b.to_vec(), vec![Relu, Sigmoid, Identity]);
    let deep_caches = deep.forward(x);
    let deep_g = deep.backward(&deep_caches, y);
    let rule = run.cell("let deep = DeltaNet::new(");
    expect(rule, "deep_L", &[deep.loss(&deep_caches, y)], 1e-12);
    let first = run.cell("▸ Predict, then check (three layers)");
    for (l, gl) in deep_g.iter().enumerate() {
        let cell = if l == 0 { first } else { rule };
        let letter = ["A", "B", "C"][l]; // the three-layer network's layers are A, B, C
        expect(cell, &format!("deep_delta[{letter}]"), &flat(&gl.delta), 1e-12);
        expect(cell, &format!("deep_dL/dW[{letter}]"), &flat(&gl.dl_dw), 1e-12);
        expect(cell, &format!("deep_dL/db[{letter}]"), &gl.dl_db.to_vec(), 1e-12);
    }
    let engine = run.cell("// The three-layer network in the engine");
    for (l, gl) in deep_g.iter().enumerate() {
        let letter = ["A", "B", "C"][l];
        expect(engine, &format!("three layers, layer {letter} engine dL/dW"), &flat(&gl.dl_dw), 1e-12);
        let diff = engine.values()[&format!("three layers, layer {letter} largest difference")][0];
        assert!(diff <= 1e-15, "layer {letter} of the three differs from the engine by {diff}");
    }
}

/// XOR trained as the lesson does, by the training step (the stand-in, while
/// my_train_step is todo!()) with a quarter of the mean's rate: (accuracy, epoch
/// from which it is solved, last loss). The engine's `fit` on the mean binary
/// cross-entropy with the rate itself takes the same steps.
fn xor_solution(seed: u64, lr: f64, epochs: usize, hidden: usize) -> (f64, Option<usize>, f64) {
    let (x, y) = (array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], array![[0.0], [1.0], [1.0], [0.0]]);
    let start = nn::Sequential::mlp(&[2, hidden, 1], nn::Layer::Tanh, &mut rng(seed)).then(nn::Layer::Sigmoid);
    let mut net = DeltaNet::from_model(&start);
    let mut run = History::new(lr);
    for _ in 0..epochs {
        assert!(net.record_bce(&mut run, &x, &y));
        backprop::exercises::deep_dive::train_step_stand_in(&mut net, &x, &y, lr / 4.0);
    }
    let by_fit = start.fit(&x, &y, &Fit::new(Loss::Bce).lr(lr).epochs(epochs));
    assert_eq!(by_fit.solved_from(), run.solved_from(), "the summed step with lr/4 takes fit's steps");
    assert!((by_fit.last().unwrap() - run.last().unwrap()).abs() < 1e-9);
    (net.accuracy(&x, &y), run.solved_from(), run.last().unwrap())
}

fn bce_classifier_loss(seed: u64) -> f64 {
    let clf = nn::Sequential::mlp(&[2, 4, 1], nn::Layer::Relu, &mut rng(seed)).then(nn::Layer::Sigmoid);
    clf.forward(&Tensor::from(array![[0.5, 1.0]])).bce_loss(&Tensor::from(array![[1.0]])).item()
}

/// The classifier's hidden units that are off (ReLU slope 0) for its input, counted from 1.
fn bce_classifier_off(seed: u64) -> Vec<usize> {
    let clf = nn::Sequential::mlp(&[2, 4, 1], nn::Layer::Relu, &mut rng(seed)).then(nn::Layer::Sigmoid);
    let (w, b) = (clf.param("0.weight").value(), clf.param("0.bias").value());
    let w = w.into_dimensionality::<backprop::ndarray::Ix2>().unwrap();
    let z: Vec<f64> = (0..w.nrows()).map(|j| 0.5 * w[[j, 0]] + 1.0 * w[[j, 1]] + b.iter().nth(j).unwrap()).collect();
    (0..z.len()).filter(|&j| z[j] <= 0.0).map(|j| j + 1).collect()
}

fn first_layer(seed: u64) -> (Vec<f64>, Vec<f64>) {
    let layer = nn::Linear::new(3, 1, &mut rng(seed));
    (layer.weight.value().iter().copied().collect(), layer.bias.value().iter().copied().collect())
}

/// Initialisation, from `init_seed`.
#[track_caller]
fn expect_from_seed(run: &Run, seed: u64) {
    let (w0, b0) = first_layer(seed);
    expect(run, "initial weights", &w0, 1e-15);
    expect(run, "initial bias", &b0, 1e-15);
    expect(run, "trainable weights", &[1.0], 0.0);
    expect(run, "trainable bias", &[1.0], 0.0);
}

/// The classifier, from its own `clf_seed`.
#[track_caller]
fn expect_classifier(run: &Run, seed: u64) {
    let loss = bce_classifier_loss(seed);
    let clf = run.cell("let mut clf_init");
    expect(clf, "loss", &[loss], 1e-15);
    let off = format!("hidden units off for this input (counted from 1): {:?}", bce_classifier_off(seed));
    assert!(clf.text().contains(&off), "missing `{off}` in {}", clf.text());
    let manual = run.cell("let bce_before");
    expect(manual, "BCE before", &[loss], 1e-15);
    assert!(manual.values()["after one manual step"][0] < loss, "{}", manual.text());
    expect(manual, "the loss fell", &[1.0], 0.0);
    assert!(run.text().contains("gradient check passed: 17 gradients agree"), "{}", run.text());
}

#[test]
fn backprop_deep_dive() {
    let report = run_lesson(
        "backprop-deep-dive",
        &[
            "let neuron_x = 2.0;\nlet neuron_w = 0.3;\nlet neuron_b = -0.2;\nlet neuron_y = 0.0;",
            "let chain_x = -1.0;\nlet chain_w1 = 0.5;\nlet chain_b1 = 0.2;\nlet chain_w2 = 0.9;\nlet chain_b2 = -0.3;\nlet chain_y = 0.0;",
            "let x = array![[0.5, -1.0]];\nlet y = array![[2.0]];\nlet w1 = array![[0.4, 0.1], [-0.2, 0.3]];\nlet b1 = array![0.05, 0.1];\nlet w2 = array![[0.7, -0.5]];\nlet b2 = array![0.2];\nlet lr = 0.05;",
            "let deep_x = array![[1.5, 0.5]];\nlet deep_y = array![[2.0]];\nlet deep_wa = array![[0.4, 0.1], [-0.2, 0.3]];\nlet deep_ba = array![0.05, 0.1];\nlet deep_wb = array![[0.3, 0.8], [-0.6, 0.2]];\nlet deep_bb = array![0.0, 0.1];\nlet deep_wc = array![[0.7, -0.5]];\nlet deep_bc = array![0.2];",
            "let init_seed: u64 = 5;",
            "let xor_seed: u64 = 3;\nlet xor_lr = 0.8;\nlet xor_epochs: usize = 1500;\nlet xor_hidden: usize = 3;",
            "let clf_seed: u64 = 5;",
        ],
    );
    let v = &report.fresh;
    let text = v.text();
    let exercises: Vec<String> = (1..=10).map(|k| format!("Exercise 4.{k}")).collect();
    let mut untouched: Vec<(&str, &str)> = exercises.iter().map(|e| (e.as_str(), "not attempted yet")).collect();
    untouched.push(("Predict, then check", "not attempted yet"));
    untouched.push(("Predict, then check (two outputs)", "not attempted yet"));
    untouched.push(("Predict, then check (three layers)", "not attempted yet"));
    untouched.push(("Predict, then check (which way)", "not attempted yet"));
    untouched.push(("Predict, then check (bias gradients)", "not attempted yet"));
    untouched.push(("Predict, then check (a batch's bias gradient)", "not attempted yet"));
    untouched.push(("Predict, then check (equal start)", "not attempted yet"));
    untouched.push(("Predict, then check (sigmoid and BCE)", "not attempted yet"));
    untouched.push(("Predict, then check (XOR's learning rate)", "not attempted yet"));
    harness::expect_exercises(v, &untouched);
    // One neuron and the chain of two.
    expect_neuron(v, 1.5, -0.5, 0.0, 1.0);
    expect(v.cell("let neuron = Neuron::new"), "dL/dw", &[-0.221984], 0.0);
    expect_chain(v, [1.5, 0.8, -0.3, -1.1, 0.3, 1.0]);
    // A hidden unit that feeds two outputs collects both shares (the sum form of R2).
    let two = v.cell("▸ Predict, then check (two outputs)");
    expect(two, "shares from output 1", &[-0.025], 1e-12);
    expect(two, "shares from output 2", &[-0.08], 1e-12);
    expect(two, "ReLU slope", &[1.0], 0.0);
    expect(two, "delta1 of hidden unit 1", &[-0.105], 1e-12);
    let nudge = v.cell("let nudge_w2 =");
    expect(nudge, "loss change per unit of nudge of z[1]_1 output 1", &[-0.025], 1e-8);
    expect(nudge, "loss change per unit of nudge of z[1]_1 output 2", &[-0.08], 1e-8);
    expect(nudge, "total loss change per unit of nudge, dL/dz[1]_1", &[-0.105], 1e-8);
    // The worked example, first by its hand-checkable numbers (W one row per unit) …
    let units = v.cell("// The output unit (linear");
    for (name, want) in [
        ("delta2", &[-0.05][..]),
        ("delta1", &[-0.025, -0.03]),
        ("dL/dW2", &[-0.035, -0.05]),
        ("dL/dW1", &[-0.025, -0.05, -0.03, -0.06]),
    ] {
        expect(units, name, want, 1e-12);
    }
    let forward = v.cell("// Layer 1, unit by unit");
    expect(forward, "z1", &[0.7, 1.0], 1e-12);
    expect(forward, "y_hat", &[0.95], 1e-12);
    expect(forward, "L", &[0.00125], 1e-12);
    // … then every cell of it against the crate, the engine and the update included.
    let w = [array![[0.1, 0.3], [0.2, 0.4]], array![[0.5, 0.6]]];
    let b = [array![0.0, 0.0], array![0.0]];
    expect_worked_example(v, &w, &b, &array![[1.0, 2.0]], &array![[1.0]], 0.1);
    let u = [w[0].clone(), array![[0.7, -0.5], [0.4, 0.6]], w[1].clone()];
    let c = [b[0].clone(), array![0.1, -0.2], b[1].clone()];
    expect_three_layers(v, &u, &c, &array![[1.0, 2.0]], &array![[1.0]]);
    expect(v.cell("let deep = DeltaNet::new("), "deep_L", &[0.057975], 1e-6);
    expect(v.cell("let deep = DeltaNet::new("), "deep_delta[B]", &[-0.0424782, -0.0455996], 1e-7);
    assert!(text.contains("#0 x (input) | shape [1, 2] | value [1.0000, 2.0000]"), "the worked example's graph");
    for line in [
        "the worked example: 9 parameters: forward pass and backward sweep = 5 matrix products, nudging every parameter = 36 matrix products",
        "the three-layer network: 15 parameters: forward pass and backward sweep = 8 matrix products, nudging every parameter = 90 matrix products",
        "a 784-128-10 digit reader: 101770 parameters: forward pass and backward sweep = 5 matrix products, nudging every parameter = 407080 matrix products",
    ] {
        assert!(text.contains(line), "missing `{line}`");
    }
    // Key concepts that do not depend on the example.
    expect(v, "largest sigmoid slope", &[0.25], 0.0);
    expect(v, "10 layers factor at most", &[0.25f64.powi(10)], 0.0);
    // Initial weights, symmetry, bias, BCE.
    expect(v, "bound 1/sqrt(3)", &[1.0 / 3f64.sqrt()], 1e-15);
    expect_from_seed(v, 0);
    expect_classifier(v, 0);
    assert!(
        text.contains("samples whose delta1 is all zero (counted from 1): [2]\n"),
        "the silent sample of the batch"
    );
    assert!(
        text.contains(
            "hidden unit 1's delta1 in samples 1, 2, 3 = [-0.025, 0, -0.83], added up: dL/db[1]_1 = -0.855\n"
        ),
        "the batch's bias gradient, added up"
    );
    // Why backwards: one forward sweep per parameter of the chain, each gradient the backward sweep's.
    assert!(
        text.contains("the chain: forwards = 4 sweeps (one per parameter), backwards = 1 sweep for all 4\n"),
        "{text}"
    );
    let sweeps = v.cell("▸ Forwards or backwards");
    for name in ["w1", "b1", "w2", "b2"] {
        let f = sweeps.values()[&format!("dL/d{name} by its own forward sweep")][0];
        let b = sweeps.values()[&format!("dL/d{name} from the one backward sweep")][0];
        assert!((f - b).abs() < 1e-12, "dL/d{name}: forward {f}, backward {b}");
    }
    let sym = v.cell("let equal = nn::Sequential");
    expect(sym, "equal start hidden-unit spread", &[0.0], 0.0);
    assert!(sym.values()["random start hidden-unit spread"][0] > 0.1);
    assert!(sym.values()["equal start final loss"][0] > 0.1, "{:?}", sym.values());
    assert!(sym.values()["random start final loss"][0] < 0.01, "{:?}", sym.values());
    // The sigmoid with BCE at both labels: σ(0.3) − 1, then σ(0.3) − 0.
    let bce = v.cell("▸ Predict, then check (sigmoid and BCE)").text();
    let at = |piece: &str| bce.find(piece).unwrap_or_else(|| panic!("missing `{piece}` in {bce}"));
    assert!(at("dL/dz when y is 1: formula = -0.425557, analytic = -0.425557") < at("dL/dz when y is 0:"), "{bce}");
    assert!(bce.contains("dL/dz when y is 0: formula = 0.574443, analytic = 0.574443"), "{bce}");
    // The slowdown, drawn: the unit at z = −4 after 50 steps under each loss.
    let slow = v.cell("let mut slow_runs");
    let after_50 = |loss: Loss| {
        let mut n = Neuron::new(array![-2.0], -2.0, Sigmoid);
        for _ in 0..50 {
            let (_, _, g) = n.forward_backward(&array![1.0], 1.0, loss);
            n.step(&g, 0.5);
        }
        n.forward(&array![1.0]).a
    };
    let (by_square, by_bce) = (after_50(Loss::HalfSquared), after_50(Loss::Bce));
    assert!(by_square < 0.1 && by_bce > 0.9, "{by_square}, {by_bce}");
    expect(slow, "y_hat after 50 steps under ½(ŷ − y)²", &[by_square], 1e-12);
    expect(slow, "y_hat after 50 steps under the cross-entropy", &[by_bce], 1e-12);
    expect(slow, "the cross-entropy's unit ends closer to the label", &[1.0], 0.0);
    // XOR, solved by the training step of Exercise 4.6 (the stand-in, while my_train_step is todo!()).
    let xor_cell = v.cell("let mut xor_net = DeltaNet::from_model");
    assert!(xor_cell.text().contains("training step used: the crate's stand-in"), "{}", xor_cell.text());
    let (acc, solved, last) = xor_solution(0, 0.5, 2000, 4);
    assert_eq!(acc, 1.0);
    expect(v, "accuracy", &[1.0], 0.0);
    assert!(text.contains(&format!("all four points classified from epoch {} on", solved.unwrap())));
    assert!(!text.contains("does not pass Exercise 4.6's check"), "the stand-in is not called a failing step");
    assert!(text.contains(&format!("loss {} -> {}", fmt_f64(0.6922748203765187), fmt_f64(last))), "{text}");
    // Changed parameters, one example at a time.
    expect_neuron(&report.overrides[0].cells, 2.0, 0.3, -0.2, 0.0);
    expect_chain(&report.overrides[1].cells, [-1.0, 0.5, 0.2, 0.9, -0.3, 0.0]);
    let w = [array![[0.4, 0.1], [-0.2, 0.3]], array![[0.7, -0.5]]];
    let b = [array![0.05, 0.1], array![0.2]];
    expect_worked_example(&report.overrides[2].cells, &w, &b, &array![[0.5, -1.0]], &array![[2.0]], 0.05);
    let u = [array![[0.4, 0.1], [-0.2, 0.3]], array![[0.3, 0.8], [-0.6, 0.2]], array![[0.7, -0.5]]];
    let c = [array![0.05, 0.1], array![0.0, 0.1], array![0.2]];
    expect_three_layers(&report.overrides[3].cells, &u, &c, &array![[1.5, 0.5]], &array![[2.0]]);
    expect_from_seed(&report.overrides[4].cells, 5);
    expect_classifier(&report.overrides[6].cells, 5);
    let (acc, solved, _) = xor_solution(3, 0.8, 1500, 3);
    let xor = &report.overrides[5].cells;
    expect(xor, "accuracy", &[acc], 0.0);
    match solved {
        Some(k) => assert!(xor.text().contains(&format!("classified from epoch {k} on")), "{}", xor.text()),
        None => assert!(xor.text().contains("not solved yet"), "{}", xor.text()),
    }
}
