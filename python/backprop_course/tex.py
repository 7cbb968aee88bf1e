"""TeX formulas to MathML, which browsers draw natively (MathML Core).

    tex.to_mathml(r"\\frac{\\partial L}{\\partial w}", display=False)  ->  '<math …>…</math>'

latex2mathml parses the TeX; a few of its results are then mended where they
differ from what MathJax (the renderer JupyterLab uses) shows, or where they
use MathML that is not part of MathML Core and so is not drawn by Chromium:

- `bmatrix` (and `pmatrix`, `vmatrix`) become `\\left[ … \\right]` around a
  `matrix`, so the brackets stretch to the matrix's height;
- `\\dots` between two operators is `\\cdots` (centred), as MathJax chooses;
- `menclose` (from `\\boxed`) is a row with a CSS border;
- named spaces (`negativethinmathspace`, from `\\!`) get their width in em;
- a sum or product with a subscript gets its limits below in display style
  (`munder`, `movablelimits`);
- an operator name (`\\max`, `\\operatorname{mean}`) is an identifier, drawn
  upright, and a symbol such as `±` or `⟶` is an operator, with its spacing;
- `\\cdot` is the dot operator U+22C5, as in MathJax.

`python -m backprop_course.tex` converts every formula of the course's notebooks
and prints how many there are and any that fail.
"""
import functools
import re
import unicodedata
from xml.etree import ElementTree as ET

from latex2mathml.converter import convert

MATHML = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", MATHML)

# MathML 3's named spaces, which MathML Core dropped, in em.
NAMED_SPACES = {
    "veryverythinmathspace": 1 / 18, "verythinmathspace": 2 / 18, "thinmathspace": 3 / 18,
    "mediummathspace": 4 / 18, "thickmathspace": 5 / 18, "verythickmathspace": 6 / 18,
    "veryverythickmathspace": 7 / 18,
}
BIG_OPERATORS = {"\u2211", "\u220f", "\u222b", "\u22c3", "\u22c2"}
BOX_STYLE = "border:1px solid currentColor;padding:0.25em 0.35em"


def _tex(tex):
    """Rewrite the TeX that latex2mathml would draw unlike MathJax."""
    for env, (left, right) in {"bmatrix": ("[", "]"), "pmatrix": ("(", ")"), "vmatrix": ("|", "|")}.items():
        tex = tex.replace(rf"\begin{{{env}}}", rf"\left{left}\begin{{matrix}}")
        tex = tex.replace(rf"\end{{{env}}}", rf"\end{{matrix}}\right{right}")
    return re.sub(r"\\dots(?=\s*[-+=<>,]|\s*\\(?:cdot|times|pm))", r"\\cdots", tex)


def _q(tag):
    return f"{{{MATHML}}}{tag}"


def _mend(root):
    """Mend latex2mathml's tree in place (see the module's docs)."""
    for parent in root.iter():
        for k, e in enumerate(list(parent)):
            tag = e.tag.split("}")[-1]
            text = (e.text or "").strip()
            if tag == "menclose":
                e.tag = _q("mrow")
                e.attrib.clear()
                e.set("style", BOX_STYLE)
            elif tag == "mspace" and e.get("width", "").lstrip("-").removeprefix("negative") in NAMED_SPACES:
                name = e.get("width")
                em = NAMED_SPACES[name.removeprefix("negative")]
                e.set("width", f"{'-' if name.startswith('negative') else ''}{em:.4f}em")
            elif tag in ("msub", "msubsup") and len(e) and e[0].tag == _q("mo") and (e[0].text or "") in BIG_OPERATORS:
                e.tag = _q("munder" if tag == "msub" else "munderover")
                e[0].set("movablelimits", "true")
            elif tag == "mo" and len(text) > 1 and text.isalpha():
                e.tag = _q("mi")
            elif tag == "mi" and len(text) == 1 and unicodedata.category(text) == "Sm" and text != "\u2202":
                e.tag = _q("mo")
            elif tag == "mo" and text == "\u00b7":
                e.text = "\u22c5"


@functools.lru_cache(maxsize=4096)
def to_mathml(tex, display=False):
    """The MathML of one TeX formula (`display`: a formula on its own line, `$$…$$`)."""
    mathml = convert(_tex(tex), display="block" if display else "inline")
    root = ET.fromstring(mathml.replace("&nbsp;", "\u00a0"))
    _mend(root)
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)
