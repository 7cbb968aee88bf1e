#!/usr/bin/env python3
"""Execute a lesson notebook on the real evcxr kernel through nbclient.

Used by scripts/lessons.sh (store outputs, re-run with other numbers) and by
the Rust tests (tests/harness/, which read the JSON report and assert on it).

    nbrun.py NOTEBOOK [--report R.json] [--store] [--html OUT.html]
                      [--rerun] [--override CELL=FILE ...] [--timeout S]
                      [--param NAME=VALUE ...] [--save-executed OUT.ipynb] [--cold]
                      [--list-params]

The job is split in three: this file is the command line; nbrun_phases.py runs
the phases (fresh, rerun, override) in one kernel and writes the report;
nbrun_cells.py runs cells and records what they showed. Parameters are
injected as papermill does (backprop_course.parameters, python/); --html
exports the fresh run with the course's exporter (backprop_course.exporter),
as JupyterLab's Save and Export Notebook As → Course does.
"""
import argparse
import json
import os
import sys
from pathlib import Path

import nbformat
from backprop_course.exporter import CourseExporter
from backprop_course.parameters import ParameterError, inject_parameters, parameters_of

import nbrun_phases


def export_page(nb, path, out):
    """The course's page of the executed notebook `nb` (read from `path`) in `out`."""
    resources = {"metadata": {"name": path.stem, "path": str(path.parent)}}
    body, _ = CourseExporter().from_notebook_node(nb, resources=resources)
    Path(out).write_text(body, encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("--report")
    ap.add_argument("--store", action="store_true", help="write the fresh outputs back into the notebook")
    ap.add_argument("--html", help="export the freshly executed notebook to this HTML file (the course's page)")
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
        try:
            inject_parameters(nb, [p.split("=", 1) for p in args.param])
        except ParameterError as e:
            sys.exit(f"nbrun.py: {e}")
    overrides = []
    for spec in args.override:
        cell, file = spec.split("=", 1)
        overrides.append((int(cell), Path(file).read_text()))
    report, executed = nbrun_phases.run(nb, path, args.timeout, args.rerun, overrides)

    log = nbrun_phases.log
    if args.store and (problem := nbrun_phases.failed_with_parameters(report)):
        # A lesson never stores an error: a compile error or a panic stored as output would read as
        # the lesson's own text, and a later check of stale outputs would find it "fresh".
        print(f"nbrun.py: {problem.replace('with these parameters, ', '', 1)}", file=sys.stderr)
        print(f"nbrun.py: nothing was stored in {path}", file=sys.stderr)
        return 1
    if args.store:
        for cell in executed.cells:
            cell.metadata.pop("execution", None)
        nbformat.write(executed, path)
        log(f"stored outputs in {path}")
    if args.param and (problem := nbrun_phases.failed_with_parameters(report)):
        print(f"nbrun.py: {problem}", file=sys.stderr)
        print("nbrun.py: nothing was written", file=sys.stderr)
        return 1
    if args.save_executed:
        nbformat.write(executed, args.save_executed)
        log(f"wrote {args.save_executed}")
    if args.html:
        export_page(executed, path, args.html)
        log(f"wrote {args.html}")
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=1))
    failed = [r for r in report["fresh"] if r["error"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
