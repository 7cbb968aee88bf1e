//! What a notebook displays: `name = value` tables, charts, the computation
//! graph, the crate's own source, and the panic message of a failed cell.
//!
//! Presentation lives here, apart from the maths: the `impl` blocks in this
//! module that add `table`, `chart` or `evcxr_display` to types of `maths`,
//! `by_hand`, `engine` and `train` are kept here on purpose, so those modules
//! hold only the computation. Every rich output goes through one helper,
//! [`Output::emit`].

mod confusion;
mod figure;
mod graph;
mod images;
mod panic;
mod plot;
mod probabilities;
mod source;
mod step_diagram;
mod step_parabola;
mod table;
mod tables;
mod train_charts;

pub use figure::Figure;
pub use graph::{draw_graph, grad_table, Graph, GraphNode};
pub use images::ImageGrid;
pub use panic::show_panics;
pub use plot::{xy_points, Chart, Series, Style};
pub use probabilities::ClassProbabilities;
pub use source::{source_excerpt, SourceExcerpt};
pub use step_diagram::{StepBox, StepDiagram};
pub use step_parabola::step_parabola_chart;
pub use table::Table;
pub use train_charts::LOG_FLOOR;

pub(crate) use table::html_escape;

/// One rich output: what a plain-text reader sees and what Jupyter shows.
///
/// A table or a text block is HTML (`text/html`). A drawing is an SVG document
/// (built with [`Output::drawing`]) and goes out as `image/svg+xml`, the type
/// every Jupyter front end draws as an image: JupyterLab, and nbconvert's HTML
/// export even when it sanitizes HTML (it would show an SVG inside HTML as text).
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// The `text/plain` version (also what the tests read).
    pub text: String,
    /// The `text/html` version, or for a drawing its SVG document.
    pub html: String,
}

impl Output {
    /// A drawing (SVG) with its text stand-in, which is also the drawing's
    /// title (its tooltip and its name for a screen reader).
    pub fn drawing(text: String, svg: &str) -> Output {
        let title = text.clone();
        Output::titled_drawing(text, &title, svg)
    }

    /// A drawing (SVG) with its text stand-in and a title of its own.
    pub fn titled_drawing(text: String, title: &str, svg: &str) -> Output {
        let svg = svg.trim_start();
        let open = svg.find('>').map_or(0, |i| i + 1);
        let (tag, rest) = svg.split_at(open);
        let tag = if tag.contains("xmlns=") {
            tag.to_string()
        } else {
            tag.replacen("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"", 1)
        };
        Output { text, html: format!("{tag}<title>{}</title>{rest}", html_escape(title)) }
    }

    /// True for a drawing: its rich version is an SVG document.
    pub fn is_drawing(&self) -> bool {
        self.html.starts_with("<svg")
    }

    /// Writes the output in evcxr's rich-output protocol: one `text/plain` block
    /// and one `text/html` (or, for a drawing, `image/svg+xml`) block. The only
    /// place in the crate that does.
    pub fn emit(&self) {
        let mime = if self.is_drawing() { "image/svg+xml" } else { "text/html" };
        println!("EVCXR_BEGIN_CONTENT text/plain\n{}\nEVCXR_END_CONTENT", self.text.trim_end());
        println!("EVCXR_BEGIN_CONTENT {mime}\n{}\nEVCXR_END_CONTENT", self.html);
    }
}

/// Gives a type evcxr's display hook, `evcxr_display`, from a function that
/// turns it into an [`Output`].
macro_rules! shows_as {
    ($ty:ty, $output:expr) => {
        impl $ty {
            /// evcxr's display hook: a notebook cell ending in this value shows it.
            pub fn evcxr_display(&self) {
                let output: fn(&$ty) -> $crate::show::Output = $output;
                output(self).emit()
            }
        }
    };
}
pub(crate) use shows_as;

#[cfg(test)]
mod tests {
    use super::Output;

    #[test]
    fn a_drawing_is_an_svg_document_with_its_title() {
        let o = Output::drawing("[figure: a < b]".into(), "<svg width=\"10\"><polyline points=\"0,0 1,1\"/></svg>");
        assert!(o.is_drawing());
        assert_eq!(
            o.html,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\"><title>[figure: a &lt; b]</title><polyline points=\"0,0 1,1\"/></svg>"
        );
        let kept = Output::titled_drawing("x".into(), "graph", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
        assert_eq!(kept.html, "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>graph</title></svg>");
        assert!(!Output { text: String::new(), html: "<table></table>".into() }.is_drawing());
    }
}
