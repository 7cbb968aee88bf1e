//! Executes every lesson through Jupyter on the real evcxr kernel and checks it.
//!
//! For each lesson: no error output, no panic or other stderr, no timeout, every
//! code cell ran, the stored outputs equal a fresh run, a second run of every
//! cell prints the same, the plots are there, every number from the source
//! lesson is shown, and re-running a `parameters` cell with new numbers changes
//! the numbers below exactly as the crate computes them.

use backprop::prelude::*;
use course::*;
use std::collections::BTreeMap;

/// Every lesson in notebooks/ and the test that covers it.
const LESSONS: &[&str] = &[
    "backprop-deep-dive.ipynb",
    "backprop-from-scratch.ipynb",
    "day03-backprop-core.ipynb",
    "day03-theory-guide.ipynb",
    "day10-backprop-basics.ipynb",
];

#[test]
fn every_notebook_has_a_test() {
    let mut found: Vec<String> = std::fs::read_dir(root().join("notebooks"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".ipynb"))
        .collect();
    found.sort();
    let mut listed: Vec<String> = LESSONS.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed, "notebooks/ and the LESSONS list in tests/notebooks.rs differ");
}

/// Asserts `name` was printed with these values (relative tolerance `rtol`).
#[track_caller]
fn expect(values: &BTreeMap<String, Vec<f64>>, name: &str, expected: &[f64], rtol: f64) {
    let got = values.get(name).unwrap_or_else(|| {
        panic!("the lesson never printed `{name} = …`; it printed {:?}", values.keys().collect::<Vec<_>>())
    });
    compare(name, got, expected, rtol, 1e-14).assert_ok();
}

/// The checks every lesson must pass; returns the fresh run's printed values.
fn check_common(report: &Report, min_plots: usize) -> BTreeMap<String, Vec<f64>> {
    let nb = read_notebook(&report.notebook);
    let stored = stored_outputs(&nb);
    let problems = problems(&report.fresh, stored.len());
    assert!(problems.is_empty(), "fresh run of {}:\n{}", report.notebook.display(), problems.join("\n"));
    let again = course::problems(&report.rerun, stored.len());
    assert!(again.is_empty(), "re-run:\n{}", again.join("\n"));
    let stale = differing_cells(&stored, &report.fresh);
    assert!(
        stale.is_empty(),
        "stored outputs are stale (run `bash scripts/lessons.sh --store`):\n{}",
        stale.join("\n")
    );
    let unstable = differing_cells(&by_index(&report.fresh), &report.rerun);
    assert!(unstable.is_empty(), "running the cells a second time printed something else:\n{}", unstable.join("\n"));
    let plots = plots(&report.fresh);
    assert!(plots.len() >= min_plots, "expected at least {min_plots} drawn plots, found {}", plots.len());
    let stem = report.notebook.file_stem().unwrap().to_string_lossy().to_string();
    let html = std::fs::read_to_string(root().join("target/nbtest").join(format!("{stem}.html"))).unwrap();
    assert!(html.matches("<polyline").count() >= min_plots, "the HTML export lost its plots");
    let reruns: Vec<f64> = report.rerun.iter().map(|r| r.seconds).collect();
    eprintln!(
        "{stem}: first output after {:.1} s; median cell re-run {:.2} s",
        report.first_output_seconds,
        median(reruns)
    );
    values(&report.fresh)
}

/// Executes a lesson with one new source per `parameters` cell (in order) and
/// returns the report. The lesson must have exactly that many parameters cells.
fn run_lesson(name: &str, new_parameters: &[&str]) -> Report {
    let nb = read_notebook(&root().join(name));
    let cells = parameter_cells(&nb);
    assert_eq!(cells.len(), new_parameters.len(), "{name}: one override per parameters cell");
    let overrides: Vec<(usize, String)> =
        cells.into_iter().zip(new_parameters).map(|(c, s)| (c, s.to_string())).collect();
    execute(name, &overrides)
}

#[test]
fn day10_backprop_basics() {
    let neuron_params = "let x = 1.5;\nlet w = -0.3;\nlet b = 0.2;\nlet y = 0.0;\nlet lr = 0.5;";
    let net_params = "let x = array![0.5, -1.0];\nlet y = 1.0;\nlet w1 = array![[0.2, 0.7],\n                [-0.5, 0.3]];\nlet b1 = array![0.1, -0.1];\nlet w2 = array![0.4, 0.9];\nlet b2 = -0.2;\nlet eta = 0.05;";
    // Day 10 has a parameters cell for the neuron and one for the network.
    let report = run_lesson("notebooks/day10-backprop-basics.ipynb", &[neuron_params, net_params]);
    let v = check_common(&report, 2);

    // The single neuron: every number the seed prints, to full precision.
    expect(&v, "z", &[1.0], 0.0);
    expect(&v, "a", &[0.731], 5e-4);
    expect(&v, "L", &[0.07232948812851325], 1e-15);
    expect(&v, "dL/da", &[-0.538], 1e-3);
    expect(&v, "da/dz", &[0.196], 5e-3); // the seed truncates 0.19661… to 0.196
    expect(&v, "dL/dw", &[-0.21150837113706686], 1e-15);
    expect(&v, "dL/db", &[-0.10575418556853343], 1e-15);
    expect(&v, "w_new", &[0.5211508371137067], 1e-15);
    expect(&v, "b_new", &[0.010575418556853344], 1e-15);
    // The 2-2-1 network (the seed prints these rounded by NumPy).
    let t = 1e-12;
    expect(&v, "Z1", &[1.1, -0.2], t);
    expect(&v, "A1", &[1.1, 0.0], t);
    expect(&v, "y_hat", &[0.76], t);
    expect(&v, "Loss", &[5.0176], t);
    expect(&v, "dL/dy_hat", &[-4.48], t);
    expect(&v, "dL/dW2", &[-4.928, 0.0], t);
    expect(&v, "dL/db2", &[-4.48], t);
    expect(&v, "dL/dA1", &[-2.688, 0.896], t);
    expect(&v, "relu_mask", &[1.0, 0.0], 0.0);
    expect(&v, "dL/dZ1", &[-2.688, 0.0], t);
    expect(&v, "dL/dW1", &[-2.688, 0.0, -5.376, 0.0], t);
    expect(&v, "dL/db1", &[-2.688, 0.0], t);
    expect(&v, "W1_new", &[0.7688, -0.4, 0.8376, 0.1], t);
    expect(&v, "b1_new", &[0.2688, 0.0], t);
    expect(&v, "W2_new", &[1.0928, -0.2], t);
    expect(&v, "b2_new", &[0.548], t);
    let verdicts = texts(&report.fresh).join("\n");
    assert!(verdicts.contains("single neuron: gradient check passed"), "{verdicts}");
    assert!(verdicts.contains("two-layer network: gradient check passed"), "{verdicts}");

    // New neuron parameters: every number below follows the crate.
    let o = values(&report.overrides[0]);
    let neuron = Neuron::new(array![-0.3], 0.2, Sigmoid);
    let (pass, l, g) = neuron.forward_backward(&array![1.5], 0.0, SampleLoss::Squared);
    let mut stepped = neuron.clone();
    stepped.step(&g, 0.5);
    for (name, want) in [
        ("z", pass.z),
        ("a", pass.a),
        ("L", l),
        ("dL/da", g.dl_da),
        ("da/dz", g.da_dz),
        ("dL/dw", g.dl_dw[0]),
        ("dL/db", g.dl_db),
        ("w_new", stepped.w[0]),
        ("b_new", stepped.b),
    ] {
        expect(&o, name, &[want], 1e-15);
    }
    assert!((pass.z - 1.0).abs() > 0.1, "the override must actually change the numbers");

    // New network parameters.
    let o = values(&report.overrides[1]);
    let x = array![0.5, -1.0];
    let net = TwoLayerNet::new(array![[0.2, 0.7], [-0.5, 0.3]], array![0.1, -0.1], array![0.4, 0.9], -0.2);
    let f = net.forward(&x, 1.0);
    let g = net.backward(&x, &f, 1.0);
    let mut new = net.clone();
    new.step(&g, 0.05);
    let flat = |a: &Array2<f64>| a.iter().copied().collect::<Vec<_>>();
    expect(&o, "Z1", f.z1.as_slice().unwrap(), 1e-15);
    expect(&o, "A1", f.a1.as_slice().unwrap(), 1e-15);
    expect(&o, "y_hat", &[f.y_hat], 1e-15);
    expect(&o, "Loss", &[f.loss], 1e-15);
    expect(&o, "dL/dW1", &flat(&g.dl_dw1), 1e-15);
    expect(&o, "dL/dW2", g.dl_dw2.as_slice().unwrap(), 1e-15);
    expect(&o, "W1_new", &flat(&new.w1), 1e-15);
    expect(&o, "b1_new", new.b1.as_slice().unwrap(), 1e-15);
    expect(&o, "W2_new", new.w2.as_slice().unwrap(), 1e-15);
    expect(&o, "b2_new", &[new.b2], 1e-15);
    let checks = texts(&report.overrides[1]).join("\n");
    assert!(checks.contains("two-layer network: gradient check passed"), "{checks}");
}

/// Every number the Day 3 MLP cells print, recomputed by the crate.
struct MlpRun {
    loss_before: f64,
    grad_means: Vec<f64>,
    loss_after: f64,
    after_training: f64,
}

fn day3_mlp(seed: u64, lr: f64, steps: usize) -> MlpRun {
    let mut init = rng(seed);
    let model = nn::Sequential::new(vec![
        nn::Linear::new(2, 3, &mut init).into(),
        nn::Layer::Relu,
        nn::Linear::new(3, 1, &mut init).into(),
        nn::Layer::Sigmoid,
    ]);
    let (x, y) = (Tensor::new(array![[1.0, 0.0]]), Tensor::new(array![[1.0]]));
    let opt = optim::Sgd::new(model.parameters(), lr);
    let loss = model.forward(&x).mse_loss(&y);
    opt.zero_grad();
    loss.backward();
    let grad_means = model.grad_summary().0.iter().map(|(_, m, _)| *m).collect();
    opt.step();
    let loss_after = model.forward(&x).mse_loss(&y).item();
    let after_training = model.train_mse(&x, &y, lr, steps).last().unwrap();
    MlpRun { loss_before: loss.item(), grad_means, loss_after, after_training }
}

#[track_caller]
fn expect_mlp(v: &BTreeMap<String, Vec<f64>>, texts: &str, run: &MlpRun) {
    expect(v, "loss before", &[run.loss_before], 1e-15);
    expect(v, "loss after one step", &[run.loss_after], 1e-15);
    expect(v, "decrease", &[run.loss_before - run.loss_after], 1e-12);
    assert!(run.loss_after < run.loss_before, "one SGD step must lower the loss");
    for (name, mean) in ["0.weight", "0.bias", "2.weight", "2.bias"].iter().zip(&run.grad_means) {
        let line = format!("{name}: grad mean={mean}, shape=");
        assert!(texts.contains(&line), "missing `{line}` in:\n{texts}");
    }
    assert!(texts.contains(&format!("-> {}", run.after_training)), "training summary differs");
}

#[test]
fn day03_backprop_core() {
    let neuron_params = "let x = array![0.5, -1.5];\nlet y = 0.0;\nlet w = array![0.3, 0.2];\nlet b = -0.1;\nlet lr = 0.5;\nlet epochs = 3;";
    let mlp_params = "let seed: u64 = 7;\nlet mlp_lr = 0.05;\nlet train_steps: usize = 50;";
    // One parameters cell for the neuron, one for the MLP.
    let report = run_lesson("notebooks/day03-backprop-core.ipynb", &[neuron_params, mlp_params]);
    let v = check_common(&report, 3);
    let all_text = texts(&report.fresh).join("\n");
    assert!(all_text.contains("#14 mse_loss | shape [] |"), "the MLP's graph is not drawn:\n{all_text}");
    let graphs = report.fresh.iter().flat_map(|r| &r.outputs).filter(|o| {
        o["data"]["text/html"]
            .as_str()
            .is_some_and(|h| h.contains("computation graph") && h.matches("<rect").count() >= 15)
    });
    assert_eq!(graphs.count(), 1, "one computation graph with a box per node");

    // Theory examples.
    expect(&v, "z", &[0.0], 0.0); // the manual example comes after the 4.4 example and wins
    expect(&v, "L", &[0.02], 1e-12);
    // The manual single neuron, as the seed prints it.
    for (name, want) in [
        ("a", 0.5),
        ("loss", 0.125),
        ("dL/da", -0.5),
        ("da/dz", 0.25),
        ("dL/dz", -0.125),
        ("dL/dw0", -0.125),
        ("dL/dw1", 0.0),
        ("dL/db", -0.125),
    ] {
        expect(&v, name, &[want], 1e-15);
    }
    expect(&v, "lr * dL/dw0", &[-0.0125], 1e-12);
    expect(&v, "new w0", &[0.0125], 1e-12);
    expect(&v, "new b", &[0.0125], 1e-12);
    // The five epochs (the seed prints 6 or 8 decimals).
    let losses = [0.125, 0.121895, 0.118868, 0.115919, 0.113049];
    let bs = [0.0125, 0.024842, 0.037024, 0.049045, 0.060904];
    let w0s = [0.0125, 0.02484183, 0.03702385, 0.04904478, 0.06090366];
    for k in 0..5 {
        let e = k + 1;
        compare("loss", &v[&format!("epoch {e} loss")], &[losses[k]], 0.0, 5e-7).assert_ok();
        compare("b", &v[&format!("epoch {e} b")], &[bs[k]], 0.0, 5e-7).assert_ok();
        compare("w", &v[&format!("epoch {e} w")], &[w0s[k], 0.0], 0.0, 5e-9).assert_ok();
    }
    expect_mlp(&v, &all_text, &day3_mlp(0, 0.1, 300));

    // New neuron numbers: the manual example and the loop follow the crate.
    let o = values(&report.overrides[0]);
    let x = array![0.5, -1.5];
    let mut neuron = Neuron::new(array![0.3, 0.2], -0.1, Sigmoid);
    let (pass, l, g) = neuron.forward_backward(&x, 0.0, SampleLoss::HalfSquared);
    expect(&o, "a", &[pass.a], 1e-15);
    expect(&o, "loss", &[l], 1e-15);
    expect(&o, "dL/dw1", &[g.dl_dw[1]], 1e-15);
    expect(&o, "dL/db", &[g.dl_db], 1e-15);
    for e in 1..=3 {
        let (_, l, g) = neuron.forward_backward(&x, 0.0, SampleLoss::HalfSquared);
        neuron.step(&g, 0.5);
        expect(&o, &format!("epoch {e} loss"), &[l], 1e-15);
        expect(&o, &format!("epoch {e} w"), neuron.w.as_slice().unwrap(), 1e-15);
    }
    assert!(!o.contains_key("epoch 4 loss"), "epochs = 3 must run three epochs");

    // A new seed and learning rate for the MLP.
    let o = values(&report.overrides[1]);
    expect_mlp(&o, &texts(&report.overrides[1]).join("\n"), &day3_mlp(7, 0.05, 50));
}

/// The essential training loop of the theory guide, recomputed by the crate.
fn essential_loop(seed: u64, lr: f64, epochs: usize) -> Vec<f64> {
    let mut init = rng(seed);
    let features = randn(&mut init, 64, 10);
    let rule = randn(&mut init, 10, 1);
    let inputs = Tensor::new(features.clone());
    let targets = Tensor::new(features.dot(&rule) + randn(&mut init, 64, 1) * 0.1);
    let model = nn::Sequential::mlp(&[10, 5, 1], nn::Layer::Relu, &mut init);
    model.train_mse(&inputs, &targets, lr, epochs).losses
}

#[track_caller]
fn expect_essential_loop(v: &BTreeMap<String, Vec<f64>>, losses: &[f64]) {
    for (k, loss) in losses.iter().enumerate() {
        let key = format!("epoch {} loss", k + 1);
        if (k + 1) % 10 == 0 {
            expect(v, &key, &[*loss], 1e-15);
        } else {
            assert!(!v.contains_key(&key), "only every tenth epoch is printed, found {key}");
        }
    }
}

fn learning_rate_runs(lrs: &[f64]) -> Vec<History> {
    lrs.iter()
        .map(|&lr| {
            Neuron::new(array![0.0, 0.0], 0.0, Identity).train(&array![1.0, 2.0], 1.0, SampleLoss::HalfSquared, lr, 40)
        })
        .collect()
}

#[test]
fn day03_theory_guide() {
    let neuron_params =
        "let activation = Sigmoid;\nlet x = array![1.0, 2.0, -1.0];\nlet w = array![0.2, -0.1, 0.3];\nlet b = -0.4;\nlet y = 0.0;";
    // Parameters: the neuron, the learning rates, the essential loop.
    let report = run_lesson(
        "notebooks/day03-theory-guide.ipynb",
        &[
            neuron_params,
            "let learning_rates = [0.05, 0.2, 0.5];",
            "let seed: u64 = 3;\nlet lr = 0.02;\nlet epochs: usize = 30;",
        ],
    );
    let v = check_common(&report, 7);
    let text = texts(&report.fresh).join("\n");

    // §2: the five-step loop, recomputed.
    let mut init = rng(1);
    let (inputs, targets) = (Tensor::new(randn(&mut init, 8, 3)), Tensor::new(randn(&mut init, 8, 1)));
    let model = nn::Sequential::mlp(&[3, 4, 1], nn::Layer::Relu, &mut init);
    for (k, loss) in model.train_mse(&inputs, &targets, 0.1, 5).losses.iter().enumerate() {
        expect(&v, &format!("step {} loss", k + 1), &[*loss], 1e-15);
    }
    // §3: the neuron's chain rule (tanh), and the same with a swapped activation.
    let check_neuron = |v: &BTreeMap<String, Vec<f64>>, n: &Neuron, x: &Array1<f64>, y: f64| {
        let (pass, l, g) = n.forward_backward(x, y, SampleLoss::HalfSquared);
        expect(v, "L", &[l], 1e-15);
        expect(v, "da/dz", &[g.da_dz], 1e-15);
        expect(v, "dL/dw", g.dl_dw.as_slice().unwrap(), 1e-15);
        expect(v, "dL/db", &[g.dl_db], 1e-15);
        pass
    };
    let chain_cell = "let (pass, loss, grads) = neuron.forward_backward";
    let pass = check_neuron(
        &cell_values(&report.fresh, chain_cell),
        &Neuron::new(array![0.1, 0.4, -0.3], 0.2, Tanh),
        &array![0.5, -1.0, 2.0],
        1.0,
    );
    expect(&cell_values(&report.fresh, chain_cell), "z", &[-0.75], 1e-15);
    assert_eq!(pass.z, -0.75);
    assert!(text.contains("gradient check passed: 4 gradients agree"), "{text}");
    let o = cell_values(&report.overrides[0], chain_cell);
    check_neuron(&o, &Neuron::new(array![0.2, -0.1, 0.3], -0.4, Sigmoid), &array![1.0, 2.0, -1.0], 0.0);
    assert!(texts(&report.overrides[0]).join("\n").contains("activation = sigmoid"));
    // §4: three learning rates.
    let summaries = |runs: &[History]| runs.iter().map(|h| h.summary()).collect::<Vec<_>>();
    for s in summaries(&learning_rate_runs(&[0.01, 0.15, 0.34])) {
        assert!(text.contains(&s), "missing `{s}`");
    }
    let o_text = texts(&report.overrides[1]).join("\n");
    for s in summaries(&learning_rate_runs(&[0.05, 0.2, 0.5])) {
        assert!(o_text.contains(&s), "missing `{s}` after changing the learning rates");
    }
    // §5: activation checks and ReLU at 0.
    for act in ["sigmoid", "relu", "tanh"] {
        assert!(text.contains(&format!("{act}: gradient check passed")), "{act}");
    }
    expect(&v, "relu_derivative(0)", &[0.0], 0.0);
    expect(&v, "central difference at 0", &[0.5], 1e-9);
    // §6: half of Day 10's gradient.
    let one_weight = cell_values(&report.fresh, "let one_weight");
    expect(&one_weight, "dL/dz", &[-0.052877092784266715], 1e-15);
    expect(&one_weight, "dL/dw", &[-0.10575418556853343], 1e-15);
    // §8: accumulation, explosion, vanishing, a dead ReLU.
    let grads: Vec<Vec<f64>> = [
        "after one backward grad",
        "after a second backward without zero_grad grad",
        "after zero_grad and one backward grad",
    ]
    .iter()
    .map(|k| v.get(*k).unwrap_or_else(|| panic!("missing {k}")).clone())
    .collect();
    compare("doubled", &grads[1], &grads[0].iter().map(|g| 2.0 * g).collect::<Vec<_>>(), 1e-15, 0.0).assert_ok();
    compare("reset", &grads[2], &grads[0], 0.0, 0.0).assert_ok();
    let blown =
        Neuron::new(array![0.0, 0.0], 0.0, Identity).train(&array![1.0, 2.0], 1.0, SampleLoss::HalfSquared, 1.0, 1000);
    assert_eq!(blown.diverged_at, Some(72));
    assert!(text.contains(&blown.summary()), "the divergence report is missing");
    let norms: Vec<f64> = (0..8).map(|k| v[&format!("sigmoid {}.weight grad norm", 2 * k)][0]).collect();
    assert!(norms.windows(2).all(|p| p[0] < p[1]), "sigmoid gradients must shrink towards the input: {norms:?}");
    assert!(norms[0] < norms[7] * 1e-5, "{norms:?}");
    let dead = cell_values(&report.fresh, "let mut dead");
    expect(&dead, "a", &[0.0], 0.0);
    expect(&dead, "dL/dw", &[-0.0, -0.0], 0.0);
    expect(&dead, "after 100 steps w", &[0.5, -0.2], 0.0);
    // §9: the three losses, formula = engine = finite differences.
    assert_eq!(text.matches("gradient check passed: 1 gradients agree").count(), 2, "{text}");
    assert!(text.contains("gradient check passed: 3 gradients agree"));
    assert!(text.contains("dL/dy_pred: formula = -1.25, analytic = -1.25"), "{text}");
    // §12: overfitting and underfitting.
    let (val_end, val_best) = (v["overfitting validation loss"][0], v["overfitting lowest validation loss"][0]);
    assert!(val_end > 2.0 * val_best, "validation loss must climb back up: {val_best} -> {val_end}");
    let train_o = v["overfitting training loss"][0];
    assert!(train_o < 0.09, "the training loss must end below the noise variance 0.3² = 0.09, got {train_o}");
    let (train_u, val_u) = (v["underfitting training loss"][0], v["underfitting validation loss"][0]);
    assert!(train_u > 0.05 && val_u > 0.05, "underfitting: both losses stay high ({train_u}, {val_u})");
    // §14: the essential loop, and the same with new parameters.
    expect_essential_loop(&v, &essential_loop(14, 0.01, 100));
    expect_essential_loop(&values(&report.overrides[2]), &essential_loop(3, 0.02, 30));
}

/// The from-scratch training loop, recomputed by the crate: (losses, W, b, W and b after 2000 more epochs).
fn scratch_loop(seed: u64, lr: f64, epochs: usize) -> (Vec<f64>, f64, f64, f64, f64) {
    let mut init = rng(seed);
    let x = uniform(&mut init, 100, 1, 0.0, 5.0);
    let y = x.mapv(|v| 3.0 * v + 2.0) + randn(&mut init, 100, 1) * 0.1;
    let mut model = Linear::from_weights(randn(&mut init, 1, 1) * 0.1, Array1::zeros(1));
    let mut mse = MseLoss::new();
    let mut losses = Vec::new();
    let mut train = |model: &mut Linear, n: usize, losses: &mut Vec<f64>| {
        for _ in 0..n {
            let pred = model.forward(&x);
            losses.push(mse.forward(&pred, &y));
            model.backward(&mse.backward());
            Sgd::new(lr).step(model);
        }
    };
    train(&mut model, epochs, &mut losses);
    let (w, b) = (model.w[[0, 0]], model.b[0]);
    train(&mut model, 2000, &mut Vec::new());
    (losses, w, b, model.w[[0, 0]], model.b[0])
}

#[track_caller]
fn expect_scratch_loop(v: &BTreeMap<String, Vec<f64>>, run: &(Vec<f64>, f64, f64, f64, f64)) {
    for (epoch, loss) in run.0.iter().enumerate().step_by(10) {
        expect(v, &format!("epoch {epoch} loss"), &[*loss], 1e-15);
    }
    expect(v, "final W", &[run.1], 1e-15);
    expect(v, "after 2000 more epochs W", &[run.3], 1e-15);
    expect(v, "after 2000 more epochs b", &[run.4], 1e-15);
}

#[test]
fn backprop_from_scratch() {
    // Parameters: the manual neuron, the training loop.
    let report = run_lesson(
        "notebooks/backprop-from-scratch.ipynb",
        &[
            "let w = -1.0;\nlet b = 0.5;\nlet x = 2.0;\nlet y_true = 4.0;",
            "let seed: u64 = 9;\nlet learning_rate = 0.02;\nlet epochs: usize = 50;",
        ],
    );
    let v = check_common(&report, 1);
    let text = texts(&report.fresh).join("\n");
    // The seed's numbers: y_pred = 7, loss = 9, dL/dw = −18, dL/db = −6, and autograd agrees.
    expect(&v, "y_pred", &[7.0], 0.0);
    expect(&v, "loss", &[9.0], 0.0);
    expect(&v, "dL/dw", &[-18.0], 0.0);
    expect(&v, "dL/db", &[-6.0], 0.0);
    expect(&v, "w.grad", &[-18.0], 0.0);
    expect(&v, "b.grad", &[-6.0], 0.0);
    assert!(text.contains("the manual gradients match autograd"));
    assert!(text.contains("#7 sum | shape [] | value [9.0000] | grad [1.0000] <- #6"), "graph:\n{text}");
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
    expect(&v, "cached pred - target", &[-1.5, -2.0], 0.0);
    expect(&v, "L", &[3.125], 0.0);
    expect(&v, "grad_w", &[-5.5], 0.0);
    expect(&v, "dL/dx", &[-0.75, -1.0], 0.0);
    // The training loop: 100 epochs, then 2000 more; y = 3x + 2 is learned.
    let run = scratch_loop(42, 0.01, 100);
    expect_scratch_loop(&v, &run);
    expect(&v, "final b", &[run.2], 1e-15);
    assert!((run.1 - 3.0).abs() < 0.25 && (run.2 - 2.0).abs() > 0.3, "100 epochs: W near 3, b still short of 2");
    assert!((run.3 - 3.0).abs() < 0.02 && (run.4 - 2.0).abs() < 0.05, "2100 epochs: both near the targets");
    // Changed parameters.
    let o = values(&report.overrides[0]);
    expect(&o, "y_pred", &[-1.5], 0.0);
    expect(&o, "loss", &[30.25], 0.0);
    expect(&o, "dL/dw", &[-22.0], 0.0);
    expect(&o, "w.grad", &[-22.0], 0.0);
    let changed = scratch_loop(9, 0.02, 50);
    expect_scratch_loop(&values(&report.overrides[1]), &changed);
    expect(&values(&report.overrides[1]), "final b", &[changed.2], 1e-15);
}

/// The deep dive's worked example (row-vector convention), checked cell by cell
/// against the crate's delta rule.
#[track_caller]
fn expect_worked_example(runs: &[CellRun], net: &DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64) {
    let flat = |a: &Array2<f64>| a.iter().copied().collect::<Vec<_>>();
    let caches = net.forward(x);
    let g = net.backward(&caches, y);
    let fwd = cell_values(runs, "let net = DeltaNet::new");
    expect(&fwd, "z1", &flat(&caches[0].z), 1e-15);
    expect(&fwd, "y_hat", &flat(&caches[1].a), 1e-15);
    expect(&fwd, "L", &[net.loss(&caches, y)], 1e-15);
    expect(&fwd, "delta2", &flat(&g[1].delta), 1e-15);
    expect(&fwd, "delta1", &flat(&g[0].delta), 1e-15);
    let engine = cell_values(runs, "let params = net.params()");
    for (name, grads) in [("dL/dW1", &fwd), ("dL/dW1", &engine)] {
        expect(grads, name, &flat(&g[0].dl_dw), 1e-15);
    }
    for grads in [&fwd, &engine] {
        expect(grads, "dL/db1", g[0].dl_db.as_slice().unwrap(), 1e-15);
        expect(grads, "dL/dW2", &flat(&g[1].dl_dw), 1e-15);
        expect(grads, "dL/db2", g[1].dl_db.as_slice().unwrap(), 1e-15);
    }
    let diffs = cell_values(runs, "let by_delta");
    assert!(diffs["layer 1 max difference"][0] <= 1e-15 && diffs["layer 2 max difference"][0] <= 1e-15);
    let update = cell_values(runs, "let params_opt");
    let w1_new: Vec<f64> = net.weights[0].iter().zip(g[0].dl_dw.iter()).map(|(w, d)| w - lr * d).collect();
    expect(&update, "W1 manual", &w1_new, 1e-15);
    for p in ["W1", "b1", "W2", "b2"] {
        expect(&update, &format!("{p} identical"), &[1.0], 0.0);
    }
}

fn xor_solution(seed: u64, lr: f64, epochs: usize) -> (f64, Option<usize>, f64) {
    let (x, y) = (array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], array![[0.0], [1.0], [1.0], [0.0]]);
    let mut init = rng(seed);
    let net = nn::Sequential::new(vec![
        nn::Linear::new(2, 4, &mut init).into(),
        nn::Layer::Tanh,
        nn::Linear::new(4, 1, &mut init).into(),
        nn::Layer::Sigmoid,
    ]);
    let run = net.fit(&Tensor::new(x.clone()), &Tensor::new(y.clone()), autograd::Loss::Bce, lr, epochs);
    (net.accuracy(&Tensor::new(x), &y), run.solved_from(), run.history.last().unwrap())
}

fn bce_classifier_loss(seed: u64) -> f64 {
    let mut init = rng(seed);
    let clf = nn::Sequential::new(vec![
        nn::Linear::new(2, 4, &mut init).into(),
        nn::Layer::Relu,
        nn::Linear::new(4, 1, &mut init).into(),
        nn::Layer::Sigmoid,
    ]);
    clf.forward(&Tensor::new(array![[0.5, 1.0]])).bce_loss(&Tensor::new(array![[1.0]])).item()
}

#[test]
fn backprop_deep_dive() {
    let example = "let x = array![[0.5, -1.0]];\nlet y = array![[2.0]];\nlet w1 = array![[0.4, -0.2],\n                [0.1, 0.3]];\nlet b1 = array![0.05, 0.1];\nlet w2 = array![[0.7],\n                [-0.5]];\nlet b2 = array![0.2];\nlet lr = 0.05;";
    // Parameters: the worked example, the initial weights, XOR.
    let report = run_lesson(
        "notebooks/backprop-deep-dive.ipynb",
        &[
            example,
            "let init_seed: u64 = 5;",
            "let xor_seed: u64 = 3;\nlet xor_lr = 0.8;\nlet xor_epochs: usize = 1500;",
        ],
    );
    let v = check_common(&report, 6);
    let text = texts(&report.fresh).join("\n");
    // The lecture's worked example, first by hand-checkable numbers …
    let fwd = cell_values(&report.fresh, "let net = DeltaNet::new");
    expect(&fwd, "z1", &[0.7, 1.0], 1e-12);
    expect(&fwd, "y_hat", &[0.95], 1e-12);
    expect(&fwd, "L", &[0.00125], 1e-12);
    expect(&fwd, "delta2", &[-0.05], 1e-12);
    expect(&fwd, "dL/dW2", &[-0.035, -0.05], 1e-12);
    expect(&fwd, "delta1", &[-0.025, -0.03], 1e-12);
    expect(&fwd, "dL/dW1", &[-0.025, -0.03, -0.05, -0.06], 1e-12);
    // … then everything against the crate, including the engine and the update.
    let lecture = DeltaNet::new(
        vec![array![[0.1, 0.2], [0.3, 0.4]], array![[0.5], [0.6]]],
        vec![array![0.0, 0.0], array![0.0]],
        vec![Relu, Identity],
    );
    expect_worked_example(&report.fresh, &lecture, &array![[1.0, 2.0]], &array![[1.0]], 0.1);
    assert!(text.contains("#0 x (input) | shape [1, 2] | value [1.0000, 2.0000]"), "the worked example's graph");
    // Key concepts.
    expect(&cell_values(&report.fresh, "let dead"), "dL/dW1", &[0.0, -0.24, 0.0, -0.48], 1e-12);
    let bias = cell_values(&report.fresh, "let batch");
    expect(&bias, "dL/db1", &bias["column sums of delta1"], 0.0);
    expect(&v, "dL/dW2 after two backward calls", &[-0.07, -0.1], 1e-12);
    expect(&v, "10 layers factor at most", &[0.25f64.powi(10)], 0.0);
    let zeroed = cell_values(&report.fresh, "p.zero_grad()");
    assert!(zeroed.values().all(|g| g.iter().all(|&x| x == 0.0)) && zeroed.len() == 4, "{zeroed:?}");
    // Initial weights, symmetry, bias, BCE.
    let layer = nn::Linear::new(3, 1, &mut rng(0));
    expect(&v, "initial weights", &layer.weight.value().iter().copied().collect::<Vec<_>>(), 1e-15);
    expect(&v, "initial bias", &layer.bias.value().iter().copied().collect::<Vec<_>>(), 1e-15);
    let sym = cell_values(&report.fresh, "let equal = nn::Sequential");
    expect(&sym, "equal start hidden-unit spread", &[0.0], 0.0);
    assert!(sym["random start hidden-unit spread"][0] > 0.1);
    assert!(sym["equal start final loss"][0] > 0.1, "{sym:?}");
    assert!(sym["random start final loss"][0] < 0.01, "{sym:?}");
    expect(&v, "loss", &[bce_classifier_loss(0)], 1e-15);
    assert!(text.contains("gradient check passed: 17 gradients agree"), "{text}");
    assert!(text.contains("dL/dz: formula = -0.42555748318834097, analytic = -0.42555748318834097"), "{text}");
    // XOR, solved.
    let (acc, solved, last) = xor_solution(0, 0.5, 2000);
    assert_eq!(acc, 1.0);
    expect(&v, "accuracy", &[1.0], 0.0);
    assert!(text.contains(&format!("all four points classified from epoch {} on", solved.unwrap())));
    assert!(text.contains(&format!("loss 0.6922748203765187 -> {last}")), "{text}");
    // Changed parameters.
    let new_net = DeltaNet::new(
        vec![array![[0.4, -0.2], [0.1, 0.3]], array![[0.7], [-0.5]]],
        vec![array![0.05, 0.1], array![0.2]],
        vec![Relu, Identity],
    );
    expect_worked_example(&report.overrides[0], &new_net, &array![[0.5, -1.0]], &array![[2.0]], 0.05);
    let o = values(&report.overrides[1]);
    let layer = nn::Linear::new(3, 1, &mut rng(5));
    expect(&o, "initial weights", &layer.weight.value().iter().copied().collect::<Vec<_>>(), 1e-15);
    expect(&o, "loss", &[bce_classifier_loss(5)], 1e-15);
    let (acc, solved, _) = xor_solution(3, 0.8, 1500);
    let xor_text = texts(&report.overrides[2]).join("\n");
    expect(&values(&report.overrides[2]), "accuracy", &[acc], 0.0);
    match solved {
        Some(k) => assert!(xor_text.contains(&format!("classified from epoch {k} on")), "{xor_text}"),
        None => assert!(xor_text.contains("not solved yet"), "{xor_text}"),
    }
}

/// On the real kernel: a shape mismatch stops its cell with a message that names
/// the operation and both shapes, and the kernel and every earlier variable survive.
#[test]
fn a_panicking_cell_keeps_the_kernel_and_the_variables() {
    let dir = root().join("target/nbtest/panic-probe");
    std::fs::create_dir_all(&dir).unwrap();
    let dep = format!(":dep backprop = {{ path = {:?} }}", root().join("crates/backprop").display().to_string());
    let cells = [
        dep.as_str(),
        "use backprop::prelude::*;",
        "let layer = Linear::from_weights(array![[1.0, 2.0]], array![0.5]);\nlet kept = 42;",
        "let mut broken = layer.clone();\nbroken.forward(&array![[1.0, 2.0, 3.0]]);",
        "println!(\"kept = {}, w = {}\", kept, fmt_array(&layer.w));",
    ];
    let nb = serde_json::json!({
        "cells": cells.iter().map(|c| serde_json::json!({"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": null})).collect::<Vec<_>>(),
        "metadata": {"kernelspec": {"name": "rust", "display_name": "Rust", "language": "rust"}},
        "nbformat": 4, "nbformat_minor": 5
    });
    let path = dir.join("panic-probe.ipynb");
    std::fs::write(&path, serde_json::to_string_pretty(&nb).unwrap()).unwrap();
    let report = execute(path.to_str().unwrap(), &[]);
    let stderr: String =
        report.fresh[3].outputs.iter().filter(|o| o["name"] == "stderr").filter_map(|o| o["text"].as_str()).collect();
    assert!(stderr.contains("panicked"), "the bad cell must panic: {:?}", report.fresh[3].outputs);
    assert!(
        stderr.contains("Linear::forward: the number of input features is 3 but must be 2 (input shape [1, 3], expected shape [1, 2])"),
        "{stderr}"
    );
    let after = texts(&report.fresh[4..]).join("");
    assert_eq!(after, "kept = 42, w = [[1, 2]]\n", "the kernel or the variables were lost");
    assert!(problems(&report.fresh[4..], 1).is_empty());
}

/// `scripts/site_index.py` (run by `lessons.sh`) links every lesson, in the
/// course's order, each with its one-line summary.
#[test]
fn the_site_index_links_every_lesson() {
    let out = root().join("target/nbtest/index.html");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let status = std::process::Command::new(root().join(".venv/bin/python"))
        .arg(root().join("scripts/site_index.py"))
        .arg(root().join("notebooks"))
        .arg(&out)
        .status()
        .expect("run scripts/test.sh first: it sets up the virtualenv");
    assert!(status.success());
    let html = std::fs::read_to_string(&out).unwrap();
    let order = [
        "day03-backprop-core",
        "day03-theory-guide",
        "day10-backprop-basics",
        "backprop-from-scratch",
        "backprop-deep-dive",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|stem| html.find(&format!("<a href=\"{stem}.html\">")).unwrap_or_else(|| panic!("{stem} is not linked")))
        .collect();
    assert!(positions.windows(2).all(|p| p[0] < p[1]), "lessons out of order: {positions:?}");
    assert_eq!(html.matches("<li>").count(), LESSONS.len());
    for lesson in LESSONS {
        let nb = read_notebook(&root().join("notebooks").join(lesson));
        let summary = nb["metadata"]["summary"].as_str().unwrap_or_else(|| panic!("{lesson} has no summary"));
        assert!(html.contains(summary), "{lesson}'s summary is missing from the index");
    }
}
