//! A panic's message, printed where the learner will see it.
//!
//! evcxr catches a panic in a cell and keeps the kernel and the other variables
//! alive, but the default hook writes the message to stderr, which evcxr 0.22
//! forwards from a separate thread: the message can arrive after the cell has
//! finished, land in the next cell, or be lost. stdout, in contrast, is read in
//! step with the cell. So the lessons' set-up cell calls [`show_panics`], and a
//! panic's message is printed to stdout, inside the cell that panicked.

/// Installs a panic hook that prints a panic's message to stdout: `panicked in
/// this cell:` then the message, or `panicked at FILE:LINE:COLUMN:` when the
/// panic comes from elsewhere than the cell's own code.
pub fn show_panics() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(a panic without a message)".to_string());
        // evcxr compiles each cell as the crate file `src/lib.rs`.
        let place = match info.location() {
            Some(l) if l.file() != "src/lib.rs" => format!("at {}:{}:{}", l.file(), l.line(), l.column()),
            _ => "in this cell".to_string(),
        };
        println!("panicked {place}:\n{message}");
    }));
}
