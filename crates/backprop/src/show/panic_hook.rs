// The course's panic hook, as one expression that needs nothing but std. Two
// places run this same text: `show_panics` (panic.rs includes it), and the
// start-up configuration of every kernel the course's `rust` kernelspec starts
// (scripts/kernel_launcher.py puts it in evcxr's prelude), so that the hook is
// in place before a learner's first cell, even before the crate is loaded.
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
}))
