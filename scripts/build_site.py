#!/usr/bin/env python3
"""Build the course's static site, one folder that reads offline.

    build_site.py SITE_DIR [--export-stored]

1. With --export-stored, export every lesson's stored notebook (its committed
   outputs, which the tests keep fresh) to SITE_DIR/STEM.html, without running
   anything; without it, only the lessons whose page is missing. `lessons.sh`
   runs the lessons and exports the fresh runs first.
2. Copy MathJax 2.7 (from the pinned `jupyter-server-mathjax` package, the copy
   the classic Jupyter notebook serves) into SITE_DIR/mathjax/, which every page
   loads by a relative URL: formulas render with no network. It draws with the
   HTML-CSS output and the STIX web fonts that package ships.
3. Give every lesson page previous/next links and a link to the index, and every
   re-run page (STEM-name=value….html, from `lessons.sh STEM -p name value`) a
   link to its lesson and to the index.
4. Export each lesson's solutions notebook (notebooks/solutions/STEM.ipynb, as
   stored) to SITE_DIR/solutions/STEM.html.
5. Write SITE_DIR/index.html: every lesson of notebooks/lessons.json in order,
   with its one-line summary, and its solutions and re-runs under it.
"""
import argparse
import html
import re
import shutil
import sys
from pathlib import Path

import nbformat

import course  # scripts/, beside this file

ROOT = Path(__file__).resolve().parent.parent
MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
SOLUTIONS = ROOT / "notebooks" / "solutions"
# Before MathJax starts: draw with the STIX web fonts of the local copy, never
# ask for image fonts, and never look for fonts elsewhere.
MATHJAX_FONTS = (
    '<script type="text/x-mathjax-config">MathJax.Hub.Config({"HTML-CSS": '
    '{availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null}});</script>'
)
# What MathJax needs for TeX in and HTML-CSS out; the rest of the package (the
# SVG output, 2 MB of translations) is left out.
MATHJAX_PARTS = [
    "MathJax.js",
    "config",
    "extensions",
    "jax/input/TeX",
    "jax/output/HTML-CSS",
    "jax/element",
    "fonts/HTML-CSS/STIX-Web/woff",
    "LICENSE",
]
NAV_START, NAV_END = "<!-- course-nav -->", "<!-- /course-nav -->"
NAV_STYLE = (
    "display:flex;justify-content:space-between;gap:1em;max-width:1100px;margin:0.5em auto;"
    "padding:0.5em 1em;font-family:sans-serif;border-bottom:1px solid #ddd"
)


def export_html(nb, out, to_root=""):
    """Export an executed notebook to `out`, loading MathJax from the site's own copy
    (`to_root` leads from the page's folder to the site's) and nothing from any other host."""
    from nbconvert import HTMLExporter

    url = to_root + MATHJAX_URL
    exporter = HTMLExporter(
        mathjax_url=url, require_js_url="", jquery_url="", mermaid_js_url="", mermaid_layout_elk_js_url=""
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title_of(nb) or Path(out).stem}})
    body = body.replace(f'<script src="{url}">', MATHJAX_FONTS + f'<script src="{url}">', 1)
    body = re.sub(r'<script[^>]*src="(https?:)?//[^"]*"[^>]*>\s*</script>', "", body)
    body = body.replace('<script src=""></script>', "")
    # A lesson links to another as `stem.ipynb` (which JupyterLab opens); on the site it is `stem.html`.
    body = re.sub(r'href="([\w.-]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{to_root}{m.group(1)}.html{m.group(2) or ""}"', body)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(body, encoding="utf-8")


def copy_mathjax(site):
    import jupyter_server_mathjax

    src = Path(jupyter_server_mathjax.__file__).parent / "static"
    dst = site / "mathjax"
    for part in MATHJAX_PARTS:
        s, d = src / part, dst / part
        if s.is_dir():
            shutil.copytree(s, d, dirs_exist_ok=True)
        else:
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(s, d)


def title_of(nb):
    """The notebook's first level-one heading."""
    lines = (line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines())
    return next((line.lstrip("# ").strip() for line in lines if line.startswith("# ")), "")


def title_and_summary(stem):
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    return title_of(nb) or stem, nb.metadata.get("summary", "")


def link(href, text):
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def set_nav(page, items):
    """Put a navigation bar at the top of `page`'s body (replacing an earlier one)."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(re.escape(NAV_START) + ".*?" + re.escape(NAV_END), "", text, flags=re.S)
    nav = f'{NAV_START}<nav style="{NAV_STYLE}">{"".join(f"<span>{i}</span>" for i in items)}</nav>{NAV_END}'
    text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav, text, count=1)
    page.write_text(text, encoding="utf-8")


def reruns(site, stem):
    """The re-run pages of one lesson: (file name, parameters as text)."""
    return sorted((p.name, p.stem[len(stem) + 1 :]) for p in site.glob(f"{stem}-*=*.html"))


def build(site, export_stored):
    site.mkdir(parents=True, exist_ok=True)
    lessons = course.lessons()
    titles = {l["stem"]: title_and_summary(l["stem"]) for l in lessons}
    if export_stored:
        for l in lessons:
            nb = nbformat.read(ROOT / "notebooks" / f"{l['stem']}.ipynb", as_version=4)
            export_html(nb, site / f"{l['stem']}.html")
    copy_mathjax(site)
    stems = course.stems()
    items = []
    for k, stem in enumerate(stems):
        page = site / f"{stem}.html"
        if not page.exists():  # not run this time: the stored outputs are fresh, so export those
            export_html(nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4), page)
        prev_link = link(f"{stems[k - 1]}.html", "← " + titles[stems[k - 1]][0]) if k > 0 else ""
        next_link = link(f"{stems[k + 1]}.html", titles[stems[k + 1]][0] + " →") if k + 1 < len(stems) else ""
        set_nav(page, [prev_link, link("index.html", "All lessons"), next_link])
        title, summary = titles[stem]
        runs = reruns(site, stem)
        for name, params in runs:
            set_nav(site / name, [link(f"{stem}.html", f"← {title} (as stored)"), link("index.html", "All lessons"), f"re-run with {params}"])
        extra = "".join(f"<li>{link(name, 're-run with ' + params)}</li>" for name, params in runs)
        solutions = SOLUTIONS / f"{stem}.ipynb"
        if solutions.exists():  # stored outputs, kept fresh by the tests
            page = site / "solutions" / f"{stem}.html"
            export_html(nbformat.read(solutions, as_version=4), page, to_root="../")
            set_nav(page, [link(f"../{stem}.html", f"← {title}"), link("../index.html", "All lessons"), "solutions"])
            extra = f"<li>{link(f'solutions/{stem}.html', 'solutions to its exercises')}</li>" + extra
        items.append(
            f"<li>{link(f'{stem}.html', title)}<p>{html.escape(summary)}</p>" + (f"<ul>{extra}</ul>" if extra else "") + "</li>"
        )
    (site / "index.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Backpropagation in Rust</title>'
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}li{margin-bottom:1em}</style>"
        "</head><body><h1>Backpropagation in Rust</h1>"
        "<p>Lessons on how neural networks learn, run as Rust notebooks on the evcxr Jupyter kernel. "
        "Read them in this order.</p>"
        f"<ol>{''.join(items)}</ol></body></html>\n",
        encoding="utf-8",
    )
    print(f"site ready: {site / 'index.html'} ({len(items)} lessons)", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--export-stored", action="store_true", help="export the stored notebooks first")
    args = ap.parse_args()
    build(args.site.resolve(), args.export_stored)


if __name__ == "__main__":
    main()
