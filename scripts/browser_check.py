#!/usr/bin/env python3
"""Open a lesson in JupyterLab in headless Chromium and check its plots are drawn.

    browser_check.py STEM [--screenshot PNG] [--run-first] [--then STEM2]

Starts JupyterLab on loopback (no token, a free port) from the project's
virtualenv, so its kernel manager starts the kernels a learner gets ahead of
time (scripts/jupyter/warm_kernels.py), and reports when they are ready. Opens
notebooks/STEM.ipynb from the file browser as a learner would and waits until
the number of plots the course manifest (notebooks/lessons.json) gives for it
are rendered with visible size and drawn lines (not only axis labels: an
untrusted notebook gets its SVG stripped).

--run-first also runs the lesson's first cells as a learner does, pressing
Shift+Enter from the top as soon as the lesson shows (each press once the
previous one has moved to the next cell), on the `rust` kernelspec
set-up registered, and reports the seconds from opening the lesson to the first
result (the first cell after the set-up cells showing its output), and says
when that is over the goal (--first-output-goal, 5 s). Only a hang fails it:
no first result within --timeout (120 s). --then STEM2 opens a second lesson while the
first one's kernel still runs and does the same there, and says whether each
lesson was handed a kernel started ahead of time. --open-at-once opens the
lesson without waiting for the spares to be ready (a measurement). Once
JupyterLab has stopped, no kernel it started may still run.
Exits 0 on success, 1 with a reason otherwise.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import course  # scripts/, beside this file
import psutil
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException

ROOT = Path(__file__).resolve().parent.parent
COUNT_JS = """
const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find(p => !p.classList.contains('lm-mod-hidden'));
if (!panel) return [0, 0, 0, ''];
const tab = document.querySelector('.lm-DockPanel-tabBar .lm-mod-current .lm-TabBar-tabLabel');
// A folded answer (a cell tagged `answer`) shows a bar until the learner clicks it; open each, as a
// learner who has answered does, so that the plots inside count.
panel.querySelectorAll('.jp-OutputPlaceholder').forEach(p => p.click());
const outs = [...panel.querySelectorAll('.jp-OutputArea-output')];
let drawn = 0, stripped = 0;
for (const o of outs) {
  // The course's drawings are image/svg+xml outputs, which JupyterLab draws as an <img>.
  const img = o.querySelector('img[src^="data:image/svg+xml"]');
  const svg = o.querySelector('svg');
  if (!svg && !img) { if (o.textContent.trim().startsWith('[figure')) stripped++; continue; }
  const r = (img || svg).getBoundingClientRect();
  const data = img ? img.src.slice(img.src.indexOf(',') + 1) : '';
  const source = img ? (img.src.includes(';base64,') ? atob(data) : decodeURIComponent(data)) : svg.outerHTML;
  const lines = /<polyline[^>]*points="[^"]{10,}/.test(source);
  if (r.width > 100 && r.height > 100 && lines) drawn++;
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


ACTIVE_JS = """
const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find(p => !p.classList.contains('lm-mod-hidden'));
if (!panel) return -1;
return [...panel.querySelectorAll('.jp-Notebook .jp-Cell')].findIndex(c => c.classList.contains('jp-mod-active'));
"""


CELLS_JS = """
const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find(p => !p.classList.contains('lm-mod-hidden'));
if (!panel) return [];
return [...panel.querySelectorAll('.jp-CodeCell')].slice(0, arguments[0]).map(c => {
  const p = c.querySelector('.jp-InputPrompt');
  const out = [...c.querySelectorAll('.jp-OutputArea-output')].map(o => o.textContent.trim().slice(0, 120)).join(' | ');
  return (p ? p.textContent.trim() : '?') + ' ' + out;
});
"""


WATCH_JS = """
window.__firstResultQueued = false;
const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find(p => !p.classList.contains('lm-mod-hidden'));
const cell = panel && panel.querySelectorAll('.jp-CodeCell')[arguments[0] - 1];
const prompt = cell && cell.querySelector('.jp-InputPrompt');
if (prompt) {
  new MutationObserver(() => { if (prompt.textContent.includes('*')) window.__firstResultQueued = true; })
    .observe(prompt, {childList: true, characterData: true, subtree: true});
}
"""


ERRORS_JS = """
const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find(p => !p.classList.contains('lm-mod-hidden'));
if (!panel) return [];
return [...panel.querySelectorAll('.jp-CodeCell')].slice(0, arguments[0])
  .flatMap(c => [...c.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')])
  .map(o => o.textContent);
"""


def first_result_cell(stem):
    """The first result: the first code cell after the set-up cells (`:dep`,
    `use backprop`) with stored output. Returns (its position among the code
    cells, counting from 1; how many Shift+Enter presses reach it from the
    first code cell, markdown cells included)."""
    nb = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text())
    first_code = first_code_index(stem)
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


def open_from_file_browser(driver, stem, timeout):
    """Double-click notebooks/STEM.ipynb in JupyterLab's file browser, as a learner
    opens a lesson; returns the time of the click, or None."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    name = f"{stem}.ipynb"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for item in driver.find_elements(By.CSS_SELECTOR, ".jp-DirListing-item"):
            if item.find_element(By.CSS_SELECTOR, ".jp-DirListing-itemText").text == name:
                clicked = time.monotonic()
                ActionChains(driver).double_click(item).perform()
                return clicked
        time.sleep(0.1)
    return None


def run_first_cells(driver, stem, opened, hang_guard):
    """As soon as the lesson shows, Shift+Enter from the first code cell until the
    first result (JupyterLab runs the cells once the kernel is ready). Returns
    (seconds from opening the lesson, seconds from the first key press), or None
    when a cell before it failed or nothing came within `hang_guard` seconds."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    n, presses = first_result_cell(stem)
    clicked = False
    while time.monotonic() - opened < hang_guard:
        if driver.execute_script(COUNT_JS)[3] == f"{stem}.ipynb":
            cells = driver.find_elements(
                By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-editor")
            try:
                cells[0].click()
                clicked = True
                break
            except (IndexError, WebDriverException):  # not laid out yet
                pass
        time.sleep(0.05)
    if not clicked:
        return None
    # A learner presses Shift+Enter, sees the next cell become the active one, and presses again.
    # Pressing the keys faster than JupyterLab moves on can lose a press while the lesson is still
    # being laid out, which no learner meets; each press here waits for the move it asks for.
    def active():
        return driver.execute_script(ACTIVE_JS)

    first_code = first_code_index(stem)
    settle = time.monotonic() + hang_guard
    while active() != first_code and time.monotonic() < settle:
        try:
            cells[0].click()
        except WebDriverException:  # laid out again: find the first code cell anew
            cells = driver.find_elements(
                By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-editor")
        time.sleep(0.2)
    # The stored prompt of the first result is the number a fresh run gives it, so only seeing it
    # queued or running ("[*]") tells a fresh result from the stored one; a fast cell can show "[*]"
    # between two polls, so an observer in the page records it.
    driver.execute_script(WATCH_JS, n)
    t0 = time.monotonic()
    for k in range(presses):
        here = active()
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
        moved = time.monotonic() + 30
        while active() <= here and time.monotonic() < moved:
            time.sleep(0.02)
        if active() <= here:
            print(f"{stem}: Shift+Enter number {k + 1} (on cell {here}) did not move to the next cell within 30 s")
            print_cells(driver, stem, n)
            return None
    started = False
    deadline = t0 + hang_guard
    while time.monotonic() < deadline:
        prompts = driver.execute_script(PROMPTS_JS)
        target = prompts[n - 1] if len(prompts) >= n else ""
        started = started or "*" in target or driver.execute_script("return window.__firstResultQueued === true")
        if started and any(ch.isdigit() for ch in target):
            now = time.monotonic()
            errors = driver.execute_script(ERRORS_JS, n)
            if errors:
                print(f"{stem}: a cell before the first result failed: {errors[0][:300]}")
                print_cells(driver, stem, n)
                return None
            return now - opened, now - t0
        time.sleep(0.05)
    print_cells(driver, stem, n)
    return None


def print_cells(driver, stem, n):
    """What the learner sees in the lesson's first `n` code cells: each one's prompt and outputs."""
    for k, line in enumerate(driver.execute_script(CELLS_JS, n)):
        print(f"{stem}: code cell {k + 1}: {line}")


def first_code_index(stem):
    """The position of the lesson's first code cell among all its cells, counting from 0."""
    nb = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text())
    return next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code")


def wait_for_spares(log, started, timeout):
    """Wait until the kernels JupyterLab starts ahead of time (scripts/jupyter/
    warm_kernels.py, which logs each one ready) are ready; returns the seconds
    since JupyterLab was started until the first and until the last was ready,
    or None."""
    want = int(os.environ.get("BACKPROP_SPARES", "2"))
    first = None
    while time.monotonic() - started < timeout:
        ready = sum("spare kernel ready" in line for line in log)
        if ready >= 1 and first is None:
            first = time.monotonic() - started
        if ready >= want:
            return first, time.monotonic() - started
        time.sleep(0.3)
    return None


def handed_spares(log):
    """How many kernels JupyterLab has handed out from those it started ahead of time."""
    return sum("is a spare started" in line for line in log)


def wait_until_gone(procs, timeout=60):
    """The processes of `procs` still running after `timeout` seconds (none, once
    JupyterLab has stopped its kernels and spares)."""
    deadline = time.monotonic() + timeout
    while True:
        left = [p for p in procs if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.3)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stem")
    ap.add_argument("--screenshot")
    ap.add_argument("--timeout", type=float, default=120,
                    help="hang guard (s): only a step that takes longer than this fails the check")
    ap.add_argument("--run-first", action="store_true", help="run the first cells and time the first result")
    ap.add_argument("--then", help="a second lesson to open and run while the first one's kernel runs")
    ap.add_argument("--first-output-goal", type=float, default=5.0,
                    help="the goal (s) from opening a lesson to its first result: reported, never a failure")
    ap.add_argument("--open-at-once", action="store_true",
                    help="open the lesson without waiting for the spare kernels (a measurement)")
    args = ap.parse_args()
    args.min_plots = course.lesson(args.stem)["plots"]
    rel = Path("notebooks") / f"{args.stem}.ipynb"
    port = free_port()
    venv_bin = Path(sys.executable).parent
    workspaces = tempfile.mkdtemp(prefix="lab-workspaces-")  # no tabs restored from an earlier session
    # No autosave: running cells must never write outputs back into the committed lessons.
    settings = Path(workspaces) / "settings"
    (settings / "@jupyterlab" / "docmanager-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
    lab_started = time.monotonic()
    lab = subprocess.Popen(
        [str(venv_bin / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={ROOT}",
         "--LabApp.news_url=", "--ServerApp.disable_check_xsrf=True", f"--LabApp.workspaces_dir={workspaces}", f"--LabApp.user_settings_dir={settings}"]
        + (["--allow-root"] if os.geteuid() == 0 else []),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    log = []  # JupyterLab's log, read as it comes (warm_kernels.py logs its spares there)
    threading.Thread(target=lambda: log.extend(lab.stderr), daemon=True).start()
    driver = None
    kernels = []
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or lab.poll() is not None:
                    print("JupyterLab did not start:", "".join(log[-30:]) if lab.poll() is not None else "timeout")
                    return 1
                time.sleep(0.5)
        opts = Options()
        opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1400,5000"]:
            opts.add_argument(flag)
        driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
        # A learner starts JupyterLab, which opens on its file browser; the course's
        # server extension starts spare kernels at the same time.
        driver.get(f"{base}/lab/tree/notebooks")
        failed = False
        spares = (0, 0) if args.open_at_once else wait_for_spares(log, lab_started, 2 * args.timeout)
        if args.open_at_once:
            print("opening the lesson as soon as JupyterLab answers, before its spare kernels are ready")
        elif spares is None:
            print(f"the spare kernels were not ready {2 * args.timeout:.0f} s after JupyterLab started")
            failed = True
        else:
            print(f"kernels started ahead of time: ready {spares[0]:.1f} s (the first) and {spares[1]:.1f} s (all) "
                  "after JupyterLab was started")
        stems = [args.stem] + ([args.then] if args.run_first and args.then else [])
        for k, stem in enumerate(stems):
            # Each lesson is opened from the file browser; a second one while the
            # first one's kernel still runs.
            opened = open_from_file_browser(driver, stem, args.timeout)
            if opened is None:
                print(f"{stem}.ipynb is not in JupyterLab's file browser")
                return 1
            if args.run_first:
                times = run_first_cells(driver, stem, opened, args.timeout)
                if times is None:
                    print(f"{stem}: no first result within {args.timeout:.0f} s, or a cell before it failed")
                    failed = True
                else:
                    over = "OVER THE GOAL" if times[0] > args.first_output_goal else "within the goal"
                    print(
                        f"{stem}: first result {times[0]:.1f} s after the lesson was opened in JupyterLab "
                        f"({over} of {args.first_output_goal:.0f} s), {times[1]:.1f} s after the first Shift+Enter"
                    )
                if handed_spares(log) > k:
                    print(f"{stem}: its kernel was started ahead of time and handed over")
                elif not args.open_at_once:
                    print(f"{stem}: its kernel was not one started ahead of time, although they were ready; "
                          "the kernel manager's log:\n" + "".join(line for line in log if "warm_kernels" in line
                                                                   or "Kernel started" in line))
                    failed = True
            if k > 0:
                continue
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
        if args.screenshot and args.run_first:
            driver.save_screenshot(args.screenshot.replace(".png", "-run.png"))
        return 1 if failed else 0
    finally:
        if driver is not None:
            driver.quit()
        kernels = psutil.Process(lab.pid).children(recursive=True)
        lab.terminate()
        try:
            lab.wait(10)
        except subprocess.TimeoutExpired:
            lab.kill()
        shutil.rmtree(workspaces, ignore_errors=True)
        LEFT_RUNNING.extend(wait_until_gone(kernels))


LEFT_RUNNING = []  # processes JupyterLab started that outlived it


if __name__ == "__main__":
    code = main()
    if LEFT_RUNNING:
        print(f"still running after JupyterLab stopped: {[p.pid for p in LEFT_RUNNING]}")
        code = 1
    sys.exit(code)
