"""The phases of one notebook run, all in one kernel, and their report.

  fresh     every cell once, top to bottom (what --store writes back);
  rerun     every code cell once more (a re-run must print the same);
  override  for each (CELL, SOURCE): that cell's source replaced, then it and
            every code cell below it run.

`run(nb, path, timeout, rerun, overrides)` returns the report (the format
tests/harness/report.rs reads: the stored outputs, each phase's cell records,
the kernel's start-up seconds, the seconds to the first output) and the
notebook as the fresh run left it. The kernel starts through the `rust`
kernelspec, so it takes a warm build directory from the pool as a learner's
kernel does (scripts/kernel_launcher.py).
"""
import copy
import os
import sys
import time

from nbclient import NotebookClient

from nbrun_cells import normalise, run_cells

STARTUP_TIMEOUT = int(os.environ.get("KERNEL_STARTUP_TIMEOUT", "300"))  # seconds


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(nb, path, timeout, rerun=False, overrides=()):
    """Run `nb` (read from `path`) in the phases above: (report, executed notebook)."""
    stored = {i: [normalise(o) for o in c.outputs] for i, c in enumerate(nb.cells) if c.cell_type == "code"}
    client = NotebookClient(
        nb,
        kernel_name="rust",
        timeout=timeout,
        # A hang guard, not a speed limit: on a busy machine evcxr can take well
        # over nbclient's default 60 s to answer its first message.
        startup_timeout=STARTUP_TIMEOUT,
        allow_errors=True,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    report = {"notebook": str(path), "timeout": timeout, "stored": {str(i): o for i, o in stored.items()}}
    t0 = time.monotonic()
    with client.setup_kernel():
        report["kernel_start_seconds"] = time.monotonic() - t0
        code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
        log(f"{path.name}: fresh run")
        fresh = run_cells(client, nb, code, log)
        report["fresh"] = fresh
        first = next((r for r in fresh if r["outputs"]), None)
        if first is not None:
            done = sum(r["seconds"] for r in fresh if r["index"] <= first["index"])
            report["first_output_seconds"] = report["kernel_start_seconds"] + done
        executed = copy.deepcopy(nb)
        ok = all(r["error"] is None for r in fresh)
        if ok and rerun:
            log(f"{path.name}: re-run of every code cell")
            report["rerun"] = run_cells(client, copy.deepcopy(nb), code, log)
        report["overrides"] = []
        for start, source in overrides if ok else []:
            work = copy.deepcopy(executed)
            work.cells[start].source = source
            log(f"{path.name}: override of cell {start}")
            recs = run_cells(client, work, [i for i in code if i >= start], log)
            report["overrides"].append({"cell": start, "cells": recs})
    report["total_seconds"] = time.monotonic() - t0
    return report, executed


def failed_with_parameters(report):
    """The first cell of the fresh run that failed, panicked or wrote to stderr, as a message; or None.

    A cell tagged `raises-exception` (as nbclient and JupyterLab read the tag) shows an
    error on purpose: its error output is expected, and it fails if it shows none."""
    for r in report["fresh"]:
        raises = "raises-exception" in r["tags"]
        bad = r["error"] or any(
            (o.get("output_type") == "error" and not raises)
            or o.get("name") == "stderr"
            or str(o.get("text", "")).lstrip().startswith("panicked")
            for o in r["outputs"]
        )
        if raises and not any(o.get("output_type") == "error" for o in r["outputs"]):
            bad = True
            r = dict(r, error=r["error"] or "tagged raises-exception, but it showed no error")
        if bad:
            # Everything the cell showed: a panic's message arrives as several stream outputs.
            message = r["error"] or "".join(o.get("evalue") or o.get("text") or "" for o in r["outputs"])
            return f"with these parameters, cell {r['index']} failed:\n{r['source']}\n---\n{message.strip()}"
    return None
