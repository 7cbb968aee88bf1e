//! The engine against the hand-written backward passes, against central finite
//! differences (property tests), at extreme inputs, and its error messages.

use backprop::prelude::*;
use backprop::*;
use proptest::prelude::{prop_assert, prop_oneof, proptest, Just, ProptestConfig, Strategy};

fn flat(a: &ndarray::ArrayD<f64>) -> Vec<f64> {
    a.iter().copied().collect()
}

#[test]
fn engine_agrees_with_the_hand_written_neuron() {
    for (act, loss) in [(Sigmoid, Loss::Mse), (Tanh, Loss::HalfSquared), (Relu, Loss::Mse)] {
        let neuron = Neuron::new(array![0.4, -0.7, 0.2], 0.1, act);
        let x = array![1.5, 0.3, -2.0];
        let (_, l, grads) = neuron.forward_backward(&x, 0.8, loss);
        let w = Tensor::param(neuron.w.clone().insert_axis(Axis(1)));
        let b = Tensor::param(array![neuron.b]);
        let z = Tensor::new(x.clone().insert_axis(Axis(0))).matmul(&w).add(&b);
        let a = match act {
            Sigmoid => z.sigmoid(),
            Tanh => z.tanh(),
            _ => z.relu(),
        };
        let scale = if loss == Loss::HalfSquared { 0.5 } else { 1.0 };
        let out = a.mse_loss(&Tensor::new(array![[0.8]])).scale(scale);
        out.backward();
        compare("loss", &[out.item()], &[l], 1e-14, 1e-15).assert_ok();
        compare("dL/dw", &flat(&w.grad()), &grads.dl_dw.to_vec(), 1e-14, 1e-15).assert_ok();
        compare("dL/db", &flat(&b.grad()), &[grads.dl_db], 1e-14, 1e-15).assert_ok();
    }
}

#[test]
fn engine_agrees_with_the_hand_written_linear_layer_and_mse() {
    let mut r = rng(11);
    let mut manual = Linear::new(3, 2, &mut r);
    let x = Array2::from_shape_fn((4, 3), |_| r.gen_range(-1.0..1.0));
    let y = Array2::from_shape_fn((4, 2), |_| r.gen_range(-1.0..1.0));
    let mut mse = MseLoss::new();
    let l = mse.forward(&manual.forward(&x), &y);
    let dl_dx = manual.backward(&mse.backward());
    let layer = nn::Linear::from_weights(manual.w.clone(), manual.b.clone());
    let xt = Tensor::param(x.clone());
    let out = layer.forward(&xt).mse_loss(&Tensor::new(y));
    out.backward();
    compare("loss", &[out.item()], &[l], 1e-14, 1e-15).assert_ok();
    compare("dL/dw", &flat(&layer.weight.grad()), &manual.dl_dw.iter().copied().collect::<Vec<_>>(), 1e-13, 1e-15)
        .assert_ok();
    compare("dL/db", &flat(&layer.bias.grad()), &manual.dl_db.to_vec(), 1e-13, 1e-15).assert_ok();
    compare("dL/dx", &flat(&xt.grad()), &dl_dx.iter().copied().collect::<Vec<_>>(), 1e-13, 1e-15).assert_ok();
}

#[test]
fn engine_agrees_with_day10_two_layer_network() {
    let net = TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1);
    let x = array![1.0, 2.0];
    let g = net.backward(&x, &net.forward(&x, 3.0), 3.0);
    // W1 is one row per hidden unit (outputs × inputs), as nn::Linear's weight: Z1 = x·W1ᵀ.
    let w1 = Tensor::param(net.w1.clone());
    let b1 = Tensor::param(net.b1.clone());
    let w2 = Tensor::param(net.w2.clone().insert_axis(Axis(1)));
    let b2 = Tensor::param(array![net.b2]);
    let y_hat = Tensor::new(x.insert_axis(Axis(0))).matmul(&w1.t()).add(&b1).relu().matmul(&w2).add(&b2);
    y_hat.mse_loss(&Tensor::new(array![[3.0]])).backward();
    compare("dL/dW1", &flat(&w1.grad()), &g.dl_dw1.iter().copied().collect::<Vec<_>>(), 1e-14, 1e-15).assert_ok();
    compare("dL/db1", &flat(&b1.grad()), &g.dl_db1.to_vec(), 1e-14, 1e-15).assert_ok();
    compare("dL/dW2", &flat(&w2.grad()), &g.dl_dw2.to_vec(), 1e-14, 1e-15).assert_ok();
    compare("dL/db2", &flat(&b2.grad()), &[g.dl_db2], 1e-14, 1e-15).assert_ok();
}

#[derive(Clone, Copy, Debug)]
enum Head {
    Mse,
    Bce,
    BceLogits,
    CrossEntropy,
}

fn head() -> impl Strategy<Value = Head> {
    prop_oneof![Just(Head::Mse), Just(Head::Bce), Just(Head::BceLogits), Just(Head::CrossEntropy)]
}

/// A two-layer network with every unary op, whose loss is a function of (W1, b1, W2).
fn loss(
    x: &Tensor,
    w1: &Tensor,
    b1: &Tensor,
    w2: &Tensor,
    head: Head,
    targets: &Array2<f64>,
    classes: &[usize],
) -> Tensor {
    let h = x.matmul(w1).add(b1).tanh();
    let h = h.mul(&h.sigmoid()).add(&h.exp().scale(0.1)).sub(&h.square().add(&Tensor::scalar(1.0)).log().scale(0.3));
    let out = h.matmul(w2);
    match head {
        Head::Mse => out.mse_loss(&Tensor::new(targets.clone())).add(&out.powf(3.0).mean().scale(0.01)),
        Head::Bce => out.sigmoid().bce_loss(&Tensor::new(targets.mapv(|t| (t > 0.0) as u8 as f64))),
        Head::BceLogits => out.bce_with_logits_loss(&Tensor::new(targets.mapv(|t| (t > 0.0) as u8 as f64))),
        Head::CrossEntropy => out.cross_entropy_loss(classes).add(&out.t().sum().scale(0.0)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn engine_gradients_match_central_differences(seed in 0u64..100_000, b in 1usize..4, i in 1usize..4, h in 1usize..4, o in 2usize..4, head in head()) {
        let mut r = rng(seed);
        let mut m = |rows: usize, cols: usize| Array2::from_shape_fn((rows, cols), |_| r.gen_range(-1.0..1.0));
        let (x, w1, b1, w2, t) = (m(b, i), m(i, h), m(1, h), m(h, o), m(b, o));
        let classes: Vec<usize> = (0..b).map(|k| (seed as usize + k) % o).collect();
        let (pw1, pb1, pw2) = (Tensor::param(w1.clone()), Tensor::param(b1.clone()), Tensor::param(w2.clone()));
        loss(&Tensor::new(x.clone()), &pw1, &pb1, &pw2, head, &t, &classes).backward();
        let shapes = [w1.raw_dim(), b1.raw_dim(), w2.raw_dim()];
        let theta: Array1<f64> = w1.iter().chain(&b1).chain(&w2).copied().collect();
        let at = |p: &Array1<f64>| {
            let v = p.to_vec();
            let (n1, n2) = (w1.len(), w1.len() + b1.len());
            let mk = |s: &[f64], d: &ndarray::Ix2| Tensor::new(Array2::from_shape_vec(*d, s.to_vec()).unwrap());
            loss(&Tensor::new(x.clone()), &mk(&v[..n1], &shapes[0]), &mk(&v[n1..n2], &shapes[1]), &mk(&v[n2..], &shapes[2]), head, &t, &classes).item()
        };
        let numeric = numeric_gradient(at, &theta, 1e-6);
        let analytic: Vec<f64> = [pw1, pb1, pw2].iter().flat_map(|p| p.grad().iter().copied().collect::<Vec<_>>()).collect();
        let c = compare("engine vs finite differences", &analytic, &numeric, 1e-5, 1e-7);
        prop_assert!(c.passed(), "{:?}: {}", head, c.report());
    }
}

#[test]
fn extreme_inputs_stay_finite_as_in_pytorch() {
    let z = Tensor::param(array![[1000.0], [-1000.0]]);
    let s = z.sigmoid();
    assert_eq!(flat(&s.value()), vec![1.0, 0.0]);
    s.sum().backward();
    assert_eq!(flat(&z.grad()), vec![0.0, 0.0]);

    let z = Tensor::param(array![[1000.0], [-1000.0]]);
    let l = z.bce_with_logits_loss(&Tensor::new(array![[0.0], [1.0]]));
    assert_eq!(l.item(), 1000.0); // mean of 1000 and 1000
    l.backward();
    assert_eq!(flat(&z.grad()), vec![0.5, -0.5]);

    let z = Tensor::param(array![[1000.0, 0.0, -1000.0]]);
    let l = z.cross_entropy_loss(&[1]);
    assert_eq!(l.item(), 1000.0);
    l.backward();
    assert_eq!(flat(&z.grad()), vec![1.0, -1.0, 0.0]);

    // A saturated sigmoid into BCE: PyTorch clamps ln at −100.
    let p = Tensor::param(array![[1000.0]]).sigmoid();
    assert_eq!(p.bce_loss(&Tensor::new(array![[0.0]])).item(), 100.0);
}

#[test]
fn a_deep_graph_needs_no_recursion() {
    let x = Tensor::param(array![1.0]);
    let mut h = x.clone();
    for _ in 0..100_000 {
        h = h.scale(1.0);
    }
    h.sum().backward();
    assert_eq!(flat(&x.grad()), vec![1.0]);
}

#[test]
#[should_panic(expected = "backward: the output has shape [2, 1], but backward needs a single number")]
fn backward_on_a_non_scalar_says_so() {
    Tensor::param(array![[1.0], [2.0]]).relu().backward();
}

#[test]
#[should_panic(expected = "matmul: cannot multiply shapes [1, 3] and [2, 2]; need [B, I] and [I, O]")]
fn matmul_shape_mismatch_names_both_shapes() {
    Tensor::new(array![[1.0, 2.0, 3.0]]).matmul(&Tensor::new(array![[1.0, 2.0], [3.0, 4.0]]));
}

#[test]
#[should_panic(expected = "add: shapes [2, 3] and [2] cannot be broadcast together")]
fn add_shape_mismatch_names_both_shapes() {
    Tensor::new(Array2::zeros((2, 3))).add(&Tensor::new(array![1.0, 2.0]));
}

#[test]
#[should_panic(expected = "cross_entropy_loss: target class 3 (sample 0) is out of range for 3 classes")]
fn class_index_out_of_range_is_named() {
    Tensor::new(array![[1.0, 2.0, 3.0]]).cross_entropy_loss(&[3]);
}

#[test]
#[should_panic(
    expected = "nn::Linear::forward: input has shape [1, 2] but the layer expects [B, 3] (weight shape [2, 3])"
)]
fn wrong_input_width_for_a_linear_layer_is_named() {
    let layer = nn::Linear::from_weights(Array2::zeros((2, 3)), Array1::zeros(2));
    layer.forward(&Tensor::new(array![[1.0, 2.0]]));
}

#[test]
fn graph_of_a_neuron_shows_values_and_gradients() {
    let w = Tensor::param(array![[0.5]]).with_label("w");
    let loss = Tensor::new(array![[2.0]]).with_label("x").matmul(&w).sigmoid().mse_loss(&Tensor::new(array![[1.0]]));
    loss.backward();
    let g = loss.graph();
    // x, w, matmul, sigmoid, the target and mse_loss; five arrows between them.
    assert_eq!(g.nodes.len(), 6);
    assert_eq!(g.edges.len(), 5);
    let text = g.to_text();
    assert!(text.contains("w (parameter) | shape [1, 1] | value [0.5000] | grad [-0.2115]"), "{text}");
    let svg = g.to_svg();
    assert!(svg.starts_with("<svg") && svg.matches("<rect").count() >= 6, "{}", &svg[..300.min(svg.len())]);
    assert!(svg.contains("mse_loss") && svg.contains("grad [-0.2115]"));
}

#[test]
fn reshape_passes_gradients_back_in_the_original_shape() {
    let p = Tensor::param(array![1.0, 2.0, 3.0]);
    let l = p.reshape(&[1, 3]).cross_entropy_loss(&[2]);
    l.backward();
    let want = softmax_cross_entropy_grad(&array![1.0, 2.0, 3.0], 2);
    compare("grad", &flat(&p.grad()), &want.to_vec(), 1e-14, 1e-15).assert_ok();
    assert_eq!(p.grad().shape(), &[3]);
}

#[test]
#[should_panic(expected = "reshape: cannot reshape shape [3] (3 numbers) into [2, 2]")]
fn reshape_to_a_wrong_size_says_so() {
    Tensor::new(array![1.0, 2.0, 3.0]).reshape(&[2, 2]);
}

#[test]
fn mlp_builds_linear_layers_with_activations_between() {
    let net = nn::Sequential::mlp(&[10, 5, 1], nn::Layer::Relu, &mut rng(0));
    assert_eq!(net.to_text(), "Sequential(\n  (0): Linear(in_features=10, out_features=5)\n  (1): Relu()\n  (2): Linear(in_features=5, out_features=1)\n)");
    let names: Vec<String> = net.named_parameters().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["0.weight", "0.bias", "2.weight", "2.bias"]);
}

#[test]
fn stacked_sigmoids_shrink_gradients_layer_by_layer() {
    let mut r = rng(5);
    let deep = nn::Sequential::mlp(&[4, 4, 4, 4, 4, 4, 4, 1], nn::Layer::Sigmoid, &mut r);
    let x = Tensor::new(randn(&mut r, 16, 4));
    deep.forward(&x).mse_loss(&Tensor::new(Array2::ones((16, 1)))).backward();
    let norms: Vec<f64> = deep.layer_grad_norms().into_iter().map(|(_, n)| n).collect();
    assert!(norms[0] < norms[norms.len() - 1] / 50.0, "{norms:?}");
}

fn xor() -> (Array2<f64>, Array2<f64>) {
    (array![[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], array![[0.0], [1.0], [1.0], [0.0]])
}

fn xor_net(seed: u64) -> nn::Sequential {
    let mut r = rng(seed);
    nn::Sequential::new(vec![
        nn::Linear::new(2, 4, &mut r).into(),
        nn::Layer::Tanh,
        nn::Linear::new(4, 1, &mut r).into(),
        nn::Layer::Sigmoid,
    ])
}

#[test]
fn a_2_4_1_network_learns_xor() {
    let (x, y) = xor();
    let net = xor_net(0);
    let rec = net.fit(&x, &y, &Fit::new(Loss::Bce).lr(0.5).epochs(2000));
    assert_eq!(net.accuracy(&x, &y), 1.0, "{}", rec.summary());
    assert_eq!(rec.losses.len(), 2000);
    assert_eq!(rec.grad_norms.len(), 2);
    assert_eq!(rec.weights.len(), 8);
    assert!(rec.weights.iter().all(|(_, v)| v.len() == 2000));
}

#[test]
fn sequential_gradcheck_passes_and_leaves_the_weights_alone() {
    let (x, y) = xor();
    let net = xor_net(1);
    let before: Vec<_> = net.parameters().iter().map(|p| p.value()).collect();
    let check = net.gradcheck(|m| m.forward(&Tensor::new(x.clone())).bce_loss(&Tensor::new(y.clone())));
    assert!(check.passed(), "{}", check.verdict());
    assert_eq!(check.names.len(), 17);
    let after: Vec<_> = net.parameters().iter().map(|p| p.value()).collect();
    assert_eq!(before, after);
}

#[test]
fn equal_initial_weights_keep_hidden_units_identical() {
    let (x, y) = xor();
    let same = nn::Sequential::new(vec![
        nn::Linear::from_weights(Array2::from_elem((3, 2), 0.3), Array1::from_elem(3, 0.1)).into(),
        nn::Layer::Tanh,
        nn::Linear::from_weights(Array2::from_elem((1, 3), 0.2), array![0.0]).into(),
    ]);
    same.fit(&x, &y, &Fit::new(Loss::Mse).lr(0.5).epochs(300));
    assert_eq!(hidden_unit_spread(&same.layers[0]), 0.0);
    let random = xor_net(2);
    random.fit(&x, &y, &Fit::new(Loss::Mse).lr(0.5).epochs(300));
    assert!(hidden_unit_spread(&random.layers[0]) > 0.1);
}

#[test]
fn fit_reports_when_xor_is_solved() {
    let (x, y) = xor();
    let rec = xor_net(0).fit(&x, &y, &Fit::new(Loss::Bce).lr(0.5).epochs(2000));
    let k = rec.solved_from().expect("solved");
    assert!(rec.accuracy[k - 1..].iter().all(|&a| a == 1.0));
    assert!(k == 1 || rec.accuracy[k - 2] < 1.0);
}
