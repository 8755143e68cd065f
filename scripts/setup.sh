#!/usr/bin/env bash
# Installs what the project needs, skipping whatever is already there (a second run takes a second).
#   scripts/setup.sh build   — the wasm32 target, trunk, wasm-bindgen-cli at the version in Cargo.lock, wasm-opt
#   scripts/setup.sh test    — the above, plus Debian's chromium and chromium-driver
# Everything comes from rustup, crates.io, npm or apt; trunk is configured offline so it never downloads a tool.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (about 4 minutes, once)"
  # not --locked: the registry index here lacks a version its lockfile pins
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
  say "installing wasm-opt (binaryen 132 from npm)"
  npm ci --prefix tools --no-audit --no-fund
fi

if ! command -v python3 >/dev/null; then
  say "installing python3 (trunk's build hook writes the Content-Security-Policy with it)"
  apt-get update && apt-get install -y python3
fi

if [ "${1:-build}" = test ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver"
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
  if ! python3 -c 'import cryptography' 2>/dev/null; then
    say "installing Debian's python3-cryptography (a test decrypts an export the way the README shows)"
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-cryptography
  fi
  if ! rustup component list --installed | grep -q '^clippy'; then rustup component add clippy; fi
  if ! rustup component list --installed | grep -q '^rustfmt'; then rustup component add rustfmt; fi
fi
