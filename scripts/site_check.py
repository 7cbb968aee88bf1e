#!/usr/bin/env python3
"""Open every page of a built site in headless Chromium with the network cut off
and check that it reads: every formula of the notebook's markdown typeset by the
site's own MathJax (as many rendered formulas as the markdown has, no raw TeX
left), plots drawn, navigation links present and leading to pages of the site,
nothing requested from outside the folder.

    site_check.py SITE_DIR [--screenshot-dir DIR]

Prints one line per page and exits 1 if any page fails.
"""
import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import course  # scripts/, beside this file
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

PAGE_STATE_JS = """
const hub = window.MathJax && MathJax.Hub;
const done = !!hub && hub.queue.pending === 0 && hub.queue.running === 0 && !!document.querySelector('.MathJax, .MathJax_Display, .MathJax_Preview');
const text = document.body.innerText;
const rawTex = (text.match(/\\$\\$|\\\\frac|\\\\partial/g) || []).length;
const math = document.querySelectorAll('span.MathJax').length;   // one per formula, inline or display
const plots = [...document.querySelectorAll('svg')].filter(s => s.querySelector('polyline')).length;
const nav = [...document.querySelectorAll('nav a')].map(a => a.getAttribute('href'));
const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
  .filter(h => !h.startsWith('#') && !/^[a-z]+:/.test(h));   // links to other pages of the site
const loaded = performance.getEntriesByType('resource').map(e => e.name)
  .concat(hub ? Object.keys(MathJax.Ajax.loaded) : []);
const outside = loaded.filter(n => !n.startsWith('file:'));
const mathErrors = document.querySelectorAll('.MathJax_Error, [style*="color: red"] .mjx-merror, .merror').length;
return JSON.stringify({done, rawTex, math, plots, nav, links, outside, mathErrors, loaded});
"""


def formulas_in(notebook):
    """How many formulas the notebook's markdown holds: $$…$$ and $…$ outside code."""
    nb = json.loads(Path(notebook).read_text())
    count = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        text = re.sub(r"`[^`]*`", "", text)
        display = re.findall(r"\$\$.+?\$\$", text, flags=re.S)
        text = re.sub(r"\$\$.+?\$\$", "", text, flags=re.S)
        count += len(display) + len(re.findall(r"(?<!\\)\$[^$]+?(?<!\\)\$", text))
    return count


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("--screenshot-dir", type=Path)
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()
    lessons = course.lessons()
    opts = Options()
    for flag in [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        # No network at all: every host resolves to nothing, any proxy is unreachable.
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
        "--allow-file-access-from-files", "--window-size=1280,2000",
    ]:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='site-check-')}")
    opts.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    failures = []
    try:
        notebooks = Path(__file__).resolve().parent.parent / "notebooks"
        pages = [(l["stem"], args.site / f"{l['stem']}.html", l["plots"], notebooks / f"{l['stem']}.ipynb") for l in lessons]
        pages += [(f"solutions/{l['stem']}", args.site / "solutions" / f"{l['stem']}.html", 0, notebooks / "solutions" / f"{l['stem']}.ipynb")
                  for l in lessons if (args.site / "solutions" / f"{l['stem']}.html").exists()]
        for name, page, plots, notebook in pages:
            page = page.resolve()
            driver.get(page.as_uri())
            deadline = time.monotonic() + args.timeout
            while True:
                state = json.loads(driver.execute_script(PAGE_STATE_JS))
                if state["done"] or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            if args.screenshot_dir:
                args.screenshot_dir.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(args.screenshot_dir / f"site-{name.replace('/', '-')}.png"))
            problems = []
            if not state["done"]:
                problems.append("MathJax did not finish typesetting")
            if state["rawTex"]:
                problems.append(f"{state['rawTex']} pieces of raw TeX left in the text")
            expected = formulas_in(notebook)
            if state["math"] != expected:
                problems.append(f"{state['math']} formulas typeset, but the markdown has {expected}")
            broken = [h for h in state["nav"] if not (page.parent / h).resolve().is_file()]
            if broken:
                problems.append(f"navigation links lead nowhere: {broken}")
            dead = [h for h in state["links"] if not (page.parent / h.split("#")[0]).resolve().is_file()]
            if dead:
                problems.append(f"links in the text lead nowhere: {dead}")
            if state["mathErrors"]:
                problems.append(f"{state['mathErrors']} formulas failed to typeset")
            if state["plots"] < plots:
                problems.append(f"{state['plots']} of {plots} plots drawn")
            if not any(h.endswith("index.html") for h in state["nav"]) or (name != lessons[0]["stem"] and len(state["nav"]) < 2):
                problems.append("no link back to the index")
            if state["outside"]:
                problems.append(f"requested from outside the site: {state['outside'][:3]}")
            from urllib.parse import unquote, urlparse

            files = {Path(unquote(urlparse(u).path)) for u in state["loaded"] if u.startswith("file:")}
            kb = sum(f.stat().st_size for f in files if f.is_file()) // 1024
            page_kb = page.stat().st_size // 1024
            line = (
                f"{name}: {state['math']} formulas typeset, {state['plots']} plots, "
                f"page {page_kb} kB + {kb} kB of MathJax, nav {state['nav']}"
            )
            print(line + ("" if not problems else "  FAILED: " + "; ".join(problems)))
            if problems:
                failures.append(name)
    finally:
        driver.quit()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
