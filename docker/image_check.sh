#!/usr/bin/env bash
# Builds the course image with Podman and meets it as a learner, on a machine
# with no container registry and no way to run a container (as the course's
# test machines: `podman build --isolation chroot` works there, `podman run`
# does not):
#
#     sudo bash docker/image_check.sh [--lesson STEM]
#
# 1. a Debian base with the Jupyter Docker Stacks layout (docker/local_base.sh),
# 2. this machine's Rust and evcxr_jupyter, mounted into the build
#    (docker/rust_for_image.sh),
# 3. `podman build` of docker/Dockerfile, tagged as docker/IMAGE names it,
# 4. the image's files mounted (`podman mount`) and entered with chroot as the
#    image's user (uid 1000), with the image's environment: the start hook is
#    there, and docker/check_prefix.py runs every code cell of a lesson
#    (default start-here) through the image's own `rust` kernel, from a
#    learner's fresh copy, with nothing compiled.
# Prints "image check: ok" at the end. Needs root, podman and debootstrap.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LESSON=start-here
[ "${1:-}" = --lesson ] && LESSON="$2"
IMAGE="$(cat "$ROOT/docker/IMAGE")" BASE=backprop-base:bookworm
WORK="$(mktemp -d /var/tmp/backprop-image.XXXXXX)"
CTR="" MNT=""
cleanup() {
  if [ -n "$MNT" ]; then
    for m in tmp dev/pts dev proc; do umount -l "$MNT/$m" 2>/dev/null || true; done
  fi
  [ -n "$CTR" ] && { podman umount "$CTR" >/dev/null 2>&1 || true; podman rm -f "$CTR" >/dev/null 2>&1 || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT
say() { printf '[image] %s\n' "$*"; }

bash "$ROOT/docker/local_base.sh" "$BASE"
bash "$ROOT/docker/rust_for_image.sh" "$WORK/rust"
say "podman build (docker/Dockerfile) as $IMAGE"
start=$(date +%s)
podman rmi -f "$IMAGE" >/dev/null 2>&1 || true
if ! podman build --isolation chroot --build-arg "BASE_IMAGE=localhost/$BASE" \
  -v "$WORK/rust:/opt/rust-local:ro" -f "$ROOT/docker/Dockerfile" -t "$IMAGE" "$ROOT" 2>&1 \
  | sed -e '/^Copying \(blob\|config\)/d' -e 's/^/[image] /'; then
  say "podman build failed"; exit 1
fi
# Layers of earlier builds that no image uses any more (this build's own stay, as its cache).
podman image prune -f >/dev/null 2>&1 || true
say "built in $(( $(date +%s) - start )) s; size $(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.1f GB", $1/1e9}')"

CTR="$(podman create "$IMAGE")"
MNT="$(podman mount "$CTR")"
mount --bind /proc "$MNT/proc"
mount --rbind /dev "$MNT/dev"
mount -t tmpfs tmpfs "$MNT/tmp"
hook="$MNT/usr/local/bin/before-notebook.d/50-backprop-course.sh"
[ -f "$hook" ] || { say "no start hook $hook"; exit 1; }
say "start hook: $(tr '\n' ';' < "$hook")"
[ -d "$MNT/opt/course-src" ] && { say "the build context was left in the image"; exit 1; }
mapfile -t IMAGE_ENV < <(podman image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$IMAGE" | grep .)
user="$(podman image inspect --format '{{.Config.User}}' "$IMAGE")"
say "as user $user, lesson $LESSON, every code cell, through the image's own kernel"
if ! chroot --userspec="$user:100" "$MNT" /usr/bin/env -i "${IMAGE_ENV[@]}" HOME=/home/jovyan \
  /opt/course/course/.venv/bin/python /opt/course/course/docker/check_prefix.py /opt/course \
  --lesson "$LESSON" --cells 1000 2>&1 | sed 's/^/[image] /'; then
  say "the lesson failed inside the image"; exit 1
fi
echo "image check: ok"
