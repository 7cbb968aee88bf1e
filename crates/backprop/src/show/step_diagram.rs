//! One training step of a network as a picture (computed by `DeltaNet::step_diagram`): the forward pass along the
//! top row, the backward pass along the bottom row, each box with the real
//! numbers of the step, and the update that closes the loop.

use super::table::html_escape;
use super::{shows_as, Output};
use std::fmt::Write;

/// One box of the diagram: a heading and a line of numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct StepBox {
    /// What the box holds, as a formula (`a1 = relu(x·W1ᵀ + b1)`).
    pub title: String,
    /// Its value in this step.
    pub value: String,
}

/// A training step drawn as rows of boxes: forward (x → a¹ → … → ŷ → L),
/// backward (∂L/∂ŷ → δᴸ → … → δ¹), and under each layer's δ that layer's
/// `∂L/∂W` and `∂L/∂b`.
#[derive(Clone, Debug, PartialEq)]
pub struct StepDiagram {
    /// Forward boxes, left to right: the input, each layer's output, the loss.
    pub forward: Vec<StepBox>,
    /// Backward boxes under them, right-aligned (the last one under the last
    /// forward box), right to left in reading order: each layer's δ under its
    /// output, ∂L/∂ŷ under the loss.
    pub backward: Vec<StepBox>,
    /// Each layer's (∂L/∂W, ∂L/∂b), first layer first, drawn under the first
    /// backward boxes (a layer's pair under its δ).
    pub gradients: Vec<(StepBox, StepBox)>,
}

impl StepDiagram {
    /// The diagram as text: one line per row.
    pub fn to_text(&self) -> String {
        let one = |b: &StepBox| format!("{} = {}", b.title, b.value);
        let row = |bs: &[StepBox]| bs.iter().map(one).collect::<Vec<_>>();
        let grads: Vec<String> = self.gradients.iter().map(|(w, b)| format!("{}, {}", one(w), one(b))).collect();
        format!(
            "[diagram: one training step]\nforward:  {}\nbackward: {}\ngradients: {}\nupdate: every W and b moves by -lr × its gradient",
            row(&self.forward).join("  ->  "),
            row(&self.backward).join("  <-  "),
            grads.join("; ")
        )
    }

    /// The diagram as SVG: forward boxes in blue along the top, backward boxes
    /// in red along the bottom, arrows between them.
    pub fn to_svg(&self) -> String {
        // Wide enough for the longest line (monospace digits are about 7.5 px at 12 px).
        let pairs = self.gradients.iter().flat_map(|(w, b)| [w, b]);
        let longest = self
            .forward
            .iter()
            .chain(&self.backward)
            .chain(pairs)
            .map(|b| b.value.chars().count().max(b.title.chars().count()));
        let w = (longest.max().unwrap_or(0) as f64 * 7.5 + 24.0).max(190.0);
        let (h, gap, top, bottom, grads) = (62.0, 34.0, 40.0, 170.0, 290.0);
        let cols = self.forward.len().max(self.backward.len()).max(self.gradients.len()) as f64;
        let width = cols * w + (cols - 1.0) * gap + 20.0;
        let mut s = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"470\" font-family=\"sans-serif\" font-size=\"12\">\
             <defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\">\
             <path d=\"M0,0 L8,4 L0,8 z\" fill=\"context-stroke\"/></marker></defs>"
        );
        let x_of = |i: usize| 10.0 + i as f64 * (w + gap);
        let draw_row = |s: &mut String, boxes: &[StepBox], first: usize, y: f64, colour: &str, label: &str| {
            let _ = write!(s, "<text x=\"10\" y=\"{}\" fill=\"{colour}\" font-weight=\"bold\">{label}</text>", y - 8.0);
            for (i, bx) in boxes.iter().enumerate() {
                let x = x_of(first + i);
                let _ = write!(
                    s,
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"6\" fill=\"white\" stroke=\"{colour}\" stroke-width=\"2\"/>\
                     <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\
                     <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-family=\"monospace\">{}</text>",
                    x + w / 2.0,
                    y + 24.0,
                    html_escape(&bx.title),
                    x + w / 2.0,
                    y + 46.0,
                    html_escape(&bx.value)
                );
            }
        };
        // The backward row ends under the last forward box; the gradients sit under the first δ's.
        let back_first = self.forward.len().saturating_sub(self.backward.len());
        draw_row(&mut s, &self.forward, 0, top, "#1f77b4", "forward: compute and cache each layer's output");
        draw_row(&mut s, &self.backward, back_first, bottom, "#d62728", "backward: hand each δ to the layer before");
        let weights: Vec<StepBox> = self.gradients.iter().map(|(w, _)| w.clone()).collect();
        let biases: Vec<StepBox> = self.gradients.iter().map(|(_, b)| b.clone()).collect();
        draw_row(&mut s, &weights, back_first, grads, "#2ca02c", "gradients: each layer's dL/dW and dL/db from its δ");
        draw_row(&mut s, &biases, back_first, grads + h + 6.0, "#2ca02c", "");
        for i in 0..self.forward.len().saturating_sub(1) {
            let (x0, x1) = (x_of(i) + w, x_of(i + 1));
            let _ = write!(s, "<line x1=\"{x0}\" y1=\"{0}\" x2=\"{x1}\" y2=\"{0}\" stroke=\"#1f77b4\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>", top + h / 2.0);
        }
        for i in back_first..(back_first + self.backward.len()).saturating_sub(1) {
            let (x0, x1) = (x_of(i) + w, x_of(i + 1));
            let _ = write!(s, "<line x1=\"{x1}\" y1=\"{0}\" x2=\"{x0}\" y2=\"{0}\" stroke=\"#d62728\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>", bottom + h / 2.0);
        }
        for i in 0..self.gradients.len().min(self.backward.len()) {
            let x = x_of(back_first + i) + w / 2.0;
            let _ = write!(s, "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#2ca02c\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>", bottom + h, grads - 20.0);
        }
        let last = x_of(self.forward.len().saturating_sub(1)) + w / 2.0;
        let _ = write!(s, "<line x1=\"{last}\" y1=\"{}\" x2=\"{last}\" y2=\"{}\" stroke=\"#555\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>", top + h, bottom);
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">update: every W and b moves by −lr × its gradient, then the next step starts</text></svg>",
            width / 2.0,
            grads + 2.0 * h + 34.0
        );
        s
    }

    /// The diagram as text and SVG.
    pub fn output(&self) -> Output {
        Output::drawing(self.to_text(), &self.to_svg())
    }
}

shows_as!(StepDiagram, StepDiagram::output);
