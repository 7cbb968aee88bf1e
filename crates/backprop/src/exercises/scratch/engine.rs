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
    /// The learner's function this check is the exercise of: while the crate's
    /// version stood in for it, the verdict is "not attempted yet".
    own: Option<&'static str>,
}

fn close(mine: f64, want: f64) -> bool {
    (mine - want).abs() <= 1e-12 * (1.0 + want.abs())
}

impl EngineCheck<'_> {
    fn check(&self, yours: impl Fn([f64; 2]) -> Run) -> Check {
        let ((runs, fell_back), named) = naming_stand_ins(|| {
            watching(&LOCALS_STOOD_IN, || attempt(|| self.points.iter().map(|&p| yours(p)).collect::<Vec<Run>>()))
        });
        if self.own.is_some_and(|own| named.contains(&own)) {
            return Check::new(self.name, Verdict::NotAttempted);
        }
        let check = self.compare(runs);
        if let (true, Verdict::Correct(_)) = (fell_back, &check.verdict) {
            // It agrees, but on the crate's version of a function the learner has not written yet:
            // nothing of theirs was checked. Say so, neither "correct" nor a second "not attempted"
            // line (the function's own check gives that).
            let why = if self.names_stand_ins && !named.is_empty() {
                format!(
                    "The crate's {} ran in place of yours (still todo!()): re-run once yours pass their checks.",
                    listed(&named)
                )
            } else {
                format!(
                    "The crate's {} ran in place of yours (still todo!()): re-run once yours passes its check.",
                    self.yours
                )
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
pub(super) fn listed(names: &[&str]) -> String {
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
        own: None,
    }
}

/// c = a + b with the learner's `Value`: `|a, b| { let c = …; (c.data(), c.local()) }`.
pub fn check_add(yours: impl Fn(f64, f64) -> Run) -> Check {
    let crates = |[a, b]: [f64; 2]| crates(&[a, b], |t| &t[0] + &t[1]);
    let otherwise = "Check the local derivatives in `add`.";
    operation("add, against the crate's engine", &["a", "b"], PAIRS, pair, crates, otherwise, "add_local")
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
        ..operation("mul, against the crate's engine", &["a", "b"], PAIRS, pair, crates, otherwise, "mul_local")
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
        "tanh_local",
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
    operation("pow, against the crate's engine", &["a"], points, at, crates, otherwise, "pow_local")
        .check(|[a, n]| yours(a, n))
}

/// Exercise 3.7, the learner's `backward`: L = (tanh(u) + u)² with u = a·b,
/// built with the learner's `Value`, after `backward`:
/// `|a, b| { …; l.backward(); (l.data(), vec![va.grad(), vb.grad()]) }`.
/// u is used twice, so backward must visit it once, after both of its uses
/// have handed it their shares. While the learner's `backward` is `todo!()`
/// (the crate's stood in), it says "not attempted yet".
pub fn check_backward(yours: impl Fn(f64, f64) -> Run) -> Check {
    EngineCheck {
        name: "Exercise 3.7",
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
                Some("Every gradient is 0: does backward first give the loss the gradient 1 (dL/dL), and walk the order from the loss back (.rev()), so that each node hands on a gradient already complete? (And does the closure call backward() before reading the gradients?)".into())
            } else if matches(outer * (1.0 - t * t)) || matches(outer) {
                Some("u = a·b is used twice, and it passed back only one of its two shares: each input must add (+=) each share to what it holds, not replace it with the last one (the a + a cell).".into())
            } else if matches(outer * (3.0 - t * t)) {
                Some("u = a·b is reached twice and passed its gradient back twice: the order must hold each node once (visit skips a node it has already placed, by Rc::ptr_eq).".into())
            } else {
                None
            }
        },
        otherwise: "If every operation passed its check above, look at backward: the order it visits the nodes, and what it adds into each input.",
        yours: "version of mul_local, tanh_local, pow_local or visit",
        names_stand_ins: true,
        own: Some("backward"),
    }
    .check(|[a, b]| yours(a, b))
}

/// The crate's backward pass on any graph, the stand-in for the learner's
/// `backward` (Exercise 3.7) while it is `todo!()`: the last node of `order`
/// (the loss) gets the gradient 1, then every node, from the loss back, adds
/// its share, local derivative × its gradient, into each of its inputs.
/// `grad` reads a node's gradient, `set_grad` writes it, and `inputs` lists a
/// node's inputs with their local derivatives.
///
/// ```
/// use backprop::exercises::scratch::backward_of;
/// use std::cell::RefCell;
/// // c = a + a: node 1 has node 0 twice as its input, each with local derivative 1.
/// let grads = RefCell::new(vec![0.0, 0.0]);
/// backward_of(&[0, 1], |n: &usize| grads.borrow()[*n], |n, g| grads.borrow_mut()[*n] = g,
///     |n| if *n == 1 { vec![(0, 1.0), (0, 1.0)] } else { vec![] });
/// assert_eq!(*grads.borrow(), vec![2.0, 1.0]);
/// ```
pub fn backward_of<T>(
    order: &[T],
    grad: impl Fn(&T) -> f64,
    set_grad: impl Fn(&T, f64),
    inputs: impl Fn(&T) -> Vec<(T, f64)>,
) {
    let Some(loss) = order.last() else { return };
    set_grad(loss, 1.0);
    for v in order.iter().rev() {
        let g = grad(v);
        for (input, local) in inputs(v) {
            set_grad(&input, local::add_share(grad(&input), local, g));
        }
    }
}

/// The crate's topological order of any graph: every node reachable from
/// `root`, each once and after all of its inputs (`inputs` lists a node's
/// inputs; `same` says whether two handles are the same node). The lesson's
/// `Value` uses it while the learner's `visit` (Exercise 3.6) is `todo!()`.
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

/// Exercise 3.6: the learner's `visit`, on L = (tanh(u) + u)² with u = a·b.
/// The closure builds L with the learner's `Value`, runs `visit` from L and
/// returns the numbers of the nodes in the order `visit` placed them.
pub fn visit_order(yours: impl Fn(f64, f64) -> Vec<f64>) -> Check {
    let exercise = "Exercise 3.6";
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
    fn the_crates_backward_adds_every_share() {
        // L = (tanh(u) + u)² by hand as a graph: 0 = a, 1 = b, 2 = u, 3 = tanh u, 4 = tanh u + u, 5 = L.
        let (a, b): (f64, f64) = (0.5, -1.2);
        let (u, t) = (a * b, (a * b).tanh());
        let grads = std::cell::RefCell::new(vec![0.0; 6]);
        let inputs = |n: &usize| match n {
            2 => vec![(0, b), (1, a)],
            3 => vec![(2, 1.0 - t * t)],
            4 => vec![(3, 1.0), (2, 1.0)],
            5 => vec![(4, 2.0 * (t + u))],
            _ => vec![],
        };
        backward_of(&[0, 1, 2, 3, 4, 5], |n| grads.borrow()[*n], |n, g| grads.borrow_mut()[*n] = g, inputs);
        let want = right_backward(a, b).1;
        assert!(close(grads.borrow()[0], want[0]) && close(grads.borrow()[1], want[1]), "{:?}", grads.borrow());
        backward_of(&[] as &[usize], |_| 0.0, |_, _| panic!("nothing to set"), |_| vec![]);
    }

    #[test]
    fn a_backward_still_todo_is_not_attempted() {
        let stood_in = check_backward(|a, b| {
            super::super::locals::yours_or_crates_lazily(|| -> () { todo!("backward from the node holding 1") }, || ());
            right_backward(a, b)
        });
        assert_eq!(stood_in.verdict, Verdict::NotAttempted, "{}", stood_in.to_text());
    }

    #[test]
    fn backward_in_every_case() {
        assert!(check_backward(right_backward).passed(), "{}", check_backward(right_backward).to_text());
        let one_share = |a: f64, b: f64| backward_with(a, b, |outer, _| outer);
        assert!(check_backward(one_share).to_text().contains("only one of its two shares"));
        let placed_twice = |a: f64, b: f64| backward_with(a, b, |outer, t| outer * (3.0 - t * t));
        assert!(check_backward(placed_twice).to_text().contains("passed its gradient back twice"));
        assert!(check_backward(|a, b| (right_backward(a, b).0, vec![0.0, 0.0])).to_text().contains("the gradient 1"));
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
        assert!(check.to_text().contains("The crate's mul_local ran in place of yours"), "{}", check.to_text());
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
