#!/usr/bin/env python3
"""Open a lesson in JupyterLab in headless Chromium and check its plots are drawn.

    browser_check.py STEM [--screenshot PNG] [--run-first] [--then STEM2]

--run-first also runs the lesson's first cells as a learner does (Shift+Enter
on each, from the top) on the `rust` kernelspec set-up registered, and reports
the seconds from the first key press to the first result (the first cell
after the set-up cells showing its output); it fails above --first-output-limit
(5 s). --then STEM2 opens a second lesson while the first one's kernel is still
running and does the same there: both kernels must take warm build directories.

Starts JupyterLab on loopback (no token, a free port), opens notebooks/STEM.ipynb
as a learner would, and waits until the number of plots the course manifest
(notebooks/lessons.json) gives for it are rendered
with visible size and drawn lines (not only axis labels: an untrusted notebook
gets its SVG stripped). Exits 0 on success, 1 with a reason otherwise.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parent.parent
COUNT_JS = """
const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find(p => !p.classList.contains('lm-mod-hidden'));
if (!panel) return [0, 0, 0, ''];
const tab = document.querySelector('.lm-DockPanel-tabBar .lm-mod-current .lm-TabBar-tabLabel');
const outs = [...panel.querySelectorAll('.jp-OutputArea-output')];
let drawn = 0, stripped = 0;
for (const o of outs) {
  const svg = o.querySelector('svg');
  if (!svg) { if (o.textContent.includes('loss') && o.querySelector('div[title^="[figure"]')) stripped++; continue; }
  const r = svg.getBoundingClientRect();
  const lines = [...svg.querySelectorAll('polyline')].filter(p => (p.getAttribute('points') || '').length > 10);
  if (r.width > 100 && r.height > 100 && lines.length > 0) drawn++;
}
return [drawn, stripped, outs.length, tab ? tab.textContent : ''];
"""


PROMPTS_JS = """
const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find(p => !p.classList.contains('lm-mod-hidden'));
if (!panel) return [];
return [...panel.querySelectorAll('.jp-CodeCell')].map(c => {
  const p = c.querySelector('.jp-InputPrompt');
  return p ? p.textContent.trim() : '';
});
"""


def first_result_cell(stem):
    """The first result: the first code cell after the set-up cells (`:dep`,
    `use backprop`) with stored output. Returns (its position among the code
    cells, counting from 1; how many Shift+Enter presses reach it from the
    first code cell, markdown cells included)."""
    nb = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text())
    first_code = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code")
    k = 0
    for i, c in enumerate(nb["cells"]):
        if c["cell_type"] != "code":
            continue
        k += 1
        src = "".join(c["source"])
        setup = ":dep" in src or "use backprop::prelude" in src
        if not setup and c.get("outputs"):
            return k, i - first_code + 1
    return k, len(nb["cells"]) - first_code


def run_first_cells(driver, stem, limit):
    """Once the kernel is idle, Shift+Enter from the first code cell until the
    first result; returns the seconds from the first key press, or None."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    n, presses = first_result_cell(stem)
    # A learner reads the introduction while the kernel starts: wait until it is idle.
    idle_js = "const e = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');" \
              "return e ? e.getAttribute('data-status') : null;"
    t_wait = time.monotonic()
    while time.monotonic() - t_wait < 120 and driver.execute_script(idle_js) != "idle":
        time.sleep(0.1)
    cells = driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-editor")
    cells[0].click()
    t0 = time.monotonic()
    for _ in range(presses):
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
    started = False
    deadline = t0 + max(limit * 6, 60)
    while time.monotonic() < deadline:
        prompts = driver.execute_script(PROMPTS_JS)
        target = prompts[n - 1] if len(prompts) >= n else ""
        started = started or "*" in target
        if started and any(ch.isdigit() for ch in target):
            return time.monotonic() - t0
        time.sleep(0.05)
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stem")
    ap.add_argument("--screenshot")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--run-first", action="store_true", help="run the first cells and time the first result")
    ap.add_argument("--then", help="a second lesson to open and run while the first one's kernel runs")
    ap.add_argument("--first-output-limit", type=float, default=5.0)
    args = ap.parse_args()
    manifest = json.loads((ROOT / "notebooks" / "lessons.json").read_text())["lessons"]
    lesson = next((l for l in manifest if l["stem"] == args.stem), None)
    if lesson is None:
        sys.exit(f"{args.stem} is not in notebooks/lessons.json")
    args.min_plots = lesson["plots"]
    rel = Path("notebooks") / f"{args.stem}.ipynb"
    port = free_port()
    venv_bin = Path(sys.executable).parent
    workspaces = tempfile.mkdtemp(prefix="lab-workspaces-")  # no tabs restored from an earlier session
    # No autosave: running cells must never write outputs back into the committed lessons.
    settings = Path(workspaces) / "settings"
    (settings / "@jupyterlab" / "docmanager-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
    lab = subprocess.Popen(
        [str(venv_bin / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={ROOT}",
         "--LabApp.news_url=", "--ServerApp.disable_check_xsrf=True", f"--LabApp.workspaces_dir={workspaces}", f"--LabApp.user_settings_dir={settings}"]
        + (["--allow-root"] if os.geteuid() == 0 else []),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    driver = None
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or lab.poll() is not None:
                    print("JupyterLab did not start:", lab.stderr.read() if lab.poll() is not None else "timeout")
                    return 1
                time.sleep(0.5)
        opts = Options()
        opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1400,5000"]:
            opts.add_argument(flag)
        driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
        opened = time.monotonic()
        driver.get(f"{base}/lab/tree/{rel}")
        deadline = time.monotonic() + args.timeout
        drawn = stripped = outs = 0
        tab = ""
        while time.monotonic() < deadline:
            drawn, stripped, outs, tab = driver.execute_script(COUNT_JS)
            if tab == rel.name and drawn >= args.min_plots:
                break
            # Scroll so that lazily rendered cells are laid out too.
            driver.execute_script(
                "document.querySelectorAll('.jp-WindowedPanel-outer, .jp-Notebook').forEach(e => e.scrollTop += 2000)"
            )
            time.sleep(1)
        if args.screenshot:
            driver.save_screenshot(args.screenshot)
        print(f"{rel}: {drawn} plots drawn, {stripped} stripped, {outs} outputs (active tab: {tab})")
        if tab != rel.name:
            print(f"JupyterLab did not show {rel.name} as the active notebook")
            return 1
        if drawn < args.min_plots:
            print(f"expected at least {args.min_plots} drawn plots in JupyterLab (is the notebook trusted? run scripts/setup.sh)")
            return 1
        failed = False
        if args.run_first:
            for k, stem in enumerate([args.stem] + ([args.then] if args.then else [])):
                if k > 0:
                    # The first lesson's kernel keeps running on the server; open the second beside it.
                    second = Path("notebooks") / f"{stem}.ipynb"
                    opened = time.monotonic()
                    driver.get(f"{base}/lab/tree/{second}")
                    deadline = time.monotonic() + args.timeout
                    while time.monotonic() < deadline and driver.execute_script(COUNT_JS)[3] != second.name:
                        time.sleep(0.5)
                    time.sleep(2)
                seconds = run_first_cells(driver, stem, args.first_output_limit)
                ready = time.monotonic() - opened
                if seconds is None:
                    print(f"{stem}: the first result never appeared")
                    failed = True
                    continue
                print(
                    f"{stem}: first result {seconds:.1f} s after the first Shift+Enter in JupyterLab "
                    f"(limit {args.first_output_limit:.0f} s); {ready:.1f} s after the lesson was opened"
                )
                failed |= seconds > args.first_output_limit
            if args.screenshot:
                driver.save_screenshot(args.screenshot.replace(".png", "-run.png"))
        return 1 if failed else 0
    finally:
        if driver is not None:
            driver.quit()
        lab.terminate()
        try:
            lab.wait(10)
        except subprocess.TimeoutExpired:
            lab.kill()
        shutil.rmtree(workspaces, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
