//! Checks for the lessons' exercises.
//!
//! A learner writes an answer in a cell (a number, a small function or
//! closure, a prediction, or a fixed version of a buggy step) and passes it to
//! one function here, which says at once whether it is right. It never prints
//! the answer: a wrong answer gets a hint that says how it is wrong (the sign,
//! a factor of 2, a transposed shape, off by how much) and which section to
//! re-read.
//!
//! What every check does with what a learner may hand it:
//!
//! | answer | verdict |
//! |---|---|
//! | the untouched placeholder: `None`, `'?'`, `[0, 0]`, a `todo!()` body | not attempted yet (a planted bug left as it is: "still the planted line", not yet) |
//! | a number right to the significant figures the exercise asks for (or more) | correct |
//! | a number within 5 % but not to that precision | not yet: "close", with the precision asked for |
//! | a usual slip (the sign, a factor of 2, a missing ½, a transposed shape) | not yet, with that slip named |
//! | NaN or ±∞, given or returned | not yet, naming which |
//! | code that panics (other than `todo!()`) | not yet, with the panic's message |
//!
//! Number answers are `Option<f64>`: `None` until the learner writes
//! `Some(-0.123)`. The worked solutions are in `notebooks/solutions/`.

mod attempt;
mod count;
mod function;
mod number;

pub mod capstone;
pub mod day03;
pub mod day10;
pub mod deep_dive;
mod deep_dive_sweep;
pub mod rust_reference;
pub mod scratch;
pub mod start_here;
pub mod theory;

#[cfg(test)]
mod catalogue;
#[cfg(test)]
mod on_screen;

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
    /// Not checked yet: the code ran on the crate's stand-in for a function of
    /// the learner's that is still `todo!()`; the text says which and what to do.
    Waiting(String),
}

/// The result of checking one exercise, shown as one line in a notebook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// Which exercise, e.g. `Exercise 3.1`.
    pub exercise: String,
    /// The verdict.
    pub verdict: Verdict,
    /// For a not-attempted verdict, what to say in place of the usual advice to
    /// replace the placeholder: for a check that cannot tell the placeholder
    /// from an answer that changed nothing.
    unchanged: Option<String>,
}

impl Check {
    pub(crate) fn new(exercise: &str, verdict: Verdict) -> Self {
        Check { exercise: exercise.to_string(), verdict, unchanged: None }
    }

    /// A not-attempted verdict whose line says `advice` in place of the usual
    /// "replace the placeholder", for an answer that may have been written but
    /// changed nothing.
    pub(crate) fn not_attempted_or(exercise: &str, advice: impl Into<String>) -> Self {
        Check { exercise: exercise.to_string(), verdict: Verdict::NotAttempted, unchanged: Some(advice.into()) }
    }

    /// True when the answer is right.
    pub fn passed(&self) -> bool {
        matches!(self.verdict, Verdict::Correct(_))
    }

    /// The exercise and its verdict: one line, or one line per part where a
    /// check of several parts lists them (the HTML breaks the lines with `<br>`).
    pub fn to_text(&self) -> String {
        match &self.verdict {
            Verdict::NotAttempted if self.unchanged.is_some() => {
                format!("{}: not attempted yet. {}", self.exercise, self.unchanged.as_deref().unwrap_or_default())
            }
            Verdict::NotAttempted => {
                format!("{}: not attempted yet (replace the placeholder with your answer, then run its cell and this check)", self.exercise)
            }
            Verdict::Correct(why) => format!("{}: correct. {why}", self.exercise),
            Verdict::NotYet(hint) => format!("{}: not yet. {hint}", self.exercise),
            Verdict::Waiting(why) => format!("{}: not checked yet. {why}", self.exercise),
        }
    }

    fn output(&self) -> Output {
        let colour = match self.verdict {
            Verdict::NotAttempted | Verdict::Waiting(_) => "#666",
            Verdict::Correct(_) => "#1a7f37",
            Verdict::NotYet(_) => "#b35900",
        };
        let html = format!(
            "<p style=\"color:{colour};font-family:sans-serif\">{}</p>",
            html_escape(&self.to_text()).replace('\n', "<br>")
        );
        Output { text: self.to_text(), html }
    }
}

shows_as!(Check, Check::output);

/// A prediction answered yes or no, `Some(true)` or `Some(false)`: `right` is
/// the answer, `correct` what a right answer is told, `not_yet` the hint for a
/// wrong one.
pub(crate) fn yes_or_no(
    exercise: &'static str,
    answer: Option<bool>,
    right: bool,
    correct: impl Into<String>,
    not_yet: impl Into<String>,
) -> Check {
    let verdict = match answer {
        None => Verdict::NotAttempted,
        Some(a) if a == right => Verdict::Correct(correct.into()),
        Some(_) => Verdict::NotYet(not_yet.into()),
    };
    Check::new(exercise, verdict)
}
