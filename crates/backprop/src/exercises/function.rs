//! Function answers: a learner writes f(z) (a named `fn` or a closure) and the
//! check compares it with the crate's function at many points, and, for a
//! derivative, with central differences of the function it is the derivative of.

use super::attempt::{attempt, not_finite_hint, panic_hint, Attempt};
use super::{Check, Verdict};
use crate::maths::central_difference;

/// A function exercise: the right f(z), the points it is tried at, and, for a
/// derivative, the function it is the derivative of.
pub(crate) struct FunctionExercise {
    /// "Exercise 1.3".
    pub exercise: &'static str,
    /// The crate's f(z).
    pub right: fn(f64) -> f64,
    /// For a derivative exercise, the function whose derivative f is: the
    /// learner's f is also compared with its central differences.
    pub derivative_of: Option<fn(f64) -> f64>,
    /// Where f is tried; include large |z| to catch overflow.
    pub points: &'static [f64],
    /// Said with "correct".
    pub why: &'static str,
    /// Said when the learner's f is not finite at a large |z|.
    pub overflow: &'static str,
    /// The section to re-read.
    pub reread: &'static str,
}

/// Central differences are trusted where the function is smooth and not flat
/// to rounding: |z| ≤ 30 here.
const DIFFERENCE_RANGE: f64 = 30.0;

/// A usual slip in a function answer: the wrong function, and what it means.
pub(crate) type FunctionSlip = (fn(f64) -> f64, &'static str);

impl FunctionExercise {
    /// The verdict on the learner's f with no slips named, as the tests probe it
    /// (every lesson's check names its slips through `check_named`).
    #[cfg(test)]
    pub(crate) fn check(&self, mine: impl Fn(f64) -> f64) -> Check {
        self.check_named("z", &[], mine)
    }

    /// The verdict on the learner's f, with its argument called `variable` in
    /// the hints ("At e = 2 …"), and a wrong f that equals one of `slips` at
    /// every test point told what it is.
    pub(crate) fn check_named(&self, variable: &str, slips: &[FunctionSlip], mine: impl Fn(f64) -> f64) -> Check {
        let reread = self.reread;
        let values = match attempt(|| self.points.iter().map(|&z| (z, mine(z))).collect::<Vec<_>>()) {
            Attempt::Todo => return Check::new(self.exercise, Verdict::NotAttempted),
            Attempt::Panicked(message) => {
                return Check::new(self.exercise, Verdict::NotYet(panic_hint("Your function", &message)))
            }
            Attempt::Done(values) => values,
        };
        // A slip that gives the learner's values at every point is named even where
        // they are infinite (as 1/(1 + -z.exp()) is at z = 0).
        let same = |wrong: fn(f64) -> f64| {
            values
                .iter()
                .all(|&(v, mine)| mine == wrong(v) || (mine - wrong(v)).abs() <= 1e-9 * wrong(v).abs().max(1e-3))
        };
        if values.iter().any(|&(_, got)| !got.is_finite()) {
            if let Some((_, slip)) = slips.iter().find(|(wrong, _)| same(*wrong)) {
                return Check::new(self.exercise, Verdict::NotYet(format!("{slip} Re-read {reread}.")));
            }
        }
        for &(z, got) in &values {
            if let Some(hint) = not_finite_hint(&format!("At {variable} = {z}, your function's value"), got) {
                let more = if z.abs() >= 100.0 { format!(" {}", self.overflow) } else { String::new() };
                return Check::new(self.exercise, Verdict::NotYet(format!("{hint}{more} Re-read {reread}.")));
            }
        }
        // Of the points where the learner's f is off, name the one where it is
        // off the most for the size of the value, so that a real mistake is not
        // reported as a tiny difference where both values are nearly zero.
        let relative = |&(z, got): &(f64, f64)| {
            let want = (self.right)(z);
            (got - want).abs() / want.abs().max(1e-3)
        };
        if let Some(&(z, got)) =
            values.iter().filter(|p| relative(p) > 1e-9).max_by(|p, q| relative(p).total_cmp(&relative(q)))
        {
            if let Some((_, slip)) = slips.iter().find(|(wrong, _)| same(*wrong)) {
                return Check::new(self.exercise, Verdict::NotYet(format!("{slip} Re-read {reread}.")));
            }
            let hint =
                format!("At {variable} = {z} your function is off by {:.3e}. Re-read {reread}.", got - (self.right)(z));
            return Check::new(self.exercise, Verdict::NotYet(hint));
        }
        let mut why = format!("It agrees with the crate's function at all {} test points", values.len());
        if let Some(forward) = self.derivative_of {
            let near: Vec<&(f64, f64)> = values.iter().filter(|(z, _)| z.abs() <= DIFFERENCE_RANGE).collect();
            let gap =
                near.iter().map(|&&(z, got)| (got - central_difference(forward, z, 1e-5)).abs()).fold(0.0, f64::max);
            why.push_str(&format!(
                ", and with central differences at the {} of them with |z| ≤ {DIFFERENCE_RANGE} (largest gap {gap:.1e})",
                near.len()
            ));
        }
        Check::new(self.exercise, Verdict::Correct(format!("{why}. {}", self.why)))
    }
}

/// The first entry of `values` that is not finite, as a hint naming where it is.
pub(crate) fn first_not_finite<'a>(what: &str, values: impl IntoIterator<Item = &'a f64>) -> Option<String> {
    values.into_iter().enumerate().find_map(|(k, &v)| not_finite_hint(&format!("{what}, entry {k},"), v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tanh_slope() -> FunctionExercise {
        FunctionExercise {
            exercise: "E",
            right: |z| 1.0 - z.tanh() * z.tanh(),
            derivative_of: Some(f64::tanh),
            points: &[-1000.0, -1.5, 0.0, 2.0, 1000.0],
            why: "why",
            overflow: "Use tanh itself.",
            reread: "§5",
        }
    }

    #[test]
    fn right_wrong_blank_nan_infinity_and_panic() {
        let e = tanh_slope();
        let right = e.check(|z: f64| 1.0 - z.tanh().powi(2));
        assert!(right.passed() && right.to_text().contains("central differences"), "{}", right.to_text());
        assert!(e.check(|z: f64| 1.0 - z.tanh()).to_text().contains("At z = -1000"));
        assert_eq!(e.check(|_: f64| -> f64 { todo!() }).verdict, Verdict::NotAttempted);
        assert!(e.check(|_: f64| f64::NAN).to_text().contains("NaN"));
        assert!(e.check(|_: f64| f64::INFINITY).to_text().contains("+∞"));
        let naive = e.check(|z: f64| 4.0 * (2.0 * z).exp() / (1.0 + (2.0 * z).exp()).powi(2));
        assert!(naive.to_text().contains("Use tanh itself."), "{}", naive.to_text());
        // Off a little where both values are nearly zero, off a lot elsewhere: the hint names the latter.
        let mixed_up = e.check(|z: f64| 1.0 - z.tanh().powi(2) + if z < -100.0 { 1e-6 } else { 0.5 * (-z * z).exp() });
        assert!(mixed_up.to_text().contains("At z = 0 "), "{}", mixed_up.to_text());
        let panicked = e.check(|z: f64| if z > 1.0 { panic!("too big") } else { z });
        assert!(panicked.to_text().contains("panicked: \"too big\""), "{}", panicked.to_text());
    }

    #[test]
    fn the_variable_is_named_and_slips_are_told() {
        let e = tanh_slope();
        let slips: &[FunctionSlip] = &[(|z| 1.0 - z.tanh(), "That is 1 − tanh.")];
        assert!(e.check_named("e", slips, |z: f64| 1.0 - z.tanh()).to_text().contains("That is 1 − tanh. Re-read §5."));
        let off = e.check_named("e", slips, |z: f64| 2.0 - z.tanh()).to_text();
        assert!(off.contains("At e = -1000") && !off.contains("That is"), "{off}");
        assert!(e.check_named("e", slips, |z: f64| 1.0 - z.tanh().powi(2)).passed());
    }

    #[test]
    fn named_functions_work_too() {
        fn mine(z: f64) -> f64 {
            1.0 - z.tanh() * z.tanh()
        }
        assert!(tanh_slope().check(mine).passed());
    }
}
