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
- `\\cdot` is the dot operator U+22C5, as in MathJax, and a slash (`∂L/∂w`)
  has no space around it, as TeX sets it; `∂` and `∇` are upright identifiers,
  as MathJax writes them, not operators with space after them;
- a prime (`f'`, `\\phi_2'`) follows its base at full size, as TeX draws it,
  instead of a second, smaller prime in the superscript.

`python -m backprop_course.tex` converts every formula of the course's notebooks
and prints how many there are and any that fail.
"""
import collections
import functools
import re
import sys
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
PRIMES = {"\u2032", "\u2033", "\u2034"}
MENDED = collections.Counter()  # how often each mending was needed, for `python -m backprop_course.tex`
BOX_STYLE = "border:1px solid currentColor;padding:0.25em 0.35em"


def _tex(tex):
    """Rewrite the TeX that latex2mathml would draw unlike MathJax."""
    for env, (left, right) in {"bmatrix": ("[", "]"), "pmatrix": ("(", ")"), "vmatrix": ("|", "|")}.items():
        if rf"\begin{{{env}}}" in tex:
            MENDED[f"{env}: brackets that stretch"] += 1
        tex = tex.replace(rf"\begin{{{env}}}", rf"\left{left}\begin{{matrix}}")
        tex = tex.replace(rf"\end{{{env}}}", rf"\end{{matrix}}\right{right}")
    tex, n = re.subn(r"\\dots(?=\s*[-+=<>]|\s*\\(?:cdot|times|pm))", r"\\cdots", tex)
    MENDED["\\dots between operators: centred"] += n
    return tex


def _q(tag):
    return f"{{{MATHML}}}{tag}"


def _mend(root):
    """Mend latex2mathml's tree in place (see the module's docs)."""
    for parent in root.iter():
        for k, e in enumerate(list(parent)):
            tag = e.tag.split("}")[-1]
            text = (e.text or "").strip()
            if tag == "menclose":
                MENDED["\\boxed: a bordered row"] += 1
                e.tag = _q("mrow")
                e.attrib.clear()
                e.set("style", BOX_STYLE)
            elif tag == "mspace" and e.get("width", "").lstrip("-").removeprefix("negative") in NAMED_SPACES:
                MENDED["named space: its width in em"] += 1
                name = e.get("width")
                em = NAMED_SPACES[name.removeprefix("negative")]
                e.set("width", f"{'-' if name.startswith('negative') else ''}{em:.4f}em")
            elif tag in ("msub", "msubsup") and len(e) and e[0].tag == _q("mo") and (e[0].text or "") in BIG_OPERATORS:
                MENDED["sum or product: limits below in display style"] += 1
                e.tag = _q("munder" if tag == "msub" else "munderover")
                e[0].set("movablelimits", "true")
            elif tag == "mo" and len(text) > 1 and text.isalpha():
                MENDED["operator name: an identifier"] += 1
                e.tag = _q("mi")
            elif tag == "mi" and len(text) == 1 and unicodedata.category(text) == "Sm" and text != "\u2202":
                MENDED["symbol: an operator"] += 1
                e.tag = _q("mo")
            elif tag == "mo" and text in ("\u2202", "\u2207"):
                MENDED["∂ and ∇: identifiers, as MathJax writes them"] += 1
                e.tag = _q("mi")
                e.set("mathvariant", "normal")
            elif tag == "mo" and text == "/" and not e.get("lspace"):
                MENDED["slash: no space around it"] += 1
                e.set("lspace", "0")
                e.set("rspace", "0")
            elif tag == "mo" and text == "\u00b7":
                MENDED["\\cdot: U+22C5"] += 1
                e.text = "\u22c5"


def _primes(root):
    """msup(base, ′) → base ′ ; msubsup(base, sub, ′) → msub(base ′, sub)."""
    for e in root.iter():
        tag = e.tag.split("}")[-1]
        if tag in ("msup", "msubsup") and len(e) == (2 if tag == "msup" else 3) and (e[-1].text or "") in PRIMES and not len(e[-1]):
            MENDED["prime: beside its base"] += 1
            prime = ET.Element(_q("mo"), {"lspace": "0", "rspace": "0"})
            prime.text = e[-1].text
            base = ET.Element(_q("mrow"))
            base.extend([e[0], prime])
            rest = list(e)[1:-1]
            for child in list(e):
                e.remove(child)
            e.tag = _q("mrow" if tag == "msup" else "msub")
            e.extend([base, *rest])


@functools.lru_cache(maxsize=4096)
def to_mathml(tex, display=False):
    """The MathML of one TeX formula (`display`: a formula on its own line, `$$…$$`)."""
    mathml = convert(_tex(tex), display="block" if display else "inline")
    root = ET.fromstring(mathml.replace("&nbsp;", "\u00a0"))
    _mend(root)
    _primes(root)
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


def main(paths):
    """Convert every formula of these notebooks (default: the course's); print the
    counts and the mendings, and exit 1 if any formula fails to convert cleanly."""
    import glob

    import nbformat

    from backprop_course import tex  # this module as the exporter imports it (not as __main__)
    from backprop_course.page import formulas, formulas_written

    paths = paths or sorted(glob.glob("notebooks/*.ipynb")) + sorted(glob.glob("notebooks/solutions/*.ipynb"))
    total, failed, distinct = 0, [], set()
    for path in paths:
        pieces = formulas(nbformat.read(path, as_version=4))  # raises on a formula latex2mathml cannot parse
        for piece in pieces:
            text = re.sub(r"<[^>]*>", " ", piece)
            if "<merror" in piece or "\\" in text:
                failed.append((path, piece[:120]))
        written = formulas_written(path)
        if written != len(pieces):
            failed.append((path, f"{written} formulas written in its markdown, {len(pieces)} typeset: "
                                 "a formula inside an HTML tag (a fold's <summary>?) is left as raw $"))
        total += len(pieces)
        distinct.update(pieces)
        print(f"{path}: {len(pieces)} formulas")
    print(f"{total} formulas ({len(distinct)} distinct), {len(failed)} not converted cleanly")
    for name, n in sorted(tex.MENDED.items()):
        print(f"  mended: {name}: {n}")
    for path, piece in failed:
        print(f"  FAILED in {path}: {piece}")
    return 1 if failed or not total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
