//! Curves and their slopes: the loss as a function of one parameter with its
//! tangent, and each activation with its derivative.
//!
//! The derivative dL/dw is the slope of the curve L(w) at the current w; drawing
//! the tangent next to the curve shows why gradient descent moves against it.

use crate::activation::Activation;
use crate::gradcheck::GradCheck;
use crate::loss::SampleLoss;
use crate::neuron::Neuron;
use crate::plot::Chart;
use ndarray::Array1;

/// L as a function of the neuron's weight `w[i]` over [lo, hi] (everything else
/// fixed), the tangent at the current weight with slope dL/dw_i from the
/// backward pass, and a marker at the current point.
///
/// # Panics
/// If `i` is not a valid weight index or `x` has the wrong number of features.
#[track_caller]
pub fn loss_vs_weight(neuron: &Neuron, x: &Array1<f64>, y: f64, loss: SampleLoss, i: usize, lo: f64, hi: f64) -> Chart {
    assert!(i < neuron.w.len(), "loss_vs_weight: weight index {i} is out of range for {} weights", neuron.w.len());
    let (_, l, grads) = neuron.forward_backward(x, y, loss);
    let w0 = neuron.w[i];
    let slope = grads.dl_dw[i];
    let at = |wi: f64| {
        let mut probe = neuron.clone();
        probe.w[i] = wi;
        probe.loss(x, y, loss)
    };
    let name = if neuron.w.len() == 1 { "w".to_string() } else { format!("w{i}") };
    Chart::new(&format!("loss as a function of {name}"), &name, "L")
        .function(&format!("L({name})"), at, lo, hi, 121)
        .tangent(&format!("tangent, slope dL/d{name} = {slope:.4}"), w0, l, slope, (hi - lo) / 6.0)
        .markers(&format!("current {name} = {w0}"), vec![(w0, l)])
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

/// Checks the activation's derivative at each point against a central difference.
///
/// It uses one trick: the gradient of Σᵢ σ(zᵢ) with respect to zᵢ is σ′(zᵢ), so a
/// single gradient check covers every point. Avoid z = 0 for ReLU, where the
/// derivative does not exist (the central difference there is 0.5).
pub fn check_activation(act: Activation, points: &[f64]) -> GradCheck {
    let names: Vec<String> = points.iter().map(|z| format!("d {act}/dz at z = {z}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let z = Array1::from(points.to_vec());
    let analytic = z.mapv(|v| act.derivative(v));
    GradCheck::new(&names, analytic, |t| t.mapv(|v| act.forward(v)).sum(), &z)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Activation;
    use ndarray::array;

    #[test]
    fn curve_passes_through_the_current_point() {
        let n = Neuron::new(array![0.5], 0.0, Activation::Sigmoid);
        let c = loss_vs_weight(&n, &array![2.0], 1.0, SampleLoss::Squared, 0, -1.0, 2.0);
        assert_eq!(c.series.len(), 3);
        let (w, l) = c.series[2].points[0];
        assert_eq!(w, 0.5);
        assert_eq!(l, n.loss(&array![2.0], 1.0, SampleLoss::Squared));
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
