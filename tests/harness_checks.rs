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
