#!/usr/bin/env bash
# The Rust toolchain and evcxr_jupyter of this machine, laid out for an image
# build that cannot download them (docker/Dockerfile, RUST_LOCAL):
#
#     bash docker/rust_for_image.sh DEST
#     podman build -v DEST:/opt/rust-local:ro ...
#
# DEST/rustup holds only the toolchain the Dockerfile pins (RUST_VERSION, with
# rust-src), DEST/cargo/bin rustup's commands, DEST/evcxr_jupyter the built
# kernel (docker/build.sh reuses it instead of building it for 10 minutes).
# Hard links where DEST is on the same file system as the originals.
set -euo pipefail
DEST="$1" VERSION="${RUST_VERSION:-1.95.0}"
RUSTUP="${RUSTUP_HOME:-$HOME/.rustup}" CARGO="${CARGO_HOME:-$HOME/.cargo}"
TRIPLE="$(rustc -vV | sed -n 's/^host: //p')"
TOOLCHAIN="$(readlink -f "$RUSTUP/toolchains/$VERSION-$TRIPLE")"
[ -x "$TOOLCHAIN/bin/rustc" ] || { echo "docker/rust_for_image.sh: no Rust $VERSION under $RUSTUP/toolchains" >&2; exit 1; }
[ -d "$TOOLCHAIN/lib/rustlib/src" ] || { echo "docker/rust_for_image.sh: Rust $VERSION has no rust-src (rustup component add rust-src)" >&2; exit 1; }
[ -x "$CARGO/bin/evcxr_jupyter" ] || { echo "docker/rust_for_image.sh: no $CARGO/bin/evcxr_jupyter (run scripts/setup.sh)" >&2; exit 1; }
copy() { cp -al "$1" "$2" 2>/dev/null || { rm -rf "$2"; cp -a "$1" "$2"; }; }
rm -rf "$DEST" && mkdir -p "$DEST/rustup/toolchains" "$DEST/cargo/bin"
copy "$TOOLCHAIN" "$DEST/rustup/toolchains/$VERSION-$TRIPLE"
printf 'version = "12"\ndefault_toolchain = "%s"\nprofile = "minimal"\nauto_self_update = "disable"\n' \
  "$VERSION-$TRIPLE" > "$DEST/rustup/settings.toml"
cp "$(readlink -f "$CARGO/bin/rustup")" "$DEST/cargo/bin/rustup"
for tool in cargo rustc rustdoc rust-analyzer rustfmt cargo-fmt rust-gdb rust-lldb; do
  ln -s rustup "$DEST/cargo/bin/$tool"
done
copy "$CARGO/bin/evcxr_jupyter" "$DEST/evcxr_jupyter"
chmod -R a+rX "$DEST"
echo "[rust] Rust $VERSION and evcxr_jupyter in $DEST"
