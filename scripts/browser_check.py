#!/usr/bin/env python3
"""Open a lesson in JupyterLab in headless Chromium and check its plots are drawn.

    browser_check.py STEM [--screenshot PNG]

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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stem")
    ap.add_argument("--screenshot")
    ap.add_argument("--timeout", type=float, default=120)
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
    lab = subprocess.Popen(
        [str(venv_bin / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={ROOT}",
         "--LabApp.news_url=", "--ServerApp.disable_check_xsrf=True", f"--LabApp.workspaces_dir={workspaces}"]
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
        return 0
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
