"""The `course` exporter: one self-contained HTML page per notebook.

    jupyter nbconvert --to course notebooks/day10-backprop-basics.ipynb   # -> day10-backprop-basics.html
    JupyterLab: File → Save and Export Notebook As → Course

It is nbconvert's `lab` HTML page (the look of JupyterLab), with
- formulas as MathML, made at export time (`markdown`, `tex`), drawn with the
  page's own cut of a math font (`math_font`);
- drawings (`image/svg+xml`) inline in the page;
- where the page came from (`origin`): the notebook to download, the command
  that re-runs the lesson with other numbers;
- no script at all, and nothing to load: no MathJax, no require.js, no fonts or
  styles from a CDN. It reads offline, in any current browser.

The offline site (scripts/build_site.py) is built with this exporter and adds,
through `resources["course"]`, its navigation (`nav`: a list of links as
(href, text), or plain text) and links to the notebooks beside its pages
(`notebook_href`), and asks for links between lessons to lead to their pages
(`lessons_as_html`: the path from the page to the site's root).
"""
from importlib.resources import files

from jinja2 import pass_context
from nbconvert.exporters import HTMLExporter
from traitlets import default

from . import markdown
from .page import CoursePage


class CourseExporter(HTMLExporter):
    """nbconvert's HTML exporter with the course's template (see the module's docs)."""

    export_from_notebook = "Course page (HTML, reads offline)"

    @default("template_name")
    def _template_name_default(self):
        return "course"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(files("backprop_course") / "templates")]

    def _init_preprocessors(self):
        # The course's Jupyter configuration gives nbconvert's plain HTML exporter our
        # markdown filter, sanitizer and page preprocessor (jupyter_config.json); as a
        # subclass this exporter would inherit them: it has its own.
        self.filters = {k: v for k, v in self.filters.items() if not _ours(v)}
        self.preprocessors = [p for p in self.preprocessors if not _ours(p)]
        super()._init_preprocessors()
        self.register_preprocessor(CoursePage(parent=self), enabled=True)

    @pass_context
    def markdown2html(self, context, source):
        """Markdown to HTML with formulas as MathML (nbconvert's filter, with math done here)."""
        cell = context.get("cell", {})
        resources = context.get("resources", {})
        path = resources.get("metadata", {}).get("path", "")
        to_root = resources.get("course", {}).get("lessons_as_html")
        return markdown.render(source, exporter=self, cell=cell, path=path, lessons_as_html=to_root)


def _ours(item):
    """True for a filter or preprocessor of this package named in the configuration."""
    return str(item).startswith("backprop_course.")
