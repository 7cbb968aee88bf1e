//! One or more charts laid out in a grid and drawn as one SVG. evcxr shows only
//! one output per MIME type per cell, so a cell that wants two plots builds one
//! figure with two charts.

use super::plot::Chart;
use super::{shows_as, Output};
use plotters::prelude::*;

/// Drawing units per pixel. plotters' SVG backend puts every point on a whole
/// unit; a figure drawn at 4 units per pixel and shown at its pixel size has its
/// curves placed to a quarter of a pixel, smooth instead of stair-stepped.
pub(crate) const SUBPIXELS: u32 = 4;

/// One or more charts in a grid, rendered as a single SVG.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The charts, filled in row by row.
    pub charts: Vec<Chart>,
    /// Charts per row.
    pub cols: usize,
    /// Size of one chart in pixels (width, height).
    pub cell_size: (u32, u32),
}

impl Figure {
    /// A figure with one chart.
    pub fn single(chart: Chart) -> Self {
        Figure::grid(vec![chart], 1)
    }

    /// Charts side by side in one row.
    pub fn row(charts: Vec<Chart>) -> Self {
        let n = charts.len().max(1);
        Figure::grid(charts, n)
    }

    /// Charts in a grid with `cols` charts per row (a row never has more
    /// columns than there are charts).
    pub fn grid(charts: Vec<Chart>, cols: usize) -> Self {
        let cols = cols.clamp(1, charts.len().max(1));
        Figure { charts, cols, cell_size: (440, 320) }
    }

    /// The figure as an SVG document.
    ///
    /// # Panics
    /// If a chart cannot be drawn, naming it.
    #[track_caller]
    pub fn to_svg(&self) -> String {
        let cols = self.cols.clamp(1, self.charts.len().max(1));
        let rows = self.charts.len().div_ceil(cols).max(1);
        let (w, h) = (self.cell_size.0.max(1), self.cell_size.1.max(1));
        let size = (w.saturating_mul(cols as u32), h.saturating_mul(rows as u32));
        let drawn = (size.0.saturating_mul(SUBPIXELS), size.1.saturating_mul(SUBPIXELS));
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, drawn).into_drawing_area();
            root.fill(&WHITE).expect("filling an SVG string cannot fail");
            let areas = root.split_evenly((rows, cols));
            for (chart, area) in self.charts.iter().zip(areas.iter()) {
                if let Err(e) = chart.draw(area, SUBPIXELS) {
                    panic!("Figure::to_svg: the chart '{}' could not be drawn: {e}", chart.title);
                }
            }
            root.present().expect("writing an SVG string cannot fail");
        }
        // Shown at its size in pixels; the view box keeps the drawing units.
        let drawn_size = format!("width=\"{}\" height=\"{}\"", drawn.0, drawn.1);
        svg.replacen(&drawn_size, &format!("width=\"{}\" height=\"{}\"", size.0, size.1), 1)
    }

    /// A plain-text stand-in: the chart titles and series names.
    pub fn to_text(&self) -> String {
        let parts: Vec<String> = self
            .charts
            .iter()
            .map(|c| {
                let names: Vec<&str> = c.series.iter().map(|s| s.label.as_str()).collect();
                format!("{} ({})", c.title, names.join(", "))
            })
            .collect();
        format!("[figure: {}]", parts.join(" | "))
    }

    /// The SVG inside HTML, plus a text summary.
    pub fn output(&self) -> Output {
        Output::drawing(self.to_text(), &self.to_svg())
    }
}

shows_as!(Figure, Figure::output);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::show::Chart;

    #[test]
    fn a_figure_renders_every_series_as_svg() {
        let c1 = Chart::new("loss", "step", "L").line("loss", vec![(0.0, 1.0), (1.0, 0.5), (2.0, f64::NAN)]);
        let c2 =
            Chart::new("curve", "w", "L").function("f", |x| x * x, -1.0, 1.0, 21).tangent("t", 0.5, 0.25, 1.0, 0.3);
        let svg = Figure::row(vec![c1, c2.markers("m", vec![(0.5, 0.25)])]).to_svg();
        assert!(svg.starts_with("<svg") && svg.contains("polyline"), "{}", &svg[..200.min(svg.len())]);
        assert!(svg.contains("\nloss\n") && svg.contains("\ncurve\n"));
        assert!(svg.contains("<circle"));
        // Shown at 880 × 320 pixels, drawn in four units per pixel.
        assert!(svg.starts_with(r#"<svg width="880" height="320" viewBox="0 0 3520 1280""#), "{}", &svg[..80]);
    }

    #[test]
    fn text_summary_names_charts_and_series() {
        let f = Figure::single(Chart::new("loss", "step", "L").line("lr = 0.1", vec![(0.0, 1.0)]));
        assert_eq!(f.to_text(), "[figure: loss (lr = 0.1)]");
    }
}
