//! The runner's report (`scripts/nbrun.py --report`), read into typed structs,
//! and the numbers a lesson printed, looked up cell by cell.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One output of a cell, as a reader sees it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Output {
    /// `stream`, `execute_result`, `display_data` or `error`.
    pub output_type: String,
    /// `stdout` or `stderr`, for a stream.
    pub name: Option<String>,
    /// A stream's text.
    pub text: Option<String>,
    /// Rich data by MIME type (`text/plain`, `text/html`, `image/svg+xml`).
    pub data: Option<BTreeMap<String, String>>,
    /// An error's name.
    pub ename: Option<String>,
    /// An error's message.
    pub evalue: Option<String>,
}

impl Output {
    /// What a plain-text reader sees: the stream text or the `text/plain` data.
    pub fn plain(&self) -> Option<&str> {
        self.text.as_deref().or_else(|| self.data.as_ref()?.get("text/plain").map(String::as_str))
    }

    /// The `text/html` data, if any.
    pub fn html(&self) -> Option<&str> {
        self.data.as_ref()?.get("text/html").map(String::as_str)
    }

    /// The `image/svg+xml` data (a drawing), if any.
    pub fn svg(&self) -> Option<&str> {
        self.data.as_ref()?.get("image/svg+xml").map(String::as_str)
    }

    /// True for a stream written to stderr.
    pub fn is_stderr(&self) -> bool {
        self.name.as_deref() == Some("stderr")
    }
}

/// One executed code cell.
#[derive(Clone, Debug, Deserialize)]
pub struct CellRun {
    /// Index of the cell in the notebook (markdown cells count too).
    pub index: usize,
    /// The source that ran.
    pub source: String,
    /// The cell's tags (e.g. `parameters`).
    pub tags: Vec<String>,
    /// The execution count the kernel reported (`None`: it did not run).
    pub execution_count: Option<u64>,
    /// The outputs, in order.
    pub outputs: Vec<Output>,
    /// Stream messages that arrived after the cell finished (attached to it).
    pub late_outputs: usize,
    /// Wall-clock seconds the cell took.
    pub seconds: f64,
    /// A timeout or dead kernel, if any.
    pub error: Option<String>,
}

impl CellRun {
    /// Everything the cell shows as plain text, joined.
    pub fn text(&self) -> String {
        self.outputs.iter().filter_map(Output::plain).collect::<Vec<_>>().join("\n")
    }

    /// The `name = value` numbers this cell printed (see [`parse_pairs`]); a
    /// figure's one-line text summary (`[figure: …]`) holds none.
    ///
    /// # Panics
    /// If the cell printed one name twice with different numbers.
    #[track_caller]
    pub fn values(&self) -> BTreeMap<String, Vec<f64>> {
        let mut map: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        let lines = self.text();
        for (name, nums) in lines.lines().filter(|l| !l.starts_with("[figure:")).flat_map(parse_pairs) {
            if let Some(old) = map.insert(name.clone(), nums.clone()) {
                assert_eq!(old, nums, "cell {} printed `{name}` twice with different values", self.index);
            }
        }
        map
    }
}

/// The cells of one run, top to bottom.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct Run(pub Vec<CellRun>);

impl Run {
    /// The code cells of a notebook file with their stored outputs (for an
    /// executed notebook that the runner saved).
    ///
    /// # Panics
    /// If the file is not a notebook.
    #[track_caller]
    pub fn from_notebook(path: &std::path::Path) -> Run {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let nb: serde_json::Value = serde_json::from_str(&text).expect("a notebook");
        let cells = nb["cells"].as_array().expect("a notebook has cells");
        let code = (0..cells.len()).filter(|&i| cells[i]["cell_type"] == "code");
        Run(code
            .map(|i| {
                let c = &cells[i];
                let outputs = c["outputs"].as_array().into_iter().flatten().map(|o| Output {
                    output_type: o["output_type"].as_str().unwrap_or("").into(),
                    name: o["name"].as_str().map(String::from),
                    text: o.get("text").map(joined),
                    data: o["data"].as_object().map(|d| d.iter().map(|(k, v)| (k.clone(), joined(v))).collect()),
                    ename: None,
                    evalue: None,
                });
                CellRun {
                    index: i,
                    source: joined(&c["source"]),
                    tags: c["metadata"]["tags"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|t| t.as_str().map(String::from))
                        .collect(),
                    execution_count: c["execution_count"].as_u64(),
                    outputs: outputs.collect(),
                    late_outputs: 0,
                    seconds: 0.0,
                    error: None,
                }
            })
            .collect())
    }

    /// The one cell whose source contains `marker`.
    ///
    /// # Panics
    /// If no cell, or more than one, contains it.
    #[track_caller]
    pub fn cell(&self, marker: &str) -> &CellRun {
        let found: Vec<&CellRun> = self.0.iter().filter(|c| c.source.contains(marker)).collect();
        match found[..] {
            [one] => one,
            [] => panic!("no cell contains `{marker}`"),
            _ => panic!(
                "{} cells contain `{marker}`: {:?}",
                found.len(),
                found.iter().map(|c| c.index).collect::<Vec<_>>()
            ),
        }
    }

    /// Everything the run shows as plain text.
    pub fn text(&self) -> String {
        self.0.iter().map(CellRun::text).collect::<Vec<_>>().join("\n")
    }

    /// The numbers printed under `name`, in whichever cell printed them.
    ///
    /// # Panics
    /// If no cell printed `name`, or two cells printed it (look it up with
    /// [`Run::cell`] then: a name printed twice must not hide one of its values).
    #[track_caller]
    pub fn value(&self, name: &str) -> Vec<f64> {
        let hits: Vec<(usize, Vec<f64>)> =
            self.0.iter().filter_map(|c| c.values().remove(name).map(|v| (c.index, v))).collect();
        match &hits[..] {
            [(_, v)] => v.clone(),
            [] => panic!("no cell printed `{name} = …`"),
            _ => panic!(
                "`{name}` is printed by cells {:?}; look it up in one cell with run.cell(marker).values()",
                hits.iter().map(|h| h.0).collect::<Vec<_>>()
            ),
        }
    }

    /// Whether any cell printed `name`.
    pub fn prints(&self, name: &str) -> bool {
        self.0.iter().any(|c| c.values().contains_key(name))
    }

    /// The drawings (`image/svg+xml` outputs) that hold a drawn plot (at least one line).
    pub fn plots(&self) -> Vec<&str> {
        self.0
            .iter()
            .flat_map(|c| &c.outputs)
            .filter_map(Output::svg)
            .filter(|h| h.contains("<svg") && h.contains("<polyline"))
            .collect()
    }
}

/// The cells run after one `parameters` cell was replaced.
#[derive(Clone, Debug, Deserialize)]
pub struct Override {
    /// The index of the replaced cell.
    pub cell: usize,
    /// That cell and every code cell below it.
    pub cells: Run,
}

/// What `nbrun.py` reported for one notebook.
#[derive(Clone, Debug, Deserialize)]
pub struct Report {
    /// The notebook's path.
    pub notebook: PathBuf,
    /// The outputs stored in the notebook, by cell index.
    pub stored: BTreeMap<usize, Vec<Output>>,
    /// Seconds from asking for a kernel to its being ready.
    pub kernel_start_seconds: f64,
    /// Seconds from asking for a kernel to the first cell output.
    pub first_output_seconds: Option<f64>,
    /// Every code cell, top to bottom, on a fresh kernel.
    pub fresh: Run,
    /// Every code cell run a second time in the same kernel.
    #[serde(default)]
    pub rerun: Run,
    /// One run per override, in order.
    #[serde(default)]
    pub overrides: Vec<Override>,
}

/// The `name = value` pairs of one line. A value is a number or a nested
/// bracketed list of numbers (`true` and `false` read as 1 and 0). A line may hold several pairs separated by `, `
/// and may start with a `prefix: `, which is put in front of each name:
/// `epoch 2: loss = 0.12, b = 0.02` gives `epoch 2 loss` and `epoch 2 b`.
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
        let end = if after.starts_with('[') { closing_bracket(after) } else { after.find(", ").unwrap_or(after.len()) };
        let nums: Option<Vec<f64>> = after[..end]
            .split(['[', ']', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| match s {
                "true" => Some(1.0),
                "false" => Some(0.0),
                s => s.parse::<f64>().ok(),
            })
            .collect();
        if let Some(nums) = nums.filter(|n| !n.is_empty()) {
            pairs.push((format!("{prefix}{name}"), nums));
        }
        rest = after[end..].trim_start_matches(", ");
    }
    pairs
}

/// The position just after the `]` that closes the list `s` starts with.
fn closing_bracket(s: &str) -> usize {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        depth += match c {
            '[' => 1,
            ']' => -1,
            _ => 0,
        };
        if depth == 0 {
            return i + 1;
        }
    }
    s.len()
}

/// A notebook field stored as one string or as a list of lines (a cell's
/// `source`, an output's `text`), as one string.
pub fn joined(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Array(parts) => parts.iter().filter_map(|p| p.as_str()).collect(),
        other => other.as_str().unwrap_or("").to_string(),
    }
}
