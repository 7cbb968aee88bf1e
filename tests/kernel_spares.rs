//! The spare kernels JupyterLab starts (scripts/kernel_spare.py), on the real
//! evcxr kernel through the `rust` kernelspec: a new kernel is handed a warm
//! spare (the time it took is printed, never asserted); cells, a panic's message, a kept variable,
//! an interrupt and a restart pass through the spare's relay; a claim for a
//! changed crate is declined; no kernel outlives the server that started it.
//! The checks themselves are in scripts/spare_check.py.

mod harness;

use harness::{python, root};
use std::process::Command;

#[test]
fn spare_kernels_are_handed_out_warm_and_cleaned_up() {
    let out = Command::new(python())
        .arg(root().join("scripts/spare_check.py"))
        .output()
        .expect("could not start scripts/spare_check.py");
    let text = String::from_utf8_lossy(&out.stdout);
    eprintln!("{}", text.trim());
    assert!(
        out.status.success() && text.contains("spare check: all passed") && !text.contains("FAIL"),
        "spare kernels:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
