//! The notebook test harness: runs a lesson for real, through Jupyter on the
//! evcxr kernel (`scripts/nbrun.py`), and reads the runner's report into typed
//! structs ([`report`]) that the lesson tests assert on ([`checks`]).
//!
//! Every lesson, in the course's order, with the number of plots it draws, is
//! listed once in `notebooks/lessons.json`; the tests, the site index and the
//! JupyterLab check all read that manifest.
#![allow(dead_code)] // each test file uses its own part of the harness

pub mod checks;
pub mod report;

use report::Report;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One lesson of the manifest.
#[derive(Clone, Debug, Deserialize)]
pub struct Lesson {
    /// The notebook's file name without `.ipynb`.
    pub stem: String,
    /// How many drawn plots the lesson shows.
    pub plots: usize,
}

#[derive(Deserialize)]
struct Manifest {
    lessons: Vec<Lesson>,
}

/// Every lesson, in the order a learner reads them (`notebooks/lessons.json`).
pub fn lessons() -> Vec<Lesson> {
    let text = std::fs::read_to_string(root().join("notebooks/lessons.json")).expect("notebooks/lessons.json");
    serde_json::from_str::<Manifest>(&text).expect("a valid lesson manifest").lessons
}

/// The manifest's entry for `stem`.
#[track_caller]
pub fn lesson(stem: &str) -> Lesson {
    lessons().into_iter().find(|l| l.stem == stem).unwrap_or_else(|| panic!("{stem} is not in notebooks/lessons.json"))
}

/// The lessons that have a solutions notebook (`notebooks/solutions/STEM.ipynb`).
pub fn solutions() -> Vec<Lesson> {
    lessons().into_iter().filter(|l| root().join(format!("notebooks/solutions/{}.ipynb", l.stem)).exists()).collect()
}

/// The path of the project's Python (set up by `scripts/setup.sh`).
#[track_caller]
pub fn python() -> PathBuf {
    let python = root().join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `bash scripts/test.sh`, which sets up the kernel first",
        python.display()
    );
    python
}

/// Runs `scripts/NAME` with the project's Python and these arguments, with Selenium
/// kept offline; returns whether it succeeded and what it printed (also shown).
pub fn run_script(name: &str, args: &[&std::ffi::OsStr]) -> (bool, String) {
    let out = Command::new(python())
        .arg(root().join("scripts").join(name))
        .args(args)
        .env("SE_OFFLINE", "true")
        .output()
        .unwrap_or_else(|e| panic!("could not start scripts/{name}: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprintln!("{}", text.trim());
    (out.status.success(), text)
}

/// Executes `notebook` on the evcxr kernel: a fresh run, a re-run of every
/// cell, and one run per `(cell, new source)` override. Also exports the fresh
/// run as HTML to `target/nbtest/NAME.html`.
///
/// # Panics
/// If the virtualenv is missing or the runner writes no report.
#[track_caller]
pub fn execute(notebook: &Path, overrides: &[(usize, String)]) -> Report {
    run_notebook(notebook, overrides, true)
}

/// Executes `notebook` once, top to bottom, as a learner's *Run All* does (no
/// re-run, no overrides); exports it as [`execute`] does.
///
/// # Panics
/// As [`execute`].
#[track_caller]
pub fn execute_once(notebook: &Path) -> Report {
    run_notebook(notebook, &[], false)
}

#[track_caller]
fn run_notebook(notebook: &Path, overrides: &[(usize, String)], rerun: bool) -> Report {
    // A lesson's solutions notebook has the lesson's file name: keep their reports apart.
    let mut stem = notebook.file_stem().unwrap().to_string_lossy().to_string();
    if let Some(folder) = notebook.parent().and_then(|p| p.file_name()).filter(|f| *f != "notebooks") {
        stem = format!("{}-{stem}", folder.to_string_lossy());
    }
    let work = root().join("target/nbtest").join(&stem);
    std::fs::create_dir_all(&work).unwrap();
    let report_path = work.join("report.json");
    let _ = std::fs::remove_file(&report_path);
    let mut cmd = Command::new(python());
    cmd.arg(root().join("scripts/nbrun.py"))
        .arg(notebook)
        .args(if rerun { &["--rerun", "--report"][..] } else { &["--report"][..] })
        .arg(&report_path)
        .arg("--html")
        .arg(root().join("target/nbtest").join(format!("{stem}.html")))
        .arg("--timeout")
        .arg(std::env::var("CELL_TIMEOUT").unwrap_or_else(|_| "300".into()));
    for (k, (cell, source)) in overrides.iter().enumerate() {
        let f = work.join(format!("override-{k}.rs"));
        std::fs::write(&f, source).unwrap();
        cmd.arg("--override").arg(format!("{cell}={}", f.display()));
    }
    let status = cmd.status().expect("could not start scripts/nbrun.py");
    let text = std::fs::read_to_string(&report_path)
        .unwrap_or_else(|_| panic!("nbrun.py wrote no report for {} (exit status {status})", notebook.display()));
    serde_json::from_str(&text).expect("a report in nbrun.py's format")
}

/// Writes a notebook of code cells to `target/nbtest/NAME/NAME.ipynb`, after a
/// first cell that compiles the course crate (`:dep`), and returns its path.
pub fn probe_notebook(name: &str, cells: &[String]) -> PathBuf {
    let dep = format!(":dep backprop = {{ path = {:?} }}", root().join("crates/backprop").display().to_string());
    notebook_of(name, &[std::slice::from_ref(&dep), cells].concat())
}

/// Writes a notebook of exactly these code cells (no `:dep` cell: a notebook
/// that does not use the crate) to `target/nbtest/NAME/NAME.ipynb`.
pub fn notebook_of(name: &str, cells: &[String]) -> PathBuf {
    let dir = root().join("target/nbtest").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let code = |c: &String| serde_json::json!({"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": null});
    let nb = serde_json::json!({
        "cells": cells.iter().map(code).collect::<Vec<_>>(),
        "metadata": {"kernelspec": {"name": "rust", "display_name": "Rust", "language": "rust"}},
        "nbformat": 4, "nbformat_minor": 5
    });
    let path = dir.join(format!("{name}.ipynb"));
    std::fs::write(&path, serde_json::to_string_pretty(&nb).unwrap()).unwrap();
    path
}

/// Indices of the notebook's code cells tagged `parameters`, in order.
pub fn parameter_cells(notebook: &Path) -> Vec<usize> {
    let nb: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(notebook).unwrap()).unwrap();
    let cells = nb["cells"].as_array().expect("a notebook");
    let tagged =
        |c: &serde_json::Value| c["metadata"]["tags"].as_array().is_some_and(|t| t.iter().any(|s| s == "parameters"));
    (0..cells.len()).filter(|&i| tagged(&cells[i])).collect()
}

/// The lessons whose overrides are checked by [`checks::parameters_reach_their_cells`]
/// (every lesson, once each has been rewritten so that its cells read their
/// example's parameters).
pub const PARAMETERS_CHECKED: &[&str] = &[
    "start-here",
    "day03-backprop-core",
    "day10-backprop-basics",
    "backprop-from-scratch",
    "backprop-deep-dive",
    "day03-theory-guide",
    "capstone-digits",
];

/// Runs a lesson with one new source per `parameters` cell (in order) and
/// checks what every lesson must pass: no error, panic or stderr; every cell
/// ran; the stored outputs equal a fresh run; a second run prints the same; the
/// manifest's number of plots is drawn, in the notebook and in its HTML export;
/// each override changes every parameter of its cell, and every cell of that
/// example that prints numbers prints other numbers
/// ([`checks::parameters_reach_their_cells`]).
///
/// # Panics
/// On any of those problems, naming the cells.
#[track_caller]
pub fn run_lesson(stem: &str, new_parameters: &[&str]) -> Report {
    let notebook = root().join("notebooks").join(format!("{stem}.ipynb"));
    let cells = parameter_cells(&notebook);
    assert_eq!(cells.len(), new_parameters.len(), "{stem}: one override per parameters cell");
    let overrides: Vec<(usize, String)> =
        cells.into_iter().zip(new_parameters).map(|(c, s)| (c, s.to_string())).collect();
    let report = execute(&notebook, &overrides);
    let code_cells = report.stored.len();
    let fresh = checks::problems(&report.fresh, code_cells);
    assert!(fresh.is_empty(), "fresh run of {stem}:\n{}", fresh.join("\n"));
    let again = checks::problems(&report.rerun, code_cells);
    assert!(again.is_empty(), "re-run of {stem}:\n{}", again.join("\n"));
    for (k, o) in report.overrides.iter().enumerate() {
        let p = checks::problems(&o.cells, o.cells.0.len());
        assert!(p.is_empty(), "override {k} of {stem}:\n{}", p.join("\n"));
    }
    if PARAMETERS_CHECKED.contains(&stem) {
        let reach = checks::parameters_reach_their_cells(&report, &overrides);
        assert!(reach.is_empty(), "{stem}: parameters that do not reach their cells:\n{}", reach.join("\n"));
    }
    let stale = checks::stale(&report);
    assert!(
        stale.is_empty(),
        "stored outputs are stale (run `bash scripts/lessons.sh --store`):\n{}",
        stale.join("\n")
    );
    let unstable = checks::unstable(&report);
    assert!(unstable.is_empty(), "a second run printed something else:\n{}", unstable.join("\n"));
    let plots = lesson(stem).plots;
    assert_eq!(report.fresh.plots().len(), plots, "{stem} must draw the manifest's {plots} plots");
    let html = std::fs::read_to_string(root().join(format!("target/nbtest/{stem}.html"))).unwrap();
    assert!(html.matches("<polyline").count() >= plots, "the HTML export of {stem} lost its plots");
    eprintln!(
        "{stem}: first output after {:.1} s; median cell re-run {:.2} s",
        report.first_output_seconds.unwrap_or(f64::NAN),
        checks::median_seconds(&report.rerun.0)
    );
    report
}

/// Something that holds printed `name = value` numbers: a whole run (the name
/// must be printed by one cell only) or one cell.
pub trait Printed {
    /// The numbers printed under `name`.
    fn printed(&self, name: &str) -> Vec<f64>;
}

impl Printed for report::Run {
    #[track_caller]
    fn printed(&self, name: &str) -> Vec<f64> {
        self.value(name)
    }
}

impl Printed for report::CellRun {
    #[track_caller]
    fn printed(&self, name: &str) -> Vec<f64> {
        let values = self.values();
        values.get(name).cloned().unwrap_or_else(|| {
            panic!("cell {} never printed `{name} = …`; it printed {:?}", self.index, values.keys().collect::<Vec<_>>())
        })
    }
}

/// Asserts that `name` was printed with these numbers, to the precision printed:
/// the course prints six significant digits, so each number may differ from
/// the expected one by half a unit in its sixth digit, or by `rtol` relative to
/// the expected value if that is larger (absolute 1e-14 in any case). A failure
/// names the first mismatches and the largest difference.
#[track_caller]
pub fn expect(printed: &impl Printed, name: &str, expected: &[f64], rtol: f64) {
    // Half a unit in the sixth digit, and a hair more: a value that lies exactly on
    // a rounding boundary may print either way.
    let six_digits = |p: f64| if p == 0.0 { 0.0 } else { 0.5e-5 * 10f64.powf(p.abs().log10().floor()) * (1.0 + 1e-6) };
    check(name, &printed.printed(name), expected, |p, e| (rtol * e.abs()).max(1e-14).max(six_digits(p)));
}

/// Asserts that `name` was printed with these numbers rounded to `decimals`
/// places, as the source lessons print with `:.4f` or `:.6f`.
#[track_caller]
pub fn expect_fixed(printed: &impl Printed, name: &str, expected: &[f64], decimals: i32) {
    check(name, &printed.printed(name), expected, |_, _| 0.5 * 10f64.powi(-decimals) * (1.0 + 1e-6));
}

/// Compares printed numbers `got` with `expected`, each within `tolerance(got, expected)`.
#[track_caller]
fn check(name: &str, got: &[f64], expected: &[f64], tolerance: impl Fn(f64, f64) -> f64) {
    assert_eq!(got.len(), expected.len(), "`{name}`: printed {got:?}, expected {expected:?}");
    let diffs: Vec<(usize, f64, f64, f64)> =
        got.iter().zip(expected).enumerate().map(|(i, (&g, &e))| (i, g, e, (g - e).abs())).collect();
    let bad: Vec<_> = diffs.iter().filter(|d| d.3.is_nan() || d.3 > tolerance(d.1, d.2)).collect();
    let largest = diffs.iter().map(|d| d.3).fold(0.0, f64::max);
    let first: Vec<String> =
        bad.iter().take(5).map(|d| format!("[{}] printed {}, expected {}", d.0, d.1, d.2)).collect();
    assert!(
        bad.is_empty(),
        "`{name}`: {} mismatch(es), largest difference {largest:e}:\n  {}",
        bad.len(),
        first.join("\n  ")
    );
}

/// Asserts that the cell holding `marker` fails to compile on purpose, for the
/// learner to fix: it is tagged `raises-exception` and its error output contains
/// the compiler's `message`.
#[track_caller]
pub fn expect_compile_error(run: &report::Run, marker: &str, message: &str) {
    let cell = run.cell(marker);
    assert!(cell.tags.iter().any(|t| t == checks::RAISES), "`{marker}` is tagged `{}`", checks::RAISES);
    assert!(
        cell.outputs
            .iter()
            .any(|o| o.output_type == "error" && o.evalue.as_deref().is_some_and(|e| e.contains(message))),
        "`{marker}` shows `{message}`: {:?}",
        cell.outputs
    );
}

/// Asserts what each exercise check of a run printed: `(exercise, verdict)`
/// pairs such as `("Exercise 1.1", "not attempted yet")` or `("Exercise 1.4", "not yet")`.
#[track_caller]
pub fn expect_exercises(run: &report::Run, expected: &[(&str, &str)]) {
    let text = run.text();
    for (exercise, verdict) in expected {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{exercise}: ")))
            .unwrap_or_else(|| panic!("no check printed a verdict for {exercise}:\n{text}"));
        assert!(line.starts_with(&format!("{exercise}: {verdict}")), "{exercise}: expected `{verdict}`, got `{line}`");
    }
}
