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
cargo build -p console-core --release --bin trail-gen --locked
node --test --test-concurrency=1 e2e/
