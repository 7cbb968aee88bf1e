#!/usr/bin/env python3
"""One training epoch in PyTorch (CPU, one thread, float64), for bench/compare.py.

    PYTHON_WITH_TORCH bench/torch_epochs.py CASES.json NAME STEPS

Reads the cases exported by `cargo run --release --example epochs -- dump`,
builds the same network from the same initial weights, and prints
{"us_per_step": ..., "final_loss": ...} for STEPS epochs (after an untimed
warm-up run of the same length from the same start).
"""
import json
import sys
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)


def build(case):
    layers = []
    n = len(case["layers"])
    for k, l in enumerate(case["layers"]):
        w = torch.tensor(l["w"])
        lin = torch.nn.Linear(w.shape[1], w.shape[0])
        with torch.no_grad():
            lin.weight.copy_(w)
            lin.bias.copy_(torch.tensor(l["b"]))
        layers.append(lin)
        act = case["hidden"] if k + 1 < n else case["output"]
        if act != "identity":
            layers.append({"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid}[act]())
    return torch.nn.Sequential(*layers)


def run(case, steps):
    model = build(case)
    x, y = torch.tensor(case["x"]), torch.tensor(case["y"])
    loss_fn = torch.nn.BCELoss() if case["loss"] == "bce" else torch.nn.MSELoss()
    opt = torch.optim.SGD(model.parameters(), lr=case["lr"])
    loss = None
    t0 = time.perf_counter()
    for _ in range(steps):
        loss = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return time.perf_counter() - t0, loss.item()


def main():
    cases = {c["name"]: c for c in json.load(open(sys.argv[1]))}
    case, steps = cases[sys.argv[2]], int(sys.argv[3])
    run(case, steps)
    seconds, loss = run(case, steps)
    print(json.dumps({"us_per_step": seconds / steps * 1e6, "final_loss": loss}))


if __name__ == "__main__":
    main()
