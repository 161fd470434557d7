#!/usr/bin/env bash
# Idempotent installs shared by scripts/run.sh and scripts/test.sh.
# Usage: scripts/setup.sh build   -> what building and serving the app needs
#        scripts/setup.sh test    -> the above plus browsers and test tools
# Each step checks the version already present and skips it when it matches.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the `=` pin of wasm-bindgen in Cargo.toml (Trunk only uses a matching CLI).
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen *= *"=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n 1)
BINARYEN_VERSION=132
PLAYWRIGHT_VERSION=1.64.1
AXE_VERSION=4.14.1
OSS_SDK_VERSION=1.4.1

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

# The npm tools, installed together: `npm install --no-save` removes what an earlier
# `--no-save` install put in node_modules unless it is named again.
NPM_TOOLS=("binaryen@$BINARYEN_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" "axe-core@$AXE_VERSION")
npm_tools() {
  npm install --no-audit --no-fund --no-save "${NPM_TOOLS[@]}"
}
# Whether node_modules/<name> is at exactly <version>.
npm_has() {
  [ -f "node_modules/$1/package.json" ] && grep -q "\"version\": \"$2\"" "node_modules/$1/package.json"
}
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

need_build() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "installing Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  for c in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$c"; then
      say "installing rustup component $c"; rustup component add "$c"
    fi
  done
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (cargo install, a few minutes)"
    cargo install "trunk@$TRUNK_VERSION" --locked
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install, a few minutes)"
    # Not --locked: the registry lacks one of its locked dependencies.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  if [ ! -x node_modules/.bin/wasm-opt ] || ! node_modules/.bin/wasm-opt --version | grep -q "version $BINARYEN_VERSION"; then
    say "installing binaryen@$BINARYEN_VERSION from npm (wasm-opt), with the other npm tools"
    npm_tools
  fi
}

need_test() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing chromium and chromium-driver from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
  if ! npm_has playwright-core "$PLAYWRIGHT_VERSION" || ! npm_has axe-core "$AXE_VERSION"; then
    say "installing playwright-core@$PLAYWRIGHT_VERSION (no browser download) and axe-core@$AXE_VERSION from npm"
    npm_tools
  fi
  if ! python3 -c "import alibabacloud_oss_v2" 2>/dev/null; then
    say "installing alibabacloud-oss-v2 $OSS_SDK_VERSION from PyPI (signing oracle)"
    python3 -m pip install -q "alibabacloud-oss-v2==$OSS_SDK_VERSION"
  fi
}

case "${1:-build}" in
  build) need_build ;;
  test) need_build; need_test ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
say "tools ready"
