"""The math font a page's formulas are drawn with, embedded in the page.

Browsers lay MathML out with an OpenType math font (one with a MATH table: the
sizes of fractions and scripts, and the glyphs that stretch brackets around a
matrix). Windows and macOS have one; many Linux machines do not, and there
brackets stay small and primes float. So each page carries its own: the
characters its formulas use, cut from STIX Two Math (SIL Open Font License 1.1,
the copy the pinned `ziamath` package ships), with their stretched variants and
script forms, as a WOFF font in a `data:` URL: 25–37 kB per lesson page.
"""
import base64
import functools
import io
import re
from importlib.resources import files

from fontTools import subset
from fontTools.ttLib import TTFont

FAMILY = "Course Math"
# Brackets the converter may stretch even if the page's text does not show them.
ALWAYS = "()[]{}|‖⟨⟩"


def font_path():
    """The full STIX Two Math font shipped with ziamath."""
    return files("ziamath") / "fonts" / "STIXTwoMath-Regular.ttf"


def characters(mathml_pieces):
    """The characters that a page's MathML shows."""
    return set("".join(re.sub(r"<[^>]*>", "", m) for m in mathml_pieces)) | set(ALWAYS)


@functools.lru_cache(maxsize=64)
def woff(chars):
    """STIX Two Math cut to `chars` (a frozenset), as WOFF bytes."""
    options = subset.Options()
    options.layout_features = ["ssty", "flac", "dtls"]  # script-size forms, flattened accents, dotless i and j
    options.name_IDs = ["*"]  # keeps the copyright and licence records
    options.hinting = False
    options.notdef_outline = True
    options.flavor = "woff"
    font = TTFont(str(font_path()))
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=sorted(ord(c) for c in chars))
    cutter.subset(font)  # keeps the MATH table and the variants it names
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def css(mathml_pieces):
    """A style sheet that draws every `<math>` of the page with its own cut of the font."""
    data = base64.b64encode(woff(frozenset(characters(mathml_pieces)))).decode("ascii")
    return (
        f'@font-face {{ font-family: "{FAMILY}"; src: url(data:font/woff;base64,{data}) format("woff"); }}\n'
        f'math {{ font-family: "{FAMILY}", math; font-size: 1.1em; }}\n'
        'math[display="block"] { margin: 0.6em 0; overflow-x: auto; overflow-y: hidden; }'
    )
