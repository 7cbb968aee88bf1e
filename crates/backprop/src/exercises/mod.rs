//! Checks for the exercises at the end of each lesson.
//!
//! A learner writes an answer in a cell (a number, a small function, a
//! prediction, or a fixed version of a buggy loop) and passes it to one
//! function here, which says at once whether it is right. It never prints
//! the answer: a wrong answer gets a hint that says how it is wrong (the sign,
//! a factor of 2, a transposed shape, off by how much) and which section to
//! re-read. An untouched placeholder (`f64::NAN`, `None`, `'?'`, `todo!()`) is
//! reported as "not attempted yet", and so is a find-the-bug loop that still
//! behaves exactly like its planted mistake, so a lesson with untouched
//! exercises runs clean. The worked solutions are in `notebooks/solutions/`.

pub mod capstone;
pub mod day03;
pub mod day10;
pub mod deep_dive;
pub mod scratch;
pub mod theory;

use crate::show::{html_escape, shows_as, Output};

/// What a check concluded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The placeholder is still there.
    NotAttempted,
    /// Right; the text says why.
    Correct(String),
    /// Not yet; the text is a hint.
    NotYet(String),
}

/// The result of checking one exercise, shown as one line in a notebook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// Which exercise, e.g. `Exercise 3.1`.
    pub exercise: String,
    /// The verdict.
    pub verdict: Verdict,
}

impl Check {
    fn new(exercise: &str, verdict: Verdict) -> Self {
        Check { exercise: exercise.to_string(), verdict }
    }

    /// True when the answer is right.
    pub fn passed(&self) -> bool {
        matches!(self.verdict, Verdict::Correct(_))
    }

    /// One line: the exercise and its verdict.
    pub fn to_text(&self) -> String {
        match &self.verdict {
            Verdict::NotAttempted => {
                format!("{}: not attempted yet (change the cell above, then run both cells)", self.exercise)
            }
            Verdict::Correct(why) => format!("{}: correct. {why}", self.exercise),
            Verdict::NotYet(hint) => format!("{}: not yet. {hint}", self.exercise),
        }
    }

    fn output(&self) -> Output {
        let colour = match self.verdict {
            Verdict::NotAttempted => "#666",
            Verdict::Correct(_) => "#1a7f37",
            Verdict::NotYet(_) => "#b35900",
        };
        let html = format!("<p style=\"color:{colour};font-family:sans-serif\">{}</p>", html_escape(&self.to_text()));
        Output { text: self.to_text(), html }
    }
}

shows_as!(Check, Check::output);

/// Checks a number against the right value, with hints for the usual slips.
///
/// `hints` lists (wrong value, what that value means) pairs, such as the value
/// with the sign flipped or without the factor 2; an answer within 1e-6
/// (relative) of one of them gets that hint.
pub(crate) fn check_number(
    exercise: &str,
    answer: f64,
    right: f64,
    why: &str,
    hints: &[(f64, &str)],
    reread: &str,
) -> Check {
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs().max(1e-12);
    let verdict = if answer.is_nan() {
        Verdict::NotAttempted
    } else if close(answer, right) {
        Verdict::Correct(why.to_string())
    } else if let Some((_, hint)) = hints.iter().find(|(wrong, _)| close(answer, *wrong)) {
        Verdict::NotYet(format!("{hint} Re-read {reread}."))
    } else {
        let how = if answer.signum() != right.signum() && right != 0.0 {
            "The sign is wrong".to_string()
        } else if answer.abs() > right.abs() {
            format!("Your answer is {:.2} times too large", answer / right)
        } else {
            format!("Your answer is {:.2} times too small", answer / right)
        };
        Verdict::NotYet(format!("{how}. Re-read {reread}."))
    };
    Check::new(exercise, verdict)
}

/// Runs a learner's function, treating a `todo!()` (or any panic) as not
/// attempted, without printing the panic.
pub(crate) fn attempt<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    std::panic::set_hook(hook);
    result
}

/// Checks a learner's f(z) against the right function at many points, with
/// the first wrong point named in the hint.
pub(crate) fn check_function(
    exercise: &str,
    mine: fn(f64) -> f64,
    right: fn(f64) -> f64,
    points: &[f64],
    why: &str,
    reread: &str,
) -> Check {
    let Some(values) = attempt(|| points.iter().map(|&z| mine(z)).collect::<Vec<f64>>()) else {
        return Check::new(exercise, Verdict::NotAttempted);
    };
    for (&z, &got) in points.iter().zip(&values) {
        let want = right(z);
        if !got.is_finite() {
            let hint = format!(
                "At z = {z} your function returns {got}; it must stay finite even for |z| = 1000. Re-read {reread}."
            );
            return Check::new(exercise, Verdict::NotYet(hint));
        }
        if (got - want).abs() > 1e-9 * want.abs().max(1.0) {
            let hint = format!("At z = {z} your function is off by {:.3e}. Re-read {reread}.", got - want);
            return Check::new(exercise, Verdict::NotYet(hint));
        }
    }
    Check::new(exercise, Verdict::Correct(format!("It agrees at all {} test points. {why}", points.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_gets_a_hint_not_the_answer() {
        let c = |a| check_number("E", a, -0.25, "why", &[(0.25, "Check the sign.")], "§2");
        assert_eq!(c(f64::NAN).verdict, Verdict::NotAttempted);
        assert!(c(-0.25).passed());
        assert_eq!(c(0.25).verdict, Verdict::NotYet("Check the sign. Re-read §2.".into()));
        let wrong = c(-0.5).to_text();
        assert!(wrong.contains("2.00 times too large") && !wrong.contains("0.25"), "{wrong}");
    }

    #[test]
    fn a_todo_is_not_attempted_and_prints_nothing() {
        fn mine(_: f64) -> f64 {
            todo!()
        }
        let c = check_function("E", mine, f64::tanh, &[0.0], "", "§5");
        assert_eq!(c.verdict, Verdict::NotAttempted);
        assert!(check_function("E", f64::tanh, f64::tanh, &[0.0, 1.0], "", "§5").passed());
        let off = check_function("E", |z| z, f64::tanh, &[0.0, 1.0], "", "§5");
        assert!(off.to_text().contains("At z = 1"), "{}", off.to_text());
    }
}
