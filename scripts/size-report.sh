#!/usr/bin/env bash
# Print the raw and gzipped size of the wasm, js and css files in a Trunk dist/.
set -euo pipefail
dir=${1:-dist}
total=0
printf '%-44s %10s %10s\n' file bytes gzipped
for f in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + gz))
  printf '%-44s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-44s %10s %10d\n' "total (gzipped)" "" "$total"
