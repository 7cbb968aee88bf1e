//! Display helpers for the engine the learner builds: [`show_graph`] draws their
//! graph box by box, and [`progress`] lists which of the seven functions of the
//! build are theirs and which still run as the crate's stand-in.

use crate::exercises::attempt::{attempt, Attempt};
use crate::numbers::fmt_f64;

/// Prints a graph as `Tensor::graph` does, one line per node in `nodes` (a
/// topological order): `#k op | value v | grad g <- #i, #j`. `read` gives a
/// node's operation name, number and gradient; `inputs` its inputs; `same`
/// whether two handles are the same node. It draws what it is given: the
/// operation names are the ones the learner's nodes store.
///
/// ```
/// use backprop::exercises::scratch::show_graph;
/// // Node 2 = node 0 + node 1.
/// let read = |n: &usize| (if *n == 2 { "add" } else { "input" }, *n as f64, 1.0);
/// let inputs = |n: &usize| if *n == 2 { vec![0, 1] } else { vec![] };
/// show_graph(&[0, 1, 2], read, inputs, |p, q| p == q);
/// ```
pub fn show_graph<T>(
    nodes: &[T],
    read: impl Fn(&T) -> (&'static str, f64, f64),
    inputs: impl Fn(&T) -> Vec<T>,
    same: impl Fn(&T, &T) -> bool,
) {
    for line in graph_lines(nodes, read, inputs, same) {
        println!("{line}");
    }
}

/// [`show_graph`]'s lines.
fn graph_lines<T>(
    nodes: &[T],
    read: impl Fn(&T) -> (&'static str, f64, f64),
    inputs: impl Fn(&T) -> Vec<T>,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<String> {
    nodes
        .iter()
        .enumerate()
        .map(|(k, v)| {
            let (op, data, grad) = read(v);
            let from: Vec<String> = inputs(v)
                .iter()
                .map(|input| match nodes.iter().position(|u| same(u, input)) {
                    Some(j) => format!("#{j}"),
                    None => "?".into(),
                })
                .collect();
            let arrow = if from.is_empty() { String::new() } else { format!(" <- {}", from.join(", ")) };
            format!("#{k} {op} | value {} | grad {}{arrow}", fmt_f64(data), fmt_f64(grad))
        })
        .collect()
}

/// The seven functions of the build, in the lesson's order, with where each is asked.
const BUILD: [(&str, &str); 7] = [
    ("mul_local", "Exercise 3.2"),
    ("tanh_local", "Exercise 3.3"),
    ("pow_local", "Exercise 3.4"),
    ("visit", "Exercise 3.6"),
    ("backward", "Exercise 3.7"),
    ("weighted_sum", "Write the line"),
    ("train_step", "Exercise 3.8"),
];

/// Whose version of one function runs: the learner's, or the crate's stand-in.
fn status(probe: impl FnOnce()) -> String {
    match attempt(probe) {
        Attempt::Done(()) => "yours".into(),
        Attempt::Todo => "the crate's stand-in (yours is still todo!())".into(),
        Attempt::Panicked(message) => format!("yours, but it panics: {}", message.lines().next().unwrap_or(&message)),
    }
}

/// The status of the engine's first five functions (`mul_local`, `tanh_local`,
/// `pow_local`, `visit`, `backward`), each called once on a small input, in
/// that order: what [`progress`] and [`whose_engine`] both report.
fn engine_statuses(
    mul_local: impl Fn(f64, f64) -> (f64, f64),
    tanh_local: impl Fn(f64) -> f64,
    pow_local: impl Fn(f64, f64) -> f64,
    visit: impl FnOnce(),
    backward: impl FnOnce(),
) -> Vec<String> {
    vec![
        status(|| {
            mul_local(2.0, -3.0);
        }),
        status(|| {
            tanh_local(0.5);
        }),
        status(|| {
            pow_local(2.0, 3.0);
        }),
        status(visit),
        status(backward),
    ]
}

/// Lists which of the seven functions of the learner's engine are theirs and
/// which still run as the crate's stand-in: each is called once on a small
/// input (the last four through the closures the lesson passes, which call
/// `visit`, `backward`, `weighted_sum` and `train_step`). "Yours" says only that it runs:
/// its own check says whether it is right.
#[allow(clippy::too_many_arguments)]
pub fn progress(
    mul_local: impl Fn(f64, f64) -> (f64, f64),
    tanh_local: impl Fn(f64) -> f64,
    pow_local: impl Fn(f64, f64) -> f64,
    visit: impl FnOnce(),
    backward: impl FnOnce(),
    weighted_sum: impl FnOnce(),
    train_step: impl FnOnce(),
) {
    let mut statuses = engine_statuses(mul_local, tanh_local, pow_local, visit, backward);
    statuses.push(status(weighted_sum));
    statuses.push(status(train_step));
    let yours = statuses.iter().filter(|s| s.starts_with("yours")).count();
    println!("Your engine so far: {yours} of the 7 functions of the build are yours.");
    for ((name, asked), s) in BUILD.iter().zip(&statuses) {
        println!("  {name:<12} ({asked}): {s}");
    }
    if yours < 7 {
        println!("Each stand-in keeps the cells running; once yours passes its check, re-run its cell and the cells after it.");
    }
}

/// Whose engine ran in a cell that builds graphs and calls `backward`: the
/// first five functions of the build (`mul_local`, `tanh_local`, `pow_local`,
/// `visit`, `backward`; the last two through closures that call them), each
/// called once on a small input. It names the ones still `todo!()`, for which
/// the crate's stand-in ran: "(your engine)" once all five run.
pub fn whose_engine(
    mul_local: impl Fn(f64, f64) -> (f64, f64),
    tanh_local: impl Fn(f64) -> f64,
    pow_local: impl Fn(f64, f64) -> f64,
    visit: impl FnOnce(),
    backward: impl FnOnce(),
) -> String {
    let statuses = engine_statuses(mul_local, tanh_local, pow_local, visit, backward);
    let stand_ins: Vec<&str> =
        BUILD.iter().zip(&statuses).filter(|(_, s)| !s.starts_with("yours")).map(|((name, _), _)| *name).collect();
    match stand_ins.len() {
        0 => "(your engine)".into(),
        5 => "(the crate's stand-ins: your mul_local, tanh_local, pow_local, visit and backward are still todo!())"
            .into(),
        _ => format!("(your engine, with the crate's stand-in for {}: still todo!())", stand_ins.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_graph_names_each_input_by_its_place() {
        let read = |n: &usize| (if *n == 2 { "mul" } else { "input" }, *n as f64 + 1.0, -1.5);
        let inputs = |n: &usize| if *n == 2 { vec![1, 0] } else { vec![] };
        let lines = graph_lines(&[0, 1, 2], read, inputs, |p, q| p == q);
        assert_eq!(
            lines,
            vec![
                "#0 input | value 1 | grad -1.5",
                "#1 input | value 2 | grad -1.5",
                "#2 mul | value 3 | grad -1.5 <- #1, #0"
            ]
        );
    }

    #[test]
    fn progress_calls_each_function_once_whatever_it_does() {
        let calls = std::cell::Cell::new(0);
        let count = || calls.set(calls.get() + 1);
        progress(
            |a, b| {
                count();
                (b, a)
            },
            |_| todo!(),
            |_, _| panic!("a slip"),
            count,
            count,
            || todo!(),
            count,
        );
        assert_eq!(calls.get(), 4, "mul_local, visit, backward and train_step each ran once");
    }

    #[test]
    fn a_todo_is_a_stand_in_and_a_body_is_yours() {
        assert_eq!(status(|| ()), "yours");
        assert!(status(|| todo!("later")).starts_with("the crate's stand-in"));
        assert!(status(|| panic!("index out of bounds")).starts_with("yours, but it panics: index out of bounds"));
    }
    #[test]
    fn whose_engine_names_the_stand_ins_that_ran() {
        let all_todo = whose_engine(|_, _| todo!(), |_| todo!(), |_, _| todo!(), || todo!(), || todo!());
        assert!(all_todo.starts_with("(the crate's stand-ins"), "{all_todo}");
        assert_eq!(
            whose_engine(|a, b| (b, a), |t| 1.0 - t * t, |a, n| n * a.powf(n - 1.0), || (), || ()),
            "(your engine)"
        );
        let some = whose_engine(|a, b| (b, a), |_| todo!(), |a, n| n * a.powf(n - 1.0), || (), || todo!());
        assert_eq!(some, "(your engine, with the crate's stand-in for tanh_local, backward: still todo!())");
    }
}
