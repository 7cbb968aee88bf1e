#!/usr/bin/env python3
"""Check the spare kernels (scripts/kernel_spare.py) on the real evcxr kernel.

Starts a spare as JupyterLab's server extension does, then, through
jupyter_client and the `rust` kernelspec (scripts/kernel_launcher.py), as
JupyterLab does: a new kernel is handed the spare and answers at once; cells,
a panic's message, a variable kept across cells, an interrupt and a restart all
pass through the spare's relay; a claim for a changed crate is declined; and
when the watched process (the Jupyter server) ends, no kernel is left behind.
Prints one line per check and "spare check: all passed"; exits 1 on a failure.

It checks behaviour, never speed: every wait is a hang guard (HANG_GUARD
seconds), long enough that only a kernel that never answers trips it, and the
times it sees are printed for the log (bench/latency.py measures them).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import kernel_spare  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402

FAILED = []
HANG_GUARD = 120  # seconds; only a hang takes this long, even on a busy machine


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what, flush=True)
    if not ok:
        FAILED.append(what)


def run(kc, code, timeout=HANG_GUARD):
    """Execute `code`; returns (reply status, text of every output)."""
    out = []

    def hook(msg):
        c = msg["content"]
        if msg["msg_type"] == "stream":
            out.append(c["text"])
        elif msg["msg_type"] in ("execute_result", "display_data"):
            out.append(c["data"].get("text/plain", ""))
        elif msg["msg_type"] == "error":
            out.append(" ".join(c.get("traceback", [])) or c.get("evalue", ""))

    reply = kc.execute_interactive(code, output_hook=hook, timeout=timeout)
    time.sleep(0.2)  # stderr may trail the reply (see tests/kernel.rs)
    while kc.iopub_channel.msg_ready():
        hook(kc.get_iopub_msg(timeout=1))
    return reply["content"]["status"], "".join(out)


def spare_kernels():
    """evcxr processes started by spares (they run on a spare-kernel-*.json file)."""
    found = subprocess.run(["pgrep", "-f", "evcxr_jupyter --control_file .*spare-kernel-"],
                           capture_output=True, text=True).stdout.split()
    return [pid for pid in found if int(pid) != os.getpid()]


def wait_until(predicate, timeout, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def main():
    server = subprocess.Popen(["sleep", "600"])  # stands for the Jupyter server the spares watch
    os.environ["BACKPROP_SPARES_WATCH"] = str(server.pid)
    kernel_spare.start_spare(server.pid)
    check(wait_until(lambda: kernel_spare.status() >= 1, HANG_GUARD), "a spare kernel gets ready")

    km = KernelManager(kernel_name="rust")
    t0 = time.monotonic()
    km.start_kernel(cwd=str(ROOT / "notebooks"))  # Jupyter starts a kernel in its notebook's folder
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=HANG_GUARD)
    ready = time.monotonic() - t0
    print(f"  (a new kernel was handed the spare and answered in {ready:.1f} s; a fresh evcxr takes 6 s or more)")

    status, text = run(kc, "course_kernel_ready")
    check(status == "ok" and "true" in text, f"the spare had the course crate loaded already: {text.strip()!r}")
    status, text = run(kc, ':dep backprop = { path = "../crates/backprop" }')
    check(status == "ok", f"a lesson's `:dep` cell, relative to notebooks/, runs: {text.strip()[:200]!r}")
    status, text = run(kc, "use backprop::prelude::*;\nlet kept = 42;")
    check(status == "ok", "a cell runs and keeps a variable")
    status, text = run(kc, "let layer = Linear::from_weights(array![[1.0, 2.0]], array![0.5]);\n"
                           "layer.clone().forward(&array![[1.0, 2.0, 3.0]]);")
    check("panicked in this cell:" in text and "Linear::forward" in text and "[1, 3]" in text,
          f"a panic's message reaches the cell through the hook the kernel starts with: {text.strip()[:120]!r}")
    status, text = run(kc, "kept")
    check(status == "ok" and "42" in text, f"the learner's variable survives the panic: {text.strip()!r}")

    msg_id = kc.execute("std::thread::sleep(std::time::Duration::from_secs(3600));")
    time.sleep(3)
    t0 = time.monotonic()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=HANG_GUARD)  # the cell sleeps an hour: a reply now is the interrupt's
    check(reply["parent_header"].get("msg_id") == msg_id,
          f"an interrupt stops a running cell ({time.monotonic() - t0:.1f} s)")
    while kc.iopub_channel.msg_ready():
        kc.get_iopub_msg(timeout=1)
    status, text = run(kc, "1 + 1")
    check(status == "ok" and "2" in text, "the kernel runs cells after the interrupt")

    t0 = time.monotonic()
    km.restart_kernel()
    kc.wait_for_ready(timeout=HANG_GUARD)
    status, text = run(kc, "course_kernel_ready")
    check(status == "ok" and "true" in text,
          f"a restarted kernel is warm too ({time.monotonic() - t0:.1f} s from the restart to its first result)")
    status, text = run(kc, "kept")
    check(status != "ok" or "42" not in text, "a restart starts from a clean kernel")
    status, text = run(kc, 'panic!("after the restart");')
    check("panicked in this cell:" in text, f"a restarted kernel has the panic hook too: {text.strip()[:120]!r}")
    kc.stop_channels()
    km.shutdown_kernel()
    check(not km.is_alive(), "the kernel shuts down")

    # The next spare (started when the first was claimed) declines a changed crate, and stops.
    check(wait_until(lambda: kernel_spare.status() >= 1, HANG_GUARD), "a new spare gets ready for the next lesson")
    path = next(iter(sorted(kernel_spare.pool.POOL.glob("spare-*.sock"))), None)
    request = {"fingerprint": kernel_spare.pool.crate_fingerprint(), "connection": {}, "wait": False, "cwd": "/tmp"}
    conn, reply = kernel_spare.ask(path, request, 5)
    check(reply is not None and not reply.get("ok") and "elsewhere" in reply.get("reason", ""),
          f"a spare declines a notebook outside notebooks/ (its `:dep` path would not resolve): {reply}")
    if conn:
        conn.close()
    check(kernel_spare.status() >= 1, "and stays for the next lesson")
    conn, reply = kernel_spare.ask(path, dict(request, fingerprint="changed"), 5)
    check(reply is not None and not reply.get("ok") and "changed" in reply.get("reason", ""),
          f"a spare declines a claim for a changed crate: {reply}")
    if conn:
        conn.close()

    server.kill()
    server.wait()
    check(wait_until(lambda: not spare_kernels(), HANG_GUARD), "no kernel is left once the watched server has ended")
    if FAILED:
        print(f"spare check: {len(FAILED)} failed")
        return 1
    print("spare check: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
