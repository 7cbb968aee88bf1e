//! The Day 3 theory guide on the real kernel: every section's numbers
//! recomputed by the crate, and new numbers in each of its `parameters` cells.

mod harness;

use backprop::prelude::*;
use backprop::train::Stop;
use harness::report::{CellRun, Run};
use harness::{expect, run_lesson};

/// One override per `parameters` cell, in order: every parameter changed.
const OVERRIDES: &[&str] = &[
    // §2 the recipe
    "let recipe_seed: u64 = 4;\nlet recipe_lr = 0.05;\nlet recipe_steps: usize = 7;\nlet recipe_big_lr = 0.5;",
    // §3 the neuron
    "let activation = Sigmoid;\nlet neuron_x = array![1.0, 2.0, -1.0];\nlet neuron_w = array![0.2, -0.1, 0.3];\nlet neuron_b = -0.4;\nlet neuron_y = 0.0;",
    // §4 learning rates: for x = [1, 1] the bound is 2/3
    "let lr_x = array![1.0, 1.0];\nlet lr_y = 2.0;\nlet learning_rates = [0.05, 0.2, 0.5];\nlet edge_lrs = [0.6, 0.7];",
    // §6 one weight, worked
    "let one_x = -1.0;\nlet one_w = 1.5;\nlet one_y = 1.0;\nlet one_lr = 0.1;",
    // §6 the sign of the gradient
    "let slope_x = 2.0;\nlet slope_y = 0.2;\nlet slope_w_a = -2.5;\nlet slope_w_b = 1.0;",
    // §7 zero the gradients
    "let zero_weights = array![[1.0, 0.5]];\nlet zero_bias = array![-0.2];\nlet zero_x = array![[2.0, -1.0], [1.0, 1.0]];\nlet zero_y = array![[0.0], [1.0]];\nlet zero_lr = 0.2;",
    // §8 exploding gradients and clipping
    "let blow_x = array![2.0, 1.0];\nlet blow_y = -1.0;\nlet blow_lr = 0.5;\nlet max_norm = 0.5;",
    // §8 normalising the inputs
    "let norm_seed: u64 = 12;\nlet norm_x_top = 50.0;\nlet norm_big_lr = 0.2;\nlet norm_small_lr = 1e-3;",
    // §8 gradients that grow layer by layer: now they shrink
    "let chain_layers: usize = 6;\nlet chain_weight = 0.5;",
    // §8 vanishing gradients
    "let deep_seed: u64 = 6;\nlet deep_width: usize = 8;\nlet deep_hidden_layers: usize = 5;",
    // §8 a dead ReLU, alive now (before Exercise 8.3 and Fix run A)
    "let dead_w = array![0.4, 0.1];\nlet dead_b = -0.05;\nlet dead_x = array![1.5, 1.0];\nlet dead_y = 2.0;",
    // §8 fix run A: both settings changed
    "let fix_activation = Tanh;\nlet fix_lr = 0.05;",
    // §9 losses
    "let y_pred = 0.3;\nlet y_true = 0.0;\nlet logits = array![0.5, -1.0, 3.0, 0.0];\nlet class: usize = 2;",
    // §10 mini-batches: 10 does not divide 64, so the last batch has 4 samples
    "let batch_seed: u64 = 11;\nlet batch_size: usize = 10;\nlet batch_lr = 0.02;\nlet batch_epochs: usize = 3;",
    // §12 over- and underfitting
    "let fit_seed: u64 = 3;\nlet fit_noise = 0.1;\nlet fit_hidden: usize = 12;\nlet fit_epochs: usize = 500;",
    // §13 the essential loop
    "let essential_seed: u64 = 3;\nlet essential_lr = 0.02;\nlet essential_epochs: usize = 30;",
];

/// §8's vanishing-gradient demo, recomputed by the crate: the norm of each
/// sigmoid layer's bias gradient (its δ, added over the 32 samples), from the input up.
fn sigmoid_bias_grad_norms(seed: u64, width: usize, hidden: usize) -> Vec<f64> {
    let mut init = rng(seed);
    let mut sizes = vec![4];
    sizes.extend(std::iter::repeat_n(width, hidden));
    sizes.push(1);
    let sig_net = nn::Sequential::mlp(&sizes, nn::Layer::Sigmoid, &mut init);
    let _relu_net = nn::Sequential::mlp(&sizes, nn::Layer::Relu, &mut init); // drawn from the same generator first
    let batch = Tensor::new(randn(&mut init, 32, 4));
    sig_net.forward(&batch).mse_loss(&Tensor::new(Array2::ones((32, 1)))).backward();
    sig_net
        .named_parameters()
        .iter()
        .filter(|(name, _)| name.ends_with("bias"))
        .map(|(_, b)| b.grad().mapv(|g| g * g).sum().sqrt())
        .collect()
}

/// The essential training loop of §13, recomputed by the crate.
fn essential_loop(seed: u64, lr: f64, epochs: usize) -> Vec<f64> {
    let mut init = rng(seed);
    let features = randn(&mut init, 64, 10);
    let rule = randn(&mut init, 10, 1);
    let targets = features.dot(&rule) + randn(&mut init, 64, 1) * 0.1;
    let model = nn::Sequential::mlp(&[10, 5, 1], nn::Layer::Relu, &mut init);
    model.fit(&features, &targets, &Fit::new(Loss::Mse).lr(lr).epochs(epochs)).losses
}

#[track_caller]
fn expect_essential_loop(run: &Run, losses: &[f64]) {
    for (k, loss) in losses.iter().enumerate() {
        let key = format!("epoch {} loss", k + 1);
        if (k + 1) % 10 == 0 {
            expect(run, &key, &[*loss], 1e-15);
        } else {
            assert!(!run.prints(&key), "only every tenth epoch is printed, found {key}");
        }
    }
    let still = losses[losses.len() - 1] < losses[losses.len() - 2];
    expect(run, "still falling at the last epoch", &[f64::from(u8::from(still))], 0.0);
}

/// §4: a linear neuron from zero weights, trained on one sample.
fn linear_run(x: &Array1<f64>, y: f64, lr: f64, epochs: usize) -> History {
    Neuron::new(Array1::zeros(x.len()), 0.0, Identity).fit(x, y, &Fit::new(Loss::HalfSquared).lr(lr).epochs(epochs))
}

/// §3: the neuron's chain rule, as the crate computes it.
#[track_caller]
fn expect_neuron(cell: &CellRun, n: &Neuron, x: &Array1<f64>, y: f64) -> f64 {
    let (pass, l, g) = n.forward_backward(x, y, Loss::HalfSquared);
    expect(cell, "z", &[pass.z], 1e-15);
    expect(cell, "L", &[l], 1e-15);
    expect(cell, "da/dz", &[g.da_dz], 1e-15);
    expect(cell, "dL/dw", g.dl_dw.as_slice().unwrap(), 1e-15);
    expect(cell, "dL/db", &[g.dl_db], 1e-15);
    pass.z
}

/// §2: the recipe's losses, recomputed.
fn recipe_losses(seed: u64, lr: f64, steps: usize) -> Vec<f64> {
    let mut init = rng(seed);
    let (inputs, targets) = (randn(&mut init, 8, 3), randn(&mut init, 8, 1));
    let model = nn::Sequential::mlp(&[3, 4, 1], nn::Layer::Relu, &mut init);
    model.fit(&inputs, &targets, &Fit::new(Loss::Mse).lr(lr).epochs(steps)).losses
}

#[test]
fn day03_theory_guide() {
    let report = run_lesson("day03-theory-guide", OVERRIDES);
    let v = &report.fresh;
    let text = v.text();
    let o = |k: usize| &report.overrides[k].cells;

    // §2: the five-step loop, recomputed, and with new parameters.
    for (run, losses) in [(v, recipe_losses(1, 0.1, 5)), (o(0), recipe_losses(4, 0.05, 7))] {
        for (k, loss) in losses.iter().enumerate() {
            expect(run, &format!("step {} loss", k + 1), &[*loss], 1e-15);
        }
        let fell = losses.windows(2).all(|p| p[1] < p[0]);
        expect(run, "the loss fell at every step", &[f64::from(u8::from(fell))], 0.0);
    }
    // §3: the neuron's chain rule (tanh), and the same with the override's sigmoid.
    let chain_cell = "chain_neuron.forward_backward";
    let z = expect_neuron(
        v.cell(chain_cell),
        &Neuron::new(array![0.1, 0.4, -0.3], 0.2, Tanh),
        &array![0.5, -1.0, 2.0],
        1.0,
    );
    assert_eq!(z, -0.75);
    assert!(text.contains("gradient check passed: 4 gradients agree"), "{text}");
    expect_neuron(
        o(1).cell(chain_cell),
        &Neuron::new(array![0.2, -0.1, 0.3], -0.4, Sigmoid),
        &array![1.0, 2.0, -1.0],
        0.0,
    );
    assert!(o(1).text().contains("activation = sigmoid"));
    harness::expect_exercises(
        v,
        &[
            ("Predict, then check (§4, a step 30 times as long)", "not attempted yet"),
            ("Exercise 3.1", "not attempted yet"),
            ("Predict, then check (§5)", "not attempted yet"),
            ("Predict, then check (§6)", "not attempted yet"),
            ("Predict, then check (§10)", "not attempted yet"),
            ("Predict, then check (§12)", "not attempted yet"),
            ("Predict, then check (§12, underfitting)", "not attempted yet"),
            ("Exercise 4.1a", "not attempted yet"),
            ("Exercise 4.1b", "not attempted yet"),
            ("Exercise 4.1c", "not attempted yet"),
            ("Exercise 4.2a", "not attempted yet"),
            ("Exercise 4.2b", "not attempted yet"),
            ("Predict, then check (§7)", "not attempted yet"),
            ("Exercise 8.1", "not attempted yet"),
            ("Exercise 8.2", "not attempted yet"),
            ("Exercise 8.3", "not attempted yet"),
            ("Predict, then check (§8, vanishing)", "not attempted yet"),
            ("Exercise 9.1", "not attempted yet"),
            ("Exercise 9.2", "not attempted yet"),
            ("Exercise 10.1", "not attempted yet"),
        ],
    );
    // §4: the bound, three learning rates and the edge, stored and changed.
    for (run, x, y, lrs, edges) in [
        (v, array![1.0, 2.0], 1.0, [0.01, 0.15, 0.34], [0.32, 0.35]),
        (o(2), array![1.0, 1.0], 2.0, [0.05, 0.2, 0.5], [0.6, 0.7]),
    ] {
        let scale = x.dot(&x) + 1.0;
        expect(run, "K (x1² + x2² + 1)", &[scale], 1e-15);
        expect(run, "stable only for lr < 2/K", &[2.0 / scale], 1e-15);
        let run_text = run.text();
        for lr in lrs {
            let summary = linear_run(&x, y, lr, 40).summary();
            assert!(run_text.contains(&summary), "missing `{summary}`");
            expect(run, &format!("lr {lr} error factor per step"), &[1.0 - lr * scale], 1e-12);
        }
        for lr in edges {
            let edge = linear_run(&x, y, lr, 200);
            assert!(run_text.contains(&edge.summary()), "missing `{}`", edge.summary());
            let shrank = edge.last().unwrap() < edge.losses[0];
            expect(run, &format!("lr {lr} loss shrank"), &[f64::from(u8::from(shrank))], 0.0);
        }
    }
    let (under, over) = (linear_run(&array![1.0, 2.0], 1.0, 0.32, 200), linear_run(&array![1.0, 2.0], 1.0, 0.35, 200));
    assert!(under.last().unwrap() < 1e-10 && over.last().unwrap() > over.losses[0], "{under:?} {over:?}");
    // §5: activation checks and ReLU at 0.
    for act in ["sigmoid", "relu", "tanh"] {
        assert!(text.contains(&format!("{act}: gradient check passed")), "{act}");
    }
    expect(v, "relu_derivative(0)", &[0.0], 0.0);
    expect(v, "central difference at 0", &[0.5], 1e-9);
    // §6: one weight, worked, x = 3, w = 0.2, y = 0.
    let one_weight = v.cell("let one_weight");
    let (pass, _, g) = Neuron::new(array![0.2], 0.0, Sigmoid).forward_backward(&array![3.0], 0.0, Loss::HalfSquared);
    expect(one_weight, "a", &[pass.a], 1e-15);
    expect(one_weight, "dL/dw", &[g.dl_dw[0]], 1e-15);
    expect(one_weight, "w after one step", &[0.2 - 0.5 * g.dl_dw[0]], 1e-15);
    expect(one_weight, "change in w, -lr·dL/dw", &[-0.5 * g.dl_dw[0]], 1e-15);
    assert!(g.dl_dw[0] > 0.0, "the text says the update lowers w");
    // §6: the slopes left of, at and right of the minimum.
    assert!(text.contains("at the minimum: w = 0.847298, dL/dw = 0, so w moves nowhere"), "{text}");
    assert!(text.contains("left of the minimum: w = -1.5, dL/dw = -0.0771944, so w moves up"), "{text}");
    assert!(text.contains("right of the minimum: w = 3, dL/dw = 0.0114105, so w moves down"), "{text}");
    // §8: accumulation, explosion, clipping, normalising, vanishing, a dead ReLU.
    // §7's stored unit on its batch of three: errors −1, 0.65, −0.2, so one pass is (2/3)·[−1.075, −2.85].
    let once_exact = [2.0 * -1.075 / 3.0, 2.0 * -2.85 / 3.0];
    expect(v, "after one backward grad", &once_exact, 1e-12);
    expect(v, "after a second backward without zero_grad grad", &once_exact.map(|g| 2.0 * g), 1e-12);
    let after_one = v.value("after one backward grad");
    compare("reset", &v.value("after zero_grad and one backward grad"), &after_one, 0.0, 0.0).assert_ok();
    expect(v, "twice the first", &[1.0], 0.0);
    // §7's question: w after two backward() calls and one step(), stored (lr 0.1) and overridden (lr 0.2; one
    // pass there is [2.9, −1], errors 1.3 and 0.3 on a batch of two).
    let piled_stored = [0.5 - 0.1 * 2.0 * once_exact[0], -0.3 - 0.1 * 2.0 * once_exact[1]];
    expect(v, "after two backward() calls and step() weights", &piled_stored, 1e-12);
    expect(
        o(5),
        "after two backward() calls and step() weights",
        &[1.0 - 0.2 * 2.0 * 2.9, 0.5 + 0.2 * 2.0 * 1.0],
        1e-12,
    );
    let fit = Fit::new(Loss::HalfSquared).lr(1.0).epochs(1000);
    let blown = Neuron::new(array![0.0, 0.0], 0.0, Identity).fit(&array![1.0, 2.0], 1.0, &fit);
    assert_eq!(blown.stopped, Some((72, Stop::LossGrew)));
    assert!(text.contains(&blown.summary()), "the divergence report is missing");
    expect(v, "last finite losses", blown.last_n(3), 1e-15);
    // §8: gradients that grow layer by layer (weights 1.5), and shrink (weights 0.5).
    for (run, layers, weight) in [(v, 10usize, 1.5f64), (o(8), 6, 0.5)] {
        let output = weight.powi(layers as i32); // input 1, every bias 0
        for layer in 0..layers {
            // printed from 1: layer 1 is fed by the input
            let g = 2.0 * output * weight.powi((layers - 1 - layer) as i32); // mse with target 0: 2·a, then × w per layer back
            expect(run, &format!("layer {} dL/db", layer + 1), &[g], 1e-12);
            if layer + 1 < layers {
                expect(run, &format!("layer {} ratio to the next layer", layer + 1), &[weight], 1e-12);
            }
        }
        expect(run, "first layer / last layer", &[weight.powi(layers as i32 - 1)], 1e-12);
    }
    // §10's and §13's loops run the crate's mini-batch loop while the learner's is todo!(), and say so.
    assert_eq!(
        text.matches("the mini-batch loop this run used: the crate's (yours is still todo!())").count(),
        2,
        "{text}"
    );
    let clipped = v.cell("let mut clipped = Neuron::new");
    assert!(clipped.text().contains("50 steps with lr = 1: loss 0.5 ->"), "{}", clipped.text());
    assert!(clipped.values()["clipped last losses"].iter().all(|&l| l < 2.0), "{}", clipped.text());
    let mut init = rng(11);
    let raw_x = uniform(&mut init, 50, 1, 0.0, 100.0);
    let line_y = raw_x.mapv(|v| 0.03 * v + 1.0);
    let (mean_x, std_x) = (raw_x.mean().unwrap(), raw_x.std(0.0));
    let scaled_x = raw_x.mapv(|v| (v - mean_x) / std_x);
    let unit_run = |x: &Array2<f64>, lr: f64| {
        let unit = nn::Sequential::new(vec![nn::Linear::from_weights(array![[0.0]], array![0.0]).into()]);
        unit.fit(x, &line_y, &Fit::new(Loss::Mse).lr(lr).epochs(200))
    };
    let (raw_fast, raw_slow, scaled) = (unit_run(&raw_x, 0.1), unit_run(&raw_x, 1e-4), unit_run(&scaled_x, 0.1));
    for (name, run) in [("raw inputs", &raw_fast), ("raw inputs", &raw_slow), ("normalised inputs", &scaled)] {
        assert!(text.contains(&format!("{name}: {}", run.summary())), "missing `{name}: {}`", run.summary());
    }
    assert!(raw_fast.stopped.is_some() && raw_slow.last().unwrap() > 0.01 && scaled.last().unwrap() < 1e-6);
    expect(v, "x mean", &[mean_x], 1e-15);
    expect(v, "x standard deviation", &[std_x], 1e-15);
    // Exercise 8.2's ratio, as the engine measures it: Σ yₛxₛ / Σ yₛ.
    let ratio_raw = (&raw_x * &line_y).sum() / line_y.sum();
    expect(v, "first step on raw inputs ratio", &[ratio_raw], 1e-12);
    let probe = o(7).value("first step on raw inputs ratio")[0];
    assert!((probe - ratio_raw).abs() > 1.0, "the override's data gives another ratio: {probe}");
    let norms: Vec<f64> = (0..8).map(|k| v.value(&format!("sigmoid weight layer {} grad norm", k + 1))[0]).collect();
    assert!(norms.windows(2).all(|p| p[0] < p[1]), "sigmoid gradients must shrink towards the input: {norms:?}");
    // Each layer's ratio to the next layer (this layer's gradient ÷ the one nearer the output).
    let factors: Vec<f64> =
        (0..7).map(|k| v.value(&format!("sigmoid weight layer {} ratio to the next layer", k + 1))[0]).collect();
    assert!(
        (1.0 / 35.0..1.0 / 33.0).contains(&factors[0]),
        "the text says 0.03 (34 times) for the first layer: {factors:?}"
    );
    assert!(
        factors[1..].iter().all(|f| (1.0 / 9.45..1.0 / 5.65).contains(f)),
        "the text says between 0.11 and 0.18 (5.7 to 9.4 times): {factors:?}"
    );
    // The biases' gradients (each layer's δ, added over the samples), recomputed, stored and changed:
    // no extra drop at the first layer.
    for (run, seed, width, hidden) in [(v, 5u64, 16usize, 7usize), (o(9), 6, 8, 5)] {
        let deltas = sigmoid_bias_grad_norms(seed, width, hidden);
        for (k, d) in deltas.iter().enumerate() {
            expect(run, &format!("sigmoid weight layer {} bias grad norm", k + 1), &[*d], 1e-9);
            if k + 1 < deltas.len() {
                expect(
                    run,
                    &format!("sigmoid weight layer {} bias ratio to the next layer", k + 1),
                    &[d / deltas[k + 1]],
                    1e-9,
                );
            }
        }
        expect(run, "sigmoid bias first layer / last layer", &[deltas[0] / deltas[hidden]], 1e-9);
    }
    let deltas = sigmoid_bias_grad_norms(5, 16, 7);
    let delta_factors: Vec<f64> = deltas.windows(2).map(|p| p[0] / p[1]).collect();
    assert!(
        delta_factors.iter().all(|f| (0.0985..0.185).contains(f)) && (0.125..0.135).contains(&delta_factors[0]),
        "the text says δ's ratio is between 0.099 and 0.18 (5.6 to 10 times), 0.13 for the first layer: {delta_factors:?}"
    );
    let delta_drop = deltas[0] / deltas[7];
    assert!((0.95e-6..1.05e-6).contains(&delta_drop), "the text says δ's first / last ≈ 1.0e-6: {delta_drop:e}");
    assert!(
        norms[0] / deltas[0] < 0.5 && (1..8).all(|k| norms[k] / deltas[k] > 1.5),
        "the text says only the first layer's weight gradient is small beside its δ: {norms:?} {deltas:?}"
    );
    let largest = v.value("sigmoid network largest |weight|")[0];
    assert!(largest > 0.48 && largest < 0.49, "the text says every weight is below 0.49 in size: {largest}");
    let ratio = v.value("sigmoid first layer / last layer")[0];
    assert!(
        (1.0 / 6e6..1.0 / 3e6).contains(&ratio),
        "the text says about four million times smaller; measured {ratio:e}"
    );
    assert!((2.25e-7..2.35e-7).contains(&ratio), "the text says first / last ≈ 2.3e-7: {ratio:e}");
    compare("first / last", &[ratio], &[norms[0] / norms[7]], 1e-5, 0.0).assert_ok();
    // §8, "Fix run A": as stored, the cell retrains run A unchanged, so it prints run A's two ratios.
    let run_a = text.lines().find(|l| l.starts_with("run A: ")).expect("Exercise 8.3's answer prints run A's ratios");
    let figure = v.cell("exercises::theory::mystery_run()").text();
    assert!(!figure.contains("first-layer ‖g‖"), "the ratios wait for the learner's diagnosis: {figure}");
    let fixed = v.cell("exercises::theory::fix_run_a").text();
    assert!(
        fixed.contains(&format!("fixed run A (sigmoid, lr = 0.1): {}", run_a.trim_start_matches("run A: "))),
        "{fixed}\n{run_a}"
    );
    assert!(text.contains("loss scale: runs A and C share log10 loss from "), "the shared loss scale is printed");
    let fixed_tanh = o(11).cell("exercises::theory::fix_run_a").text();
    assert!(fixed_tanh.contains("fixed run A (tanh, lr = 0.05)") && fixed_tanh.contains("Fix run A: "), "{fixed_tanh}");
    let dead = v.cell("let mut dead");
    expect(dead, "a", &[0.0], 0.0);
    expect(dead, "the unit is dead (z < 0)", &[1.0], 0.0);
    expect(dead, "dL/dw", &[-0.0, -0.0], 0.0);
    let dead_trained = v.cell("let run = dead.fit(");
    expect(dead_trained, "after 100 training steps w", &[0.5, -0.2], 0.0);
    expect(dead_trained, "after 100 training steps b", &[-5.0], 0.0);
    let alive = o(10).cell("let mut dead");
    expect(alive, "the unit is dead (z < 0)", &[0.0], 0.0);
    let alive_trained = o(10).cell("let run = dead.fit(");
    assert_ne!(alive_trained.values()["after 100 training steps w"], vec![0.4, 0.1], "an alive unit learns");
    // §8: the run to diagnose (Exercise 8.3) is drawn.
    for run in ["A", "B", "C"] {
        assert!(text.contains(&format!("run {run}: loss")), "{text}");
        assert!(text.contains(&format!("run {run}: gradient size per layer")), "{text}");
    }
    assert!(!text.contains("a run to diagnose"), "the runs' titles name no setting");
    // §2: the loop's first change, printed before §4's prediction, and the big step the prediction asks
    // about (stored lr 3.0: the loss rises; the override's 0.5 lowers it), printed below its check.
    for (run, seed, lr, big_lr) in [(v, 1u64, 0.1, 3.0), (o(0), 4, 0.05, 0.5)] {
        let first_two = recipe_losses(seed, lr, 2);
        expect(run, "change made by training step 1", &[first_two[1] - first_two[0]], 1e-12);
        let big = recipe_losses(seed, big_lr, 2);
        assert!(
            run.text().contains(&format!(
                "one training step with lr = {big_lr}: loss before = {}, after = {}",
                fmt_f64(big[0]),
                fmt_f64(big[1])
            )),
            "{}",
            run.text()
        );
        expect(run, "the big step lowered the loss", &[f64::from(u8::from(big[1] < big[0]))], 0.0);
    }
    assert!(recipe_losses(1, 3.0, 2)[1] > 20.0 * recipe_losses(1, 3.0, 2)[0], "the text says about 25 times higher");
    let text_at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("missing {needle}"));
    assert!(
        text_at("change made by training step 1")
            < text_at("Predict, then check (§4, a step 30 times as long): not attempted yet"),
        "the first change is on screen before the question"
    );
    // §4's question about §2's big step: the losses a distance t = −0.1, 0, 0.1 along the first step are printed
    // above the check; the curvature along the step K (their second difference) and the edge 2/K below it. The
    // curvature puts the big step on the side of the edge the real step lands on, stored and overridden.
    for (run, seed, recipe_lr, big_lr) in [(v, 1u64, 0.1, 3.0), (o(0), 4, 0.05, 0.5)] {
        let mut init = rng(seed);
        let (x, y) = (Tensor::new(randn(&mut init, 8, 3)), Tensor::new(randn(&mut init, 8, 1)));
        let walk =
            nn::Sequential::mlp(&[3, 4, 1], nn::Layer::Relu, &mut init).mse_along_gradient(&x, &y, &[-0.1, 0.0, 0.1]);
        for (t, loss) in [-0.1, 0.0, 0.1].iter().zip(&walk) {
            let line = format!("loss at t = {t} along the step = {}", fmt_f64(*loss));
            assert!(run.text().contains(&line), "{line}\n{}", run.text());
        }
        let k = (walk[2] - 2.0 * walk[1] + walk[0]) / (0.1 * 0.1);
        expect(run, "curvature along the step K", &[k], 1e-12);
        expect(run, "edge 2/K", &[2.0 / k], 1e-12);
        // The parabola L(t) ≈ L(0) − ‖g‖t + ½Kt², with ‖g‖ = (L(−0.1) − L(0.1))/0.2 and t = lr·‖g‖: its change for
        // the recipe's step beside the measured one, and its loss after the big step.
        let g = (walk[0] - walk[2]) / 0.2;
        expect(run, "gradient length ‖g‖", &[g], 1e-12);
        let change = |lr: f64| -lr * g * g * (1.0 - k * lr / 2.0);
        let first_two = recipe_losses(seed, recipe_lr, 2);
        expect(run, "recipe_lr step parabola's change", &[change(recipe_lr)], 1e-12);
        expect(run, "recipe_lr step measured change", &[first_two[1] - first_two[0]], 1e-12);
        expect(run, "recipe_big_lr step it walks t", &[big_lr * g], 1e-12);
        expect(run, "recipe_big_lr step parabola's change", &[change(big_lr)], 1e-12);
        expect(run, "recipe_big_lr step parabola's loss after it", &[walk[1] + change(big_lr)], 1e-12);
        let big = recipe_losses(seed, big_lr, 2);
        // The chart of L(t): each step lands where a training step with its lr takes the loss.
        let fit = StepParabola::through(0.1, [walk[0], walk[1], walk[2]]);
        assert_eq!((fit.grad_norm, fit.k), (g, k));
        for (lr, after) in [(recipe_lr, first_two[1]), (big_lr, big[1])] {
            let start = format!("lr {lr}: the step walks t = ");
            let line = run.text().lines().find(|l| l.starts_with(&start)).map(str::to_owned);
            let line = line.unwrap_or_else(|| panic!("missing `{start}`"));
            assert!(line.contains(&format!(", the loss there = {}, the parabola there = ", fmt_f64(after))), "{line}");
        }
        assert!(run.text().contains("[figure: the loss along the first step's direction"), "the chart of L(t)");
        assert!(
            run.text().contains("the loss along the first step's direction, near the start ("),
            "the zoomed chart of L(t), before the whole one"
        );
        assert_eq!(
            big_lr > 2.0 / k,
            big[1] > big[0],
            "seed {seed}: the edge 2/K = {} must tell the big step's side",
            2.0 / k
        );
        if seed == 1 {
            assert!((4.4..4.5).contains(&k), "the text says K ≈ 4.4 and an edge 2/K ≈ 0.45: {k}");
            assert!((2.245..2.255).contains(&g), "the text says ‖g‖ ≈ 2.25: {g}");
            let measured = first_two[1] - first_two[0];
            assert!(
                (-0.3925..-0.3915).contains(&change(0.1)) && (-0.3995..-0.3985).contains(&measured),
                "the text says the parabola predicts −0.392 against the measured −0.399: {} {measured}",
                change(0.1)
            );
            assert!((6.65..6.75).contains(&(3.0 * g)), "the text says the big step walks t ≈ 6.7: {}", 3.0 * g);
            let parabola_after = walk[1] + change(3.0);
            let after = recipe_losses(1, 3.0, 2)[1];
            assert!(
                (87.5..88.5).contains(&parabola_after) && (66.75..66.85).contains(&after),
                "the text says the parabola predicts about 88 against the measured 66.8: {parabola_after} {after}"
            );
        }
    }
    assert!(
        text_at("loss at t = 0 along the step") < text_at("Exercise 4.2a: not attempted yet")
            && text_at("Exercise 4.2a: not attempted yet") < text_at("Exercise 4.2b: not attempted yet")
            && text_at("Exercise 4.2b: not attempted yet")
                < text_at("Predict, then check (§4, a step 30 times as long): not attempted yet")
            && text_at("Predict, then check (§4, a step 30 times as long): not attempted yet")
                < text_at("curvature along the step K"),
        "the three losses above the three checks, the curvature below them"
    );
    // §9: p − 1 beside the engine's own backpropagated dL/dz of the true class.
    assert!(text.contains("p - 1 = -0.340999, engine's analytic dL/dz0 = -0.340999"), "{text}");
    // §7: zero_grad() after backward() leaves nothing to step with; in the right order only step() changes the loss.
    assert!(text.contains("wrong order: the step moved the parameters = false"), "{text}");
    // §7: the right-order step, w - 0.1·dL/dw with dL/dw = (2/3)·[-1.075, -2.85] (§7's stored unit and batch of three).
    expect(v, "right order after", &[0.5 + 0.1 * 2.0 * 1.075 / 3.0, -0.3 + 0.1 * 2.0 * 2.85 / 3.0], 1e-12);
    // §7's order of the calls: predictions (0, 0.65, 0.8) against (1, 0, 1), so the loss is (1 + 0.65² + 0.2²)/3 = 0.4875,
    // the same after backward() alone, and lower only after step().
    expect(v, "right order loss before the step", &[0.4875], 1e-12);
    expect(v, "right order loss after backward() alone", &[0.4875], 1e-12);
    assert!(v.value("right order loss after step()")[0] < 0.4875, "{text}");
    expect(v, "right order only step() changed the loss", &[1.0], 0.0);
    // §9: the three losses, formula = engine = finite differences.
    assert_eq!(text.matches("gradient check passed: 1 gradients agree").count(), 2, "{text}");
    assert!(text.contains("gradient check passed: 3 gradients agree"));
    assert!(text.contains("dL/dy_pred: formula = -0.2, analytic = -0.2"), "{text}");
    assert!(text.contains("dL/dy_pred: formula = -1.25, analytic = -1.25"), "{text}");
    assert!(text.contains("dL/dz0: formula = -0.340999, analytic = -0.340999"), "{text}");
    assert!(o(12).text().contains("gradient check passed: 4 gradients agree"), "four logits, four gradients");
    // §10: epochs and mini-batches, recomputed, with a batch size that divides 64 and one that does not.
    for (run, seed, size, lr, epochs) in [(v, 10, 16, 0.05, 5), (o(13), 11, 10, 0.02, 3)] {
        let mut init = rng(seed);
        let data_x = randn(&mut init, 64, 3);
        let data_y = data_x.dot(&array![[1.0], [-2.0], [0.5]]) + randn(&mut init, 64, 1) * 0.1;
        let model = nn::Sequential::mlp(&[3, 4, 1], nn::Layer::Relu, &mut init);
        let opt = optim::Sgd::new(model.parameters(), lr);
        let starts: Vec<usize> = (0..64).step_by(size).collect();
        expect(run, "updates per epoch", &[starts.len() as f64], 0.0);
        expect(run, "updates in all", &[(starts.len() * epochs) as f64], 0.0);
        for epoch in 1..=epochs {
            let mut total = 0.0;
            for &start in &starts {
                let end = (start + size).min(64);
                let xb = data_x.slice(s![start..end, ..]).to_owned();
                let yb = data_y.slice(s![start..end, ..]).to_owned();
                let loss = model.forward(&Tensor::from(xb)).mse_loss(&Tensor::from(yb));
                opt.zero_grad();
                loss.backward();
                opt.step();
                total += loss.item();
            }
            expect(run, &format!("epoch {epoch} mean batch loss"), &[total / starts.len() as f64], 1e-15);
        }
    }
    // §12: overfitting and underfitting.
    assert!(
        text.matches(
            "training vs validation loss (training loss, validation loss, training baseline, validation baseline)"
        )
        .count()
            == 1
            && text
                .matches("training vs validation loss (training loss, validation loss, training baseline, validation baseline, noise variance, lowest validation loss)")
                .count()
                == 1,
        "{text}"
    );
    let (val_end, val_best) =
        (v.value("overfitting validation loss")[0], v.value("overfitting lowest validation loss")[0]);
    assert!((4.5..5.5).contains(&(val_end / val_best)), "the text says about five times: {val_best} -> {val_end}");
    let train_o = v.value("overfitting training loss")[0];
    expect(v, "overfitting validation loss ended above its lowest", &[1.0], 0.0);
    let best_epoch = v.value("overfitting epoch of the lowest validation loss")[0];
    assert_eq!(best_epoch, 247.0, "the text names the epoch of the lowest validation loss");
    let at_best = v.value("overfitting training loss at that epoch")[0];
    let halfway = v.value("overfitting training loss halfway through")[0];
    assert!(
        at_best > halfway && halfway > 10.0 * train_o,
        "the text says the training loss keeps falling: {at_best} -> {halfway} -> {train_o}"
    );
    assert!(
        (0.06..0.07).contains(&halfway),
        "the text says the training loss is still 0.064 halfway through: {halfway}"
    );
    assert!((train_o - 0.0030).abs() < 5e-5, "the text says the training loss falls to 0.0030: {train_o}");
    // The text: the curve passes within 0.1 of every training point; it is furthest from sin 3x
    // at x = 1, the edge of the range, by 1.75.
    let miss = v.value("overfitting largest miss of a training point")[0];
    assert!(miss < 0.1 && miss > 0.09, "the text says the curve passes within 0.1 of every training point: {miss}");
    assert!(text.contains("overfitting: the curve is furthest from sin 3x at x = 1, by 1.75"), "{text}");
    let nearest = v.value("overfitting distance from there to the nearest training point")[0];
    assert!((nearest - 0.0514).abs() < 5e-4, "the last training point lies 0.05 from x = 1: {nearest}");
    expect(v, "overfitting noise variance", &[0.09], 1e-12);
    expect(v, "overfitting training loss below it", &[1.0], 0.0);
    assert!(train_o < 0.09, "the training loss must end below the noise variance 0.3² = 0.09, got {train_o}");
    let (train_u, val_u) = (v.value("underfitting training loss")[0], v.value("underfitting validation loss")[0]);
    let mut data_init = rng(2);
    let x_train = uniform(&mut data_init, 12, 1, -1.0, 1.0);
    let y_train_sin = x_train.mapv(|v| (3.0 * v).sin()) + randn(&mut data_init, 12, 1) * 0.3;
    let x_val = uniform(&mut data_init, 50, 1, -1.0, 1.0);
    // Each data set's own baseline: the variance of its own targets.
    let (var_sin_train, var_sq_train) = (y_train_sin.var(0.0), x_train.mapv(|v| v * v).var(0.0));
    let (var_sin, var_sq) = (x_val.mapv(|v| (3.0 * v).sin()).var(0.0), x_val.mapv(|v| v * v).var(0.0));
    assert!((var_sin_train - var_sin).abs() > 0.1, "the two sets' baselines differ: {var_sin_train} vs {var_sin}");
    expect(v, "overfitting training baseline (variance of the training targets)", &[var_sin_train], 1e-15);
    expect(v, "overfitting validation baseline (variance of the validation targets)", &[var_sin], 1e-15);
    expect(v, "underfitting training baseline (variance of the training targets)", &[var_sq_train], 1e-15);
    expect(v, "underfitting validation baseline (variance of the validation targets)", &[var_sq], 1e-15);
    assert!(
        train_o < 0.01 * var_sin_train && val_best < var_sin,
        "overfitting: the training loss is far below its baseline"
    );
    expect(v, "underfitting training loss below its baseline", &[1.0], 0.0);
    expect(v, "underfitting training loss below half its baseline", &[0.0], 0.0);
    expect(v, "underfitting validation loss below its baseline", &[0.0], 0.0);
    assert!(
        train_u > 0.95 * var_sq_train,
        "the text says the line's training loss ends just below its baseline: {train_u} vs {var_sq_train}"
    );
    assert!(val_u > var_sq, "the text says the line does not beat its baseline on validation: {val_u} vs {var_sq}");
    // §13: the essential loop, and the same with new parameters.
    expect_essential_loop(v, &essential_loop(14, 0.01, 100));
    let (slow, fast) = (essential_loop(14, 0.01, 100), essential_loop(14, 0.05, 100));
    assert!(
        fast.last().unwrap() < &(0.25 * slow.last().unwrap()),
        "the text says essential_lr = 0.05 gets much further in the same 100 epochs: {fast:?}"
    );
    expect_essential_loop(o(15), &essential_loop(3, 0.02, 30));
}
