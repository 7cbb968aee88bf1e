//! The one training loop of the course, for either path.
//!
//! Every epoch is the recipe the lessons repeat: forward pass and loss, backward
//! pass, update. A model takes part by implementing [`Trainable`]: the
//! hand-written types (a `Neuron`, Day 10's network) and the engine's
//! `Sequential` all do, so they share this loop and its record, [`History`].

use crate::maths::shape::check_lr;
use crate::maths::Loss;
use crate::train::history::History;
use ndarray::Array2;

/// What the training loop needs from a model bound to its training data.
pub trait Trainable {
    /// Checks the data before the first epoch (see [`History::check_batch`]).
    fn check_batch(&self, history: &mut History) -> bool;
    /// Forward pass and loss on the training data, caching what `backward` needs.
    fn forward_loss(&mut self) -> f64;
    /// Backward pass: ∂L/∂θ for every parameter θ.
    fn backward(&mut self);
    /// Records what this model can show about the epoch that just ran its
    /// backward pass (gradient norms, weights, accuracy, validation loss).
    fn observe(&mut self, _history: &mut History) {}
    /// The update θ ← θ − η·∂L/∂θ for every parameter.
    fn step(&mut self, lr: f64);
}

/// A forward and backward pass on one sample: the loss and the gradients.
type Pass<'a, M, G> = Box<dyn Fn(&M) -> (f64, G) + 'a>;

/// A hand-written model trained on one sample: its forward and backward
/// passes come as one call that returns the loss and the gradients, and its
/// `step` applies them. Adapts `Neuron` and `TwoLayerNet` to [`Trainable`].
pub(crate) struct OneSample<'a, M, G> {
    model: &'a mut M,
    sample: Vec<f64>,
    target: f64,
    pass: Pass<'a, M, G>,
    update: fn(&mut M, &G, f64),
    grads: Option<G>,
}

impl<'a, M, G> OneSample<'a, M, G> {
    /// `pass` computes (loss, gradients) on the sample (x and target y); `update` is the model's step.
    pub(crate) fn new(
        model: &'a mut M,
        x: &[f64],
        y: f64,
        pass: impl Fn(&M) -> (f64, G) + 'a,
        update: fn(&mut M, &G, f64),
    ) -> Self {
        OneSample { model, sample: x.to_vec(), target: y, pass: Box::new(pass), update, grads: None }
    }
}

impl<M, G> Trainable for OneSample<'_, M, G> {
    fn check_batch(&self, history: &mut History) -> bool {
        history.check_batch(1, &self.sample, &[self.target])
    }
    fn forward_loss(&mut self) -> f64 {
        let (loss, grads) = (self.pass)(self.model);
        self.grads = Some(grads);
        loss
    }
    fn backward(&mut self) {} // done with the forward pass above
    fn step(&mut self, lr: f64) {
        let grads = self.grads.take().expect("forward_loss runs before step");
        (self.update)(self.model, &grads, lr);
    }
}

/// How to train: the loss, the learning rate η, the number of epochs, and
/// optionally held-out data whose loss is recorded alongside.
///
/// # Shapes
/// validation: x_val B × I and y_val B × O.
///
/// ```
/// use backprop::prelude::*;
/// let fit = Fit::new(Loss::Bce).lr(0.5).epochs(2000);
/// assert_eq!((fit.lr, fit.epochs), (0.5, 2000));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// The loss to minimise.
    pub loss: Loss,
    /// The learning rate η.
    pub lr: f64,
    /// How many full-batch epochs to run (fewer if training stops early).
    pub epochs: usize,
    /// Held-out inputs and targets (B × I and B × O), if any.
    pub validation: Option<(Array2<f64>, Array2<f64>)>,
}

impl Fit {
    /// Training with `loss`, η = 0.1 and 100 epochs until changed.
    pub fn new(loss: Loss) -> Self {
        Fit { loss, lr: 0.1, epochs: 100, validation: None }
    }

    /// Sets the learning rate η.
    ///
    /// # Panics
    /// If `lr` is not a finite number above 0.
    #[track_caller]
    pub fn lr(mut self, lr: f64) -> Self {
        check_lr("Fit::lr", lr);
        self.lr = lr;
        self
    }

    /// Sets the number of epochs.
    ///
    /// # Panics
    /// If `epochs` is 0: nothing would be trained.
    #[track_caller]
    pub fn epochs(mut self, epochs: usize) -> Self {
        check_epochs("Fit::epochs", epochs);
        self.epochs = epochs;
        self
    }

    /// Also records the loss on held-out data (x_val: B × I, y_val: B × O).
    ///
    /// # Shapes
    /// x_val: B × I, y_val: B × O.
    ///
    /// # Panics
    /// If the validation set is empty, or x_val and y_val disagree on B.
    #[track_caller]
    pub fn validate(mut self, x_val: &Array2<f64>, y_val: &Array2<f64>) -> Self {
        assert!(
            x_val.nrows() == y_val.nrows() && x_val.nrows() > 0,
            "Fit::validate: x_val has shape {:?} and y_val has shape {:?}; need the same number of rows, at least one",
            x_val.shape(),
            y_val.shape()
        );
        self.validation = Some((x_val.clone(), y_val.clone()));
        self
    }

    /// Checks the fields (which can also be set directly) before `op` trains with them.
    ///
    /// # Panics
    /// If `lr` is not a finite number above 0 or `epochs` is 0, naming `op`.
    #[track_caller]
    pub(crate) fn check(&self, op: &str) {
        check_lr(op, self.lr);
        check_epochs(op, self.epochs);
    }
}

/// Panics unless at least one epoch is asked for.
#[track_caller]
fn check_epochs(op: &str, epochs: usize) {
    assert!(epochs > 0, "{op}: epochs is 0, so nothing would be trained; ask for at least 1 epoch");
}

/// Runs `epochs` epochs of forward, loss, backward, update with learning rate
/// `lr`, recording the loss before each update. Stops early, saying why, when
/// the data is unusable or the loss stops being finite (see [`History::summary`]).
///
/// # Panics
/// If `lr` is not a finite number above 0, or `epochs` is 0.
#[track_caller]
pub fn train(model: &mut dyn Trainable, lr: f64, epochs: usize) -> History {
    check_lr("train", lr);
    check_epochs("train", epochs);
    let mut history = History::new(lr);
    if !model.check_batch(&mut history) {
        return history;
    }
    for _ in 0..epochs {
        let loss = model.forward_loss(); // 1. forward pass and loss
        if !history.record(loss) {
            break;
        }
        model.backward(); // 2. backward pass
        model.observe(&mut history);
        model.step(lr); // 3. update
    }
    history
}

#[cfg(test)]
mod tests {
    use super::*;

    /// L(θ) = θ², so ∂L/∂θ = 2θ and each step multiplies θ by (1 − 2η).
    struct Parabola {
        theta: f64,
        grad: f64,
    }

    impl Trainable for Parabola {
        fn check_batch(&self, history: &mut History) -> bool {
            history.check_batch(1, &[self.theta], &[0.0])
        }
        fn forward_loss(&mut self) -> f64 {
            self.theta * self.theta
        }
        fn backward(&mut self) {
            self.grad = 2.0 * self.theta;
        }
        fn step(&mut self, lr: f64) {
            self.theta = crate::maths::sgd_update(self.theta, self.grad, lr);
        }
    }

    #[test]
    fn hand_checkable_steps() {
        let h = train(&mut Parabola { theta: 1.0, grad: 0.0 }, 0.25, 3);
        assert_eq!(h.losses, vec![1.0, 0.25, 0.0625]);
        assert_eq!(h.stopped, None);
    }

    #[test]
    fn too_large_a_step_diverges_and_says_so() {
        let h = train(&mut Parabola { theta: 1.0, grad: 0.0 }, 10.0, 1000);
        assert!(matches!(h.stopped, Some((_, crate::train::Stop::LossGrew))), "{h:?}");
        assert!(h.summary().contains("lower the learning rate"));
    }

    #[test]
    fn nan_data_stops_before_the_first_step() {
        let h = train(&mut Parabola { theta: f64::NAN, grad: 0.0 }, 0.1, 10);
        assert_eq!(h.stopped, Some((0, crate::train::Stop::DataNotFinite)));
        assert!(h.losses.is_empty());
    }
}
