#!/usr/bin/env python3
"""Write site/index.html linking every exported lesson: site_index.py NOTEBOOK_DIR OUT.html

The lessons and their order come from NOTEBOOK_DIR/lessons.json, the course's manifest."""
import html
import json
import re
import sys
from pathlib import Path

import nbformat

def plain(text):
    """Markdown emphasis, code and maths markers removed, for a one-line summary."""
    return re.sub(r"[*`$]", "", " ".join(text.split()))


def title_and_blurb(nb):
    """The first markdown heading, and the first prose paragraph after it
    (not a list, not a line of bold text alone)."""
    title = None
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for para in cell.source.split("\n\n"):
            para = para.strip()
            if para.startswith("#"):
                title = title or para.lstrip("# ").splitlines()[0].strip()
                para = "\n".join(para.splitlines()[1:]).strip()
            if title and len(para) > 60 and not para.startswith(("-", "*", "|", "1.")):
                return title, plain(para)
    return title, ""


def main():
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    lessons = json.loads((src / "lessons.json").read_text())["lessons"]
    listed = {lesson["stem"] for lesson in lessons}
    unlisted = sorted(p.stem for p in src.glob("*.ipynb") if p.stem not in listed)
    if unlisted:
        sys.exit(f"site_index.py: {unlisted} are not in {src / 'lessons.json'}")
    books = [src / f"{lesson['stem']}.ipynb" for lesson in lessons]
    items = []
    for p in books:
        nb = nbformat.read(p, as_version=4)
        title, blurb = title_and_blurb(nb)
        blurb = nb.metadata.get("summary", blurb)  # a lesson may state its own one-line summary
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
