//! The exercises' reference solutions and typical wrong answers, on the real kernel.

mod harness;

use harness::{checks, execute, lessons, probe_notebook, root};

/// Every lesson's solutions notebook runs clean, its stored outputs are fresh,
/// and every check in it passes.
#[test]
fn every_reference_solution_passes_its_check() {
    for lesson in lessons() {
        let path = root().join("notebooks/solutions").join(format!("{}.ipynb", lesson.stem));
        assert!(path.exists(), "{} has no solutions notebook", lesson.stem);
        let report = execute(&path, &[]);
        let problems = checks::problems(&report.fresh, report.stored.len());
        assert!(problems.is_empty(), "{}: {problems:?}", lesson.stem);
        let stale = checks::stale(&report);
        assert!(stale.is_empty(), "stored outputs of the {} solutions are stale:\n{}", lesson.stem, stale.join("\n"));
        let check_cells: Vec<_> = report.fresh.0.iter().filter(|c| c.source.starts_with("exercises::")).collect();
        assert!(check_cells.len() >= 3, "{}: 3 to 5 exercises", lesson.stem);
        for cell in check_cells {
            assert!(cell.text().contains(": correct."), "{}: `{}` printed {}", lesson.stem, cell.source, cell.text());
        }
    }
}

/// A typical wrong answer to every exercise: (the answer's cell, the check, a
/// piece of the intended hint, a value the output must not show).
const WRONG: &[(&str, &str, &str, &str)] = &[
    ("let w00 = [Some(4.5), Some(2.0), Some(3.0)];", "exercises::start_here::layer_wx(w00)", "column 0 of W", "-1.5"),
    ("fn w01(z: f64) -> f64 {\n    z.abs()\n}", "exercises::start_here::relu_function(w01)", "At z = -1000", ""),
    ("fn w0h(e: f64) -> f64 {\n    e * e\n}", "exercises::start_here::half_square(w0h)", "without the ½", ""),
    ("let w03 = Some(0.119);", "exercises::start_here::neuron_output(w03)", "σ(−2)", "0.881"),
    ("let w0r = Some(0.431);", "exercises::start_here::nudge_ratio(w0r)", "sign is flipped", "-0.431"),
    ("let w0u = Some(-0.543);", "exercises::start_here::one_update(w0u)", "uphill", "-0.457"),
    ("let w0d = Some(0.0188);", "exercises::start_here::first_drop(w0d)", "measured drop", "0.0186"),
    ("fn w0t(w: f64) -> f64 {\n    let l = |v: f64| 0.5 * (sigmoid(3.0 * v + 0.5) - 1.0).powi(2);\n    w + 0.1 * (l(w + 0.001) - l(w)) / 0.001\n}", "exercises::start_here::training_step(w0t)", "uphill", "-0.457"),
    ("let w0l = 0.1381;", "exercises::start_here::twenty_steps(w0l)", "after 19 steps", "0.156"),
    ("let w0z = [Some(-0.594), None, None];", "exercises::start_here::first_landings(w0z)", "uphill", "-0.406"),
    ("fn w04(x: &Array1<f64>) -> f64 {\n    x.sum()\n}", "exercises::start_here::mean(w04)", "that is the sum", ""),
    ("fn w0a(x: &Array1<f64>) -> f64 {\n    x.mapv(f64::abs).sum() / x.len() as f64\n}", "exercises::start_here::mean(w0a)", "mean of the sizes |e|", ""),
    ("fn w05(x: &Array1<f64>) -> f64 {\n    x.iter().copied().fold(0.0, f64::max)\n}", "exercises::start_here::largest(w05)", "starts at 0.0", ""),
    ("fn w0n(x: &Array1<f64>) -> f64 {\n    x.iter().fold(f64::NEG_INFINITY, |acc: f64, &v| acc.min(v))\n}", "exercises::start_here::largest(w0n)", "never leaves −∞", ""),
    ("fn w0m(p: &mut Array1<f64>, g: &Array1<f64>, lr: f64) {\n    for (v, &g) in p.iter_mut().zip(g.iter()) { *v += lr * g; }\n}", "exercises::start_here::update_step(w0m)", "moved up the gradient", "0.48"),
    ("fn w0v(p: &mut Array1<f64>, _: &Array1<f64>, _: f64) {\n    *p = array![0.48, -0.29, 1.9];\n}", "exercises::start_here::update_step(w0v)", "any numbers", "0.75"),
    ("fn w06(z: f64) -> f64 {\n    1.0 / (1.0 + f64::exp(z))\n}", "exercises::start_here::sigmoid_function(w06)", "σ(−z)", ""),
    ("let w0q = Some(-0.431);", "exercises::start_here::second_ratio(w0q)", "old weight", "-0.44"),
    ("let w0p = Some(0.01947);", "exercises::start_here::second_drop(w0p)", "measured second drop", "0.01936"),
    ("let w07 = Some(false);", "exercises::start_here::second_step(w07)", "0.0186", ""),
    ("let w0f = Some(-0.5);", "exercises::start_here::fold_start(w0f)", "the fold starts at 0.0", ""),
    ("let w0s = Some(true);", "exercises::start_here::step_sign(w0s)", "(dL/dw)·Δw with dL/dw = +0.3", ""),
    ("fn w0g(g: f64) -> f64 {\n    -0.1 * g.signum()\n}", "exercises::start_here::downhill_move(w0g)", "does not follow the slope", ""),
    ("// the closure is in the check cell", "exercises::start_here::half_square(|e| e * e)", "without the ½", ""),
    ("let w11 = Some(0.0544);", "exercises::day03::gradient_of_w1(w11)", "sign is flipped", "-0.0544"),
    ("let w12 = Some(-0.00272);", "exercises::day03::bias_after_one_step(w12)", "instead of against it", "0.00272"),
    ("let w1n = Some(-0.0122);", "exercises::day03::nudge_of_w2(w1n, &array![1.0, 0.0], &array![0.0, 0.0], 0.0, 1.0)", "moving w₁", ""),
    ("let w1e = [None, Some(-0.125)];", "exercises::day03::engine_neuron_grads(w1e, &array![1.0, 0.0], &array![0.0, 0.0], 0.0, 1.0)", "§3's dL/db", "-0.25"),
    ("let w1g = [f64::NAN, f64::NAN, 0.0576, f64::NAN, f64::NAN];", "exercises::day03::graph_chain(w1g, 0, &array![[1.0, 0.0]], &array![[1.0]])", "through the relu box first", "-0.144"),
    ("let w1r = [Some(0.0757), Some(-0.104)];", "exercises::day03::blocked_unit_gradients(w1r, 0, &array![[1.0, 2.0]], &array![[1.0]])", "slope is 0 there", "0.0941"),
    ("let w1b = Some(-0.125);", "exercises::day03::second_epoch_dl_dz(w1b)", "first step's dL/dz", "-0.123"),
    ("let w1d = Some(-0.75);", "exercises::day03::worked_dl_dw1(w1d, &array![3.0, 0.0], &array![0.0, 0.0], 0.0, 1.0)", "without the ½", "-0.375"),
    ("let w1x = [0.269, -0.731, 0.197, -0.144, -0.144];", "exercises::day03::start_here_chain(w1x, -0.5, 0.5, 3.0, 1.0)", "forgot ·x", "-0.431"),
    ("fn w13(z: f64) -> f64 {\n    z.exp() / (1.0 + z.exp()).powi(2)\n}", "exercises::day03::sigmoid_slope(w13)", "σ(z) itself", ""),
    ("fn w14(n: &mut Neuron, g: &NeuronGrads, lr: f64) {\n    n.w = &n.w - &(lr * &g.dl_dw);\n    n.b += lr * g.dl_db;\n}", "exercises::day03::fixed_step(w14)", "w ← w − lr·dL/dw", ""),
    ("let w15 = Some(-0.181);", "exercises::day03::output_bias_gradient(w15)", "slope at ŷ", "-0.190"),
    ("fn w1s(n: &mut Neuron, x: &Array1<f64>, y: f64, lr: f64) -> f64 {\n    let pass = n.forward(x);\n    let grads = n.backward(x, &pass, half_squared_error_grad(pass.a, y));\n    n.step(&grads, lr);\n    n.loss(x, y, Loss::HalfSquared)\n}", "exercises::day03::neuron_step(w1s)", "after the update", ""),
    ("let w21 = Some(-0.1058);", "exercises::day10::gradient_of_w(w21, 2.0, 0.5, 0.0, 1.0)", "no ½", "-0.2115"),
    ("let w2p = [Some(-2.24), None, None, None];", "exercises::day10::output_layer_gradients(w2p, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0], 3.0)", "no ½", "4.48"),
    ("fn w23(z: &Array1<f64>) -> Array1<f64> {\n    z.mapv(|v| if v >= 0.0 { 1.0 } else { 0.0 })\n}", "exercises::day10::relu_mask(w23)", "At z = 0", ""),
    ("let w24 = '-';", "exercises::day10::sign_of_output_bias_gradient(w24, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0])", "Compare ŷ with y first", ""),
    ("let w24m = '−';", "exercises::day10::sign_of_output_bias_gradient(w24m, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0])", "Compare ŷ with y first", ""),
    ("let w26 = [Some(0.896), None];", "exercises::day10::hidden_layer_gradients(w26, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0], 3.0)", "before ReLU", "5.38"),
    ("let w25 = Some(0.52);", "exercises::day10::hidden_unit_gradient(w25, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0], 3.0)", "pass through w2[0]", "0.312"),
    ("let w2z: Option<usize> = Some(3);", "exercises::day10::zero_gradients(w2z, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0], 3.0)", "One more", ""),
    ("let w2e = (Some(0.226), Some(0.5));", "exercises::day10::three_rates(w2e.0, w2e.1, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0], 3.0)", "1/(2K_out)", "0.452"),
    ("let w2k = Some(8.36);", "exercises::day10::step_two_curvature(w2k, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0], 3.0, 0.1)", "K_out alone", "15.5"),
    ("let w31 = [Some(-2.90), Some(-3.62)];", "exercises::scratch::neuron_gradients(w31)", "dL/dw: The sign is flipped", "2.90"),
    ("fn w32(a: f64, b: f64) -> (f64, f64) {\n    (a, b)\n}", "exercises::scratch::mul_local(w32)", "swapped", "(b, a)"),
    ("fn w33(t: f64) -> f64 {\n    1.0 - t.tanh() * t.tanh()\n}", "exercises::scratch::tanh_local(w33)", "tanh of t again", "1 − t²"),
    ("fn w34(a: f64, n: f64) -> f64 {\n    a.powf(n - 1.0)\n}", "exercises::scratch::pow_local(w34)", "comes down in front", ""),
    ("fn w3s(a: f64, b: f64) -> (f64, Vec<f64>) {\n    let (u, t) = (a * b, (a * b).tanh());\n    let g = 2.0 * (t + u);\n    ((t + u) * (t + u), vec![g * b, g * a])\n}", "exercises::scratch::check_backward(w3s)", "only one of its two shares", ""),
    ("let w35 = [Some(1.56), Some(1.33), Some(1.07), Some(0.667)];", "exercises::scratch::shared_node_boxes(w35, 0.5, 0.8)", "dL/du's share through tanh alone", "2.89"),
    ("let w3b = [Some(0.22), Some(0.66), Some(0.55)];", "exercises::scratch::batch_dl_dw(w3b)", "first sample's share alone", "-3.98"),
    ("let w3d = [Some(0.66), Some(-4.2)];", "exercises::scratch::batch_dl_dx(w3d)", "That multiplies by the input", "-0.385"),
    ("let w3o = Some(-0.385);", "exercises::scratch::two_output_dl_dx(w3o)", "output 1's share alone", "-0.685"),
    ("let w3f = Some(2.5);", "exercises::scratch::first_gradient_factor(w3f, &array![[1.0], [2.0], [3.0], [4.0]], &array![[5.0], [8.0], [11.0], [14.0]], &Linear::from_weights(array![[0.0]], array![0.0]))", "That is the mean input", "2.9"),
    ("let w36: [usize; 2] = [4, 3];", "exercises::scratch::dl_dw_shape(w36)", "Transposed", "3 × 4"),
    ("fn w3x(g: &Array2<f64>, w: &Array2<f64>) -> Array2<f64> {\n    g.dot(w).t().to_owned()\n}", "exercises::scratch::dl_dx_line(w3x)", "Transposed", ""),
    ("fn w37(g: &Array2<f64>, x: &Array2<f64>, w: &Array2<f64>) -> (Array2<f64>, Array2<f64>, Array1<f64>) {\n    (g.dot(w) * 2.0, x.t().dot(g), g.sum_axis(Axis(0)))\n}", "exercises::scratch::fixed_linear_backward(w37)", "transpose", ""),
    ("fn w3p(g: &Array2<f64>, x: &Array2<f64>, w: &Array2<f64>) -> (Array2<f64>, Array2<f64>, Array1<f64>) {\n    (g.dot(w), x.t().dot(g), g.sum_axis(Axis(0)))\n}", "exercises::scratch::fixed_linear_backward(w3p)", "still the planted line", ""),
    ("fn w38(p: &Array2<f64>, t: &Array2<f64>) -> Array2<f64> {\n    (p - t) * (2.0 / p.nrows() as f64)\n}", "exercises::scratch::mse_gradient(w38)", "M is batch × outputs", ""),
    ("let w3c = Some(-13.0);", "exercises::scratch::cached_dl_dw(w3c)", "carries the factor 2/M", "-8.67"),
    ("let w3a = Some(2.0);", "exercises::scratch::a_grad_after_the_obvious_line(w3a)", "replaces the first", ""),
    ("fn w3e(m: &mut Linear, x: &Array2<f64>, y: &Array2<f64>, lr: f64) -> f64 {\n    let p = m.forward(x);\n    let l = Loss::Mse.mean(&p, y);\n    let (_, gw, gb) = linear_backward(&Loss::Mse.mean_grad(&p, y), x, &m.w);\n    m.w = &m.w + &(gw * lr);\n    m.b = &m.b + &(gb * lr);\n    l\n}", "exercises::scratch::check_epoch_step(w3e)", "climbs the loss", ""),
    ("let w3w = \"below\";", "exercises::scratch::w_above_or_below(w3w, 42, 0.01, 100)", "the factor you computed", ""),
    ("fn w39(w: f64, g: f64, lr: f64) -> f64 {\n    w + lr * g\n}", "exercises::scratch::sgd_step(w39)", "uphill", ""),
    ("let w41 = Some(0.222);", "exercises::deep_dive::neuron_gradient(w41, 1.5, -0.5, 0.0, 1.0)", "sign is flipped", "-0.222"),
    ("let w42 = Some(0.161);", "exercises::deep_dive::chain_hidden_delta(w42, 1.5, 0.8, -0.3, -1.1, 0.3, 1.0)", "own slope", "0.0330"),
    ("let w4c = Some(0.0343);", "exercises::deep_dive::chain_hidden_delta(w4c, 1.5, 0.8, -0.3, -1.1, 0.3, 1.0)", "σ′(w1)", "0.0330"),
    ("let w4p = Some(-0.05);", "exercises::deep_dive::unit_delta(w4p, &array![[1.0, 2.0]], &array![[1.0]], &array![[0.1, 0.3], [0.2, 0.4]], &array![0.0, 0.0], &array![[0.5, 0.6]], &array![0.0])", "carry it back", ""),
    ("let w4o = Some(0.095);", "exercises::deep_dive::two_outputs_delta(w4o)", "column 1", "-0.105"),
    ("fn w4g(d: &Array2<f64>, a: &Array2<f64>) -> Array2<f64> {\n    a.t().dot(d)\n}", "exercises::deep_dive::weight_gradient(w4g)", "transposed", ""),
    ("fn w43(d: &Array2<f64>, w: &Array2<f64>, _z: &Array2<f64>, _s: fn(f64) -> f64) -> Array2<f64> {\n    d.dot(w)\n}", "exercises::deep_dive::hidden_delta(w43)", "own slope", ""),
    ("let w4t = Some(-0.0444);", "exercises::deep_dive::three_layer_delta(w4t, &DeltaNet::new(vec![array![[0.1, 0.3], [0.2, 0.4]], array![[0.7, -0.5], [0.4, 0.6]], array![[0.5, 0.6]]], vec![array![0.0, 0.0], array![0.1, -0.2], array![0.0]], vec![Relu, Sigmoid, Identity]), &array![[1.0, 2.0]], &array![[1.0]])", "column 2", "-0.00612"),
    ("let w44 = Some(0.1025);", "exercises::deep_dive::weight_after_step(w44, &DeltaNet::new(vec![array![[0.1, 0.3], [0.2, 0.4]], array![[0.5, 0.6]]], vec![array![0.0, 0.0], array![0.0]], vec![Relu, Identity]), &array![[1.0, 2.0]], &array![[1.0]], 0.1)", "instead of against it", "0.0975"),
    ("let w4w: Option<bool> = Some(true);", "exercises::deep_dive::which_way(w4w, &DeltaNet::new(vec![array![[0.1, 0.3], [0.2, 0.4]], array![[0.5, 0.6]]], vec![array![0.0, 0.0], array![0.0]], vec![Relu, Identity]), &array![[1.0, 2.0]], &array![[1.0]])", "against its gradient", ""),
    ("let w4s = Some(-0.104);", "exercises::deep_dive::bce_output_slope([w4s, None])", "gradient of ½(ŷ − y)²", "-0.426"),
    ("let w4r = Some(0.5);", "exercises::deep_dive::xor_step_lr(w4r, 0.5)", "4 times too long", "0.125"),
    ("let w46 = Some(-0.145);", "exercises::deep_dive::tanh_hidden_delta(w46)", "1 − a²", "-0.0607"),
    ("let w47: Option<usize> = Some(3);", "exercises::deep_dive::dead_unit_zero_gradients(w47)", "its output a[1]_2", ""),
    ("fn w4b(_w: &[Array2<f64>], _s: &[fn(f64) -> f64], _i: &[Array2<f64>], _z: &[Array2<f64>], _d: &Array2<f64>) -> Vec<(Array2<f64>, Array1<f64>)> {\n    Vec::new()\n}", "exercises::deep_dive::backward_sweep(w4b)", "one (dL/dW, dL/db) per layer", ""),
    ("let w410 = [Some(0.88), None, None, None, None, None];", "exercises::deep_dive::practice_network(w410)", "L: not attempted yet", ""),
    ("let w4z = Some(-0.285);", "exercises::deep_dive::batch_bias_gradient(w4z)", "mean over the three samples", "-0.855"),
    ("let w4n = [Some(1.305), None, None, None, None, None];", "exercises::deep_dive::practice_network(w4n)", "hidden unit 2 left on", "0.88"),
    ("let w5q = Some(0.445);", "exercises::theory::step_curvature(w5q, 1)", "0.1² = 0.01", "4.45"),
    ("let w5c = Some(-0.280);", "exercises::theory::step_change(w5c, 1, 0.1)", "leaves out the ½", "-0.392"),
    ("let w5r = Some(-0.202);", "exercises::theory::big_step_change(w5r, 1, 3.0)", "walks t = 0.1", "85.8"),
    ("let w5o = Some(exercises::theory::Curves::BothLevelAtNoise);", "exercises::theory::overfitting_curves(w5o, 2, 0.3, 16, 10000)", "does not stop there", ""),
    ("let w51 = Some(-0.976);", "exercises::theory::neuron_chain_rule(w51)", "multiply by x₃", "-1.95"),
    ("let w5k = Some(10.0);", "exercises::theory::linear_neuron_k(w5k)", "leaves out the bias", "11"),
    ("let w52 = Some(0.333);", "exercises::theory::diverging_learning_rate(w52)", "x = [1, 2]", "0.182"),
    ("let w5z = Some(0.5675);", "exercises::theory::piled_step(w5z, &array![[0.5, -0.3]], &array![0.1], &array![[1.0, 2.0], [0.5, -1.0]], &array![[1.0], [0.0]], 0.1)", "one pass's gradient", "0.635"),
    ("fn w5e(m: &nn::Sequential, o: &optim::Sgd, x: &Array2<f64>, y: &Array2<f64>, b: usize) -> f64 {\n    let mut total = 0.0;\n    for start in (0..x.nrows()).step_by(b) {\n        let xb = Tensor::from(x.slice(s![start..start + b, ..]).to_owned());\n        let yb = Tensor::from(y.slice(s![start..start + b, ..]).to_owned());\n        total += exercises::theory::training_step(m, o, &xb, &yb);\n    }\n    total\n}", "exercises::theory::mini_batch_epoch(w5e)", "whichever is smaller", ""),
    ("let w53 = Some(12.5);", "exercises::theory::clipped_loss(w53, &array![1.0, 2.0], 1.0, 1.0, 1.0)", "unclipped", "1.05"),
    ("let w54 = Some(38.7);", "exercises::theory::raw_gradient_ratio(w54, 11, 100.0)", "plain mean", "48.1"),
    ("let w55 = { use exercises::theory::Diagnosis::*; Some([DeadRelu, LrTooHigh, Healthy]) };", "exercises::theory::diagnose_run(w55)", "exactly 0", ""),
    ("let w56 = Some(-0.7);", "exercises::theory::bce_gradient(w56)", "logit", "-3.33"),
    ("let w592 = Some(0.659);", "exercises::theory::softmax_true_class_gradient(w592, &array![2.0, 1.0, 0.1], 0)", "second term alone", "-0.341"),
    ("let w6p = Some(1.65);", "exercises::capstone::tiny_probability(w6p)", "divide it by the sum", "0.254"),
    ("fn w6e(h: &mut DeltaNet, x: &Array2<f64>, y: &[usize], bs: usize, lr: f64, sh: &mut ChaCha8Rng, step: &dyn Fn(&mut DeltaNet, &Array2<f64>, &[usize], f64) -> f64) -> f64 {\n    let mut total = 0.0;\n    for b in mini_batches(x.nrows(), bs, sh) {\n        let yb: Vec<usize> = b.iter().map(|&i| y[i]).collect();\n        total += step(h, &select_rows(x, &b), &yb, lr);\n    }\n    total\n}", "exercises::capstone::epoch(w6e)", "the sum", ""),
    ("let w69 = Some(0.5);", "exercises::capstone::digit_recall(w69, &[8, 8, 8, 8, 8, 1, 1, 1, 1, 1, 1], &[5, 5, 8, 8, 8, 1, 1, 1, 1, 1, 1])", "another digit's number", "0.6"),
    ("fn w62(z: &Array1<f64>) -> Array1<f64> {\n    let e = z.mapv(f64::exp);\n    &e / e.sum()\n}", "exercises::capstone::stable_softmax(w62)", "overflows", ""),
    ("let w63: Option<usize> = Some(45);", "exercises::capstone::last_batch_size(w63, 1438, 32)", "counts mini-batches", "30"),
    ("let w6w = Some(4.48);", "exercises::capstone::wrong_class_slope(w6w)", "e^(z₁) alone", "0.690"),
    ("let w6x = Some(true);", "exercises::capstone::experiment(w6x, 4, 0.5, 0.612813, 0.905292)", "was not", ""),
    ("let w6u = Some(0.1);", "exercises::capstone::untrained_loss(w6u)", "the loss is −ln p_c", "2.30"),
    ("let w6b = Some(-0.760);", "exercises::capstone::batch_of_two_entry(w6b)", "for the second image alone", "-0.380"),
    ("let w6f: Option<usize> = Some(2);", "exercises::capstone::finite_lines(w6f, &array![[1.0, 2.0, 0.5]], 2)", "709", ""),
    ("let w6m = Some(false);", "exercises::capstone::wrong_answers(w6m, None, 12, 34)", "ten averages", "12"),
    ("let w6a = Some(false);", "exercises::capstone::full_batch_prediction(w6a, 0.896936, 0.966574, 1438, 32, 30)", "Count the training steps", ""),
    ("let w6n: Option<usize> = Some(2);", "exercises::capstone::still_unit_on(w6n, 1, &array![[1.0, 0.0], [0.0, 1.0]], &array![[0.5, 0.5], [-0.5, -0.25]], &array![0.1, 0.0], &array![[0.5, 0.75], [-0.5, -0.25]].into_dyn())", "on which it is off", ""),
    ("fn w6d(z: &Array1<f64>) -> Array1<f64> {\n    z.mapv(f64::exp)\n}", "exercises::capstone::direct_softmax(w6d)", "divide each e^z", ""),
    ("let w6z: Option<usize> = Some(3);", "exercises::capstone::baseline_right(w6z, 8, &[8, 8, 8, 8], &[8, 1, 5, 9], &[5, 5, 1, 8])", "all the network's wrong 8s", ""),
    ("fn w64(logits: &Array2<f64>, labels: &[usize]) -> Array2<f64> {\n    let mut d = softmax_rows(logits);\n    for r in 0..labels.len() {\n        d[[r, labels[r]]] -= 1.0;\n    }\n    d\n}", "exercises::capstone::cross_entropy_delta(w64)", "times too large", ""),
];

/// Runs each (answer cell, check cell) pair of `table` in one notebook on the
/// real kernel, after the prelude; returns what each check printed.
fn run_checks(name: &str, table: &[(&str, &str, &str, &str)]) -> Vec<String> {
    let mut cells = vec!["use backprop::prelude::*;\nshow_panics();".to_string()];
    for (answer, check, _, _) in table {
        cells.push(answer.to_string());
        cells.push(check.to_string());
    }
    let report = execute(&probe_notebook(name, &cells), &[]);
    let problems = checks::problems(&report.fresh, cells.len() + 1);
    assert!(problems.is_empty(), "{problems:?}");
    (0..table.len()).map(|k| report.fresh.0[3 + 2 * k].text()).collect()
}

#[test]
fn a_typical_wrong_answer_gets_its_hint_and_not_the_answer() {
    let texts = run_checks("wrong-answers", WRONG);
    let mut exercises = std::collections::BTreeSet::new();
    for ((_, check, hint, forbidden), text) in WRONG.iter().zip(&texts) {
        assert!(text.contains(": not yet.") && text.contains(hint), "`{check}` printed `{text}`, without `{hint}`");
        assert!(forbidden.is_empty() || !text.contains(forbidden), "`{check}` gives the answer away: {text}");
        exercises.insert(text.split(':').next().unwrap().to_string());
    }
    assert!(exercises.len() >= 34, "every exercise is covered: {exercises:?}");
}

/// One exercise of each kind, on the real kernel, with every kind of answer a
/// learner may give: (the answer's cell, the check, the verdict's start, a piece
/// of its text). The crate's unit tests do the same for every exercise.
const KINDS: &[(&str, &str, &str, &str)] = &[
    // A number to 4 significant figures (Day 10's Exercise 2.1 asks for 4).
    ("let n0: Option<f64> = None;", "exercises::day10::gradient_of_w(n0, 2.0, 0.5, 0.0, 1.0)", "not attempted", ""),
    ("let n1 = Some(-0.2115);", "exercises::day10::gradient_of_w(n1, 2.0, 0.5, 0.0, 1.0)", "correct", "4 significant figures"),
    ("let n2 = Some(-0.21150837);", "exercises::day10::gradient_of_w(n2, 2.0, 0.5, 0.0, 1.0)", "correct", ""),
    ("let n3 = Some(0.2115);", "exercises::day10::gradient_of_w(n3, 2.0, 0.5, 0.0, 1.0)", "not yet", "sign is flipped"),
    ("let n4 = Some(-0.1058);", "exercises::day10::gradient_of_w(n4, 2.0, 0.5, 0.0, 1.0)", "not yet", "no ½"),
    ("let n5 = Some(-0.22);", "exercises::day10::gradient_of_w(n5, 2.0, 0.5, 0.0, 1.0)", "not yet", "Close: within"),
    ("let n6 = Some(f64::NAN);", "exercises::day10::gradient_of_w(n6, 2.0, 0.5, 0.0, 1.0)", "not yet", "NaN"),
    ("let n7 = Some(f64::INFINITY);", "exercises::day10::gradient_of_w(n7, 2.0, 0.5, 0.0, 1.0)", "not yet", "+∞"),
    ("let n8 = Some(f64::NEG_INFINITY);", "exercises::day10::gradient_of_w(n8, 2.0, 0.5, 0.0, 1.0)", "not yet", "−∞"),
    // Several numbers.
    ("let p0: [Option<f64>; 6] = [None; 6];", "exercises::deep_dive::practice_network(p0)", "not attempted", ""),
    ("let p1 = [Some(0.88), Some(1.31), Some(-1.62), Some(-1.94), Some(0.792), Some(0.262)];", "exercises::deep_dive::practice_network(p1)", "correct", ""),
    ("let p3 = [None, Some(2.62), None, None, None, None];", "exercises::deep_dive::practice_network(p3)", "not yet", "without the ½"),
    ("let p2 = [Some(0.88), Some(f64::NAN), None, None, None, None];", "exercises::deep_dive::practice_network(p2)", "not yet", "L: Your answer is NaN"),
    // A function of one number.
    ("fn f0(z: f64) -> f64 {\n    todo!(\"{z}\")\n}", "exercises::day03::sigmoid_slope(f0)", "not attempted", ""),
    ("fn f1(z: f64) -> f64 {\n    sigmoid(z) * (1.0 - sigmoid(z))\n}", "exercises::day03::sigmoid_slope(f1)", "correct", "central differences"),
    ("fn f2(_z: f64) -> f64 {\n    f64::NAN\n}", "exercises::day03::sigmoid_slope(f2)", "not yet", "NaN"),
    ("fn f3(_z: f64) -> f64 {\n    f64::INFINITY\n}", "exercises::day03::sigmoid_slope(f3)", "not yet", "+∞"),
    ("fn f4(z: f64) -> f64 {\n    vec![z][1]\n}", "exercises::day03::sigmoid_slope(f4)", "not yet", "panicked"),
    // A closure.
    ("// the closure is in the check cell", "exercises::start_here::half_square(|_e: f64| -> f64 { todo!() })", "not attempted", ""),
    ("// the closure is in the check cell", "exercises::start_here::half_square(|e: f64| 0.5 * e * e)", "correct", ""),
    ("// the closure is in the check cell", "exercises::start_here::half_square(|_e: f64| f64::NAN)", "not yet", "NaN"),
    ("// the closure is in the check cell", "exercises::start_here::half_square(|_e: f64| f64::NEG_INFINITY)", "not yet", "−∞"),
    ("// the closure is in the check cell", "exercises::start_here::half_square(|e: f64| -> f64 { panic!(\"no {e}\") })", "not yet", "panicked"),
    // A function of an array.
    ("fn a0(z: &Array1<f64>) -> Array1<f64> {\n    todo!(\"{z}\")\n}", "exercises::day10::relu_mask(a0)", "not attempted", ""),
    ("fn a1(z: &Array1<f64>) -> Array1<f64> {\n    z.mapv(|v| if v > 0.0 { 1.0 } else { 0.0 })\n}", "exercises::day10::relu_mask(a1)", "correct", ""),
    ("fn a2(z: &Array1<f64>) -> Array1<f64> {\n    z.mapv(|_| f64::NAN)\n}", "exercises::day10::relu_mask(a2)", "not yet", "NaN"),
    ("fn a3(z: &Array1<f64>) -> Array1<f64> {\n    z.mapv(|_| f64::INFINITY)\n}", "exercises::day10::relu_mask(a3)", "not yet", "+∞"),
    ("fn a4(z: &Array1<f64>) -> Array1<f64> {\n    array![z[9]]\n}", "exercises::day10::relu_mask(a4)", "not yet", "panicked"),
    // A predicted shape, sign, unit and learning rate.
    ("let s0: [usize; 2] = [0, 0];", "exercises::scratch::dl_dw_shape(s0)", "not attempted", ""),
    ("let s1: [usize; 2] = [3, 4];", "exercises::scratch::dl_dw_shape(s1)", "correct", ""),
    ("let g0 = '?';", "exercises::day10::sign_of_output_bias_gradient(g0, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0])", "not attempted", ""),
    ("let g1 = '+';", "exercises::day10::sign_of_output_bias_gradient(g1, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0])", "correct", ""),
    ("let u0: Option<usize> = None;", "exercises::deep_dive::dead_unit_zero_gradients(u0)", "not attempted", ""),
    ("let u1: Option<usize> = Some(4);", "exercises::deep_dive::dead_unit_zero_gradients(u1)", "correct", ""),
    ("let u2: Option<usize> = None;", "exercises::day10::zero_gradients(u2, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0], 3.0)", "not attempted", ""),
    ("let u3: Option<usize> = Some(4);", "exercises::day10::zero_gradients(u3, &TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1), &array![1.0, 2.0], 3.0)", "correct", ""),
    ("let r0 = Some(f64::NAN);", "exercises::theory::diverging_learning_rate(r0)", "not yet", "NaN"),
    ("let r1 = Some(0.182);", "exercises::theory::diverging_learning_rate(r1)", "correct", ""),
    // A fixed training step and a training step written around a sweep.
    ("fn t0(n: &mut Neuron, g: &NeuronGrads, lr: f64) {\n    n.w = &n.w + &(lr * &g.dl_dw);\n    n.b = n.b + lr * g.dl_db;\n}", "exercises::day03::fixed_step(t0)", "not yet", "the step as given"),
    ("fn t1(n: &mut Neuron, g: &NeuronGrads, lr: f64) {\n    n.w = &n.w - &(lr * &g.dl_dw);\n    n.b = n.b - lr * g.dl_db;\n}", "exercises::day03::fixed_step(t1)", "correct", ""),
    ("fn t2(n: &mut Neuron, _g: &NeuronGrads, _lr: f64) {\n    n.b = f64::NAN;\n}", "exercises::day03::fixed_step(t2)", "not yet", "NaN"),
    ("fn t3(_n: &mut Neuron, _g: &NeuronGrads, _lr: f64) {\n    panic!(\"bad step\")\n}", "exercises::day03::fixed_step(t3)", "not yet", "panicked"),
    ("fn l0(_n: &mut DeltaNet, _x: &Array2<f64>, _y: &Array2<f64>, _lr: f64) -> f64 {\n    f64::INFINITY\n}", "exercises::deep_dive::train_step(l0)", "not yet", "+∞"),
    ("fn l1(_n: &mut DeltaNet, _x: &Array2<f64>, _y: &Array2<f64>, _lr: f64) -> f64 {\n    panic!(\"bad step\")\n}", "exercises::deep_dive::train_step(l1)", "not yet", "panicked"),
];

#[test]
fn one_exercise_of_each_kind_judges_every_kind_of_answer_on_the_kernel() {
    let texts = run_checks("answer-kinds", KINDS);
    for ((_, check, verdict, piece), text) in KINDS.iter().zip(&texts) {
        // `<the check's name>: <verdict> …`; a name may hold a colon itself
        // ("Predict, then check: the zero gradients"), so the name is what comes before the verdict.
        let named =
            text.split_once(&format!(": {verdict}")).is_some_and(|(name, _)| !name.is_empty() && !name.contains('\n'));
        assert!(named && text.contains(piece), "`{check}`: expected `{verdict}` with `{piece}`, got `{text}`");
    }
}
