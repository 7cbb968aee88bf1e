#!/usr/bin/env python3
"""Check the kernels started ahead of time (scripts/jupyter/warm_kernels.py) on the real evcxr kernel.

First in this process, with the server's kernel manager as a Jupyter server
builds it (WarmKernelManager, one spare, the `rust` kernelspec and its
launcher): a lesson's new kernel is the spare itself, handed over warm, with no
process between Jupyter and evcxr; cells, a panic's message, a variable kept
across cells and an interrupt work on it; a restart takes the next spare; a
notebook outside the lessons' folder and a crate changed since the spare
started get a kernel started as usual (and the stale spare is stopped); a
restart with no spare left starts a warm kernel as usual; shutting the manager
down leaves no process. Then with a real `jupyter server` (the virtualenv's,
configured by set-up): killed outright, it leaves no kernel behind.

Prints one line per check and "warm kernels check: all passed"; exits 1 on a
failure. It checks behaviour, never speed: every wait is a hang guard
(HANG_GUARD seconds), and the times it sees are printed for the log
(bench/latency.py measures them).
"""

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts" / "jupyter"))
import warm_kernels  # noqa: E402
from jupyter_core.utils import ensure_async  # noqa: E402

pool = warm_kernels.pool
FAILED = []
HANG_GUARD = 120  # seconds; only a hang takes this long, even on a busy machine


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what, flush=True)
    if not ok:
        FAILED.append(what)


async def until(predicate, timeout=HANG_GUARD, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(step)
    return predicate()


async def run(kc, code):
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

    reply = await kc.execute_interactive(code, output_hook=hook, timeout=HANG_GUARD)
    await asyncio.sleep(0.2)  # stderr may trail the reply (see tests/kernel.rs)
    while await kc.iopub_channel.msg_ready():
        hook(await kc.get_iopub_msg(timeout=1))
    return reply["content"]["status"], "".join(out)


async def connect(km):
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=HANG_GUARD)
    return kc


def tree(pid):
    """The process `pid` and its descendants."""
    try:
        p = psutil.Process(pid)
        return [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def alive(procs):
    return [p for p in procs if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def spare_pids(mkm):
    return [s.km.provisioner.pid for s in mkm._spares if s.launched and s.km.provisioner]


async def in_process(runtime):
    lessons = ROOT / "notebooks"
    mkm = warm_kernels.WarmKernelManager(spares=1, refill_delay=1, root_dir=str(ROOT), connection_dir=runtime)
    started = time.monotonic()
    check(await until(lambda: mkm.spare_status()[0] >= 1), "a spare kernel gets ready")
    print(f"  (ready {time.monotonic() - started:.1f} s after the manager started)")
    spare_pid = spare_pids(mkm)[0]
    seen = tree(spare_pid)

    t0 = time.monotonic()
    kid = await mkm.start_kernel(kernel_name="rust", path="notebooks")
    km = mkm.get_kernel(kid)
    kc = await connect(km)
    print(f"  (a lesson's new kernel answered {time.monotonic() - t0:.2f} s after it was asked for; "
          "a kernel started then takes 6 s or more)")
    check(km.provisioner.pid == spare_pid, "the lesson's kernel is the spare, handed over")
    check(psutil.Process(spare_pid).name() == "evcxr_jupyter" and str(lessons) == psutil.Process(spare_pid).cwd(),
          "Jupyter talks to evcxr itself (no process in between), running in the lessons' folder")
    check(mkm.list_kernel_ids() == [kid], "the server lists the lesson's kernel and no spare")

    status, text = await run(kc, "course_kernel_ready")
    check(status == "ok" and "true" in text, f"the spare had the course crate loaded already: {text.strip()!r}")
    status, text = await run(kc, ':dep backprop = { path = "../crates/backprop" }')
    check(status == "ok", f"a lesson's `:dep` cell, relative to notebooks/, runs: {text.strip()[:200]!r}")
    status, text = await run(kc, "use backprop::prelude::*;\nshow_panics();\nlet kept = 42;")
    check(status == "ok", "a cell runs and keeps a variable")
    status, text = await run(kc, "let layer = Linear::from_weights(array![[1.0, 2.0]], array![0.5]);\n"
                                 "layer.clone().forward(&array![[1.0, 2.0, 3.0]]);")
    check("Linear::forward" in text and "[1, 3]" in text, f"a panic's message reaches the cell: {text.strip()[:120]!r}")
    status, text = await run(kc, "kept")
    check(status == "ok" and "42" in text, f"the learner's variable survives the panic: {text.strip()!r}")

    msg_id = kc.execute("std::thread::sleep(std::time::Duration::from_secs(3600));")
    await asyncio.sleep(3)
    t0 = time.monotonic()
    await ensure_async(mkm.interrupt_kernel(kid))
    reply = await kc.get_shell_msg(timeout=HANG_GUARD)  # the cell sleeps an hour: a reply now is the interrupt's
    check(reply["parent_header"].get("msg_id") == msg_id,
          f"an interrupt stops a running cell ({time.monotonic() - t0:.1f} s)")
    while await kc.iopub_channel.msg_ready():
        await kc.get_iopub_msg(timeout=1)
    status, text = await run(kc, "1 + 1")
    check(status == "ok" and "2" in text, "the kernel runs cells after the interrupt")
    kc.stop_channels()

    check(await until(lambda: mkm.spare_status()[0] >= 1), "a new spare gets ready for the next lesson")
    spare_pid = spare_pids(mkm)[0]
    seen += tree(spare_pid)
    ports = km.ports
    t0 = time.monotonic()
    await mkm.restart_kernel(kid)
    kc = await connect(km)
    status, text = await run(kc, "course_kernel_ready")
    check(km.provisioner.pid == spare_pid and km.ports != ports and status == "ok" and "true" in text,
          f"a restart takes the spare, on its ports ({time.monotonic() - t0:.1f} s from the restart to its first result)")
    status, text = await run(kc, "kept")
    check(status != "ok" or "42" not in text, "a restart starts from a clean kernel")
    kc.stop_channels()

    check(await until(lambda: mkm.spare_status()[0] >= 1), "and a spare is ready again")
    spare_pid = spare_pids(mkm)[0]
    seen += tree(spare_pid)
    other = await mkm.start_kernel(kernel_name="rust", path="scripts")
    okm = mkm.get_kernel(other)
    seen += tree(okm.provisioner.pid)
    okc = await connect(okm)
    status, text = await run(okc, "1 + 1")
    check(okm.provisioner.pid != spare_pid and status == "ok" and "2" in text and mkm.spare_status()[0] == 1,
          "a notebook outside the lessons' folder gets a kernel of its own, and the spare stays")
    okc.stop_channels()
    await mkm.shutdown_kernel(other)

    real = pool.crate_fingerprint
    warm_kernels.pool.crate_fingerprint = lambda: "a crate edited since the spare started"
    try:
        changed = await mkm.start_kernel(kernel_name="rust", path="notebooks")
    finally:
        warm_kernels.pool.crate_fingerprint = real
    ckm = mkm.get_kernel(changed)
    seen += tree(ckm.provisioner.pid)
    check(ckm.provisioner.pid != spare_pid and await until(lambda: not psutil.pid_exists(spare_pid)),
          "a crate changed since the spare started gets a kernel started as usual, and the stale spare is stopped")
    await mkm.shutdown_kernel(changed)

    ports = km.ports
    await mkm.restart_kernel(kid)
    seen += tree(km.provisioner.pid)
    kc = await connect(km)
    status, text = await run(kc, "course_kernel_ready")
    check(km.ports == ports and status == "ok" and "true" in text,
          "with no spare left, a restart starts a warm kernel as usual, on the same ports")
    kc.stop_channels()

    await mkm.shutdown_all()
    check(await until(lambda: not alive(seen)), f"shutting down leaves no process ({len(seen)} were started)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def killed_server(runtime):
    """A real Jupyter server with one spare, killed outright (SIGKILL): nothing it started may stay."""
    log = []
    env = dict(os.environ, BACKPROP_SPARES="1", JUPYTER_RUNTIME_DIR=runtime)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "server", "--no-browser", "--ip=127.0.0.1",
         f"--port={free_port()}", f"--ServerApp.root_dir={ROOT}", "--IdentityProvider.token="]
        + (["--allow-root"] if os.geteuid() == 0 else []),
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    threading.Thread(target=lambda: log.extend(server.stderr), daemon=True).start()
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline and not any("spare kernel ready" in line for line in log):
        time.sleep(0.3)
    ready = any("spare kernel ready" in line for line in log)
    check(ready and any("WarmKernelManager" in line or "warm_kernels" in line for line in log),
          "a Jupyter server of the virtualenv uses the course's kernel manager and starts a spare")
    procs = tree(server.pid)[1:]
    server.kill()
    server.wait()
    gone = time.monotonic()
    check(procs and asyncio.run(until(lambda: not alive(procs))),
          f"a server killed outright leaves no kernel behind ({len(procs)} processes stopped "
          f"{time.monotonic() - gone:.1f} s after it died)")
    if not ready:
        print("".join(log[-30:]))


def main():
    if not pool.warm_crate_matches():
        print("FAIL  the kernel pool was warmed for another version of the crate: run scripts/setup.sh first")
        return 1
    with tempfile.TemporaryDirectory(prefix="warm-kernels-") as runtime:
        asyncio.run(in_process(runtime))
        killed_server(runtime)
        left = [p.pid for p in psutil.process_iter(["cmdline"]) if re.search(re.escape(runtime), " ".join(p.info["cmdline"] or []))]
        check(not left, f"no process refers to this check's connection files any more: {left}")
    if FAILED:
        print(f"warm kernels check: {len(FAILED)} failed")
        return 1
    print("warm kernels check: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
