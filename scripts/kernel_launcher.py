#!/usr/bin/env python3
"""Start the evcxr kernel in a warm build directory from a small pool.

The `rust` kernelspec that scripts/setup.sh registers runs this script instead
of `evcxr_jupyter` directly. evcxr compiles every crate a notebook `:dep`s into
its build directory (EVCXR_TMPDIR); a fresh directory means compiling the
course crate and its dependencies again, about 17 s before the first output. A
directory kept from an earlier kernel makes that about 4 s. But two kernels
must never share one, so the pool holds several, each taken under an exclusive
lock that the kernel process holds until it exits (the operating system drops
the lock when the process ends, crash included).

The pool lives in the repository, in `.evcxr-pool/` (git-ignored and excluded
from the cargo workspace). Its `.cargo/config.toml` sets the build profile of
every kernel that uses it: the course crate and its dependencies optimised
(opt-level 3, no debug assertions), the notebook's own cells at opt-level 0 so
that each cell compiles quickly. See environment.md for the measurements.

Every kernel it starts gets evcxr's start-up configuration (EVCXR_CONFIG_DIR)
with the course's panic hook (crates/backprop/src/show/panic_hook.rs, plain
std, the code of `show_panics()`): a panic's message is printed to stdout,
inside the cell that panicked, from the learner's first cell on, in any
notebook, whether it loads the crate or not. When the pool was warmed for the
crate as it is now (a hash of its sources), the start-up configuration also
loads the course crate and keeps one variable (`course_kernel_ready`) while
the kernel starts, so that the one-time costs of a kernel are paid while the
learner reads the lesson's introduction, not on the first Shift+Enter. A crate
changed since the last warm-up (a learner editing it), a kernel started cold
(every warm directory in use) and BACKPROP_NO_POOL=1 get the panic hook alone,
so a crate that does not compile can never stop the kernel from starting: the
lesson's own `:dep` cell then shows the compiler's message.

While JupyterLab runs, spare kernels are already started and warm
(scripts/kernel_spare.py; the server extension scripts/jupyter/backprop_spares.py
starts them and sets BACKPROP_SPARES_WATCH): the launcher then hands Jupyter a
spare instead of starting evcxr, and the kernel is ready at once.

Usage (as the kernelspec's argv): kernel_launcher.py --control_file FILE
  --warm-up N   instead: make sure N pool directories exist and are warm
                (used by setup.sh and lessons.sh), then exit.
Environment: BACKPROP_POOL_SIZE (default 3), BACKPROP_NO_POOL=1 to start a
kernel in a fresh temporary directory as evcxr does by default (with the panic
hook still in place).
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POOL = ROOT / ".evcxr-pool"
SIZE = int(os.environ.get("BACKPROP_POOL_SIZE", "3"))

PROFILE = """\
# Written by scripts/kernel_launcher.py: the build profile of every kernel
# started from the pool. Cargo reads this file because the kernels build
# below this directory; it does not touch the course's own workspace builds.

# The notebook's cells: compile fast.
[profile.dev]
opt-level = 0

# The course crate and every dependency: run fast.
[profile.dev.package."*"]
opt-level = 3
debug-assertions = false
overflow-checks = false
codegen-units = 16
"""


def evcxr_jupyter():
    found = shutil.which("evcxr_jupyter") or str(Path.home() / ".cargo" / "bin" / "evcxr_jupyter")
    return found


def prepare_pool():
    (POOL / ".cargo").mkdir(parents=True, exist_ok=True)
    config = POOL / ".cargo" / "config.toml"
    if not config.exists() or config.read_text() != PROFILE:
        config.write_text(PROFILE)


def crate_fingerprint():
    """A hash of the course crate's sources: the prelude is used only for the
    crate that the last warm-up compiled without error."""
    h = hashlib.sha256()
    crate = ROOT / "crates" / "backprop"
    for f in sorted([crate / "Cargo.toml", *(crate / "src").rglob("*.rs")]):
        h.update(str(f.relative_to(crate)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def warm_crate_matches():
    stamp = POOL / "warm-crate.sha256"
    return stamp.exists() and stamp.read_text().strip() == crate_fingerprint()


PANIC_HOOK = ROOT / "crates" / "backprop" / "src" / "show" / "panic_hook.rs"


def write_config(name, prelude):
    """An evcxr start-up configuration directory, `.evcxr-pool/NAME`, whose
    prelude is `prelude`; written atomically, so a kernel starting at the same
    moment never reads half a file."""
    import json

    config = POOL / name
    config.mkdir(parents=True, exist_ok=True)
    text = f"# Written by scripts/kernel_launcher.py.\n[evcxr]\nprelude = {json.dumps(prelude)}\n"
    toml = config / "evcxr.toml"
    if not toml.exists() or toml.read_text() != text:
        part = config / f"evcxr.toml.{os.getpid()}"
        part.write_text(text)
        os.replace(part, toml)
    return config


def panic_hook():
    """The course's panic hook as a statement of the prelude: the code of
    `show_panics()`, std only, so it compiles before (and without) the crate."""
    return PANIC_HOOK.read_text().rstrip() + ";\n"


def prepare_hook_only():
    """The start-up configuration of a kernel that does not load the crate
    while it starts: the panic hook alone."""
    return write_config("config-panics", panic_hook())


def prepare_prelude(crate=None, name="config"):
    """evcxr's start-up configuration: the panic hook, then load the course
    crate and keep one variable as the kernel starts, while the learner is
    still reading. Both are one-time costs of a kernel (about 2 s to load the
    crate, and about 2 s for evcxr's type analysis to read it on the first cell
    that keeps a variable); paid here, the lesson's first cells answer at once.
    The crate is loaded by a `:dep` line in the prelude, written as the lessons
    write it when `crate` is their relative path: evcxr then skips the lesson's
    own `:dep`."""
    dep = f':dep backprop = {{ path = "{crate or ROOT / "crates" / "backprop"}" }}\n'
    return write_config(name, dep + panic_hook() + "let course_kernel_ready = true;")


def take_slot():
    """Lock the first free pool directory; returns (directory, open lock file)."""
    prepare_pool()
    for k in range(SIZE):
        slot = POOL / str(k)
        slot.mkdir(exist_ok=True)
        lock = open(POOL / f"{k}.lock", "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            continue
        return slot, lock
    return None, None


def kernel_env(slot, cwd):
    """The environment of a kernel in pool directory `slot` that runs in folder
    `cwd`: its build directory, and the start-up configuration if the pool is
    warm for the crate as it is. A kernel in `notebooks/` (a lesson's, or a
    spare's) names the crate exactly as the lessons' `:dep` cell does, so that
    cell finds it loaded already."""
    env = {"EVCXR_TMPDIR": str(slot), "EVCXR_CONFIG_DIR": str(prepare_hook_only())}
    if warm_crate_matches():
        lessons = Path(os.path.realpath(cwd)) == ROOT / "notebooks"
        prelude = prepare_prelude("../crates/backprop", "config-lessons") if lessons else prepare_prelude()
        env["EVCXR_CONFIG_DIR"] = str(prelude)
    return env


def claim_spare(control_file):
    """Hand Jupyter a spare kernel (scripts/kernel_spare.py) that is already
    running: first one that is ready, else the first that is still starting.
    Returns the open connection to the spare, or None."""
    import json
    import kernel_spare

    request = {"fingerprint": crate_fingerprint(), "connection": json.loads(Path(control_file).read_text()),
               "cwd": os.path.realpath(os.getcwd())}  # Jupyter starts a kernel in its notebook's folder
    answered = False
    for wait in (False, True):
        for path in sorted(POOL.glob("spare-*.sock")):
            conn, reply = kernel_spare.ask(path, dict(request, wait=wait), 180 if wait else 5)
            if reply and reply.get("ok"):
                return conn
            if conn:
                answered = True
                conn.close()
    if not answered:
        kernel_spare.start_spare(os.environ["BACKPROP_SPARES_WATCH"], delay=kernel_spare.NEXT_SPARE_DELAY)
    return None


def launch(argv):
    if os.environ.get("BACKPROP_NO_POOL") == "1":
        os.environ["EVCXR_CONFIG_DIR"] = str(prepare_hook_only())
        os.execv(evcxr_jupyter(), ["evcxr_jupyter", *argv])
    if os.environ.get("BACKPROP_SPARES_WATCH") and "--control_file" in argv:
        conn = claim_spare(argv[argv.index("--control_file") + 1])
        if conn is not None:
            # The spare relays between Jupyter and its kernel; this process only
            # stands for the kernel: it ends when the kernel does, and when Jupyter
            # ends it, the spare stops the kernel.
            while conn.recv(4096):
                pass
            sys.exit(0)
    slot, lock = take_slot()
    if slot is None:
        # Every warm directory is in use: this kernel starts cold, as evcxr does by default.
        print(f"[kernel] all {SIZE} warm build directories are in use; starting cold", file=sys.stderr)
        os.environ["EVCXR_CONFIG_DIR"] = str(prepare_hook_only())
        os.execv(evcxr_jupyter(), ["evcxr_jupyter", *argv])
    os.set_inheritable(lock.fileno(), True)  # the kernel process keeps holding the lock
    os.environ.update(kernel_env(slot, os.getcwd()))
    os.execv(evcxr_jupyter(), ["evcxr_jupyter", *argv])


WARM_UP_NOTEBOOK = {
    "cells": [
        {"cell_type": "code", "execution_count": None, "id": "dep", "metadata": {}, "outputs": [],
         "source": ':dep backprop = { path = "%s" }' % (ROOT / "crates" / "backprop")},
        {"cell_type": "code", "execution_count": None, "id": "use", "metadata": {}, "outputs": [],
         "source": "use backprop::prelude::*;\nprintln!(\"{}\", fmt_f64(sigmoid(0.0)));"},
    ],
    "metadata": {"kernelspec": {"name": "rust", "display_name": "Rust", "language": "rust"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def warm_up(n):
    """Run a two-cell notebook in each of the first n pool directories, so that
    each holds a compiled course crate; a directory that is warm already takes
    a few seconds. Directories held by running kernels are skipped."""
    import json
    import tempfile

    prepare_pool()
    with tempfile.TemporaryDirectory() as tmp:
        nb = Path(tmp) / "warm-up.ipynb"
        nb.write_text(json.dumps(WARM_UP_NOTEBOOK))
        for k in range(n):
            lock = open(POOL / f"{k}.lock", "w")
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"[pool] {k}: in use by a kernel, skipped")
                continue
            (POOL / str(k)).mkdir(exist_ok=True)
            env = dict(os.environ, EVCXR_TMPDIR=str(POOL / str(k)), BACKPROP_NO_POOL="1")
            code = (
                "import sys, nbformat; from nbclient import NotebookClient;"
                "nb = nbformat.read(sys.argv[1], as_version=4);"
                "NotebookClient(nb, kernel_name='rust', timeout=900, startup_timeout=120).execute()"
            )
            done = subprocess.run([sys.executable, "-c", code, str(nb)], env=env, capture_output=True, text=True)
            lock.close()
            if done.returncode != 0:
                sys.exit(f"[pool] warming {POOL / str(k)} failed:\n{done.stderr[-3000:]}")
            print(f"[pool] {k}: warm")
    (POOL / "warm-crate.sha256").write_text(crate_fingerprint())


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--warm-up"]:
        warm_up(int(args[1]) if len(args) > 1 else SIZE)
    else:
        launch(args)
