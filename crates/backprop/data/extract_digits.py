#!/usr/bin/env python3
"""Writes digits.csv.gz: scikit-learn's 8×8 handwritten digits, once.

    python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn==1.7.2
    /tmp/skl/bin/python crates/backprop/data/extract_digits.py

One line per image: the label (0-9), then the 64 pixel values (0-16), row by
row, top left first. gzip with mtime 0, so the file is the same on every run.
Provenance and licence: DIGITS.md beside this script.
"""
import gzip
import hashlib
from pathlib import Path

from sklearn.datasets import load_digits

HERE = Path(__file__).resolve().parent

digits = load_digits()
lines = [",".join([str(int(label))] + [str(int(p)) for p in image]) for image, label in zip(digits.data, digits.target)]
text = ("\n".join(lines) + "\n").encode()
out = HERE / "digits.csv.gz"
with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
    gz.write(text)
print(f"{out}: {len(lines)} images, {out.stat().st_size} bytes, sha256 of the CSV {hashlib.sha256(text).hexdigest()}")
