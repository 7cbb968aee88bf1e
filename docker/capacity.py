#!/usr/bin/env python3
"""How many learners one machine holds: docker/hub_check.py for N learners at once, for each N.

    sudo .venv/bin/python docker/capacity.py [--learners 1,4,8] [--dir /var/tmp/backprop-class]

Builds the class into DIR once (docker/learner_tools.sh, then docker/build.sh
--prefix DIR/prefix --hub; reused on later runs), then for each N starts a
fresh JupyterHub, starts N learners' servers at once and opens a lesson for
each (hub_check.py, without its 5 s limit: here the times are the result).
Prints one row per N: the first result per learner (median, slowest), the
server's start, the wait for its first kernel, memory per learner (with a
kernel waiting; with the lesson's crate loaded; the peak, while a second lesson
starts a kernel on request), the disk of one learner's build folder, and the
machine's memory and cores, then how many learners fit by memory.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent


def build(dir_):
    prefix = dir_ / "prefix"
    tools = subprocess.run(["bash", str(ROOT / "docker" / "learner_tools.sh"), str(dir_ / "tools")],
                           capture_output=True, text=True, check=True).stdout
    env = dict(os.environ)
    values = dict(line.split("=", 1) for line in tools.splitlines() if "=" in line)
    env.update({k: v for k, v in values.items() if k != "LEARNER_LD_LIBRARY_PATH"})
    env["PATH"] = f"{values['CARGO_HOME']}/bin:{env['PATH']}"
    evcxr = shutil.which("evcxr_jupyter") or str(Path.home() / ".cargo" / "bin" / "evcxr_jupyter")
    if Path(evcxr).exists():
        env.setdefault("EVCXR_JUPYTER", evcxr)  # the one set-up built: not built again
    if not (prefix / "hub" / "node_modules").is_dir():
        print(f"building the class into {prefix} (docker/build.sh --hub)", flush=True)
        subprocess.run(["bash", str(ROOT / "docker" / "build.sh"), "--prefix", str(prefix), "--pool-size", "2", "--hub"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
    return prefix, values["LEARNER_LD_LIBRARY_PATH"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--learners", default="1,4,8")
    ap.add_argument("--dir", default="/var/tmp/backprop-class")
    ap.add_argument("--lesson", default="start-here")
    args = ap.parse_args()
    dir_ = Path(args.dir)
    dir_.mkdir(parents=True, exist_ok=True)
    dir_.chmod(0o755)
    prefix, library = build(dir_)
    slot_mb = sum(f.stat().st_size for f in (prefix / "pool-base" / "0").rglob("*") if f.is_file()) / 1e6
    rows = []
    for n in [int(x) for x in args.learners.split(",")]:
        out = dir_ / f"capacity-{n}.json"
        print(f"--- {n} learner(s) at once", flush=True)
        run = subprocess.run([sys.executable, str(ROOT / "docker" / "hub_check.py"), str(prefix), "--learners", str(n),
                              "--lesson", args.lesson, "--limit", "1e9", "--no-cull", "--json", str(out),
                              "--learner-env", f"LD_LIBRARY_PATH={library}"], capture_output=True, text=True)
        if run.returncode != 0 or not out.exists():
            print(run.stdout[-3000:], run.stderr[-3000:])
            sys.exit(f"capacity: the hub check with {n} learners failed")
        figs = json.loads(out.read_text())
        med = lambda key: statistics.median(f[key] for f in figs)  # noqa: E731
        rows.append({
            "learners": n,
            "first_median_s": med("first_result_s"), "first_slowest_s": max(f["first_result_s"] for f in figs),
            "server_up_s": med("server_up_s"), "kernel_waiting_s": med("kernel_waiting_s"),
            "memory_start_mb": med("memory_start_mb"), "memory_loaded_mb": med("memory_loaded_mb"),
            "memory_peak_mb": max(f["memory_peak_mb"] for f in figs),
            "no_spare_first_s": figs[0]["second_lesson_no_spare_s"],
        })
    total_gb = psutil.virtual_memory().total / 1e9
    print(f"\nthis machine: {os.cpu_count()} cores, {total_gb:.0f} GB; one learner's build folder {slot_mb:.0f} MB of disk")
    print("| learners at once | first result, median / slowest | server up | its first kernel ready after "
          "| memory per learner: kernel waiting / crate loaded / peak | a lesson with no kernel waiting |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['learners']} | {r['first_median_s']:.2f} s / {r['first_slowest_s']:.2f} s | {r['server_up_s']:.0f} s "
              f"| {r['kernel_waiting_s']:.0f} s | {r['memory_start_mb']:.0f} / {r['memory_loaded_mb']:.0f} / "
              f"{r['memory_peak_mb']:.0f} MB | first result after {r['no_spare_first_s']:.0f} s |")
    # A learner with a lesson open holds its kernel and, once refilled, one waiting: the peak.
    steady = max(r["memory_peak_mb"] for r in rows) / 1e3
    print(f"by memory, leaving 2 GB for the system: about {int((total_gb - 2) / steady)} learners on this machine "
          f"({steady:.2f} GB each: a lesson's kernel and one waiting)")
    (dir_ / "capacity.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
