//! Exporting a lesson as HTML the way a learner does it, and reading the file
//! offline: the course's exporter (`python/backprop_course`, registered as
//! nbconvert's `course` exporter) and nbconvert's plain HTML export, from
//! JupyterLab's menu and from the command line. Each file is opened in headless
//! Chromium with the network refused and must show as many typeset formulas as
//! the notebook's markdown holds, the lesson's plots drawn, no raw `$`, no
//! literal tags, no SVG source as text, and where it came from
//! (`scripts/export_check.py`, through `scripts/page_check.py`).

mod harness;

use harness::{lessons, python, root, run_script, solutions};
use std::process::Command;

/// Runs `scripts/export_check.py` with these arguments; returns its output, after
/// asserting that it succeeded and reported `files` files.
#[track_caller]
fn export_check(args: &[&str], files: usize) -> String {
    let shots = root().join("target/nbtest/exports");
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    all.extend([std::ffi::OsStr::new("--screenshot-dir"), shots.as_os_str()]);
    let (ok, text) = run_script("export_check.py", &all);
    assert!(ok, "the export check failed:\n{text}");
    assert_eq!(text.matches("formulas typeset").count(), files, "one line per exported file:\n{text}");
    text
}

/// JupyterLab, File → Save and Export Notebook As: the course's entry ("Course")
/// and the default "HTML" entry, whose dialog comes with "Sanitize HTML output"
/// ticked; both files read offline.
#[test]
fn a_lesson_exported_from_jupyterlabs_menu_reads_offline() {
    let text = export_check(&["day10-backprop-basics", "--jupyterlab"], 2);
    assert!(text.contains("JupyterLab menu → Course:"), "{text}");
    assert!(text.contains("JupyterLab menu → HTML (dialog: Export as HTML; sanitize ticked: True)"), "{text}");
    // page_check.py has compared the formulas with the notebook's markdown; the
    // plots drawn must be the lesson's own count, in both files.
    let lesson = lessons().into_iter().find(|l| l.stem == "day10-backprop-basics").unwrap();
    let drawn = format!("formulas typeset, {} plots drawn", lesson.plots);
    assert_eq!(text.matches(&drawn).count(), 2, "its {} plots in both files:\n{text}", lesson.plots);
}

/// `jupyter nbconvert --to course`, `--to html` and `--to html --sanitize-html`,
/// on the lesson with the most plots and one with a matrix and boxed formulas.
#[test]
fn a_lesson_exported_with_nbconvert_reads_offline() {
    for stem in ["backprop-deep-dive", "day10-backprop-basics"] {
        let lesson = lessons().into_iter().find(|l| l.stem == stem).unwrap();
        let text = export_check(&[stem, "--nbconvert"], 3);
        let drawn = format!("{} plots drawn", lesson.plots);
        assert_eq!(text.matches(&drawn).count(), 3, "{stem}: its {} plots in every file:\n{text}", lesson.plots);
    }
}

/// Every formula of the course's notebooks (lessons and solutions) converts to
/// MathML without an error and without TeX left over.
#[test]
fn every_formula_of_the_course_converts_to_mathml() {
    let out = Command::new(python())
        .args(["-m", "backprop_course.tex"])
        .current_dir(root())
        .output()
        .expect("could not run python -m backprop_course.tex");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    eprintln!("{}{}", text.trim(), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{text}");
    let count = |line: &str| {
        line.rsplit_once(": ").and_then(|(_, n)| n.strip_suffix(" formulas")).map(|n| n.parse::<usize>().unwrap())
    };
    let per_notebook: Vec<usize> = text.lines().filter_map(count).collect();
    assert_eq!(per_notebook.len(), lessons().len() + solutions().len(), "every lesson and solutions notebook:\n{text}");
    assert!(text.contains(", 0 not converted cleanly"), "{text}");
}
