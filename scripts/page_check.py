"""Check an exported page in headless Chromium with the network refused: does it read?

    import page_check
    driver = page_check.offline_browser()
    stats, problems = page_check.check(driver, page, notebook, plots)

`check` opens `page` (a file) and counts what a reader sees, against the
notebook it came from:
- formulas: one `<math>` per formula of the notebook's markdown (`backprop_course.page.formulas_written`),
  each laid out (a box of some size), none an error, drawn with the page's own
  math font, and no raw TeX (`$`, `\\frac`, `\\partial`) left in the text;
- plots: drawings with lines, inline (`<svg>`) or as images of SVG (`<img>`),
  folded answers (`<details>`) opened first,
  drawn at a visible size, at least as many as the lesson's manifest says;
- no literal tags and no SVG source shown as text (what a sanitizer that
  escapes HTML leaves);
- nothing requested from outside the page's folder, and no script.
It returns the counts and a list of problems (empty when the page reads).
Used by site_check.py (every page of the site) and export_check.py (pages
exported from JupyterLab's menu and with `jupyter nbconvert`).
"""
import json
import re
import tempfile
import time
from pathlib import Path

from backprop_course.page import formulas_written
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

STATE_JS = """
// Open every folded answer (<details>), as a reader who has answered does: its plots count.
document.querySelectorAll('details').forEach(d => { d.open = true; });
const visible = n => !n.closest('pre, code, script, style, .jp-InputArea-editor');
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
let text = '';
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  if (visible(n.parentElement) && !n.parentElement.closest('math')) text += n.textContent + ' ';
}
const maths = [...document.querySelectorAll('math')];
const laidOut = maths.filter(m => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length;
const hasLines = s => [...s.querySelectorAll('polyline')].some(p => (p.getAttribute('points') || '').length > 10);
const big = e => { const r = e.getBoundingClientRect(); return r.width > 100 && r.height > 100; };
let plots = [...document.querySelectorAll('svg')].filter(s => hasLines(s) && big(s)).length;
for (const img of document.querySelectorAll('img[src^="data:image/svg+xml"]')) {
  const data = img.src.slice(img.src.indexOf(',') + 1);
  const svg = img.src.includes(';base64,') ? atob(data) : decodeURIComponent(data);
  if (/<polyline[^>]*points="[^"]{10,}/.test(svg) && big(img) && img.naturalWidth > 0) plots++;
}
const loaded = performance.getEntriesByType('resource').map(e => e.name);
return JSON.stringify({
  formulas: maths.length, laidOut,
  mathErrors: document.querySelectorAll('merror').length,
  mathFont: document.fonts.check('16px "Course Math"') && [...document.fonts].some(f => f.family.includes('Course Math') && f.status === 'loaded'),
  dollars: (text.match(/\\$/g) || []).length,
  rawTex: (text.match(/\\\\(frac|partial|begin|hat|cdot)\\b/g) || []).length,
  tags: (text.match(/<\\/?(h[1-6]|p|div|table|tr|td|span|svg|math|mi|mo|polyline|g|path|text)\\b[^<>]*>/g) || []).slice(0, 3),
  svgAsText: /<svg\\b|<polyline\\b/.test(text),
  plots,
  scripts: document.querySelectorAll('script').length,
  outside: loaded.filter(n => !n.startsWith('file:') && !n.startsWith('data:')),
  nav: [...document.querySelectorAll('nav a')].map(a => a.getAttribute('href')),
  links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
    .filter(h => !h.startsWith('#') && !/^[a-z]+:/.test(h)),
  download: [...document.querySelectorAll('a[download]')].map(a => [a.getAttribute('download'), a.getAttribute('href').slice(0, 40)]),
  rerun: /bash scripts\\/lessons\\.sh\\b/.test(document.body.innerText),
});
"""


def offline_browser(size="1280,2000"):
    """Headless Chromium that reaches no network at all: every host resolves to nothing."""
    opts = Options()
    for flag in [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
        "--allow-file-access-from-files", f"--window-size={size}",
    ]:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='page-check-')}")
    opts.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def check(driver, page, notebook, plots, screenshot=None, timeout=60, scripts_allowed=False):
    """Open `page` and compare it with `notebook` and its manifest's `plots`: (counts, problems).
    A page from nbconvert's plain HTML export carries scripts (require.js and MathJax from a
    CDN, which cannot load offline): `scripts_allowed` lets them be."""
    page = Path(page).resolve()
    driver.get(page.as_uri())
    deadline = time.monotonic() + timeout
    while driver.execute_script("return document.readyState") != "complete" and time.monotonic() < deadline:
        time.sleep(0.2)
    driver.set_script_timeout(timeout)
    driver.execute_async_script("const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done());")
    state = json.loads(driver.execute_script(STATE_JS))
    if screenshot:
        Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(screenshot))
    expected = formulas_written(notebook)
    problems = []
    if state["formulas"] != expected:
        problems.append(f"{state['formulas']} formulas typeset, but the markdown has {expected}")
    if state["laidOut"] != state["formulas"]:
        problems.append(f"only {state['laidOut']} of {state['formulas']} formulas are drawn")
    if state["mathErrors"]:
        problems.append(f"{state['mathErrors']} formulas failed to convert")
    if state["formulas"] and not state["mathFont"]:
        problems.append("the page's math font did not load")
    if state["dollars"] or state["rawTex"]:
        problems.append(f"raw TeX in the text: {state['dollars']} `$`, {state['rawTex']} commands")
    if state["tags"]:
        problems.append(f"literal tags in the text: {state['tags']}")
    if state["svgAsText"]:
        problems.append("SVG source shown as text")
    if state["plots"] < plots:
        problems.append(f"{state['plots']} of {plots} plots drawn")
    if state["scripts"] and not scripts_allowed:
        problems.append(f"{state['scripts']} scripts in a page that must need none")
    if state["outside"]:
        problems.append(f"requested from outside the page's folder: {state['outside'][:3]}")
    if not state["download"] or not state["rerun"]:
        problems.append("the page does not say where it came from (a notebook to download, the re-run command)")
    state["page_kb"] = page.stat().st_size // 1024
    return state, problems
