#!/usr/bin/env bash
# Run the console: install what is missing, build, start the local OSS emulator on
# http://localhost:9000 (allowing the console's origins) and serve the app on
# http://127.0.0.1:8080 with the headers a deployment should send (scripts/serve.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh build
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

cargo build -p oss-emulator --release --locked
./target/release/oss-emulator --addr 127.0.0.1:9000 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT INT TERM

trunk build --release
echo
echo "  OSS Console:        http://127.0.0.1:8080/"
echo "  Local OSS emulator: http://localhost:9000 (\"Use the local emulator\" in the app)"
echo
node scripts/serve.mjs --port 8080
