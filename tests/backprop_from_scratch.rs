//! Backpropagation From Scratch on the real kernel: the one-neuron chain rule by
//! hand and by autograd; the learner's own scalar engine (each operation and
//! `backward` checked against the crate's, the boxes of a node used twice, checked
//! by nudging, a network trained
//! on it); the crate's `Linear` and `MseLoss` shown from source; the y = 3x + 2
//! loop; and new numbers in every `parameters` cell.

mod harness;

use backprop::prelude::*;
use harness::report::Run;
use harness::{expect, expect_fixed, run_lesson};

/// §1–§3 on one neuron, L = (w·x + b − y)²: by hand, by autograd, and by the
/// learner's engine, whose topological order and gradients are checked too.
#[track_caller]
fn expect_one_neuron(run: &Run, w: f64, b: f64, x: f64, y: f64) {
    let text = run.text();
    let (pred, d) = (w * x + b, w * x + b - y);
    let line = |s: String| assert!(text.contains(&format!("{s}\n")), "missing `{s}` in\n{text}");
    line(format!("forward pass: x = {x}, w = {w}, b = {b}"));
    line(format!("pred = w·x + b = {w}·{x} + {b} = {pred}"));
    line(format!("loss = (pred - target)^2 = ({pred} - {y})^2 = {}", d * d));
    let by_hand = run.cell("let dl_dw_manual");
    expect(by_hand, "dL/dw", &[2.0 * d * x], 0.0);
    expect(by_hand, "dL/db", &[2.0 * d], 0.0);
    expect(run, "w.grad", &[2.0 * d * x], 0.0);
    expect(run, "b.grad", &[2.0 * d], 0.0);
    assert!(text.contains("the manual gradients match autograd"));
    // The learner's engine: the order of the nodes, and the same gradients as by hand.
    let order = fmt_list(&[w, x, w * x, b, w * x + b, -y, d, d * d]);
    line(format!("numbers in topological order: {order}"));
    // One cell, per leaf: by hand, the learner's engine, a nudge.
    let three = run.cell("let mut comparison = Table::new(");
    expect(three, "§1's loss on the engine that ran L", &[d * d], 0.0);
    expect(three, "§1's loss on the engine that ran dL/de", &[2.0 * d], 0.0);
    for (leaf, want) in [("dL/dw, §1's loss", 2.0 * d * x), ("dL/db, §1's loss", 2.0 * d)] {
        expect(three, &format!("{leaf} by hand"), &[want], 0.0);
        expect(three, &format!("{leaf} engine that ran"), &[want], 0.0);
        expect_fixed(three, &format!("{leaf} nudged slope"), &[want], 4);
    }
    line("equal to the hand computation of §2: true".into());
    line("every nudged slope agrees with the engine that ran to 6 digits: true".into());
    // The learner's graph drawn by to_graph after backward: every slot filled.
    let drawn = run.cell("to_graph(&vl, ").text();
    for box_line in [
        format!("#0 w | value {} | grad {}", fmt_f64(w), fmt_f64(2.0 * d * x)),
        format!("#2 mul | value {} | grad {} <- #0, #1", fmt_f64(w * x), fmt_f64(2.0 * d)),
        format!("#7 pow | value {} | grad 1 <- #6", fmt_f64(d * d)),
    ] {
        assert!(drawn.contains(&box_line), "missing `{box_line}` in\n{drawn}");
    }
}

/// §3's node used twice, Exercise 3.5: L = (tanh u + u)² with u = a·b, its blank
/// boxes, the crate's answer, the shares passed by hand in a wrong and the right
/// order, the learner's engine, then each leaf nudged.
#[track_caller]
fn expect_shared(run: &Run, a: f64, b: f64) {
    let (u, t) = (a * b, (a * b).tanh());
    let s = t + u;
    let dl_du = 2.0 * s * (1.0 - t * t) + 2.0 * s;
    // The graph of Exercise 3.5 on the learner's engine, drawn before backward: values, and empty slots.
    let blank = run.cell("let graph_l = graph_s.pow(2.0);").text();
    for box_line in [
        format!("#0 p | value {} | grad ___", fmt_f64(a)),
        format!("#2 u (mul) | value {} | grad ___ <- #0, #1", fmt_f64(u)),
        format!("#4 s (add) | value {} | grad ___ <- #3, #2", fmt_f64(s)),
        format!("#5 L (pow) | value {} | grad 1 <- #4", fmt_f64(s * s)),
    ] {
        assert!(blank.contains(&box_line), "missing `{box_line}` in\n{blank}");
    }
    // The folded answer comes from the crate's Tensor, never from the learner's engine.
    let cell = run.cell("let shared_u = &shared_a * &shared_b;");
    let filled = format!("#2 mul | shape [1] | value [{u:.4}] | grad [{dl_du:.4}] <- #0, #1");
    assert!(cell.text().contains(&filled), "missing `{filled}` in\n{}", cell.text());
    for (name, want) in [("L", s * s), ("dL/dt", 2.0 * s), ("dL/du", dl_du), ("dL/dp", dl_du * b), ("dL/dq", dl_du * a)]
    {
        expect(cell, name, &[want], 1e-5 * (1.0 + want.abs()));
    }
    // By hand with pass_shares: u before tanh loses tanh's share; L, s, t, u gets all of it.
    let wrong = run.cell("pass_shares(&early_u);");
    assert!(
        wrong.tags.iter().any(|t| t == "answer"),
        "the wrong order answers its prediction: folded (its code too, which names the lost share)"
    );
    let (soon, late) = (2.0 * s, (1.0 - t * t) * (2.0 * s));
    for line in [
        format!("u handed on dL/du = {}; the tanh share that came after it = {}", fmt_f64(soon), fmt_f64(late)),
        format!("wrong order: dL/dp = {}, dL/dq = {} (each short", fmt_f64(b * soon), fmt_f64(a * soon)),
    ] {
        assert!(wrong.text().contains(&line), "missing `{line}` in\n{}", wrong.text());
    }
    let right = run.cell("for v in [&late_l, &late_s, &late_t, &late_u]");
    expect(right, "right order dL/du", &[dl_du], 1e-5);
    expect(right, "right order dL/dp", &[dl_du * b], 1e-5);
    expect(right, "right order dL/dq", &[dl_du * a], 1e-5);
    // The learner's engine after backward: the same boxes, labelled as theirs.
    // Then, in one cell with §1's loss and a + a: by hand, the learner's engine and a nudge, per leaf.
    let engine = run.cell("let mut comparison = Table::new(");
    expect(engine, "u, used twice inside Exercise 3.5 by hand dL/du", &[dl_du], 1e-5);
    expect(engine, "u, used twice inside Exercise 3.5 the engine's dL/du", &[dl_du], 1e-5);
    for (leaf, want) in [("dL/dp, Exercise 3.5", dl_du * b), ("dL/dq, Exercise 3.5", dl_du * a)] {
        expect(engine, &format!("{leaf} by hand"), &[want], 1e-5);
        expect(engine, &format!("{leaf} engine that ran"), &[want], 1e-5);
        expect_fixed(engine, &format!("{leaf} nudged slope"), &[want], 4);
    }
    assert!(engine.text().contains("agrees with the engine that ran to 6 digits: true"), "{}", engine.text());
    // Whose functions ran is said once, above the numbers (here the crate's stand-ins), and no row calls them yours.
    assert!(engine.text().contains("whose engine ran: (the crate's stand-ins: your mul_local"), "{}", engine.text());
    assert!(
        !engine.text().contains("your engine"),
        "the stand-ins' numbers are not labelled as yours:\n{}",
        engine.text()
    );
}

/// §3's network, recomputed by the crate's engine from the same first weights.
struct NetRun {
    losses: Vec<f64>,
    predictions: Vec<f64>,
}

fn net_run(seed: u64, lr: f64, steps: usize) -> NetRun {
    let xs = array![[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]];
    let ys = Tensor::from(array![[1.0], [-1.0], [-1.0], [1.0]]);
    let mut init = rng(seed);
    let layers = vec![pytorch_init(3, 4, &mut init), pytorch_init(4, 4, &mut init), pytorch_init(4, 1, &mut init)];
    let net = nn::Sequential::from_weights(layers, nn::Layer::Tanh).then(nn::Layer::Tanh);
    let opt = optim::Sgd::new(net.parameters(), lr);
    let mut losses = Vec::new();
    for _ in 0..steps {
        let loss = net.forward(&Tensor::from(xs.clone())).mse_loss(&ys);
        losses.push(loss.item());
        opt.zero_grad();
        loss.backward();
        opt.step();
    }
    let predictions = net.forward(&Tensor::from(xs)).value().iter().copied().collect();
    NetRun { losses, predictions }
}

#[track_caller]
fn expect_net(run: &Run, n: &NetRun) {
    expect(run, "loss at the first weights", &[n.losses[0]], 1e-12);
    expect(run, "parameters", &[41.0], 0.0);
    let last = n.losses.len() - 1;
    for (step, loss) in n.losses.iter().enumerate().filter(|(k, _)| k % 5 == 0 || *k == last) {
        expect(run, &format!("step {step} loss"), &[*loss], 1e-12);
    }
    expect(run, "predictions", &n.predictions, 1e-12);
    // Every output of the training says whose train_step ran: here the crate's stand-in.
    assert!(
        run.text().contains("losses before each update (crate's train_step: yours is still todo!()):"),
        "{}",
        run.text()
    );
    let went_down = n.losses[last] < n.losses[0];
    assert!(run.text().contains(&format!("the loss went down: {went_down}")), "{}", run.text());
    // The neuron's weighted sum is the learner's line: the network check says "not checked yet", naming it,
    // while the crate's stand-in ran, and the training check, which runs the learner's `train`
    // itself, says "not checked yet" (never "correct") while any stand-in ran.
    let verdict =
        "the network, against the crate's engine: not checked yet. The crate's weighted_sum ran in place of yours";
    assert!(run.text().contains(verdict), "missing `{verdict}`");
    // It names only the functions still todo!(): here train_step, whose stand-in ran the whole training.
    let verdict =
        "the training, against the crate's engine: not checked yet. The crate's train_step ran in place of yours";
    assert!(run.text().contains(verdict), "missing `{verdict}`");
    assert!(!run.text().contains("the training, against the crate's engine: correct"), "a stand-in ran: not correct");
}

/// The engine checks of §3 on the untouched lesson: add (given) is correct; mul,
/// tanh and pow agree with the crate's engine but ran on the crate's stand-ins
/// for the learner's todo!() functions, so they say "not checked yet" and whose
/// ran, never "correct" (it would say "not yet" had the engine disagreed).
#[track_caller]
fn expect_engine_checks(run: &Run) {
    let text = run.text();
    assert!(text.contains("add, against the crate's engine: correct."), "missing add's verdict:\n{text}");
    // Each operation's check says whose local derivative ran; only the exercises' own checks say "not attempted yet".
    for op in ["mul", "tanh", "pow"] {
        for verdict in [
            format!("{op}, against the crate's engine: not checked yet."),
            format!("The crate's {op}_local ran in place of yours"),
        ] {
            assert!(text.contains(&verdict), "missing `{verdict}`:\n{text}");
        }
    }
    // backward is Exercise 3.7: while the crate's stands in for it, its check says "not attempted yet";
    // a + a still gets both of its shares (the stand-in adds them up).
    assert!(text.contains("Exercise 3.7: not attempted yet"), "missing backward's verdict:\n{text}");
    let three = run.cell("let mut comparison = Table::new(");
    for column in ["by hand", "engine that ran"] {
        expect(three, &format!("dc/da, c is a + a {column}"), &[2.0], 0.0);
    }
    expect_fixed(three, "dc/da, c is a + a nudged slope", &[2.0], 4);
    assert_eq!(
        text.matches("not attempted yet").count(),
        20, // the tanh neuron is a nudge now, with no check: Exercise 3.5 is the one box exercise; §4's dL/dW and dL/dX on a batch of two have one each, and so has dL/dX with two outputs; so has §6's factor between the first gradients; epoch_step's check waits for its stand-in's line to go
        "one \"not attempted yet\" per exercise and prediction (Exercise 3.10 waits for my_dl_dx):\n{text}"
    );
    assert!(!text.contains("against the crate's engine: not yet"), "the engine disagrees with the crate's:\n{text}");
}

/// The training loop of §6, recomputed by the crate.
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
    for (epoch, loss) in (1..).zip(&s.losses).step_by(10) {
        expect_fixed(run, &format!("epoch {epoch} loss"), &[*loss], 4); // printed with 4 decimals
    }
    expect_fixed(run, "final W", &[s.w], 4);
    expect_fixed(run, "final b", &[s.b], 4);
    expect_fixed(run, "distance from the target |W - 3|", &[(s.w - 3.0).abs()], 4);
    expect_fixed(run, "distance from the target |b - 2|", &[(s.b - 2.0).abs()], 4);
    expect_fixed(run, "after 2000 more epochs W", &[s.w_longer], 4);
    expect_fixed(run, "after 2000 more epochs b", &[s.b_longer], 4);
}

#[test]
fn backprop_from_scratch() {
    let report = run_lesson(
        "backprop-from-scratch",
        &[
            "let w = -1.0;\nlet b = 0.5;\nlet x = 2.0;\nlet target = 4.0;",
            "let value_a = 0.8;\nlet value_b = 2.5;",
            "let net_seed: u64 = 4;\nlet net_lr = 0.1;\nlet net_steps: usize = 12;",
            "let seed: u64 = 9;\nlet lr = 0.02;\nlet epochs: usize = 50;",
        ],
    );
    let v = &report.fresh;
    let text = v.text();
    // The chain rule on the lesson's neuron: pred = 7, loss = 9, dL/dw = −18, dL/db = −6, and autograd agrees.
    assert!(text.contains("forward pass: x = 3, w = 2, b = 1\n"), "{text}");
    assert!(text.contains("pred = w·x + b = 2·3 + 1 = 7\n"), "{text}");
    assert!(text.contains("loss = (pred - target)^2 = (7 - 10)^2 = 9\n"), "{text}");
    expect_one_neuron(v, 2.0, 1.0, 3.0, 10.0);
    // Section 1 draws the graph of L = (w·x + b − target)² before any gradient.
    let traced = v.cell("let traced = ").text();
    assert!(traced.contains("sum | shape [] | value [9.0000]") && traced.contains("target"), "{traced}");
    // The learner's engine, with the crate's local derivatives while theirs are todo!().
    expect_engine_checks(v);
    expect_shared(v, 0.5, 0.8);
    expect_net(v, &net_run(1, 0.2, 30));
    // The Rust it introduces, each with a cell that runs.
    assert!(
        text.contains("read through the other: grad = 1.5; 2 handles to one node"),
        "Rc (two handles to one Value's node) and RefCell (changed through one, read through the other)"
    );
    assert!(text.contains("p and a clone of p, the same node: true") && text.contains("p and q, the same node: false"));
    // Before Exercise 3.7, a + a with the obvious line, which sets the gradient instead of adding: 1, not 2.
    // The answer runs the obvious line on a fresh a + a, so it stays 1 after the learner's fix.
    expect(v.cell("a.grad after the obvious line = {}"), "a.grad after the obvious line", &[1.0], 0.0);
    // The learner's fix of that line (+=), still to do in a fresh run: the cell after the reveal says so,
    // without printing the number the prediction asks for.
    let unfixed = v.cell("if a_twice.grad() == 2.0").text();
    assert!(unfixed.contains("not fixed yet: a.grad is not dc/da, the slope of a nudge"), "{unfixed}");
    assert!(!unfixed.contains('1'), "the prediction's answer stays in its fold: {unfixed}");
    // The branch rule by a nudge, an optional practice at the end of §3: the tanh neuron, x = 0.8 used twice, w = −0.6, o = tanh(x·w + x).
    let branch_cell = v.cell("let neuron_do_dn = ");
    assert!(branch_cell.tags.iter().any(|t| t == "answer"), "dn/dx is a prediction: its output is folded");
    let branch = branch_cell.text();
    for line in [
        "n = 0.3200, o = tanh n = 0.3095",
        "nudge x: dn/dx = 0.4000",
        "the two shares: through the product w = -0.6, on its own 1; their sum = 0.4",
        "do/dn = 1 - o² = 0.9042, nudged 0.9042",
        "do/dw = x·do/dn = 0.7234, nudged 0.7234",
        "do/dx = (w + 1)·do/dn = 0.3617, nudged 0.3617",
    ] {
        assert!(branch.contains(line), "missing `{line}` in\n{branch}");
    }
    // epoch_step's body calls the crate's stand-in until the learner replaces that line: its check waits.
    assert!(
        text.contains("Write the function: `epoch_step`: not checked yet. epoch_step still calls the crate's stand-in"),
        "{text}"
    );
    // Every exercise starts blank.
    let blank: Vec<String> = (1..=13).filter(|&k| k != 10).map(|k| format!("Exercise 3.{k}")).collect();
    // Exercise 3.10's backward pass calls the learner's my_dl_dx, still todo!(): its check waits for it.
    harness::expect_exercises(v, &[("Exercise 3.10", "not checked yet. Your backward pass calls your my_dl_dx")]);
    harness::expect_exercises(v, &blank.iter().map(|e| (e.as_str(), "not attempted yet")).collect::<Vec<_>>());
    // The transposes of the Linear layer's backward, by shapes, checked against autograd.
    let shapes = v.cell("let mut r = rng(3);");
    assert!(shapes.text().contains("shapes: dL/dW [2, 3], dL/dX [4, 3]"), "{}", shapes.text());
    for g in ["dL/dW", "dL/dX", "dL/db"] {
        let d = shapes.values()[&format!("largest difference from autograd {g}")][0];
        assert!(d <= 1e-15, "{g} differs from autograd by {d}");
    }
    // The crate's Linear, shown open before §5 and §6 use it.
    let api = v.cell("let mut api_layer = Linear::from_weights");
    expect(api, "layer.forward(x)", &[0.5, 1.0, 1.5], 0.0);
    // The first gradients of §6: dL/dW is about 3.16 times dL/db, not the mean input 2.5.
    let first = v.cell("let first_pred = first_model.forward(&x_data);").text();
    assert!(first.contains("dL/dW is the larger: true, by a factor 3.16"), "{first}");
    assert!(first.contains("mean(x(3x + 2)) / mean(3x + 2) = 3.16, that is 30 / 9.5"), "{first}");
    // The factor is a checked prediction, above the cell that shows it.
    assert!(text.contains("Compute, then check: the first gradients: not attempted yet"), "{text}");
    // The batch of two by hand: dL/db_1 too, the sum of dL/dY over the batch.
    // dL/dX on the same batch, worked by hand before the `dl_dx` line: checked, blank at first.
    assert!(text.contains("Compute, then check: dL/dX on the batch of two: not attempted yet"), "{text}");
    let batch = v.cell("let batch_dl_dout = array![[0.55], [-2.1]];").text();
    assert!(batch.contains("dL/db_1 = 0.5500 + (-2.1000) = -1.5500"), "{batch}");
    // The same entries on the learner's own Value engine (L = Σ_s (dL/dY)_s·Y_s, then backward): folded, an answer.
    let own = v.cell("let own_w = ");
    assert!(own.tags.iter().any(|t| t == "answer"), "it prints the batch tasks' answers: folded");
    let own = own.text();
    assert!(own.contains("dL/dW_11 = -3.98, dL/dW_12 = 1.71, dL/db_1 = -1.55"), "{own}");
    assert!(own.contains("dL/dX_12 = -0.385, dL/dX_21 = -0.63"), "{own}");
    // One entry of dL/dX with two outputs: checked, blank at first; then the matrix product's rule on a 2 × 2 example.
    assert!(text.contains("Compute, then check: dL/dX with two outputs: not attempted yet"), "{text}");
    let rule = v.cell("let mat_a = array![[1.0, 2.0], [3.0, 4.0]];").text();
    for line in [
        "(AB)_12 by the rule: A_11·B_12 + A_12·B_22 = 1·6 + 2·8 = 22",
        "a.dot(&b) = [[19, 22], [43, 50]], its entry (1, 2) = 22",
        "(AᵀB)_12 by the rule: A_11·B_12 + A_21·B_22 = 1·6 + 3·8 = 30",
        "a.t() = [[1, 3], [2, 4]], a.t().dot(&b) = [[26, 30], [38, 44]]",
    ] {
        assert!(rule.contains(line), "missing `{line}` in\n{rule}");
    }
    // The cache demo (hand-checkable: W = 0.5, x = [1, 2, 3], targets [2, 3, 4]; M = 3, so 2/M matters).
    let demo = v.cell("let mut demo = Linear::from_weights");
    expect(demo, "cached pred - target", &[-1.5, -2.0, -2.5], 0.0);
    expect(demo, "L", &[12.5 / 3.0], 1e-6);
    expect(demo, "dL/dw", &[-26.0 / 3.0], 1e-6);
    expect(demo, "dL/db", &[-4.0], 1e-9);
    expect(demo, "dL/dx", &[-0.5, -2.0 / 3.0, -2.5 / 3.0], 1e-6);
    // The training loop: 100 epochs, then 2000 more; y = 3x + 2 is learned.
    assert!(text.contains("initial W = -0.0199, b = 0.0000"), "{text}");
    assert!(text.contains("target W = 3.0000, target b = 2.0000"));
    let run = scratch_loop(42, 0.01, 100);
    expect_scratch_loop(v, &run);
    assert!((run.w - 3.0).abs() < 0.25 && (run.b - 2.0).abs() > 0.3, "100 epochs: W near 3, b still short of 2");
    assert!((run.w_longer - 3.0).abs() < 0.02 && (run.b_longer - 2.0).abs() < 0.05, "2100 epochs: both near");
    assert!(text.contains("W past its target: true, b short of its target: true"), "W overshoots to make up for b");
    assert!(text.contains("W came back down towards 3: true"), "then W comes back as b climbs");
    // The stand-in's training says whose epoch_step ran.
    assert!(
        text.contains("whose training: (the crate's epoch_step_stand_in: your epoch_step still calls it)"),
        "{text}"
    );
    assert!(
        shapes.text().contains("checking: the crate's linear_backward, standing in until yours passes Exercise 3.10"),
        "the autograd check of §4 says whose backward pass ran: {}",
        shapes.text()
    );
    let chart = v.cell("let (w_fit, b_fit)").outputs.iter().filter_map(|o| o.svg()).collect::<String>();
    assert!(chart.contains("log10 MSE loss"), "the loss axis is labelled, on a log scale");
    assert!(!text.contains("as the source"), "no pointer outside the course");

    // New numbers in every parameters cell: each example follows its own.
    let o = &report.overrides[0].cells;
    assert!(o.text().contains("pred = w·x + b = -1·2 + 0.5 = -1.5\n"), "{}", o.text());
    assert!(o.text().contains("loss = (pred - target)^2 = (-1.5 - 4)^2 = 30.25\n"), "{}", o.text());
    expect_one_neuron(o, -1.0, 0.5, 2.0, 4.0);
    expect_engine_checks(o);
    expect_shared(&report.overrides[1].cells, 0.8, 2.5);
    expect_net(&report.overrides[2].cells, &net_run(4, 0.1, 12));
    expect_scratch_loop(&report.overrides[3].cells, &scratch_loop(9, 0.02, 50));
}
