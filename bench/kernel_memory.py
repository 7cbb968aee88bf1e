#!/usr/bin/env python3
"""What one evcxr kernel spends its memory on, measured on the real kernel.

    .venv/bin/python bench/kernel_memory.py [--lesson STEM] [--full-std-sources] [--quick] [--env NAME=VALUE ...]

Starts a kernel as a learner gets one (the `rust` kernelspec, a warm build
directory, no prelude, so each step below is seen on its own), in a copy of a
warm build directory, and measures its processes after each step:

  started         evcxr running, before any cell: its rust-analyzer has read
                  Rust's standard library (evcxr analyses every cell's types
                  with it, to keep variables across cells)
  crate added     `:dep backprop` (the crate is compiled already: nothing builds)
  crate analysed  `use backprop::prelude::*; let x = 1;`: rust-analyzer reads
                  the crate and its dependencies, the cell's library is loaded
  lesson run      every cell of the lesson (--lesson, default day10-backprop-basics)
  cold compile    the peak while `:dep backprop` compiles the crate and its
                  dependencies in an empty build directory (cargo and rustc
                  are the kernel's children), as a kernel without a warm
                  directory does

For each: the resident memory (RSS) and the proportional share (PSS: pages
shared between processes, such as the evcxr binary two kernels run, count
once in total) of the kernel process (evcxr and its rust-analyzer), of its
child that runs the cells (the loaded libraries), and of everything else
below it (cargo, rustc). Kernels read the standard library's sources without
its processor intrinsics, as the course's launcher gives them (RUST_SRC_PATH,
see kernel_launcher.prepare_analysis_sources); --full-std-sources measures a
kernel reading all of them, as evcxr does by default. --quick stops after the
third step. --env NAME=VALUE starts the kernel with that
variable set (to compare, for example, GLIBC_TUNABLES settings). This is a
measurement: it exits 0 whatever it measures.
"""
import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import kernel_launcher as pool  # noqa: E402

MB = 1024 * 1024


def memory(pid):
    """(kernel, runner, builds) as (RSS, PSS) pairs in MB: the evcxr process, its
    cell-running child (the same binary), and every other descendant."""
    try:
        kernel = psutil.Process(pid)
        procs = [kernel, *kernel.children(recursive=True)]
    except psutil.NoSuchProcess:
        return None
    parts = {"kernel": [0, 0], "runner": [0, 0], "builds": [0, 0]}
    for p in procs:
        try:
            info = p.memory_full_info()
            name = p.name()
            ppid = p.ppid()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        part = "kernel" if p.pid == pid else "runner" if name == "evcxr_jupyter" and ppid == pid else "builds"
        parts[part][0] += info.rss / MB
        parts[part][1] += info.pss / MB
    return parts


def total(parts, k):
    return sum(v[k] for v in parts.values())


class Peak:
    """Samples a kernel's memory every 0.1 s in the background; keeps the peak total PSS."""

    def __init__(self, pid):
        self.pid, self.best, self.stop = pid, None, False
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop:
            m = memory(self.pid)
            if m and (self.best is None or total(m, 1) > total(self.best, 1)):
                self.best = m
            time.sleep(0.1)

    def done(self):
        self.stop = True
        self.thread.join()
        return self.best


def start(slot, env):
    """A kernel in build directory `slot`, started through the `rust` kernelspec without the pool
    and without the prelude, so that each step is measured on its own."""
    km = KernelManager(kernel_name="rust")
    km.start_kernel(cwd=str(ROOT / "notebooks"),
                    env=dict(os.environ, BACKPROP_NO_POOL="1", EVCXR_TMPDIR=str(slot), **env))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=300)
    return km, kc


def run(kc, code):
    reply = kc.execute_interactive(code, timeout=600, output_hook=lambda msg: None)
    return reply["content"]["status"]


def kernel_pid(km):
    """The evcxr process (the launcher execs it, so it is the process Jupyter started)."""
    return km.provisioner.pid


def measure(lesson, env, quick=False):
    rows = []
    with tempfile.TemporaryDirectory(prefix="kernel-memory-") as tmp:
        slot = Path(tmp) / "warm"
        pool.copy_slot(pool.POOL / "0", slot)
        shutil.copytree(pool.POOL / ".cargo", Path(tmp) / ".cargo")  # the pool's build profile
        km, kc = start(slot, env)
        pid = kernel_pid(km)
        time.sleep(2)
        rows.append(("started", memory(pid)))
        run(kc, ':dep backprop = { path = "../crates/backprop" }')
        rows.append(("crate added", memory(pid)))
        run(kc, "use backprop::prelude::*;\nlet memory_probe = 1;")
        rows.append(("crate analysed", memory(pid)))
        if quick:
            km.shutdown_kernel(now=True)
            return rows, None
        nb = nbformat.read(ROOT / "notebooks" / f"{lesson}.ipynb", as_version=4)
        peak = Peak(pid)
        for cell in nb.cells:
            if cell.cell_type == "code":
                run(kc, cell.source)
        rows.append(("lesson run (peak)", peak.done()))
        rows.append(("lesson run (end)", memory(pid)))
        kc.stop_channels()
        km.shutdown_kernel(now=True)

        cold = Path(tmp) / "cold"
        cold.mkdir()
        km, kc = start(cold, env)
        pid = kernel_pid(km)
        peak = Peak(pid)
        run(kc, ':dep backprop = { path = "../crates/backprop" }\nuse backprop::prelude::*;\nlet memory_probe = 1;')
        rows.append(("cold compile (peak)", peak.done()))
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        disk = sum(f.stat().st_size for f in slot.rglob("*") if f.is_file()) / MB
    return rows, disk


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lesson", default="day10-backprop-basics")
    ap.add_argument("--full-std-sources", action="store_true",
                    help="rust-analyzer reads all of the standard library, as evcxr does by default")
    ap.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    ap.add_argument("--quick", action="store_true", help="only the first three steps")
    args = ap.parse_args()
    env = dict(e.split("=", 1) for e in args.env)
    sources = pool.POOL / "rust-src" / "library"
    if not args.full_std_sources and sources.is_dir():
        env.setdefault("RUST_SRC_PATH", str(sources))
    if not pool.warm_crate_matches():
        sys.exit("the kernel pool was warmed for another version of the crate: run scripts/setup.sh first")
    rows, disk = measure(args.lesson, env, args.quick)
    head = ["step", "total RSS MB", "total PSS MB", "kernel (evcxr + rust-analyzer) PSS MB", "cell runner PSS MB",
            "cargo/rustc PSS MB"]
    print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for step, m in rows:
        if m is None:
            print(f"| {step} | — | — | — | — | — |")
            continue
        print(f"| {step} | {total(m, 0):.0f} | {total(m, 1):.0f} | {m['kernel'][1]:.0f} | {m['runner'][1]:.0f} | "
              f"{m['builds'][1]:.0f} |")
    if disk is not None:
        print(f"\nwarm build directory after the lesson: {disk:.0f} MB on disk")
    if env:
        print(f"kernel environment: {env}")


if __name__ == "__main__":
    main()
