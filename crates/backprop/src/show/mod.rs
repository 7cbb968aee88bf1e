//! What a notebook displays: `name = value` tables, charts, the computation
//! graph, the crate's own source, and the panic message of a failed cell.
//!
//! Presentation lives here, apart from the maths: the `impl` blocks in this
//! module that add `table`, `chart` or `evcxr_display` to types of `maths`,
//! `by_hand`, `engine` and `train` are kept here on purpose, so those modules
//! hold only the computation. Every rich output goes through one helper,
//! [`Output::emit`].

mod charts;
mod confusion;
mod figure;
mod graph;
mod images;
mod number;
mod panic;
mod plot;
mod probabilities;
mod source;
mod step_diagram;
mod table;
mod tables;
mod train_charts;

pub use charts::{activation_chart, activation_shift_chart, LossCurve};
pub use figure::Figure;
pub use graph::{grad_table, Graph, GraphNode};
pub use images::ImageGrid;
pub use number::{fmt_array, fmt_decimals, fmt_f64, fmt_full, fmt_list};
pub use panic::show_panics;
pub use plot::{xy_points, Chart, Series, Style};
pub use probabilities::ClassProbabilities;
pub use source::{source_excerpt, SourceExcerpt};
pub use step_diagram::{StepBox, StepDiagram};
pub use table::Table;
pub use train_charts::{grad_norm_chart, LOG_FLOOR};

pub(crate) use table::html_escape;

/// One rich output: what a plain-text reader sees and what Jupyter shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// The `text/plain` version (also what the tests read).
    pub text: String,
    /// The `text/html` version.
    pub html: String,
}

impl Output {
    /// A drawing (SVG) with its text stand-in, which is also the drawing's
    /// tooltip in the HTML.
    pub fn drawing(text: String, svg: &str) -> Output {
        let html = format!("<div title=\"{}\">{svg}</div>", html_escape(&text));
        Output { text, html }
    }

    /// Writes the output in evcxr's rich-output protocol: one `text/plain` and
    /// one `text/html` block. The only place in the crate that does.
    pub fn emit(&self) {
        println!("EVCXR_BEGIN_CONTENT text/plain\n{}\nEVCXR_END_CONTENT", self.text.trim_end());
        println!("EVCXR_BEGIN_CONTENT text/html\n{}\nEVCXR_END_CONTENT", self.html);
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
