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

Inside a Jupyter server (JupyterLab, a JupyterHub single-user server), kernels
are also started before a lesson asks for one, through this same launcher, by
the server's kernel manager (scripts/jupyter/warm_kernels.py), which hands one
to the next notebook opened.

Usage (as the kernelspec's argv): kernel_launcher.py --control_file FILE
  --warm-up N   instead: make sure N pool directories exist and are warm
                (used by setup.sh and lessons.sh), then exit.
Environment: BACKPROP_POOL_SIZE (default 3), BACKPROP_NO_POOL=1 to start a
kernel in a fresh temporary directory as evcxr does by default (with the panic
hook still in place). Set by warm_kernels.py: BACKPROP_SPARE=1 (a kernel
started ahead of time: it exits rather than start cold when no warm directory
is free), BACKPROP_STOP_WITH_SERVER=1 (the kernel is stopped when the server
process that started it dies).
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A class (docker/build.sh) warms a read-only base pool once and gives each
# learner a pool of their own (BACKPROP_POOL), whose directories start as copies
# of the base's (BACKPROP_POOL_BASE): cargo's builds stay warm when moved.
POOL = Path(os.path.expanduser(os.environ.get("BACKPROP_POOL") or ROOT / ".evcxr-pool"))
BASE = Path(os.environ["BACKPROP_POOL_BASE"]) if os.environ.get("BACKPROP_POOL_BASE") else None
if BASE is not None and BASE.resolve() == POOL.resolve():
    BASE = None
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
    return (os.environ.get("EVCXR_JUPYTER") or shutil.which("evcxr_jupyter")
            or str(Path.home() / ".cargo" / "bin" / "evcxr_jupyter"))


def prepare_pool():
    if BASE is not None:
        POOL.mkdir(mode=0o700, parents=True, exist_ok=True)  # a learner's own: no other learner reads it
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
    """Whether the pool (or the base a learner's pool is copied from) was warmed for the crate as it is."""
    stamp = (BASE or POOL) / "warm-crate.sha256"
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
        if BASE is not None:
            copy_from_base(k, slot)
        return slot, lock
    return None, None


def copy_slot(source, slot):
    """Copy a warm build directory, keeping its files' times (cargo's freshness checks read them)."""
    shutil.rmtree(slot, ignore_errors=True)
    subprocess.run(["cp", "-R", "--preserve=mode,timestamps,links", str(source), str(slot)], check=True)


def copy_from_base(k, slot):
    """Make the learner's pool directory `slot` (number k, locked) a copy of the
    base's, unless it is one already of the base as it is now."""
    stamp = BASE / "warm-crate.sha256"
    if not stamp.exists():
        return
    version = f"{stamp.read_text().strip()} {stamp.stat().st_mtime_ns}"  # the base's crate, and when it was warmed
    mark = POOL / f"{k}.base"
    if mark.exists() and mark.read_text() == version and (slot / "target").exists():
        return
    copy_slot(BASE / str(k) if (BASE / str(k)).exists() else BASE / "0", slot)
    mark.write_text(version)


def free_slots():
    """How many pool directories no kernel holds now."""
    prepare_pool()
    free = 0
    for k in range(SIZE):
        with open(POOL / f"{k}.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            free += 1
    return free


def kernel_env(slot, cwd):
    """The environment of a kernel in pool directory `slot` that runs in folder
    `cwd`: its build directory, and the start-up configuration if the pool is
    warm for the crate as it is. A kernel in a lessons folder (one whose
    `../crates/backprop` is this crate: `notebooks/`, or a learner's copy of the
    lessons beside a link to the crate) names the crate exactly as the lessons'
    `:dep` cell does, so that cell finds it loaded already."""
    env = {"EVCXR_TMPDIR": str(slot), "EVCXR_CONFIG_DIR": str(prepare_hook_only())}
    if warm_crate_matches():
        lessons = Path(os.path.realpath(Path(cwd) / ".." / "crates" / "backprop")) == ROOT / "crates" / "backprop"
        prelude = prepare_prelude("../crates/backprop", "config-lessons") if lessons else prepare_prelude()
        env["EVCXR_CONFIG_DIR"] = str(prelude)
    sources = (BASE or POOL) / "rust-src" / "library"
    if sources.is_dir():
        env["RUST_SRC_PATH"] = str(sources)
    return env


# What evcxr's rust-analyzer does not read of Rust's standard library (paths under
# library/): the processor intrinsics of core::arch (27 MB of sources, about 200 MB
# of a kernel's memory once analysed), portable SIMD, std's backtrace printer,
# feature detection, the compiler's builtins and the library's own tests.
ANALYSIS_SKIPS = ["stdarch", "portable-simd", "backtrace", "std_detect", "compiler-builtins", "coretests",
                  "alloctests", "test", "profiler_builtins", "rtstartup", "windows_link"]
ANALYSIS_KEEPS = ["stdarch/crates/core_arch/src/mod.rs", "stdarch/crates/core_arch/src/simd.rs",
                  "stdarch/crates/core_arch/src/macros.rs"]


def prepare_analysis_sources():
    """The standard library's sources that kernels' rust-analyzer reads (RUST_SRC_PATH):
    the toolchain's, without ANALYSIS_SKIPS. evcxr analyses every cell's types
    with rust-analyzer, which reads std's sources; without the intrinsics a
    kernel needs about 200 MB less. The price: evcxr cannot name a type from
    core::arch or std::simd, so a variable of such a type is not kept across
    cells, and completions do not offer them (cells using them still compile
    and run). Files are hard-linked where the file system allows."""
    found = subprocess.run(["rustc", "--print", "sysroot"], capture_output=True, text=True)
    library = Path(found.stdout.strip()) / "lib" / "rustlib" / "src" / "rust" / "library"
    dest = POOL / "rust-src"
    stamp = dest / "from.txt"
    if not library.is_dir() or (stamp.exists() and stamp.read_text() == str(library)):
        return
    shutil.rmtree(dest, ignore_errors=True)

    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    def skipped(directory, names):
        rel = Path(directory).relative_to(library)
        return [n for n in names if (rel / n).as_posix() in ANALYSIS_SKIPS]

    shutil.copytree(library, dest / "library", ignore=skipped, copy_function=link)
    for keep in ANALYSIS_KEEPS:
        (dest / "library" / keep).parent.mkdir(parents=True, exist_ok=True)
        link(library / keep, dest / "library" / keep)
    stamp.write_text(str(library))


def stop_with_parent():
    """Ask Linux to send this process SIGTERM when its parent (the Jupyter server
    that started the kernel) dies, however it dies; it holds across exec."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if str(os.getppid()) != os.environ.get("JPY_PARENT_PID", str(os.getppid())):
            sys.exit(1)  # the server died before the request took hold


def rust_libraries():
    """The folder of the toolchain's shared libraries (libstd-*.so), or None.

    evcxr loads each cell as a shared library that needs libstd-*.so. Cargo
    records where it is as a path relative to the build folder, which breaks
    when a warm build folder is copied to a learner's home, or when the
    toolchain sits in a folder beside the build (a class's prefix): evcxr then
    fails with "dlopen failed". The kernel is told the folder instead."""
    try:
        sysroot = subprocess.run(["rustc", "--print", "sysroot"], capture_output=True, text=True,
                                 check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    found = sorted(Path(sysroot, "lib", "rustlib").glob("*/lib/libstd-*.so"))
    return str(found[0].parent) if found else None


def launch(argv):
    if os.environ.get("BACKPROP_STOP_WITH_SERVER") == "1":
        stop_with_parent()
    libraries = rust_libraries()
    if libraries:
        os.environ["LD_LIBRARY_PATH"] = os.pathsep.join(filter(None, [libraries, os.environ.get("LD_LIBRARY_PATH")]))
    if os.environ.get("BACKPROP_NO_POOL") == "1":
        os.environ["EVCXR_CONFIG_DIR"] = str(prepare_hook_only())
        os.execv(evcxr_jupyter(), ["evcxr_jupyter", *argv])
    slot, lock = take_slot()
    if slot is None and os.environ.get("BACKPROP_SPARE") == "1":
        sys.exit(f"[kernel] all {SIZE} warm build directories are in use; no kernel is started ahead of time")
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
    a few seconds, and a new one starts as a copy of the first (compiled once,
    not n times). Directories held by running kernels are skipped."""
    import json
    import tempfile

    prepare_pool()
    prepare_analysis_sources()
    first = None  # the lock of directory 0 once warm, held while it is copied
    with tempfile.TemporaryDirectory() as tmp:
        nb = Path(tmp) / "warm-up.ipynb"
        nb.write_text(json.dumps(WARM_UP_NOTEBOOK))
        for k in range(n):
            slot = POOL / str(k)
            lock = open(POOL / f"{k}.lock", "w")
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"[pool] {k}: in use by a kernel, skipped")
                continue
            if first is not None and not (slot / "target").exists():
                copy_slot(POOL / "0", slot)
            slot.mkdir(exist_ok=True)
            env = dict(os.environ, EVCXR_TMPDIR=str(slot), BACKPROP_NO_POOL="1")
            code = (
                "import sys, nbformat; from nbclient import NotebookClient;"
                "nb = nbformat.read(sys.argv[1], as_version=4);"
                "NotebookClient(nb, kernel_name='rust', timeout=900, startup_timeout=120).execute()"
            )
            done = subprocess.run([sys.executable, "-c", code, str(nb)], env=env, capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"[pool] warming {slot} failed:\n{done.stderr[-3000:]}")
            print(f"[pool] {k}: warm")
            if k == 0:
                first = lock
            else:
                lock.close()
    if first is not None:
        first.close()
    (POOL / "warm-crate.sha256").write_text(crate_fingerprint())


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--warm-up"]:
        warm_up(int(args[1]) if len(args) > 1 else SIZE)
    else:
        launch(args)
