//! Shared test helpers: the PyTorch reference fixtures.
#![allow(dead_code)]

use backprop::prelude::*;
use serde_json::Value;

/// `torch-reference.json`, copied from `shared/fixtures/` (PyTorch 2.11, float64, seed 7).
pub fn fixtures() -> Vec<Value> {
    let text = include_str!("../fixtures/torch-reference.json");
    let v: Value = serde_json::from_str(text).expect("valid fixture JSON");
    v["cases"].as_array().expect("a list of cases").clone()
}

/// The cases of one kind.
pub fn cases(kind: &str) -> Vec<Value> {
    fixtures().into_iter().filter(|c| c["kind"] == kind).collect()
}

/// A JSON number list as a vector.
pub fn vec1(v: &Value) -> Array1<f64> {
    v.as_array().expect("a list").iter().map(|x| x.as_f64().expect("a number")).collect()
}

/// A JSON matrix as a 2-D array.
pub fn mat(v: &Value) -> Array2<f64> {
    let rows: Vec<Array1<f64>> = v.as_array().expect("a matrix").iter().map(vec1).collect();
    let (r, c) = (rows.len(), rows.first().map_or(0, |x| x.len()));
    Array2::from_shape_fn((r, c), |(i, j)| rows[i][j])
}

/// The fixture tolerance: 1e-12 relative, 1e-14 absolute near zero.
#[track_caller]
pub fn assert_matches(name: &str, got: &[f64], want: &[f64]) {
    compare(name, got, want, 1e-12, 1e-14).assert_ok();
}
