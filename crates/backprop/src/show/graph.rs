//! Drawing the computation graph of a result, inline in a notebook.
//!
//! One box per node — leaves (inputs, parameters) and operations — showing its
//! shape, the first few numbers of its value and, once `backward()` has run,
//! of its gradient. Arrows go from inputs to results. The layout is done by the
//! `layout-rs` crate (a Graphviz-style layered layout) and drawn as SVG.

use super::table::{html_escape, Table};
use super::{shows_as, Output};
use crate::engine::Tensor;
use crate::numbers::{fmt_array, fmt_f64};
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::Point;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;
use ndarray::ArrayD;
use std::collections::HashMap;

/// Up to three numbers of an array, 4 decimals each (a tiny negative number
/// shows as `0.0000`, not `-0.0000`), with "…" if there are more.
pub(crate) fn preview(a: &ArrayD<f64>) -> String {
    let four = |v: f64| if v.abs() < 5e-5 { format!("{:.4}", 0.0) } else { format!("{v:.4}") };
    let shown: Vec<String> = a.iter().take(3).map(|&v| four(v)).collect();
    let more = if a.len() > 3 { ", …" } else { "" };
    format!("[{}{more}]", shown.join(", "))
}

/// One box of the drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphNode {
    /// Position in the drawing, inputs first (0, 1, 2, …).
    pub id: usize,
    /// The label, or the operation's name.
    pub title: String,
    /// `input`, `parameter`, or the operation's name.
    pub kind: String,
    /// Shape of the value (`None` for a box of [`draw_graph`], which holds one number).
    pub shape: Option<Vec<usize>>,
    /// The first few numbers of the value.
    pub value: String,
    /// The first few numbers of the gradient (`None` where no gradient flows).
    pub grad: Option<String>,
}

/// The computation graph behind a tensor, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    /// The nodes, inputs before results.
    pub nodes: Vec<GraphNode>,
    /// (from, to) node ids.
    pub edges: Vec<(usize, usize)>,
}

impl Tensor {
    /// The graph of every node this tensor was computed from.
    pub fn graph(&self) -> Graph {
        let order = self.topological_order();
        let index: HashMap<usize, usize> = order.iter().enumerate().map(|(i, t)| (t.id(), i)).collect();
        let nodes = order
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let label = t.label();
                GraphNode {
                    id: i,
                    title: if label.is_empty() { t.op().to_string() } else { label },
                    kind: t.op().to_string(),
                    shape: Some(t.shape()),
                    value: preview(&t.value()),
                    grad: t.requires_grad().then(|| preview(&t.grad())),
                }
            })
            .collect();
        let edges = order
            .iter()
            .enumerate()
            .flat_map(|(k, t)| t.inputs().into_iter().map(|i| (index[&i.id()], k)).collect::<Vec<_>>())
            .collect();
        Graph { nodes, edges }
    }
}

impl GraphNode {
    fn lines(&self) -> Vec<String> {
        let Some(shape) = &self.shape else {
            let grad = self.grad.as_deref().unwrap_or(BLANK);
            return vec![self.title.clone(), format!("value {}", self.value), format!("grad {grad}")];
        };
        let mut lines = vec![self.title.clone()];
        if self.kind != self.title && (self.kind == "input" || self.kind == "parameter") {
            lines[0] = format!("{} ({})", self.title, self.kind);
        }
        lines.push(format!("shape {shape:?}"));
        lines.push(format!("value {}", self.value));
        if let Some(g) = &self.grad {
            lines.push(format!("grad {g}"));
        }
        lines
    }
}

impl Graph {
    /// The graph as text: one line per node, inputs first.
    pub fn to_text(&self) -> String {
        self.nodes
            .iter()
            .map(|n| {
                let from: Vec<String> =
                    self.edges.iter().filter(|e| e.1 == n.id).map(|e| format!("#{}", e.0)).collect();
                let from = if from.is_empty() { String::new() } else { format!(" <- {}", from.join(", ")) };
                format!("#{} {}{from}", n.id, n.lines().join(" | "))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The graph drawn as SVG, top to bottom, the output last.
    pub fn to_svg(&self) -> String {
        let mut vg = VisualGraph::new(Orientation::TopToBottom);
        let mut handles = HashMap::new();
        let last = self.nodes.last().map(|n| n.id);
        for n in &self.nodes {
            let lines = n.lines();
            let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(4) as f64 * 7.2 + 24.0;
            let size = Point::new(width, lines.len() as f64 * 15.0 + 12.0);
            let fill = match n.kind.as_str() {
                "parameter" => 0xcfe2f3ff,
                "input" => 0xeeeeeeff,
                _ if Some(n.id) == last => 0xd9ead3ff,
                _ => 0xffffffff,
            };
            let style = StyleAttr::new(Color::fast("black"), 1, Some(Color::new(fill)), 4, 12);
            let element = Element::create(ShapeKind::new_box(&lines.join("\n")), style, Orientation::LeftToRight, size);
            handles.insert(n.id, vg.add_node(element));
        }
        for (from, to) in &self.edges {
            vg.add_edge(Arrow::simple(""), handles[from], handles[to]);
        }
        let mut svg = SVGWriter::new();
        vg.do_it(false, false, false, &mut svg);
        let svg = svg.finalize();
        // Drop the XML prolog so the SVG can sit inside HTML.
        let svg = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
        trim_to_boxes(&sort_style_block(svg))
    }

    /// The node list as text, and the drawing.
    pub fn output(&self) -> Output {
        Output::titled_drawing(self.to_text(), "computation graph", &self.to_svg())
    }
}

shows_as!(Graph, Graph::output);

/// The empty gradient slot of a box of [`draw_graph`]: a gradient still to find.
const BLANK: &str = "___";

/// Draws a graph of single numbers from what it is given, computing nothing:
/// one box per entry of `nodes`, `(label, value, grad)`, numbered `#0, #1, …`
/// in that order, and one arrow per `(from, to)` pair of `edges`, from an input
/// to the result computed from it. A box with no arrow into it is an input
/// (grey); the last box is the result (green). A `grad` of `None` draws an
/// empty slot, `grad ___`: a gradient not found yet. The text stand-in lists
/// the boxes as `#2 mul | value 6 | grad -6 <- #0, #1`.
///
/// # Panics
/// If an edge names a box that is not in `nodes`.
///
/// ```
/// use backprop::prelude::*;
/// // c = a·b with a = 2, b = 3: the boxes before backward, then after.
/// let edges = [(0, 2), (1, 2)];
/// let before = draw_graph(&[("a", 2.0, None), ("b", 3.0, None), ("mul", 6.0, Some(1.0))], &edges);
/// assert_eq!(before.to_text().lines().next(), Some("#0 a | value 2 | grad ___"));
/// let after = draw_graph(&[("a", 2.0, Some(3.0)), ("b", 3.0, Some(2.0)), ("mul", 6.0, Some(1.0))], &edges);
/// assert!(after.to_text().ends_with("#2 mul | value 6 | grad 1 <- #0, #1"));
/// ```
#[track_caller]
pub fn draw_graph<S: AsRef<str>>(nodes: &[(S, f64, Option<f64>)], edges: &[(usize, usize)]) -> Graph {
    for &(from, to) in edges {
        assert!(
            from < nodes.len() && to < nodes.len(),
            "draw_graph: the edge ({from}, {to}) names a box that is not there (boxes #0 to #{})",
            nodes.len().saturating_sub(1)
        );
    }
    let nodes = nodes
        .iter()
        .enumerate()
        .map(|(id, (label, value, grad))| GraphNode {
            id,
            title: label.as_ref().to_string(),
            kind: if edges.iter().any(|e| e.1 == id) { "operation" } else { "input" }.to_string(),
            shape: None,
            value: fmt_f64(*value),
            grad: grad.map(fmt_f64),
        })
        .collect();
    Graph { nodes, edges: edges.to_vec() }
}

/// A `name = value` table of the gradients of some tensors, named by their labels.
///
/// # Shapes
/// each tensor any shape; one row per tensor.
pub fn grad_table(title: &str, tensors: &[Tensor]) -> Table {
    tensors.iter().fold(Table::new(title), |t, p| {
        t.row_note(&format!("dL/d{}", p.label()), fmt_array(&p.grad()), &format!("shape {:?}", p.shape()))
    })
}

/// The number after `name="` in `tag`, if any.
fn attr(tag: &str, name: &str) -> Option<f64> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].split('"').next()?.parse().ok()
}

/// layout-rs sizes its canvas generously, leaving a wide empty band below and
/// right of the drawing. Every arrow ends at a box, so the boxes' extent is the
/// drawing's extent: shrink the canvas to it plus the same 30-pixel margin the
/// layout leaves at the top and left.
fn trim_to_boxes(svg: &str) -> String {
    let (mut right, mut bottom) = (0.0f64, 0.0f64);
    for tag in svg.split("<rect").skip(1) {
        let tag = tag.split("/>").next().unwrap_or("");
        if let (Some(x), Some(y), Some(w), Some(h)) =
            (attr(tag, "x"), attr(tag, "y"), attr(tag, "width"), attr(tag, "height"))
        {
            right = right.max(x + w);
            bottom = bottom.max(y + h);
        }
    }
    let Some(end) = svg.find('>') else { return svg.to_string() };
    if right == 0.0 || !svg.starts_with("<svg") {
        return svg.to_string();
    }
    let (w, h) = (right + 30.0, bottom + 30.0);
    format!(
        "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">{}",
        &svg[end + 1..]
    )
}

/// layout-rs writes its CSS classes from a `HashMap`, so their order changes
/// from run to run; sorting them makes the drawing identical every time (the
/// layout itself is deterministic), which keeps stored notebook outputs fresh.
fn sort_style_block(svg: &str) -> String {
    let (Some(start), Some(end)) = (svg.find("<style>\n"), svg.find("</style>")) else { return svg.to_string() };
    let body = start + "<style>\n".len();
    let mut lines: Vec<&str> = svg[body..end].lines().collect();
    lines.sort_unstable();
    format!("{}{}\n{}", &svg[..body], lines.join("\n"), &svg[end..])
}

/// A tensor's operation, shape, value and gradient.
fn tensor_output(t: &Tensor) -> Output {
    let text = format!("Tensor {} {:?}\nvalue = {}\ngrad = {}", t.op(), t.shape(), t.value(), t.grad());
    Output { html: format!("<pre>{}</pre>", html_escape(&text)), text }
}

shows_as!(Tensor, tensor_output);

#[cfg(test)]
mod tests {
    use super::{draw_graph, sort_style_block};

    #[test]
    fn draw_graph_draws_what_it_is_given() {
        // o = tanh(x·w + x): x is an input of two boxes.
        let nodes = [
            ("x", 0.8, None),
            ("w", -0.6, None),
            ("mul", -0.48, None),
            ("add", 0.32, None),
            ("tanh", 0.309507, Some(1.0)),
        ];
        let edges = [(0, 2), (1, 2), (2, 3), (0, 3), (3, 4)];
        let g = draw_graph(&nodes, &edges);
        assert_eq!(
            g.to_text(),
            "#0 x | value 0.8 | grad ___\n#1 w | value -0.6 | grad ___\n#2 mul | value -0.48 | grad ___ <- #0, #1\n\
             #3 add | value 0.32 | grad ___ <- #2, #0\n#4 tanh | value 0.309507 | grad 1 <- #3"
        );
        let kinds: Vec<&str> = g.nodes.iter().map(|n| n.kind.as_str()).collect();
        assert_eq!(kinds, ["input", "input", "operation", "operation", "operation"]);
        let svg = g.to_svg();
        assert!(svg.starts_with("<svg") && svg.contains("grad ___") && svg.contains("value 0.309507"), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 5, "one box per node");
        assert!(!svg.contains("shape"), "a box of one number shows no shape");
    }

    #[test]
    fn draw_graph_fills_the_slots_it_is_given() {
        let g =
            draw_graph(&[("a".to_string(), 1.5, Some(2.0)), ("add".to_string(), 3.0, Some(1.0))], &[(0, 1), (0, 1)]);
        assert_eq!(g.to_text(), "#0 a | value 1.5 | grad 2\n#1 add | value 3 | grad 1 <- #0, #0");
    }

    #[test]
    #[should_panic(expected = "the edge (0, 3) names a box that is not there")]
    fn draw_graph_refuses_an_edge_to_nowhere() {
        draw_graph(&[("a", 1.0, None), ("b", 2.0, None)], &[(0, 3)]);
    }

    #[test]
    fn the_canvas_is_trimmed_to_the_boxes() {
        let svg = "<svg width=\"900\" height=\"1500\" viewBox=\"0 0 900 1500\" xmlns=\"http://www.w3.org/2000/svg\"><rect x=\"30\" y=\"30\" width=\"100\" height=\"50\" /><rect x=\"200\" y=\"300\" width=\"80\" height=\"40\" /></svg>";
        let trimmed = super::trim_to_boxes(svg);
        assert!(trimmed.starts_with("<svg width=\"310\" height=\"370\" viewBox=\"0 0 310 370\""), "{trimmed}");
        assert!(trimmed.ends_with("<rect x=\"200\" y=\"300\" width=\"80\" height=\"40\" /></svg>"));
    }

    #[test]
    fn style_classes_come_out_in_one_order() {
        let a = "<svg><style>\n.b { x }\n.a { y }\n</style><g/></svg>";
        let b = "<svg><style>\n.a { y }\n.b { x }\n</style><g/></svg>";
        assert_eq!(sort_style_block(a), sort_style_block(b));
        assert_eq!(sort_style_block(a), b);
    }
}
