//! What a learner would notice in a run: errors, panics, stray stderr,
//! timeouts, cells that did not run, stale stored outputs, output that changes
//! on a second run.

use super::report::{CellRun, Output, Report, Run};

/// The tag of a cell that shows an error on purpose (a lesson's one example of
/// a compiler message): its error output is expected, and required.
pub const RAISES: &str = "raises-exception";

/// Problems in a run: errors (except the expected one of a cell tagged
/// [`RAISES`], which must show one), panics (on stderr, or on stdout through the
/// crate's panic hook), other stderr output, timeouts, cells that did not run.
pub fn problems(run: &Run, expected_cells: usize) -> Vec<String> {
    let mut p = Vec::new();
    if run.0.len() != expected_cells {
        p.push(format!("{} of {expected_cells} code cells ran", run.0.len()));
    }
    for c in &run.0 {
        if let Some(e) = &c.error {
            p.push(format!("cell {}: {e}", c.index));
        }
        if c.execution_count.is_none() {
            p.push(format!("cell {} did not run (no execution count)", c.index));
        }
        // A cell tagged `raises-exception` (as nbclient and JupyterLab read the tag) shows a
        // compile error on purpose: it must show one, and nothing else may go wrong in it.
        let raises = c.tags.iter().any(|t| t == RAISES);
        if raises && !c.outputs.iter().any(|o| o.output_type == "error") {
            p.push(format!("cell {} is tagged `{RAISES}` but showed no error", c.index));
        }
        for o in &c.outputs {
            if o.output_type == "error" && !raises {
                p.push(format!("cell {}: error output {:?} {:?}", c.index, o.ename, o.evalue));
            } else if o.is_stderr() {
                p.push(format!("cell {}: stderr: {}", c.index, o.plain().unwrap_or("")));
            }
        }
        let text = c.text();
        if text.lines().any(|l| l.starts_with("panicked")) {
            p.push(format!("cell {}: panic: {text}", c.index));
        }
        p.extend(unreadable_numbers(&text).into_iter().map(|n| format!("cell {}: hard-to-read number {n}", c.index)));
    }
    p
}

/// Numbers a learner should not have to read: positional notation with more
/// than 6 zeros after the point (`0.0000000197…`), or a bare `-0`.
pub fn unreadable_numbers(text: &str) -> Vec<String> {
    let is_num = |c: char| c.is_ascii_digit() || c == '.';
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts = is_num(chars[i])
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '.' || chars[i - 1] == '_'));
        if !starts {
            i += 1;
            continue;
        }
        let end = (i..chars.len()).find(|&j| !is_num(chars[j])).unwrap_or(chars.len());
        let token: String = chars[i..end].iter().collect();
        let negative = i > 0 && chars[i - 1] == '-';
        let exponent = end < chars.len() && matches!(chars[end], 'e' | 'E');
        let zeros = token.split_once('.').map_or(0, |(_, frac)| frac.chars().take_while(|&c| c == '0').count());
        if !exponent && token.starts_with('0') && zeros > 6 {
            found.push(format!("{}{token}", if negative { "-" } else { "" }));
        } else if negative && !exponent && token.parse::<f64>() == Ok(0.0) {
            found.push(format!("-{token}"));
        }
        i = end;
    }
    found
}

/// Outputs without execution counts, for comparing two runs of one cell.
fn same(a: &[Output], b: &[Output]) -> bool {
    a == b
}

/// Where two output lists first differ, with some context on either side.
fn first_difference(index: usize, a: &[Output], b: &[Output]) -> String {
    let (a, b) = (format!("{a:?}"), format!("{b:?}"));
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let around = |s: &str| s.chars().skip(at.saturating_sub(80)).take(240).collect::<String>();
    format!("cell {index} differs at character {at}:\n  first:  …{}\n  second: …{}", around(&a), around(&b))
}

/// Cells whose stored outputs differ from what the fresh run printed.
pub fn stale(report: &Report) -> Vec<String> {
    let none = Vec::new();
    report
        .fresh
        .0
        .iter()
        .filter_map(|c| {
            let stored = report.stored.get(&c.index).unwrap_or(&none);
            (!same(stored, &c.outputs)).then(|| first_difference(c.index, stored, &c.outputs))
        })
        .collect()
}

/// Cells whose second run printed something else than the first.
pub fn unstable(report: &Report) -> Vec<String> {
    report
        .fresh
        .0
        .iter()
        .zip(&report.rerun.0)
        .filter(|(a, b)| !same(&a.outputs, &b.outputs))
        .map(|(a, b)| first_difference(a.index, &a.outputs, &b.outputs))
        .collect()
}

/// The median of the cells' durations.
pub fn median_seconds(cells: &[CellRun]) -> f64 {
    let mut xs: Vec<f64> = cells.iter().map(|c| c.seconds).collect();
    xs.sort_by(|a, b| a.total_cmp(b));
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The names a `parameters` cell defines with `let`, each with the text of its value.
pub fn parameters_of(source: &str) -> Vec<(String, String)> {
    source
        .lines()
        .filter_map(|line| {
            let rest = line.trim_start().strip_prefix("let ")?;
            let rest = rest.strip_prefix("mut ").unwrap_or(rest);
            let (name, value) = rest.split_once('=')?;
            let name = name.split(':').next()?.trim().to_string();
            let value = value.split("//").next()?.trim().trim_end_matches(';').trim().to_string();
            Some((name, value))
        })
        .collect()
}

/// Whether a cell's output holds a number that a parameter could have changed:
/// a number with a decimal point or an exponent, or a whole number outside an
/// exercise's name ("Exercise 1.1: …" holds none).
fn prints_numbers(cell: &CellRun) -> bool {
    let text = cell.text();
    let text = text.lines().filter(|l| !l.starts_with("Exercise ")).collect::<Vec<_>>().join("\n");
    text.chars().any(|c| c.is_ascii_digit())
}

/// Problems with a lesson's parameter overrides: an override that leaves one of
/// its cell's parameters as it was, and a code cell of that example (below its
/// `parameters` cell, above the next one) that prints numbers but printed the
/// same after every parameter changed: it does not take its numbers from the
/// example's parameters. A cell that rightly does not (a general fact between
/// two examples) is tagged `not-from-parameters`; an exercise check prints no
/// numbers of the example.
pub fn parameters_reach_their_cells(report: &Report, overrides: &[(usize, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    let starts: Vec<usize> = overrides.iter().map(|(cell, _)| *cell).collect();
    for (k, ((cell, new_source), run)) in overrides.iter().zip(&report.overrides).enumerate() {
        let original = report.fresh.0.iter().find(|c| c.index == *cell).map(|c| c.source.clone()).unwrap_or_default();
        let new: std::collections::BTreeMap<String, String> = parameters_of(new_source).into_iter().collect();
        for (name, value) in parameters_of(&original) {
            match new.get(&name) {
                None => problems.push(format!("the override of cell {cell} does not set `{name}`")),
                Some(v) if *v == value => {
                    problems.push(format!("the override of cell {cell} leaves `{name}` at {value}"))
                }
                Some(_) => {}
            }
        }
        let end = starts.get(k + 1).copied().unwrap_or(usize::MAX);
        for fresh in &report.fresh.0 {
            let Some(changed) = run.cells.0.iter().find(|c| c.index == fresh.index) else { continue };
            let in_example = fresh.index > *cell && fresh.index < end;
            let exempt = fresh.tags.iter().any(|t| t == "not-from-parameters")
                || fresh.source.trim_start().starts_with("exercises::");
            if in_example && !exempt && prints_numbers(fresh) && same(&fresh.outputs, &changed.outputs) {
                problems.push(format!(
                    "cell {} printed the same numbers after every parameter of cell {cell} changed: take its numbers from that cell, or tag it `not-from-parameters`",
                    fresh.index
                ));
            }
        }
    }
    problems
}
