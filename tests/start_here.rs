//! The "Start here" notebook on the real kernel: every Rust crib cell runs and
//! shows what its comment says.

mod harness;

use backprop::prelude::*;
use harness::{expect, expect_compile_error, run_lesson};

#[test]
fn start_here() {
    let report = run_lesson("start-here", &[]);
    let v = &report.fresh;
    // The index of the one markdown cell that contains `needle` (the report holds only code cells).
    let notebook: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(harness::root().join("notebooks/start-here.ipynb")).unwrap())
            .unwrap();
    let markdown_index = |needle: &str| -> usize {
        let cells = notebook["cells"].as_array().unwrap();
        let text = |c: &serde_json::Value| -> String {
            c["source"].as_array().unwrap().iter().filter_map(|l| l.as_str()).collect::<String>()
        };
        let found: Vec<usize> = (0..cells.len())
            .filter(|&k| cells[k]["cell_type"] == "markdown" && text(&cells[k]).contains(needle))
            .collect();
        assert_eq!(found.len(), 1, "markdown cells with `{needle}`: {found:?}");
        found[0]
    };
    expect(v, "total", &[3.0], 0.0);
    // The main line follows one neuron: z (checked), then a = σ(z) (Exercise 0.1). The layer Wx, ReLU, the capstone's Rust and
    // counting, copying and charts are in Rust reference (tests/rust_reference.rs).
    let neuron_check = v.cell("neuron_output(answer_0_1)").index;
    assert!(v.cell("weighted_sum(my_z)").index < neuron_check, "z before a");
    // A cell that fails to compile on purpose, for the learner to fix.
    expect_compile_error(v, "let scaled = 2 * nums[0];", "cannot multiply `{integer}` by `f64`");
    let neuron = v.cell("let neuron = Neuron::new");
    // z is a checked prediction: its check comes before the cell that shows the answer.
    assert!(v.cell("weighted_sum(my_z)").index < neuron.index, "z checked before it is shown");
    expect(neuron, "z", &[-1.0], 0.0);
    // σ(0) = 1/(1 + exp(0)), predicted, then shown folded.
    let sigmoid_0 = v.cell("fmt_f64(sigmoid(0.0))");
    assert!(sigmoid_0.tags.iter().any(|t| t == "answer") && sigmoid_0.index < neuron.index);
    expect(sigmoid_0, "sigmoid(0)", &[0.5], 0.0);
    expect(neuron, "a", &[sigmoid(-1.0)], 1e-15);
    // The Rust the exercises need, each piece run.
    assert_eq!(v.cell("fn square(v: f64)").text().trim(), "9.0");
    let some = v.cell("let not_yet");
    assert!(some.text().contains("None and Some(-0.123)"), "an answer as Rust writes it: {}", some.text());
    // The sigmoid is drawn, with the neuron's z = -1 marked, after the z/a prediction and before Exercise 0.1.
    let sigmoid_chart = v.cell(".function(\"sigmoid(z)\", sigmoid, -6.0, 6.0, 121)");
    assert!(neuron.index < sigmoid_chart.index && sigmoid_chart.index < neuron_check, "σ drawn with the neuron");
    let sigmoid_svg = sigmoid_chart.outputs.iter().find_map(|o| o.svg()).expect("the sigmoid is drawn");
    assert!(sigmoid_svg.contains("the neuron: z = -1"), "the neuron's point is marked");
    // Its a = 0.268941 (asserted above) answers the σ question: it waits in the folded Neuron::new cell only.
    assert!(neuron.tags.iter().any(|t| t == "answer") && !sigmoid_svg.contains("0.268941"), "a stays folded");
    assert!(!sigmoid_svg.contains("d sigmoid/dz"), "no slope curve on this page");
    // The learner writes σ (Exercise 0.2) on the main line, after the sigmoid is shown and before the loss.
    let sigmoid_check = v.cell("exercises::start_here::sigmoid_function(my_sigmoid)").index;
    assert!(neuron_check < sigmoid_check, "σ shown before it is written");
    assert!(v.cell("fn my_sigmoid(z: f64) -> f64").source.contains("todo!("), "0.2 is not pre-solved");
    expect(v, "first element nums[0]", &[1.0], 0.0);
    // The main line's closing exercise comes after every piece it uses: the neuron, σ, the loss.
    let check_06 = v.cell("exercises::start_here::neuron_loss(my_neuron_loss)").index;
    assert!(check_06 > neuron_check && check_06 > sigmoid_check);
    assert!(check_06 > v.cell("exercises::start_here::half_square(").index, "the loss ½e² before the neuron's loss");
    // The nudge after Exercise 0.5: checked first, then L at w and at w + h, and ΔL/h, in the ratio's folded reveal.
    let nudge = v.cell("let reveal_ratio");
    assert!(nudge.index > check_06 && v.cell("exercises::start_here::nudge(my_nudge)").index < nudge.index);
    assert!(nudge.tags.iter().any(|t| t == "answer"), "the nudge's reveal is folded");
    let loss = |w: f64| 0.5 * (sigmoid(w * 3.0 + 0.5) - 1.0).powi(2);
    expect(nudge, "L at w", &[loss(-0.5)], 1e-6);
    expect(nudge, "L at w + h", &[loss(-0.5 + 0.001)], 1e-6);
    expect(nudge, "change of L over h", &[(loss(-0.5 + 0.001) - loss(-0.5)) / 0.001], 1e-4);
    assert!(nudge.text().contains("L goes down = true") && !nudge.text().contains("stand-in"), "{}", nudge.text());
    assert!(nudge.text().contains("ratio is negative = true"), "{}", nudge.text());
    // dl_dw, which the update needs, is the learner's my_ratio once it passes (the crate's ratio stands in until
    // then, and the cell says so), kept by a cell after the ratio's check and its folded reveal, not by the reveal.
    let wiring = v.cell("let dl_dw = exercises::start_here::ratio_yours_or_stand_in(my_ratio);");
    assert!(
        wiring.text().contains("dl_dw = the crate's ratio, standing in while my_ratio is None"),
        "{}",
        wiring.text()
    );
    assert!(!wiring.tags.iter().any(|t| t == "answer"), "the wiring cell is no answer cell");
    assert!(
        v.cell("exercises::start_here::nudge_ratio(my_ratio)").index + 1 == nudge.index && nudge.index < wiring.index
    );
    // The picture of L(w) and its tangent comes with the first slope the learner computes: after the
    // nudge's check (it shows the loss falling), before the ratio's, and without the slope's value: the learner
    // estimates the slope from it before computing the ratio.
    let picture = v.cell("loss_curve.curve_with_tangent()");
    assert!(v.cell("exercises::start_here::nudge(my_nudge)").index < picture.index);
    assert!(picture.index < v.cell("exercises::start_here::nudge_ratio(my_ratio)").index);
    let estimate = markdown_index("**Estimate the slope from the picture.**");
    assert!(picture.index < estimate && estimate < v.cell("let my_ratio: Option<f64> = None;").index);
    let svg = picture.outputs.iter().find_map(|o| o.svg()).expect("the picture is drawn");
    assert!(svg.contains("tangent at the current w") && !svg.contains("slope dL/dw ="), "no slope value shown");
    // No folded answer cell defines a name that a later cell needs: a learner who never opens a fold
    // runs on. (A later cell that makes the name again with its own `let` ends the search.)
    // The names in a cell's code, leaving out comments and the text of string literals.
    let words = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .flat_map(|l| {
                let code: String = l.split('"').step_by(2).collect::<Vec<_>>().join(" ");
                code.split(|c: char| !(c.is_alphanumeric() || c == '_')).map(str::to_string).collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let lets = |s: &str| -> Vec<String> {
        s.lines()
            .filter_map(|l| l.trim().strip_prefix("let "))
            .filter_map(|l| words(l.trim_start_matches("mut ")).into_iter().next())
            .collect()
    };
    for (k, cell) in v.0.iter().enumerate().filter(|(_, c)| c.tags.iter().any(|t| t == "answer")) {
        for name in lets(&cell.source) {
            for later in &v.0[k + 1..] {
                if lets(&later.source).contains(&name) {
                    break;
                }
                assert!(
                    !words(&later.source).contains(&name),
                    "the answer cell {} defines `{name}`, which cell {} uses",
                    cell.index,
                    later.index
                );
            }
        }
    }
    // The learner computes the ratio with their own my_neuron_loss, checked before the reveal; then one
    // update w − lr·dL/dw, checked before the cell that prints the new weight and the lower loss.
    // A warm-up on f(w) = w², whose slope the learner knows: the ratio at 3 is 6 + h, against f'(3) = 6.
    let warm = v.cell("let warm_ratio");
    assert!(warm.tags.iter().any(|t| t == "answer") && warm.index < v.cell("fn loss_at(w: f64) -> f64").index);
    expect(warm, "ratio for w² at 3", &[6.001], 1e-9);
    expect(warm, "slope 2w at 3", &[6.0], 0.0);
    let ratio_check = v.cell("exercises::start_here::nudge_ratio(my_ratio)").index;
    assert!(v.cell("exercises::start_here::nudge(my_nudge)").index < ratio_check && ratio_check < nudge.index);
    let update = v.cell("let updated_w = w_start - lr * dl_dw;");
    // The update is derived: ΔL ≈ (dL/dw)·Δw, and a checked sign of Δw, before the update rule and its check.
    let sign_check = v.cell("exercises::start_here::step_sign(my_step_sign)").index;
    assert!(ratio_check < sign_check && sign_check < markdown_index("**The update.**"));
    // The update's move is built by the learner: `my_move(slope)`, checked at slopes of both signs, before the
    // fold that shows Δw = −lr·dL/dw and ΔL ≈ −lr·(dL/dw)²; only then is the update rule named and used.
    let move_fn = v.cell("fn my_move(slope: f64) -> f64");
    assert!(move_fn.source.contains("todo!("), "the move is not pre-solved");
    let move_check = v.cell("exercises::start_here::downhill_move(my_move)");
    assert!(
        move_fn.index + 1 == move_check.index && move_check.text().contains("not attempted"),
        "{}",
        move_check.text()
    );
    assert!(sign_check < move_fn.index && move_check.index < markdown_index("**The update.**"));
    assert!(
        move_check.index < markdown_index("= -\\mathrm{lr}\\cdot\\left(\\frac{\\partial L}{\\partial w}\\right)^2")
    );
    assert!(move_check.index < v.cell("exercises::start_here::one_update(my_new_w)").index);
    // The update rule is stated once, unfolded, in the update's prompt, right after the move's fold (a cell of its
    // own); lr is defined once, then the update, then the question, which ends the cell.
    let update_prompt = markdown_index("**Compute, then check (update).**");
    assert!(markdown_index("**The update.**") == update_prompt);
    let cell_text = |k: usize| -> String {
        notebook["cells"][k]["source"].as_array().unwrap().iter().filter_map(|l| l.as_str()).collect()
    };
    let prompt_text = cell_text(update_prompt);
    assert!(cell_text(update_prompt - 1).trim_end().ends_with("</details>"), "the move's fold, then the prompt");
    assert!(!prompt_text.contains("<details>"));
    assert!(prompt_text.contains("**The update.**") && prompt_text.contains("w \\leftarrow w - \\mathrm{lr}"));
    let (lr_at, update_at, ask_at) = (
        prompt_text.find("**learning rate**").unwrap(),
        prompt_text.find("**The update.**").unwrap(),
        prompt_text.find("**Compute, then check (update).**").unwrap(),
    );
    assert!(lr_at < update_at && update_at < ask_at, "lr, the update, then the question");
    assert!(markdown_index("**learning rate**") == update_prompt, "the learning rate, defined once");
    // The flipped case drawn: the neuron with y = 0 at w = -0.284, its slope about +0.3, folded below the sign check.
    let flipped = v.cell("fn flipped_loss(w: f64) -> f64");
    assert!(flipped.index == sign_check + 1 && flipped.tags.iter().any(|t| t == "answer"));
    let flipped_loss = |w: f64| 0.5 * sigmoid(3.0 * w + 0.5).powi(2);
    let flipped_slope = (flipped_loss(-0.284 + 0.001) - flipped_loss(-0.284)) / 0.001;
    assert!((flipped_slope - 0.3).abs() < 1e-3, "about +0.3: {flipped_slope}");
    expect(flipped, "slope there", &[flipped_slope], 1e-5);
    assert!(flipped.outputs.iter().any(|o| o.svg().is_some()), "the flipped case is drawn");
    assert!(nudge.index < v.cell("exercises::start_here::one_update(my_new_w)").index);
    assert!(v.cell("exercises::start_here::one_update(my_new_w)").index < update.index);
    assert!(update.tags.iter().any(|t| t == "answer"), "the update's reveal is folded");
    let ratio = (loss(-0.5 + 0.001) - loss(-0.5)) / 0.001;
    expect(update, "dL/dw", &[ratio], 1e-6);
    expect(update, "w after one update", &[-0.5 - 0.1 * ratio], 1e-6);
    expect(update, "L before the update", &[loss(-0.5)], 1e-6);
    expect(update, "L after one update", &[loss(-0.5 - 0.1 * ratio)], 1e-6);
    assert!(update.text().contains("L went down = true"), "{}", update.text());
    // ΔL ≈ −lr·(dL/dw)²: the predicted first drop, checked before the folded cell that sets it beside the measured one.
    let drop_check = v.cell("exercises::start_here::first_drop(my_drop)").index;
    let drop_reveal = v.cell("let drop_before");
    assert!(update.index < drop_check && drop_check < drop_reveal.index);
    assert!(drop_reveal.tags.iter().any(|t| t == "answer"), "the first drop's reveal is folded");
    expect(drop_reveal, "predicted drop lr·(dL/dw)²", &[0.1 * ratio * ratio], 1e-6);
    expect(drop_reveal, "measured drop", &[loss(-0.5) - loss(-0.5 - 0.1 * ratio)], 1e-4);
    // Whether the measured drop is larger than predicted answers the second-step question: it waits in that fold.
    assert!(!drop_reveal.text().contains("a little larger"), "{}", drop_reveal.text());
    // The step, written by the learner as `my_step` and checked, then repeated: three runs of one cell, then 20
    // steps by the learner's step (once it passed), unfolded. After the loop, the optional "Look closer": the
    // second-step prediction, the second ratio, and the loop's first drops, folded.
    let second_check = v.cell("exercises::start_here::second_step(my_second)").index;
    let repeat = v.cell("let mut train_losses = vec![loss_at(train_w)];");
    assert!(update.index < repeat.index && repeat.index < second_check, "the second step: after the loop, optional");
    let step_check = v.cell("exercises::start_here::training_step(my_step)").index;
    assert!(drop_check < step_check && step_check < repeat.index, "the learner's step before the loop");
    assert!(v.cell("fn my_step(w: f64) -> f64").source.contains("todo!("), "the step is not pre-solved");
    let step_answer = v.cell("fn worked_step(w: f64) -> f64");
    assert!(step_answer.index > step_check && step_answer.tags.iter().any(|t| t == "answer"));
    // The step calls the learner's move: my_step returns w + my_move(ratio), and its check, untouched, still says
    // "not attempted" while my_move is todo!() too (asserted below).
    assert!(markdown_index("`w + my_move(ratio)`") == v.cell("fn my_step(w: f64) -> f64").index - 1);
    let first_step = -0.5 - 0.1 * (loss(-0.5 + 0.001) - loss(-0.5)) / 0.001;
    expect(step_answer, "w after one step from w_start", &[first_step], 1e-6);
    // One named step, defined once: the learner's my_step once its check passed, the crate's until then.
    let step_fn = v.cell("fn step(w: f64) -> f64");
    assert!(step_fn.source.contains("step_yours_or_stand_in(my_step)") && step_fn.index < repeat.index);
    assert!(repeat.source.contains("train_w = step(train_w);"), "the loop takes the learner's step");
    // The learner writes the loop itself, around step, checked on the final w; untouched, the cell runs.
    let my_loop = v.cell("let mut my_w = w_start;");
    let loop_check = v.cell("exercises::start_here::twenty_steps(my_w)");
    assert!(step_check < my_loop.index && my_loop.index + 1 == loop_check.index && loop_check.index < repeat.index);
    assert!(!my_loop.source.contains("for _ in") && my_loop.text().trim() == "-0.5", "{}", my_loop.text());
    assert!(loop_check.text().contains("not attempted"), "{}", loop_check.text());
    let loop_answer = v.cell("let mut worked_loop_w = w_start;");
    assert!(loop_answer.index == loop_check.index + 1 && loop_answer.tags.iter().any(|t| t == "answer"));
    assert!(repeat.text().contains("the step is the crate's step, standing in"), "{}", repeat.text());
    let drops = v.cell("the loop's first drops, measured");
    assert!(drops.index > second_check && drops.tags.iter().any(|t| t == "answer"), "the drops answer it");
    // A Vec, .push, a range and `as f64`, which the chart cells use, in a folded prediction just before the first of them.
    let tens = v.cell("let mut tens = vec![5.0];");
    assert!(tens.tags.iter().any(|t| t == "answer") && loop_check.index < tens.index && tens.index < repeat.index);
    expect(tens, "tens", &[5.0, 10.0, 20.0, 30.0], 0.0);
    expect(tens, "length", &[4.0], 0.0);
    // No label lines inside code cells: the prediction is asked in the markdown.
    assert!(v.0.iter().all(|c| !c.source.contains("▸ Your prediction")), "a prediction label in a code cell");
    // The second step's prediction is computed: the ratio at the new weight, by the learner's my_neuron_loss,
    // shown by its cell and checked before the "more or less?" question.
    let ratio_2 = v.cell("let my_ratio_2: Option<f64> = None;");
    assert_eq!(ratio_2.text().trim(), "None", "the cell shows the learner's my_ratio_2");
    let ratio_2_check = v.cell("exercises::start_here::second_ratio(my_ratio_2)").index;
    // The second step is predicted before my_ratio_2 is computed, from the measured and predicted first drops.
    assert!(drop_reveal.index < second_check && second_check < ratio_2.index && ratio_2.index < ratio_2_check);
    // loss_at(w), which the ratio, the second ratio, the h-table and the loop all use, is defined once, in the
    // example's set-up cell before the first ratio, and says whose loss it is: the crate's, standing in while
    // my_neuron_loss is todo!(), so the ratio can be done before Exercise 0.4.
    let loss_wiring = v.cell("fn loss_at(w: f64) -> f64");
    assert!(loss_wiring.index < repeat.index && !loss_wiring.tags.iter().any(|t| t == "answer"));
    assert!(loss_wiring.index < v.cell("let my_ratio: Option<f64> = None;").index, "loss_at before the first ratio");
    assert!(loss_wiring.index < v.cell("loss_curve.curve_with_tangent()").index, "the set-up cell before the picture");
    assert!(loss_wiring.text().contains("loss_at uses the crate's loss, standing in"), "{}", loss_wiring.text());
    let settle = v.cell("for small_h in [0.1, 0.01, 0.001, 0.0001]");
    assert!(settle.tags.iter().any(|t| t == "answer"), "the settling ratios answer a prediction: folded");
    // The stand-in is said once, in the set-up cell: the loop does not repeat it.
    assert!(!repeat.text().contains("loss_at uses"), "{}", repeat.text());
    // The ratio settles as h shrinks, on this page.
    let settle_h = [0.1, 0.01, 0.001, 0.0001];
    let settled: Vec<f64> = settle_h.iter().map(|h| (loss(-0.5 + h) - loss(-0.5)) / h).collect();
    let settle_text = settle.text();
    let settle_lines: Vec<&str> = settle_text.lines().filter(|l| l.starts_with("h = ")).collect();
    assert_eq!(settle_lines.len(), 4, "{}", settle.text());
    for (line, want) in settle_lines.iter().zip(&settled) {
        let got: f64 = line.rsplit("= ").next().unwrap().trim().parse().unwrap();
        assert!((got - want).abs() <= 1e-5 * want.abs(), "{line}: want {want}");
    }
    assert!((settled[3] + 0.4312).abs() < 1e-4, "settles on about -0.4312");
    assert!(settle.index > ratio_check && settle.index < update.index);
    let mut repeated_w = vec![-0.5];
    for _ in 0..20 {
        let w = *repeated_w.last().unwrap();
        repeated_w.push(w - 0.1 * (loss(w + 0.001) - loss(w)) / 0.001);
    }
    let repeated_loss: Vec<f64> = repeated_w.iter().map(|&w| loss(w)).collect();
    expect(repeat, "L after step 1", &[repeated_loss[1]], 1e-6);
    expect(drops, "L after step 2", &[repeated_loss[2]], 1e-6);
    expect(drops, "first drop", &[repeated_loss[0] - repeated_loss[1]], 1e-4);
    expect(drops, "second drop", &[repeated_loss[1] - repeated_loss[2]], 1e-4);
    expect(repeat, "last drop", &[repeated_loss[19] - repeated_loss[20]], 1e-4);
    let worked = v.cell("let ratio_at_second_w");
    assert!(worked.index > ratio_2_check && worked.index > repeat.index && worked.tags.iter().any(|t| t == "answer"));
    let ratio_at_second_w = (loss(repeated_w[1] + 0.001) - loss(repeated_w[1])) / 0.001;
    expect(worked, "ratio at w after step 1", &[ratio_at_second_w], 1e-5);
    let first_ratio = (loss(-0.5 + 0.001) - loss(-0.5)) / 0.001;
    expect(worked, "predicted first drop lr·(dL/dw)²", &[0.1 * first_ratio * first_ratio], 1e-5);
    assert!(worked.text().contains("the second ratio is larger in size = true"), "{}", worked.text());
    expect(worked, "measured first drop", &[loss(-0.5) - loss(-0.5 - 0.1 * first_ratio)], 1e-4);
    assert!(worked.text().contains("a little larger than predicted = true"), "{}", worked.text());
    // Before the loop, one step in a cell the learner runs three times (the stored output is its first run,
    // the step by hand); the loop is then that cell, 20 times.
    let once = v.cell("w_now = step(w_now);");
    assert!(v.cell("let mut w_now = w_start;").index == once.index - 1 && step_check < once.index);
    assert!(step_fn.text().contains("step uses the crate's step, standing in"), "{}", step_fn.text());
    assert!(!once.text().contains("standing in"), "whose step is said once, by the folded cell: {}", once.text());
    // The stand-in wiring (loss_at, dl_dw, step) sits in small cells of its own whose source is folded; the
    // cells the learner reads name the values only. The first result cells stay unfolded.
    let hidden = |needle: &str| -> bool {
        let cells = notebook["cells"].as_array().unwrap();
        let text = |c: &serde_json::Value| -> String {
            c["source"].as_array().unwrap().iter().filter_map(|l| l.as_str()).collect::<String>()
        };
        let found: Vec<&serde_json::Value> = cells.iter().filter(|c| text(c).contains(needle)).collect();
        assert_eq!(found.len(), 1, "cells with `{needle}`");
        found[0]["metadata"]["jupyter"]["source_hidden"] == true
    };
    for wiring in ["fn loss_at(w: f64) -> f64", "ratio_yours_or_stand_in(my_ratio)", "step_yours_or_stand_in(my_step)"]
    {
        assert!(hidden(wiring), "the wiring `{wiring}` is folded");
    }
    assert!(!hidden("const BIAS: f64 = 0.5;") && !hidden("let mut w_now = w_start;") && !hidden(":dep backprop"));
    // The main line ends with a visible exit, before the optional part, which has its own end.
    let done = markdown_index("## Done with the main line — next: Day 3 core");
    assert!(done > markdown_index("**What the loop shows.**") && done < markdown_index("## Look closer (optional)"));
    assert!(
        done < second_check
            && markdown_index("**End of Look closer.**")
                > v.cell("exercises::start_here::second_drop(my_drop_2)").index
    );
    // The E0425/E0434 hint, folded, right under my_step.
    assert!(markdown_index("E0434") == v.cell("fn my_step(w: f64) -> f64").index + 1);
    assert!(once.index < tens.index && !once.tags.iter().any(|t| t == "answer"));
    expect(once, "w now", &[repeated_w[1]], 1e-5);
    // The cell prints whether L went down, not L: the losses after steps 2 and 3 (asserted in the fold of the
    // "second drop" check) and the drops wait there, so that the optional predictions (second step larger?
    // the second drop?) are not answered on screen before them.
    assert!(once.text().contains("L went down = true") && !once.text().contains("L now"), "{}", once.text());
    assert!(!once.text().contains("drop"), "{}", once.text());
    // The second drop, predicted from the second ratio to 4 figures: checked, then set beside the loop's in the fold below.
    let loss_2_check = v.cell("exercises::start_here::second_drop(my_drop_2)").index;
    assert!(ratio_2_check < worked.index && worked.index < loss_2_check && loss_2_check + 1 == drops.index);
    assert!(!worked.text().contains("predicted second drop"), "the second drop waits for its question");
    expect(drops, "predicted second drop lr·ratio²", &[0.1 * ratio_at_second_w * ratio_at_second_w], 1e-5);
    expect(drops, "predicted L after step 2", &[repeated_loss[1] - 0.1 * ratio_at_second_w * ratio_at_second_w], 1e-5);
    assert!((repeated_loss[1] - 0.1 * ratio_at_second_w * ratio_at_second_w - 0.229063).abs() < 1e-6);
    expect(drops, "third drop", &[repeated_loss[2] - repeated_loss[3]], 1e-4);
    expect(drops, "fourth drop", &[repeated_loss[3] - repeated_loss[4]], 1e-4);
    assert!(
        (repeated_loss[2] - repeated_loss[3] - 0.0197).abs() < 1e-4
            && (repeated_loss[3] - repeated_loss[4] - 0.0195).abs() < 1e-4
    );
    assert!((repeated_loss[3] - 0.209228).abs() < 1e-6, "the third run's L, in the fold after the cell");
    let third = markdown_index("L = 0.209228");
    assert!(third > drops.index, "the third L, in the fold after the loop's drops");
    expect(loop_answer, "w after 20 steps", &[repeated_w[20]], 1e-5);
    expect(loop_answer, "L after 20 steps", &[repeated_loss[20]], 1e-5);
    assert!(
        (repeated_loss[0] - repeated_loss[1] - 0.0188).abs() < 1e-4
            && (repeated_loss[1] - repeated_loss[2] - 0.0195).abs() < 1e-4
    );
    assert!(drops.text().contains("second drop is larger = true"), "{}", drops.text());
    let repeat_svg = repeat.outputs.iter().find_map(|o| o.svg()).expect("the repeated step is drawn");
    assert!(repeat_svg.contains("your step by hand"), "the step by hand is marked");
    assert!(!repeat.tags.iter().any(|t| t == "answer"), "the repeated step, the payoff, is not folded");
    // The loop's weights as dots on the curve L(w), after the loop.
    let dots = v.cell("the loop's steps on the curve L(w)");
    // Where the dots crowd is predicted first: the chart waits folded.
    assert!(dots.index == repeat.index + 2 && dots.tags.iter().any(|t| t == "answer"));
    // Step size, computed: the same neuron with the target y = 0.8, whose L(w) has a bottom; its ratio at the start
    // printed, the first step's landing for three learning rates checked, then 20 steps at try_lr = 0.3, folded.
    let near_cell = v.cell("fn near_loss(w: f64) -> f64");
    let near = |w: f64| 0.5 * (sigmoid(3.0 * w + 0.5) - 0.8).powi(2);
    let near_ratio = (near(-0.5 + 0.001) - near(-0.5)) / 0.001;
    assert!((near_ratio + 0.313).abs() < 5e-4, "the ratio −0.313 the landings use: {near_ratio}");
    expect(near_cell, "ratio ΔL/h at the start, target 0.8", &[near_ratio], 1e-6);
    let landings = v.cell("exercises::start_here::first_landings(my_landings)");
    assert!(landings.text().contains("not attempted"), "{}", landings.text());
    let try_lr = v.cell("let try_lr = 0.3;");
    // The bottom, solved by the learner first (σ(3w + 0.5) = 0.8), its working folded just before the cell.
    let bottom = markdown_index("**Where is the bottom?**");
    assert!(bottom == dots.index + 2 && markdown_index("Show the working (solve it first)") == bottom + 1);
    assert!(near_cell.index == dots.index + 4 && near_cell.index < landings.index && landings.index < try_lr.index);
    // An experiment, re-run with four rates: not folded (it comes after the landings' check).
    assert!(!try_lr.tags.iter().any(|t| t == "answer"));
    // The curve reaches every weight of the run (lr = 10 lands near 2.6): its range is computed from try_ws.
    assert!(
        try_lr.source.contains("near_loss, curve_from, curve_to, 121") && try_lr.source.contains("curve_span(&try_ws)")
    );
    assert!(markdown_index("Show the working (after your three runs)") == try_lr.index + 1);
    let mut near_w = -0.5;
    for _ in 0..20 {
        near_w -= 0.3 * (near(near_w + 0.001) - near(near_w)) / 0.001;
    }
    assert!((near_w - 0.223).abs() < 1e-3, "the fold's 0.22 at lr = 0.3: {near_w}");
    expect(try_lr, "w after 20 steps", &[near_w], 1e-5);
    expect(try_lr, "L after 20 steps", &[near(near_w)], 1e-6);
    let mut stuck_w = -0.5;
    for _ in 0..20 {
        stuck_w -= 10.0 * (near(stuck_w + 0.001) - near(stuck_w)) / 0.001;
    }
    assert!((stuck_w - 2.61).abs() < 5e-3 && (near(stuck_w) - 0.020).abs() < 5e-4, "the fold's lr = 10: {stuck_w}");
    let dots_svg = dots.outputs.iter().find_map(|o| o.svg()).expect("the dots are drawn");
    assert!(dots_svg.contains("w at the start and after each step") && dots_svg.contains("your step by hand"));
    // Every parameter has its own gradient: b nudged too, a third of dL/dw (b moves z by h, w by x·h), its output
    // folded, its source shown; in the optional Look closer, so that it does not cut the main line.
    let nudge_b = v.cell("loss_at_wb(w_start, BIAS + h)");
    assert!(nudge_b.tags.iter().any(|t| t == "answer") && !hidden("loss_at_wb(w_start, BIAS + h)"));
    assert!(drops.index < nudge_b.index && nudge_b.index < markdown_index("**End of Look closer.**"));
    // The update and the learning rate each open a section of their own.
    let which_way = markdown_index("## Which way to step: the update");
    // ΔL ≈ (dL/dw)·Δw is predicted first (a nudge twice as long), then stated after the folded working.
    assert!(markdown_index("about how much would a move") == which_way);
    assert!(markdown_index("So, along a short move") == which_way + 1);
    assert!(v.cell("let dl_dw = exercises::start_here::ratio_yours_or_stand_in(my_ratio);").index < which_way);
    assert!(which_way < sign_check && which_way == markdown_index("**Which way to step?**"));
    let how_far = markdown_index("## How far to step: the learning rate");
    assert!(how_far == markdown_index("**Step size, computed.**") && how_far < v.cell("fn near_loss(w: f64)").index);
    let loss_b = |b: f64| 0.5 * (sigmoid(-0.5 * 3.0 + b) - 1.0).powi(2);
    expect(nudge_b, "ratio for b", &[(loss_b(0.5 + 0.001) - loss_b(0.5)) / 0.001], 1e-6);
    expect(nudge_b, "ratio for w", &[ratio], 1e-6);
    assert!(((loss_b(0.5 + 0.001) - loss_b(0.5)) / 0.001 + 0.143749).abs() < 1e-6, "the fold's −0.143749");
    assert!((ratio / 3.0 + 0.143776).abs() < 1e-6, "the fold's −0.143776");
    harness::expect_exercises(
        v,
        &[
            ("Predict, then check (z)", "not attempted yet"),
            ("Exercise 0.1", "not attempted yet"),
            ("Exercise 0.2", "not attempted yet"),
            ("Exercise 0.3", "not attempted yet"),
            ("Exercise 0.4", "not attempted yet"),
            ("Predict, then check (nudge)", "not attempted yet"),
            ("Compute, then check (ratio)", "not attempted yet"),
            ("Predict, then check (step sign)", "not attempted yet"),
            ("Build, then check (move)", "not attempted yet"),
            ("Compute, then check (update)", "not attempted yet"),
            ("Compute, then check (first drop)", "not attempted yet"),
            ("Write the step", "not attempted yet"),
            ("Compute, then check (step size)", "not attempted yet"),
            ("Predict, then check (second step)", "not attempted yet"),
            ("Compute, then check (second ratio)", "not attempted yet"),
            ("Compute, then check (second drop)", "not attempted yet"),
        ],
    );
}
