"""The preprocessor both HTML exports of a lesson share.

`CoursePage` gives the page
- its title: the notebook's first level-one heading;
- its math font: the characters its formulas use, cut from STIX Two Math, as
  a style sheet (`math_font`) in `resources["course"]["math_css"]`, which the
  course's template puts in the page's head;
- where it came from (`origin`): in `resources["course"]["origin"]` for the
  course's template, or, with `origin_cell` (the plain `html` exporter, whose
  template has no place for either), both in a first markdown cell.

The notebook's name in `notebooks/` is `resources["metadata"]["name"]` (what
JupyterLab and `jupyter nbconvert` pass: the file name without `.ipynb`), with
`solutions/` before it for a notebook in a `solutions` folder, unless
`resources["course"]["stem"]` says otherwise.
"""
import json
import re
from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from . import math_font, origin
from .markdown import MathMLRenderer
from nbconvert.filters.markdown_mistune import MarkdownWithMath


class _Collector(MathMLRenderer):
    """Renders markdown and keeps the MathML of every formula."""

    def __init__(self):
        super().__init__(escape=False)
        self.pieces = []

    def block_math(self, body):
        self.pieces.append(super().block_math(body))
        return ""

    def inline_math(self, body):
        self.pieces.append(super().inline_math(body))
        return ""

    def latex_environment(self, name, body):
        self.pieces.append(super().latex_environment(name, body))
        return ""


def formulas(nb):
    """The MathML of every formula in the notebook's markdown cells, in order."""
    collector = _Collector()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            MarkdownWithMath(renderer=collector).render(cell.source)
    return collector.pieces


def formulas_written(notebook):
    """How many formulas the notebook's markdown holds, counted in its text (not by
    rendering it): `$$…$$` and `$…$` outside code. `notebook` is a path. A formula
    the renderer does not typeset (one inside an HTML tag, such as a fold's
    `<summary>`) is counted here and missing from `formulas`: a page would show its
    raw `$`."""
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


def title_of(nb):
    """The notebook's first level-one heading."""
    lines = (line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines())
    return next((line.lstrip("# ").strip() for line in lines if line.startswith("# ")), "")


def stem_of(resources):
    """The notebook's name in `notebooks/` (see the module's docs)."""
    course = resources.get("course", {})
    if course.get("stem"):
        return course["stem"]
    meta = resources.get("metadata", {})
    name = meta.get("name") or "notebook"
    return f"solutions/{name}" if Path(meta.get("path") or "").name == "solutions" else name


class CoursePage(Preprocessor):
    """Title, math font and origin of a lesson's page (see the module's docs)."""

    enabled = Bool(True).tag(config=True)
    origin_cell = Bool(False, help="put where the page came from in a first markdown cell").tag(config=True)

    def preprocess(self, nb, resources):
        if title := title_of(nb):
            nb.metadata.setdefault("title", title)
        course = resources.setdefault("course", {})
        course["math_css"] = math_font.css(formulas(nb))
        course["origin"] = origin.html_block(nb, stem_of(resources), course.get("notebook_href"))
        if self.origin_cell:
            # The plain template has no place in its head for us: a style sheet in the
            # body applies to the whole page too (and sanitize.clean_html keeps this one).
            nb.cells.insert(0, nbformat.v4.new_markdown_cell(f"<style>{course['math_css']}</style>\n\n{course['origin']}"))
        return nb, resources


class PlainHTMLPage(CoursePage):
    """CoursePage for nbconvert's plain `html` exporter: the origin goes in a first cell."""

    origin_cell = Bool(True).tag(config=True)
