//! The "Rust reference" notebook on the real kernel: a layer Wx and
//! ReLU, the Rust the capstone needs and counting, copying and charts, each piece
//! run and showing what its comment says (these cells were Start here's).

mod harness;

use harness::{expect, expect_compile_error, run_lesson};

#[test]
fn rust_reference() {
    let report = run_lesson("rust-reference", &[]);
    let v = &report.fresh;
    // The clone changed, the original not.
    expect(v, "copy", &[10.0, 2.0], 0.0);
    expect(v, "original", &[1.0, 2.0], 0.0);
    // The weight layout: 3 units × 2 inputs, one number per unit.
    expect(v, "shape of W", &[3.0, 2.0], 0.0);
    expect(v, "W·x", &[-1.5, 2.0, 3.0], 0.0);
    // Exercise 0.5 asks for W·x's three numbers before the cell that prints them.
    assert!(v.cell("fmt_array(&w_layer.dot(&layer_x))").index > v.cell("layer_wx(answer_0_5)").index);
    // Cells that fail to compile on purpose, for the learner to fix from the compiler's message: an f64
    // divided by a usize, and a reference handed to f64::max.
    expect_compile_error(v, "let average = total / x2.len();", "cannot divide `f64` by `usize`");
    expect_compile_error(v, "fmt_f64(f64::max(r, 1.5))", "mismatched types");
    // Two more, tried before they are explained: a value used after a move (before `.clone()`), and a named
    // function in a fold without `.copied()`.
    expect_compile_error(v, "let copy = original;", "borrow of moved value: `original`");
    expect_compile_error(v, "x2.iter().fold(f64::INFINITY, f64::min);", "type mismatch in function arguments");
    // And the move Day 3 core's first `.clone()` is about: an array handed to a function (Neuron::new), then used.
    expect_compile_error(v, "Neuron::new(w, 1.0, Sigmoid);", "borrow of moved value: `w`");
    let handed = v.cell("Neuron::new(w.clone(), 1.0, Sigmoid)");
    assert!(v.cell("let mut copy = original.clone();").index < v.cell("Neuron::new(w, 1.0, Sigmoid);").index);
    expect(handed, "w", &[0.5, 0.8], 0.0);
    expect(handed, "the neuron's weights", &[0.5, 0.8], 0.0);
    assert!(v.cell("let copy = original;").index < v.cell("let mut copy = original.clone();").index);
    assert!(
        v.cell("x2.iter().fold(f64::INFINITY, f64::min);").index
            < v.cell("x2.iter().copied().fold(f64::INFINITY, f64::min)").index
    );
    // A reference: `+` takes it as it is, f64::max needs `*r`.
    expect(v, "1.0 + r", &[2.0], 0.0);
    expect(v, "larger of r and 1.5", &[1.5], 0.0);
    let squares = v.cell("(1..=3).map(|k| k * k)");
    // Below the fold line the prediction is answered: the last expression of the cell, shown.
    assert_eq!(squares.text().trim().lines().last(), Some("14"), "the last expression of a cell is shown");
    // The fold's start is a checked prediction: its check comes before the cell that shows the answer, which
    // is folded; the sum and product it follows are shown first.
    let fold_start = v.cell("let from_zero = ");
    assert!(v.cell("fold_start(my_fold_start)").index < fold_start.index, "the fold start checked first");
    assert!(fold_start.tags.iter().any(|t| t == "answer"), "the fold start's reveal is folded");
    assert!(v.cell("let fold_product = ").index < v.cell("fold_start(my_fold_start)").index);
    expect(fold_start, "largest by fold from 0.0", &[0.0], 0.0);
    // Closures have their own section, before fold and Exercise 0.8.
    let closures = v.cell("fn value_at_three(");
    assert!(closures.index < v.cell("let fold_product = ").index, "closures before fold");
    // The Rust in dependency order: move and clone, closures, references and `*r`, `&mut`, then fold.
    let chain = [
        "let copy = original;",
        "fn value_at_three(",
        "fmt_f64(f64::max(r, 1.5))",
        "let r = &mut stored;",
        "let fold_product = ",
    ]
    .map(|m| v.cell(m).index);
    assert!(chain.windows(2).all(|w| w[0] < w[1]), "the Rust sections in dependency order: {chain:?}");
    // Whole numbers: a bare `let bare_seed = 42;` is stored as an i32, which the next cell cannot use as a u64;
    // then the types written.
    expect_compile_error(v, "let wants_u64: u64 = bare_seed;", "mismatched types");
    let bare = v.cell("let bare_seed = 42;").index;
    assert!(bare < v.cell("let wants_u64: u64 = bare_seed;").index);
    assert!(v.cell("let wants_u64: u64 = bare_seed;").index < v.cell("let seed: u64 = 42;").index);
    // Writing through a `&mut f64`, as the deep dive's step does: each entry of [0.5, 0.8] lowered by 1.
    expect(v, "each entry lowered by 1", &[-0.5, -0.2], 0.0);
    // The deep dive's update line, written by the learner under its own heading: as it stands the cell prints
    // params unchanged; the folded answer below it, one step with lr = 0.1.
    let lowered = v.cell("for v in lowered.iter_mut() { *v -= 1.0; }");
    let step_mine = v.cell("// your loop: iter_mut as in the cell above, zip to pair each parameter with its gradient");
    let step_answer = v.cell("for (v, &g) in params.iter_mut().zip(grads.iter()) { *v -= lr * g; }");
    assert!(lowered.index < step_mine.index && step_mine.index < step_answer.index);
    // Just before the update line, three loops over one array, predicted first: only iter_mut changes it.
    let loops = v.cell("for &v in arr.iter() {");
    assert!(lowered.index < loops.index && loops.index < step_mine.index && loops.tags.iter().any(|t| t == "answer"));
    expect(loops, "arr after loop 1", &[1.0, 2.0], 0.0);
    expect(loops, "arr after loop 2", &[1.0, 2.0], 0.0);
    expect(loops, "arr after loop 3", &[0.0, 1.0], 0.0);
    assert!(!step_mine.tags.iter().any(|t| t == "answer") && step_answer.tags.iter().any(|t| t == "answer"));
    expect(step_mine, "params now", &[0.5, -0.3, 2.0], 0.0);
    expect(step_answer, "params now", &[0.48, -0.29, 1.9], 1e-12);
    // The crate checks the learner's loop, written in `my_update` (its own cell, between), on the cell's numbers
    // and on numbers not shown, without printing the expected numbers.
    assert!(step_mine.source.contains("fn my_update(params: &mut Array1<f64>, grads: &Array1<f64>, lr: f64)"));
    let step_check = step_mine.index + 1;
    assert!(
        step_check < step_answer.index
            && v.0.iter().any(|c| c.index == step_check
                && c.source.trim() == "exercises::rust_reference::update_step(my_update)"
                && c.text().contains("Write the update line: not attempted yet"))
    );
    assert!(step_answer.text().contains("Write the update line: correct"), "{}", step_answer.text());
    assert!(!step_mine.source.contains("expected") && !step_mine.source.contains("- lr * &grads"));
    // The section teaches `*r` itself, for a learner who arrives by the deep dive's link: a `&mut f64` written through.
    let star = v.cell("let r = &mut stored;");
    assert!(star.index < lowered.index && star.tags.iter().any(|t| t == "answer"));
    expect(star, "stored", &[1.5], 0.0);
    assert!(
        !step_mine.source.contains("0.48") && !step_mine.source.contains("*v -="),
        "the update line not given away"
    );
    // Whole numbers with their types written.
    expect(v, "n_steps", &[3.0], 0.0);
    expect(v, "seed", &[42.0], 0.0);
    // A closure handed to a function that takes one: 3·3 + 1.
    expect(v, "at three", &[10.0], 0.0);
    // Its output answers a prediction: folded. Then the learner's own closure, run as it stands (f(v) = v).
    assert!(closures.tags.iter().any(|t| t == "answer") && !closures.source.contains("3·3 + 1"));
    let mine = v.cell("let my_at_three = value_at_three(");
    assert!(mine.index > closures.index && !mine.tags.iter().any(|t| t == "answer"));
    expect(mine, "your closure at three", &[3.0], 0.0);
    // A closure that uses a name from around it, (3 − y)² with y = 1, predicted before its folded output.
    let captures = v.cell("let sq_err = |v: f64| (v - y).powi(2);");
    assert!(captures.index > mine.index && captures.index < v.cell("let fold_product = ").index);
    assert!(captures.tags.iter().any(|t| t == "answer"), "the capture's output is folded");
    // The braces are a notebook rule, shown once: a closure kept in a `let` with no braces, and the kernel's
    // own message, which names the braces.
    expect_compile_error(v, "let kept_f = |v: f64| v * v + 1.0;", "cannot be persisted");
    let unbraced = v.cell("let kept_f = |v: f64| v * v + 1.0;").index;
    assert!(mine.index < unbraced && unbraced < captures.index, "the notebook rule in Closures");
    // After it, an optional aside: the `fn` that tries to read y, run for its error (E0434), predicted first.
    expect_compile_error(v, "fn sq_err_fn(v: f64) -> f64 { (v - y).powi(2) }", "can't capture dynamic environment");
    let no_capture = v.cell("fn sq_err_fn(v: f64) -> f64 { (v - y).powi(2) }").index;
    assert!(captures.index < no_capture && no_capture < v.cell("fmt_f64(f64::max(r, 1.5))").index, "the fn after");
    expect(captures, "sq_err(3)", &[4.0], 0.0);
    expect(captures, "value_at_three(sq_err)", &[4.0], 0.0);
    // The chart cells' Rust, with one chart on this page: a closure drawn by `.function(label, f, lo, hi, n)`.
    let chart = v.cell(".function(\"f(v) = v·v + 1\", f, -2.0, 2.0, 41)");
    // Its marked point is computed from the closure, so that it follows an edited closure.
    assert!(
        chart.source.contains("vec![(marked_v, f(marked_v))]")
            && chart.source.contains("let f = |v: f64| v * v + 1.0;")
    );
    assert!(chart.outputs.iter().find_map(|o| o.svg()).expect("the closure is drawn").contains("f(v) = v·v + 1"));
    // "References and dereferencing" runs on a fresh kernel after the first two cells: its array x2 is made
    // under its heading.
    let notebook: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(harness::root().join("notebooks/rust-reference.ipynb")).unwrap())
            .unwrap();
    let heading = notebook["cells"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| {
            c["source"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l.as_str().map(str::trim_end) == Some("## References and dereferencing"))
        })
        .expect("the References heading");
    // The compiler teaches: each failing cell's comment does not diagnose it, the prose before it asks what the
    // message says, and its fixed cell below it is folded (answer, source and output hidden).
    let cells = notebook["cells"].as_array().unwrap();
    // Each error is shown once, by the run: no second copy of the same message in a fold.
    assert!(
        cells.iter().all(|c| !c["source"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l.as_str().unwrap().contains("The compiler's message in full"))),
        "a duplicated compiler message"
    );
    let folded = |i: usize| {
        let c = &cells[i];
        c["metadata"]["tags"].as_array().is_some_and(|t| t.iter().any(|t| t == "answer"))
            && c["metadata"]["jupyter"]["source_hidden"] == true
            && c["metadata"]["jupyter"]["outputs_hidden"] == true
    };
    for (failing, fixed, question) in [
        ("fmt_f64(f64::max(r, 1.5))", "fmt_f64(f64::max(*r, 1.5))", "which type did `f64::max` expect"),
        (
            "x2.iter().fold(f64::INFINITY, f64::min);",
            "x2.iter().copied().fold(f64::INFINITY, f64::min)",
            "what does `x2.iter()` hand out for each entry, and what does `f64::min` take?",
        ),
        ("let average = total / x2.len();", "let average = x2.sum() / count as f64;", "what does its arrow point at"),
        (
            "Neuron::new(w, 1.0, Sigmoid);",
            "Neuron::new(w.clone(), 1.0, Sigmoid)",
            "Predict: does the cell below compile?",
        ),
    ] {
        let (failing, fixed) = (v.cell(failing), v.cell(fixed));
        assert!(failing.index < fixed.index && folded(fixed.index), "{} folded below its failing cell", fixed.source);
        assert!(!failing.source.contains("refuses") && !failing.source.contains("wants an f64"), "{}", failing.source);
        let before: String = cells[..failing.index]
            .iter()
            .rev()
            .take_while(|c| c["cell_type"] == "markdown")
            .flat_map(|c| c["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()))
            .collect();
        assert!(before.contains(question), "the question before {}", failing.source);
        assert!(!before.contains("`*r` is") && !before.contains("the fix is"), "a diagnosis before {}", failing.source);
    }
    // E0631's hint (`.copied()`) waits below the failing cell, with its message.
    let e0631 = v.cell("x2.iter().fold(f64::INFINITY, f64::min);").index;
    let above: String = cells[..e0631]
        .iter()
        .rev()
        .take_while(|c| c["cell_type"] == "markdown")
        .flat_map(|c| c["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()))
        .collect();
    assert!(!above.contains(".copied()"), "the E0631 hint is below its failing cell");
    // Its fold holds rustc 1.95's own message for a typed `Vec<f64>`: the two signatures and the `help:` closure
    // whose argument types answer the question.
    let below: String = cells[e0631 + 1]["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert!(
        below.contains("expected function signature `fn(_, &_) -> _`")
            && below.contains("found function signature `fn(_, _) -> _`")
            && below.contains("|arg0: f64, other: &f64| f64::min(arg0, *other)")
            && !below.contains("The same error"),
        "{below}"
    );
    // Evcxr's handling of a `fn` is never called a move (that word is ownership's).
    assert!(
        cells.iter().all(|c| c["source"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| !l.as_str().unwrap().contains("moves a fn"))),
        "a notebook rule worded as a move"
    );
    // Exercise 0.8 leaves the start to the learner: its prompt names no infinity, no fold from an infinity is
    // shown above it (the min fold from +∞ comes after its check), and a worked answer follows its check.
    let prompt_07 = cells
        .iter()
        .position(|c| c["source"].as_array().unwrap().iter().any(|l| l.as_str().unwrap().contains("**Exercise 0.8")))
        .expect("Exercise 0.8's prompt");
    let prompt_text: String =
        cells[prompt_07]["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert!(
        prompt_text.contains("Which start value?") && !prompt_text.contains("value of *Infinity*"),
        "{prompt_text}"
    );
    let source = |c: &serde_json::Value| -> String {
        c["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect()
    };
    assert!(cells[..prompt_07].iter().all(|c| !source(c).contains("fold(f64::")), "a fold from ±∞ above 0.8");
    let check_07 = v.cell("exercises::rust_reference::largest(my_largest)").index;
    assert!(e0631 > check_07, "the min fold from +∞ after Exercise 0.8's check");
    let worked_07 = source(&cells[check_07 + 1]);
    assert!(
        worked_07.starts_with("<details>") && worked_07.contains("fold(f64::NEG_INFINITY"),
        "0.8's worked answer, folded, just below its check: {worked_07}"
    );
    // A "Predict: does it compile?" cell keeps its error output folded until the learner runs it (JupyterLab
    // opens a cell's folded output when it runs), so the prediction comes before the answer.
    for marker in [
        "fn sq_err_fn(v: f64) -> f64 { (v - y).powi(2) }",
        "let wants_u64: u64 = bare_seed;",
        "let copy = original;",
        "Neuron::new(w, 1.0, Sigmoid);",
    ] {
        let c = &cells[v.cell(marker).index];
        assert!(
            c["metadata"]["jupyter"]["outputs_hidden"] == true && c["metadata"]["jupyter"]["source_hidden"] == false,
            "{marker}: its error output folded, its code in view"
        );
    }
    // The move is predicted before anything says what a move does.
    let moved = v.cell("let copy = original;");
    let before_move: String =
        cells[moved.index - 1]["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert!(
        before_move.contains("Predict: does the cell below run?") && !before_move.contains("may no longer be used")
    );
    // Every heading a lesson links to (and Closures, linked from this page) is followed by its own set-up
    // cell, so that a learner who arrives by the link on a fresh kernel runs it and then meets the error or
    // value the text talks about.
    let mut anchors: Vec<String> =
        vec!["Closures".into(), "Writing-through-a-reference".into(), "The-Rust-of-the-chart-cells".into()];
    for entry in std::fs::read_dir(harness::root().join("notebooks")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ipynb") {
            let text = std::fs::read_to_string(&path).unwrap();
            for part in text.split("rust-reference.ipynb#").skip(1) {
                let anchor: String = part.chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
                if !anchors.contains(&anchor) {
                    anchors.push(anchor);
                }
            }
        }
    }
    assert!(anchors.len() >= 6, "the linked headings: {anchors:?}");
    for anchor in &anchors {
        let title = anchor.replace('-', " ");
        let at = cells
            .iter()
            .position(|c| {
                c["cell_type"] == "markdown"
                    && c["source"].as_array().unwrap().iter().any(|l| {
                        let l = l.as_str().unwrap().trim_end();
                        l.trim_start_matches('#') != l && l.trim_start_matches('#').trim() == title
                    })
            })
            .unwrap_or_else(|| panic!("the heading {title}"));
        let next = &cells[at + 1];
        let source: String = next["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
        assert!(
            next["cell_type"] == "code"
                && next["metadata"]["tags"].as_array().is_some_and(|t| t.iter().any(|t| t == "setup"))
                && source.starts_with("// Arrived by a link? Run this first.\nuse backprop::prelude::*;"),
            "a set-up cell right after the heading {title}"
        );
    }
    // Move and clone: a number is copied by `let q = p;` and stays usable, before the array that moves.
    let number = v.cell("let p = 1.0; let q = p;");
    expect(number, "p", &[1.0], 0.0);
    expect(number, "q", &[1.0], 0.0);
    assert!(number.index < v.cell("let copy = original;").index);
    let x2 = v.cell("let x2 = array![1.0, -2.0, 0.5]; // this section");
    assert!(heading < x2.index && x2.index < v.cell("fmt_f64(f64::max(r, 1.5))").index);
    expect(v, "average", &[-0.5 / 3.0], 0.0);
    expect(v, "sum by fold", &[-0.5], 0.0);
    expect(v, "product by fold", &[-1.0], 0.0);
    expect(v, "larger of -2 and 0.5", &[0.5], 0.0);
    // A named function in place of the closure, after `.copied()`: min(0, 1, −2, 0.5).
    expect(v, "smallest entry by fold", &[-2.0], 0.0);
    // The ReLU chart comes after Exercise 0.6's check, not before.
    let relu_check = v.cell("relu_function(my_relu)").index;
    assert!(v.cell("Figure::single(activation_chart(Relu").index > relu_check);
    // The layer section ends with a whole layer, ReLU(Wx + b), by the learner's my_relu (the crate's stands in).
    let layer = v.cell("let layer_z = w_layer.dot(&layer_x) + &layer_b;");
    assert!(layer.index > relu_check && layer.index < closures.index);
    // The stand-in lives in a small folded helper cell just above, so the layer cell reads as the maths does.
    let helper = v.cell("fn relu_in_use(z: f64) -> f64");
    assert!(helper.index + 1 == layer.index && helper.index > relu_check);
    assert!(helper.text().contains("relu_in_use runs the crate's relu, standing in"), "{}", helper.text());
    assert!(layer.source.contains("let layer_a = layer_z.mapv(relu_in_use); "), "the line the section teaches");
    assert!(!layer.source.contains("exercises::") && !layer.source.contains("let layer_a = {"), "{}", layer.source);
    expect(layer, "Wx + b", &[-0.5, -1.0, 3.0], 0.0);
    expect(layer, "ReLU(Wx + b)", &[0.0, 0.0, 3.0], 0.0);
    // ±∞ are taught, in a folded prediction, before Exercise 0.8; its own cell is a plain todo!().
    let check_07 = v.cell("exercises::rust_reference::largest(my_largest)").index;
    let infinity = v.cell("f64::NEG_INFINITY.max(-3.0)");
    assert!(infinity.index < check_07, "±∞ come before 0.8");
    assert!(infinity.tags.iter().any(|t| t == "answer"), "the ±∞ prediction is folded");
    expect(infinity, "larger of -inf and -3", &[-3.0], 0.0);
    expect(infinity, "smaller of +inf and 5", &[5.0], 0.0);
    let mine_07 = v.cell("fn my_largest(values: &Array1<f64>) -> f64");
    assert!(mine_07.source.contains("todo!(") && !mine_07.source.contains("INFINITY"), "0.8 is not pre-solved");
    // The layer first: Wx, then ReLU and its `if`; the mean of squares and `as f64` (Exercise 0.7, which Day 3
    // core needs) before the capstone's Rust (Exercise 0.8).
    let first_entry = v.cell("layer_wx(answer_0_5)").index;
    assert!(
        relu_check > first_entry && v.cell("if cond_z > 0.0 { \"positive\" }").index > first_entry,
        "ReLU with the layer"
    );
    let mean_check = v.cell("exercises::rust_reference::mean(my_mean_square)").index;
    let refused = v.cell("let average = total / x2.len();");
    assert!(mean_check < check_07 && mean_check > refused.index, "the mean after its `as f64` cell, before fold");
    assert!(v.cell("let seed: u64 = 42;").index < v.cell("let fold_product = ").index, "counting before fold");
    assert!(v.cell(".function(\"f(v) = v·v + 1\", f, -2.0, 2.0, 41)").index < v.cell("let fold_product = ").index);
    // What a closure is, said once: Exercise 0.7 links to Closures instead of a second primer.
    assert!(
        cells.iter().all(|c| c["source"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| !l.as_str().unwrap().contains("in one breath"))),
        "a second closure primer"
    );
    // The three meanings of `&` come before the pair loop whose types the learner predicts, which names no
    // later section.
    let pairs = v.cell("for (p, &g) in zip_a.iter().zip(zip_b.iter())").index;
    let asked = source(&cells[pairs - 1]);
    assert!(asked.contains("Three meanings of `&`") && !asked.contains("fold's"), "{asked}");
    // No label lines inside code cells: the prediction is asked in the markdown.
    assert!(v.0.iter().all(|c| !c.source.contains("▸ Your prediction")), "a prediction label in a code cell");
    harness::expect_exercises(
        v,
        &[
            ("Exercise 0.5", "not attempted yet"),
            ("Exercise 0.6", "not attempted yet"),
            ("Write the update line", "not attempted yet"),
            ("Predict, then check (fold start)", "not attempted yet"),
            ("Exercise 0.7", "not attempted yet"),
            ("Exercise 0.8", "not attempted yet"),
        ],
    );
}

/// The table at the top says which lesson sends the learner where: each row's sender links to that section
/// (a row that says no lesson links it yet must be true), and the back-links name the same senders.
#[test]
fn rust_reference_routing_is_true() {
    let root = harness::root();
    let read = |name: &str| std::fs::read_to_string(root.join("notebooks").join(name)).unwrap();
    let this: serde_json::Value = serde_json::from_str(&read("rust-reference.ipynb")).unwrap();
    let cells = this["cells"].as_array().unwrap();
    let text = |c: &serde_json::Value| -> String {
        c["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect()
    };
    let top = text(&cells[0]);
    for (lesson, anchor, row) in [
        ("day03-backprop-core.ipynb", "From-one-neuron-to-a-layer", "§7, its `Linear(2, 3)` layer"),
        ("backprop-from-scratch.ipynb", "Closures", "§3, its `slope`"),
        ("day10-backprop-basics.ipynb", "Closures", "*Your backward pass, in code*"),
        ("capstone-digits.ipynb", "Rust-you-will-need-for-the-capstone", "§2, its softmax"),
        ("backprop-deep-dive.ipynb", "Writing-through-a-reference", "*Notes* (its `update`)"),
        ("day03-backprop-core.ipynb", "Whole-numbers-that-count", "§7, its `: u64` seed"),
        ("day03-backprop-core.ipynb", "Move-and-clone", "§2, its `w.clone()`"),
        ("day03-backprop-core.ipynb", "The-mean-of-several-samples", "§6, its `mse_loss`"),
    ] {
        assert!(read(lesson).contains(&format!("rust-reference.ipynb#{anchor}")), "{lesson} links to #{anchor}");
        assert!(top.contains(row) && top.contains(&format!("(#{anchor})")), "the row {row} for #{anchor}");
    }
    let mean_linked = std::fs::read_dir(root.join("notebooks")).unwrap().any(|e| {
        let p = e.unwrap().path();
        p.extension().is_some_and(|x| x == "ipynb")
            && std::fs::read_to_string(&p).unwrap().contains("rust-reference.ipynb#The-mean-of-several-samples")
    });
    assert!(mean_linked != top.contains("no lesson links here yet"), "the mean's row says who links it");
    let all: String = cells.iter().filter(|c| c["cell_type"] == "markdown").map(text).collect();
    for stale in ["*Before you start*", "Day 3 core §1, its", "it is not read in order"] {
        assert!(!all.contains(stale), "a stale route: {stale}");
    }
    assert!(all.contains("Sent here from Day 3 core §7, its `Linear(2, 3)` layer?"));
    assert!(all.contains("Sent here from Day 3 core §2, its `w.clone()`?"));
    // Exercise 0.5's numbers are not written out in the prose below it.
    assert!(!all.contains("[-1.5, 2, 3]"), "Exercise 0.5's answer in the prose");
}
