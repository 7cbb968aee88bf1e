"""The course's Python package (installed into .venv by scripts/setup.sh).

- `exporter.CourseExporter`: the `course` nbconvert exporter. One self-contained
  HTML page per notebook: formulas as MathML (`tex`, `markdown`) drawn with a
  subset of the STIX Two Math font embedded in the page (`math_font`), drawings
  inline, where the page came from (`origin`), no script and no request to any
  network. JupyterLab lists it under File → Save and Export Notebook As →
  Course; `jupyter nbconvert --to course LESSON.ipynb` writes LESSON.html; the
  offline site (scripts/build_site.py) is built with it.
- `page.CoursePage`: the preprocessor both HTML exports share (the course's
  exporter, and nbconvert's plain `html` one through `jupyter_config.json`).
- `sanitize.clean_html`: what the plain HTML export keeps when it sanitizes.
- `parameters`: the lessons' `parameters` cells (listed, and new values injected).
"""
