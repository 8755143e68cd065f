#!/usr/bin/env bash
# `make bench`'s last measure (issue 19, item 5): each page's first start scored by Lighthouse's mobile preset
# against the floor, a bare Leptos app with the router and IndexedDB (bench/floor), both served with their
# precompressed copies as a host serves them (scripts/serve.py). Needs dist/ (scripts/dist.sh). Lighthouse comes
# from npm into tools/bench/ (installed here only: `make test` does not need it).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x tools/bench/node_modules/.bin/lighthouse ] || npm ci --prefix tools/bench --no-audit --no-fund
(cd bench/floor && trunk build --release)
node scripts/precompress.mjs target/dist-floor
mkdir -p target/bench
python3 scripts/serve.py 8091 > /dev/null 2>&1 &
app=$!
python3 scripts/serve.py 8092 target/dist-floor > /dev/null 2>&1 &
floor=$!
trap 'kill $app $floor' EXIT
sleep 1
node tools/bench/lighthouse.mjs http://127.0.0.1:8091 http://127.0.0.1:8092 target/bench/browser.tsv
