//! Exercises of the capstone lesson, "Reading handwritten digits".

use super::attempt::{attempt, panic_hint, Attempt};
use super::function::first_not_finite;
use super::number::NumberExercise;
use super::{Check, Verdict};
use crate::maths::softmax;
use ndarray::{array, Array1};

/// Exercise 6.1: ∂L/∂z₂ of softmax cross-entropy for logits [1, 2, 0.5] when
/// the true class is 2 (the third logit), to 3 significant figures.
pub fn cross_entropy_slope(answer: Option<f64>) -> Check {
    cross_entropy_slope_exercise().check(answer)
}

pub(crate) fn cross_entropy_slope_exercise() -> NumberExercise {
    let p = softmax(&array![1.0, 2.0, 0.5]);
    let right = p[2] - 1.0;
    NumberExercise {
        exercise: "Exercise 6.1",
        right,
        figures: 3,
        why: "∂L/∂z₂ = softmax(z)₂ − 1: the true class's probability falls short of 1 by that much, so z₂ goes up."
            .into(),
        hints: vec![
            (-right, "The sign is flipped: softmax(z)₂ is below 1, so ∂L/∂z₂ is negative.".into()),
            (p[2], "That is softmax(z)₂ itself; subtract the one-hot entry, which is 1 for the true class.".into()),
            (p[1], "That is the slope for z₁, a wrong class: softmax(z)₁ − 0.".into()),
            (p[1] - 1.0, "That treats class 1, the largest logit, as the true one; the true class is 2.".into()),
        ],
        reread: "\"Softmax and cross-entropy\"",
    }
}

/// Exercise 6.2: softmax, written by the learner; it must survive logits of ±1000.
pub fn stable_softmax(mine: impl Fn(&Array1<f64>) -> Array1<f64>) -> Check {
    let exercise = "Exercise 6.2";
    let cases = [array![2.0, 1.0, 0.1], array![1000.0, 0.0, -1000.0], array![-1000.0, -1000.0], array![0.5]];
    let got = match attempt(|| cases.iter().map(&mine).collect::<Vec<_>>()) {
        Attempt::Done(got) => got,
        Attempt::Todo => return Check::new(exercise, Verdict::NotAttempted),
        Attempt::Panicked(message) => {
            return Check::new(exercise, Verdict::NotYet(panic_hint("Your softmax", &message)))
        }
    };
    for (z, p) in cases.iter().zip(&got) {
        let want = softmax(z);
        if p.len() != z.len() {
            return Check::new(
                exercise,
                Verdict::NotYet(format!("For {} logits you return {} numbers.", z.len(), p.len())),
            );
        }
        if let Some(hint) = first_not_finite(&format!("For logits {z} your softmax"), p) {
            let hint = format!("{hint} e^1000 overflows: subtract the largest logit first. Re-read \"log-sum-exp\".");
            return Check::new(exercise, Verdict::NotYet(hint));
        }
        if p.iter().zip(&want).any(|(a, b)| (a - b).abs() > 1e-12) {
            let sum: f64 = p.sum();
            let hint = format!("For logits {z} your numbers sum to {sum:.6}, and softmax sums to 1. Re-read \"Softmax and cross-entropy\".");
            return Check::new(exercise, Verdict::NotYet(hint));
        }
    }
    Check::new(
        exercise,
        Verdict::Correct(
            "Subtracting the largest logit changes nothing in the result and keeps every e^x at most 1.".into(),
        ),
    )
}

/// Exercise 6.3: how many numbers a 64 → 16 → 10 network learns.
pub fn parameter_count(answer: Option<usize>) -> Check {
    let Some(answer) = answer else {
        return Check::new("Exercise 6.3", Verdict::NotAttempted);
    };
    let (weights, biases) = (64 * 16 + 16 * 10, 16 + 10);
    let reread = "Re-read \"The network, built twice\".";
    let verdict = match answer {
        a if a == weights + biases => {
            Verdict::Correct("64·16 + 16 weights and biases into the hidden layer, 16·10 + 10 into the output.".into())
        }
        a if a == weights => Verdict::NotYet(format!("You counted the weights; every unit also has a bias. {reread}")),
        a if a == 64 * 16 + 16 => Verdict::NotYet("That is the first layer only; the output layer learns too.".into()),
        a if a == 64 * 16 * 10 => {
            Verdict::NotYet(format!("Layers add their counts, they do not multiply them. {reread}"))
        }
        _ => Verdict::NotYet(format!("Count each layer: inputs × outputs weights, plus one bias per output. {reread}")),
    };
    Check::new("Exercise 6.3", verdict)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_softmax_in_every_case() {
        assert!(stable_softmax(softmax).passed());
        let naive = stable_softmax(|z: &Array1<f64>| {
            let e = z.mapv(f64::exp);
            &e / e.sum()
        });
        assert!(naive.to_text().contains("overflows"), "{}", naive.to_text());
        assert!(stable_softmax(|z: &Array1<f64>| z.mapv(f64::exp)).to_text().contains("sum to"));
        assert_eq!(stable_softmax(|_: &Array1<f64>| todo!()).verdict, Verdict::NotAttempted);
        assert!(stable_softmax(|z: &Array1<f64>| z.mapv(|_| f64::NAN)).to_text().contains("NaN"));
        assert!(stable_softmax(|z: &Array1<f64>| z.mapv(|_| f64::INFINITY)).to_text().contains("+∞"));
        assert!(stable_softmax(|z: &Array1<f64>| array![z[2]]).to_text().contains("panicked"));
    }

    #[test]
    fn the_parameter_count() {
        assert!(parameter_count(Some(1210)).passed());
        assert!(parameter_count(Some(1184)).to_text().contains("bias"));
        assert!(parameter_count(Some(10240)).to_text().contains("add"));
        assert_eq!(parameter_count(None).verdict, Verdict::NotAttempted);
    }
}
