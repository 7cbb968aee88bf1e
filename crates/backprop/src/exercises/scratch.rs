//! Exercises of Backpropagation From Scratch.

use super::{attempt, Check, Verdict};
use crate::by_hand::linear_backward;
use crate::maths::sgd_update;
use ndarray::{array, Array1, Array2};

fn check(exercise: &str, verdict: Verdict) -> Check {
    Check { exercise: exercise.into(), verdict }
}

/// Exercise 3.1: the MSE gradient dL/dpred = 2(pred − target)/N, with N every element.
pub fn mse_gradient(mine: fn(&Array2<f64>, &Array2<f64>) -> Array2<f64>) -> Check {
    let (pred, target) = (array![[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]], array![[0.0, 2.5], [1.0, -1.0], [2.0, 1.0]]);
    let Some(got) = attempt(|| mine(&pred, &target)) else { return check("Exercise 3.1", Verdict::NotAttempted) };
    let right = (&pred - &target) * (2.0 / 6.0);
    let verdict = if got.shape() != right.shape() {
        Verdict::NotYet(format!(
            "Your gradient has shape {:?}; it must have pred's shape {:?}.",
            got.shape(),
            right.shape()
        ))
    } else if got.iter().zip(&right).all(|(a, b)| (a - b).abs() < 1e-12) {
        Verdict::Correct("The mean is over all N = B·O elements, and the square brings down the factor 2.".into())
    } else if got.iter().zip(&right).all(|(a, b)| (a - 0.5 * b).abs() < 1e-12) {
        Verdict::NotYet("Off by a factor of 2: where does the square's exponent go? Re-read §4.".into())
    } else if got.iter().zip(&right).all(|(a, b)| (a - 2.0 * b).abs() < 1e-12) {
        Verdict::NotYet(
            "Twice too large: with 2 outputs per sample, N is batch × outputs, not the batch size. Re-read §4.".into(),
        )
    } else if got.iter().zip(&right).all(|(a, b)| (a + b).abs() < 1e-12) {
        Verdict::NotYet("The sign is flipped: it is pred − target. Re-read §4.".into())
    } else {
        Verdict::NotYet(
            "Compare your formula with dL/dpred = 2(pred − target)/N, element by element. Re-read §4.".into(),
        )
    };
    check("Exercise 3.1", verdict)
}

/// Exercise 3.2: one gradient-descent update of a single parameter.
pub fn sgd_step(mine: fn(f64, f64, f64) -> f64) -> Check {
    let cases = [(0.5, 0.2, 0.1), (0.5, -0.2, 0.1), (-1.0, 3.0, 0.01), (2.0, 0.0, 0.5)];
    let Some(got) = attempt(|| cases.iter().map(|&(w, g, lr)| mine(w, g, lr)).collect::<Vec<f64>>()) else {
        return check("Exercise 3.2", Verdict::NotAttempted);
    };
    let verdict = match cases.iter().zip(&got).find(|(&(w, g, lr), &mine)| (mine - sgd_update(w, g, lr)).abs() > 1e-12)
    {
        None => Verdict::Correct("θ − η·∂L/∂θ: a step against the gradient, scaled by the learning rate.".into()),
        Some((&(w, g, lr), &mine)) if (mine - (w + lr * g)).abs() < 1e-12 => Verdict::NotYet(format!(
            "With w = {w}, grad = {g}, lr = {lr} you step with the gradient, uphill. Re-read §5."
        )),
        Some((&(w, g, lr), _)) => {
            Verdict::NotYet(format!("With w = {w}, grad = {g}, lr = {lr} your update is off. Re-read §5."))
        }
    };
    check("Exercise 3.2", verdict)
}

/// Exercise 3.3: the shape of `grad_w` for a `Linear(3 → 2)` layer on a batch of 5.
pub fn grad_w_shape(answer: [usize; 2]) -> Check {
    let verdict = match answer {
        [0, 0] => Verdict::NotAttempted,
        [2, 3] => Verdict::Correct("grad_w always has w's shape, O × I = 2 × 3: the batch is summed away.".into()),
        [3, 2] => Verdict::NotYet("Transposed: the crate's Linear stores w as out × in. Re-read §3.".into()),
        [5, _] | [_, 5] => Verdict::NotYet(
            "The batch size does not appear: every sample adds into the same gradient. Re-read §3.".into(),
        ),
        _ => Verdict::NotYet("A gradient has the shape of what it is the gradient of. Re-read §3.".into()),
    };
    check("Exercise 3.3", verdict)
}

/// A `Linear` backward pass: (dL/dY, X, W) ↦ (dL/dX, dL/dW, dL/db), as [`linear_backward`].
pub type LinearBackward = fn(&Array2<f64>, &Array2<f64>, &Array2<f64>) -> (Array2<f64>, Array2<f64>, Array1<f64>);

/// Exercise 3.4: a `Linear` backward pass with a planted bug; the learner fixes it.
pub fn fixed_linear_backward(mine: LinearBackward) -> Check {
    let x = array![[1.0, 2.0, 0.5], [0.0, -1.0, 3.0], [2.0, 1.0, -1.0], [0.5, 0.5, 0.5], [1.0, 0.0, 2.0]];
    let w = array![[0.1, -0.2, 0.3], [0.4, 0.0, -0.5]];
    let grad_out = array![[1.0, -1.0], [0.5, 2.0], [0.0, 1.0], [-1.0, 0.5], [2.0, 0.0]];
    let Some((gx, gw, gb)) = attempt(|| mine(&grad_out, &x, &w)) else {
        return check("Exercise 3.4", Verdict::NotAttempted);
    };
    let (rx, rw, rb) = linear_backward(&grad_out, &x, &w);
    let planted = x.t().dot(&grad_out); // the lesson's buggy line
    let verdict = if gw == planted && gx == rx && gb == rb {
        Verdict::NotAttempted
    } else if gw.shape() != rw.shape() {
        Verdict::NotYet(format!(
            "grad_w has shape {:?} but w has shape {:?}: a transpose is missing or misplaced. Re-read §3.",
            gw.shape(),
            rw.shape()
        ))
    } else if gx != rx || gw != rw || gb != rb {
        Verdict::NotYet("The shapes fit now, but the numbers differ: check each product against §3.".into())
    } else {
        Verdict::Correct("(dL/dY)ᵀ·X is the only product of dL/dY and X with w's shape.".into())
    };
    check("Exercise 3.4", verdict)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Axis;

    #[test]
    fn each_check_knows_right_wrong_and_untouched() {
        assert!(mse_gradient(|p, t| (p - t) * (2.0 / p.len() as f64)).passed());
        assert!(mse_gradient(|p, t| (p - t) * (2.0 / p.nrows() as f64)).to_text().contains("N is batch × outputs"));
        assert!(mse_gradient(|p, t| (p - t) / p.len() as f64).to_text().contains("factor of 2"));
        assert!(sgd_step(|w, g, lr| w - lr * g).passed());
        assert!(sgd_step(|w, g, lr| w + lr * g).to_text().contains("uphill"));
        assert!(grad_w_shape([2, 3]).passed() && !grad_w_shape([3, 2]).passed());
        assert_eq!(grad_w_shape([0, 0]).verdict, Verdict::NotAttempted);
        assert!(fixed_linear_backward(|g, x, w| (g.dot(w), g.t().dot(x), g.sum_axis(Axis(0)))).passed());
        let planted = fixed_linear_backward(|g, x, w| (g.dot(w), x.t().dot(g), g.sum_axis(Axis(0))));
        assert_eq!(planted.verdict, Verdict::NotAttempted);
        let wrong = fixed_linear_backward(|g, x, w| (g.dot(w), x.t().dot(g).t().to_owned() * 2.0, g.sum_axis(Axis(0))));
        assert!(wrong.to_text().contains("numbers differ"), "{}", wrong.to_text());
        let transposed = fixed_linear_backward(|g, x, _| (g.dot(&x.t()), g.t().dot(x), g.sum_axis(Axis(0))));
        assert!(!transposed.passed(), "{}", transposed.to_text());
    }
}
