//! A panic's message, printed where the learner will see it.
//!
//! evcxr catches a panic in a cell and keeps the kernel and the other variables
//! alive, but the default hook writes the message to stderr, which evcxr 0.22
//! forwards from a separate thread: the message can arrive after the cell has
//! finished, land in the next cell, or be lost. stdout, in contrast, is read in
//! step with the cell. So the lessons' set-up cell calls [`show_panics`], and a
//! panic's message is printed to stdout, inside the cell that panicked.

/// Installs a panic hook that prints the message and the place of any panic to
/// stdout, as `panicked at src/lib.rs:3:5: the message`.
pub fn show_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(a panic without a message)".to_string());
        let place =
            info.location().map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column())).unwrap_or_default();
        println!("panicked{place}:\n{message}");
    }));
}
