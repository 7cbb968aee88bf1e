//! The lesson manifest, the offline site built from it, and re-running a
//! lesson with other numbers from the command line.

mod harness;

use backprop::prelude::*;
use harness::report::Run;
use harness::{expect, lessons, python, root};
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

/// Builds the site from the stored lessons into `target/nbtest/site` and returns its folder.
fn build_site() -> std::path::PathBuf {
    let site = root().join("target/nbtest/site");
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
    let site = build_site();
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
        for url in ["src=\"http", "src=\"//", "href=\"http://", "<link rel=\"stylesheet\" href=\"http"] {
            assert!(!page.contains(url), "{} loads something from outside the site ({url}…)", l.stem);
        }
    }
}

/// Every page, opened in Chromium with no network: its formulas are typeset by
/// the site's own MathJax, its plots drawn, nothing is fetched from outside.
#[test]
fn the_site_reads_offline() {
    let site = build_site();
    let out = Command::new(python())
        .arg(root().join("scripts/site_check.py"))
        .arg(&site)
        .arg("--screenshot-dir")
        .arg(root().join("target/nbtest"))
        .env("SE_OFFLINE", "true")
        .output()
        .expect("could not start scripts/site_check.py");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprintln!("{text}");
    assert!(out.status.success(), "the offline site check failed:\n{text}");
    assert_eq!(
        text.matches("formulas typeset").count(),
        2 * lessons().len() - 1,
        "every lesson and solutions page: {text}"
    );
}

/// `lessons.sh STEM -p NAME VALUE` runs the lesson with those values, one in each
/// of Day 10's two parameters cells, and writes the page and the executed notebook.
#[test]
fn a_lesson_reruns_with_other_numbers_from_the_command_line() {
    let site = root().join("target/nbtest/site-rerun");
    let _ = std::fs::remove_dir_all(&site);
    let run = |args: &[&str]| {
        Command::new("bash").arg(root().join("scripts/lessons.sh")).args(args).env("SITE_DIR", &site).output().unwrap()
    };
    let out = run(&["day10-backprop-basics", "-p", "x", "-1.5", "-p", "eta", "0.25"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let name = "day10-backprop-basics-x=-1.5-eta=0.25";
    assert!(site.join(format!("{name}.html")).exists(), "no page for the re-run");
    let cells = Run::from_notebook(&site.join(format!("{name}.ipynb")));
    let injected: Vec<_> = cells.0.iter().filter(|c| c.tags.iter().any(|t| t == "injected-parameters")).collect();
    assert_eq!(injected.len(), 2, "one injected cell after each parameters cell");
    assert!(injected[0].source.contains("let x = -1.5;") && injected[1].source.contains("let eta = 0.25;"));
    // x = −1.5 in the neuron; η = 0.25 in the network: the numbers follow the crate.
    let neuron = Neuron::new(array![0.5], 0.0, Sigmoid);
    let (pass, _, g) = neuron.forward_backward(&array![-1.5], 1.0, Loss::Mse);
    expect(&cells, "z", &[pass.z], 1e-15);
    expect(&cells, "dL/dw", &[g.dl_dw[0]], 1e-15);
    let net = TwoLayerNet::new(array![[0.5, -0.4], [0.3, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1);
    let x = array![1.0, 2.0];
    let mut stepped = net.clone();
    stepped.step(&net.backward(&x, &net.forward(&x, 3.0), 3.0), 0.25);
    expect(&cells, "W1_new", &stepped.w1.iter().copied().collect::<Vec<_>>(), 1e-15);
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains(&format!("<a href=\"{name}.html\">re-run with x=-1.5-eta=0.25</a>")), "{index}");
    // A name no parameters cell defines is refused, naming the ones that exist.
    let bad = run(&["day10-backprop-basics", "-p", "learning_rate", "0.1"]);
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        !bad.status.success() && err.contains("no parameters cell defines `learning_rate`") && err.contains("eta"),
        "{err}"
    );
}
