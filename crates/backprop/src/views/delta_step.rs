//! One step of the delta rule, computed and handed to `show`: the step
//! diagram (forward boxes over backward boxes) and the table of the backward
//! pass. The forward and backward passes run here; `show` only draws.

use crate::by_hand::{DeltaNet, LayerCache};
use crate::numbers::{fmt_array, fmt_f64};
use crate::show::{StepBox, StepDiagram, Table};
use ndarray::Array2;

impl DeltaNet {
    /// The step diagram of one forward and backward pass on `x` and `y`,
    /// with the loss L = Σ ½(ŷ − y)².
    ///
    /// # Shapes
    /// `x`: B × I, `y`: B × O, as for [`DeltaNet::forward`] and [`DeltaNet::backward`].
    ///
    /// # Panics
    /// As [`DeltaNet::forward`] and [`DeltaNet::backward`] do, on shapes that do not fit.
    #[track_caller]
    pub fn step_diagram(&self, x: &Array2<f64>, y: &Array2<f64>) -> StepDiagram {
        let caches = self.forward(x);
        let grads = self.backward(&caches, y);
        let n = caches.len();
        let b = |v: &str| StepBox { title: v.to_string(), value: String::new() };
        let mut forward = vec![StepBox { value: fmt_array(x), ..b("input x") }];
        for (l, c) in caches.iter().enumerate() {
            let input = if l == 0 { "x".to_string() } else { format!("a{l}") };
            let name = if l + 1 == n { "y_hat".to_string() } else { format!("a{}", l + 1) };
            let act = self.activations[l].to_string().to_lowercase();
            let title = format!("{name} = {act}({input}·W{0}ᵀ + b{0})", l + 1);
            forward.push(StepBox { value: fmt_array(&c.a), ..b(&title) });
        }
        forward.push(StepBox { value: fmt_f64(self.loss(&caches, y)), ..b("L = Σ ½(y_hat − y)²") });
        let mut backward = vec![StepBox { value: fmt_array(&(&caches[n - 1].a - y)), ..b("dL/dy_hat = y_hat − y") }];
        for l in (0..n).rev() {
            let title = if l + 1 == n {
                format!("δ{} = dL/dy_hat ⊙ φ′(z{})", l + 1, l + 1)
            } else {
                format!("δ{} = δ{}·W{} ⊙ φ′(z{})", l + 1, l + 2, l + 2, l + 1)
            };
            backward.push(StepBox { value: fmt_array(&grads[l].delta), ..b(&title) });
        }
        backward.reverse(); // left to right, under the forward boxes
        let gradients = grads
            .iter()
            .enumerate()
            .map(|(l, g)| {
                let input = if l == 0 { "x".to_string() } else { format!("a{l}") };
                let w =
                    StepBox { value: fmt_array(&g.dl_dw), ..b(&format!("dL/dW{} = δ{}ᵀ·{input}", l + 1, l + 1)) };
                let bias = StepBox {
                    value: fmt_array(&g.dl_db),
                    ..b(&format!("dL/db{} = Σ δ{} over the batch", l + 1, l + 1))
                };
                (w, bias)
            })
            .collect();
        StepDiagram { forward, backward, gradients }
    }
}

impl DeltaNet {
    /// The backward pass as a table: the loss, then δ, dL/dW and dL/db of each
    /// layer, from the output layer down.
    ///
    /// # Shapes
    /// caches from `forward`; y: B × O_N.
    ///
    /// # Panics
    /// If y does not have the output's shape.
    #[track_caller]
    pub fn table(&self, caches: &[LayerCache], y: &Array2<f64>) -> Table {
        let grads = self.backward(caches, y);
        let mut t = Table::new("the delta rule").row("L", fmt_f64(self.loss(caches, y)));
        for (l, g) in grads.iter().enumerate().rev() {
            let k = l + 1;
            t = t
                .row_note(&format!("delta{k}"), fmt_array(&g.delta), "dL/dz")
                .row(&format!("dL/dW{k}"), fmt_array(&g.dl_dw))
                .row(&format!("dL/db{k}"), fmt_array(&g.dl_db));
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use crate::by_hand::DeltaNet;
    use crate::maths::Activation::{Identity, Relu};
    use ndarray::array;

    #[test]
    fn the_worked_example_draws_its_real_numbers() {
        let net = DeltaNet::new(
            vec![array![[0.1, 0.3], [0.2, 0.4]], array![[0.5, 0.6]]],
            vec![array![0.0, 0.0], array![0.0]],
            vec![Relu, Identity],
        );
        let d = net.step_diagram(&array![[1.0, 2.0]], &array![[1.0]]);
        assert_eq!(d.forward.len(), 4);
        assert_eq!(d.backward.len(), 3);
        assert_eq!(d.forward[3].value, "0.00125");
        assert_eq!(d.backward[1].value, "[[-0.05]]", "δ2 sits under the output");
        assert_eq!(d.backward[0].value, "[[-0.025, -0.03]]", "δ1 sits under the hidden layer");
        assert_eq!(d.gradients[1].0.value, "[[-0.035, -0.05]]", "dL/dW2 = δ2ᵀ·a1");
        assert_eq!(d.gradients[0].1.value, "[-0.025, -0.03]", "dL/db1 = δ1");
        assert!(d.to_svg().matches("<rect").count() == 11 && d.to_text().contains("δ2 = dL/dy_hat"));
    }
}
