//! Opens every lesson in JupyterLab in headless Chromium and checks that its
//! stored plots are drawn (a notebook JupyterLab does not trust shows only axis
//! labels, so this also proves that set-up trusted the committed lessons).

use course::root;
use std::process::Command;

/// Each lesson and the number of plot outputs it stores.
const LESSONS: &[(&str, usize)] = &[
    ("day10-backprop-basics.ipynb", 2),
    ("day03-backprop-core.ipynb", 3),
    ("day03-theory-guide.ipynb", 7),
    ("backprop-from-scratch.ipynb", 1),
    ("backprop-deep-dive.ipynb", 6),
];

#[test]
fn stored_plots_are_drawn_in_jupyterlab() {
    let python = root().join(".venv/bin/python");
    assert!(python.exists(), "run `bash scripts/test.sh`, which sets up the virtualenv");
    std::fs::create_dir_all(root().join("target/nbtest")).unwrap();
    let mut failures = Vec::new();
    for (lesson, plots) in LESSONS {
        let stem = lesson.trim_end_matches(".ipynb");
        let out = Command::new(&python)
            .arg(root().join("scripts/browser_check.py"))
            .arg(root().join("notebooks").join(lesson))
            .arg(plots.to_string())
            .arg("--screenshot")
            .arg(root().join(format!("target/nbtest/jupyterlab-{stem}.png")))
            .env("SE_OFFLINE", "true")
            .output()
            .expect("could not start scripts/browser_check.py");
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        eprintln!("{}", text.trim());
        if !out.status.success() || !text.contains("plots drawn") {
            failures.push(format!("{lesson}:\n{text}"));
        }
    }
    assert!(failures.is_empty(), "JupyterLab check failed:\n{}", failures.join("\n"));
}
