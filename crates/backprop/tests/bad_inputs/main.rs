//! Generated bad inputs for the whole public API: property tests (proptest)
//! drive every public function and method of the crate with random shapes
//! (empty and mismatched ones included), NaN, ±∞, zero, negative and huge
//! values, and assert for each call one of three outcomes: the right value,
//! NaN carried through, or a panic whose message is the crate's own and names
//! the function (both shapes for a mismatch).
//!
//! `coverage.rs` lists every public function with the test that drives it,
//! derives the real list from the crate's source, and fails when the two differ.

mod by_hand;
mod charts;
mod coverage;
mod data;
mod engine;
mod maths;
mod nn;
mod show;
mod support;
mod train;
