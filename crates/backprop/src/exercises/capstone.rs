//! Exercises of the capstone lesson, "Reading handwritten digits".

use super::{attempt, check_number, Check, Verdict};
use crate::maths::softmax;
use ndarray::{array, Array1};

/// Exercise 6.1: ∂L/∂z₀ of softmax cross-entropy for logits [2, 1, 0.1] and label 0.
pub fn cross_entropy_slope(answer: f64) -> Check {
    let p = softmax(&array![2.0, 1.0, 0.1]);
    let right = p[0] - 1.0;
    check_number(
        "Exercise 6.1",
        answer,
        right,
        "∂L/∂z₀ = softmax(z)₀ − 1: the true class's probability falls short of 1 by that much, so z₀ goes up.",
        &[
            (-right, "The sign is flipped: softmax(z)₀ is below 1, so ∂L/∂z₀ is negative."),
            (p[0], "That is softmax(z)₀ itself; subtract the one-hot entry, which is 1 for the true class."),
            (p[1], "That is the slope for z₁, a wrong class: softmax(z)₁ − 0."),
        ],
        "\"Softmax and cross-entropy\"",
    )
}

/// Exercise 6.2: softmax, written by the learner; it must survive logits of ±1000.
pub fn stable_softmax(mine: fn(&Array1<f64>) -> Array1<f64>) -> Check {
    let cases = [array![2.0, 1.0, 0.1], array![1000.0, 0.0, -1000.0], array![-1000.0, -1000.0], array![0.5]];
    let Some(got) = attempt(|| cases.iter().map(mine).collect::<Vec<_>>()) else {
        return Check::new("Exercise 6.2", Verdict::NotAttempted);
    };
    for (z, p) in cases.iter().zip(&got) {
        let want = softmax(z);
        if p.len() != z.len() {
            return Check::new(
                "Exercise 6.2",
                Verdict::NotYet(format!("For {} logits you return {} numbers.", z.len(), p.len())),
            );
        }
        if p.iter().any(|v| !v.is_finite()) {
            let hint = format!(
                "For logits {z} your softmax returns {p}: e^1000 overflows. Subtract the largest logit first. Re-read \"log-sum-exp\"."
            );
            return Check::new("Exercise 6.2", Verdict::NotYet(hint));
        }
        if p.iter().zip(&want).any(|(a, b)| (a - b).abs() > 1e-12) {
            let sum: f64 = p.sum();
            let hint = format!("For logits {z} your numbers sum to {sum:.6}, and softmax sums to 1. Re-read \"Softmax and cross-entropy\".");
            return Check::new("Exercise 6.2", Verdict::NotYet(hint));
        }
    }
    Check::new(
        "Exercise 6.2",
        Verdict::Correct(
            "Subtracting the largest logit changes nothing in the result and keeps every e^x at most 1.".into(),
        ),
    )
}

/// Exercise 6.3: how many numbers a 64 → 32 → 10 network learns.
pub fn parameter_count(answer: Option<usize>) -> Check {
    let Some(answer) = answer else {
        return Check::new("Exercise 6.3", Verdict::NotAttempted);
    };
    let (weights, biases) = (64 * 32 + 32 * 10, 32 + 10);
    let verdict = match answer {
        a if a == weights + biases => {
            Verdict::Correct("64·32 + 32 weights and biases into the hidden layer, 32·10 + 10 into the output.".into())
        }
        a if a == weights => Verdict::NotYet("You counted the weights; every unit also has a bias. Re-read \"The network, built twice\".".into()),
        a if a == 64 * 32 + 32 => Verdict::NotYet("That is the first layer only; the output layer learns too.".into()),
        _ => Verdict::NotYet("Count each layer: inputs × outputs weights, plus one bias per output. Re-read \"The network, built twice\".".into()),
    };
    Check::new("Exercise 6.3", verdict)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_check_knows_right_wrong_and_untouched() {
        let p = softmax(&array![2.0, 1.0, 0.1]);
        assert!(cross_entropy_slope(p[0] - 1.0).passed());
        assert!(cross_entropy_slope(p[0]).to_text().contains("one-hot"));
        assert_eq!(cross_entropy_slope(f64::NAN).verdict, Verdict::NotAttempted);
        assert!(stable_softmax(softmax).passed());
        let naive = stable_softmax(|z| {
            let e = z.mapv(f64::exp);
            &e / e.sum()
        });
        assert!(naive.to_text().contains("overflows"), "{}", naive.to_text());
        assert!(stable_softmax(|z| z.mapv(f64::exp)).to_text().contains("sum to"));
        fn untouched(_: &Array1<f64>) -> Array1<f64> {
            todo!()
        }
        assert_eq!(stable_softmax(untouched).verdict, Verdict::NotAttempted);
        assert!(parameter_count(Some(2410)).passed());
        assert!(parameter_count(Some(2368)).to_text().contains("bias"));
        assert_eq!(parameter_count(None).verdict, Verdict::NotAttempted);
    }
}
