#!/usr/bin/env bash
# Idempotent set-up for running and testing the lessons. Safe to run again:
# every step is skipped when it is already done. See environment.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
EVCXR_VERSION=0.22.0
VENV="$ROOT/.venv"
# cargo's own bin folder, for evcxr_jupyter; after PATH, so a toolchain already on PATH is the one used
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$PATH:$HOME/.cargo/bin" ;; esac

say() { printf '[setup] %s\n' "$*"; }

# 1. The evcxr Jupyter kernel (a Rust REPL for Jupyter), built from crates.io
#    (EVCXR_JUPYTER=FILE: one built already, as docker/build.sh passes it).
if [ -n "${EVCXR_JUPYTER:-}" ]; then
  [ -x "$EVCXR_JUPYTER" ] || { echo "[setup] EVCXR_JUPYTER=$EVCXR_JUPYTER is not an executable" >&2; exit 1; }
  say "evcxr_jupyter: $EVCXR_JUPYTER"
  export PATH="$(dirname "$EVCXR_JUPYTER"):$PATH"
elif cargo install --list | grep -q "^evcxr_jupyter v${EVCXR_VERSION}:"; then
  say "evcxr_jupyter ${EVCXR_VERSION} already installed"
else
  say "installing evcxr_jupyter ${EVCXR_VERSION} (about 10 minutes on 2 cores, once)"
  cargo install --locked evcxr_jupyter --version "${EVCXR_VERSION}"
fi

# 2. A project virtualenv with pinned Jupyter packages.
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV with $($PYTHON --version)"
  "$PYTHON" -m venv "$VENV"
fi
STAMP="$VENV/.requirements.sha256"
WANT="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
  say "installing pinned Python packages from requirements.txt"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt
  echo "$WANT" > "$STAMP"
else
  say "Python packages up to date"
fi

# 2b. The course's own Python package (python/): the `course` HTML exporter, registered
#     through nbconvert's exporter entry point (JupyterLab: File → Save and Export Notebook
#     As → Course; `jupyter nbconvert --to course`), and the lessons' parameters cells.
#     Installed editable, so a change to python/ needs no reinstall. Its Jupyter
#     configuration gives nbconvert's plain HTML export the same formulas, page origin and
#     sanitizer, in JupyterLab (server config) and on the command line (nbconvert config).
if ! "$VENV/bin/python" -c 'import backprop_course.exporter' 2>/dev/null \
   || [ "$("$VENV/bin/python" -c 'import backprop_course, pathlib; print(pathlib.Path(backprop_course.__file__).resolve().parent.parent)')" != "$ROOT/python" ]; then
  say "installing the course's exporter (python/) into $VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e "$ROOT/python"
fi
#     (Whole-application settings are read from these single files, not from *.d/ folders.)
mkdir -p "$VENV/etc/jupyter"
rm -f "$VENV/etc/jupyter/jupyter_server_config.d/backprop_course.json"
cp "$ROOT/python/backprop_course/jupyter_config.json" "$VENV/etc/jupyter/jupyter_server_config.json"
cp "$ROOT/python/backprop_course/jupyter_config.json" "$VENV/etc/jupyter/jupyter_nbconvert_config.json"

# 3. The `rust` kernelspec, registered inside the virtualenv so its Jupyter sees it.
#    It starts evcxr through scripts/kernel_launcher.py, which gives each kernel a
#    warm build directory from a small pool (.evcxr-pool/), so a lesson's first
#    output comes in seconds, and two lessons can be open at once.
SPEC="$VENV/share/jupyter/kernels/rust"
if [ ! -f "$SPEC/kernel.json" ]; then
  (cd /tmp && JUPYTER_PATH="$VENV/share/jupyter" evcxr_jupyter --install >/dev/null)
fi
KERNEL_JSON="$("$VENV/bin/python" - "$VENV/bin/python" "$ROOT/scripts/kernel_launcher.py" <<'PY'
import json, sys
print(json.dumps({"argv": [sys.argv[1], sys.argv[2], "--control_file", "{connection_file}"],
                  "display_name": "Rust", "interrupt_mode": "message", "language": "rust"}, indent=1))
PY
)"
if [ "$(cat "$SPEC/kernel.json")" != "$KERNEL_JSON" ]; then
  say "registering the rust kernel (through scripts/kernel_launcher.py) in $VENV/share/jupyter"
  printf '%s\n' "$KERNEL_JSON" > "$SPEC/kernel.json"
fi

# 3b. Kernels started ahead of time in every Jupyter server of the virtualenv
#     (JupyterLab, a JupyterHub single-user server): the server's kernel manager
#     is scripts/jupyter/warm_kernels.py's, which holds two warm kernels and hands
#     one to the next lesson opened.
SITE="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
printf '%s\n' "$ROOT/scripts/jupyter" > "$SITE/backprop_course.pth"
rm -f "$VENV/etc/jupyter/jupyter_server_config.d/backprop_spares.json"  # the spares' relay, before warm_kernels
"$VENV/bin/python" - "$VENV/etc/jupyter/jupyter_server_config.json" <<'PY'
import json, sys
from pathlib import Path
path = Path(sys.argv[1])
config = json.loads(path.read_text()) if path.exists() else {}
config.setdefault("ServerApp", {})["kernel_manager_class"] = "warm_kernels.WarmKernelManager"
config["ServerApp"].setdefault("jpserver_extensions", {})["warm_kernels"] = True  # GET backprop/spares
path.write_text(json.dumps(config, indent=1) + "\n")
PY

# 4. Warm the kernels' build directories: the first lesson of the day starts in seconds.
#    About 2 minutes the first time, a few seconds once warm.
"$VENV/bin/python" scripts/kernel_launcher.py --warm-up | sed 's/^/[setup] /'

# 5. Trust the committed lessons, so JupyterLab renders their stored SVG plots
#    (an untrusted notebook has its SVG stripped from HTML outputs).
"$VENV/bin/jupyter" trust notebooks/*.ipynb notebooks/solutions/*.ipynb >/dev/null 2>&1 || true
say "ready"
