//! The record of a training run, which notices when training goes wrong and
//! names the real cause.

use crate::numbers::fmt_f64;

/// Why a training run stopped early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The learning rate is NaN or infinite (set directly on `History::lr`:
    /// `History::new` and everything that trains refuse such a rate).
    LearningRateNotFinite,
    /// The batch holds no samples, so there is no loss to minimise.
    EmptyBatch,
    /// The input data holds NaN or infinity.
    DataNotFinite,
    /// The targets hold NaN or infinity.
    TargetsNotFinite,
    /// The loss was NaN or infinite before any update: the data, the targets or
    /// the initial weights are to blame, not the learning rate.
    LossNotFiniteAtStart,
    /// The loss grew past 1e100 or to infinity/NaN after some updates: the
    /// steps overshoot, so the learning rate is too large.
    LossGrew,
}

/// The losses of a training run, one per step (or epoch), and what else was
/// watched along the way. One record serves every training loop of the course.
///
/// A loop calls [`History::record`] once per step; as soon as the loss is not
/// finite (or beyond 1e100) the run is marked as stopped and `record` returns
/// `false`, so the loop can `break` and the learner reads why instead of a
/// column of NaN.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    /// The learning rate η the run used.
    pub lr: f64,
    /// The training loss before each update, finite values only.
    pub losses: Vec<f64>,
    /// The loss on held-out data at the same moments (empty without validation data).
    pub val_losses: Vec<f64>,
    /// ‖dL/dW‖ of each weight matrix (`0.weight`, …) at each epoch, when recorded.
    pub grad_norms: Vec<(String, Vec<f64>)>,
    /// Every element of the first weight matrix (`W[1]_jk`, counted from 1 as in the maths) at each epoch, when recorded.
    pub weights: Vec<(String, Vec<f64>)>,
    /// The fraction of outputs on the right side of 0.5 at each epoch (0/1 targets).
    pub accuracy: Vec<f64>,
    /// Why and at which step the run stopped early, if it did.
    pub stopped: Option<(usize, Stop)>,
}

impl History {
    /// An empty record for a run with learning rate `lr`.
    ///
    /// # Panics
    /// If `lr` is not a finite number above 0 (no run can use it).
    #[track_caller]
    pub fn new(lr: f64) -> Self {
        crate::maths::shape::check_lr("History::new", lr);
        History {
            lr,
            losses: Vec::new(),
            val_losses: Vec::new(),
            grad_norms: Vec::new(),
            weights: Vec::new(),
            accuracy: Vec::new(),
            stopped: None,
        }
    }

    /// Records one loss. Returns `false`, and marks the run as stopped with its
    /// cause, if the learning rate is not finite or the loss is not finite (or
    /// has blown past 1e100); the loop should then stop.
    pub fn record(&mut self, loss: f64) -> bool {
        let step = self.losses.len();
        if !self.lr.is_finite() {
            self.stop(step, Stop::LearningRateNotFinite);
        } else if !loss.is_finite() || loss.abs() > 1e100 {
            let cause = if step == 0 { Stop::LossNotFiniteAtStart } else { Stop::LossGrew };
            self.stop(step, cause);
        } else {
            self.losses.push(loss);
        }
        self.stopped.is_none()
    }

    /// Records one loss, as [`History::record`] does; when training must stop,
    /// also prints why ([`History::summary`]) and returns `false`. The lessons'
    /// own loops use it as `if !history.keep_going(loss) { break; }`.
    pub fn keep_going(&mut self, loss: f64) -> bool {
        let going = self.record(loss);
        if !going {
            println!("{}", self.summary());
        }
        going
    }

    /// Marks the run as stopped at `step` for `cause`.
    pub fn stop(&mut self, step: usize, cause: Stop) {
        self.stopped = Some((step, cause));
    }

    /// Checks a batch before training on it: it must hold samples, and the data
    /// and targets must be finite. Returns `false` (and records why) otherwise.
    pub fn check_batch<'a>(
        &mut self,
        samples: usize,
        data: impl IntoIterator<Item = &'a f64>,
        targets: impl IntoIterator<Item = &'a f64>,
    ) -> bool {
        if samples == 0 {
            self.stop(0, Stop::EmptyBatch);
        } else if !data.into_iter().all(|v| v.is_finite()) {
            self.stop(0, Stop::DataNotFinite);
        } else if !targets.into_iter().all(|v| v.is_finite()) {
            self.stop(0, Stop::TargetsNotFinite);
        }
        self.stopped.is_none()
    }

    /// Adds `value` to the named series of `series` (created on first use).
    pub fn push_to(series: &mut Vec<(String, Vec<f64>)>, name: &str, value: f64) {
        match series.iter_mut().find(|(n, _)| n == name) {
            Some((_, values)) => values.push(value),
            None => series.push((name.to_string(), vec![value])),
        }
    }

    /// The last finite training loss.
    pub fn last(&self) -> Option<f64> {
        self.losses.last().copied()
    }

    /// The last `n` finite training losses (fewer if the run was shorter).
    pub fn last_n(&self, n: usize) -> &[f64] {
        &self.losses[self.losses.len().saturating_sub(n)..]
    }

    /// The lowest training loss.
    pub fn lowest(&self) -> Option<f64> {
        self.losses.iter().copied().reduce(f64::min)
    }

    /// True when the loss fell from every recorded step to the next (and at
    /// least two were recorded): what a learner checks first in a training log.
    /// A NaN loss never counts as a fall.
    pub fn fell_every_step(&self) -> bool {
        self.losses.len() >= 2 && self.losses.windows(2).all(|pair| pair[1] < pair[0])
    }

    /// The lowest validation loss (NaN if one of them is: the validation data holds NaN).
    pub fn lowest_val(&self) -> Option<f64> {
        self.val_losses.iter().copied().reduce(|a, b| if a.is_nan() || b.is_nan() { f64::NAN } else { a.min(b) })
    }

    /// How many steps raised the loss: the recorded losses that are higher than
    /// the one before them. `0` means the loss fell (or stayed) at every step; a
    /// learning rate that overshoots makes it zig-zag, and this counts the ups.
    ///
    /// ```
    /// use backprop::prelude::*;
    /// let mut h = History::new(0.1);
    /// for loss in [5.0, 0.3, 0.8, 0.2, 0.1] {
    ///     h.record(loss);
    /// }
    /// assert_eq!(h.rises(), 1);
    /// ```
    pub fn rises(&self) -> usize {
        self.losses.windows(2).filter(|pair| pair[1] > pair[0]).count()
    }

    /// The first epoch (counting from 1) from which every later epoch had full accuracy.
    pub fn solved_from(&self) -> Option<usize> {
        match self.accuracy.iter().rposition(|&a| a < 1.0) {
            None if !self.accuracy.is_empty() => Some(1),
            Some(k) if k + 1 < self.accuracy.len() => Some(k + 2),
            _ => None,
        }
    }

    /// One line: how many steps ran and the first and last loss, or why the run stopped.
    pub fn summary(&self) -> String {
        let first = self.losses.first().map_or("none".to_string(), |&v| fmt_f64(v));
        let last = self.last().map_or("none".to_string(), fmt_f64);
        let lr = self.lr;
        match self.stopped {
            None => format!("{} steps with lr = {lr}: loss {first} -> {last}", self.losses.len()),
            Some((k, Stop::LossGrew)) => format!(
                "training diverged at step {k} with lr = {lr}: {}",
                cause_text(Stop::LossGrew, lr, &first, &last)
            ),
            Some((k, cause)) => format!("training stopped at step {k}: {}", cause_text(cause, lr, &first, &last)),
        }
    }
}

/// Why a run stopped, in words; `first` and `last` are its first and last finite losses.
fn cause_text(cause: Stop, lr: f64, first: &str, last: &str) -> String {
    match cause {
        Stop::LearningRateNotFinite => format!("the learning rate is {lr}; it must be a finite number"),
        Stop::EmptyBatch => "the batch is empty (0 samples), so there is no loss to minimise".into(),
        Stop::DataNotFinite => "the input data contains NaN or inf; clean or rescale the data".into(),
        Stop::TargetsNotFinite => "the targets contain NaN or inf; clean the targets".into(),
        Stop::LossNotFiniteAtStart => "the loss is NaN or inf before any update, so the learning rate is not \
            to blame: look for NaN or inf in the data, the targets or the initial weights"
            .into(),
        Stop::LossGrew => format!(
            "the loss grew from {first} to {last}, then past 1e100 on its way to inf/NaN; the steps overshoot, so \
             lower the learning rate"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_until_the_loss_is_not_finite() {
        let mut h = History::new(0.1);
        assert!(h.record(1.0) && h.record(0.5));
        assert!(!h.record(f64::INFINITY));
        assert_eq!(h.losses, vec![1.0, 0.5]);
        assert_eq!(h.stopped, Some((2, Stop::LossGrew)));
        assert_eq!(
            h.summary(),
            "training diverged at step 2 with lr = 0.1: the loss grew from 1 to 0.5, then past 1e100 on its way to \
             inf/NaN; the steps overshoot, so lower the learning rate"
        );
        assert_eq!((h.lowest(), h.last_n(1)), (Some(0.5), &[0.5][..]));
    }

    #[test]
    fn the_loss_fell_every_step_or_not() {
        let mut h = History::new(0.1);
        assert!(!h.fell_every_step(), "no losses: nothing fell");
        h.record(1.0);
        assert!(!h.fell_every_step(), "one loss: nothing fell");
        h.record(0.5);
        assert!(h.fell_every_step());
        h.record(0.5);
        assert!(!h.fell_every_step(), "a step that stays level did not fall");
    }

    #[test]
    fn rises_counts_the_steps_that_raised_the_loss() {
        assert_eq!(History::new(0.1).rises(), 0, "no steps, no rises");
        let mut h = History::new(0.1);
        for loss in [3.0, 3.0, 1.0, 2.0, 0.5, 4.0] {
            h.record(loss);
        }
        assert_eq!(h.rises(), 2, "a loss that stays the same is not a rise");
    }

    #[test]
    fn each_cause_is_named() {
        let mut nan_lr = History::new(0.1);
        nan_lr.lr = f64::NAN;
        assert!(!nan_lr.record(1.0));
        assert!(nan_lr.summary().contains("the learning rate is NaN"), "{}", nan_lr.summary());
        let mut at_start = History::new(0.1);
        assert!(!at_start.record(f64::NAN));
        assert!(at_start.summary().contains("before any update"), "{}", at_start.summary());
        assert!(!at_start.summary().contains("lower the learning rate"));
        let mut empty = History::new(0.1);
        assert!(!empty.check_batch(0, &[], &[]));
        assert!(empty.summary().contains("the batch is empty"));
        let mut bad_x = History::new(0.1);
        assert!(!bad_x.check_batch(1, &[f64::NAN], &[1.0]));
        assert!(bad_x.summary().contains("input data contains NaN"));
        let mut bad_y = History::new(0.1);
        assert!(!bad_y.check_batch(1, &[1.0], &[f64::INFINITY]));
        assert!(bad_y.summary().contains("targets contain NaN or inf"));
    }
}
