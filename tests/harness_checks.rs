//! The harness's own checks, on made-up text: they must catch what they claim to.

mod harness;

use harness::checks::unreadable_numbers;
use harness::report::{parse_pairs, Output};
use harness::{expect, expect_fixed};

#[test]
fn unreadable_numbers_are_caught_and_readable_ones_pass() {
    let bad = "final loss = 0.000000000000019760347092883174, w = [-0, 1], b = -0.0";
    assert_eq!(unreadable_numbers(bad), vec!["0.000000000000019760347092883174", "-0", "-0.0"]);
    let good = "loss = 1.97603e-14, w1 = [-0.05, 0.0000001], x_0 = 0, W1[0][1] = -0.025, lr = 1e-05";
    assert!(unreadable_numbers(good).is_empty(), "{:?}", unreadable_numbers(good));
}

#[test]
fn pairs_read_booleans_and_prefixes() {
    let pairs = parse_pairs("W1: manual = [0.1025, 0.203], identical = true");
    assert_eq!(pairs, vec![("W1 manual".into(), vec![0.1025, 0.203]), ("W1 identical".into(), vec![1.0])]);
}

#[test]
fn expect_holds_numbers_to_the_printed_precision() {
    let cell = harness::report::CellRun {
        index: 0,
        source: String::new(),
        tags: Vec::new(),
        execution_count: Some(1),
        outputs: vec![Output {
            output_type: "stream".into(),
            text: Some("a = 0.731059\nloss = 0.1219".into()),
            ..Default::default()
        }],
        late_outputs: 0,
        seconds: 0.0,
        error: None,
    };
    expect(&cell, "a", &[0.7310585786300049], 0.0);
    expect_fixed(&cell, "loss", &[0.1218946919659197], 4);
    let wrong_sixth_digit = std::panic::catch_unwind(|| expect(&cell, "a", &[0.731061], 0.0));
    assert!(wrong_sixth_digit.is_err(), "a wrong sixth digit must fail");
    let wrong_fourth_decimal = std::panic::catch_unwind(|| expect_fixed(&cell, "loss", &[0.1226], 4));
    assert!(wrong_fourth_decimal.is_err(), "a wrong fourth decimal must fail");
}

fn cell(index: usize, source: &str, text: &str) -> harness::report::CellRun {
    harness::report::CellRun {
        index,
        source: source.into(),
        tags: Vec::new(),
        execution_count: Some(1),
        outputs: vec![Output { output_type: "stream".into(), text: Some(text.into()), ..Default::default() }],
        late_outputs: 0,
        seconds: 0.0,
        error: None,
    }
}

#[test]
fn a_cell_that_ignores_its_parameters_is_caught() {
    use harness::checks::{parameters_of, parameters_reach_their_cells};
    use harness::report::{Override, Report, Run};
    assert_eq!(
        parameters_of("let x = 2.0;\nlet seed: u64 = 0; // a seed\nlet w1 = array![[1.0]];"),
        vec![("x".into(), "2.0".into()), ("seed".into(), "0".into()), ("w1".into(), "array![[1.0]]".into())]
    );
    let fresh = Run(vec![
        cell(1, "let x = 2.0;\nlet y = 1.0;", ""),
        cell(2, "println!(\"L = {}\", x - y)", "L = 1"),
        cell(3, "println!(\"a = 0.5\")", "a = 0.5"),
        cell(4, "exercises::day03::gradient_of_w1(None)", "Exercise 1.1: not attempted yet"),
    ]);
    let changed = Run(vec![
        cell(1, "let x = 3.0;\nlet y = 1.0;", ""),
        cell(2, "", "L = 2"),
        cell(3, "", "a = 0.5"),
        cell(4, "", "Exercise 1.1: not attempted yet"),
    ]);
    let report = Report {
        notebook: "n.ipynb".into(),
        stored: Default::default(),
        kernel_start_seconds: 0.0,
        first_output_seconds: None,
        fresh,
        rerun: Run::default(),
        overrides: vec![Override { cell: 1, cells: changed }],
    };
    let problems = parameters_reach_their_cells(&report, &[(1, "let x = 3.0;\nlet y = 1.0;".into())]);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("leaves `y` at 1.0"), "{problems:?}");
    assert!(problems[1].starts_with("cell 3 printed the same numbers"), "{problems:?}");
}

#[test]
fn only_a_cell_tagged_raises_exception_may_show_an_error_and_it_must() {
    use harness::checks::{problems, RAISES};
    use harness::report::Run;
    let error = Output {
        output_type: "error".into(),
        ename: Some("Error".into()),
        evalue: Some("cannot divide `f64` by `usize`".into()),
        ..Default::default()
    };
    let with = |tags: &[&str], outputs: Vec<Output>| {
        let mut c = cell(1, "x2.sum() / x2.len()", "");
        c.tags = tags.iter().map(|t| t.to_string()).collect();
        c.outputs = outputs;
        Run(vec![c])
    };
    assert!(problems(&with(&[RAISES], vec![error.clone()]), 1).is_empty(), "the expected error passes");
    let untagged = problems(&with(&[], vec![error.clone()]), 1);
    assert!(untagged.iter().any(|p| p.contains("error output")), "an untagged error fails: {untagged:?}");
    let silent = problems(&with(&[RAISES], vec![]), 1);
    assert!(silent.iter().any(|p| p.contains("showed no error")), "a tagged cell must raise: {silent:?}");
    let stderr = Output {
        output_type: "stream".into(),
        name: Some("stderr".into()),
        text: Some("oops".into()),
        ..Default::default()
    };
    let noisy = problems(&with(&[RAISES], vec![error, stderr]), 1);
    assert!(noisy.iter().any(|p| p.contains("stderr")), "stderr still fails in a tagged cell: {noisy:?}");
}
