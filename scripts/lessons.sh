#!/usr/bin/env bash
# Run every lesson on the evcxr kernel and export it as HTML to site/.
#   bash scripts/lessons.sh           execute all lessons, write site/*.html and site/index.html
#   bash scripts/lessons.sh --store   also write the fresh outputs back into notebooks/
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
STORE=()
[ "${1:-}" = "--store" ] && STORE=(--store)
mkdir -p site
for nb in notebooks/*.ipynb; do
  stem="$(basename "$nb" .ipynb)"
  .venv/bin/python scripts/nbrun.py "$nb" --warm "${STORE[@]}" --html "site/$stem.html"
done
.venv/bin/python scripts/site_index.py notebooks site/index.html
# Stored outputs changed the notebooks' signatures: trust them again so JupyterLab draws the plots.
[ ${#STORE[@]} -gt 0 ] && .venv/bin/jupyter trust notebooks/*.ipynb >/dev/null
echo "site ready: $ROOT/site/index.html"
