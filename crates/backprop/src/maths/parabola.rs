//! The loss along a training step's direction, fitted by a parabola from three
//! samples: L(t) ≈ L(0) − ‖g‖·t + ½K·t², where t is the distance walked along
//! −g/‖g‖ (g: every parameter's gradient, as one vector) and K the curvature
//! along that direction.

/// The parabola L(t) ≈ L(0) − ‖g‖·t + ½K·t² through three losses taken a
/// distance −h, 0 and h along a training step's direction −g/‖g‖.
///
/// Along that direction every parameter θᵢ moves by −t·gᵢ/‖g‖, so by the chain
/// rule dL/dt = Σᵢ ∂L/∂θᵢ·(−gᵢ/‖g‖) = −Σᵢ gᵢ²/‖g‖ = −‖g‖ at t = 0: the
/// parabola's linear coefficient is the gradient's length.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepParabola {
    /// L(0), the loss where the step starts.
    pub l0: f64,
    /// ‖g‖, the gradient's length: (L(−h) − L(h)) / 2h (the K terms cancel).
    pub grad_norm: f64,
    /// K, the curvature along the step: (L(h) − 2L(0) + L(−h)) / h².
    pub k: f64,
}

impl StepParabola {
    /// The parabola through `losses` = [L(−h), L(0), L(h)].
    ///
    /// ```
    /// use backprop::StepParabola;
    /// // L(t) = 2 − 3t + 2t² (‖g‖ = 3, K = 4), sampled at t = −0.5, 0, 0.5.
    /// let p = StepParabola::through(0.5, [4.0, 2.0, 1.0]);
    /// assert_eq!((p.l0, p.grad_norm, p.k), (2.0, 3.0, 4.0));
    /// ```
    ///
    /// # Panics
    /// If `h` is not positive and finite.
    #[track_caller]
    pub fn through(h: f64, losses: [f64; 3]) -> Self {
        assert!(h > 0.0 && h.is_finite(), "StepParabola::through: the spacing h must be positive and finite, got {h}");
        let [left, mid, right] = losses;
        StepParabola { l0: mid, grad_norm: (left - right) / (2.0 * h), k: (right - 2.0 * mid + left) / (h * h) }
    }

    /// The parabola's loss a distance `t` along the step: L(0) − ‖g‖·t + ½K·t².
    pub fn at(&self, t: f64) -> f64 {
        self.l0 - self.grad_norm * t + 0.5 * self.k * t * t
    }

    /// How far a training step with learning rate `lr` walks: t = lr·‖g‖
    /// (every parameter moves by lr times its gradient).
    pub fn distance(&self, lr: f64) -> f64 {
        lr * self.grad_norm
    }

    /// The parabola's change in loss for one training step with learning rate
    /// `lr`: L(lr·‖g‖) − L(0) = −lr·‖g‖²·(1 − K·lr/2), negative exactly when
    /// 0 < lr < 2/K.
    pub fn step_change(&self, lr: f64) -> f64 {
        -lr * self.grad_norm * self.grad_norm * (1.0 - self.k * lr / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_an_exact_parabola() {
        let exact = |t: f64| 2.5 - 1.5 * t + 0.5 * 6.0 * t * t;
        let p = StepParabola::through(0.1, [exact(-0.1), exact(0.0), exact(0.1)]);
        assert!((p.grad_norm - 1.5).abs() < 1e-12 && (p.k - 6.0).abs() < 1e-9, "{p:?}");
        assert!((p.at(2.0) - exact(2.0)).abs() < 1e-9);
        assert!((p.step_change(0.2) - (p.at(p.distance(0.2)) - p.at(0.0))).abs() < 1e-12);
        assert!(p.step_change(0.3) < 0.0 && p.step_change(0.4) > 0.0, "the edge is 2/K = 1/3");
    }

    #[test]
    #[should_panic(expected = "must be positive")]
    fn refuses_a_zero_spacing() {
        StepParabola::through(0.0, [1.0, 1.0, 1.0]);
    }
}
