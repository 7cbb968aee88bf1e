//! One image beside the probability a classifier gives each class: the image
//! on the left (drawn as [`ImageGrid`] draws it), one bar per class on the
//! right, labelled with its probability to four decimals, the most probable
//! class in orange.

use super::images::{text_width, ImageGrid};
use super::table::html_escape;
use super::{shows_as, Output};
use std::fmt::Write;

/// How much larger than in an [`ImageGrid`] the image is drawn.
const ZOOM: usize = 2;
/// Screen pixels per bar row.
const BAR_ROW: usize = 18;
/// The length of a bar for probability 1, in screen pixels.
const BAR_LENGTH: usize = 200;

/// An image and its class probabilities, e.g. one test digit and the softmax of
/// the network's ten logits for it.
///
/// # Shapes
/// pixels: side × side numbers, row by row; probabilities: one per class.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassProbabilities {
    /// The heading above the picture.
    pub title: String,
    /// The image, as [`ImageGrid`] draws it (one image, captioned).
    pub image: ImageGrid,
    /// The probability of each class, in class order.
    pub probabilities: Vec<f64>,
}

impl ClassProbabilities {
    /// One square image (`pixels`, row by row, captioned `caption`) beside
    /// the probability of each class.
    ///
    /// # Panics
    /// If the pixels do not make a square image, or there are no probabilities.
    #[track_caller]
    pub fn new(title: &str, caption: &str, pixels: &[f64], probabilities: &[f64]) -> Self {
        let side = (pixels.len() as f64).sqrt().round() as usize;
        assert!(
            side * side == pixels.len() && side > 0,
            "ClassProbabilities::new: {} pixels do not make a square image",
            pixels.len()
        );
        assert!(!probabilities.is_empty(), "ClassProbabilities::new: no probabilities to draw");
        let image = ImageGrid::new("", side).image(caption, pixels);
        ClassProbabilities { title: title.to_string(), image, probabilities: probabilities.to_vec() }
    }

    /// The class with the largest probability (the first one, on a tie). A NaN
    /// probability wins, as in `predicted_classes` (and `torch.argmax`), so a
    /// broken softmax is never hidden behind a finite winner.
    pub fn most_probable(&self) -> usize {
        let p = &self.probabilities;
        p.iter()
            .position(|v| v.is_nan())
            .unwrap_or_else(|| (0..p.len()).fold(0, |best, k| if p[k] > p[best] { k } else { best }))
    }

    /// The picture as SVG: the image, zoomed, its caption under it (at the
    /// picture's own font size, not zoomed), then one labelled bar per class.
    pub fn to_svg(&self) -> String {
        // The image is drawn without its caption, which would be zoomed too and cut off at the image's edge.
        let mut bare = self.image.clone();
        bare.images.iter_mut().for_each(|(caption, _)| caption.clear());
        let image = bare.to_svg();
        let caption = self.image.images.first().map_or("", |(c, _)| c.as_str());
        // ImageGrid's drawing of one image is (6·side + 24) × (6·side + 50) pixels; here it is zoomed.
        let (image_width, image_height) = ((6 * self.image.side + 24) * ZOOM, (6 * self.image.side + 50) * ZOOM);
        let caption_half = text_width(caption, 12) / 2 + 5;
        let caption_x = ((5 + 3 * self.image.side) * ZOOM).max(caption_half); // under the image's centre
        let caption_y = 14 + (26 + 6 * self.image.side) * ZOOM + 18; // 18 below the image's lower edge
        let bars_x = image_width.max(caption_x + caption_half) + 40;
        let w = (bars_x + BAR_LENGTH + 70).max(text_width(&self.title, 14) + 10);
        let h = (34 + self.probabilities.len() * BAR_ROW).max(image_height + 14);
        let mut s = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\
             <text x=\"5\" y=\"16\" font-size=\"14\">{}</text><g transform=\"translate(0,14) scale({ZOOM})\">{image}</g>\
             <text x=\"{caption_x}\" y=\"{caption_y}\" text-anchor=\"middle\">{}</text>",
            html_escape(&self.title),
            html_escape(caption)
        );
        let best = self.most_probable();
        for (k, &p) in self.probabilities.iter().enumerate() {
            let y = 28 + k * BAR_ROW;
            let length = if p.is_finite() { (p.clamp(0.0, 1.0) * BAR_LENGTH as f64).round() as usize } else { 0 };
            let colour = if k == best { "#ff7f0e" } else { "#1f77b4" };
            let label = format!("{p:.4}"); // four decimals: 0.9981, 0.0000, NaN
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{k}</text>\
                 <rect x=\"{bars_x}\" y=\"{y}\" width=\"{BAR_LENGTH}\" height=\"{}\" fill=\"#eee\"/>\
                 <rect x=\"{bars_x}\" y=\"{y}\" width=\"{length}\" height=\"{}\" fill=\"{colour}\"/>\
                 <text x=\"{}\" y=\"{}\">{label}</text>",
                bars_x - 6,
                y + 12,
                BAR_ROW - 4,
                BAR_ROW - 4,
                bars_x + BAR_LENGTH + 6,
                y + 12
            );
        }
        s + "</svg>"
    }

    /// A one-line text stand-in: the title, the caption and the most probable class.
    pub fn to_text(&self) -> String {
        let best = self.most_probable();
        let caption = self.image.images.first().map_or("", |(c, _)| c.as_str());
        format!(
            "[image and its class probabilities: {} ({caption}; most probable class: {best}, p = {:.4})]",
            self.title, self.probabilities[best]
        )
    }

    /// The picture as text and SVG.
    pub fn output(&self) -> Output {
        Output::drawing(self.to_text(), &self.to_svg())
    }
}

shows_as!(ClassProbabilities, ClassProbabilities::output);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bar_per_class_and_the_most_probable_in_orange() {
        let p = ClassProbabilities::new("one image", "label 1", &[0.0, 16.0, 8.0, 0.0], &[0.2, 0.7, 0.1]);
        assert_eq!(p.most_probable(), 1);
        let svg = p.to_svg();
        // 4 pixels and the image's frame, then a background and a bar per class.
        assert_eq!(svg.matches("<rect").count(), 4 + 1 + 2 * 3);
        assert_eq!(svg.matches("#ff7f0e").count(), 1);
        assert!(svg.contains(">0.7000<") && svg.contains(">0.1000<"), "{svg}");
        assert_eq!(
            p.to_text(),
            "[image and its class probabilities: one image (label 1; most probable class: 1, p = 0.7000)]"
        );
    }

    #[test]
    fn the_caption_is_drawn_unzoomed_and_inside_the_picture() {
        let p = ClassProbabilities::new("one image", "true digit 1", &[1.0; 64], &[0.5, 0.5]);
        let svg = p.to_svg();
        // Outside the zoomed group (so not twice the size), once, centred where it fits.
        let (zoomed, rest) = svg.split_once("</g>").unwrap();
        assert!(!zoomed.contains("true digit 1") && rest.matches(">true digit 1<").count() == 1, "{svg}");
        let x: usize = rest.split("<text x=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        assert!(x >= text_width("true digit 1", 12) / 2, "{x}");
    }

    #[test]
    fn a_nan_probability_draws_no_bar_and_says_so() {
        let svg = ClassProbabilities::new("t", "c", &[1.0], &[f64::NAN, 0.5]).to_svg();
        assert!(svg.contains(">NaN<") && svg.contains("width=\"0\""), "{svg}");
    }

    #[test]
    #[should_panic(expected = "ClassProbabilities::new: 3 pixels do not make a square image")]
    fn pixels_must_make_a_square() {
        ClassProbabilities::new("t", "c", &[1.0, 2.0, 3.0], &[1.0]);
    }
}
