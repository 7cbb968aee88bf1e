//! The deep dive on the real kernel: the worked example by the delta rule and
//! by the engine, the manual update against `Sgd`, the key concepts,
//! initialisation, BCE, XOR, and new numbers in its three `parameters` cells.

mod harness;

use backprop::prelude::*;
use harness::report::Run;
use harness::{expect, run_lesson};

/// The worked example (row-vector layout), checked cell by cell against the crate's delta rule.
#[track_caller]
fn expect_worked_example(run: &Run, net: &DeltaNet, x: &Array2<f64>, y: &Array2<f64>, lr: f64) {
    let flat = |a: &Array2<f64>| a.iter().copied().collect::<Vec<_>>();
    let caches = net.forward(x);
    let g = net.backward(&caches, y);
    let by_hand = run.cell("let net = DeltaNet::new");
    expect(by_hand, "z1", &flat(&caches[0].z), 1e-15);
    expect(by_hand, "y_hat", &flat(&caches[1].a), 1e-15);
    expect(by_hand, "L", &[net.loss(&caches, y)], 1e-15);
    expect(by_hand, "delta2", &flat(&g[1].delta), 1e-15);
    expect(by_hand, "delta1", &flat(&g[0].delta), 1e-15);
    let engine = run.cell("let w1_t = Tensor::param");
    for cell in [by_hand, engine] {
        expect(cell, "dL/dW1", &flat(&g[0].dl_dw), 1e-15);
        expect(cell, "dL/db1", g[0].dl_db.as_slice().unwrap(), 1e-15);
        expect(cell, "dL/dW2", &flat(&g[1].dl_dw), 1e-15);
        expect(cell, "dL/db2", g[1].dl_db.as_slice().unwrap(), 1e-15);
    }
    let by_element = run.cell("let z1_by_element");
    expect(by_element, "z1 by element", &flat(&caches[0].z), 1e-15);
    expect(by_element, "z1 as a matrix product", &flat(&caches[0].z), 1e-15);
    // The sign of each gradient decides the direction of its step, and the loss falls.
    let sign = run.cell("let mut stepped = net.clone()");
    let loss_before = sign.values()["loss before"][0];
    assert!(sign.values()["loss after the step"][0] < loss_before, "{}", sign.text());
    for (k, &grad) in g[1].dl_dw.iter().enumerate() {
        let direction = if grad > 0.0 { "down" } else { "up" };
        assert!(
            sign.text().contains(&format!("W2[{k}]: gradient {grad:.4}, so the weight goes {direction}")),
            "{}",
            sign.text()
        );
    }
    // Sigmoid and ReLU slopes in the deltas, by hand and by DeltaNet.
    let slopes = run.cell("for hidden in [Sigmoid, Relu]");
    for hidden in [Sigmoid, Relu] {
        let sig_net = DeltaNet::new(net.weights.clone(), net.biases.clone(), vec![hidden, Sigmoid]);
        let gs = sig_net.backward(&sig_net.forward(x), y);
        expect(slopes, &format!("{hidden} hidden delta2"), &flat(&gs[1].delta), 1e-12);
        expect(slopes, &format!("{hidden} hidden delta1"), &flat(&gs[0].delta), 1e-12);
        assert!(slopes.text().contains(&format!("{hidden} hidden: agrees with DeltaNet = true")), "{}", slopes.text());
    }
    let diffs = run.cell("let by_delta");
    expect(diffs, "layer 1 max difference", &[0.0], 0.0);
    expect(diffs, "layer 2 max difference", &[0.0], 0.0);
    let update = run.cell("nn::Linear keeps PyTorch's layout");
    let w1_new: Vec<f64> = net.weights[0].iter().zip(g[0].dl_dw.iter()).map(|(w, d)| w - lr * d).collect();
    expect(update, "W1 manual", &w1_new, 1e-15);
    for p in ["W1", "b1", "W2", "b2"] {
        expect(update, &format!("{p} identical"), &[1.0], 0.0);
    }
}

/// XOR trained as the lesson does: (accuracy, epoch from which it is solved, last loss).
fn xor_solution(seed: u64, lr: f64, epochs: usize) -> (f64, Option<usize>, f64) {
    let (x, y) = (array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], array![[0.0], [1.0], [1.0], [0.0]]);
    let net = nn::Sequential::mlp(&[2, 4, 1], nn::Layer::Tanh, &mut rng(seed)).then(nn::Layer::Sigmoid);
    let run = net.fit(&x, &y, &Fit::new(Loss::Bce).lr(lr).epochs(epochs));
    (net.accuracy(&x, &y), run.solved_from(), run.last().unwrap())
}

fn bce_classifier_loss(seed: u64) -> f64 {
    let clf = nn::Sequential::mlp(&[2, 4, 1], nn::Layer::Relu, &mut rng(seed)).then(nn::Layer::Sigmoid);
    clf.forward(&Tensor::from(array![[0.5, 1.0]])).bce_loss(&Tensor::from(array![[1.0]])).item()
}

fn first_layer(seed: u64) -> (Vec<f64>, Vec<f64>) {
    let layer = nn::Linear::new(3, 1, &mut rng(seed));
    (layer.weight.value().iter().copied().collect(), layer.bias.value().iter().copied().collect())
}

#[test]
fn backprop_deep_dive() {
    let example = "let x = array![[0.5, -1.0]];\nlet y = array![[2.0]];\nlet w1 = array![[0.4, -0.2],\n                [0.1, 0.3]];\nlet b1 = array![0.05, 0.1];\nlet w2 = array![[0.7],\n                [-0.5]];\nlet b2 = array![0.2];\nlet lr = 0.05;";
    let report = run_lesson(
        "backprop-deep-dive",
        &[
            example,
            "let init_seed: u64 = 5;",
            "let xor_seed: u64 = 3;\nlet xor_lr = 0.8;\nlet xor_epochs: usize = 1500;",
        ],
    );
    let v = &report.fresh;
    let text = v.text();
    // The worked example, first by hand-checkable numbers …
    let by_hand = v.cell("let net = DeltaNet::new");
    for (name, want) in [
        ("z1", &[0.7, 1.0][..]),
        ("y_hat", &[0.95]),
        ("L", &[0.00125]),
        ("delta2", &[-0.05]),
        ("dL/dW2", &[-0.035, -0.05]),
        ("delta1", &[-0.025, -0.03]),
        ("dL/dW1", &[-0.025, -0.03, -0.05, -0.06]),
    ] {
        expect(by_hand, name, want, 1e-12);
    }
    // … then everything against the crate, the engine and the update included.
    let lecture = DeltaNet::new(
        vec![array![[0.1, 0.2], [0.3, 0.4]], array![[0.5], [0.6]]],
        vec![array![0.0, 0.0], array![0.0]],
        vec![Relu, Identity],
    );
    expect_worked_example(v, &lecture, &array![[1.0, 2.0]], &array![[1.0]], 0.1);
    assert!(text.contains("#0 x (input) | shape [1, 2] | value [1.0000, 2.0000]"), "the worked example's graph");
    // The delta rule on three layers agrees with the engine; one sweep against 2P forward passes.
    let deep = v.cell("let deep = DeltaNet::new(");
    for layer in 1..=3 {
        let diff = deep.values()[&format!("layer {layer} largest difference from the engine")][0];
        assert!(diff <= 1e-15, "layer {layer} differs from the engine by {diff}");
    }
    for line in [
        "the worked example: 9 parameters: one backward sweep, or 18 forward passes",
        "the three-layer network: 20 parameters: one backward sweep, or 40 forward passes",
        "a 784-128-10 digit reader: 101770 parameters: one backward sweep, or 203540 forward passes",
    ] {
        assert!(text.contains(line), "missing `{line}`");
    }
    // One manual step on the classifier lowers its loss.
    let manual = v.cell("let bce_before");
    expect(manual, "BCE before", &[bce_classifier_loss(0)], 1e-15);
    assert!(manual.values()["after one manual step"][0] < bce_classifier_loss(0), "{}", manual.text());
    expect(v, "bound 1/sqrt(3)", &[1.0 / 3f64.sqrt()], 1e-15);
    harness::expect_exercises(
        v,
        &[
            ("Exercise 4.1", "not attempted yet"),
            ("Exercise 4.2", "not attempted yet"),
            ("Exercise 4.3", "not attempted yet"),
            ("Exercise 4.4", "not attempted yet"),
            ("Exercise 4.5", "not attempted yet"),
            ("Exercise 4.6", "not attempted yet"),
        ],
    );
    // Key concepts.
    expect(v.cell("let dead_b1"), "dL/dW1", &[0.0, -0.24, 0.0, -0.48], 1e-12);
    let bias = v.cell("let batch");
    expect(bias, "dL/db1", &bias.values()["column sums of delta1"], 0.0);
    expect(v, "dL/dW2 after two backward calls", &[-0.07, -0.1], 1e-12);
    expect(v, "10 layers factor at most", &[0.25f64.powi(10)], 0.0);
    let zeroed = v.cell("p.zero_grad()").values();
    assert!(zeroed.len() == 4 && zeroed.values().all(|g| g.iter().all(|&x| x == 0.0)), "{zeroed:?}");
    // Initial weights, symmetry, bias, BCE.
    let (w0, b0) = first_layer(0);
    expect(v, "initial weights", &w0, 1e-15);
    expect(v, "initial bias", &b0, 1e-15);
    let sym = v.cell("let equal = nn::Sequential");
    expect(sym, "equal start hidden-unit spread", &[0.0], 0.0);
    assert!(sym.values()["random start hidden-unit spread"][0] > 0.1);
    assert!(sym.values()["equal start final loss"][0] > 0.1, "{:?}", sym.values());
    assert!(sym.values()["random start final loss"][0] < 0.01, "{:?}", sym.values());
    expect(v, "loss", &[bce_classifier_loss(0)], 1e-15);
    assert!(text.contains("gradient check passed: 17 gradients agree"), "{text}");
    assert!(text.contains("dL/dz: formula = -0.425557, analytic = -0.425557"), "{text}");
    // The visual summary: one training step of the worked example, with its numbers.
    assert!(
        text.contains("[diagram: one training step]") && text.contains("δ2 = dL/dy_hat ⊙ φ′(z2) = [[-0.05]]"),
        "{text}"
    );
    // XOR, solved.
    let (acc, solved, last) = xor_solution(0, 0.5, 2000);
    assert_eq!(acc, 1.0);
    expect(v, "accuracy", &[1.0], 0.0);
    assert!(text.contains(&format!("all four points classified from epoch {} on", solved.unwrap())));
    assert!(text.contains(&format!("loss {} -> {}", fmt_f64(0.6922748203765187), fmt_f64(last))), "{text}");
    // Changed parameters.
    let new_net = DeltaNet::new(
        vec![array![[0.4, -0.2], [0.1, 0.3]], array![[0.7], [-0.5]]],
        vec![array![0.05, 0.1], array![0.2]],
        vec![Relu, Identity],
    );
    expect_worked_example(&report.overrides[0].cells, &new_net, &array![[0.5, -1.0]], &array![[2.0]], 0.05);
    let o = &report.overrides[1].cells;
    let (w5, _) = first_layer(5);
    expect(o, "initial weights", &w5, 1e-15);
    expect(o, "loss", &[bce_classifier_loss(5)], 1e-15);
    let (acc, solved, _) = xor_solution(3, 0.8, 1500);
    let xor = &report.overrides[2].cells;
    expect(xor, "accuracy", &[acc], 0.0);
    match solved {
        Some(k) => assert!(xor.text().contains(&format!("classified from epoch {k} on")), "{}", xor.text()),
        None => assert!(xor.text().contains("not solved yet"), "{}", xor.text()),
    }
}
