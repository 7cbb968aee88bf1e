#!/usr/bin/env python3
"""What a learner waits for, per lesson, measured on the real evcxr kernel.

    .venv/bin/python bench/latency.py [STEM ...] [--markdown]

For each lesson (all of notebooks/lessons.json by default):
  cold first output   a kernel in a fresh build directory (as evcxr starts
                      without the course's launcher): seconds from kernel start
                      to the first cell that shows something;
  warm first output   the same through the `rust` kernelspec, which takes a warm
                      build directory from the pool (a kernel started without
                      JupyterLab's spares: nbclient, papermill, lessons.sh);
  first result        warm: seconds until the first cell after the set-up cells
                      (`:dep`, `use`) has shown its output;
  spare first output, spare first result
                      the same on a kernel started ahead of time and handed
                      over by the Jupyter server's kernel manager
                      (scripts/jupyter/warm_kernels.py), as in JupyterLab;
  re-run median       every cell run again in the same kernel: the median;
  one-let floor       the re-run of a cell holding only `let latency_floor = 1;`
                      appended to the lesson: what any cell costs in that kernel;
  slowest cells       the slowest cells of the fresh warm run, set-up cells and
                      evcxr's one-time first compile of a variable excluded;
  JupyterLab first result
                      scripts/browser_check.py: JupyterLab in headless
                      Chromium, the lesson opened from the file browser with
                      the spares ready, Shift+Enter pressed at once; seconds
                      from opening the lesson to its first result
                      (--no-browser leaves this column out).

The goals: the first result within 5 s of opening a lesson in JupyterLab, no
lesson cell over 1 s, a re-run median within 1.2x the one-let floor. Figures
over a goal are listed after the table, with the machine's load average while
it ran. This is a measurement, not a test: it exits 0 whatever it measures
(the test suite asserts behaviour only, so a busy machine cannot fail it).

A pool warmed for an older version of the crate is warmed again first, as
set-up does, so the numbers are what a learner gets after set-up.
"""
import argparse
import asyncio
import copy
import re
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT / "scripts"))  # course, kernel_launcher
sys.path.insert(0, str(ROOT / "scripts" / "jupyter"))  # warm_kernels
import course  # noqa: E402


def run(notebook, *flags, env=None):
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([PY, str(ROOT / "scripts" / "nbrun.py"), str(notebook), "--report", str(report), *flags],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        return json.loads(report.read_text())


def run_on_spare(notebook):
    """Run the notebook's cells once on a kernel that the Jupyter server's kernel
    manager (scripts/jupyter/warm_kernels.py) started ahead of time, asking for
    it once the spare is ready, as JupyterLab does when a lesson is opened; the
    report has nbrun.py's form (the cells, their outputs and seconds)."""
    return asyncio.run(_run_on_spare(Path(notebook).resolve()))


async def _run_on_spare(path):
    import warm_kernels
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory() as runtime:
        mkm = warm_kernels.WarmKernelManager(spares=1, refill_delay=3600, root_dir=str(ROOT), connection_dir=runtime)
        try:
            deadline = time.monotonic() + 300
            while mkm.spare_status()[0] < 1 and time.monotonic() < deadline:
                await asyncio.sleep(0.3)
            nb = nbformat.read(path, as_version=4)
            t0 = time.monotonic()
            kid = await mkm.start_kernel(kernel_name="rust", path=str(path.parent.relative_to(ROOT)))
            client = NotebookClient(nb, km=mkm.get_kernel(kid), timeout=600, allow_errors=True)
            await client.async_start_new_kernel_client()
            report = {"kernel_start_seconds": time.monotonic() - t0, "fresh": []}
            for i, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    start = time.monotonic()
                    await client.async_execute_cell(cell, i)
                    report["fresh"].append({"index": i, "source": cell.source, "outputs": cell.outputs,
                                            "seconds": time.monotonic() - start})
            first = next((c for c in report["fresh"] if c["outputs"]), None)
            if first is not None:
                report["first_output_seconds"] = report["kernel_start_seconds"] + sum(
                    c["seconds"] for c in report["fresh"] if c["index"] <= first["index"])
            client.kc.stop_channels()
            return report
        finally:
            await mkm.shutdown_all()


def browser_first_result(stem):
    """Seconds from opening the lesson in JupyterLab to its first result, measured
    by scripts/browser_check.py, or None if it reported none."""
    out = subprocess.run([PY, str(ROOT / "scripts" / "browser_check.py"), stem, "--run-first"],
                         capture_output=True, text=True).stdout
    m = re.search(r"first result ([0-9.]+) s after the lesson was opened", out)
    return float(m.group(1)) if m else None


def first_result_seconds(report, setup):
    elapsed = report["kernel_start_seconds"]
    for c in report["fresh"]:
        elapsed += c["seconds"]
        if c["source"].strip() and c["index"] not in setup and c["outputs"]:
            return elapsed
    return None


def measure(stem, browser):
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    probe = copy.deepcopy(nb)
    probe.cells.append(nbformat.v4.new_code_cell("let latency_floor = 1;"))
    # Beside the lessons, as a lesson is: its `:dep ../crates/backprop` resolves, and a
    # spare kernel (which runs in notebooks/) may take it.
    path = ROOT / "notebooks" / f".latency-{stem}.ipynb"
    try:
        path.write_text(json.dumps(probe))
        cold = run(path, "--cold")
        warm = run(path, "--rerun")
        spare = run_on_spare(path)
    finally:
        path.unlink(missing_ok=True)
    cells = warm["fresh"]
    code = [c for c in cells if c["source"].strip()]
    setup = [c["index"] for c in code if c["source"].lstrip().startswith((":dep", ":cache", "//")) or "use backprop::prelude" in c["source"]]
    after = [c for c in code if c["index"] not in setup]
    rerun = [c["seconds"] for c in warm["rerun"]]
    floor = warm["rerun"][-1]["seconds"]
    # evcxr compiles the first cell that keeps a variable much more slowly, once per kernel.
    first_let = after[0]["index"] if after else None
    slow = sorted(((c["seconds"], c["index"]) for c in after if c["index"] != first_let), reverse=True)[:3]
    return {
        "browser": browser_first_result(stem) if browser else None,
        "stem": stem,
        "cold": cold.get("first_output_seconds"),
        "warm": warm.get("first_output_seconds"),
        "first_result": first_result_seconds(warm, setup),
        "spare": spare.get("first_output_seconds"),
        "spare_result": first_result_seconds(spare, setup),
        "first_let": next((c["seconds"] for c in after if c["index"] == first_let), None),
        "median": statistics.median(rerun[:-1]),
        "floor": floor,
        "slow": slow,
    }


def warm_pool_for_this_crate():
    """Warm the kernel pool first if it was warmed for another version of the
    crate, as set-up does: otherwise kernels start without the prelude, spares
    decline, and every warm number here comes out seconds worse than a learner's."""
    import kernel_launcher

    if not kernel_launcher.warm_crate_matches():
        print("the kernel pool was warmed for another version of the crate; warming it first (as set-up does)",
              file=sys.stderr)
        subprocess.run([PY, str(ROOT / "scripts" / "kernel_launcher.py"), "--warm-up"], check=True,
                       stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stems", nargs="*")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--no-browser", action="store_true", help="leave out the JupyterLab column")
    args = ap.parse_args()
    stems = args.stems or course.stems()
    warm_pool_for_this_crate()
    head = ["lesson", "cold first output s", "warm first output s", "first result s", "spare first output s",
            "spare first result s", "first `let` cell s",
            "re-run median s", "one-let floor s", "median/floor", "slowest other cells s (cell)",
            "JupyterLab first result s"]
    print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    over = []
    loads = [os.getloadavg()[0]]
    for stem in stems:
        m = measure(stem, not args.no_browser)
        loads.append(os.getloadavg()[0])
        slow = ", ".join(f"{s:.2f} ({i})" for s, i in m["slow"])
        browser = "—" if m["browser"] is None else f"{m['browser']:.1f}"
        cells = [stem, f"{m['cold']:.1f}", f"{m['warm']:.1f}", f"{m['first_result']:.1f}", f"{m['spare']:.1f}",
                 f"{m['spare_result']:.1f}", f"{m['first_let']:.2f}",
                 f"{m['median']:.2f}", f"{m['floor']:.2f}", f"{m['median'] / m['floor']:.2f}", slow, browser]
        print("| " + " | ".join(cells) + " |", flush=True)
        if m["browser"] is not None and m["browser"] > 5:
            over.append(f"{stem}: first result {m['browser']:.1f} s after opening it in JupyterLab (goal 5 s)")
        if m["slow"] and m["slow"][0][0] > 1:
            over.append(f"{stem}: cell {m['slow'][0][1]} took {m['slow'][0][0]:.2f} s (goal: no cell over 1 s)")
        if m["median"] > 1.2 * m["floor"]:
            over.append(f"{stem}: re-run median {m['median'] / m['floor']:.2f}x the one-let floor (goal 1.2x)")
    print(f"\nload average (1 min) while measuring: {min(loads):.2f} to {max(loads):.2f} on {os.cpu_count()} cores")
    print("over a goal:\n" + "\n".join("  " + o for o in over) if over else "every figure within its goal")


if __name__ == "__main__":
    main()
