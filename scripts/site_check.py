#!/usr/bin/env python3
"""Open every page of a built site in headless Chromium with the network cut off
and check that it reads (scripts/page_check.py): every formula of the
notebook's markdown typeset as MathML with the page's own math font, no raw TeX,
the manifest's plots drawn, no script, nothing requested from outside the
folder, a link to the notebook beside the page and the re-run command; and the
navigation links present and leading to pages of the site.

    site_check.py SITE_DIR [--screenshot-dir DIR]

Prints one line per page and exits 1 if any page fails.
"""
import argparse
import sys
from pathlib import Path

import course  # scripts/, beside this file
import page_check

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("--screenshot-dir", type=Path)
    ap.add_argument("--timeout", type=float, default=60, help="hang guard (s) per page")
    args = ap.parse_args()
    lessons = course.lessons()
    pages = [(l["stem"], l["plots"], NOTEBOOKS / f"{l['stem']}.ipynb") for l in lessons]
    pages += [(f"solutions/{l['stem']}", 0, NOTEBOOKS / "solutions" / f"{l['stem']}.ipynb")
              for l in lessons if (args.site / "solutions" / f"{l['stem']}.html").exists()]
    driver = page_check.offline_browser()
    failures = []
    try:
        for name, plots, notebook in pages:
            page = (args.site / f"{name}.html").resolve()
            shot = args.screenshot_dir / f"site-{name.replace('/', '-')}.png" if args.screenshot_dir else None
            state, problems = page_check.check(driver, page, notebook, plots, shot, args.timeout)
            broken = [h for h in state["nav"] if not (page.parent / h).resolve().is_file()]
            if broken:
                problems.append(f"navigation links lead nowhere: {broken}")
            dead = [h for h in state["links"] if not (page.parent / h.split("#")[0]).resolve().exists()]
            if dead:
                problems.append(f"links in the text lead nowhere: {dead}")
            if not any(h.endswith("index.html") for h in state["nav"]) or (name != lessons[0]["stem"] and len(state["nav"]) < 2):
                problems.append("no link back to the index")
            if state["download"] and state["download"][0][1].startswith("data:"):
                problems.append("the site's page carries its notebook instead of linking the copy beside it")
            print(
                f"{name}: {state['formulas']} formulas typeset, {state['plots']} plots, page {state['page_kb']} kB, "
                f"nav {state['nav']}" + ("" if not problems else "  FAILED: " + "; ".join(problems))
            )
            if problems:
                failures.append(name)
    finally:
        driver.quit()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
