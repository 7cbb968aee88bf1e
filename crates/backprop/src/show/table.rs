//! Rich notebook output: small `name = value` tables.
//!
//! A [`Table`] shows in Jupyter (evcxr) as an HTML table and, for plain-text
//! readers and the tests, as `name = value` lines.

use super::{shows_as, Output};
use std::fmt::Write;

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

    /// Adds a row `name = value`; `value` is any displayable text (see [`fmt_f64`](crate::numbers::fmt_f64), [`fmt_array`](crate::numbers::fmt_array)).
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
    use crate::numbers::fmt_f64;

    #[test]
    fn table_text_and_html() {
        let t = Table::new("pass").row("z", fmt_f64(1.0)).row_note("a", "0.5", "σ(z)");
        assert_eq!(t.to_text(), "z = 1\na = 0.5\n");
        assert!(t.to_html().contains("<td style=\"padding:2px 8px\">a</td>"));
        assert!(Table::new("<x>").to_html().contains("&lt;x&gt;"));
    }
}
