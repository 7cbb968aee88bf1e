#!/usr/bin/env bash
# Rust and Python where a one-machine hub's learners can run them:
#
#     bash docker/learner_tools.sh DEST
#
# A hub's learners are other users than the one who installed the tools. When
# the toolchain (rustup's) and the Python the course's virtualenv is made from
# sit in a home no other user may enter (root's, on this project's machines),
# this makes copies of both under DEST (hard links where DEST is on the same
# file system: instant, no space), and prints, one KEY=VALUE a line, what makes
# docker/build.sh use them (RUSTUP_HOME, CARGO_HOME, with $CARGO_HOME/bin first
# on PATH, and PYTHON) and what a learner's server needs besides
# (LEARNER_LD_LIBRARY_PATH: the copied Python's own library). On a machine whose Rust and Python are
# installed for all users (/usr/local, /opt), none of this is needed.
set -euo pipefail
DEST="$1"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null || PY=python3
RUSTUP="${RUSTUP_HOME:-$HOME/.rustup}" CARGO="${CARGO_HOME:-$HOME/.cargo}"
PYHOME="$("$PY" -c 'import sys; print(sys.base_prefix)')"
PYNAME="$("$PY" -c 'import sys; print(f"python{sys.version_info[0]}.{sys.version_info[1]}")')"
mkdir -p "$DEST"
chmod 755 "$DEST"
copy() { cp -al "$1" "$2" 2>/dev/null || { rm -rf "$2"; cp -a "$1" "$2"; }; }
[ -d "$DEST/rustup" ] || copy "$RUSTUP" "$DEST/rustup"
[ -d "$DEST/cargo" ] || copy "$CARGO" "$DEST/cargo"
[ -d "$DEST/python" ] || copy "$PYHOME" "$DEST/python"
# (no chmod -R: hard links share their modes with the originals)
printf '%s\n' "RUSTUP_HOME=$DEST/rustup" "CARGO_HOME=$DEST/cargo" "PYTHON=$DEST/python/bin/$PYNAME" \
  "LEARNER_LD_LIBRARY_PATH=$DEST/python/lib"
