//! `train`: the training loop and its options, the records, and the scoring
//! of a classifier, with rates, epochs, losses, logits and labels of every kind.

use crate::support::*;
use backprop::prelude::*;
use backprop::sgd_update;
use backprop::train::{train, Stop, Trainable};
use ndarray::Array2;
use proptest::prelude::*;

/// L(θ) = ½(θ − 1)², so ∂L/∂θ = θ − 1: the smallest model the loop can train.
struct Bowl {
    theta: f64,
    grad: f64,
}

impl Trainable for Bowl {
    fn check_batch(&self, history: &mut History) -> bool {
        history.check_batch(1, &[self.theta], &[1.0])
    }
    fn forward_loss(&mut self) -> f64 {
        0.5 * (self.theta - 1.0).powi(2)
    }
    fn backward(&mut self) {
        self.grad = self.theta - 1.0;
    }
    fn step(&mut self, lr: f64) {
        self.theta = sgd_update(self.theta, self.grad, lr);
    }
}

fn labels(classes: usize) -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(0..classes + 2, 0..5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn training_refuses_rates_and_epochs_it_cannot_use(lr in rate(), epochs in 0..5usize, theta in number()) {
        expect(outcome(|| Fit::new(Loss::Mse).lr(lr)), good_rate(lr), "Fit::lr", |f| assert_eq!(f.lr, lr));
        expect(outcome(|| Fit::new(Loss::Mse).epochs(epochs)), epochs > 0, "Fit::epochs", |f| assert_eq!(f.epochs, epochs));
        if lr < 0.0 && lr.is_finite() {
            refused(outcome(|| Fit::new(Loss::Mse).lr(lr)), "Fit::lr", &["climbs the loss"]);
        }
        let fit = Fit::new(Loss::Bce);
        assert_eq!((fit.lr, fit.epochs, fit.validation.is_none()), (0.1, 100, true));
        let valid = good_rate(lr) && epochs > 0;
        expect(outcome(|| train(&mut Bowl { theta, grad: 0.0 }, lr, epochs)), valid, "train", |h| {
            assert!(h.losses.iter().all(|l| l.is_finite()));
            if !theta.is_finite() {
                assert_eq!(h.stopped, Some((0, Stop::DataNotFinite)));
            } else if h.stopped.is_none() {
                assert_eq!(h.losses.len(), epochs);
                assert!(same(h.losses[0], 0.5 * (theta - 1.0).powi(2)));
            }
        });
    }

    #[test]
    fn the_record_names_every_cause_and_carries_nan(lr in rate(), losses in proptest::collection::vec(number(), 0..6), n in size()) {
        let made = outcome(|| History::new(lr));
        if !good_rate(lr) {
            refused(made, "History::new", &[&format!("{lr}")]);
            return Ok(());
        }
        let mut h = made.expect("a good rate");
        let mut kept = Vec::new();
        for &l in &losses {
            let going = if kept.len() % 2 == 0 { h.record(l) } else { h.keep_going(l) };
            if l.is_finite() && l.abs() <= 1e100 { assert!(going); kept.push(l); } else { assert!(!going); break; }
        }
        assert_eq!(h.losses, kept);
        assert_eq!(h.last(), kept.last().copied());
        assert_eq!(h.last_n(n), &kept[kept.len().saturating_sub(n)..]);
        assert_eq!(h.lowest(), kept.iter().copied().reduce(f64::min));
        assert_eq!(h.fell_every_step(), kept.len() >= 2 && kept.windows(2).all(|p| p[1] < p[0]));
        assert_eq!(h.rises(), kept.windows(2).filter(|p| p[1] > p[0]).count());
        assert!(!h.summary().is_empty());
        h.val_losses = losses.clone();
        let lowest = h.lowest_val();
        assert_eq!(lowest.is_some(), !losses.is_empty());
        if losses.iter().any(|v| v.is_nan()) { assert!(lowest.is_some_and(f64::is_nan)); }
        h.accuracy = losses.iter().map(|&v| if v > 0.0 { 1.0 } else { 0.5 }).collect();
        let solved = h.solved_from();
        if let Some(k) = solved { assert!(h.accuracy[k - 1..].iter().all(|&a| a == 1.0)); }
        History::push_to(&mut h.grad_norms, "0.weight", 1.0);
        History::push_to(&mut h.grad_norms, "0.weight", 2.0);
        assert_eq!(h.grad_norms, vec![("0.weight".to_string(), vec![1.0, 2.0])]);
        h.stop(3, Stop::EmptyBatch);
        assert!(h.summary().contains("the batch is empty"));
        let mut fresh = History::new(lr);
        assert!(!fresh.check_batch(0, &[], &[]) && fresh.stopped == Some((0, Stop::EmptyBatch)));
    }

    #[test]
    fn class_records_stop_on_a_loss_that_is_not_finite(rows in proptest::collection::vec((number(), number(), number(), number()), 0..5)) {
        let mut h = ClassHistory::new();
        for &(a, b, c, d) in &rows {
            let going = h.record(a, b, c, d);
            assert_eq!(going, a.is_finite());
            if !going {
                assert!(h.summary().starts_with("training stopped"));
                break;
            }
        }
        assert!(h.train_loss.iter().all(|v| v.is_finite()));
        assert!(!h.summary().is_empty());
        // score_epoch: the same record, the test loss and both accuracies scored from logits; a
        // mismatch of logits and labels panics.
        let logits = ndarray::array![[2.0, 0.0], [0.0, 1.0]];
        let mut scored = ClassHistory::new();
        let a = rows.first().map_or(0.5, |r| r.0);
        assert_eq!(scored.score_epoch(a, &logits, &[0, 1], &logits, &[0, 0]), a.is_finite());
        if a.is_finite() {
            assert_eq!((scored.train_accuracy[0], scored.test_accuracy[0]), (1.0, 0.5));
            assert_eq!(scored.test_loss[0], score(&logits, &[0, 0]).0);
        }
        assert!(outcome(|| ClassHistory::new().score_epoch(0.5, &logits, &[0], &logits, &[0, 1])).is_err());
    }

    #[test]
    fn scoring_refuses_counts_of_nothing_and_classes_out_of_range(
        (logits, truth) in (0..4usize, 0..4usize).prop_flat_map(|(b, c)| (matrix(b, c), labels(c))),
        guess in labels(3), classes in size(), top in size(),
    ) {
        let (b, c) = logits.dim();
        expect(outcome(|| predicted_classes(&logits)), c > 0 || b == 0, "predicted_classes", |p| {
            assert_eq!(p.len(), b);
            for (row, &k) in logits.rows().into_iter().zip(&p) {
                assert!(k < c);
                // torch.argmax: the first NaN wins, else the first of the largest.
                match row.iter().position(|v| v.is_nan()) {
                    Some(first_nan) => assert_eq!(k, first_nan),
                    None => assert!(row.iter().all(|&v| v <= row[k]) && row.iter().take(k).all(|&v| v < row[k])),
                }
            }
        });
        let valid = truth.len() == guess.len() && !truth.is_empty();
        expect(outcome(|| class_accuracy(&truth, &guess)), valid, "class_accuracy", |a| {
            assert!(same(a, truth.iter().zip(&guess).filter(|(t, g)| t == g).count() as f64 / truth.len() as f64));
        });
        let scored = !truth.is_empty() && truth.len() == b && truth.iter().all(|&t| t < c);
        expect(outcome(|| score(&logits, &truth)), scored, "cross_entropy", |(loss, acc)| {
            let nan = logits.iter().any(|v| v.is_nan());
            assert_eq!(acc.is_nan(), nan, "a NaN logit makes the accuracy NaN");
            if nan { assert!(loss.is_nan()); }
        });
        let fits = truth.len() == guess.len() && truth.iter().chain(&guess).all(|&k| k < classes) && can_exist(&[classes, classes]);
        expect(outcome(|| ConfusionMatrix::new(&truth, &guess, classes)), fits, "ConfusionMatrix::new", |m| {
            assert_eq!(m.counts.sum(), truth.len());
            expect(outcome(|| m.accuracy()), !truth.is_empty(), "ConfusionMatrix::accuracy", |a| {
                assert!(same(a, class_accuracy(&truth, &guess)));
            });
            let off = m.top_confusions(top);
            assert!(off.len() <= top && off.iter().all(|&(t, p, n)| t != p && n > 0));
            assert!(off.windows(2).all(|w| w[0].2 >= w[1].2));
            assert_eq!(m.to_text().lines().count(), classes + 1);
            assert!(m.to_html().starts_with("<table"));
            assert!(m.output().html.contains("confusion matrix"));
            m.evcxr_display();
        });
    }
}

proptest! {
    #[test]
    fn class_means_and_the_nearest_mean_refuse_empty_classes_and_mismatched_shapes(
        (x, truth) in (0..4usize, 0..4usize).prop_flat_map(|(b, c)| (matrix(b, c), labels(3))),
        classes in size(),
        other in any_matrix(),
    ) {
        let every_class = (0..classes.min(truth.len() + 1)).all(|c| truth.contains(&c));
        let valid = truth.len() == x.nrows() && truth.iter().all(|&t| t < classes) && every_class;
        expect(outcome(|| class_means(&x, &truth, classes)), valid, "class_means", |m| {
            assert_eq!(m.dim(), (classes, x.ncols()));
            for (c, mean) in m.rows().into_iter().enumerate() {
                let rows: Vec<usize> = (0..truth.len()).filter(|&k| truth[k] == c).collect();
                for (p, &v) in mean.iter().enumerate() {
                    assert!(same(v, rows.iter().map(|&k| x[[k, p]]).sum::<f64>() / rows.len() as f64));
                }
            }
            expect(outcome(|| nearest_mean_classes(&m, &x)), classes > 0, "nearest_mean_classes", |p| {
                assert_eq!(p.len(), x.nrows());
                assert!(p.iter().all(|&k| k < classes));
            });
        });
        let fits = other.nrows() > 0 && other.ncols() == x.ncols();
        expect(outcome(|| nearest_mean_classes(&other, &x)), fits, "nearest_mean_classes", |p| {
            assert_eq!(p.len(), x.nrows());
            assert!(p.iter().all(|&k| k < other.nrows()));
        });
    }
}

proptest! {
    #[test]
    fn compare_mistakes_refuses_mismatched_lists_and_unknown_classes(
        truth in labels(3),
        first in labels(3),
        second in labels(3),
        means in any_matrix(),
        digit in 0..5usize,
    ) {
        let classes = means.nrows();
        let valid = truth.len() == first.len()
            && truth.len() == second.len()
            && classes >= 2
            && digit < classes
            && truth.iter().chain(&first).chain(&second).all(|&c| c < classes);
        expect(outcome(|| compare_mistakes(digit, &truth, &first, &second, &means)), valid, "compare_mistakes", |m| {
            let of_digit = truth.iter().filter(|&&t| t == digit).count();
            assert_eq!((m.baseline_row.iter().sum::<usize>(), m.network_row.iter().sum::<usize>()), (of_digit, of_digit));
            assert!(m.both_wrong <= of_digit && m.closest_mean != digit && m.network_most != digit);
            assert!(m.to_string().contains("the same digit = "));
        });
    }
}

#[test]
fn an_empty_confusion_matrix_has_no_accuracy() {
    let m = ConfusionMatrix::new(&[], &[], 3);
    refused(outcome(|| m.accuracy()), "ConfusionMatrix::accuracy", &["0 samples"]);
    let m = ConfusionMatrix { counts: Array2::zeros((2, 3)) };
    refused(outcome(|| m.accuracy()), "ConfusionMatrix::accuracy", &["[2, 3]"]);
}
