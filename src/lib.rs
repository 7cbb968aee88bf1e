//! Test harness for the course notebooks (used by `tests/notebooks.rs`).
//!
//! A lesson is executed for real: `scripts/nbrun.py` drives the evcxr kernel
//! through nbclient and writes a JSON report; this module reads it and checks
//! what a learner would notice — errors, panics, stale stored outputs, missing
//! plots — and extracts the `name = value` lines the lessons print.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One executed code cell: its index in the notebook, source, tags and outputs.
#[derive(Clone, Debug)]
pub struct CellRun {
    /// Index of the cell in the notebook (markdown cells count too).
    pub index: usize,
    /// The source that ran.
    pub source: String,
    /// The cell's tags (e.g. `parameters`).
    pub tags: Vec<String>,
    /// The outputs, normalised (see [`normalise_output`]).
    pub outputs: Vec<Value>,
    /// Wall-clock seconds the cell took.
    pub seconds: f64,
    /// A timeout or dead kernel, if any.
    pub error: Option<String>,
    /// The execution count the kernel reported.
    pub execution_count: Option<u64>,
}

/// What `nbrun.py` reported for one notebook.
#[derive(Clone, Debug)]
pub struct Report {
    /// The notebook's path.
    pub notebook: PathBuf,
    /// Every code cell, top to bottom, on a fresh kernel.
    pub fresh: Vec<CellRun>,
    /// Every code cell run a second time in the same kernel.
    pub rerun: Vec<CellRun>,
    /// For each override: the cells from the overridden one down.
    pub overrides: Vec<Vec<CellRun>>,
    /// Seconds from asking for a kernel to the first cell output.
    pub first_output_seconds: f64,
    /// The raw JSON report.
    pub raw: Value,
}

/// Joins nbformat's list-of-lines strings and keeps only what a reader sees:
/// output type, stream name, text, rich data and execution count.
pub fn normalise_output(o: &Value) -> Value {
    fn join(v: &Value) -> Value {
        match v {
            Value::Array(parts) => Value::String(parts.iter().filter_map(Value::as_str).collect()),
            other => other.clone(),
        }
    }
    let mut out = serde_json::Map::new();
    for key in ["output_type", "name", "ename", "evalue", "execution_count"] {
        if let Some(v) = o.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    if let Some(t) = o.get("text") {
        out.insert("text".into(), join(t));
    }
    if let Some(Value::Object(data)) = o.get("data") {
        let data: serde_json::Map<String, Value> = data.iter().map(|(k, v)| (k.clone(), join(v))).collect();
        out.insert("data".into(), Value::Object(data));
    }
    Value::Object(out)
}

fn cells(v: &Value) -> Vec<CellRun> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|c| CellRun {
                    index: c["index"].as_u64().unwrap_or(0) as usize,
                    source: c["source"].as_str().unwrap_or("").to_string(),
                    tags: c["tags"]
                        .as_array()
                        .map(|t| t.iter().filter_map(|s| s.as_str().map(String::from)).collect())
                        .unwrap_or_default(),
                    outputs: c["outputs"]
                        .as_array()
                        .map(|o| o.iter().map(normalise_output).collect())
                        .unwrap_or_default(),
                    seconds: c["seconds"].as_f64().unwrap_or(f64::NAN),
                    error: c["error"].as_str().map(String::from),
                    execution_count: c["execution_count"].as_u64(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a notebook file as JSON.
pub fn read_notebook(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

/// Indices of the code cells tagged `parameters`, in order.
pub fn parameter_cells(nb: &Value) -> Vec<usize> {
    nb["cells"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, c)| c["metadata"]["tags"].as_array().is_some_and(|t| t.iter().any(|s| s == "parameters")))
        .map(|(i, _)| i)
        .collect()
}

/// Executes `notebook` (relative to the repository root) on the evcxr kernel:
/// a fresh run, a re-run of every cell, and one run per `(cell, new source)` override.
/// Also exports the fresh run as HTML to `target/nbtest/NAME.html`.
///
/// # Panics
/// If the project virtualenv is missing or the runner itself fails to start.
pub fn execute(notebook: &str, overrides: &[(usize, String)]) -> Report {
    let root = root();
    let python = root.join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `bash scripts/test.sh`, which sets up the kernel and the virtualenv first",
        python.display()
    );
    let stem = Path::new(notebook).file_stem().unwrap().to_string_lossy().to_string();
    let work = root.join("target/nbtest").join(&stem);
    std::fs::create_dir_all(&work).unwrap();
    let report_path = work.join("report.json");
    let _ = std::fs::remove_file(&report_path);
    let mut cmd = Command::new(&python);
    cmd.arg(root.join("scripts/nbrun.py"))
        .arg(root.join(notebook))
        .arg("--rerun")
        .arg("--report")
        .arg(&report_path)
        .arg("--html")
        .arg(root.join("target/nbtest").join(format!("{stem}.html")))
        .arg("--timeout")
        .arg(std::env::var("CELL_TIMEOUT").unwrap_or_else(|_| "300".into()));
    for (k, (cell, source)) in overrides.iter().enumerate() {
        let f = work.join(format!("override-{k}.rs"));
        std::fs::write(&f, source).unwrap();
        cmd.arg("--override").arg(format!("{cell}={}", f.display()));
    }
    // A warm build directory for the kernel (see `--warm` in nbrun.py).
    cmd.arg("--warm");
    let status = cmd.status().expect("could not start scripts/nbrun.py");
    let text = std::fs::read_to_string(&report_path)
        .unwrap_or_else(|_| panic!("nbrun.py wrote no report for {notebook} (exit status {status})"));
    let raw: Value = serde_json::from_str(&text).unwrap();
    Report {
        notebook: root.join(notebook),
        fresh: cells(&raw["fresh"]),
        rerun: cells(&raw["rerun"]),
        overrides: raw["overrides"].as_array().into_iter().flatten().map(|o| cells(&o["cells"])).collect(),
        first_output_seconds: raw["first_output_seconds"].as_f64().unwrap_or(f64::NAN),
        raw,
    }
}

/// Every piece of text a cell shows: stream text and `text/plain` results.
pub fn texts(runs: &[CellRun]) -> Vec<String> {
    let mut out = Vec::new();
    for r in runs {
        for o in &r.outputs {
            if let Some(t) = o["text"].as_str() {
                out.push(t.to_string());
            }
            if let Some(t) = o["data"]["text/plain"].as_str() {
                out.push(t.to_string());
            }
        }
    }
    out
}

/// Parses every `name = value` pair printed, into name → flattened numbers
/// (the last one wins). A value is a number or a nested bracketed list of
/// numbers. A line may hold several pairs separated by `, ` and may start with a
/// `prefix: `, which is put in front of each name: `epoch 2: loss = 0.12, b = 0.02`
/// gives `epoch 2 loss` and `epoch 2 b`.
pub fn values(runs: &[CellRun]) -> BTreeMap<String, Vec<f64>> {
    let mut map = BTreeMap::new();
    for text in texts(runs) {
        for line in text.lines() {
            for (name, nums) in parse_pairs(line) {
                map.insert(name, nums);
            }
        }
    }
    map
}

/// The values printed by the first cell whose source contains `marker`.
///
/// # Panics
/// If no cell's source contains `marker`.
#[track_caller]
pub fn cell_values(runs: &[CellRun], marker: &str) -> BTreeMap<String, Vec<f64>> {
    let cell = runs.iter().find(|r| r.source.contains(marker)).unwrap_or_else(|| panic!("no cell contains `{marker}`"));
    values(std::slice::from_ref(cell))
}

/// The `name = value` pairs of one line (see [`values`]).
pub fn parse_pairs(line: &str) -> Vec<(String, Vec<f64>)> {
    let Some(first_eq) = line.find(" = ") else { return Vec::new() };
    let (prefix, mut rest) = match line[..first_eq].rfind(": ") {
        Some(colon) => (format!("{} ", line[..colon].trim()), &line[colon + 2..]),
        None => (String::new(), line),
    };
    let mut pairs = Vec::new();
    while let Some(eq) = rest.find(" = ") {
        let name = rest[..eq].trim();
        let after = &rest[eq + 3..];
        // The value runs to the matching `]` of a list, or to the next ", ".
        let end = if after.starts_with('[') {
            let mut depth = 0;
            after
                .char_indices()
                .find_map(|(i, c)| {
                    depth += match c {
                        '[' => 1,
                        ']' => -1,
                        _ => 0,
                    };
                    (depth == 0).then_some(i + 1)
                })
                .unwrap_or(after.len())
        } else {
            after.find(", ").unwrap_or(after.len())
        };
        let nums: Option<Vec<f64>> = after[..end]
            .split(|c: char| c == '[' || c == ']' || c == ',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<f64>().ok())
            .collect();
        if let Some(nums) = nums.filter(|n| !n.is_empty()) {
            pairs.push((format!("{prefix}{name}"), nums));
        }
        rest = after[end..].trim_start_matches(", ");
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::parse_pairs;

    #[test]
    fn parses_single_and_several_pairs() {
        assert_eq!(parse_pairs("L = 0.5"), vec![("L".to_string(), vec![0.5])]);
        assert_eq!(
            parse_pairs("epoch 2: loss = 0.12, w = [0.02, 0], b = -0.5"),
            vec![
                ("epoch 2 loss".to_string(), vec![0.12]),
                ("epoch 2 w".to_string(), vec![0.02, 0.0]),
                ("epoch 2 b".to_string(), vec![-0.5])
            ]
        );
        assert_eq!(parse_pairs("W1 = [[1, 2], [3, -0]]")[0].1, vec![1.0, 2.0, 3.0, -0.0]);
        assert!(parse_pairs("no pairs here").is_empty());
        assert!(parse_pairs("x = not a number").is_empty());
    }
}

/// The HTML outputs that hold a drawn plot (an `<svg>` with at least one line).
pub fn plots(runs: &[CellRun]) -> Vec<String> {
    runs.iter()
        .flat_map(|r| r.outputs.iter())
        .filter_map(|o| o["data"]["text/html"].as_str())
        .filter(|h| h.contains("<svg") && h.contains("<polyline"))
        .map(String::from)
        .collect()
}

/// Problems a learner would see in a run: errors, panics and other stderr
/// output, timeouts, cells that did not run.
pub fn problems(runs: &[CellRun], expected_cells: usize) -> Vec<String> {
    let mut p = Vec::new();
    if runs.len() != expected_cells {
        p.push(format!("{} of {expected_cells} code cells ran", runs.len()));
    }
    for r in runs {
        if let Some(e) = &r.error {
            p.push(format!("cell {}: {e}", r.index));
        }
        if r.execution_count.is_none() {
            p.push(format!("cell {} did not run (no execution count)", r.index));
        }
        for o in &r.outputs {
            match (o["output_type"].as_str(), o["name"].as_str()) {
                (Some("error"), _) => p.push(format!("cell {}: error output {} {}", r.index, o["ename"], o["evalue"])),
                (_, Some("stderr")) => {
                    p.push(format!("cell {}: stderr: {}", r.index, o["text"].as_str().unwrap_or("")))
                }
                _ => {}
            }
        }
    }
    p
}

/// The stored outputs of every code cell of a committed notebook, normalised.
pub fn stored_outputs(nb: &Value) -> BTreeMap<usize, Vec<Value>> {
    nb["cells"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, c)| c["cell_type"] == "code")
        .map(|(i, c)| {
            (i, c["outputs"].as_array().map(|o| o.iter().map(normalise_output).collect()).unwrap_or_default())
        })
        .collect()
}

/// Cells whose outputs differ between two runs (or a run and the stored notebook).
pub fn differing_cells(a: &BTreeMap<usize, Vec<Value>>, runs: &[CellRun]) -> Vec<String> {
    let mut diffs = Vec::new();
    for r in runs {
        let stored = a.get(&r.index).cloned().unwrap_or_default();
        let strip = |v: &[Value]| -> Vec<Value> {
            v.iter()
                .map(|o| {
                    let mut o = o.clone();
                    if let Some(m) = o.as_object_mut() {
                        m.remove("execution_count");
                    }
                    o
                })
                .collect()
        };
        if strip(&stored) != strip(&r.outputs) {
            let (a, b) = (Value::Array(stored).to_string(), Value::Array(r.outputs.clone()).to_string());
            let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            diffs.push(format!(
                "cell {} differs at character {at}:\n  stored: …{}\n  fresh:  …{}",
                r.index,
                around(&a, at),
                around(&b, at)
            ));
        }
    }
    diffs
}

/// Up to 80 characters before and 160 after character `at`.
fn around(s: &str, at: usize) -> String {
    s.chars().skip(at.saturating_sub(80)).take(240).collect()
}

/// Runs as a map from cell index to outputs.
pub fn by_index(runs: &[CellRun]) -> BTreeMap<usize, Vec<Value>> {
    runs.iter().map(|r| (r.index, r.outputs.clone())).collect()
}

/// The median of some durations.
pub fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    if xs.is_empty() {
        f64::NAN
    } else {
        xs[xs.len() / 2]
    }
}
