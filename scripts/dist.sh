#!/usr/bin/env bash
# Builds the release bundle of every page into dist/ (ARCHITECTURE.md, "One page per area"): trunk builds one
# HTML file at a time, so the service page (index.html, with the worker module and public/) is built into dist/
# and each other page (assessment.html, admin.html) into target/dist-<page>/, whose index.html becomes
# dist/<page>.html beside its hashed wasm, JS and CSS (the CSS files are the same files: same content, same hashed
# names).
set -euo pipefail
cd "$(dirname "$0")/.."
trunk build index.html --release "$@"
for page in assessment admin; do
  rm -rf "target/dist-$page"
  trunk build "$page.html" --release --dist "target/dist-$page" "$@"
  cp "target/dist-$page/index.html" "dist/$page.html"
  for file in "target/dist-$page"/*; do
    name=$(basename "$file")
    [ "$name" = index.html ] && continue
    cp -r "$file" dist/
  done
done
# Precompressed copies beside each file (.gz, .br), for hosts that serve them as they are (README, "Deploying").
node scripts/precompress.mjs dist
