//! Count answers: a number of parameters, of updates, of images. A count is
//! exact, so an answer a few off is a miscount, not a rounding slip: it gets a
//! hint on how to count, never "close, keep more digits".

use super::number::{agrees, NumberExercise};
use super::{Check, Verdict};

impl NumberExercise {
    /// The verdict on a count: as [`NumberExercise::check`], except that only
    /// the exact count is right (and said to be exact, not "right to n
    /// significant figures"), a fraction is never right (a count is whole), and
    /// a whole answer within a factor of 2 that is neither right nor a known
    /// slip is told it miscounts, with `how_to_count` (one sentence) and the
    /// section to re-read.
    pub(crate) fn check_count(&self, answer: Option<f64>, how_to_count: &str) -> Check {
        let Some(a) = answer.filter(|a| a.is_finite()) else {
            return self.check(answer);
        };
        let slip = a != self.right && self.hints.iter().any(|(wrong, _)| agrees(a, *wrong, self.figures));
        let reread = self.reread;
        if a.fract() != 0.0 {
            let hint = format!("A count is a whole number, and {a} is not one. {how_to_count} Re-read {reread}.");
            Check::new(self.exercise, Verdict::NotYet(hint))
        } else if a == self.right {
            Check::new(self.exercise, Verdict::Correct(format!("Right: the exact count. {}", self.why)))
        } else if slip {
            self.check(answer)
        } else if a >= 0.5 * self.right && a <= 2.0 * self.right {
            let hint = format!("{a} miscounts it: a count is exact. {how_to_count} Re-read {reread}.");
            Check::new(self.exercise, Verdict::NotYet(hint))
        } else {
            self.check(answer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parameters() -> NumberExercise {
        NumberExercise {
            exercise: "E",
            right: 41.0,
            figures: 2,
            why: "why".into(),
            hints: vec![(32.0, "Those are the weights alone.".into())],
            reread: "§4",
        }
    }

    const HOW: &str = "Count weights and biases layer by layer.";

    #[test]
    fn a_count_near_the_right_one_is_a_miscount_not_close() {
        for a in [40.0, 42.0, 25.0, 80.0] {
            let text = parameters().check_count(Some(a), HOW).to_text();
            assert!(text.contains("miscounts") && text.contains(HOW) && !text.contains("Close"), "{a}: {text}");
            assert!(!text.contains("41"), "never the answer: {text}");
        }
        assert!(parameters().check(Some(40.0)).to_text().contains("Close"), "plain check still says close");
    }

    #[test]
    fn the_right_count_is_called_exact_not_significant_figures() {
        let text = parameters().check_count(Some(41.0), HOW).to_text();
        assert!(text.contains("exact count") && !text.contains("significant figures"), "{text}");
        // Right to the exercise's 2 figures but not the count: a miscount, never right.
        let near = NumberExercise { right: 415.0, ..parameters() };
        assert!(!near.check_count(Some(410.0), HOW).passed());
        assert!(near.check_count(Some(410.0), HOW).to_text().contains("miscounts"));
    }

    #[test]
    fn right_slips_fractions_blank_and_nan() {
        let e = parameters();
        assert!(e.check_count(Some(41.0), HOW).passed());
        assert!(e.check_count(Some(32.0), HOW).to_text().contains("weights alone"));
        assert!(e.check_count(Some(40.5), HOW).to_text().contains("whole number"));
        assert_eq!(e.check_count(None, HOW).verdict, Verdict::NotAttempted);
        assert!(e.check_count(Some(f64::NAN), HOW).to_text().contains("NaN"));
        assert!(e.check_count(Some(400.0), HOW).to_text().contains("times too large"));
    }
}
