//! Real data for the capstone lesson: the 8 × 8 handwritten digits, a
//! stratified train/test split, and shuffled mini-batches.

mod batches;
mod digits;
mod split;

pub use batches::mini_batches;
pub use digits::{count_classes, digits, Digits};
pub use split::{select_rows, stratified_split};
