#!/usr/bin/env python3
"""Execute a lesson notebook on the real evcxr kernel through nbclient.

Used by scripts/lessons.sh (store outputs, export HTML) and by the Rust test
tests/notebooks.rs (which reads the JSON report and asserts on it).

    nbrun.py NOTEBOOK [--report R.json] [--store] [--html OUT.html]
                      [--rerun] [--override CELL=FILE ...] [--timeout S]
                      [--param NAME=VALUE ...] [--save-executed OUT.ipynb] [--cold]

The kernel starts through the `rust` kernelspec, so it takes a warm build
directory from the pool as a learner's kernel does (scripts/kernel_launcher.py).

Phases, all in one kernel:
  fresh     every cell once, top to bottom (what --store writes back);
  rerun     every code cell once more (a re-run must print the same);
  override  for each CELL=FILE: replace that cell's source with FILE's text,
            then run it and every code cell below it.
Parameters, as papermill does it: each --param NAME=VALUE finds the `parameters`
cell that defines `let NAME` and puts a cell tagged `injected-parameters` right
after it, which shadows the old value (`let x = -1.5;`). A parameter keeps the
type annotation of its definition, and a whole number given for a float becomes
a float. Any other VALUE is taken as a Rust expression (`-p x "array![1.0, 2.0]"`).
A name is looked for in the first parameters cell that defines it; NAME@K looks
in the K-th parameters cell only (`-p x@2 "array![0.5, 1.0]"`).

The report records each cell's outputs (normalised: type, stream name, text,
rich data), its stored outputs, its seconds, the time from kernel start to the
first output, and any timeout or dead kernel.

Late output: evcxr 0.22 forwards a cell's stderr from a thread that is not
synchronised with the end of the cell, so a panic message can arrive after the
cell has finished and be tagged with the next cell's request. After each cell
the runner listens for a short grace period (LATE_OUTPUT_GRACE seconds) before
sending the next cell, and attaches whatever arrives to the cell it belongs to.
"""
import argparse
import copy
import json
import os
import sys
import time
from pathlib import Path

import queue
import re

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync

LATE_OUTPUT_GRACE = float(os.environ.get("LATE_OUTPUT_GRACE", "0.15"))

ROOT = Path(__file__).resolve().parent.parent


def rust_value(old, value):
    """VALUE as Rust source, in the style of the definition it replaces (`old`)."""
    number = re.fullmatch(r"[-+]?\d+", value)
    old_is_float = re.fullmatch(r"[-+]?(\d+\.\d*|\d*\.\d+|\d+)([eE][-+]?\d+)?(f64)?", old.strip()) and re.search(r"[.eE]", old)
    if number and old_is_float:
        return value + ".0"
    if old.strip().startswith('"') and not value.startswith('"'):
        return json.dumps(value)
    return value


def parameters_of(nb):
    """Every `let` of the notebook's parameters cells: (cell number from 1, name, type, value)."""
    found = []
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    for k, cell in enumerate(cells, 1):
        for m in re.finditer(r"^\s*let\s+(?:mut\s+)?(\w+)\s*(?::\s*([^=]+?))?\s*=\s*(.+?);", cell.source, re.M | re.S):
            name, ty, value = m.group(1), m.group(2), " ".join(m.group(3).split())
            found.append((k, name, ty.strip() if ty else infer_type(value), value))
    return found


def infer_type(value):
    """The type Rust gives an unannotated literal, as a learner would read it."""
    if re.fullmatch(r"[-+]?\d+", value):
        return "integer"
    if re.fullmatch(r"[-+]?(\d+\.\d*|\d*\.\d+)([eE][-+]?\d+)?", value):
        return "f64"
    if value.startswith("array![["):
        return "Array2<f64>"
    if value.startswith("array!["):
        return "Array1<f64>"
    if value.startswith("["):
        return "array"
    return "expression"


INTEGER_TYPES = {"u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "integer"}


def check_value(name, ty, value):
    """A message if VALUE cannot be a `ty`, else None."""
    if ty in INTEGER_TYPES and not re.fullmatch(r"[-+]?\d+", value):
        return f"`{name}` is a whole number ({ty}), and {value!r} is not one"
    if ty.startswith("u") and ty in INTEGER_TYPES and value.startswith("-"):
        return f"`{name}` is an unsigned whole number ({ty}), and {value!r} is negative"
    if ty == "f64" and not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", value):
        return f"`{name}` is a number (f64), and {value!r} is not one"
    return None


def inject_parameters(nb, params):
    """Put an `injected-parameters` cell after each parameters cell that defines one of
    `params`. NAME is looked for in the first parameters cell that defines it; NAME@K
    looks only in the K-th parameters cell (when two cells define the same name)."""
    injected = {}
    param_cells = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    for spec, value in params:
        name, _, k = spec.partition("@")
        where = param_cells if not k else param_cells[int(k) - 1 : int(k)]
        pattern = re.compile(rf"^\s*let\s+(mut\s+)?{re.escape(name)}\s*(:\s*(?P<ty>[^=]+?))?\s*=\s*(?P<old>.+?);\s*(//.*)?$", re.M)
        for i in where:
            cell = nb.cells[i]
            if m := pattern.search(cell.source):
                declared = m.group("ty").strip() if m.group("ty") else infer_type(" ".join(m.group("old").split()))
                if problem := check_value(name, declared, value):
                    sys.exit(f"nbrun.py: {problem}")
                ty = f": {m.group('ty').strip()}" if m.group("ty") else ""
                injected.setdefault(i, []).append(f"let {name}{ty} = {rust_value(m.group('old'), value)};")
                break
        else:
            known = sorted(set(re.findall(r"^\s*let\s+(?:mut\s+)?(\w+)", "\n".join(c.source for c in nb.cells if "parameters" in c.metadata.get("tags", [])), re.M)))
            sys.exit(f"nbrun.py: no parameters cell defines `{name}`; this lesson's parameters are {', '.join(known)}")
    for i in sorted(injected, reverse=True):
        source = "// Parameters injected from the command line\n" + "\n".join(injected[i])
        cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
        nb.cells.insert(i + 1, cell)
    nb.metadata["parameters"] = dict(params)


def normalise(output):
    """What a reader sees of one output: its type, stream name, text and rich data."""
    keep = {"output_type": output.get("output_type")}
    for key in ("name", "text", "ename", "evalue"):
        if key in output:
            keep[key] = output[key]
    if "data" in output:
        keep["data"] = {mime: value if isinstance(value, str) else json.dumps(value) for mime, value in output["data"].items()}
    return keep


def attach_late_output(client, cell):
    """Collect stream output that arrives within the grace period after a cell
    finished, attach it to that cell, and return how many messages came late."""
    late = 0
    while True:
        try:
            msg = run_sync(client.kc.get_iopub_msg)(timeout=LATE_OUTPUT_GRACE)
        except queue.Empty:
            return late
        if msg["msg_type"] == "stream":
            late += 1
            content = msg["content"]
            cell.outputs.append(nbformat.v4.new_output("stream", name=content["name"], text=content["text"]))


def run_cells(client, nb, indices, log):
    """Run the code cells at `indices`; return per-cell records."""
    records = []
    for i in indices:
        cell = nb.cells[i]
        if cell.cell_type != "code":
            continue
        start = time.monotonic()
        error = None
        late = 0
        try:
            client.execute_cell(cell, i)
            seconds = time.monotonic() - start
            late = attach_late_output(client, cell)
        except CellTimeoutError:
            error = f"timeout after {client.timeout} s"
        except DeadKernelError as e:
            error = f"kernel died: {e}"
        if error:
            seconds = time.monotonic() - start
        log(f"  cell {i}: {seconds:.2f} s" + (f"  ERROR {error}" if error else ""))
        records.append(
            {
                "index": i,
                "source": cell.source,
                "tags": cell.metadata.get("tags", []),
                "execution_count": cell.get("execution_count"),
                "outputs": [normalise(o) for o in cell.outputs],
                "late_outputs": late,
                "seconds": seconds,
                "error": error,
            }
        )
        if error:
            break
    return records


STARTUP_TIMEOUT = int(os.environ.get("KERNEL_STARTUP_TIMEOUT", "300"))  # seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("--report")
    ap.add_argument("--store", action="store_true", help="write the fresh outputs back into the notebook")
    ap.add_argument("--html", help="export the freshly executed notebook to this HTML file")
    ap.add_argument("--rerun", action="store_true")
    ap.add_argument("--override", action="append", default=[], metavar="CELL=FILE")
    ap.add_argument(
        "--cold",
        action="store_true",
        help="start the kernel in a fresh build directory instead of a warm one from the pool "
        "(scripts/kernel_launcher.py), as a kernel without the course's launcher would",
    )
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("CELL_TIMEOUT", "600")))
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="inject a parameter value")
    ap.add_argument("--save-executed", metavar="OUT.ipynb", help="write the executed notebook here")
    ap.add_argument("--list-params", action="store_true", help="print the parameters and exit")
    args = ap.parse_args()

    path = Path(args.notebook).resolve()
    if args.cold:
        os.environ["BACKPROP_NO_POOL"] = "1"
        os.environ.pop("EVCXR_TMPDIR", None)
    nb = nbformat.read(path, as_version=4)
    if args.list_params:
        for k, name, ty, value in parameters_of(nb):
            print(f"parameters cell {k}: {name}: {ty} = {value}")
        return 0
    if args.param and args.store:
        sys.exit("nbrun.py: --param and --store do not go together: a lesson stores its own parameters")
    if args.param:
        inject_parameters(nb, [p.split("=", 1) for p in args.param])
    stored = {i: [normalise(o) for o in c.outputs] for i, c in enumerate(nb.cells) if c.cell_type == "code"}
    log = lambda msg: print(msg, file=sys.stderr, flush=True)
    client = NotebookClient(
        nb,
        kernel_name="rust",
        timeout=args.timeout,
        # A hang guard, not a speed limit: on a busy machine evcxr can take well
        # over nbclient's default 60 s to answer its first message.
        startup_timeout=STARTUP_TIMEOUT,
        allow_errors=True,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    report = {"notebook": str(path), "timeout": args.timeout, "stored": {str(i): o for i, o in stored.items()}}
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
        if ok and args.rerun:
            log(f"{path.name}: re-run of every code cell")
            report["rerun"] = run_cells(client, copy.deepcopy(nb), code, log)
        report["overrides"] = []
        for spec in args.override if ok else []:
            cell_s, file_s = spec.split("=", 1)
            start = int(cell_s)
            work = copy.deepcopy(executed)
            work.cells[start].source = Path(file_s).read_text()
            log(f"{path.name}: override of cell {start}")
            recs = run_cells(client, work, [i for i in code if i >= start], log)
            report["overrides"].append({"cell": start, "cells": recs})
    report["total_seconds"] = time.monotonic() - t0

    if args.store:
        for cell in executed.cells:
            cell.metadata.pop("execution", None)
        nbformat.write(executed, path)
        log(f"stored outputs in {path}")
    if args.param:
        failed = [r for r in report["fresh"] if r["error"] or any(
            o.get("output_type") == "error" or o.get("name") == "stderr" or str(o.get("text", "")).lstrip().startswith("panicked")
            for o in r["outputs"])]
        if failed:
            r = failed[0]
            # Everything the cell showed: a panic's message arrives as several stream outputs.
            message = r["error"] or "".join(o.get("evalue") or o.get("text") or "" for o in r["outputs"])
            print(f"nbrun.py: with these parameters, cell {r['index']} failed:\n{r['source']}\n---\n{message.strip()}", file=sys.stderr)
            print("nbrun.py: nothing was written", file=sys.stderr)
            return 1
    if args.save_executed:
        nbformat.write(executed, args.save_executed)
        log(f"wrote {args.save_executed}")
    if args.html:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from build_site import export_html

        export_html(executed, args.html)
        log(f"wrote {args.html}")
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=1))
    failed = [r for r in report["fresh"] if r["error"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
