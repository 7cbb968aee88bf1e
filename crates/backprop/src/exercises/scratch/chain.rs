//! Exercises 3.1, 3.5 and 3.12, and §4's dL/dW on a batch of two: numbers
//! asked before the lesson shows them:
//! the one-neuron chain rule, the boxes of a graph whose inner node reaches the
//! result along two paths,
//! the weight gradient of a batch of two summed by hand,
//! and the weight gradient a `Linear` layer holds after a batch of three.

use crate::exercises::number::{check_parts, NumberExercise};
use crate::exercises::Check;

/// The neuron of Exercise 3.1: (w, b, x, y), with ŷ = w·x + b and L = (ŷ − y)².
///
/// x = −0.8 keeps the usual slips apart: with x = −0.5, half of dL/dw (the
/// forgotten 2) and dL/dw with a flipped sign of x land on numbers that are
/// also other slips' answers.
const NEURON: (f64, f64, f64, f64) = (1.3, 0.35, -0.8, 1.12);

/// Exercise 3.1: [dL/dw, dL/db] for the linear neuron w = 1.3, b = 0.35,
/// x = −0.8, y = 1.12 with L = (ŷ − y)², each to 3 significant figures.
pub fn neuron_gradients(answers: [Option<f64>; 2]) -> Check {
    check_parts("Exercise 3.1", &neuron_parts(), &answers)
}

/// One part of a graph's boxes, asked to 3 significant figures.
fn three_figures(
    exercise: &'static str,
    right: f64,
    why: &str,
    hints: Vec<(f64, String)>,
    reread: &'static str,
) -> NumberExercise {
    NumberExercise { exercise, right, figures: 3, why: why.into(), hints, reread }
}

pub(crate) fn neuron_parts() -> Vec<NumberExercise> {
    let (w, b, x, y) = NEURON;
    let y_hat = w * x + b;
    let dl_dy_hat = 2.0 * (y_hat - y);
    let reread = "\"Gradients by hand: compute, then check\" (§2), or the chain rule of Day 3 core and Day 10";
    let part = |name, right: f64, why: &str, hints| three_figures(name, right, why, hints, reread);
    vec![
        part(
            "dL/dw",
            dl_dy_hat * x,
            "dL/dŷ·dŷ/dz·dz/dw = 2(ŷ − y)·1·x.",
            vec![
                (-dl_dy_hat * x, "The sign is flipped: mind the sign of x and of ŷ − y.".into()),
                (dl_dy_hat * x / 2.0, "Half the right value: the square brings down a factor 2.".into()),
                (
                    -dl_dy_hat * x / 2.0,
                    "That is (y − ŷ)·x: the square brings down a factor 2, and dL/dŷ = 2(ŷ − y), not 2(y − ŷ).".into(),
                ),
                (dl_dy_hat, "That is dL/dŷ: multiply by dz/dw = x.".into()),
            ],
        ),
        part(
            "dL/db",
            dl_dy_hat,
            "dL/dŷ·dŷ/dz·dz/db = 2(ŷ − y)·1·1.",
            vec![
                (-dl_dy_hat, "The sign is flipped: is ŷ above or below y?".into()),
                (dl_dy_hat / 2.0, "Half the right value: the square brings down a factor 2.".into()),
                (dl_dy_hat * x, "That is dL/dw: for the bias, dz/db = 1.".into()),
            ],
        ),
    ]
}

/// Exercise 3.5: the boxes of L = (tanh u + u)² with u = p·q, where u reaches
/// the sum along two paths (through tanh and on its own), at the example's `p`
/// and `q` (the lesson's `parameters` cell: `value_a`, `value_b`): [dL/dt (the tanh box, t = tanh u),
/// dL/du, dL/dp, dL/dq], each to 3 significant figures.
pub fn shared_node_boxes(answers: [Option<f64>; 4], a: f64, b: f64) -> Check {
    check_parts("Exercise 3.5", &shared_node_parts(a, b), &answers)
}

pub(crate) fn shared_node_parts(a: f64, b: f64) -> Vec<NumberExercise> {
    let u = a * b;
    let t = u.tanh();
    let s = t + u;
    let dl_ds = 2.0 * s; // the pow box hands the add box 2s; add hands it on unchanged
    let through_tanh = dl_ds * (1.0 - t * t); // u's share through tanh
    let dl_du = through_tanh + dl_ds; // plus its share through + u
    let reread =
        "\"A node used twice\" (§3): its \"Three patterns\", just above Exercise 3.5; u collects both of its shares before it hands anything on to p and q";
    let part = |name, right: f64, why: String, hints| three_figures(name, right, &why, hints, reread);
    // The two slips of a box below u: only one of u's two shares, times the factor k below u.
    let one_share = |name: &str, k: f64| -> Vec<(f64, String)> {
        vec![
            (
                through_tanh * k,
                format!("That is {name}'s share through tanh alone: u also reaches the sum on its own (+ u), and u must collect that share too before it passes its gradient back."),
            ),
            (
                dl_ds * k,
                format!("That is {name}'s share through + u alone: u also reaches the sum through tanh u, and u must collect that share too before it passes its gradient back."),
            ),
        ]
    };
    // tanh's local derivative taken at its input u, 1 − u², instead of at its result t: within 1 % here.
    let at_u = dl_ds * (1.0 - u * u) + dl_ds;
    let tanh_at_u = |name: &str| -> (f64, String) {
        let carried = if name == "dL/du" { String::new() } else { format!(" ({name} carries it through dL/du)") };
        (
            at_u * if name == "dL/dp" { b } else if name == "dL/dq" { a } else { 1.0 },
            format!("That uses 1 − u² for tanh's local derivative{carried}: it is written with its result t = tanh u, not with u (Exercise 3.3)."),
        )
    };
    let mut du_hints = one_share("dL/du", 1.0);
    du_hints.push((-dl_du, "The sign is flipped.".into()));
    du_hints.push(tanh_at_u("dL/du"));
    let mut da_hints = one_share("dL/dp", b);
    da_hints.push(tanh_at_u("dL/dp"));
    da_hints.extend([
        (dl_du, "That is dL/du: multiply by the product's local derivative for p, the other input q.".into()),
        (dl_du * a, "You multiplied by p: the product's local derivative for p is the other input, q.".into()),
        (-dl_du * b, "The sign is flipped.".into()),
    ]);
    let mut db_hints = one_share("dL/dq", a);
    db_hints.push(tanh_at_u("dL/dq"));
    db_hints.extend([
        (dl_du, "That is dL/du: multiply by the product's local derivative for q, the other input p.".into()),
        (dl_du * b, "You multiplied by q: the product's local derivative for q is the other input, p.".into()),
        (-dl_du * a, "The sign is flipped.".into()),
    ]);
    vec![
        part(
            "dL/dt",
            dl_ds,
            format!("the square hands the sum s = t + u its gradient 2s, and add hands it on unchanged to t (here s = {s:.4})."),
            vec![
                (s, "Half the right value: the square brings down a factor 2.".into()),
                (1.0, "That is dL/dL: follow it back through the square (local derivative 2s) and the add.".into()),
                (-dl_ds, "The sign is flipped.".into()),
                (through_tanh, "That is what the tanh box hands u (dL/dt times tanh's local derivative 1 − t²): the tanh box itself holds dL/dt.".into()),
            ],
        ),
        part(
            "dL/du",
            dl_du,
            "u reaches the sum along two paths, and the shares add up: dL/dt·(1 − t²) through tanh, plus dL/ds·1 on its own.".into(),
            du_hints,
        ),
        part("dL/dp", dl_du * b, "dL/du, with both of u's shares, times the product's local derivative for p, the other input q.".into(), da_hints),
        part("dL/dq", dl_du * a, "dL/du, with both of u's shares, times the product's local derivative for q, the other input p.".into(), db_hints),
    ]
}

/// Exercise 3.12: the `dl_dw` a `Linear` layer with weight 0.5 and bias 0
/// holds after a forward and a backward pass with the MSE loss on inputs
/// [1, 2, 3] and targets [2, 3, 4], to 3 significant figures.
///
/// Three samples, so that the factor 2/M of the MSE's gradient is 2/3 and
/// leaving it out gives a wrong number (with two samples 2/M = 1).
pub fn cached_dl_dw(answer: Option<f64>) -> Check {
    cached_dl_dw_exercise().check(answer)
}

pub(crate) fn cached_dl_dw_exercise() -> NumberExercise {
    let (w, xs, ys) = (0.5, [1.0, 2.0, 3.0], [2.0, 3.0, 4.0]);
    let n = xs.len() as f64;
    let diffs: Vec<f64> = xs.iter().zip(&ys).map(|(x, y)| w * x - y).collect();
    let sum_diff_x: f64 = diffs.iter().zip(&xs).map(|(d, x)| d * x).sum();
    let right = 2.0 * sum_diff_x / n;
    NumberExercise {
        exercise: "Exercise 3.12",
        right,
        figures: 3,
        why: "dL/dY = 2(pred − target)/M for each sample, and dL/dw sums it times each sample's input.".into(),
        hints: vec![
            (-right, "The sign is flipped: every prediction is below its target.".into()),
            (
                sum_diff_x,
                "That is Σ (pred − target)·x alone: §5's dL/dY = 2(pred − target)/M carries the factor 2/M, with M = 3 samples of one output each.".into(),
            ),
            (right * n, "That is the sum over the samples: the MSE takes the mean, so divide by M = 3.".into()),
            (right / 2.0, "Half the right value: the square brings down a factor 2.".into()),
            (
                2.0 * diffs.iter().sum::<f64>() / n,
                "That is dL/db: each sample's share to w is multiplied by its input x.".into(),
            ),
        ],
        reread: "§5 (dL/dY) and \"The three products\" (§4)",
    }
}

/// The prediction before Exercise 3.7: `a.grad` for c = a + a after the loop
/// that *sets* each input's gradient to its share (the second share replaces
/// the first), to 3 significant figures.
pub fn a_grad_after_the_obvious_line(answer: Option<f64>) -> Check {
    a_grad_after_the_obvious_line_exercise().check(answer)
}

pub(crate) fn a_grad_after_the_obvious_line_exercise() -> NumberExercise {
    NumberExercise {
        exercise: "Your prediction (a.grad after the obvious line)",
        right: 1.0,
        figures: 3,
        why: "c hands a two shares of 1, but the line sets the gradient: the second share replaces the first instead of joining it.".into(),
        hints: vec![
            (2.0, "2 is what dc/da should be, but look at the line: it *sets* the gradient to the share (=), so the second share replaces the first.".into()),
            (1.5, "That is a's value, not its gradient.".into()),
            (0.0, "c does hand a its shares: the loop runs once per input of c, and a is both of them.".into()),
        ],
        reread: "the a + a cell above its check (the line marked \"the obvious line\")",
    }
}

/// The batch of "Compute, then check: dL/dW on a batch of two" (§4): X
/// (2 samples × 2 inputs) and dL/dY (2 samples × 1 output) of a layer whose W
/// is 1 × 2.
pub const BATCH_X: [[f64; 2]; 2] = [[0.4, 1.2], [2.0, -0.5]];
/// dL/dY of the same batch, one number per sample (B × O = 2 × 1).
pub const BATCH_DL_DY: [f64; 2] = [0.55, -2.1];

/// "Compute, then check: dL/dW on a batch of two" (§4): [dL/dW_11, dL/dW_12, dL/db_1]
/// for a layer with W of shape 1 × 2 on the batch [`BATCH_X`] with
/// ∂L/∂Y = [`BATCH_DL_DY`], each entry dL/dW_1k = Σ_s (∂L/∂Y)_s·X_sk and
/// dL/db_1 = Σ_s (∂L/∂Y)_s, to 3 significant figures. Names one sample's share
/// alone, the mean in place of the sum, a flipped sign and the two entries swapped.
pub fn batch_dl_dw(answers: [Option<f64>; 3]) -> Check {
    check_parts("Compute, then check: dL/dW on a batch of two", &batch_dl_dw_parts(), &answers)
}

pub(crate) fn batch_dl_dw_parts() -> Vec<NumberExercise> {
    let (x, g) = (BATCH_X, BATCH_DL_DY);
    let share = |s: usize, k: usize| g[s] * x[s][k];
    let entry = |k: usize| share(0, k) + share(1, k);
    let reread = "\"Compute, then check: dL/dW on a batch of two\" (§4): nudge W_1k, follow each sample, and recall what a branch does with its shares";
    let part = |k: usize, name: &'static str| {
        let (right, other) = (entry(k), entry(1 - k));
        three_figures(
            name,
            right,
            &format!(
                "each sample hands W_1{} its share (dL/dY)_s·X_s{}, and W is used by both samples, so the two shares add.",
                k + 1,
                k + 1
            ),
            vec![
                (share(0, k), "That is the first sample's share alone: W is used by both samples, a branch, so the second sample's share adds to it.".into()),
                (share(1, k), "That is the second sample's share alone: W is used by both samples, a branch, so the first sample's share adds to it.".into()),
                (right / 2.0, "That is the mean of the two shares: a branch sums its shares, it does not average them (any mean of the loss is already inside dL/dY).".into()),
                (-right, "The sign is flipped: mind the signs of dL/dY and of X.".into()),
                (other, format!("That is the other entry: W_1{} multiplies input {}, so its shares use column {} of X.", k + 1, k + 1, k + 1)),
            ],
            reread,
        )
    };
    let bias = three_figures(
        "dL/db_1",
        g[0] + g[1],
        "b_1 is added to every sample's output with local derivative 1, so each sample hands it (dL/dY)_s, and the two shares add.",
        vec![
            (g[0], "That is the first sample's share alone: b_1 is used by both samples, a branch, so the second sample's share adds to it.".into()),
            (g[1], "That is the second sample's share alone: b_1 is used by both samples, a branch, so the first sample's share adds to it.".into()),
            ((g[0] + g[1]) / 2.0, "That is the mean of the two shares: a branch sums its shares, it does not average them.".into()),
            (-(g[0] + g[1]), "The sign is flipped: mind the signs of dL/dY.".into()),
        ],
        reread,
    );
    vec![part(0, "dL/dW_11"), part(1, "dL/dW_12"), bias]
}

/// The weights of the batch-of-two layer, W = [W_11, W_12] (1 × 2), for
/// "Compute, then check: dL/dX on the batch of two" (§4).
pub const BATCH_W: [f64; 2] = [0.3, -0.7];

/// "Compute, then check: dL/dX on the batch of two" (§4): [dL/dX_12, dL/dX_21]
/// for the layer W = [`BATCH_W`] on the batch [`BATCH_X`] with ∂L/∂Y =
/// [`BATCH_DL_DY`]: each entry (∂L/∂X)_sk = (∂L/∂Y)_s·W_1k (one output), to 3
/// significant figures. Names the other weight, the other sample's ∂L/∂Y, a sum
/// over the batch, the input in place of the weight and a flipped sign.
pub fn batch_dl_dx(answers: [Option<f64>; 2]) -> Check {
    check_parts("Compute, then check: dL/dX on the batch of two", &batch_dl_dx_parts(), &answers)
}

pub(crate) fn batch_dl_dx_parts() -> Vec<NumberExercise> {
    let (x, g, w) = (BATCH_X, BATCH_DL_DY, BATCH_W);
    let reread =
        "\"Compute, then check: dL/dX on the batch of two\" (§4): nudge X_sk, and follow the one output it moves";
    let part = |s: usize, k: usize, name: &'static str| {
        let (o, other_k) = (1 - s, 1 - k);
        three_figures(
            name,
            g[s] * w[k],
            &format!(
                "nudging X_{s1}{k1} moves only sample {s1}'s output, by W_1{k1} per unit (a product hands each factor the other one), so dL/dX_{s1}{k1} = (dL/dY)_{s1}·W_1{k1}.",
                s1 = s + 1,
                k1 = k + 1
            ),
            vec![
                (g[s] * w[other_k], format!("That uses W_1{}: input {} meets W_1{} only.", other_k + 1, k + 1, k + 1)),
                (g[o] * w[k], format!("That uses sample {}'s dL/dY: X_{}{} is an input of sample {} alone, and only that sample's output moves.", o + 1, s + 1, k + 1, s + 1)),
                ((g[0] + g[1]) * w[k], format!("That adds both samples' shares: X_{}{} belongs to sample {} alone, so it is no branch; only W and b are used by every sample.", s + 1, k + 1, s + 1)),
                (g[s] * x[s][k], format!("That multiplies by the input X_{}{} itself: that is a share of dL/dW. A product hands each factor the other one, and X's other factor is W.", s + 1, k + 1)),
                (-g[s] * w[k], "The sign is flipped: mind the signs of dL/dY and of W.".into()),
            ],
            reread,
        )
    };
    vec![part(0, 1, "dL/dX_12"), part(1, 0, "dL/dX_21")]
}

/// The layer of "Compute, then check: dL/dX with two outputs" (§4): W (2 outputs ×
/// 2 inputs), on the batch [`BATCH_X`].
pub const TWO_OUTPUT_W: [[f64; 2]; 2] = [[0.3, -0.7], [0.5, 0.2]];
/// dL/dY of the same batch with two outputs, one row per sample (B × O = 2 × 2).
pub const TWO_OUTPUT_DL_DOUT: [[f64; 2]; 2] = [[0.55, -1.5], [-2.1, 0.4]];

/// "Compute, then check: dL/dX with two outputs" (§4): (∂L/∂X)_12 for the
/// layer W = [`TWO_OUTPUT_W`] on the batch [`BATCH_X`] with ∂L/∂Y =
/// [`TWO_OUTPUT_DL_DOUT`], Σ_j (∂L/∂Y)_1j·W_j2 (X_12 feeds both outputs of
/// sample 1: a branch), to 3 significant figures. Names one output's share
/// alone, W's row in place of its column, the other entry (X_11), the other
/// sample's row, a sum over the batch, the input in place of the weight, a mean
/// over the outputs and a flipped sign.
pub fn two_output_dl_dx(answer: Option<f64>) -> Check {
    two_output_dl_dx_exercise().check(answer)
}

pub(crate) fn two_output_dl_dx_exercise() -> NumberExercise {
    let (x, g, w) = (BATCH_X, TWO_OUTPUT_DL_DOUT, TWO_OUTPUT_W);
    // Σ_j g[s][j]·m(j) for sample s and a weight picked by m.
    let through = |s: usize, m: &dyn Fn(usize) -> f64| g[s][0] * m(0) + g[s][1] * m(1);
    let right = through(0, &|j| w[j][1]);
    three_figures(
        "Compute, then check: dL/dX with two outputs",
        right,
        "X_12 feeds both outputs of sample 1, output j through W_j2, so its two shares (dL/dY)_1j·W_j2 add: a branch.",
        vec![
            (g[0][0] * w[0][1], "That is output 1's share alone: X_12 feeds both outputs of sample 1, a branch, so output 2's share adds to it.".into()),
            (g[0][1] * w[1][1], "That is output 2's share alone: X_12 feeds both outputs of sample 1, a branch, so output 1's share adds to it.".into()),
            (through(0, &|j| w[1][j]), "That uses row 2 of W: input 2 meets output j through W_j2, column 2 of W, one weight from each row.".into()),
            (through(0, &|j| w[j][0]), "That uses column 1 of W, the weights of input 1: that is the entry of X_11. X_12 is input 2.".into()),
            (through(1, &|j| w[j][1]), "That uses sample 2's dL/dY: X_12 is an input of sample 1 alone, and only that sample's outputs move.".into()),
            ((g[0][0] + g[1][0]) * w[0][1] + (g[0][1] + g[1][1]) * w[1][1], "That adds both samples' shares: X_12 belongs to sample 1 alone, so the batch is no branch for it; only its two outputs are.".into()),
            (through(0, &|_| x[0][1]), "That multiplies by the input X_12 itself: a product hands each factor the other one, and X's other factor is W.".into()),
            (right / 2.0, "That is the mean of the two shares: a branch sums its shares, it does not average them.".into()),
            (-right, "The sign is flipped: mind the signs of dL/dY and of W.".into()),
        ],
        "\"Compute, then check: dL/dX with two outputs\" (§4): nudge X_12, and follow every output it moves",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercises::Verdict;

    /// Every slip of `part` lands on a number of its own: no two hints (or the
    /// answer) agree at 3 significant figures.
    fn assert_slips_distinct(part: &NumberExercise) {
        let mut values = vec![part.right];
        values.extend(part.hints.iter().map(|(v, _)| *v));
        for (i, a) in values.iter().enumerate() {
            for b in &values[i + 1..] {
                assert!(!crate::exercises::number::agrees(*a, *b, 3), "{}: {a} and {b}", part.exercise);
            }
        }
    }

    #[test]
    fn the_neuron_gradients_in_every_case() {
        // ŷ = 1.3·(−0.8) + 0.35 = −0.69, dL/dŷ = 2(−0.69 − 1.12) = −3.62, dL/dw = −3.62·(−0.8) = 2.896.
        assert!(neuron_gradients([Some(2.90), Some(-3.62)]).passed());
        assert!(neuron_gradients([Some(2.896), Some(-3.620)]).passed());
        assert_eq!(neuron_gradients([None, None]).verdict, Verdict::NotAttempted);
        let half = neuron_gradients([Some(1.45), Some(-1.81)]).to_text();
        assert!(half.contains("dL/dw: Half the right value") && half.contains("dL/db: Half"), "{half}");
        let mixed = neuron_gradients([Some(-3.62), Some(2.90)]).to_text();
        assert!(mixed.contains("That is dL/dŷ") && mixed.contains("That is dL/dw"), "{mixed}");
        let flipped = neuron_gradients([Some(-2.90), Some(3.62)]).to_text();
        assert!(
            flipped.contains("dL/dw: The sign is flipped") && flipped.contains("dL/db: The sign is flipped"),
            "{flipped}"
        );
        assert!(neuron_gradients([Some(-1.45), None]).to_text().contains("(y − ŷ)·x"));
        // Every slip lands on a number of its own: no two hints (or the answer) agree at 3 figures.
        neuron_parts().iter().for_each(assert_slips_distinct);
        assert!(neuron_gradients([Some(-2.90), Some(-3.62)]).to_text().contains("Right: dL/db"));
        assert!(neuron_gradients([Some(f64::NAN), None]).to_text().contains("NaN"));
        assert!(neuron_gradients([Some(f64::INFINITY), None]).to_text().contains("+∞"));
        assert!(neuron_gradients([Some(f64::NEG_INFINITY), None]).to_text().contains("−∞"));
    }

    #[test]
    fn the_cached_gradient_in_every_case() {
        // pred = [0.5, 1, 1.5], pred − target = [−1.5, −2, −2.5],
        // dL/dw = 2(−1.5·1 − 2·2 − 2.5·3)/3 = 2·(−13)/3 = −8.667.
        assert!(cached_dl_dw(Some(-8.67)).passed());
        assert!(cached_dl_dw(Some(-8.667)).passed());
        assert_eq!(cached_dl_dw(None).verdict, Verdict::NotAttempted);
        assert!(cached_dl_dw(Some(8.67)).to_text().contains("sign is flipped"));
        // Leaving out 2/M gives −13: a number of its own, with its own hint.
        let forgot = cached_dl_dw(Some(-13.0));
        assert!(!forgot.passed() && forgot.to_text().contains("carries the factor 2/M"), "{}", forgot.to_text());
        assert!(cached_dl_dw(Some(-26.0)).to_text().contains("divide by M = 3"));
        assert!(cached_dl_dw(Some(-4.33)).to_text().contains("factor 2"));
        assert!(cached_dl_dw(Some(-4.0)).to_text().contains("That is dL/db"));
        assert!(!cached_dl_dw(Some(-13.0)).to_text().contains("8.67"), "never the answer");
        assert!(cached_dl_dw(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(cached_dl_dw(Some(f64::NEG_INFINITY)).to_text().contains("−∞"));
    }

    #[test]
    fn the_shared_node_boxes_in_every_case() {
        // u = 0.5·0.8 = 0.4, t = tanh 0.4 = 0.37995, s = 0.77995, dL/dt = 2s = 1.5599,
        // dL/du = 2s(1 − t²) + 2s = 1.3347 + 1.5599 = 2.8946, dL/dp = 2.8946·0.8, dL/dq = 2.8946·0.5.
        let (a, b) = (0.5, 0.8);
        assert!(shared_node_boxes([Some(1.56), Some(2.89), Some(2.32), Some(1.45)], a, b).passed());
        assert!(shared_node_boxes([Some(1.5599), Some(2.8946), Some(2.3157), Some(1.4473)], a, b).passed());
        assert_eq!(shared_node_boxes([None; 4], a, b).verdict, Verdict::NotAttempted);
        let tanh_only = shared_node_boxes([Some(1.56), Some(1.33), Some(1.07), Some(0.667)], a, b).to_text();
        assert!(tanh_only.contains("dL/du: That is dL/du's share through tanh alone"), "{tanh_only}");
        assert!(tanh_only.contains("dL/dp: That is dL/dp's share through tanh alone"), "{tanh_only}");
        assert!(tanh_only.contains("dL/dq: That is dL/dq's share through tanh alone"), "{tanh_only}");
        let plus_only = shared_node_boxes([None, Some(1.56), Some(1.25), None], a, b).to_text();
        assert!(plus_only.contains("dL/du: That is dL/du's share through + u alone"), "{plus_only}");
        assert!(plus_only.contains("dL/dp: That is dL/dp's share through + u alone"), "{plus_only}");
        let swapped = shared_node_boxes([None, None, Some(1.45), Some(2.32)], a, b).to_text();
        assert!(swapped.contains("You multiplied by p") && swapped.contains("You multiplied by q"), "{swapped}");
        assert!(shared_node_boxes([Some(0.780), None, None, None], a, b).to_text().contains("Half the right value"));
        assert!(shared_node_boxes([Some(1.33), None, None, None], a, b).to_text().contains("the tanh box itself"));
        assert!(!tanh_only.contains("2.89") && !tanh_only.contains("2.32"), "never the answer");
        // tanh's local derivative at u, 1 − u² = 0.84, not at t: [1.56, 2.87, 2.30, 1.44], all within 1 %.
        let at_u = shared_node_boxes([Some(1.56), Some(2.87), Some(2.30), Some(1.44)], a, b).to_text();
        for name in ["dL/du", "dL/dp"] {
            assert!(at_u.contains(&format!("{name}: That uses 1 − u² for tanh's local derivative")), "{at_u}");
        }
        // dL/dq: 1.44 is also the right 1.4473 cut short, so both readings are named.
        assert!(at_u.contains("dL/dq: Nearly: those are the right value's first 3 figures cut short"), "{at_u}");
        assert!(at_u.contains("If you did round, then: That uses 1 − u² for tanh's local derivative"), "{at_u}");
        assert!(at_u.contains("result t = tanh u, not with u (Exercise 3.3)") && !at_u.contains("Close"), "{at_u}");
        assert!(!at_u.contains("2.89") && !at_u.contains("2.32") && !at_u.contains("1.45"), "never the answer");
        shared_node_parts(a, b).iter().for_each(assert_slips_distinct);
        assert!(shared_node_boxes([Some(f64::NAN), None, None, None], a, b).to_text().contains("NaN"));
        // Other numbers in the parameters cell: the check follows them (u = 2: dL/du = 6.3469).
        assert!(shared_node_boxes([None, Some(6.35), Some(15.9), Some(5.08)], 0.8, 2.5)
            .to_text()
            .contains("Right: dL/du"));
    }

    #[test]
    fn the_batch_weight_gradient_in_every_case() {
        // dL/dW_11 = 0.55·0.4 + (−2.1)·2.0 = 0.22 − 4.2 = −3.98; dL/dW_12 = 0.55·1.2 + (−2.1)(−0.5) = 0.66 + 1.05 = 1.71.
        assert!(batch_dl_dw([Some(-3.98), Some(1.71), Some(-1.55)]).passed());
        assert!(batch_dl_dw([Some(-3.980), Some(1.710), Some(-1.550)]).passed());
        assert_eq!(batch_dl_dw([None, None, None]).verdict, Verdict::NotAttempted);
        let first = batch_dl_dw([Some(0.22), Some(0.66), None]).to_text();
        assert!(
            first.contains("dL/dW_11: That is the first sample's share alone")
                && first.contains("dL/dW_12: That is the first"),
            "{first}"
        );
        assert!(batch_dl_dw([Some(-4.2), Some(1.05), None]).to_text().contains("second sample's share alone"));
        let mean = batch_dl_dw([Some(-1.99), Some(0.855), None]).to_text();
        assert!(mean.contains("dL/dW_11: That is the mean") && mean.contains("dL/dW_12: That is the mean"), "{mean}");
        assert!(batch_dl_dw([Some(3.98), None, None]).to_text().contains("sign is flipped"));
        assert!(batch_dl_dw([Some(1.71), Some(-3.98), None]).to_text().contains("That is the other entry"));
        assert!(!batch_dl_dw([Some(0.22), Some(0.66), None]).to_text().contains("3.98"), "never the answer");
        batch_dl_dw_parts().iter().for_each(assert_slips_distinct);
        assert!(batch_dl_dw([Some(f64::NAN), None, None]).to_text().contains("NaN"));
        // dL/db_1 = 0.55 + (−2.1) = −1.55: one share alone, the mean, the sign.
        assert!(batch_dl_dw([None, None, Some(0.55)])
            .to_text()
            .contains("dL/db_1: That is the first sample's share alone"));
        assert!(batch_dl_dw([None, None, Some(-2.1)]).to_text().contains("second sample's share alone"));
        assert!(batch_dl_dw([None, None, Some(-0.775)]).to_text().contains("dL/db_1: That is the mean"));
        assert!(batch_dl_dw([None, None, Some(1.55)]).to_text().contains("dL/db_1: The sign is flipped"));
        assert!(!batch_dl_dw([None, None, Some(0.55)]).to_text().contains("1.55"), "never the answer");
        assert!(batch_dl_dw([Some(f64::NEG_INFINITY), None, None]).to_text().contains("−∞"));
    }

    #[test]
    fn the_batch_input_gradient_in_every_case() {
        // dL/dX_12 = 0.55·(−0.7) = −0.385; dL/dX_21 = (−2.1)·0.3 = −0.63.
        assert!(batch_dl_dx([Some(-0.385), Some(-0.63)]).passed());
        assert!(batch_dl_dx([Some(-0.3850), Some(-0.630)]).passed());
        assert_eq!(batch_dl_dx([None, None]).verdict, Verdict::NotAttempted);
        let other_w = batch_dl_dx([Some(0.165), Some(1.47)]).to_text();
        assert!(
            other_w.contains("dL/dX_12: That uses W_11") && other_w.contains("dL/dX_21: That uses W_12"),
            "{other_w}"
        );
        let other_s = batch_dl_dx([Some(1.47), Some(0.165)]).to_text();
        assert!(
            other_s.contains("That uses sample 2's dL/dY") && other_s.contains("That uses sample 1's dL/dY"),
            "{other_s}"
        );
        let summed = batch_dl_dx([Some(1.085), Some(-0.465)]).to_text();
        assert!(summed.matches("That adds both samples' shares").count() == 2, "{summed}");
        let input = batch_dl_dx([Some(0.66), Some(-4.2)]).to_text();
        assert!(input.matches("That multiplies by the input").count() == 2, "{input}");
        assert!(batch_dl_dx([Some(0.385), Some(0.63)]).to_text().matches("sign is flipped").count() == 2);
        let near = batch_dl_dx([Some(-0.37), None]).to_text();
        assert!(near.contains("lose") && !near.contains("0.385"), "within 5 %: close, {near}");
        assert!(!other_w.contains("0.385") && !other_w.contains("0.63"), "never the answer");
        assert!(batch_dl_dx([Some(f64::NAN), None]).to_text().contains("NaN"));
        assert!(batch_dl_dx([None, Some(f64::INFINITY)]).to_text().contains("∞"));
        batch_dl_dx_parts().iter().for_each(assert_slips_distinct);
    }

    #[test]
    fn the_two_output_input_gradient_in_every_case() {
        // dL/dX_12 = 0.55·(−0.7) + (−1.5)·0.2 = −0.385 − 0.3 = −0.685.
        assert!(two_output_dl_dx(Some(-0.685)).passed());
        assert!(two_output_dl_dx(Some(-0.6850)).passed());
        assert_eq!(two_output_dl_dx(None).verdict, Verdict::NotAttempted);
        for (slip, says) in [
            (-0.385, "output 1's share alone"),
            (-0.3, "output 2's share alone"),
            (-0.025, "row 2 of W"),
            (-0.585, "the entry of X_11"),
            (1.55, "sample 2's dL/dY"),
            (0.865, "adds both samples' shares"),
            (-1.14, "the input X_12 itself"),
            (-0.343, "the mean of the two shares"),
            (-0.342, "the mean of the two shares"),
            (0.685, "sign is flipped"),
        ] {
            let check = two_output_dl_dx(Some(slip));
            let text = check.to_text();
            assert!(!check.passed() && text.contains(says), "{slip}: {text}");
            assert!(!text.contains("0.685"), "never the answer: {text}");
        }
        assert!(two_output_dl_dx(Some(-0.67)).to_text().contains("Close"), "within 5 %: close");
        assert!(two_output_dl_dx(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(two_output_dl_dx(Some(f64::INFINITY)).to_text().contains("∞"));
        assert_slips_distinct(&two_output_dl_dx_exercise());
    }
}
