//! Rich notebook output: small `name = value` tables.
//!
//! A [`Table`] shows in Jupyter (evcxr) as an HTML table and, for plain-text
//! readers and the tests, as `name = value` lines with full `f64` precision.

use super::{shows_as, Output};
use ndarray::{ArrayBase, Data, Dimension};
use std::fmt::Write;

/// Formats a number with full precision: the shortest text that reads back as
/// the same `f64` (so 0.1 + 0.2 shows as `0.30000000000000004`). Numbers from
/// 1e-5 up to 1e16 are written out as Rust's `{}` does; smaller or larger ones
/// in scientific notation (`8.968310171678819e98`) instead of a hundred digits.
///
/// ```
/// use backprop::prelude::*;
/// assert_eq!(fmt_f64(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(fmt_f64(-0.0), "-0");
/// assert_eq!(fmt_f64(2.5e-32), "2.5e-32");
/// assert_eq!(fmt_f64(1e300), "1e300");
/// ```
pub fn fmt_f64(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 || !a.is_finite() || (1e-5..1e16).contains(&a) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// Formats an array of any dimension as nested brackets, each element with `{}`:
/// `[1.1, -0.2]`, `[[0.7688, -0.4], [0.8376, 0.1]]`.
///
/// # Shapes
/// any number of dimensions.
pub fn fmt_array<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>) -> String {
    fn rec(view: ndarray::ArrayViewD<'_, f64>, out: &mut String) {
        if view.ndim() == 0 {
            out.push_str(&fmt_f64(view.first().copied().unwrap_or(f64::NAN)));
            return;
        }
        out.push('[');
        for (i, sub) in view.outer_iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            rec(sub, out);
        }
        out.push(']');
    }
    let mut s = String::new();
    rec(a.view().into_dyn(), &mut s);
    s
}

/// Escapes text for HTML.
pub(crate) fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A titled list of `name = value` rows, shown as an HTML table in a notebook.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// The caption above the rows.
    pub title: String,
    /// The rows as (name, formatted value, optional note).
    pub rows: Vec<(String, String, String)>,
}

impl Table {
    /// An empty table with a caption.
    pub fn new(title: &str) -> Self {
        Table { title: title.to_string(), rows: Vec::new() }
    }

    /// Adds a row `name = value`; `value` is any displayable text (see [`fmt_f64`], [`fmt_array`]).
    pub fn row(mut self, name: &str, value: impl Into<String>) -> Self {
        self.rows.push((name.to_string(), value.into(), String::new()));
        self
    }

    /// Adds a row with a short explanation shown beside it (in the HTML only).
    pub fn row_note(mut self, name: &str, value: impl Into<String>, note: &str) -> Self {
        self.rows.push((name.to_string(), value.into(), note.to_string()));
        self
    }

    /// The rows as text, one `name = value` per line.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for (name, value, _) in &self.rows {
            let _ = writeln!(s, "{name} = {value}");
        }
        s
    }

    /// The table as an HTML fragment.
    pub fn to_html(&self) -> String {
        let mut s = String::from("<table style=\"border-collapse:collapse;font-family:monospace\">");
        let _ = write!(s, "<caption style=\"text-align:left;font-weight:bold\">{}</caption>", html_escape(&self.title));
        for (name, value, note) in &self.rows {
            let _ = write!(
                s,
                "<tr><td style=\"padding:2px 8px\">{}</td><td style=\"padding:2px 8px\">{}</td><td style=\"padding:2px 8px;color:#666;font-family:sans-serif\">{}</td></tr>",
                html_escape(name),
                html_escape(value),
                html_escape(note)
            );
        }
        s.push_str("</table>");
        s
    }

    /// The table as a rich output: `name = value` lines and the HTML table.
    pub fn output(&self) -> Output {
        Output { text: self.to_text(), html: self.to_html() }
    }
}

shows_as!(Table, Table::output);

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn arrays_format_with_full_precision() {
        assert_eq!(fmt_array(&array![1.1, -0.2]), "[1.1, -0.2]");
        assert_eq!(fmt_array(&array![[0.1 + 0.2, 0.0], [-0.0, 2.0]]), "[[0.30000000000000004, 0], [-0, 2]]");
    }

    #[test]
    fn table_text_and_html() {
        let t = Table::new("pass").row("z", fmt_f64(1.0)).row_note("a", "0.5", "σ(z)");
        assert_eq!(t.to_text(), "z = 1\na = 0.5\n");
        assert!(t.to_html().contains("<td style=\"padding:2px 8px\">a</td>"));
        assert!(Table::new("<x>").to_html().contains("&lt;x&gt;"));
    }
}
