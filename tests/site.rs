//! The lesson manifest (`notebooks/lessons.json`) and the site index built from it.

mod harness;

use harness::{lessons, python, root};

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

/// `scripts/site_index.py` (run by `lessons.sh`) links every lesson, in the
/// manifest's order, each with its one-line summary.
#[test]
fn the_site_index_links_every_lesson_in_order() {
    let out = root().join("target/nbtest/index.html");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let status = std::process::Command::new(python())
        .arg(root().join("scripts/site_index.py"))
        .arg(root().join("notebooks"))
        .arg(&out)
        .status()
        .expect("run scripts/test.sh first: it sets up the virtualenv");
    assert!(status.success());
    let html = std::fs::read_to_string(&out).unwrap();
    let lessons = lessons();
    let positions: Vec<usize> = lessons
        .iter()
        .map(|l| {
            html.find(&format!("<a href=\"{}.html\">", l.stem)).unwrap_or_else(|| panic!("{} is not linked", l.stem))
        })
        .collect();
    assert!(positions.windows(2).all(|p| p[0] < p[1]), "lessons out of order: {positions:?}");
    assert_eq!(html.matches("<li>").count(), lessons.len());
    for l in &lessons {
        let text = std::fs::read_to_string(root().join(format!("notebooks/{}.ipynb", l.stem))).unwrap();
        let nb: serde_json::Value = serde_json::from_str(&text).unwrap();
        let summary = nb["metadata"]["summary"].as_str().unwrap_or_else(|| panic!("{} has no summary", l.stem));
        assert!(html.contains(summary), "{}'s summary is missing from the index", l.stem);
    }
}
