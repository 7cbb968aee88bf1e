//! Inline line plots for notebooks, drawn as SVG with plotters.
//!
//! A [`Chart`] is one set of axes with some series; a [`super::Figure`] lays
//! one or more charts out side by side.

use crate::numbers::fmt_f64;
use plotters::prelude::*;

/// Series colours: blue, red, green, orange, purple, brown (readable on white).
const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// A solid line through the points.
    Line,
    /// A dashed line through the points.
    Dashed,
    /// A filled circle at each point.
    Markers,
    /// A small, pale dot at each point (for shading a region).
    Dots,
    /// A filled circle at each point, joined in order by a solid line: the
    /// successive values of an iteration, such as the steps of a descent.
    JoinedDots,
}

/// One labelled series of (x, y) points.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend text.
    pub label: String,
    /// The points, in drawing order; non-finite points are skipped.
    pub points: Vec<(f64, f64)>,
    /// How to draw them.
    pub style: Style,
    /// The palette entry to draw them in; `None` takes the series' position
    /// in the chart, so that every series has its own colour.
    pub colour: Option<usize>,
}

/// One set of axes: a title, axis labels and series.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Title above the axes.
    pub title: String,
    /// Label under the x axis.
    pub x_label: String,
    /// Label beside the y axis.
    pub y_label: String,
    /// The series, drawn in order with the palette's colours (each its own,
    /// unless [`Chart::colour`] chose one).
    pub series: Vec<Series>,
    /// A fixed vertical scale set by [`Chart::y_range`]; `None` fits the
    /// axis to the points.
    pub y_range: Option<(f64, f64)>,
    /// Whether the x axis is drawn on a log scale (set by [`Chart::log_x`]).
    pub log_x: bool,
    /// Whether the x axis has ticks at whole numbers only (set by [`Chart::whole_x`]).
    pub whole_x: bool,
}

impl Chart {
    /// How many colours the palette has; further series repeat them.
    pub const COLOURS: usize = PALETTE.len();

    /// Empty axes.
    pub fn new(title: &str, x_label: &str, y_label: &str) -> Self {
        Chart {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            series: Vec::new(),
            y_range: None,
            log_x: false,
            whole_x: false,
        }
    }

    /// The same chart with another label on the y axis (such as `MSE loss`).
    pub fn with_y_label(mut self, label: &str) -> Self {
        self.y_label = label.into();
        self
    }

    /// Adds a series drawn in the given style.
    pub fn with(mut self, label: &str, points: Vec<(f64, f64)>, style: Style) -> Self {
        self.series.push(Series { label: label.into(), points, style, colour: None });
        self
    }

    /// Fixes the y axis to run from `lo` to `hi` instead of fitting it to the
    /// points: several charts given one range share a vertical scale, so that
    /// their curves can be compared by eye. A point above `hi` (below `lo`) is
    /// drawn on the top (bottom) edge: the scale is capped, not stretched.
    /// A range that is not finite, or has `hi <= lo`, is ignored.
    ///
    /// ```
    /// use backprop::show::Chart;
    /// let c = Chart::new("loss", "epoch", "log10 loss").line("run", vec![(1.0, 0.3), (2.0, 40.0)]).y_range(-1.0, 1.0);
    /// assert_eq!(c.y_range, Some((-1.0, 1.0)));
    /// ```
    pub fn y_range(mut self, lo: f64, hi: f64) -> Self {
        self.y_range = (lo.is_finite() && hi.is_finite() && lo < hi).then_some((lo, hi));
        self
    }

    /// Draws the last series added in the palette's colour number `index`
    /// (counted from 0, wrapping round), instead of its own: two series that
    /// show one class (a shaded region and its data points) can share a hue.
    /// Does nothing on a chart without series.
    pub fn colour(mut self, index: usize) -> Self {
        if let Some(last) = self.series.last_mut() {
            last.colour = Some(index);
        }
        self
    }

    /// Adds a solid line.
    pub fn line(self, label: &str, points: Vec<(f64, f64)>) -> Self {
        self.with(label, points, Style::Line)
    }

    /// Adds a dashed line.
    pub fn dashed(self, label: &str, points: Vec<(f64, f64)>) -> Self {
        self.with(label, points, Style::Dashed)
    }

    /// Adds markers.
    pub fn markers(self, label: &str, points: Vec<(f64, f64)>) -> Self {
        self.with(label, points, Style::Markers)
    }

    /// Adds points drawn as filled circles joined in order by a solid line
    /// (style [`Style::JoinedDots`]): one dot per value of an iteration, so that
    /// the path it takes, closing in or zig-zagging, can be followed by eye.
    ///
    /// ```
    /// use backprop::show::{Chart, Style};
    /// let c = Chart::new("loss", "y_hat", "loss").joined_dots("lr = 0.3", vec![(0.76, 5.0), (3.73, 0.53)]);
    /// assert_eq!(c.series[0].style, Style::JoinedDots);
    /// ```
    pub fn joined_dots(self, label: &str, points: Vec<(f64, f64)>) -> Self {
        self.with(label, points, Style::JoinedDots)
    }

    /// Draws the last series added dashed: where two curves run on top of
    /// each other (ReLU and its slope 0 for z < 0), the solid one shows through
    /// the gaps of the dashed one. Does nothing on a chart without series.
    ///
    /// ```
    /// use backprop::show::{Chart, Style};
    /// let c = Chart::new("t", "x", "y").line("a", vec![(0.0, 0.0), (1.0, 0.0)]).line("b", vec![(0.0, 0.0), (1.0, 1.0)]);
    /// let c = c.last_dashed();
    /// assert_eq!((c.series[0].style, c.series[1].style), (Style::Line, Style::Dashed));
    /// ```
    pub fn last_dashed(mut self) -> Self {
        if let Some(last) = self.series.last_mut() {
            last.style = Style::Dashed;
        }
        self
    }

    /// Adds y = f(x) sampled at `n` evenly spaced points of [lo, hi].
    ///
    /// # Panics
    /// If `n` points do not fit in memory.
    #[track_caller]
    pub fn function(self, label: &str, mut f: impl FnMut(f64) -> f64, lo: f64, hi: f64, n: usize) -> Self {
        let mut pts = crate::maths::shape::room_for("Chart::function", "the points", n);
        pts.extend((0..n).map(|i| lo + (hi - lo) * i as f64 / (n.max(2) - 1) as f64).map(|x| (x, f(x))));
        self.line(label, pts)
    }

    /// Adds the tangent line y = y0 + slope·(x − x0) over [x0 − half_width, x0 + half_width], dashed.
    pub fn tangent(self, label: &str, x0: f64, y0: f64, slope: f64, half_width: f64) -> Self {
        let pts = vec![(x0 - half_width, y0 - slope * half_width), (x0 + half_width, y0 + slope * half_width)];
        self.dashed(label, pts)
    }

    /// A dashed horizontal line at height `y` across the x range of the series
    /// so far: a baseline or a target to compare the curves with.
    pub fn hline(self, label: &str, y: f64) -> Self {
        let xs = self.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).filter(|x| x.is_finite());
        let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(x), hi.max(x)));
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
        self.dashed(label, vec![(lo, y), (hi, y)])
    }

    /// Draws the x axis on a log scale: each factor of 10 (1 to 10, 10 to 100, …)
    /// takes the same width, so that an early event in a long run (the lowest
    /// validation loss at epoch 247 of 10 000) is not squeezed against the left
    /// edge. The ticks still show x itself (1, 10, 100, …). Points with x ≤ 0
    /// have no place on a log scale and are skipped.
    ///
    /// ```
    /// use backprop::show::Chart;
    /// let c = Chart::new("loss", "epoch", "loss").line("run", vec![(1.0, 0.5), (1000.0, 0.1)]).log_x();
    /// assert!(c.log_x);
    /// ```
    pub fn log_x(mut self) -> Self {
        self.log_x = true;
        self
    }

    /// Puts the x axis's ticks at whole numbers only (1, 2, 3, … rather than
    /// 1, 1.5, 2, …): for an x that counts something, such as the epochs of a
    /// short loop. A log x axis keeps its own ticks.
    ///
    /// ```
    /// use backprop::show::Chart;
    /// let c = Chart::new("loss", "epoch", "loss").line("run", vec![(1.0, 0.5), (5.0, 0.1)]).whole_x();
    /// assert!(c.whole_x);
    /// ```
    pub fn whole_x(mut self) -> Self {
        self.whole_x = true;
        self
    }

    /// How many x ticks to ask plotters for: 11 (its own default) on a linear
    /// axis, 6 on a log axis; with [`Chart::whole_x`], at most as many as there
    /// are whole numbers in `x0..=x1`, so that no step between ticks is shorter than 1.
    fn x_tick_count(&self, x0: f64, x1: f64) -> usize {
        if self.log_x {
            6
        } else if self.whole_x {
            let whole = (x1.floor() - x0.ceil() + 1.0).clamp(1.0, 11.0);
            whole as usize
        } else {
            11
        }
    }

    /// A dashed vertical line at `x`, from the lowest to the highest y of the
    /// series so far: marks one moment of a curve, such as the epoch of the
    /// lowest validation loss.
    ///
    /// ```
    /// use backprop::show::Chart;
    /// let c = Chart::new("loss", "epoch", "loss").line("run", vec![(1.0, 0.5), (9.0, 0.1)]).vline("best", 4.0);
    /// assert_eq!(c.series[1].points, vec![(4.0, 0.1), (4.0, 0.5)]);
    /// ```
    pub fn vline(self, label: &str, x: f64) -> Self {
        let ys = self.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).filter(|y| y.is_finite());
        let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| (lo.min(y), hi.max(y)));
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
        self.dashed(label, vec![(x, lo), (x, hi)])
    }

    /// Where a point's x is drawn: x itself, or log10 x on a log axis (not
    /// finite, and so skipped, for x ≤ 0).
    fn x_pos(&self, x: f64) -> f64 {
        if self.log_x {
            x.log10()
        } else {
            x
        }
    }

    /// The smallest box holding every finite point, padded by 5 %.
    fn bounds(&self) -> ((f64, f64), (f64, f64)) {
        let pts = self
            .series
            .iter()
            .flat_map(|s| s.points.iter())
            .map(|&(x, y)| (self.x_pos(x), y))
            .filter(|(x, y)| x.is_finite() && y.is_finite());
        let (mut x0, mut x1, mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
        for (x, y) in pts {
            (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
        }
        let pad = |lo: f64, hi: f64| {
            if !lo.is_finite() {
                return (0.0, 1.0);
            }
            // hi·0.05 − lo·0.05 rather than (hi − lo)·0.05, which overflows for ±1e308.
            let d = if hi > lo { hi * 0.05 - lo * 0.05 } else { lo.abs().max(1.0) * 0.05 };
            ((lo - d).max(f64::MIN), (hi + d).min(f64::MAX))
        };
        (pad(x0, x1), pad(y0, y1))
    }

    /// Draws the chart into `area`: the axes and series on top, and the legend
    /// in a strip of its own underneath, so that it never covers a point.
    ///
    /// Every length is in drawing units, `px` of them to a pixel (a figure's
    /// `SUBPIXELS`): the SVG backend rounds points to whole units, so a figure drawn at
    /// several units per pixel places its lines between pixels, not on them.
    pub(crate) fn draw(
        &self,
        area: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
        px: u32,
    ) -> Result<(), String> {
        let (p, pf) = (px as i32, px as f64);
        let longest = self.series.iter().map(|s| s.label.chars().count()).max().unwrap_or(0);
        let per_row = if longest > 24 {
            1
        } else if longest > 14 {
            2
        } else {
            3
        };
        let rows = u32::try_from(self.series.len().div_ceil(per_row)).unwrap_or(u32::MAX);
        let (width, height) = area.dim_in_pixel();
        // The legend takes at most half the height: a chart of many series keeps its plot.
        let row = LEGEND_ROW * px;
        let legend = rows.saturating_mul(row).min(height / 2);
        let (plot_area, legend_area) = area.split_vertically(height - legend);
        let ((x0, x1), fitted) = self.bounds();
        let (y0, y1) = self.y_range.unwrap_or(fitted);
        let (log_x, whole_x) = (self.log_x, self.whole_x && !self.log_x);
        let x_ticks = self.x_tick_count(x0, x1);
        let mut chart = ChartBuilder::on(&plot_area)
            .caption(&self.title, ("sans-serif", 18.0 * pf))
            .margin(10 * p)
            .x_label_area_size(35 * p)
            .y_label_area_size(55 * p)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_desc(&self.x_label)
            .y_desc(&self.y_label)
            .light_line_style(WHITE.mix(0.0))
            // plotters' own defaults (black axes, pale grid, 12 px labels, 5 px ticks), in units of `px`.
            .axis_style(BLACK.stroke_width(px))
            .bold_line_style(BLACK.mix(0.2).stroke_width(px))
            .label_style(("sans-serif", 12.0 * pf))
            .set_all_tick_mark_size(5 * p)
            // 11 is plotters' own default: linear charts keep the ticks they always had.
            .x_labels(x_ticks)
            .x_label_formatter(&|v| {
                if log_x {
                    log_tick_label(*v)
                } else if whole_x && v.fract().abs() > 1e-9 {
                    String::new() // never a label between two whole numbers
                } else {
                    tick_label(*v)
                }
            })
            .y_label_formatter(&|v| tick_label(*v))
            .draw()
            .map_err(|e| e.to_string())?;
        let column = (width as i32 - 70 * p) / per_row as i32;
        let line = |c: RGBAColor| c.stroke_width(2 * px);
        for (i, s) in self.series.iter().enumerate() {
            let color = PALETTE[s.colour.unwrap_or(i) % PALETTE.len()].to_rgba();
            let pts = s
                .points
                .iter()
                .map(|&(x, y)| (self.x_pos(x), y))
                .filter(|(x, y)| x.is_finite() && y.is_finite())
                .map(|(x, y)| (x, y.clamp(y0, y1)));
            match s.style {
                Style::Line => chart.draw_series(LineSeries::new(pts, line(color))),
                Style::Dashed => chart.draw_series(DashedLineSeries::new(pts, 6 * px, 4 * px, line(color))),
                Style::Markers => chart.draw_series(pts.map(|xy| Circle::new(xy, 5 * p, color.filled()))),
                Style::Dots => chart.draw_series(pts.map(|xy| Circle::new(xy, 2 * p, color.mix(0.35).filled()))),
                Style::JoinedDots => {
                    let pts: Vec<(f64, f64)> = pts.collect();
                    chart.draw_series(LineSeries::new(pts.clone(), line(color))).map_err(|e| e.to_string())?;
                    chart.draw_series(pts.into_iter().map(|xy| Circle::new(xy, 4 * p, color.filled())))
                }
            }
            .map_err(|e| e.to_string())?;
            // The legend entry: a sample of the style, then the label.
            let x = 65 * p + (i % per_row) as i32 * column;
            let y = (i / per_row) as i32 * row as i32 + row as i32 / 2;
            let dash = |from: i32, to: i32| PathElement::new(vec![(x + from * p, y), (x + to * p, y)], line(color));
            match s.style {
                Style::Markers | Style::Dots => legend_area.draw(&Circle::new((x + 9 * p, y), 4 * p, color.filled())),
                Style::Dashed => legend_area.draw(&dash(0, 7)).and_then(|_| legend_area.draw(&dash(11, 18))),
                Style::Line => legend_area.draw(&dash(0, 18)),
                Style::JoinedDots => legend_area
                    .draw(&dash(0, 18))
                    .and_then(|_| legend_area.draw(&Circle::new((x + 9 * p, y), 4 * p, color.filled()))),
            }
            .map_err(|e| e.to_string())?;
            let font = ("sans-serif", 13.0 * pf).into_font().color(&BLACK);
            let text = Text::new(s.label.clone(), (x + 24 * p, y - 7 * p), font);
            legend_area.draw(&text).map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

/// An axis tick as the course prints numbers: `200`, `0.5`, `0` (never `-0.0`).
fn tick_label(v: f64) -> String {
    fmt_f64((v * 1e9).round() / 1e9)
}

/// A tick of a log axis at position `v` (= log10 x): x itself, to 2 significant figures.
fn log_tick_label(v: f64) -> String {
    let x = 10f64.powf(v);
    let digits = 10f64.powf(x.log10().floor() - 1.0);
    tick_label((x / digits).round() * digits)
}

/// Height in pixels of one row of the legend strip under a chart.
const LEGEND_ROW: u32 = 18;

/// Pairs up two equally long columns of numbers as (x, y) points.
///
/// # Panics
/// If the two columns differ in length.
#[track_caller]
pub fn xy_points<'a>(xs: impl IntoIterator<Item = &'a f64>, ys: impl IntoIterator<Item = &'a f64>) -> Vec<(f64, f64)> {
    let (xs, ys): (Vec<f64>, Vec<f64>) = (xs.into_iter().copied().collect(), ys.into_iter().copied().collect());
    assert!(xs.len() == ys.len(), "xy_points: {} x values but {} y values; need one y per x", xs.len(), ys.len());
    xs.into_iter().zip(ys).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg_of(chart: &Chart) -> String {
        crate::show::Figure::single(chart.clone()).to_svg()
    }

    #[test]
    fn joined_dots_draw_a_line_and_a_dot_at_every_point() {
        let pts = vec![(0.76, 5.0176), (3.73, 0.533), (2.76, 0.0566), (3.08, 0.006)];
        let joined = Chart::new("t", "y_hat", "loss").joined_dots("lr = 0.3", pts.clone());
        assert_eq!(joined.series[0].style, Style::JoinedDots);
        assert_eq!(joined.series[0].points, pts);
        let svg = svg_of(&joined);
        let line_only = svg_of(&Chart::new("t", "y_hat", "loss").line("lr = 0.3", pts.clone()));
        let dots_only = svg_of(&Chart::new("t", "y_hat", "loss").markers("lr = 0.3", pts));
        // One circle per point, plus the legend's; and the joining line, which markers alone do not draw.
        assert_eq!(svg.matches("<circle").count(), 5, "{svg}");
        assert_eq!(svg.matches("<circle").count(), dots_only.matches("<circle").count());
        assert!(svg.matches("<polyline").count() > dots_only.matches("<polyline").count(), "the joining line");
        assert_ne!(svg, line_only, "drawn with dots, not a bare line");
        // A point that is not finite is skipped, as in every style.
        let gap = Chart::new("t", "x", "y").joined_dots("run", vec![(0.0, 1.0), (f64::NAN, 2.0), (1.0, 0.0)]);
        assert_eq!(svg_of(&gap).matches("<circle").count(), 3);
    }

    #[test]
    fn the_last_series_can_be_drawn_dashed() {
        assert!(Chart::new("t", "x", "y").last_dashed().series.is_empty(), "no series: nothing to do");
        let solid = Chart::new("t", "x", "y").line("a", vec![(0.0, 0.0), (1.0, 1.0)]);
        let dashed = solid.clone().last_dashed();
        assert_eq!(dashed.series[0].style, Style::Dashed);
        assert_eq!(dashed.series[0].points, solid.series[0].points);
        assert_ne!(svg_of(&dashed), svg_of(&solid), "drawn differently");
    }

    #[test]
    fn a_y_range_fixes_the_scale_and_caps_points_beyond_it() {
        let pts = vec![(0.0, 0.0), (1.0, 1.0), (2.0, 1e98)];
        let fitted = Chart::new("t", "x", "y").line("run", pts.clone());
        let capped = fitted.clone().y_range(-0.5, 1.5);
        assert_eq!(capped.y_range, Some((-0.5, 1.5)));
        // The numbers written on the axes: the fitted y axis reaches up to 1e98, the capped one stays in the range.
        let ticks = |svg: &str| -> Vec<f64> { svg.split('\n').filter_map(|t| t.trim().parse::<f64>().ok()).collect() };
        let (fitted_ticks, capped_ticks) = (ticks(&svg_of(&fitted)), ticks(&svg_of(&capped)));
        assert!(fitted_ticks.iter().any(|&t| t > 1e90), "{fitted_ticks:?}");
        assert!(capped_ticks.iter().any(|&t| t > 0.0 && t < 1.0), "{capped_ticks:?}");
        assert!(capped_ticks.iter().all(|&t| (-0.5..=2.0).contains(&t)), "{capped_ticks:?}");
        // A range that is empty, reversed or not finite is ignored.
        assert_eq!(fitted.clone().y_range(1.0, 1.0).y_range, None);
        assert_eq!(fitted.clone().y_range(2.0, 1.0).y_range, None);
        assert_eq!(fitted.y_range(f64::NAN, 1.0).y_range, None);
    }

    #[test]
    fn whole_x_puts_the_ticks_on_whole_numbers() {
        let ticks = |chart: &Chart| -> Vec<f64> {
            svg_of(chart).split('\n').filter_map(|t| t.trim().parse::<f64>().ok()).collect()
        };
        // Five epochs: plotters alone puts ticks between them; whole_x puts them on 1, 2, …, 5.
        let pts: Vec<(f64, f64)> = (1..=5).map(|e| (e as f64, 0.1 * e as f64)).collect();
        let plain = Chart::new("t", "epoch", "loss").line("run", pts.clone());
        assert!(ticks(&plain).iter().any(|t| t.fract() != 0.0 && *t > 1.0 && *t < 5.0), "{:?}", ticks(&plain));
        let whole = plain.clone().whole_x();
        assert_eq!(whole.x_tick_count(0.8, 5.2), 5);
        let xs: Vec<f64> = ticks(&whole).into_iter().filter(|t| (1.0..=5.0).contains(t) && t.fract() != 0.0).collect();
        assert!(xs.is_empty(), "{xs:?}");
        for e in 1..=5 {
            assert!(ticks(&whole).contains(&(e as f64)), "tick {e} missing: {:?}", ticks(&whole));
        }
        // One point, or a long run: still at most 11 ticks, at least one.
        assert_eq!(whole.x_tick_count(0.95, 1.05), 1);
        assert_eq!(whole.x_tick_count(-15.0, 315.0), 11);
        // A chart without it keeps plotters' ticks.
        assert_eq!(plain.x_tick_count(0.8, 5.2), 11);
        assert_eq!(plain.log_x().whole_x().x_tick_count(0.0, 4.0), 6);
    }

    #[test]
    fn a_log_x_axis_spreads_the_decades_and_labels_ticks_with_x_itself() {
        let pts: Vec<(f64, f64)> = (1..=10000).map(|e| (e as f64, 1.0 / e as f64)).collect();
        let chart = Chart::new("t", "epoch", "loss").line("run", pts).vline("best", 247.0).log_x();
        // The x range runs over log10 x: 0 to 4, padded; the vertical line sits at log10 247.
        let ((x0, x1), _) = chart.bounds();
        assert!(x0 < 0.0 && x0 > -0.5 && x1 > 4.0 && x1 < 4.5, "{x0} {x1}");
        assert!((chart.x_pos(247.0) - 247f64.log10()).abs() < 1e-12);
        // A point at x <= 0 has no place on a log axis: it is skipped, not drawn at -inf.
        assert!(!chart.x_pos(0.0).is_finite() && !chart.x_pos(-1.0).is_finite());
        let svg = svg_of(&chart);
        let ticks: Vec<f64> = svg.split('\n').filter_map(|t| t.trim().parse::<f64>().ok()).collect();
        assert!(ticks.contains(&1000.0) && ticks.contains(&10.0), "{ticks:?}");
        assert_eq!(log_tick_label(2f64.log10() + 1.0), "20");
        assert_eq!(log_tick_label(0.5), "3.2");
    }
}
