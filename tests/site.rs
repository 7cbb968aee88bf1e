//! The lesson manifest, the offline site built from it, and re-running a
//! lesson with other numbers from the command line.

mod harness;

use backprop::prelude::*;
use harness::report::Run;
use harness::{expect, lessons, python, root, run_script, solutions};
use std::process::Command;

#[test]
fn the_manifest_lists_every_notebook_once() {
    let mut found: Vec<String> = std::fs::read_dir(root().join("notebooks"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter_map(|n| n.strip_suffix(".ipynb").map(String::from))
        .collect();
    found.sort();
    let mut listed: Vec<String> = lessons().into_iter().map(|l| l.stem).collect();
    listed.sort();
    assert_eq!(found, listed, "notebooks/ and notebooks/lessons.json differ");
    for stem in &listed {
        assert!(root().join(format!("tests/{}.rs", stem.replace('-', "_"))).exists(), "{stem} has no test file");
    }
}

/// Builds the site from the stored lessons into `target/nbtest/NAME` (one folder per
/// test: the tests run at once) and returns its folder.
fn build_site(name: &str) -> std::path::PathBuf {
    let site = root().join("target/nbtest").join(name);
    let _ = std::fs::remove_dir_all(&site);
    let status = Command::new(python())
        .arg(root().join("scripts/build_site.py"))
        .arg(&site)
        .arg("--export-stored")
        .status()
        .expect("could not start scripts/build_site.py");
    assert!(status.success(), "build_site.py failed");
    site
}

/// The index links every lesson in the manifest's order, each with its summary,
/// and every lesson page links to the index and its neighbours.
#[test]
fn the_site_links_every_lesson_in_order() {
    let site = build_site("site-links");
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    let lessons = lessons();
    let positions: Vec<usize> = lessons
        .iter()
        .map(|l| {
            html.find(&format!("<a href=\"{}.html\">", l.stem)).unwrap_or_else(|| panic!("{} is not linked", l.stem))
        })
        .collect();
    assert!(positions.windows(2).all(|p| p[0] < p[1]), "lessons out of order: {positions:?}");
    for l in &lessons {
        assert_eq!(html.matches(&format!("<li><a href=\"{}.html\">", l.stem)).count(), 1, "{} listed once", l.stem);
        if l.stem != "start-here" {
            let solutions = format!("<a href=\"solutions/{}.html\">solutions to its exercises</a>", l.stem);
            assert!(html.contains(&solutions), "{} has no link to its solutions", l.stem);
            assert!(site.join(format!("solutions/{}.html", l.stem)).exists());
        }
    }
    for (k, l) in lessons.iter().enumerate() {
        let text = std::fs::read_to_string(root().join(format!("notebooks/{}.ipynb", l.stem))).unwrap();
        let nb: serde_json::Value = serde_json::from_str(&text).unwrap();
        let summary = nb["metadata"]["summary"].as_str().unwrap_or_else(|| panic!("{} has no summary", l.stem));
        assert!(html.contains(summary), "{}'s summary is missing from the index", l.stem);
        let page = std::fs::read_to_string(site.join(format!("{}.html", l.stem))).unwrap();
        assert!(page.contains("<a href=\"index.html\">"), "{} has no link to the index", l.stem);
        if let Some(next) = lessons.get(k + 1) {
            assert!(
                page.contains(&format!("<a href=\"{}.html\">", next.stem)),
                "{} has no link to the next lesson",
                l.stem
            );
        }
        for url in ["src=\"http", "src=\"//", "href=\"http://", "<link rel=\"stylesheet\" href=\"http", "<script"] {
            assert!(!page.contains(url), "{} loads something from outside the site or runs a script ({url}…)", l.stem);
        }
        // One way to make a page: the course's exporter, whose page carries its formulas as
        // MathML and links the notebook beside it.
        assert!(page.contains("<math ") && page.contains("@font-face"), "{} is not the course exporter's page", l.stem);
        let download = format!("<a download=\"{}.ipynb\" href=\"{}.ipynb\">", l.stem, l.stem);
        assert!(page.contains(&download), "{} does not link its notebook", l.stem);
        assert!(site.join(format!("{}.ipynb", l.stem)).exists(), "{}'s notebook is not beside its page", l.stem);
        assert!(page.contains(&format!("bash scripts/lessons.sh {}", l.stem)), "{} has no re-run command", l.stem);
        // Folded code stays folded on the page, as in JupyterLab: an answer's code under
        // "Show the answer's code", a set-up cell's under "Show the code".
        let folded = |answer: bool| {
            nb["cells"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["metadata"]["jupyter"]["source_hidden"] == true)
                .filter(|c| c["metadata"]["tags"].as_array().is_some_and(|t| t.iter().any(|t| t == "answer")) == answer)
                .count()
        };
        let answer_code = page.matches("<summary>Show the answer's code</summary>").count();
        assert_eq!(answer_code, folded(true), "{}: answer cells whose code is folded on the page", l.stem);
        let setup_code = page.matches("<summary>Show the code</summary>").count();
        assert_eq!(setup_code, folded(false), "{}: set-up cells whose code is folded on the page", l.stem);
    }
    assert!(!site.join("mathjax").exists(), "the site needs no copy of MathJax");
}

/// Every page, opened in Chromium with no network: its formulas typeset (MathML
/// made at export time, with the page's own math font), its plots drawn, nothing
/// fetched from outside (`scripts/site_check.py`).
#[test]
fn the_site_reads_offline() {
    let site = build_site("site");
    let shots = root().join("target/nbtest");
    let (ok, text) = run_script("site_check.py", &[site.as_os_str(), "--screenshot-dir".as_ref(), shots.as_os_str()]);
    assert!(ok, "the offline site check failed:\n{text}");
    assert_eq!(
        text.matches("formulas typeset").count(),
        lessons().len() + solutions().len(),
        "every lesson and solutions page: {text}"
    );
}

/// Runs `scripts/lessons.sh` with these arguments into `site`; returns (success, stdout + stderr).
fn lessons_sh(site: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out =
        Command::new("bash").arg(root().join("scripts/lessons.sh")).args(args).env("SITE_DIR", site).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// `lessons.sh STEM -p NAME VALUE` runs a lesson with those values, one in each
/// of Day 10's two parameters cells and one in Day 3 core's first, and writes
/// the page and the executed notebook; the numbers are computed here independently.
#[test]
fn a_lesson_reruns_with_other_numbers_from_the_command_line() {
    let site = root().join("target/nbtest/site-rerun");
    let _ = std::fs::remove_dir_all(&site);
    let (ok, text) = lessons_sh(&site, &["day10-backprop-basics", "-p", "x", "-1.5", "-p", "net_lr", "0.25"]);
    assert!(ok, "{text}");
    let name = "day10-backprop-basics-x=-1.5-net_lr=0.25";
    assert!(site.join(format!("{name}.html")).exists(), "no page for the re-run");
    let cells = Run::from_notebook(&site.join(format!("{name}.ipynb")));
    let injected: Vec<_> = cells.0.iter().filter(|c| c.tags.iter().any(|t| t == "injected-parameters")).collect();
    assert_eq!(injected.len(), 2, "one injected cell after each parameters cell");
    assert!(injected[0].source.contains("let x = -1.5;") && injected[1].source.contains("let net_lr = 0.25;"));
    // x = −1.5 in the neuron: z = w·x + b = 0.5·(−1.5) = −0.75, and the stored z = 1 is gone.
    let pass = cells.cell("let pass = neuron.forward(&xv);");
    expect(pass, "z", &[-0.75], 0.0);
    let (_, _, g) = Neuron::new(array![0.5], 0.0, Sigmoid).forward_backward(&array![-1.5], 1.0, Loss::Mse);
    expect(&cells, "dL/dw", &[g.dl_dw[0]], 1e-15);
    // η = 0.25 in the network: W1_new = W1 − 0.25·dL/dW1, with dL/dW1 from the lesson's own numbers
    // (W1 one row per hidden unit, as the course stores every weight matrix).
    let dl_dw1 = [-2.688, -5.376, 0.0, 0.0];
    let w1_new: Vec<f64> = [0.5, 0.3, -0.4, 0.1].iter().zip(dl_dw1).map(|(w, g)| w - 0.25 * g).collect();
    expect(&cells, "W1_new", &w1_new, 1e-12);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains(&format!("<a href=\"{name}.html\">re-run with x=-1.5-net_lr=0.25</a>")), "{index}");
    // Day 3 core with η = 0.5: one step from w1 = 0 with dL/dw1 = −0.125 gives 0.0625, not the stored 0.0125.
    let (ok, text) = lessons_sh(&site, &["day03-backprop-core", "-p", "lr", "0.5"]);
    assert!(ok, "{text}");
    let core = Run::from_notebook(&site.join("day03-backprop-core-lr=0.5.ipynb"));
    expect(&core, "new w1", &[0.0625], 1e-15);
    assert!(!core.text().contains("new w1 = 0.0125"), "the stored value is gone");
}

/// Bad input gets a clear message, a non-zero exit and no half-written page.
#[test]
fn bad_command_line_input_is_named() {
    let site = root().join("target/nbtest/site-bad");
    let _ = std::fs::remove_dir_all(&site);
    let (ok, text) = lessons_sh(&site, &["day11-nothing", "-p", "x", "1"]);
    assert!(
        !ok && text
            .contains("no lesson 'day11-nothing'; the lessons are: start-here rust-reference day03-backprop-core"),
        "{text}"
    );
    let (ok, text) = lessons_sh(&site, &["day10-backprop-basics", "-p", "learning_rate", "0.1"]);
    assert!(!ok && text.contains("no parameters cell defines `learning_rate`") && text.contains("net_lr"), "{text}");
    let (ok, text) = lessons_sh(&site, &["backprop-from-scratch", "-p", "seed", "1.5"]);
    assert!(!ok && text.contains("`seed` is a whole number (u64), and '1.5' is not one"), "{text}");
    let (ok, text) = lessons_sh(&site, &["day10-backprop-basics", "-p", "net_x@2", "array![1.0, 2.0, 3.0]"]);
    assert!(!ok, "a lesson that panics must fail: {text}");
    assert!(
        text.contains("failed:") && text.contains("TwoLayerNet::forward: the length of x is 3 but must be 2"),
        "{text}"
    );
    let written: Vec<_> = std::fs::read_dir(&site).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert!(
        !written.iter().any(|f| f.to_string_lossy().starts_with("day10-backprop-basics-")),
        "a half page: {written:?}"
    );
    let (ok, text) = lessons_sh(&site, &["--list-params", "day10-backprop-basics"]);
    assert!(
        ok && text.contains("parameters cell 1: x: f64 = 2.0") && text.contains("parameters cell 2: net_lr: f64 = 0.1"),
        "{text}"
    );
}

/// The anchor JupyterLab (and the exported page) gives a markdown heading: its text as
/// shown, with each space made a `-` (`## 7. Gradients pile up` → `7.-Gradients-pile-up`).
fn heading_anchor(heading: &str) -> String {
    heading.trim().replace(['*', '`'], "").replace(' ', "-")
}

/// Every heading anchor of a notebook's markdown cells.
fn anchors_of(cells: &[serde_json::Value]) -> std::collections::BTreeSet<String> {
    let markdown = cells.iter().filter(|c| c["cell_type"] == "markdown");
    let lines: Vec<String> =
        markdown.flat_map(|c| notebook_text(c).lines().map(str::to_string).collect::<Vec<_>>()).collect();
    lines
        .iter()
        .filter_map(|l| l.trim_start_matches('#').strip_prefix(' ').filter(|_| l.starts_with('#')))
        .map(heading_anchor)
        .collect()
}

fn notebook_text(cell: &serde_json::Value) -> String {
    harness::report::joined(&cell["source"])
}

/// Every link from a lesson or a solutions notebook to a lesson (`stem.ipynb#heading`,
/// or `#heading` within the page) lands on a file and a heading that exist: a renamed
/// section cannot leave a learner following a link to nowhere.
#[test]
fn every_link_between_lessons_lands_on_a_heading() {
    let notebooks = root().join("notebooks");
    let cells_of = |path: &std::path::Path| -> Vec<serde_json::Value> {
        let nb: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        nb["cells"].as_array().unwrap().clone()
    };
    let pages: Vec<std::path::PathBuf> = lessons()
        .iter()
        .map(|l| notebooks.join(format!("{}.ipynb", l.stem)))
        .chain(solutions().iter().map(|l| notebooks.join(format!("solutions/{}.ipynb", l.stem))))
        .collect();
    let (mut dead, mut links) = (Vec::new(), 0);
    for page in &pages {
        let cells = cells_of(page);
        for (index, cell) in cells.iter().enumerate().filter(|(_, c)| c["cell_type"] == "markdown") {
            let text = notebook_text(cell);
            for target in text.split("](").skip(1).filter_map(|rest| rest.split([')', ' ']).next()) {
                if target.starts_with("http") || target.starts_with("mailto:") {
                    continue;
                }
                links += 1;
                let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
                let path = if file.is_empty() { page.clone() } else { page.parent().unwrap().join(file) };
                let name = page.strip_prefix(&notebooks).unwrap().display().to_string();
                if !path.exists() {
                    dead.push(format!("{name} cell {index}: {target} (no such file)"));
                } else if !anchor.is_empty()
                    && path.extension().is_some_and(|e| e == "ipynb")
                    && !anchors_of(&cells_of(&path)).contains(anchor)
                {
                    dead.push(format!("{name} cell {index}: {target} (no heading with that anchor)"));
                }
            }
        }
    }
    assert!(links > 50, "found only {links} links: is the link reader broken?");
    assert!(dead.is_empty(), "links to nothing:\n{}", dead.join("\n"));
}

/// Every heading and bold paragraph title of a lesson's markdown (`## 7. Gradients pile up`,
/// `**Exercise 1.4.**`), without the markdown marks.
fn titles_of(stem: &str) -> Vec<String> {
    let path = root().join(format!("notebooks/{stem}.ipynb"));
    let nb: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut titles = Vec::new();
    for cell in nb["cells"].as_array().unwrap().iter().filter(|c| c["cell_type"] == "markdown") {
        let text = notebook_text(cell);
        for line in text.lines().filter(|l| l.starts_with('#')) {
            titles.push(
                line.trim_start_matches('#').replace(['*', '`', '$'], "").replace("\\sigma", "σ").trim().to_string(),
            );
        }
        for bold in text.split("**").skip(1).step_by(2) {
            titles.push(bold.replace(['`', '$'], "").trim().trim_end_matches(['.', ':']).to_string());
        }
    }
    titles
}

/// A check's hint that sends a stuck learner to re-read a section quotes a title that
/// the lesson has (a heading or a bold paragraph title), in the check's own lesson or
/// in the lesson the hint names: a renamed section cannot leave a hint pointing at nothing.
#[test]
fn every_section_a_hint_points_to_exists() {
    let lesson_of = [
        ("start_here", "start-here"),
        ("start_here", "rust-reference"),
        ("day03", "day03-backprop-core"),
        ("day10", "day10-backprop-basics"),
        ("scratch", "backprop-from-scratch"),
        ("deep_dive", "backprop-deep-dive"),
        ("theory", "day03-theory-guide"),
        ("capstone", "capstone-digits"),
    ];
    let named = [
        ("Start here", "start-here"),
        ("Day 3 core", "day03-backprop-core"),
        ("Day 10", "day10-backprop-basics"),
        ("From scratch", "backprop-from-scratch"),
        ("from scratch", "backprop-from-scratch"),
        ("deep dive", "backprop-deep-dive"),
        ("theory guide", "day03-theory-guide"),
        ("capstone", "capstone-digits"),
    ];
    let exercises = root().join("crates/backprop/src/exercises");
    let (mut missing, mut pointers) = (Vec::new(), 0);
    let read = |dir: &std::path::Path| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect()
    };
    let mut files: Vec<_> = read(&exercises)
        .into_iter()
        .flat_map(|p| if p.is_dir() { read(&p) } else { vec![p] })
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    for file in files {
        let name = file.strip_prefix(&exercises).unwrap().with_extension("").display().to_string();
        let source = std::fs::read_to_string(&file).unwrap();
        let code = source.split("#[cfg(test)]").next().unwrap();
        let own: Vec<&str> =
            lesson_of.iter().filter(|(prefix, _)| name.starts_with(prefix)).map(|(_, stem)| *stem).collect();
        for line in code.lines().filter(|l| l.contains("read") || l.contains("See ") || l.contains("see ")) {
            for title in line.split("\\\"").skip(1).step_by(2).filter(|t| {
                t.len() >= 3
                    && !t.contains('{')
                    && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '`')
            }) {
                pointers += 1;
                let mut stems: Vec<&str> = named.iter().filter(|(n, _)| line.contains(n)).map(|(_, s)| *s).collect();
                stems.extend(&own);
                if stems.is_empty() {
                    stems = lesson_of.iter().map(|(_, s)| *s).collect();
                }
                let title = title.replace('`', "");
                let found = stems.iter().any(|s| titles_of(s).iter().any(|t| t.contains(title.trim())));
                if !found {
                    missing.push(format!("{name}.rs: \"{title}\" (looked in {})", stems.join(", ")));
                }
            }
        }
    }
    assert!(pointers > 20, "found only {pointers} quoted titles: is the hint reader broken?");
    assert!(missing.is_empty(), "hints that quote a title no lesson has:\n{}", missing.join("\n"));
}
