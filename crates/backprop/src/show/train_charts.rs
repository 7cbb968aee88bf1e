//! Charts of training: loss curves, several runs compared, gradient norms per
//! layer, weights over the epochs. What a network has learned (its curve, its
//! decision regions) is computed in `views`.

use super::figure::Figure;
use super::plot::{Chart, Style};
use super::shows_as;
use crate::train::{History, Stop};

/// The smallest loss a log-scale loss chart draws; anything lower is drawn at it.
pub const LOG_FLOOR: f64 = 1e-8;

/// log10 of a loss, at least log10([`LOG_FLOOR`]).
fn floored_log(loss: f64) -> f64 {
    loss.max(LOG_FLOOR).log10()
}

/// (epoch, value) pairs, counting epochs from 1.
fn by_epoch(values: &[f64], f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    values.iter().enumerate().map(|(i, &v)| ((i + 1) as f64, f(v))).collect()
}

impl History {
    /// (step, loss) pairs, counting steps from 1.
    pub fn points(&self) -> Vec<(f64, f64)> {
        by_epoch(&self.losses, |l| l)
    }

    /// The loss curve as a chart (step on x, loss on y).
    pub fn chart(&self, title: &str) -> Chart {
        self.chart_with(title, "step")
    }

    /// The loss curve with another name for the x axis (such as `epoch`), and
    /// the validation loss beside it when there is one.
    pub fn chart_with(&self, title: &str, x_label: &str) -> Chart {
        if self.val_losses.is_empty() {
            Chart::new(title, x_label, "loss").line(&format!("lr = {}", self.lr), self.points())
        } else {
            Chart::new(title, x_label, "loss")
                .line("training loss", self.points())
                .line("validation loss", by_epoch(&self.val_losses, |l| l))
        }
    }

    /// The loss curve as a one-chart figure, ready to show in a notebook.
    pub fn plot(&self) -> Figure {
        Figure::single(self.chart("loss during training"))
    }

    /// The loss curve on a log scale (log10 of the loss), so that a slow phase
    /// after a fast one stays visible. Losses below [`LOG_FLOOR`] are drawn at it.
    pub fn log_chart(&self, title: &str, x_label: &str) -> Chart {
        Chart::new(title, x_label, "log10 loss").line(&format!("lr = {}", self.lr), by_epoch(&self.losses, floored_log))
    }

    /// Several runs in one chart, one line per run labelled with its learning rate.
    /// The y axis shows log10(loss), so runs whose losses differ by many orders
    /// of magnitude (one converging, one diverging) fit in one picture. Losses
    /// below [`LOG_FLOOR`] are drawn at it: a run that reaches the floating-point
    /// floor (about 1e-32 for a loss near 0) would otherwise stretch the axis
    /// until every other run looked flat.
    pub fn compare(title: &str, runs: &[History]) -> Chart {
        runs.iter().fold(Chart::new(title, "step", "log10 loss (floor 1e-8)"), |c, h| {
            let label = match h.stopped {
                Some((k, Stop::LossGrew)) => format!("lr = {} (diverged at step {k})", h.lr),
                Some((k, _)) => format!("lr = {} (stopped at step {k})", h.lr),
                None => format!("lr = {}", h.lr),
            };
            c.line(&label, by_epoch(&h.losses, floored_log))
        })
    }

    /// log10 ‖dL/dW‖ of each layer over the epochs.
    pub fn grad_norm_chart(&self, title: &str) -> Chart {
        self.grad_norms.iter().fold(Chart::new(title, "epoch", "log10 ‖dL/dW‖"), |c, (name, norms)| {
            c.line(name, by_epoch(norms, f64::log10))
        })
    }

    /// Every recorded first-layer weight over the epochs, one line each. A
    /// weight named `W[1]_jk` (into hidden unit j, from input k, one digit
    /// each, as [`DeltaNet::record_bce`](crate::by_hand::DeltaNet::record_bce)
    /// names them) is drawn in unit j's colour, solid from input 1 and dashed
    /// from the others, so that each colour is one unit; other names get a
    /// colour each in turn (solid, then dashed once the palette's colours run out).
    pub fn weight_chart(&self, title: &str) -> Chart {
        self.weights.iter().fold(Chart::new(title, "epoch", "weight"), |c, (name, vs)| {
            let points = by_epoch(vs, |v| v);
            match unit_and_input(name) {
                Some((unit, 1)) => c.with(name, points, Style::Line).colour(unit - 1),
                Some((unit, _)) => c.with(name, points, Style::Dashed).colour(unit - 1),
                None => {
                    let style = if c.series.len() < Chart::COLOURS { Style::Line } else { Style::Dashed };
                    c.with(name, points, style)
                }
            }
        })
    }
}

/// Unit j and input k of a first-layer weight's name `W[1]_jk` (one digit
/// each, both from 1), or `None` for any other name.
fn unit_and_input(name: &str) -> Option<(usize, usize)> {
    let digits: Vec<usize> =
        name.strip_prefix("W[1]_")?.chars().map(|c| c.to_digit(10).map(|d| d as usize)).collect::<Option<_>>()?;
    match digits[..] {
        [j, k] if j > 0 && k > 0 => Some((j, k)),
        _ => None,
    }
}

shows_as!(History, |h| h.plot().output());

impl crate::train::ClassHistory {
    /// Two charts side by side: the training and test loss, and the training
    /// and test accuracy, epoch by epoch. The legends say when each is taken:
    /// the training loss while the weights moved, the other three after the epoch.
    pub fn chart(&self) -> Figure {
        let by = |v: &[f64]| by_epoch(v, |x| x);
        Figure::row(vec![
            Chart::new("cross-entropy loss", "epoch", "loss")
                .line("training (mean over the epoch, weights moving)", by(&self.train_loss))
                .line("test (after the epoch)", by(&self.test_loss)),
            Chart::new("accuracy", "epoch", "fraction correct")
                .line("training (after the epoch)", by(&self.train_accuracy))
                .line("test (after the epoch)", by(&self.test_accuracy)),
        ])
    }
}

shows_as!(crate::train::ClassHistory, |h| h.chart().output());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_layer_weights_take_their_unit_s_colour() {
        let mut h = History::new(0.1);
        h.weights = ["W[1]_31", "W[1]_32", "W[1]_11", "w"].iter().map(|n| (n.to_string(), vec![0.5, 0.4])).collect();
        let c = h.weight_chart("w");
        let drawn: Vec<(Option<usize>, Style)> = c.series.iter().map(|s| (s.colour, s.style)).collect();
        assert_eq!(
            drawn,
            [(Some(2), Style::Line), (Some(2), Style::Dashed), (Some(0), Style::Line), (None, Style::Line)]
        );
        assert_eq!(unit_and_input("W[1]_101"), None);
        assert_eq!(unit_and_input("W[1]_02"), None);
    }
}
