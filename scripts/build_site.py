#!/usr/bin/env python3
"""Build the course's static site, one folder that reads offline.

    build_site.py SITE_DIR [--export-stored]

Every page is made by the course's exporter (python/backprop_course, the one
JupyterLab offers under Save and Export Notebook As → Course): formulas as
MathML with the page's own cut of a math font, drawings inline, no script,
nothing loaded from anywhere. The site's additions, a navigation bar and links
between lessons that lead to their pages, are blocks of the exporter's template
filled from `resources["course"]`; nothing edits the HTML afterwards.

1. Each lesson's notebook sits beside its page (SITE_DIR/STEM.ipynb), and the
   page links to it for download. `lessons.sh` writes the freshly executed
   notebooks there; a lesson with none (or every lesson, with --export-stored)
   gets its stored notebook, whose outputs the tests keep fresh.
2. Every lesson page gets previous/next links and a link to the index; every
   re-run (STEM-name=value….ipynb, from `lessons.sh STEM -p name value`) a page
   with a link to its lesson and to the index.
3. Each lesson's solutions notebook (notebooks/solutions/STEM.ipynb, as stored)
   goes to SITE_DIR/solutions/STEM.ipynb and .html.
4. SITE_DIR/index.html lists every lesson of notebooks/lessons.json in order,
   with its one-line summary, and its solutions and re-runs under it.
"""
import argparse
import html
import shutil
import sys
from pathlib import Path

import nbformat
from backprop_course.exporter import CourseExporter
from backprop_course.page import title_of

import course  # scripts/, beside this file

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def export_page(exporter, notebook, stem, nav=(), to_root=""):
    """Export `notebook` (a path) to the page beside it, as lesson `stem`, with `nav`
    (links as (href, text), or plain text), linking other lessons to their pages."""
    nb = nbformat.read(notebook, as_version=4)
    resources = {
        "metadata": {"name": notebook.stem, "path": str(NOTEBOOKS / Path(stem).parent)},
        "course": {"stem": stem, "nav": list(nav), "notebook_href": notebook.name, "lessons_as_html": to_root},
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    notebook.with_suffix(".html").write_text(body, encoding="utf-8")


def place(source, target, replace):
    """Copy a stored notebook to the site unless a fresh one is there (or `replace`)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if replace or not target.exists():
        shutil.copy2(source, target)
    return target


def reruns(site, stem):
    """The re-runs of one lesson: (notebook, parameters as text)."""
    return sorted((p, p.stem[len(stem) + 1 :]) for p in site.glob(f"{stem}-*=*.ipynb"))


def link(href, text):
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def build(site, export_stored):
    site.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(site / "mathjax", ignore_errors=True)  # what earlier sites loaded their formulas with
    exporter = CourseExporter()
    stems = course.stems()
    titles = {}
    for stem in stems:
        nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
        titles[stem] = (title_of(nb) or stem, nb.metadata.get("summary", ""))
    items = []
    for k, stem in enumerate(stems):
        title, summary = titles[stem]
        previous = (f"{stems[k - 1]}.html", "← " + titles[stems[k - 1]][0]) if k > 0 else ""
        following = (f"{stems[k + 1]}.html", titles[stems[k + 1]][0] + " →") if k + 1 < len(stems) else ""
        page = place(NOTEBOOKS / f"{stem}.ipynb", site / f"{stem}.ipynb", export_stored)
        export_page(exporter, page, stem, [previous, ("index.html", "All lessons"), following])
        extra = ""
        solutions = NOTEBOOKS / "solutions" / f"{stem}.ipynb"
        if solutions.exists():  # stored outputs, kept fresh by the tests
            page = place(solutions, site / "solutions" / f"{stem}.ipynb", True)
            nav = [(f"../{stem}.html", f"← {title}"), ("../index.html", "All lessons"), "solutions"]
            export_page(exporter, page, f"solutions/{stem}", nav, to_root="../")
            extra += f"<li>{link(f'solutions/{stem}.html', 'solutions to its exercises')}</li>"
        for notebook, params in reruns(site, stem):
            nav = [(f"{stem}.html", f"← {title} (as stored)"), ("index.html", "All lessons"), f"re-run with {params}"]
            export_page(exporter, notebook, stem, nav)
            extra += f"<li>{link(notebook.stem + '.html', 're-run with ' + params)}</li>"
        items.append(
            f"<li>{link(f'{stem}.html', title)}<p>{html.escape(summary)}</p>" + (f"<ul>{extra}</ul>" if extra else "") + "</li>"
        )
    (site / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Backpropagation in Rust</title>'
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}li{margin-bottom:1em}</style>"
        "</head><body><h1>Backpropagation in Rust</h1>"
        "<p>Lessons on how neural networks learn, run as Rust notebooks on the evcxr Jupyter kernel. "
        "Read them in this order. Each page links to its notebook, and says how to re-run it with other numbers.</p>"
        f"<ol>{''.join(items)}</ol></body></html>\n",
        encoding="utf-8",
    )
    print(f"site ready: {site / 'index.html'} ({len(items)} lessons)", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--export-stored", action="store_true", help="export the stored notebooks, not the site's own")
    args = ap.parse_args()
    build(args.site.resolve(), args.export_stored)


if __name__ == "__main__":
    main()
