//! The chart of a loss along a training step's direction: the loss itself, the
//! parabola fitted from three samples, and where steps of given learning rates land.

use super::plot::Chart;
use crate::maths::StepParabola;

/// The loss L(t) along a training step's direction −g/‖g‖ (`curve`: (t, loss)
/// pairs, such as `Sequential::mse_along_gradient` gives on a grid of t), the
/// parabola `p` drawn over the same t range (dashed), the three samples it was
/// fitted from at t = −h, 0, h (markers), and, for each (lr, t, loss) in
/// `landings`, a marker where the training step with that learning rate lands:
/// t = lr·‖g‖, and its loss after the step.
///
/// # Panics
/// If `curve` is empty.
#[track_caller]
pub fn step_parabola_chart(p: &StepParabola, h: f64, curve: &[(f64, f64)], landings: &[(f64, f64, f64)]) -> Chart {
    assert!(!curve.is_empty(), "step_parabola_chart: the curve has no points");
    let (lo, hi) = curve.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(t, _)| (lo.min(t), hi.max(t)));
    let samples = [-h, 0.0, h].iter().map(|&t| (t, p.at(t))).collect();
    let chart = Chart::new("the loss along the first step's direction", "t (distance along −g/‖g‖)", "loss")
        .line("loss L(t)", curve.to_vec())
        .function(&format!("parabola fitted at t = ±{h} (K = {:.3})", p.k), |t| p.at(t), lo, hi, 201)
        .last_dashed()
        .markers(&format!("the three losses at t = −{h}, 0, {h}"), samples);
    landings
        .iter()
        .fold(chart, |c, &(lr, t, loss)| c.markers(&format!("lr = {lr} lands at t = {t:.3}"), vec![(t, loss)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::show::Style;

    #[test]
    fn draws_curve_parabola_samples_and_landings() {
        let p = StepParabola::through(0.1, [2.9, 2.7, 2.5]);
        let curve: Vec<_> = (0..=10).map(|i| (f64::from(i) * 0.5 - 1.0, 2.0)).collect();
        let c = step_parabola_chart(&p, 0.1, &curve, &[(0.1, 0.2, 2.3), (3.0, 6.0, 60.0)]);
        assert_eq!(c.series.len(), 5);
        assert_eq!(c.series[1].style, Style::Dashed);
        assert_eq!(c.series[1].points.first().unwrap().0, -1.0);
        assert_eq!(c.series[1].points.last().unwrap().0, 4.0);
        assert_eq!(c.series[2].points.len(), 3);
        assert_eq!(c.series[4].points, vec![(6.0, 60.0)]);
        assert!(c.series[4].label.contains("lr = 3"));
    }
}
