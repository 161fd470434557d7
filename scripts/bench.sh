#!/usr/bin/env bash
# Benchmarks (not part of the test command): host criterion benches of the engine, then the
# browser harness (release build in headless Chromium, with a plain-JS baseline).
# BENCH_SIZES=100000 scripts/bench.sh browser   # only the browser part, only 100k events
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
what=${1:-all}
if [ "$what" = all ] || [ "$what" = host ]; then
  cargo bench -p console-core --bench engine
fi
if [ "$what" = all ] || [ "$what" = browser ]; then
  trunk build --release
  cargo build -q -p console-core --release --bin trail-gen
  cargo build -q -p oss-emulator
  TRAIL_GEN=target/release/trail-gen node bench/browser.mjs
fi
