//! scikit-learn's 8 × 8 handwritten digits, shipped inside the crate
//! (`data/digits.csv.gz`; provenance and licence in `data/DIGITS.md`).

use flate2::read::GzDecoder;
use ndarray::Array2;
use std::io::Read;

/// The compressed data, compiled into the crate: nothing is downloaded.
const DIGITS_CSV_GZ: &[u8] = include_bytes!("../../data/digits.csv.gz");

/// Images of handwritten digits with their labels.
///
/// # Shapes
/// images: N × 64 (8 × 8 pixels, row by row, each 0–16); labels: N, each 0–9.
#[derive(Clone, Debug, PartialEq)]
pub struct Digits {
    /// One image per row: 64 pixel values from 0 (white) to 16 (black).
    pub images: Array2<f64>,
    /// The digit each image shows.
    pub labels: Vec<usize>,
}

/// The 1,797 handwritten digits (UCI "Optical Recognition of Handwritten
/// Digits", as scikit-learn ships them), decompressed from the crate.
///
/// # Panics
/// Only if the file inside the crate is damaged.
pub fn digits() -> Digits {
    let mut text = String::new();
    GzDecoder::new(DIGITS_CSV_GZ).read_to_string(&mut text).expect("data/digits.csv.gz is a gzip text file");
    let mut labels = Vec::new();
    let mut pixels = Vec::new();
    for line in text.lines() {
        let mut fields = line.split(',').map(|f| f.parse::<u8>().expect("whole numbers"));
        labels.push(fields.next().expect("a label") as usize);
        pixels.extend(fields.map(f64::from));
    }
    let images = Array2::from_shape_vec((labels.len(), 64), pixels).expect("64 pixels per image");
    Digits { images, labels }
}

/// How many of `labels` fall in each class 0..classes.
///
/// # Panics
/// If a label is not below `classes`, or `classes` counts do not fit in memory.
#[track_caller]
pub fn count_classes(labels: &[usize], classes: usize) -> Vec<usize> {
    if let Some(l) = labels.iter().find(|&&l| l >= classes) {
        panic!("count_classes: label {l} is not below {classes}");
    }
    let mut counts = crate::maths::shape::room_for("count_classes", "the list of counts", classes);
    counts.resize(classes, 0);
    for &l in labels {
        counts[l] += 1;
    }
    counts
}

impl Digits {
    /// How many images there are of each digit, 0 to 9.
    pub fn class_counts(&self) -> Vec<usize> {
        count_classes(&self.labels, 10)
    }

    /// The images scaled to [0, 1] (pixel / 16), the inputs the network sees.
    ///
    /// # Shapes
    /// N × 64.
    pub fn scaled(&self) -> Array2<f64> {
        &self.images / 16.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_1797_digits_load_with_their_labels() {
        let d = digits();
        assert_eq!(d.images.dim(), (1797, 64));
        assert_eq!(d.labels.len(), 1797);
        assert_eq!(&d.labels[..10], &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(d.class_counts(), vec![178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
        assert!(d.images.iter().all(|&p| (0.0..=16.0).contains(&p) && p.fract() == 0.0));
        // The first image is a 0: its top-left pixel is blank, its middle columns are inked.
        assert_eq!(d.images[[0, 0]], 0.0);
        assert_eq!(d.images.row(0).sum(), 294.0);
    }
}
