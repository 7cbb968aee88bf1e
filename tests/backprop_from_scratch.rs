//! Backpropagation From Scratch on the real kernel: the manual gradients, the
//! crate's own `Linear` and `MseLoss` shown from source, the y = 3x + 2 loop,
//! and new numbers in both `parameters` cells.

mod harness;

use backprop::prelude::*;
use harness::report::Run;
use harness::{expect, expect_fixed, run_lesson};

/// The training loop, recomputed by the crate.
struct ScratchRun {
    losses: Vec<f64>,
    w: f64,
    b: f64,
    w_longer: f64,
    b_longer: f64,
}

fn scratch_loop(seed: u64, lr: f64, epochs: usize) -> ScratchRun {
    let mut init = rng(seed);
    let x = uniform(&mut init, 100, 1, 0.0, 5.0);
    let y = x.mapv(|v| 3.0 * v + 2.0) + randn(&mut init, 100, 1) * 0.1;
    let mut model = Linear::from_weights(randn(&mut init, 1, 1) * 0.1, Array1::zeros(1));
    let mut mse = MseLoss::new();
    let mut train = |model: &mut Linear, n: usize| -> Vec<f64> {
        let mut losses = Vec::new();
        for _ in 0..n {
            let pred = model.forward(&x);
            losses.push(mse.forward(&pred, &y));
            model.backward(&mse.backward());
            model.step(lr);
        }
        losses
    };
    let losses = train(&mut model, epochs);
    let (w, b) = (model.w[[0, 0]], model.b[0]);
    train(&mut model, 2000);
    ScratchRun { losses, w, b, w_longer: model.w[[0, 0]], b_longer: model.b[0] }
}

#[track_caller]
fn expect_scratch_loop(run: &Run, s: &ScratchRun) {
    for (epoch, loss) in s.losses.iter().enumerate().step_by(10) {
        expect_fixed(run, &format!("epoch {epoch} loss"), &[*loss], 4); // 4 decimals, as the source prints
    }
    expect_fixed(run, "final W", &[s.w], 4);
    expect_fixed(run, "final b", &[s.b], 4);
    expect_fixed(run, "after 2000 more epochs W", &[s.w_longer], 4);
    expect_fixed(run, "after 2000 more epochs b", &[s.b_longer], 4);
}

#[test]
fn backprop_from_scratch() {
    let report = run_lesson(
        "backprop-from-scratch",
        &[
            "let w = -1.0;\nlet b = 0.5;\nlet x = 2.0;\nlet y_true = 4.0;",
            "let seed: u64 = 9;\nlet learning_rate = 0.02;\nlet epochs: usize = 50;",
        ],
    );
    let v = &report.fresh;
    let text = v.text();
    // The source's numbers: y_pred = 7, loss = 9, dL/dw = −18, dL/db = −6, and autograd agrees.
    assert!(text.contains("forward pass: x = 3, w = 2, b = 1"), "{text}");
    assert!(text.contains("y_pred = w·x + b = 2·3 + 1 = 7\n"), "{text}");
    assert!(text.contains("loss = (y_pred - y_true)^2 = (7 - 10)^2 = 9\n"), "{text}");
    for (name, want) in [("dL/dw", -18.0), ("dL/db", -6.0), ("w.grad", -18.0), ("b.grad", -6.0)] {
        expect(v, name, &[want], 0.0);
    }
    assert!(text.contains("the manual gradients match autograd"));
    assert!(text.contains("#8 sum | shape [] | value [9.0000] | grad [1.0000] <- #7"), "graph:\n{text}");
    let chart = v.cell("let (w_fit, b_fit)").outputs.iter().filter_map(|o| o.svg()).collect::<String>();
    assert!(chart.contains("log10 MSE loss"), "the loss axis is labelled, on a log scale");
    // Section 1 draws the graph of L = (w·x + b − y_true)² before any gradient.
    let traced = v.cell("let traced = ").text();
    assert!(traced.contains("sum | shape [] | value [9.0000]") && traced.contains("y_true"), "{traced}");
    // The learner's own autograd engine: L = d·d collects dL/dd from both uses, and it agrees with the crate's.
    expect(v, "Value L", &[9.0], 0.0);
    expect(v, "Value dL/dd", &[-6.0], 0.0);
    expect(v, "Value dL/dw", &[-18.0], 0.0);
    expect(v, "Value dL/db", &[-6.0], 0.0);
    let engines = v.cell("let (a1, a2) = (Value::new(1.5)");
    let diffs: Vec<f64> = engines
        .text()
        .lines()
        .filter_map(|l| l.split("largest difference from the engine = ").nth(1))
        .map(|d| d.trim().parse().unwrap())
        .collect();
    assert!(diffs.len() == 3 && diffs.iter().all(|&d| d <= 1e-15), "{}", engines.text());
    assert!(engines.text().contains("a + a: gradients [2]"), "a value used twice collects both shares");
    let tanh = Tensor::param(array![1.5]);
    let other = Tensor::param(array![-0.5]);
    (&tanh * &other + &Tensor::from(array![0.25])).tanh().sum().backward();
    let line = format!("tanh(a1·a2 + 0.25): gradients {}", fmt_list(&[tanh.grad()[0], other.grad()[0]]));
    assert!(engines.text().contains(&line), "missing `{line}`");
    // The transposes of the Linear layer's backward, by shapes, checked against autograd.
    let shapes = v.cell("let mut r = rng(3);");
    assert!(shapes.text().contains("shapes: dL/dW [2, 3], dL/dX [4, 3]"), "{}", shapes.text());
    for g in ["dL/dW", "dL/dX", "dL/db"] {
        let d = shapes.values()[&format!("largest difference from autograd {g}")][0];
        assert!(d <= 1e-15, "{g} differs from autograd by {d}");
    }
    harness::expect_exercises(
        v,
        &[
            ("Exercise 3.1", "not attempted yet"),
            ("Exercise 3.2", "not attempted yet"),
            ("Exercise 3.3", "not attempted yet"),
            ("Exercise 3.4", "not attempted yet"),
        ],
    );
    // The crate's own source is shown, doc comments included.
    for item in [
        "pub struct Linear {",
        "pub fn forward(&mut self",
        "pub fn backward(&mut self",
        "pub fn linear_backward(",
        "pub struct MseLoss {",
        "pub fn backward(&self)",
    ] {
        assert!(text.contains(item), "the lesson does not show `{item}`");
    }
    assert!(text.contains("/// y = x·wᵀ + b, caching x for the backward pass."));
    // The cache demo (hand-checkable: W = 0.5, x = [1, 2], targets [2, 3]).
    expect(v, "cached pred - target", &[-1.5, -2.0], 0.0);
    expect(v, "L", &[3.125], 0.0);
    expect(v, "grad_w", &[-5.5], 0.0);
    expect(v, "dL/dx", &[-0.75, -1.0], 0.0);
    // The training loop: 100 epochs, then 2000 more; y = 3x + 2 is learned.
    let run = scratch_loop(42, 0.01, 100);
    expect_scratch_loop(v, &run);
    assert!((run.w - 3.0).abs() < 0.25 && (run.b - 2.0).abs() > 0.3, "100 epochs: W near 3, b still short of 2");
    assert!((run.w_longer - 3.0).abs() < 0.02 && (run.b_longer - 2.0).abs() < 0.05, "2100 epochs: both near");
    // Changed parameters.
    let o = &report.overrides[0].cells;
    assert!(o.text().contains("y_pred = w·x + b = -1·2 + 0.5 = -1.5\n"), "{}", o.text());
    assert!(o.text().contains("loss = (y_pred - y_true)^2 = (-1.5 - 4)^2 = 30.25\n"), "{}", o.text());
    for (name, want) in [("dL/dw", -22.0), ("w.grad", -22.0)] {
        expect(o, name, &[want], 0.0);
    }
    expect_scratch_loop(&report.overrides[1].cells, &scratch_loop(9, 0.02, 50));
}
