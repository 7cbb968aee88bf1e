//! What a learner would notice in a run: errors, panics, stray stderr,
//! timeouts, cells that did not run, stale stored outputs, output that changes
//! on a second run.

use super::report::{CellRun, Output, Report, Run};

/// Problems in a run: errors, panics (on stderr, or on stdout through the
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
        for o in &c.outputs {
            if o.output_type == "error" {
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
