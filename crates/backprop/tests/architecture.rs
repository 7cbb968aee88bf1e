//! The crate's shape, checked from its source: no module imports a module that
//! imports it back (directly or through others), and `show` computes nothing
//! (it draws what it is given: no forward, backward, predict or loss call).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every `.rs` file under `dir`, with its path relative to `src/`.
fn sources(dir: &Path, src: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(&path, src, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(src).expect("under src").to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&path).expect("a source file")));
        }
    }
}

fn crate_sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    sources(&src, &src, &mut out);
    out.sort();
    out
}

/// The top-level module a file belongs to (`lib` for lib.rs).
fn top(file: &str) -> String {
    file.split('/').next().unwrap_or(file).trim_end_matches(".rs").to_string()
}

/// The source without its `#[cfg(test)]` module and comments: what the crate compiles.
fn code(text: &str) -> String {
    let body = text.split("#[cfg(test)]").next().unwrap_or(text);
    body.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Which top-level modules each top-level module uses, by `crate::name` paths.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = crate_sources();
    let modules: BTreeSet<String> = files.iter().map(|(f, _)| top(f)).filter(|m| m != "lib").collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in &files {
        let from = top(file);
        let uses = graph.entry(from.clone()).or_default();
        let code = code(text);
        for to in &modules {
            if *to != from && code.contains(&format!("crate::{to}")) {
                uses.insert(to.clone());
            }
        }
    }
    graph
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let graph = module_graph();
    // Depth-first search for a path from each module back to itself.
    for start in graph.keys().filter(|m| *m != "lib") {
        let mut stack: Vec<Vec<String>> = vec![vec![start.clone()]];
        while let Some(path) = stack.pop() {
            let last = path.last().expect("a path");
            for next in graph.get(last).into_iter().flatten().filter(|m| *m != "lib") {
                assert!(
                    next != start,
                    "an import cycle: {} -> {next}\nthe module graph: {graph:#?}",
                    path.join(" -> ")
                );
                if !path.contains(next) {
                    stack.push(path.iter().cloned().chain([next.clone()]).collect());
                }
            }
        }
    }
    assert!(graph["show"].len() >= 2 && !graph["show"].contains("views"), "{graph:#?}");
}

#[test]
fn show_draws_what_it_is_given() {
    let computing =
        [".forward(", ".backward(", ".predict(", "forward_backward(", ".loss(", "layer_grad_norms(", ".fit("];
    let mut found = Vec::new();
    for (file, text) in crate_sources().iter().filter(|(f, _)| f.starts_with("show/")) {
        for (n, line) in code(text).lines().enumerate() {
            for call in computing.iter().filter(|c| line.contains(*c)) {
                found.push(format!("{file}:{}: {call} in `{}`", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "show computes (move it to views/): {found:#?}");
}
