#!/usr/bin/env bash
# Builds the release bundle of both pages into dist/ (ARCHITECTURE.md, "One page per area"): trunk builds one
# HTML file at a time, so the service page (index.html, with the worker module and public/) is built into dist/
# and the assessment page into target/dist-assessment/, whose index.html becomes dist/assessment.html beside its
# hashed wasm, JS and CSS (the CSS files are the same files: same content, same hashed names).
set -euo pipefail
cd "$(dirname "$0")/.."
trunk build index.html --release "$@"
rm -rf target/dist-assessment
trunk build assessment.html --release --dist target/dist-assessment "$@"
cp target/dist-assessment/index.html dist/assessment.html
for file in target/dist-assessment/*; do
  name=$(basename "$file")
  [ "$name" = index.html ] && continue
  cp -r "$file" dist/
done
