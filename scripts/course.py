"""The course's lessons, read from one place: notebooks/lessons.json.

    import course
    course.lessons()          # [{"stem": "start-here", "plots": 1}, ...] in reading order
    course.stems()            # ["start-here", "day03-backprop-core", ...]
    course.lesson("day10-backprop-basics")   # one entry; exits with a message if unknown

Every script that needs the lesson list imports this module (scripts/ is on the
path of the project's virtualenv through backprop_course.pth, and each script
in scripts/ or bench/ can put it there), so the manifest is parsed in one place.
Only the lessons listed there are lessons: any other notebook in notebooks/ is
left alone.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "notebooks" / "lessons.json"


def lessons():
    """Every lesson of the manifest, in the order a learner reads them."""
    return json.loads(MANIFEST.read_text())["lessons"]


def stems():
    """The lessons' notebook names, without .ipynb, in reading order."""
    return [entry["stem"] for entry in lessons()]


def lesson(stem):
    """The manifest's entry for `stem` (a name with or without .ipynb)."""
    stem = stem.removesuffix(".ipynb")
    for entry in lessons():
        if entry["stem"] == stem:
            return entry
    sys.exit(f"no lesson '{stem}' in notebooks/lessons.json; the lessons are: {' '.join(stems())}")


if __name__ == "__main__":
    print(" ".join(stems()))
