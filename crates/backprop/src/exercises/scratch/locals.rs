//! Exercises 3.2–3.4: the learner writes the local derivatives of `mul`, `tanh`
//! and `pow` for their own scalar engine, and [`yours_or_crates`] lets that
//! engine run (with the crate's derivatives) while one is still `todo!()`.

use crate::exercises::attempt::{attempt, is_placeholder, not_finite_hint, panic_hint, run_quietly, Attempt};
use crate::exercises::{Check, Verdict};
use crate::maths::{central_difference, local};

/// Your function's result, or `crates` while yours is still `todo!()`:
/// `yours_or_crates(|| mul_local(a, b), local::mul(a, b))`.
///
/// This lets the lesson's engine run from the start: each operation uses your
/// local derivative once you have written it, and the crate's until then. A
/// panic in yours, other than `todo!()`, is passed on with its message.
///
/// # Panics
/// If `yours` panics with anything but `todo!()`.
///
/// Each time it falls back to `crates` it raises the flag `LOCALS_STOOD_IN`, so that
/// the engine checks (`check_mul`, …, `check_backward`, `check_training`) say
/// "not checked yet" rather than "correct": the engine ran, but on the crate's
/// function, not yours.
#[track_caller]
pub fn yours_or_crates<T>(yours: impl FnOnce() -> T, crates: T) -> T {
    yours_or_crates_lazily(yours, || crates)
}

/// As [`yours_or_crates`], but the crate's version runs only when yours is
/// still `todo!()`: for a function that changes something (the learner's
/// `backward` writes the gradients), so that the crate's does not run as well.
///
/// # Panics
/// If `yours` panics with anything but `todo!()`.
#[track_caller]
pub fn yours_or_crates_lazily<T>(yours: impl FnOnce() -> T, crates: impl FnOnce() -> T) -> T {
    // As `attempt`, keeping the todo!() message: it says which function stood in.
    let message = match run_quietly(yours) {
        Ok(value) => return value,
        Err(message) => message,
    };
    if !is_placeholder(&message) {
        panic!("your function panicked: {message}");
    }
    LOCALS_STOOD_IN.with(|raised| raised.set(true));
    if let Some(name) = stand_in_name(&message) {
        STOOD_IN_NAMES.with(|names| {
            let mut names = names.borrow_mut();
            if !names.contains(&name) {
                names.push(name);
            }
        });
    }
    crates()
}

/// The learner's engine functions, in the lesson's order, each with a piece of
/// the `todo!()` message the lesson gives it: a stand-in names the function it
/// replaced by it.
const STAND_IN_NAMES: [(&str, &str); 5] = [
    ("mul_local", "for c = a·b"),
    ("tanh_local", "for t = tanh(a)"),
    ("pow_local", "for c = a^n"),
    ("visit", "place the node holding"),
    ("backward", "backward from the node holding"),
];

/// Which of the learner's engine functions a `todo!()` message belongs to.
fn stand_in_name(message: &str) -> Option<&'static str> {
    STAND_IN_NAMES.iter().find(|(_, piece)| message.contains(piece)).map(|(name, _)| *name)
}

/// Runs `f` and lists, in the lesson's order, the learner's functions whose
/// `todo!()` a stand-in replaced while it ran (those it could name).
pub(crate) fn naming_stand_ins<T>(f: impl FnOnce() -> T) -> (T, Vec<&'static str>) {
    let before = STOOD_IN_NAMES.with(|names| std::mem::take(&mut *names.borrow_mut()));
    let result = f();
    let seen = STOOD_IN_NAMES.with(|names| {
        let mut names = names.borrow_mut();
        let seen = names.clone();
        for name in before {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        seen
    });
    let named = STAND_IN_NAMES.iter().map(|(name, _)| *name).filter(|name| seen.contains(name)).collect();
    (result, named)
}

thread_local! {
    /// Raised by [`yours_or_crates`] when it hands back the crate's version of one
    /// of the learner's engine functions (mul_local, tanh_local, pow_local, visit,
    /// backward).
    pub(crate) static LOCALS_STOOD_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The functions [`yours_or_crates`] stood in for, by name, read by [`naming_stand_ins`].
    static STOOD_IN_NAMES: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A point's local derivatives, by some formula (the right one, or a usual slip).
type Locals = fn([f64; 2]) -> Vec<f64>;

/// A local-derivative exercise: the learner's function is tried at `points`
/// (the operation's inputs) and compared with the crate's, then with central
/// differences of the operation.
struct Local {
    exercise: &'static str,
    /// The operation, as the hints name it: "c = a·b".
    op: &'static str,
    points: &'static [[f64; 2]],
    /// How a point reads in a hint: "a = 2, b = -3".
    at: fn([f64; 2]) -> String,
    /// The crate's local derivatives at a point.
    right: Locals,
    /// The operation's value at a point, and how many of the point's
    /// coordinates are inputs it is differentiated by (the rest are constants).
    forward: fn([f64; 2]) -> f64,
    inputs: usize,
    /// (a usual slip, its hint): matched when it agrees at every point.
    slips: Vec<(Locals, &'static str)>,
    reread: &'static str,
}

fn agree(mine: &[f64], want: &[f64]) -> bool {
    mine.len() == want.len() && mine.iter().zip(want).all(|(m, w)| (m - w).abs() <= 1e-9 * (1.0 + w.abs()))
}

impl Local {
    fn check(&self, mine: impl Fn([f64; 2]) -> Vec<f64>) -> Check {
        let (exercise, reread) = (self.exercise, self.reread);
        let got = match attempt(|| self.points.iter().map(|&p| mine(p)).collect::<Vec<_>>()) {
            Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
            Attempt::Panicked(message) => {
                return Check::new(exercise, Verdict::NotYet(panic_hint("Your function", &message)))
            }
            Attempt::Done(got) => got,
        };
        let not_yet = |hint: String| Check::new(exercise, Verdict::NotYet(format!("{hint} Re-read {reread}.")));
        for (&p, values) in self.points.iter().zip(&got) {
            if let Some(hint) =
                values.iter().find_map(|&v| not_finite_hint(&format!("At {}, your result", (self.at)(p)), v))
            {
                return not_yet(hint);
            }
        }
        let all = |f: Locals| self.points.iter().zip(&got).all(|(&p, g)| agree(g, &f(p)));
        if all(self.right) {
            let mut gap: f64 = 0.0;
            for (&p, g) in self.points.iter().zip(&got) {
                for (k, &slope) in g.iter().enumerate().take(self.inputs) {
                    let nudged = |v: f64| {
                        let mut q = p;
                        q[k] = v;
                        (self.forward)(q)
                    };
                    gap = gap.max((slope - central_difference(nudged, p[k], 1e-5)).abs());
                }
            }
            let why = format!(
                "It agrees with the crate's local derivatives of {} at all {} test points, and with central differences of {} itself (largest gap {gap:.1e}).",
                self.op,
                self.points.len(),
                self.op
            );
            return Check::new(exercise, Verdict::Correct(why));
        }
        if let Some((_, hint)) = self.slips.iter().find(|(slip, _)| all(*slip)) {
            return not_yet(hint.to_string());
        }
        let (p, g) = self.points.iter().zip(&got).find(|(&p, g)| !agree(g, &(self.right)(p))).unwrap();
        let hint = if g.len() != (self.right)(*p).len() {
            format!("Your function returns {} numbers; {} needs {}.", g.len(), self.op, (self.right)(*p).len())
        } else {
            format!("At {} your local derivative is off: nudge one input by a small h, hold the rest, and see how much the result moves.", (self.at)(*p))
        };
        not_yet(hint)
    }
}

/// Exercise 3.2: (∂c/∂a, ∂c/∂b) for c = a·b.
pub fn mul_local(mine: impl Fn(f64, f64) -> (f64, f64)) -> Check {
    mul_exercise().check(|[a, b]| {
        let (da, db) = mine(a, b);
        vec![da, db]
    })
}

fn mul_exercise() -> Local {
    Local {
        exercise: "Exercise 3.2",
        op: "c = a·b",
        points: &[[2.0, -3.0], [0.5, 4.0], [-1.5, -0.25], [0.0, 7.0], [1.25, 0.0]],
        at: |[a, b]| format!("a = {a}, b = {b}"),
        right: |[a, b]| vec![local::mul(a, b).0, local::mul(a, b).1],
        forward: |[a, b]| a * b,
        inputs: 2,
        slips: vec![
            (|[a, b]| vec![a, b], "The two are swapped: ∂c/∂a is how much c moves when a moves and b stays put."),
            (
                |_| vec![1.0, 1.0],
                "Those are add's local derivatives. For a product, nudge a by h and see how much c moves.",
            ),
            (|[a, b]| vec![a * b, a * b], "That is c itself, not how fast c changes."),
        ],
        reread: "the prompt of Exercise 3.2",
    }
}

/// Exercise 3.3: dt/da for t = tanh(a), written with the result t.
pub fn tanh_local(mine: impl Fn(f64) -> f64) -> Check {
    tanh_exercise().check(|[a, _]| vec![mine(a.tanh())])
}

fn tanh_exercise() -> Local {
    Local {
        exercise: "Exercise 3.3",
        op: "t = tanh(a)",
        points: &[[-2.0, 0.0], [-0.5, 0.0], [0.0, 0.0], [0.3, 0.0], [1.7, 0.0], [20.0, 0.0]],
        at: |[a, _]| format!("a = {a} (t = {:.4})", a.tanh()),
        right: |[a, _]| vec![local::tanh(a.tanh())],
        forward: |[a, _]| a.tanh(),
        inputs: 1,
        slips: vec![
            (
                |[a, _]| vec![1.0 - a.tanh().tanh().powi(2)],
                "Your function takes tanh of t again: t is already tanh(a), the result of the operation.",
            ),
            (|[a, _]| vec![1.0 - a.tanh()], "Close: the t in it should be squared."),
            (
                |[a, _]| vec![a.tanh().powi(2) - 1.0],
                "The sign is flipped: tanh rises everywhere, so its slope is positive.",
            ),
            (|_| vec![1.0], "That is the slope at a = 0 only; it flattens as |a| grows."),
        ],
        reread: "the prompt of Exercise 3.3",
    }
}

/// Exercise 3.4: dc/da for c = aⁿ with a constant exponent n.
pub fn pow_local(mine: impl Fn(f64, f64) -> f64) -> Check {
    pow_exercise().check(|[a, n]| vec![mine(a, n)])
}

fn pow_exercise() -> Local {
    Local {
        exercise: "Exercise 3.4",
        op: "c = aⁿ",
        points: &[[2.0, 2.0], [-1.5, 3.0], [4.0, 0.5], [0.5, -1.0], [3.0, 1.0], [1.5, 4.0]],
        at: |[a, n]| format!("a = {a}, n = {n}"),
        right: |[a, n]| vec![local::pow(a, n)],
        forward: |[a, n]| a.powf(n),
        inputs: 1,
        slips: vec![
            (|[a, n]| vec![a.powf(n - 1.0)], "The exponent n also comes down in front, as a factor."),
            (|[a, n]| vec![n * a.powf(n)], "The power of a drops by one."),
            (|[a, n]| vec![a.powf(n)], "That is c itself, not how fast c changes."),
        ],
        reread: "the prompt of Exercise 3.4",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercises::attempt::watching;

    fn verdict(c: &Check) -> (&'static str, String) {
        let kind = match c.verdict {
            Verdict::NotAttempted => "not attempted",
            Verdict::Correct(_) => "correct",
            Verdict::NotYet(_) => "not yet",
            Verdict::Waiting(_) => "not checked yet",
        };
        (kind, c.to_text())
    }

    #[test]
    fn the_mul_local_derivatives_in_every_case() {
        let right = mul_local(|a, b| (b, a));
        assert!(right.passed() && right.to_text().contains("central differences"), "{}", right.to_text());
        assert!(mul_local(|a, b| (a, b)).to_text().contains("swapped"));
        assert!(mul_local(|_, _| (1.0, 1.0)).to_text().contains("add's"));
        assert!(mul_local(|a, b| (a * b, a * b)).to_text().contains("c itself"));
        assert!(mul_local(|a, b| (b + 1.0, a)).to_text().contains("At a = 2, b = -3"));
        assert_eq!(mul_local(|_, _| todo!()).verdict, Verdict::NotAttempted);
        assert!(mul_local(|_, b| (f64::NAN, b)).to_text().contains("NaN"));
        assert!(mul_local(|_, _| (f64::INFINITY, 1.0)).to_text().contains("+∞"));
        assert!(mul_local(|_, _| (f64::NEG_INFINITY, 1.0)).to_text().contains("−∞"));
        assert!(mul_local(|_, _| panic!("no")).to_text().contains("panicked: \"no\""));
    }

    #[test]
    fn the_tanh_local_derivative_in_every_case() {
        assert_eq!(verdict(&tanh_local(|t| 1.0 - t * t)).0, "correct");
        assert!(tanh_local(|t| 1.0 - t.tanh().powi(2)).to_text().contains("tanh of t again"));
        assert!(tanh_local(|t| 1.0 - t).to_text().contains("squared"));
        assert!(tanh_local(|t| t * t - 1.0).to_text().contains("sign is flipped"));
        assert!(tanh_local(|_| 1.0).to_text().contains("a = 0 only"));
        assert!(tanh_local(|t| 1.0 - t * t * t).to_text().contains("At a = -2"));
        assert_eq!(tanh_local(|_| todo!()).verdict, Verdict::NotAttempted);
        assert!(tanh_local(|_| f64::NAN).to_text().contains("NaN"));
        assert!(tanh_local(|t| 1.0 / (t - t)).to_text().contains("∞"));
        assert!(tanh_local(|_| panic!("boom")).to_text().contains("panicked: \"boom\""));
    }

    #[test]
    fn the_pow_local_derivative_in_every_case() {
        let right = pow_local(|a, n| n * a.powf(n - 1.0));
        assert!(right.passed(), "{}", right.to_text());
        assert!(pow_local(|a, n| a.powf(n - 1.0)).to_text().contains("comes down in front"));
        assert!(pow_local(|a, n| n * a.powf(n)).to_text().contains("drops by one"));
        assert!(pow_local(|a, n| a.powf(n)).to_text().contains("c itself"));
        assert!(pow_local(|a, _| 2.0 * a).to_text().contains("At a = -1.5, n = 3"));
        assert_eq!(pow_local(|_, _| todo!()).verdict, Verdict::NotAttempted);
        assert!(pow_local(|_, _| f64::NAN).to_text().contains("NaN"));
        assert!(pow_local(|_, _| f64::NEG_INFINITY).to_text().contains("−∞"));
        assert!(pow_local(|_, _| panic!("boom")).to_text().contains("panicked"));
    }

    #[test]
    fn a_stand_in_names_the_function_it_replaced() {
        let (sum, named) = naming_stand_ins(|| {
            yours_or_crates(|| -> f64 { todo!("dc/da for c = a^n, at a = 2, n = 3") }, 1.0)
                + yours_or_crates(|| -> f64 { todo!("(dc/da, dc/db) for c = a·b, at a = 1, b = 2") }, 1.0)
                + yours_or_crates(|| -> f64 { todo!() }, 1.0)
                + yours_or_crates(|| 4.0, 1.0)
        });
        assert_eq!(sum, 7.0);
        assert_eq!(named, vec!["mul_local", "pow_local"], "in the lesson's order, each once, unnamed ones left out");
        assert!(naming_stand_ins(|| yours_or_crates(|| 4.0, 1.0)).1.is_empty(), "yours ran: no name");
    }

    #[test]
    fn yours_is_used_once_written_and_the_crates_until_then() {
        assert_eq!(yours_or_crates(|| -> f64 { todo!() }, 2.0), 2.0);
        assert!(watching(&LOCALS_STOOD_IN, || yours_or_crates(|| -> f64 { todo!() }, 2.0)).1, "the stand-in is noted");
        assert!(!watching(&LOCALS_STOOD_IN, || yours_or_crates(|| 3.0, 2.0)).1, "yours ran: nothing to note");
        assert_eq!(yours_or_crates(|| 3.0, 2.0), 3.0, "a wrong answer of yours is still yours");
        let passed_on = std::panic::catch_unwind(|| yours_or_crates(|| -> f64 { panic!("index 3") }, 2.0));
        let message = passed_on.unwrap_err();
        assert!(message.downcast_ref::<String>().unwrap().contains("index 3"));
    }

    #[test]
    fn no_check_prints_the_answer() {
        for text in [mul_local(|a, _| (a, a)).to_text(), tanh_local(|t| t).to_text(), pow_local(|a, _| a).to_text()] {
            assert!(!text.contains("(b, a)") && !text.contains("1 − t²") && !text.contains("n·a"), "{text}");
        }
    }
}
