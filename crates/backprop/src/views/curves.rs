//! Curves and their slopes: the loss as a function of one weight with its
//! tangent, and each activation with its derivative.
//!
//! The derivative dL/dw is the slope of the curve L(w) at the current w; drawing
//! the tangent next to the curve shows why gradient descent moves against it.

use crate::by_hand::Neuron;
use crate::maths::{Activation, Loss};
use crate::numbers::fmt_f64;
use crate::show::Chart;
use ndarray::Array1;

/// The loss of one neuron on one sample as a function of one of its weights,
/// everything else fixed: the curve L(w), its tangent at the current weight
/// with slope dL/dw from the backward pass, and a marker at the current point.
///
/// # Shapes
/// x: F (the neuron's inputs).
///
/// ```
/// use backprop::prelude::*;
/// let n = Neuron::new(array![-0.5], 0.0, Sigmoid);
/// let chart = LossCurve::new(&n, &array![1.5], 1.0, Loss::HalfSquared).range(-4.0, 4.0).chart();
/// assert_eq!(chart.series.len(), 3);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct LossCurve {
    /// The neuron, at its current weights.
    pub neuron: Neuron,
    /// The sample's input (F).
    pub x: Array1<f64>,
    /// The sample's target.
    pub y: f64,
    /// The loss.
    pub loss: Loss,
    /// Which weight varies (0 unless set with [`LossCurve::weight`]).
    pub weight: usize,
    /// The range of that weight, (lo, hi); the current weight ± 3 unless set.
    pub range: (f64, f64),
}

impl LossCurve {
    /// The curve of weight 0 over its current value ± 3.
    ///
    /// # Shapes
    /// x: F (the neuron's inputs).
    pub fn new(neuron: &Neuron, x: &Array1<f64>, y: f64, loss: Loss) -> Self {
        let w0 = neuron.w.first().copied().unwrap_or(0.0);
        LossCurve { neuron: neuron.clone(), x: x.clone(), y, loss, weight: 0, range: (w0 - 3.0, w0 + 3.0) }
    }

    /// Varies weight `i` instead.
    pub fn weight(mut self, i: usize) -> Self {
        self.weight = i;
        self
    }

    /// Draws the weight over [lo, hi].
    pub fn range(mut self, lo: f64, hi: f64) -> Self {
        self.range = (lo, hi);
        self
    }

    /// The chart: curve, tangent and current point.
    ///
    /// # Panics
    /// If the weight index is out of range or x has the wrong number of features.
    #[track_caller]
    pub fn chart(&self) -> Chart {
        self.drawn(true)
    }

    /// The curve L(w), the dashed tangent at the current weight and the current
    /// point: the chart of [`LossCurve::chart`] with the tangent's slope left out
    /// of its label, for a lesson that asks the learner to estimate and measure
    /// the slope before showing its value.
    ///
    /// # Panics
    /// If the weight index is out of range or x has the wrong number of features.
    #[track_caller]
    pub fn curve_with_tangent(&self) -> Chart {
        self.drawn(false)
    }

    /// Curve, tangent (its slope in the label when `with_slope`) and current point.
    #[track_caller]
    fn drawn(&self, with_slope: bool) -> Chart {
        let (n, i, (lo, hi)) = (&self.neuron, self.weight, self.range);
        let op = if with_slope { "LossCurve::chart" } else { "LossCurve::curve_with_tangent" };
        assert!(i < n.w.len(), "{op}: weight index {i} is out of range for {} weights", n.w.len());
        assert!(
            self.x.len() == n.w.len(),
            "{op}: x has shape [{}] but w has shape [{}]; one weight per input feature is needed",
            self.x.len(),
            n.w.len()
        );
        let (_, l, grads) = n.forward_backward(&self.x, self.y, self.loss);
        let (w0, slope) = (n.w[i], grads.dl_dw[i]);
        let mut probe = n.clone();
        let at = |wi: f64| {
            probe.w[i] = wi;
            probe.loss(&self.x, self.y, self.loss)
        };
        let name = if n.w.len() == 1 { "w".to_string() } else { format!("w{i}") };
        let label = if with_slope {
            format!("tangent, slope dL/d{name} = {}", fmt_f64((slope * 1e4).round() / 1e4))
        } else {
            format!("tangent at the current {name}")
        };
        Chart::new(&format!("loss as a function of {name}"), &name, "L")
            .function(&format!("L({name})"), at, lo, hi, 121)
            .tangent(&label, w0, l, slope, (hi - lo) / 6.0)
            .markers(&format!("current {name} = {}", fmt_f64(w0)), vec![(w0, l)])
    }
}

/// The activation a = σ(z) and its derivative da/dz over [lo, hi], in one chart.
pub fn activation_chart(act: Activation, lo: f64, hi: f64) -> Chart {
    Chart::new(&format!("{act} and its derivative"), "z", "value")
        .function(&format!("{act}(z)"), |z| act.forward(z), lo, hi, 201)
        .function(&format!("d {act}/dz"), |z| act.derivative(z), lo, hi, 201)
}

/// a = φ(w·x + b) over x ∈ [lo, hi] for one weight and several biases: the
/// bias slides the curve sideways (by −b/w) without changing its shape.
pub fn activation_shift_chart(act: Activation, w: f64, biases: &[f64], lo: f64, hi: f64) -> Chart {
    biases.iter().fold(Chart::new(&format!("{act}(w·x + b) with w = {w}"), "x", "a"), |c, &b| {
        c.function(&format!("b = {b}"), |x| act.forward(w * x + b), lo, hi, 161)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maths::check_activation;
    use ndarray::array;

    #[test]
    fn curve_passes_through_the_current_point() {
        let n = Neuron::new(array![0.5], 0.0, Activation::Sigmoid);
        let c = LossCurve::new(&n, &array![2.0], 1.0, Loss::Mse).range(-1.0, 2.0).chart();
        assert_eq!(c.series.len(), 3);
        let (w, l) = c.series[2].points[0];
        assert_eq!(w, 0.5);
        assert_eq!(l, n.loss(&array![2.0], 1.0, Loss::Mse));
    }

    #[test]
    fn the_slope_can_be_left_out_of_the_label() {
        let n = Neuron::new(array![-0.5], 0.5, Activation::Sigmoid);
        let curve = LossCurve::new(&n, &array![3.0], 1.0, Loss::HalfSquared);
        let (labelled, hidden) = (curve.chart(), curve.curve_with_tangent());
        assert!(labelled.series[1].label.contains("slope dL/dw = -0.4312"), "{}", labelled.series[1].label);
        assert_eq!(hidden.series[1].label, "tangent at the current w");
        // The same curve, tangent and point: only the label differs.
        for k in 0..3 {
            assert_eq!(labelled.series[k].points, hidden.series[k].points);
        }
    }

    #[test]
    fn activation_derivatives_pass_the_check_away_from_relus_kink() {
        for act in [Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Identity] {
            assert!(check_activation(act, &[-2.0, -0.5, 0.7, 3.0]).passed(), "{act}");
        }
        // At z = 0 ReLU's central difference is the average of the two one-sided slopes.
        assert!(!check_activation(Activation::Relu, &[0.0]).passed());
        assert_eq!(activation_chart(Activation::Tanh, -3.0, 3.0).series.len(), 2);
    }
}
