//! Day 3 core on the real kernel: the manual neuron, the five-epoch loop and
//! the autograd MLP, and new numbers in both `parameters` cells.

mod harness;

use backprop::prelude::*;
use harness::report::Run;
use harness::{expect, run_lesson};

/// Every number the MLP cells print, recomputed by the crate.
struct MlpRun {
    loss_before: f64,
    grad_means: Vec<f64>,
    loss_after: f64,
    after_training: f64,
}

fn day3_mlp(seed: u64, lr: f64, steps: usize) -> MlpRun {
    let model = nn::Sequential::mlp(&[2, 3, 1], nn::Layer::Relu, &mut rng(seed)).then(nn::Layer::Sigmoid);
    let (x, y) = (array![[1.0, 0.0]], array![[1.0]]);
    let opt = optim::Sgd::new(model.parameters(), lr);
    let loss = model.forward(&Tensor::from(x.clone())).mse_loss(&Tensor::from(y.clone()));
    opt.zero_grad();
    loss.backward();
    let grad_means = model.grad_summary().0.iter().map(|(_, m, _)| *m).collect();
    opt.step();
    let loss_after = Loss::Mse.mean(&model.predict(&x), &y);
    let after_training = model.fit(&x, &y, &Fit::new(Loss::Mse).lr(lr).epochs(steps)).last().unwrap();
    MlpRun { loss_before: loss.item(), grad_means, loss_after, after_training }
}

#[track_caller]
fn expect_mlp(run: &Run, mlp: &MlpRun) {
    expect(run, "loss before", &[mlp.loss_before], 1e-15);
    expect(run, "loss after one step", &[mlp.loss_after], 1e-15);
    expect(run, "decrease", &[mlp.loss_before - mlp.loss_after], 1e-12);
    assert!(mlp.loss_after < mlp.loss_before, "one SGD step must lower the loss");
    let text = run.text();
    for (name, mean) in ["0.weight", "0.bias", "2.weight", "2.bias"].iter().zip(&mlp.grad_means) {
        let line = format!("{name}: grad mean={mean:.6}, shape=");
        assert!(text.contains(&line), "missing `{line}` in:\n{text}");
    }
    assert!(text.contains(&format!("-> {}", fmt_f64(mlp.after_training))), "training summary differs");
}

#[test]
fn day03_backprop_core() {
    let neuron_params = "let x = array![0.5, -1.5];\nlet y = 0.0;\nlet w = array![0.3, 0.2];\nlet b = -0.1;\nlet lr = 0.5;\nlet epochs = 3;";
    let mlp_params = "let seed: u64 = 7;\nlet mlp_lr = 0.05;\nlet train_steps: usize = 50;";
    let report = run_lesson("day03-backprop-core", &[neuron_params, mlp_params]);
    let v = &report.fresh;
    let text = v.text();
    assert!(text.contains("#10 mse_loss | shape [] |"), "the MLP's graph is not drawn:\n{text}");
    for layer in ["linear | shape [1, 3] |", "linear | shape [1, 1] |"] {
        assert!(text.contains(layer), "each nn::Linear layer is one `linear` node; missing `{layer}` in:\n{text}");
    }
    let graphs = v.0.iter().flat_map(|c| &c.outputs).filter_map(|o| o.svg());
    let graphs = graphs.filter(|h| h.contains("<title>computation graph</title>") && h.matches("<rect").count() >= 11);
    assert_eq!(graphs.count(), 1, "one computation graph with a box per node");

    // The theory examples: z = w·x + b = 4.4, and ½(0.8 − 1)² = 0.02.
    let example = v.cell("let example = Neuron::new");
    expect(example, "z", &[4.4], 1e-15);
    expect(example, "a", &[sigmoid(4.4)], 1e-15);
    expect(v, "L", &[0.02], 1e-12);
    assert!(text.contains("L with every digit = 0.01999999999999999\n"), "the one floating-point tail, explained");
    // The manual single neuron, as the source prints it.
    let pass = v.cell("let pass = neuron.forward(&x)");
    expect(pass, "z", &[0.0], 0.0);
    expect(pass, "a", &[0.5], 0.0);
    for (name, want) in [
        ("loss", 0.125),
        ("dL/da", -0.5),
        ("da/dz", 0.25),
        ("dL/dz", -0.125),
        ("dL/dw0", -0.125),
        ("dL/dw1", 0.0),
        ("dL/db", -0.125),
    ] {
        expect(v, name, &[want], 1e-15);
    }
    expect(v, "lr * dL/dw0", &[-0.0125], 1e-12);
    expect(v, "new w0", &[0.0125], 1e-12);
    expect(v, "new b", &[0.0125], 1e-12);
    // The five epochs (the source prints 6 or 8 decimals).
    let losses = [0.125, 0.121895, 0.118868, 0.115919, 0.113049];
    let bs = [0.0125, 0.024842, 0.037024, 0.049045, 0.060904];
    let w0s = [0.0125, 0.02484183, 0.03702385, 0.04904478, 0.06090366];
    for k in 0..5 {
        let e = k + 1;
        compare("loss", &v.value(&format!("epoch {e} loss")), &[losses[k]], 0.0, 5e-7).assert_ok();
        compare("b", &v.value(&format!("epoch {e} b")), &[bs[k]], 0.0, 5e-7).assert_ok();
        compare("w", &v.value(&format!("epoch {e} w")), &[w0s[k], 0.0], 0.0, 5e-9).assert_ok();
    }
    expect_mlp(v, &day3_mlp(0, 0.1, 300));
    harness::expect_exercises(
        v,
        &[
            ("Exercise 1.1", "not attempted yet"),
            ("Exercise 1.2", "not attempted yet"),
            ("Exercise 1.3", "not attempted yet"),
            ("Exercise 1.4", "not attempted yet"),
        ],
    );
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

    // New neuron numbers: the manual example and the loop follow the crate.
    let o = &report.overrides[0].cells;
    let x = array![0.5, -1.5];
    let mut neuron = Neuron::new(array![0.3, 0.2], -0.1, Sigmoid);
    let (pass, l, g) = neuron.forward_backward(&x, 0.0, Loss::HalfSquared);
    expect(o.cell("let pass = neuron.forward(&x)"), "a", &[pass.a], 1e-15);
    expect(o, "loss", &[l], 1e-15);
    expect(o, "dL/dw1", &[g.dl_dw[1]], 1e-15);
    expect(o, "dL/db", &[g.dl_db], 1e-15);
    for e in 1..=3 {
        let (_, l, g) = neuron.forward_backward(&x, 0.0, Loss::HalfSquared);
        neuron.step(&g, 0.5);
        harness::expect_fixed(o, &format!("epoch {e} loss"), &[l], 6);
        expect(o, &format!("epoch {e} w"), neuron.w.as_slice().unwrap(), 1e-15);
    }
    assert!(!o.prints("epoch 4 loss"), "epochs = 3 must run three epochs");

    // A new seed and learning rate for the MLP.
    expect_mlp(&report.overrides[1].cells, &day3_mlp(7, 0.05, 50));
}
