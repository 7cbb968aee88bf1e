//! Test harness for the course notebooks: see `tests/notebooks.rs`.
