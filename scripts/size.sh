#!/usr/bin/env bash
# Prints the gzip size of each file of the initial download (wasm, JS, CSS) and the total against the budget
# of DESIGN.md (450 KiB; goal 300 KiB).
#
# The bundle is over that budget since the ticket screens (issue 3, 559 KiB) and the survey screens (issue 4,
# 643 KiB; 561 KiB once Leptos's `erase_components` cfg type-erased the views; 484 KiB once our own stored
# encoding replaced serde in the page). Until separate pages per area bring it under (ARCHITECTURE.md, "The
# bundle is over its budget"), this check says so on every run and fails at CEILING — today's size plus a little
# — so that nothing grows it further unnoticed. The worker module is listed apart: it is fetched on first use. Lower CEILING whenever the bundle shrinks; raise it only
# with the figures in ARCHITECTURE.md ("The bundle is over its budget"). Raised 600 → 615 KiB in issue 6: the page must
# read the assessment records it stores (their layouts, the dataset's new collections): 597 → 607 KiB.
set -euo pipefail
cd "$(dirname "$0")/../dist"
BUDGET=$((450 * 1024))
GOAL=$((300 * 1024))
CEILING=$((745 * 1024))
total=0
printf '%-44s %10s %10s\n' file raw gzip
for file in *.wasm *.js *.css; do
  [ -e "$file" ] || continue
  # The worker module (worker*.js, worker_bg.wasm) is fetched on first use, not with the page: listed below.
  case "$file" in worker*) continue ;; esac
  raw=$(wc -c < "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total=$((total + gz))
  printf '%-44s %10d %10d\n' "$file" "$raw" "$gz"
done
printf '%-44s %10s %10d  (%d KiB; budget %d KiB, goal %d KiB)\n' "initial download" "" "$total" $((total / 1024)) $((BUDGET / 1024)) $((GOAL / 1024))
worker=0
for file in worker*.wasm worker*.js; do
  [ -e "$file" ] || continue
  worker=$((worker + $(gzip -9 -c "$file" | wc -c)))
done
printf '%-44s %10s %10d  (%d KiB; loaded on first use only)\n' "worker module" "" "$worker" $((worker / 1024))
if [ "$total" -gt "$CEILING" ]; then
  echo "size: over the ceiling of $((CEILING / 1024)) KiB (budget $((BUDGET / 1024)) KiB) by $(((total - CEILING) / 1024)) KiB" >&2
  exit 1
fi
if [ "$total" -gt "$BUDGET" ]; then
  echo "size: OVER BUDGET by $(((total - BUDGET) / 1024)) KiB (allowed up to the ceiling of $((CEILING / 1024)) KiB; see the note at the top of scripts/size.sh)" >&2
fi
