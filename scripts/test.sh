#!/usr/bin/env bash
# Set up (if needed), then run every test: the crate's unit, fixture, property
# and doc tests, every lesson executed on the evcxr kernel, and the JupyterLab
# check in headless Chromium.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "[test] installing Debian's chromium and chromium-driver for the browser test"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
cargo test --workspace "$@"
