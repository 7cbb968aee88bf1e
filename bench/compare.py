#!/usr/bin/env python3
"""Times one training epoch of five networks on three paths, side by side:
the crate's autograd engine, its hand-written delta rule (both in a release
build), and the same epoch written by hand in NumPy, all from the same initial
weights and data (exported by the Rust example `epochs`). Rounds are
interleaved (engine, hand, NumPy, next network, ...) so that a busy machine
slows every path alike; each number is the median over the rounds.

    .venv/bin/python bench/compare.py [--rounds 7] [--markdown] [--torch PYTHON]

--torch PYTHON adds PyTorch (CPU, one thread, float64) through bench/torch_epochs.py
run by PYTHON, an interpreter that has torch installed (it is not in
requirements.txt: the wheel and its libraries are several gigabytes).

An epoch is forward, loss, zero_grad, backward, step. Every path must reach the
same final loss (relative difference below 1e-9), or the script fails.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EXE = ROOT / "target" / "release" / "examples" / "epochs"
# Steps per timed run: enough for about 20-50 ms on the slowest path.
STEPS = {"line": 20000, "essential": 10000, "day3-mlp": 20000, "xor": 20000, "big": 100}


def act(name, z):
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    return z


def act_slope(name, z, a):
    if name == "relu":
        return (z > 0).astype(z.dtype)
    if name == "tanh":
        return 1.0 - a * a
    if name == "sigmoid":
        return a * (1.0 - a)
    return np.ones_like(z)


def numpy_run(case, steps):
    """`steps` epochs in NumPy by hand; returns (seconds, final loss)."""
    x, y, lr = np.array(case["x"]), np.array(case["y"]), case["lr"]
    ws = [np.array(l["w"]) for l in case["layers"]]  # out × in, as PyTorch
    bs = [np.array(l["b"]) for l in case["layers"]]
    n = len(ws)
    acts = [case["hidden"]] * (n - 1) + [case["output"]]
    bce = case["loss"] == "bce"
    loss = float("nan")
    t0 = time.perf_counter()
    for _ in range(steps):
        zs, As = [], [x]
        for l in range(n):
            z = As[-1] @ ws[l].T + bs[l]
            zs.append(z)
            As.append(act(acts[l], z))
        y_hat = As[-1]
        if bce:
            p = np.clip(y_hat, 1e-12, 1 - 1e-12)
            loss = float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))
            dy = (y_hat - y) / (np.clip(y_hat * (1 - y_hat), 1e-12, None)) / y.size
        else:
            loss = float(np.mean((y_hat - y) ** 2))
            dy = 2.0 * (y_hat - y) / y.size
        delta = dy * act_slope(acts[-1], zs[-1], As[-1])
        for l in range(n - 1, -1, -1):
            gw = delta.T @ As[l]
            gb = delta.sum(axis=0)
            if l > 0:
                delta = (delta @ ws[l]) * act_slope(acts[l - 1], zs[l - 1], As[l])
            ws[l] -= lr * gw
            bs[l] -= lr * gb
    return time.perf_counter() - t0, loss


def rust_run(name, path, steps):
    out = subprocess.run([str(EXE), "time", name, path, str(steps)], check=True, capture_output=True, text=True)
    r = json.loads(out.stdout)
    return r["us_per_step"], r["final_loss"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--markdown", action="store_true", help="print the table as markdown (for environment.md)")
    ap.add_argument("--torch", metavar="PYTHON", help="an interpreter with torch, to time PyTorch too")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "backprop", "--example", "epochs"], cwd=ROOT, check=True)
    dump = subprocess.run([str(EXE), "dump"], check=True, capture_output=True, text=True).stdout
    cases = json.loads(dump)
    paths = ("engine", "hand", "numpy") + (("torch",) if args.torch else ())
    times = {(c["name"], p): [] for c in cases for p in paths}
    dump_file = ROOT / "target" / "bench-cases.json"
    dump_file.write_text(dump)
    losses = {}
    for round_ in range(args.rounds):
        for c in cases:
            steps = STEPS[c["name"]]
            for path in ("engine", "hand"):
                us, loss = rust_run(c["name"], path, steps)
                times[(c["name"], path)].append(us)
                losses[(c["name"], path)] = loss
            numpy_run(c, min(steps, 200))  # warm-up
            seconds, loss = numpy_run(c, steps)
            times[(c["name"], "numpy")].append(seconds / steps * 1e6)
            losses[(c["name"], "numpy")] = loss
            if args.torch:
                torch_steps = max(steps // 10, 10)  # PyTorch is slow on small networks: fewer steps, same start
                out = subprocess.run([args.torch, str(ROOT / "bench" / "torch_epochs.py"), str(dump_file), c["name"],
                                      str(torch_steps)], check=True, capture_output=True, text=True)
                torch_run = json.loads(out.stdout)
                times[(c["name"], "torch")].append(torch_run["us_per_step"])
                _, engine_loss = rust_run(c["name"], "engine", torch_steps)
                if abs(torch_run["final_loss"] - engine_loss) > 1e-9 * abs(engine_loss):
                    sys.exit(f"{c['name']}: PyTorch ends at loss {torch_run['final_loss']!r}, the engine at {engine_loss!r}")
        print(f"round {round_ + 1} of {args.rounds} done", file=sys.stderr)
    bad = []
    rows = []
    for c in cases:
        name = c["name"]
        med = {p: statistics.median(times[(name, p)]) for p in paths}
        ref = losses[(name, "numpy")]
        for p in ("engine", "hand"):
            if abs(losses[(name, p)] - ref) > 1e-9 * max(abs(ref), 1e-300):
                bad.append(f"{name}: {p} ends at loss {losses[(name, p)]!r}, NumPy at {ref!r}")
        rows.append((name, med, ref))
    sep = " | " if args.markdown else "  "
    head = ["network", "engine µs", "hand µs", "NumPy µs", "NumPy/engine", "NumPy/hand"]
    head += ["PyTorch µs (1 thread)", "PyTorch/engine"] if args.torch else []
    head += ["final loss"]
    if args.markdown:
        print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    else:
        print(sep.join(f"{h:>12}" for h in head))
    for name, med, ref in rows:
        cells = [name, f"{med['engine']:.2f}", f"{med['hand']:.2f}", f"{med['numpy']:.2f}",
                 f"{med['numpy'] / med['engine']:.1f}×", f"{med['numpy'] / med['hand']:.1f}×"]
        if args.torch:
            cells += [f"{med['torch']:.2f}", f"{med['torch'] / med['engine']:.1f}×"]
        cells += [f"{ref:.6g}"]
        print(("| " + " | ".join(cells) + " |") if args.markdown else sep.join(f"{v:>12}" for v in cells))
    if bad:
        sys.exit("the paths disagree:\n" + "\n".join(bad))
    print(f"all three paths reach the same final loss (relative 1e-9); medians of {args.rounds} interleaved rounds")


if __name__ == "__main__":
    main()
