//! Small images in a grid, drawn as SVG: handwritten digits (grey levels) or a
//! hidden unit's weights (red for positive, blue for negative).

use super::table::html_escape;
use super::{shows_as, Output};
use ndarray::{ArrayBase, Data, Ix2};
use std::fmt::Write;

use crate::data::Digits;
use crate::engine::Tensor;

/// Pixel size of one image cell, in screen pixels.
const PIXEL: usize = 6;

/// A generous estimate of how wide `text` is drawn in a sans-serif font of
/// `font_size` pixels (0.6 of the size per character, wider than the average
/// letter), so that a picture made this wide never cuts its text off.
pub(crate) fn text_width(text: &str, font_size: usize) -> usize {
    text.chars().count().saturating_mul(font_size).saturating_mul(6) / 10 + 1
}

/// A titled grid of square images, each with a caption.
///
/// # Shapes
/// every image: side × side numbers, row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageGrid {
    /// The heading above the grid.
    pub title: String,
    /// (caption, pixels) for each image.
    pub images: Vec<(String, Vec<f64>)>,
    /// Pixels per side (8 for the digits).
    pub side: usize,
    /// Images per row.
    pub cols: usize,
    /// Colours: grey levels from 0 up (digits), or red/blue around 0 (weights).
    pub diverging: bool,
}

impl ImageGrid {
    /// An empty grid of side × side images, ten to a row, in grey levels.
    pub fn new(title: &str, side: usize) -> Self {
        ImageGrid { title: title.to_string(), images: Vec::new(), side, cols: 10, diverging: false }
    }

    /// Every row of `pixels` as an image, with its caption.
    ///
    /// # Panics
    /// If a row does not hold side × side numbers, or captions and rows differ in number.
    #[track_caller]
    pub fn rows<S: Data<Elem = f64>>(mut self, pixels: &ArrayBase<S, Ix2>, captions: &[String]) -> Self {
        assert!(
            pixels.nrows() == captions.len(),
            "ImageGrid::rows: {} images but {} captions",
            pixels.nrows(),
            captions.len()
        );
        let n = self.side.saturating_mul(self.side);
        assert!(
            pixels.ncols() == n || pixels.nrows() == 0,
            "ImageGrid::rows: pixels have shape {:?}, but a {1}×{1} image has {n} pixels per row",
            pixels.shape(),
            self.side
        );
        for (row, caption) in pixels.rows().into_iter().zip(captions) {
            self = self.image(caption, &row.to_vec());
        }
        self
    }

    /// Adds one image.
    ///
    /// # Panics
    /// If `pixels` does not hold side × side numbers.
    #[track_caller]
    pub fn image(mut self, caption: &str, pixels: &[f64]) -> Self {
        let n = self.side.checked_mul(self.side);
        assert!(
            n == Some(pixels.len()),
            "ImageGrid::image: {} pixels, but a {1}×{1} image has {2}",
            pixels.len(),
            self.side,
            n.map_or("more than memory can hold".to_string(), |n| n.to_string())
        );
        self.images.push((caption.to_string(), pixels.to_vec()));
        self
    }

    /// Images per row.
    pub fn columns(mut self, cols: usize) -> Self {
        self.cols = cols.max(1);
        self
    }

    /// Colours around 0: red for positive, blue for negative, white for 0, each
    /// image scaled to its own largest |value| (for weights).
    pub fn diverging(mut self) -> Self {
        self.diverging = true;
        self
    }

    fn colour(&self, v: f64, scale: f64) -> String {
        if !v.is_finite() {
            return "#ff00ff".into(); // NaN or inf shows, never as a plausible colour
        }
        let t = (v / scale).clamp(-1.0, 1.0);
        if self.diverging {
            let fade = (255.0 * (1.0 - t.abs())).round() as u8;
            if t >= 0.0 {
                format!("rgb(255,{fade},{fade})")
            } else {
                format!("rgb({fade},{fade},255)")
            }
        } else {
            let g = (255.0 * (1.0 - t.max(0.0))).round() as u8;
            format!("rgb({g},{g},{g})")
        }
    }

    /// The grid as SVG.
    pub fn to_svg(&self) -> String {
        let size = self.side.saturating_mul(PIXEL);
        // A cell is wide enough for its image and for the widest caption, so no caption runs into its
        // neighbour's or off the picture's edge; the picture is wide enough for its title.
        let widest_caption = self.images.iter().map(|(c, _)| text_width(c, 11)).max().unwrap_or(0);
        let (cell_w, cell_h) = (size.max(widest_caption).saturating_add(14), size.saturating_add(20));
        let inner = cell_w.saturating_sub(14); // the image and its caption are centred in this width
        let cols = self.cols.max(1);
        let rows = self.images.len().div_ceil(cols).max(1);
        let w = cols
            .min(self.images.len().max(1))
            .saturating_mul(cell_w)
            .saturating_add(10)
            .max(text_width(&self.title, 14).saturating_add(10));
        let h = rows.saturating_mul(cell_h).saturating_add(30);
        let mut s = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"11\">\
             <text x=\"5\" y=\"16\" font-size=\"14\">{}</text>",
            html_escape(&self.title)
        );
        for (k, (caption, pixels)) in self.images.iter().enumerate() {
            let (x0, y0) = (
                (k % cols).saturating_mul(cell_w).saturating_add(5).saturating_add(inner.saturating_sub(size) / 2),
                (k / cols).saturating_mul(cell_h).saturating_add(26),
            );
            // Each image to its own scale: its largest |value| is full black (or full red or blue).
            let scale = pixels.iter().fold(0.0f64, |m, v| if v.is_finite() { m.max(v.abs()) } else { m }).max(1e-12);
            for (p, &v) in pixels.iter().enumerate() {
                let side = self.side.max(1);
                let (px, py) = (x0.saturating_add((p % side) * PIXEL), y0.saturating_add((p / side) * PIXEL));
                let _ = write!(
                    s,
                    "<rect x=\"{px}\" y=\"{py}\" width=\"{PIXEL}\" height=\"{PIXEL}\" fill=\"{}\"/>",
                    self.colour(v, scale)
                );
            }
            let _ = write!(
                s,
                "<rect x=\"{x0}\" y=\"{y0}\" width=\"{size}\" height=\"{size}\" fill=\"none\" stroke=\"#999\"/>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x0.saturating_add(size / 2),
                y0.saturating_add(size).saturating_add(13),
                html_escape(caption)
            );
        }
        s + "</svg>"
    }

    /// A one-line text stand-in: the title, the number of images and their captions.
    pub fn to_text(&self) -> String {
        let captions: Vec<&str> = self.images.iter().map(|(c, _)| c.as_str()).collect();
        format!("[images: {} ({} images: {})]", self.title, self.images.len(), captions.join(", "))
    }

    /// The grid as text and SVG.
    pub fn output(&self) -> Output {
        Output::drawing(self.to_text(), &self.to_svg())
    }
}

shows_as!(ImageGrid, ImageGrid::output);

impl ImageGrid {
    /// The images a classifier got wrong, captioned `true → predicted`.
    ///
    /// # Shapes
    /// images: N × 64 (8 × 8 digits); labels and predicted: N.
    ///
    /// # Panics
    /// If the three disagree on N.
    #[track_caller]
    pub fn misclassified<S: Data<Elem = f64>>(
        title: &str,
        images: &ArrayBase<S, Ix2>,
        labels: &[usize],
        predicted: &[usize],
    ) -> Self {
        assert!(
            images.nrows() == labels.len() && labels.len() == predicted.len(),
            "ImageGrid::misclassified: {} images, {} labels and {} predictions; need one of each per image",
            images.nrows(),
            labels.len(),
            predicted.len()
        );
        let wrong: Vec<usize> = (0..labels.len()).filter(|&k| labels[k] != predicted[k]).collect();
        let captions: Vec<String> = wrong.iter().map(|&k| format!("{} → {}", labels[k], predicted[k])).collect();
        ImageGrid::new(title, 8).rows(&images.select(ndarray::Axis(0), &wrong), &captions)
    }

    /// Each row of a weight matrix (one hidden unit's weights from the 64
    /// pixels) as an 8 × 8 image, red for positive and blue for negative.
    ///
    /// # Shapes
    /// weight: H × 64 (PyTorch's layout, one row per unit).
    ///
    /// # Panics
    /// If the weight matrix does not have 64 columns.
    #[track_caller]
    pub fn weights(title: &str, weight: &Tensor) -> Self {
        let w = weight.value();
        assert!(
            w.ndim() == 2 && w.shape()[1] == 64,
            "ImageGrid::weights: need H × 64 weights, got shape {:?}",
            w.shape()
        );
        let w = w.into_dimensionality::<Ix2>().expect("checked above");
        let captions: Vec<String> = (0..w.nrows()).map(|k| format!("unit {k}")).collect();
        ImageGrid::new(title, 8).diverging().rows(&w, &captions)
    }
}

impl Digits {
    /// The images at `indices` in a grid, each captioned with its label.
    ///
    /// # Panics
    /// If an index is out of range.
    #[track_caller]
    pub fn grid(&self, title: &str, indices: &[usize]) -> ImageGrid {
        let n = self.labels.len().min(self.images.nrows());
        if let Some(bad) = indices.iter().find(|&&i| i >= n) {
            panic!("Digits::grid: image {bad} does not exist; there are {n} (indices 0..{n})");
        }
        let captions: Vec<String> = indices.iter().map(|&i| self.labels[i].to_string()).collect();
        ImageGrid::new(title, 8).rows(&crate::data::select_rows(&self.images, indices), &captions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn one_rect_per_pixel_and_a_caption_per_image() {
        let g = ImageGrid::new("two", 2)
            .rows(&array![[0.0, 16.0, 8.0, 0.0], [1.0, 2.0, 3.0, 4.0]], &["a".into(), "b".into()]);
        let svg = g.to_svg();
        assert_eq!(svg.matches("<rect").count(), 2 * 4 + 2);
        assert!(svg.contains("rgb(0,0,0)") && svg.contains("rgb(255,255,255)"), "16 is black, 0 is white");
        assert_eq!(g.to_text(), "[images: two (2 images: a, b)]");
        let w = ImageGrid::new("w", 1).diverging().image("+", &[2.0]).image("-", &[-2.0]).image("nan", &[f64::NAN]);
        let svg = w.to_svg();
        assert!(svg.contains("rgb(255,0,0)") && svg.contains("rgb(0,0,255)") && svg.contains("#ff00ff"));
    }

    #[test]
    fn long_titles_and_captions_fit_the_picture() {
        // One small image under a long title, captioned wider than the image: the picture widens for the
        // title, and the caption, centred under its image, starts and ends inside the picture.
        let title = "the test 8s it got wrong, with their answers, drawn one by one";
        let caption = "a caption wider than its image";
        let svg = ImageGrid::new(title, 8).image(caption, &[1.0; 64]).to_svg();
        let width: usize = svg.split("width=\"").nth(1).and_then(|t| t.split('"').next()).unwrap().parse().unwrap();
        assert!(width >= text_width(title, 14) + 5, "{width}");
        let at = svg.split("text-anchor=\"middle\"").next().unwrap().rsplit("<text x=\"").next().unwrap();
        let centre: usize = at.split('"').next().unwrap().parse().unwrap();
        let half = text_width(caption, 11) / 2;
        assert!(
            centre >= half && centre + half <= width,
            "caption centre {centre}, half width {half}, picture {width}"
        );
    }
}
