#!/usr/bin/env bash
# Fuzzing (not part of the test command): each target for SECONDS (default 600), one after
# another, niced, seeded from its fuzz/seeds/<target> corpus. Stable toolchain, no sanitizer.
#   scripts/fuzz.sh                 # every target
#   scripts/fuzz.sh engine 3600     # one target for an hour
# A crash stops its target and leaves the input in <crate>/fuzz/artifacts/<target>/: minimize it
# (`cargo fuzz tmin`), fix the bug, and add it to the crate's tests/fuzz-regressions/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz
seconds=${2:-600}
targets="load events engine credentials responses session share listing fleet lifecycle requests"
for t in ${1:-$targets}; do
  case $t in
    requests) dir=crates/emulator ;;
    *) dir=crates/core ;;
  esac
  mkdir -p "$dir/fuzz/corpus/$t" "$dir/fuzz/seeds/$t"
  (cd "$dir" && RUSTC_BOOTSTRAP=1 nice -n 19 cargo fuzz run "$t" -s none "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=4096 -print_final_stats=1)
done
