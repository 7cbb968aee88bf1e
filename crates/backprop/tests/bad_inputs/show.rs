//! `show`: numbers, tables, the tables of the hand-written passes and gradient
//! checks, the graph, source excerpts, images and the panic hook, given NaN,
//! ±∞, huge sizes and mismatched parts: they draw what they are given, NaN
//! included, or refuse in the crate's words.

use crate::support::*;
use backprop::by_hand::{NetGrads, NetPass, NeuronPass};
use backprop::nn::{GradSummary, Sequential};
use backprop::prelude::*;
use backprop::show::{ClassProbabilities, Output, SourceExcerpt, StepBox, StepDiagram, Table};
use backprop::GradCheck;
use ndarray::{Array1, Array2};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn numbers_print_as_the_course_prints_them(v in number(), values in proptest::collection::vec(number(), 0..4), decimals in size()) {
        let text = fmt_f64(v);
        if v.is_nan() {
            assert_eq!(text, "NaN");
        } else {
            let back: f64 = text.parse().expect("fmt_f64 prints a number");
            assert!(back == v || (back - v).abs() <= 5e-6 * v.abs(), "{v} printed as {text}");
        }
        let full = fmt_full(v);
        assert!(same(full.parse::<f64>().expect("fmt_full prints a number"), v), "{v} printed as {full}");
        let d = fmt_decimals(v, decimals);
        if v.is_finite() && decimals < 20 {
            assert!((d.parse::<f64>().expect("a number") - v).abs() <= 0.5 * 10f64.powi(-(decimals as i32)) * 1.000001 + 1e-300);
        }
        assert_ne!(d, "-0");
        assert_eq!(fmt_list(&values), format!("[{}]", values.iter().map(|&x| fmt_f64(x)).collect::<Vec<_>>().join(", ")));
        let a = Array1::from(values.clone());
        assert_eq!(fmt_array(&a), fmt_list(&values));
        let each: Vec<String> = values.iter().map(|&x| fmt_decimals(x, decimals)).collect();
        assert_eq!(fmt_array_decimals(&a, decimals), format!("[{}]", each.join(", ")));
    }

    #[test]
    fn tables_show_every_row(title in ".{0,6}", rows in proptest::collection::vec(("[a-z<>&]{1,4}", number()), 0..4)) {
        let t = rows.iter().fold(Table::new(&title), |t, (n, v)| t.row(n, fmt_f64(*v)).row_note(n, fmt_array(&Array1::from(vec![*v])), "note"));
        assert_eq!(t.to_text().lines().count(), 2 * rows.len());
        let html = t.to_html();
        assert!(html.starts_with("<table") && !html.contains("<a") && !html.contains("<>"));
        assert_eq!(t.output().text, t.to_text());
        t.evcxr_display();
        let drawing = Output::drawing(title.clone(), "<svg><g/></svg>");
        assert!(drawing.is_drawing() && drawing.html.contains("<g/>") && drawing.html.contains("xmlns="));
        assert!(!title.contains('<') || !drawing.html.contains(&format!("<title>{title}</title>")));
        drawing.emit();
        let titled = Output::titled_drawing(title.clone(), "a < b", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
        assert!(titled.html.contains("<title>a &lt; b</title>") && titled.html.matches("xmlns=").count() == 1);
    }

    #[test]
    fn the_passes_show_their_numbers_nan_included(w in any_vector(), b in number(), z in number(), v in number(), hs in 0..3usize) {
        let n = Neuron::new(w.clone(), b, Sigmoid);
        assert!(n.table().to_text().contains(&format!("b = {}", fmt_f64(b))));
        n.evcxr_display();
        let pass = NeuronPass { z, a: sigmoid(z) };
        assert!(pass.table().to_text().contains(&fmt_f64(z)));
        pass.evcxr_display();
        let (_, _, grads) = n.forward_backward(&w.mapv(|_| v), 1.0, Loss::Mse);
        assert!(grads.table().to_text().contains("dL/dz = "));
        grads.evcxr_display();
        let net = TwoLayerNet::new(Array2::from_elem((hs, 1), v), Array1::from_elem(hs, b), Array1::from_elem(hs, z), v);
        assert!(net.table("t", "_new").to_text().contains("b2_new = "));
        net.evcxr_display();
        let net_pass = NetPass { z1: Array1::from_elem(hs, z), a1: Array1::from_elem(hs, relu(z)), y_hat: v, loss: v * v };
        assert!(net_pass.table().to_text().contains("y_hat = "));
        net_pass.evcxr_display();
        let net_grads = NetGrads {
            dl_dy_hat: v, dl_dw2: Array1::from_elem(hs, z), dl_db2: v, dl_da1: Array1::from_elem(hs, z),
            relu_mask: Array1::from_elem(hs, 1.0), dl_dz1: Array1::from_elem(hs, z), dl_dw1: Array2::from_elem((hs, 1), z), dl_db1: Array1::from_elem(hs, z),
        };
        assert!(net_grads.table().to_text().contains("dL/dW1 = "));
        net_grads.evcxr_display();
    }

    #[test]
    fn gradient_check_tables_refuse_columns_that_do_not_match(theta in any_vector(), cut in 0..2usize) {
        if theta.is_empty() {
            return Ok(());
        }
        let names: Vec<String> = (0..theta.len()).map(|i| format!("d{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let check = GradCheck::new(&names, theta.mapv(|t| 2.0 * t), |t| t.iter().map(|v| v * v).sum(), &theta);
        let text = check.to_text();
        assert!(names.iter().all(|n| text.lines().any(|l| l.starts_with(&format!("{n}: ")))), "{text}");
        assert!(check.output().html.contains(&check.verdict()) || check.verdict().contains('<') || check.verdict().contains('&'));
        check.evcxr_display();
        let mut broken = check.clone();
        broken.analytic = Array1::zeros(if cut == 0 { theta.len() + 1 } else { theta.len() - 1 });
        refused(outcome(|| broken.to_text()), "GradCheck::to_text", &[&format!("{} names", theta.len())]);
        refused(outcome(|| broken.output()), "GradCheck::output", &[]);
    }

    #[test]
    fn graphs_networks_and_summaries_show_what_they_hold(a in any_matrix(), label in "[a-z]{0,3}") {
        let t = Tensor::param(a.clone()).with_label(&label);
        let loss = t.square().sum();
        loss.backward();
        let g = loss.graph();
        assert_eq!(g.nodes.len(), 3);
        assert_eq!(g.to_text().lines().count(), 3);
        assert!(g.to_svg().starts_with("<svg"));
        assert!(g.output().html.contains("computation graph"));
        g.evcxr_display();
        t.evcxr_display();
        let table = grad_table("grads", std::slice::from_ref(&t));
        assert!(table.to_text().starts_with(&format!("dL/d{label} = ")));
        let net = Sequential::mlp(&[2, 2, 1], nn::Layer::Relu, &mut rng(3));
        assert!(net.to_text().contains("Linear(in_features=2, out_features=2)"));
        assert!(net.output().html.contains("0.weight"));
        net.evcxr_display();
        let summary = GradSummary(vec![("p".into(), a.sum(), a.shape().to_vec())]);
        assert!(summary.to_text().starts_with("p: grad mean="));
        assert!(summary.output().html.contains("shape"));
        summary.evcxr_display();
        let odd = Sequential::new(vec![nn::Layer::Linear(nn::Linear { weight: Tensor::param(Array1::zeros(2)), bias: Tensor::param(Array1::zeros(2)) })]);
        assert!(odd.to_text().contains("weight of shape [2]"));
    }

    #[test]
    fn draw_graph_draws_any_numbers_and_refuses_an_edge_to_nowhere(values in proptest::collection::vec(number(), 1..5), grads in proptest::collection::vec(proptest::option::of(number()), 5), to in 0usize..8) {
        // A chain 0 → 1 → 2 → …, each box with what it is given, NaN and ±∞ included; a blank grad is `___`.
        let nodes: Vec<(String, f64, Option<f64>)> = values.iter().zip(&grads).enumerate().map(|(k, (&v, &g))| (format!("n{k}"), v, g)).collect();
        let edges: Vec<(usize, usize)> = (1..nodes.len()).map(|k| (k - 1, k)).collect();
        let g = draw_graph(&nodes, &edges);
        let text = g.to_text();
        for (k, (_, v, grad)) in nodes.iter().enumerate() {
            let grad = grad.map_or("___".to_string(), fmt_f64);
            assert!(text.contains(&format!("#{k} n{k} | value {} | grad {grad}", fmt_f64(*v))), "{text}");
        }
        assert!(g.to_svg().starts_with("<svg"));
        g.evcxr_display();
        let message = outcome(|| draw_graph(&nodes, &[(0, nodes.len() + to)])).expect_err("an edge to a box that is not there panics");
        assert!(message.contains("names a box that is not there"), "{message}");
    }

    #[test]
    fn source_excerpts_name_what_they_cannot_find(file in prop_oneof![Just("by_hand/linear.rs"), Just("maths/matmul.rs")], signature in prop_oneof![Just("pub fn backward"), Just("pub fn"), Just("pub fn nothing")]) {
        let known = file == "by_hand/linear.rs";
        let unique = signature == "pub fn backward";
        expect(outcome(|| source_excerpt(file, signature)), known && unique, "source_excerpt", |e: SourceExcerpt| {
            assert!(e.text.contains(signature));
            e.evcxr_display();
        });
    }

    #[test]
    fn step_diagrams_draw_any_number_of_boxes(forward in 0..4usize, backward in 0..4usize, v in number()) {
        let boxes = |n: usize| (0..n).map(|k| StepBox { title: format!("box {k}"), value: fmt_f64(v) }).collect::<Vec<_>>();
        let gradients = boxes(backward).into_iter().zip(boxes(backward)).collect();
        let d = StepDiagram { forward: boxes(forward), backward: boxes(backward), gradients };
        assert!(d.to_text().starts_with("[diagram: one training step]"));
        assert_eq!(d.to_svg().matches("<rect").count(), forward + 3 * backward);
        assert!(d.output().html.contains("<svg"));
        d.evcxr_display();
    }

    #[test]
    fn image_grids_check_sizes_and_counts(side in size(), n in 0..3usize, pixels in proptest::collection::vec(number(), 0..10), cols in size()) {
        let grid = ImageGrid::new("g", side).columns(cols).diverging();
        let fits = side.checked_mul(side) == Some(pixels.len());
        expect(outcome(|| grid.clone().image("one", &pixels)), fits, "ImageGrid::image", |g| {
            let svg = g.to_svg();
            assert!(svg.starts_with("<svg"));
            if pixels.iter().any(|v| !v.is_finite()) { assert!(svg.contains("#ff00ff")); }
            assert_eq!(g.to_text(), "[images: g (1 images: one)]");
            assert!(g.output().html.contains("<svg"));
            g.evcxr_display();
        });
        let rows = Array2::from_elem((n, side.min(3) * side.min(3)), 0.5);
        let captions: Vec<String> = (0..n + usize::from(pixels.len() % 2 == 1)).map(|k| k.to_string()).collect();
        let valid = captions.len() == n && (n == 0 || side <= 3);
        expect(outcome(|| grid.clone().rows(&rows, &captions)), valid, "ImageGrid::rows", |g| assert_eq!(g.images.len(), n));
        assert!(grid.to_svg().starts_with("<svg"));
        let images = Array2::from_elem((n, 64), 3.0);
        let truth: Vec<usize> = (0..n).collect();
        let guess: Vec<usize> = (0..n + usize::from(cols == 0)).map(|k| k % 2).collect();
        expect(outcome(|| ImageGrid::misclassified("m", &images, &truth, &guess)), cols != 0, "ImageGrid::misclassified", |g| {
            assert_eq!(g.images.len(), truth.iter().zip(&guess).filter(|(t, p)| t != p).count());
        });
        let weight = Tensor::param(Array2::from_elem((n + 1, if side == 8 { 64 } else { side.min(9) }), 0.1));
        expect(outcome(|| ImageGrid::weights("w", &weight)), side == 8, "ImageGrid::weights", |g| assert_eq!(g.images.len(), n + 1));
    }
}

/// Run on its own (by `show_panics_prints_the_message_to_stdout`, in a child
/// process, because it replaces the process's panic hook): installs the
/// course's hook and panics inside a caught call.
#[test]
#[ignore = "a child process of show_panics_prints_the_message_to_stdout"]
fn show_panics_child() {
    show_panics();
    let _ = std::panic::catch_unwind(|| backprop::Linear::new(0, 3, &mut rng(0)));
}

#[test]
fn show_panics_prints_the_message_to_stdout() {
    let out = std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--exact", "show::show_panics_child", "--ignored", "--nocapture", "--test-threads=1"])
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("panicked at ")
            && stdout.contains("Linear::new: in_features = 0 and out_features = 3 must both be at least 1"),
        "stdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn class_probabilities_need_a_square_image_and_follow_nan(pixels in 0..20usize, probs in proptest::collection::vec(number(), 0..4)) {
        let side = (pixels as f64).sqrt().round() as usize;
        let ok = side * side == pixels && pixels > 0 && !probs.is_empty();
        let made = outcome(|| ClassProbabilities::new("t", "c", &vec![0.5; pixels], &probs));
        expect(made, ok, "ClassProbabilities::new", |p| {
            let best = p.most_probable();
            match probs.iter().position(|v| v.is_nan()) {
                Some(k) => assert_eq!(best, k, "a NaN probability wins"),
                None => assert!(probs.iter().all(|&v| v <= probs[best])),
            }
            assert!(p.to_svg().starts_with("<svg"));
            assert!(p.to_text().contains(&best.to_string()));
            assert!(p.output().is_drawing());
            p.evcxr_display();
        });
    }
}
