#!/usr/bin/env bash
# A base image made here, for a machine that reaches Debian's packages but no
# container registry (docker/Dockerfile's BASE_IMAGE):
#
#     sudo bash docker/local_base.sh [NAME]      # default backprop-base:bookworm
#
# Debian 12 from debootstrap, with what the course's build needs (this machine's
# Python 3.11, a C toolchain, git, curl) and the layout of a Jupyter
# Docker Stacks image that docker/Dockerfile relies on: the user jovyan
# (NB_UID 1000, NB_GID 100) and /usr/local/bin/before-notebook.d. Imported
# with `podman import`; needs root, debootstrap and podman.
set -euo pipefail
NAME="${1:-backprop-base:bookworm}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if podman image exists "$NAME"; then echo "[base] $NAME is here already"; exit 0; fi
ROOTFS="$(mktemp -d /var/tmp/backprop-base.XXXXXX)"
trap 'rm -rf "$ROOTFS"' EXIT
echo "[base] debootstrap bookworm into $ROOTFS (a few minutes)"
debootstrap --variant=minbase \
  --include=python3,python3-venv,python3-pip,ca-certificates,curl,git,build-essential,procps \
  bookworm "$ROOTFS" "$MIRROR" >/dev/null
chroot "$ROOTFS" useradd --uid 1000 --gid 100 --create-home --shell /bin/bash jovyan
mkdir -p "$ROOTFS/usr/local/bin/before-notebook.d"
# The course pins its Python packages for Python 3.11.5 or later; Debian 12's own is
# 3.11.2, so the base gets this machine's Python 3.11 (the one the course is tested
# with; its standard library only) as /usr/local/bin/python3.11.
PY="${PYTHON:-python3.11}"
PYHOME="$("$PY" -c 'import sys; assert sys.version_info[:3] >= (3, 11, 5), sys.version; print(sys.base_prefix)')"
# Under /usr/local, where a virtualenv made from it finds its standard library.
tar -C "$PYHOME" --exclude='lib/python3.11/site-packages/*' -cf - lib include | tar -C "$ROOTFS/usr/local" -xf -
cp "$PYHOME/bin/python3.11" "$ROOTFS/usr/local/bin/python3.11"
chroot "$ROOTFS" ldconfig
chroot "$ROOTFS" /usr/local/bin/python3.11 -c 'import ssl, sqlite3, ctypes, venv, subprocess' \
  || { echo "[base] the copied Python does not run in the base" >&2; exit 1; }
# The certificate authorities this machine adds to Debian's (a network that
# inspects TLS has one), so the build's pip, cargo and apt reach their registries
# from inside the image as they do here; pip and cargo are told to use the
# system's list (PIP_CERT, SSL_CERT_FILE below) rather than their own.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$ROOTFS/usr/local/share/ca-certificates/"
  chroot "$ROOTFS" update-ca-certificates >/dev/null
fi
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
echo "[base] importing it as $NAME"
tar -C "$ROOTFS" -c . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NB_USER=jovyan' --change 'ENV NB_UID=1000' --change 'ENV NB_GID=100' \
  --change 'ENV HOME=/home/jovyan' \
  --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
  --change 'ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt' --change 'USER 1000' --change 'WORKDIR /home/jovyan' \
  --change 'CMD ["bash"]' - "$NAME" 2>&1 | grep -v '^\(Getting image\|Copying\|Writing manifest\|Storing signatures\|sha256:\)' || true
podman image exists "$NAME" || { echo "[base] podman import failed" >&2; exit 1; }
echo "[base] $NAME"
