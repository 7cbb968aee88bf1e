//! Day 3 core on the real kernel: the manual neuron, the five-epoch loop and
//! the autograd MLP, and new numbers in both `parameters` cells.

mod harness;

use backprop::prelude::*;
use harness::report::Run;
use harness::{expect, run_lesson, Printed};

/// Every number the MLP cells print, recomputed by the crate.
struct MlpRun {
    prediction: f64,
    loss_before: f64,
    /// The gradients `step()` used, per parameter tensor, entries in order.
    grads: Vec<Vec<f64>>,
    loss_after: f64,
    after_training: f64,
    /// The last loss of the same training with a step that never calls `zero_grad()`.
    without_zero_grad: f64,
    /// §9's runs on the target `net_y_swing`: the last loss with the learner's step, and without `zero_grad()`.
    swing_yours: f64,
    swing_without: f64,
    /// The target `net_y`, which names the one-line target-1 comparison.
    target: f64,
}

/// The MLP's parameter tensors, in the order §6 prints their gradients.
const PARAMS: [&str; 4] = ["0.weight", "0.bias", "2.weight", "2.bias"];

fn day3_mlp(seed: u64, lr: f64, steps: usize, x: Array2<f64>, y: Array2<f64>, y_swing: Array2<f64>) -> MlpRun {
    let model = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut rng(seed)).then(nn::Layer::Sigmoid);
    let opt = optim::Sgd::new(model.parameters(), lr);
    let y_hat = model.forward(&Tensor::from(x.clone()));
    let loss = y_hat.mse_loss(&Tensor::from(y.clone()));
    opt.zero_grad();
    loss.backward();
    let grads = PARAMS.iter().map(|name| model.param(name).grad().iter().copied().collect()).collect();
    opt.step();
    let loss_after = Loss::Mse.mean(&model.predict(&x), &y);
    // §7 trains the network afresh, from the first weights, with the learner's step (the crate's while it is
    // todo!()): the same five calls as `fit`.
    let fitted = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut rng(seed)).then(nn::Layer::Sigmoid);
    let after_training = fitted.fit(&x, &y, &Fit::new(Loss::Mse).lr(lr).epochs(steps)).last().unwrap();
    // §9 then trains it once more with a step that leaves out zero_grad: every backward() adds to the stored gradients.
    let without = |y: &Array2<f64>| {
        let piled = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut rng(seed)).then(nn::Layer::Sigmoid);
        let piled_opt = optim::Sgd::new(piled.parameters(), lr);
        let (inputs, targets) = (Tensor::from(x.clone()), Tensor::from(y.clone()));
        let mut last = f64::NAN;
        for _ in 0..steps {
            let loss = piled.forward(&inputs).mse_loss(&targets);
            loss.backward();
            piled_opt.step();
            last = loss.item();
        }
        last
    };
    let without_zero_grad = without(&y);
    let swing_without = without(&y_swing);
    let swung = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut rng(seed)).then(nn::Layer::Sigmoid);
    let swing_yours = swung.fit(&x, &y_swing, &Fit::new(Loss::Mse).lr(lr).epochs(steps)).last().unwrap();
    MlpRun {
        prediction: y_hat.item(),
        loss_before: loss.item(),
        grads,
        loss_after,
        after_training,
        without_zero_grad,
        swing_yours,
        swing_without,
        target: y[[0, 0]],
    }
}

#[track_caller]
fn expect_mlp(run: &Run, mlp: &MlpRun) {
    expect(run, "prediction", &[mlp.prediction], 1e-15);
    expect(run, "loss before", &[mlp.loss_before], 1e-15);
    expect(run, "loss after one step", &[mlp.loss_after], 1e-15);
    expect(run, "decrease", &[mlp.loss_before - mlp.loss_after], 1e-12);
    assert!(mlp.loss_after < mlp.loss_before, "one SGD step must lower the loss");
    let text = run.text();
    // The gradients step() used, every entry of every parameter tensor.
    for (name, grad) in PARAMS.iter().zip(&mlp.grads) {
        expect(run, &format!("{name} grad"), grad, 1e-12);
    }
    assert!(text.contains(&format!("-> {}", fmt_f64(mlp.after_training))), "training summary differs");
    // The same training without zero_grad, beside the learner's: both last losses, and which is lower.
    let piled = run.cell("let (yours_last, piled_last)");
    // On net_y_swing (0.8 as stored) the run without zero_grad overshoots and ends higher.
    expect(piled, "last loss with your step", &[mlp.swing_yours], 1e-12);
    expect(piled, "last loss without zero_grad", &[mlp.swing_without], 1e-12);
    let lower = piled.printed("last loss with your step")[0] > piled.printed("last loss without zero_grad")[0];
    assert!(piled.text().contains(&format!("without zero_grad lower: {lower}")), "{}", piled.text());
    // And the target-1 runs, in one line, in the Notes: the one without zero_grad can look fine there.
    let target1 = run.cell("let (_, piled_run_1)");
    assert!(target1.index > piled.index, "the target-1 runs follow §9's runs");
    let target = fmt_f64(mlp.target);
    expect(target1, &format!("target {target} your final loss"), &[mlp.after_training], 1e-12);
    expect(target1, &format!("target {target} final loss without zero_grad"), &[mlp.without_zero_grad], 1e-12);
    let lower = mlp.without_zero_grad < mlp.after_training;
    assert!(target1.text().contains(&format!("without it lower: {lower}")), "{}", target1.text());
    let exact = mlp.without_zero_grad == 0.0;
    assert!(target1.text().contains(&format!("the loss is exactly 0: {exact}")), "{}", target1.text());
    // After Exercise 1.8 the engine's gradients stand beside the learner's lines (NaN when not written):
    // (b) is the last linear box, whose gradient is 2.bias's.
    let beside = format!("(b) last linear box         {:<11} NaN", fmt_f64(mlp.grads[3][0]));
    assert!(text.contains(&beside), "missing `{beside}` in:\n{text}");
    // zero_grad clears what fit left; a second backward pass doubles every gradient.
    expect(run, "training left a non-zero 2.bias grad", &[1.0], 0.0);
    expect(run, "2.bias grad after zero_grad", &[0.0], 0.0);
    expect(run, "ratio to one pass", &[2.0], 0.0);
    // §8: parts 4 and 5 one call at a time on a new network: backward() fills the gradient, step() moves the value.
    let calls = run.cell("let upd = net_model(net_seed)");
    expect(calls, "before backward() 2.bias grad", &[0.0], 0.0);
    expect(calls, "after backward() 2.bias grad", &[mlp.grads[3][0]], 1e-12);
    expect(calls, "after step() 2.bias grad", &[mlp.grads[3][0]], 1e-12);
    let (before, after) = (calls.printed("after backward() value"), calls.printed("after step() value"));
    assert_eq!(calls.printed("before backward() value"), before, "backward() leaves the value alone");
    expect(calls, "value before step() - net_lr * grad", &after, 1e-12);
    assert!(before != after, "step() moved the output bias");
    // Part 3 alone, after Exercise 1.9's check (it would give its decision away in §8): zero_grad() clears the
    // gradient step() left and leaves the value where step() put it.
    let cleared = run.cell("let cleared = net_model(net_seed)");
    assert!(cleared.index > run.cell("exercises::day03::training_step(my_training_step)").index);
    expect(cleared, "after backward() and step() 2.bias grad", &[mlp.grads[3][0]], 1e-12);
    expect(cleared, "after backward() and step() value", &after, 1e-12);
    expect(cleared, "after zero_grad() 2.bias grad", &[0.0], 0.0);
    assert_eq!(cleared.printed("after zero_grad() value"), after, "zero_grad() leaves the value alone");
    let step = run.cell("let bias = step_net.param");
    let (before, grad, after) = (step.printed("2.bias before"), step.printed("grad"), step.printed("after"));
    expect(step, "before - lr * grad", &after, 1e-12);
    assert!(grad[0] != 0.0 && before[0] != after[0], "step() moved the output bias");
}

/// The loss of the neuron (w, b) on (x, y) with L = ½(a − y)².
fn loss_of(w: &Array1<f64>, b: f64, x: &Array1<f64>, y: f64) -> f64 {
    Neuron::new(w.clone(), b, Sigmoid).loss(x, y, Loss::HalfSquared)
}

/// The nudge cell: w₁ (`w[0]`) moved by h, h/10 and h/100 (with h = 0.1), then w₂ by h, on the stored
/// neuron itself.
#[track_caller]
fn expect_nudges(run: &Run, w: &Array1<f64>, b: f64, x: &Array1<f64>, y: f64) {
    let base = loss_of(w, b, x, y);
    for (shift, label) in [(0.1, "0.1"), (0.01, "0.01"), (0.001, "0.001")] {
        let mut moved = w.clone();
        moved[0] += shift;
        let change = loss_of(&moved, b, x, y) - base;
        expect(run, &format!("w1 + {label} change in L"), &[change], 1e-9);
        expect(run, &format!("w1 + {label} ratio"), &[change / shift], 1e-9);
    }
    let mut moved = w.clone();
    moved[1] += 0.1;
    expect(run, "w2 + 0.1 change in L", &[loss_of(&moved, b, x, y) - base], 1e-9);
}

#[test]
fn day03_backprop_core() {
    let example_params = "let ex_x = array![1.0, -2.0];\nlet ex_w = array![0.3, 0.4];\nlet ex_b = -0.5;";
    let neuron_params = "let x = array![0.5, -1.5];\nlet y = 0.0;\nlet w = array![0.3, 0.2];\nlet b = -0.1;\nlet lr = 0.5;\nlet epochs = 3;";
    let net_params = "let net_seed: u64 = 7;\nlet net_lr = 0.05;\nlet net_steps: usize = 50;\nlet net_x = array![[0.5, -1.0]];\nlet net_y = array![[0.0]];";
    let report = run_lesson("day03-backprop-core", &[example_params, neuron_params, net_params]);
    let v = &report.fresh;
    let text = v.text();
    assert!(text.contains("#10 mse_loss | shape [] |"), "the MLP's graph is not drawn:\n{text}");
    for layer in ["(linear) | shape [1, 3] |", "(linear) | shape [1, 1] |"] {
        assert!(text.contains(layer), "each nn::Linear layer is one `linear` node; missing `{layer}` in:\n{text}");
    }
    let graphs = v.0.iter().flat_map(|c| &c.outputs).filter_map(|o| o.svg());
    let graphs = graphs.filter(|h| h.contains("<title>computation graph</title>") && h.matches("<rect").count() >= 11);
    assert_eq!(graphs.count(), 2, "the MLP's computation graph, a box per node, before and after backward()");

    // §1's example: z = w·x + b = 4.4, a = σ(4.4).
    expect(v.cell("let ex_z = "), "z", &[4.4], 1e-15);
    let at = |needle: &str| v.0.iter().position(|c| c.text().contains(needle)).unwrap();
    assert!(at("Predict, then check (§1): ") < at("a = 0.987872"), "a predicted before the cell that prints it");
    let example = v.cell("let ex_neuron = Neuron::new");
    expect(example, "z", &[4.4], 1e-15);
    expect(example, "a", &[sigmoid(4.4)], 1e-15);
    // §2: the worked neuron's forward pass, and the nudges heading for dL/dw₁ = −0.125.
    let (x, w) = (array![1.0, 0.0], array![0.0, 0.0]);
    let pass = v.cell("let worked_pass = ");
    expect(pass, "z", &[0.0], 0.0);
    expect(pass, "a", &[0.5], 0.0);
    assert!(at("Predict, then check (§2, loss): ") < at("loss = 0.125"), "L predicted before the cell that prints it");
    expect_nudges(v, &w, 0.0, &x, 1.0);
    assert!(
        at("Predict, then check (§2): ") < at("w2 + 0.1: change in L = 0"),
        "the w₂ nudge predicted before it prints"
    );
    expect(v, "w1 + 0.001 ratio", &[-0.124969], 0.0);
    // §3 and §4, as the source prints them.
    for (name, want) in [
        ("loss", 0.125),
        ("dL/da", -0.5),
        ("da/dz", 0.25),
        ("dL/dz", -0.125),
        ("dL/dw1", -0.125),
        ("dL/dw2", 0.0),
        ("dL/db", -0.125),
        ("ratio for a nudge of w1 by 1e-6", -0.125),
    ] {
        expect(v, name, &[want], 1e-15);
    }
    assert!(
        at("Predict, then check (§3): ") < at("dL/dw1 = -0.125"),
        "dL/dw1 predicted before the cell that prints it"
    );
    // The tiny nudge differs from the chain rule only past six digits.
    let tiny = (loss_of(&array![1e-6, 0.0], 0.0, &x, 1.0) - loss_of(&w, 0.0, &x, 1.0)) / 1e-6;
    expect(v, "ratio minus dL/dw1", &[tiny + 0.125], 1e-6);
    assert!(
        tiny != -0.125 && v.text().contains(&format!("the same ratio with every digit: {tiny}")),
        "the tiny ratio's digits"
    );
    // §3: Start here's neuron, box by box: the chain rule gives the ratio Start here measured by nudging.
    let boxes = v.cell("let sh_z = ");
    let a = sigmoid(-1.0);
    expect(boxes, "forward z", &[-1.0], 0.0);
    expect(boxes, "forward a", &[a], 1e-15);
    expect(boxes, "backward dL/da", &[a - 1.0], 1e-15);
    expect(boxes, "backward da/dz", &[a * (1.0 - a)], 1e-15);
    expect(boxes, "backward dL/dz", &[(a - 1.0) * a * (1.0 - a)], 1e-15);
    expect(boxes, "backward dL/dw", &[(a - 1.0) * a * (1.0 - a) * 3.0], 1e-15);
    expect(boxes, "Start here's nudge ratio", &[-0.431217], 0.0);
    assert!(
        at("Exercise 1.2: not attempted yet") < at("Start here's nudge: h = "),
        "the boxes checked before the answer prints"
    );
    // §3's fold counts the figures §2's last ratio got right: −0.124969 rounds to −0.1250, not to −0.12500.
    let factors = v.cell("let same_figures = ");
    expect(factors, "§2's last ratio", &[-0.124969], 0.0);
    expect(factors, "significant figures it shares with dL/dw1, both rounded", &[4.0], 0.0);
    // The practice after the Summary: §2's neuron with the target 0.2, which a = 0.5 has passed: factor 1 and
    // the gradient turn positive, (0.3)(0.25)(1) = 0.075, and the update moves w1 down.
    assert_eq!(at("Practice: the answer"), at("dL/dw1 = 0.075"), "the practice's answer prints in its own folded cell");
    expect(v, "target 0.2 a", &[0.5], 1e-12);
    expect(v, "target 0.2 a - y", &[0.3], 1e-12);
    expect(v, "target 0.2 dL/dz", &[0.075], 1e-12);
    expect(v, "target 0.2 dL/dw1", &[0.075], 1e-12);
    assert!(text.contains("the update w1 - lr * dL/dw1 moves w1 down\n"), "the practice's sign flip");
    expect(v, "lr * dL/dw1", &[-0.0125], 1e-12);
    expect(v, "new w1", &[0.0125], 1e-12);
    expect(v, "new b", &[0.0125], 1e-12);
    expect(v, "loss after the update", &[0.121895], 0.0);
    assert!(text.contains("loss after the update = 0.121895, lower than before: true\n"), "one step lowers the loss");
    // §5: the five epochs (the source prints the loss to 6 decimals and w to 8; b prints to 8 here too).
    let losses = [0.125, 0.121895, 0.118868, 0.115919, 0.113049];
    let bs = [0.0125, 0.024842, 0.037024, 0.049045, 0.060904];
    let w0s = [0.0125, 0.02484183, 0.03702385, 0.04904478, 0.06090366];
    for k in 0..5 {
        let e = k + 1;
        compare("loss", &v.value(&format!("epoch {e} loss")), &[losses[k]], 0.0, 5e-7).assert_ok();
        compare("b", &v.value(&format!("epoch {e} b")), &[bs[k]], 0.0, 5e-7).assert_ok();
        compare("b = w0", &v.value(&format!("epoch {e} b")), &[w0s[k]], 0.0, 5e-9).assert_ok();
        compare("w", &v.value(&format!("epoch {e} w")), &[w0s[k], 0.0], 0.0, 5e-9).assert_ok();
    }
    assert!(text.contains("the loss fell at every epoch: true\n"), "the loss falls every epoch");
    // Exercise 1.5's fold: this run's second step, its dL/dz read off b before and after its update.
    let mut second = Neuron::new(w.clone(), 0.0, Sigmoid);
    let (_, _, first_grads) = second.forward_backward(&x, 1.0, Loss::HalfSquared);
    second.step(&first_grads, 0.1);
    let (_, _, second_grads) = second.forward_backward(&x, 1.0, Loss::HalfSquared);
    let second_step = "this run's second step, from b before and after its update dL/dz";
    expect(v, second_step, &[second_grads.dl_db], 1e-5);
    // The loop calls the learner's my_neuron_step itself; as stored its body is the crate's stand-in, and says so.
    let looped = v.cell("let loss = my_neuron_step(&mut trained, &x, y, lr);");
    assert!(looped.text().contains("whose step ran: the crate's stand-in"), "{}", looped.text());
    assert!(
        looped.index > v.cell("exercises::day03::neuron_step(my_neuron_step)").index,
        "the check stands above the loop"
    );
    compare("change w", &v.value("change over the loop w"), &[0.06090366, 0.0], 0.0, 5e-9).assert_ok();
    compare("change b", &v.value("change over the loop b"), &[0.06090366], 0.0, 5e-9).assert_ok();
    // §6's bridge: §2's neuron on the engine, mse_loss without the ½, so twice §3's −0.5 and −0.125.
    expect(v, "(a) sigmoid box, dL_mse/dy_hat", &[-1.0], 1e-15);
    expect(v, "(b) 0.bias, dL_mse/db", &[-0.25], 1e-15);
    expect(v, "dL_mse/dw1", &[-0.25], 1e-15);
    assert!(
        text.contains("the loss fell by 9.6% from epoch 1 to epoch 5, over the 4 updates between them\n"),
        "5 losses, 4 updates"
    );
    expect_mlp(v, &day3_mlp(0, 0.1, 300, array![[1.0, 0.0]], array![[1.0]], array![[0.8]]));
    // §9's question, settles or keeps swinging: on 0.8 your step's last 50 losses never rise, the run
    // without zero_grad's rise again and again.
    let swing = v.cell("let (yours_last, piled_last)").text();
    assert!(swing.contains("your step, its last 50 losses: rose 0 times, "), "{swing}");
    assert!(
        swing.lines().any(|l| l.starts_with("your step, its last 50 losses") && l.ends_with(": settles")),
        "{swing}"
    );
    let without = swing.lines().find(|l| l.starts_with("without zero_grad, its last 50 losses: rose ")).unwrap();
    assert!(without.ends_with(": keeps swinging") && !without.contains("rose 0 times"), "{without}");
    harness::expect_exercises(
        v,
        &[
            ("Predict, then check (§1)", "not attempted yet"),
            ("Predict, then check (§2, loss)", "not attempted yet"),
            ("Predict, then check (§2)", "not attempted yet"),
            ("Exercise 1.1", "not attempted yet"),
            ("Exercise 1.2", "not attempted yet"),
            ("Predict, then check (§3)", "not attempted yet"),
            ("Exercise 1.3", "not yet. This is the step as given"),
            ("Exercise 1.4", "not checked yet. my_neuron_step still calls the crate's stand-in"),
            ("Exercise 1.5", "not attempted yet"),
            ("Predict, then check (§7, count)", "not attempted yet"),
            ("Predict, then check (§7, loss)", "not attempted yet"),
            ("Predict, then check (§6, one neuron)", "not attempted yet"),
            ("Exercise 1.8", "not attempted yet"),
            ("Predict, then check (§7, ReLU blocks)", "not attempted yet"),
            ("Predict, then check (§8, step)", "not attempted yet"),
            ("Exercise 1.9", "not checked yet. my_training_step still calls the crate's stand-in"),
            ("Exercise 1.6", "not attempted yet"),
            ("Exercise 1.7", "not attempted yet"),
        ],
    );
    // Exercise 1.9's training step runs the network's one step: the learner's my_training_step, as stored the
    // crate's stand-in in its body.
    let step_cell = v.cell("let stepped_loss = my_training_step(&stepped");
    assert!(step_cell.text().contains("whose step ran: the crate's stand-in"), "{}", step_cell.text());
    assert!(step_cell.text().contains("loss after one step = "), "the step cell takes the one step itself");
    assert!(step_cell.index > v.cell("exercises::day03::training_step(my_training_step)").index);
    // ReLU blocks: on the second input the second hidden unit's z is negative, so its bias and weights get 0.
    let blocked = v.cell("let blocked = net_model(net_seed)");
    assert!(
        blocked.text().contains("hidden unit 2: z = -") && !blocked.text().contains("ReLU passes"),
        "{}",
        blocked.text()
    );
    let routes = v.cell("let blocked_graded = net_model(net_seed)");
    assert!(routes.text().contains("hidden unit 2: ReLU passes its gradient: false"), "{}", routes.text());
    let model = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut rng(0)).then(nn::Layer::Sigmoid);
    let y_hat = model.forward(&Tensor::from(array![[1.0, 2.0]]));
    expect(blocked, "y_hat for net_x_blocked", &[y_hat.item()], 1e-12);
    y_hat.mse_loss(&Tensor::from(array![[1.0]])).backward();
    let g: Vec<f64> = model.param("0.bias").grad().iter().copied().collect();
    assert!(g[1] == 0.0 && g[0] != 0.0, "{g:?}");
    expect(v, "0.bias grad for net_x_blocked", &g, 1e-12);
    assert!(at("Predict, then check (§7, ReLU blocks): not attempted yet") < at("0.bias grad for net_x_blocked = "));
    // A value used twice gets the sum of its two shares.
    expect(v, "w grad", &[8.0], 0.0);
    // A second backward pass without zero_grad doubles every gradient, not only the output bias's.
    expect(v, "every gradient entry doubled", &[1.0], 0.0);

    // The note: the floating-point tail, the signed zero, PyTorch's f32 digits.
    assert!(text.contains("L with every digit = 0.01999999999999999\n"), "the one floating-point tail, explained");
    expect(v, "L to six digits", &[0.02], 0.0);
    assert!(text.contains("dL/dw2 equals zero: true, carries a minus sign: true"), "the stored −0");
    assert!(text.contains("lr * dL/dw1 in f32 = -0.012500000186264515\n"), "PyTorch's f32 step");
    assert!(text.contains("new w1 in f32 = 0.012500000186264515\n"), "PyTorch's f32 weight");
    // On fixed weights the engine reproduces the PyTorch reference run (the fixture's Day 3 case).
    let fixtures: serde_json::Value =
        serde_json::from_str(include_str!("../crates/backprop/tests/fixtures/torch-reference.json")).unwrap();
    let case =
        fixtures["cases"].as_array().unwrap().iter().find(|c| c["name"] == "day3_mlp_2_3_1_relu_sigmoid_mse").unwrap();
    let number = |v: &serde_json::Value| v.as_f64().unwrap();
    let fixed = v.cell("let fixed = nn::Sequential::from_weights(");
    expect(fixed, "fixed weights loss", &[number(&case["loss_value"])], 1e-12);
    expect(fixed, "fixed weights loss after one step", &[number(&case["loss_after_step"])], 1e-12);
    let b1_grad: Vec<f64> = case["grads"][1].as_array().unwrap().iter().map(number).collect();
    expect(fixed, "fixed weights 0.bias grad", &b1_grad, 1e-12);
    let largest = fixed.printed("largest difference from PyTorch")[0];
    assert!(largest <= 1e-12, "the engine differs from PyTorch by {largest:e}");

    // New numbers for §1's example: z = 0.3 − 0.8 − 0.5 = −1.
    let o = &report.overrides[0].cells;
    expect(o.cell("let ex_z = "), "z", &[-1.0], 1e-12);
    expect(o.cell("let ex_neuron = Neuron::new"), "a", &[sigmoid(-1.0)], 1e-12);

    // New neuron numbers: the forward pass, the nudges, the backward pass and the loop follow the crate.
    let o = &report.overrides[1].cells;
    let (x, w, b, y) = (array![0.5, -1.5], array![0.3, 0.2], -0.1, 0.0);
    let mut neuron = Neuron::new(w.clone(), b, Sigmoid);
    let (pass, l, g) = neuron.forward_backward(&x, y, Loss::HalfSquared);
    expect(o.cell("let worked_pass = "), "a", &[pass.a], 1e-15);
    expect(o, "loss", &[l], 1e-15);
    expect_nudges(o, &w, b, &x, y);
    expect(o, "dL/dw2", &[g.dl_dw[1]], 1e-15);
    expect(o, "dL/db", &[g.dl_db], 1e-15);
    for e in 1..=3 {
        let (_, l, g) = neuron.forward_backward(&x, y, Loss::HalfSquared);
        neuron.step(&g, 0.5);
        harness::expect_fixed(o, &format!("epoch {e} loss"), &[l], 6);
        harness::expect_fixed(o, &format!("epoch {e} w"), neuron.w.as_slice().unwrap(), 8);
        harness::expect_fixed(o, &format!("epoch {e} b"), &[neuron.b], 8);
    }
    assert!(!o.prints("epoch 4 loss"), "epochs = 3 must run three epochs");
    // The note computes its own gradients, on §2's stored neuron: the same −0 whatever the parameters.
    assert!(
        o.text().contains("dL/dw2 equals zero: true, carries a minus sign: true"),
        "the note reads only its own names"
    );

    // A new seed, learning rate and sample for the MLP.
    // net_x_blocked and net_y_swing are defined where they are used, not in the parameters cell: the swing target
    // stays 0.8.
    expect_mlp(&report.overrides[2].cells, &day3_mlp(7, 0.05, 50, array![[0.5, -1.0]], array![[0.0]], array![[0.8]]));
}
