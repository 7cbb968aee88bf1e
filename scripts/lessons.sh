#!/usr/bin/env bash
# Run the lessons on the evcxr kernel and build the offline site (site/, or $SITE_DIR):
# each executed notebook goes to the site, and scripts/build_site.py makes its page with
# the course's exporter (the one JupyterLab offers as Save and Export Notebook As → Course).
#   bash scripts/lessons.sh                      run every lesson; write site/*.ipynb, site/*.html and site/index.html
#   bash scripts/lessons.sh --store              also write the fresh outputs back into notebooks/
#   bash scripts/lessons.sh STEM -p NAME VALUE…  run one lesson with other values (papermill's -p):
#                                                writes the executed site/STEM-NAME=VALUE….ipynb and its page beside it;
#                                                NAME@2 picks the lesson's second parameters cell
#   bash scripts/lessons.sh --list-params STEM   print every parameter of a lesson, its type and its value
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SITE="${SITE_DIR:-site}"
bash scripts/setup.sh
mkdir -p "$SITE"
lessons() { .venv/bin/python scripts/course.py; }
if [ "${1:-}" = "--list-params" ]; then
  stem="${2:-}"; stem="${stem%.ipynb}"
  [ -n "$stem" ] && [ -f "notebooks/$stem.ipynb" ] || { echo "no lesson '$stem'; the lessons are: $(lessons)" >&2; exit 2; }
  exec .venv/bin/python scripts/nbrun.py "notebooks/$stem.ipynb" --list-params
fi
if [ $# -gt 0 ] && [ "$1" != "--store" ]; then
  stem="${1%.ipynb}"; stem="${stem#notebooks/}"; shift
  [ -f "notebooks/$stem.ipynb" ] || { echo "no lesson '$stem'; the lessons are: $(lessons)" >&2; exit 2; }
  PARAMS=(); name="$stem"
  while [ $# -gt 0 ]; do
    case "$1" in
      -p|--parameters)
        [ $# -ge 3 ] || { echo "usage: lessons.sh STEM -p NAME VALUE [-p NAME VALUE]…" >&2; exit 2; }
        PARAMS+=(--param "$2=$3"); name="$name-$2=$3"; shift 3 ;;
      *) echo "unknown argument: $1 (usage: lessons.sh STEM -p NAME VALUE …)" >&2; exit 2 ;;
    esac
  done
  name="${name//\//_}"; name="${name// /_}"
  .venv/bin/python scripts/nbrun.py "notebooks/$stem.ipynb" "${PARAMS[@]}" --save-executed "$SITE/$name.ipynb" || exit $?
  .venv/bin/python scripts/build_site.py "$SITE"
  echo "wrote $SITE/$name.html"
  exit 0
fi
STORE=()
[ "${1:-}" = "--store" ] && STORE=(--store)
for nb in notebooks/*.ipynb; do
  stem="$(basename "$nb" .ipynb)"
  .venv/bin/python scripts/nbrun.py "$nb" "${STORE[@]}" --save-executed "$SITE/$stem.ipynb"
done
# The solutions notebooks are run (and, with --store, stored) too; build_site.py exports them as stored.
for nb in notebooks/solutions/*.ipynb; do
  .venv/bin/python scripts/nbrun.py "$nb" "${STORE[@]}"
done
.venv/bin/python scripts/build_site.py "$SITE"
# Stored outputs changed the notebooks' signatures: trust them again so JupyterLab draws the plots.
[ ${#STORE[@]} -gt 0 ] && .venv/bin/jupyter trust notebooks/*.ipynb notebooks/solutions/*.ipynb >/dev/null
echo "site ready: $ROOT/$SITE/index.html"
