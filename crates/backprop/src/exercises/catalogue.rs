//! Every exercise of the course, with its lesson and its answer, for two tests:
//! each check's verdict on every kind of answer a learner may give (here), and
//! where its answer may be on screen (`on_screen`).

use super::function::FunctionExercise;
use super::number::{round_to_figures, NumberExercise};
use super::*;

/// What kind of answer an exercise takes, with what the tests need of it.
pub(super) enum Kind {
    /// A number to a stated precision.
    Number(NumberExercise),
    /// Several numbers (a practice problem).
    Parts(Vec<NumberExercise>),
    /// A function or closure of one number.
    Function(FunctionExercise),
    /// Anything else (a sign, a unit, a shape, a fixed step or loop, a function
    /// of arrays): its own tests cover every verdict; these strings would give
    /// its answer away if they stood above it.
    Other(&'static [&'static str]),
}

pub(super) struct Entry {
    pub(super) lesson: &'static str,
    pub(super) exercise: &'static str,
    pub(super) kind: Kind,
}

fn entry(lesson: &'static str, exercise: &'static str, kind: Kind) -> Entry {
    Entry { lesson, exercise, kind }
}

/// Every exercise, in course order.
pub(super) fn catalogue() -> Vec<Entry> {
    use Kind::*;
    vec![
        // z is -1: a bare 1 is on screen everywhere, so the lines that print them stand for them.
        entry("start-here", "Predict, then check (z)", Other(&["z = -1"])),
        entry("start-here", "Exercise 0.1", Number(start_here::neuron_output_exercise())),
        entry("start-here", "Exercise 0.2", Function(start_here::sigmoid_function_exercise())),
        entry("start-here", "Exercise 0.3", Function(start_here::half_square_exercise())),
        entry("start-here", "Exercise 0.4", Other(&[])),
        entry("start-here", "Predict, then check (nudge)", Other(&["L goes down = true"])),
        entry("start-here", "Compute, then check (ratio)", Number(start_here::nudge_ratio_exercise())),
        entry("start-here", "Predict, then check (step sign)", Other(&[])),
        entry("start-here", "Build, then check (move)", Other(&[])),
        entry("start-here", "Compute, then check (update)", Number(start_here::one_update_exercise())),
        entry("start-here", "Compute, then check (first drop)", Number(start_here::first_drop_exercise())),
        entry("start-here", "Write the step", Function(start_here::training_step_exercise())),
        entry("start-here", "Write the loop (twenty steps)", Number(start_here::twenty_steps_exercise())),
        entry("start-here", "Compute, then check (step size)", Parts(start_here::first_landings_parts())),
        // Its folded reveal works it out from the two ratios; the loop below it then measures it, unfolded.
        entry(
            "start-here",
            "Predict, then check (second step)",
            Other(&["the second ratio is larger in size = true", "second drop is larger = true"]),
        ),
        entry("start-here", "Compute, then check (second ratio)", Number(start_here::second_ratio_exercise())),
        entry("start-here", "Compute, then check (second drop)", Number(start_here::second_drop_exercise())),
        // Rust reference: a layer, Wx, and ReLU (before Day 3 core's second network).
        // Its answers, 2 and 3, show everywhere as numbers: the line its folded reveal prints stands for them.
        entry("rust-reference", "Exercise 0.5", Other(&["W·x = [-1.5, 2, 3]"])),
        entry("rust-reference", "Exercise 0.6", Function(start_here::relu_function_exercise())),
        // The deep dive's update line: the loop body, or the numbers it leaves in params.
        entry("rust-reference", "Write the update line", Other(&["*v -= lr * g", "[0.48, -0.29, 1.9]"])),
        // Counting, means and charts: a mean, with `as f64` (its folded worked answer divides so).
        entry("rust-reference", "Exercise 0.7", Other(&["errors.len() as f64"])),
        // The Rust the capstone needs.
        // Its answer, 0, shows everywhere as a number: the line its folded reveal prints stands for it.
        entry("rust-reference", "Predict, then check (fold start)", Other(&["largest by fold from 0.0 = 0"])),
        entry("rust-reference", "Exercise 0.8", Other(&["fold(f64::NEG_INFINITY"])),
        entry("day03-backprop-core", "Predict, then check (§1)", Number(day03::sigmoid_of_z_exercise(4.4))),
        entry(
            "day03-backprop-core",
            "Predict, then check (§2, loss)",
            Number(day03::loss_of_output_exercise(0.5, 1.0)),
        ),
        // Its answer, 0, shows everywhere as a number: the phrase the nudge cell prints.
        entry("day03-backprop-core", "Predict, then check (§2)", Other(&["w2 + 0.1: change in L = 0"])),
        entry("day03-backprop-core", "Exercise 1.1", Function(day03::sigmoid_slope_exercise())),
        // Start here printed this neuron's a and its measured ratio ≈ −0.4312: the learner derives what they saw,
        // so the phrase its folded reveal prints stands for its answers.
        entry("day03-backprop-core", "Exercise 1.2", Other(&["dL/dz = -0.143735"])),
        // §2's neuron: its answers, the factors −0.5 and 0.25 and their product −0.125, are also §1's peak slope,
        // §2's a and loss, and the nudge ratio it heads for; the line its folded reveal prints stands for them.
        entry("day03-backprop-core", "Predict, then check (§3)", Other(&["dL/dw1 = -0.125"])),
        entry("day03-backprop-core", "Exercise 1.3", Other(&[])),
        entry("day03-backprop-core", "Exercise 1.4", Other(&[])),
        // Its answer, −0.123, shows as a different number in Start here: its phrase as the lesson prints it.
        entry("day03-backprop-core", "Exercise 1.5", Other(&["dL/dz = -0.123"])),
        entry("day03-backprop-core", "Predict, then check (§7, count)", Number(day03::parameter_count_exercise())),
        entry("day03-backprop-core", "Predict, then check (§7, loss)", Number(day03::loss_of_prediction_stored())),
        entry(
            "day03-backprop-core",
            "Predict, then check (§6, one neuron)",
            Other(&["dL_mse/dy_hat = -1", "dL_mse/db = -0.25"]),
        ),
        entry("day03-backprop-core", "Exercise 1.8", Parts(day03::graph_gradients_parts())),
        entry("day03-backprop-core", "Predict, then check (§7, ReLU blocks)", Parts(day03::blocked_unit_parts())),
        entry("day03-backprop-core", "Predict, then check (§8, step)", Number(day03::bias_after_step_exercise())),
        entry(
            "day03-backprop-core",
            "Predict, then check (§9)",
            Number(day03::bias_gradient_after_two_passes_exercise()),
        ),
        entry("day03-backprop-core", "Exercise 1.9", Other(&[])),
        entry("day03-backprop-core", "Exercise 1.6", Number(day03::gradient_of_w1_exercise())),
        entry("day03-backprop-core", "Exercise 1.7", Number(day03::bias_after_one_step_exercise())),
        entry("day10-backprop-basics", "Exercise 2.1", Number(day10::gradient_of_w_exercise(2.0, 0.5, 0.0, 1.0))),
        entry("day10-backprop-basics", "Compute, then check: ŷ", Number(day10_network_output())),
        entry("day10-backprop-basics", "Exercise 2.2", Parts(day10_output_layer())),
        entry("day10-backprop-basics", "Exercise 2.3", Other(&[])),
        entry("day10-backprop-basics", "Exercise 2.4", Parts(day10_hidden_layer())),
        entry("day10-backprop-basics", "Exercise 2.5", Number(day10_hidden_unit())),
        entry("day10-backprop-basics", "Exercise 2.6", Parts(day10_hidden_layer_both_on())),
        entry("day10-backprop-basics", "Exercise 2.7", Other(&[])),
        entry("day10-backprop-basics", "Exercise 2.8", Other(&[])),
        // A count (4, an Option<usize>) and a yes/no: bare numbers and `true` are on screen everywhere; the tests of day10.rs cover the verdicts.
        entry("day10-backprop-basics", "Predict, then check: the zero gradients", Other(&[])),
        entry("day10-backprop-basics", "Compute, then check: one step's update", Parts(day10_one_step_update())),
        entry("day10-backprop-basics", "Compute, then check: ŷ after one step", Number(day10_prediction_after_step())),
        entry("day10-backprop-basics", "Compute, then check: step 1, the output layer alone", Parts(day10_step_one())),
        entry(
            "day10-backprop-basics",
            "Predict, then check: the output layer alone at three rates",
            Number(day10_three_rates_edge()),
        ),
        entry(
            "day10-backprop-basics",
            "Compute, then check: the output layer at step 2",
            Number(day10_step_two_factor()),
        ),
        entry("day10-backprop-basics", "Compute, then check: K_all at step 2", Number(day10_step_two_curvature())),
        entry(
            "day10-backprop-basics",
            "Predict, then check: the lowest loss after 30 steps",
            Other(&["below 1e-15 = true"]),
        ),
        entry("backprop-from-scratch", "Exercise 3.1", Parts(scratch::neuron_parts())),
        // The mul box's gradient is -6: a bare 6 is on screen everywhere, so the graph's line stands for it.
        entry("backprop-from-scratch", "Exercise 3.2", Other(&["(b, a)", "= b and", "∂c/∂a = b"])),
        entry("backprop-from-scratch", "Exercise 3.3", Other(&["1 − t²", "1 - t * t", "1.0 - t * t", "1 − t^2"])),
        entry("backprop-from-scratch", "Exercise 3.4", Other(&["n·aⁿ⁻¹", "n * a.powf(n - 1.0)", "n·a^(n−1)"])),
        entry("backprop-from-scratch", "Exercise 3.6", Other(&["visit(input, order)", "order.push(v.clone())"])),
        entry(
            "backprop-from-scratch",
            "Exercise 3.7",
            Other(&["grad += local * node.grad", "loss.0.borrow_mut().grad = 1.0"]),
        ),
        entry(
            "backprop-from-scratch",
            "Predict, then check: `a.grad` after the obvious line",
            Other(&["a.grad after the obvious line = 1"]),
        ),
        entry("backprop-from-scratch", "Exercise 3.5", Parts(scratch::shared_node_parts(0.5, 0.8))),
        entry("backprop-from-scratch", "Write the line: `weighted_sum`", Other(&["wi.mul(xi)", "z.add(&wi.mul"])),
        entry("backprop-from-scratch", "Predict, then check: the parameter count", Other(&["parameters = 41"])),
        entry("backprop-from-scratch", "Exercise 3.8", Other(&["node.data -= lr * node.grad"])),
        entry(
            "backprop-from-scratch",
            "Compute, then check: dL/dW on a batch of two",
            Parts(scratch::batch_dl_dw_parts()),
        ),
        entry("backprop-from-scratch", "Exercise 3.9", Other(&["[3, 4]", "3 × 4"])),
        entry(
            "backprop-from-scratch",
            "Compute, then check: dL/dX on the batch of two",
            Parts(scratch::batch_dl_dx_parts()),
        ),
        entry(
            "backprop-from-scratch",
            "Compute, then check: dL/dX with two outputs",
            Number(scratch::two_output_dl_dx_exercise()),
        ),
        entry("backprop-from-scratch", "Write the line: `dl_dx`", Other(&["dl_dout.dot(w)"])),
        entry("backprop-from-scratch", "Exercise 3.10", Other(&[])),
        entry("backprop-from-scratch", "Exercise 3.11", Other(&["2(pred − target)/M"])),
        entry("backprop-from-scratch", "Exercise 3.12", Number(scratch::cached_dl_dw_exercise())),
        entry("backprop-from-scratch", "Compute, then check: the first gradients", Number(scratch_first_factor())),
        entry("backprop-from-scratch", "Write the function: `epoch_step`", Other(&["&model.w - &(dl_dw * lr)"])),
        entry("backprop-from-scratch", "Exercise 3.13", Other(&[])),
        entry("backprop-deep-dive", "Exercise 4.1", Number(deep_dive::neuron_gradient_exercise(1.5, -0.5, 0.0, 1.0))),
        entry(
            "backprop-deep-dive",
            "Exercise 4.2",
            Number(deep_dive::chain_hidden_delta_exercise(1.5, 0.8, -0.3, -1.1, 0.3, 1.0)),
        ),
        entry("backprop-deep-dive", "Predict, then check", Number(deep_dive::unit_delta_first())),
        entry(
            "backprop-deep-dive",
            "Predict, then check (two outputs)",
            Number(deep_dive::two_outputs_delta_exercise()),
        ),
        entry(
            "backprop-deep-dive",
            "Exercise 4.3",
            Other(&["delta.t().dot(a_prev)", "(\\delta^{[l]})^{\\top}a^{[l-1]}"]),
        ),
        entry("backprop-deep-dive", "Exercise 4.4", Other(&["delta_next.dot(w_next)", "\\delta^{[l+1]}\\,W^{[l+1]}"])),
        entry("backprop-deep-dive", "Predict, then check (three layers)", Number(deep_dive::three_layer_delta_first())),
        entry("backprop-deep-dive", "Exercise 4.5", Other(&[])),
        entry("backprop-deep-dive", "Exercise 4.6", Other(&[])),
        entry(
            "backprop-deep-dive",
            "Predict, then check (sigmoid and BCE)",
            Parts(deep_dive::bce_output_slope_parts()),
        ),
        // 0.125 is on screen in Day 3 core as other numbers (a loss, a gradient): the check's own tests cover its verdicts.
        entry("backprop-deep-dive", "Predict, then check (XOR's learning rate)", Other(&["0.5 / 4", "0.5/4"])),
        entry("backprop-deep-dive", "Exercise 4.7", Number(deep_dive::tanh_hidden_delta_exercise())),
        entry("backprop-deep-dive", "Predict, then check (which way)", Other(&["so W[1]_11 goes down"])),
        entry("backprop-deep-dive", "Exercise 4.8", Number(deep_dive::weight_after_step_first())),
        entry("backprop-deep-dive", "Exercise 4.9", Other(&["zero gradients = 4", "4 of the 9 gradients"])),
        entry(
            "backprop-deep-dive",
            "Predict, then check (a batch's bias gradient)",
            Number(deep_dive::batch_bias_gradient_exercise()),
        ),
        entry(
            "backprop-deep-dive",
            "Predict, then check (bias gradients)",
            Other(&["samples whose delta1 is all zero (counted from 1): ["]),
        ),
        entry(
            "backprop-deep-dive",
            "Predict, then check (equal start)",
            Other(&["equal start: hidden-unit spread = "]),
        ),
        entry("backprop-deep-dive", "Exercise 4.10", Parts(deep_dive::practice_network_parts())),
        entry("day03-theory-guide", "Exercise 3.1", Number(theory::neuron_chain_rule_exercise())),
        // K = 11 is a whole number that earlier lessons print in other roles, so only its own phrase would give it away.
        entry("day03-theory-guide", "Exercise 4.1a", Other(&["K = 11", "K (x1² + x2² + 1) = 11"])),
        entry("day03-theory-guide", "Exercise 4.1b", Number(theory::diverging_learning_rate_exercise())),
        entry("day03-theory-guide", "Exercise 4.1c", Number(theory::walk_slope_exercise())),
        entry("day03-theory-guide", "Exercise 4.2a", Number(theory::step_curvature_exercise(1))),
        entry("day03-theory-guide", "Exercise 4.2b", Number(theory::step_change_exercise(1, 0.1))),
        entry(
            "day03-theory-guide",
            "Predict, then check (§4, a step 30 times as long)",
            Number(theory::big_step_change_exercise(1, 3.0)),
        ),
        // 0.5 is on screen above as an input: the check's own tests cover its verdicts.
        entry(
            "day03-theory-guide",
            "Predict, then check (§5)",
            Other(&["average of the two slopes", "central difference at 0 = "]),
        ),
        entry("day03-theory-guide", "Predict, then check (§6)", Other(&["so w moves up"])),
        entry(
            "day03-theory-guide",
            "Predict, then check (§7)",
            Number(theory::piled_step_exercise(
                &ndarray::array![[0.5, -0.3]],
                &ndarray::array![0.1],
                &ndarray::array![[1.0, 2.0], [0.5, -1.0], [2.0, 1.0]],
                &ndarray::array![[1.0], [0.0], [1.0]],
                0.1,
            )),
        ),
        entry(
            "day03-theory-guide",
            "Predict, then check (§8, deep chain)",
            Number(theory::chain_first_gradient_exercise(10, 1.5)),
        ),
        entry(
            "day03-theory-guide",
            "Predict, then check (§8, vanishing)",
            Number(theory::sigmoid_slopes_bound_exercise(7)),
        ),
        entry(
            "day03-theory-guide",
            "Exercise 8.1",
            Number(theory::clipped_loss_exercise(&ndarray::array![1.0, 2.0], 1.0, 1.0, 1.0)),
        ),
        entry("day03-theory-guide", "Exercise 8.2", Number(theory::raw_gradient_ratio_exercise(11, 100.0))),
        entry(
            "day03-theory-guide",
            "Exercise 8.3",
            Other(&["Diagnosis::Vanishing, Diagnosis::LrTooHigh", "its steps are too long"]),
        ),
        entry("day03-theory-guide", "Exercise 9.1", Number(theory::bce_gradient_exercise())),
        entry(
            "day03-theory-guide",
            "Exercise 9.2",
            Number(theory::softmax_true_class_gradient_exercise(&ndarray::array![2.0, 1.0, 0.1], 0)),
        ),
        entry("day03-theory-guide", "Predict, then check (§10)", Other(&["updates in all = "])),
        entry(
            "day03-theory-guide",
            "Predict, then check (§12)",
            Other(&["lowest validation loss = ", "training loss below it = "]),
        ),
        entry(
            "day03-theory-guide",
            "Predict, then check (§12, underfitting)",
            Other(&["training loss below half its baseline = "]),
        ),
        // Its answer is a loop: the worked loop's two lines stand for it.
        entry(
            "day03-theory-guide",
            "Exercise 10.1",
            Other(&["(start + batch_size).min(n)", "data_x.slice(s![start..end, ..])"]),
        ),
        entry("capstone-digits", "Exercise 6.1", Number(capstone::tiny_probability_exercise())),
        // The lesson prints the exponentials, not the probabilities: no output above it shows 0.690.
        entry("capstone-digits", "Exercise 6.2", Number(capstone::wrong_class_slope_exercise())),
        // Its folded answer prints ∂L/∂z, whose entries give both parts away.
        entry("capstone-digits", "Predict, then check (§2, dL/dz)", Other(&["dL/dz = [["])),
        // The four lines of the log-sum-exp cell answer it: the one that overflows stands for them.
        entry("capstone-digits", "Predict, then check (§2)", Other(&["e^z computed directly = [[inf, inf, inf]]"])),
        // Part 1, softmax the direct way: its check shows the overflow as the verdict.
        entry("capstone-digits", "Exercise 6.3, part 1", Other(&[])),
        entry("capstone-digits", "Exercise 6.3, part 2", Other(&[])),
        entry("capstone-digits", "Predict, then check (§4)", Other(&["the network beats it = "])),
        entry(
            "capstone-digits",
            "Exercise 6.4",
            Other(&["last one = 30", "last mini-batch holds 30", "30 images left"]),
        ),
        entry("capstone-digits", "Predict, then check (§6)", Number(capstone::untrained_loss_exercise())),
        // Its folded answer prints the five cosines.
        entry("capstone-digits", "Predict, then check (§6, noise)", Other(&["cosine with the full gradient"])),
        entry("capstone-digits", "Predict, then check (§8a)", Other(&["full batch lower = "])),
        entry("capstone-digits", "Predict, then check (§8c)", Other(&["their weights changed = false"])),
        entry("capstone-digits", "Predict, then check (§8d)", Other(&["beats the closest class mean = "])),
        entry("capstone-digits", "Exercise 6.5", Number(capstone::batch_of_two_exercise())),
        entry("capstone-digits", "Exercise 6.6, part 1", Other(&["(softmax_rows(logits) -", "d[[r, labels[r]]] -= 1"])),
        entry("capstone-digits", "Exercise 6.6, part 2", Other(&[])),
        entry("capstone-digits", "Exercise 6.7", Other(&[])),
        entry("capstone-digits", "Exercise 6.8", Other(&[])),
        // The share is the diagonal entry over its row's sum; the folded answer prints it.
        entry("capstone-digits", "Exercise 6.9", Other(&["share of the test 8s it answered right = "])),
        // Its folded answer prints the count, and the compare_mistakes lines that give it.
        entry(
            "capstone-digits",
            "Exercise 6.10",
            Other(&["that the baseline answered right = ", "test 8s both answered wrongly = "]),
        ),
        // Its folded answer lists the units and counts the images on which each was on.
        entry(
            "capstone-digits",
            "Exercise 6.11",
            Other(&["on (z > 0), with the weights of §5 = ", "units whose weights did not move = "]),
        ),
    ]
}

/// Day 10's stored 2-2-1 network (its `parameters` cell), which its catalogue entries check against.
fn day10_net() -> crate::by_hand::TwoLayerNet {
    use ndarray::array;
    crate::by_hand::TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1)
}

/// The output-layer boxes of Day 10's stored 2-2-1 network (x = [1, 2], y = 3).
fn day10_output_layer() -> Vec<NumberExercise> {
    use ndarray::array;
    let net = day10_net();
    day10::output_layer_gradients_parts(&net, &array![1.0, 2.0], 3.0)
}

/// The prediction ŷ of Day 10's stored 2-2-1 network (x = [1, 2]).
fn day10_network_output() -> NumberExercise {
    use ndarray::array;
    let net = day10_net();
    day10::network_output_exercise(&net, &array![1.0, 2.0])
}

/// b^[2] and W^[1]_12 of Day 10's stored 2-2-1 network (x = [1, 2], y = 3) after one step with lr = 0.1.
fn day10_one_step_update() -> Vec<NumberExercise> {
    use ndarray::array;
    let net = day10_net();
    day10::one_step_update_parts(&net, &array![1.0, 2.0], 3.0, 0.1)
}

/// ŷ of Day 10's stored 2-2-1 network (x = [1, 2], y = 3) after one step with lr = 0.1.
fn day10_prediction_after_step() -> NumberExercise {
    use ndarray::array;
    let net = day10_net();
    day10::prediction_after_step_exercise(&net, &array![1.0, 2.0], 3.0, 0.1)
}

/// The hidden-layer boxes of Day 10's stored 2-2-1 network (x = [1, 2], y = 3).
fn day10_hidden_layer() -> Vec<NumberExercise> {
    use ndarray::array;
    let net = day10_net();
    day10::hidden_layer_gradients_parts(&net, &array![1.0, 2.0], 3.0)
}

/// Exercise 2.5: Day 10's stored 2-2-1 network (x = [1, 2], its target y = 3), asked with the target 0.5.
fn day10_hidden_unit() -> NumberExercise {
    use ndarray::array;
    let net = day10_net();
    day10::hidden_unit_gradient_exercise(&net, &array![1.0, 2.0], 3.0)
}

/// Step 1 of Day 10's stored 2-2-1 network, the output layer alone: its factor and where it would put ŷ.
fn day10_step_one() -> Vec<NumberExercise> {
    use ndarray::array;
    let net = day10_net();
    day10::step_one_output_layer_parts(&net, &array![1.0, 2.0], 3.0, 0.1)
}

/// The output layer's edge 1/K_out at the start of Day 10's stored 2-2-1 network.
fn day10_three_rates_edge() -> NumberExercise {
    use ndarray::array;
    let net = day10_net();
    day10::three_rates_edge_exercise(&net, &array![1.0, 2.0], 3.0)
}

/// The output layer's factor 1 − 2·lr·K at step 2 of Day 10's stored 2-2-1 network, lr = 0.1.
fn day10_step_two_factor() -> NumberExercise {
    use ndarray::array;
    let net = day10_net();
    day10::step_two_factor_exercise(&net, &array![1.0, 2.0], 3.0, 0.1)
}

/// K_all at step 2 of Day 10's stored 2-2-1 network, lr = 0.1: the squared slopes of all nine parameters.
fn day10_step_two_curvature() -> NumberExercise {
    use ndarray::array;
    let net = day10_net();
    day10::step_two_curvature_exercise(&net, &array![1.0, 2.0], 3.0, 0.1)
}

/// Exercise 2.6's network: Day 10's stored 2-2-1 network with b1 = [0, 0.5], both hidden units on.
fn day10_hidden_layer_both_on() -> Vec<NumberExercise> {
    use ndarray::array;
    let net =
        crate::by_hand::TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.5], array![0.6, -0.2], 0.1);
    day10::hidden_layer_both_on_parts(&net, &array![1.0, 2.0], 3.0)
}

/// The verdict's first words, as the notebook prints them.
fn kind_of(check: &Check) -> &'static str {
    match check.verdict {
        Verdict::NotAttempted => "not attempted",
        Verdict::Correct(_) => "correct",
        Verdict::NotYet(_) => "not yet",
        Verdict::Waiting(_) => "not checked yet",
    }
}

#[test]
fn every_number_exercise_judges_every_kind_of_answer() {
    let mut covered = 0;
    for e in catalogue() {
        let numbers = match e.kind {
            Kind::Number(n) => vec![n],
            Kind::Parts(parts) => parts,
            _ => continue,
        };
        for n in numbers {
            let name = format!("{} {}", e.exercise, n.exercise);
            let f = n.figures;
            let verdict = |a: Option<f64>| n.check(a);
            assert_eq!(kind_of(&verdict(None)), "not attempted", "{name}: blank");
            for (label, a) in [
                ("at the stated precision", round_to_figures(n.right, f)),
                ("one digit more", round_to_figures(n.right, f + 1)),
            ] {
                assert_eq!(
                    kind_of(&verdict(Some(a))),
                    "correct",
                    "{name}: the right answer {label}, {a}: {}",
                    verdict(Some(a)).to_text()
                );
            }
            for (wrong, hint) in &n.hints {
                if (wrong - n.right).abs() <= 1e-12 * n.right.abs() {
                    panic!("{name}: the hint `{hint}` is for the right answer itself");
                }
                let text = verdict(Some(round_to_figures(*wrong, f))).to_text();
                assert!(text.contains(hint.as_str()), "{name}: the slip {wrong} should get `{hint}`, got `{text}`");
            }
            for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                let c = verdict(Some(bad));
                assert_eq!(kind_of(&c), "not yet", "{name}: {bad}");
                assert!(c.to_text().contains(if bad.is_nan() { "NaN" } else { "∞" }), "{name}: {}", c.to_text());
            }
            let far = n.right * 1.5 + 0.1;
            assert_eq!(kind_of(&verdict(Some(far))), "not yet", "{name}: {far}");
            covered += 1;
        }
    }
    assert!(covered >= 20, "{covered} number answers");
}

#[test]
fn every_function_exercise_judges_every_kind_of_answer() {
    for e in catalogue() {
        let Kind::Function(fx) = e.kind else { continue };
        let name = e.exercise;
        let right = fx.right;
        assert_eq!(kind_of(&fx.check(right)), "correct", "{name}: {}", fx.check(right).to_text());
        assert_eq!(kind_of(&fx.check(|_| todo!())), "not attempted", "{name}: todo!()");
        assert_eq!(kind_of(&fx.check(|z| right(z) + 0.5)), "not yet", "{name}: off by 0.5");
        assert!(fx.check(|_| f64::NAN).to_text().contains("NaN"), "{name}: NaN");
        assert!(fx.check(|_| f64::INFINITY).to_text().contains("+∞"), "{name}: +∞");
        assert!(fx.check(|_| f64::NEG_INFINITY).to_text().contains("−∞"), "{name}: −∞");
        assert!(fx.check(|_| -> f64 { panic!("boom") }).to_text().contains("panicked: \"boom\""), "{name}: panic");
    }
}

/// The factor between §6's first gradients in Backpropagation From Scratch, on
/// its data as the `parameters` cell gives it (seed 42).
fn scratch_first_factor() -> NumberExercise {
    let mut init = crate::rng(42);
    let x = crate::uniform(&mut init, 100, 1, 0.0, 5.0);
    let y = x.mapv(|v| 3.0 * v + 2.0) + crate::randn(&mut init, 100, 1) * 0.1;
    let model = crate::by_hand::Linear::from_weights(crate::randn(&mut init, 1, 1) * 0.1, ndarray::Array1::zeros(1));
    scratch::first_gradient_factor_exercise(&x, &y, &model)
}
