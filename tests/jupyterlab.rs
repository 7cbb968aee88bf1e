//! Opens a lesson in JupyterLab in headless Chromium and checks that its stored
//! plots are drawn (a notebook JupyterLab does not trust shows only axis labels).

use course::root;
use std::process::Command;

#[test]
fn day10_plots_are_drawn_in_jupyterlab() {
    let python = root().join(".venv/bin/python");
    assert!(python.exists(), "run `bash scripts/test.sh`, which sets up the virtualenv");
    std::fs::create_dir_all(root().join("target/nbtest")).unwrap();
    let out = Command::new(python)
        .arg(root().join("scripts/browser_check.py"))
        .arg(root().join("notebooks/day10-backprop-basics.ipynb"))
        .arg("2")
        .arg("--screenshot")
        .arg(root().join("target/nbtest/jupyterlab-day10.png"))
        .env("SE_OFFLINE", "true")
        .output()
        .expect("could not start scripts/browser_check.py");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "JupyterLab check failed:\n{text}");
    assert!(text.contains("plots drawn"), "{text}");
}
