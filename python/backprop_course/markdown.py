"""Markdown cells to HTML with every formula as MathML, made at export time.

nbconvert's own renderer leaves `$…$` and `$$…$$` in the page for MathJax to
typeset in the reader's browser (from a CDN by default); this one parses the
same delimiters with nbconvert's parser and writes MathML instead (`tex`), so
a page needs no script and no network to show its formulas.

`markdown2html` is a Jinja filter with the signature of nbconvert's own; the
course's exporter uses it, and the course's Jupyter configuration gives it to
nbconvert's plain HTML exporter too (`jupyter_config.json`).
"""
import re

from jinja2 import pass_context
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

from . import tex


class MathMLRenderer(IPythonRenderer):
    """nbconvert's markdown renderer, with formulas written as MathML.

    `lessons_as_html`: None, or the path from the page to the site's root; then a
    link to another lesson (`day03-backprop-core.ipynb`, which JupyterLab opens)
    leads to its page on the site (`day03-backprop-core.html`)."""

    def __init__(self, *args, lessons_as_html=None, **kw):
        super().__init__(*args, **kw)
        self.lessons_as_html = lessons_as_html

    def link(self, text, url, title=None):
        if self.lessons_as_html is not None and (m := re.fullmatch(r"([\w.-]+)\.ipynb(#.*)?", url)):
            url = f"{self.lessons_as_html}{m.group(1)}.html{m.group(2) or ''}"
        return super().link(text, url, title)

    def block_math(self, body):
        return tex.to_mathml(body, display=True)

    def inline_math(self, body):
        return tex.to_mathml(body, display=False)

    def latex_environment(self, name, body):
        return tex.to_mathml(rf"\begin{{{name}}}{body}\end{{{name}}}", display=True)

    def multiline_math(self, text):
        return tex.to_mathml(text.strip().strip("$"), display=True)


def render(source, exporter=None, cell=None, path="", lessons_as_html=None):
    """The HTML of one markdown `source`, with the exporter's anchor settings if given."""
    options = {"lessons_as_html": lessons_as_html}
    if exporter is not None:
        options.update(
            embed_images=exporter.embed_images,
            anchor_link_text=exporter.anchor_link_text,
            exclude_anchor_links=exporter.exclude_anchor_links,
            **exporter.lexer_options,
        )
    renderer = MathMLRenderer(escape=False, attachments=(cell or {}).get("attachments", {}), path=path, **options)
    return MarkdownWithMath(renderer=renderer).render(source)


@pass_context
def markdown2html(context, source):
    """Jinja filter: markdown to HTML with MathML formulas (for any HTML exporter)."""
    path = context.get("resources", {}).get("metadata", {}).get("path", "")
    return render(source, cell=context.get("cell", {}), path=path)
