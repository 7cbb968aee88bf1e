"""Running a notebook's code cells on a live kernel, and what each one showed.

Used by nbrun.py. `run_cells` executes cells through an nbclient client and
returns one record per cell (the report's format, read by tests/harness/):
its index, source, tags, execution count, outputs (normalised: type, stream
name, text, rich data), how many messages came late, its seconds, and a
timeout or dead kernel if any.

Late output: evcxr 0.22 forwards a cell's stderr from a thread that is not
synchronised with the end of the cell, so a panic message can arrive after the
cell has finished and be tagged with the next cell's request. After each cell
the runner listens for a short grace period (LATE_OUTPUT_GRACE seconds) before
sending the next cell, and attaches whatever arrives to the cell it belongs to.
"""
import json
import os
import queue
import time

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync

LATE_OUTPUT_GRACE = float(os.environ.get("LATE_OUTPUT_GRACE", "0.15"))


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
    """Run the code cells at `indices`, stopping at a timeout or a dead kernel; return per-cell records."""
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
            seconds = time.monotonic() - start  # the cell itself, without the grace period
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
