//! Where a learner can see an exercise's answer before working it: never above
//! its question, and below it only in a cell whose output is folded (tagged
//! `answer`, `jupyter.outputs_hidden`) until the learner opens it.

use super::catalogue::{catalogue, Kind};
use super::number::round_to_figures;
use std::path::PathBuf;

/// The course's notebooks folder.
fn notebooks() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../notebooks")
}

/// What a learner sees of a cell before running anything: its markdown, or a
/// code cell's stored outputs (their text, and the text inside their HTML,
/// tick labels of a plot included, without the tags and drawing coordinates).
fn shown(cell: &serde_json::Value) -> String {
    let join = |v: &serde_json::Value| match v {
        serde_json::Value::Array(parts) => parts.iter().filter_map(|p| p.as_str()).collect::<String>(),
        other => other.as_str().unwrap_or("").to_string(),
    };
    if cell["cell_type"] == "markdown" {
        return join(&cell["source"]);
    }
    let mut text = String::new();
    for o in cell["outputs"].as_array().into_iter().flatten() {
        text += &join(&o["text"]);
        text += &join(&o["data"]["text/plain"]);
        text += "\n";
        text += &without_tags(&join(&o["data"]["text/html"]));
    }
    text
}

/// The text of an HTML fragment: every `<…>` tag replaced by a line break.
fn without_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push('\n');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}

/// Every number written in `text`, with its significant figures: `0.3409` → (0.3409, 4).
fn numbers_in(text: &str) -> Vec<(f64, u32)> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '.' || chars[i - 1] == '_'));
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len()
            && (chars[end].is_ascii_digit()
                || (chars[end] == '.' && end + 1 < chars.len() && chars[end + 1].is_ascii_digit()))
        {
            end += 1;
        }
        let mantissa: String = chars[i..end].iter().collect();
        let mut token = mantissa.clone();
        if end + 1 < chars.len() && matches!(chars[end], 'e' | 'E') {
            let mut k = end + 1;
            if matches!(chars[k], '-' | '+') {
                k += 1;
            }
            let digits = (k..chars.len()).take_while(|&j| chars[j].is_ascii_digit()).count();
            if digits > 0 {
                token = chars[i..k + digits].iter().collect();
                end = k + digits;
            }
        }
        let figures = mantissa.chars().filter(|c| c.is_ascii_digit()).skip_while(|&c| c == '0').count() as u32;
        if let Ok(value) = token.parse::<f64>() {
            found.push((value, figures));
        }
        i = end;
    }
    found
}

/// How many significant figures a person needs to write `x` exactly (at most 6).
fn figures_of(x: f64) -> u32 {
    (1..=6).find(|&k| (round_to_figures(x, k) - x).abs() <= 1e-12 * x.abs()).unwrap_or(6)
}

/// True when `seen` (a number on screen, with its figures) shows `answer`: it is
/// `answer` rounded to those figures (sign ignored), and has at least 3 of
/// them, or as many as the answer has.
fn gives_away(answer: f64, seen: (f64, u32)) -> bool {
    let (value, figures) = seen;
    figures >= figures_of(answer).min(3)
        && answer != 0.0
        && (round_to_figures(answer.abs(), figures) - value).abs() <= 1e-9 * value.abs()
}

/// The lessons in the README's order (notebooks/lessons.json).
fn lessons() -> Vec<String> {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(notebooks().join("lessons.json")).unwrap()).unwrap();
    manifest["lessons"].as_array().unwrap().iter().map(|l| l["stem"].as_str().unwrap().to_string()).collect()
}

/// Every lesson's cells, as stored, in the README's order (each notebook read once).
fn course() -> Vec<(String, Vec<serde_json::Value>)> {
    lessons()
        .into_iter()
        .map(|stem| {
            let path = notebooks().join(format!("{stem}.ipynb"));
            let nb: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            let cells = nb["cells"].as_array().unwrap().clone();
            (stem, cells)
        })
        .collect()
}

/// The index of the markdown cell that asks `exercise` (it starts `**<exercise>`).
fn prompt_of(cells: &[serde_json::Value], exercise: &str) -> Option<usize> {
    let label = format!("**{exercise}");
    cells.iter().position(|c| c["cell_type"] == "markdown" && shown(c).contains(&label))
}

/// The numbers that answer an exercise (none for a function or a sign).
fn answers(kind: &Kind) -> Vec<f64> {
    match kind {
        Kind::Number(n) => vec![n.right],
        Kind::Parts(parts) => parts.iter().map(|p| p.right).collect(),
        _ => vec![],
    }
}

/// What in `text` gives an exercise's answer away: numbers and phrases, as written.
fn giveaways(kind: &Kind, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for answer in answers(kind) {
        if let Some(seen) = numbers_in(text).into_iter().find(|&seen| gives_away(answer, seen)) {
            found.push(format!("its answer {answer} shows as {}", seen.0));
        }
    }
    if let Kind::Other(phrases) = kind {
        found.extend(phrases.iter().filter(|p| text.contains(*p)).map(|p| format!("`{p}` gives its answer away")));
    }
    found
}

/// True for a code cell whose output is folded until the learner opens it:
/// JupyterLab shows a bar (`jupyter.outputs_hidden`), the course's page a
/// "Show the answer" toggle. The cell carries the tag `answer`.
fn folded(cell: &serde_json::Value) -> bool {
    cell["metadata"]["jupyter"]["outputs_hidden"] == true
}

/// What a learner sees of a cell before opening any fold: a folded code
/// cell's output is hidden, and so is markdown inside `<details>…</details>`
/// (a "Show the working" toggle, in JupyterLab and on the course's page).
fn unfolded(cell: &serde_json::Value) -> String {
    if folded(cell) {
        return String::new();
    }
    let mut text = shown(cell);
    while let (Some(start), Some(end)) = (text.find("<details>"), text.find("</details>")) {
        if end < start {
            break;
        }
        text.replace_range(start..end + "</details>".len(), "");
    }
    text
}

/// How far below its question an answer is looked for: about two screens,
/// past a section's end (a check's answer may print in the next section's
/// first cells), not so far that a later example reusing the number counts.
const BELOW: usize = 15;

/// True for a markdown cell that starts a section or subsection.
fn heading(cell: &serde_json::Value) -> bool {
    cell["cell_type"] == "markdown" && shown(cell).lines().any(|l| l.starts_with('#'))
}

#[test]
fn no_answer_is_on_screen_before_its_question() {
    let course = course();
    let mut problems = Vec::new();
    let catalogue = catalogue();
    for e in &catalogue {
        let k =
            course.iter().position(|(l, _)| l == e.lesson).unwrap_or_else(|| panic!("{} is not a lesson", e.lesson));
        let cells = &course[k].1;
        let Some(prompt) = prompt_of(cells, e.exercise) else {
            problems.push(format!("{}: no prompt `**{} …` in {}", e.exercise, e.exercise, e.lesson));
            continue;
        };
        let prompt_text = shown(&cells[prompt]);
        let wants_figures = matches!(e.kind, Kind::Number(_) | Kind::Parts(_));
        if wants_figures && !prompt_text.contains("significant figures") {
            problems.push(format!("{}: the prompt does not say to how many significant figures", e.exercise));
        }
        // Everything above the prompt: this lesson's cells, and every earlier lesson.
        let mut above: Vec<(String, String)> = Vec::new();
        for (stem, earlier) in &course[..k] {
            above.extend(earlier.iter().enumerate().map(|(i, c)| (format!("{stem} c{i}"), shown(c))));
        }
        above.extend(cells[..prompt].iter().enumerate().map(|(i, c)| (format!("{} c{i}", e.lesson), shown(c))));
        for (place, text) in &above {
            problems.extend(giveaways(&e.kind, text).into_iter().map(|g| format!("{}: {g} in {place}", e.exercise)));
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
    assert!(catalogue.len() >= 25, "at least 25 exercises in the course: {}", catalogue.len());
    assert!(catalogue.iter().filter(|e| e.lesson == "start-here").count() >= 3, "at least 3 in Start here");
}

/// Below its question, up to the cell that reveals it (folded), within
/// [`BELOW`] cells, an exercise's answer shows only in a folded output or in
/// markdown inside `<details>` (prose past the question's section excepted): a
/// learner scrolling on to the check does not read the answer first.
#[test]
fn an_answer_below_its_question_stays_folded_until_opened() {
    let course = course();
    let mut problems = Vec::new();
    for e in &catalogue() {
        let Some((_, cells)) = course.iter().find(|(l, _)| l == e.lesson) else {
            continue; // reported by no_answer_is_on_screen_before_its_question
        };
        let Some(prompt) = prompt_of(cells, e.exercise) else {
            continue; // reported by no_answer_is_on_screen_before_its_question
        };
        let mut next_section = false;
        for (i, cell) in cells.iter().enumerate().skip(prompt + 1).take(BELOW) {
            // Past the question's section, prose may state the rule it asked for;
            // a printed answer still counts.
            next_section |= heading(cell);
            if next_section && cell["cell_type"] == "markdown" {
                continue;
            }
            let open = giveaways(&e.kind, &unfolded(cell));
            if open.is_empty() && !giveaways(&e.kind, &shown(cell)).is_empty() {
                break; // the reveal, folded
            }
            for g in open {
                problems.push(format!("{}: {g} in {} c{i}, below its question, not folded", e.exercise, e.lesson));
            }
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// A folded output and the tag `answer` go together, so a reader of the
/// notebook's cells can tell which outputs wait to be opened. An answer cell
/// says whether its code folds too (`jupyter.source_hidden`): it does where
/// the code would give the answer away as plainly as its output, and stays in
/// view where it is the lesson's own loop (`source_hidden: false`); a
/// predict-then-run reveal ("▸ Your prediction…", "▸ Predict, then run…")
/// always keeps its code in view, because that code is what the learner is
/// asked about.
#[test]
fn every_answer_cell_is_folded_and_every_fold_is_an_answer() {
    let mut problems = Vec::new();
    for (stem, cells) in course() {
        for (i, cell) in cells.iter().enumerate() {
            let tagged = cell["metadata"]["tags"].as_array().is_some_and(|t| t.iter().any(|t| t == "answer"));
            if tagged != folded(cell) {
                problems.push(format!("{stem} c{i}: tagged `answer` {tagged}, output folded {}", folded(cell)));
            }
            let code = &cell["metadata"]["jupyter"]["source_hidden"];
            let source = shown_source(cell);
            let prediction = ["println!(\"▸ Your prediction", "println!(\"▸ Predict, then run"]
                .iter()
                .any(|p| source.starts_with(p));
            if tagged && !code.is_boolean() {
                problems.push(format!(
                    "{stem} c{i}: an answer cell that does not say whether its code folds (jupyter.source_hidden)"
                ));
            } else if tagged && prediction && code == true {
                problems.push(format!("{stem} c{i}: a prediction whose code, the question itself, is hidden"));
            }
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// A cell's source as one string.
fn shown_source(cell: &serde_json::Value) -> String {
    match &cell["source"] {
        serde_json::Value::Array(parts) => parts.iter().filter_map(|p| p.as_str()).collect(),
        other => other.as_str().unwrap_or("").to_string(),
    }
}

#[test]
fn numbers_on_screen_are_read_with_their_figures() {
    assert_eq!(
        numbers_in("a = -0.340999, L = 1.97603e-14 and [0.45, 2410]"),
        vec![(0.340999, 6), (1.97603e-14, 6), (0.45, 2), (2410.0, 4)]
    );
    assert!(gives_away(-0.340999, (0.341, 3)));
    assert!(gives_away(0.45, (0.45, 2)));
    assert!(!gives_away(0.45, (0.5, 1)));
    assert!(!gives_away(-0.177447, (0.18, 2)));
    assert!(gives_away(2410.0, (2410.0, 4)));
}
