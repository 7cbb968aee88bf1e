//! A training run's loss history, which notices when training diverges.

use crate::display::fmt_f64;
use crate::plot::{Chart, Figure};

/// The loss recorded before each training step.
///
/// Training loops call [`History::record`] once per step; as soon as the loss
/// is `NaN` or infinite (or beyond 1e100) the run is marked as diverged and the
/// loop stops, so a learner sees "diverged at step k" rather than a column of `NaN`.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    /// The learning rate the run used (for messages and plot legends).
    pub lr: f64,
    /// The loss at each recorded step, finite values only.
    pub losses: Vec<f64>,
    /// The step at which the loss stopped being finite, if it did.
    pub diverged_at: Option<usize>,
}

impl History {
    /// An empty history for a run with learning rate `lr`.
    pub fn new(lr: f64) -> Self {
        History { lr, losses: Vec::new(), diverged_at: None }
    }

    /// Records one loss. Returns `false` (and marks the run as diverged) if the
    /// loss is not finite or has blown past 1e100, in which case training should stop.
    pub fn record(&mut self, loss: f64) -> bool {
        if !loss.is_finite() || loss.abs() > 1e100 {
            self.diverged_at = Some(self.losses.len());
            return false;
        }
        self.losses.push(loss);
        true
    }

    /// The last finite loss.
    pub fn last(&self) -> Option<f64> {
        self.losses.last().copied()
    }

    /// One line: how many steps ran, the first and last loss, and divergence if any.
    pub fn summary(&self) -> String {
        let first = fmt_f64(self.losses.first().copied().unwrap_or(f64::NAN));
        let last = fmt_f64(self.last().unwrap_or(f64::NAN));
        match self.diverged_at {
            Some(k) => format!(
                "training diverged at step {k} with lr = {}: the loss grew from {first} to {last}, then past 1e100 on its way to inf/NaN; lower the learning rate",
                self.lr
            ),
            None => format!("{} steps with lr = {}: loss {first} -> {last}", self.losses.len(), self.lr),
        }
    }

    /// The loss curve as a chart (step on x, loss on y).
    pub fn chart(&self, title: &str) -> Chart {
        self.chart_with(title, "step")
    }

    /// The loss curve with another name for the x axis (such as `epoch`).
    pub fn chart_with(&self, title: &str, x_label: &str) -> Chart {
        Chart::new(title, x_label, "loss").line(&format!("lr = {}", self.lr), self.points())
    }

    /// The loss curve as a one-chart figure, ready to show in a notebook.
    pub fn plot(&self) -> Figure {
        Figure::single(self.chart("loss during training"))
    }

    /// Several runs in one chart, one line per run labelled with its learning rate.
    /// The y axis shows log10(loss), so runs whose losses differ by many orders
    /// of magnitude (one converging, one diverging) fit in one picture.
    pub fn compare(title: &str, runs: &[History]) -> Chart {
        runs.iter().fold(Chart::new(title, "step", "log10 loss"), |c, h| {
            let label = match h.diverged_at {
                Some(k) => format!("lr = {} (diverged at step {k})", h.lr),
                None => format!("lr = {}", h.lr),
            };
            c.line(&label, h.points().into_iter().map(|(x, l)| (x, l.log10())).collect())
        })
    }

    /// (step, loss) pairs, counting steps from 1.
    pub fn points(&self) -> Vec<(f64, f64)> {
        self.losses.iter().enumerate().map(|(i, &l)| ((i + 1) as f64, l)).collect()
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
        assert_eq!(h.diverged_at, Some(2));
        assert!(h.summary().starts_with("training diverged at step 2 with lr = 0.1"));
    }
}
