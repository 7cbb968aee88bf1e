//! The record of a classifier's training: loss and accuracy on the training
//! and test sets, epoch by epoch, and why it stopped if it stopped early.

use crate::numbers::fmt_f64;

/// Loss and accuracy per epoch, for the training set and the test set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClassHistory {
    /// Mean training loss over each epoch's mini-batches.
    pub train_loss: Vec<f64>,
    /// Loss on the test set after each epoch.
    pub test_loss: Vec<f64>,
    /// Fraction of the training set classified correctly after each epoch.
    pub train_accuracy: Vec<f64>,
    /// Fraction of the test set classified correctly after each epoch.
    pub test_accuracy: Vec<f64>,
    /// Why training stopped early, if it did: (epoch, reason).
    pub stopped: Option<(usize, String)>,
}

impl ClassHistory {
    /// An empty record.
    pub fn new() -> Self {
        ClassHistory::default()
    }

    /// Records one epoch. Returns `false`, and records why, when the training
    /// loss is NaN or infinite: then nothing after it can be trusted, and the
    /// loop should stop.
    pub fn record(&mut self, train_loss: f64, test_loss: f64, train_accuracy: f64, test_accuracy: f64) -> bool {
        let epoch = self.train_loss.len() + 1;
        if !train_loss.is_finite() {
            let reason = format!(
                "the training loss is {train_loss} at epoch {epoch}: the steps overshoot, so lower the learning rate \
                 (or look for NaN in the data)"
            );
            self.stopped = Some((epoch, reason));
            return false;
        }
        self.train_loss.push(train_loss);
        self.test_loss.push(test_loss);
        self.train_accuracy.push(train_accuracy);
        self.test_accuracy.push(test_accuracy);
        true
    }

    /// Scores the network after an epoch and records it: `train_loss` as given
    /// (the mean of the epoch's mini-batch losses), then, from the network's
    /// logits, the mean cross-entropy on the test set and the accuracy on both
    /// sets (as [`score`](crate::train::score) gives them). Returns what
    /// [`record`](Self::record) returns: `false` when the training loss is not
    /// finite, and the loop should stop.
    ///
    /// # Shapes
    /// train_logits: N_train × C, one row per training image, with train_labels: N_train;
    /// test_logits: N_test × C with test_labels: N_test.
    ///
    /// # Panics
    /// If logits and labels differ in number, a set is empty, or a label is not below C.
    #[track_caller]
    pub fn score_epoch(
        &mut self,
        train_loss: f64,
        train_logits: &ndarray::Array2<f64>,
        train_labels: &[usize],
        test_logits: &ndarray::Array2<f64>,
        test_labels: &[usize],
    ) -> bool {
        let (_, train_accuracy) = crate::train::score(train_logits, train_labels);
        let (test_loss, test_accuracy) = crate::train::score(test_logits, test_labels);
        self.record(train_loss, test_loss, train_accuracy, test_accuracy)
    }

    /// One line: the last epoch's training and test losses, or why training
    /// stopped. (The accuracy is left to the lesson, which shows it later.)
    pub fn summary(&self) -> String {
        if let Some((_, reason)) = &self.stopped {
            return format!("training stopped: {reason}");
        }
        match (self.train_loss.last(), self.test_loss.last()) {
            (Some(&tr), Some(&te)) => format!(
                "after {} epochs: training loss = {}, test loss = {}",
                self.train_loss.len(),
                fmt_f64(tr),
                fmt_f64(te)
            ),
            _ => "no epoch recorded".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nan_loss_stops_the_record_and_says_why() {
        let mut h = ClassHistory::new();
        assert!(h.record(2.3, 2.2, 0.1, 0.12));
        assert!(!h.record(f64::NAN, 1.0, 0.5, 0.5));
        assert_eq!(h.train_loss, vec![2.3]);
        assert!(h.summary().contains("NaN at epoch 2") && h.summary().contains("lower the learning rate"));
        let mut fine = ClassHistory::new();
        fine.record(0.5, 0.25, 0.9, 0.8);
        assert_eq!(fine.summary(), "after 1 epochs: training loss = 0.5, test loss = 0.25");
        assert_eq!(ClassHistory::new().summary(), "no epoch recorded");
    }
}
