//! Loss landscapes: the loss as a function of one parameter, with its tangent.
//!
//! The derivative dL/dw is the slope of the curve L(w) at the current w; drawing
//! the tangent next to the curve shows why gradient descent moves against it.

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
pub fn loss_vs_weight(
    neuron: &Neuron,
    x: &Array1<f64>,
    y: f64,
    loss: SampleLoss,
    i: usize,
    lo: f64,
    hi: f64,
) -> Chart {
    assert!(
        i < neuron.w.len(),
        "loss_vs_weight: weight index {i} is out of range for {} weights",
        neuron.w.len()
    );
    let (_, l, grads) = neuron.forward_backward(x, y, loss);
    let w0 = neuron.w[i];
    let slope = grads.dl_dw[i];
    let at = |wi: f64| {
        let mut probe = neuron.clone();
        probe.w[i] = wi;
        probe.loss(x, y, loss)
    };
    let name = if neuron.w.len() == 1 {
        "w".to_string()
    } else {
        format!("w{i}")
    };
    Chart::new(&format!("loss as a function of {name}"), &name, "L")
        .function(&format!("L({name})"), at, lo, hi, 121)
        .tangent(
            &format!("tangent, slope dL/d{name} = {slope:.4}"),
            w0,
            l,
            slope,
            (hi - lo) / 6.0,
        )
        .markers(&format!("current {name} = {w0}"), vec![(w0, l)])
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
}
