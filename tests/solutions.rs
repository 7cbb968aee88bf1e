//! The exercises' reference solutions and typical wrong answers, on the real kernel.

mod harness;

use harness::{checks, execute, lessons, probe_notebook, root};

/// Every lesson's solutions notebook runs clean, its stored outputs are fresh,
/// and every check in it passes.
#[test]
fn every_reference_solution_passes_its_check() {
    for lesson in lessons().into_iter().filter(|l| l.stem != "start-here") {
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
    ("let w11 = 0.25;", "exercises::day03::gradient_of_w0(w11)", "sign is flipped", "-0.25"),
    ("let w12 = -0.0125;", "exercises::day03::bias_after_one_step(w12)", "instead of against it", "0.0125"),
    ("fn w13(z: f64) -> f64 {\n    z.exp() / (1.0 + z.exp()).powi(2)\n}", "exercises::day03::sigmoid_slope(w13)", "must stay finite", ""),
    ("fn w14(n: &mut Neuron, g: &NeuronGrads, lr: f64) {\n    n.w = &n.w - &(lr * &g.dl_dw);\n    n.b += lr * g.dl_db;\n}", "exercises::day03::fixed_step(w14)", "w ← w − η·dL/dw", ""),
    ("let w21 = 2.0 * (sigmoid(0.5) - 1.0) * sigmoid(0.5) * (1.0 - sigmoid(0.5)) / 2.0;", "exercises::day10::gradient_of_w(w21)", "no ½", "-0.1777"),
    ("let w22 = '+';", "exercises::day10::sign_of_output_bias_gradient(w22)", "Compare ŷ with y first", ""),
    ("let w23 = -0.48;", "exercises::day10::hidden_unit_gradient(w23)", "pass through W2[0]", "-0.288"),
    ("fn w24(z: &Array1<f64>) -> Array1<f64> {\n    z.mapv(|v| if v >= 0.0 { 1.0 } else { 0.0 })\n}", "exercises::day10::relu_mask(w24)", "At z = 0", ""),
    ("fn w31(p: &Array2<f64>, t: &Array2<f64>) -> Array2<f64> {\n    (p - t) * (2.0 / p.nrows() as f64)\n}", "exercises::scratch::mse_gradient(w31)", "N is batch × outputs", ""),
    ("fn w32(w: f64, g: f64, lr: f64) -> f64 {\n    w + lr * g\n}", "exercises::scratch::sgd_step(w32)", "uphill", ""),
    ("let w33: [usize; 2] = [3, 2];", "exercises::scratch::grad_w_shape(w33)", "Transposed", "2 × 3"),
    ("fn w34(g: &Array2<f64>, x: &Array2<f64>, w: &Array2<f64>) -> (Array2<f64>, Array2<f64>, Array1<f64>) {\n    (g.dot(w) * 2.0, x.t().dot(g), g.sum_axis(Axis(0)))\n}", "exercises::scratch::fixed_linear_backward(w34)", "transpose", ""),
    ("let w41 = 0.9;", "exercises::deep_dive::output_delta(w41)", "no factor 2", "0.45"),
    ("let w42: Option<usize> = Some(2);", "exercises::deep_dive::dead_unit(w42)", "look at the signs", ""),
    ("fn w43(m: &nn::Sequential, x: &Tensor, y: &Tensor, lr: f64, epochs: usize) -> f64 {\n    let opt = optim::Sgd::new(m.parameters(), lr / 2.0);\n    for _ in 0..epochs {\n        let loss = m.forward(x).mse_loss(y);\n        opt.zero_grad();\n        loss.backward();\n        opt.step();\n    }\n    m.forward(x).mse_loss(y).item()\n}", "exercises::deep_dive::fixed_training_loop(w43)", "leaks into each step", ""),
    ("let w51 = 0.3;", "exercises::theory::diverging_learning_rate(w51)", "stays under the bound", ""),
    ("fn w52(z: f64) -> f64 {\n    4.0 * (2.0 * z).exp() / (1.0 + (2.0 * z).exp()).powi(2)\n}", "exercises::theory::tanh_slope(w52)", "must stay finite", ""),
    ("let w53 = -0.2;", "exercises::theory::bce_gradient(w53)", "logit", "-1.25"),
    ("let w61 = 0.6590011388859679;", "exercises::capstone::cross_entropy_slope(w61)", "one-hot", "-0.34"),
    ("fn w62(z: &Array1<f64>) -> Array1<f64> {\n    let e = z.mapv(f64::exp);\n    &e / e.sum()\n}", "exercises::capstone::stable_softmax(w62)", "overflows", ""),
    ("let w63: Option<usize> = Some(2368);", "exercises::capstone::parameter_count(w63)", "bias", "2410"),
];

#[test]
fn a_typical_wrong_answer_gets_its_hint_and_not_the_answer() {
    let mut cells = vec!["use backprop::prelude::*;\nshow_panics();".to_string()];
    for (answer, check, _, _) in WRONG {
        cells.push(answer.to_string());
        cells.push(check.to_string());
    }
    let path = probe_notebook("wrong-answers", &cells);
    let report = execute(&path, &[]);
    let problems = checks::problems(&report.fresh, cells.len() + 1);
    assert!(problems.is_empty(), "{problems:?}");
    let mut exercises = std::collections::BTreeSet::new();
    for (k, (_, check, hint, forbidden)) in WRONG.iter().enumerate() {
        let text = report.fresh.0[3 + 2 * k].text();
        assert!(text.contains(": not yet.") && text.contains(hint), "`{check}` printed `{text}`, without `{hint}`");
        assert!(forbidden.is_empty() || !text.contains(forbidden), "`{check}` gives the answer away: {text}");
        exercises.insert(text.split(':').next().unwrap().to_string());
    }
    assert!(exercises.len() >= 21, "every exercise is covered: {exercises:?}");
}
