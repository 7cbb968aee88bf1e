#!/usr/bin/env python3
"""Export a lesson as a learner does, then read each file with the network refused.

    export_check.py STEM [--jupyterlab] [--nbconvert] [--out DIR] [--screenshot-dir DIR]

--jupyterlab starts JupyterLab from the project's virtualenv (loopback, a free
port, no token, no spare kernels), opens notebooks/STEM.ipynb in headless
Chromium and, through the menu File → Save and Export Notebook As, exports it
with the course's exporter ("Course") and with the default HTML entry ("HTML",
accepting its dialog as it comes: "Sanitize HTML output" ticked), and takes
the two downloaded files.
--nbconvert runs `jupyter nbconvert --to course`, `--to html` and
`--to html --sanitize-html` on the lesson.

Each file is then opened in a second Chromium that reaches no network and
checked by page_check.py: as many typeset formulas as the notebook's markdown
holds, the manifest's plots drawn, no raw `$`, no literal tags, no SVG source
as text, nothing requested from outside, where the page came from. Prints one
line per file; exits 1 if any file fails or an export never arrives (a hang
guard of --timeout seconds per step, 600 by default).
"""
import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import course  # scripts/, beside this file
import page_check
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
MENU_ITEM = "//li[contains(@class,'lm-Menu-item')][.//div[contains(@class,'lm-Menu-itemLabel') and normalize-space()='{}']]"


def wait_for(what, probe, timeout):
    """Poll `probe` until it returns something truthy; fail with `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if found := probe():
                return found
        except Exception:  # an element not there yet, a page still loading
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{what}: nothing within {timeout:.0f} s")


@contextlib.contextmanager
def jupyterlab(workdir, root_dir):
    """JupyterLab from .venv on a free loopback port, serving `root_dir`, its settings in
    `workdir` (no autosave), stopped on leaving; yields its URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = workdir / "settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
    argv = [str(VENV_BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={root_dir}",
            "--LabApp.news_url=", f"--LabApp.workspaces_dir={workdir}", f"--LabApp.user_settings_dir={workdir / 'settings'}"]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    env = dict(os.environ, BACKPROP_SPARES="0")
    lab = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        lab.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            lab.wait(30)
        lab.kill()  # nothing, once it has exited


def export_from_menu(driver, entry, downloads, stem, timeout):
    """File → Save and Export Notebook As → `entry`; accept a dialog if one comes; return the file."""
    Path(downloads).mkdir(parents=True, exist_ok=True)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    wait_for("the File menu", lambda: driver.find_element(
        By.XPATH, "//div[contains(@class,'lm-MenuBar-itemLabel') and normalize-space()='File']"), timeout).click()
    submenu = wait_for("Save and Export Notebook As", lambda: driver.find_element(
        By.XPATH, MENU_ITEM.format("Save and Export Notebook As")), timeout)
    ActionChains(driver).move_to_element(submenu).click(submenu).perform()
    wait_for(f"the menu entry {entry}", lambda: driver.find_element(By.XPATH, MENU_ITEM.format(entry)), timeout).click()
    note = ""
    dialog = driver.find_elements(By.CSS_SELECTOR, ".jp-Dialog")
    if entry == "HTML" or dialog:
        box = wait_for("the export dialog", lambda: driver.find_element(By.CSS_SELECTOR, ".jp-Dialog"), timeout)
        ticks = box.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
        note = f" (dialog: {box.text.splitlines()[0] if box.text else ''}; sanitize ticked: {bool(ticks and ticks[0].is_selected())})"
        box.find_element(By.CSS_SELECTOR, ".jp-Dialog-button.jp-mod-accept").click()
    done = Path(downloads) / f"{stem}.html"
    wait_for(f"the download of {done.name}", lambda: done.exists() and not list(Path(downloads).glob("*.crdownload")), timeout)
    return done, note


def jupyterlab_exports(stem, out, timeout):
    """Export the lesson from JupyterLab's menu, with the course's exporter and the default HTML."""
    workdir = Path(tempfile.mkdtemp(prefix="export-check-lab-"))
    # "Save and Export" saves the notebook first: JupyterLab serves a copy of the
    # lesson, so nothing is written back into the committed one.
    served = workdir / "course"
    (served / "notebooks").mkdir(parents=True)
    shutil.copy2(ROOT / "notebooks" / f"{stem}.ipynb", served / "notebooks")
    opts = Options()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--window-size=1400,1000", f"--user-data-dir={workdir / 'chromium'}"]:
        opts.add_argument(flag)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    try:
        with jupyterlab(workdir, served) as base, webdriver.Chrome(service=service, options=opts) as driver:
            wait_for("JupyterLab", lambda: urllib.request.urlopen(f"{base}/api", timeout=2), timeout)
            driver.get(f"{base}/lab/tree/notebooks/{stem}.ipynb")
            wait_for(f"{stem}.ipynb open in JupyterLab", lambda: driver.find_elements(
                By.CSS_SELECTOR, ".jp-NotebookPanel .jp-MarkdownCell .jp-RenderedMarkdown"), timeout)
            files = []
            for entry, name in [("Course", "jupyterlab-course"), ("HTML", "jupyterlab-html")]:
                got, note = export_from_menu(driver, entry, workdir / name, stem, timeout)
                target = out / f"{stem}-{name}.html"
                shutil.copy2(got, target)
                files.append((f"JupyterLab menu → {entry}{note}", target, entry != "Course"))
            return files
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def nbconvert_exports(stem, out, timeout):
    """`jupyter nbconvert` to the course's page, to HTML, and to sanitized HTML."""
    files = []
    for flags, name in [(["--to", "course"], "nbconvert-course"), (["--to", "html"], "nbconvert-html"),
                        (["--to", "html", "--sanitize-html"], "nbconvert-html-sanitized")]:
        cmd = [str(VENV_BIN / "jupyter"), "nbconvert", *flags, str(ROOT / "notebooks" / f"{stem}.ipynb"),
               "--output-dir", str(out), "--output", f"{stem}-{name}"]
        subprocess.run(cmd, check=True, timeout=timeout, capture_output=True)
        files.append((f"jupyter nbconvert {' '.join(flags)}", out / f"{stem}-{name}.html", flags[1] == "html"))
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stem")
    ap.add_argument("--jupyterlab", action="store_true")
    ap.add_argument("--nbconvert", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "target" / "nbtest" / "exports")
    ap.add_argument("--screenshot-dir", type=Path)
    ap.add_argument("--timeout", type=float, default=600,
                    help="hang guard (s) per step: an export of the deep dive took over 120 s at a load average of 28")
    args = ap.parse_args()
    lesson = course.lesson(args.stem)
    args.out.mkdir(parents=True, exist_ok=True)
    files = []
    try:
        if args.jupyterlab:
            files += jupyterlab_exports(args.stem, args.out, args.timeout)
        if args.nbconvert:
            files += nbconvert_exports(args.stem, args.out, args.timeout)
    except (TimeoutError, subprocess.SubprocessError) as e:
        print(f"export failed: {e}")
        return 1
    notebook = ROOT / "notebooks" / f"{args.stem}.ipynb"
    driver = page_check.offline_browser()
    failures = 0
    try:
        for how, path, plain in files:
            shot = args.screenshot_dir / f"{path.stem}.png" if args.screenshot_dir else None
            state, problems = page_check.check(driver, path, notebook, lesson["plots"], shot, args.timeout, scripts_allowed=plain)
            print(
                f"{how}: {path.name}: {state['formulas']} formulas typeset, {state['plots']} plots drawn, "
                f"page {state['page_kb']} kB" + ("" if not problems else "  FAILED: " + "; ".join(problems))
            )
            failures += bool(problems)
    finally:
        driver.quit()
    return 1 if failures or not files else 0


if __name__ == "__main__":
    sys.exit(main())
