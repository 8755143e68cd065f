#!/usr/bin/env bash
# Every check, in order; each runs even if an earlier one failed, and the last line sums them up.
# `make test` calls this after setup; CI calls `make test`.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
failures=()
step() {
  local name=$1
  shift
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

step "format (cargo fmt --check)" cargo fmt --all -- --check
step "clippy, native" cargo clippy --workspace --all-targets -- -D warnings
step "clippy, wasm32" cargo clippy --lib --bin aftersales --bin assessment --bin admin --test browser --target wasm32-unknown-unknown -- -D warnings
step "clippy, wasm32 worker module" cargo clippy -p aftersales-worker --target wasm32-unknown-unknown -- -D warnings
step "native tests (domain, store, tidy)" cargo test -p aftersales
step "browser tests (wasm-bindgen-test in headless Chromium)" \
  cargo test -p aftersales --target wasm32-unknown-unknown --test browser
step "release build (trunk, every page)" scripts/dist.sh
step "bundle size" scripts/size.sh
step "end-to-end tests (WebDriver, headless Chromium, release build)" \
  cargo test -p e2e -- --test-threads=1 --show-output

echo
for name in "${failures[@]}"; do echo "FAILED: $name"; done
echo "checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
