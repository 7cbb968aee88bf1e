//! Checks of the learner's scalar engine (the lesson's `Value`) against the
//! crate's engine (`Tensor`): each operation's value and local derivatives at
//! several points, then `backward` on an expression that uses a value twice.
//!
//! The learner hands each check a closure that builds the operation (or the
//! expression) from plain numbers with their `Value` and returns its value with
//! the local derivatives (or, after `backward`, the inputs' gradients).

use super::locals::{naming_stand_ins, LOCALS_STOOD_IN};
use crate::engine::Tensor;
use crate::exercises::attempt::{attempt, not_finite_hint, panic_hint, watching, Attempt};
use crate::exercises::{Check, Verdict};
use crate::maths::local;
use ndarray::arr0;

/// What a closure returns: the value, and one number per input (a local
/// derivative, or a gradient after `backward`).
type Run = (f64, Vec<f64>);

/// One comparison of the learner's engine with the crate's.
struct EngineCheck<'a> {
    name: &'static str,
    /// "local derivative" or "gradient".
    what: &'static str,
    /// The inputs' names, in order: ["a", "b"].
    inputs: &'static [&'static str],
    points: &'static [[f64; 2]],
    at: fn([f64; 2]) -> String,
    crates: fn([f64; 2]) -> Run,
    /// A hint for a point where the learner's numbers differ, if it recognises the slip.
    slip: &'a dyn Fn([f64; 2], &Run) -> Option<String>,
    /// Said with any other difference in the local derivatives or gradients.
    otherwise: &'static str,
    /// What the verdict adds when one of the learner's functions it runs on is
    /// still `todo!()` and the crate's version stood in for it.
    yours: &'static str,
    /// True when the verdict names exactly which of the learner's functions stood in.
    names_stand_ins: bool,
}

fn close(mine: f64, want: f64) -> bool {
    (mine - want).abs() <= 1e-12 * (1.0 + want.abs())
}

impl EngineCheck<'_> {
    fn check(&self, yours: impl Fn([f64; 2]) -> Run) -> Check {
        let ((runs, fell_back), named) = naming_stand_ins(|| {
            watching(&LOCALS_STOOD_IN, || attempt(|| self.points.iter().map(|&p| yours(p)).collect::<Vec<Run>>()))
        });
        let check = self.compare(runs);
        if let (true, Verdict::Correct(_)) = (fell_back, &check.verdict) {
            // It agrees, but on the crate's version of a function the learner has not written yet:
            // nothing of theirs was checked. Say so, neither "correct" nor a second "not attempted"
            // line (the function's own check gives that).
            let why = if self.names_stand_ins && !named.is_empty() {
                format!(
                    "It ran with the crate's version of {}, still todo!() in your code: run this cell again once each of yours passes its own check.",
                    listed(&named)
                )
            } else {
                format!("It ran {}: run this cell again once yours passes its own check.", self.yours)
            };
            return Check::new(self.name, Verdict::Waiting(why));
        }
        check
    }

    fn compare(&self, runs: Attempt<Vec<Run>>) -> Check {
        let name = self.name;
        let runs = match runs {
            Attempt::Todo => return Check::new(name, Verdict::NotAttempted),
            Attempt::Panicked(message) => {
                return Check::new(name, Verdict::NotYet(panic_hint("Your Value code", &message)))
            }
            Attempt::Done(runs) => runs,
        };
        let not_yet = |hint: String| Check::new(name, Verdict::NotYet(hint));
        let mut gap: f64 = 0.0;
        for (&p, run) in self.points.iter().zip(&runs) {
            let (value, numbers) = run;
            let at = (self.at)(p);
            let (want_value, want) = (self.crates)(p);
            if let Some(hint) = not_finite_hint(&format!("At {at}, your value"), *value) {
                return not_yet(hint);
            }
            if let Some(hint) = numbers.iter().find_map(|&v| not_finite_hint(&format!("At {at}, a {}", self.what), v)) {
                return not_yet(hint);
            }
            if !close(*value, want_value) {
                return not_yet(format!(
                    "At {at}, your value differs from the crate's engine by {:.2e}: check the forward computation in the cell that defines it.",
                    value - want_value
                ));
            }
            if numbers.len() != want.len() {
                return not_yet(format!(
                    "Your node holds {} {}s; it has {} input(s) ({}), so it needs {}, in the order of its inputs.",
                    numbers.len(),
                    self.what,
                    want.len(),
                    self.inputs.join(", "),
                    want.len()
                ));
            }
            if let Some(k) = (0..want.len()).find(|&k| !close(numbers[k], want[k])) {
                let hint = (self.slip)(p, run).unwrap_or_else(|| self.otherwise.to_string());
                return not_yet(format!(
                    "At {at}, the {} for {} differs from the crate's engine by {:.2e}. {hint}",
                    self.what,
                    self.inputs[k],
                    numbers[k] - want[k]
                ));
            }
            gap = numbers.iter().zip(&want).fold(gap.max((value - want_value).abs()), |g, (m, w)| g.max((m - w).abs()));
        }
        Check::new(
            name,
            Verdict::Correct(format!(
                "Its value and {}s agree with the crate's engine (Tensor) at all {} points (largest difference {gap:.1e}).",
                self.what,
                self.points.len()
            )),
        )
    }
}

/// The crate's value of `f` and the gradient of each input, every input a
/// 0-dimensional parameter tensor.
fn crates(values: &[f64], f: impl Fn(&[Tensor]) -> Tensor) -> Run {
    let inputs: Vec<Tensor> = values.iter().map(|&v| Tensor::param(arr0(v))).collect();
    let out = f(&inputs);
    out.backward();
    (out.item(), inputs.iter().map(|t| t.grad().sum()).collect())
}

const PAIRS: &[[f64; 2]] = &[[2.0, -3.0], [0.5, 4.0], [-1.5, -0.25], [0.0, 7.0], [1.25, 1.25]];
const ONE: &[[f64; 2]] = &[[-2.0, 0.0], [-0.5, 0.0], [0.0, 0.0], [0.3, 0.0], [1.7, 0.0]];

fn pair(p: [f64; 2]) -> String {
    format!("a = {}, b = {}", p[0], p[1])
}

/// No usual slip recognised: every difference gets the check's `otherwise` hint.
fn no_slip(_: [f64; 2], _: &Run) -> Option<String> {
    None
}

/// Names as a sentence lists them: "a", "a and b", "a, b and c".
fn listed(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The check of one operation: its value and its local derivatives at `points`.
fn operation(
    name: &'static str,
    inputs: &'static [&'static str],
    points: &'static [[f64; 2]],
    at: fn([f64; 2]) -> String,
    crates: fn([f64; 2]) -> Run,
    otherwise: &'static str,
    yours: &'static str,
) -> EngineCheck<'static> {
    EngineCheck {
        name,
        what: "local derivative",
        inputs,
        points,
        at,
        crates,
        slip: &no_slip,
        otherwise,
        yours,
        names_stand_ins: false,
    }
}

/// c = a + b with the learner's `Value`: `|a, b| { let c = …; (c.data(), c.local()) }`.
pub fn check_add(yours: impl Fn(f64, f64) -> Run) -> Check {
    let crates = |[a, b]: [f64; 2]| crates(&[a, b], |t| &t[0] + &t[1]);
    let otherwise = "Check the local derivatives in `add`.";
    operation(
        "add, against the crate's engine",
        &["a", "b"],
        PAIRS,
        pair,
        crates,
        otherwise,
        "with the crate's add_local while yours is todo!()",
    )
    .check(|[a, b]| yours(a, b))
}

/// c = a·b with the learner's `Value`: `|a, b| { let c = …; (c.data(), c.local()) }`.
pub fn check_mul(yours: impl Fn(f64, f64) -> Run) -> Check {
    let crates = |[a, b]: [f64; 2]| crates(&[a, b], |t| &t[0] * &t[1]);
    let otherwise =
        "Check your mul_local (Exercise 3.2) and the order in which `mul` stores its two local derivatives.";
    let slip = |[a, b]: [f64; 2], (_, locals): &Run| {
        (*locals == vec![a, b]).then(|| "They are in the wrong order: the first belongs to the first input, a.".into())
    };
    EngineCheck {
        slip: &slip,
        ..operation(
            "mul, against the crate's engine",
            &["a", "b"],
            PAIRS,
            pair,
            crates,
            otherwise,
            "with the crate's mul_local while yours is todo!()",
        )
    }
    .check(|[a, b]| yours(a, b))
}

/// t = tanh(a) with the learner's `Value`: `|a| { let t = …; (t.data(), t.local()) }`.
pub fn check_tanh(yours: impl Fn(f64) -> Run) -> Check {
    let crates = |[a, _]: [f64; 2]| crates(&[a], |t| t[0].tanh());
    let otherwise = "Check your tanh_local (Exercise 3.3), and that `tanh` passes it the result t, not a.";
    operation(
        "tanh, against the crate's engine",
        &["a"],
        ONE,
        |p| format!("a = {}", p[0]),
        crates,
        otherwise,
        "with the crate's tanh_local while yours is todo!()",
    )
    .check(|[a, _]| yours(a))
}

/// c = aⁿ with the learner's `Value`: `|a, n| { let c = …; (c.data(), c.local()) }`;
/// n is a plain number, so c has one input, a.
pub fn check_pow(yours: impl Fn(f64, f64) -> Run) -> Check {
    let points = &[[2.0, 2.0], [-1.5, 3.0], [4.0, 0.5], [0.5, -1.0], [1.5, 4.0]];
    let at = |p: [f64; 2]| format!("a = {}, n = {}", p[0], p[1]);
    let crates = |[a, n]: [f64; 2]| crates(&[a], |t| t[0].powf(n));
    let otherwise = "Check your pow_local (Exercise 3.4).";
    operation(
        "pow, against the crate's engine",
        &["a"],
        points,
        at,
        crates,
        otherwise,
        "with the crate's pow_local while yours is todo!()",
    )
    .check(|[a, n]| yours(a, n))
}

/// L = (tanh(u) + u)² with u = a·b, built with the learner's `Value`, after
/// `backward`: `|a, b| { …; l.backward(); (l.data(), vec![va.grad(), vb.grad()]) }`.
/// u is used twice, so backward must visit it once, after both of its uses
/// have handed it their shares.
pub fn check_backward(yours: impl Fn(f64, f64) -> Run) -> Check {
    EngineCheck {
        name: "backward, against the crate's engine",
        what: "gradient",
        inputs: &["a", "b"],
        points: &[[0.5, -1.2], [1.3, 0.7], [-0.8, 2.0], [2.0, 0.1]],
        at: pair,
        crates: |[a, b]| {
            crates(&[a, b], |t| {
                let u = &t[0] * &t[1];
                (u.tanh() + &u).powf(2.0)
            })
        },
        slip: &|[a, b], (_, grads)| {
            let (u, t) = (a * b, (a * b).tanh());
            let outer = 2.0 * (t + u); // dL/d(tanh(u) + u)
            let matches = |dl_du: f64| close(grads[0], dl_du * b);
            if grads.iter().all(|&g| g == 0.0) {
                Some("Every gradient is 0: does the closure call backward() on the result before reading the gradients?".into())
            } else if matches(outer * (1.0 - t * t)) || matches(outer) {
                Some("u = a·b is used twice, and it passed back only one of its two shares: backward must add (+=) each share, not replace the last one.".into())
            } else if matches(outer * (3.0 - t * t)) {
                Some("u = a·b is reached twice and passed its gradient back twice: the order must hold each node once (visit skips a node it has already placed, by Rc::ptr_eq).".into())
            } else {
                None
            }
        },
        otherwise: "If every operation passed its check above, look at backward: the order it visits the nodes, and what it adds into each input.",
        yours: "with the crate's version of each of mul_local, tanh_local, pow_local, visit and add_share that is still todo!()",
        names_stand_ins: true,
    }
    .check(|[a, b]| yours(a, b))
}

/// An input's new gradient from (grad_so_far, local, node_grad), by some formula.
type Share = fn(f64, f64, f64) -> f64;

/// Exercise 3.6: the line at the heart of `pass_back`, as a function of
/// numbers: an input's gradient after one node hands it its share, from the
/// gradient it held so far, the local derivative and the node's gradient.
pub fn add_share(mine: impl Fn(f64, f64, f64) -> f64) -> Check {
    let exercise = "Exercise 3.6";
    // (grad_so_far, local, node_grad): most start from a gradient already held.
    let cases = [(0.0, 2.0, 3.0), (1.5, -0.5, 2.0), (-1.0, 4.0, 0.25), (2.0, 1.0, 1.0), (0.5, 3.0, -2.0)];
    let got = match attempt(|| cases.iter().map(|&(g, l, n)| mine(g, l, n)).collect::<Vec<f64>>()) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            return Check::new(exercise, Verdict::NotYet(panic_hint("Your function", &message)))
        }
    };
    let reread = "Re-read \"The backward pass\" (§3).";
    let slips: [(Share, &str); 5] = [
        (|_, l, n| l * n, "You replace the gradient the input already holds: a value used twice (a + a) would keep only the last share. Add the share to what it holds."),
        (|g, l, n| g - l * n, "The share is added, not subtracted: the minus sign belongs to the update step, later."),
        (|g, _, n| g + n, "The local derivative is missing from the share: the chain rule multiplies it by the node's gradient."),
        (|g, l, _| g + l, "The node's gradient is missing from the share: the chain rule multiplies it by the local derivative."),
        (|g, l, n| g * l * n, "The share is added to what the input holds, not multiplied with it."),
    ];
    let all = |f: Share| cases.iter().zip(&got).all(|(&(g, l, n), &m)| close(m, f(g, l, n)));
    let verdict = if let Some(hint) = cases.iter().zip(&got).find_map(|(&(g, l, n), &m)| {
        not_finite_hint(&format!("With grad_so_far = {g}, local = {l}, node_grad = {n}, your result"), m)
    }) {
        Verdict::NotYet(format!("{hint} {reread}"))
    } else if all(local::add_share) {
        Verdict::Correct(
            "Each node adds its share, local × its gradient, to what the input already holds, so a value used twice collects both shares.".into(),
        )
    } else if let Some((_, hint)) = slips.iter().find(|(f, _)| all(*f)) {
        Verdict::NotYet(format!("{hint} {reread}"))
    } else {
        Verdict::NotYet(format!(
            "The new gradient is what the input held so far, plus its share of this node's gradient. {reread}"
        ))
    };
    Check::new(exercise, verdict)
}

/// The crate's topological order of any graph: every node reachable from
/// `root`, each once and after all of its inputs (`inputs` lists a node's
/// inputs; `same` says whether two handles are the same node). The lesson's
/// `Value` uses it while the learner's `visit` (Exercise 3.5) is `todo!()`.
///
/// ```
/// use backprop::exercises::scratch::topological_order_of;
/// // 2 depends on 0 and 1, 1 on 0: every node comes after its inputs.
/// let inputs = |n: &usize| match n { 2 => vec![0, 1], 1 => vec![0], _ => vec![] };
/// assert_eq!(topological_order_of(&2, inputs, |p, q| p == q), vec![0, 1, 2]);
/// ```
pub fn topological_order_of<T: Clone>(
    root: &T,
    inputs: impl Fn(&T) -> Vec<T>,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<T> {
    fn place<T: Clone>(v: &T, order: &mut Vec<T>, inputs: &dyn Fn(&T) -> Vec<T>, same: &dyn Fn(&T, &T) -> bool) {
        if order.iter().any(|placed| same(placed, v)) {
            return;
        }
        for input in inputs(v) {
            place(&input, order, inputs, same);
        }
        order.push(v.clone());
    }
    let mut order = Vec::new();
    place(root, &mut order, &inputs, &same);
    order
}

/// Exercise 3.5: the learner's `visit`, on L = (tanh(u) + u)² with u = a·b.
/// The closure builds L with the learner's `Value`, runs `visit` from L and
/// returns the numbers of the nodes in the order `visit` placed them.
pub fn visit_order(yours: impl Fn(f64, f64) -> Vec<f64>) -> Check {
    let exercise = "Exercise 3.5";
    // The last point gives a and b equal numbers: two nodes that only a
    // comparison of handles (Rc::ptr_eq), not of numbers, tells apart.
    let points = [[0.5, -1.2], [1.3, 0.7], [-0.8, 2.0], [0.6, 0.6]];
    let runs = match attempt(|| points.iter().map(|&[a, b]| yours(a, b)).collect::<Vec<_>>()) {
        Attempt::Done(runs) => runs,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => return Check::new(exercise, Verdict::NotYet(panic_hint("Your visit", &message))),
    };
    let reread = "Re-read \"The backward pass\" (§3).";
    let not_yet = |hint: String| Check::new(exercise, Verdict::NotYet(format!("{hint} {reread}")));
    for (&[a, b], got) in points.iter().zip(&runs) {
        let (u, t) = (a * b, (a * b).tanh());
        let names = ["a", "b", "u = a·b", "tanh(u)", "tanh(u) + u", "L"];
        let numbers = [a, b, u, t, t + u, (t + u) * (t + u)];
        let inputs: [&[usize]; 6] = [&[], &[], &[0, 1], &[2], &[3, 2], &[4]];
        let at = format!("At a = {a}, b = {b}");
        if let Some(hint) = got.iter().find_map(|&x| not_finite_hint(&format!("{at}, a number in your order"), x)) {
            return not_yet(hint);
        }
        if got.is_empty() {
            return not_yet(format!(
                "{at}, your order is empty: visit must append each node it places (push a clone of its handle)."
            ));
        }
        let mut placed: Vec<usize> = Vec::new();
        for &x in got {
            let matches: Vec<usize> =
                (0..6).filter(|&k| (x - numbers[k]).abs() <= 1e-12 * (1.0 + numbers[k].abs())).collect();
            // Where a and b hold equal numbers, the first of them not placed yet.
            match matches.iter().find(|k| !placed.contains(k)).or(matches.first()) {
                Some(&k) => placed.push(k),
                None => {
                    return not_yet(format!(
                        "{at}, your order holds {x}, which is not the number of any node of L: it should hold the nodes' own numbers (v.data())."
                    ))
                }
            }
        }
        let count = |k: usize| placed.iter().filter(|&&p| p == k).count();
        if a == b && count(0) + count(1) == 1 {
            return not_yet(format!(
                "{at}, a and b hold the same number, {a}, but they are two different nodes, and your order has only one of them: visit must ask whether it has already placed this very node (Rc::ptr_eq on the handles), not a node holding an equal number."
            ));
        }
        if let Some(k) = (0..6).find(|&k| count(k) > 1) {
            return not_yet(format!(
                "{at}, the node {} is placed {} times. u is reached along two paths (through tanh(u) and through + u), and each node must be placed once: visit first returns if v is already in order, comparing handles with Rc::ptr_eq.",
                names[k],
                count(k)
            ));
        }
        if let Some(k) = (0..6).find(|&k| count(k) == 0) {
            return not_yet(format!(
                "{at}, the node {} is missing from your order: visit must call itself on every input of v, and append v.",
                names[k]
            ));
        }
        let position = |k: usize| placed.iter().position(|&p| p == k).unwrap();
        for k in 0..6 {
            if let Some(&i) = inputs[k].iter().find(|&&i| position(i) > position(k)) {
                return not_yet(format!(
                    "{at}, {} comes before its input {}: visit must place all of v's inputs (by visiting them) before it appends v itself.",
                    names[k], names[i]
                ));
            }
        }
    }
    Check::new(
        exercise,
        Verdict::Correct(format!(
            "At all {} points every node of L = (tanh(u) + u)² is placed once, after all of its inputs: u, reached along two paths, is placed once.",
            points.len()
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny stand-in for the lesson's `Value` results: (value, locals).
    fn ok_mul(a: f64, b: f64) -> Run {
        (a * b, vec![b, a])
    }

    #[test]
    fn operations_in_every_case() {
        assert!(check_add(|a, b| (a + b, vec![1.0, 1.0])).passed());
        assert!(check_mul(ok_mul).passed(), "{}", check_mul(ok_mul).to_text());
        assert!(check_tanh(|a| (a.tanh(), vec![1.0 - a.tanh().powi(2)])).passed());
        assert!(check_pow(|a, n| (a.powf(n), vec![n * a.powf(n - 1.0)])).passed());
        assert!(check_mul(|a, b| (a * b, vec![a, b])).to_text().contains("wrong order"));
        assert!(check_mul(|a, b| (a + b, vec![b, a])).to_text().contains("forward computation"));
        assert!(check_mul(|a, b| (a * b, vec![b])).to_text().contains("needs 2"));
        assert!(check_tanh(|a| (a.tanh(), vec![1.0 - a.tanh()])).to_text().contains("tanh_local"));
        assert!(check_pow(|a, n| (a.powf(n), vec![a.powf(n - 1.0)])).to_text().contains("pow_local"));
        let text = check_add(|a, b| (a + b, vec![1.0, 2.0])).to_text();
        assert!(text.contains("the local derivative for b differs"), "{text}");
    }

    #[test]
    fn blank_nan_infinity_and_panic() {
        assert_eq!(check_mul(|_, _| todo!()).verdict, Verdict::NotAttempted);
        assert!(check_mul(|_, _| (f64::NAN, vec![0.0, 0.0])).to_text().contains("NaN"));
        assert!(check_mul(|a, b| (a * b, vec![f64::INFINITY, a])).to_text().contains("+∞"));
        assert!(check_tanh(|_| (f64::NEG_INFINITY, vec![])).to_text().contains("−∞"));
        assert!(check_pow(|_, _| panic!("already borrowed")).to_text().contains("panicked: \"already borrowed\""));
    }

    /// L = (tanh(u) + u)² with u = a·b, and its gradients, with dL/du computed as `dl_du(outer, t)`.
    fn backward_with(a: f64, b: f64, dl_du: impl Fn(f64, f64) -> f64) -> Run {
        let (u, t) = (a * b, (a * b).tanh());
        let g = dl_du(2.0 * (t + u), t);
        ((t + u).powi(2), vec![g * b, g * a])
    }

    fn right_backward(a: f64, b: f64) -> Run {
        backward_with(a, b, |outer, t| outer * (1.0 - t * t) + outer)
    }

    #[test]
    fn the_share_line_in_every_case() {
        assert!(add_share(|g, l, n| g + l * n).passed());
        assert!(add_share(|_, l, n| l * n).to_text().contains("keep only the last share"));
        assert!(add_share(|g, l, n| g - l * n).to_text().contains("not subtracted"));
        assert!(add_share(|g, _, n| g + n).to_text().contains("local derivative is missing"));
        assert!(add_share(|g, l, _| g + l).to_text().contains("node's gradient is missing"));
        assert!(add_share(|g, l, n| g * l * n).to_text().contains("not multiplied"));
        assert!(add_share(|g, l, n| g + 2.0 * l * n).to_text().contains("plus its share"));
        assert_eq!(add_share(|_, _, _| todo!()).verdict, Verdict::NotAttempted);
        assert!(add_share(|_, _, _| f64::NAN).to_text().contains("NaN"));
        assert!(add_share(|g, l, n| g + l * n / 0.0).to_text().contains("∞"));
        assert!(add_share(|_, _, _| panic!("already borrowed")).to_text().contains("panicked"));
    }

    #[test]
    fn backward_in_every_case() {
        assert!(check_backward(right_backward).passed(), "{}", check_backward(right_backward).to_text());
        let one_share = |a: f64, b: f64| backward_with(a, b, |outer, _| outer);
        assert!(check_backward(one_share).to_text().contains("only one of its two shares"));
        let placed_twice = |a: f64, b: f64| backward_with(a, b, |outer, t| outer * (3.0 - t * t));
        assert!(check_backward(placed_twice).to_text().contains("passed its gradient back twice"));
        assert!(check_backward(|a, b| (right_backward(a, b).0, vec![0.0, 0.0])).to_text().contains("call backward()"));
        let other = |a: f64, b: f64| (right_backward(a, b).0, vec![1.0, 1.0]);
        assert!(check_backward(other).to_text().contains("look at backward"));
        assert_eq!(check_backward(|_, _| todo!()).verdict, Verdict::NotAttempted);
        assert!(check_backward(|_, _| (f64::NAN, vec![])).to_text().contains("NaN"));
        assert!(check_backward(|_, _| panic!("boom")).to_text().contains("panicked"));
    }
    /// The numbers of L = (tanh(u) + u)²'s nodes, u = a·b, in a given order of
    /// the node indices [a, b, u, tanh(u), tanh(u) + u, L].
    fn in_order(a: f64, b: f64, order: &[usize]) -> Vec<f64> {
        let (u, t) = (a * b, (a * b).tanh());
        let numbers = [a, b, u, t, t + u, (t + u).powf(2.0)];
        order.iter().map(|&k| numbers[k]).collect()
    }

    #[test]
    fn the_visit_order_in_every_case() {
        assert!(visit_order(|a, b| in_order(a, b, &[0, 1, 2, 3, 4, 5])).passed());
        assert!(visit_order(|a, b| in_order(a, b, &[1, 0, 2, 3, 4, 5])).passed(), "a and b may come either way");
        let twice = visit_order(|a, b| in_order(a, b, &[0, 1, 2, 3, 0, 1, 2, 4, 5])).to_text();
        assert!(twice.contains("placed 2 times") && twice.contains("Rc::ptr_eq"), "{twice}");
        let first = visit_order(|a, b| in_order(a, b, &[5, 4, 3, 2, 0, 1])).to_text();
        assert!(first.contains("comes before its input"), "{first}");
        let missing = visit_order(|a, b| in_order(a, b, &[2, 3, 4, 5])).to_text();
        assert!(missing.contains("a is missing"), "{missing}");
        assert!(visit_order(|_, _| vec![]).to_text().contains("empty"));
        assert!(visit_order(|a, b| in_order(a, b, &[1, 0, 2, 3, 4, 5])).to_text().contains("4 points"));
        // Placed once per number, not once per node: a and b, equal at the last point, merge.
        let by_number = |a: f64, b: f64| in_order(a, b, if a == b { &[0, 2, 3, 4, 5] } else { &[0, 1, 2, 3, 4, 5] });
        assert!(
            visit_order(by_number).to_text().contains("two different nodes"),
            "{}",
            visit_order(by_number).to_text()
        );
        assert!(visit_order(|_, _| vec![7.0]).to_text().contains("not the number of any node"));
        assert_eq!(visit_order(|_, _| todo!()).verdict, Verdict::NotAttempted);
        assert!(visit_order(|_, _| vec![f64::NAN]).to_text().contains("NaN"));
        assert!(visit_order(|_, _| panic!("already borrowed")).to_text().contains("panicked"));
    }

    #[test]
    fn the_crates_order_places_a_shared_node_once() {
        // L ← s ← (t ← u, u), u ← (a, b): u is reached twice.
        let inputs = |n: &&str| match *n {
            "L" => vec!["s"],
            "s" => vec!["t", "u"],
            "t" => vec!["u"],
            "u" => vec!["a", "b"],
            _ => vec![],
        };
        assert_eq!(topological_order_of(&"L", inputs, |p, q| p == q), vec!["a", "b", "u", "t", "s", "L"]);
    }

    #[test]
    fn an_engine_check_on_the_crates_function_says_whose_ran() {
        use super::super::locals::yours_or_crates;
        let crates_mul = |a: f64, b: f64| {
            (a * b, {
                let (da, db) = yours_or_crates(|| -> (f64, f64) { todo!() }, local::mul(a, b));
                vec![da, db]
            })
        };
        let check = check_mul(crates_mul);
        // Nothing of the learner's ran: neither "correct" nor a second "not attempted".
        assert!(!check.passed(), "{}", check.to_text());
        assert!(
            check.to_text().starts_with("mul, against the crate's engine: not checked yet."),
            "{}",
            check.to_text()
        );
        assert!(
            check.to_text().contains("It ran with the crate's mul_local while yours is todo!()"),
            "{}",
            check.to_text()
        );
        assert!(
            !check.to_text().contains("not attempted"),
            "one \"not attempted\" line per exercise: {}",
            check.to_text()
        );
        // A wrong result is still reported, fallback or not.
        let wrong = |a: f64, b: f64| (a + b, { yours_or_crates(|| -> Vec<f64> { todo!() }, vec![b, a]) });
        assert!(check_mul(wrong).to_text().contains("forward computation"));
        let backward = check_backward(|a, b| {
            let _ = yours_or_crates(|| -> f64 { todo!() }, 0.0);
            right_backward(a, b)
        });
        assert!(!backward.passed() && backward.to_text().contains("still todo!()"), "{}", backward.to_text());
        assert!(check_mul(ok_mul).passed(), "no fallback left over from the checks above");
    }
}
