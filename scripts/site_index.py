#!/usr/bin/env python3
"""Write site/index.html linking every exported lesson: site_index.py NOTEBOOK_DIR OUT.html"""
import html
import sys
from pathlib import Path

import nbformat

# The order a learner should follow; lessons not listed here come after, by name.
ORDER = [
    "day03-backprop-core",
    "day03-theory-guide",
    "day10-backprop-basics",
    "backprop-from-scratch",
    "backprop-deep-dive",
]


def title_and_blurb(nb):
    """The first markdown heading, and the first paragraph after it."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = [l for l in cell.source.splitlines()]
        title = next((l.lstrip("# ").strip() for l in lines if l.startswith("#")), None)
        if title:
            rest = [l for l in lines if not l.startswith("#")]
            paras = "\n".join(rest).strip().split("\n\n")
            return title, (paras[0] if paras else "")
    return None, ""


def main():
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    books = sorted(src.glob("*.ipynb"), key=lambda p: (ORDER.index(p.stem) if p.stem in ORDER else len(ORDER), p.stem))
    items = []
    for p in books:
        title, blurb = title_and_blurb(nbformat.read(p, as_version=4))
        items.append(
            f'<li><a href="{html.escape(p.stem)}.html">{html.escape(title or p.stem)}</a>'
            f"<p>{html.escape(blurb)}</p></li>"
        )
    out.write_text(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Backpropagation in Rust</title>"
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}li{margin-bottom:1em}</style>"
        "</head><body><h1>Backpropagation in Rust</h1>"
        "<p>Lessons on how neural networks learn, run as Rust notebooks on the evcxr Jupyter kernel.</p>"
        f"<ol>{''.join(items)}</ol></body></html>\n",
        encoding="utf-8",
    )
    print(f"wrote {out} ({len(items)} lessons)", file=sys.stderr)


if __name__ == "__main__":
    main()
