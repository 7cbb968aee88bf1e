//! The `name = value` tables that the hand-written passes, the gradient checks
//! and the engine's networks show in a notebook, with the lessons' names.

use super::graph::preview;
use super::table::{html_escape, Table};
use super::{shows_as, Output};
use crate::by_hand::{NetGrads, NetPass, Neuron, NeuronGrads, NeuronPass, TwoLayerNet};
use crate::engine::nn::{GradSummary, Layer, Sequential};
use crate::maths::GradCheck;
use crate::numbers::{fmt_array, fmt_f64};
use std::fmt::Write;

impl Neuron {
    /// The parameters as a `name = value` table.
    pub fn table(&self) -> Table {
        Table::new(&format!("neuron ({})", self.activation)).row("w", fmt_array(&self.w)).row("b", fmt_f64(self.b))
    }
}

impl NeuronPass {
    /// The pass as a `name = value` table.
    pub fn table(&self) -> Table {
        Table::new("forward pass").row_note("z", fmt_f64(self.z), "w·x + b").row_note("a", fmt_f64(self.a), "σ(z)")
    }
}

impl NeuronGrads {
    /// The gradients as a `name = value` table, in chain-rule order.
    pub fn table(&self) -> Table {
        Table::new("backward pass (chain rule)")
            .row_note("dL/da", fmt_f64(self.dl_da), "from the loss")
            .row_note("da/dz", fmt_f64(self.da_dz), "activation slope")
            .row_note("dL/dz", fmt_f64(self.dl_dz), "dL/da · da/dz")
            .row_note("dz/dw", fmt_array(&self.dz_dw), "= x")
            .row_note("dL/dw", fmt_array(&self.dl_dw), "dL/dz · x")
            .row_note("dL/db", fmt_f64(self.dl_db), "dL/dz · 1")
    }
}

impl TwoLayerNet {
    /// The parameters as a table, each name followed by `suffix` (e.g. `_new`).
    pub fn table(&self, title: &str, suffix: &str) -> Table {
        Table::new(title)
            .row(&format!("W1{suffix}"), fmt_array(&self.w1))
            .row(&format!("b1{suffix}"), fmt_array(&self.b1))
            .row(&format!("W2{suffix}"), fmt_array(&self.w2))
            .row(&format!("b2{suffix}"), fmt_f64(self.b2))
    }
}

impl NetPass {
    /// The forward pass with the lesson's names.
    pub fn table(&self) -> Table {
        Table::new("forward pass")
            .row_note("Z1", fmt_array(&self.z1), "W1·x + b1")
            .row_note("A1", fmt_array(&self.a1), "ReLU(Z1)")
            .row_note("y_hat", fmt_f64(self.y_hat), "Z2 = W2·A1 + b2")
            .row_note("Loss", fmt_f64(self.loss), "(y_hat − y)²")
    }
}

impl NetGrads {
    /// The backward pass with the lesson's names, from the loss back to W1.
    pub fn table(&self) -> Table {
        Table::new("backward pass")
            .row_note("dL/dy_hat", fmt_f64(self.dl_dy_hat), "2(y_hat − y)")
            .row_note("dL/dW2", fmt_array(&self.dl_dw2), "dL/dy_hat · A1")
            .row_note("dL/db2", fmt_f64(self.dl_db2), "dL/dy_hat · 1")
            .row_note("dL/dA1", fmt_array(&self.dl_da1), "W2 · dL/dy_hat")
            .row_note("relu_mask", fmt_array(&self.relu_mask), "ReLU′(Z1)")
            .row_note("dL/dZ1", fmt_array(&self.dl_dz1), "dL/dA1 ⊙ relu_mask")
            .row_note("dL/dW1", fmt_array(&self.dl_dw1), "outer(dL/dZ1, x)")
            .row_note("dL/db1", fmt_array(&self.dl_db1), "dL/dZ1")
    }
}

shows_as!(Neuron, |n| n.table().output());
shows_as!(NeuronPass, |p| p.table().output());
shows_as!(NeuronGrads, |g| g.table().output());
shows_as!(TwoLayerNet, |n| n.table("parameters", "").output());
shows_as!(NetPass, |p| p.table().output());
shows_as!(NetGrads, |g| g.table().output());

impl GradCheck {
    /// Panics, naming `op`, unless every column has one entry per name (the
    /// fields are public, so they can be replaced).
    #[track_caller]
    fn check_columns(&self, op: &str) {
        let p = self.names.len();
        let formula = self.formula.as_ref().map_or(p, |f| f.len());
        assert!(
            self.analytic.len() == p && self.numeric.len() == p && formula == p,
            "{op}: {p} names but {} analytic, {} numeric and {formula} formula values; need one of each per name",
            self.analytic.len(),
            self.numeric.len()
        );
    }

    /// The check as text: one line per parameter, then the verdict.
    ///
    /// # Panics
    /// If the columns (public fields) do not have one entry per name.
    #[track_caller]
    pub fn to_text(&self) -> String {
        self.check_columns("GradCheck::to_text");
        let mut s = String::new();
        for (i, name) in self.names.iter().enumerate() {
            let formula = self.formula.as_ref().map(|f| format!("formula = {}, ", fmt_f64(f[i]))).unwrap_or_default();
            let (a, n) = (fmt_f64(self.analytic[i]), fmt_f64(self.numeric[i]));
            let _ = writeln!(s, "{name}: {formula}analytic = {a}, numeric = {n}");
        }
        s + &self.verdict()
    }

    /// A table of analytic against numeric gradients, plus the verdict.
    ///
    /// # Panics
    /// As [`GradCheck::to_text`].
    #[track_caller]
    pub fn output(&self) -> Output {
        self.check_columns("GradCheck::output");
        let formula_head = if self.formula.is_some() { "<th>formula</th>" } else { "" };
        let mut html = format!(
            "<table style=\"font-family:monospace\"><tr><th>gradient</th>{formula_head}<th>analytic</th><th>numeric</th><th>|difference|</th></tr>"
        );
        for (i, name) in self.names.iter().enumerate() {
            let formula = self.formula.as_ref().map(|f| format!("<td>{}</td>", fmt_f64(f[i]))).unwrap_or_default();
            let _ = write!(
                html,
                "<tr><td>{}</td>{formula}<td>{}</td><td>{}</td><td>{:.1e}</td></tr>",
                html_escape(name),
                fmt_f64(self.analytic[i]),
                fmt_f64(self.numeric[i]),
                (self.analytic[i] - self.numeric[i]).abs()
            );
        }
        let _ = write!(html, "</table><p><b>{}</b></p>", html_escape(&self.verdict()));
        Output { text: self.to_text(), html }
    }
}

shows_as!(GradCheck, GradCheck::output);

impl GradSummary {
    /// `name: grad mean=…, shape=[…]` lines, the mean with 6 decimals as Day 3 prints it.
    pub fn to_text(&self) -> String {
        self.0.iter().map(|(n, m, s)| format!("{n}: grad mean={m:.6}, shape={s:?}")).collect::<Vec<_>>().join("\n")
    }

    /// The lines as text and as a table.
    pub fn output(&self) -> Output {
        let table = self.0.iter().fold(Table::new("each parameter's gradient (.grad)"), |t, (n, m, s)| {
            t.row_note(&format!("{n} grad mean"), format!("{m:.6}"), &format!("shape {s:?}"))
        });
        Output { text: self.to_text(), html: table.to_html() }
    }
}

shows_as!(GradSummary, GradSummary::output);

impl Sequential {
    /// The layers as PyTorch prints a model, one per line: `(0): Linear(in_features=2, out_features=3)`.
    pub fn to_text(&self) -> String {
        let lines: Vec<String> = self
            .layers
            .iter()
            .enumerate()
            .map(|(i, l)| match l {
                Layer::Linear(lin) => match lin.weight.shape()[..] {
                    [o, i_features] => format!("({i}): Linear(in_features={i_features}, out_features={o})"),
                    ref s => format!("({i}): Linear(weight of shape {s:?})"),
                },
                other => format!("({i}): {other:?}()"),
            })
            .collect();
        format!("Sequential(\n  {}\n)", lines.join("\n  "))
    }

    /// The layers, then every parameter's shape and first values.
    pub fn output(&self) -> Output {
        let table = self.named_parameters().into_iter().fold(Table::new("parameters"), |t, (name, p)| {
            t.row_note(&name, preview(&p.value()), &format!("shape {:?}", p.shape()))
        });
        let text = self.to_text();
        Output { html: format!("<pre>{}</pre>{}", html_escape(&text), table.to_html()), text }
    }
}

shows_as!(Sequential, Sequential::output);

#[cfg(test)]
mod tests {
    use crate::maths::GradCheck;
    use ndarray::{array, Array1};

    #[test]
    fn a_formula_column_shows_in_the_text() {
        let f = |t: &Array1<f64>| t[0] * t[0];
        let wrong_formula = GradCheck::new(&["d"], array![6.0], f, &array![3.0]).with_formula(array![3.0]);
        assert!(
            wrong_formula.to_text().starts_with("d: formula = 3, analytic = 6, numeric = 6"),
            "{}",
            wrong_formula.to_text()
        );
    }
}
