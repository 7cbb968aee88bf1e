//! The kernels a Jupyter server starts ahead of time (scripts/jupyter/warm_kernels.py:
//! the server's kernel manager holds them and hands one to the next lesson), on the
//! real evcxr kernel through the `rust` kernelspec: a lesson's new kernel is a
//! spare, handed over warm with nothing between Jupyter and evcxr (the time it
//! took is printed, never asserted); cells, a panic's message, a kept variable,
//! an interrupt and a restart work on it; a notebook outside the lessons' folder
//! and a changed crate get a kernel started as usual; nothing is left running
//! once the server ends, even killed outright. The checks themselves are in
//! scripts/warm_kernels_check.py.

mod harness;

use harness::{python, root};
use std::process::Command;

#[test]
fn warm_kernels_are_handed_out_and_cleaned_up() {
    let out = Command::new(python())
        .arg(root().join("scripts/warm_kernels_check.py"))
        .output()
        .expect("could not start scripts/warm_kernels_check.py");
    let text = String::from_utf8_lossy(&out.stdout);
    eprintln!("{}", text.trim());
    assert!(
        out.status.success() && text.contains("warm kernels check: all passed") && !text.contains("FAIL"),
        "warm kernels:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
