//! One training loop and one record, for either path.
//!
//! [`train`] runs any [`Trainable`] model; [`History`] holds what happened and
//! says why a run stopped early.

mod fit;
mod history;

pub(crate) use fit::OneSample;
pub use fit::{train, Fit, Trainable};
pub use history::{History, Stop};
