//! One training loop and one record, for either path.
//!
//! [`train`] runs any [`Trainable`] model; [`History`] holds what happened and
//! says why a run stopped early.

mod class_history;
mod classes;
mod fit;
mod history;

pub use class_history::ClassHistory;
pub use classes::{
    class_accuracy, class_means, compare_mistakes, nearest_mean_classes, predicted_classes, score, ConfusionMatrix,
    MistakeComparison,
};
pub(crate) use fit::OneSample;
pub use fit::{train, Fit, Trainable};
pub use history::{History, Stop};
