//! Running a learner's code inside a check: a `todo!()` means "not attempted",
//! any other panic is a wrong answer whose message the hint repeats, and
//! nothing is printed while it runs.

/// What happened when the learner's code ran.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Attempt<T> {
    /// It returned a value.
    Done(T),
    /// It hit the placeholder, `todo!()` (or `unimplemented!()`).
    Todo,
    /// It panicked with this message.
    Panicked(String),
}

/// A flag that a stand-in raises when it runs in place of a learner's function
/// still `todo!()`: one flag per stand-in helper, read by [`watching`].
pub(crate) type StandInFlag = std::thread::LocalKey<std::cell::Cell<bool>>;

/// Runs `f` and says whether the stand-in behind `flag` ran while it did. The
/// flag is lowered first and, afterwards, left raised if it was before or if `f`
/// raised it, so that a watch around this one still sees the stand-in.
pub(crate) fn watching<T>(flag: &'static StandInFlag, f: impl FnOnce() -> T) -> (T, bool) {
    let before = flag.with(|raised| raised.replace(false));
    let result = f();
    let stood_in = flag.with(|raised| raised.get());
    flag.with(|raised| raised.set(before || stood_in));
    (result, stood_in)
}

/// The learner's code `yours`, or, while its body is still `todo!()`, the
/// stand-in `crates`, raising `flag` so that a check run later can say "not
/// attempted yet" (see [`watching`]). Any other panic is passed on, naming
/// the learner's function `name`.
pub(crate) fn yours_or_stand_in<T>(
    flag: &'static StandInFlag,
    name: &str,
    yours: impl FnOnce() -> T,
    crates: impl FnOnce() -> T,
) -> T {
    match attempt(yours) {
        Attempt::Done(value) => value,
        Attempt::Todo => {
            flag.with(|raised| raised.set(true));
            crates()
        }
        Attempt::Panicked(message) => panic!("your {name} panicked: {message}"),
    }
}

/// Runs `f` (the learner's code) and reports what happened, with the panic
/// hook silenced while it runs, so a `todo!()` prints nothing.
pub(crate) fn attempt<T>(f: impl FnOnce() -> T) -> Attempt<T> {
    match run_quietly(f) {
        Ok(value) => Attempt::Done(value),
        Err(message) if is_placeholder(&message) => Attempt::Todo,
        Err(message) => Attempt::Panicked(message),
    }
}

/// Runs `f` with the panic hook silenced: its value, or its panic's message.
pub(crate) fn run_quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result.map_err(|payload| panic_message(&*payload))
}

/// The text a panic carries (`panic!`, `todo!`, `assert!` and the like carry one).
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// Whether a panic message is a placeholder's: `todo!()` or `unimplemented!()`.
pub(crate) fn is_placeholder(message: &str) -> bool {
    message.starts_with("not yet implemented") || message.starts_with("not implemented")
}

/// The hint for a panic in the learner's code: the message, and where to look.
pub(crate) fn panic_hint(what: &str, message: &str) -> String {
    let first_line = message.lines().next().unwrap_or(message);
    format!("{what} panicked: \"{first_line}\". Fix the cell above so it returns a value, then run both cells.")
}

/// The hint for a value that is not a finite number, or `None` when it is one.
/// `what` says where the value came from, e.g. "Your answer" or "At z = 2, your function".
pub(crate) fn not_finite_hint(what: &str, value: f64) -> Option<String> {
    if value.is_nan() {
        Some(format!(
            "{what} is NaN (not a number): a 0/0, a NaN placeholder or an overflow went into it. Every step must give a finite number."
        ))
    } else if value.is_infinite() {
        let sign = if value > 0.0 { "+" } else { "−" };
        Some(format!(
            "{what} is {sign}∞: something overflowed or was divided by zero. The right value is a finite number."
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn todo_is_a_placeholder_and_other_panics_are_answers() {
        assert_eq!(attempt(|| -> f64 { todo!() }), Attempt::Todo);
        assert_eq!(attempt(|| -> f64 { todo!("later") }), Attempt::Todo);
        assert_eq!(
            attempt(|| -> f64 { panic!("index 3 is out of bounds") }),
            Attempt::Panicked("index 3 is out of bounds".into())
        );
        assert_eq!(attempt(|| 2.0), Attempt::Done(2.0));
    }

    #[test]
    fn non_finite_values_are_named() {
        assert!(not_finite_hint("Your answer", f64::NAN).unwrap().contains("NaN"));
        assert!(not_finite_hint("Your answer", f64::INFINITY).unwrap().contains("+∞"));
        assert!(not_finite_hint("Your answer", f64::NEG_INFINITY).unwrap().contains("−∞"));
        assert_eq!(not_finite_hint("Your answer", 1.0), None);
    }
}
