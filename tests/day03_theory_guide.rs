//! The Day 3 theory guide on the real kernel: every section's numbers
//! recomputed by the crate, and new numbers in its three `parameters` cells.

mod harness;

use backprop::prelude::*;
use backprop::train::Stop;
use harness::report::{CellRun, Run};
use harness::{expect, run_lesson};

/// The essential training loop of §14, recomputed by the crate.
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
}

fn learning_rate_runs(lrs: &[f64]) -> Vec<History> {
    let fit = |lr| Fit::new(Loss::HalfSquared).lr(lr).epochs(40);
    lrs.iter().map(|&lr| Neuron::new(array![0.0, 0.0], 0.0, Identity).fit(&array![1.0, 2.0], 1.0, &fit(lr))).collect()
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

#[test]
fn day03_theory_guide() {
    let neuron_params =
        "let activation = Sigmoid;\nlet x = array![1.0, 2.0, -1.0];\nlet w = array![0.2, -0.1, 0.3];\nlet b = -0.4;\nlet y = 0.0;";
    let report = run_lesson(
        "day03-theory-guide",
        &[
            neuron_params,
            "let learning_rates = [0.05, 0.2, 0.5];",
            "let seed: u64 = 3;\nlet lr = 0.02;\nlet epochs: usize = 30;",
        ],
    );
    let v = &report.fresh;
    let text = v.text();

    // §2: the five-step loop, recomputed.
    let mut init = rng(1);
    let (inputs, targets) = (randn(&mut init, 8, 3), randn(&mut init, 8, 1));
    let model = nn::Sequential::mlp(&[3, 4, 1], nn::Layer::Relu, &mut init);
    for (k, loss) in model.fit(&inputs, &targets, &Fit::new(Loss::Mse).lr(0.1).epochs(5)).losses.iter().enumerate() {
        expect(v, &format!("step {} loss", k + 1), &[*loss], 1e-15);
    }
    // §3: the neuron's chain rule (tanh), and the same with a swapped activation.
    let chain_cell = "let (pass, loss, grads) = neuron.forward_backward";
    let z = expect_neuron(
        v.cell(chain_cell),
        &Neuron::new(array![0.1, 0.4, -0.3], 0.2, Tanh),
        &array![0.5, -1.0, 2.0],
        1.0,
    );
    assert_eq!(z, -0.75);
    assert!(text.contains("gradient check passed: 4 gradients agree"), "{text}");
    let o = &report.overrides[0].cells;
    expect_neuron(
        o.cell(chain_cell),
        &Neuron::new(array![0.2, -0.1, 0.3], -0.4, Sigmoid),
        &array![1.0, 2.0, -1.0],
        0.0,
    );
    assert!(o.text().contains("activation = sigmoid"));
    // §4: three learning rates.
    for run in learning_rate_runs(&[0.01, 0.15, 0.34]) {
        assert!(text.contains(&run.summary()), "missing `{}`", run.summary());
    }
    let o_text = report.overrides[1].cells.text();
    for run in learning_rate_runs(&[0.05, 0.2, 0.5]) {
        assert!(o_text.contains(&run.summary()), "missing `{}` after changing the learning rates", run.summary());
    }
    // The stability bound η < 1/3: just under it the loss dies away, just over it the loss grows.
    let edge = |lr: f64| {
        let fit = Fit::new(Loss::HalfSquared).lr(lr).epochs(200);
        Neuron::new(array![0.0, 0.0], 0.0, Identity).fit(&array![1.0, 2.0], 1.0, &fit)
    };
    let (under, over) = (edge(0.32), edge(0.35));
    assert!(text.contains(&under.summary()) && text.contains(&over.summary()), "{text}");
    assert!(under.last().unwrap() < 1e-10 && over.last().unwrap() > over.losses[0], "{under:?} {over:?}");
    harness::expect_exercises(
        v,
        &[
            ("Exercise 5.1", "not attempted yet"),
            ("Exercise 5.2", "not attempted yet"),
            ("Exercise 5.3", "not attempted yet"),
        ],
    );
    // §5: activation checks and ReLU at 0.
    for act in ["sigmoid", "relu", "tanh"] {
        assert!(text.contains(&format!("{act}: gradient check passed")), "{act}");
    }
    expect(v, "relu_derivative(0)", &[0.0], 0.0);
    expect(v, "central difference at 0", &[0.5], 1e-9);
    // §6: half of Day 10's gradient.
    let one_weight = v.cell("let one_weight");
    expect(one_weight, "dL/dz", &[-0.052877092784266715], 1e-15);
    expect(one_weight, "dL/dw", &[-0.10575418556853343], 1e-15);
    // §8: accumulation, explosion, vanishing, a dead ReLU.
    let after_one = v.value("after one backward grad");
    let doubled: Vec<f64> = after_one.iter().map(|g| 2.0 * g).collect();
    compare("doubled", &v.value("after a second backward without zero_grad grad"), &doubled, 1e-15, 0.0).assert_ok();
    compare("reset", &v.value("after zero_grad and one backward grad"), &after_one, 0.0, 0.0).assert_ok();
    let fit = Fit::new(Loss::HalfSquared).lr(1.0).epochs(1000);
    let blown = Neuron::new(array![0.0, 0.0], 0.0, Identity).fit(&array![1.0, 2.0], 1.0, &fit);
    assert_eq!(blown.stopped, Some((72, Stop::LossGrew)));
    assert!(text.contains(&blown.summary()), "the divergence report is missing");
    expect(v, "last finite losses", blown.last_n(3), 1e-15);
    // Clipping: the same η = 1, every step bounded, no divergence.
    let clipped = v.cell("let mut clipped = Neuron::new");
    assert!(clipped.text().contains("50 steps with lr = 1: loss 0.5 ->"), "{}", clipped.text());
    assert!(clipped.values()["clipped last losses"].iter().all(|&l| l < 2.0), "{}", clipped.text());
    // Normalising the inputs: the three runs, recomputed.
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
    // Epochs and mini-batches, recomputed.
    let mut init = rng(10);
    let data_x = randn(&mut init, 64, 3);
    let data_y = data_x.dot(&array![[1.0], [-2.0], [0.5]]) + randn(&mut init, 64, 1) * 0.1;
    let model = nn::Sequential::mlp(&[3, 4, 1], nn::Layer::Relu, &mut init);
    let opt = optim::Sgd::new(model.parameters(), 0.05);
    for epoch in 1..=5 {
        let mut total = 0.0;
        for start in (0..64).step_by(16) {
            let xb = data_x.slice(s![start..start + 16, ..]).to_owned();
            let yb = data_y.slice(s![start..start + 16, ..]).to_owned();
            let loss = model.forward(&Tensor::from(xb)).mse_loss(&Tensor::from(yb));
            opt.zero_grad();
            loss.backward();
            opt.step();
            total += loss.item();
        }
        expect(v, &format!("epoch {epoch} mean batch loss"), &[total / 4.0], 1e-15);
    }
    let norms: Vec<f64> = (0..8).map(|k| v.value(&format!("sigmoid {}.weight grad norm", 2 * k))[0]).collect();
    assert!(norms.windows(2).all(|p| p[0] < p[1]), "sigmoid gradients must shrink towards the input: {norms:?}");
    let ratio = norms[7] / norms[0];
    assert!((3e6..6e6).contains(&ratio), "the text says about four million times smaller; measured {ratio:e}");
    let dead = v.cell("let mut dead");
    expect(dead, "a", &[0.0], 0.0);
    expect(dead, "dL/dw", &[-0.0, -0.0], 0.0);
    expect(dead, "after 100 steps w", &[0.5, -0.2], 0.0);
    // §9: the three losses, formula = engine = finite differences.
    assert_eq!(text.matches("gradient check passed: 1 gradients agree").count(), 2, "{text}");
    assert!(text.contains("gradient check passed: 3 gradients agree"));
    assert!(
        text.contains("training vs validation loss (training loss, validation loss, baseline: predict the mean)"),
        "{text}"
    );
    assert!(text.contains("dL/dy_pred: formula = -1.25, analytic = -1.25"), "{text}");
    // §12: overfitting and underfitting.
    let (val_end, val_best) =
        (v.value("overfitting validation loss")[0], v.value("overfitting lowest validation loss")[0]);
    assert!(val_end > 2.0 * val_best, "validation loss must climb back up: {val_best} -> {val_end}");
    let train_o = v.value("overfitting training loss")[0];
    assert!(train_o < 0.09, "the training loss must end below the noise variance 0.3² = 0.09, got {train_o}");
    let (train_u, val_u) = (v.value("underfitting training loss")[0], v.value("underfitting validation loss")[0]);
    // The baselines: the variance of the validation targets, sin 3x and x².
    let mut data_init = rng(2);
    let _x_train = uniform(&mut data_init, 12, 1, -1.0, 1.0);
    let _noise = randn(&mut data_init, 12, 1);
    let x_val = uniform(&mut data_init, 50, 1, -1.0, 1.0);
    let (var_sin, var_sq) = (x_val.mapv(|v| (3.0 * v).sin()).var(0.0), x_val.mapv(|v| v * v).var(0.0));
    expect(v, "overfitting baseline (variance of the targets)", &[var_sin], 1e-15);
    expect(v, "underfitting baseline (variance of the targets)", &[var_sq], 1e-15);
    assert!(train_o < 0.2 * var_sin && val_best < var_sin, "overfitting: the training loss is far below the baseline");
    assert!(
        train_u > 0.5 * var_sq && val_u > 0.5 * var_sq,
        "underfitting: both losses stay near the baseline ({train_u}, {val_u}, {var_sq})"
    );
    // §14: the essential loop, and the same with new parameters.
    expect_essential_loop(v, &essential_loop(14, 0.01, 100));
    expect_essential_loop(&report.overrides[2].cells, &essential_loop(3, 0.02, 30));
}
