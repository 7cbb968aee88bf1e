"""Where a page came from: a link to download its notebook, and the command
that re-runs the lesson with other numbers (README, "Re-running a lesson").

    origin.html(nb, stem="day10-backprop-basics", notebook_href=None)

`stem` is the notebook's name in `notebooks/` (`solutions/STEM` for a
solutions notebook). With no `notebook_href`, the link carries the notebook
itself (its outputs left out: the page shows them) in a `data:` URL, so a page
exported on its own still holds it; the site links the copy beside its pages.
"""
import base64
import copy
import html

import nbformat

from .parameters import parameters_of

STYLE = "border:1px solid #d0d7de;border-radius:4px;padding:0.4em 1em;margin:0.5em 0;font-family:sans-serif;font-size:0.9em"


def notebook_data_url(nb):
    """The notebook without its outputs, as a `data:` URL."""
    bare = copy.deepcopy(nb)
    for cell in bare.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    data = base64.b64encode(nbformat.writes(bare).encode("utf-8")).decode("ascii")
    return f"data:application/x-ipynb+json;base64,{data}"


def command(stem, params):
    """`bash scripts/lessons.sh STEM -p NAME VALUE …` for these (name, value) pairs."""
    parts = ["bash scripts/lessons.sh", stem]
    for name, value in params:
        quoted = value if all(ch.isalnum() or ch in "._-+@" for ch in value) else "'" + value.replace("'", "'\\''") + "'"
        parts += ["-p", name, quoted]
    return " ".join(parts)


def html_block(nb, stem, notebook_href=None):
    """The page's "where it came from" block, in the HTML a sanitizer keeps."""
    e = html.escape
    file_name = stem.replace("/", "-") + ".ipynb"  # solutions/STEM: saved apart from the lesson
    href = notebook_href or notebook_data_url(nb)
    what = "this notebook" if notebook_href else "this notebook (without its outputs; run it to see them)"
    lines = [f'<a href="{e(href)}" download="{e(file_name)}">Download {what}: <code>{e(file_name)}</code></a>']
    used = dict(nb.metadata.get("parameters", {}))
    if used:
        lines.append(f"This page is the lesson re-run with other numbers: <code>{e(command(stem, used.items()))}</code>")
    params = parameters_of(nb)
    if params:
        seen, example = set(), []
        for _, name, _, value in params:
            if name not in seen:
                seen.add(name)
                example.append((name, value))
        listed = ", ".join(f"<code>{e(name)} = {e(value)}</code>" for name, value in example)
        lines.append(
            "Re-run it with other numbers, from the course's folder: "
            f"<code>{e(command(stem, example[:1]))}</code> (one <code>-p NAME VALUE</code> per number; "
            f"its parameters: {listed})"
        )
    elif stem.startswith("solutions/"):
        lines.append("Re-run it, with every lesson, from the course's folder: <code>bash scripts/lessons.sh</code>")
    else:
        lines.append(f"Re-run it from the course's folder: <code>{e(command(stem, []))}</code>")
    return f'<div class="course-origin" style="{STYLE}">' + "".join(f"<p>{line}</p>" for line in lines) + "</div>"
