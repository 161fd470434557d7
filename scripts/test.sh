#!/usr/bin/env bash
# Run every test; stops at the first failure. Installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "clippy (host)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy (wasm32)"
cargo clippy -p oss-console --all-targets --target wasm32-unknown-unknown --locked -- -D warnings

step "host tests: crates/core and crates/emulator"
cargo test -p console-core -p oss-emulator --locked

step "wasm component tests in headless Chromium"
cargo test -p oss-console --target wasm32-unknown-unknown --locked

step "release build (trunk, wasm-opt)"
trunk build --release

step "size report (gzipped)"
bash scripts/size-report.sh dist

step "end-to-end tests (Playwright, headless Chromium, release build, local emulator)"
cargo build -p oss-emulator --locked
# The test profile: the host tests above built the same code, so this is a link, not an LTO build.
cargo build -p console-core --bin trail-gen --locked
# One emulator for every file (each resets it before each test).
emu_log=$(mktemp)
# The tests serve the console on 127.0.0.1 at a free port: that is the origin to allow.
target/debug/oss-emulator --addr 127.0.0.1:0 --cors-origin 'http://127.0.0.1:*' >"$emu_log" &
emu_pid=$!
trap 'kill "$emu_pid" 2>/dev/null; rm -f "$emu_log"' EXIT
for _ in $(seq 1 200); do
  port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$emu_log")
  [ -n "$port" ] && break
  kill -0 "$emu_pid" 2>/dev/null || { cat "$emu_log"; echo "the emulator did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "the emulator did not say where it listens" >&2; exit 1; }
E2E_EMULATOR_PORT=$port node --test --test-concurrency=1 e2e/
