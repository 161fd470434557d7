#!/usr/bin/env bash
# Run the console: install what is missing, build, serve on http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh build
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
echo
echo "  OSS Console: http://127.0.0.1:8080/"
echo
exec trunk serve --release
