//! Times one training epoch of the comparison networks, for bench/compare.py.
//!
//!     cargo run --release --example epochs -- dump          the cases as JSON (data, initial weights)
//!     cargo run --release --example epochs -- time CASE PATH STEPS
//!         PATH is `engine` or `hand`; prints {"us_per_step": …, "final_loss": …}
//!
//! Each `time` run starts from the case's initial weights, runs STEPS epochs
//! once untimed (to warm caches), resets, then times STEPS epochs.

mod networks;

use backprop::prelude::*;
use networks::{cases, Engine, Hand};
use std::time::Instant;

/// A matrix as JSON rows.
fn rows(a: &Array2<f64>) -> Vec<Vec<f64>> {
    a.outer_iter().map(|r| r.to_vec()).collect()
}

fn dump() {
    let cases: Vec<serde_json::Value> = cases()
        .iter()
        .map(|c| {
            let layers: Vec<serde_json::Value> =
                c.weights.iter().map(|(w, b)| serde_json::json!({ "w": rows(w), "b": b.to_vec() })).collect();
            serde_json::json!({
                "name": c.name,
                "x": rows(&c.x),
                "y": rows(&c.y),
                "layers": layers,
                "hidden": c.hidden.name(),
                "output": c.output.name(),
                "loss": if c.loss == Loss::Bce { "bce" } else { "mse" },
                "lr": c.lr,
            })
        })
        .collect();
    println!("{}", serde_json::to_string(&cases).expect("numbers serialise"));
}

fn time(name: &str, path: &str, steps: usize) {
    let case = cases().into_iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name}"));
    let run = |steps: usize| -> (f64, f64) {
        let mut last = f64::NAN;
        if path == "engine" {
            let e = Engine::new(&case);
            let t0 = Instant::now();
            for _ in 0..steps {
                last = e.epoch();
            }
            (t0.elapsed().as_secs_f64(), last)
        } else {
            assert_eq!(path, "hand", "PATH is engine or hand");
            let mut h = Hand::new(&case);
            let t0 = Instant::now();
            for _ in 0..steps {
                last = h.epoch();
            }
            (t0.elapsed().as_secs_f64(), last)
        }
    };
    run(steps);
    let (seconds, last) = run(steps);
    println!("{{\"us_per_step\": {}, \"final_loss\": {last:e}}}", seconds / steps as f64 * 1e6);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["dump"] => dump(),
        ["time", name, path, steps] => time(name, path, steps.parse().expect("STEPS is a number")),
        _ => eprintln!("usage: epochs dump | epochs time CASE engine|hand STEPS"),
    }
}
