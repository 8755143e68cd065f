#!/usr/bin/env bash
# Prints the gzip size of each file of the initial download (wasm, JS, CSS) and the total against the budget
# of DESIGN.md (450 KiB; goal 300 KiB). Exits non-zero over budget.
set -euo pipefail
cd "$(dirname "$0")/../dist"
BUDGET=$((450 * 1024))
GOAL=$((300 * 1024))
total=0
printf '%-44s %10s %10s\n' file raw gzip
for file in *.wasm *.js *.css; do
  [ -e "$file" ] || continue
  raw=$(wc -c < "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + gz))
  printf '%-44s %10d %10d\n' "$file" "$raw" "$gz"
done
printf '%-44s %10s %10d  (%d KiB; budget %d KiB, goal %d KiB)\n' "initial download" "" "$total" $((total / 1024)) $((BUDGET / 1024)) $((GOAL / 1024))
if [ "$total" -gt "$BUDGET" ]; then
  echo "size: over budget by $(((total - BUDGET) / 1024)) KiB" >&2
  exit 1
fi
