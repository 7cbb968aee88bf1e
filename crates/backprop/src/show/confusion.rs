//! The confusion matrix as a heat-map table: one row per true class, one
//! column per predicted class, each cell shaded by its share of the row.

use super::table::html_escape;
use super::{shows_as, Output};
use crate::train::ConfusionMatrix;
use std::fmt::Write;

impl ConfusionMatrix {
    /// The counts as text, one row per true class.
    pub fn to_text(&self) -> String {
        let c = self.counts.ncols();
        let mut s = format!("confusion matrix (rows: true class, columns: predicted 0..{})\n", c.saturating_sub(1));
        for (t, row) in self.counts.rows().into_iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|n| format!("{n:>3}")).collect();
            let _ = writeln!(s, "true {t}: {}", cells.join(" "));
        }
        s
    }

    /// The counts as an HTML table, each cell shaded by its share of its row
    /// (green on the diagonal, red off it), so the mistakes stand out.
    pub fn to_html(&self) -> String {
        let c = self.counts.ncols();
        let mut h = String::from(
            "<table style=\"border-collapse:collapse;font-family:monospace;text-align:center\">\
             <caption>confusion matrix: rows are the true class, columns the predicted class</caption><tr><th></th>",
        );
        for p in 0..c {
            let _ = write!(h, "<th style=\"padding:2px 6px\">{p}</th>");
        }
        h.push_str("</tr>");
        for (t, row) in self.counts.rows().into_iter().enumerate() {
            let total = row.sum().max(1) as f64;
            let _ = write!(h, "<tr><th style=\"padding:2px 6px\">{t}</th>");
            for (p, &n) in row.iter().enumerate() {
                let share = n as f64 / total;
                let colour = if n == 0 {
                    "#ffffff".to_string()
                } else if p == t {
                    format!("rgba(44,160,44,{:.2})", 0.15 + 0.85 * share)
                } else {
                    format!("rgba(214,39,40,{:.2})", (0.25 + 3.0 * share).min(1.0))
                };
                let _ = write!(h, "<td style=\"padding:2px 6px;border:1px solid #ddd;background:{colour}\">{n}</td>");
            }
            h.push_str("</tr>");
        }
        h + "</table>"
    }

    /// Text and HTML.
    pub fn output(&self) -> Output {
        Output {
            text: self.to_text(),
            html: format!("<div title=\"{}\">{}</div>", html_escape("confusion matrix"), self.to_html()),
        }
    }
}

shows_as!(ConfusionMatrix, ConfusionMatrix::output);
