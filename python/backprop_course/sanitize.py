"""What nbconvert's plain HTML export keeps when it sanitizes HTML.

JupyterLab's "Save and Export Notebook As → HTML" asks "Sanitize HTML output?"
and ticks it by default. nbconvert then passes every markdown cell and every
HTML output through `clean_html`, whose short list of tags (no headings, no
paragraphs, no MathML) turns a lesson into a page of literal `<h2>` tags. The
course's Jupyter configuration (`jupyter_config.json`, installed into .venv by
set-up) replaces that filter with this one: still bleach, still no script, no
event handler, no `javascript:` URL, no style sheet, and a CSS sanitizer on
`style`; but it keeps what markdown produces (headings, paragraphs, lists,
tables, code, images from `data:` URLs), MathML Core (the formulas), the
page's link to its own notebook, and the page's math font: one style sheet of
exactly the shape `math_font.css` writes (a font from a `data:` URL, and
declarations without braces or tags), which nothing else can pass for.
"""
import re

import bleach
from bleach.css_sanitizer import ALLOWED_CSS_PROPERTIES, CSSSanitizer

MARKDOWN_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "details", "div", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
MATHML_TAGS = {
    "math", "mi", "mn", "mo", "ms", "mtext", "mspace", "mrow", "mfrac", "msqrt", "mroot", "mstyle",
    "merror", "mpadded", "mphantom", "msub", "msup", "msubsup", "munder", "mover", "munderover",
    "mmultiscripts", "mprescripts", "none", "mtable", "mtr", "mtd", "semantics", "annotation",
}
MATHML_ATTRIBUTES = [
    "display", "displaystyle", "scriptlevel", "mathvariant", "mathsize", "mathcolor", "mathbackground",
    "stretchy", "fence", "separator", "form", "lspace", "rspace", "movablelimits", "largeop", "symmetric",
    "minsize", "maxsize", "accent", "accentunder", "width", "height", "depth", "voffset", "linethickness",
    "columnalign", "rowalign", "columnspacing", "rowspacing", "columnspan", "rowspan", "encoding", "xmlns",
]
CSS = CSSSanitizer(
    allowed_css_properties=set(ALLOWED_CSS_PROPERTIES)
    | {"border", "border-radius", "padding", "margin", "text-align", "font-family", "font-size", "max-width", "overflow"}
)
NOTEBOOK_LINK = "data:application/x-ipynb+json;base64,"


def _attribute(tag, name, value):
    if name in ("class", "id", "title", "style") or (tag in MATHML_TAGS and name in MATHML_ATTRIBUTES):
        return True
    if tag == "a":
        return name == "download" or (name == "href" and (not value.startswith("data:") or value.startswith(NOTEBOOK_LINK)))
    if tag == "img":
        return name in ("src", "alt", "width", "height")
    if tag in ("td", "th"):
        return name in ("colspan", "rowspan", "align")
    return tag == "ol" and name == "start"


MATH_FONT = re.compile(
    r'<style>@font-face \{ font-family: "Course Math"; src: url\(data:font/woff;base64,[A-Za-z0-9+/]+=*\) format\("woff"\); \}\n'
    r'math \{[^{}<>\\]*\}\nmath\[display="block"\] \{[^{}<>\\]*\}</style>'
)


def clean_html(element):
    """nbconvert's `clean_html` filter, keeping what a lesson's page needs (see the module's docs)."""
    text = element.decode() if isinstance(element, bytes) else str(element)
    font = MATH_FONT.match(text.lstrip())
    if font:
        return font.group(0) + _clean(text.lstrip()[font.end():])
    return _clean(text)


def _clean(text):
    return bleach.clean(
        text,
        tags=bleach.ALLOWED_TAGS | MARKDOWN_TAGS | MATHML_TAGS,
        attributes=_attribute,
        protocols=["http", "https", "mailto", "data"],
        css_sanitizer=CSS,
        strip_comments=True,
    )
