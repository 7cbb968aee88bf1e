//! Day 10 on the real kernel: every number of the source lesson, and new
//! numbers in both `parameters` cells followed exactly as the crate computes them.

mod harness;

use backprop::prelude::*;
use harness::{expect, run_lesson};

#[test]
fn day10_backprop_basics() {
    let neuron_params = "let x = 1.5;\nlet w = -0.3;\nlet b = 0.2;\nlet y = 0.0;\nlet lr = 0.5;";
    let net_params = "let x = array![0.5, -1.0];\nlet y = 1.0;\nlet w1 = array![[0.2, 0.7],\n                [-0.5, 0.3]];\nlet b1 = array![0.1, -0.1];\nlet w2 = array![0.4, 0.9];\nlet b2 = -0.2;\nlet eta = 0.05;";
    let report = run_lesson("day10-backprop-basics", &[neuron_params, net_params]);
    let v = &report.fresh;

    // The single neuron: every number the source prints, to full precision.
    expect(v, "z", &[1.0], 0.0);
    expect(v, "a", &[0.731], 5e-4);
    expect(v, "L", &[0.07232948812851325], 1e-15);
    expect(v, "dL/da", &[-0.538], 1e-3);
    expect(v, "da/dz", &[0.196], 5e-3); // the source truncates 0.19661… to 0.196
    expect(v, "dL/dw", &[-0.21150837113706686], 1e-15);
    expect(v, "dL/db", &[-0.10575418556853343], 1e-15);
    expect(v, "w_new", &[0.5211508371137067], 1e-15);
    // σ′(1) from the formula, and measured by a central difference.
    expect(v, "central difference at 1", &[sigmoid_derivative(1.0)], 1e-9);
    assert!(v.value("difference")[0].abs() < 1e-9, "the central difference agrees with a(1 - a)");
    // The one-neuron graph under its heading, with the values and gradients of the worked example.
    let graph = v.cell("let neuron_graph = ").text();
    assert!(graph.contains("sigmoid | shape [1] | value [0.7311] | grad [-0.5379]"), "{graph}");
    assert!(graph.contains("w (parameter) | shape [1] | value [0.5000] | grad [-0.2115]"), "{graph}");
    expect(v, "b_new", &[0.010575418556853344], 1e-15);
    // The 2-2-1 network (the source prints these rounded by NumPy).
    let t = 1e-12;
    for (name, want) in [
        ("Z1", &[1.1, -0.2][..]),
        ("A1", &[1.1, 0.0]),
        ("y_hat", &[0.76]),
        ("Loss", &[5.0176]),
        ("dL/dy_hat", &[-4.48]),
        ("dL/dW2", &[-4.928, 0.0]),
        ("dL/db2", &[-4.48]),
        ("dL/dA1", &[-2.688, 0.896]),
        ("relu_mask", &[1.0, 0.0]),
        ("dL/dZ1", &[-2.688, 0.0]),
        ("dL/dW1", &[-2.688, 0.0, -5.376, 0.0]),
        ("dL/db1", &[-2.688, 0.0]),
        ("W1_new", &[0.7688, -0.4, 0.8376, 0.1]),
        ("b1_new", &[0.2688, 0.0]),
        ("W2_new", &[1.0928, -0.2]),
        ("b2_new", &[0.548]),
    ] {
        expect(v, name, want, t);
    }
    harness::expect_exercises(
        v,
        &[
            ("Exercise 2.1", "not attempted yet"),
            ("Exercise 2.2", "not attempted yet"),
            ("Exercise 2.3", "not attempted yet"),
            ("Exercise 2.4", "not attempted yet"),
        ],
    );
    let verdicts = v.text();
    assert!(verdicts.contains("single neuron: gradient check passed"), "{verdicts}");
    assert!(verdicts.contains("two-layer network: gradient check passed"), "{verdicts}");

    // New neuron parameters: every number below follows the crate.
    let o = &report.overrides[0].cells;
    let neuron = Neuron::new(array![-0.3], 0.2, Sigmoid);
    let (pass, l, g) = neuron.forward_backward(&array![1.5], 0.0, Loss::Mse);
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
        expect(o, name, &[want], 1e-15);
    }
    assert!((pass.z - 1.0).abs() > 0.1, "the override must actually change the numbers");

    // New network parameters.
    let o = &report.overrides[1].cells;
    let x = array![0.5, -1.0];
    let net = TwoLayerNet::new(array![[0.2, 0.7], [-0.5, 0.3]], array![0.1, -0.1], array![0.4, 0.9], -0.2);
    let f = net.forward(&x, 1.0);
    let g = net.backward(&x, &f, 1.0);
    let mut new = net.clone();
    new.step(&g, 0.05);
    let flat = |a: &Array2<f64>| a.iter().copied().collect::<Vec<_>>();
    expect(o, "Z1", f.z1.as_slice().unwrap(), 1e-15);
    expect(o, "A1", f.a1.as_slice().unwrap(), 1e-15);
    expect(o, "y_hat", &[f.y_hat], 1e-15);
    expect(o, "Loss", &[f.loss], 1e-15);
    expect(o, "dL/dW1", &flat(&g.dl_dw1), 1e-15);
    expect(o, "dL/dW2", g.dl_dw2.as_slice().unwrap(), 1e-15);
    expect(o, "W1_new", &flat(&new.w1), 1e-15);
    expect(o, "b1_new", new.b1.as_slice().unwrap(), 1e-15);
    expect(o, "W2_new", new.w2.as_slice().unwrap(), 1e-15);
    expect(o, "b2_new", &[new.b2], 1e-15);
    assert!(o.text().contains("two-layer network: gradient check passed"), "{}", o.text());
}
