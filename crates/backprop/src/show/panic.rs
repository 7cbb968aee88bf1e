//! A panic's message, printed where the learner will see it.
//!
//! evcxr catches a panic in a cell and keeps the kernel and the other variables
//! alive, but the default hook writes the message to stderr, which evcxr 0.22
//! forwards from a separate thread: the message can arrive after the cell has
//! finished, land in the next cell, or be lost. stdout, in contrast, is read in
//! step with the cell. So the course's hook prints a panic's message to stdout,
//! inside the cell that panicked. Every kernel that the course's `rust`
//! kernelspec starts has it already (scripts/kernel_launcher.py puts the same
//! code, `panic_hook.rs`, in evcxr's start-up prelude); [`show_panics`]
//! installs it in any other kernel.

/// Installs the course's panic hook, which prints a panic's message to stdout:
/// `panicked in this cell:` then the message, or `panicked at FILE:LINE:COLUMN:`
/// when the panic comes from elsewhere than the cell's own code. A kernel
/// started by the course's `rust` kernelspec has it from its start; call this
/// in a kernel started otherwise (or after replacing the hook).
pub fn show_panics() {
    include!("panic_hook.rs");
}
