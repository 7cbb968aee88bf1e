//! Number answers: a value a learner computes by hand, with a calculator or in
//! a cell, checked to the precision the exercise states.
//!
//! An exercise asks for `n` significant figures. An answer is right when it
//! rounds to the right value at `n` figures, or lies within half a unit of the
//! `n`-th figure of it: −0.177, −0.1774 and −0.17745 are all right for
//! −0.177447 at 3 figures. The same rule decides whether an answer matches one
//! of the usual slips (the sign, a factor of 2, a missing ½), so those hints
//! still work for an answer given to `n` figures; a slip also matches when it
//! is cut (truncated) to `n` figures, as a person copying digits may write it. An answer near the right one
//! but not within the precision is told so ("close"), never given a ratio
//! that would print as 1.00.

use super::attempt::not_finite_hint;
use super::{Check, Verdict};

/// How far (relative) an answer may be from the right value and still be
/// called close: 5 %. Outside it, the hint gives a ratio, which then never
/// prints as 1.00.
const CLOSE: f64 = 0.05;

/// `x` rounded to `figures` significant figures.
pub(crate) fn round_to_figures(x: f64, figures: u32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(figures as i32 - 1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// True when `answer` is `target` to `figures` significant figures: it rounds to
/// the same value, or it is within half a unit of the last figure asked for.
pub(crate) fn agrees(answer: f64, target: f64, figures: u32) -> bool {
    if !answer.is_finite() || !target.is_finite() {
        return false;
    }
    if target == 0.0 {
        return answer.abs() < 0.5 * 10f64.powi(-(figures as i32));
    }
    let unit = 10f64.powi(target.abs().log10().floor() as i32 - figures as i32 + 1);
    let (a, t) = (round_to_figures(answer, figures), round_to_figures(target, figures));
    (a - t).abs() <= 1e-9 * unit || (answer - target).abs() <= 0.5 * unit * (1.0 + 1e-9)
}

/// The slips of a check (`(wrong value, hint)` pairs) that differ from the
/// right value and from one another at `figures` significant figures, finite
/// ones only, first kept first. At other parameters two slips, or a slip and
/// the right value, can coincide (a unit that is off gives 0 for both the
/// answer and its sign flip); a hint is only given for a value it alone explains.
pub(crate) fn distinct_slips(figures: u32, right: f64, hints: Vec<(f64, String)>) -> Vec<(f64, String)> {
    let mut kept: Vec<(f64, String)> = Vec::new();
    for (wrong, hint) in hints {
        let taken = agrees(wrong, right, figures) || kept.iter().any(|(k, _)| agrees(wrong, *k, figures));
        if wrong.is_finite() && !taken {
            kept.push((wrong, hint));
        }
    }
    kept
}

/// `x` cut (towards zero) to `figures` significant figures: the answer of a
/// learner who truncates instead of rounding.
/// At 0 it is NaN, which matches nothing (0 has no figure to cut).
pub(crate) fn cut_to_figures(x: f64, figures: u32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return f64::NAN;
    }
    let scale = 10f64.powi(figures as i32 - 1 - x.abs().log10().floor() as i32);
    (x * scale).trunc() / scale
}

/// True when `answer` is `right` cut (truncated) to `figures` significant
/// figures, as a person copying digits off a calculator may write it: 1.44 for
/// 1.4473 at 3 figures (exactly those digits; 1.436 is not). Such an answer is
/// told it is nearly right and to round, before the slips are tried, so a slip
/// that happens to round to the same digits (1.4351 → 1.44) never claims it alone.
fn is_cut_right(answer: f64, right: f64, figures: u32) -> bool {
    let cut = cut_to_figures(right, figures);
    cut.is_finite() && (answer - cut).abs() <= 1e-9 * cut.abs()
}

/// How many significant figures `answer` is written with, read from its shortest
/// decimal form: 0.88 has 2, 0.0125 has 3, 1200 has 2 (a written trailing zero,
/// as in 0.880, cannot be seen in an `f64`).
fn figures_written(answer: f64) -> u32 {
    let text = format!("{}", answer.abs()).replace('.', "");
    text.trim_start_matches('0').trim_end_matches('0').len() as u32
}

/// The figures `answer` is written with, when they are fewer than asked and it
/// is the right value to those figures: `Some(2)` for 0.88 against 0.880797 at
/// 3 figures. Asked only of an answer that is also the right value cut short
/// (0.880 is 0.88 in an `f64`), so that it is told to give more figures, not
/// that it cut.
fn right_to_fewer(answer: f64, right: f64, figures: u32) -> Option<u32> {
    let written = figures_written(answer);
    ((1..figures).contains(&written) && agrees(answer, right, written)).then_some(written)
}

/// True when `answer` is the slip `wrong` as a learner writes it to `figures`
/// significant figures: rounded ([`agrees`]) or cut ([`cut_to_figures`]).
fn is_slip(answer: f64, wrong: f64, figures: u32) -> bool {
    agrees(answer, wrong, figures) || agrees(answer, cut_to_figures(wrong, figures), figures)
}

/// A number exercise: its right value, the precision it asks for, why the
/// right value is right, the usual slips with their hints, and what to re-read.
pub(crate) struct NumberExercise {
    /// "Exercise 2.1".
    pub exercise: &'static str,
    /// The right value.
    pub right: f64,
    /// The significant figures the exercise asks for.
    pub figures: u32,
    /// Said with "correct".
    pub why: String,
    /// (a wrong value, what it means), e.g. the value with its sign flipped.
    pub hints: Vec<(f64, String)>,
    /// The section to re-read, named in every hint.
    pub reread: &'static str,
}

impl NumberExercise {
    /// One line of a chained exercise (each line a number from the lines above),
    /// to 3 significant figures, re-reading `reread`. A slip whose value is the
    /// right value itself (two slips of a chain can coincide with it) is dropped,
    /// since the answer would be called correct first.
    pub(crate) fn chain_part(
        exercise: &'static str,
        right: f64,
        why: &str,
        hints: Vec<(f64, String)>,
        reread: &'static str,
    ) -> Self {
        let hints = hints.into_iter().filter(|(v, _)| (v - right).abs() > 1e-9 * right.abs().max(1e-9)).collect();
        NumberExercise { exercise, right, figures: 3, why: why.into(), hints, reread }
    }

    /// The verdict on `answer` (`None` is the untouched placeholder).
    pub(crate) fn check(&self, answer: Option<f64>) -> Check {
        let Some(answer) = answer else {
            return Check::new(self.exercise, Verdict::NotAttempted);
        };
        let figures = self.figures;
        let reread = self.reread;
        let verdict = if let Some(hint) = not_finite_hint("Your answer", answer) {
            Verdict::NotYet(hint)
        } else if agrees(answer, self.right, figures) {
            Verdict::Correct(format!("Right to {figures} significant figures. {}", self.why))
        } else if let Some(written) =
            right_to_fewer(answer, self.right, figures).filter(|_| is_cut_right(answer, self.right, figures))
        {
            Verdict::NotYet(format!(
                "Nearly: that is the right value to {written} significant figure{}; give {figures} (round the last one, don't cut).",
                if written == 1 { "" } else { "s" }
            ))
        } else if is_cut_right(answer, self.right, figures) {
            let cut = format!(
                "Nearly: those are the right value's first {figures} figures cut short, not rounded. Round the last figure; or, if you did round, a number on the way was rounded too early: keep 4 or more digits in every step and round only at the end."
            );
            let cut_right = cut_to_figures(self.right, figures);
            let other_slip =
                |wrong: f64| is_slip(answer, wrong, figures) && (wrong - cut_right).abs() > 1e-12 * cut_right.abs();
            Verdict::NotYet(match self.hints.iter().find(|(wrong, _)| other_slip(*wrong)) {
                Some((_, hint)) => format!("{cut} If you did round, then: {hint} Re-read {reread}."),
                None => cut,
            })
        } else if let Some((_, hint)) = self.hints.iter().find(|(wrong, _)| is_slip(answer, *wrong, figures)) {
            Verdict::NotYet(format!("{hint} Re-read {reread}."))
        } else if (answer - self.right).abs() <= CLOSE * self.right.abs() {
            let off = 100.0 * (answer - self.right).abs() / self.right.abs();
            Verdict::NotYet(format!(
                "Close: within {} % of the right value, but not to {figures} significant figures. Keep more digits in every intermediate step, then give {figures} significant figures.",
                if off < 0.1 { "0.1".to_string() } else { format!("{off:.1}") }
            ))
        } else if answer.signum() != self.right.signum() && self.right != 0.0 && answer != 0.0 {
            Verdict::NotYet(format!("The sign is wrong. Re-read {reread}."))
        } else if answer == 0.0 || self.right == 0.0 {
            Verdict::NotYet(format!("Compute it step by step. Re-read {reread}."))
        } else {
            Verdict::NotYet(format!("Your answer is {}. Re-read {reread}.", how_far_off(answer, self.right)))
        };
        Check::new(self.exercise, verdict)
    }
}

/// How far `answer` is from `right`, in words a learner can act on and rounded to
/// one significant figure, so that the hint names the size of the slip without
/// handing over the right value: "about 7 times too small" (0.12 for 0.881), "about
/// 3 times too large", "about 5 % too small" (0.72 for 0.76: less than 1.5 times).
fn how_far_off(answer: f64, right: f64) -> String {
    let how = if answer.abs() > right.abs() { "large" } else { "small" };
    let times = (answer / right).abs().max((right / answer).abs());
    if times >= 1.5 {
        format!("about {} times too {how}", round_to_figures(times, 1))
    } else {
        let percent = 100.0 * (answer - right).abs() / right.abs();
        format!("about {} % too {how}", round_to_figures(percent, 1))
    }
}

/// An exercise with several numbers to compute (the practice problems): each
/// part is checked as a [`NumberExercise`] named by its `exercise` field, and
/// the verdict lists each part that is not right yet.
pub(crate) fn check_parts(exercise: &str, parts: &[NumberExercise], answers: &[Option<f64>]) -> Check {
    assert_eq!(parts.len(), answers.len(), "{exercise}: one answer per part");
    if answers.iter().all(Option::is_none) {
        return Check::new(exercise, Verdict::NotAttempted);
    }
    let (outcomes, rereads) = part_outcomes(parts, answers);
    let mut right = Vec::new();
    let mut remarks = Vec::new();
    for (part, outcome) in parts.iter().zip(outcomes) {
        match outcome {
            PartOutcome::Right => right.push(part.exercise),
            PartOutcome::NotAttempted => remarks.push(format!("{}: not attempted yet", part.exercise)),
            PartOutcome::Hint(hint) => remarks.push(format!("{}: {hint}", part.exercise)),
        }
    }
    if !rereads.is_empty() {
        remarks.push(format!("Re-read {}.", rereads.join("; ")));
    }
    if remarks.is_empty() {
        let figures = parts[0].figures;
        let all = if parts.len() == 2 { "Both parts".to_string() } else { format!("All {} parts", parts.len()) };
        return Check::new(exercise, Verdict::Correct(format!("{all} right to {figures} significant figures.")));
    }
    let done = if right.is_empty() { "None right yet".to_string() } else { format!("Right: {}", right.join(", ")) };
    Check::new(exercise, Verdict::NotYet(format!("{done}. {}", remarks.join(" "))))
}

/// One part's outcome in a check of several parts.
pub(crate) enum PartOutcome {
    Right,
    NotAttempted,
    /// Its hint, without the closing "Re-read …" (said once for all parts).
    Hint(String),
}

/// Each part's outcome on its answer, and the sections to re-read, each once, in
/// the parts' order: each part's hint ends with its section to re-read, and the
/// parts often share it, so a check says it once, at the end, not after every part.
pub(crate) fn part_outcomes<'a>(
    parts: &'a [NumberExercise],
    answers: &[Option<f64>],
) -> (Vec<PartOutcome>, Vec<&'a str>) {
    let mut rereads: Vec<&str> = Vec::new();
    let outcomes = parts
        .iter()
        .zip(answers)
        .map(|(part, &answer)| match part.check(answer).verdict {
            Verdict::Correct(_) => PartOutcome::Right,
            Verdict::NotAttempted | Verdict::Waiting(_) => PartOutcome::NotAttempted,
            Verdict::NotYet(hint) => match hint.strip_suffix(&format!(" Re-read {}.", part.reread)) {
                Some(shorter) => {
                    if !rereads.contains(&part.reread) {
                        rereads.push(part.reread);
                    }
                    PartOutcome::Hint(shorter.to_string())
                }
                None => PartOutcome::Hint(hint),
            },
        })
        .collect();
    (outcomes, rereads)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise() -> NumberExercise {
        NumberExercise {
            exercise: "E",
            right: -0.177447,
            figures: 3,
            why: "why".into(),
            hints: vec![
                (0.177447, "The sign is flipped.".into()),
                (-0.0887235, "That is the gradient with the ½.".into()),
            ],
            reread: "§2",
        }
    }

    #[test]
    fn rounding_to_figures() {
        assert_eq!(round_to_figures(-0.177447, 3), -0.177);
        assert_eq!(round_to_figures(2410.0, 2), 2400.0);
        assert_eq!(round_to_figures(0.0, 3), 0.0);
    }

    #[test]
    fn an_answer_to_the_stated_precision_or_more_is_right() {
        let e = exercise();
        assert_eq!(e.check(Some(-0.177)).to_text(), "E: correct. Right to 3 significant figures. why");
        for a in [-0.177, -0.1774, -0.17745, -0.177447, -0.1775, -0.17749] {
            assert!(e.check(Some(a)).passed(), "{a}: {}", e.check(Some(a)).to_text());
        }
        for a in [-0.18, -0.176, -0.1785] {
            let text = e.check(Some(a)).to_text();
            assert!(text.contains("Close: within") && !text.contains("1.00"), "{a}: {text}");
        }
    }

    #[test]
    fn the_right_value_cut_short_is_told_so_even_where_a_slip_rounds_alike() {
        // From scratch 3.5's case: right 1.4473, a slip 1.4351 that rounds to 1.44 too.
        let e = NumberExercise {
            exercise: "E",
            right: 1.4473,
            figures: 3,
            why: "why".into(),
            hints: vec![(1.4351, "That uses 1 − u².".into())],
            reread: "§3",
        };
        let cut = e.check(Some(1.44)).to_text();
        assert!(
            !e.check(Some(1.44)).passed() && cut.contains("cut short") && cut.contains("If you did round"),
            "{cut}"
        );
        assert!(!cut.contains("1.45"), "never the answer: {cut}");
        assert!(e.check(Some(1.45)).passed());
        let slip = e.check(Some(1.435)).to_text();
        assert!(slip.contains("1 − u²"), "{slip}");
        assert!(!e.check(Some(1.436)).passed());
        assert!(exercise().check(Some(-0.177)).passed());
    }

    #[test]
    fn an_answer_with_too_few_figures_is_asked_for_more() {
        // Start here 0.1's case: σ(2) = 0.880797, whose cut to 3 figures is 0.880 = 0.88.
        let e = NumberExercise { right: 0.880797, hints: vec![], ..exercise() };
        let two = e.check(Some(0.88)).to_text();
        assert!(two.contains("right value to 2 significant figures; give 3"), "{two}");
        assert!(!two.contains("cut short"), "{two}");
        assert!(e.check(Some(0.881)).passed());
        assert!(!e.check(Some(0.8)).to_text().contains("Nearly"), "0.8 is not 0.880797 to 1 figure");
        assert_eq!((figures_written(0.0125), figures_written(1200.0), figures_written(-0.177)), (3, 2, 3));
    }

    #[test]
    fn slips_are_recognised_at_the_stated_precision() {
        let e = exercise();
        assert!(e.check(Some(0.177)).to_text().contains("sign is flipped"));
        assert!(e.check(Some(-0.0887)).to_text().contains("with the ½"));
        assert!(e.check(Some(-0.5)).to_text().contains("about 3 times too large"));
        assert!(e.check(Some(3.0)).to_text().contains("sign is wrong"));
        // −0.0887235 cut to 3 figures is −0.0887 (rounded too); −0.54253 cut is −0.542, rounded −0.543
        let cut = NumberExercise { hints: vec![(-0.54253, "Only one path.".into())], right: 0.362, ..exercise() };
        assert!(cut.check(Some(-0.542)).to_text().contains("Only one path"), "{}", cut.check(Some(-0.542)).to_text());
        assert!(cut.check(Some(-0.543)).to_text().contains("Only one path"));
        assert!(cut.check(Some(-0.541)).to_text().contains("sign is wrong"));
        assert!(!e.check(Some(-0.5)).to_text().contains("0.177"), "never the answer");
    }

    #[test]
    fn how_far_off_says_times_or_percent_to_one_figure() {
        assert_eq!(how_far_off(0.12, 0.881), "about 7 times too small", "not '0.14 times too small'");
        assert_eq!(how_far_off(-0.5, -0.177), "about 3 times too large");
        assert_eq!(how_far_off(0.72, 0.76), "about 5 % too small");
        assert_eq!(how_far_off(1.3, 1.0), "about 30 % too large");
        assert_eq!(how_far_off(-2.0, 1.0), "about 2 times too large");
    }

    #[test]
    fn parts_are_checked_one_by_one() {
        let part = |name: &'static str, right: f64| NumberExercise {
            exercise: name,
            right,
            figures: 3,
            why: String::new(),
            hints: vec![(-right, "The sign is flipped.".into())],
            reread: "§1",
        };
        let parts = [part("z", 1.0), part("a", 0.731059)];
        assert_eq!(check_parts("P", &parts, &[None, None]).verdict, Verdict::NotAttempted);
        let both = check_parts("P", &parts, &[Some(1.0), Some(0.731)]);
        assert!(both.passed());
        assert_eq!(both.to_text(), "P: correct. Both parts right to 3 significant figures.");
        let three = [part("z", 1.0), part("a", 0.731059), part("L", 2.0)];
        let all = check_parts("P", &three, &[Some(1.0), Some(0.731), Some(2.0)]).to_text();
        assert_eq!(all, "P: correct. All 3 parts right to 3 significant figures.");
        let half = check_parts("P", &parts, &[Some(1.0), Some(-0.731)]).to_text();
        assert!(half.contains("Right: z") && half.contains("a: The sign is flipped"), "{half}");
        let blank = check_parts("P", &parts, &[Some(1.0), None]).to_text();
        assert!(blank.contains("a: not attempted yet"), "{blank}");
        assert!(check_parts("P", &parts, &[Some(f64::NAN), Some(0.731)]).to_text().contains("z: Your answer is NaN"));
        // Two parts wrong with the same section to re-read: it is named once, at the end.
        let two = check_parts("P", &parts, &[Some(-1.0), Some(-0.731)]).to_text();
        assert_eq!(two.matches("Re-read").count(), 1, "{two}");
        assert!(two.ends_with("Re-read §1."), "{two}");
    }

    #[test]
    fn blank_nan_and_infinity() {
        let e = exercise();
        assert_eq!(e.check(None).verdict, Verdict::NotAttempted);
        assert!(e.check(Some(f64::NAN)).to_text().contains("NaN"));
        assert!(e.check(Some(f64::INFINITY)).to_text().contains("+∞"));
        assert!(e.check(Some(f64::NEG_INFINITY)).to_text().contains("−∞"));
        assert!(!e.check(Some(f64::NAN)).passed());
    }
}
